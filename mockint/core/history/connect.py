"""Opening the history file and what can go wrong with it: a lock held too long, a full disk, a
damaged file or a -wal of another database (moved aside, never deleted), a row that does not
read, a file made by a newer mockint. Every failure becomes one clear MockintError."""

from __future__ import annotations

import functools
import json
import os
import re
import shutil
import sqlite3
import struct
import time
from pathlib import Path
from typing import Any

from mockint.core.data.errors import MockintError
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
from mockint.core.history.schema import (
    APPLICATION_ID,
    _migrate,
    schema_version,
)

BUSY_TIMEOUT = 5.0                  # seconds a second mockint waits for the first
WAIT_LIMIT: float | None = None     # the longest wait whatever a caller asks (None: as asked); a test of a
                                    # busy history sets it (monkeypatch) so that it does not wait 5 s for real


_PREFIX_RE = re.compile(r"[0-9a-f]{1,32}")


def _errname(exc: BaseException) -> str:
    return str(getattr(exc, "sqlite_errorname", "") or "")


def _is_locked(exc: BaseException) -> bool:
    name, msg = _errname(exc), str(exc).lower()
    return name.startswith(("SQLITE_BUSY", "SQLITE_LOCKED")) or "locked" in msg or "busy" in msg


def _disk_full(exc: BaseException, path: Path) -> bool:
    """"database or disk is full", or an I/O error on a disk with (next to) no room left: SQLite
    says "disk I/O error" for a full disk in some places, which hides the cause."""
    name, msg = _errname(exc), str(exc).lower()
    if name.startswith("SQLITE_FULL") or "disk is full" in msg:
        return True
    if name.startswith("SQLITE_IOERR") or "disk i/o error" in msg:
        try:
            return shutil.disk_usage(path.parent).free < 1024 * 1024
        except OSError:
            return False
    return False


def _is_damaged(exc: BaseException) -> bool:
    name, msg = _errname(exc), str(exc).lower()
    return (name.startswith(("SQLITE_CORRUPT", "SQLITE_NOTADB")) or "not a database" in msg
            or "malformed" in msg)


def session_key(id_or_prefix: str | None) -> str:
    """A session id or a prefix of one, as typed, normalised; not hexadecimal: MockintError."""
    key = (id_or_prefix or "").strip().lower()
    if not _PREFIX_RE.fullmatch(key):
        raise MockintError(f"'{id_or_prefix}' is not a session id: ids are hexadecimal, e.g. "
                           f"'3f2a9c1b' as listed by 'mockint history'")
    return key


def no_session_error(id_or_prefix: str) -> MockintError:
    return MockintError(f"no session '{id_or_prefix}' in the history; 'mockint history' lists them")


def _locked_error(path: Path) -> MockintError:
    return MockintError(f"another mockint is using the history ({path} is locked); "
                        f"try again when it has finished", message_id="history.locked")


TRANSIENT = ("history.locked", "history.full")    # message ids of failures that pass: try again later


def _newer_error(path: Path, version: int) -> MockintError:
    return MockintError(f"the history file {path} was made by a newer mockint (schema version "
                        f"{version}; this one knows up to {schema_version()}): upgrade mockint, or set "
                        f"MOCKINT_HOME to use another folder")


class DamagedRow(MockintError):
    """A stored value that cannot be read (invalid JSON, a page SQLite cannot read): the rest of
    the history can still be read, so nothing is moved aside."""

    def __init__(self, sid: str, what: str):
        self.sid, self.what = sid, what
        super().__init__(f"session {sid[:8]} in the history cannot be read: {what}; the other sessions can "
                         f"('mockint export -o FILE' saves them)", message_id="history.damaged_row")


_SHAPES = {"settings": dict, "readiness": dict, "question ids": list, "summary": dict, "result": dict,
           "follow-up": dict, "turns": list}


def _stored(text: Any, sid: str, what: str, where: str = "") -> Any:
    """A JSON column of the history, read; DamagedRow when it is not what mockint wrote."""
    are = "are" if what in ("settings", "question ids", "turns") else "is"
    try:
        value = json.loads(text)
    except (TypeError, ValueError, RecursionError):
        raise DamagedRow(sid, f"its {what}{where} {are} damaged (not valid JSON)") from None
    if not isinstance(value, _SHAPES[what]):
        raise DamagedRow(sid, f"its {what}{where} {are} damaged (not a JSON {_SHAPES[what].__name__})")
    return value


class _Damaged(Exception):
    def __init__(self, reason: str):
        super().__init__(reason)
        self.reason = reason


def _side_name(path: Path) -> Path:
    stamp = time.strftime("%Y%m%d-%H%M%S")
    stem = path.name[:-len(".sqlite3")] if path.name.endswith(".sqlite3") else path.name
    n = 0
    while True:
        cand = path.with_name(f"{stem}.corrupt-{stamp}{'' if n == 0 else f'-{n}'}.sqlite3")
        if not any(Path(str(cand) + s).exists() for s in ("", "-wal", "-shm")):
            return cand
        n += 1


def _move_aside(path: Path) -> Path:
    """Moves the file and its -wal/-shm to a timestamped name; returns the new main name."""
    target = _side_name(path)
    try:
        for suffix in ("", "-wal", "-shm"):
            src = Path(str(path) + suffix)
            if src.exists():
                os.replace(src, str(target) + suffix)
    except OSError as exc:
        raise MockintError(f"the history file {path} is damaged and cannot be moved aside: "
                           f"{exc.strerror or exc}; move or delete it yourself") from None
    return target


def _foreign_wal(path: Path) -> str | None:
    """Why the history's ``-wal`` file is not its own (None when it is, or cannot be told), judged
    twice on a still file: another process writing the history writes a frame's header before its
    page, and a page 1 read between the two is yesterday's bytes, not a stranger's. A foreign file is
    stale (nothing writes it); one that changes while it is judged is in use, so its own."""
    why = _judge_wal(path)
    wal = Path(str(path) + "-wal")
    for _ in range(3):
        if why is None:
            return None
        before = _wal_stat(wal)
        time.sleep(WAL_SETTLE)
        why = _judge_wal(path)
        if before == _wal_stat(wal):
            return why
    return None


WAL_SETTLE = 0.05       # seconds a -wal file judged foreign must stay unchanged to be set aside


def _wal_stat(wal: Path) -> tuple[int, int] | None:
    try:
        st = wal.stat()
    except OSError:
        return None
    return st.st_size, st.st_mtime_ns


def _judge_wal(path: Path) -> str | None:
    """Why the ``-wal`` file read now is not the history's own: its page size differs from the
    history's, or a page 1 in it (the file header) is not a mockint history's. SQLite would replay
    such a file into the history at open."""
    wal = Path(str(path) + "-wal")
    try:
        if os.path.islink(wal) or not wal.is_file() or wal.stat().st_size < 32:
            return None
        with open(path, "rb") as f:
            head = f.read(100)
        if len(head) < 100 or struct.unpack(">I", head[68:72])[0] != APPLICATION_ID:
            return None                                   # not (yet) a mockint file: checked elsewhere
        db_page = struct.unpack(">H", head[16:18])[0]
        db_page = 65536 if db_page == 1 else db_page
        size = wal.stat().st_size
        with open(wal, "rb") as f:
            hdr = f.read(32)
            magic, _, page, _, salt1, salt2 = struct.unpack(">IIIIII", hdr[:24])
            if magic not in (0x377F0682, 0x377F0683):
                return None                               # SQLite ignores it
            if page != db_page:
                return f"its pages are {page} bytes, the history's {db_page}"
            # each frame: a 24-byte header, then the page; only a page 1 is read (its header)
            for at in range(32, size - 24 - page + 1, 24 + page):
                f.seek(at)
                pgno, _, fs1, fs2 = struct.unpack(">IIII8x", f.read(24))
                if (fs1, fs2) != (salt1, salt2):
                    return None                           # an old frame: SQLite stops there too
                if pgno == 1 and struct.unpack(">I", f.read(72)[68:72])[0] != APPLICATION_ID:
                    return "the file header in it is not a mockint history's"
            return None
    except (OSError, struct.error):
        return None


def _set_wal_aside(path: Path, why: str) -> str:
    stamp = time.strftime("%Y%m%d-%H%M%S")
    stem = path.name[:-len(".sqlite3")] if path.name.endswith(".sqlite3") else path.name
    target = path.with_name(f"{stem}.foreign-{stamp}.sqlite3")
    for suffix in ("-wal", "-shm"):
        src = Path(str(path) + suffix)
        if src.exists():
            try:
                os.replace(src, str(target) + suffix)
            except OSError as exc:
                raise MockintError(f"the history's {src.name} does not belong to it ({why}) and cannot be moved "
                                   f"aside: {exc.strerror or exc}; move or delete it yourself") from None
    return (f"the file {path.name}-wal beside the history does not belong to it ({why}); it was moved to "
            f"{target}-wal and not replayed")


def _damaged_notice(moved: Path) -> str:
    return f"the history file was damaged; it was moved to {moved} and a new one started"


def _chmod_600(path: Path) -> None:
    for suffix in ("", "-wal", "-shm"):
        p = str(path) + suffix
        try:
            if os.path.islink(p):               # never chmod through a link (see _connect)
                continue
            if os.path.exists(p) and (os.stat(p).st_mode & 0o777) != 0o600:
                os.chmod(p, 0o600)
        except OSError:  # pragma: no cover - not ours to change; sqlite will say if it cannot read
            pass


def _text(data: bytes) -> str:
    return data.decode("utf-8", "replace")


def _connect(path: Path, timeout: float) -> sqlite3.Connection:
    """Opens (creating mode 0o600) and checks the file; raises _Damaged, MockintError. A symbolic
    link at the history's path (or its -wal, -shm) is refused: mockint never follows a link to
    write, chmod or create tables in another file."""
    for suffix in ("", "-wal", "-shm"):
        if os.path.islink(str(path) + suffix):
            raise MockintError(f"the history file {path}{suffix} is a symbolic link; mockint does not follow "
                               f"links for its own files: remove the link (or set MOCKINT_HOME to another folder)")
    try:
        fd = os.open(path, os.O_RDWR | os.O_CREAT | getattr(os, "O_NOFOLLOW", 0), 0o600)
        os.close(fd)
    except IsADirectoryError:
        raise MockintError(f"cannot open the history file {path}: it is a folder") from None
    except OSError as exc:
        raise MockintError(f"cannot open the history file {path}: {exc.strerror or exc}") from None
    _chmod_600(path)
    if WAIT_LIMIT is not None:
        timeout = min(timeout, WAIT_LIMIT)
    conn = sqlite3.connect(str(path), timeout=timeout, isolation_level=None, check_same_thread=False)
    conn.text_factory = _text          # a damaged byte in a text shows as �, never a UnicodeDecodeError
    try:
        conn.execute(f"PRAGMA busy_timeout = {int(timeout * 1000)}")
        conn.execute("PRAGMA journal_mode = WAL")
        conn.execute("PRAGMA synchronous = FULL")
        conn.execute("PRAGMA foreign_keys = ON")
        version = conn.execute("PRAGMA user_version").fetchone()[0]
        if version > schema_version():
            raise _newer_error(path, version)
        conn.execute("SELECT count(*) FROM sqlite_master").fetchone()   # reads the schema pages
        if version < schema_version():
            _migrate(conn)
        _chmod_600(path)
        return conn
    except sqlite3.DatabaseError as exc:
        conn.close()
        if _is_locked(exc):
            raise _locked_error(path) from None
        if _is_damaged(exc):
            raise _Damaged(str(exc)) from None
        raise MockintError(f"cannot use the history file {path}: {exc}") from None
    except UnicodeDecodeError:          # SQLite's message quotes damaged bytes of the schema
        conn.close()
        raise _Damaged("its schema is damaged") from None
    except BaseException:
        conn.close()
        raise


def _guarded(fn, reading: bool = False):
    """Runs a Store method under its lock and turns SQLite errors into one-line MockintErrors. A
    damaged page found by a write moves the file aside (its bytes kept) and starts a new one; found
    by a read (``_reading``), it is reported and nothing is moved."""
    @functools.wraps(fn)
    def wrapper(self: Any, *args, **kwargs):  # self: the Store
        with self._lock:
            if self._conn is None:
                raise MockintError("the history is closed")
            try:
                return fn(self, *args, **kwargs)
            except sqlite3.Error as exc:
                raise self._translate(exc, reading) from None
            except UnicodeDecodeError:      # a message quoting damaged bytes: damage all the same
                raise self._translate(sqlite3.DatabaseError("database disk image is malformed"), reading) from None
    return wrapper


def _reading(fn):
    return _guarded(fn, reading=True)
