"""The check kinds: one small class per kind. A check reads the analysed answer and returns a
value from 0 to 1, a count, and the evidence it found (spans of the answer)."""

from __future__ import annotations

import re
from bisect import bisect_right
from collections import Counter
from dataclasses import dataclass, field
from itertools import repeat
from typing import Any

from mockint.core.questions.bank import Question
from mockint.core.scoring.matching import Hit, Lexicon, PhraseSet, group_phrase_sets
from mockint.core.scoring.prefilter import analysis
from mockint.core.scoring.rubric import CheckSpec, LazyPattern, Rubric
from mockint.core.scoring.text import Analysed, phrase_tokens, stem_words


@dataclass(slots=True)
class Span:
    start: int        # folded offsets
    end: int
    first: int        # token indexes
    last: int
    rule: str
    note: str = ""    # e.g. the keyword a typo was matched to


@dataclass(slots=True)
class Outcome:
    value: float
    count: int = 0
    spans: list[Span] = field(default_factory=list)
    vars: dict[str, Any] = field(default_factory=dict)


@dataclass
class Ctx:
    a: Analysed
    question: Question
    elapsed: float | None
    run: Any                        # callable(rule id) -> Outcome, for checks that read others
    bank: Any = None                # the scorer's bank (other_question compares its questions)


def _saturate(count: float, target: float) -> float:
    return min(1.0, count / target) if target > 0 else 1.0


def _token_range(a: Analysed, tok_starts: list[int], s: int, e: int) -> tuple[int, int]:
    """The first and last tokens of the folded span [s, e): a span that starts on punctuation
    (". so,") begins at the next token, not at the last word of the sentence before."""
    first = bisect_right(tok_starts, s) - 1
    if first < 0 or a.token_ends[first] <= s:
        first += 1
    last = bisect_right(tok_starts, e - 1 if e - 1 > s else s, first) - 1
    if first >= len(tok_starts):
        first = len(tok_starts) - 1 if tok_starts else 0
    if last < first:
        last = first
    return first, last


def _negated(a: Analysed, first: int, last: int, negators: frozenset, window: int = 3) -> bool:
    """Is the hit on tokens ``first..last`` negated: one of ``negators`` inside it or among the
    ``window`` tokens before it, in the same sentence ("they never signed", "we didn't close it",
    "we never closed")?"""
    words, sent = a.words, a.sentence_of_token
    if not words or first >= len(words):
        return False
    si = sent[first]
    for i in range(max(0, first - window), min(last, len(words))):
        if sent[i] == si and words[i] in negators:
            return True
    return False


def _spans_from_hits(hits: list[Hit], rule: str) -> list[Span]:
    return [Span(h.start, h.end, h.first, h.last, rule, h.typo) for h in hits]


class Check:
    def __init__(self, spec: CheckSpec, rule: str, rubric: Rubric, lexicon: Lexicon):
        self.spec, self.rule, self.rubric, self.lexicon = spec, rule, rubric, lexicon
        self.opts = spec.options

    def run(self, ctx: Ctx) -> Outcome:  # pragma: no cover - abstract
        raise NotImplementedError

    def target(self, ctx: Ctx) -> float:
        """The check's target for this question's kind (``by_kind``)."""
        return self.spec.for_kind(ctx.question.kind).target if self.spec.by_kind else self.spec.target

    def phrase_sets(self) -> list[PhraseSet]:
        """The phrase sets this check matches with (the scorer groups them for one pass)."""
        return [v for v in vars(self).values() if isinstance(v, PhraseSet)]

    def _refs(self, key: str) -> list[str]:
        """The checks option ``key`` names, as rule ids (a bare check id is of this criterion)."""
        cid = self.rule.split(".")[0]
        return [r if "." in r else f"{cid}.{r}" for r in self.opts[key]]

    def _count(self, spans: list[Span], texts) -> int:
        """How many hits: the spans, or with ``distinct`` the different texts (an iterable, only
        read then)."""
        if self.opts.get("distinct"):
            return len(set(texts))
        return len(spans)


class PhrasesCheck(Check):
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


class PatternCheck(Check):
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

    def run(self, ctx: Ctx) -> Outcome:
        if self.index is None:
            PatternIndex([self])
        per = self.index.found(ctx.a, self.pids)
        found: list[tuple[int, int]] = []
        for pid in self.pids:
            if per[pid]:
                found += per[pid]
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
        spans: list[Span] = []
        for s, e in found:
            e = -e
            if spans and s < spans[-1].end:
                continue
            first, last = _token_range(a, tok_starts, s, e)
            if negators and _negated(a, first, last, negators):
                continue
            if self.objects is not None and not self.objects.plausible(a, last):
                continue
            span = Span(s, e, first, last, self.rule)
            if "unless" in self.opts and self._nearby(a, span, self.opts["unless"], negators):
                continue
            spans.append(span)
        n = self._count(spans, (a.folded[s.start:s.end] for s in spans))
        if "near" in self.opts and spans:
            kept, also = [], []
            for span in spans:
                other = self._nearby(a, span, self.opts["near"])
                if other is not None:
                    kept.append(span)
                    if not any(o.start == other.start for o in also):
                        also.append(other)
            n = self._count(kept, (a.folded[s.start:s.end] for s in kept))
            # the words that made the hit count are shown with it (a claim and what belies it)
            spans = sorted(kept + [o for o in also if not any(o.start < k.end and k.start < o.end for k in kept)],
                           key=lambda sp: sp.start)
        return Outcome(_saturate(n, target), n, spans)

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

    _CLAUSE_END = frozenset(",;:()[]")

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
        ts, te, folded = a.token_starts, a.token_ends, a.folded
        n = len(words)
        if last + 1 >= n:
            return True
        si = sent[last]
        first = -1                          # the first content word after the action
        for k in range(last + 1, min(n, last + 1 + self.window)):
            if sent[k] != si or not self._CLAUSE_END.isdisjoint(folded[te[k - 1]:ts[k]]):
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

    def found(self, a: Analysed, wanted: list[int] | None = None) -> list[list[tuple[int, int]] | None]:
        """Per pattern, its matches in the answer as ``(start, -end)`` (None: none tried or not
        asked for). ``wanted``: only these patterns (a check asks for its own, so scoring a few
        criteria, as the live coach does, tries only their patterns); the others are tried when
        asked. Where each pattern can start is found once per answer for all of them."""
        state = a.cache.get(self)
        if state is None:
            state = a.cache[self] = (self._starts(a), [None] * len(self.rx), set(), {})
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
            if kind is None:                              # started by words: tried where they are
                at = starts.get(pid)
                if not at:
                    continue
            need = needs[pid]
            if need and not _holds(text, need, seen):    # a text every match holds is missing
                continue
            if kind is None:
                out[pid] = _matches(_compiled(rxs, pid), text, at)
            elif kind is True:                            # no plan: searched whole
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


def _hit(m: re.Match) -> tuple[int, int]:
    """The span a match shows as evidence: its group ``hit`` when the pattern names one (the
    words around it only place it: "and <cut>"), else the whole match."""
    if "hit" in m.re.groupindex:
        span = m.span("hit")
        if span[0] >= 0:
            return span
    return m.span()


_QUOTED = re.compile(r"\"[^\"\n]{1,400}\"|(?<![\w'])'[^'\n]{1,400}?'(?![\w])")


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


def _bounds(ctx: Ctx, key: str, opts: dict) -> float | None:
    v = opts.get(key)
    if v == "question":
        return float(ctx.question.min_words if key == "min" else ctx.question.max_words)
    return v


class CountCheck(Check):
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


class QuestionCheck(Check):
    def __init__(self, *args):
        super().__init__(*args)
        lang, fz = self.rubric.lang, self.rubric.fuzzy
        def mk(key: str) -> PhraseSet | None:
            return (PhraseSet(self.opts[key], lang, "stem", self.rubric.window, fz, self.lexicon)
                    if self.opts.get(key) else None)
        self.about, self.addressed, self.exclude = mk("about"), mk("addressed"), mk("exclude")
        self.starts: dict[str, list[tuple[str, ...]]] = {}     # by first word
        for p in self.opts["starts"]:
            words = tuple(phrase_tokens(p))
            if words:
                self.starts.setdefault(words[0], []).append(words)

    def run(self, ctx: Ctx) -> Outcome:
        a = ctx.a
        by_sent = _by_sentence(a)
        candidates = []
        toks, folded, starts = a.words, a.folded, self.starts
        quoted = _quoted(a)
        for si, idx in sorted(by_sent.items()):
            s, e = a.sentences[si]
            if quoted and any(qs <= s < qe or qs < e <= qe for qs, qe in quoted):
                continue                        # reported speech ("I'd ask them, 'What...?'"): not put to us
            if folded[e - 1] == "?":
                candidates.append((si, idx))
                continue
            opening = starts.get(toks[idx[0]])
            if opening:
                words = tuple(toks[i] for i in idx[:max(len(st) for st in opening)])
                if any(words[:len(st)] == st for st in opening):
                    candidates.append((si, idx))
        if not candidates:                      # no question at all: nothing else to look for
            return Outcome(_saturate(0, self.target(ctx)), 0, [])
        sets = {}
        for name in ("about", "addressed", "exclude"):
            ps = getattr(self, name)
            if ps is None:
                sets[name] = None
                continue
            sets[name] = set()
            for h in ps.find(a):
                sets[name].update(range(h.first, h.last + 1))
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


class ClaimsCheck(Check):
    """Claims of a quality with no evidence (hits of the 'unless' checks) within a window."""

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
    it; with ``distinct``, a repeated text counts once. Evidence: those spans, as this rule's."""

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
        return Outcome(_saturate(n, self.target(ctx)), n, spans)


class FillerCheck(Check):
    """Padding: sentences of ``min_words`` words or more in which none of the ``from`` checks
    found anything (no fact, reason, step or talking point). ``allow`` of them, or ``max_share``
    of the sentences judged, cost nothing; the count is how many go beyond. Evidence: those
    sentences, so the candidate sees what to cut."""

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


class TalkingPointsCheck(Check):
    def __init__(self, *args):
        super().__init__(*args)
        self._sets: dict[tuple[str, str], list[PhraseSet]] = {}

    def _compiled(self, q: Question) -> list[PhraseSet]:
        key = (q.lang, q.id)
        if key not in self._sets:
            sets = [PhraseSet(tp.phrases, self.rubric.lang, "stem", self.rubric.window,
                              self.rubric.fuzzy, self.lexicon) for tp in q.talking_points]
            group_phrase_sets(sets)
            self._sets[key] = sets
        return self._sets[key]

    def run(self, ctx: Ctx) -> Outcome:
        q = ctx.question
        if not q.talking_points:
            return Outcome(1.0, 0, [])
        cid = self.rule.split(".")[0]
        spans, covered, missing = [], [], []
        for tp, ps in zip(q.talking_points, self._compiled(q)):
            hits = ps.find(ctx.a)
            if hits:
                covered.append(tp)
                spans += [Span(h.start, h.end, h.first, h.last, f"{cid}.{tp.id}", h.typo) for h in hits]
            else:
                missing.append(tp)
        need = max(1.0, len(q.talking_points) * self.opts.get("share", self.target(ctx)))
        value = min(1.0, len(covered) / need)
        return Outcome(value, len(covered), spans, {
            "covered": "; ".join(_clause(tp.summary) for tp in covered),
            # the first two missing points, and how many more: advice read once, not a checklist
            "missing": "; ".join(_clause(tp.summary) for tp in missing[:2])
                       + (f" (+{len(missing) - 2})" if len(missing) > 2 else ""),
            "missing_points": missing, "target": len(q.talking_points)})


class OtherQuestionCheck(Check):
    """An answer to another question: the answer uses at least ``min_words`` of the words that
    mark another bank question (the words of its ``terms`` and talking points that at most
    ``max_questions`` questions share, less the ``ignore`` lists), ``margin`` more than of the
    asked question's own, and covers at most ``max_own`` of the asked question's talking points
    (the ``from`` check). Count 1 then; ``question`` names the question it seems to answer."""

    def __init__(self, *args):
        super().__init__(*args)
        self.refs = self._refs("from")
        self._ignore = {w for p in self.opts.get("ignore", []) for w in phrase_tokens(p)}
        self._index: tuple[int, dict[str, list[str]], dict[str, frozenset[str]]] | None = None
        self.talking_points: TalkingPointsCheck | None = None

    def _words(self, q: Question) -> set[str]:
        words: set[str] = set()
        for t in q.terms:           # a term's short pieces ("lead-uri": "uri") mark nothing
            toks = phrase_tokens(t)
            words.update(toks if len(toks) == 1 else (w for w in toks if len(w) > 3))
        short = int(self.opts.get("min_length", 5))     # talking points' short words are too common
        words.update(w for tp in q.talking_points for p in tp.phrases for w in phrase_tokens(p) if len(w) >= short)
        return {w for w in words if w.isalpha() and len(w) > 2} - self._ignore

    def index(self, bank) -> tuple[dict[str, list[str]], dict[str, frozenset[str]]]:
        """Stem -> the questions it marks; question -> its marking stems (built once per bank)."""
        if self._index is None or self._index[0] != id(bank):
            lang = self.rubric.lang
            marks: dict[str, set[str]] = {}
            for q in bank.questions:
                if q.talking_points and q.kind != "closing":
                    words = sorted(self._words(q))
                    marks[q.id] = set(stem_words(words, lang)) if words else set()
            counts = Counter(st for stems in marks.values() for st in stems)
            most = int(self.opts.get("max_questions", 2))
            by_stem: dict[str, list[str]] = {}
            for qid, stems in marks.items():
                for st in stems:
                    if counts[st] <= most:
                        by_stem.setdefault(st, []).append(qid)
            own = {qid: frozenset(st for st in stems if counts[st] <= most) for qid, stems in marks.items()}
            self._index = (id(bank), by_stem, own)
        return self._index[1], self._index[2]

    def points(self, ctx: Ctx, other: Question) -> int:
        """How many of ``other``'s talking points the answer covers (the ``from`` check's way)."""
        check = self.talking_points
        if check is None:
            return 0
        return check.run(Ctx(ctx.a, other, ctx.elapsed, ctx.run, ctx.bank)).count

    def bind(self, checks: dict[str, Check]) -> None:
        """The scorer gives the checks by rule id: the talking-points check this one asks."""
        self.talking_points = next((checks[r] for r in self.refs
                                    if isinstance(checks.get(r), TalkingPointsCheck)), None)

    def run(self, ctx: Ctx) -> Outcome:
        q, bank = ctx.question, ctx.bank
        if bank is None or not q.talking_points or q.kind == "closing":
            return Outcome(1.0, 0, [])
        by_stem, marks = self.index(bank)
        if sum(ctx.run(ref).count for ref in self.refs) > int(self.opts.get("max_own", 1)):
            return Outcome(1.0, 0, [])
        stems = set(ctx.a.stems)
        found: Counter = Counter()
        for st in stems.intersection(by_stem):
            for qid in by_stem[st]:
                found[qid] += 1
        if q.id in marks:
            own_marks = marks[q.id]
        else:
            words = sorted(self._words(q))
            own_marks = frozenset(stem_words(words, self.rubric.lang)) if words else frozenset()
        own = len(stems & own_marks)
        own_points = sum(ctx.run(ref).count for ref in self.refs)
        best = None
        for qid, n in found.most_common(3):   # the likeliest: do they cover its talking points?
            if qid == q.id or n < int(self.opts.get("min_words", 3)) or n < own + int(self.opts.get("margin", 2)):
                continue
            points = self.points(ctx, bank.get(qid))
            if (points >= int(self.opts.get("min_points", 2))
                    and points >= own_points + int(self.opts.get("margin_points", 2))):
                best = qid
                break
        if best is None:
            return Outcome(1.0, 0, [])
        other = bank.get(best)
        hit = marks[best]
        pos = _stem_positions(ctx.a)
        a = ctx.a
        spans = [Span(a.token_starts[i], a.token_ends[i], i, i, self.rule)
                 for i in sorted(pos[st][0] for st in stems & hit)]
        return Outcome(0.0, 1, spans, {"question": other.text})


class OnTopicCheck(Check):
    """How many distinct topic words the answer uses: the rubric's domain ``lists`` less the
    ``ignore`` lists (words too general to show a topic: "team", "goal", "first"... appear in
    any story), plus the question's own ``terms`` less the ``ignore_in_terms`` lists."""

    def __init__(self, *args):
        super().__init__(*args)
        self._vocab: dict[tuple[str, str, tuple[str, ...]], set[str]] = {}
        self._ignore = self._stems(self.opts.get("ignore", []))
        self._domain = self._stems(self.opts.get("lists", [])) - self._ignore
        self._ignore_terms = self._stems(self.opts.get("ignore_in_terms", []))
        multi = [p for p in self.opts.get("lists", []) if len(phrase_tokens(p)) > 1]
        self._phrases = PhraseSet(multi, self.rubric.lang, "stem", 0, None, None) if multi else None

    def _stems(self, phrases: list[str]) -> set[str]:
        """Stems of the one-word entries (a multi-word entry is matched as a phrase)."""
        words = sorted({toks[0] for p in phrases if len(toks := phrase_tokens(p)) == 1 and len(toks[0]) >= 2})
        return set(stem_words(words, self.rubric.lang)) if words else set()

    def vocab(self, q: Question) -> set[str]:
        key = (q.lang, q.id, tuple(q.terms))
        if key not in self._vocab:
            self._vocab[key] = self._domain | (self._stems(q.terms) - self._ignore_terms)
        return self._vocab[key]

    def run(self, ctx: Ctx) -> Outcome:
        a = ctx.a
        seen: set[str] = self.vocab(ctx.question).intersection(a.stems)
        pos = _stem_positions(a)
        ts, te = a.token_starts, a.token_ends
        spans = [Span(ts[i], te[i], i, i, self.rule)                        # first use of each
                 for i in sorted(pos[stem][0] for stem in seen)]
        if self._phrases is not None:
            for h in self._phrases.find(ctx.a):
                if h.phrase not in seen:
                    seen.add(h.phrase)
                    spans.append(Span(h.start, h.end, h.first, h.last, self.rule))
            spans.sort(key=lambda sp: sp.start)
        return Outcome(_saturate(len(seen), self.target(ctx)), len(seen), spans)


class RepetitionCheck(Check):
    """Saying the same thing again: sentences repeated word for word or nearly, and runs of
    words said again (the scorer has already blanked them, ``cache["blanked"]``), and repeated word
    runs (``ngram`` words) beyond
    ``allow``. Value: 1 up to ``max_share`` of the answer's word runs repeated, less beyond; count:
    the repeated stretches (with the penalty effect, each costs ``per_hit``), 0 when within
    ``max_share`` and no sentence was repeated."""

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


class TimingCheck(Check):
    def run(self, ctx: Ctx) -> Outcome:
        budget = float(ctx.question.seconds)
        elapsed = float(ctx.elapsed or 0.0)
        limit = budget * (1 + self.opts.get("grace", 0.2))
        value = 1.0 if elapsed <= limit else max(0.0, limit / elapsed)
        return Outcome(value, 0, [], {"elapsed": _mmss(elapsed), "budget": _mmss(budget)})


def _mmss(seconds: float) -> str:
    s = int(round(seconds))
    return f"{s // 60}:{s % 60:02d}"


KIND_CLASSES = {
    "phrases": PhrasesCheck, "pattern": PatternCheck, "count": CountCheck, "ratio": RatioCheck,
    "question": QuestionCheck, "claims": ClaimsCheck, "talking_points": TalkingPointsCheck,
    "on_topic": OnTopicCheck, "repetition": RepetitionCheck, "timing": TimingCheck,
    "statements": StatementsCheck, "evidence": EvidenceCheck, "filler": FillerCheck,
    "other_question": OtherQuestionCheck,
}


def _clause(summary: str) -> str:
    """A talking point's summary as a clause of a list ("A; B (+2)."): without its own full stop
    (the Romanian bank ends them with one: "…piață.; Arătați…" read badly)."""
    return summary.rstrip().rstrip(".").rstrip()
