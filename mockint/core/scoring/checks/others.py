"""The kinds that read other checks' evidence: claims with no evidence near them, statements with
nothing behind them, evidence from other checks, filler sentences."""

from __future__ import annotations

from mockint.core.scoring.checks.base import (
    Check,
    Ctx,
    Outcome,
    Span,
    _saturate,
)
from mockint.core.scoring.checks.counts import (
    _by_sentence,
    _sentence_sizes,
)
from mockint.core.scoring.matching import PhraseSet
from mockint.core.scoring.model import EFFECTS


class ClaimsCheck(Check):
    """Claims of a quality with no evidence (hits of the 'unless' checks) within a window."""
    kind = "claims"
    effects = ("penalty",)
    options = {"phrases": False, "lists": False, "unless": True, "window_words": False}     # key: required?
    reads_others = True


    def __init__(self, *args, criterion_id: str = ""):
        super().__init__(*args)
        self.set = PhraseSet(self.opts.get("phrases", []) + self.opts.get("lists", []), self.rubric.lang,
                             "stem", self.rubric.window, self.rubric.fuzzy, self.lexicon)
        self.unless = self._refs("unless")
        self.window = self.opts.get("window_words", 25)

    def run(self, ctx: Ctx) -> Outcome:
        claims = self.set.find(ctx.a)
        if not claims:
            return Outcome(1.0, 0, [])
        support = [s for ref in self.unless for s in ctx.run(ref).spans]
        spans = []
        for h in claims:
            near = any(sp.last >= h.first - self.window and sp.first <= h.last + self.window for sp in support)
            if not near:
                spans.append(Span(h.start, h.end, h.first, h.last, self.rule, h.typo))
        return Outcome(0.0 if spans else 1.0, len(spans), spans)


class StatementsCheck(Check):
    """Direct sentences: at least ``min_words`` words and no evidence of the ``unless`` checks
    (hedges, fillers...) in them. Evidence: each such sentence. With ``scale_from_words``, an
    answer at least that long needs no more direct sentences than it has sentences."""
    kind = "statements"
    effects = ("reward", "bonus", "gate")
    options = {"unless": True, "min_words": False, "scale_from_words": False}     # key: required?
    reads_others = True


    def __init__(self, *args):
        super().__init__(*args)
        self.unless = self._refs("unless")
        self.min_words = int(self.opts.get("min_words", 6))

    def run(self, ctx: Ctx) -> Outcome:
        a = ctx.a
        spoiled = {si for ref in self.unless for sp in ctx.run(ref).spans
                   for si in (a.sentence_of_token[sp.first], a.sentence_of_token[sp.last]) if a.words}
        by_sent = _by_sentence(a)
        spans = []
        eligible = 0
        for si, idx in sorted(by_sent.items()):
            if len(idx) >= self.min_words:
                eligible += 1
                if si not in spoiled:
                    spans.append(Span(a.token_starts[idx[0]], a.token_ends[idx[-1]], idx[0], idx[-1], self.rule))
        # An answer of ``scale_from_words`` words or more with fewer sentences than the target:
        # all of them direct is enough. Shorter than that, the target stands (a two-line
        # brush-off is not confidence).
        target = self.target(ctx)
        scale = self.opts.get("scale_from_words")
        if scale and eligible and len(a.words) >= scale:
            target = min(target, eligible)
        return Outcome(_saturate(len(spans), target), len(spans), spans)


class EvidenceCheck(Check):
    """What other checks found (``from``), counted together: e.g. substance is actions, figures,
    reasons and talking points. A stretch of the answer counts once, however many checks found
    it; with ``distinct``, a repeated text counts once. Evidence: those spans, as this rule's.
    With ``density_from_words``, an answer of at least that many words is judged by its count per
    100 words (shorter ones pass): a long answer with little in it."""
    kind = "evidence"
    effects = EFFECTS
    options = {"from": True, "distinct": False, "density_from_words": False}     # key: required?
    reads_others = True


    def __init__(self, *args):
        super().__init__(*args)
        self.refs = self._refs("from")

    def run(self, ctx: Ctx) -> Outcome:
        taken: set[int] = set()
        spans: list[Span] = []
        for ref in self.refs:
            for sp in ctx.run(ref).spans:
                toks = range(sp.first, sp.last + 1)
                if not taken.isdisjoint(toks):
                    continue
                taken.update(toks)
                spans.append(Span(sp.start, sp.end, sp.first, sp.last, self.rule, sp.note))
        spans.sort(key=lambda sp: sp.start)
        folded = ctx.a.folded
        n = self._count(spans, (" ".join(folded[sp.start:sp.end].split()) for sp in spans))
        start = self.opts.get("density_from_words")
        if start is not None:           # per 100 words ({words} in a message is the answer's, as always)
            words = len(ctx.a.words)
            return Outcome(1.0 if words < start else _saturate(n * 100 / words, self.target(ctx)), n, spans)
        return Outcome(_saturate(n, self.target(ctx)), n, spans)


class FillerCheck(Check):
    """Padding: sentences of ``min_words`` words or more in which none of the ``from`` checks
    found anything (no fact, reason, step or talking point). ``allow`` of them, or ``max_share``
    of the sentences judged, cost nothing; the count is how many go beyond. Evidence: those
    sentences, so the candidate sees what to cut."""
    kind = "filler"
    effects = ("penalty",)
    options = {"from": True, "min_words": False, "allow": False, "max_share": False}     # key: required?
    reads_others = True


    def __init__(self, *args):
        super().__init__(*args)
        self.refs = self._refs("from")

    def run(self, ctx: Ctx) -> Outcome:
        a = ctx.a
        sizes = _sentence_sizes(a)
        need = int(self.opts.get("min_words", 5))
        judged = [si for si, n in sizes.items() if n >= need]
        if not judged:
            return Outcome(1.0, 0, [])
        sent = a.sentence_of_token
        full = {sent[sp.first] for ref in self.refs for sp in ctx.run(ref).spans}
        empty = [si for si in judged if si not in full]
        free = max(int(self.opts.get("allow", 0)), int(self.opts.get("max_share", 0) * len(judged)))
        count = max(0, len(empty) - free)
        if not count:
            return Outcome(1.0, 0, [])
        by_sent = _by_sentence(a)
        spans = []
        for si in empty:
            toks = by_sent[si]
            spans.append(Span(a.token_starts[toks[0]], a.token_ends[toks[-1]], toks[0], toks[-1], self.rule))
        return Outcome(1.0 - count / len(judged), count, spans, {"share": f"{len(empty) / len(judged):.0%}"})
