"""Resuming a stored, unfinished interview: where it goes on, and the Interview rebuilt from it.

The answers given before are restored with the results *stored* for them (what was shown then,
``storage.result_from_dict``): the summary counts them as they were, nothing is re-scored.
"""

from __future__ import annotations

from dataclasses import fields
from typing import TYPE_CHECKING, Callable

from mockint.core.data.errors import MockintError
from mockint.core.interview import READINESS, Interview, Settings, Turn

if TYPE_CHECKING:
    from mockint.core.history.records import SessionRecord
    from mockint.core.questions.bank import Bank, Question
    from mockint.core.scoring.engine import Scorer


def resume_index(rec: SessionRecord) -> int:
    """Where the interview goes on: after the last answered question, or at a later question
    whose draft was being typed (the questions between were skipped)."""
    drafted = [d.index for d in rec.drafts if d.text.strip() and d.index < len(rec.question_ids)]
    return max([rec.next_index, *drafted])


def answered(rec: SessionRecord) -> int:
    return sum(1 for a in rec.answers if a.results)


def settings_of(rec: SessionRecord, fallback: Settings) -> Settings:
    """The stored settings of the session (in its language), or ``fallback``'s where unusable."""
    known = {f.name for f in fields(Settings)}
    stored = {k: v for k, v in (rec.settings or {}).items() if k in known}
    stored["lang"] = rec.lang
    try:
        return Settings(**{**{f.name: getattr(fallback, f.name) for f in fields(Settings)}, **stored})
    except (TypeError, MockintError):
        return Settings(lang=rec.lang, feedback=fallback.feedback, timer=fallback.timer)


def rebuild(rec: SessionRecord, bank: Bank, scorer: Scorer | Callable[[], Scorer], job=None,
            extra: list[Question] | None = None) -> tuple[Interview, str]:
    """The interview of ``rec``, at :func:`resume_index`, and the draft to put back in the answer
    box; ``job`` (a JobContext) and ``extra`` (the questions built from its posting) for a session
    tailored to a job posting. Raises MockintError when a stored question is no longer in the bank."""
    # deferred: the store ~5-6 ms at TUI launch (benchmarks/run.py); only to resume
    from mockint.core.history.store import result_from_dict

    built = {q.id: q for q in extra or []}
    questions = [built[qid] if qid in built else bank.get(qid) for qid in rec.question_ids]
    interview = Interview(questions, scorer, bank, rec.lang, job=job)
    at = resume_index(rec)
    turns, done = [], set()
    for a in sorted(rec.answers, key=lambda a: a.index):
        if a.index >= at or not a.results:
            continue
        result = result_from_dict(a.result, a)
        result.answer = a.answer                       # the text as typed (marks index into it)
        turns.append(Turn(a.index + 1, questions[a.index], a.answer, result, True))
        done.add(a.index)
    skipped = [qid for i, qid in enumerate(rec.question_ids[:at]) if i not in done]
    interview.resume_at(at, turns, skipped)
    interview.set_readiness(**{k: bool(v) for k, v in rec.readiness.items() if k in READINESS})
    draft = rec.draft(at) if at < len(questions) else None
    return interview, draft.text if draft is not None else ""
