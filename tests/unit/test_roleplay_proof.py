"""Role-play proof: a figure is proof only with the result it measures.

A first-time user answered an objection with a bare "30" (and "we have 30 clients"): the marks
said it "answered the objection with value or proof", and the buyer softened. A number alone is
no proof; a number that measures a result ("cut late deliveries 30 % for a retailer like you")
is. The rule lives in the data (``roleplays/<lang>.yaml``: lexicon ``figure`` and ``result``,
threshold ``result_window``); these are its examples both ways, in both languages.
"""

from __future__ import annotations

import pytest

from mockint.core.report.roleplay import render_text
from mockint.core.roleplay import Call, load_scenarios

# (lang, a question that uncovers a need first, then the turn to read)
OPENERS = {
    "en": "I appreciate you being straight with me, Helen. What has changed in the clinics since you started?",
    "ro": "Apreciez că îmi spuneți direct. Ce s-a schimbat în clinici de când lucrați cu noi?",
}

PROOF = {
    "en": [
        ("We cut late deliveries 30 % for a retailer like you.", "cut late deliveries 30 %"),
        ("One clinic group reduced missed appointments by 40% in a quarter.", "reduced missed appointments by 40%"),
        ("A dental chain saved 14 hours of reception time a week.", "saved 14"),
        ("At a practice like yours, cancellations dropped from 11% to 5%.", "dropped from 11% to 5%"),
        ("A group of eight clinics got first replies 35 percent faster.", "35 percent faster"),
    ],
    "ro": [
        ("Am redus cu 30 % întârzierile la livrări pentru un retailer ca dumneavoastră.", "redus cu 30 %"),
        ("O rețea de clinici a scăzut anulările de la 11% la 5%.", "scăzut anulările de la 11% la 5%"),
        ("Un lanț de cabinete a economisit 14 ore pe săptămână la recepție.", "economisit 14"),
        ("Un grup de opt clinici a răspuns cu 35 la sută mai rapid.", "35 la sută mai rapid"),
    ],
}

NOT_PROOF = {
    "en": ["30", "30.", "We have 30 clients.", "It's 30 euros a month per clinic.",
           "We've been doing this for 30 years.", "There are 30 people on our team.",
           "Thirty percent of the clinics are in the city."],
    "ro": ["30", "Avem 30 de clienți.", "Costă 30 de euro pe lună pentru fiecare clinică.",
           "Lucrăm de 30 de ani în domeniu.", "Deci la două sute de lei e o afacere foarte bună.",
           "Treizeci la sută dintre clinici sunt în oraș."],
}


def _read(lang: str, text: str):
    call = Call(load_scenarios(lang)["renewal-price"])
    call.turn(OPENERS[lang])
    call.turn(text)
    return call


@pytest.mark.parametrize("lang,text,quote", [(lang, t, q) for lang, items in PROOF.items() for t, q in items])
def test_a_figure_with_the_result_it_measures_is_proof(lang, text, quote):
    call = _read(lang, text)
    proof = call.exchanges[-1].reading.cues["proof"]
    assert [e.text for e in proof] == [quote]            # the mark quotes the result and its figure
    marks = [m for m in call.result().marks if m.key == "proof"]
    assert [(m.turn, m.quote) for m in marks] == [(2, quote)]


@pytest.mark.parametrize("lang,text", [(lang, t) for lang, items in NOT_PROOF.items() for t in items])
def test_a_figure_alone_is_no_proof(lang, text):
    call = _read(lang, text)
    assert call.exchanges[-1].reading.cues["proof"] == []
    r = call.result()
    assert not [m for m in r.marks if m.key in ("proof", "answered")]


def test_the_buyers_own_figures_and_the_time_of_the_ask_are_no_proof():
    """The buyer said no-shows went from 9% to 4%: saying it back with "dropped" is listening, not
    proof; "Thursday at 10" in an ask is a time."""
    call = _read("en", "So no-shows dropped from 9% to 4%, that's a big drop.")
    assert call.exchanges[-1].reading.cues["proof"] == []
    call = _read("ro", "Deci neprezentările au scăzut de la 9% la 4%, e o scădere serioasă.")
    assert call.exchanges[-1].reading.cues["proof"] == []
    call = _read("en", "Can we meet on Thursday at 10 to see what that cut saved you?")
    assert call.exchanges[-1].reading.cues["proof"] == []


@pytest.mark.parametrize("lang", ["en", "ro"])
def test_a_call_that_answers_every_objection_with_a_number_answers_none(lang):
    """The user's call: an objection met with "30" (and "we have 30 clients") is not answered with
    value or proof, and does not soften; the same call with a measured result does."""
    sc = load_scenarios(lang)["renewal-price"]
    bare = {"en": ["30", "We have 30 clients.", "30."], "ro": ["30", "Avem 30 de clienți.", "30."]}[lang]
    call = Call.replay(sc, [OPENERS[lang], *bare])
    r = call.result()
    assert not [m for m in r.marks if m.key in ("answered", "proof", "softened")]
    assert all(not o["handled"] for o in r.objections if o["raised"] is not None)
    assert "“30”" not in render_text(r)
    measured = PROOF[lang][1][0]
    r = Call.replay(sc, [OPENERS[lang], measured]).result()
    answered = [m for m in r.marks if m.key == "answered"]
    assert [m.params["objection"] for m in answered] == [sc.objection("increase").label]
    assert [m.key for m in r.marks if m.params.get("objection") == sc.objection("increase").label][-1] == "softened"
