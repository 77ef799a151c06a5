"""A candidate turn's sentences, and which of them are questions (open or closed), from the
language's lexicon compiled once (:class:`Cues`): a sentence is a question when it ends with "?",
or starts (after lead-ins) with a request starter, or is one in form without it (docs/roleplay.md,
"How the buyer reads a turn")."""

from __future__ import annotations

from dataclasses import dataclass

from mockint.core.scoring.matching import Hit, PhraseSet
from mockint.core.scoring.text import Analysed, phrase_tokens, stem_words

CUE_SETS = ("acknowledge", "recap", "clarify", "argue", "pitch", "benefit", "proof", "figure", "result", "price",
            "ask", "time", "close_vague", "confirm", "pressure", "dishonesty")


@dataclass
class Sentence:
    start: int         # folded offsets
    end: int
    first: int         # token indexes [first, last)
    last: int
    question: str | None = None     # "open" | "closed" | None (a statement)


class Cues:
    """A language's lexicon, compiled."""

    def __init__(self, language):
        lang, cues = language.lang, language.cues
        window = int(language.th("cue_window"))
        self.language = language
        self.sets = {k: PhraseSet(list(cues[k]), lang, window=window, fuzzy=None) for k in CUE_SETS}
        self.request = _starters(cues["request_starters"])
        self.open = _starters(cues["open_starters"])
        self.closed = _starters(cues["closed_starters"])
        self.lead_ins = _starters(cues["lead_ins"])
        self.you = {w for p in cues["you_words"] for w in phrase_tokens(p)}
        stop = [w for p in cues["stop_words"] for w in phrase_tokens(p)]
        self.stop = set(stop) | set(stem_words(stop, lang))


def _starters(items) -> list[tuple[str, ...]]:
    """Phrases as word tuples, longest first (so "could you tell me" wins over "could")."""
    toks = {tuple(phrase_tokens(p)) for p in items}
    return sorted((t for t in toks if t), key=lambda t: (-len(t), t))


def cues_of(language) -> Cues:
    if language.compiled is None:
        language.compiled = Cues(language)
    return language.compiled


def split(a: Analysed, cues: Cues) -> list[Sentence]:
    out: list[Sentence] = []
    k, n = 0, len(a.words)
    for si, (s, e) in enumerate(a.sentences):
        first = k
        while k < n and a.sentence_of_token[k] == si:
            k += 1
        sent = Sentence(s, e, first, k)
        words = a.words[first:k]
        ends_q = a.folded[s:e].rstrip(".! ").endswith("?")
        kind, end = _starter(words, cues)
        if ends_q and kind not in ("open", "request"):     # "Can I ask you something: what ...?"
            clauses = [_starter(words[j - first:], cues)[0] for j in _clause_starts(a, first, k)]
            kind = "open" if {"open", "request"} & set(clauses) else kind
        if ends_q or kind == "request" or (kind is not None and _addressed(words, kind, end, cues)):
            sent.question = "open" if kind == "request" else kind or "closed"
        out.append(sent)
    return out


def _addressed(words: list[str], kind: str, end: int, cues: Cues) -> bool:
    """No "?": a question in form. An open starter with a you-word in it or ``question_you_within``
    words after it ("what do you need"); a closed one with a you-word after it ("do you use"), not
    one that is itself the you-word ("Ați descărcat ghidul nostru.", "Aveți dreptate." state)."""
    within = int(cues.language.th("question_you_within"))
    return bool(cues.you.intersection(words[end if kind == "closed" else 0:end + within]))


def _clause_starts(a: Analysed, first: int, last: int) -> list[int]:
    """Tokens in [first, last) that follow a comma, colon, semicolon or dash."""
    return [j for j in range(first + 1, last)
            if any(ch in ",:;-" for ch in a.folded[a.token_ends[j - 1]:a.token_starts[j]])]


def _starter(words: list[str], cues: Cues) -> tuple[str | None, int]:
    """("request" | "open" | "closed", the index after the starter) when the words begin, after
    up to ``max_lead_ins`` lead-ins, with a question starter; else (None, 0)."""
    i = 0
    for _ in range(int(cues.language.th("max_lead_ins")) + 1):
        for kind, starters in (("request", cues.request), ("open", cues.open), ("closed", cues.closed)):
            t = next((t for t in starters if tuple(words[i:i + len(t)]) == t), None)
            if t is not None:
                return kind, i + len(t)
        lead = next((t for t in cues.lead_ins if tuple(words[i:i + len(t)]) == t), None)
        if lead is None:
            return None, 0
        i += len(lead)
    return None, 0


def sentence_of(sentences: list[Sentence], hit: Hit) -> Sentence | None:
    return next((s for s in sentences if s.first <= hit.first < s.last), None)
