"""Role-play: a yes/no question that asks for the next step is no closed discovery question.

A first-time user's English discovery call ended "…Before September, we bring Priya in. Does that
work?" and was marked "✗ Discovery: 'Does that work?' closed (yes/no) question" in the same turn as
"✓ The close… the buyer agreed"; in Romanian "Vă convine?", "Vă notez în calendar?" and "Vă trimit
invitația?" each got a ✗. Asking the buyer to agree to a step (scheduling, sending, agreeing) is
the right move: such a question (an ask, one with a ``confirm`` phrase of the lexicon, or, in a
turn that asks for a next step, one naming a step, a time or an ask phrase) is part of the ask,
not discovery. A yes/no question about the buyer's situation is still a closed question.
"""

from __future__ import annotations

from pathlib import Path

import pytest

from mockint.core.roleplay import Call, load_scenarios

EN_CALL = [
    "Thanks for making the time, Sam. You downloaded our staffing guide, so before I say anything about Rotaly: "
    "how do you plan the rotas across your three sites today?",
    "How much time does that take each week, and what happens when someone calls in sick?",
    "That makes sense, a tool nobody uses is worse than a spreadsheet. What made your leads go back to it: was it "
    "too slow to set up, or did it not handle last-minute changes?",
    "So if no-shows were filled from a standby pool automatically, and your leads didn't have to rebuild the rota, "
    "that would go straight at the 14% overtime. Another warehouse group of ours cut overtime from 12% to 7% in "
    "one quarter that way.",
    "Would it make sense to set up a 30-minute session next Tuesday with you and your two shift leads, so they can "
    "try it on one real week of rota before anyone commits?",
    "Fair point. Help me understand the sites better: are the three warehouses staffed the same way, and do "
    "pickers move between sites when one is short?",
    "Got it. Given the overtime target and the leads' time, would a short trial session with your shift leads "
    "next week be a sensible next step?",
    "Who else would be involved in deciding on something like this, and is there a date your director wants "
    "overtime under 8% by?",
    "What would you need to see to feel confident we understand your operation?",
    "Then let's do this: next Tuesday, 30 minutes with you and both shift leads, using one real week of your rota. "
    "If it doesn't beat the spreadsheet, we stop there. Before September, we bring Priya in. Does that work?",
]

RO_CALL = [
    "Înțeleg perfect, 9% e o creștere serioasă și e normal să comparați. Ca să văd ce contează pentru "
    "dumneavoastră: ce v-a oferit celălalt furnizor și ce ar trebui să facă o platformă ca să merite prețul?",
    "si cum merg acum programarile in cele 12 clinici? cate no-show-uri aveti pe luna?",
    "Deci reminderele noastre v-au redus neprezentările, și asta înseamnă scaune ocupate. Dacă am calcula "
    "împreună cât valorează asta pe an față de diferența de preț, ar fi util?",
    "Atunci propun asa: va trimit pana joi un one-pager pentru consiliu cu economiile din reminder-e pe fiecare "
    "clinica, si ne vedem vineri la 10 cu 20 de minute ca sa-l parcurgem impreuna. Va convine?",
    "Nu vă cer un da azi. Ce ar trebui să conțină materialul pentru consiliu ca să vă ajute în decizie?",
    "Perfect. Vă trimit joi materialul cu cifrele pe fiecare clinică și ne auzim vineri la 10, 20 de minute. "
    "Vă notez în calendar?",
    "Înțeleg că prețul rămâne problema. Dacă cele 5 puncte de neprezentări în minus valorează mai mult decât cei "
    "9 %, are sens să ne vedem vineri cu cifrele pe masă?",
    "Pe banii ăștia primiți SMS-urile de reamintire și rapoartele incluse, pe care la celălalt furnizor le-ați "
    "plăti separat. Cu ele neprezentările au scăzut de la 9 % la 4 %. Vineri la 10 vă arăt calculul pe clinică, "
    "bine?",
    "Ce ar face consiliul să aprobe reînnoirea fără reducere?",
    "Propun vineri la 10, 20 de minute, cu calculul pe clinică. Vă trimit invitația?",
]


def _closed(r) -> list[tuple[int, str]]:
    return [(m.turn, m.quote) for m in r.marks if m.key == "closed_question"]


def test_does_that_work_after_the_proposal_is_part_of_the_ask():
    r = Call.replay(load_scenarios("en")["discovery-ops"], EN_CALL).result()
    assert r.agreed
    assert not [q for t, q in _closed(r) if t == 10], _closed(r)
    assert not any(f.key == "closed_question" for f in r.feedback)


def test_vă_convine_vă_notez_vă_trimit_are_part_of_the_ask():
    r = Call.replay(load_scenarios("ro")["renewal-price"], RO_CALL).result()
    assert r.agreed
    quotes = [q for _, q in _closed(r)]
    for q in ("Va convine?", "Vă notez în calendar?", "Vă trimit invitația?"):
        assert q not in quotes, quotes


@pytest.mark.parametrize("lang,sid,turns,closed", [
    ("en", "discovery-ops", ["Do you build the rota in a spreadsheet?"], "Do you build the rota in a spreadsheet?"),
    ("en", "discovery-ops", ["Is the rota built by hand? Can we set up a demo on Thursday at 10?"],
     "Is the rota built by hand?"),
    ("ro", "discovery-ops", ["Faceți programul turelor în Excel?"], "Faceți programul turelor în Excel?"),
    ("ro", "discovery-ops", ["Faceți programul turelor de mână? Putem face o demonstrație joi la 10?"],
     "Faceți programul turelor de mână?"),
])
def test_a_yes_no_question_about_their_situation_is_still_closed(lang, sid, turns, closed):
    r = Call.replay(load_scenarios(lang)[sid], turns).result()
    assert closed in [q for _, q in _closed(r)]


@pytest.mark.parametrize("lang,text,quote", [
    ("en", "Our rota tool fills no-shows from a standby pool. Does that work for you?", "Does that work for you?"),
    ("en", "Let's meet next week. Is Thursday at 10 good for you?", "Is Thursday at 10 good for you?"),
    ("en", "I'll send a short summary. Shall I book thirty minutes with your leads?",
     "Shall I book thirty minutes with your leads?"),
    ("ro", "Programul se reface singur când lipsește cineva. Vă convine?", "Vă convine?"),
    ("ro", "Propun o demonstrație joi la 10. Vă notez în calendar?", "Vă notez în calendar?"),
])
def test_a_question_asking_to_agree_to_a_step_is_not_closed_discovery(lang, text, quote):
    r = Call.replay(load_scenarios(lang)["discovery-ops"], [text]).result()
    assert quote not in [q for _, q in _closed(r)]


def test_the_confirm_cues_are_data():
    for lang in ("en", "ro"):
        text = (Path(__file__).resolve().parents[2] / "roleplays" / f"{lang}.yaml").read_text(encoding="utf-8")
        assert "\n  confirm: [" in text
