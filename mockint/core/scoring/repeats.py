"""What an answer says again: a sentence pasted twice, or nearly the same words twice, and a run
of words repeated inside sentences. The scorer judges the answer without them
(:func:`without_repeats`), so a repeat counts once however often it is pasted; the rubric's
``matching.repeats`` sets how near a copy must be (:class:`Repeats`).

Near copies are compared with rapidfuzz, as in :mod:`mockint.core.scoring.matching`: with a
processor and a ``score_cutoff``.
"""

from __future__ import annotations

from collections import defaultdict
from dataclasses import dataclass

from rapidfuzz import process, utils

from mockint.core.scoring.matching import SCORERS
from mockint.core.scoring.text import Analysed, without_spans


@dataclass(frozen=True)
class Repeats:
    """When a sentence says again what one before it said (``matching.repeats``): sentences of at
    least ``min_words`` words, compared with ``scorer`` at ``cutoff`` or more."""
    scorer: str = "token_sort_ratio"
    cutoff: float = 90.0
    min_words: int = 4
    min_run: int = 0         # also a run of this many words said again, inside sentences (0: off)
    min_shared: int = 0      # reworded: a sentence sharing this many content stems with one before
    share: float = 0.6       # ... and that many of its own content stems (min_shared 0: off)
    ignore: frozenset[str] = frozenset()     # words that are no content (folded): function words


def _contents(a: Analysed, ignore: frozenset[str]) -> dict[int, set[str]]:
    """The content stems of each sentence, in one pass: its words less ``ignore`` and one-letter
    words."""
    out: dict[int, set[str]] = defaultdict(set)
    for w, st, si in zip(a.words, a.stems, a.sentence_of_token):
        if len(w) > 1 and w not in ignore:
            out[si].add(st)
    return out


def repeated_sentences(a: Analysed, rep: Repeats) -> list[int]:
    """The indexes of the sentences that repeat an earlier one, word for word or nearly (the
    same sentence pasted five times counts once). Exact copies are found first, in a dict; the
    others are compared with the distinct sentences before them."""
    words_in: dict[int, int] = defaultdict(int)
    for si in a.sentence_of_token:
        words_in[si] += 1
    seen: dict[str, int] = {}
    kept: list[str] = []
    kept_stems: list[set[str]] = []
    out: list[int] = []
    scorer = SCORERS[rep.scorer]
    # a near-copy at ``cutoff`` has a length within this factor of the other's (ratio <= 2 min/sum;
    # 0.9: the processor drops punctuation, so the lengths compared here are a little looser)
    near = 0.9 * rep.cutoff / (200 - rep.cutoff) if rep.cutoff < 100 else 0.9
    contents = _contents(a, rep.ignore) if rep.min_shared else {}
    for i, (s, e) in enumerate(a.sentences):
        if words_in[i] < rep.min_words:
            continue
        text = " ".join(a.folded[s:e].split())
        key = text.rstrip(".!? ")
        if key in seen:
            out.append(i)
            continue
        size = len(key)
        similar = [k for k in kept if near * size <= len(k) <= size / near] if kept else kept
        if similar and process.extractOne(key, similar, scorer=scorer, processor=utils.default_process,
                                          score_cutoff=rep.cutoff):
            out.append(i)
            continue
        if rep.min_shared:      # the same point in other words: most of its content said before
            own = contents.get(i, set())
            if len(own) >= rep.min_shared and any(
                    len(own & k) >= max(rep.min_shared, rep.share * len(own)) for k in kept_stems):
                out.append(i)
                continue
            kept_stems.append(own)
        seen[key] = i
        kept.append(key)
    return out


def repeated_runs(a: Analysed, n: int, skip: set[int]) -> list[tuple[int, int]]:
    """Folded spans of the runs of ``n`` words or more (by stem) that say again, word for word,
    a run earlier in the answer, outside the sentences ``skip`` (already dropped whole)."""
    stems, sent = a.stems, a.sentence_of_token
    grams = list(zip(*(stems[k:] for k in range(n)))) if n > 0 else []
    if len(set(grams)) == len(grams):       # the usual case: nothing said twice (found in C)
        return []
    first: dict[tuple, int] = {}
    marked = [False] * len(stems)
    for i, gram in enumerate(grams):
        if sent[i] in skip:
            continue
        j = first.setdefault(gram, i)
        if j + n <= i:                      # said before, not overlapping itself
            marked[i:i + n] = [True] * n
    spans: list[tuple[int, int]] = []
    k = 0
    while k < len(marked):
        if marked[k]:
            e = k
            while e + 1 < len(marked) and marked[e + 1]:
                e += 1
            spans.append((a.token_starts[k], a.token_ends[e]))
            k = e + 1
        else:
            k += 1
    return spans


def without_repeats(a: Analysed, rep: Repeats) -> Analysed:
    """The answer with what it says again blanked (sentences, then runs of ``min_run`` words):
    a repeat is judged once, however often it is pasted."""
    drop = repeated_sentences(a, rep) if len(a.sentences) > 1 else []
    spans = [a.sentences[i] for i in drop]
    if rep.min_run:
        spans += repeated_runs(a, rep.min_run, set(drop))
    return without_spans(a, spans, drop)
