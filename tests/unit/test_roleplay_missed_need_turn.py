"""Role-play: the advice for a need never uncovered names a turn that told instead of asking.

A first-time user's English discovery call was told "Turn 4: ask an open question about their
situation instead of telling", but turn 4 earned "✓ Value tied to needs" and "✓ proof"; in Romanian
"Replica 10: puneți o întrebare deschisă…" pointed at the turn where the close was accepted. The
advice now names the first turn that asked no question about the buyer and did nothing the marks
call right (value, proof, an objection handled, the close; an ask for a next step is advised on by
the close), and when there is no such turn it says what to do without a turn.
"""

from __future__ import annotations

import random

import pytest
from test_roleplay_closing_questions import EN_CALL, RO_CALL

from mockint.core.roleplay import Call, load_scenarios

PREFIX = {"en": "Turn ", "ro": "Replica "}


def _right_turns(r) -> set[int]:
    return {m.turn for m in r.marks if m.good and m.dimension != "listening" and m.turn is not None}


@pytest.mark.parametrize("lang,sid,turns", [("en", "discovery-ops", EN_CALL), ("ro", "renewal-price", RO_CALL)])
def test_no_advice_to_ask_instead_of_telling_at_a_turn_that_did_right(lang, sid, turns):
    r = Call.replay(load_scenarios(lang)[sid], turns).result()
    missed = [m for m in r.marks if m.key == "need_missed"]
    assert missed and all(m.turn is None for m in missed), [(m.turn, m.message) for m in missed]
    advice = [f for f in r.feedback if f.key == "need_missed"]
    for f in advice:
        assert f.turn is None and not f.text.startswith(PREFIX[lang]), f.text
        assert missed[0].params["need"] in f.text


def test_the_advice_is_there_without_a_turn_when_discovery_lost_the_most():
    """The Romanian call: discovery lost the most weighted points, so its advice is listed."""
    r = Call.replay(load_scenarios("ro")["renewal-price"], RO_CALL).result()
    f = next(f for f in r.feedback if f.key == "need_missed")
    assert f.text.startswith("Puneți") and "timpul câștigat la recepție" in f.text


@pytest.mark.parametrize("lang", ["en", "ro"])
def test_a_turn_that_told_is_named(lang):
    """The feature dump: its first turn pitched and asked nothing about the buyer."""
    sc = load_scenarios(lang)["discovery-ops"]
    turns = next(ex for ex in sc.examples if ex.name == "feature-dump").turns
    r = Call.replay(sc, turns).result()
    missed = [m for m in r.marks if m.key == "need_missed"]
    assert missed and {m.turn for m in missed} == {1}


@pytest.mark.parametrize("lang", ["en", "ro"])
def test_the_named_turn_never_did_right_nor_asked(lang):
    """Calls made of the scenarios' own turns in random order: a missed need's turn asked no
    question about the buyer, asked for no next step and earned no ✓ outside listening."""
    rnd = random.Random(11)
    for sc in load_scenarios(lang).values():
        pool = [t for ex in sc.examples for t in ex.turns]
        for _ in range(40):
            call = Call.replay(sc, [rnd.choice(pool) for _ in range(rnd.randint(1, sc.turn_limit))])
            r = call.result()
            for m in r.marks:
                if m.key != "need_missed" or m.turn is None:
                    continue
                x = call.exchanges[m.turn - 1]
                assert m.turn not in _right_turns(r), (sc.id, m.turn, x.text)
                assert x.reading.ask is None and not [q for q in x.reading.questions if q.ref != "ask"], x.text
