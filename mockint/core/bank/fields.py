"""A new question's fields from what the user typed (``mockint questions add``, the question
form): an id's words from the question's text, ``--tag`` values sorted into topic, kind and
difficulty, a ``--point``'s summary and phrases, the answer length for a time. Nothing is written here."""

from __future__ import annotations

import re
from collections.abc import Sequence

from mockint.core.bank import loader
from mockint.core.data.errors import MockintError, did_you_mean
from mockint.core.data.strings import tag_id, tr
from mockint.core.questions.bank import DIFFICULTIES, KINDS, TOPICS
from mockint.core.scoring.text import fold

MAX_ID_WORDS = 6
MAX_ID_CHARS = 48
# Words an id can do without, beyond the rubric's function words: the openers of a question.
_OPENERS = {"tell", "describe", "explain", "give", "walk", "through", "please", "spune", "spuneti",
            "povesteste", "povestiti", "descrie", "descrieti", "explica", "explicati", "dati", "da"}


# -- ids ------------------------------------------------------------------------------------------

def function_words(lang: str) -> set[str]:
    """The rubric's function words (folded): dropped from ids and derived phrases."""
    try:
        return {fold(w) for w in loader.rubric(lang).lists.get("function_words", [])}
    except MockintError:       # pragma: no cover - the built-in rubric always loads
        return set()


def slug(text: str, lang: str, stop: set[str] | None = None) -> str:
    """A readable id from a question's text: its first content words, folded, kebab-case.
    "Tell me about a deal you lost to a competitor." -> "deal-lost-competitor"."""
    stop = function_words(lang) if stop is None else stop
    words = re.findall(r"[a-z0-9]+", fold(text).replace("'", ""))
    content = [w for w in words if w not in stop and w not in _OPENERS]
    chosen = content or words
    out: list[str] = []
    for w in chosen[:MAX_ID_WORDS]:
        if len("-".join(out + [w])) > MAX_ID_CHARS:
            break
        out.append(w)
    return "-".join(out) or "question"


ID_RE = re.compile(r"[a-z0-9]+(?:[-_][a-z0-9]+)*")


# -- tags, points, length -------------------------------------------------------------------------

def tags_from(values: Sequence[str]) -> dict[str, str]:
    """``--tag`` values sorted into topic, kind and difficulty (``closing`` is both a topic and a
    kind). Defaults: common, behavioural, medium. A tag is its id or its name as either language's
    list shows it ("grea", "ușoară", "usoara"), as ``mockint questions --tag`` takes it."""
    out = {"topic": "common", "kind": "behavioural", "difficulty": "medium"}
    given: dict[str, str] = {}
    typed: dict[str, str] = {}                  # each slot's tag as the user typed it, for a message
    every = sorted(set(TOPICS) | set(KINDS) | set(DIFFICULTIES))
    for v in values:
        t = tag_id(v)
        slots = [s for s, allowed in (("topic", TOPICS), ("kind", KINDS), ("difficulty", DIFFICULTIES))
                 if t in allowed]
        if not slots:
            raise MockintError(f"--tag: '{v}' is not a tag{did_you_mean(v, every)}; tags: {', '.join(every)}")
        for slot in slots:
            if slot in given and given[slot] != t and len(slots) == 1:
                raise MockintError(f"--tag: two {slot}s given ('{typed[slot]}' and '{v}'); a question has one")
            given[slot], typed[slot] = t, v
    out.update(given)
    return out


def parse_point(value: str, index: int, lang: str, stop: set[str]) -> tuple[str, list[str]]:
    """``--point "SUMMARY"`` or ``--point "SUMMARY | phrase, phrase"``: the summary and the phrases
    that show the point is covered (without them: the summary's content words)."""
    summary, sep, rest = value.partition("|")
    summary = summary.strip()
    if not summary:
        raise MockintError(f"--point {index + 1}: the summary is empty",
                           message_id="author.point_empty", params={"n": index + 1})
    if sep:
        phrases = [p.strip() for p in rest.split(",") if p.strip()]
        if not phrases:
            raise MockintError(f"--point {index + 1}: no phrases after '|' (give them separated by commas)",
                               message_id="author.point_no_phrases", params={"n": index + 1})
        return summary, phrases
    words = re.findall(r"[^\W_]+(?:['-][^\W_]+)*", summary)
    phrases = []
    for w in words:
        f = fold(w)
        if f in stop or f in _OPENERS or (len(f) < 4 and not w.isupper() and not w.isdigit()):
            continue
        if w.lower() not in phrases:
            phrases.append(w.lower() if not w.isupper() else w)
    if not phrases:
        raise MockintError(f"--point {index + 1}: no word in '{summary}' can show the point is covered; "
                           f"give phrases: --point \"{summary} | phrase, phrase\"",
                           message_id="author.point_no_word", params={"n": index + 1, "summary": summary})
    return summary, phrases


# The first words (folded) of a summary that reads as what is asked about after "say more about" /
# "spune mai multe despre": a "what / how…" clause, or in English a noun phrase with its determiner.
# Romanian leaves out "de ce" ("despre de ce…") and bare nouns ("despre valoarea contractului" needs
# the article right, which the summary's form does not tell).
_ABOUT_OPENERS = {
    "en": {"what", "how", "why", "who", "which", "when", "where", "whether", "the", "a", "an", "your", "their",
           "his", "her", "its", "any", "each", "every"},
    "ro": {"ce", "cum", "cine", "care", "cand", "unde", "cat", "cata", "cati", "cate"},
}


def follow_up(summary: str, lang: str) -> str:
    """The follow-up of a talking point given without one. A summary that is a question is asked as
    it is; one that reads as what is asked about goes into "Could you say more about …?"; any other
    ("owns the loss", "Mention the ROI") would read as a pasted note: a generic follow-up instead."""
    text = " ".join(summary.split())
    if text.endswith("?"):
        return text[:1].upper() + text[1:]
    text = text.rstrip(".!;: ")
    words = re.findall(r"[^\W_]+", fold(text))
    if words and words[0] in _ABOUT_OPENERS.get(lang, set()):
        first = text[:1].lower() + text[1:] if text[:2] != text[:2].upper() else text
        return tr(lang, "bank.follow_up", summary=first)
    return tr(lang, "bank.follow_up_generic")


def answer_length(seconds: int) -> tuple[int, int]:
    """Recommended words for a spoken answer of ``seconds``: as the built-in bank does (120 s: 90-250)."""
    lo = max(20, round(seconds * 0.75))
    return lo, max(lo + 20, round(seconds * 2.1))
