"""`mockint check-rubric`: example answers of questions and criteria, scored like unit tests;
every example on the wrong side is listed with the rules that decided it."""

from __future__ import annotations

import pytest
from conftest import ROOT, run_main

from mockint.core.bank import loader, selfcheck
from mockint.core.data.errors import DataError
from mockint.core.questions.bank import parse_bank
from mockint.core.questions.guide import fact_ids
from mockint.core.scoring.rubric import parse_rubric

STRONG = ("At my last company I sold logistics software to retailers. In 2022 a chain of 40 stores was "
          "about to sign with a competitor, and my goal was to keep the deal. First I asked their director "
          "what mattered, and I found out that late deliveries hurt them more than price. Then I ran a "
          "two-week pilot in three stores. As a result their late deliveries dropped by 18 percent and "
          "they signed a two-year contract worth $240,000. I finished the year at 112% of quota.")
HEAD = ("lang: en\nversion: 1\nquestions:\n  - id: best-deal\n    text: \"Tell me about your best deal.\"\n"
        "    tags: {topic: common, kind: behavioural, difficulty: medium}\n"
        "    answer: {min_words: 60, max_words: 200, seconds: 120}\n")


def test_the_built_in_rubric_passes_its_own_examples():
    p = run_main("check-rubric")
    assert p.returncode == 0, p.stdout
    assert p.stdout == ""
    assert p.stderr == "mockint: note: 188 examples checked in 4 files: all on the right side\n"


@pytest.mark.parametrize("lang", ["en", "ro"])
def test_every_built_in_question_and_criterion_has_pass_and_fail_examples(lang):
    for q in loader.bank(lang).questions:
        assert q.examples.passing and q.examples.failing, q.id
    for c in loader.rubric(lang).criteria:
        assert c.examples.passing and c.examples.failing, c.id


def test_romanian_examples_are_written_with_comma_below_diacritics():
    text = (ROOT / "question_bank" / "ro.yaml").read_text(encoding="utf-8")
    examples = text[text.index("    examples:"):]
    assert "ș" in examples and "ț" in examples and "ş" not in examples and "ţ" not in examples


def test_an_example_on_the_wrong_side_is_listed_with_the_rules(tmp_path):
    f = tmp_path / "q.yaml"
    f.write_text(HEAD + "    examples:\n      pass:\n        - \"I sold a thing once. It was fine.\"\n"
                 f"      fail:\n        - \"{STRONG}\"\n")
    p = run_main("check-rubric", str(f))
    assert p.returncode == 1
    lines = p.stdout.splitlines()
    assert lines[0] == f"{f}:10:11: question 'best-deal': example pass[0] should pass, but it scored 15, under 70"
    assert any(line.startswith("    ✗ ") and "(passes at " in line for line in lines)
    assert any(line.startswith("      preparation.substance reward value") for line in lines)
    assert f"{f}:12:11: question 'best-deal': example fail[0] should fail, but it scored 100 (70 or more passes)" in lines
    assert any(line.startswith('      real_examples.actions reward value 1.00, count 4, points +0.40: "I sold", '
                               '"I asked"') for line in lines)
    assert p.stderr == "mockint: note: 2 examples checked in 1 file: 2 on the wrong side\n"


def test_examples_on_the_right_side_print_nothing(tmp_path):
    f = tmp_path / "q.yaml"
    f.write_text(HEAD + f"    examples:\n      pass: [\"{STRONG}\"]\n      fail: [\"I sold a thing once.\"]\n")
    p = run_main("check-rubric", str(f))
    assert p.returncode == 0 and p.stdout == ""
    assert p.stderr == "mockint: note: 2 examples checked in 1 file: all on the right side\n"


def test_criterion_examples(tmp_path):
    rub = (ROOT / "rubrics" / "en.yaml").read_text(encoding="utf-8")
    r = tmp_path / "mine.yaml"
    r.write_text(rub.replace(
        "    examples:\n      pass:\n        - question: why-sales\n          elapsed: 100\n",
        "    examples:\n      pass:\n        - question: why-sales\n          elapsed: 300\n").replace(
        "        - question: questions-for-us\n          answer: >-\n            No, I think",
        "        - question: questions-for-uss\n          answer: >-\n            No, I think"))
    p = run_main("check-rubric", str(r))
    assert p.returncode == 1
    lines = p.stdout.splitlines()
    head = [line for line in lines if not line.startswith(" ")]
    assert head[0].startswith(f"{r}:") and head[0].endswith(
        ": criterion 'questions_back': example fail[0] should fail, but names no bank question "
        "'questions-for-uss' (did you mean 'questions-for-us'?)")
    assert head[1].endswith(": criterion 'on_time': example pass[0] should pass, but it scored 0.48, under its "
                            "threshold 0.99")
    assert "    on_time.within_budget reward value 0.48, count 0, points +0.48 — You took 5:00 for a 2:00 answer: " \
           "rehearse a shorter version." in lines
    assert p.stderr == "mockint: note: 24 examples checked in 1 file: 2 on the wrong side\n"


def test_a_criterion_that_does_not_apply_is_a_miss(tmp_path):
    rub = (ROOT / "rubrics" / "en.yaml").read_text(encoding="utf-8")
    r = tmp_path / "mine.yaml"
    r.write_text(rub.replace("        - question: why-sales\n          elapsed: 100\n",
                             "        - question: why-sales\n"))
    p = run_main("check-rubric", str(r))
    assert p.returncode == 1
    assert p.stdout.splitlines()[0].endswith(
        ": criterion 'on_time': example pass[0] should pass, but the criterion is not applied to it (it counts "
        "only with a time: give the example an 'elapsed')")


HYPOTHETICAL = ("I ask about their process first, and I listen to what slows their team down. Then I use a short "
                "demo to show the customer how our tool saves them time every week. I plan the next step with them "
                "before the call ends, and I propose a pilot, because a pilot lowers the risk for the buyer. As a "
                "result the prospect can see the value before they sign.")


def test_a_question_example_is_scored_with_the_questions_own_overrides(tmp_path):
    f = tmp_path / "q.yaml"
    f.write_text(HEAD.replace("best-deal", "hypothetical") + "    criteria: {real_examples: off}\n"
                 f"    examples:\n      pass: [\"{HYPOTHETICAL}\"]\n")
    p = run_main("check-rubric", str(f))
    assert p.returncode == 0, p.stdout
    q = parse_bank(f.read_text(), "q.yaml", fact_ids()).questions[0]
    with_override = loader.scorer("en").score(HYPOTHETICAL, q)
    q.criteria = {}
    without = loader.scorer("en").score(HYPOTHETICAL, q)
    assert with_override.score == 100 and without.score < 100      # no past-tense story asked for


def test_unloadable_files_are_problems(tmp_path):
    bad = tmp_path / "bad.yaml"
    bad.write_text("lang: en\nversion: 1\nquestions:\n\t- id: x\n")
    p = run_main("check-rubric", str(bad))
    assert p.returncode == 1
    assert p.stdout == f"{bad}:4:1: malformed YAML: a tab character; indent with spaces only\n"
    assert p.stderr == "mockint: note: 0 examples checked in 1 file: all on the right side; 1 file problem\n"


def test_verbose_lists_what_has_no_examples(tmp_path):
    f = tmp_path / "q.yaml"
    f.write_text(HEAD)
    p = run_main("check-rubric", "--verbose", str(f))
    assert p.returncode == 0 and p.stdout == f"no examples: {f}: question 'best-deal'\n"


def test_folders_and_the_guide_file():
    p = run_main("check-rubric", "rubrics")
    assert p.returncode == 0
    assert p.stderr == "mockint: note: 48 examples checked in 3 files: all on the right side\n"


def test_user_files_are_checked_too():
    from mockint.core.data.paths import home

    (home() / "question_bank").mkdir(parents=True)
    (home() / "question_bank" / "mine.yaml").write_text(
        HEAD + "    examples:\n      pass: [\"I sold a thing once.\"]\n")
    p = run_main("check-rubric")
    assert p.returncode == 1
    assert p.stdout.startswith(f"{home() / 'question_bank' / 'mine.yaml'}:9:14: question 'best-deal': example "
                               f"pass[0] should pass, but it scored")
    assert p.stderr == "mockint: note: 189 examples checked in 5 files: 1 on the wrong side\n"


# -- the examples format ------------------------------------------------------------------------------

@pytest.mark.parametrize("examples,message", [
    ("    examples: {passes: [x]}\n", "b.yaml:8:16: questions[0].examples.passes: unknown key; allowed: pass, fail "
                                     "(did you mean 'pass'?)"),
    ("    examples: {}\n", "b.yaml:8:5: questions[0].examples: give 'pass' and/or 'fail' example answers"),
    ("    examples: {pass: [3]}\n", "b.yaml:8:23: questions[0].examples.pass[0]: must be an answer (a string) or a "
                                   "mapping with 'answer' and 'elapsed'"),
    ("    examples: {pass: [{answer: x, question: why-sales}]}\n",
     "b.yaml:8:35: questions[0].examples.pass[0].question: unknown key; allowed: answer, elapsed"),
    ("    examples: {fail: [{answer: x, elapsed: -1}]}\n",
     "b.yaml:8:35: questions[0].examples.fail[0].elapsed: must be from 0 to 86400, not -1"),
    ("    examples: {fail: [{elapsed: 10}]}\n", "b.yaml:8:23: questions[0].examples.fail[0]: missing the required "
                                              "key 'answer'"),
    ("    examples: {fail: ['  ']}\n", "b.yaml:8:23: questions[0].examples.fail[0]: must not be empty"),
])
def test_question_example_errors(examples, message):
    with pytest.raises(DataError) as exc:
        parse_bank(HEAD + examples, "b.yaml", fact_ids())
    assert str(exc.value) == message


def test_criterion_examples_may_name_a_question():
    rub = """lang: en
version: 1
criteria:
  - id: confidence
    name: Confidence
    weight: 2
    threshold: 0.6
    feedback: {pass: "ok", fail: "not ok"}
    checks:
      - {id: hedges, kind: pattern, effect: penalty, label: a hedge, patterns: ['\\bmaybe\\b']}
    examples:
      pass: [{answer: "I did it.", question: why-sales, elapsed: 30}]
      fail: ["Maybe."]
"""
    r = parse_rubric(rub, "r.yaml", fact_ids())
    (p,), (f,) = r.criteria[0].examples.passing, r.criteria[0].examples.failing
    assert (p.question, p.elapsed, p.answer) == ("why-sales", 30.0, "I did it.")
    assert f.answer == "Maybe." and f.label == "fail[0]"
    with pytest.raises(DataError, match=r"r.yaml:12:36: criteria\[0\].examples.pass\[0\].question: 'Why Sales' "
                                        r"is not a valid id"):
        parse_rubric(rub.replace("question: why-sales", "question: Why Sales"), "r.yaml", fact_ids())


def test_the_report_in_process():
    rep = selfcheck.check([ROOT / "question_bank" / "ro.yaml"])
    assert rep.ok and rep.checked == 70 and not rep.without
    assert selfcheck.summary(rep) == "70 examples checked in 1 file: all on the right side"


def test_more_miss_messages(tmp_path):
    from mockint.core.data.paths import home

    rub = (ROOT / "rubrics" / "en.yaml").read_text(encoding="utf-8")
    r = tmp_path / "mine.yaml"
    import re

    start = rub.index("    examples:\n      pass:\n        - >-\n          At my last company I sold accounting")
    end = rub.index("      fail:", start)
    rub2 = rub[:start] + ("    examples:\n      pass:\n        - {question: questions-for-us, answer: "
                          "\"At my last company I sold software.\"}\n") + rub[end:]
    rub2 = re.sub(r"(    examples:\n      pass:\n        - )question: handle-objection\n          (answer: >-)",
                  r"\1\2", rub2)
    r.write_text(rub2)
    p = run_main("check-rubric", str(r))
    heads = [line for line in p.stdout.splitlines() if not line.startswith(" ")]
    assert p.returncode == 1 and len(heads) == 2
    assert heads[0].endswith(": criterion 'real_examples': example pass[0] should pass, but the criterion is not "
                             "applied to it (its weight is 0 for the question 'questions-for-us')")
    assert heads[1].endswith(": criterion 'key_points': example pass[0] should pass, but the criterion is not "
                             "applied to it (it counts only for a bank question with talking points: give the "
                             "example a 'question')")
    huge = tmp_path / "huge.yaml"
    huge.write_text(HEAD + "    examples:\n      pass: [\"" + "word " * 45_000 + "\"]\n")
    p = run_main("check-rubric", str(huge))
    assert p.returncode == 1 and p.stdout.startswith(
        f"{huge}:9:14: question 'best-deal': example pass[0] should pass, but cannot be scored: the answer is "
        f"225,000 characters")
    (home() / "rubrics").mkdir(parents=True)
    (home() / "rubrics" / "gone.yaml").write_text(rub)
    q = tmp_path / "q.yaml"
    q.write_text(HEAD + "    rubric: gone\n    examples:\n      pass: [\"x\"]\n")
    (home() / "rubrics" / "gone.yaml").write_text(rub.replace("weight: 3\n", "weight: 300\n", 1))
    p = run_main("check-rubric", str(q))
    assert p.returncode == 1
    assert p.stdout == f"{q}:8:5: questions[0].rubric: no rubric named 'gone'; rubrics: en, ro\n"
