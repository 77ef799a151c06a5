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
import uuid
from collections.abc import Iterator
from pathlib import Path
from typing import Any, Callable

from mockint.core.data.errors import MockintError, did_you_mean
from mockint.core.data.langs import LANGS
from mockint.core.history.checks import (
    EXPORT_FORMAT,
    EXPORT_VERSION,
    _check_call,
    _check_result,
    validate_export,
)
from mockint.core.history.connect import (
    BUSY_TIMEOUT,
    TRANSIENT,
    DamagedRow,
    _connect,
    _Damaged,
    _damaged_notice,
    _disk_full,
    _foreign_wal,
    _guarded,
    _is_damaged,
    _is_locked,
    _locked_error,
    _move_aside,
    _reading,
    _set_wal_aside,
    _stored,
    no_session_error,
    session_key,
)
from mockint.core.history.records import (
    AnswerRecord,
    DraftRecord,
    ResultRecord,
    SessionRecord,
    SessionRow,
    _dumps,
    _Lazy,
    _session_doc,
    now_iso,
)
from mockint.core.history.schema import (
    schema_version,
)

ORDERS = {"date": "started_at", "score": "score", "answers": "n_answers"}


# ---------------------------------------------------------------------------------------------
# the store

class Store:
    """The session history. Use ``with Store.open() as store: ...``.

    ``notices`` lists what the user should be told (a damaged file moved aside)."""

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
            from mockint.core.data import paths

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

    def replay_journals(self) -> int:
        """Writes the answers journalled by interviews that could not write them (a full disk, a
        lock held too long; see :mod:`mockint.core.history.journal`) and removes those journals; a journal
        that cannot be written yet is kept for next time. Returns the answers written."""
        from mockint.core.history import journal

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

    # -- the interview writes
    @_guarded
    def start_session(self, lang: str, settings: dict[str, Any], readiness: dict[str, Any],
                      question_ids: list[str]) -> str:
        """A new, unfinished session; returns its id (uuid4 hex)."""
        if lang not in LANGS:
            raise MockintError(f"unknown language '{lang}'; choose one of: {', '.join(LANGS)}")
        from mockint import __version__

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
        from mockint import __version__

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

    def _no_session(self, session_id: str) -> MockintError:
        return no_session_error(session_id)

    @staticmethod
    def _insert_result(c: sqlite3.Connection, session_id: str, index: int, rubric_version: int,
                       result: dict[str, Any], shown: bool, created_at: str) -> int:
        cur = c.execute("INSERT INTO results (session_id, idx, rubric_version, score, shown, created_at, "
                        "result) VALUES (?, ?, ?, ?, ?, ?, ?)",
                        (session_id, index, rubric_version, int(result["score"]), int(bool(shown)),
                         created_at, _dumps(result)))
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

    # -- reading
    @_reading
    def sessions(self, lang: str | None = None, query: str | None = None, order: str = "date",
                 desc: bool = True, limit: int | None = None) -> list[SessionRow]:
        """The history, newest first by default. ``query`` matches the start of a session id, or
        any part of a question id, question text or answer of the session (case-insensitive)."""
        if order not in ORDERS:
            raise MockintError(f"unknown order '{order}'{did_you_mean(order, ORDERS)}; "
                               f"choose one of: {', '.join(ORDERS)}")
        where, params = [], []
        if lang:
            where.append("s.lang = ?")
            params.append(lang)
        if query and query.strip():
            q = query.strip()
            like = "%" + q.replace("\\", "\\\\").replace("%", "\\%").replace("_", "\\_") + "%"
            esc = "ESCAPE '\\'"
            where.append(f"(s.id LIKE ? {esc} OR EXISTS (SELECT 1 FROM answers a WHERE a.session_id = s.id "
                         f"AND (a.question_id LIKE ? {esc} OR a.question_text LIKE ? {esc} "
                         f"OR a.answer LIKE ? {esc})))")
            prefix = q.lower().replace("\\", "\\\\").replace("%", "\\%").replace("_", "\\_") + "%"
            params += [prefix, like, like, like]
        col = ORDERS[order]
        direction = "DESC" if desc else "ASC"
        sql = ("SELECT s.id, s.started_at, s.finished_at, s.lang, s.n_answers, s.score, c.scenario "
               "FROM sessions s LEFT JOIN calls c ON c.session_id = s.id"
               + (" WHERE " + " AND ".join(where) if where else "")
               + f" ORDER BY (s.{col} IS NULL), s.{col} {direction}, s.started_at {direction}, s.rowid {direction}")
        if limit is not None:
            sql += " LIMIT ?"
            params.append(int(limit))
        return [SessionRow(*row) for row in self.conn.execute(sql, params)]

    @_reading
    def count(self, lang: str | None = None) -> int:
        if lang:
            return self.conn.execute("SELECT count(*) FROM sessions WHERE lang = ?", (lang,)).fetchone()[0]
        return self.conn.execute("SELECT count(*) FROM sessions").fetchone()[0]

    @_reading
    def resolve(self, id_or_prefix: str) -> str:
        """The full id for a session id or a unique prefix of one (as shown by 'mockint history')."""
        key = session_key(id_or_prefix)
        rows = [r[0] for r in self.conn.execute(
            "SELECT id FROM sessions WHERE id >= ? AND id < ? ORDER BY id LIMIT 4", (key, key + "g"))]
        if len(rows) == 1:
            return rows[0]
        if not rows:
            ids = [r[0][:len(key)] for r in self.conn.execute("SELECT id FROM sessions")]
            raise MockintError(f"no session '{id_or_prefix}' in the history{did_you_mean(key, ids)}; "
                               f"'mockint history' lists them")
        shown = ", ".join(r[:len(key) + 4] for r in rows[:3]) + (", ..." if len(rows) > 3 else "")
        more = "more than 3" if len(rows) > 3 else str(len(rows))
        raise MockintError(f"'{id_or_prefix}' matches {more} sessions ({shown}); give more of the id")

    @_reading
    def session(self, id_or_prefix: str) -> SessionRecord:
        """One session with its answers (all their results) and drafts."""
        sid = self.resolve(id_or_prefix)
        return self._load(sid)

    @_reading
    def latest(self, answered: bool = True) -> SessionRecord | None:
        """The most recently started session (with at least one answer, by default)."""
        row = self.conn.execute("SELECT id FROM sessions" + (" WHERE n_answers > 0" if answered else "")
                                + " ORDER BY started_at DESC, rowid DESC LIMIT 1").fetchone()
        return self._load(row[0]) if row else None

    @_reading
    def unfinished(self, include_empty: bool = False) -> SessionRecord | None:
        """The latest unfinished session, to offer for resuming; by default only one with an
        answer or a non-empty draft (an interview closed at once is not worth resuming)."""
        sql = "SELECT id FROM sessions s WHERE finished_at IS NULL"
        if not include_empty:
            sql += (" AND (n_answers > 0 OR EXISTS (SELECT 1 FROM drafts d WHERE d.session_id = s.id"
                    " AND trim(d.text) != ''))")
        row = self.conn.execute(sql + " ORDER BY started_at DESC, rowid DESC LIMIT 1").fetchone()
        return self._load(row[0]) if row else None

    def _load(self, sid: str) -> SessionRecord:
        c = self.conn
        row = c.execute("SELECT id, lang, started_at, finished_at, settings, readiness, question_ids, summary, "
                        "n_answers, score, mockint_version FROM sessions WHERE id = ?", (sid,)).fetchone()
        if row is None:
            raise self._no_session(sid)
        rec = SessionRecord(row[0], row[1], row[2], row[3], _stored(row[4], sid, "settings"),
                            _stored(row[5], sid, "readiness"), _stored(row[6], sid, "question ids"),
                            _stored(row[7], sid, "summary") if row[7] else None, row[8], row[9], row[10])
        results: dict[int, list[ResultRecord]] = {}
        for rid, idx, rv, score, shown, created, text in c.execute(
                "SELECT id, idx, rubric_version, score, shown, created_at, result FROM results "
                "WHERE session_id = ? ORDER BY idx, id", (sid,)):
            result = _stored(text, sid, "result", f" of answer {idx + 1}")
            results.setdefault(idx, []).append(ResultRecord(rid, rv, score, bool(shown), created, result))
        for idx, qid, qtext, answer, elapsed, at, fu in c.execute(
                "SELECT idx, question_id, question_text, answer, elapsed, answered_at, follow_up FROM answers "
                "WHERE session_id = ? ORDER BY idx", (sid,)):
            rec.answers.append(AnswerRecord(sid, idx, qid, qtext, answer, elapsed, at,
                                            _stored(fu, sid, "follow-up", f" of answer {idx + 1}") if fu else None,
                                            results.get(idx, []), rec.started_at, rec.lang))
        rec.drafts = [DraftRecord(*r) for r in c.execute(
            "SELECT idx, question_id, text, saved_at, elapsed FROM drafts WHERE session_id = ? ORDER BY idx",
            (sid,))]
        row = c.execute("SELECT scenario, turns, result FROM calls WHERE session_id = ?", (sid,)).fetchone()
        if row is not None:
            rec.call = {"scenario": row[0], "turns": _stored(row[1], sid, "turns"),
                        "result": _stored(row[2], sid, "result") if row[2] else None}
        return rec

    @_reading
    def answers_for_question(self, question_id: str, lang: str | None = None) -> list[AnswerRecord]:
        """Every stored answer to a question, oldest first (by session start, then position)."""
        sql = ("SELECT a.session_id, a.idx, a.question_id, a.question_text, a.answer, a.elapsed, a.answered_at, "
               "a.follow_up, s.started_at, s.lang FROM answers a JOIN sessions s ON s.id = a.session_id "
               "WHERE a.question_id = ?")
        params: list[Any] = [question_id]
        if lang:
            sql += " AND s.lang = ?"
            params.append(lang)
        sql += " ORDER BY s.started_at, s.rowid, a.idx"
        out = []
        for sid, idx, qid, qtext, answer, elapsed, at, fu, started, slang in self.conn.execute(sql, params).fetchall():
            res = [ResultRecord(rid, rv, score, bool(shown), created, _stored(text, sid, "result"))
                   for rid, rv, score, shown, created, text in self.conn.execute(
                       "SELECT id, rubric_version, score, shown, created_at, result FROM results "
                       "WHERE session_id = ? AND idx = ? ORDER BY id", (sid, idx))]
            out.append(AnswerRecord(sid, idx, qid, qtext, answer, elapsed, at,
                                    _stored(fu, sid, "follow-up") if fu else None,
                                    res, started, slang))
        return out

    # -- for progress (cheap: no answer JSON is parsed)
    @_reading
    def criterion_averages(self, lang: str | None = None) -> list[tuple[str, str, str, float]]:
        """(session id, started_at, criterion, mean shown score 0..1) for every answered session,
        oldest first."""
        sql = ("SELECT s.id, s.started_at, rc.criterion, avg(rc.score) FROM sessions s "
               "JOIN results r ON r.session_id = s.id AND r.shown = 1 "
               "JOIN result_criteria rc ON rc.result_id = r.id")
        params: list[Any] = []
        if lang:
            sql += " WHERE s.lang = ?"
            params.append(lang)
        sql += " GROUP BY s.id, rc.criterion ORDER BY s.started_at, s.rowid, rc.criterion"
        return [(a, b, c, float(d)) for a, b, c, d in self.conn.execute(sql, params)]

    @_reading
    def attempts(self, lang: str) -> tuple[list[str], list[tuple[str, str, int]]]:
        """The answered sessions of ``lang`` (ids, oldest first) and every attempt as
        (question id, session id, shown score), in the same order."""
        sessions = [r[0] for r in self.conn.execute(
            "SELECT id FROM sessions WHERE lang = ? AND n_answers > 0 ORDER BY started_at, rowid", (lang,))]
        rows = [(q, s, int(sc)) for q, s, sc in self.conn.execute(
            "SELECT a.question_id, a.session_id, r.score FROM answers a "
            "JOIN sessions s ON s.id = a.session_id "
            "JOIN results r ON r.session_id = a.session_id AND r.idx = a.idx AND r.shown = 1 "
            "WHERE s.lang = ? AND a.question_id IS NOT NULL ORDER BY s.started_at, s.rowid, a.idx", (lang,))]
        return sessions, rows

    @_reading
    def repeated_answers(self, lang: str, last: int = 2, limit: int | None = None) -> list[list[AnswerRecord]]:
        """For each bank question answered at least twice in sessions of ``lang``: its last
        ``last`` answers, oldest first (each with its shown result only). Questions come by their
        latest attempt, newest first; at most ``limit`` of them. Only those answers' score
        objects are parsed, so this stays fast on a long history."""
        sql = ("SELECT question_id, session_id, idx, question_text, answer, elapsed, answered_at, follow_up, "
               "started_at, rid, rv, score, created_at, result FROM ("
               " SELECT a.question_id, a.session_id, a.idx, a.question_text, a.answer, a.elapsed, a.answered_at,"
               " a.follow_up, s.started_at, r.id AS rid, r.rubric_version AS rv, r.score, r.created_at, r.result,"
               " row_number() OVER (PARTITION BY a.question_id"
               "   ORDER BY s.started_at DESC, s.rowid DESC, a.idx DESC) AS rn,"
               " count(*) OVER (PARTITION BY a.question_id) AS n,"
               " max(s.started_at) OVER (PARTITION BY a.question_id) AS latest"
               " FROM answers a JOIN sessions s ON s.id = a.session_id"
               " JOIN results r ON r.session_id = a.session_id AND r.idx = a.idx AND r.shown = 1"
               " WHERE s.lang = ? AND a.question_id IS NOT NULL)"
               " WHERE n >= 2 AND rn <= ? ORDER BY latest DESC, question_id, rn DESC")
        groups: dict[str, list[AnswerRecord]] = {}
        for (qid, sid, idx, qtext, answer, elapsed, at, fu, started, rid, rv, score, created,
             text) in self.conn.execute(sql, (lang, max(1, int(last)))):
            if qid not in groups:
                if limit is not None and len(groups) >= limit:
                    break
                groups[qid] = []
            res = [ResultRecord(rid, rv, score, True, created, _stored(text, sid, "result"))]
            groups[qid].append(AnswerRecord(sid, idx, qid, qtext, answer, elapsed, at,
                                            _stored(fu, sid, "follow-up") if fu else None, res, started, lang))
        return list(groups.values())

    # -- re-scoring
    @_guarded
    def rescore(self, session_id: str, scorer_for_lang: Callable[[str], Any]) -> int:
        """Scores every answer of the session again with today's rubric (``scorer_for_lang(lang)``
        gives an ``engine.Scorer``, e.g. ``loader.scorer``) and adds the results; the original
        ones are kept, still flagged as shown. Returns how many results were added (a result
        identical to one already stored is not added again)."""
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

    # -- export and import
    @_reading
    def check_whole(self) -> None:
        """Before a command rewrites much of the history (import, rescore): a file that fails
        SQLite's ``quick_check`` is not written into (MockintError saying how to save it)."""
        rows = [r[0] for r in self.conn.execute("PRAGMA quick_check(3)")]
        if rows != ["ok"]:
            lines = [ln.strip() for r in rows for ln in str(r).splitlines() if ln.strip() and "***" not in ln]
            raise MockintError(f"the history file {self.path} is damaged ({lines[0] if lines else rows[0]}); "
                               f"nothing was written; "
                               f"'mockint export -o FILE' saves every session that can still be read",
                               message_id="history.damaged")

    @_reading
    def export_all(self, left_out: list[DamagedRow] | None = None) -> dict[str, Any]:
        """All history as one versioned JSON document (``import_all`` reads it back). Read session
        by session: one that cannot be read (a damaged row or page) is left out and added to
        ``left_out`` (without that list, the first one raises); the rest is exported."""
        doc = self.export_stream(left_out)
        doc["sessions"] = list(doc["sessions"])
        return doc

    def export_stream(self, left_out: list[DamagedRow] | None = None) -> dict[str, Any]:
        """:meth:`export_all` whose ``sessions`` are read one at a time while the document is
        encoded (``report.json_chunks``): memory stays flat in the number of sessions. Encode it
        before the store is closed."""
        from mockint import __version__

        return {"format": EXPORT_FORMAT, "version": EXPORT_VERSION, "schema_version": schema_version(),
                "mockint_version": __version__, "exported_at": now_iso(),
                "sessions": _Lazy(self._export_sessions(left_out))}

    def _export_sessions(self, left_out: list[DamagedRow] | None) -> Iterator[dict[str, Any]]:
        with self._lock:
            try:
                self.conn.execute("BEGIN")          # one consistent snapshot
                ids = [r[0] for r in self.conn.execute("SELECT id FROM sessions ORDER BY started_at, rowid")]
            except sqlite3.Error as exc:
                raise self._translate(exc, reading=True) from None
            try:
                for sid in ids:
                    doc = self._export_one(sid, left_out)
                    if doc is not None:
                        yield doc
            finally:
                if self._conn is not None and self.conn.in_transaction:
                    try:
                        self.conn.execute("COMMIT")      # a read transaction: nothing to lose
                    except sqlite3.Error:
                        try:
                            self.conn.execute("ROLLBACK")
                        except sqlite3.Error:
                            pass

    def _export_one(self, sid: str, left_out: list[DamagedRow] | None) -> dict[str, Any] | None:
        try:
            try:
                return _session_doc(self._load(sid))
            except sqlite3.DatabaseError as exc:
                if not _is_damaged(exc):
                    raise self._translate(exc, reading=True) from None
                raise DamagedRow(sid, f"a page of the file holding it is damaged ({exc})") from None
        except DamagedRow as bad:
            if left_out is None:
                raise
            left_out.append(bad)
            return None

    @_guarded
    def import_all(self, doc: Any) -> tuple[int, int]:
        """Brings back an export; sessions already in the history (same id) are skipped, so
        importing twice adds nothing. The whole document is validated first: a bad one adds
        nothing and raises MockintError naming the place (``sessions[2].answers[0].answer: ...``)."""
        sessions = validate_export(doc)
        added = skipped = 0
        with self._tx() as c:
            for s in sessions:
                if c.execute("SELECT 1 FROM sessions WHERE id = ?", (s["id"],)).fetchone():
                    skipped += 1
                    continue
                c.execute("INSERT INTO sessions (id, lang, started_at, finished_at, updated_at, settings, "
                          "readiness, question_ids, summary, mockint_version) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?)",
                          (s["id"], s["lang"], s["started_at"], s["finished_at"],
                           s["finished_at"] or s["started_at"], _dumps(s["settings"]), _dumps(s["readiness"]),
                           _dumps(s["question_ids"]), None if s["summary"] is None else _dumps(s["summary"]),
                           s["mockint_version"]))
                for a in s["answers"]:
                    c.execute("INSERT INTO answers (session_id, idx, question_id, question_text, answer, "
                              "elapsed, answered_at, follow_up) VALUES (?, ?, ?, ?, ?, ?, ?, ?)",
                              (s["id"], a["index"], a["question_id"], a["question_text"], a["answer"],
                               a["elapsed"], a["answered_at"],
                               None if a["follow_up"] is None else _dumps(a["follow_up"])))
                    for r in a["results"]:
                        self._insert_result(c, s["id"], a["index"], r["rubric_version"], r["result"],
                                            r["shown"], r["created_at"])
                for d in s["drafts"]:
                    c.execute("INSERT INTO drafts (session_id, idx, question_id, text, saved_at, elapsed) "
                              "VALUES (?, ?, ?, ?, ?, ?)", (s["id"], d["index"], d["question_id"], d["text"],
                                                            d["saved_at"], d.get("elapsed")))
                self._refresh(c, s["id"], s["finished_at"] or s["started_at"])
                if s.get("call") is not None:
                    call = s["call"]
                    c.execute("INSERT INTO calls (session_id, scenario, turns, result) VALUES (?, ?, ?, ?)",
                              (s["id"], call["scenario"], _dumps(call["turns"]),
                               None if call["result"] is None else _dumps(call["result"])))
                    c.execute("UPDATE sessions SET n_answers = ?, score = ? WHERE id = ?",
                              (len(call["turns"]), call["result"]["overall"] if call["result"] else None, s["id"]))
                added += 1
        return added, skipped


# ---------------------------------------------------------------------------------------------
# stored score objects back into engine objects (for the text and Markdown renderers)

def result_from_dict(d: dict[str, Any]):
    """An ``engine.Result`` rebuilt from a stored score object (``Result.from_dict``), its
    talking-point evidence in the bank's order: it shows exactly what was stored, nothing re-scored."""
    from mockint.core.scoring.engine import Result

    return Result.from_dict(d, _point_order)


def _point_order(question_id: str, lang: str) -> list[str]:
    if not question_id:
        return []
    try:
        from mockint.core.bank import loader

        return [p.id for p in loader.bank(lang).get(question_id).talking_points]
    except Exception:
        return []
