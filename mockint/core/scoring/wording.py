"""How a check's outcome is put into words: which of its message templates applies, the values a
template is filled with (only the ones it names), the answer's words quoted, a red flag found by
two checks said once, and a criterion's advice without two tips that say the same thing.

The scorer (:mod:`mockint.core.scoring.engine`) decides the points; this module only words them.
"""

from __future__ import annotations

from dataclasses import dataclass
from functools import lru_cache
from string import Formatter
from typing import TYPE_CHECKING, Any

from mockint.core.data.strings import more
from mockint.core.scoring.matching import near_copy
from mockint.core.scoring.model import TEMPLATE_FIELDS, CheckSpec

if TYPE_CHECKING:
    from mockint.core.questions.bank import Question
    from mockint.core.scoring.checks import Outcome


@dataclass(slots=True)
class Flag:
    """A red flag already said in this criterion: where its message and cap are, the spans quoted,
    and the templates they are said with."""
    msg: int
    cap: int | None
    spans: list[tuple[int, int]]
    template: str
    why: str


def merged(spans: list[tuple[int, int]]) -> list[tuple[int, int]]:
    """Spans of the answer joined where they overlap or touch, in order: the words of one flag
    that two checks found, quoted once."""
    out: list[tuple[int, int]] = []
    for a, b in sorted(spans):
        if out and a <= out[-1][1] + 1:
            out[-1] = (out[-1][0], max(out[-1][1], b))
        else:
            out.append((a, b))
    return out


def quote(texts: list[str], lang: str = "en", limit: int = 4) -> str:
    """The texts quoted, each once (by case), the first ``limit`` of them, "(+N more)" after, in
    the answer's language ("(și încă N)")."""
    uniq: list[str] = []
    seen: set[str] = set()
    for t in texts:
        t = " ".join(t.split()).strip(" ,.;:")      # '". Practic"' read as '"Practic"' (issue 19)
        if not t:
            continue
        if len(t) > 60:
            t = t[:57] + "..."
        if t.lower() not in seen:
            seen.add(t.lower())
            uniq.append(t)
    shown = ", ".join(f'"{t}"' for t in uniq[:limit])
    return shown + more(lang, len(uniq) - limit)


class _Vars(dict):
    def __missing__(self, key: str) -> str:
        return ""


@lru_cache(maxsize=4096)
def fields(template: str) -> frozenset[str]:
    """The {field} names a message template uses."""
    if not template or "{" not in template:
        return frozenset()
    return frozenset(name for _, name, _, _ in Formatter().parse(template) if name)


def fmt(template: str, values: dict[str, Any]) -> str:
    """The template filled with ``values`` (a field without a value: empty)."""
    return template.format_map(_Vars(values)).strip() if template else ""


def template_for(spec: CheckSpec, count: int, ok: bool, has_evidence: bool) -> str:
    """Which of the check's messages applies (empty: none to show): a penalty's ``found`` when it
    found something; a check short of its target says what is missing (``partial`` when it found
    some); a passed check says ``found`` when it has evidence to show."""
    if spec.effect == "penalty":
        return spec.found if count else ""
    if not ok:
        return (spec.partial or spec.missing) if count else spec.missing
    return spec.found if has_evidence else ""


def template_values(template: str, why: str, ev: list, o: Outcome, spec: CheckSpec, words: int,
                    q: Question) -> dict[str, Any]:
    """The values the message ``template`` and the cap's ``why`` name, and only those: the hits
    quoted (from ``ev``, the evidence), the count, target, words and the question's length
    budget; a check's own values (``o.vars``) when a template may name them."""
    values: dict[str, Any] = {}
    for f in fields(template) | fields(why):
        if f == "hits":
            values[f] = quote([e.text for e in ev], q.lang)
        elif f == "count":
            values[f] = o.count
        elif f == "target":
            values[f] = _num(spec.target)
        elif f == "words":
            values[f] = words
        elif f == "min":
            values[f] = q.min_words
        elif f == "max":
            values[f] = q.max_words
        if f in o.vars and f in TEMPLATE_FIELDS:
            values[f] = o.vars[f]
    return values


def distinct(sentences: list[str]) -> list[str]:
    """The sentences that are not empty and do not say again what one before says."""
    out: list[str] = []
    for s in sentences:
        if s and not any(near_copy(s, t) for t in out):
            out.append(s)
    return out


def _num(x: float) -> str:
    return str(int(x)) if float(x).is_integer() else f"{x:g}"
