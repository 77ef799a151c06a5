"""Writing files atomically: a hidden temporary file in the same folder, flushed to disk, then
renamed, so a reader (or a crash) sees the old file or the new one, never half of one. The file is
private to its owner (0o600, as ``mkstemp`` creates it): answers and exports are personal; a file
meant to be shared (``shared``: a report) gets the user's usual mode instead, 0o666 less the umask,
as ``cp`` or an editor would make it."""

from __future__ import annotations

import os
import tempfile
from collections.abc import Iterable
from pathlib import Path

from mockint.core.data import paths
from mockint.core.data.errors import MockintError


def write_atomic(path: str | Path, text: str | Iterable[str], *, replace: bool = True,
                 make_folder: bool = False, shared: bool = False) -> None:
    """Write ``text`` to ``path``. With ``replace=False`` an existing file is never replaced: a hard
    link makes the new name appear only if it does not exist yet, with no window for a race.
    ``make_folder`` creates a missing folder (0o700); otherwise a missing folder is an error.
    ``shared``: mode 0o666 less the umask (a report to hand on), not 0o600."""
    path = Path(path)
    folder = path.parent if str(path.parent) else Path(".")
    _refuse(path, replace)
    fd, tmp = _temp_file(path, folder, make_folder)
    try:
        with os.fdopen(fd, "w", encoding="utf-8", newline="\n") as f:
            if isinstance(text, str):
                f.write(text)
            else:                               # chunks, written as they come (an export)
                for chunk in text:
                    f.write(chunk)
            f.flush()
            if shared:
                os.fchmod(f.fileno(), 0o666 & ~_umask())
            os.fsync(f.fileno())
        _publish(tmp, path, replace)
    except OSError as exc:
        raise MockintError(f"cannot write {path}: {exc.strerror or exc}") from None
    finally:
        try:
            os.unlink(tmp)
        except OSError:
            pass


def _umask() -> int:
    """The process's umask (read by setting it, at once set back: mockint writes files from one thread)."""
    mask = os.umask(0o077)
    os.umask(mask)
    return mask


def _refuse(path: Path, replace: bool) -> None:
    """A path mockint never writes: a folder, a link or device, the history file, or (without
    ``replace``) a file that exists."""
    if path.is_dir():
        raise MockintError(f"cannot write {path}: it is a folder")
    if path.is_symlink() or (path.exists() and not path.is_file()):
        kind = "a symbolic link" if path.is_symlink() else "not a regular file (a device, FIFO or socket)"
        raise MockintError(f"cannot write {path}: it is {kind}; mockint writes only regular files or new paths")
    if _is_history(path):
        raise MockintError(f"cannot write {path}: it is mockint's history file; choose another name")
    if path.exists() and not replace:
        raise MockintError(f"{path} already exists; --force replaces it")


def _temp_file(path: Path, folder: Path, make_folder: bool) -> tuple[int, str]:
    """The hidden temporary file beside ``path`` (its folder made first with ``make_folder``)."""
    try:
        if make_folder:
            folder.mkdir(mode=0o700, parents=True, exist_ok=True)
        return tempfile.mkstemp(prefix=f".{path.name}.", suffix=".tmp", dir=folder)
    except FileNotFoundError:
        raise MockintError(f"cannot write {path}: the folder {folder} does not exist") from None
    except OSError as exc:
        raise MockintError(f"cannot write {path}: {exc.strerror or exc}") from None


def _publish(tmp: str, path: Path, replace: bool) -> None:
    """The written temporary file renamed to ``path``; without ``replace``, only if ``path`` does
    not exist yet (a hard link, so no other writer can slip in between)."""
    if replace:
        os.replace(tmp, path)
        return
    try:
        os.link(tmp, path)
    except FileExistsError:
        raise MockintError(f"{path} already exists; --force replaces it") from None
    except OSError:                     # a filesystem without hard links
        if path.exists():
            raise MockintError(f"{path} already exists; --force replaces it") from None
        os.replace(tmp, path)


def _is_history(path: Path) -> bool:
    """``path`` names the history database (or its -wal/-shm): writing there would destroy it.
    Found without creating mockint's folder (``paths.home`` would)."""
    if not path.name.startswith(paths.DB_NAME):
        return False
    env = os.environ.get(paths.ENV, "").strip()
    if env:
        home = Path(env).expanduser()
    else:
        import platformdirs  # deferred: ~1.6 ms ('export'); never needed with MOCKINT_HOME set (tests, benchmarks)

        home = Path(platformdirs.user_data_dir("mockint", appauthor=False))
    try:
        return path.name in {paths.DB_NAME + s for s in ("", "-wal", "-shm", "-journal")} and \
            path.resolve().parent == home.resolve()
    except OSError:            # pragma: no cover - an unreadable path: not ours to judge
        return False
