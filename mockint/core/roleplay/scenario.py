"""Role-play scenarios as data: dataclasses, reading ``roleplays/<lang>.yaml`` and users' files.

Everything is validated at load with :class:`mockint.core.data.validate.Doc`: a problem names the file,
line and column, the key, the values allowed, and "did you mean" for an unknown key or id. The
format is described in ``docs/roleplay.md``.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from functools import lru_cache
from pathlib import Path
from typing import Any

from mockint.core.data import resources
from mockint.core.data.errors import MockintError
from mockint.core.data.validate import Doc
from mockint.core.data.yamlfile import Key, load_yaml_cached, read_data
from mockint.core.roleplay.language import Language, did_you_mean_sorted, fact_id, parse_language, phrases
from mockint.core.scoring.text import LANGS

RAISED_PLAIN = ("opening", "pitch_before_discovery", "close_too_soon", "price_mentioned")
RAISED_WITH = ("turn", "need_revealed")
RAISED_SHOWN = ", ".join(RAISED_PLAIN) + ", {turn: N}, {need_revealed: NEED_ID}"
MOVES = ("acknowledge", "clarify", "value", "proof")
LANGUAGE_KEYS = ("lexicon", "thresholds", "score", "messages")
SCENARIO_KEYS = ("id", "title", "guide", "brief", "buyer", "opening", "turn_limit", "needs", "objections",
                 "signals", "close", "lines", "end", "examples")
LINE_LISTS = ("vague_question", "statement", "already_said")
NEED_KINDS = ("pain", "fact")     # fact: information (who decides, when they are free), not a pain to tie value to


@dataclass(frozen=True)
class Buyer:
    name: str
    role: str
    persona: str


@dataclass(frozen=True)
class Need:
    id: str
    label: str
    triggers: tuple[str, ...]
    reveal: str
    words: tuple[str, ...]
    kind: str = "pain"


@dataclass(frozen=True)
class Objection:
    id: str
    label: str
    raised_when: str            # one of RAISED_PLAIN + RAISED_WITH
    param: int | str | None     # the turn number, or the need id
    says: str
    words: tuple[str, ...]
    softened_by: tuple[str, ...]
    needed: int
    softened: str
    argued: str
    blocks: bool = False        # while open, the buyer reveals no need (a gatekeeper's screen)
    again: tuple[str, ...] = ()     # said again once the candidate spoke of the offer (cycled; default: argued)

    @property
    def fault(self) -> bool:
        """Raised because of something the candidate did wrong: then it is the whole reply."""
        return self.raised_when in ("pitch_before_discovery", "close_too_soon")


@dataclass(frozen=True)
class Signal:
    says: str
    need: str | None = None     # said when value is tied to this need (None: to any need)
    states: tuple[str, ...] = ()    # other needs the line states in the buyer's words: uncovered when said


@dataclass(frozen=True)
class Close:
    needs_uncovered: int
    value_tied: int
    agree: str
    not_yet: str
    vague: str


@dataclass(frozen=True)
class Example:
    name: str
    turns: tuple[str, ...]
    closes: bool
    min_score: int | None = None
    max_score: int | None = None
    path: tuple[Key, ...] = ()


@dataclass
class Scenario:
    id: str
    title: str
    guide: tuple[str, ...]
    brief: str
    buyer: Buyer
    opening: str
    turn_limit: int
    needs: tuple[Need, ...]
    objections: tuple[Objection, ...]
    signals: tuple[Signal, ...]
    close: Close
    lines: dict[str, Any]
    end: dict[str, str]
    examples: tuple[Example, ...]
    next_steps: tuple[str, ...]
    language: Language = field(repr=False)
    source: str = ""
    path: tuple[Key, ...] = ()
    compiled: Any = field(default=None, repr=False)     # reading.ScenarioCues, built on first use
    doc: Any = field(default=None, repr=False)          # the validate.Doc it was read from (for lines)

    def where(self, path: tuple[Key, ...] = ()) -> str:
        """file:line:col of a node of this scenario (the scenario itself by default)."""
        line, col = self.doc.position(path or self.path) if self.doc is not None else (None, None)
        return f"{self.source}:{line}:{col}" if line else self.source

    @property
    def lang(self) -> str:
        return self.language.lang

    def need(self, need_id: str) -> Need:
        return next(n for n in self.needs if n.id == need_id)

    def objection(self, obj_id: str) -> Objection:
        return next(o for o in self.objections if o.id == obj_id)


# -- files -----------------------------------------------------------------------------------
def builtin_path(lang: str) -> Path:
    return resources.roleplay_dir() / f"{lang}.yaml"


@lru_cache(maxsize=4)
def builtin(lang: str) -> tuple[Language, tuple[Scenario, ...]]:
    """The language's lexicon and its built-in scenarios (read once per process)."""
    if lang not in LANGS:
        raise MockintError(f"no role-plays in '{lang}'; languages: {', '.join(LANGS)}"
                           f"{did_you_mean_sorted(lang, LANGS)}")
    p = builtin_path(lang)
    name = resources.display(p)
    if not p.exists():
        raise MockintError(f"no role-play scenarios in '{lang}' yet: {name} is missing")
    return parse_builtin(read_data(p, name), name, lang)


def parse_builtin(text: str, name: str, lang: str) -> tuple[Language, tuple[Scenario, ...]]:
    doc, top = _top(text, name, LANGUAGE_KEYS)
    _check_lang(doc, top, lang)
    language = parse_language(doc, top, lang)
    return language, parse_scenarios(doc, top["scenarios"], language)


def parse_extra(text: str, name: str, language: Language) -> tuple[Scenario, ...] | None:
    """A user's scenario file: ``version``, ``lang`` and ``scenarios`` only (the lexicon is the
    built-in one). None when the file is in another language."""
    doc, top = _top(text, name, ())
    flang = doc.choice(top["lang"], ("lang",), LANGS)
    if flang != language.lang:
        return None
    return parse_scenarios(doc, top["scenarios"], language)


def _top(text: str, name: str, extra: tuple[str, ...]) -> tuple[Doc, dict]:
    doc = Doc(name, text)
    data = load_yaml_cached(text, name)
    if data is None:
        doc.fail((), "the file is empty")
    top = doc.mapping(data, (), required=("version", "lang") + extra + ("scenarios",))
    if doc.number(top["version"], ("version",), 1, whole=True) != 1:
        doc.fail(("version",), f"mockint reads version 1 of this format, not {top['version']}")
    return doc, top


def _check_lang(doc: Doc, top: dict, lang: str) -> None:
    flang = doc.choice(top["lang"], ("lang",), LANGS)
    if flang != lang:
        doc.fail(("lang",), f"must be '{lang}' for this file, not '{flang}'")


def parse_scenarios(doc: Doc, value: Any, language: Language) -> tuple[Scenario, ...]:
    items = doc.seq(value, ("scenarios",), 1)
    out: list[Scenario] = []
    seen: dict[str, int] = {}
    for i, raw in enumerate(items):
        sc = _scenario(doc, raw, ("scenarios", i), language)
        if sc.id in seen:
            doc.fail(("scenarios", i, "id"), f"'{sc.id}' is already the id of scenarios[{seen[sc.id]}]")
        seen[sc.id] = i
        out.append(sc)
    return tuple(out)


def _scenario(doc: Doc, raw: Any, p: tuple, language: Language) -> Scenario:
    m = doc.mapping(raw, p, required=SCENARIO_KEYS, optional=("next_steps",))
    sid = doc.ident(m["id"], p + ("id",))
    guide = tuple(fact_id(doc, g, p + ("guide", i)) for i, g in enumerate(doc.seq(m["guide"], p + ("guide",), 1)))
    bm = doc.mapping(m["buyer"], p + ("buyer",), required=("name", "role", "persona"))
    buyer = Buyer(*(doc.text_(bm[k], p + ("buyer", k)) for k in ("name", "role", "persona")))
    limit = int(doc.number(m["turn_limit"], p + ("turn_limit",), 2, 50, whole=True))
    needs = _needs(doc, m["needs"], p + ("needs",))
    need_ids = [n.id for n in needs]
    objections = _objections(doc, m["objections"], p + ("objections",), need_ids, limit)
    signals = _signals(doc, m["signals"], p + ("signals",), need_ids)
    close = _close(doc, m["close"], p + ("close",), len(needs))
    examples = _examples(doc, m["examples"], p + ("examples",), limit)
    next_steps = phrases(doc, m["next_steps"], p + ("next_steps",)) if "next_steps" in m else ()
    return Scenario(sid, doc.text_(m["title"], p + ("title",)), guide, doc.text_(m["brief"], p + ("brief",)),
                    buyer, doc.text_(m["opening"], p + ("opening",)), limit, needs, objections, signals,
                    close, _lines(doc, m["lines"], p + ("lines",)), _end(doc, m["end"], p + ("end",)),
                    examples, next_steps, language, doc.name, p, doc=doc)


def _unique(doc: Doc, ids: list[str], path: tuple, what: str) -> None:
    seen: dict[str, int] = {}
    for i, x in enumerate(ids):
        if x in seen:
            doc.fail(path + (i, what), f"'{x}' is already the {what} of item {seen[x]}")
        seen[x] = i


def _needs(doc: Doc, value: Any, p: tuple) -> tuple[Need, ...]:
    out = []
    for i, raw in enumerate(doc.seq(value, p, 1)):
        q = p + (i,)
        m = doc.mapping(raw, q, required=("id", "label", "triggers", "reveal", "words"), optional=("kind",))
        kind = doc.choice(m["kind"], q + ("kind",), NEED_KINDS) if "kind" in m else "pain"
        out.append(Need(doc.ident(m["id"], q + ("id",)), doc.text_(m["label"], q + ("label",)),
                        phrases(doc, m["triggers"], q + ("triggers",)), doc.text_(m["reveal"], q + ("reveal",)),
                        phrases(doc, m["words"], q + ("words",)), kind))
    if len(out) > 6:
        doc.fail(p, f"has {len(out)} needs; a call can uncover at most 6")
    _unique(doc, [n.id for n in out], p, "id")
    return tuple(out)


def _raised(doc: Doc, value: Any, p: tuple, need_ids: list[str], limit: int) -> tuple[str, Any]:
    if isinstance(value, dict):
        if len(value) != 1:
            doc.fail(p, f"must be one of: {RAISED_SHOWN}")
        (key, arg), = value.items()
        doc.choice(key, p + (key,), RAISED_WITH)
        if key == "turn":
            return key, int(doc.number(arg, p + (key,), 1, limit, whole=True))
        doc.text_(arg, p + (key,))
        if arg not in need_ids:
            doc.fail(p + (key,), f"'{arg}' is not a need of this scenario; needs: {', '.join(need_ids)}"
                     f"{did_you_mean_sorted(arg, need_ids)}")
        return key, arg
    if not isinstance(value, str) or value not in RAISED_PLAIN:
        hint = did_you_mean_sorted(value, RAISED_PLAIN + RAISED_WITH) if isinstance(value, str) else ""
        doc.fail(p, f"'{value}' is not allowed; allowed: {RAISED_SHOWN}{hint}")
    return value, None


def _objections(doc: Doc, value: Any, p: tuple, need_ids: list[str], limit: int) -> tuple[Objection, ...]:
    out = []
    keys = ("id", "label", "raised_when", "says", "words", "softened_by", "needed", "softened", "argued")
    for i, raw in enumerate(doc.seq(value, p, 1)):
        q = p + (i,)
        m = doc.mapping(raw, q, required=keys, optional=("blocks", "again"))
        when, param = _raised(doc, m["raised_when"], q + ("raised_when",), need_ids, limit)
        moves = doc.seq(m["softened_by"], q + ("softened_by",), 1)
        for k, mv in enumerate(moves):
            doc.choice(mv, q + ("softened_by", k), MOVES)
        if len(set(moves)) != len(moves):
            doc.fail(q + ("softened_by",), "lists a move twice")
        needed = int(doc.number(m["needed"], q + ("needed",), 1, len(moves), whole=True))
        out.append(Objection(doc.ident(m["id"], q + ("id",)), doc.text_(m["label"], q + ("label",)), when,
                             param, doc.text_(m["says"], q + ("says",)), phrases(doc, m["words"], q + ("words",)),
                             tuple(moves), needed, doc.text_(m["softened"], q + ("softened",)),
                             doc.text_(m["argued"], q + ("argued",)),
                             doc.typed(m.get("blocks", False), q + ("blocks",), bool),
                             tuple(doc.strings(m["again"], q + ("again",))) if "again" in m else ()))
    if len(out) > 5:
        doc.fail(p, f"has {len(out)} objections; at most 5")
    _unique(doc, [o.id for o in out], p, "id")
    return tuple(out)


def _signals(doc: Doc, value: Any, p: tuple, need_ids: list[str]) -> tuple[Signal, ...]:
    out = []
    for i, raw in enumerate(doc.seq(value, p, 1)):
        q = p + (i,)
        m = doc.mapping(raw, q, required=("says",), optional=("need", "states"))
        need = m.get("need")
        if need is not None:
            _need_id(doc, need, q + ("need",), need_ids)
        states = tuple(doc.strings(m["states"], q + ("states",))) if "states" in m else ()
        for j, nid in enumerate(states):
            _need_id(doc, nid, q + ("states", j), need_ids)
            if nid == need or nid in states[:j]:
                why = "the signal's own need (need:)" if nid == need else "listed twice"
                doc.fail(q + ("states", j), f"'{nid}' is {why}")
        out.append(Signal(doc.text_(m["says"], q + ("says",)), need, states))
    return tuple(out)


def _need_id(doc: Doc, value: Any, path: tuple, need_ids: list[str]) -> None:
    if not isinstance(value, str) or value not in need_ids:
        doc.fail(path, f"'{value}' is not a need of this scenario; needs: {', '.join(need_ids)}"
                 f"{did_you_mean_sorted(str(value), need_ids)}")


def _close(doc: Doc, value: Any, p: tuple, n_needs: int) -> Close:
    m = doc.mapping(value, p, required=("needs_uncovered", "agree", "not_yet", "vague"), optional=("value_tied",))
    needs = int(doc.number(m["needs_uncovered"], p + ("needs_uncovered",), 0, n_needs, whole=True))
    tied = int(doc.number(m.get("value_tied", 0), p + ("value_tied",), 0, n_needs, whole=True))
    return Close(needs, tied, *(doc.text_(m[k], p + (k,)) for k in ("agree", "not_yet", "vague")))


def _lines(doc: Doc, value: Any, p: tuple) -> dict[str, Any]:
    m = doc.mapping(value, p, required=LINE_LISTS + ("pressured",))
    out: dict[str, Any] = {k: tuple(doc.strings(m[k], p + (k,), 1)) for k in LINE_LISTS}
    out["pressured"] = doc.text_(m["pressured"], p + ("pressured",))
    return out


def _end(doc: Doc, value: Any, p: tuple) -> dict[str, str]:
    m = doc.mapping(value, p, required=("turn_limit", "pushed"))
    return {k: doc.text_(m[k], p + (k,)) for k in ("turn_limit", "pushed")}


def _examples(doc: Doc, value: Any, p: tuple, limit: int) -> tuple[Example, ...]:
    out = []
    for i, raw in enumerate(doc.seq(value, p, 1)):
        q = p + (i,)
        m = doc.mapping(raw, q, required=("name", "expect", "turns"))
        em = doc.mapping(m["expect"], q + ("expect",), required=("closes",), optional=("min_score", "max_score"))
        closes = doc.typed(em["closes"], q + ("expect", "closes"), bool)
        lo, hi = (int(doc.number(em[k], q + ("expect", k), 0, 100, whole=True)) if k in em else None
                  for k in ("min_score", "max_score"))
        if lo is not None and hi is not None and lo > hi:
            doc.fail(q + ("expect", "max_score"), f"must be at least min_score ({lo})")
        turns = doc.strings(m["turns"], q + ("turns",), 1)
        if len(turns) > limit:
            doc.fail(q + ("turns",), f"has {len(turns)} turns; the call ends at turn_limit ({limit})")
        out.append(Example(doc.ident(m["name"], q + ("name",)), tuple(turns), closes, lo, hi, q))
    _unique(doc, [e.name for e in out], p, "name")
    return tuple(out)
