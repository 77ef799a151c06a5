"""Role-play: a question explores the objection it is about, not any objection open.

A first-time user's Romanian discovery call asked at turn 3 "Si cine altcineva ar fi implicat in
decizia de a schimba modul de planificare?" and was credited "ați întrebat despre obiecție: am mai
încercat un program…"; the buyer then answered a question never asked ("Era mai lent decât
Excelul și nu i-a instruit nimeni."). Every open question used to explore every open objection.
Now an open question for a fact (who decides, when they are free) explores none; a turn that names
open objections by their words (the budget) explores those and the one raised last, not an older
one it does not name; a question with an objection's words, and an open question in a turn that
names none, explore as before. The line the buyer softens with is a concession, not an answer.
"""

from __future__ import annotations

import pytest
from roleplay_user_calls import RO_DISCOVERY_CALL

from mockint.core.roleplay import Call, load_scenarios

EN_CALL = [
    "Thanks for the time, Sam. You downloaded our staffing guide. How do you plan the rotas across your three sites "
    "today?",
    "Two days a week is a lot. What happens when the rota is out of date by Wednesday? What does that cost you in "
    "overtime?",
    "I see. And who else would be involved in deciding to change how you plan?",
    "Understood, the budget is closed this year. If overtime is 14% and Priya's target is 8%, what would the gap be "
    "worth per quarter?",
]
CALLS = {"en": EN_CALL, "ro": RO_DISCOVERY_CALL}


def _explored(r, turn: int) -> list[str]:
    return [m.params["objection"] for m in r.marks if m.key == "explored" and m.turn == turn]


@pytest.mark.parametrize("lang", ["en", "ro"])
def test_who_else_decides_does_not_explore_we_tried_a_tool(lang):
    sc = load_scenarios(lang)["discovery-ops"]
    call = Call.replay(sc, CALLS[lang])
    tried = sc.objection("tried-before")
    assert [p.ref for p in call.exchanges[1].reply.parts if p.kind == "objection"] == ["tried-before"]
    assert _explored(call.result(), 3) == []
    assert "softened" not in [p.kind for p in call.exchanges[2].reply.parts]
    assert tried.softened not in call.exchanges[2].reply.text


@pytest.mark.parametrize("lang", ["en", "ro"])
def test_a_turn_about_the_budget_explores_the_budget_only(lang):
    """Turn 3 asks nothing: both objections are open at turn 4, which names the budget."""
    sc = load_scenarios(lang)["discovery-ops"]
    call = Call.replay(sc, [*CALLS[lang][:2], {"en": "I see.", "ro": "Înțeleg."}[lang], CALLS[lang][3]])
    assert call.state.objections["tried-before"].raised == 2 and call.state.objections["budget"].raised == 3
    assert _explored(call.result(), 4) == [sc.objection("budget").label]


@pytest.mark.parametrize("lang,question", [
    ("en", "That makes sense. What made your leads go back to the spreadsheet?"),
    ("en", "That makes sense. What happened with it?"),
    ("ro", "Are sens. De ce s-au întors șefii de tură la Excel?"),
    ("ro", "Are sens. Ce s-a întâmplat atunci?"),
])
def test_a_question_about_the_objection_still_explores_it(lang, question):
    sc = load_scenarios(lang)["discovery-ops"]
    call = Call.replay(sc, [*CALLS[lang][:2], question])
    r = call.result()
    assert _explored(r, 3) == [sc.objection("tried-before").label]


@pytest.mark.parametrize("lang", ["en", "ro"])
def test_the_softened_line_is_no_answer_to_a_question(lang):
    """Said after an acknowledgement and value as well as after a question: it concedes."""
    line = load_scenarios(lang)["discovery-ops"].objection("tried-before").softened
    assert line.startswith({"en": "Fair enough.", "ro": "Bine, recunosc:"}[lang])


@pytest.mark.parametrize("lang,turns", [
    ("en", ["Good morning Jo, this is Chris from FleetSense. I'd like to speak with Mark about his delivery fleet.",
            "What's the best way to get something in front of him?"]),
    ("ro", ["Bună dimineața, doamna Diana, sunt Andrei de la FleetSense. Aș vrea să vorbesc cu domnul Dinu despre "
            "flota de livrări.",
            "Care e cel mai bun mod să ajungă ceva la el?"]),
])
def test_asking_the_gatekeeper_the_way_to_him_explores_her_screen(lang, turns):
    """A question for a fact explores an objection by its words: how to reach him is how past her."""
    sc = load_scenarios(lang)["cold-gatekeeper"]
    assert _explored(Call.replay(sc, turns).result(), 2) == [sc.objection("screen").label]
