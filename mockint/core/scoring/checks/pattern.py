"""The pattern kind: regular expressions on the folded text, planned (where each can start, what
every match holds), with what an action may be done to (objects), companions (near) and
cancellers (unless)."""

from __future__ import annotations

import re
from itertools import repeat
from typing import Any

from mockint.core.scoring.checks.base import (
    Check,
    Ctx,
    Outcome,
    Span,
    _clause_ends,
    _hit,
    _negated,
    _saturate,
    _token_range,
)
from mockint.core.scoring.matching import Lexicon
from mockint.core.scoring.model import EFFECTS, LazyPattern
from mockint.core.scoring.prefilter import analysis
from mockint.core.scoring.text import Analysed, phrase_tokens, stem_words


class PatternCheck(Check):
    kind = "pattern"
    effects = EFFECTS
    options = {"patterns": True, "distinct": False, "negated_by": False, "objects": False, "near": False,
               "unless": False, "outside_quotes": False}     # key: required?

    def __init__(self, *args):
        super().__init__(*args)
        got = [analysis(rx.pattern) for rx in self.opts["patterns"]]
        self.plans = [(rx, p) for rx, (p, _, _) in zip(self.opts["patterns"], got)]
        self.char_plans = [None if p is not None else cp for p, cp, _ in got]
        self.needs = [needs or () for _, _, needs in got]
        self.index: PatternIndex | None = None      # set by the scorer (shared by its pattern checks)
        self.pids: list[int] = []
        self.objects = (_Objects(self.opts["objects"], self.rubric.lang, self.lexicon)
                        if "objects" in self.opts else None)
        unless = self.opts.get("unless")        # one canceller or several, each with its own window
        self.unless: list[dict] = unless if isinstance(unless, list) else [unless] if unless else []

    def run(self, ctx: Ctx) -> Outcome:
        index = self.index
        if index is None:
            index = PatternIndex([self])            # (it sets self.index)
        per = index.found(ctx.a, self.pids)
        found: list[tuple[int, int]] = []
        for pid in self.pids:
            got = per[pid]
            if got:
                found += got
        return self._outcome(ctx.a, found, self.target(ctx))

    def full_search(self, a: Analysed) -> Outcome:
        """What :meth:`run` finds, by searching the whole answer with every pattern (no plans, no
        required texts): the reference the tests hold the fast way to."""
        found = [(s, -e) for rx, _ in self.plans for m in rx.finditer(a.folded)
                 for s, e in (_hit(m),) if e > s]
        return self._outcome(a, found, self.spec.target)

    def _outcome(self, a: Analysed, found: list[tuple[int, int]], target: float) -> Outcome:
        """Spans of the matches ``(start, -end)``: leftmost first, then longest, no overlaps."""
        found.sort()
        tok_starts = a.token_starts
        negators = self.opts.get("negated_by")
        quoted = _quoted(a) if self.opts.get("outside_quotes") else None
        spans: list[Span] = []
        for s, e in found:
            e = -e
            if spans and s < spans[-1].end:
                continue
            if quoted and any(qs <= s and e <= qe for qs, qe in quoted):   # someone else's words
                continue
            first, last = _token_range(a, tok_starts, s, e)
            if negators and _negated(a, first, last, negators):
                continue
            if self.objects is not None and not self.objects.plausible(a, last):
                continue
            span = Span(s, e, first, last, self.rule)
            if any(self._nearby(a, span, u, u.get("negated_by", negators)) for u in self.unless):
                continue
            spans.append(span)
        shown = spans
        if "near" in self.opts:
            spans, shown = self._with_companions(a, spans)
            if not self.opts["near"].get("show", True):
                shown = spans
        n = self._count(spans, (a.folded[s.start:s.end] for s in spans))
        return Outcome(_saturate(n, target), n, shown)

    def _with_companions(self, a: Analysed, spans: list[Span]) -> tuple[list[Span], list[Span]]:
        """(the hits with a ``near`` companion, those hits and their companions in order): the words
        that made a hit count are shown with it (a claim and what belies it)."""
        kept: list[Span] = []
        also: dict[int, Span] = {}
        for span in spans:
            other = self._nearby(a, span, self.opts["near"])
            if other is not None:
                kept.append(span)
                also.setdefault(other.start, other)
        extra = [o for o in also.values() if not any(o.start < k.end and k.start < o.end for k in kept)]
        return kept, sorted(kept + extra, key=lambda sp: sp.start)

    def _nearby(self, a: Analysed, span: Span, opt: dict, negators: frozenset | None = None) -> Span | None:
        """The first match of ``opt``'s patterns within ``opt['sentences']`` sentences of ``span``
        (it may share words with the hit: "missed ... because of the leads" holds its own miss;
        not negated by ``negators`` when given), as a span; None when there is none."""
        sent = a.sentence_of_token
        if not sent:
            return None
        si = sent[min(span.first, len(sent) - 1)]
        k = opt["sentences"]
        lo_i, hi_i = max(0, si - k), min(len(a.sentences) - 1, si + k)
        lo, hi = a.sentences[lo_i][0], a.sentences[hi_i][1]
        for rx in opt["patterns"]:
            for m in rx.finditer(a.folded, lo, hi):
                s, e = _hit(m)
                if e <= s:
                    continue
                first, last = _token_range(a, a.token_starts, s, e)
                if negators and _negated(a, first, last, negators):
                    continue
                return Span(s, e, first, last, self.rule)
        return None


class _Objects:
    """What an action may be done to (a pattern check's ``objects``): the words after the action,
    within its clause and ``window``, that are not ``skip`` words must include one of ``words``
    (people, organisations, work things, pronouns standing for them; with ``known``, any word
    the rubric and bank use too, less the ``except`` lists), a figure, a name (a capital inside the sentence) or a word
    that carries the clause on (``goes_on``: "I started calling"), as the first content word or
    the one right after it (an adjective: "the untapped markets"). An action with no content word
    after it counts ("I listened", "I called them"); "I called the banana" and "I proposed a
    triangle" do not."""

    def __init__(self, opts: dict, lang: str, lexicon: Lexicon):
        skip = {w for p in opts["skip"] for w in phrase_tokens(p)}
        listed: set[str] = set()
        for p in opts["words"]:     # "case study": its words, less "of", "de"... of longer entries
            toks = phrase_tokens(p)
            listed.update(toks if len(toks) == 1 else (w for w in toks if w not in skip))
        odd = {w for p in opts.get("except", []) for w in phrase_tokens(p)}
        known = lexicon.known - skip - odd if opts.get("known") else set()
        words = sorted((listed - odd) | {w for w in known if w.isalpha()})
        self.words = frozenset(words)
        self.stems = frozenset(stem_words(words, lang)) if words else frozenset()
        self.skip = frozenset(skip - listed)
        self.goes_on = opts["goes_on"]
        self.window = opts["window"]

    def plausible(self, a: Analysed, last: int) -> bool:
        words, sent, stems = a.words, a.sentence_of_token, a.stems
        ts, te = a.token_starts, a.token_ends
        n = len(words)
        if last + 1 >= n:
            return True
        si = sent[last]
        first = -1                          # the first content word after the action
        for k in range(last + 1, min(n, last + 1 + self.window)):
            if sent[k] != si or _clause_ends(a, k - 1, k):
                break                       # the clause ends
            w = words[k]
            if w in self.skip:
                continue
            if w in self.words or stems[k] in self.stems or w[0].isdigit() \
                    or (self.goes_on is not None and self.goes_on.fullmatch(w)):
                return first < 0 or k == first + 1      # the object, or an adjective before it
            s, _ = a.span(ts[k], te[k])
            if a.original[s:s + 1].isupper():   # a name: "I called Maria"
                return first < 0 or k == first + 1
            if first >= 0:
                return False
            first = k
        return first < 0


Matches = list[tuple[int, int]]         # a pattern's matches in an answer: (start, -end)
# What an index keeps per answer (in its cache): where each planned pattern can start, each pattern's
# matches once tried, the patterns tried, and which required texts the answer holds.
_Found = tuple[dict[int, list[int]], list[Matches | None], set[int], dict[str, bool]]


class PatternIndex:
    """The patterns of a scorer's pattern checks, tried together once per answer.

    Each distinct pattern (two checks may share one) is tried only where it can match (see
    :mod:`mockint.core.scoring.prefilter`): a planned pattern at the tokens it can start on, found in one pass
    over the answer's tokens (which patterns a word can start is worked out once per word and
    kept); a pattern starting on punctuation at those characters; others over the whole answer.
    A pattern is tried only when the answer holds the texts every match of it holds. The matches
    are those ``finditer`` finds: tried in order, none starting inside the one before."""

    _MAX_WORDS = 50_000           # words remembered (then forgotten all at once)

    def __init__(self, checks: list[PatternCheck]):
        ids: dict[str, int] = {}
        self.rx: list = []
        self.needs: list[tuple] = []
        self.exact: dict[str, list[int]] = {}
        self.prefixes: dict[str, list[tuple[str, int]]] = {}      # by first character
        self._kind: list[Any] = []          # per pattern: None (word plan), True (whole), a char plan
        for chk in checks:
            chk.index, chk.pids = self, []
            for (rx, plan), cplan, needs in zip(chk.plans, chk.char_plans, chk.needs):
                key = rx.pattern                # (compiled alike: the text is enough)
                pid = ids.get(key)
                if pid is None:
                    pid = ids[key] = len(self.rx)
                    self.rx.append(rx)
                    self.needs.append(needs)
                    self._kind.append(None if plan is not None else (cplan if cplan is not None else True))
                    if plan is not None:
                        for word in plan[0]:
                            self.exact.setdefault(word, []).append(pid)
                        for prefix in plan[1]:
                            self.prefixes.setdefault(prefix[0], []).append((prefix, pid))
                chk.pids.append(pid)
        self._words: dict[str, tuple[int, ...]] = {}

    def _word(self, word: str) -> tuple[int, ...]:
        """The planned patterns a token can start (in order, each once)."""
        pids = set(self.exact.get(word, ()))
        pids.update(pid for prefix, pid in self.prefixes.get(word[:1], ()) if word.startswith(prefix))
        if len(self._words) >= self._MAX_WORDS:
            self._words.clear()
        got = self._words[word] = tuple(sorted(pids))
        return got

    def found(self, a: Analysed, wanted: list[int] | None = None) -> list[Matches | None]:
        """Per pattern, its matches in the answer as ``(start, -end)`` (None: none tried or not
        asked for). ``wanted``: only these patterns (a check asks for its own, so scoring a few
        criteria, as the live coach does, tries only their patterns); the others are tried when
        asked. Where each pattern can start is found once per answer for all of them."""
        state: _Found | None = a.cache.get(self)
        if state is None:
            fresh: list[Matches | None] = [None] * len(self.rx)
            state = a.cache[self] = (self._starts(a), fresh, set(), {})
        starts, out, done, seen = state
        todo = [pid for pid in (range(len(self.rx)) if wanted is None else wanted) if pid not in done]
        if not todo:
            return out
        text = a.folded
        rxs, needs = self.rx, self.needs
        kinds = self._kind
        done.update(todo)
        for pid in todo:
            kind = kinds[pid]
            need = needs[pid]
            if kind is None:                              # started by words: tried where they are
                at = starts.get(pid)
                if not at or (need and not _holds(text, need, seen)):   # (see below)
                    continue
                out[pid] = _matches(_compiled(rxs, pid), text, at)
                continue
            if need and not _holds(text, need, seen):    # a text every match holds is missing
                continue
            if kind is True:                              # no plan: searched whole
                out[pid] = [(s, -e) for m in _compiled(rxs, pid).finditer(text)
                            for s, e in (_hit(m),) if e > s]
            else:                                         # started by characters
                out[pid] = _matches(_compiled(rxs, pid), text, _char_starts(a, kind))
        return out

    def _starts(self, a: Analysed) -> dict[int, list[int]]:
        """Pattern -> the offsets of the tokens it can start on (one pass over the answer)."""
        where: dict[str, list[int]] = {}          # the words that start a pattern: their tokens
        words = self._words
        for word, s in zip(a.words, a.token_starts):
            pids = words.get(word)
            if pids is None:
                pids = self._word(word)
            if pids:
                at = where.get(word)
                if at is None:
                    where[word] = [s]
                else:
                    at.append(s)
        starts: dict[int, list[int]] = {}
        merged: set[int] = set()                    # patterns started by more than one word
        for word, at in where.items():
            for pid in words[word]:
                got = starts.get(pid)
                if got is None:
                    starts[pid] = at                # shared with ``where``, never changed in place
                elif pid in merged:
                    got += at
                else:
                    merged.add(pid)
                    starts[pid] = got + at
        for pid in merged:
            starts[pid].sort()
        return starts


def _compiled(rxs: list, pid: int) -> re.Pattern:
    """Pattern ``pid``, compiled (a :class:`~mockint.core.scoring.rubric.LazyPattern` is compiled once
    and replaced in the list)."""
    rx = rxs[pid]
    if type(rx) is LazyPattern:
        rx = rxs[pid] = rx.compiled()
    return rx


def _matches(rx, text: str, at: list[int]) -> list[tuple[int, int]]:
    """The matches of ``rx`` tried at the offsets ``at`` (ascending), as ``finditer`` would
    find them: none empty, none starting inside the one before."""
    hits = []
    last = -1
    named = "hit" in rx.groupindex
    for m in map(rx.match, repeat(text, len(at)), at):
        if m is not None:
            s, e = m.span()
            if s >= last and e > s:
                last = e
                if named:
                    s, e = _hit(m)
                hits.append((s, -e))
    return hits


_QUOTED = re.compile(r"\"[^\"\n]{1,400}\"|(?<![\w'])'(?:[^'\n]|(?<=\w)'(?=\w)){1,400}?'(?![\w])")   # "I'm" inside


def _quoted(a: Analysed) -> list[tuple[int, int]]:
    """Stretches of the answer in quotation marks (folded text: typographic quotes are plain),
    memoised per answer; an apostrophe inside a word ("I'd", "customers'") opens nothing."""
    got = a.cache.get("quoted")
    if got is None:
        text = a.folded
        got = a.cache["quoted"] = [m.span() for m in _QUOTED.finditer(text)] if ('"' in text or "'" in text) else []
    return got


def _char_starts(a: Analysed, cplan) -> list[int]:
    """Where a pattern planned by ``plan.char_plan`` may match: the text's start and/or each of
    its characters (memoised per answer)."""
    memo = a.cache.get("char-starts")
    if memo is None:
        memo = a.cache["char-starts"] = {}
    out = memo.get(id(cplan))
    if out is None:
        chars, at_start, finder = cplan
        out = [m.start() for m in finder.finditer(a.folded)]
        if at_start and (not out or out[0] != 0):
            out.insert(0, 0)
        memo[id(cplan)] = out
    return out


def _holds(text: str, needs: tuple[tuple[str, ...], ...], seen: dict[str, bool] | None = None) -> bool:
    """Does the text hold a text of every group (see ``plan.required_text``)? ``seen`` remembers
    what was looked for already in this text (patterns share many required texts)."""
    for group in needs:
        for need in group:
            found: bool | None
            if seen is None:
                found = need in text
            else:
                found = seen.get(need)
                if found is None:
                    found = seen[need] = need in text
            if found:
                break
        else:
            return False
    return True


def _stem_positions(a: Analysed) -> dict[str, list[int]]:
    """{stem: indexes of its tokens}, shared with the phrase sets' index of the answer."""
    pos = a.cache.get(("positions", "stem"))
    if pos is None:
        pos = a.cache[("positions", "stem")] = {}
        for i, stem in enumerate(a.stems):
            pos.setdefault(stem, []).append(i)
    return pos
