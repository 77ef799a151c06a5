"""What the interview reads from a result by rule name: the live coach's criteria and lines, and the
criteria an interviewer follows up on. A rubric says it in its `coach:` section (validated at load:
every name must be a criterion or check of that rubric); these are used when it has none. A module
of its own, with no imports: the interview reads it before the scoring stack is loaded."""

from __future__ import annotations

DEFAULT_COACH: dict[str, tuple[str, ...]] = {
    "criteria": ("real_examples", "confidence", "questions_back"),
    "example": ("real_examples",),
    "number": ("real_examples.numbers",),
    "result": ("real_examples.result",),
    "hedges": ("confidence.hedges",),
    "fillers": ("confidence.fillers",),
    "question_back": ("questions_back.role_questions", "questions_back.questions_to_them"),
    "follow_up_criteria": ("real_examples", "key_points"),
}
COACH_CRITERIA_KEYS = ("criteria", "example", "follow_up_criteria")     # these name criteria; the rest, checks


def split_only(only: tuple[str, ...]) -> tuple[set[str], dict[str, set[str]]]:
    """What a scorer's ``only`` names: (the criteria to score, and for a criterion named only by
    some of its checks, "confidence.hedges", those checks' rule ids)."""
    subset: dict[str, set[str]] = {}
    for name in only:
        cid, _, check = name.partition(".")
        if check and cid not in only:
            subset.setdefault(cid, set()).add(name)
    return set(only) | set(subset), subset
