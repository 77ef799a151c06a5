"""The disk cache: what mockint keeps between runs to start fast, all of it through this module.

Entries live in ``<mockint home>/cache/`` (:func:`mockint.core.data.paths.cache_dir`). Every one
is named by :func:`key`: its kind (``yaml-2``, ``bank-2``...: the caller's format) and a 128-bit
hash of the content it was made from, mockint's version and the Python that wrote it
(implementation, version, marshal format). An edited file, another mockint or another Python
looks for another name, so a stale entry is never read; entries nobody reads any more are pruned.

An entry is any value ``marshal`` can keep (plain data: dicts, lists, tuples, sets, strings,
numbers), behind a header with a CRC-32 of it: a damaged entry (torn, truncated, edited) is read
as missing, and the caller rebuilds and rewrites it. A write goes to a private temporary file,
renamed over the entry, so a reader sees the old entry or the new one, never half of one, and two
processes writing one entry at once are both safe. Nothing here ever raises: a cache is only
faster, and a read-only home, a full disk or a damaged folder mean the work is done again.

Pruning (:func:`prune`), on a write, at most once a day or after ``PRUNE_AFTER_WRITES`` writes
since the last one: temporary files whose writer is gone, entries not read or written for
``MAX_AGE_DAYS`` days (a read refreshes an entry's time at most once a day), files this module
did not write (earlier cache formats), then the least recently used entries beyond ``MAX_BYTES``.

``MOCKINT_NO_CACHE=1`` turns the cache off: nothing is read or written, the folder is not made.
"""

from __future__ import annotations

import marshal
import os
import sys
import time
import zlib
from importlib.util import source_hash
from pathlib import Path
from typing import Any

import mockint
from mockint.core.data.paths import cache_dir

ENV = "MOCKINT_NO_CACHE"
FORMAT = 1                          # the layout of an entry file (header + marshal); part of every key
MAX_AGE_DAYS = 30                   # an entry unused this long is removed
MAX_BYTES = 16 * 1024 * 1024        # beyond this, the least recently used entries go first
PRUNE_EVERY = 24 * 3600             # seconds between prunes...
PRUNE_AFTER_WRITES = 64             # ...or this many writes since the last one, whichever comes first
TMP_STALE = 3600                    # seconds: an older temporary file's writer is gone
TOUCH_AFTER = 24 * 3600             # a read refreshes an entry's time when it is older than this


class _Miss:
    def __repr__(self) -> str:
        return "cache.MISS"


MISS: Any = _Miss()                 # what read() gives when there is no entry to use
_MAGIC = b"mockint-cache\x00" + bytes([FORMAT])
_HEAD = len(_MAGIC) + 4             # magic, then the CRC-32 of the payload (big-endian)
_MARKER = ".pruned"                 # its first line: when the cache was last pruned; one byte a write since
_HEX = frozenset("0123456789abcdef")
_KIND_CHARS = frozenset("abcdefghijklmnopqrstuvwxyz0123456789")


def off() -> bool:
    """``MOCKINT_NO_CACHE=1`` (any value but empty or 0): nothing is read or written."""
    return os.environ.get(ENV, "") not in ("", "0")


def key(kind: str, *content: str | bytes) -> str:
    """The entry name for a value made from ``content`` (a file's text, a list of patterns...):
    ``<kind>-<32 hex digits>``. ``kind`` is lower-case letters, digits and dashes and names the
    caller's format (``plans-5``); bump it when what is stored changes meaning."""
    stamp = (FORMAT, mockint.__version__, sys.implementation.cache_tag, sys.version, marshal.version, kind)
    blob = [_text("\x00".join(map(str, stamp)))]
    for part in content:
        raw = part if isinstance(part, bytes) else _text(part)
        blob += [len(raw).to_bytes(8, "big"), raw]      # ("ab", "c") and ("a", "bc") differ
    material = b"".join(blob)
    # 128 bits: two SipHash-1-3 passes (the hash Python keeps in a hash-based .pyc to tell an edited
    # source). Not hashlib: importing it loads OpenSSL, ~2.8 ms of every start; importlib.util ~0.25 ms.
    digest = source_hash(material) + source_hash(b"\x01" + material)
    return f"{kind}-{digest.hex()}"


def _text(text: str) -> bytes:
    return text.encode("utf-8", "surrogatepass")


def _is_entry(name: str) -> bool:
    """A name :func:`key` makes: ``<kind>-<32 hex digits>``."""
    kind, dash, digest = name.rpartition("-")
    return (bool(dash) and len(digest) == 32 and all(c in _HEX for c in digest)
            and kind[:1] in _KIND_CHARS and all(c in _KIND_CHARS or c == "-" for c in kind))


def path(name: str) -> Path:
    """Where the entry ``name`` is (whether or not it exists)."""
    return cache_dir() / name


def read(name: str) -> Any:
    """The value kept as ``name``, or ``MISS``: no entry, a damaged one, or the cache off."""
    if off():
        return MISS
    try:
        fd = os.open(path(name), os.O_RDONLY | getattr(os, "O_NOFOLLOW", 0))      # never through a link
        with open(fd, "rb") as fh:
            data = fh.read()
            st = os.fstat(fd)
        payload = memoryview(data)[_HEAD:]
        if data[:len(_MAGIC)] != _MAGIC or int.from_bytes(data[len(_MAGIC):_HEAD], "big") != zlib.crc32(payload):
            return MISS
        value = marshal.loads(payload)
    except Exception:                   # noqa: BLE001 - missing, unreadable, damaged: rebuilt by the caller
        return MISS
    if time.time() - st.st_mtime > TOUCH_AFTER:
        try:
            os.utime(path(name))        # "used": pruning removes what has not been for MAX_AGE_DAYS
        except OSError:
            pass
    return value


def write(name: str, value: Any) -> bool:
    """Keep ``value`` as the entry ``name``; whether it was kept. A value marshal cannot keep (a
    date...) or any problem writing is no entry: the caller just does the work again next time."""
    if off():
        return False
    try:
        payload = marshal.dumps(value)
    except ValueError:                  # e.g. a date in a YAML file: not cached
        return False
    tmp = None
    try:
        folder = cache_dir()
        folder.mkdir(mode=0o700, exist_ok=True)
        tmp = folder / f".{name}.{os.getpid()}-{os.urandom(4).hex()}.tmp"
        fd = os.open(tmp, os.O_WRONLY | os.O_CREAT | os.O_EXCL | getattr(os, "O_NOFOLLOW", 0), 0o600)
        with open(fd, "wb") as fh:
            fh.write(_MAGIC + zlib.crc32(payload).to_bytes(4, "big"))
            fh.write(payload)
        os.replace(tmp, folder / name)  # atomic: readers see the old entry or this one
        tmp = None
    except Exception:                   # noqa: BLE001 - a read-only home, a full disk: no entry, same results
        if tmp is not None:
            try:
                os.unlink(tmp)
            except OSError:
                pass
        return False
    try:
        _after_write(folder)
    except OSError:                     # the marker cannot be written: pruned another time
        pass
    return True


def _after_write(folder: Path) -> None:
    """Count the write in the marker; prune when the last prune is a day old or
    ``PRUNE_AFTER_WRITES`` writes ago (one small append per write, a folder scan now and then)."""
    fd = os.open(folder / _MARKER, os.O_RDWR | os.O_APPEND | os.O_CREAT | getattr(os, "O_NOFOLLOW", 0), 0o600)
    try:
        os.write(fd, b".")
        os.lseek(fd, 0, os.SEEK_SET)
        head = os.read(fd, 32)
        size = os.fstat(fd).st_size
    finally:
        os.close(fd)
    line, nl, _ = head.partition(b"\n")
    try:
        last = float(line) if nl else 0.0
    except ValueError:
        last = 0.0
    if time.time() - last > PRUNE_EVERY or size - len(line) - 1 >= PRUNE_AFTER_WRITES:
        prune(folder)


def prune(folder: Path | None = None, now: float | None = None) -> list[str]:
    """Remove temporary files whose writer is gone, entries unused for ``MAX_AGE_DAYS``, files
    that are no entry of this module, then the least recently used entries beyond ``MAX_BYTES``;
    restart the marker's count. Returns the names removed."""
    folder = cache_dir() if folder is None else folder
    now = time.time() if now is None else now
    removed: list[str] = []
    kept: list[tuple[float, int, str]] = []
    try:
        found = list(os.scandir(folder))
    except OSError:
        return removed
    for entry in found:
        name = entry.name
        try:
            st = entry.stat(follow_symlinks=False)
        except OSError:                 # removed meanwhile (another mockint pruning)
            continue
        if name == _MARKER:
            continue
        if name.endswith(".tmp"):
            if now - st.st_mtime > TMP_STALE:
                removed.append(name)
        elif not _is_entry(name) or now - st.st_mtime > MAX_AGE_DAYS * 86400:
            removed.append(name)
        else:
            kept.append((st.st_mtime, st.st_size, name))
    total = 0
    for _, size, name in sorted(kept, reverse=True):    # most recently used first
        total += size
        if total > MAX_BYTES:
            removed.append(name)
    for name in removed:
        try:
            os.unlink(folder / name)
        except OSError:                 # e.g. a folder where a file was expected: left alone
            pass
    try:
        _restart_marker(folder, now)
    except OSError:
        pass
    return removed


def _restart_marker(folder: Path, now: float) -> None:
    """The marker says "pruned at ``now``, no write since" (replaced whole: a count appended
    meanwhile by another mockint is dropped, which only delays the next prune a little)."""
    tmp = folder / f"{_MARKER}.{os.getpid()}-{os.urandom(4).hex()}.tmp"
    fd = os.open(tmp, os.O_WRONLY | os.O_CREAT | os.O_EXCL | getattr(os, "O_NOFOLLOW", 0), 0o600)
    try:
        try:
            os.write(fd, f"{now:.0f}\n".encode())
        finally:
            os.close(fd)
        os.replace(tmp, folder / _MARKER)
    except OSError:
        os.unlink(tmp)
        raise
