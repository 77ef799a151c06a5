"""A scorer that scores each question with the rubric it names (``rubric:`` in its bank)."""

from __future__ import annotations

from collections.abc import Callable, Sequence

from mockint.core.questions.bank import Bank, Question
from mockint.core.scoring.engine import ExtraCriteria, Result, Scorer
from mockint.core.scoring.model import Rubric


class MultiScorer(Scorer):
    """``Scorer`` of the language's rubric; a question with ``rubric: NAME`` is scored with that
    rubric (built when first needed, with the same bank, so its talking points match as well)."""

    def __init__(self, rubric: Rubric, bank: Bank | None, rubric_named: Callable[[str], Rubric]):
        super().__init__(rubric, bank)
        self._rubric_named = rubric_named
        self._others: dict[str, Scorer] = {}

    def for_question(self, question: Question) -> Scorer:
        name = question.rubric
        if not name or name == self.rubric.id:
            return self
        if name not in self._others:
            self._others[name] = Scorer(self._rubric_named(name), self.bank)
        return self._others[name]

    def score(self, answer: str, question: Question, elapsed: float | None = None,
              only: tuple[str, ...] | None = None, extra: Sequence[ExtraCriteria] = ()) -> Result:
        other = self.for_question(question)
        if other is self:
            return super().score(answer, question, elapsed, only, extra)
        return other.score(answer, question, elapsed, only, extra)
