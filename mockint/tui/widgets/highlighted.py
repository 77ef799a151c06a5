"""The answer with its evidence highlighted, each mark numbered and traceable to its rule id.

Reward and bonus spans are green, penalties red, repeated phrases orange. Gate evidence (e.g. the
on-topic words) is not marked: it would colour half the answer and say little.
"""

from __future__ import annotations

from dataclasses import dataclass

from rich.text import Text
from textual.widgets import Static

from mockint.core.engine import Result

MAX_SHOWN = 20_000       # characters of the answer shown; longer answers are cut, with a note
MAX_MARKS = 60           # numbered marks listed under the answer
STYLES = {"reward": "bold green", "bonus": "bold green", "penalty": "bold red", "repeat": "bold dark_orange"}
_SUP = str.maketrans("0123456789", "⁰¹²³⁴⁵⁶⁷⁸⁹")


@dataclass(frozen=True)
class Mark:
    number: int
    start: int
    end: int
    text: str
    rule: str
    tone: str            # reward | bonus | penalty | repeat


def marks_of(result: Result) -> list[Mark]:
    kinds = {k.rule: k.kind for c in result.criteria for k in c.checks}
    seen: set[tuple[int, int, str]] = set()
    out: list[Mark] = []
    for e in result.evidence():
        check_rule = e.rule if e.rule in kinds else None
        if e.effect == "gate" or (e.start, e.end, e.rule) in seen or e.end <= e.start:
            continue
        seen.add((e.start, e.end, e.rule))
        tone = "repeat" if check_rule and kinds[check_rule] == "repetition" else e.effect
        out.append(Mark(len(out) + 1, e.start, e.end, e.text, e.rule, tone))
    return out


def highlighted(answer: str, marks: list[Mark]) -> Text:
    """The answer as plain text (never markup), styled per mark, with superscript numbers."""
    shown = answer[:MAX_SHOWN]
    base = Text(shown)
    order = {"reward": 0, "bonus": 0, "repeat": 1, "penalty": 2}      # penalties drawn last, on top
    for m in sorted(marks, key=lambda m: order[m.tone]):
        if m.start < len(shown):
            base.stylize(STYLES[m.tone], m.start, min(m.end, len(shown)))
    numbered = [m for m in marks[:MAX_MARKS] if m.end <= len(shown)]
    ends = sorted({m.end for m in numbered})
    if not ends:
        pieces = [base]
    else:
        pieces = list(base.divide(ends))
    out = Text()
    by_end: dict[int, list[int]] = {}
    for m in numbered:
        by_end.setdefault(m.end, []).append(m.number)
    for piece, end in zip(pieces, ends + [None]):
        out.append_text(piece)
        if end is not None:
            out.append("·".join(str(n).translate(_SUP) for n in by_end[end]), style="dim")
    if len(answer) > MAX_SHOWN:
        out.append(f" … (+{len(answer) - MAX_SHOWN:,})", style="dim")
    return out


def marks_text(marks: list[Mark], more: str) -> Text:
    out = Text()
    for m in marks[:MAX_MARKS]:
        sign = "−" if m.tone == "penalty" else ("~" if m.tone == "repeat" else "+")
        out.append(f"{m.number:>3} {sign} ", style=STYLES[m.tone])
        quoted = " ".join(m.text.split())
        out.append(f"“{quoted[:60]}{'…' if len(quoted) > 60 else ''}”")
        out.append(f"  {m.rule}\n", style="dim")
    if len(marks) > MAX_MARKS:
        out.append(more.format(n=len(marks) - MAX_MARKS), style="dim")
    return out


class HighlightedAnswer(Static):
    def __init__(self, result: Result, id: str | None = None) -> None:
        self.marks = marks_of(result)
        super().__init__(highlighted(result.answer, self.marks), id=id, classes="highlighted")
