"""What the CLI's command modules share with its entry point (``mockint.cli.main``); they import
this, never the entry point."""

from __future__ import annotations

import argparse
import os
from collections.abc import Callable


def default_lang(environ: dict[str, str] | None = None) -> str:
    """``ro`` when the locale says Romanian (LC_ALL, LC_MESSAGES, LANG: ``ro_RO.UTF-8``), else ``en``."""
    env = os.environ if environ is None else environ
    for var in ("LC_ALL", "LC_MESSAGES", "LANG"):
        value = env.get(var, "")
        if value:
            return "ro" if value.lower().startswith("ro") else "en"
    return "en"


_BREAKS = "\n\r\x0b\x0c\x1c\x1d\x1e\x85\u2028\u2029"     # what str.splitlines() splits on


def one_line(text: str, limit: int = 2000) -> str:
    """A message as one line: line breaks (from a file name, an id, ...) shown escaped, as ``\\n``."""
    if any(ch in text for ch in _BREAKS):
        text = "".join(ch.encode("unicode_escape").decode("ascii") if ch in _BREAKS else ch for ch in text)
    # deferred: ~0.35 ms on every command (a cold 'mockint history' is ~49 ms); only for a message
    from mockint.core.data.safe import printable
    text = printable(text, keep="")                # and no terminal escapes in a message
    return text if len(text) <= limit else text[:limit] + "..."


def whole_number(lo: int, hi: int, unit: str = "") -> Callable[[str], int]:
    """An argparse ``type``: a whole number from ``lo`` to ``hi`` (of ``unit``), else a one-line error
    ("'x' is not a whole number of seconds", "'0' must be from 1 to 50")."""
    of, after = (f" of {unit}", f" {unit}") if unit else ("", "")

    def parse(value: str) -> int:
        try:
            n = int(value)
        except ValueError:
            raise argparse.ArgumentTypeError(f"'{value}' is not a whole number{of}") from None
        if not lo <= n <= hi:
            raise argparse.ArgumentTypeError(f"'{value}' must be from {lo} to {hi}{after}")
        return n

    return parse
