"""The rubric model: criteria made of checks, their caps and options, as the scorer reads them. The
YAML is read and validated by rubric.py; the check kinds (checks/) and the parser both build on
this."""

from __future__ import annotations

import re
from dataclasses import dataclass, field, replace
from typing import Any

from mockint.core.data import recode
from mockint.core.questions.examples import Examples
from mockint.core.scoring.coach_rules import DEFAULT_COACH
from mockint.core.scoring.matching import Fuzzy
from mockint.core.scoring.repeats import Repeats

EFFECTS = ("reward", "bonus", "penalty", "gate")


MODES = ("core", "bonus")


QUESTION_KINDS = ("behavioural", "situational", "knowledge", "closing")


TEMPLATE_FIELDS = ("hits", "count", "target", "words", "min", "max", "missing", "covered", "question",
                   "elapsed", "budget", "share")


ONLY_WHEN = ("always", "timed", "bank_question")


@dataclass
class Cap:
    below: float     # when the check's value is below this ...
    score: int       # ... the answer's score is at most this
    at_least: int = 1   # a penalty: when it finds at least this many (three clichés, not one)
    share: float = 0.0  # a penalty: when its words are at least this share of the answer's (a list, not a tail)


@dataclass
class CheckSpec:
    id: str
    kind: str
    effect: str
    label: str
    weight: float = 1.0
    target: float = 1.0
    per_hit: float = 0.1
    max: float = 1.0
    per_words: int = 0       # penalty: hits count in full up to this many words, then by density
    min_hits: int = 1        # penalty: fewer hits than this count as none (two sofas are no nonsense)
    cap: Cap | None = None
    found: str = ""
    missing: str = ""
    partial: str = ""        # shown instead of ``missing`` when some was found, not enough
    guide: list[str] = field(default_factory=list)
    options: dict[str, Any] = field(default_factory=dict)   # kind-specific keys, validated
    by_kind: dict[str, dict[str, float]] = field(default_factory=dict)   # question kind -> weight/target
    discredits: tuple[str, ...] = ()    # criteria or checks whose credit the words this check finds cannot earn
    discredits_sentence: bool = False   # ... nor the rest of their sentences (a red flag's sentence earns nothing)
    stands_for: str = ""     # a check of the same criterion whose missing tip this one's finds make untrue
    _kinds: dict[str, CheckSpec] = field(default_factory=dict, repr=False, compare=False)

    def for_kind(self, kind: str) -> CheckSpec:
        """The check as it applies to a question of ``kind`` (its ``by_kind`` weight and target;
        weight 0: not applied)."""
        over: dict[str, Any] | None = self.by_kind.get(kind)     # weight, target: fields of a CheckSpec
        if not over:
            return self
        got = self._kinds.get(kind)
        if got is None:
            got = self._kinds[kind] = replace(self, by_kind={}, _kinds={}, **over)
        return got


@dataclass
class Criterion:
    id: str
    name: str
    guide: list[str]
    weight: float
    threshold: float
    mode: str
    feedback_pass: str
    feedback_fail: str
    follow_up: str
    checks: list[CheckSpec]
    by_kind: dict[str, dict[str, Any]] = field(default_factory=dict)
    follow_ups: list[dict[str, Any]] = field(default_factory=list)   # {check, text, skip}: about the answer
    only_when: str = "always"
    bonus_points: float = 10.0
    examples: Examples = field(default_factory=Examples)   # self-tests (mockint check-rubric)
    feedback_noted: str = ""     # a pass with a penalty noted: said instead of a pass that claims "no hedging"
    feedback_partial: str = ""   # a pass with something still missing: said, with what is missing, not "you covered it"
    capped_fails: bool = True    # a cap of one of its checks that holds fails it (no ✓ beside "score capped")

    def weight_for(self, kind: str | None) -> float:
        return float(self.by_kind.get(kind or "", {}).get("weight", self.weight))

    def mode_for(self, kind: str | None) -> str:
        return self.by_kind.get(kind or "", {}).get("mode", self.mode)

    def feedback_for(self, kind: str | None, passed: bool, noted: bool = False, partial: bool = False) -> str:
        """The pass or fail message for a question of ``kind`` (its ``by_kind`` feedback, if any);
        ``noted``: a pass with a penalty noted, said with the ``noted`` message where there is one;
        ``partial``: a pass with something missing, said with the ``partial`` message where there is one."""
        over = self.by_kind.get(kind or "", {})
        said_noted = over.get("feedback_noted") or self.feedback_noted
        if passed and noted and said_noted:
            return said_noted
        if passed and partial and self.feedback_partial:
            return self.feedback_partial
        key = "feedback_pass" if passed else "feedback_fail"
        return over.get(key, getattr(self, key))

    def tips_for(self, kind: str | None) -> bool:
        """Whether a fail lists what each check missed (``by_kind: {situational: {tips: false}}``:
        an example offered as a plus on a question that asks for an approach, not demanded)."""
        return bool(self.by_kind.get(kind or "", {}).get("tips", True))

    def follow_up_for(self, kind: str | None) -> str:
        return self.by_kind.get(kind or "", {}).get("follow_up", self.follow_up)


@dataclass
class Rubric:
    lang: str
    version: int
    name: str
    fuzzy: Fuzzy
    window: int
    known_words: list[str]
    lists: dict[str, list[str]]
    criteria: list[Criterion]
    source: str = ""
    repeats: Repeats | None = None      # sentences said again count once (None: every one counts)
    id: str = ""             # the name questions use in `rubric:` (the file name without .yaml)
    coach: dict[str, tuple[str, ...]] = field(default_factory=lambda: dict(DEFAULT_COACH))
    inflections: frozenset[str] | None = None   # matching.inflections: a one-word phrase matches these endings only

    def criterion(self, cid: str) -> Criterion:
        for c in self.criteria:
            if c.id == cid:
                return c
        raise KeyError(cid)

    def check(self, rule: str) -> tuple[Criterion, CheckSpec | None]:
        cid, _, kid = rule.partition(".")
        c = self.criterion(cid)
        if not kid:
            return c, None
        for k in c.checks:
            if k.id == kid:
                return c, k
        return c, None


class LazyPattern:
    """A rubric pattern that compiled before (see :func:`_known_good`), compiled when first used:
    most answers try under half of a rubric's ~90 patterns, and compiling them all cost ~8 ms of
    every cold ``mockint score``. Anything but ``pattern`` compiles it (``match``, ``finditer``...)."""

    __slots__ = ("pattern", "_rx")

    def __init__(self, pattern: str) -> None:
        self.pattern = pattern
        self._rx: re.Pattern | None = None

    def compiled(self) -> re.Pattern:
        if self._rx is None:
            self._rx = recode.compile(self.pattern)
        return self._rx

    def __getattr__(self, name: str) -> Any:
        return getattr(self.compiled(), name)

    def __repr__(self) -> str:
        return f"LazyPattern({self.pattern!r})"
