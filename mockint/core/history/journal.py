"""Answers the history could not take yet: kept in a crash-safe journal file until they are written.

When an answer cannot be committed (the disk is full for a moment, another mockint holds the
history past the wait, the file cannot be opened), the interview keeps it in memory, retries it
with every later answer, and appends it here: one JSON line per write, flushed and fsynced, in
``<home>/unsaved/<id>.jsonl`` (owner-only, never through a link). The process writing a journal
holds an exclusive lock on it; the next time any mockint opens the history
(:meth:`mockint.core.history.store.Store.open`), the journals nobody holds are written into it (an
answer already there is not written twice) and removed.

A line is one of::

    {"kind": "begin", "lang": .., "settings": {..}, "readiness": {..}, "question_ids": [..], "session": id|null}
    {"kind": "answer", "session": id|null, "index": 0, "question_id": .., "question_text": .., "answer": ..,
     "elapsed": .., "result": {..}, "rubric_version": 1, "follow_up": {..}|null}
    {"kind": "finish", "session": id|null, "summary": {..}}

A line that cannot be read (a torn last line after a crash) is skipped; the rest is kept.
"""

from __future__ import annotations

import json
import os
import uuid
from pathlib import Path
from typing import Any

try:                                    # POSIX: the writer holds its journal locked
    import fcntl
except ImportError:  # pragma: no cover - Windows: journals are replayed when found
    fcntl = None  # type: ignore[assignment]

FOLDER = "unsaved"


def folder(home: Path) -> Path:
    return Path(home) / FOLDER


class Journal:
    """One interview's journal; created on the first :meth:`add`."""

    def __init__(self, home: Path, name: str | None = None):
        self.path = folder(home) / f"{name or uuid.uuid4().hex}.jsonl"
        self._fd: int | None = None
        self.count = 0                  # lines written

    def _open(self) -> int:
        if self._fd is None:
            self.path.parent.mkdir(mode=0o700, parents=True, exist_ok=True)
            fd = os.open(self.path, os.O_WRONLY | os.O_CREAT | os.O_APPEND | getattr(os, "O_NOFOLLOW", 0), 0o600)
            if fcntl is not None:
                fcntl.flock(fd, fcntl.LOCK_EX | fcntl.LOCK_NB)
            self._fd = fd
        return self._fd

    def add(self, entry: dict[str, Any]) -> bool:
        """Appends one line (flushed to the disk); False when even that cannot be written."""
        data = (json.dumps(entry, ensure_ascii=False, separators=(",", ":")) + "\n").encode("utf-8")
        try:
            fd = self._open()
            os.write(fd, data)
            os.fsync(fd)
        except OSError:
            return False
        self.count += 1
        return True

    def close(self, remove: bool = False) -> None:
        """Closes (and, when everything in it is in the history, removes) the journal."""
        if remove and self._fd is not None:
            try:
                os.unlink(self.path)
            except OSError:
                pass
        if self._fd is not None:
            try:
                os.close(self._fd)
            except OSError:  # pragma: no cover
                pass
            self._fd = None


def read(path: Path) -> list[dict[str, Any]]:
    """The readable lines of a journal, in order."""
    out: list[dict[str, Any]] = []
    try:
        with open(path, "rb") as f:
            raw = f.read()
    except OSError:
        return out
    for line in raw.splitlines():
        try:
            entry = json.loads(line.decode("utf-8"))
        except (UnicodeDecodeError, ValueError):
            continue
        if isinstance(entry, dict) and entry.get("kind") in ("begin", "answer", "finish"):
            out.append(entry)
    return out


def pending(home: Path) -> list[tuple[Path, int | None]]:
    """The journals left by processes that are gone: (path, fd holding its lock, or None)."""
    base = folder(home)
    if not base.is_dir() or base.is_symlink():
        return []
    found: list[tuple[Path, int | None]] = []
    for path in sorted(base.glob("*.jsonl")):
        if path.is_symlink() or not path.is_file():
            continue
        fd = None
        if fcntl is not None:
            try:
                fd = os.open(path, os.O_RDONLY | getattr(os, "O_NOFOLLOW", 0))
                fcntl.flock(fd, fcntl.LOCK_EX | fcntl.LOCK_NB)
            except OSError:             # held by a running mockint: its own to write
                if fd is not None:
                    os.close(fd)
                continue
        found.append((path, fd))
    return found


def release(path: Path, fd: int | None, remove: bool) -> None:
    if remove:
        try:
            os.unlink(path)
        except OSError:
            pass
    if fd is not None:
        os.close(fd)
