"""The candidate's own questions and the interviewer's replies: each question the candidate asks
(a sentence ending with "?") matched against the bank's replies with the scorer's phrase matcher;
the :class:`InterviewerReplies` part of :class:`~mockint.core.interview.Interview`."""

from __future__ import annotations

import re
from collections.abc import Sequence
from dataclasses import dataclass
from typing import TYPE_CHECKING

from mockint.core.questions.bank import Bank, Question, Reply

if TYPE_CHECKING:   # the scoring stack is imported when first used, so the first question shows fast
    from mockint.core.scoring.engine import Scorer
    from mockint.core.scoring.matching import PhraseSet


@dataclass
class ReplyMatch:
    question: str        # the candidate's question, as typed
    reply_id: str
    text: str


class InterviewerReplies:
    """Replies to the candidate's questions (mixed into :class:`~mockint.core.interview.Interview`,
    which holds ``lang``, ``bank``, ``scorer`` and the ``_reply_sets`` cache)."""

    lang: str
    bank: Bank
    _reply_sets: list[tuple[Reply, PhraseSet]] | None
    if TYPE_CHECKING:
        @property
        def scorer(self) -> Scorer: ...

    def _replies_for(self, q: Question, answer: str) -> list[ReplyMatch]:
        """The interviewer's replies to the candidate's questions: at the close, to every
        question (an honest fallback when none is known), and so on a question that invites them
        (``invites_questions``: "…was there anything you wanted to clarify?"); elsewhere to a clarifying question the
        reply bank knows ("how is the territory split?"), briefly, before the interview goes on,
        and then to the others asked with it too (the fallback: none is left unanswered). A lone
        unknown question outside the close is taken as rhetorical ("Why do I like it? Because...")."""
        replies = self.reply_to(answer)
        if q.kind == "closing" or q.invites_questions or any(m.reply_id != "fallback" for m in replies):
            return replies
        return []

    def reply_to(self, candidate_text: str) -> list[ReplyMatch]:
        """The interviewer's short reply to each question the candidate asked (fallback if unknown)."""
        # deferred: ~2.3 ms at TUI launch (benchmarks/run.py); see the note at the top
        from mockint.core.scoring.text import analyse

        out: list[ReplyMatch] = []
        if "?" not in candidate_text and "？" not in candidate_text:     # most answers ask nothing
            return out
        joins = self.scorer.rubric.lists.get("question_joins", [])
        for question in _questions_in(candidate_text, self.lang, joins):
            a = analyse(question, self.lang)
            best, best_hits = None, 0
            for reply, phrases in self._replies():
                hits = len(phrases.find(a))
                if hits > best_hits:
                    best, best_hits = reply, hits
            best = best or self._fallback()
            if best is not None and all(m.reply_id != best.id for m in out):
                out.append(ReplyMatch(question, best.id, best.text))
        return out

    def _replies(self) -> list[tuple[Reply, PhraseSet]]:
        if self._reply_sets is None:
            # deferred: ~9.5 ms at TUI launch (benchmarks/run.py); see the note at the top
            from mockint.core.scoring.matching import PhraseSet

            rub = self.scorer.rubric
            self._reply_sets = [(r, PhraseSet(r.phrases, self.lang, window=rub.window, fuzzy=rub.fuzzy,
                                              lexicon=self.scorer.lexicon))
                                for r in self.bank.replies if r.phrases]
        return self._reply_sets

    def _fallback(self) -> Reply | None:
        return next((r for r in self.bank.replies if r.id == "fallback"), None)


def _questions_in(text: str, lang: str, joins: Sequence[str] = ()) -> list[str]:
    """The sentences of ``text`` that end with a question mark, as typed; a sentence that asks two
    things ("What does success look like, and how many AEs are on the team?") is two questions,
    split where one of ``joins`` (the rubric's ``question_joins``: ", and how") begins the second."""
    # deferred: ~2.3 ms at TUI launch (benchmarks/run.py); see the note at the top
    from mockint.core.scoring.text import analyse

    a = analyse(text, lang)
    split = re.compile(r",\s*(?:" + "|".join(re.escape(j) for j in joins) + r")\b") if joins else None
    out = []
    for s, e in a.sentences:
        if a.folded[e - 1] != "?":
            continue
        cuts = [s] + ([m.start() for m in split.finditer(a.folded, s, e)] if split else []) + [e]
        for x, y in zip(cuts, cuts[1:]):
            part = " ".join(a.orig_text(x, y).split()).strip(" ,")
            if part:
                out.append(part if part.endswith(("?", "？")) else part + "?")
    return out
