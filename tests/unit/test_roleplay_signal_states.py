"""Role-play: a need the buyer has stated in a buying signal counts as uncovered.

A first-time user's "Sell me this pen" call heard the buyer say after turn 6 "My own decent pen at
a signing, instead of borrowing one... I'd like that."; the close at turn 7 ("Shall I drop one on
your desk today and we talk Friday about the team order?") got "Slow down. You don't even know yet
whether I need a pen." and the score said "never uncovered the need: looking professional at the
signing". A signal can now list the needs it states in the buyer's words (``states``, validated):
once said, they count as uncovered for discovery and the close ("the buyer's reply stated the
need"), and value is not expected for them (the buyer said their value).
"""

from __future__ import annotations

import re

import pytest
from roleplay_user_calls import PEN_CALL
from test_roleplay import EN, _edit, _error

from mockint.core.roleplay import Call, load_scenarios

IMAGE = {"en": "looking professional at the signing", "ro": "imaginea profesionistă la semnare"}
# the user's call, in Romanian: the same moves
RO_PEN_CALL = [
    "Sigur. Înainte să vă spun ceva despre el: când ați folosit ultima dată un pix, și pentru ce?",
    "Contracte, am înțeles. Ce se întâmplă când trebuie să semnați ceva și nu aveți pix la îndemână?",
    "Deci pierdeți timp căutând unul exact când se închide o afacere. Cât de des se întâmplă asta?",
    "Bună întrebare. Ați spus că ajungeți să cereți pixul clientului când semnați. Acesta stă în buzunarul "
    "sacoului și scrie de la prima linie, ca momentul semnării să arate la fel de pregătit ca restul prezentării. "
    "Ce l-ar face să merite pentru dumneavoastră?",
    "Are sens. Ce-ar fi să vi-l las o săptămână și să comandăm vineri douăsprezece pentru echipă, dacă îl mai "
    "aveți la dumneavoastră?",
    "Înțeleg, 200 de lei pe un pix pare mult. Cu ce l-ați compara? Cu el nu mai cereți pixul clientului la "
    "semnare.",
    "Atunci pixul e mai puțin decât o rotunjire la o singură semnătură, și nu mai trebuie să-l cereți de "
    "la nimeni. Vă las unul pe birou azi și vorbim vineri despre comanda pentru echipă?",
]
CALLS = {"en": PEN_CALL, "ro": RO_PEN_CALL}


@pytest.mark.parametrize("lang", ["en", "ro"])
def test_the_close_after_the_buyer_said_he_would_like_it_is_agreed(lang):
    sc = load_scenarios(lang)["sell-pen"]
    call = Call.replay(sc, CALLS[lang][:7])
    signal = next(s for s in sc.signals if s.need == "signing")
    assert signal.says in call.exchanges[5].reply.text and signal.states == ("image",)
    assert call.outcome == "agreed" and call.state.turn == 7
    assert sc.close.not_yet not in call.exchanges[6].reply.text
    r = call.result()
    assert {n["id"]: n["turn"] for n in r.needs_found}["image"] == 6
    assert IMAGE[lang] not in [n["label"] for n in r.needs_missed]
    stated = [m for m in r.marks if m.key == "need_stated"]
    assert [(m.turn, m.good, m.params["need"]) for m in stated] == [(6, True, IMAGE[lang])]
    assert not [m for m in r.marks if m.key in ("value_missed", "need_missed") and m.params["need"] == IMAGE[lang]]


def test_the_users_whole_call_ends_at_turn_7():
    call = Call.replay(load_scenarios("en")["sell-pen"], PEN_CALL)
    assert call.outcome == "agreed" and len(call.exchanges) == 7
    assert "never uncovered the need: looking professional" not in " ".join(m.message for m in call.result().marks)


@pytest.mark.parametrize("lang", ["en", "ro"])
def test_without_the_signal_the_need_is_still_to_be_uncovered(lang):
    """One need uncovered and no value tied: the close is still refused, as before."""
    sc = load_scenarios(lang)["sell-pen"]
    call = Call.replay(sc, [CALLS[lang][0], CALLS[lang][6]])
    assert call.outcome is None and "image" not in call.state.revealed
    assert sc.close.not_yet in call.exchanges[1].reply.text


@pytest.mark.parametrize("new,key,message", [
    ("states: [signing]", "scenarios[0].signals[0].states[0]", "'signing' is the signal's own need (need:)"),
    ("states: [imag]", "scenarios[0].signals[0].states[0]",
     "'imag' is not a need of this scenario; needs: signing, image, losing (did you mean 'image'?)"),
    ("states: [image, image]", "scenarios[0].signals[0].states[1]", "'image' is listed twice"),
    ("states: image", "scenarios[0].signals[0].states", "must be a list"),
])
def test_states_is_validated(new, key, message):
    assert EN.count("states: [image]") == 1
    err = _error(_edit("states: [image]", new))
    assert re.match(rf"t\.yaml:\d+:\d+: {re.escape(key)}: ", str(err)), str(err)
    assert message in str(err), str(err)
