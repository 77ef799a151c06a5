"""Role-play "next time" advice cites only what the marks show.

A first-time user's Romanian call said, under "Data viitoare", "ați cerut înainte ca cumpărătorul
să fie pregătit; ... tratați obiecția rămasă deschisă ..." (handle the objection left open) when no
objection had been raised: the marks listed none. An ask refused while an objection was open now
names that objection, in its mark and its advice; otherwise the advice says what to do without
pointing at an objection.
"""

from __future__ import annotations

import random

import pytest

from mockint.core.roleplay import Call, load_scenarios

OBJECTION_WORDS = {"en": "objection", "ro": "obiecți"}

EARLY_ASK = {
    "en": ("sell-pen", ["Can I ask you something first: when was the last time you used a pen?",
                        "So, shall we put you down for a box of ten on Friday?"]),
    "ro": ("sell-pen", ["Vă pot întreba ceva mai întâi: când ați folosit ultima dată un pix?",
                        "Deci, vă trec pe listă pentru o cutie de zece bucăți, vineri?"]),
}
def _objection_marks(r) -> set[str]:
    return {m.params["objection"] for m in r.marks if "objection" in m.params}


@pytest.mark.parametrize("lang", ["en", "ro"])
def test_an_early_ask_with_no_objection_raised_is_advised_without_one(lang):
    sid, turns = EARLY_ASK[lang]
    r = Call.replay(load_scenarios(lang)[sid], turns).result()
    assert not _objection_marks(r)
    close = [f for f in r.feedback if f.dimension == "close"]
    assert [f.key for f in close] == ["not_agreed"] and close[0].turn == 2
    assert OBJECTION_WORDS[lang] not in close[0].text.lower()


@pytest.mark.parametrize("lang", ["en", "ro"])
def test_an_ask_while_an_objection_is_open_names_it_in_the_mark_and_the_advice(lang):
    """The good discovery call, asking for the demo before answering "no budget left this year"."""
    sc = load_scenarios(lang)["discovery-ops"]
    good = next(ex for ex in sc.examples if ex.name == "good").turns
    r = Call.replay(sc, [*good[:5], good[-1]]).result()
    label = sc.objection("budget").label
    mark = next(m for m in r.marks if m.dimension == "close")
    assert (mark.key, mark.turn, mark.params) == ("not_agreed_open", 6, {"objection": label})
    assert label in mark.message
    close = next(f for f in r.feedback if f.dimension == "close")
    assert close.key == "not_agreed_open" and close.turn == 6 and label in close.text


def _random_calls(lang: str, n: int):
    rnd = random.Random(7)
    for sid, sc in load_scenarios(lang).items():
        pool = [t for ex in sc.examples for t in ex.turns]
        for _ in range(n):
            yield sc, [rnd.choice(pool) for _ in range(rnd.randint(1, sc.turn_limit))]


@pytest.mark.parametrize("lang", ["en", "ro"])
def test_the_advice_cites_only_objections_the_marks_list(lang):
    """Calls made of the scenarios' own turns, in random order: every objection a piece of advice
    names is one the marks list, and advice that names none does not speak of one."""
    for sc, turns in _random_calls(lang, 60):
        r = Call.replay(sc, turns).result()
        marked = _objection_marks(r)
        for f in r.feedback:
            cited = {o.label for o in sc.objections if o.label in f.text}
            assert cited <= marked, (sc.id, turns, f.text)
            if f.key in ("not_agreed", "asked_too_soon", "no_ask", "asked_vague"):
                assert OBJECTION_WORDS[lang] not in f.text.lower(), (sc.id, turns, f.text)
