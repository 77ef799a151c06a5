"""Text normalisation, done once per answer.

``analyse(text, lang)`` gives a folded copy of the text (lowercase, NFKC, Romanian cedilla and
comma-below forms unified, diacritics removed, typographic quotes made plain) together with a map
from every folded character back to the span of the original text it came from, the word tokens
with their Snowball stems, and the sentences. Evidence offsets are always into the original text,
as the user typed it.
"""

from __future__ import annotations

import re
import unicodedata
from bisect import bisect_left
from dataclasses import dataclass, field
from functools import lru_cache
from itertools import accumulate, compress
from operator import add
from typing import cast

import Stemmer

from mockint.core.data.langs import LANGS  # noqa: F401  (re-exported)

_STEMMER_NAMES = {"en": "english", "ro": "romanian"}

# Characters folded 1:1 (so offsets are kept on the fast path).
_FOLD_SPECIAL = {
    "ş": "s", "ș": "s", "ţ": "t", "ț": "t", "Ş": "s", "Ș": "s", "Ţ": "t", "Ț": "t",
    "’": "'", "‘": "'", "ʼ": "'", "`": "'", "´": "'", "“": '"', "”": '"', "„": '"', "«": '"', "»": '"',
    "–": "-", "—": "-", "‐": "-", "‑": "-", "−": "-", "\u00a0": " ", "\u2009": " ", "\u202f": " ",
    "\t": " ", "ß": "s", "ø": "o", "æ": "a", "œ": "o", "ł": "l", "đ": "d", "ı": "i",
}


def _build_fold_table() -> dict[int, str]:
    table: dict[int, str] = {}
    for cp in range(0x00C0, 0x0250):
        ch = chr(cp)
        low = ch.lower()
        if len(low) != 1:
            continue
        base = "".join(c for c in unicodedata.normalize("NFD", low) if not unicodedata.combining(c))
        if len(base) == 1 and base != ch:
            table[cp] = base
    for src, dst in _FOLD_SPECIAL.items():
        table[ord(src)] = dst
    return table


_FOLD = _build_fold_table()
# Characters that force the slow path: combining marks, format characters (zero-width, soft
# hyphen, bidi controls), and anything whose lowercase is not a single character.
_NEEDS_SLOW = re.compile(r"[\u0300-\u036f\u00ad\u200b-\u200f\u202a-\u202e\u2060-\u2064\ufeff\u0130]")
_TOKEN = re.compile(r"[^\W_]+(?:'[^\W_]+)*")
_ALNUM = re.compile(r"[^\W_]")
# A sentence: up to ".", "!" or "?" (a dot between digits, as in "70.000" or "$1.2M", is
# part of a number), or up to a line break that starts something new: a blank line, a list item
# ("- ", "* ", "• ", "1. ") or the end; a line break inside a sentence ("What does\ntraining look
# like?") does not end it.
_SENTENCE = re.compile(r"(?:[^.!?\n]+|(?<=\d)\.(?=\d)|\n(?![ \t]*(?:\n|[-*•·]|\d+[.)][ \t]|$)))+"
                       r"(?:[.!?]+|\n|$)")         # the three parts never match the same text


def fold(text: str) -> str:
    """The folded form of a short string (phrases, keywords): same rules as answers."""
    return _fold_with_map(text)[0]


def _fold_fast_ok(text: str) -> bool:
    return (not _NEEDS_SLOW.search(text)) and unicodedata.is_normalized("NFKC", text)


def _fold_with_map(text: str) -> tuple[str, list[int] | None]:
    """(folded, starts): starts[i] is the original index of folded char i; None means identity."""
    if _fold_fast_ok(text):
        low = text.lower()
        if len(low) == len(text):
            return low.translate(_FOLD), None
    out: list[str] = []
    starts: list[int] = []
    i, n = 0, len(text)
    while i < n:
        j = i + 1
        while j < n and unicodedata.combining(text[j]):
            j += 1
        seg = unicodedata.normalize("NFKC", text[i:j])
        if unicodedata.category(seg[0]) == "Cf" if seg else True:
            i = j
            continue
        low = seg.lower()
        for ch in low:
            if unicodedata.combining(ch):
                continue
            ch = _FOLD.get(ord(ch), ch)
            if len(ch) == 1 and ord(ch) > 0x7F:
                base = unicodedata.normalize("NFD", ch)[0]
                ch = _FOLD.get(ord(base), base)
            out.append(ch)
            starts.append(i)
        i = j
    return "".join(out), starts


@lru_cache(maxsize=4)
def stemmer(lang: str) -> Stemmer.Stemmer:
    st = Stemmer.Stemmer(_STEMMER_NAMES[lang])
    st.maxCacheSize = 20000
    return st


_STEMS: dict[str, dict[str, str]] = {}     # lang -> {word: stem}, kept across answers
_MAX_STEMS = 50_000                        # words remembered per language (then forgotten at once)


def stem_words(words: list[str], lang: str) -> list[str]:
    """The Snowball stems of ``words``. Words seen before are looked up (in C, a fifth of the
    stemmer's own time with its cache); only new ones go to the stemmer."""
    memo = _STEMS.get(lang)
    if memo is None:
        memo = _STEMS[lang] = {}
    got = list(map(memo.get, words))
    if None in got:
        new = list(dict.fromkeys(w for w, st in zip(words, got) if st is None))
        fresh = dict(zip(new, stemmer(lang).stemWords(new)))
        if len(memo) + len(new) > _MAX_STEMS:
            memo.clear()                   # bounded; the stems of this call are read from ``fresh``
        memo.update(fresh)
        return [fresh[w] if st is None else st for w, st in zip(words, got)]
    return cast("list[str]", got)         # no None in it: every word's stem was known


@dataclass(slots=True)
class Token:
    text: str    # folded surface form
    stem: str
    start: int   # offsets into the folded text
    end: int


@dataclass
class Analysed:
    """An answer, normalised once. The tokens are kept as parallel lists (``words``, ``stems``,
    ``token_starts``, ``token_ends``: the scorer's loops run over them in C); ``tokens`` gives
    them as :class:`Token` objects, built on first use."""
    original: str
    lang: str
    folded: str
    starts: list[int] | None
    words: list[str]                          # folded surface forms
    stems: list[str]
    token_starts: list[int]                   # folded offsets
    token_ends: list[int]
    sentences: list[tuple[int, int]]          # folded offsets, stripped
    sentence_of_token: list[int]
    cache: dict = field(default_factory=dict)  # per-answer memo for checks (e.g. typo stems)

    @property
    def tokens(self) -> list[Token]:
        toks = self.cache.get("tokens")
        if toks is None:
            toks = self.cache["tokens"] = list(map(Token, self.words, self.stems, self.token_starts,
                                                    self.token_ends))
        return toks

    def span(self, fstart: int, fend: int) -> tuple[int, int]:
        """Original-text span of the folded span [fstart, fend)."""
        if self.starts is None:
            return fstart, fend
        if fend <= fstart:
            s = self.starts[fstart] if fstart < len(self.starts) else len(self.original)
            return s, s
        s = self.starts[fstart]
        last = self.starts[fend - 1]
        e = last + 1
        n = len(self.original)
        while e < n and unicodedata.combining(self.original[e]):
            e += 1
        return s, e

    def orig_text(self, fstart: int, fend: int) -> str:
        s, e = self.span(fstart, fend)
        return self.original[s:e]


# A line break inside a sentence: a word (not a sentence end) before it, a word (not a list marker,
# a number or another break) after it. Replaced by a space, so the offsets stay.
_SOFT_BREAK = re.compile(r"(?<=[^\s.!?:;])\n(?=[^\s\-*•·\d])")

# The ASCII characters that are not part of a token, as spaces (for :func:`_tokens`).
_NOT_TOKEN = str.maketrans({chr(i): " " for i in range(128) if not (chr(i).isalnum() or chr(i) == "'")})


def _tokens(folded: str) -> tuple[list[str], list[int], list[int]]:
    """The tokens of a folded text (``_TOKEN``'s matches): words, starts, ends.

    An ASCII text (the common case) is split in C: every character that is not a letter, a
    digit or an apostrophe becomes a space, the text is split on single spaces, and each piece's
    offset is the lengths before it plus one space each. A piece with an apostrophe that
    ``_TOKEN`` would not keep inside a word (``'so``, ``so'``, ``a''b``) is tokenised by
    ``_TOKEN``; other texts too. Twice as fast as ``finditer`` on a 250-word answer."""
    if not folded.isascii():
        ms = list(_TOKEN.finditer(folded))
        return [m.group() for m in ms], [m.start() for m in ms], [m.end() for m in ms]
    parts = folded.translate(_NOT_TOKEN).split(" ")
    lens = list(map(len, parts))
    offsets = list(map(add, accumulate(lens, initial=0), range(len(parts))))
    words = list(compress(parts, lens))
    starts = list(compress(offsets, lens))
    if "'" in folded and any(w[0] == "'" or w[-1] == "'" or "''" in w for w in words if "'" in w):
        ws: list[str] = []
        ss: list[int] = []
        for w, s in zip(words, starts):
            if "'" in w and (w[0] == "'" or w[-1] == "'" or "''" in w):
                for m in _TOKEN.finditer(w):
                    ws.append(m.group())
                    ss.append(s + m.start())
            else:
                ws.append(w)
                ss.append(s)
        words, starts = ws, ss
    return words, starts, list(map(add, starts, map(len, words)))


# English typed in a chat window drops the apostrophe: "didnt", "wasnt", "im", "thats". These
# forms are never other words, so the folded text gets the apostrophe back (its offset maps to the
# letter after it) and every list and pattern written "didn't" finds them too.
_BARE_CONTRACTION = re.compile(
    r"\b(?:(?:don|didn|doesn|wasn|weren|isn|aren|wouldn|couldn|shouldn|haven|hasn|hadn|can|won|mustn|needn)(?=t\b)"
    r"|i(?=(?:m|ve)\b)|(?:you|they)(?=(?:re|ve|ll|d)\b)|we(?=ve\b)|(?:that|what|there|here)(?=s\b))")


def _restore_apostrophes(folded: str, starts: list[int] | None) -> tuple[str, list[int] | None]:
    cuts = [m.end() for m in _BARE_CONTRACTION.finditer(folded)]
    if not cuts:
        return folded, starts
    if starts is None:
        starts = list(range(len(folded)))
    out: list[str] = []
    new_starts: list[int] = []
    pos = 0
    for cut in cuts:
        out.append(folded[pos:cut])
        new_starts.extend(starts[pos:cut])
        out.append("'")
        new_starts.append(starts[cut])
        pos = cut
    out.append(folded[pos:])
    new_starts.extend(starts[pos:])
    return "".join(out), new_starts


def analyse(text: str, lang: str) -> Analysed:
    folded, starts = _fold_with_map(text)
    if "\n" in folded:         # a line wrapped inside a sentence reads as one line: "told him\nstraight"
        folded = _SOFT_BREAK.sub(" ", folded)
    if lang == "en":
        folded, starts = _restore_apostrophes(folded, starts)
    return _analyse_folded(text, lang, folded, starts)


def without_spans(a: Analysed, spans: list[tuple[int, int]], dropped: list[int] | None = None) -> Analysed:
    """The answer with the folded ``spans`` blanked out: their characters become "|" in the
    folded text (sentence ends kept), so every offset still maps to the answer as typed, and no check finds anything
    in them (a repeated sentence is judged once). The full analysis stays in ``cache["full"]``,
    the indexes of the sentences dropped whole in ``cache["dropped"]``."""
    if not spans:
        return a
    chars = list(a.folded)
    for s, e in spans:          # "|", not spaces: a long run of blanks makes "\s+" backtrack;
        chars[s:e] = [c if c in ".!?\n" else "|" for c in chars[s:e]]   # the sentence ends stay
    out = _analyse_folded(a.original, a.lang, "".join(chars), a.starts)
    out.cache["full"] = a
    out.cache["dropped"] = sorted(dropped or [])
    out.cache["blanked"] = sorted(spans)
    return out


def _analyse_folded(text: str, lang: str, folded: str, starts: list[int] | None) -> Analysed:
    words, tstarts, tends = _tokens(folded)
    stems = stem_words(words, lang) if words else []
    sentences: list[tuple[int, int]] = []
    for m in _SENTENCE.finditer(folded):
        s, e = m.start(), m.end()
        while s < e and folded[s].isspace():
            s += 1
        while e > s and folded[e - 1].isspace():
            e -= 1
        if e > s and _ALNUM.search(folded, s, e):
            sentences.append((s, e))
    # A token's sentence: the first one ending after its start (the last one at most). The
    # tokens of sentence i are those starting before its end and not before the previous end.
    sent_of: list[int] = []
    last = max(len(sentences) - 1, 0)
    done = 0
    for si in range(last):
        upto = bisect_left(tstarts, sentences[si][1], done)
        sent_of += [si] * (upto - done)
        done = upto
    sent_of += [last] * (len(tstarts) - done)
    return Analysed(text, lang, folded, starts, words, stems, tstarts, tends, sentences, sent_of)


def phrase_tokens(phrase: str) -> list[str]:
    """Folded word tokens of a phrase, as the answer would be tokenised."""
    return _TOKEN.findall(fold(phrase))
