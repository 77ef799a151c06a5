"""The question kind: questions put to the interviewer, found and shown, their topic judged after."""

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
)
from mockint.core.scoring.checks.pattern import (
    _quoted,
)
from mockint.core.scoring.matching import PhraseSet
from mockint.core.scoring.text import phrase_tokens

CLAUSE_BREAKS = frozenset(",:;—–-")     # between two words: a new clause begins


class QuestionCheck(Check):
    kind = "question"
    effects = ("reward", "bonus", "gate")
    options = {"about": False, "addressed": False, "starts": True, "exclude": False,
               "clause_openers": False, "statement_starts": False, "uptalk_starts": False,
               "lead_words": False}     # key: required?

    def __init__(self, *args):
        super().__init__(*args)
        lang, fz = self.rubric.lang, self.rubric.fuzzy
        def mk(key: str) -> PhraseSet | None:
            return (PhraseSet(self.opts[key], lang, "stem", self.rubric.window, fz, self.lexicon)
                    if self.opts.get(key) else None)
        self.about, self.addressed, self.exclude = mk("about"), mk("addressed"), mk("exclude")
        self.clause_openers = {w for p in self.opts.get("clause_openers", []) for w in phrase_tokens(p)[:1]}
        self.statement_starts = {tuple(phrase_tokens(p)) for p in self.opts.get("statement_starts", [])}
        self.uptalk = {tuple(phrase_tokens(p)) for p in self.opts.get("uptalk_starts", [])}
        self.lead = {w for p in self.opts.get("lead_words", []) for w in phrase_tokens(p)}
        self.starts: dict[str, list[tuple[str, ...]]] = {}     # by first word
        for p in self.opts["starts"]:
            words = tuple(phrase_tokens(p))
            if words:
                self.starts.setdefault(words[0], []).append(words)

    def _opens_question(self, toks: list[str], sentence: str, idx: list[int]) -> bool:
        """Whether a sentence typed without '?' opens as a question ("what does the training look like")."""
        opening = self.starts.get(toks[idx[0]])
        if not opening:
            return False
        if toks[idx[0]] in self.clause_openers and "," in sentence:
            return False            # "When I get a no, I say thanks": a clause, then a statement
        if any(tuple(toks[i] for i in idx[:len(st)]) == st for st in self.statement_starts):
            return False            # "What I learned: be proactive": a clause for a heading, no question
        words = tuple(toks[i] for i in idx[:max(len(st) for st in opening)])
        return any(words[:len(st)] == st for st in opening)

    def _uptalk(self, a, idx: list[int]) -> bool:
        """Whether a sentence typed with '?' is a statement said with a rising tone ("Um, I guess
        I'm kind of good with clients?"): after ``lead_words``, it begins with ``uptalk_starts``."""
        if not self.uptalk:
            return False
        words = [a.words[i] for i in idx]
        k = 0
        while k < len(words) and words[k] in self.lead:
            k += 1
        start = next((st for st in self.uptalk if tuple(words[k:k + len(st)]) == st), None)
        if start is None:
            return False
        # "I guess just one: where do you see…" asks after all: a clause that opens as a question
        return not any(words[j] in self.starts and not CLAUSE_BREAKS.isdisjoint(
            a.folded[a.token_ends[idx[j - 1]]:a.token_starts[idx[j]]]) for j in range(k + len(start), len(words)))

    def run(self, ctx: Ctx) -> Outcome:
        a = ctx.a
        by_sent = _by_sentence(a)
        candidates = []
        toks, folded = a.words, a.folded
        quoted = _quoted(a)
        for si, idx in sorted(by_sent.items()):
            s, e = a.sentences[si]
            if quoted and any(qs <= s < qe or qs < e <= qe for qs, qe in quoted):
                continue                        # reported speech ("I'd ask them, 'What...?'"): not put to us
            if folded[e - 1] == "?" and self._uptalk(a, idx):
                continue                        # "I guess I'm good with clients?": no question
            if folded[e - 1] == "?" or self._opens_question(toks, folded[s:e], idx):
                candidates.append((si, idx))
        if not candidates:                      # no question at all: nothing else to look for
            return Outcome(_saturate(0, self.target(ctx)), 0, [])
        sets: dict[str, set[int] | None] = {}     # the tokens each phrase set found (None: no such set)
        for name in ("about", "addressed", "exclude"):
            ps = getattr(self, name)
            if ps is None:
                sets[name] = None
                continue
            tokens: set[int] = set()
            sets[name] = tokens
            for h in ps.find(a):
                tokens.update(range(h.first, h.last + 1))
        spans: list[Span] = []
        for si, idx in candidates:
            s, e = a.sentences[si]
            inside = set(idx)
            if sets["about"] is not None and not (sets["about"] & inside):
                continue
            if sets["addressed"] is not None and not (sets["addressed"] & inside):
                continue
            if sets["exclude"] is not None and (sets["exclude"] & inside):
                continue
            spans.append(Span(s, e, idx[0], idx[-1], self.rule))
        return Outcome(_saturate(len(spans), self.target(ctx)), len(spans), spans)
