"""The session history: one SQLite file (the standard library's ``sqlite3``) in mockint's folder.

What is stored is what was shown: for each answer the question, the text as typed, the timing,
the full score object (``Result.to_dict()``: every criterion, check, evidence span and feedback)
and the rubric version that produced it. Re-scoring with today's rubric (:meth:`Store.rescore`)
adds results and keeps the original, which stays flagged as the one shown.

Durability
    WAL journal, ``synchronous=FULL``: each commit is fsynced to the WAL before the call returns.
    A submitted answer (:meth:`Store.save_answer`, one transaction with its feedback) and each
    draft (:meth:`Store.save_draft`) therefore survive a ``kill -9`` *and* a power cut.
    ``synchronous=NORMAL`` would survive ``kill -9`` too (WAL commits are atomic) but may lose the
    last commits on a power cut; the price of FULL is one fsync per commit — one per answer and one
    per draft save every ~3 s — which is negligible here, so we take the stronger guarantee.

Concurrency
    A busy timeout (5 s by default) makes a second mockint wait for the first; writes use
    ``BEGIN IMMEDIATE`` so two writers queue instead of dead-locking. When the wait runs out the
    caller gets a :class:`MockintError` ("another mockint is using the history ..."), never a traceback.

Bad states
    A file that is not a database, or a damaged one, is moved aside (with its ``-wal``/``-shm``) to
    ``history.corrupt-YYYYMMDD-HHMMSS.sqlite3`` and a fresh history is started; :attr:`Store.notices`
    says so (the CLI prints it on stderr). A file made by a newer mockint is left alone and refused.

Schema
    ``PRAGMA user_version`` is the schema version; :data:`MIGRATIONS` is the ordered list of steps,
    each applied once, in one transaction. The file and its ``-wal``/``-shm`` are mode 0o600.
"""

from __future__ import annotations

import os
import sqlite3
import threading
from pathlib import Path
from typing import Any

from mockint.core.data import paths
from mockint.core.data.errors import MockintError
from mockint.core.history.connect import (
    BUSY_TIMEOUT,
    DamagedRow,
    _connect,
    _Damaged,
    _damaged_notice,
    _disk_full,
    _foreign_wal,
    _is_damaged,
    _is_locked,
    _locked_error,
    _move_aside,
    _set_wal_aside,
    no_session_error,
)
from mockint.core.history.reads import SessionReads
from mockint.core.history.records import AnswerRecord, _dumps
from mockint.core.history.replay import JournalReplay
from mockint.core.history.transfer import ExportImport
from mockint.core.history.writes import SessionWrites

# ---------------------------------------------------------------------------------------------
# the store

class Store(JournalReplay, SessionWrites, SessionReads, ExportImport):
    """The session history. Use ``with Store.open() as store: ...``.

    ``notices`` lists what the user should be told (a damaged file moved aside). Here: opening,
    closing, transactions and errors; the rest by job: :class:`SessionWrites` (``writes``),
    :class:`SessionReads` (``reads``), :class:`ExportImport` (``transfer``), :class:`JournalReplay`
    (``replay``)."""

    def __init__(self, conn: sqlite3.Connection, path: Path, notices: list[str] | None = None,
                 timeout: float = BUSY_TIMEOUT):
        self._conn: sqlite3.Connection | None = conn
        self.path = path
        self.notices: list[str] = list(notices or [])
        self.timeout = timeout
        self._lock = threading.RLock()

    # -- opening and closing
    @classmethod
    def open(cls, path: str | os.PathLike | None = None, timeout: float = BUSY_TIMEOUT) -> "Store":
        if path is None:
            p = paths.db_path()
        else:
            p = Path(path)
            if not p.parent.is_dir():
                try:
                    p.parent.mkdir(mode=0o700, parents=True, exist_ok=True)
                except OSError as exc:
                    raise MockintError(f"cannot create the folder {p.parent}: {exc.strerror or exc}") from None
        notices: list[str] = []
        why = _foreign_wal(p)
        if why is not None:                   # never replayed into the history
            notices.append(_set_wal_aside(p, why))
        try:
            conn = _connect(p, timeout)
        except _Damaged:
            moved = _move_aside(p)
            notices.append(_damaged_notice(moved))
            try:
                conn = _connect(p, timeout)
            except _Damaged as exc:  # pragma: no cover - a fresh file cannot be damaged
                raise MockintError(f"cannot use the history file {p}: {exc}") from None
        store = cls(conn, p, notices, timeout)
        store.replay_journals()
        return store

    def close(self) -> None:
        with self._lock:
            if self._conn is not None:
                try:
                    self._conn.close()
                finally:
                    self._conn = None

    def __enter__(self) -> "Store":
        return self

    def __exit__(self, *exc) -> None:
        self.close()

    @property
    def conn(self) -> sqlite3.Connection:
        if self._conn is None:
            raise MockintError("the history is closed")
        return self._conn

    def _translate(self, exc: sqlite3.Error, reading: bool = False) -> MockintError:
        if _is_locked(exc):
            return _locked_error(self.path)
        if _is_damaged(exc) and reading:
            # Still readable in part: never moved aside by a command that only reads it.
            return MockintError(f"the history file {self.path} is damaged ({exc}); nothing was changed; "
                                f"'mockint export -o FILE' saves every session that can still be read",
                                message_id="history.damaged")
        if _is_damaged(exc):
            # Found while working (a damaged page): set the file aside now, start afresh.
            try:
                self.conn.close()
            except sqlite3.Error:  # pragma: no cover
                pass
            self._conn = None
            moved = _move_aside(self.path)
            notice = _damaged_notice(moved)
            self.notices.append(notice)
            try:
                self._conn = _connect(self.path, self.timeout)
            except _Damaged:  # pragma: no cover - a fresh file cannot be damaged
                pass
            return MockintError(notice + "; run the command again")
        if _disk_full(exc, self.path):
            return MockintError(f"the disk holding the history file {self.path} is full: free some space; "
                                f"nothing was written", message_id="history.full")
        return MockintError(f"cannot use the history file {self.path}: {exc}")

    class _Tx:
        def __init__(self, conn: sqlite3.Connection):
            self.conn = conn

        def __enter__(self) -> sqlite3.Connection:
            self.conn.execute("BEGIN IMMEDIATE")
            return self.conn

        def __exit__(self, kind, exc, tb) -> None:
            if kind is None:
                try:
                    self.conn.execute("COMMIT")
                except BaseException:
                    if self.conn.in_transaction:
                        self.conn.execute("ROLLBACK")
                    raise
            elif self.conn.in_transaction:
                self.conn.execute("ROLLBACK")

    def _tx(self) -> "Store._Tx":
        return Store._Tx(self.conn)

    def _no_session(self, session_id: str) -> MockintError:
        return no_session_error(session_id)

    @staticmethod
    def _insert_result(c: sqlite3.Connection, session_id: str, index: int, rubric_version: int,
                       result: dict[str, Any], shown: bool, created_at: str) -> int:
        cur = c.execute("INSERT INTO results (session_id, idx, rubric_version, score, shown, created_at, "
                        "result) VALUES (?, ?, ?, ?, ?, ?, ?)",
                        (session_id, index, rubric_version, int(result["score"]), int(bool(shown)),
                         created_at, _dumps(result)))
        assert cur.lastrowid is not None        # set by the INSERT just run
        rid = int(cur.lastrowid)
        rows = {}
        for crit in result.get("criteria", []):
            rows[str(crit["id"])] = (rid, str(crit["id"]), float(crit["score"]), int(bool(crit.get("passed"))))
        c.executemany("INSERT INTO result_criteria (result_id, criterion, score, passed) VALUES (?, ?, ?, ?)",
                      list(rows.values()))
        return rid

    @staticmethod
    def _refresh(c: sqlite3.Connection, session_id: str, ts: str) -> None:
        """The listing columns: answers count and session score (the mean of the shown scores,
        rounded as ``report.session_summary`` does)."""
        c.execute("UPDATE sessions SET n_answers = (SELECT count(*) FROM answers WHERE session_id = ?1), "
                  "score = (SELECT CAST(avg(score) + 0.5 AS INTEGER) FROM results "
                  "         WHERE session_id = ?1 AND shown = 1), updated_at = ?2 WHERE id = ?1",
                  (session_id, ts))


# ---------------------------------------------------------------------------------------------
# stored score objects back into engine objects (for the text and Markdown renderers)

def result_from_dict(d: dict[str, Any], answer: AnswerRecord | None = None):
    """An ``engine.Result`` rebuilt from a stored score object (``Result.from_dict``), its
    talking-point evidence in the bank's order: it shows exactly what was stored, nothing re-scored.
    A score object that is JSON but not one mockint wrote (a key lost to a damaged byte) is a
    DamagedRow naming the session and the answer (``answer``), not a crash."""
    # deferred: the scorer ~22 ms; a cold 'mockint history' must not load it (tests/cli/test_history_cli.py)
    from mockint.core.scoring.engine import Result

    try:
        return Result.from_dict(d, _point_order)
    except (KeyError, TypeError, ValueError, AttributeError, IndexError) as exc:
        sid = answer.session_id if answer is not None else "?"
        where = f" of answer {answer.index + 1}" if answer is not None else ""
        raise DamagedRow(sid, f"the stored score{where} is damaged ({type(exc).__name__}: {exc})") from None


def _point_order(question_id: str, lang: str) -> list[str]:
    if not question_id:
        return []
    try:
        # deferred: ~4 ms on a cold 'mockint history' (benchmarks/run.py), which never calls this
        from mockint.core.bank import loader

        return [p.id for p in loader.bank(lang).get(question_id).talking_points]
    except Exception:
        return []
