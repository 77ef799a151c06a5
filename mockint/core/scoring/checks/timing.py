"""The timing kind: the answer against the question's time budget."""

from __future__ import annotations

from mockint.core.scoring.checks.base import (  # noqa: F401 - moved to mockint.core.scoring.checks.base
    Check,
    Ctx,
    Outcome,
    Span,
    _bounds,
    _clause,
    _hit,
    _negated,
    _saturate,
    _spans_from_hits,
    _token_range,
)
from mockint.core.scoring.checks.counts import (  # noqa: F401 - moved to mockint.core.scoring.checks.counts
    CountCheck,
    RatioCheck,
    _by_sentence,
    _sentence_sizes,
)
from mockint.core.scoring.checks.others import (  # noqa: F401 - moved to mockint.core.scoring.checks.others
    ClaimsCheck,
    EvidenceCheck,
    FillerCheck,
    StatementsCheck,
)
from mockint.core.scoring.checks.pattern import (  # noqa: F401 - moved to mockint.core.scoring.checks.pattern
    _QUOTED,
    PatternCheck,
    PatternIndex,
    _char_starts,
    _compiled,
    _holds,
    _matches,
    _Objects,
    _quoted,
    _stem_positions,
)
from mockint.core.scoring.checks.phrases import (  # noqa: F401 - moved to mockint.core.scoring.checks.phrases
    PhrasesCheck,
)
from mockint.core.scoring.checks.question import (  # noqa: F401 - moved to mockint.core.scoring.checks.question
    QuestionCheck,
)
from mockint.core.scoring.checks.repetition import (  # noqa: F401 - moved to mockint.core.scoring.checks.repetition
    RepetitionCheck,
)
from mockint.core.scoring.checks.topic import (  # noqa: F401 - moved to mockint.core.scoring.checks.topic
    OnTopicCheck,
    OtherQuestionCheck,
    TalkingPointsCheck,
)


class TimingCheck(Check):
    kind = "timing"
    effects = ('reward', 'gate')
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
