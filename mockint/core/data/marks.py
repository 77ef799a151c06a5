"""The score marks, one home (issue 17): 70 passes (a question under it is offered again, spaced
repetition counts it as good, a bank's example must reach it), 50 is the middle of the colour scale."""

from __future__ import annotations

PASS_MARK = 70
MIDDLE_MARK = 50


def colour(score: float | None) -> str:
    """green from the pass mark, yellow from the middle one, else red (score bars and cells)."""
    s = score or 0
    return "green" if s >= PASS_MARK else ("yellow" if s >= MIDDLE_MARK else "red")
