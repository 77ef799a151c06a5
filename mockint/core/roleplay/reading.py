"""Reading one candidate turn: what was asked, pitched, acknowledged, offered, asked for.

The lexicon's lists are compiled once per language (:class:`Cues`) and a scenario's triggers and
key words once per scenario (:class:`ScenarioCues`), as :class:`mockint.core.scoring.matching.PhraseSet`
(Snowball stems, words in any order within a small window; triggers and key words also match
typos). :func:`read_turn` returns a :class:`Reading`: every fact with its words' offsets in the
turn as typed. The buyer (``buyer.py``) decides from it; the score (``score.py``) quotes it.
"""

from __future__ import annotations

from dataclasses import dataclass, field

from mockint.core.roleplay.sentences import CUE_SETS, Sentence, cues_of, sentence_of, split
from mockint.core.scoring.matching import NUMBER, Fuzzy, Hit, Lexicon, PhraseSet, closest
from mockint.core.scoring.text import Analysed, analyse, phrase_tokens, stem_words


@dataclass(frozen=True)
class Ev:
    """One fact in a turn: its kind, the words that show it (offsets into the turn as typed), and
    what it refers to (a need or objection id, a cue phrase)."""
    kind: str
    start: int
    end: int
    text: str
    ref: str = ""


@dataclass(frozen=True)
class BuyerWord:
    word: str          # as the buyer said it
    stem: str
    turn: int          # the buyer's reply to this candidate turn
    part: int          # which part of that reply
    start: int         # offsets into that part's text
    end: int


@dataclass(frozen=True)
class Reflection:
    candidate: Ev
    buyer: BuyerWord
    key: bool          # one of a need's key words


@dataclass
class Reading:
    text: str
    words: int
    stems: list[str] = field(default_factory=list)
    questions: list[Ev] = field(default_factory=list)       # kind "open" / "closed"; ref "ask": part of the ask
    probes: list[tuple[int, Ev]] = field(default_factory=list)   # (trigger size, Ev ref=need id)
    pitch: list[Ev] = field(default_factory=list)
    long_statement: bool = False
    cues: dict[str, list[Ev]] = field(default_factory=dict)      # CUE_SETS kinds, as found
    clarify: dict[str, Ev] = field(default_factory=dict)         # objection id -> its question
    value: list[Ev] = field(default_factory=list)                # ref = need id
    ask: Ev | None = None                                        # ref "specific" | "vague"
    reflections: list[Reflection] = field(default_factory=list)

    def has(self, kind: str) -> bool:
        return bool(self.cues.get(kind))

    def first(self, kind: str) -> Ev | None:
        got = self.cues.get(kind)
        return got[0] if got else None

    @property
    def pitched(self) -> bool:
        return bool(self.pitch) or self.long_statement


class ScenarioCues:
    """A scenario's triggers and key words, compiled (typos of them match too)."""

    def __init__(self, sc):
        language = sc.language
        cues = cues_of(language)
        lang, th = language.lang, language.thresholds
        texts = [sc.title, sc.brief, sc.opening] + [p for ps in language.cues.values() for p in ps]
        for n in sc.needs:
            texts += [n.reveal, n.label, *n.triggers, *n.words]
        for o in sc.objections:
            texts += [o.says, *o.words]
        known = {w for t in texts for w in phrase_tokens(t)}
        targets = {w for n in sc.needs for p in n.triggers + n.words for w in phrase_tokens(p)}
        targets |= {w for o in sc.objections for p in o.words for w in phrase_tokens(p)}
        min_len = int(th["typo_min_length"])
        fuzzy = Fuzzy("ratio", min_len, ((min_len, th["typo_cutoff"]),))
        lex = Lexicon(lang, known, {t for t in targets if len(t) >= min_len and t.isalpha()})

        def ps(items, window):
            return PhraseSet(list(items), lang, window=window, fuzzy=fuzzy, lexicon=lex)
        tw, cw = int(th["trigger_window"]), int(th["cue_window"])
        self.triggers = {n.id: ps(n.triggers, tw) for n in sc.needs}
        self.size = {p: len(phrase_tokens(p)) for n in sc.needs for p in n.triggers}
        self.need_words = {n.id: ps(n.words, cw) for n in sc.needs}
        self.objection_words = {o.id: ps(o.words, cw) for o in sc.objections}
        self.next_step = PhraseSet(list(language.cues["next_step"]) + list(sc.next_steps), lang,
                                   window=cw, fuzzy=None)
        self.key_stems = set(stem_words([w for n in sc.needs for p in n.words for w in phrase_tokens(p)], lang))
        self.own_stems = self.key_stems | set(stem_words(       # of the opening's words, those that count
            [w for o in sc.objections for p in o.words for w in phrase_tokens(p)], lang))
        topic = [w for t in (sc.title, sc.brief) for w in phrase_tokens(t)]
        self.topic = set(stem_words(topic, lang)) | cues.stop
        self.brief_numbers = {w for w in topic if w[:1].isdigit()}


def scenario_cues(sc) -> ScenarioCues:
    if sc.compiled is None:
        sc.compiled = ScenarioCues(sc)
    return sc.compiled


class BuyerWords:
    """The content words the buyer has said so far, for reflection: of the replies, and of the
    opening only the scenario's own words (a need's or an objection's: "a quote from a cheaper
    provider" is what the buyer came to say; "good morning, Jo speaking" is not)."""

    def __init__(self):
        self.by_stem: dict[str, BuyerWord] = {}
        self.words: list[str] = []          # folded, for fuzzy look-ups
        self.entries: list[BuyerWord] = []
        self.numbers: set[str] = set()      # figures the buyer gave (repeating them is not proof)

    def add(self, text: str, turn: int, part: int, sc) -> None:
        """A part of the buyer's reply to candidate turn ``turn`` (0: the opening)."""
        a = analyse(text, sc.lang)
        sccues = scenario_cues(sc)
        min_len = int(sc.language.th("reflect_min_length"))
        self.numbers.update(w for w in a.words if w[:1].isdigit())
        for w, st, s, e in zip(a.words, a.stems, a.token_starts, a.token_ends):
            if st in self.by_stem or len(w) < min_len or not w.isalpha() or st in sccues.topic \
                    or w in sccues.topic or (turn == 0 and st not in sccues.own_stems):
                continue
            os, oe = a.span(s, e)
            bw = BuyerWord(text[os:oe], st, turn, part, os, oe)
            self.by_stem[st] = bw
            self.words.append(w)
            self.entries.append(bw)


@dataclass
class Context:
    """What the reading of a turn needs to know about the call so far."""
    revealed: set[str]
    open_objections: list[str]
    buyer: BuyerWords
    said_first: dict[str, int]          # candidate stem -> turn it was first used
    reflected: set[str]                 # buyer stems already reflected
    turn: int
    latest: list[str] | None = None     # the open objections raised last (None: all of them)


def ev(a: Analysed, kind: str, fstart: int, fend: int, ref: str = "") -> Ev:
    s, e = a.span(fstart, fend)
    return Ev(kind, s, e, a.original[s:e], ref)


def read_turn(text: str, sc, ctx: Context) -> Reading:
    a = analyse(text, sc.lang)
    cues, sccues = cues_of(sc.language), scenario_cues(sc)
    sents = split(a, cues)
    r = Reading(text, len(a.words), a.stems)
    hits = {k: cues.sets[k].find(a) for k in CUE_SETS}
    # "So if I understand, late trucks cost you…" sums up what they said: no acknowledgement
    hits["acknowledge"] = [h for h in hits["acknowledge"]
                           if not any(r.first <= h.first and h.last <= r.last for r in hits["recap"])]
    hits["next_step"] = sccues.next_step.find(a)
    asked = _ask(a, sents, hits)
    known = ctx.buyer.numbers | sccues.brief_numbers     # the buyer's own figures are not proof,
    hits["proof"] = _proof(a, sents, hits, known, asked[0] if asked else None,    # nor the time of a meeting
                           int(sc.language.th("result_window")))
    for k in CUE_SETS:
        r.cues[k] = [ev(a, k, h.start, h.end, h.phrase) for h in hits[k]]
    closing = _closing(sents, hits, asked is not None)
    r.questions = [ev(a, s.question, s.start, s.end, "ask" if id(s) in closing else "") for s in sents if s.question]
    r.pitch = [ev(a, "pitch", h.start, h.end, h.phrase) for h in hits["pitch"]
               if (s := sentence_of(sents, h)) is not None and not s.question]
    r.long_statement = not r.questions and r.words >= sc.language.th("long_statement_words")
    r.ask = asked[1] if asked else None
    others = [s for s in sents if asked is None or s is not asked[0]]      # the ask explores nothing
    probing = _probes(a, sc, others, r)
    _clarify(a, sc, ctx, others, hits, r, probing)
    _value(a, sc, ctx, sents, hits, r)
    r.reflections = _reflections(a, sc, ctx)
    return r


def _proof(a: Analysed, sents: list[Sentence], hits: dict, known: set[str], ask: Sentence | None,
           window: int) -> list[Hit]:
    """Proof: a ``proof`` phrase (a customer story, a case study, a reference), or a ``figure``
    with the ``result`` it measures, within ``window`` words in one sentence ("cut late deliveries
    30 %": the hit spans both). A figure alone is no proof ("30", "we have 30 clients"), nor one
    the buyer or the brief gave, nor one in the ask ("Thursday at 10")."""
    spans: list[list[int]] = []
    for h in hits["figure"]:
        s = sentence_of(sents, h)
        near = h.first if h.phrase.strip() == NUMBER else max(h.first - 1, 0)      # "9 percent": the 9
        if s is None or s is ask or any(w in known for w in a.words[near:h.last + 1] if w[:1].isdigit()):
            continue
        res = [r for r in hits["result"] if sentence_of(sents, r) is s and _gap(r, h) <= window]
        if res:
            r = min(res, key=lambda r: (_gap(r, h), r.first))
            spans.append([min(r.first, h.first), max(r.last, h.last)])
    merged: list[list[int]] = []
    for first, last in sorted(spans):          # "dropped from 11% to 5%", "35 percent faster": one each
        if merged and first <= merged[-1][1]:
            merged[-1][1] = max(merged[-1][1], last)
        else:
            merged.append([first, last])
    out = list(hits["proof"]) + [Hit(a.token_starts[f], _percent(a, a.token_ends[t]), NUMBER, f, t) for f, t in merged]
    return sorted(out, key=lambda h: (h.first, h.last))


def _percent(a: Analysed, end: int) -> int:
    """The end of a figure with its "%" ("30 %", "30%": the sign is no word, the quote keeps it)."""
    got = a.folded[end:end + 2]
    return end + 2 if got == " %" else end + 1 if got[:1] == "%" else end


def _gap(x: Hit, y: Hit) -> int:
    """The words between two hits (0 when they touch or overlap)."""
    return max(0, y.first - x.last - 1, x.first - y.last - 1)


def _probes(a: Analysed, sc, sents: list[Sentence], r: Reading) -> set[int]:
    """The needs the turn's questions probe (a need's trigger in a question). Returns the questions
    (``id``s) that probe a ``fact`` need: they ask for information (who decides, when), not about
    an objection; a pain probed may be what is behind one ("what has changed since…?")."""
    sccues = scenario_cues(sc)
    probing = set()
    for need in sc.needs:
        for h in sccues.triggers[need.id].find(a):
            s = sentence_of(sents, h)
            if s is not None and s.question:
                r.probes.append((sccues.size.get(h.phrase, 1), ev(a, "probe", h.start, h.end, need.id)))
                if need.kind == "fact":
                    probing.add(id(s))
    return probing


def _clarify(a: Analysed, sc, ctx: Context, sents: list[Sentence], hits: dict, r: Reading, facts: set[int]) -> None:
    """Per open objection, the first question that explores it: one with the objection's words; or
    an open question or a clarifying cue in a turn about it. A turn that speaks of open objections
    (their words) is about those and the one raised last, not an older one it does not name
    ("Understood, the budget is closed. What would the gap be worth?" does not explore "we tried a
    tool"); a turn that names none is about every open one. An open question for a fact (``facts``)
    is about that fact: "who else would be involved in the decision?" explores no objection."""
    sccues = scenario_cues(sc)
    cue_sents = {id(s) for h in hits["clarify"] if (s := sentence_of(sents, h)) is not None}
    found = {oid: sccues.objection_words[oid].find(a) for oid in ctx.open_objections}
    named = {oid for oid, hs in found.items() if hs}
    about = named | set(ctx.open_objections if ctx.latest is None else ctx.latest) if named \
        else set(ctx.open_objections)
    for oid in ctx.open_objections:
        word_sents = {id(s) for h in found[oid] if (s := sentence_of(sents, h)) is not None}
        for s in sents:
            generic = oid in about and ((s.question == "open" and id(s) not in facts) or id(s) in cue_sents)
            if s.question and (generic or id(s) in word_sents):
                r.clarify[oid] = ev(a, "clarify", s.start, s.end, oid)
                break


def _value(a: Analysed, sc, ctx: Context, sents: list[Sentence], hits: dict, r: Reading) -> None:
    """A need's key words in a sentence that talks about the offer (a pitch or benefit cue), once
    the buyer has stated that need."""
    sccues = scenario_cues(sc)
    offer = {id(s) for k in ("pitch", "benefit") for h in hits[k] if (s := sentence_of(sents, h)) is not None}
    for need in sc.needs:
        if need.id not in ctx.revealed or need.kind != "pain":
            continue
        for h in sccues.need_words[need.id].find(a):
            s = sentence_of(sents, h)
            if s is not None and id(s) in offer:
                r.value.append(ev(a, "value", h.start, h.end, need.id))
                break


def _ask(a: Analysed, sents: list[Sentence], hits: dict) -> tuple[Sentence, Ev] | None:
    """The turn's clearest ask: a sentence asking for a next step. Specific (a meeting, a demo, a
    day...) beats vague (a commitment with no next step named); the first of equals wins."""
    def where(kind):
        return {id(s) for h in hits[kind] if (s := sentence_of(sents, h)) is not None}
    ask, event, time, vague = where("ask"), where("next_step"), where("time"), where("close_vague")
    best: tuple[Sentence, Ev] | None = None
    for s in sents:
        k = id(s)
        specific = k in event or k in time
        is_ask = (k in ask and (specific or k in vague)) or \
            (s.question is not None and ((k in event and k in time) or k in vague))
        if not is_ask:
            continue
        found = ev(a, "ask", s.start, s.end, "specific" if specific else "vague")
        if best is None or (specific and best[1].ref == "vague"):
            best = (s, found)
    return best


def _closing(sents: list[Sentence], hits: dict, asked: bool) -> set[int]:
    """The yes/no questions that ask the buyer to agree to a step, not about their situation: one
    with a ``confirm`` phrase ("would that work?", "vă convine?"), and, in a turn that asks for a
    next step, one with an ask, next step or time phrase ("does that work?", "vă notez în calendar?")."""
    kinds = ("confirm", "ask", "next_step", "time", "close_vague") if asked else ("confirm",)
    steps = {id(s) for k in kinds for h in hits[k] if (s := sentence_of(sents, h)) is not None}
    return {id(s) for s in sents if s.question == "closed" and id(s) in steps}


def _reflections(a: Analysed, sc, ctx: Context) -> list[Reflection]:
    """The buyer's own content words used again (same stem, or a near spelling by rapidfuzz), when
    the candidate had not used them before the buyer said them. Each buyer word counts once."""
    sccues = scenario_cues(sc)
    th = sc.language.thresholds
    min_len, typo_len, cutoff = int(th["reflect_min_length"]), int(th["typo_min_length"]), th["reflect_cutoff"]
    out: list[Reflection] = []
    done = set(ctx.reflected)
    buyer = ctx.buyer
    for w, st, s, e in zip(a.words, a.stems, a.token_starts, a.token_ends):
        if len(w) < min_len or st in sccues.topic or w in sccues.topic or not w.isalpha():
            continue
        bw = buyer.by_stem.get(st)
        if bw is None and len(w) >= typo_len:
            got = closest(w, buyer.words, cutoff)
            bw = buyer.entries[got[0]] if got is not None else None
        if bw is None or bw.stem in done or ctx.said_first.get(st, ctx.turn) <= bw.turn:
            continue
        done.add(bw.stem)
        out.append(Reflection(ev(a, "reflect", s, e, bw.stem), bw, bw.stem in sccues.key_stems))
    return out
