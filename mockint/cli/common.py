"""What the CLI's command modules share with its entry point (``mockint.cli.main``); they import
this, never the entry point."""

from __future__ import annotations

import os


def default_lang(environ: dict[str, str] | None = None) -> str:
    """``ro`` when the locale says Romanian (LC_ALL, LC_MESSAGES, LANG: ``ro_RO.UTF-8``), else ``en``."""
    env = os.environ if environ is None else environ
    for var in ("LC_ALL", "LC_MESSAGES", "LANG"):
        value = env.get(var, "")
        if value:
            return "ro" if value.lower().startswith("ro") else "en"
    return "en"
