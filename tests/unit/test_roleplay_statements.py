"""Role-play: a sentence without "?" that is not a question in form is no closed question.

A first-time user's Romanian discovery call opened "…Ați descărcat ghidul nostru despre personal.
Cum faceți acum programul turelor…?" and the statement was marked "✗ … întrebare închisă (da/nu)":
Romanian yes/no questions have no form of their own ("ați", "aveți", "sunteți" are the verb, and
the verb's ending is the "you"), so without "?" they read as statements. Without "?", a closed
starter makes a question only with a you-word after it ("do you plan…", "puteți să-mi trimiteți…");
open questions ("cum faceți…") and anything ending in "?" are read as before.
"""

from __future__ import annotations

import pytest
from roleplay_user_calls import RO_DISCOVERY_CALL

from mockint.core.roleplay import Call, load_scenarios
from mockint.core.roleplay.reading import Context, read_turn


def _questions(lang: str, text: str) -> list[tuple[str, str]]:
    sc = load_scenarios(lang)["discovery-ops"]
    st = Call(sc).state
    ctx = Context(set(st.revealed), st.open_objections(), st.buyer, st.said_first, st.reflected, st.turn)
    return [(q.kind, q.text) for q in read_turn(text, sc, ctx).questions]


def test_the_users_statement_is_not_marked_a_closed_question():
    r = Call.replay(load_scenarios("ro")["discovery-ops"], RO_DISCOVERY_CALL).result()
    first = [(m.key, m.quote) for m in r.marks if m.turn == 1 and m.key.endswith("_question")]
    assert first == [("open_question", "Cum faceți acum programul turelor în cele trei depozite?")]


@pytest.mark.parametrize("lang,text", [
    ("ro", "Ați descărcat ghidul nostru despre personal."),
    ("ro", "Aveți dreptate."),
    ("ro", "Sunteți director de operațiuni la Carpat Logistic."),
    ("ro", "Folosiți Excel de mulți ani, din câte am înțeles."),
    ("ro", "Puteți conta pe noi."),
    ("en", "Thank you, that was helpful."),
    ("en", "Would be great to hear more."),
])
def test_a_statement_is_no_question(lang, text):
    assert _questions(lang, text) == []


@pytest.mark.parametrize("lang,text,kind", [
    ("ro", "Ați descărcat ghidul nostru despre personal?", "closed"),
    ("ro", "Puteți să-mi trimiteți programul de săptămâna asta", "closed"),
    ("ro", "Ați putea să-mi spuneți cum planificați turele", "open"),
    ("ro", "Cum faceți acum programul turelor", "open"),
    ("en", "Do you plan the rota yourself", "closed"),
    ("en", "Have you tried a scheduling tool before", "closed"),
    ("en", "What do you use for the rota", "open"),
])
def test_a_question_in_form_is_still_one(lang, text, kind):
    assert [k for k, _ in _questions(lang, text)] == [kind]
