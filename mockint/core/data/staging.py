"""Writing several files of one folder all or nothing, even if the process is killed midway.

``write_all(folder, [(name, text), ...])``:

1. a hidden staging folder ``<folder>/.import-XXXX/`` is made and locked (``flock``) by the writer;
2. every file is written into it and flushed to the disk;
3. ``plan.json`` (which staged file goes to which name) is renamed into place: the commit point;
4. each staged file is renamed over its name (one atomic rename each), then the staging folder goes.

Killed before 3, nothing has changed: the next run removes the staging folder. Killed after 3,
the next run finishes the renames (``recover``). Staging folders and the temporary files of atomic
writes (``.NAME.XXXX.tmp``) left by processes that are gone are cleaned at the next run; the ones
of a running writer are left alone (it holds their lock, or they are younger than an hour).
"""

from __future__ import annotations

import json
import os
import shutil
import tempfile
import time
from pathlib import Path

from mockint.core.data.errors import MockintError

try:
    import fcntl
except ImportError:  # pragma: no cover - Windows: no locks; recovery trusts the commit marker
    fcntl = None  # type: ignore[assignment]

PREFIX = ".import-"
PLAN = "plan.json"
STALE_TMP_SECONDS = 3600
_rename = os.replace                     # one name for the renames of this module (tests kill at one)


def _fsync_dir(folder: Path) -> None:
    try:
        fd = os.open(folder, os.O_RDONLY)
    except OSError:  # pragma: no cover - not every system opens folders
        return
    try:
        os.fsync(fd)
    except OSError:  # pragma: no cover
        pass
    finally:
        os.close(fd)


def _write(path: Path, data: bytes) -> None:
    fd = os.open(path, os.O_WRONLY | os.O_CREAT | os.O_EXCL | getattr(os, "O_NOFOLLOW", 0), 0o600)
    try:
        os.write(fd, data)
        os.fsync(fd)
    finally:
        os.close(fd)


def _lock(stage: Path, blocking: bool) -> int | None:
    """Holds the staging folder's lock (an fd); None when another process holds it."""
    fd = os.open(stage / "lock", os.O_RDWR | os.O_CREAT | getattr(os, "O_NOFOLLOW", 0), 0o600)
    if fcntl is not None:
        try:
            fcntl.flock(fd, fcntl.LOCK_EX | (0 if blocking else fcntl.LOCK_NB))
        except OSError:
            os.close(fd)
            return None
    return fd


def _place(stage: Path, folder: Path) -> None:
    """Step 4: the committed files, renamed into place (again after a kill: idempotent)."""
    plan = json.loads((stage / PLAN).read_text(encoding="utf-8"))
    for staged, name in plan:
        src = stage / staged
        if src.exists():
            _rename(src, folder / name)
    _fsync_dir(folder)
    shutil.rmtree(stage, ignore_errors=True)


def write_all(folder: Path, files: list[tuple[str, str]]) -> None:
    """Writes ``files`` (name in ``folder``, text) all or nothing (see the module's docstring)."""
    folder.mkdir(mode=0o700, parents=True, exist_ok=True)
    recover(folder)
    try:
        stage = Path(tempfile.mkdtemp(prefix=PREFIX, dir=folder))
    except OSError as exc:
        raise MockintError(f"cannot write in {folder}: {exc.strerror or exc}") from None
    try:
        fd = _lock(stage, blocking=True)
    except OSError as exc:
        raise MockintError(f"cannot write in {folder}: {exc.strerror or exc}; nothing was changed") from None
    try:
        try:
            plan = []
            for i, (name, text) in enumerate(files):
                staged = f"{i}.yaml"
                _write(stage / staged, text.encode("utf-8"))
                plan.append([staged, name])
            _write(stage / "plan.tmp", json.dumps(plan).encode("utf-8"))
            _fsync_dir(stage)
            _rename(stage / "plan.tmp", stage / PLAN)      # the commit point
            _fsync_dir(stage)
        except OSError as exc:
            shutil.rmtree(stage, ignore_errors=True)
            raise MockintError(f"cannot write in {folder}: {exc.strerror or exc}; nothing was changed") from None
        try:
            _place(stage, folder)
        except OSError as exc:
            raise MockintError(f"cannot finish writing in {folder}: {exc.strerror or exc}; the rest is written "
                               f"the next time mockint runs") from None
    finally:
        if fd is not None:
            os.close(fd)


def recover(folder: Path) -> list[str]:
    """Finishes or undoes the writes of processes that were killed, and removes their temporary
    files; returns what was done (for a notice)."""
    done: list[str] = []
    try:
        entries = list(os.scandir(folder))
    except OSError:
        return done
    now = time.time()
    for e in entries:
        try:
            if e.name.startswith(PREFIX) and e.is_dir(follow_symlinks=False):
                stage = Path(e.path)
                fd = _lock(stage, blocking=False)
                if fd is None:                              # its writer is still at work
                    continue
                try:
                    if (stage / PLAN).exists():
                        _place(stage, folder)
                        done.append(f"finished an import that was interrupted ({stage.name})")
                    else:
                        shutil.rmtree(stage, ignore_errors=True)
                        done.append(f"removed an import that was interrupted before it was written ({stage.name})")
                finally:
                    os.close(fd)
            elif (e.name.startswith(".") and e.name.endswith(".tmp") and e.is_file(follow_symlinks=False)
                  and now - e.stat(follow_symlinks=False).st_mtime > STALE_TMP_SECONDS):
                os.unlink(e.path)
                done.append(f"removed the temporary file {e.name}")
        except OSError:
            continue
    return done
