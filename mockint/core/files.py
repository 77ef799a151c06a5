"""Writing files atomically: a hidden temporary file in the same folder, flushed to disk, then
renamed, so a reader (or a crash) sees the old file or the new one, never half of one. The file is
private to its owner (0o600, as ``mkstemp`` creates it): answers and reports are personal."""

from __future__ import annotations

import os
import tempfile
from pathlib import Path

from mockint.core.errors import MockintError


def write_atomic(path: str | Path, text: str, *, replace: bool = True, make_folder: bool = False) -> None:
    """Write ``text`` to ``path``. With ``replace=False`` an existing file is never replaced: a hard
    link makes the new name appear only if it does not exist yet, with no window for a race.
    ``make_folder`` creates a missing folder (0o700); otherwise a missing folder is an error."""
    path = Path(path)
    folder = path.parent if str(path.parent) else Path(".")
    if path.is_dir():
        raise MockintError(f"cannot write {path}: it is a folder")
    if path.exists() and not replace:
        raise MockintError(f"{path} already exists; --force replaces it")
    try:
        if make_folder:
            folder.mkdir(mode=0o700, parents=True, exist_ok=True)
        fd, tmp = tempfile.mkstemp(prefix=f".{path.name}.", suffix=".tmp", dir=folder)
    except FileNotFoundError:
        raise MockintError(f"cannot write {path}: the folder {folder} does not exist") from None
    except OSError as exc:
        raise MockintError(f"cannot write {path}: {exc.strerror or exc}") from None
    try:
        with os.fdopen(fd, "w", encoding="utf-8", newline="\n") as f:
            f.write(text)
            f.flush()
            os.fsync(f.fileno())
        if replace:
            os.replace(tmp, path)
        else:
            try:
                os.link(tmp, path)
            except FileExistsError:
                raise MockintError(f"{path} already exists; --force replaces it") from None
            except OSError:                     # a filesystem without hard links
                if path.exists():
                    raise MockintError(f"{path} already exists; --force replaces it") from None
                os.replace(tmp, path)
    except OSError as exc:
        raise MockintError(f"cannot write {path}: {exc.strerror or exc}") from None
    finally:
        try:
            os.unlink(tmp)
        except OSError:
            pass
