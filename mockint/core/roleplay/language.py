"""The language-level sections of a role-play file: ``lexicon``, ``thresholds``, ``score``, ``messages``.

Only the built-in ``roleplays/<lang>.yaml`` carries them; every scenario of that language (built-in,
the user's own, ``--scenarios`` files) is read with them. No word list and no wording lives in the
Python code: the names below (cue kinds, threshold names, score parts, message keys with the
placeholders each may use) are the mechanism's vocabulary, checked against the file.
"""

from __future__ import annotations

import string
from dataclasses import dataclass, field
from typing import Any

from mockint.core.data.errors import did_you_mean
from mockint.core.data.validate import Doc
from mockint.core.questions.guide import fact_ids
from mockint.core.scoring.text import phrase_tokens

NUMBER = "{number}"          # a cue that matches any number (a figure: proof beside a result)

# lexicon: every word / phrase list of the language (docs/roleplay.md says what each is for)
CUE_KINDS = ("request_starters", "open_starters", "closed_starters", "lead_ins", "you_words", "acknowledge", "recap",
             "clarify",
             "argue", "pitch", "benefit", "proof", "figure", "result", "price", "ask", "next_step", "time",
             "close_vague", "confirm", "pressure", "dishonesty", "stop_words")
NUMBER_OK = ("figure",)      # the kinds where "{number}" may be listed

# thresholds: name -> (lowest, highest, whole number)
THRESHOLDS: dict[str, tuple[float, float, bool]] = {
    "trigger_window": (0, 10, True), "cue_window": (0, 10, True), "typo_min_length": (3, 30, True),
    "typo_cutoff": (50, 100, False), "reflect_cutoff": (50, 100, False),
    "reflect_min_length": (1, 30, True), "long_statement_words": (5, 2000, True),
    "max_lead_ins": (0, 10, True), "question_you_within": (0, 20, True), "result_window": (0, 20, True),
    "pressure_to_end": (1, 20, True),
    "dishonesty_to_end": (1, 20, True),
}

DIMENSIONS = ("discovery", "listening", "balance", "objections", "value", "close")
SCORE_PARTS: dict[str, tuple[str, ...]] = {
    "discovery": ("needs", "open_questions", "pitch_first"),
    "listening": ("target", "need_word", "other_word"),
    "balance": ("full_up_to", "zero_at"),
    "objections": ("acknowledge", "clarify", "answer", "argued"),
    "value": ("tied", "proof"),
    "close": ("asked", "specific", "agreed"),
    "red_flags": ("cap",),
}
# parts that must add up to 100 (the dimension's full marks)
SUMS = {"discovery": ("needs", "open_questions"), "objections": ("acknowledge", "clarify", "answer"),
        "value": ("tied", "proof"), "close": ("asked", "specific", "agreed")}
GUIDE_KEYS = DIMENSIONS + ("red_flags", "proof")

# messages: group -> key -> the placeholders it may use
_MARKS = {
    "open_question": (), "closed_question": (), "no_questions": (), "only_ask": (), "need_uncovered": ("need",),
    "need_stated": ("need",),
    "need_missed": ("need",), "pitch_first": (), "reflected": ("buyer", "buyer_turn"),
    "no_reflection": (), "monologue": ("words",), "acknowledged": ("objection",),
    "explored": ("objection",), "answered": ("objection",), "argued": ("objection",),
    "unhandled": ("objection",), "softened": ("objection",), "value_tied": ("need",),
    "value_missed": ("need",), "proof": (), "asked_specific": (), "asked_vague": (),
    "asked_too_soon": (), "no_ask": (), "agreed": (), "not_agreed": (), "not_agreed_open": ("objection",),
    "pressure": (),
    "dishonesty": (),
}
# the marks that give feedback, in the order they are preferred within a dimension
FEEDBACK_KEYS = ("dishonesty", "pressure", "pitch_first", "no_questions", "only_ask", "need_missed", "closed_question",
                 "no_reflection", "monologue", "argued", "unhandled", "value_missed", "asked_too_soon",
                 "no_ask", "asked_vague", "not_agreed_open", "not_agreed")
# the marks that may name no turn, and the advice said then (with no {turn})
TURNLESS = {"need_missed": "need_missed_call"}
MESSAGES: dict[str, dict[str, tuple[str, ...]]] = {
    "labels": {"brief": (), "buyer": (), "you": (), "turn": ("n",), "outcome": (), "score": (),
               "not_applicable": (), "capped": ("cap", "reason"), "needs_found": (), "needs_missed": (),
               "none": (), "marks": (), "feedback": (), "dialogue": (), "practises": (), "weight": (),
               "weight_of": ("w",), "guide": (), "dimension": (), "turns": ("n",)},
    "outcomes": {"agreed": ("turn",), "turn_limit": ("turn",), "pushed": ("turn",), "open": ("turn",)},
    "dimensions": {d: () for d in DIMENSIONS + ("red_flags",)},
    "marks": _MARKS,
    "feedback": {**{k: ("turn",) + _MARKS[k] for k in FEEDBACK_KEYS}, **{v: _MARKS[k] for k, v in TURNLESS.items()}},
}


@dataclass
class Language:
    """What a language's scenarios are read and scored with."""
    lang: str
    source: str
    cues: dict[str, tuple[str, ...]]
    thresholds: dict[str, float]
    weights: dict[str, float]
    parts: dict[str, dict[str, float]]
    guide: dict[str, str]
    feedback_items: int
    messages: dict[str, dict[str, str]]
    compiled: Any = field(default=None, repr=False)      # reading.Cues, built on first use

    def msg(self, group: str, key: str, **values: Any) -> str:
        return self.messages[group][key].format(**values)

    def th(self, name: str) -> float:
        return self.thresholds[name]


def parse_language(doc: Doc, top: dict, lang: str) -> Language:
    lex = _lexicon(doc, top["lexicon"])
    th = _thresholds(doc, top["thresholds"])
    weights, parts, guide, items = _score(doc, top["score"])
    return Language(lang, doc.name, lex, th, weights, parts, guide, items, _messages(doc, top["messages"]))


def phrases(doc: Doc, value: Any, path: tuple, min_len: int = 1, number_ok: bool = False) -> tuple[str, ...]:
    """A list of phrases, each with at least one word (``{number}`` where allowed), no repeats."""
    out = doc.strings(value, path, min_len)
    seen: dict[str, int] = {}
    for i, ph in enumerate(out):
        if ph.strip() == NUMBER:
            if not number_ok:
                doc.fail(path + (i,), f"'{NUMBER}' is allowed only in: {', '.join(NUMBER_OK)}")
        elif not phrase_tokens(ph):
            doc.fail(path + (i,), f"'{ph}' has no word in it")
        key = " ".join(phrase_tokens(ph)) or ph.strip()
        if key in seen:
            doc.fail(path + (i,), f"'{ph}' is listed twice (first as item {seen[key]})")
        seen[key] = i
    return tuple(out)


def _lexicon(doc: Doc, value: Any) -> dict[str, tuple[str, ...]]:
    m = doc.mapping(value, ("lexicon",), required=CUE_KINDS)
    return {k: phrases(doc, m[k], ("lexicon", k), number_ok=k in NUMBER_OK) for k in CUE_KINDS}


def _thresholds(doc: Doc, value: Any) -> dict[str, float]:
    m = doc.mapping(value, ("thresholds",), required=tuple(THRESHOLDS))
    return {k: float(doc.number(m[k], ("thresholds", k), lo, hi, whole=whole))
            for k, (lo, hi, whole) in THRESHOLDS.items()}


def _score(doc: Doc, value: Any) -> tuple[dict, dict, dict, int]:
    p = ("score",)
    m = doc.mapping(value, p, required=("weights", "guide", "feedback_items") + tuple(SCORE_PARTS))
    wm = doc.mapping(m["weights"], p + ("weights",), required=DIMENSIONS)
    weights = {d: float(doc.number(wm[d], p + ("weights", d), 0, 100)) for d in DIMENSIONS}
    if not sum(weights.values()):
        doc.fail(p + ("weights",), "at least one weight must be above 0")
    parts: dict[str, dict[str, float]] = {}
    for dim, names in SCORE_PARTS.items():
        sm = doc.mapping(m[dim], p + (dim,), required=names)
        lo = -100 if dim in ("discovery", "objections") else 0
        parts[dim] = {n: float(doc.number(sm[n], p + (dim, n), lo, 1000)) for n in names}
    _check_sums(doc, parts)
    gm = doc.mapping(m["guide"], p + ("guide",), required=GUIDE_KEYS)
    guide = {k: fact_id(doc, gm[k], p + ("guide", k)) for k in GUIDE_KEYS}
    items = int(doc.number(m["feedback_items"], p + ("feedback_items",), 1, 20, whole=True))
    return weights, parts, guide, items


def _check_sums(doc: Doc, parts: dict[str, dict[str, float]]) -> None:
    for dim, names in SUMS.items():
        total = sum(parts[dim][n] for n in names)
        if abs(total - 100) > 1e-9:
            doc.fail(("score", dim), f"{' + '.join(names)} must add up to 100, not {total:g}")
    b = parts["balance"]
    if b["zero_at"] <= b["full_up_to"]:
        doc.fail(("score", "balance", "zero_at"), f"must be above full_up_to ({b['full_up_to']:g})")
    if parts["listening"]["target"] <= 0:
        doc.fail(("score", "listening", "target"), "must be above 0")
    if not 0 <= parts["red_flags"]["cap"] <= 100:
        doc.fail(("score", "red_flags", "cap"), "must be from 0 to 100")


def fact_id(doc: Doc, value: Any, path: tuple) -> str:
    """A guide fact id (rubrics/guide.yaml) that exists."""
    doc.text_(value, path)
    ids = fact_ids()
    if value not in ids:
        doc.fail(path, f"'{value}' is not a fact of the guide (rubrics/guide.yaml){did_you_mean_sorted(value, ids)}")
    return value


def did_you_mean_sorted(value: str, choices) -> str:
    return did_you_mean(value, sorted(choices))


def _messages(doc: Doc, value: Any) -> dict[str, dict[str, str]]:
    m = doc.mapping(value, ("messages",), required=tuple(MESSAGES))
    out: dict[str, dict[str, str]] = {}
    for group, keys in MESSAGES.items():
        p = ("messages", group)
        gm = doc.mapping(m[group], p, required=tuple(keys))
        out[group] = {k: template(doc, gm[k], p + (k,), keys[k]) for k in keys}
    return out


def template(doc: Doc, value: Any, path: tuple, allowed: tuple[str, ...]) -> str:
    """A message with ``{placeholders}``: only those ``allowed``, and well formed."""
    text = doc.text_(value, path)
    try:
        names = [f for _, f, _, _ in string.Formatter().parse(text) if f is not None]
    except ValueError as exc:
        doc.fail(path, f"a malformed {{placeholder}} ({exc}); write {{{{ and }}}} for a brace")
    for name in names:
        if name not in allowed:
            shown = ", ".join("{" + a + "}" for a in allowed) or "none"
            doc.fail(path, f"unknown placeholder '{{{name}}}'; allowed here: {shown}"
                     f"{did_you_mean_sorted(name, allowed)}")
    return text
