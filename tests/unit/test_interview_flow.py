"""The interview flow (mockint.core.interview), without a terminal."""

from __future__ import annotations

import subprocess
import sys

import pytest
from conftest import ROOT

from mockint.core.bank import loader
from mockint.core.data.errors import MockintError
from mockint.core.interview import READINESS, Interview, Settings, coach_from_result, pick_questions, questions_for

STRONG_EN = (
    "For the last three years I worked as an account executive at a B2B software company, selling "
    "scheduling software to mid-market retailers in my own territory. My role was the full cycle: I "
    "owned prospecting, demos and closing for my accounts. Last year I exceeded my quota at 124 percent "
    "and closed 38 deals, with an average deal size of 18,000 euros. For example, one client, a retail "
    "chain with 40 stores, was stuck with spreadsheets. I asked their operations team what slowed them "
    "down, I proposed a pilot in five stores, and as a result they signed a 60,000 euro contract and "
    "renewed the next year. That experience is relevant to this role because your customers are the "
    "same kind of mid-market companies, and I would bring the same discovery habits to your team.")
WEAK_EN = "I am a great communicator and a team player, and I love sales."
FOLLOW_UP_EN = ("For example, last year at my previous company I sold software to a retail chain. I called "
                "the buyer, proposed a pilot in 5 stores and closed a 40,000 euro deal, 120% of my quota.")


def bank(lang="en"):
    return loader.bank(lang)


def interview(ids, lang="en"):
    b = bank(lang)
    return Interview([b.get(i) for i in ids], loader.scorer(lang), b, lang)


# -- picking questions
@pytest.mark.parametrize("qset, topics", [("common", {"common"}), ("skills", {"skills"}),
                                          ("responsibilities", {"responsibilities"}),
                                          ("role", {"role", "pay"})])
def test_pick_questions_by_set(qset, topics):
    qs = pick_questions(bank(), Settings(question_set=qset))
    assert qs and {q.topic for q in qs} == topics
    assert len(qs) == len([q for q in bank().questions if q.topic in topics])


def test_common_is_the_do2_questions():
    ids = [q.id for q in pick_questions(bank(), Settings(question_set="common"))]
    assert ids == ["sales-experience", "why-sales", "mistake-learned"]


@pytest.mark.parametrize("count", [1, 2, 3, 5, 8, 12])
def test_full_ends_with_questions_for_us_and_respects_count(count):
    qs = pick_questions(bank(), Settings(question_set="full", count=count))
    assert len(qs) == count
    assert qs[-1].id == "questions-for-us"
    assert len({q.id for q in qs}) == count
    if count > 1:
        assert qs[0].id == "sales-experience"


def test_full_default_is_eight_mixed_questions():
    qs = pick_questions(bank(), Settings(question_set="full"))
    assert len(qs) == 8 and qs[-1].id == "questions-for-us"
    assert len({q.topic for q in qs}) >= 4


@pytest.mark.parametrize("qset", ["skills", "responsibilities", "role", "full"])
def test_pick_is_deterministic_and_count_limited(qset):
    s = Settings(question_set=qset, count=3)
    first = [q.id for q in pick_questions(bank(), s)]
    assert first == [q.id for q in pick_questions(bank(), s)]
    assert len(first) == 3
    # same ids in Romanian: the banks share question ids
    assert first == [q.id for q in pick_questions(bank("ro"), Settings(lang="ro", question_set=qset, count=3))]


def test_different_seed_can_pick_differently():
    picks = {tuple(q.id for q in pick_questions(bank(), Settings(question_set="skills", count=3, seed=s)))
             for s in range(6)}
    assert len(picks) > 1


def test_questions_for_given_ids_and_unknown_id():
    qs = questions_for(bank(), Settings(), ["why-sales", "hit-quota"])
    assert [q.id for q in qs] == ["why-sales", "hit-quota"]
    with pytest.raises(MockintError, match="unknown question id"):
        questions_for(bank(), Settings(), ["no-such-question"])


@pytest.mark.parametrize("kw", [{"question_set": "nope"}, {"feedback": "sometimes"}, {"count": 0},
                                {"lang": "fr"}])
def test_bad_settings_are_refused(kw):
    with pytest.raises(MockintError):
        Settings(**kw)


# -- answering and follow-ups
def test_weak_answer_gets_exactly_one_follow_up_then_combined_score():
    iv = interview(["sales-experience", "why-sales"])
    first = iv.submit(WEAK_EN, 20.0)
    assert not first.final and first.follow_up
    assert first.follow_up_for in ("real_examples", "key_points")
    assert iv.awaiting_follow_up and iv.number == 1 and iv.results == []
    second = iv.submit(FOLLOW_UP_EN, 30.0)
    assert second.final and second.follow_up is None
    assert second.answer == WEAK_EN + "\n\n" + FOLLOW_UP_EN
    assert second.result.answer == second.answer
    assert second.result.elapsed == 50.0
    expected = loader.scorer("en").score(WEAK_EN + "\n\n" + FOLLOW_UP_EN, bank().get("sales-experience"), 50.0)
    assert second.result.score == expected.score
    assert iv.results == [second.result]
    assert iv.number == 2 and not iv.awaiting_follow_up
    # the next weak answer gets its own follow-up, but only one
    again = iv.submit(WEAK_EN, None)
    assert not again.final
    assert iv.submit(WEAK_EN, None).final
    assert iv.is_over


def test_strong_answer_goes_straight_on():
    iv = interview(["sales-experience", "why-sales"])
    turn = iv.submit(STRONG_EN, 60.0)
    assert turn.final and turn.follow_up is None
    assert turn.result.score >= 80
    assert iv.current_question().id == "why-sales"


def test_untimed_answer_has_no_on_time_criterion():
    iv = interview(["sales-experience"])
    turn = iv.submit(STRONG_EN, None)
    assert turn.result.criterion("on_time") is None
    assert interview(["sales-experience"]).submit(STRONG_EN, 60.0).result.criterion("on_time") is not None


def test_closing_question_without_questions_asks_once_and_replies_after():
    iv = interview(["questions-for-us"])
    first = iv.submit("No, I think you covered everything, thank you.", None)
    assert not first.final and first.follow_up_for == "questions_back"
    assert first.replies == []
    last = iv.submit("Yes: what does the training look like in the first month? And how big is the team?", None)
    assert last.final
    assert [r.reply_id for r in last.replies] == ["training", "team"]


def test_skip_and_end_now():
    iv = interview(["sales-experience", "why-sales", "mistake-learned"])
    assert iv.skip() is None
    assert iv.skipped == ["sales-experience"] and iv.current_question().id == "why-sales"
    assert not iv.submit(WEAK_EN, None).final
    turn = iv.skip()                       # skipping a follow-up keeps the first answer
    assert turn is not None and turn.final and turn.answer == WEAK_EN
    assert iv.current_question().id == "mistake-learned"
    iv.end_now()
    assert iv.is_over and iv.current_question() is None
    assert [r.question.id for r in iv.results] == ["why-sales"]
    with pytest.raises(MockintError):
        iv.submit("too late", None)


def test_end_now_during_follow_up_keeps_the_first_answer():
    iv = interview(["sales-experience", "why-sales"])
    iv.submit(WEAK_EN, None)
    iv.end_now()
    assert iv.is_over and len(iv.results) == 1 and iv.results[0].answer == WEAK_EN


def test_huge_answer_raises_and_keeps_state():
    iv = interview(["sales-experience"])
    with pytest.raises(MockintError, match="characters"):
        iv.submit("word " * 50_000, None)
    assert iv.number == 1 and not iv.awaiting_follow_up and iv.results == []


# -- replies to the candidate's questions
@pytest.mark.parametrize("lang, text", [
    ("en", "What kind of training do new AEs get?"),
    ("en", "How does onboarding work here?"),
    ("ro", "Ce fel de training primesc AE-ii noi?"),
    ("ro", "Cum arată programul de instruire?"),
])
def test_reply_to_training(lang, text):
    matches = interview(["questions-for-us"], lang).reply_to(text)
    assert [m.reply_id for m in matches] == ["training"]
    assert matches[0].text == next(r.text for r in bank(lang).replies if r.id == "training")


@pytest.mark.parametrize("lang, text, ids", [
    ("en", "Is the role mostly inbound or outbound? And what does a typical sales cycle look like?",
     ["lead-sources", "sales-cycle"]),
    ("ro", "Rolul e mai mult inbound sau outbound? Și cât durează un deal de obicei?", ["lead-sources", "sales-cycle"]),
])
def test_a_clarifying_question_on_the_job_spec_gets_its_reply(lang, text, ids):
    """The job-description question invites questions: "inbound or outbound?" and "the sales
    cycle" are known, so the interviewer answers them there, not only at the close."""
    iv = interview(["job-spec"], lang)
    assert [m.reply_id for m in iv.reply_to(text)] == ids
    assert [m.reply_id for m in iv._replies_for(bank(lang).get("job-spec"), text)] == ids


@pytest.mark.parametrize("lang, text", [("en", "What colour is your logo?"), ("ro", "Ce culoare are sigla?")])
def test_reply_to_falls_back(lang, text):
    assert [m.reply_id for m in interview(["questions-for-us"], lang).reply_to(text)] == ["fallback"]


def test_reply_to_each_question_once_and_ignores_statements():
    iv = interview(["questions-for-us"])
    text = "I read your website. What are the biggest challenges? What is hardest about the role? Thanks."
    assert [m.reply_id for m in iv.reply_to(text)] == ["challenges"]
    assert iv.reply_to("I have no questions.") == []


def test_reply_to_tolerates_a_typo():
    assert [m.reply_id for m in interview(["questions-for-us"]).reply_to("What is the onbaording like?")] \
        == ["training"]


# -- opening, summary, readiness, coach
def test_opening_in_both_languages():
    assert "3 questions" in interview(["sales-experience", "why-sales", "mistake-learned"]).opening()
    assert "3 întrebări" in interview(["sales-experience", "why-sales", "mistake-learned"], "ro").opening()


@pytest.mark.parametrize("n, said", [(2, "2"), (19, "19"), (20, "20 de"), (35, "35 de"), (100, "100 de"),
                                     (101, "101"), (119, "119"), (120, "120 de")])
def test_romanian_counts_take_de_from_twenty(n, said):
    """Issue 19 review: "Am 35 întrebări" is wrong Romanian; from 20 on it is "35 de întrebări"."""
    from mockint.core.data.strings import ro_count
    assert ro_count(n) == said


def test_summary_includes_readiness_and_retry():
    iv = interview(["sales-experience", "why-sales", "mistake-learned"])
    iv.set_readiness(researched_company=True, on_time_setup=True)
    iv.submit(STRONG_EN, 60.0)
    iv.submit(WEAK_EN, 5.0)
    iv.submit(WEAK_EN, 5.0)
    iv.skip()
    s = iv.summary()
    assert set(s.readiness) == set(READINESS)
    assert s.readiness["researched_company"] and s.readiness["on_time_setup"]
    assert not s.readiness["three_stories"]
    assert s.session.score > 0 and len(s.session.results) == 2
    assert len(s.session.weakest) == 3
    assert s.skipped == ["mistake-learned"]
    assert s.retry == ["why-sales", "mistake-learned"]
    with pytest.raises(MockintError):
        iv.set_readiness(bogus=True)


def test_coach_on_a_draft():
    iv = interview(["sales-experience"])
    c = iv.coach("So um I think maybe, for example last year, I closed 3 deals. What does onboarding look like here?")
    assert c.example and c.number and c.question_back
    assert c.hedges and c.fillers and c.length == "short"
    assert c.min_words == 90 and c.max_words == 250
    assert coach_from_result(loader.scorer("en").score(STRONG_EN, bank().get("sales-experience"))).result
    assert iv.coach("x " * 120_000).error


def test_core_interview_does_not_import_textual():
    code = ("import sys, mockint.core.interview\n"
            "print(any(m == 'textual' or m.startswith('textual.') for m in sys.modules))")
    out = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, cwd=ROOT, check=True)
    assert out.stdout.strip() == "False"


def test_tui_package_import_does_not_import_textual():
    code = ("import sys, mockint.tui, mockint.core.data.strings\n"
            "print(any(m == 'textual' or m.startswith('textual.') for m in sys.modules))")
    out = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, cwd=ROOT, check=True)
    assert out.stdout.strip() == "False"


def test_the_coach_sees_questions_back_on_the_closing_question_too():
    """There questions are counted by questions_to_them (role_questions is left out)."""
    iv = interview(["questions-for-us"])
    q = bank().get("questions-for-us")
    assert iv.coach("Yes: what are the main reasons customers churn in their first year?", q).question_back
    assert not iv.coach("No, I think you covered everything, thank you.", q).question_back


def test_perks_questions_are_questions_back_and_poor_ones():
    """A perks-only question at the close was asked (issue 13): the summary says so with a ✓ on
    the same row, and preparation says why it is a poor one."""
    from mockint.core.scoring.feedback import session_summary
    scorer, q = loader.scorer("en"), bank().get("questions-for-us")
    perks = scorer.score("Is there parking near the office? And do you offer a gym subscription?", q)
    real = scorer.score("What are the main reasons customers churn in their first year?", q)
    for r in (perks, real):
        s = session_summary("en", [r])
        row = next(c for c in s.criteria if c["id"] == "questions_back")
        assert s.asked_questions and row["passed"]
    assert not perks.criterion("preparation").passed and "parking" in perks.criterion("preparation").feedback
    assert perks.score < real.score


def test_posting_questions_take_places_when_a_number_was_asked_for():
    from mockint.core.bank import loader
    from mockint.core.interview import with_job_questions

    bank = loader.bank("en")
    qs = [bank.get(i) for i in ("sales-experience", "why-sales", "hit-quota", "questions-for-us")]
    extra = [bank.get(i) for i in ("handle-objection", "mistake-learned", "find-target-accounts")]
    ids = lambda n: [q.id for q in with_job_questions(qs, extra, n)]          # noqa: E731
    assert ids(None) == ["sales-experience", "why-sales", "hit-quota", "handle-objection", "mistake-learned",
                         "find-target-accounts", "questions-for-us"]
    assert ids(4) == ["sales-experience", "handle-objection", "mistake-learned", "questions-for-us"]
    assert ids(2) == ["handle-objection", "questions-for-us"]
    assert ids(1) == ["handle-objection"]


@pytest.mark.parametrize("lang, text, rid, says", [
    ("en", "Is there a cap on commission?", "pay", "not capped"),
    ("ro", "Comisionul are plafon?", "pay", "fără plafon"),
    ("en", "What does a typical ramp look like in the first 90 days?", "success-90-days", "fully ramped"),
    ("ro", "Cum arată perioada de ramp-up în primele 90 de zile?", "success-90-days", "luna a patra"),
])
def test_a_direct_question_gets_a_direct_answer(lang, text, rid, says):
    """A walkthrough asked "Is there a cap on commission?" and was told about accelerators, never
    whether; and "a typical ramp" was answered about training."""
    (m,) = interview(["questions-for-us"], lang).reply_to(text)
    assert m.reply_id == rid and says in m.text


@pytest.mark.parametrize("lang, text", [
    ("en", "The prospecting part matches what I do now. Is the partner work a big part of the role?"),
    ("ro", "Partea de prospectare se potrivește. Munca cu partenerii e o parte mare din rol?"),
])
def test_a_question_that_invites_questions_answers_every_one(lang, text):
    """The job-description question asks what they wanted to clarify (invites_questions): a
    question the reply bank does not know gets the honest fallback there, not silence."""
    q = bank(lang).get("job-spec")
    assert q.invites_questions
    assert [m.reply_id for m in interview(["job-spec"], lang)._replies_for(q, text)] == ["fallback"]
    other = bank(lang).get("sales-experience")
    assert not other.invites_questions
    assert interview(["sales-experience"], lang)._replies_for(other, text) == []


@pytest.mark.parametrize("lang, text, said", [
    ("en", "What does success look like in the first six months, and how many AEs are on the team?",
     [("What does success look like in the first six months?", "success-90-days"),
      ("and how many AEs are on the team?", "team")]),
    ("ro", "Cum arată succesul în primele șase luni, și câți AE sunt în echipă?",
     [("Cum arată succesul în primele șase luni?", "success-90-days"), ("și câți AE sunt în echipă?", "team")]),
    ("en", "What do you sell, and to whom?", [("What do you sell, and to whom?", "product")]),
])
def test_two_questions_in_one_sentence_get_two_replies(lang, text, said):
    """A walkthrough's "…in the first six months, and how many AEs are on the team?" got one reply:
    the rubric's question_joins split a second question off after a comma."""
    got = [(m.question, m.reply_id) for m in interview(["questions-for-us"], lang).reply_to(text)]
    assert got == said
