"""Role-play: hostile pressure on a gatekeeper is a red flag, in both languages.

A first-time user's English gatekeeper call ("Just put me through", "I'll keep calling until I get
him", "I'm not taking no for an answer", "tell him you blocked me", "Transfer me now please. Now.")
got no red flag and no cap, while the same kind of Romanian call ("doar azi", "Semnați acum") was
flagged at turn 2. The lexicon's pressure cues (data) now cover demands, threats and contempt too;
a polite, persistent caller is not flagged.
"""

from __future__ import annotations

import pytest

from mockint.core.roleplay import Call, load_scenarios
from mockint.core.roleplay.reading import Context, read_turn

PRESSURE = {
    "en": ["Just put me through.",
           "Can you just transfer me now?",
           "I'll keep calling until I get him.",
           "Honestly this is a waste of time.",
           "I'm not taking no for an answer.",
           "I'll email him directly and tell him you blocked me.",
           "Transfer me now please. Now.",
           "Put me through right now.",
           "Don't waste my time."],
    "ro": ["O să tot sun până ajung la el.",
           "Nu accept un nu ca răspuns.",
           "Îi scriu direct și îi spun că m-ați blocat.",
           "Faceți-mi legătura acum.",
           "Faceti-mi legatura acum, va rog.",
           "Transferați-mă acum.",
           "Sincer, asta e o pierdere de timp.",
           "Nu-mi pierdeți timpul."],
}
POLITE = {
    "en": ["Could you tell me when is a good time to reach him?",
           "Could you put me through to Mark, please?",
           "I'll send him a short email then, and call back on Thursday.",
           "I don't want to waste his time: what would make a call worth it for him?",
           "I understand, he must get a lot of these calls. Who else looks after the vans?",
           "No is a fair answer; may I ask what would make it a yes?"],
    "ro": ["Îmi puteți spune când e un moment bun să-l prind?",
           "Mă puteți transfera la domnul Dinu, vă rog?",
           "Atunci îi trimit un e-mail scurt și revin joi.",
           "Nu vreau să-i pierd timpul: ce ar face un apel să merite pentru el?",
           "Înțeleg, probabil primește multe apeluri. Cine se ocupă de dube zi de zi?",
           "Puteți să-mi faceți legătura cu domnul Dinu?"],
}


def _read(lang: str, text: str):
    sc = load_scenarios(lang)["cold-gatekeeper"]
    st = Call(sc).state
    ctx = Context(set(st.revealed), st.open_objections(), st.buyer, st.said_first, st.reflected, st.turn)
    return read_turn(text, sc, ctx)


@pytest.mark.parametrize("lang,text", [(lang, t) for lang, ts in PRESSURE.items() for t in ts])
def test_demands_threats_and_contempt_are_pressure(lang, text):
    assert _read(lang, text).has("pressure"), text


@pytest.mark.parametrize("lang,text", [(lang, t) for lang, ts in POLITE.items() for t in ts])
def test_a_polite_persistent_caller_is_no_pressure(lang, text):
    assert not _read(lang, text).has("pressure"), text


USER_CALL = ["Hi, put me through to Mark Davies please, it's important.",
             "Look, I just need two minutes with him. FleetSense is the best telematics system on the market and "
             "it will save you thousands. Just put me through.",
             "I really need to speak to him today. Can you just transfer me now? I'll keep calling until I get him.",
             "Honestly this is a waste of time. Just give me his mobile number then, or book me in for a demo this "
             "week, I'm not taking no for an answer."]


def test_the_hostile_gatekeeper_call_is_flagged_capped_and_ended():
    sc = load_scenarios("en")["cold-gatekeeper"]
    call = Call.replay(sc, USER_CALL)
    assert [p.kind for p in call.exchanges[1].reply.parts] == ["pressured"]
    assert call.outcome == "pushed" and call.state.turn == 3
    r = call.result()
    flags = [(m.turn, m.quote) for m in r.marks if m.dimension == "red_flags"]
    assert (2, "Just put me through") in flags and any(t == 3 for t, _ in flags)
    assert r.cap is not None and r.overall <= r.cap["cap"]
    assert r.feedback[0].key == "pressure" and r.feedback[0].turn == 2
