"""The whole history out and back in: export as one versioned JSON document (read session by
session, a damaged one left out), import all or nothing, and the check before a large rewrite:
the Store's :class:`ExportImport` part."""

from __future__ import annotations

import sqlite3
from collections.abc import Iterator
from typing import TYPE_CHECKING, Any

from mockint import __version__
from mockint.core.data.errors import MockintError
from mockint.core.history.checks import (
    EXPORT_FORMAT,
    EXPORT_VERSION,
    validate_export,
)
from mockint.core.history.connect import (
    DamagedRow,
    _guarded,
    _is_damaged,
    _reading,
)
from mockint.core.history.reads import (
    ANSWER_COLS,
    CALL_COLS,
    DRAFT_COLS,
    RESULT_COLS,
    SESSION_COLS,
    session_record,
)
from mockint.core.history.records import (
    _dumps,
    _Lazy,
    _session_doc,
    now_iso,
)
from mockint.core.history.schema import schema_version

if TYPE_CHECKING:
    from mockint.core.history.parts import StoreParts
else:
    StoreParts = object       # the Store these methods are mixed into (see mockint.core.history.parts)


SALVAGE_ROWS = 1_000_000     # rows looked up one by one in a damaged table, at most


class LostRows(MockintError):
    """Rows of a damaged history file that could not be read at all (their sessions are unknown):
    said after an export that saved everything else."""

    def __init__(self, lost: dict[str, int]):
        self.sid = ""
        self.what = ", ".join(f"some rows of {table}" if not n else f"{n} row{'' if n == 1 else 's'} of {table}"
                              for table, n in lost.items())
        super().__init__(f"the history file is damaged: {self.what} could not be read", message_id="history.lost_rows")


class _Salvage:
    """The rows of a damaged history file that can still be read, looked up one rowid at a time (a
    lookup walks around the damaged pages a scan stops at); how many could not be, per table."""

    def __init__(self, conn: sqlite3.Connection):
        self.conn = conn
        self.rows: dict[tuple[str, str], list[tuple]] = {}
        self.by_session: dict[tuple[str, str], dict[str, list[tuple]]] = {}
        self.lost: dict[str, int] = {}

    def readable(self, table: str, cols: str) -> list[tuple]:
        if (table, cols) not in self.rows:
            try:
                top = self.conn.execute(f"SELECT max(rowid) FROM {table}").fetchone()[0] or 0
            except sqlite3.DatabaseError:       # not even its last row: how many are lost is unknown
                top, self.lost[table] = 0, 0
            rows = []
            for rowid in range(1, min(top, SALVAGE_ROWS) + 1):
                try:
                    row = self.conn.execute(f"SELECT {cols} FROM {table} WHERE rowid = ?", (rowid,)).fetchone()
                except sqlite3.DatabaseError:
                    self.lost[table] = self.lost.get(table, 0) + 1
                    continue
                if row is not None:
                    rows.append(row)
            self.rows[(table, cols)] = rows
        return self.rows[(table, cols)]

    def ids(self) -> list[str]:
        """The sessions' ids, when a damaged page stops the table being read in order."""
        return [row[0] for row in self.readable("sessions", SESSION_COLS)]

    def of(self, table: str, cols: str, sid: str) -> list[tuple]:
        """The readable rows of ``table`` whose first column is ``sid``, less that column (the rows
        are grouped once per table: a damaged history is read in one pass, not once per session)."""
        key = (table, cols)
        if key not in self.by_session:
            groups: dict[str, list[tuple]] = {}
            for r in self.readable(table, cols):
                groups.setdefault(r[0], []).append(r[1:])
            self.by_session[key] = groups
        return self.by_session[key].get(sid, [])

    def session(self, sid: str) -> dict[str, Any] | None:
        """A session some of whose pages are damaged, from its rows that can still be read (None
        when its own row cannot be)."""
        rows = self.of("sessions", SESSION_COLS, sid)
        if not rows:
            return None
        row = (sid,) + rows[0]
        mine = [("results", f"session_id, {RESULT_COLS}"), ("answers", f"session_id, {ANSWER_COLS}"),
                ("drafts", f"session_id, {DRAFT_COLS}"), ("calls", f"session_id, {CALL_COLS}")]
        results, answers, drafts, calls = (self.of(t, cols, sid) for t, cols in mine)
        return _session_doc(session_record(row, sorted(results, key=lambda r: (r[1], r[0])),
                                           sorted(answers, key=lambda r: r[0]), sorted(drafts, key=lambda r: r[0]),
                                           calls[0] if calls else None))


class ExportImport(StoreParts):
    """The Store's export and import (mixed into :class:`~mockint.core.history.store.Store`)."""

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
    def export_all(self, left_out: list[DamagedRow | LostRows] | None = None) -> dict[str, Any]:
        """All history as one versioned JSON document (``import_all`` reads it back). Read session
        by session: one that cannot be read (a damaged row or page) is left out and added to
        ``left_out`` (without that list, the first one raises); the rest is exported."""
        doc = self.export_stream(left_out)
        doc["sessions"] = list(doc["sessions"])
        return doc

    def export_stream(self, left_out: list[DamagedRow | LostRows] | None = None) -> dict[str, Any]:
        """:meth:`export_all` whose ``sessions`` are read one at a time while the document is
        encoded (``report.json_chunks``): memory stays flat in the number of sessions. Encode it
        before the store is closed."""
        return {"format": EXPORT_FORMAT, "version": EXPORT_VERSION, "schema_version": schema_version(),
                "mockint_version": __version__, "exported_at": now_iso(),
                "sessions": _Lazy(self._export_sessions(left_out))}

    def _export_sessions(self, left_out: list[DamagedRow | LostRows] | None) -> Iterator[dict[str, Any]]:
        with self._lock:
            salvage = _Salvage(self.conn) if left_out is not None else None
            try:
                self.conn.execute("BEGIN")          # one consistent snapshot
                ids = [r[0] for r in self.conn.execute("SELECT id FROM sessions ORDER BY started_at, rowid")]
            except sqlite3.DatabaseError as exc:
                if salvage is None or not _is_damaged(exc):
                    raise self._translate(exc, reading=True) from None
                ids = salvage.ids()
            except sqlite3.Error as exc:
                raise self._translate(exc, reading=True) from None
            try:
                for sid in ids:
                    doc = self._export_one(sid, left_out, salvage)
                    if doc is not None:
                        yield doc
                if salvage is not None and salvage.lost and left_out is not None:
                    left_out.append(LostRows(salvage.lost))
            finally:
                if self._conn is not None and self.conn.in_transaction:
                    try:
                        self.conn.execute("COMMIT")      # a read transaction: nothing to lose
                    except sqlite3.Error:
                        try:
                            self.conn.execute("ROLLBACK")
                        except sqlite3.Error:
                            pass

    def _export_one(self, sid: str, left_out: list[DamagedRow | LostRows] | None,
                    salvage: _Salvage | None = None) -> dict[str, Any] | None:
        try:
            try:
                return _session_doc(self._load(sid))
            except sqlite3.DatabaseError as exc:
                if not _is_damaged(exc):
                    raise self._translate(exc, reading=True) from None
                doc = salvage.session(sid) if salvage is not None else None
                if doc is None:
                    raise DamagedRow(sid, f"a page of the file holding it is damaged ({exc})") from None
                return doc
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
