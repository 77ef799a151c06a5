"""The history's schema: the SQL of each version and the ordered steps that bring a file up to date
(PRAGMA user_version), each applied once in one transaction."""

from __future__ import annotations

import sqlite3
from typing import Callable

from mockint.core.history.checks import (  # noqa: F401 - re-exported: the store's callers and tests
    _ID_RE,
    EXPORT_FORMAT,
    EXPORT_VERSION,
    MAX_CALL_TURNS,
    MAX_INDEX,
    _check_call,
    _check_result,
    validate_export,
)

APPLICATION_ID = 0x6D6B6E74          # "mknt": marks the file as a mockint history


def _v1(conn: sqlite3.Connection) -> None:
    for stmt in _V1.split(";\n"):
        if stmt.strip():
            conn.execute(stmt)


_V1 = """
CREATE TABLE sessions (
    id              TEXT PRIMARY KEY,
    lang            TEXT NOT NULL,
    started_at      TEXT NOT NULL,
    finished_at     TEXT,
    updated_at      TEXT NOT NULL,
    settings        TEXT NOT NULL,
    readiness       TEXT NOT NULL,
    question_ids    TEXT NOT NULL,
    summary         TEXT,
    n_answers       INTEGER NOT NULL DEFAULT 0,
    score           INTEGER,
    mockint_version TEXT NOT NULL
);
CREATE INDEX sessions_started ON sessions (started_at);
CREATE INDEX sessions_lang_started ON sessions (lang, started_at);
CREATE TABLE answers (
    session_id    TEXT NOT NULL REFERENCES sessions (id) ON DELETE CASCADE,
    idx           INTEGER NOT NULL,
    question_id   TEXT,
    question_text TEXT NOT NULL,
    answer        TEXT NOT NULL,
    elapsed       REAL,
    answered_at   TEXT NOT NULL,
    follow_up     TEXT,
    PRIMARY KEY (session_id, idx)
);
CREATE INDEX answers_question ON answers (question_id);
CREATE TABLE results (
    id             INTEGER PRIMARY KEY,
    session_id     TEXT NOT NULL,
    idx            INTEGER NOT NULL,
    rubric_version INTEGER NOT NULL,
    score          INTEGER NOT NULL,
    shown          INTEGER NOT NULL,
    created_at     TEXT NOT NULL,
    result         TEXT NOT NULL,
    FOREIGN KEY (session_id, idx) REFERENCES answers (session_id, idx) ON DELETE CASCADE
);
CREATE INDEX results_answer ON results (session_id, idx);
CREATE TABLE result_criteria (
    result_id INTEGER NOT NULL REFERENCES results (id) ON DELETE CASCADE,
    criterion TEXT NOT NULL,
    score     REAL NOT NULL,
    passed    INTEGER NOT NULL,
    PRIMARY KEY (result_id, criterion)
) WITHOUT ROWID;
CREATE TABLE drafts (
    session_id  TEXT NOT NULL REFERENCES sessions (id) ON DELETE CASCADE,
    idx         INTEGER NOT NULL,
    question_id TEXT,
    text        TEXT NOT NULL,
    saved_at    TEXT NOT NULL,
    PRIMARY KEY (session_id, idx)
)
"""


# Ordered (version, step) pairs. A step runs inside the migration transaction; never edit a
# released step, append a new one. The current schema version is the last one's number.
def _v2(conn: sqlite3.Connection) -> None:
    """A draft keeps the time already spent on its question: resumed, the countdown goes on."""
    conn.execute("ALTER TABLE drafts ADD COLUMN elapsed REAL")


def _v3(conn: sqlite3.Connection) -> None:
    """Role-play calls (issue 18): a call is a session (settings ``{"mode": "roleplay",
    "scenario": ID}``) whose candidate turns and scored result live here; the buyer's replies are
    not stored: the same turns always give the same replies (``Call.replay``)."""
    conn.execute("CREATE TABLE calls (\n"
                 "    session_id TEXT PRIMARY KEY REFERENCES sessions (id) ON DELETE CASCADE,\n"
                 "    scenario   TEXT NOT NULL,\n"
                 "    turns      TEXT NOT NULL,\n"
                 "    result     TEXT\n"
                 ")")


MIGRATIONS: list[tuple[int, Callable[[sqlite3.Connection], None]]] = [(1, _v1), (2, _v2), (3, _v3)]


def schema_version() -> int:
    return MIGRATIONS[-1][0]


def _migrate(conn: sqlite3.Connection) -> None:
    conn.execute("BEGIN IMMEDIATE")
    try:
        version = conn.execute("PRAGMA user_version").fetchone()[0]   # another process may have
        for number, step in MIGRATIONS:                                # migrated while we waited
            if number > version:
                step(conn)
                conn.execute(f"PRAGMA user_version = {int(number)}")
        conn.execute(f"PRAGMA application_id = {APPLICATION_ID}")
        conn.execute("COMMIT")
    except BaseException:
        if conn.in_transaction:
            conn.execute("ROLLBACK")
        raise
