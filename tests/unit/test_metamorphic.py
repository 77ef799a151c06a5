"""Each criterion measures its own thing: change one aspect of an answer and only that criterion
moves (issue 13). Base answers are short and long, in both languages, written for these tests."""

from __future__ import annotations

import pytest

from mockint.core.bank import loader

BASES = {
    "en": [
        ("handle-objection", "Last spring a clinic owner told me our price was double the old vendor's. "
         "I asked what a missed booking cost her, and we built the case on that. She signed for two years."),
        ("hit-quota", "Last year I finished at 118 % of a 600,000 euro quota. I called every inbound lead "
         "within an hour and I rebuilt my pipeline around three industries where we won most."),
        ("mistake-learned", "In my first year I sent a proposal before I met the finance director, and "
         "the deal stalled for two months. I learned to map every decision maker first, and I closed it in May."),
        ("sales-experience", "In 2023 one client, a chain of five bakeries, was losing a day a month on "
         "manual timesheets, so I ran a demo on their own data. They signed a three-year contract, and I "
         "finished the year at 112 % of quota. I have sold payroll software for four years."),
    ],
    "ro": [
        ("handle-objection", "Primăvara trecută, proprietara unei clinici mi-a spus că prețul nostru e dublu "
         "față de vechiul furnizor. Am întrebat-o cât o costă o programare pierdută și am construit oferta "
         "pe asta. A semnat pe doi ani."),
        ("hit-quota", "Anul trecut am terminat la 118 % dintr-un target de 600.000 de euro. Am sunat fiecare "
         "lead în prima oră și mi-am refăcut pipeline-ul pe trei industrii în care câștigam cel mai des."),
        ("mistake-learned", "În primul an am trimis o ofertă înainte să mă întâlnesc cu directorul financiar, "
         "iar deal-ul s-a blocat două luni. Am învățat să identific întâi toți decidenții și l-am închis în mai."),
        ("sales-experience", "În 2023 un client, un lanț de cinci brutării, pierdea o zi pe lună cu "
         "pontajul manual, așa că am făcut un demo pe datele lor. Au semnat un contract pe trei ani, iar eu "
         "am încheiat anul la 112 % din target. Vând software de salarizare de patru ani."),
    ],
}
HEDGES = {"en": " I think maybe it sort of worked, I guess, more or less.",
          "ro": " Cred că poate a mers oarecum, nu sunt prea sigur, mai mult sau mai puțin."}
PADDING = {"en": " Sales is a great career. Every day is different and I enjoy the variety. I believe "
           "communication is important and teamwork matters a lot in any company.",
           "ro": " Vânzările sunt o carieră frumoasă. Fiecare zi e diferită și îmi place varietatea. "
           "Comunicarea este importantă și munca în echipă contează mult în orice companie."}
ROLE_QUESTION = {"en": " What does success look like for a new AE on your team in the first 90 days?",
                 "ro": " Cum arată succesul pentru un AE nou în echipa dumneavoastră în primele 90 de zile?"}
CASES = [(lang, qid, text) for lang, items in BASES.items() for qid, text in items]


def _score(lang: str, qid: str, text: str):
    return loader.scorer(lang).score(text, loader.bank(lang).get(qid))


def _passed(result) -> dict[str, bool]:
    return {c.id: c.passed for c in result.criteria}


@pytest.mark.parametrize("lang,qid,text", CASES)
def test_the_bases_are_good_answers(lang, qid, text):
    r = _score(lang, qid, text)
    passed = _passed(r)
    assert passed["real_examples"] and passed["confidence"], (r.score, passed)


@pytest.mark.parametrize("lang,qid,text", CASES)
def test_adding_hedges_lowers_only_confidence(lang, qid, text):
    base, hedged = _score(lang, qid, text), _score(lang, qid, text + HEDGES[lang])
    assert hedged.criterion("confidence").score < base.criterion("confidence").score
    assert not hedged.criterion("confidence").passed
    for cid in ("real_examples", "two_way", "questions_back"):
        assert hedged.criterion(cid).passed == base.criterion(cid).passed, cid


@pytest.mark.parametrize("lang,qid,text", CASES)
def test_padding_with_generic_sentences_never_raises_the_score(lang, qid, text):
    assert _score(lang, qid, text + PADDING[lang]).score <= _score(lang, qid, text).score


@pytest.mark.parametrize("lang,qid,text", CASES)
def test_repeating_the_answer_never_raises_the_score(lang, qid, text):
    assert _score(lang, qid, " ".join([text] * 4)).score <= _score(lang, qid, text).score + 2


@pytest.mark.parametrize("lang,qid,text", CASES)
def test_a_question_about_the_role_raises_only_questions_back(lang, qid, text):
    base, asked = _score(lang, qid, text), _score(lang, qid, text + ROLE_QUESTION[lang])
    assert asked.criterion("questions_back").passed and not base.criterion("questions_back").passed
    for cid in ("real_examples", "confidence"):
        assert asked.criterion(cid).passed == base.criterion(cid).passed, cid
    assert asked.score >= base.score


@pytest.mark.parametrize("lang,qid,text", CASES)
def test_cutting_a_story_to_two_sentences_keeps_the_example(lang, qid, text):
    sentences = [s for s in text.replace("?", ".").split(". ") if s]
    short = ". ".join(sentences[:2]) + "."
    assert _score(lang, qid, short).criterion("real_examples").passed


STORIES = {
    "en": ("Last year I closed a renewal with a logistics firm. I prepared a usage review and presented it.",
           " Their dispatchers were losing an hour a day on manual routing, so I showed how the new module "
           "saved them that hour, and they could finally plan deliveries the night before."),
    "ro": ("Anul trecut am închis o reînnoire cu o firmă de logistică. Am pregătit o analiză de utilizare și am prezentat-o.",
           " Dispecerii lor pierdeau o oră pe zi cu rutarea manuală, așa că le-am arătat cum le economisește "
           "modulul nou acea oră, iar ei au putut în sfârșit să planifice livrările cu o seară înainte."),
}


@pytest.mark.parametrize("lang", ["en", "ro"])
def test_naming_the_customers_problem_and_gain_raises_two_way(lang):
    base, text = STORIES[lang]
    before, after = _score(lang, "contract-renewal", base), _score(lang, "contract-renewal", base + text)
    assert not before.criterion("two_way").passed
    assert after.criterion("two_way").passed
    assert after.criterion("two_way").score > before.criterion("two_way").score
