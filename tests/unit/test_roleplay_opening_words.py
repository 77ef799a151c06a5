"""Role-play: the buyer's opening is the buyer's words too, for its content.

A first-time user's pushy renewal call began "Helen, honestly the cheaper provider is a toy…",
playing back the buyer's opening ("We've had a quote from a cheaper provider"), and was marked
"Turn 2 ✗ Listening: never used the buyer's own words back": only the replies' words counted,
never the opening's, though in a renewal call the opening holds what the buyer came to say. The
opening's words now count when they are the scenario's own (a need's or an objection's words:
"quote", "cheaper"), not its greeting ("good morning", "Jo speaking", "doamna Diana"). The
call's topic (title and brief: "increase") still never counts.
"""

from __future__ import annotations

import pytest
from roleplay_user_calls import RENEWAL_PUSHY_CALL

from mockint.core.roleplay import Call, load_scenarios


def _listening(r) -> list[tuple]:
    return [(m.turn, m.key, m.quote, m.buyer_quote, m.buyer_turn) for m in r.marks if m.dimension == "listening"]


def test_the_users_cheaper_provider_is_the_buyers_word():
    call = Call.replay(load_scenarios("en")["renewal-price"], RENEWAL_PUSHY_CALL)
    r = call.result()
    assert _listening(r) == [(1, "reflected", "cheaper", "cheaper", 0)]
    mark = next(m for m in r.marks if m.dimension == "listening")
    assert mark.buyer_span is not None and call.opening[slice(*mark.buyer_span)] == "cheaper"
    assert r.dimensions["listening"] > 0
    assert "never used the buyer's own words" not in " ".join(m.message for m in r.marks)


@pytest.mark.parametrize("lang,turn,words", [
    ("en", "Helen, what does the other quote include?", ["quote"]),
    ("ro", "Doamna Varga, furnizorul mai ieftin nu are reamintirile. Ce conține oferta lor?", ["ieftin", "oferta"]),
])
def test_the_openings_content_can_be_played_back_at_turn_1(lang, turn, words):
    r = Call.replay(load_scenarios(lang)["renewal-price"], [turn]).result()
    assert [(t, q, bt) for t, k, q, _, bt in _listening(r) if k == "reflected"] == [(1, w, 0) for w in words]


@pytest.mark.parametrize("lang,turn", [
    ("en", "Good morning Jo, this is Chris. Is this Mark's office?"),
    ("ro", "Bună dimineața, doamna Diana, sunt Andrei. Vorbesc cu biroul domnului Dinu?"),
    ("en", "Helen, honestly everyone pays the increase."),
])
def test_a_greeting_and_the_topic_are_not_the_buyers_words(lang, turn):
    sid = "renewal-price" if "increase" in turn else "cold-gatekeeper"
    r = Call.replay(load_scenarios(lang)[sid], [turn]).result()
    assert [k for _, k, *_ in _listening(r)] == ["no_reflection"]
