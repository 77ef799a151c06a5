"""Where a phrase's words fall together in an answer: the windows of a multi-word phrase.

A one-word phrase is found at every position of its unit (stem or word). A multi-word phrase is
found where all its units occur, in any order, within ``len(phrase) + window`` consecutive tokens
of one sentence: from the occurrences of its rarest unit, with a few bisects each (two-word
phrases, most of them, by a pass over the shorter list). ``matching.PhraseSet`` and
``matching.PhraseGroup`` give the positions of the answer's units (typos and numbers included)
and turn the windows found here into hits.
"""

from __future__ import annotations

import bisect
from dataclasses import dataclass

from mockint.core.scoring.text import Analysed


@dataclass
class Entry:
    """A phrase of a phrase set as its units (stems or words): what is looked for in the answer."""
    phrase: str
    units: tuple[str, ...]
    owner: int = 0
    unit_set: frozenset = frozenset()
    distinct: bool = True

    def __post_init__(self):
        self.unit_set = frozenset(self.units)
        self.distinct = len(self.unit_set) == len(self.units)


def candidates(index: dict[str, list[Entry]], pos: dict[str, list[int]]) -> list[Entry]:
    """The entries whose key word is in the answer (each entry is filed under one word)."""
    if len(pos) < len(index):
        return [e for u in pos if u in index for e in index[u]]
    return [e for u, es in index.items() if u in pos for e in es]


def find_windows(entries, pos, a: Analysed, window: int, typos, mode: str) -> list[tuple[int, int, Entry]]:
    """Every occurrence of every entry: (first token, last token, entry), overlaps included."""
    found: list[tuple[int, int, Entry]] = []
    sent = a.sentence_of_token
    for e in entries:
        units = e.units
        if len(units) == 1:
            found += [(p, p, e) for p in pos[units[0]]]
            continue
        if not pos.keys() >= e.unit_set:
            continue
        span = len(units) + window
        if e.distinct:
            found += _bags_around_rarest(units, pos, span, sent, e)
            continue
        starts = sorted({p for u in set(units) for p in pos[u]})
        last_end = -1
        for p in starts:
            if p <= last_end:
                continue
            end = _bag_end(a, units, p, span, sent, typos, mode)
            if end >= 0:
                found.append((p, end, e))
                last_end = end
    return found


def _bags_around_rarest(units, pos, span, sent, e) -> list[tuple[int, int, Entry]]:
    """Windows of at most ``span`` tokens, in one sentence, holding every unit (any order),
    found from the occurrences of the phrase's rarest word: a few bisects per occurrence."""
    if len(units) == 2:
        return _pairs(pos[units[0]], pos[units[1]], span, sent, e)
    rare = min(units, key=lambda u: len(pos[u]))
    others = [pos[u] for u in units if u != rare]
    out = []
    last_end = -1
    for r in pos[rare]:
        lo, hi = r, r
        ok = True
        for plist in others:
            k = bisect.bisect_left(plist, r)
            best = None
            for c in (plist[k - 1] if k > 0 else None, plist[k] if k < len(plist) else None):
                if c is None or abs(c - r) >= span or sent[c] != sent[r]:
                    continue
                if best is None or abs(c - r) < abs(best - r):
                    best = c
            if best is None:
                ok = False
                break
            lo, hi = min(lo, best), max(hi, best)
        if ok and hi - lo < span and lo > last_end:
            out.append((lo, hi, e))
            last_end = hi
    return out


def _pairs(a: list[int], b: list[int], span: int, sent, e) -> list[tuple[int, int, Entry]]:
    """``_bags_around_rarest`` for a two-word phrase (most multi-word phrases): the same windows."""
    if len(b) < len(a):
        a, b = b, a
    out = []
    last_end = -1
    n = len(b)
    for r in a:
        k = bisect.bisect_left(b, r)
        sr = sent[r]
        best = -1
        if k > 0:
            c = b[k - 1]
            if r - c < span and sent[c] == sr:
                best = c
        if k < n:
            c = b[k]
            if c - r < span and sent[c] == sr and (best < 0 or c - r < r - best):
                best = c
        if best < 0:
            continue
        lo, hi = (best, r) if best < r else (r, best)
        if lo > last_end:
            out.append((lo, hi, e))
            last_end = hi
    return out


def _bag_end(a: Analysed, units, p: int, span: int, sent, typos, mode: str) -> int:
    """Last token index of a window starting at p holding all units (any order), or -1."""
    need = list(units)
    units_of = a.stems if mode == "stem" else a.words
    limit = min(len(units_of), p + span)
    for j in range(p, limit):
        if sent[j] != sent[p]:
            break
        u = units_of[j]
        alt = typos[j][0] if j in typos else None
        if u in need:
            need.remove(u)
        elif alt is not None and alt in need:
            need.remove(alt)
        elif j == p:
            return -1          # the window starts on one of the phrase's words
        else:
            continue
        if not need:
            return j
    return -1
