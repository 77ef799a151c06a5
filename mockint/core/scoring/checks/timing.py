"""The timing kind: the answer against the question's time budget."""

from __future__ import annotations

from mockint.core.scoring.checks.base import (
    Check,
    Ctx,
    Outcome,
)


class TimingCheck(Check):
    kind = "timing"
    effects = ("reward", "gate")
    options = {"grace": False}     # key: required?

    def run(self, ctx: Ctx) -> Outcome:
        budget = float(ctx.question.seconds)
        elapsed = float(ctx.elapsed or 0.0)
        limit = budget * (1 + self.opts.get("grace", 0.2))
        value = 1.0 if elapsed <= limit else max(0.0, limit / elapsed)
        return Outcome(value, 0, [], {"elapsed": _mmss(elapsed), "budget": _mmss(budget)})


def _mmss(seconds: float) -> str:
    s = int(round(seconds))
    return f"{s // 60}:{s % 60:02d}"
