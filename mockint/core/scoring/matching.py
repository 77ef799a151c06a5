"""Finding phrases in an answer: exact stem hits first, rapidfuzz typo matches second.

This module and :mod:`mockint.core.scoring.repeats` (sentences said again) are the only ones that
import rapidfuzz. Every call passes a processor and a ``score_cutoff``; the scorer and the
cut-offs come from the rubric YAML (``matching.fuzzy``), and a check may turn typo matching off
or change its scorer and cut-off. Where the words of a multi-word phrase fall together is
:mod:`mockint.core.scoring.windows`.

Rules measured when matching was designed (see README, Matching) and kept here:
- a typo match needs both words to be at least ``min_length`` (6) characters long, to start with
  the same letter, and the answer's word must not itself be a known word: ``contact`` is a word,
  so it never becomes ``contract``;
- short keywords and acronyms (ROI, CRM, quota) match whole tokens only, never inside a word:
  ``roi`` is not found in ``heroic``.
"""

from __future__ import annotations

import os
from collections import defaultdict
from dataclasses import dataclass
from functools import lru_cache

from rapidfuzz import fuzz, process, utils
from rapidfuzz.distance import OSA, Indel

from mockint.core.scoring.text import Analysed, phrase_tokens, stem_words
from mockint.core.scoring.windows import Entry, candidates, find_windows

SCORERS = {
    "ratio": fuzz.ratio,
    "QRatio": fuzz.QRatio,
    "partial_ratio": fuzz.partial_ratio,
    "token_sort_ratio": fuzz.token_sort_ratio,
}
MATCH_MODES = ("stem", "exact")
NUMBER = "{number}"        # a phrase that matches any number in the answer (30, 18%, 240,000)
_NUM_UNIT = "\x00num"


@dataclass(frozen=True)
class Fuzzy:
    """Typo-tolerance settings: scorer name, minimum word length, and cut-off by word length."""
    scorer: str = "ratio"
    min_length: int = 6
    cutoffs: tuple[tuple[int, float], ...] = ((6, 90.0), (8, 88.0), (10, 85.0))

    def cutoff(self, length: int) -> float:
        best = 101.0
        for min_len, cut in self.cutoffs:
            if length >= min_len:
                best = cut
        return best


class Lexicon:
    """The words a language's bank and rubric know, and the keyword vocabulary typos resolve to."""

    def __init__(self, lang: str, known_words: set[str], targets: set[str]):
        self.lang = lang
        self.known = set(known_words) | set(targets)
        self.targets_by_first: dict[str, list[str]] = defaultdict(list)
        for word in sorted(targets):
            self.targets_by_first[word[0]].append(word)
        self.target_stems = dict(zip(sorted(targets), stem_words(sorted(targets), lang))) if targets else {}
        # What each unknown word resolved to, by typo setting: deterministic, so kept across answers.
        self._memo: dict[Fuzzy, dict[str, tuple[str, str] | None]] = {}
        self._choices: dict[tuple[str, int, int], list[str]] = {}

    def _candidates(self, word: str, min_length: int) -> list[str]:
        key = (word[0], len(word), min_length)
        got = self._choices.get(key)
        if got is None:
            got = self._choices[key] = [w for w in self.targets_by_first.get(word[0], ())
                                        if len(w) >= min_length and abs(len(w) - len(word)) <= 2]
        return got

    def typo_stems(self, a: Analysed, fuzzy: Fuzzy) -> dict[int, tuple[str, str]]:
        """{token index: (stem of the keyword it is a typo of, that keyword)} for this answer."""
        key = ("typos", id(fuzzy))          # an answer's memo: the id is enough (and hashes in C)
        if key in a.cache:
            return a.cache[key]
        memo = self._memo.setdefault(fuzzy, {})
        if len(memo) > 50_000:          # a bound for very long sessions; results are the same
            memo.clear()
        scorer = SCORERS[fuzzy.scorer]
        out: dict[int, tuple[str, str]] = {}
        unknown = set(a.words).difference(self.known)          # most words are known: in C
        resolved: dict[str, tuple[str, str]] = {}     # the words that resolved: to what
        for word in unknown:
            if len(word) < fuzzy.min_length - 1 or not word.isalpha():
                continue
            if len(word) < fuzzy.min_length:        # one short of the minimum: a dropped letter only
                if word not in memo:
                    memo[word] = None
                    fit = _dropped(word, self._candidates(word, fuzzy.min_length))
                    if fit is not None:
                        memo[word] = (self.target_stems[fit], fit)
            elif word not in memo:
                memo[word] = None
                choices = self._candidates(word, fuzzy.min_length)
                if choices:
                    best: tuple[str, float, int] | tuple[str, float] | None
                    best = process.extractOne(word, choices, scorer=scorer,
                                              processor=utils.default_process,
                                              score_cutoff=fuzzy.cutoff(min(len(word), 99)))
                    if best is None:
                        best = _swapped(word, choices)
                    if best is not None:
                        memo[word] = (self.target_stems[best[0]], best[0])
            got = memo[word]
            if got is not None:
                resolved[word] = got
        if resolved:
            out = {i: resolved[w] for i, w in enumerate(a.words) if w in resolved}
        a.cache[key] = out
        return out


@dataclass(slots=True)
class Hit:
    start: int          # folded offsets
    end: int
    phrase: str         # the phrase as written in the YAML
    first: int          # token indexes [first, last]
    last: int
    typo: str = ""      # the keyword a typo was matched to, if the hit needed one


@lru_cache(maxsize=4096)
def _phrase_words(phrase: str) -> tuple[str, ...]:
    return tuple(phrase_tokens(phrase))       # folded once per phrase, not once per hit


def same_word(word: str, phrase: str, inflections: frozenset[str]) -> bool:
    """Whether ``word`` (folded, from the answer) is the one-word ``phrase`` or an inflection of
    it: past their common beginning, what is left of each is in ``inflections`` (a doubled last
    letter aside: "cut", "cutting"). "secured" and "securing" are one word; "secured" and
    "security" share a stem but not a word. A phrase of several words is not this rule's."""
    p = _phrase_words(phrase)
    if len(p) != 1 or word == p[0]:
        return True
    pw = p[0]
    n = len(os.path.commonprefix([word, pw]))

    def rest(w: str) -> str:
        r = w[n:]
        return r[1:] if n and r[:1] == w[n - 1] and r[1:] in inflections else r

    return rest(word) in inflections and rest(pw) in inflections


class PhraseSet:
    """A compiled list of phrases. ``find`` returns non-overlapping hits, leftmost first.

    A one-word phrase matches a token; a multi-word phrase matches when all its words occur, in
    any order, within ``len(phrase) + window`` consecutive tokens of one sentence.
    """

    def __init__(self, phrases: list[str], lang: str, mode: str = "stem", window: int = 2,
                 fuzzy: Fuzzy | None = Fuzzy(), lexicon: Lexicon | None = None):
        self.lang, self.mode, self.window, self.fuzzy, self.lexicon = lang, mode, window, fuzzy, lexicon
        self.phrases = list(phrases)
        toks = [[] if p.strip() == NUMBER else phrase_tokens(p) for p in self.phrases]
        if mode == "stem":
            flat = [w for t in toks for w in t]
            stems = iter(stem_words(flat, lang)) if flat else iter(())
            units = [tuple(next(stems) for _ in t) for t in toks]
        else:
            units = [tuple(t) for t in toks]
        units = [(_NUM_UNIT,) if p.strip() == NUMBER else u for p, u in zip(self.phrases, units)]
        self.entries = [Entry(p, u) for p, u in zip(self.phrases, units) if u]
        # Each entry is filed under one of its words, the longest (the most telling): an entry
        # can only match when that word is in the answer, and it is then a candidate once.
        self.index: dict[str, list[Entry]] = defaultdict(list)
        for e in self.entries:
            self.index[max(e.units, key=lambda u: (len(u), u))].append(e)
        self.words = {w for t in toks for w in t}
        # matching.inflections of the rubric (None: any word of the same stem): a one-word phrase
        # then matches only its inflections ("secured": "secure", "securing"; not "security")
        self.inflections: frozenset[str] | None = None
        self.group: PhraseGroup | None = None
        for e in self.entries:
            e.owner = id(self)

    def _positions(self, a: Analysed) -> dict[str, list[int]]:
        key = ("positions", self.mode)
        pos = a.cache.get(key)
        if pos is None:
            pos = {}
            for i, unit in enumerate(a.stems if self.mode == "stem" else a.words):
                pos.setdefault(unit, []).append(i)
            a.cache[key] = pos
        return pos

    def find(self, a: Analysed) -> list[Hit]:
        typos: dict[int, tuple[str, str]] = {}
        if self.fuzzy is not None and self.lexicon is not None and self.mode == "stem":
            if self.fuzzy.scorer == "partial_ratio":
                exact = self._find_exact(a, {})
                done = {h.phrase for h in exact}
                return exact + [h for h in self._find_partial(a, self.fuzzy) if h.phrase not in done]
            typos = self.lexicon.typo_stems(a, self.fuzzy)
        return self._find_exact(a, typos)

    def _find_exact(self, a: Analysed, typos: dict[int, tuple[str, str]]) -> list[Hit]:
        pos = self._positions(a)
        if typos or _NUM_UNIT in (self.group.index if self.group is not None else self.index):
            key = ("positions+", self.mode, id(self.fuzzy) if typos else None)
            merged = a.cache.get(key)
            if merged is None:       # once per answer and typo setting, shared by all phrase sets
                merged = dict(pos)           # copy only the lists a typo adds to
                for i, (stem, _) in typos.items():
                    merged[stem] = sorted([*merged.get(stem, ()), i])
                nums = sorted(i for u, ps in pos.items() if u[:1].isdigit() for i in ps
                              if not _number_goes_on(a, i))   # 1,200 and $1.2M are one number
                if nums:
                    merged[_NUM_UNIT] = nums
                a.cache[key] = merged
            pos = merged
        if self.group is not None:
            found = self.group.raw(a, pos, typos).get(id(self), [])
        else:
            found = find_windows(candidates(self.index, pos), pos, a, self.window, typos, self.mode)
        found = sorted(found, key=lambda x: (x[0], -(x[1] - x[0]), x[2].phrase))
        hits: list[Hit] = []
        taken_until = -1
        ts, te = a.token_starts, a.token_ends
        infl = self.inflections if self.mode == "stem" else None
        for first, last, e in found:
            if first <= taken_until:
                continue
            if infl is not None and first == last and len(e.units) == 1 and e.phrase != NUMBER \
                    and first not in typos and not same_word(a.words[first], e.phrase, infl):
                continue
            typo = ""
            if typos:
                if first == last:
                    t = typos.get(first)
                    typo = t[1] if t is not None else ""
                else:
                    typo = next((typos[k][1] for k in range(first, last + 1) if k in typos), "")
            if e.phrase == NUMBER:                # the whole number: "1,200", not "1"
                while last + 1 < len(ts) and _number_goes_on(a, last + 1):
                    last += 1
            hits.append(Hit(ts[first], te[last], e.phrase, first, last, typo))
            taken_until = last
        return hits

    def _find_partial(self, a: Analysed, fuzzy: Fuzzy) -> list[Hit]:
        """Opt-in fallback for long phrases: rapidfuzz partial_ratio alignment over the text."""
        hits = []
        for e in self.entries:
            if len(e.phrase) < 12:
                continue
            res = fuzz.partial_ratio_alignment(e.phrase, a.folded, processor=utils.default_process,
                                               score_cutoff=fuzzy.cutoff(len(e.phrase)))
            if res is None:
                continue
            s, t = res.dest_start, res.dest_end
            idx = [k for k, tok in enumerate(a.tokens) if tok.end > s and tok.start < t]
            if idx:
                hits.append(Hit(a.tokens[idx[0]].start, a.tokens[idx[-1]].end, e.phrase,
                                idx[0], idx[-1], e.phrase))
        return hits


def _number_goes_on(a: Analysed, i: int) -> bool:
    """Token ``i`` continues the number before it: both start with a digit and only one "," or "."
    joins them ("1,200", "70.000", "1.2m"): one number, not two."""
    if i == 0 or not a.words[i][:1].isdigit() or not a.words[i - 1][:1].isdigit():
        return False
    return a.folded[a.token_ends[i - 1]:a.token_starts[i]] in (",", ".")


def _swapped(word: str, choices: list[str]) -> tuple[str, float] | None:
    """A keyword that differs from ``word`` only by two neighbouring letters swapped (singed ->
    signed, maanger -> manager): the commonest typing slip, which ``ratio`` scores as two edits.
    Only when exactly one keyword fits."""
    fits = [c for c in choices if len(c) == len(word) and c != word and sorted(c) == sorted(word)
            and OSA.distance(word, c, score_cutoff=1) == 1]
    return (fits[0], 100.0) if len(fits) == 1 else None


def _dropped(word: str, choices: list[str]) -> str | None:
    """The one keyword that ``word`` is with a letter left out (sined -> signed), if exactly one."""
    fits = [c for c in choices if len(c) == len(word) + 1 and Indel.distance(word, c, score_cutoff=1) == 1]
    return fits[0] if len(fits) == 1 else None


class PhraseGroup:
    """Phrase sets that share a matching setting, found in one pass over the answer.

    Each set would otherwise look up every distinct word of the answer in its own index; the
    group does it once for all of them (the scorer groups its ~15 phrase checks this way)."""

    def __init__(self, sets: list[PhraseSet]):
        self.sets = sets
        self.index: dict[str, list[Entry]] = defaultdict(list)
        for ps in sets:
            ps.group = self
            for u, es in ps.index.items():
                self.index[u].extend(es)
        self.windows = {id(ps): ps.window for ps in sets}

    def raw(self, a: Analysed, pos, typos) -> dict[int, list[tuple[int, int, Entry]]]:
        key = ("group", id(self), id(pos))
        got = a.cache.get(key)
        if got is None:
            got = {}
            mode = self.sets[0].mode
            by_window: dict[int, list[Entry]] = defaultdict(list)
            for e in candidates(self.index, pos):
                by_window[self.windows[e.owner]].append(e)
            for window, entries in by_window.items():
                for hit in find_windows(entries, pos, a, window, typos, mode):
                    got.setdefault(hit[2].owner, []).append(hit)
            a.cache[key] = got
        return got


def group_phrase_sets(sets: list[PhraseSet]) -> list[PhraseGroup]:
    """Group phrase sets by matching mode and typo setting (the window may differ)."""
    by_key: dict[tuple, list[PhraseSet]] = defaultdict(list)
    for ps in sets:
        by_key[(ps.mode, ps.fuzzy if ps.lexicon is not None else None, id(ps.lexicon))].append(ps)
    return [PhraseGroup(group) for group in by_key.values() if len(group) > 1]


def near_copy(a: str, b: str, cutoff: float = 80.0) -> bool:
    """Do two sentences say the same thing in nearly the same words? (token_set_ratio on
    casefolded words: word order and a few extra words do not matter.)"""
    return bool(fuzz.token_set_ratio(a, b, processor=utils.default_process, score_cutoff=cutoff))


def closest(word: str, choices: list[str], cutoff: float, scorer: str = "ratio") -> tuple[int, float] | None:
    """(index, score) of the choice most like ``word`` (rapidfuzz ``extractOne``: a near spelling,
    e.g. a role-play candidate's "overtimes" for the buyer's "overtime"), or None when none reaches
    ``cutoff``. Only choices that start with the same letter and differ in length by at most two
    are compared; the first of equally close choices wins."""
    if not word:
        return None
    near = [i for i, c in enumerate(choices) if c[:1] == word[:1] and abs(len(c) - len(word)) <= 2]
    if not near:
        return None
    best = process.extractOne(word, [choices[i] for i in near], scorer=SCORERS[scorer],
                              processor=utils.default_process, score_cutoff=cutoff)
    return (near[best[2]], float(best[1])) if best is not None else None
