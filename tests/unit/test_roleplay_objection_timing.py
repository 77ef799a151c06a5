"""Role-play: an objection is open only from the buyer's reply that raises it.

A first-time user's "Sell me this pen" call marked turn 5 "✗ asked for a next step while an
objection was still open: what it costs", but the buyer raised the cost only in his reply to turn
5; in the renewal call turn 1 was marked "never handled the objection: take the increase off",
which the buyer said after turn 1. No candidate turn up to the reply raising an objection is
marked for it: the ask is judged without it, "never handled" names the turn after that reply, and
an objection raised in the call's last reply (no turn could answer it) is not scored. The buyer
does not say an objection twice in one reply (raised by the reaction, then again as the reason the
close is refused).
"""

from __future__ import annotations

import random

import pytest
from roleplay_user_calls import PEN_CALL, RENEWAL_PUSHY_CALL

from mockint.core.roleplay import Call, load_scenarios


def _raised(r) -> dict[str, int | None]:
    return {o["label"]: o["raised"] for o in r.objections}


def test_the_ask_before_the_price_was_raised_is_not_blamed_on_it():
    sc = load_scenarios("en")["sell-pen"]
    r = Call.replay(sc, PEN_CALL).result()
    assert _raised(r)["what it costs"] == 5
    close5 = [m for m in r.marks if m.dimension == "close" and m.turn == 5]
    assert [m.key for m in close5] == ["not_agreed"], [m.message for m in close5]
    assert "still open" not in close5[0].message
    assert not [f for f in r.feedback if f.key == "not_agreed_open"]
    assert not [m for m in r.marks if m.params.get("objection") == "what it costs" and (m.turn or 0) <= 5]


def test_never_handled_names_the_turn_after_the_reply_that_raised_it():
    r = Call.replay(load_scenarios("en")["renewal-price"], RENEWAL_PUSHY_CALL).result()
    label = "take the increase off, or I need time"
    assert _raised(r)[label] == 1
    marks = [m for m in r.marks if m.params.get("objection") == label]
    assert marks and all(m.turn == 2 for m in marks), [(m.turn, m.key) for m in marks]
    assert any(m.key == "unhandled" for m in marks)


@pytest.mark.parametrize("lang", ["en", "ro"])
def test_an_objection_raised_in_the_last_reply_is_said_once_and_not_scored(lang):
    """The good pen call, asking for the close at turn 5: the price is raised in that reply."""
    sc = load_scenarios(lang)["sell-pen"]
    good = list(next(ex for ex in sc.examples if ex.name == "good").turns)
    call = Call.replay(sc, good[:4] + [good[-1]])
    reply = call.exchanges[-1].reply
    price = sc.objection("price")
    assert [p.text for p in reply.parts].count(price.says) == 1, reply.text
    r = call.result()
    assert _raised(r)[price.label] == 5
    assert not [m for m in r.marks if m.params.get("objection") == price.label]
    assert r.dimensions["objections"] is None
    assert [m.key for m in r.marks if m.dimension == "close"] == ["not_agreed"]


@pytest.mark.parametrize("lang", ["en", "ro"])
def test_no_mark_names_an_objection_at_or_before_the_turn_it_was_raised(lang):
    """Calls made of the scenarios' own turns in random order."""
    rnd = random.Random(5)
    for sc in load_scenarios(lang).values():
        pool = [t for ex in sc.examples for t in ex.turns]
        for _ in range(40):
            call = Call.replay(sc, [rnd.choice(pool) for _ in range(rnd.randint(1, sc.turn_limit))])
            r = call.result()
            raised = _raised(r)
            for m in r.marks:
                if "objection" in m.params:
                    assert m.turn is not None and m.turn > raised[m.params["objection"]], (sc.id, m.turn, m.key)
            for x in call.exchanges:
                texts = [p.text for p in x.reply.parts]
                assert len(texts) == len(set(texts)), (sc.id, x.reply.turn, texts)
