"""Regular expressions compiled once per Python, not once per run.

Python's ``re`` compiles a pattern in pure Python (parse, then code generation): for the rubrics'
large alternations that is ~75 ms of every cold ``mockint score``, more than the scoring itself.
What that work makes is plain data, a list of integers (the pattern's program for the C matcher)
with its group count and names, so it is kept in the disk cache (:mod:`mockint.core.data.cache`)
by pattern text, and a later run hands it straight to the C matcher, as ``re`` itself ends
(:func:`mockint.core.data.regex_parse.program`, the one place private regex modules are used).

Safe by construction:
- the entry's key holds mockint's and Python's versions and the matcher's magic number and code
  size, so a program made by another Python or another ``re`` is never read;
- the C matcher validates a program before it builds a pattern from it (a damaged one is refused,
  never run), and any failure falls back to :func:`re.compile`; with the private modules missing
  or changed (``regex_parse.usable()`` False) it is :func:`re.compile` throughout;
- a pattern built from a kept program equals the one :func:`re.compile` builds (``==`` compares
  the text, flags and program: tests/unit/test_recode.py checks every rubric pattern).

New programs are added to the entry at exit (at most ``MAX_PATTERNS``; beyond, it starts again).
``MOCKINT_NO_CACHE=1`` turns it off with the rest of the cache.
"""

from __future__ import annotations

import atexit
import re
from typing import Any

from mockint.core.data import cache, regex_parse

KIND = "recode-1"                       # pattern text -> (flags, program, groups, groupindex, indexgroup)
MAX_PATTERNS = 3_000                     # both shipped rubrics hold ~1,900 (~7 MB); the cache keeps 16 MB

_kept: dict[str, tuple] | None = None
_new: dict[str, tuple] = {}
_hooked = False


def _entry() -> str:
    return cache.key(KIND, regex_parse.stamp())


def _load() -> dict[str, tuple]:
    global _kept
    if _kept is None:
        got = cache.read(_entry())
        _kept = got if isinstance(got, dict) else {}
    return _kept


def compile(pattern: str) -> re.Pattern:  # noqa: A001 - the name says what it stands for
    """``re.compile(pattern)``, from the kept program when there is one."""
    if not regex_parse.usable() or cache.off():
        return re.compile(pattern)
    parts = _load().get(pattern) or _new.get(pattern)
    if parts is not None:
        try:
            return regex_parse.from_program(pattern, parts)
        except Exception:               # noqa: BLE001 - refused or damaged: compiled the usual way
            pass
    rx, parts = _build(pattern)
    if parts is not None:
        _remember(pattern, parts)
    return rx


def _build(pattern: str) -> tuple[re.Pattern, tuple | None]:
    return regex_parse.program(pattern)


def _remember(pattern: str, parts: tuple) -> None:
    global _hooked
    _new[pattern] = parts
    if not _hooked:
        atexit.register(save)
        _hooked = True


def save() -> bool:
    """Add the programs built since the last save to the entry; whether anything was written."""
    global _kept
    if not _new:
        return False
    kept = dict(_load())
    if len(kept) + len(_new) > MAX_PATTERNS:
        kept = {}
    kept.update(_new)
    _new.clear()
    _kept = kept
    return cache.write(_entry(), kept)


def reset() -> None:
    """Forget what was loaded and built (tests)."""
    global _kept
    _kept = None
    _new.clear()


def stats() -> dict[str, Any]:
    return {"kept": len(_load()), "new": len(_new)}
