"""The interview's link to the session history (:class:`mockint.core.storage.Store`).

The app owns one :class:`Recorder`. It opens the store on first use (or uses the one it is
given), starts a session when an interview starts, commits every *final* answer with the
feedback shown for it before the next question appears (:meth:`Recorder.record`), saves the
draft being typed when it changed (the interview screen calls :meth:`Recorder.draft` every few
seconds) and stores the summary at the end.

It never raises. When the history cannot be used (another mockint holds it past the wait, the
folder is unwritable, ...) it reports the reason once through ``on_problem`` and the interview
goes on without history. Notices of the store (a damaged file moved aside) go to ``on_notice``.
"""

from __future__ import annotations

from collections.abc import Callable
from typing import TYPE_CHECKING, Any

from mockint.core.errors import MockintError

if TYPE_CHECKING:
    from mockint.core.interview import Interview, Summary, Turn
    from mockint.core.storage import SessionRecord, Store


def failures() -> tuple[type[BaseException], ...]:
    """What a history failure may raise (sqlite3 is imported with the store, not before: the
    ``except`` clauses call this only when something was raised)."""
    import sqlite3

    return MockintError, sqlite3.Error, OSError


def open_store() -> Store:
    """The user's history (``Store.open()``); a function so tests can replace it."""
    from mockint.core.storage import Store

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
                 opener: Callable[[], Store] | None = None) -> None:
        self._store = store
        self._owned = store is None            # a store we opened is ours to close
        self._opener = opener or open_store
        self._tried = store is not None
        self.on_problem, self.on_notice = on_problem, on_notice
        self.problem: str | None = None        # why the history is off, once it is
        self.session_id: str | None = None
        self._begun: tuple[str, dict, dict, list[str]] | None = None
        self._saved: set[int] = set()          # indexes whose final answer is committed
        self._follow_ups: dict[int, dict[str, Any]] = {}
        self._drafts: dict[int, str] = {}      # the last draft text saved, by index
        self._announced = False

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
            return what(store)
        except failures() as exc:
            self._fail(exc)
            return None

    def close(self) -> None:
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
        self.session_id = None
        self._saved, self._follow_ups, self._drafts = set(), {}, {}

    def ensure_started(self) -> str | None:
        if self.session_id is None and self._begun is not None:
            lang, settings, readiness, ids = self._begun
            self.session_id = self._safely(lambda s: s.start_session(lang, settings, readiness, ids))
            if self.session_id is not None:
                self._begun = None
        return self.session_id

    def adopt(self, rec: SessionRecord, draft_index: int | None = None, draft: str = "") -> None:
        """Go on writing into a stored, unfinished session (resuming it)."""
        self._begun = None
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
        for turn in interview.turns:
            index = turn.number - 1
            if index in self._saved or not turn.final:
                continue
            if self.ensure_started() is None:
                return
            r = turn.result
            asked = kept_with_answer(self._follow_ups.get(index), turn)
            ok = self._safely(lambda s: s.save_answer(
                self.session_id, index, turn.question.id or None, turn.question.text, turn.answer,
                r.elapsed, r.to_dict(), r.rubric_version, asked) or True)
            if not ok:
                return
            self._saved.add(index)
            self._drafts.pop(index, None)

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
        if self.session_id is None and not self._saved:
            self._begun = None
            return
        if self.ensure_started() is None:
            return
        sid, self.session_id = self.session_id, None
        self._safely(lambda s: s.finish_session(sid, summary))

    def abandon(self, session_id: str | None = None, **why: Any) -> None:
        """Marks a session (default: the current one) finished as abandoned."""
        sid = session_id or self.session_id
        if session_id is None:
            self.session_id, self._begun = None, None
        if sid is not None:
            self._safely(lambda s: s.finish_session(sid, {"abandoned": True, **why}))
