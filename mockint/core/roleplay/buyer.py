"""The scripted buyer: its state through the call and its reply to each candidate turn.

A reply is made of up to three slots, each holding at most one line, said in this order:

1. **reaction**: the buyer ends the call if pushed too hard (pressure ``pressure_to_end`` times or
   dishonesty ``dishonesty_to_end`` times: that line alone); else an objection raised by a
   candidate's fault (pitch before discovery, close too soon: that line alone); else the warning
   after pressure; else another objection whose condition holds; else the softened line of an
   open objection now handled; else the argued line of an open objection argued with;
2. **answer** (none while a ``blocks`` objection is open): the best-probed need not yet
   revealed; else a buying signal (value tied to a stated need this turn, once per need); else
   "already said" (only revealed needs were probed, and no ask);
3. **close** (when the candidate asked for a next step): agree (the call ends); not yet (when
   only an open objection raised earlier stands in the way: that objection again; nothing
   more when the reaction has just raised it); or "what exactly?" for a
   vague ask.

When no slot has a line, an objection still open is said again (its ``says``, then its
``argued`` line, in turn; once the candidate has spoken of the offer since it was raised, its
``again`` lines or its ``argued`` line: "what is it regarding?" is not asked again) after a turn
with no question (after any turn, for a ``blocks`` one);
else a neutral line (cycled) answers: ``vague_question`` after a question, ``statement``
otherwise. At the turn limit the ``end.turn_limit`` line ends the call.
"""

from __future__ import annotations

from dataclasses import dataclass, field

from mockint.core.roleplay.reading import BuyerWords, Context, Ev, Reading, read_turn
from mockint.core.roleplay.scenario import Objection, Scenario

AGREED, PUSHED, TURN_LIMIT = "agreed", "pushed", "turn_limit"


@dataclass(frozen=True)
class ReplyPart:
    kind: str        # opening, end_pushed, objection, pressured, softened, argued, reveal, signal,
    text: str        # already_said, agree, not_yet, vague_close, objection_again, neutral, end_turn_limit
    ref: str = ""    # the need, objection or signal it comes from


@dataclass(frozen=True)
class BuyerReply:
    turn: int
    parts: tuple[ReplyPart, ...]
    ended: bool = False
    outcome: str | None = None

    @property
    def text(self) -> str:
        return " ".join(p.text for p in self.parts)


@dataclass
class ObjState:
    raised: int | None = None                 # the turn (0: the opening line)
    handled: int | None = None
    moves: dict[str, tuple[int, Ev]] = field(default_factory=dict)     # first evidence of each move
    argued: list[tuple[int, Ev]] = field(default_factory=list)

    @property
    def open(self) -> bool:
        return self.raised is not None and self.handled is None

    def raised_before(self, turn: int) -> bool:
        return self.raised is not None and self.raised < turn


@dataclass
class State:
    turn: int = 0
    revealed: dict[str, tuple[int, Ev]] = field(default_factory=dict)    # need -> (turn, question)
    stated: set[str] = field(default_factory=set)                       # needs a buying signal stated (its states:)
    tied: dict[str, list[tuple[int, Ev]]] = field(default_factory=dict)  # need -> value statements
    signals: dict[int, int] = field(default_factory=dict)               # signal index -> turn said
    objections: dict[str, ObjState] = field(default_factory=dict)
    pressure: list[tuple[int, Ev]] = field(default_factory=list)
    dishonesty: list[tuple[int, Ev]] = field(default_factory=list)
    pitch_first: list[tuple[int, Ev]] = field(default_factory=list)
    asks: list[tuple[int, Ev, str]] = field(default_factory=list)       # (turn, ask, the buyer's answer)
    price_turn: int | None = None
    offer: list[int] = field(default_factory=list)                      # turns that spoke of the offer
    used: dict[str, int] = field(default_factory=dict)                  # neutral lines said, per list
    buyer: BuyerWords = field(default_factory=BuyerWords)
    said_first: dict[str, int] = field(default_factory=dict)
    reflected: set[str] = field(default_factory=set)
    ended: bool = False
    outcome: str | None = None

    def open_objections(self) -> list[str]:
        return [oid for oid, o in self.objections.items() if o.open]


def start(sc: Scenario) -> tuple[State, tuple[ReplyPart, ...]]:
    """The state before the first turn, and the buyer's opening (with any ``opening`` objection)."""
    st = State(objections={o.id: ObjState() for o in sc.objections})
    parts = [ReplyPart("opening", sc.opening)]
    for o in sc.objections:
        if o.raised_when == "opening":
            st.objections[o.id].raised = 0
            parts.append(ReplyPart("objection", o.says, o.id))
    for i, p in enumerate(parts):
        st.buyer.add(p.text, 0, i, sc)         # only the scenario's own words (reading.BuyerWords)
    return st, tuple(parts)


def take_turn(sc: Scenario, st: State, text: str) -> tuple[Reading, BuyerReply]:
    st.turn += 1
    still = st.open_objections()
    last = max((st.objections[o].raised or 0 for o in still), default=0)
    ctx = Context(set(st.revealed), still, st.buyer, st.said_first, st.reflected, st.turn,
                  [o for o in still if st.objections[o].raised == last])
    r = read_turn(text, sc, ctx)
    _record(sc, st, r)
    parts = _reply(sc, st, r)
    if not st.ended and st.turn >= sc.turn_limit:
        parts.append(ReplyPart("end_turn_limit", sc.end["turn_limit"]))
        st.ended, st.outcome = True, TURN_LIMIT
    for i, p in enumerate(parts):
        st.buyer.add(p.text, st.turn, i, sc)
    for stem in r.stems:
        st.said_first.setdefault(stem, st.turn)
    return r, BuyerReply(st.turn, tuple(parts), st.ended, st.outcome)


def _record(sc: Scenario, st: State, r: Reading) -> None:
    """What the turn did, kept for the reply and the score."""
    t = st.turn
    st.pressure += [(t, e) for e in r.cues["pressure"]]
    st.dishonesty += [(t, e) for e in r.cues["dishonesty"]]
    if r.pitched and not st.revealed:
        st.pitch_first.append((t, r.pitch[0] if r.pitch else _whole(r)))
    if r.has("price") and st.price_turn is None:
        st.price_turn = t
    if r.pitched or r.value or any(r.has(k) for k in ("benefit", "proof", "price")):
        st.offer.append(t)                      # the candidate said what the call is about
    for e in r.value:
        st.tied.setdefault(e.ref, []).append((t, e))
    for refl in r.reflections:
        st.reflected.add(refl.buyer.stem)
    for o in sc.objections:
        os = st.objections[o.id]
        if os.raised is not None and os.raised < t:
            _moves(o, os, r, t)


def _whole(r: Reading) -> Ev:
    text = r.text.strip()
    start = r.text.find(text[:1]) if text else 0
    return Ev("pitch", start, start + len(text), text, "long_statement")


def argues(r: Reading) -> Ev | None:
    """Arguing with an open objection: an argue cue ("I understand, but..."), or pitching on
    without acknowledging it, asking anything (but for the ask), tying value or giving proof."""
    if r.has("argue"):
        return r.first("argue")
    asked = [q for q in r.questions if q.ref != "ask" and (r.ask is None or q.start != r.ask.start)]
    if r.pitched and not (r.has("acknowledge") or asked or r.value or r.has("proof")):
        return r.pitch[0] if r.pitch else _whole(r)
    return None


def _moves(o: Objection, os: ObjState, r: Reading, t: int) -> None:
    """The handling moves a turn makes on an objection raised earlier (kept after it softened too:
    proof given later still answers it); arguing counts while it is open."""
    argued = argues(r)
    if argued is not None:
        if os.open:
            os.argued.append((t, argued))
        return
    found = {"acknowledge": r.first("acknowledge"), "clarify": r.clarify.get(o.id),
             "value": r.value[0] if r.value else None, "proof": r.first("proof")}
    for move, e in found.items():
        if e is not None and move not in os.moves:
            os.moves[move] = (t, e)


def handled(o: Objection, os: ObjState) -> bool:
    return sum(1 for m in o.softened_by if m in os.moves) >= o.needed


def _reply(sc: Scenario, st: State, r: Reading) -> list[ReplyPart]:
    if len(st.pressure) >= sc.language.th("pressure_to_end") or \
            len(st.dishonesty) >= sc.language.th("dishonesty_to_end"):
        st.ended, st.outcome = True, PUSHED
        return [ReplyPart("end_pushed", sc.end["pushed"])]
    fault = _fault(sc, st, r)
    if fault is not None:
        return [fault]
    parts = [p for p in (_reaction(sc, st, r), _answer(sc, st, r), _close(sc, st, r)) if p is not None]
    still = [o for o in st.open_objections() if st.objections[o].raised_before(st.turn)
             and (not r.questions or sc.objection(o).blocks)]
    if not parts and still:                     # nothing else to say: the open objection again
        return [_again(sc.objection(still[0]), st)]
    if not parts:
        key = "vague_question" if r.questions else "statement"
        lines = sc.lines[key]
        n = st.used.get(key, 0)
        st.used[key] = n + 1
        parts.append(ReplyPart("neutral", lines[n % len(lines)], key))
    return parts


def _again(o: Objection, st: State) -> ReplyPart:
    """An open objection said again: its ``says`` and ``argued`` lines in turn; once the candidate
    has spoken of the offer since it was raised, the buyer moves on ("what is it regarding?" is
    not asked again): its ``again`` lines in turn, or its ``argued`` line."""
    raised = st.objections[o.id].raised or 0
    told = any(t >= raised for t in st.offer)
    key = ("moved_on:" if told else "again:") + o.id
    n = st.used.get(key, 0)
    st.used[key] = n + 1
    lines = (o.again or (o.argued,)) if told else (o.says, o.argued)
    return ReplyPart("objection_again", lines[n % len(lines)], o.id)


def _raise(st: State, o: Objection) -> ReplyPart:
    st.objections[o.id].raised = st.turn
    return ReplyPart("objection", o.says, o.id)


def _fault(sc: Scenario, st: State, r: Reading) -> ReplyPart | None:
    """An objection raised by the candidate's own move this turn (said alone)."""
    too_soon = r.ask is not None and not close_ready(sc, st, r)
    for o in sc.objections:
        if st.objections[o.id].raised is not None:
            continue
        if (o.raised_when == "pitch_before_discovery" and r.pitched and not st.revealed) or \
                (o.raised_when == "close_too_soon" and too_soon):
            if o.raised_when == "close_too_soon" and r.ask is not None:      # too soon: an ask was made
                st.asks.append((st.turn, r.ask, "objection"))
            return _raise(st, o)
    return None


def _condition(o: Objection, st: State) -> bool:
    if o.raised_when == "turn":
        return isinstance(o.param, int) and st.turn >= o.param        # a whole number (scenario.py)
    if o.raised_when == "need_revealed":
        return o.param in st.revealed and st.revealed[o.param][0] < st.turn
    if o.raised_when == "price_mentioned":
        return st.price_turn is not None
    return False


def _reaction(sc: Scenario, st: State, r: Reading) -> ReplyPart | None:
    if any(t == st.turn for t, _ in st.pressure):
        return ReplyPart("pressured", sc.lines["pressured"])
    for o in sc.objections:
        if st.objections[o.id].raised is None and _condition(o, st):
            return _raise(st, o)
    for oid in st.open_objections():
        o, os = sc.objection(oid), st.objections[oid]
        if os.raised_before(st.turn) and handled(o, os):
            os.handled = st.turn
            return ReplyPart("softened", o.softened, oid)
    for oid in st.open_objections():
        os = st.objections[oid]
        if os.argued and os.argued[-1][0] == st.turn:
            return ReplyPart("argued", sc.objection(oid).argued, oid)
    return None


def _answer(sc: Scenario, st: State, r: Reading) -> ReplyPart | None:
    if any(sc.objection(o).blocks for o in st.open_objections()):
        return None                                  # nothing is told until the screen is passed
    best: tuple[int, int, int] | None = None        # (-size, need order, probe order)
    order = {n.id: i for i, n in enumerate(sc.needs)}
    for k, (size, e) in enumerate(r.probes):
        if e.ref not in st.revealed:
            key = (-size, order[e.ref], k)
            best = key if best is None or key < best else best
    if best is not None:
        e = r.probes[best[2]][1]
        st.revealed[e.ref] = (st.turn, e)
        return ReplyPart("reveal", sc.need(e.ref).reveal, e.ref)
    signal = _signal(sc, st, r)
    if signal is not None:
        return signal
    if r.probes and r.ask is None:
        n = st.used.get("already_said", 0)
        st.used["already_said"] = n + 1
        lines = sc.lines["already_said"]
        return ReplyPart("already_said", lines[n % len(lines)], r.probes[0][1].ref)
    return None


def _pick(sc: Scenario, st: State, r: Reading) -> tuple[int, Ev] | None:
    """The buying signal for a need tied to value this turn (the first tied in the turn's words
    whose signal is not said yet; one signal per need), and the words that tied it."""
    for e in sorted(r.value, key=lambda e: e.start):
        need = e.ref
        if any(sc.signals[i].need == need for i in st.signals):
            continue
        pick = next((i for i, s in enumerate(sc.signals) if s.need == need and i not in st.signals), None)
        if pick is None:
            pick = next((i for i, s in enumerate(sc.signals) if s.need is None and i not in st.signals), None)
        if pick is not None:
            return pick, e
    return None


def _signal(sc: Scenario, st: State, r: Reading) -> ReplyPart | None:
    got = _pick(sc, st, r)
    if got is None:
        return None
    pick, e = got
    st.signals[pick] = st.turn
    for nid in sc.signals[pick].states:      # "My own decent pen at a signing… I'd like that" states
        if nid not in st.revealed:          # looking professional there: uncovered, in the buyer's words
            st.revealed[nid] = (st.turn, e)
            st.stated.add(nid)
    return ReplyPart("signal", sc.signals[pick].says, e.ref)


def close_ready(sc: Scenario, st: State, r: Reading | None = None, ignore_objections: bool = False) -> bool:
    """The close condition: enough needs uncovered and tied to value, no objection left open.
    With ``r`` (before the buyer's reply to it is made): counting what this turn is about to
    settle, a need it probes (or else the needs its buying signal states) and the open objections
    it has handled."""
    revealed, still_open = len(st.revealed), [] if ignore_objections else st.open_objections()
    if r is not None:
        probed = any(e.ref not in st.revealed for _, e in r.probes)
        got = None if probed else _pick(sc, st, r)
        revealed += probed or len({n for n in (sc.signals[got[0]].states if got else ()) if n not in st.revealed})
        still_open = [o for o in still_open
                      if not (st.objections[o].raised_before(st.turn) and handled(sc.objection(o), st.objections[o]))]
    return revealed >= sc.close.needs_uncovered and len(st.tied) >= sc.close.value_tied and not still_open


def _close(sc: Scenario, st: State, r: Reading) -> ReplyPart | None:
    if r.ask is None:
        return None
    if not close_ready(sc, st):
        st.asks.append((st.turn, r.ask, "not_yet"))
        if close_ready(sc, st, ignore_objections=True):      # an objection is the reason
            still = [o for o in st.open_objections() if st.objections[o].raised_before(st.turn)]
            # one raised in this reply was just said: not again
            return ReplyPart("not_yet", sc.objection(still[0]).says, still[0]) if still else None
        return ReplyPart("not_yet", sc.close.not_yet)
    if r.ask.ref == "vague":
        st.asks.append((st.turn, r.ask, "vague"))
        return ReplyPart("vague_close", sc.close.vague)
    st.asks.append((st.turn, r.ask, AGREED))
    st.ended, st.outcome = True, AGREED
    return ReplyPart("agree", sc.close.agree)
