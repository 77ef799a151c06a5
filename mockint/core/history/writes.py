"""The history's writes during an interview or a call, and re-scoring: the Store's
:class:`SessionWrites` part. Each write is one ``BEGIN IMMEDIATE`` transaction (``Store._tx``),
committed before the call returns."""

from __future__ import annotations

import sqlite3
import uuid
from typing import TYPE_CHECKING, Any, Callable

from mockint import __version__
from mockint.core.data.errors import MockintError
from mockint.core.data.langs import LANGS
from mockint.core.history.checks import (
    _check_call,
    _check_result,
)
from mockint.core.history.connect import _guarded
from mockint.core.history.records import (
    _dumps,
    now_iso,
)

if TYPE_CHECKING:
    from mockint.core.history.parts import StoreParts
else:
    StoreParts = object       # the Store these methods are mixed into (see mockint.core.history.parts)


class SessionWrites(StoreParts):
    """Starting, saving and finishing sessions and calls; re-scoring (mixed into
    :class:`~mockint.core.history.store.Store`)."""

    # -- the interview writes
    @_guarded
    def start_session(self, lang: str, settings: dict[str, Any], readiness: dict[str, Any],
                      question_ids: list[str]) -> str:
        """A new, unfinished session; returns its id (uuid4 hex)."""
        if lang not in LANGS:
            raise MockintError(f"unknown language '{lang}'; choose one of: {', '.join(LANGS)}")

        sid = uuid.uuid4().hex
        ts = now_iso()
        with self._tx() as c:
            c.execute("INSERT INTO sessions (id, lang, started_at, updated_at, settings, readiness, "
                      "question_ids, mockint_version) VALUES (?, ?, ?, ?, ?, ?, ?, ?)",
                      (sid, lang, ts, ts, _dumps(dict(settings or {})),
                       _dumps({str(k): bool(v) for k, v in (readiness or {}).items()}),
                       _dumps([str(q) for q in question_ids]), __version__))
        return sid

    @_guarded
    def save_draft(self, session_id: str, index: int, question_id: str | None, text: str,
                   elapsed: float | None = None) -> None:
        """Upserts the draft being typed for question ``index`` (one small committed write), with
        the seconds already spent on the question (``elapsed``)."""
        try:
            self.conn.execute(
                "INSERT INTO drafts (session_id, idx, question_id, text, saved_at, elapsed) "
                "VALUES (?, ?, ?, ?, ?, ?) "
                "ON CONFLICT (session_id, idx) DO UPDATE SET question_id = excluded.question_id, "
                "text = excluded.text, saved_at = excluded.saved_at, elapsed = excluded.elapsed",
                (session_id, int(index), question_id, text, now_iso(),
                 None if elapsed is None else float(elapsed)))
        except sqlite3.IntegrityError:
            raise self._no_session(session_id) from None

    @_guarded
    def save_answer(self, session_id: str, index: int, question_id: str | None, question_text: str,
                    answer: str, elapsed: float | None, result: dict[str, Any], rubric_version: int,
                    follow_up: dict[str, Any] | None = None) -> None:
        """Commits a submitted answer with its feedback (the score object shown), in one
        transaction, and clears the draft for ``index``. Called again for the same index (the
        answer to a follow-up, scored together with the first), it replaces that answer."""
        _check_result(result, "result")
        ts = now_iso()
        with self._tx() as c:
            if c.execute("SELECT 1 FROM sessions WHERE id = ?", (session_id,)).fetchone() is None:
                raise self._no_session(session_id)
            c.execute("DELETE FROM results WHERE session_id = ? AND idx = ?", (session_id, int(index)))
            c.execute("DELETE FROM answers WHERE session_id = ? AND idx = ?", (session_id, int(index)))
            c.execute("INSERT INTO answers (session_id, idx, question_id, question_text, answer, elapsed, "
                      "answered_at, follow_up) VALUES (?, ?, ?, ?, ?, ?, ?, ?)",
                      (session_id, int(index), question_id, question_text, answer,
                       None if elapsed is None else float(elapsed), ts,
                       None if follow_up is None else _dumps(follow_up)))
            self._insert_result(c, session_id, int(index), int(rubric_version), result, True, ts)
            c.execute("DELETE FROM drafts WHERE session_id = ? AND idx = ?", (session_id, int(index)))
            self._refresh(c, session_id, ts)

    @_guarded
    def set_readiness(self, session_id: str, readiness: dict[str, Any]) -> None:
        with self._tx() as c:
            cur = c.execute("UPDATE sessions SET readiness = ?, updated_at = ? WHERE id = ?",
                            (_dumps({str(k): bool(v) for k, v in readiness.items()}), now_iso(), session_id))
            if cur.rowcount == 0:
                raise self._no_session(session_id)

    @_guarded
    def finish_session(self, session_id: str, summary: dict[str, Any]) -> None:
        """Marks the session finished (it is no longer offered for resuming); keeps ``summary``
        (a ``readiness`` mapping in it updates the session's checklist) and drops its drafts. A
        session with no answer is deleted instead: an empty interview is not history."""
        ts = now_iso()
        with self._tx() as c:
            cur = c.execute("UPDATE sessions SET finished_at = ?, summary = ?, updated_at = ? WHERE id = ?",
                            (ts, _dumps(summary or {}), ts, session_id))
            if cur.rowcount == 0:
                raise self._no_session(session_id)
            ready = (summary or {}).get("readiness")
            if isinstance(ready, dict):
                c.execute("UPDATE sessions SET readiness = ? WHERE id = ?",
                          (_dumps({str(k): bool(v) for k, v in ready.items()}), session_id))
            c.execute("DELETE FROM drafts WHERE session_id = ?", (session_id,))
            if c.execute("SELECT 1 FROM answers WHERE session_id = ? LIMIT 1", (session_id,)).fetchone() is None:
                # an interview ended with no answer leaves nothing in the history
                c.execute("DELETE FROM results WHERE session_id = ?", (session_id,))
                c.execute("DELETE FROM sessions WHERE id = ?", (session_id,))

    # -- role-play calls (issue 18)
    @_guarded
    def start_call(self, lang: str, scenario_id: str) -> str:
        """A new, unfinished role-play call with ``scenario_id``; returns its session id."""
        if lang not in LANGS:
            raise MockintError(f"unknown language '{lang}'; choose one of: {', '.join(LANGS)}")

        sid, ts = uuid.uuid4().hex, now_iso()
        with self._tx() as c:
            c.execute("INSERT INTO sessions (id, lang, started_at, updated_at, settings, readiness, "
                      "question_ids, mockint_version) VALUES (?, ?, ?, ?, ?, '{}', ?, ?)",
                      (sid, lang, ts, ts, _dumps({"mode": "roleplay", "scenario": scenario_id}),
                       _dumps([scenario_id]), __version__))
            c.execute("INSERT INTO calls (session_id, scenario, turns) VALUES (?, ?, '[]')", (sid, scenario_id))
        return sid

    @_guarded
    def save_call(self, session_id: str, turns: list[str], result: dict[str, Any] | None,
                  finished: bool = False) -> None:
        """Keeps a call's turns so far and its score (one transaction, before the buyer's reply
        is shown); ``finished``: the call is over. A call ended with no turn leaves nothing."""
        _check_call(turns, result, "call")
        ts = now_iso()
        score = int(result["overall"]) if result else None
        with self._tx() as c:
            cur = c.execute("UPDATE calls SET turns = ?, result = ? WHERE session_id = ?",
                            (_dumps(list(turns)), None if result is None else _dumps(result), session_id))
            if cur.rowcount == 0:
                raise self._no_session(session_id)
            c.execute("UPDATE sessions SET n_answers = ?, score = ?, updated_at = ?, finished_at = "
                      "CASE WHEN ? THEN COALESCE(finished_at, ?) ELSE finished_at END WHERE id = ?",
                      (len(turns), score, ts, int(finished), ts, session_id))
            if finished and not turns:
                c.execute("DELETE FROM sessions WHERE id = ?", (session_id,))

    # -- re-scoring
    @_guarded
    def rescore(self, session_id: str, scorer_for_lang: Callable[[str], Any]) -> int:
        """Scores every answer of the session again with today's rubric (``scorer_for_lang(lang)``
        gives an ``engine.Scorer``, e.g. ``loader.scorer``) and adds the results; the original
        ones are kept, still flagged as shown. Returns how many results were added (a result
        identical to one already stored is not added again)."""
        # deferred: ~3.5 ms on a cold 'mockint history' (benchmarks/run.py); only to rescore
        from mockint.core.questions.bank import adhoc_question

        rec = self._load(self.resolve(session_id))
        scorer = scorer_for_lang(rec.lang)
        bank = getattr(scorer, "bank", None)
        new: list[tuple[int, int, dict[str, Any]]] = []
        for a in rec.answers:
            question = None
            if a.question_id and bank is not None:
                question = next((q for q in bank.questions if q.id == a.question_id), None)
            if question is None:
                question = adhoc_question(a.question_text, rec.lang)
            result = scorer.score(a.answer, question, a.elapsed).to_dict()
            if any(_dumps(r.result) == _dumps(result) for r in a.results):
                continue
            new.append((a.index, int(result.get("rubric_version", 1)), result))
        if new:
            ts = now_iso()
            with self._tx() as c:
                for idx, rv, result in new:
                    self._insert_result(c, rec.id, idx, rv, result, False, ts)
        return len(new)
