"""The check kinds, one module each (or a few close ones together): each class says its kind name,
the effects it may have and its options (key: required?) next to its ``run()``. ``KIND_CLASSES``
is the registry the rubric parser reads those from and the scorer builds checks with.

A check reads the analysed answer and returns a value from 0 to 1, a count, and the evidence it
found (spans of the answer)."""

from __future__ import annotations

from mockint.core.scoring.checks.base import Check, Ctx, Outcome, Span
from mockint.core.scoring.checks.counts import CountCheck, RatioCheck
from mockint.core.scoring.checks.others import ClaimsCheck, EvidenceCheck, FillerCheck, StatementsCheck
from mockint.core.scoring.checks.pattern import PatternCheck, PatternIndex
from mockint.core.scoring.checks.phrases import PhrasesCheck
from mockint.core.scoring.checks.question import QuestionCheck
from mockint.core.scoring.checks.repetition import RepetitionCheck
from mockint.core.scoring.checks.timing import TimingCheck
from mockint.core.scoring.checks.topic import (
    OnTopicCheck,
    OtherQuestionCheck,
    SubjectCheck,
    TalkingPointsCheck,
)

KIND_CLASSES: dict[str, type[Check]] = {cls.kind: cls for cls in (
    PhrasesCheck, PatternCheck, CountCheck, RatioCheck, QuestionCheck, ClaimsCheck, TalkingPointsCheck,
    OnTopicCheck, RepetitionCheck, TimingCheck, StatementsCheck, EvidenceCheck, FillerCheck, OtherQuestionCheck,
    SubjectCheck)}

__all__ = ["KIND_CLASSES", "Check", "Ctx", "Outcome", "Span", "PatternCheck", "PatternIndex", "PhrasesCheck",
           "CountCheck", "RatioCheck", "QuestionCheck", "ClaimsCheck", "StatementsCheck", "EvidenceCheck",
           "FillerCheck", "TalkingPointsCheck", "OtherQuestionCheck", "SubjectCheck", "OnTopicCheck", "RepetitionCheck",
           "TimingCheck"]
