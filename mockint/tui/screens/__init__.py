"""Screens of the interview TUI: start, readiness, interview, feedback, summary, help, confirm.

The app imports a screen's module where it first shows it (the first question does not wait for
the history, the question browser, the feedback...); :func:`is_screen` tells whether a screen is
one of them without importing its module."""

from __future__ import annotations

import sys

SCREENS = "mockint.tui.screens."


def is_screen(screen: object, module: str, *names: str) -> bool:
    """Whether ``screen`` is one of the classes ``names`` of ``mockint.tui.screens.<module>``;
    False while that module is not imported (no such screen can exist yet)."""
    mod = sys.modules.get(SCREENS + module)
    return mod is not None and isinstance(screen, tuple(getattr(mod, n) for n in names))
