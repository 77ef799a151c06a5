"""The repetition kind: the same words said again, by n-gram share."""

from __future__ import annotations

from mockint.core.scoring.checks.base import (
    Check,
    Ctx,
    Outcome,
    Span,
    _token_range,
)


class RepetitionCheck(Check):
    """Saying the same thing again: sentences repeated word for word or nearly, and runs of
    words said again (the scorer has already blanked them, ``cache["blanked"]``), and repeated word
    runs (``ngram`` words) beyond
    ``allow``. Value: 1 up to ``max_share`` of the answer's word runs repeated, less beyond; count:
    the repeated stretches (with the penalty effect, each costs ``per_hit``), 0 when within
    ``max_share`` and no sentence was repeated."""
    kind = "repetition"
    effects = ("reward", "penalty", "gate")
    options = {"ngram": False, "max_share": False, "allow": False}     # key: required?


    def run(self, ctx: Ctx) -> Outcome:
        n = int(self.opts.get("ngram", 3))
        a = ctx.a.cache.get("full", ctx.a)        # what was typed, repeated sentences included
        blanked = ctx.a.cache.get("blanked", [])        # folded spans said again
        stems = a.stems
        grams = list(zip(*(stems[k:] for k in range(n)))) if n > 0 else []
        if not grams or (not blanked and len(set(grams)) == len(grams)):   # the usual case, in C
            return Outcome(1.0, 0, [], {"share": "0%"})
        seen: set[tuple] = set()
        spans: list[Span] = []
        repeats = 0
        for i, g in enumerate(grams):
            if g in seen:
                repeats += 1
                if spans and spans[-1].last >= i:
                    spans[-1].last, spans[-1].end = i + n - 1, a.token_ends[i + n - 1]
                else:
                    spans.append(Span(a.token_starts[i], a.token_ends[i + n - 1], i, i + n - 1, self.rule))
            seen.add(g)
        share = max(0, repeats - int(self.opts.get("allow", 0))) / len(grams)
        limit = self.opts.get("max_share", 0.15)
        value = 1.0 if share <= limit else max(0.0, 1.0 - (share - limit) / max(1e-9, 1 - limit) * 2)
        if blanked:          # sentences and runs said again: each one shown
            spans = []
            for s, e in blanked:
                first, last = _token_range(a, a.token_starts, s, e)
                spans.append(Span(a.token_starts[first], a.token_ends[last], first, last, self.rule))
            value = min(value, 1.0 - len(blanked) / max(1, len(a.sentences)))
        elif share <= limit:
            spans = []
        return Outcome(value, len(spans), spans, {"share": f"{share:.0%}"})
