"""The start screen's choices, remembered between runs: ``settings.json`` in mockint's folder.

Language, question set, how many questions, feedback after each answer or at the end, timer. The
file is written (atomically) when an interview starts from the start screen, and read when
``mockint`` or ``mockint practice`` starts without those options. It is a convenience: a missing,
unreadable or damaged file is the defaults, and a file that cannot be written is skipped; the
history is never involved.
"""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any

from mockint.core.data import paths

FILE = "settings.json"
KEYS: dict[str, type | tuple[type, ...]] = {"lang": str, "question_set": str, "count": (int, type(None)),
                                             "feedback": str, "timer": bool}


def path() -> Path:
    return paths.home() / FILE


def load() -> dict[str, Any]:
    """The remembered choices that are of the right type ({} when there are none)."""
    try:
        data = json.loads(path().read_text(encoding="utf-8"))
    except Exception:                 # missing, unreadable, not JSON, no home: the defaults
        return {}
    if not isinstance(data, dict):
        return {}
    return {k: v for k, v in data.items() if k in KEYS and isinstance(v, KEYS[k])
            and not (k == "count" and isinstance(v, bool))}


def save(settings: Any) -> bool:
    """Remember ``settings`` (an interview's ``Settings``); False when it could not be written."""
    # deferred: ~1 ms (tempfile) on every command, which loads this module; only to save
    from mockint.core.data.files import write_atomic

    data = {k: getattr(settings, k) for k in KEYS}
    try:
        write_atomic(path(), json.dumps(data, indent=2) + "\n")
    except Exception:
        return False
    return True
