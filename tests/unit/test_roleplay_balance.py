"""Role-play: a monologue is marked only when it costs the talk balance shown.

A first-time user's Romanian discovery call marked turn 5 "✗ Echilibrul discuției: … 61 de cuvinte
într-o singură replică: un monolog" while the dimension read 100: one turn a word over the limit,
among five, costs 0.2 of a point, and the dimension is rounded. A turn over the limit is now
marked only when the dimension shown is under 100; then every such turn is.
"""

from __future__ import annotations

import random

import pytest
from roleplay_user_calls import RO_DISCOVERY_CALL

from mockint.core.roleplay import Call, load_scenarios


def test_the_users_61_words_are_no_monologue_at_100():
    r = Call.replay(load_scenarios("ro")["discovery-ops"], RO_DISCOVERY_CALL).result()
    assert r.dimensions["balance"] == 100
    assert not [m for m in r.marks if m.dimension == "balance"]


@pytest.mark.parametrize("lang", ["en", "ro"])
def test_a_long_turn_that_costs_the_dimension_is_marked(lang):
    sc = load_scenarios(lang)["discovery-ops"]
    limit = int(sc.language.parts["balance"]["full_up_to"])
    turn = " ".join(["Rotaly"] * (limit + 1)) + "."
    r = Call.replay(sc, [turn]).result()
    assert r.dimensions["balance"] == 99
    marks = [m for m in r.marks if m.dimension == "balance"]
    assert [(m.turn, m.key, m.good, m.params["words"]) for m in marks] == [(1, "monologue", False, limit + 1)]


@pytest.mark.parametrize("lang", ["en", "ro"])
def test_the_marks_and_the_dimension_agree(lang):
    """Calls made of the scenarios' own turns in random order: a ✗ for talk balance when, and only
    when, the dimension is under 100."""
    rnd = random.Random(3)
    for sc in load_scenarios(lang).values():
        pool = [t for ex in sc.examples for t in ex.turns]
        for _ in range(40):
            r = Call.replay(sc, [rnd.choice(pool) for _ in range(rnd.randint(1, sc.turn_limit))]).result()
            marked = [m for m in r.marks if m.dimension == "balance"]
            assert bool(marked) == (r.dimensions["balance"] < 100), (sc.id, r.dimensions["balance"], len(marked))
