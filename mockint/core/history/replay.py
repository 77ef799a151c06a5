"""Answers kept in journals (:mod:`mockint.core.history.journal`) written into the history when it
opens: the Store's :class:`JournalReplay` part. Answers to a session already in the history are
added to it; an answer already there is not written twice."""

from __future__ import annotations

from typing import TYPE_CHECKING, Any

from mockint.core.data.errors import MockintError
from mockint.core.history import journal
from mockint.core.history.connect import (
    TRANSIENT,
    _reading,
)

if TYPE_CHECKING:
    from mockint.core.history.parts import StoreParts
else:
    StoreParts = object       # the Store these methods are mixed into (see mockint.core.history.parts)


class JournalReplay(StoreParts):
    """The Store's replay of journalled answers (mixed into :class:`~mockint.core.history.store.Store`)."""

    def replay_journals(self) -> int:
        """Writes the answers journalled by interviews that could not write them (a full disk, a
        lock held too long; see :mod:`mockint.core.history.journal`) and removes those journals; a journal
        that cannot be written yet is kept for next time. Returns the answers written."""
        total = 0
        for path, fd in journal.pending(self.path.parent):
            try:
                n = self._replay(journal.read(path))
            except MockintError as exc:
                journal.release(path, fd, remove=False)
                self.notices.append(f"answers kept in {path} could not be saved in the history yet ({exc}); "
                                    f"they are tried again the next time mockint opens it")
                continue
            journal.release(path, fd, remove=True)
            if n:
                total += n
                self.notices.append(f"{n} answer{'' if n == 1 else 's'} kept in {path} while the history could "
                                    f"not be written {'is' if n == 1 else 'are'} now saved in it")
        return total

    def _replay(self, entries: list[dict[str, Any]]) -> int:
        sid: str | None = None
        begun: dict[str, Any] | None = None
        had: set[int] = set()
        written = 0
        for e in entries:
            try:
                if e.get("session"):
                    if e["session"] != sid:
                        sid = e["session"] if self._exists(e["session"]) else None
                        had = self._indexes(sid) if sid else set()
                if e["kind"] == "begin":
                    begun = e
                    continue
                if sid is None:
                    if begun is None:
                        continue
                    sid = self.start_session(begun["lang"], begun["settings"], begun["readiness"],
                                             begun["question_ids"])
                    had = set()
                if e["kind"] == "answer" and int(e["index"]) not in had:
                    self.save_answer(sid, int(e["index"]), e["question_id"], e["question_text"], e["answer"],
                                     e["elapsed"], e["result"], int(e["rubric_version"]), e.get("follow_up"))
                    written += 1
                elif e["kind"] == "finish" and self._open_session(sid):
                    self.finish_session(sid, e["summary"])
            except (KeyError, TypeError, ValueError):
                continue                  # a line of a journal that is not whole: the rest is kept
            except MockintError as exc:
                if exc.message_id in TRANSIENT:
                    raise
                continue                  # a line the history refuses (a damaged result): skipped
        return written

    @_reading
    def _exists(self, sid: str) -> bool:
        return self.conn.execute("SELECT 1 FROM sessions WHERE id = ?", (sid,)).fetchone() is not None

    @_reading
    def _open_session(self, sid: str) -> bool:
        row = self.conn.execute("SELECT finished_at FROM sessions WHERE id = ?", (sid,)).fetchone()
        return row is not None and row[0] is None

    @_reading
    def _indexes(self, sid: str) -> set[int]:
        return {r[0] for r in self.conn.execute("SELECT idx FROM answers WHERE session_id = ?", (sid,))}
