"""Finding phrases in an answer: exact stem hits first, rapidfuzz typo matches second.

This is the only module that imports rapidfuzz. Every call passes a processor and a
``score_cutoff``; the scorer and the cut-offs come from the rubric YAML (``matching.fuzzy``),
and a check may turn typo matching off or change its scorer and cut-off.

Rules measured in ``shared/notes/matching.md`` and kept here:
- a typo match needs both words to be at least ``min_length`` (6) characters long, to start with
  the same letter, and the answer's word must not itself be a known word: ``contact`` is a word,
  so it never becomes ``contract``;
- short keywords and acronyms (ROI, CRM, quota) match whole tokens only, never inside a word:
  ``roi`` is not found in ``heroic``.
"""

from __future__ import annotations

from collections import defaultdict
from dataclasses import dataclass

from rapidfuzz import fuzz, process, utils

from mockint.core.text import Analysed, phrase_tokens, stem_words

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

    def typo_stems(self, a: Analysed, fuzzy: Fuzzy) -> dict[int, tuple[str, str]]:
        """{token index: (stem of the keyword it is a typo of, that keyword)} for this answer."""
        key = ("typos", fuzzy)
        if key in a.cache:
            return a.cache[key]
        memo: dict[str, tuple[str, str] | None] = a.cache.setdefault(("typo-memo", fuzzy), {})
        scorer = SCORERS[fuzzy.scorer]
        out: dict[int, tuple[str, str]] = {}
        for i, tok in enumerate(a.tokens):
            word = tok.text
            if len(word) < fuzzy.min_length or word in self.known or not word.isalpha():
                continue
            if word not in memo:
                memo[word] = None
                choices = [w for w in self.targets_by_first.get(word[0], ())
                           if len(w) >= fuzzy.min_length and abs(len(w) - len(word)) <= 2]
                if choices:
                    best = process.extractOne(word, choices, scorer=scorer,
                                              processor=utils.default_process,
                                              score_cutoff=fuzzy.cutoff(min(len(word), 99)))
                    if best is not None:
                        memo[word] = (self.target_stems[best[0]], best[0])
            if memo[word] is not None:
                out[i] = memo[word]
        a.cache[key] = out
        return out


@dataclass(frozen=True)
class Hit:
    start: int          # folded offsets
    end: int
    phrase: str         # the phrase as written in the YAML
    first: int          # token indexes [first, last]
    last: int
    typo: str = ""      # the keyword a typo was matched to, if the hit needed one


@dataclass
class _Entry:
    phrase: str
    units: tuple[str, ...]


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
        self.entries = [_Entry(p, u) for p, u in zip(self.phrases, units) if u]
        self.index: dict[str, list[_Entry]] = defaultdict(list)
        for e in self.entries:
            for u in set(e.units):
                self.index[u].append(e)
        self.words = {w for t in toks for w in t}

    def _unit(self, a: Analysed, i: int) -> str:
        tok = a.tokens[i]
        return tok.stem if self.mode == "stem" else tok.text

    def find(self, a: Analysed) -> list[Hit]:
        typos: dict[int, tuple[str, str]] = {}
        if self.fuzzy is not None and self.lexicon is not None and self.mode == "stem":
            if self.fuzzy.scorer == "partial_ratio":
                return self._find_exact(a, {}) + self._find_partial(a)
            typos = self.lexicon.typo_stems(a, self.fuzzy)
        return self._find_exact(a, typos)

    def _find_exact(self, a: Analysed, typos: dict[int, tuple[str, str]]) -> list[Hit]:
        toks = a.tokens
        n = len(toks)
        units = [self._unit(a, i) for i in range(n)]
        alt = {i: typos[i][0] for i in typos}
        if _NUM_UNIT in self.index:
            for i, tok in enumerate(toks):
                if tok.text[:1].isdigit():
                    alt[i] = _NUM_UNIT
        hits: list[Hit] = []
        taken_until = -1
        sent = a.sentence_of_token
        for i in range(n):
            if i <= taken_until:
                continue
            cands = self.index.get(units[i], [])
            if i in alt:
                cands = cands + self.index.get(alt[i], [])
            best: Hit | None = None
            for e in cands:
                hit = self._match_at(a, units, alt, i, e, sent, typos)
                if hit and (best is None or (hit.last - hit.first) > (best.last - best.first)):
                    best = hit
            if best:
                hits.append(best)
                taken_until = best.last
        return hits

    def _match_at(self, a, units, alt, i, e: _Entry, sent, typos) -> Hit | None:
        need = list(e.units)
        def take(j: int) -> bool:
            for u in (units[j], alt.get(j)):
                if u is not None and u in need:
                    need.remove(u)
                    return True
            return False
        if not take(i):
            return None
        last = i
        limit = min(len(units), i + len(e.units) + self.window)
        j = i + 1
        while need and j < limit and sent[j] == sent[i]:
            if take(j):
                last = j
            j += 1
        if need:
            return None
        typo = next((typos[k][1] for k in range(i, last + 1) if k in typos), "")
        return Hit(a.tokens[i].start, a.tokens[last].end, e.phrase, i, last, typo)

    def _find_partial(self, a: Analysed) -> list[Hit]:
        """Opt-in fallback for long phrases: rapidfuzz partial_ratio alignment over the text."""
        hits = []
        for e in self.entries:
            if len(e.phrase) < 12:
                continue
            res = fuzz.partial_ratio_alignment(e.phrase, a.folded, processor=utils.default_process,
                                               score_cutoff=self.fuzzy.cutoff(len(e.phrase)))
            if res is None:
                continue
            s, t = res.dest_start, res.dest_end
            idx = [k for k, tok in enumerate(a.tokens) if tok.end > s and tok.start < t]
            if idx:
                hits.append(Hit(a.tokens[idx[0]].start, a.tokens[idx[-1]].end, e.phrase,
                                idx[0], idx[-1], e.phrase))
        return hits
