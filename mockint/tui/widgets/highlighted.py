"""The answer with its evidence highlighted, each mark numbered and traceable to its rule id.

Reward and bonus spans are green, penalties red, repeated phrases orange. Gate evidence (e.g. the
on-topic words) is not marked: it would colour half the answer and say little.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import TYPE_CHECKING

from rich.text import Text
from textual.widgets import Static

from mockint.core.data.display import clipped
from mockint.core.data.display import highlighted as is_highlighted
from mockint.core.data.safe import printable
from mockint.tui.widgets.hanging import Hanging

if TYPE_CHECKING:
    from mockint.core.scoring.engine import Result

MAX_SHOWN = 20_000       # characters of the answer shown; longer answers are cut, with a note
MAX_MARKS = 60           # numbered marks listed under the answer
STYLES = {"reward": "bold green", "bonus": "bold green", "penalty": "bold red", "repeat": "bold dark_orange"}
_SUP = str.maketrans("0123456789", "⁰¹²³⁴⁵⁶⁷⁸⁹")


@dataclass
class Mark:
    """One marked span of the answer and every rule that marked it."""
    number: int
    start: int
    end: int
    text: str
    rules: list[str] = field(default_factory=list)
    tone: str = "reward"     # reward | bonus | penalty | repeat (the strongest of its rules)


_TONE_RANK = {"reward": 0, "bonus": 0, "repeat": 1, "penalty": 2}
_JOINERS = "-'’.,"           # inside a word when letters or digits stand on both sides: month-end, 40,000


def word_end(text: str, end: int) -> int:
    """Where the word that ``end`` falls in ends: a mark's number goes there, never inside a word
    ("month⁶-end" read as two words), nor between a figure and its "%" ("120 %", "120%")."""
    i, n = end, len(text)
    if i <= 0 or i >= n or not text[i - 1].isalnum():
        return end
    while i < n:
        c = text[i]
        if text[i - 1].isdigit() and c in " \u00a0" and text[i + 1:i + 2] == "%":
            return i + 2                                  # "120 %": the figure and its sign
        joined = c in _JOINERS and i + 1 < n and text[i + 1].isalnum() and text[i - 1].isalnum()
        if not (c.isalnum() or joined or (c == "%" and text[i - 1].isdigit())):
            break
        i += 1
    return i


def in_reading_order(marks: list[Mark], answer: str) -> list[Mark]:
    """``marks`` numbered in the order their numbers are read in the answer (where each one's
    number goes, then where it starts): the superscripts were out of order ("kind of⁹ forgot⁸",
    "territory²·³ split?¹"), and the Marks list follows the same order."""
    ordered = sorted(marks, key=lambda m: (word_end(answer, m.end), m.start, m.end))
    for i, m in enumerate(ordered, 1):
        m.number = i
    return ordered


def marks_of(result: Result) -> list[Mark]:
    kinds = {k.rule: k.kind for c in result.criteria for k in c.checks}
    by_span: dict[tuple[int, int], Mark] = {}
    for e in result.evidence():
        if not is_highlighted(kinds.get(e.rule, ""), e.effect) or e.end <= e.start:
            continue
        tone = "repeat" if kinds.get(e.rule) == "repetition" else e.effect
        mark = by_span.get((e.start, e.end))
        if mark is None:
            mark = by_span[(e.start, e.end)] = Mark(len(by_span) + 1, e.start, e.end, e.text, tone=tone)
        if e.rule not in mark.rules:
            mark.rules.append(e.rule)
        if _TONE_RANK[tone] > _TONE_RANK[mark.tone]:
            mark.tone = tone
    return in_reading_order(list(by_span.values()), result.answer)


def highlighted(answer: str, marks: list[Mark]) -> Text:
    """The answer as plain text (never markup), styled per mark, with superscript numbers after the
    word each mark ends in (``word_end``)."""
    shown = answer[:MAX_SHOWN]
    base = Text(printable(shown))             # one visible sign per control character: offsets kept
    for m in sorted(marks, key=lambda m: _TONE_RANK[m.tone]):      # penalties drawn last, on top
        if m.start < len(shown):
            base.stylize(STYLES[m.tone], m.start, min(m.end, len(shown)))
    numbered = [m for m in marks[:MAX_MARKS] if m.end <= len(shown)]
    by_end: dict[int, list[int]] = {}
    for m in sorted(numbered, key=lambda m: m.number):
        by_end.setdefault(word_end(shown, m.end), []).append(m.number)
    ends = sorted(by_end)
    pieces = list(base.divide(ends)) if ends else [base]
    out = Text()
    for piece, end in zip(pieces, ends + [None]):
        out.append_text(piece)
        if end is not None:
            out.append("·".join(str(n).translate(_SUP) for n in by_end[end]), style="dim")
    if len(answer) > MAX_SHOWN:
        out.append(f" … (+{len(answer) - MAX_SHOWN:,})", style="dim")
    return out


def marks_text(marks: list[Mark], more: str) -> Hanging:
    """The numbered marks, one a line; a long one wraps under its quote, not under its number."""
    items: list[tuple[Text | str, Text | str]] = []
    for m in marks[:MAX_MARKS]:
        sign = "−" if m.tone == "penalty" else ("~" if m.tone == "repeat" else "+")
        body = Text(f"“{clipped(m.text, 61)}”")              # cut at a word's end
        body.append(f"  {', '.join(m.rules)}", style="dim")
        items.append((Text(f"{m.number:>3} {sign} ", style=STYLES[m.tone]), body))
    if len(marks) > MAX_MARKS:
        items.append(("", Text(more.format(n=len(marks) - MAX_MARKS), style="dim")))
    return Hanging(items)


class HighlightedAnswer(Static):
    def __init__(self, result: Result, id: str | None = None) -> None:
        self.marks = marks_of(result)
        super().__init__(highlighted(result.answer, self.marks), id=id, classes="highlighted")
