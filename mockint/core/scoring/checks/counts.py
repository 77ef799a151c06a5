"""The count and ratio kinds: words, sentences or long sentences against bounds; the share of words from lists."""

from __future__ import annotations

from collections import Counter

from mockint.core.scoring.checks.base import (
    Check,
    Ctx,
    Outcome,
    _bounds,
)
from mockint.core.scoring.text import Analysed, phrase_tokens


def _sentence_sizes(a: Analysed) -> Counter:
    """Sentence index -> how many tokens it has, in order (memoised per answer)."""
    got = a.cache.get("sent-sizes")
    if got is None:
        got = a.cache["sent-sizes"] = Counter(a.sentence_of_token)
    return got


def _by_sentence(a: Analysed) -> dict[int, list[int]]:
    """Sentence index -> the indexes of its tokens (memoised per answer). A token's sentence
    never comes before the previous token's, so each sentence's tokens follow one another."""
    got = a.cache.get("by-sent")
    if got is None:
        got = a.cache["by-sent"] = {}
        i = 0
        for si, n in _sentence_sizes(a).items():
            got[si] = list(range(i, i + n))
            i += n
    return got


class CountCheck(Check):
    kind = "count"
    effects = ("reward", "bonus", "gate")
    options = {"of": True, "min": False, "max": False}     # key: required?

    def run(self, ctx: Ctx) -> Outcome:
        a = ctx.a
        of = self.opts["of"]
        if of == "words":
            n = len(a.words)
        else:
            per = _sentence_sizes(a)
            n = len(per) if of == "sentences" else sum(1 for c in per.values() if c >= 5)
        lo, hi = _bounds(ctx, "min", self.opts), _bounds(ctx, "max", self.opts)
        value = 1.0
        if lo and n < lo:
            value = n / lo
        elif hi and n > hi:
            value = max(0.0, 1.0 - (n - hi) / hi)
        bounds = {k: int(v) for k, v in (("min", lo), ("max", hi)) if v}
        return Outcome(value, n, [], bounds)


class RatioCheck(Check):
    kind = "ratio"
    effects = ("reward", "bonus", "gate")
    options = {"lists": True, "min": False, "max": False}     # key: required?

    def __init__(self, *args):
        super().__init__(*args)
        self.words = {w for p in self.opts["lists"] for w in phrase_tokens(p)}

    def run(self, ctx: Ctx) -> Outcome:
        toks = ctx.a.words
        n = sum(map(self.words.__contains__, toks))
        share = n / len(toks) if toks else 0.0
        lo, hi = self.opts.get("min"), self.opts.get("max")
        value = 1.0
        if lo and share < lo:
            value = share / lo
        elif hi is not None and share > hi:
            value = hi / share if share else 1.0
        return Outcome(value, n, [], {"share": f"{share:.0%}"})
