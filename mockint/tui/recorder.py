"""The interview's link to the session history (:class:`mockint.core.history.store.Store`).

The app owns one :class:`Recorder`. It opens the store on first use (or uses the one it is
given), starts a session when an interview starts, commits every *final* answer with the
feedback shown for it before the next question appears (:meth:`Recorder.record`), saves the
draft being typed when it changed (the interview screen calls :meth:`Recorder.draft` every few
seconds) and stores the summary at the end.

It never raises, and it never loses a submitted answer. When the history cannot be opened
(the folder is unwritable, ...) it reports the reason once through ``on_problem`` and the
interview goes on without history. When a write fails while the history is open (the disk is
full for a moment, another mockint holds it past the wait), the answer is kept in memory and
tried again with every later answer and at the end; meanwhile it is also appended to a
crash-safe journal (:mod:`mockint.core.history.journal`) that the next start writes into the history.
:attr:`Recorder.unsaved` says how many answers are still not in the history, and
:attr:`Recorder.journal_path` where they are kept. Notices of the store (a damaged file moved
aside, journalled answers saved) go to ``on_notice``.
"""

from __future__ import annotations

import errno
from collections.abc import Callable
from typing import TYPE_CHECKING, Any

from mockint.core.data import paths
from mockint.core.data.errors import MockintError

if TYPE_CHECKING:
    from mockint.core.history.journal import Journal
    from mockint.core.history.records import SessionRecord
    from mockint.core.history.store import Store
    from mockint.core.interview import Interview, Summary, Turn


def failures() -> tuple[type[BaseException], ...]:
    """What a history failure may raise (sqlite3 is imported with the store, not before: the
    ``except`` clauses call this only when something was raised)."""
    import sqlite3  # deferred: ~1.1 ms at TUI launch (benchmarks/run.py); see the docstring

    return MockintError, sqlite3.Error, OSError


def passing(exc: BaseException) -> bool:
    """A failure that passes (a full disk, a lock held too long): try the write again later."""
    # deferred: ~2-3 ms at TUI launch (benchmarks/run.py); only after a failure
    from mockint.core.history.connect import TRANSIENT

    if isinstance(exc, MockintError):
        return exc.message_id in TRANSIENT
    if isinstance(exc, OSError):
        return exc.errno in (errno.ENOSPC, getattr(errno, "EDQUOT", errno.ENOSPC))
    return True                                   # a bare sqlite3 error outside the store's guard


def open_store() -> Store:
    """The user's history (``Store.open()``); a function so tests can replace it."""
    # deferred: ~5-6 ms at TUI launch (benchmarks/run.py): not loaded before the first question
    from mockint.core.history.store import Store

    return Store.open()


def summary_dict(summary: Summary) -> dict[str, Any]:
    """What ``finish_session`` keeps of the summary screen (JSON-ready)."""
    s = summary.session
    return {"score": s.score if s.results else None, "criteria": s.criteria,
            "asked_questions": s.asked_questions, "weakest": s.weakest, "skipped": list(summary.skipped),
            "retry": list(summary.retry), "readiness": dict(summary.readiness)}


def kept_with_answer(follow_up: dict[str, Any] | None, turn: Turn) -> dict[str, Any] | None:
    """What is stored beside an answer (the ``follow_up`` column): the follow-up asked
    (``question``, ``criterion``) and the interviewer's ``replies`` to the candidate's questions
    ([{"asked", "reply"}])."""
    out = dict(follow_up or {})
    if turn.replies:
        out["replies"] = [{"asked": m.question, "reply": m.text} for m in turn.replies]
    return out or None


class Recorder:
    def __init__(self, store: Store | None = None, *, on_problem: Callable[[str], None] = lambda _: None,
                 on_notice: Callable[[str], None] = lambda _: None,
                 opener: Callable[[], Store] | None = None,
                 on_trouble: Callable[[str | None], None] | None = None) -> None:
        self._store = store
        self._owned = store is None            # a store we opened is ours to close
        self._opener = opener or open_store
        self._tried = store is not None
        self.on_problem, self.on_notice = on_problem, on_notice
        # a write failed and will be tried again (reason), or everything is written again (None)
        self.on_trouble = on_trouble or self._default_trouble
        self.problem: str | None = None        # why the history is off, once it is
        self.session_id: str | None = None
        self._begun: tuple[str, dict, dict, list[str]] | None = None
        self._saved: set[int] = set()          # indexes whose final answer is committed
        self._follow_ups: dict[int, dict[str, Any]] = {}
        self._drafts: dict[int, str] = {}      # the last draft text saved, by index
        self._announced = False
        self._journal: Journal | None = None   # this interview's unsaved answers, on disk
        self._journalled: dict[int, str] = {}  # index -> the answer text journalled for it
        self._finish: dict[str, Any] | None = None   # a summary not written yet
        self._keep_begin: tuple | None = None  # what the journal's "begin" line says
        self.trouble: str | None = None        # why the last write failed (it will be tried again)
        self.unsaved = 0                       # submitted answers not in the history yet
        self.call_session: str | None = None   # the role-play call being kept, once it has a turn
        self._call_begun: tuple[str, str] = ("en", "")
        self._call_done = False

    # -- the store
    @property
    def store(self) -> Store | None:
        """The open store, opened on first use; None when the history is off."""
        if not self._tried:
            self._tried = True
            try:
                self._store = self._opener()
            except failures() as exc:
                self._fail(exc)
                return None
        self.announce()
        return self._store if self.problem is None else None

    def announce(self) -> None:
        """Passes the store's notices (a damaged file moved aside) on, once; the app calls it
        at start for a store it was given."""
        if self._store is not None and not self._announced:
            self._announced = True
            for notice in self._store.notices:
                self.on_notice(notice)

    def _fail(self, exc: BaseException) -> None:
        if self.problem is None:
            self.problem = str(exc) or type(exc).__name__
            self.on_problem(self.problem)

    def _safely(self, what: Callable[[Store], Any]) -> Any:
        store = self.store
        if store is None:
            return None
        try:
            result = what(store)
        except failures() as exc:
            if passing(exc):
                self._troubled(exc)
            else:
                self._fail(exc)
            return None
        return result

    def _troubled(self, exc: BaseException) -> None:
        reason = str(exc) or type(exc).__name__
        if self.trouble is None:
            self.on_trouble(reason)
        self.trouble = reason

    def _default_trouble(self, reason: str | None) -> None:
        if reason is None:
            self.on_notice("the history is saving again; every answer is in it")
        else:
            self.on_problem(reason + "; your answers are kept and saved when the history can take them")

    @property
    def journal_path(self):
        """Where the answers not in the history yet are kept (None when none was written)."""
        return self._journal.path if self._journal is not None and self._journal.count else None

    def _keep(self, entry: dict[str, Any]) -> None:
        """Appends to this interview's journal (the history could not take ``entry``)."""
        if self._journal is None:
            # deferred: ~0.2-1.3 ms at TUI launch; only after a failed write
            from mockint.core.history.journal import Journal

            self._journal = Journal(paths.home())          # its file is made by the first add
            if self._keep_begin is not None:
                lang, settings, readiness, ids = self._keep_begin
                self._journal.add({"kind": "begin", "session": self.session_id, "lang": lang,
                                   "settings": settings, "readiness": readiness, "question_ids": ids})
        self._journal.add(entry)

    def _settled(self) -> None:
        """Everything journalled is in the history now: the journal goes."""
        if self._journal is not None and not self.waiting:
            self._journal.close(remove=True)
            self._journal = None
            self._journalled = {}
            if self.trouble is not None:
                self.trouble = None
                self.on_trouble(None)

    def close(self) -> None:
        if self._journal is not None:             # kept on disk while it holds anything unwritten
            self._journal.close(remove=not self.waiting)
        if self._owned and self._store is not None:
            try:
                self._store.close()
            except failures():  # pragma: no cover - closing never matters to the user
                pass

    # -- reading
    def unfinished(self) -> SessionRecord | None:
        return self._safely(lambda s: s.unfinished())

    # -- one interview
    def begin(self, lang: str, settings: dict[str, Any], readiness: dict[str, bool],
              question_ids: list[str]) -> None:
        """A new interview; its session is created by :meth:`ensure_started` (or the first write)."""
        self._begun = (lang, dict(settings), dict(readiness), list(question_ids))
        self._keep_begin = self._begun         # for the journal: kept after the session exists
        self.session_id = None
        self._saved, self._follow_ups, self._drafts = set(), {}, {}
        self._drop_journal()

    def _drop_journal(self) -> None:
        """A new interview gets its own journal; the old one stays on disk if it holds anything
        not written (the next start writes it)."""
        if self._journal is not None:
            self._journal.close(remove=not self.waiting)
        self._journal, self._journalled, self._finish, self.unsaved = None, {}, None, 0

    def ensure_started(self) -> str | None:
        if self.session_id is None and self._begun is not None:
            lang, settings, readiness, ids = self._begun
            self.session_id = self._safely(lambda s: s.start_session(lang, settings, readiness, ids))
            if self.session_id is not None:
                self._begun = None
        return self.session_id

    def adopt(self, rec: SessionRecord, draft_index: int | None = None, draft: str = "") -> None:
        """Go on writing into a stored, unfinished session (resuming it)."""
        self._drop_journal()
        self._begun = self._keep_begin = None
        self.session_id = rec.id
        self._saved = {a.index for a in rec.answers}
        self._follow_ups = {}
        self._drafts = {} if draft_index is None else {draft_index: draft}

    def follow_up(self, turn: Turn) -> None:
        """Remember the follow-up asked for this turn's question (stored with its final answer)."""
        self._follow_ups[turn.number - 1] = {"question": turn.follow_up, "criterion": turn.follow_up_for}

    def record(self, interview: Interview) -> None:
        """Commits every final answer of ``interview`` not committed yet (each in one transaction,
        with the score object that was shown). Call before the next question is shown."""
        waiting = [t for t in interview.turns if t.final and t.number - 1 not in self._saved]
        for n, turn in enumerate(waiting):
            index = turn.number - 1
            r = turn.result
            asked = kept_with_answer(self._follow_ups.get(index), turn)
            ok = self.ensure_started() is not None and self._safely(lambda s: s.save_answer(
                self.session_id, index, turn.question.id or None, turn.question.text, turn.answer,
                r.elapsed, r.to_dict(), r.rubric_version, asked) or True)
            if not ok:                                   # kept: in memory, and in the journal
                for later in waiting[n:]:
                    self._journal_answer(later)
                self.unsaved = len(waiting) - n
                return
            self._saved.add(index)
            self._drafts.pop(index, None)
        self.unsaved = 0
        if self._finish is not None and self.session_id is not None:
            summary, self._finish = self._finish, None
            self.finish(summary)
            return
        self._settled()

    def retry(self, interview: Interview | None) -> None:
        """Tries the answers (and the summary) not written yet again (the app calls it on a timer
        and when it closes)."""
        if interview is not None and self.waiting:
            self.record(interview)

    @property
    def waiting(self) -> bool:
        return bool(self.unsaved) or self._finish is not None

    def _journal_answer(self, turn: Turn) -> None:
        index = turn.number - 1
        if self._journalled.get(index) == turn.answer:
            return
        r = turn.result
        self._keep({"kind": "answer", "session": self.session_id, "index": index,
                    "question_id": turn.question.id or None, "question_text": turn.question.text,
                    "answer": turn.answer, "elapsed": r.elapsed, "result": r.to_dict(),
                    "rubric_version": r.rubric_version,
                    "follow_up": kept_with_answer(self._follow_ups.get(index), turn)})
        self._journalled[index] = turn.answer

    def draft(self, index: int, question_id: str | None, text: str, elapsed: float | None = None) -> bool:
        """Saves the draft for question ``index`` (with the seconds spent on it) if its text
        changed since the last save; True if saved."""
        if self._drafts.get(index, "") == text or index in self._saved:
            return False
        if self.ensure_started() is None:
            return False
        sid = self.session_id
        if self._safely(lambda s: s.save_draft(sid, index, question_id, text, elapsed) or True):
            self._drafts[index] = text
            return True
        return False

    def finish(self, summary: dict[str, Any]) -> None:
        """The interview is over: keep its summary; the session is no longer offered for resuming.
        An interview with no answer leaves no session (none is created for it, one with only
        drafts is deleted by the store)."""
        if self.session_id is None and not self._saved and not self.unsaved:
            self._begun = None
            return
        if self.unsaved or self.ensure_started() is None:
            self._finish = summary                 # written after the answers (now, or next start)
            self._keep({"kind": "finish", "session": self.session_id, "summary": summary})
            return
        sid = self.session_id
        if self._safely(lambda s: s.finish_session(sid, summary) or True):
            self.session_id, self._finish = None, None
            self._settled()
        else:
            self._finish = summary
            self._keep({"kind": "finish", "session": sid, "summary": summary})

    def abandon(self, session_id: str | None = None, **why: Any) -> None:
        """Marks a session (default: the current one) finished as abandoned."""
        sid = session_id or self.session_id
        if session_id is None:
            self.session_id, self._begun = None, None
        if sid is not None:
            self._safely(lambda s: s.finish_session(sid, {"abandoned": True, **why}))

    # -- role-play calls (issue 18): a call is kept turn by turn, like an interview's answers
    def begin_call(self, lang: str, scenario_id: str, session_id: str | None = None) -> None:
        """A new call (its session is made with its first turn), or a stored one resumed."""
        self.call_session = session_id
        self._call_begun = (lang, scenario_id)
        self._call_done = False

    def save_call(self, call, finished: bool = False) -> bool:
        """Keeps the call's turns so far and its score (``finished``: it is over); True if kept."""
        if self._call_done:
            return True                           # kept whole already
        turns = [x.text for x in call.exchanges]
        if self.call_session is None:
            if not turns:
                return True                       # nothing said: nothing to keep
            lang, scenario_id = self._call_begun
            self.call_session = self._safely(lambda s: s.start_call(lang, scenario_id))
            if self.call_session is None:
                return False
        sid = self.call_session
        result = call.result().to_dict() if turns else None
        ok = bool(self._safely(lambda s: s.save_call(sid, turns, result, finished=finished) or True))
        if ok and finished:
            self.call_session, self._call_done = None, True
        return ok
