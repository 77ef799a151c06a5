"""What every check kind shares: the evidence span, a check's outcome and context, the base class,
and helpers (negation, token ranges, saturation)."""

from __future__ import annotations

import re
from bisect import bisect_right
from collections.abc import Iterable
from dataclasses import dataclass, field
from typing import Any, ClassVar

from mockint.core.questions.bank import Question
from mockint.core.scoring.matching import Hit, Lexicon, PhraseSet
from mockint.core.scoring.model import CheckSpec, Rubric
from mockint.core.scoring.text import Analysed


@dataclass(slots=True)
class Span:
    start: int        # folded offsets
    end: int
    first: int        # token indexes
    last: int
    rule: str
    note: str = ""    # e.g. the keyword a typo was matched to


@dataclass(slots=True)
class Outcome:
    value: float
    count: int = 0
    spans: list[Span] = field(default_factory=list)
    vars: dict[str, Any] = field(default_factory=dict)


@dataclass
class Ctx:
    a: Analysed
    question: Question
    elapsed: float | None
    run: Any                        # callable(rule id) -> Outcome, for checks that read others
    bank: Any = None                # the scorer's bank (other_question compares its questions)


def _saturate(count: float, target: float) -> float:
    return min(1.0, count / target) if target > 0 else 1.0


def _token_range(a: Analysed, tok_starts: list[int], s: int, e: int) -> tuple[int, int]:
    """The first and last tokens of the folded span [s, e): a span that starts on punctuation
    (". so,") begins at the next token, not at the last word of the sentence before."""
    first = bisect_right(tok_starts, s) - 1
    if first < 0 or a.token_ends[first] <= s:
        first += 1
    last = bisect_right(tok_starts, e - 1 if e - 1 > s else s, first) - 1
    if first >= len(tok_starts):
        first = len(tok_starts) - 1 if tok_starts else 0
    if last < first:
        last = first
    return first, last


def _negated(a: Analysed, first: int, last: int, negators: frozenset, window: int = 3) -> bool:
    """Is the hit on tokens ``first..last`` negated: one of ``negators`` inside it or among the
    ``window`` tokens before it, in the same sentence ("they never signed", "we didn't close it",
    "we never closed")?"""
    words, sent = a.words, a.sentence_of_token
    if not words or first >= len(words):
        return False
    si = sent[first]
    for i in range(max(0, first - window), min(last, len(words))):
        if sent[i] == si and words[i] in negators and not (i < first and _clause_ends(a, i, first)):
            return True         # "it wasn't finished, and I told their COO" does not negate "I told"
    return False


CLAUSE_END = frozenset(",;:()[]")     # what ends a clause between two words


def _clause_ends(a: Analysed, i: int, j: int) -> bool:
    """Whether a clause ends between token ``i`` and a later token ``j`` (a comma, a semicolon, a
    colon or a bracket between them)."""
    return not CLAUSE_END.isdisjoint(a.folded[a.token_ends[i]:a.token_starts[j]])


def _spans_from_hits(hits: list[Hit], rule: str) -> list[Span]:
    return [Span(h.start, h.end, h.first, h.last, rule, h.typo) for h in hits]


class Check:
    # What each kind declares (the rubric loader reads them from the class): its name in a rubric,
    # what its checks may do, and its options (key: required?).
    kind: ClassVar[str]
    effects: ClassVar[tuple[str, ...]]
    options: ClassVar[dict[str, bool]]

    def __init__(self, spec: CheckSpec, rule: str, rubric: Rubric, lexicon: Lexicon):
        self.spec, self.rule, self.rubric, self.lexicon = spec, rule, rubric, lexicon
        self.opts = spec.options

    def run(self, ctx: Ctx) -> Outcome:  # pragma: no cover - abstract
        raise NotImplementedError

    def target(self, ctx: Ctx) -> float:
        """The check's target for this question's kind (``by_kind``)."""
        return self.spec.for_kind(ctx.question.kind).target if self.spec.by_kind else self.spec.target

    def phrase_sets(self) -> list[PhraseSet]:
        """The phrase sets this check matches with (the scorer groups them for one pass)."""
        return [v for v in vars(self).values() if isinstance(v, PhraseSet)]

    def _refs(self, key: str) -> list[str]:
        """The checks option ``key`` names, as rule ids (a bare check id is of this criterion)."""
        cid = self.rule.split(".")[0]
        return [r if "." in r else f"{cid}.{r}" for r in self.opts[key]]

    def _count(self, spans: list[Span], texts) -> int:
        """How many hits: the spans, or with ``distinct`` the different texts (an iterable, only
        read then)."""
        if self.opts.get("distinct"):
            return len(set(texts))
        return len(spans)


def _hit(m: re.Match) -> tuple[int, int]:
    """The span a match shows as evidence: its group ``hit`` when the pattern names one (the
    words around it only place it: "and <cut>"), else the whole match."""
    if "hit" in m.re.groupindex:
        span = m.span("hit")
        if span[0] >= 0:
            return span
    return m.span()


def _bounds(ctx: Ctx, key: str, opts: dict) -> float | None:
    v = opts.get(key)
    if v == "question":
        return float(ctx.question.min_words if key == "min" else ctx.question.max_words)
    return v


def _clause(summary: str) -> str:
    """A talking point's summary as a clause of a list ("A; B (+2)."): without its own full stop
    (the Romanian bank ends them with one: "…piață.; Arătați…" read badly)."""
    return summary.rstrip().rstrip(".").rstrip()


def _clauses(summaries: Iterable[str]) -> str:
    """Talking points' summaries as one list ("Explain the signal; describe how you pitched it"): the
    ones after the first start lower case, as a list inside a sentence does (not an acronym: "ROI")."""
    out = [_clause(s) for s in summaries]
    return "; ".join(c if i == 0 or not (c[:1].isupper() and c[1:2].islower()) else c[0].lower() + c[1:]
                     for i, c in enumerate(out))
