"""The Store as each of its parts sees it, for the type checker only: what
:class:`~mockint.core.history.store.Store` gives the parts it mixes in (``writes``, ``reads``,
``transfer``, ``replay``) and what one part calls of another.

Imported under ``TYPE_CHECKING`` only (never at run time): the parts derive from :class:`StoreParts`
for mypy (from ``object`` at run time), and mypy checks the Store's own definitions against it."""

from __future__ import annotations

import sqlite3
import threading
from contextlib import AbstractContextManager
from pathlib import Path
from typing import TYPE_CHECKING, Any

from mockint.core.data.errors import MockintError
from mockint.core.history.records import SessionRecord


class StoreParts:
    """The Store's state (set in ``Store.__init__``) and the methods its parts share."""

    path: Path
    notices: list[str]
    timeout: float
    _conn: sqlite3.Connection | None
    _lock: threading.RLock

    if TYPE_CHECKING:
        # store.py: the connection, transactions, errors, the listing columns
        @property
        def conn(self) -> sqlite3.Connection: ...
        def _tx(self) -> AbstractContextManager[sqlite3.Connection]: ...
        def _translate(self, exc: sqlite3.Error, reading: bool = False) -> MockintError: ...
        def _no_session(self, session_id: str) -> MockintError: ...
        @staticmethod
        def _insert_result(c: sqlite3.Connection, session_id: str, index: int, rubric_version: int,
                           result: dict[str, Any], shown: bool, created_at: str) -> int: ...
        @staticmethod
        def _refresh(c: sqlite3.Connection, session_id: str, ts: str) -> None: ...

        # reads.py
        def resolve(self, id_or_prefix: str) -> str: ...
        def _load(self, sid: str) -> SessionRecord: ...

        # writes.py
        def start_session(self, lang: str, settings: dict[str, Any], readiness: dict[str, Any],
                          question_ids: list[str]) -> str: ...
        def save_answer(self, session_id: str, index: int, question_id: str | None, question_text: str,
                        answer: str, elapsed: float | None, result: dict[str, Any], rubric_version: int,
                        follow_up: dict[str, Any] | None = None) -> None: ...
        def finish_session(self, session_id: str, summary: dict[str, Any]) -> None: ...
