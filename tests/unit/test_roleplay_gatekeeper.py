"""Role-play: once the caller has said what the call is about, the gatekeeper stops asking.

A first-time user's English gatekeeper call heard "I'm afraid Mark doesn't take calls from
companies he doesn't know. What is it regarding?" four times, once right after "FleetSense is the
best telematics system on the market and it will save you thousands". An open objection said again
now repeats its opening line only while the candidate has said nothing about the offer (no pitch,
benefit, proof or price phrase, no value tied) since it was raised; after that the buyer moves on
to its ``again`` lines (data: the gatekeeper's have three), or its ``argued`` line.
"""

from __future__ import annotations

import pytest
from test_roleplay import MINI

from mockint.core.data.errors import DataError
from mockint.core.roleplay import Call, load_scenarios
from mockint.core.roleplay.scenario import builtin, parse_extra

SAID_WHY = {
    "en": ["Hi, could I speak to Mark Davies please?",
           "It's about our driver-coaching system: it helps delivery fleets cut their fuel bill.",
           "We work with food wholesalers all over the country.",
           "Okay."],
    "ro": ["Bună ziua, aș putea vorbi cu domnul Dinu, vă rog?",
           "E vorba de sistemul nostru de coaching pentru șoferi: ajută flotele de livrări să reducă factura la "
           "motorină.",
           "Lucrăm cu distribuitori alimentari din toată țara.",
           "Bine."],
}


@pytest.mark.parametrize("lang", ["en", "ro"])
def test_the_gatekeeper_does_not_ask_again_what_it_is_regarding(lang):
    sc = load_scenarios(lang)["cold-gatekeeper"]
    screen = sc.objection("screen")
    call = Call.replay(sc, SAID_WHY[lang])
    said = [[p.text for p in x.reply.parts] for x in call.exchanges]
    assert said[0] == [screen.says]
    for turn in said[1:]:
        assert screen.says not in turn, said
        assert set(turn) <= {screen.argued, *screen.again}, said
    assert len({t for turn in said[1:] for t in turn}) >= 2        # moves on, not one line over and over


def test_again_lines_are_optional_and_checked():
    language = builtin("en")[0]
    (sc,) = parse_extra(MINI, "mine.yaml", language)
    assert sc.objections[0].again == ()
    bad = MINI.replace('        argued: "I said I\'m busy."', '        argued: "I said I\'m busy."\n        again: "no"')
    assert bad != MINI
    with pytest.raises(DataError, match="again"):
        parse_extra(bad, "mine.yaml", language)


@pytest.mark.parametrize("lang,turns", [
    ("en", ["Hi, is Mark there?", "ok", "right"]),
    ("ro", ["Bună ziua, e domnul Dinu acolo?", "bine", "aha"]),
])
def test_a_caller_who_has_not_said_why_is_asked_again(lang, turns):
    sc = load_scenarios(lang)["cold-gatekeeper"]
    screen = sc.objection("screen")
    call = Call.replay(sc, turns)
    assert [[p.text for p in x.reply.parts] for x in call.exchanges] == [[screen.says], [screen.says],
                                                                        [screen.argued]]
