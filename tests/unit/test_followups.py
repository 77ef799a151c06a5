"""An interviewer who listens (issue 15): follow-ups about this answer, never the same one twice,
and a clarifying question answered mid-interview. Answers written for these tests."""

from __future__ import annotations

import pytest

from mockint.core.bank import loader
from mockint.core.interview import Interview
from tests.unit.test_validation import MINI, err

EIGHT = ["sales-experience", "why-sales", "hit-quota", "handle-objection", "build-relationships",
         "organise-day", "mistake-learned", "negotiate-best-deal"]
WEAK = {
    "en": ["I like sales.", "Money.", "I do my best.", "I handle it.", "Clients like me.", "I plan.",
           "No idea.", "I negotiate well."],
    "ro": ["Îmi plac vânzările.", "Banii.", "Fac tot ce pot.", "Mă descurc.", "Clienții mă plac.",
           "Îmi fac un plan.", "Nu știu.", "Negociez bine."],
}


def interview(lang: str, ids: list[str]) -> Interview:
    bank = loader.bank(lang)
    return Interview([bank.get(q) for q in ids], loader.scorer(lang), bank, lang)


@pytest.mark.parametrize("lang", ["en", "ro"])
def test_eight_weak_answers_never_hear_the_same_follow_up_twice(lang):
    iv = interview(lang, EIGHT)
    asked = []
    for text in WEAK[lang]:
        turn = iv.submit(text)
        if not turn.final:
            asked.append(turn.follow_up)
            turn = iv.submit(text)
        assert turn.final
    assert len(asked) >= 6                                   # weak answers do get asked for more
    assert len(asked) == len(set(asked)), asked


@pytest.mark.parametrize("lang", ["en", "ro"])
def test_the_question_s_own_follow_ups_come_before_the_generic_one(lang):
    iv = interview(lang, ["handle-objection"])
    turn = iv.submit(WEAK[lang][3])
    q = loader.bank(lang).get("handle-objection")
    assert turn.follow_up in [tp.follow_up for tp in q.talking_points]


@pytest.mark.parametrize("lang,text,said", [
    ("en", "I always hit my numbers, 118 % last year, and I like the pressure.", "“118 %"),
    ("ro", "Îmi ating mereu targetul, anul trecut 118 %, și îmi place presiunea.", "“118 %"),
])
def test_a_follow_up_names_what_the_candidate_said(lang, text, said):
    iv = interview(lang, ["sales-experience"])
    turn = iv.submit(text)
    assert not turn.final and said in turn.follow_up


@pytest.mark.parametrize("lang,text,said", [
    ("en", "Mid-market new business fits best, that's what I've done for 18 months.", None),
    ("ro", "Partea de new business pe mid-market mi se potrivește, asta fac de 18 luni.", None),
    ("en", "I've been selling for 18 months, 112 % last year, and I like the pressure.", "“112 %"),
    ("ro", "Vând de 18 luni, anul trecut 112 %, și îmi place presiunea.", "“112 %"),
])
def test_a_follow_up_about_a_figure_is_never_about_a_length_of_time(lang, text, said):
    """"You said “18 months”: how did you get there?" is no question: a follow-up about a figure
    skips lengths of time (the rubric's `skip: [durations]`) and asks about another, or another thing."""
    iv = interview(lang, ["sales-experience"])
    turn = iv.submit(text)
    assert not turn.final and "18" not in turn.follow_up
    if said is not None:
        assert said in turn.follow_up


@pytest.mark.parametrize("lang,text,reply", [
    ("en", "Before I answer: how is the territory split for a new AE? I sold payroll software for two "
           "years to retailers and closed 40 deals.", "territory"),
    ("ro", "Aș vrea să clarific: cum este împărțit teritoriul pentru un AE nou? Am vândut software de "
           "salarizare doi ani către retaileri și am închis 40 de contracte.", "territory"),
])
def test_a_clarifying_question_mid_interview_is_answered(lang, text, reply):
    iv = interview(lang, ["sales-experience"])
    turn = iv.submit(text)
    assert [r.reply_id for r in turn.replies] == [reply]


@pytest.mark.parametrize("lang,text", [
    ("en", "Mid-market new business fits best. Is the territory named accounts or open? And how are "
           "disputes over who owns an account settled?"),
    ("ro", "Partea de new business pe mid-market mi se potrivește. Teritoriul e pe conturi numite sau "
           "deschis? Și cum se rezolvă disputele despre cine deține un cont?"),
])
def test_a_question_asked_with_a_known_one_is_not_left_unanswered(lang, text):
    """Two questions mid-interview, one the reply bank knows: the other gets the honest fallback
    ("I'll have the hiring manager follow up"), not silence."""
    iv = interview(lang, ["job-spec"])
    ids = [r.reply_id for r in iv.submit(text).replies]
    assert ids == ["territory", "fallback"]


@pytest.mark.parametrize("lang", ["en", "ro"])
def test_a_rhetorical_question_mid_interview_gets_no_fallback_reply(lang):
    iv = interview(lang, ["sales-experience"])
    text = {"en": "Why do I like it? Because I closed 40 deals for retailers in two years.",
            "ro": "De ce îmi place? Pentru că am închis 40 de contracte cu retaileri în doi ani."}[lang]
    assert iv.submit(text).replies == []


def test_follow_ups_are_validated():
    base = MINI.replace("    threshold: 0.6\n", "    threshold: 0.6\n    follow_ups:\n      - {check: hedges, text: 'X'}\n")
    assert "criteria[0].follow_ups[0].text: a follow-up about the answer names what the candidate said: put {hit} in it" in err(base)
    bad = base.replace("text: 'X'", "text: 'You said {hit}'").replace("check: hedges", "check: hedgez")
    assert "criteria[0].follow_ups[0].check: 'confidence.hedgez' names no check (did you mean 'confidence.hedges'?)" in err(bad)
    skip = base.replace("text: 'X'", "text: 'You said {hit}', skip: [hedgez]")
    assert "criteria[0].follow_ups[0].skip[0]: no list named 'hedgez' in 'lists'" in err(skip)
    missing = base.replace("{check: hedges, text: 'X'}", "{check: hedges}")
    assert "follow_ups[0]: missing the required key 'text'" in err(missing)


@pytest.mark.parametrize("lang,text", [
    ("en", "What separates your top AEs from the middle of the pack? And is there drug testing?"),
    ("ro", "Ce îi diferențiază pe cei mai buni AE de mijlocul clasamentului? Și faceți teste antidrog?"),
])
def test_the_interviewer_answers_a_question_about_its_best_people(lang, text):
    iv = interview(lang, ["questions-for-us"])
    assert [r.reply_id for r in iv.submit(text).replies] == ["top-performers", "fallback"]


@pytest.mark.parametrize("lang,text", [
    ("en", "What does the first 90 days look like? And what's the split between base and variable?"),
    ("ro", "da, cum arata primele 3 luni pt un AE nou? si cat e fixul?"),
])
def test_a_question_about_the_base_pay_gets_the_pay_reply(lang, text):
    iv = interview(lang, ["questions-for-us"])
    assert [r.reply_id for r in iv.submit(text).replies] == ["success-90-days", "pay"]


def test_a_quote_in_a_follow_up_is_cut_after_a_whole_word():
    """A long quote was cut inside a word ("…for a new AE in the f…"): now after the last whole
    word that fits, with "…"; a short one is whole."""
    from mockint.core.data.display import clipped
    from mockint.core.scoring.followups import _quote

    said = "I asked what success looks like for a new AE in the first ninety days of the job"
    assert _quote(said) == "“I asked what success looks like for a new AE in the first…”"
    assert len(_quote(said)) <= 62 and _quote("118 % of quota.") == "“118 % of quota”"
    assert clipped(said, 61) == "I asked what success looks like for a new AE in the first…"
    assert clipped("x" * 70, 20) == "x" * 19 + "…"                 # one long word: cut inside
    assert clipped("a  b\n c", 61) == "a b c"


def test_a_follow_up_never_quotes_function_words_only():
    """A walkthrough was asked "You mentioned “there was a”: what did you do there yourself…?": a hit
    of the rubric's function words only is not quoted; the question's own follow-up comes instead."""
    from mockint.core.scoring import followups

    sc, b = loader.scorer("en"), loader.bank("en")
    q = b.get("job-spec")
    r = sc.score("So yeah, then there was a period where I was helping the marketing team, and it was busy, "
                 "and it was good for everybody in general I would say.", q)
    asked = followups.candidates(r.criterion("real_examples"), r, q, sc.rubric)
    assert asked and not any("there was a" in f for f in asked)
