"""Where mockint keeps its own files: the user data directory, or ``MOCKINT_HOME`` when set.

``MOCKINT_HOME`` (tests, CI, a second profile) overrides everything. The folder is created
readable only by its owner (answers are personal).
"""

from __future__ import annotations

import os
from pathlib import Path

from mockint.core.data.errors import MockintError

ENV = "MOCKINT_HOME"
DB_NAME = "history.sqlite3"
CACHE_NAME = "cache"


def home() -> Path:
    """mockint's folder: ``$MOCKINT_HOME`` if set, else the platform's user data directory
    (``~/.local/share/mockint`` on Linux). Created with mode 0o700 when missing."""
    env = os.environ.get(ENV, "").strip()
    if env:
        path = Path(env).expanduser()
    else:
        import platformdirs  # deferred: ~2.5-4 ms; never needed with MOCKINT_HOME set (tests, benchmarks/run.py)

        path = Path(platformdirs.user_data_dir("mockint", appauthor=False))
    if not path.is_dir():
        try:
            path.mkdir(mode=0o700, parents=True, exist_ok=True)
        except FileExistsError:
            raise MockintError(f"cannot create mockint's folder {path}: a file has that name"
                               + (f" (check {ENV})" if env else "")) from None
        except OSError as exc:
            raise MockintError(f"cannot create mockint's folder {path}: {exc.strerror or exc}"
                               + (f" (check {ENV})" if env else "")) from None
        try:
            os.chmod(path, 0o700)      # mkdir's mode is filtered by the umask
        except OSError:                # pragma: no cover - e.g. a filesystem without modes
            pass
    return path


def db_path() -> Path:
    """The session history (SQLite)."""
    return home() / DB_NAME


def cache_dir() -> Path:
    """The disk cache (``mockint.core.data.cache``): everything there is rebuilt when missing."""
    return home() / CACHE_NAME
