"""Role-play: a call whose only question was the ask is not told it asked none.

A first-time user's pushy renewal call ended turn 1 with "Can you sign the renewal today?" and was
marked "Turn 1: asked the buyer no question at all". A question was asked, a closing one: such a
call is now marked ``only_ask`` at the turn of that question, quoting it ("asked only for a
commitment, nothing about the buyer's situation"), with its own advice; a call with no question at
all is still ``no_questions``.
"""

from __future__ import annotations

import pytest
from roleplay_user_calls import RENEWAL_PUSHY_CALL

from mockint.core.roleplay import Call, load_scenarios

PITCH_AND_ASK = {
    "en": "Helen, ClinicFlow is the market leader and the 9% is standard. Can you sign the renewal today?",
    "ro": "Doamna Varga, platforma noastră e lider de piață, iar creșterea de 9% e standard. "
          "Puteți semna reînnoirea azi?",
}
PITCH = {
    "en": "Helen, ClinicFlow is the market leader and the 9% is standard.",
    "ro": "Doamna Varga, platforma noastră e lider de piață, iar creșterea de 9% e standard.",
}


def _discovery_call_marks(r) -> list[tuple]:
    return [(m.turn, m.key, m.quote) for m in r.marks if m.key in ("only_ask", "no_questions")]


def test_the_users_call_asked_only_for_the_signature():
    r = Call.replay(load_scenarios("en")["renewal-price"], RENEWAL_PUSHY_CALL).result()
    assert _discovery_call_marks(r) == [(1, "only_ask", "Can you sign the renewal today?")]
    mark = next(m for m in r.marks if m.key == "only_ask")
    assert mark.message == "asked only for a commitment, nothing about the buyer's situation"
    assert "no question at all" not in " ".join(m.message for m in r.marks)


@pytest.mark.parametrize("lang", ["en", "ro"])
def test_only_the_ask_and_no_question_at_all_are_told_apart(lang):
    sc = load_scenarios(lang)["renewal-price"]
    r = Call.replay(sc, [PITCH_AND_ASK[lang]]).result()
    question = PITCH_AND_ASK[lang].rsplit(". ", 1)[1]
    assert _discovery_call_marks(r) == [(1, "only_ask", question)]
    assert [k for _, k, _ in _discovery_call_marks(Call.replay(sc, [PITCH[lang]]).result())] == ["no_questions"]


@pytest.mark.parametrize("lang", ["en", "ro"])
def test_only_ask_has_its_advice(lang):
    language = load_scenarios(lang)["renewal-price"].language
    advice = language.msg("feedback", "only_ask", turn=1)
    assert advice.startswith({"en": "Turn 1:", "ro": "Replica 1:"}[lang])
    assert {"en": "commitment", "ro": "angajament"}[lang] in advice
    assert language.msg("marks", "only_ask") != language.msg("marks", "no_questions")
