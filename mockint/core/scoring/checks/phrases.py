"""The phrases kind: a phrase list matched by stems in a window, exact hits first, typos second."""

from __future__ import annotations

from mockint.core.scoring.checks.base import (
    Check,
    Ctx,
    Outcome,
    _negated,
    _saturate,
    _spans_from_hits,
)
from mockint.core.scoring.matching import PhraseSet
from mockint.core.scoring.model import EFFECTS


class PhrasesCheck(Check):
    kind = "phrases"
    effects = EFFECTS
    options = {"phrases": False, "lists": False, "match": False, "window": False, "fuzzy": False,
               "distinct": False, "negated_by": False}     # key: required?

    def __init__(self, *args):
        super().__init__(*args)
        self.set = PhraseSet(self.opts.get("phrases", []) + self.opts.get("lists", []),
                             self.rubric.lang, self.opts.get("match", "stem"),
                             self.opts.get("window", self.rubric.window), self.opts.get("fuzzy"), self.lexicon)

    def run(self, ctx: Ctx) -> Outcome:
        hits = self.set.find(ctx.a)
        negators = self.opts.get("negated_by")
        if negators and hits:
            hits = [h for h in hits if not _negated(ctx.a, h.first, h.last, negators)]
        spans = _spans_from_hits(hits, self.rule)
        n = self._count(spans, [h.phrase for h in hits])
        return Outcome(_saturate(n, self.target(ctx)), n, spans)
