"""User question banks and rubrics: discovery, merging with the built-in bank, overrides (and the
notice that says so), duplicates across files, --bank for one run, per-question rubric and
criterion overrides, and bad files that never stop mockint."""

from __future__ import annotations

import json
from pathlib import Path

import pytest
from conftest import ROOT, run_main

from mockint.core.bank import loader, userbank
from mockint.core.data.errors import MockintError
from mockint.core.data.paths import home
from mockint.core.questions.bank import adhoc_question

STORY = ("At my last company I sold logistics software to retailers. In 2022 a chain of 40 stores was "
         "about to sign with a competitor, and my goal was to keep the deal. First I asked their director "
         "what mattered, and I found out that late deliveries hurt them more than price. Then I ran a "
         "two-week pilot in three stores. As a result their late deliveries dropped by 18 percent and "
         "they signed a two-year contract worth $240,000. I finished the year at 112% of quota.")


def question(qid: str, text: str = "Tell me about your best deal.", extra: str = "", lang: str = "en") -> str:
    return (f"  - id: {qid}\n    text: \"{text}\"\n"
            f"    tags: {{topic: common, kind: behavioural, difficulty: medium}}\n"
            f"    answer: {{min_words: 60, max_words: 200, seconds: 120}}\n{extra}")


def bank_file(path: Path, *questions: str, lang: str = "en") -> Path:
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_text(f"lang: {lang}\nversion: 1\nquestions:\n" + "".join(questions), encoding="utf-8")
    return path


def user_bank(name: str, *questions: str, lang: str = "en") -> Path:
    return bank_file(home() / "question_bank" / name, *questions, lang=lang)


def user_rubric(name: str, text: str) -> Path:
    p = home() / "rubrics" / name
    p.parent.mkdir(parents=True, exist_ok=True)
    p.write_text(text, encoding="utf-8")
    return p


EN_RUBRIC = (ROOT / "rubrics" / "en.yaml").read_text(encoding="utf-8")


# -- merging ---------------------------------------------------------------------------------------

def test_without_user_files_the_bank_is_the_built_in_one():
    cat = loader.catalogue("en")
    assert cat.bank is loader._builtin_bank("en")
    assert not cat.notices and not cat.problems


def test_has_user_files_says_whether_anything_is_merged(tmp_path):
    assert not loader.has_user_files()
    assert loader.has_user_files([tmp_path / "extra.yaml"])
    user_bank("mine.yaml", question("best-deal"))
    assert loader.has_user_files()


def test_a_user_question_is_merged_after_the_built_in_ones():
    user_bank("mine.yaml", question("best-deal"))
    b = loader.bank("en")
    assert b.ids()[-1] == "best-deal" and "why-sales" in b.ids()
    q = b.get("best-deal")
    assert q.user and q.source.endswith("mine.yaml") and q.talking_points == []
    assert "best-deal" not in loader.bank("ro").ids()          # a file has one language


def test_a_user_question_with_a_built_in_id_replaces_it_in_place_and_says_so():
    f = user_bank("why.yaml", question("why-sales", "Why sales, really?"))
    cat = loader.catalogue("en")
    builtin_ids = loader._builtin_bank("en").ids()
    assert cat.bank.ids() == builtin_ids                         # same place, no duplicate
    assert cat.bank.get("why-sales").text == "Why sales, really?"
    assert cat.notices == [f"the question 'why-sales' from {f} replaces the built-in one"]
    assert cat.overridden["why-sales"].text == "Why did you choose a career in sales?"


def test_the_same_id_in_two_user_files_is_a_problem_and_the_first_one_is_kept():
    a = user_bank("a.yaml", question("twice", "First."))
    b = user_bank("b.yaml", question("other"), question("twice", "Second."))
    cat = loader.catalogue("en")
    assert cat.bank.get("twice").text == "First." and "other" in cat.bank.ids()
    assert [str(p) for p in cat.problems] == [
        f"{b}:8:5: questions[1].id: duplicate question id 'twice': also in {a}:4:5"]


def test_a_bad_question_is_left_out_and_the_rest_of_its_file_loads():
    f = user_bank("mixed.yaml", question("good-one"), question("bad-one", extra="    rubric: nope\n"))
    cat = loader.catalogue("en")
    assert "good-one" in cat.bank.ids() and "bad-one" not in cat.bank.ids()
    assert [str(p) for p in cat.problems] == [
        f"{f}:12:5: questions[1].rubric: no rubric named 'nope'; rubrics: en, ro"]


def test_files_are_found_in_sub_folders_and_hidden_files_are_skipped():
    user_bank("sub/deeper/x.yaml", question("deep-one"))
    user_bank(".hidden.yaml", question("hidden-one"))
    user_bank("sub/.x.yaml.1234.tmp", question("tmp-one"))
    ids = loader.bank("en").ids()
    assert "deep-one" in ids and "hidden-one" not in ids and "tmp-one" not in ids


def test_the_cache_follows_the_files():
    assert "later" not in loader.bank("en").ids()
    f = user_bank("later.yaml", question("later"))
    assert "later" in loader.bank("en").ids()
    f.write_text(f.read_text().replace("Tell me about your best deal.", "Edited text, longer now."))
    assert loader.bank("en").get("later").text == "Edited text, longer now."
    f.unlink()
    assert "later" not in loader.bank("en").ids()


def test_user_replies_merge_by_id_before_the_fallback():
    f = user_bank("replies.yaml", question("r-q"))
    f.write_text(f.read_text() + "replies:\n  - id: lunch\n    phrases: [lunch]\n    text: \"We eat together on Fridays.\"\n"
                 "  - id: training\n    phrases: [training]\n    text: \"Two weeks of bootcamp.\"\n")
    replies = loader.bank("en").replies
    ids = [r.id for r in replies]
    assert ids[-1] == "fallback" and ids[-2] == "lunch"
    assert next(r for r in replies if r.id == "training").text == "Two weeks of bootcamp."


def test_merge_never_raises_on_bad_files():
    folder = ROOT / "tests" / "data" / "malformed"
    cat = userbank.merge("en", [str(folder)], None, None, loader._builtin_bank("en"))
    assert cat.problems and "twice" in cat.bank.ids()         # duplicates/a.yaml still loads
    assert len(cat.bank.questions) > len(loader._builtin_bank("en").questions)


# -- rubrics named by questions, criterion overrides ---------------------------------------------------

def test_a_question_can_switch_a_criterion_off_and_reweight_another():
    user_bank("hypo.yaml", question("pitch-us", "If you joined us tomorrow, how would you pitch our product?",
                                    "    criteria:\n      real_examples: off\n      confidence: {weight: 4}\n"
                                    "      two_way: {weight: 0}\n"))
    q = loader.bank("en").get("pitch-us")
    assert q.criteria == {"real_examples": 0.0, "confidence": 4.0, "two_way": 0.0}
    res = loader.scorer("en").score(STORY, q)
    ids = [c.id for c in res.criteria]
    assert "real_examples" not in ids and "two_way" not in ids
    assert res.criterion("confidence").weight == 4.0
    assert json.loads(json.dumps(q.to_dict()))["criteria"] == {"real_examples": "off", "confidence": {"weight": 4},
                                                              "two_way": "off"}


def test_overrides_do_not_touch_other_questions():
    user_bank("hypo.yaml", question("pitch-us", extra="    criteria: {real_examples: off}\n"))
    plain = loader.scorer("en").score(STORY, loader.bank("en").get("why-sales"))
    assert plain.criterion("real_examples") is not None


def test_a_question_is_scored_with_the_rubric_it_names():
    user_rubric("strict.yaml", EN_RUBRIC.replace("    threshold: 0.8\n", "    threshold: 0.95\n"))
    user_bank("strict-q.yaml", question("strict-deal", extra="    rubric: strict\n"),
              question("normal-deal"))
    b = loader.bank("en")
    strict = loader.scorer("en").score(STORY, b.get("strict-deal"))
    normal = loader.scorer("en").score(STORY, b.get("normal-deal"))
    assert strict.criterion("confidence").threshold == 0.95
    assert normal.criterion("confidence").threshold == 0.8
    assert loader.rubric_named("strict").id == "strict"
    assert "strict" in loader.rubric_names()


def test_a_rubric_for_another_language_cannot_be_named():
    user_rubric("strict.yaml", EN_RUBRIC)
    f = user_bank("ro-q.yaml", question("ro-q", "Povestiți-mi.", "    rubric: strict\n"), lang="ro")
    cat = loader.catalogue("ro")
    assert [str(p) for p in cat.problems] == [
        f"{f}:8:5: questions[0].rubric: the rubric 'strict' is for 'en'; this bank is 'ro'"]


def test_criteria_are_checked_against_the_named_rubric():
    user_rubric("small.yaml", EN_RUBRIC)
    f = user_bank("q.yaml", question("q1", extra="    rubric: small\n    criteria: {on_tme: off}\n"))
    (p,) = loader.catalogue("en").problems
    assert str(p) == (f"{f}:9:16: questions[0].criteria.on_tme: unknown criterion 'on_tme' in the rubric "
                      f"'small'; criteria: real_examples, confidence, questions_back, two_way, preparation, "
                      f"integrity, key_points, on_time (did you mean 'on_time'?)")


@pytest.mark.parametrize("value,message", [
    ("on", "must be 'off' or {weight: N}, not True"),
    ("{weight: -1}", "questions[0].criteria.confidence.weight: must be from 0 to 100, not -1"),
    ("{mode: bonus}", "questions[0].criteria.confidence.mode: unknown key; allowed: weight"),
    ("heavy", "must be 'off' or {weight: N}, not 'heavy'"),
])
def test_criterion_override_errors(value, message):
    user_bank("q.yaml", question("q1", extra=f"    criteria:\n      confidence: {value}\n"))
    (p,) = loader.catalogue("en").problems
    assert message in str(p)


JARGON = ("I want to join you because of your customer-centric culture and your values. I bring value and "
          "ROI, I listen to pain points, I'm data-driven and passionate, and I would deliver results from day one.")


def _knowledge(qid: str, extra: str = "") -> str:
    return question(qid, "Why do you want to work here?", extra).replace("kind: behavioural", "kind: knowledge")


def test_a_question_turns_on_a_check_its_kind_leaves_off():
    user_bank("why.yaml", _knowledge("why-us-plain"),
              _knowledge("why-us-strict", "    criteria:\n      preparation.jargon: {weight: 1}\n"))
    b, sc = loader.bank("en"), loader.scorer("en")
    plain, strict = sc.score(JARGON, b.get("why-us-plain")), sc.score(JARGON, b.get("why-us-strict"))
    rules = lambda r: {k.rule for c in r.criteria for k in c.checks}   # noqa: E731
    assert "preparation.jargon" not in rules(plain)          # the rubric: no jargon check on knowledge questions
    jargon = next(k for k in strict.criterion("preparation").checks if k.rule == "preparation.jargon")
    assert jargon.count >= 3 and "customer-centric" in [e.text.lower() for e in jargon.evidence]
    assert any(c.rule == "preparation.jargon" for c in strict.caps) and strict.score < plain.score


def test_a_question_turns_off_one_check():
    user_bank("q.yaml", question("no-cliches", extra="    criteria:\n      preparation.cliches: off\n"))
    r = loader.scorer("en").score("I love people and I'm a team player, a go-getter who gives 110%.",
                                  loader.bank("en").get("no-cliches"))
    assert "preparation.cliches" not in {k.rule for c in r.criteria for k in c.checks}
    assert r.criterion("preparation") is not None


def test_an_unknown_check_override_says_which_and_did_you_mean():
    f = user_bank("q.yaml", question("q1", extra="    criteria:\n      preparation.jargn: off\n"))
    (p,) = loader.catalogue("en").problems
    assert str(p) == (f"{f}:9:7: questions[0].criteria.preparation.jargn: unknown check 'preparation.jargn' in "
                      f"the rubric 'en' (did you mean 'preparation.jargon'?); a check is written criterion.check, "
                      f"with an id from that criterion's `checks:`")


def test_a_user_rubric_named_like_the_built_in_one_replaces_it_and_says_so():
    f = user_rubric("en.yaml", EN_RUBRIC.replace("name: mockint built-in rubric (English)", "name: mine"))
    cat = loader.catalogue("en")
    assert f"the rubric 'en' from {f} replaces the built-in one" in cat.notices
    assert loader.rubric("en").name == "mine"
    assert loader.rubric("ro").name != "mine"


def test_a_broken_replacement_rubric_falls_back_to_the_built_in_one():
    f = user_rubric("en.yaml", EN_RUBRIC.replace("weight: 3\n", "weight: 300\n", 1))
    assert loader.rubric("en").name == "mockint built-in rubric (English)"
    problems = [str(p) for p in loader.catalogue("en").problems]
    assert any(p.startswith(f"{f}:") and "weight: must be from 0 to 100, not 300" in p for p in problems)


def test_a_replacement_rubric_in_another_language_is_refused():
    f = user_rubric("en.yaml", EN_RUBRIC.replace("lang: en", "lang: ro", 1))
    assert loader.rubric("en").name == "mockint built-in rubric (English)"
    assert any(str(p) == f"{f}: the rubric 'en' replaces the built-in one and must be for 'en', not 'ro'; "
               f"the built-in one is used" for p in loader.catalogue("en").problems)


def test_two_user_rubrics_of_one_name_are_a_problem(tmp_path):
    user_rubric("x.yaml", EN_RUBRIC)
    other = tmp_path / "extra" / "x.yaml"
    other.parent.mkdir()
    other.write_text(EN_RUBRIC)
    cat = loader.catalogue("en", [str(other)])
    assert any(str(p) == f"{other}: a second rubric named 'x' (the first is {home() / 'rubrics' / 'x.yaml'}); "
               f"this one is left out" for p in cat.problems)


def test_unknown_rubric_name_is_an_error_with_a_suggestion():
    user_rubric("strict.yaml", EN_RUBRIC)
    with pytest.raises(MockintError, match=r"no rubric named 'strickt'; rubrics: en, ro, strict \(did you mean 'strict'\?\)"):
        loader.rubric_named("strickt")


def test_adhoc_questions_still_use_the_language_rubric():
    user_rubric("strict.yaml", EN_RUBRIC)
    user_bank("q.yaml", question("q1"))
    res = loader.scorer("en").score(STORY, adhoc_question("Tell me about a deal.", "en"))
    assert res.criterion("key_points") is None and res.score > 60


# -- the command line -----------------------------------------------------------------------------------

def test_questions_lists_user_questions_and_notes_overrides():
    f = user_bank("mine.yaml", question("best-deal"), question("why-sales", "Why sales, really?"))
    p = run_main("questions", "--lang", "en")
    assert p.returncode == 0
    assert "best-deal" in p.stdout and "Why sales, really?" in p.stdout
    assert p.stderr == f"mockint: note: the question 'why-sales' from {f} replaces the built-in one\n"
    p = run_main("questions", "list", "--lang", "en", "--format", "json")
    q = next(q for q in json.loads(p.stdout)["questions"] if q["id"] == "best-deal")
    assert q["source"] == str(f)


def test_bad_user_files_are_reported_and_everything_else_works():
    user_bank("ok.yaml", question("fine-one"))
    bad = home() / "question_bank" / "bad.yaml"
    bad.write_text("lang: en\nversion: 1\nquestions:\n  - id: x\n\ttext: tab\n")
    p = run_main("questions", "--lang", "en")
    assert p.returncode == 0 and "fine-one" in p.stdout and "why-sales" in p.stdout
    assert p.stderr == (f"mockint: warning: {bad}:5:1: malformed YAML: a tab character; indent with "
                        f"spaces only (left out)\n")
    p = run_main("score", "--question", "fine-one", "--format", "json", input=STORY)
    assert p.returncode == 0 and json.loads(p.stdout)["question_id"] == "fine-one"
    assert "(left out)" in p.stderr


def test_bank_option_adds_a_file_or_a_folder_for_one_run(tmp_path):
    f = bank_file(tmp_path / "extra" / "one.yaml", question("extra-one"))
    bank_file(tmp_path / "extra" / "more" / "two.yaml", question("extra-two"))
    p = run_main("questions", "--lang", "en", "--bank", str(f))
    assert "extra-one" in p.stdout and "extra-two" not in p.stdout
    p = run_main("questions", "--lang", "en", "--bank", str(tmp_path / "extra"))
    assert "extra-one" in p.stdout and "extra-two" in p.stdout
    p = run_main("questions", "list", "--bank", str(f), "--lang", "en")
    assert "extra-one" in p.stdout
    p = run_main("questions", "--lang", "en")
    assert "extra-one" not in p.stdout                       # one run only: nothing was copied
    p = run_main("score", "--question", "extra-one", "--bank", str(f), "--format", "json", input=STORY)
    assert p.returncode == 0 and json.loads(p.stdout)["question_id"] == "extra-one"


def test_bank_option_on_grade_and_practice(tmp_path):
    f = bank_file(tmp_path / "extra.yaml", question("extra-one"))
    t = tmp_path / "t.yaml"
    t.write_text("lang: en\nanswers:\n  - question: extra-one\n    answer: I sold software in 2021.\n")
    p = run_main("grade", str(t), "--bank", str(f), "--format", "json")
    assert p.returncode == 0 and json.loads(p.stdout)["answers"][0]["question_id"] == "extra-one"
    p = run_main("grade", str(t))
    assert p.returncode == 2 and "unknown question id 'extra-one'" in p.stderr
    p = run_main("practice", "--question", "extra-one", "--bank", str(f))
    assert p.returncode == 2 and "the interview needs a terminal" in p.stderr     # the id was found


def test_bank_option_with_a_rubric_file(tmp_path):
    r = tmp_path / "strict.yaml"
    r.write_text(EN_RUBRIC.replace("    threshold: 0.8\n", "    threshold: 0.95\n"))
    f = bank_file(tmp_path / "q.yaml", question("strict-deal", extra="    rubric: strict\n"))
    p = run_main("score", "--question", "strict-deal", "--bank", str(r), "--bank", str(f), "--format", "json",
                input=STORY)
    assert p.returncode == 0, p.stderr
    d = json.loads(p.stdout)
    assert next(c for c in d["criteria"] if c["id"] == "confidence")["threshold"] == 0.95


@pytest.mark.parametrize("cmd", [["questions"], ["score", "--question", "why-sales"], ["grade", "x.yaml"],
                                 ["practice"]])
def test_bank_option_must_exist(cmd):
    p = run_main(*cmd, "--bank", "/nonexistent/bank.yaml", input="x")
    assert p.returncode == 2
    assert p.stderr == "mockint: error: --bank /nonexistent/bank.yaml: no such file or folder\n"


def test_questions_subcommand_options_keep_working():
    p = run_main("questions", "--lang", "en", "--tag", "skills")
    q = run_main("questions", "list", "--lang", "en", "--tag", "skills")
    r = run_main("questions", "--lang", "en", "list", "--tag", "skills")
    assert p.returncode == q.returncode == r.returncode == 0
    assert p.stdout == q.stdout == r.stdout and "adapt-communication" in p.stdout


def test_an_unexpected_failure_in_a_user_file_is_a_problem_too(monkeypatch):
    f = user_bank("odd.yaml", question("odd-one"))
    user_bank("fine.yaml", question("fine-one"))
    real = userbank.load_bank

    def boom(path, *a, **kw):
        if Path(path).name == "odd.yaml":
            raise RecursionError("maximum recursion depth exceeded")
        return real(path, *a, **kw)

    monkeypatch.setattr(userbank, "load_bank", boom)
    cat = userbank.merge("en", (), None, None, loader._builtin_bank("en"))
    assert "fine-one" in cat.bank.ids() and "odd-one" not in cat.bank.ids()
    assert [str(p) for p in cat.problems] == [
        f"{f}: cannot be loaded (RecursionError: maximum recursion depth exceeded)"]


def test_invites_questions_must_be_true_or_false():
    f = user_bank("q.yaml", question("q1", extra="    invites_questions: often\n"))
    (p,) = loader.catalogue("en").problems
    assert str(p) == f"{f}:8:5: questions[0].invites_questions: must be true or false, not a string"
    user_bank("q.yaml", question("q1", extra="    invites_questions: true\n"))
    assert loader.bank("en").get("q1").invites_questions
