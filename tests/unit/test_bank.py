"""The built-in banks: both languages, same ids, the whole guide covered."""

from __future__ import annotations

import pytest

from mockint.core.bank import loader
from mockint.core.questions.guide import facts

REQUIRED = {"sales-experience": "do-2", "why-sales": "do-2", "mistake-learned": "do-2",
            "handle-objection": "resp-9", "upsell-cross-sell": "resp-6", "build-relationships": "resp-3",
            "handle-rejection": "skill-6", "ae-vs-am": "am-2", "salary-expectations": "pay-1",
            "questions-for-us": "do-4"}
COVERED = ([f"resp-{i}" for i in range(1, 11)] + [f"skill-{i}" for i in range(1, 7)] +
           [f"am-{i}" for i in range(1, 5)] + ["pay-1", "pay-2", "tip-1", "tip-2", "tip-3", "do-1",
                                               "do-2", "do-3", "do-4", "dont-1", "dont-2", "dont-3"])


@pytest.mark.parametrize("lang", ["en", "ro"])
def test_bank_size_and_required_ids(lang):
    bank = loader.bank(lang)
    assert len(bank.questions) >= 30
    for qid, fact in REQUIRED.items():
        assert fact in bank.get(qid).guide, (qid, fact)


def test_same_ids_in_both_languages():
    assert loader.bank("en").ids() == loader.bank("ro").ids()


@pytest.mark.parametrize("lang", ["en", "ro"])
def test_the_whole_guide_is_covered(lang):
    cited = {g for q in loader.bank(lang).questions for g in q.guide}
    assert not set(COVERED) - cited
    assert cited <= set(facts())


@pytest.mark.parametrize("lang", ["en", "ro"])
def test_every_question_is_complete(lang):
    for q in loader.bank(lang).questions:
        assert q.kind in ("behavioural", "situational", "knowledge", "closing")
        assert q.min_words < q.max_words and q.seconds > 0
        assert len(q.talking_points) >= 3, q.id
        for tp in q.talking_points:
            assert tp.phrases and tp.follow_up.strip().endswith("?"), (q.id, tp.id)


def test_closing_question_text():
    assert loader.bank("en").get("questions-for-us").text == "Do you have any questions for us?"
    assert loader.bank("en").get("questions-for-us").kind == "closing"


@pytest.mark.parametrize("lang", ["en", "ro"])
def test_replies_have_one_fallback(lang):
    replies = loader.bank(lang).replies
    assert [r.id for r in replies].count("fallback") == 1
    assert len(replies) >= 10


def test_guide_facts_in_both_languages():
    f = facts()
    assert len(f) == 39
    for fact in f.values():
        assert fact.en.strip() and fact.ro.strip()
        assert "ş" not in fact.ro and "ţ" not in fact.ro


EIGHT_MISTAKES = """lang: en
version: 1
questions:
  - id: Bad Id!
    text: "Tell me about a deal?"
    tags:
      topic: comon
      kind: behavioral
      difficulty: medum
    guide: [do-1]
    answer:
      min_words: 50
      max_words: 20
      seconds: -5
    talking_points:
      - id: x
        summary: "A deal"
        phrases: []
        follow_up: "Which deal?"
    folow_ups: []
"""


def test_validation_lists_every_problem_of_a_question(tmp_path):
    """Issue 19: a question with eight mistakes took eight fix-and-rerun cycles."""
    from tests.conftest import run_main

    f = tmp_path / "q.yaml"
    f.write_text(EIGHT_MISTAKES)
    p = run_main("validate", str(f))
    assert p.returncode == 1
    assert [line.split(": ", 2)[1] for line in p.stdout.splitlines()] == [
        "questions[0].id", "questions[0].tags.topic", "questions[0].tags.kind", "questions[0].tags.difficulty",
        "questions[0].answer.max_words", "questions[0].answer.seconds", "questions[0].talking_points[0].phrases",
        "questions[0].folow_ups"]
    assert p.stderr == "mockint: note: 8 problems in 1 file\n"
    p = run_main("questions", "import", str(f))                     # import says them all too
    assert p.returncode == 2 and len(p.stderr.splitlines()) == 9 and "8 problems; nothing imported" in p.stderr


def test_a_bank_missing_its_version_still_shows_the_other_problems(tmp_path):
    from tests.conftest import run_main

    f = tmp_path / "q.yaml"
    f.write_text(EIGHT_MISTAKES.replace("version: 1\n", ""))
    p = run_main("validate", str(f))
    assert p.returncode == 1 and p.stdout.splitlines()[0] == f"{f}:1:1: missing the required key 'version'"
    assert p.stderr == "mockint: note: 9 problems in 1 file\n"


def test_a_key_one_level_too_high_says_where_it_goes(tmp_path):
    from tests.conftest import run_main

    f = tmp_path / "q.yaml"
    f.write_text(EIGHT_MISTAKES.replace("    answer:\n      min_words: 50\n", "    min_words: 50\n    answer:\n"))
    p = run_main("validate", str(f))
    assert f"{f}:11:5: questions[0].min_words: unknown key here; 'min_words' goes under 'answer:'" in p.stdout
    assert "missing the required key 'min_words'" in p.stdout          # and answer: still lacks it


SUBJECT_BANK = """lang: en
version: 1
questions:
  - id: pay
    text: "What are your salary expectations?"
    tags: {topic: pay, kind: knowledge, difficulty: medium}
    answer: {min_words: 30, max_words: 120, seconds: 60}
    subject: [salary, base, commission]
    talking_points:
      - id: range
        summary: "Give a range"
        phrases: [range, between]
        follow_up: "What range?"
"""


def test_a_questions_subject_is_read_written_and_checked():
    """``subject``: the phrases any answer to the question names; kept by ``to_data`` (export,
    edit), and a list of at least one phrase."""
    from mockint.core.questions.bank import parse_bank
    from mockint.core.data.errors import DataError

    q = parse_bank(SUBJECT_BANK, "q.yaml").questions[0]
    assert q.subject == ["salary", "base", "commission"]
    assert q.to_data()["subject"] == ["salary", "base", "commission"] and q.to_dict()["subject"] == q.subject
    assert "subject" not in parse_bank(SUBJECT_BANK.replace("    subject: [salary, base, commission]\n", ""),
                                       "q.yaml").questions[0].to_data()
    for bad, says in (("subject: []", "questions[0].subject"), ("subject: salary", "questions[0].subject"),
                      ("subjects: [salary]", "did you mean 'subject'")):
        with pytest.raises(DataError) as e:
            parse_bank(SUBJECT_BANK.replace("subject: [salary, base, commission]", bad), "q.yaml")
        assert says in str(e.value), str(e.value)


@pytest.mark.parametrize("lang", ["en", "ro"])
def test_built_in_subjects_name_their_own_examples(lang):
    """A built-in question's own passing example names its subject (the off_subject check holds)."""
    scorer, bank = loader.scorer(lang), loader.bank(lang)
    for q in bank.questions:
        if q.subject:
            for ex in q.examples.passing:
                text = ex.answer
                res = scorer.score(text, q)
                check = next(c for crit in res.criteria for c in crit.checks if c.id == "off_subject")
                assert check.passed, (q.id, text[:60])
