"""The call's score: six dimensions (0-100) with evidence, red flags, feedback for next time.

Every number comes from the ``score`` section of the language's file (weights, points, the cap);
every word from its ``messages``. Each :class:`Mark` records the dimension, the turn, the
candidate's words (and the buyer's, for listening), the guide fact and a short message; the
feedback names the turn it refers to. docs/roleplay.md describes each dimension.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Any

from mockint.core.data.errors import MockintError
from mockint.core.roleplay.buyer import AGREED
from mockint.core.roleplay.language import DIMENSIONS, FEEDBACK_KEYS, TURNLESS, Language
from mockint.core.roleplay.reading import Ev

RESULT_FORMAT = 1
RED = "red_flags"


@dataclass(frozen=True)
class Mark:
    dimension: str
    turn: int | None
    good: bool
    key: str                          # messages.marks.<key>
    message: str
    guide: str
    quote: str = ""                   # the candidate's words, as typed
    span: tuple[int, int] | None = None      # offsets into that turn
    buyer_quote: str = ""             # listening: the buyer's word
    buyer_turn: int | None = None     # the buyer's reply it is in (to that candidate turn)
    buyer_span: tuple[int, int] | None = None   # offsets into that reply's text
    params: dict = field(default_factory=dict, compare=False)

    def to_dict(self) -> dict[str, Any]:
        out: dict[str, Any] = {"dimension": self.dimension, "turn": self.turn, "good": self.good, "key": self.key,
                               "message": self.message, "guide": self.guide, "quote": self.quote,
                               "span": list(self.span) if self.span else None}
        if self.buyer_quote:
            out.update(buyer_quote=self.buyer_quote, buyer_turn=self.buyer_turn,
                       buyer_span=list(self.buyer_span) if self.buyer_span else None)
        out["params"] = dict(self.params)
        return out

    @classmethod
    def from_dict(cls, d: dict) -> Mark:
        return cls(d["dimension"], d["turn"], bool(d["good"]), d["key"], d["message"], d["guide"],
                   d.get("quote", ""), _pair(d.get("span")), d.get("buyer_quote", ""), d.get("buyer_turn"),
                   _pair(d.get("buyer_span")), dict(d.get("params") or {}))


def _pair(v) -> tuple[int, int] | None:
    return (int(v[0]), int(v[1])) if v else None


@dataclass(frozen=True)
class Feedback:
    turn: int | None
    dimension: str
    key: str
    text: str
    guide: str

    def to_dict(self) -> dict[str, Any]:
        return {"turn": self.turn, "dimension": self.dimension, "key": self.key, "text": self.text,
                "guide": self.guide}


@dataclass
class CallResult:
    """A finished (or stopped) call: the dialogue, the score and its evidence. ``to_dict`` /
    ``from_dict`` round-trip it through JSON for the history."""
    scenario: str
    lang: str
    title: str
    brief: str
    guide: list[str]                         # the guide facts the scenario practises
    buyer: dict[str, str]
    opening: list[dict]                      # [{"kind", "text", "ref"}]
    turns: list[dict]                        # [{"turn", "candidate", "buyer": [{"kind", "text", "ref"}]}]
    outcome: str                             # agreed | pushed | turn_limit | open
    end_turn: int
    dimensions: dict[str, int | None]        # None: not applicable (no objection raised)
    weights: dict[str, float]
    overall: int
    cap: dict | None                         # {"cap": 29, "reason": "..."} when red flags capped it
    marks: list[Mark]
    feedback: list[Feedback]
    needs_found: list[dict]                  # [{"id", "label", "turn"}]
    needs_missed: list[dict]                 # [{"id", "label"}]
    objections: list[dict]                   # [{"id", "label", "raised", "handled"}]

    @property
    def agreed(self) -> bool:
        return self.outcome == AGREED

    def to_dict(self) -> dict[str, Any]:
        return {"format": RESULT_FORMAT, "scenario": self.scenario, "lang": self.lang, "title": self.title,
                "brief": self.brief, "guide": list(self.guide), "buyer": dict(self.buyer),
                "opening": list(self.opening), "turns": list(self.turns), "outcome": self.outcome,
                "end_turn": self.end_turn, "overall": self.overall, "dimensions": dict(self.dimensions),
                "weights": dict(self.weights),
                "cap": self.cap, "needs_found": list(self.needs_found), "needs_missed": list(self.needs_missed),
                "objections": list(self.objections), "marks": [m.to_dict() for m in self.marks],
                "feedback": [f.to_dict() for f in self.feedback]}

    @classmethod
    def from_dict(cls, d: dict) -> CallResult:
        if not isinstance(d, dict) or d.get("format") != RESULT_FORMAT:
            raise MockintError(f"not a stored role-play call (format {RESULT_FORMAT} expected)")
        try:
            return cls(d["scenario"], d["lang"], d["title"], d["brief"], list(d["guide"]), dict(d["buyer"]),
                       list(d["opening"]),
                       list(d["turns"]), d["outcome"], int(d["end_turn"]), dict(d["dimensions"]),
                       dict(d["weights"]), int(d["overall"]), d["cap"], [Mark.from_dict(m) for m in d["marks"]],
                       [Feedback(**f) for f in d["feedback"]], list(d["needs_found"]), list(d["needs_missed"]),
                       list(d["objections"]))
        except (KeyError, TypeError, ValueError, IndexError) as exc:
            raise MockintError(f"a stored role-play call is damaged ({type(exc).__name__}: {exc})") from None


class _Marks:
    """Collects marks, their messages made from the language's templates."""

    def __init__(self, language: Language):
        self.language = language
        self.items: list[Mark] = []

    def add(self, dim: str, turn: int | None, good: bool, key: str, ev: Ev | None = None,
            guide: str | None = None, **params: Any) -> None:
        lang = self.language
        quote, span = (ev.text, (ev.start, ev.end)) if ev is not None else ("", None)
        buyer_quote, buyer_turn, buyer_span = params.pop("_buyer", None) or ("", None, None)
        msg = lang.msg("marks", key, **params)
        self.items.append(Mark(dim, turn, good, key, msg, guide or lang.guide[dim], quote, span,
                               buyer_quote, buyer_turn, buyer_span, params=params))


def _clamp(x: float) -> int:
    return max(0, min(100, int(x + 0.5)))


def score_call(call) -> CallResult:
    sc, st = call.scenario, call.state
    language = sc.language
    marks = _Marks(language)
    dims = {"listening": _listening(call, marks), "balance": _balance(call, marks),
            "objections": _objections(call, marks), "value": _value(call, marks), "close": _close(call, marks)}
    dims = {"discovery": _discovery(call, marks), **dims}     # last: a missed need's turn looks at the others' marks
    cap = _red_flags(call, marks)
    w = language.weights
    used = [d for d in DIMENSIONS if dims[d] is not None and w[d] > 0]
    total = sum(w[d] for d in used)
    overall = _clamp(sum(w[d] * dims[d] for d in used) / total) if total else 0
    if cap is not None:
        overall = min(overall, int(cap["cap"]))
    feedback = _feedback(language, marks.items, dims)
    found = [{"id": n, "label": sc.need(n).label, "turn": t} for n, (t, _) in st.revealed.items()]
    missed = [{"id": n.id, "label": n.label} for n in sc.needs if n.id not in st.revealed]
    objs = [{"id": o.id, "label": o.label, "raised": st.objections[o.id].raised,
             "handled": st.objections[o.id].handled} for o in sc.objections]
    buyer = {"name": sc.buyer.name, "role": sc.buyer.role}
    return CallResult(sc.id, sc.lang, sc.title, sc.brief, list(sc.guide), buyer,
                      [_part(p) for p in call.opening_parts], _turns(call), st.outcome or "open", st.turn,
                      dims, {d: w[d] for d in DIMENSIONS}, overall, cap, by_turn(marks.items), feedback, found,
                      missed, objs)


def _part(p) -> dict:
    return {"kind": p.kind, "text": p.text, "ref": p.ref}


def _turns(call) -> list[dict]:
    return [{"turn": x.reply.turn, "candidate": x.text, "buyer": [_part(p) for p in x.reply.parts]}
            for x in call.exchanges]


def _told(call, marks: _Marks) -> int | None:
    """The turn a need never uncovered refers to: the first that told instead of asking (no
    question about the buyer, no ask for a next step, and no ✓ but for listening); None when every
    turn asked or did something right (the advice then names no turn)."""
    right = {m.turn for m in marks.items if m.good and m.dimension != "listening"}
    for x in call.exchanges:
        r = x.reading
        if x.reply.turn not in right and r.ask is None and all(q.ref == "ask" for q in r.questions):
            return x.reply.turn
    return None


def _discovery(call, marks: _Marks) -> int:
    sc, st = call.scenario, call.state
    p = sc.language.parts["discovery"]
    qs = [(x.reply.turn, q) for x in call.exchanges for q in x.reading.questions
          if q.ref != "ask" and (x.reading.ask is None or q.start != x.reading.ask.start)]   # the ask is not discovery
    for t, q in qs:
        marks.add("discovery", t, q.kind == "open", f"{q.kind}_question", q)
    for nid, (t, e) in st.revealed.items():
        key = "need_stated" if nid in st.stated else "need_uncovered"      # stated: by a buying signal
        marks.add("discovery", t, True, key, e, need=sc.need(nid).label)
    for n in sc.needs:
        if n.id not in st.revealed:
            marks.add("discovery", _told(call, marks), False, "need_missed", need=n.label)
    asks = [(x.reply.turn, q) for x in call.exchanges for q in x.reading.questions]
    if not qs and asks:         # no question about the buyer, only the ask ("Can you sign the renewal today?")
        marks.add("discovery", asks[0][0], False, "only_ask", asks[0][1])
    elif not qs:
        marks.add("discovery", 1, False, "no_questions")
    if st.pitch_first:
        t, e = st.pitch_first[0]
        marks.add("discovery", t, False, "pitch_first", e)
    opened = sum(1 for _, q in qs if q.kind == "open")
    pts = p["needs"] * len(st.revealed) / len(sc.needs)
    pts += p["open_questions"] * opened / len(qs) if qs else 0
    return _clamp(pts + (p["pitch_first"] if st.pitch_first else 0))


def _buyer_offset(call, turn: int, part: int) -> int:
    parts = call.exchanges[turn - 1].reply.parts if turn else call.opening_parts
    return sum(len(p.text) + 1 for p in parts[:part])


def _listening(call, marks: _Marks) -> int:
    p = call.scenario.language.parts["listening"]
    pts = 0.0
    for x in call.exchanges:
        for rf in x.reading.reflections:
            b = rf.buyer
            off = _buyer_offset(call, b.turn, b.part)
            pts += p["need_word"] if rf.key else p["other_word"]
            marks.add("listening", x.reply.turn, True, "reflected", rf.candidate, buyer=b.word,
                      buyer_turn=b.turn, _buyer=(b.word, b.turn, (off + b.start, off + b.end)))
    if not pts:
        said = [x.reply.turn for x in call.exchanges
                if any(p.kind in ("reveal", "objection", "softened") for p in x.reply.parts)]
        turn = min(said[0] + 1, call.state.turn) if said else call.state.turn or 1
        marks.add("listening", turn, False, "no_reflection")      # the first turn that could have
    return _clamp(100 * pts / p["target"])


def _balance(call, marks: _Marks) -> int | None:
    """The mean of the turns' scores. The turns over ``full_up_to`` words are marked only when they
    cost the dimension as shown (under 100): one 61-word turn among five leaves it at 100."""
    p = call.scenario.language.parts["balance"]
    if not call.exchanges:
        return None
    scores = []
    for x in call.exchanges:
        n = x.reading.words
        scores.append(100.0 if n <= p["full_up_to"] else
                      max(0.0, 100 * (p["zero_at"] - n) / (p["zero_at"] - p["full_up_to"])))
    dim = _clamp(sum(scores) / len(scores))
    for x in call.exchanges if dim < 100 else ():
        if x.reading.words > p["full_up_to"]:
            text = x.text.strip()
            start = x.text.find(text)
            marks.add("balance", x.reply.turn, False, "monologue", Ev("monologue", start, start + len(text), text),
                      words=x.reading.words)
    return dim


def _objections(call, marks: _Marks) -> int | None:
    sc, st = call.scenario, call.state
    p = sc.language.parts["objections"]
    per = []
    for o in sc.objections:
        os = st.objections[o.id]
        if os.raised is None or os.raised >= st.turn:       # raised in the call's last reply: never answerable
            continue
        pts = 0.0
        for move, key, part in (("acknowledge", "acknowledged", "acknowledge"), ("clarify", "explored", "clarify")):
            if move in os.moves:
                t, e = os.moves[move]
                pts += p[part]
                marks.add("objections", t, True, key, e, objection=o.label)
        answer = os.moves.get("value") or os.moves.get("proof")
        if answer is not None:
            pts += p["answer"]
            marks.add("objections", answer[0], True, "answered", answer[1], objection=o.label)
        for t, e in os.argued:
            pts += p["argued"]
            marks.add("objections", t, False, "argued", e, objection=o.label)
        if os.handled is not None:
            marks.add("objections", os.handled, True, "softened", objection=o.label)
        else:
            marks.add("objections", os.raised + 1, False, "unhandled", objection=o.label)   # the first turn after it
        per.append(_clamp(pts))
    return _clamp(sum(per) / len(per)) if per else None


def _value(call, marks: _Marks) -> int:
    sc, st = call.scenario, call.state
    p = sc.language.parts["value"]
    # the pains uncovered; not one a buying signal stated (the buyer said its value himself)
    pains = [nid for nid in st.revealed if sc.need(nid).kind == "pain" and nid not in st.stated]
    for nid in pains:
        t = st.revealed[nid][0]
        if nid in st.tied:
            tt, e = st.tied[nid][0]
            marks.add("value", tt, True, "value_tied", e, need=sc.need(nid).label)
        else:
            marks.add("value", min(t + 1, st.turn), False, "value_missed", need=sc.need(nid).label)
    first = min((t for t, _ in st.revealed.values()), default=None)
    proof = next(((x.reply.turn, e) for x in call.exchanges if first is not None and x.reply.turn > first
                  for e in x.reading.cues["proof"]), None)
    if proof is not None:
        marks.add("value", proof[0], True, "proof", proof[1], guide=sc.language.guide["proof"])
    pts = p["tied"] * len([n for n in st.tied if n in pains]) / len(pains) if pains else 0
    return _clamp(pts + (p["proof"] if proof is not None else 0))


def _close(call, marks: _Marks) -> int:
    sc, st = call.scenario, call.state
    p = sc.language.parts["close"]
    first = min((t for t, _ in st.revealed.values()), default=None)
    valid = [(t, e, v) for t, e, v in st.asks if first is not None and t > first]
    for t, e, verdict in st.asks:
        if (t, e, verdict) not in valid:
            marks.add("close", t, False, "asked_too_soon", e)
        elif verdict == AGREED:
            marks.add("close", t, True, "agreed", e)
        elif verdict == "vague":
            marks.add("close", t, False, "asked_vague", e)
        elif (o := _open_at(call, t)) is not None:       # what stood in the way, named as the marks name it
            marks.add("close", t, False, "not_agreed_open", e, objection=o.label)
        else:
            marks.add("close", t, False, "not_agreed", e)
    if not st.asks:
        marks.add("close", st.turn or 1, False, "no_ask")
    elif valid and all(e.ref == "vague" for _, e, _ in valid):
        marks.add("close", valid[-1][0], False, "asked_vague", valid[-1][1])
    pts = (p["asked"] if valid else 0) + (p["specific"] if any(e.ref == "specific" for _, e, _ in valid) else 0)
    return _clamp(pts + (p["agreed"] if st.outcome == AGREED else 0))


def _open_at(call, turn: int):
    """The first objection open when the candidate asked at ``turn`` (raised in a reply before it,
    not softened by then), if any: one raised in the reply to that turn (by the ask itself, or at
    that turn) did not exist when the candidate asked."""
    sc, st = call.scenario, call.state
    for o in sc.objections:
        os = st.objections[o.id]
        if os.raised is not None and os.raised < turn and (os.handled is None or os.handled > turn):
            return o
    return None


def _red_flags(call, marks: _Marks) -> dict | None:
    st, language = call.state, call.scenario.language
    reasons = []
    for key, items in (("pressure", st.pressure), ("dishonesty", st.dishonesty)):
        for t, e in items:
            marks.add(RED, t, False, key, e)
            reasons.append(f"{language.msg('marks', key)} “{e.text}” ({language.msg('labels', 'turn', n=t)})")
    if not reasons:
        return None
    return {"cap": int(language.parts[RED]["cap"]), "reason": "; ".join(reasons)}


def _feedback(language: Language, items: list[Mark], dims: dict[str, int | None]) -> list[Feedback]:
    """What to do next time: one point per dimension, from the dimensions that lost the most
    weighted points (red flags first), each naming its turn."""
    w = language.weights

    def lost(m: Mark) -> float:
        if m.dimension == RED:
            return float("inf")
        return w[m.dimension] * (100 - (dims[m.dimension] or 0))
    bad = [m for m in items if not m.good and m.key in FEEDBACK_KEYS]
    opened = sum(1 for m in items if m.key == "open_question")
    if opened >= sum(1 for m in items if m.key == "closed_question"):
        bad = [m for m in bad if m.key != "closed_question"]
    bad.sort(key=lambda m: (-lost(m), FEEDBACK_KEYS.index(m.key), m.turn or 0))
    out, seen = [], set()
    for m in bad:
        if m.dimension in seen or (m.dimension != RED and lost(m) <= 0):
            continue
        seen.add(m.dimension)
        key = m.key if m.turn is not None else TURNLESS[m.key]      # advice on the whole call
        text = language.msg("feedback", key, turn=m.turn, **m.params)
        out.append(Feedback(m.turn, m.dimension, m.key, text, m.guide))
        if len(out) >= language.feedback_items:
            break
    return out


_ORDER = {d: i for i, d in enumerate(DIMENSIONS + (RED,))}


def by_turn(items: list[Mark]) -> list[Mark]:
    """Marks turn by turn (marks of the whole call last), dimensions in their order."""
    return sorted(items, key=lambda m: (m.turn is None, m.turn or 0, _ORDER[m.dimension]))
