"""Which follow-up the interviewer asks: about this answer, never the same one twice.

For each criterion that may ask one (failed, weakest first), the candidates come in this order:
the criterion's ``follow_ups`` that name something the candidate said (a rubric template filled
with the words a check found: "You said “118 % of quota”: how did you get there?"), then the
question's own follow-ups for the talking points still missing (from the bank), then the
criterion's generic follow-up. The first one not asked yet in this interview is asked; when all
were, none is.
"""

from __future__ import annotations

import re
from typing import TYPE_CHECKING

from mockint.core.data.display import clipped
from mockint.core.scoring.text import fold

if TYPE_CHECKING:
    from mockint.core.questions.bank import Question
    from mockint.core.scoring.engine import CriterionResult, Result
    from mockint.core.scoring.model import Rubric


def key(text: str) -> str:
    """What counts as the same follow-up: case and spacing aside."""
    return " ".join(text.casefold().split())


def _quote(text: str, limit: int = 60) -> str:
    """The words quoted, cut at a word's end when long."""
    return f"“{clipped(' '.join(text.split()).strip(' ,.;:'), limit)}”"


def _evidence(result: Result, rule: str, skip: frozenset[str] = frozenset(),
              plain: frozenset[str] = frozenset()) -> str | None:
    """The fullest words ``rule`` found, leaving out hits that hold a word of ``skip`` and hits of
    ``plain`` words only (the rubric's function words: "You mentioned “there was a”" asks nothing)."""
    crit = result.criterion(rule.split(".")[0])
    if crit is None:
        return None
    check = next((c for c in crit.checks if c.rule == rule), None)
    if check is None:
        return None
    texts = [e.text for e in check.evidence
             if (words := re.findall(r"[\w-]+", fold(e.text))) and skip.isdisjoint(words)
             and not (plain and plain.issuperset(words))]
    return max(texts, key=len) if texts else None


def candidates(crit: CriterionResult, result: Result, question: Question, rubric: Rubric) -> list[str]:
    """The follow-ups ``crit`` may ask, best first (see the module docstring)."""
    out: list[str] = []
    try:
        spec = rubric.criterion(crit.id)
    except KeyError:
        spec = None
    plain = frozenset(fold(w) for w in rubric.lists.get("function_words", []))
    for fu in (spec.follow_ups if spec is not None else []):
        words = _evidence(result, fu["check"], fu.get("skip", frozenset()), plain)
        if words:
            out.append(fu["text"].replace("{hit}", _quote(words)))
    covered = {e.rule.split(".", 1)[1] for c in result.criteria if c.id == "key_points" for e in c.evidence}
    out += [tp.follow_up for tp in question.talking_points if tp.id not in covered and tp.follow_up]
    if crit.follow_up:
        out.append(crit.follow_up)
    return out


def choose(result: Result, question: Question, rubric: Rubric, ids: tuple[str, ...],
           asked: set[str]) -> tuple[str, str] | None:
    """(criterion id, follow-up text) for this answer, or None: nothing left to ask."""
    failed = [c for c in result.criteria if c.id in ids and c.mode == "core" and not c.passed]
    for crit in sorted(failed, key=lambda c: (c.score, ids.index(c.id))):
        for text in candidates(crit, result, question, rubric):
            if key(text) not in asked:
                return crit.id, text
    return None
