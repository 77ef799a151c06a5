"""`mockint validate`: every problem on one line as file:line:col: message, exit 1 when there are
problems; and the corpus of malformed files (tests/data/malformed/), each with its exact message,
which never stops mockint from loading everything else."""

from __future__ import annotations

import pytest
import yaml
from conftest import ROOT, run_main

from mockint.core.bank import lint, loader
from mockint.core.data import yamlfile
from mockint.core.data.errors import DataError, MockintError
from mockint.core.data.paths import home

CORPUS = "tests/data/malformed"

# file -> its exact one-line message (paths as given on the command line, run from the top folder)
EXPECTED = {
    "tabs.yaml": "tabs.yaml:5:1: malformed YAML: a tab character; indent with spaces only",
    "bad-indent.yaml": "bad-indent.yaml:6:4: malformed YAML: the indentation does not line up with the lines above",
    "wrong-type.yaml": "wrong-type.yaml:10:7: questions[0].answer.seconds: must be a whole number, not a string",
    "empty.yaml": "empty.yaml: the file is empty: a question bank needs 'lang', 'version' and 'questions'",
    "comments-only.yaml": "comments-only.yaml: the file is empty: a question bank needs 'lang', 'version' and 'questions'",
    "python-tag.yaml": ("python-tag.yaml:5:11: refused the tag '!!python/object/apply:os.system': mockint reads "
                        "plain YAML only and never runs code or builds objects from a data file"),
    "python-object.yaml": ("python-object.yaml:3:12: refused the tag '!!python/object:collections.OrderedDict': "
                           "mockint reads plain YAML only and never runs code or builds objects from a data file"),
    "binary.yaml": "binary.yaml: a binary file, not YAML text",
    "latin1.yaml": "latin1.yaml: not UTF-8 text (byte 42)",
    "unknown-key.yaml": ("unknown-key.yaml:5:5: questions[0].txt: unknown key; allowed: id, text, tags, answer, guide, "
                         "talking_points, terms, subject, rubric, criteria, examples, invites_questions (did you mean 'text'?)"),
    "missing-field.yaml": "missing-field.yaml:4:5: questions[0]: missing the required key 'answer'",
    "unknown-fact.yaml": "unknown-fact.yaml:7:13: questions[0].guide[0]: 'do-33' is not a guide fact (did you mean 'do-3'?)",
    "unknown-criterion.yaml": ("unknown-criterion.yaml:9:7: questions[0].criteria.real_example: unknown criterion "
                               "'real_example' in the rubric 'en'; criteria: real_examples, confidence, questions_back, "
                               "two_way, preparation, integrity, key_points, on_time (did you mean 'real_examples'?)"),
    "unknown-rubric.yaml": "unknown-rubric.yaml:8:5: questions[0].rubric: no rubric named 'strickt'; rubrics: en, ro",
    "weight-range.yaml": "weight-range.yaml:9:20: questions[0].criteria.confidence.weight: must be from 0 to 100, not 500",
    "empty-phrases.yaml": ("empty-phrases.yaml:11:9: questions[0].talking_points[0].phrases: the phrase list is empty: "
                           "give at least one phrase that shows the point is covered"),
    "not-a-mapping.yaml": "not-a-mapping.yaml:1:1: must be a mapping (key: value), not a list",
    "bad-example.yaml": ("bad-example.yaml:9:7: questions[0].examples.pass: the list is empty: give at least one "
                         "example answer, or leave 'pass' out"),
    "rubric-bad-regex.yaml": ("rubric-bad-regex.yaml:14:20: criteria[0].checks[0].patterns[0]: bad regular "
                              "expression: missing ), unterminated subpattern at position 0"),
    "rubric-weight.yaml": "rubric-weight.yaml:6:5: criteria[0].weight: must be from 0 to 100, not 500",
    "rubric-empty-phrases.yaml": ("rubric-empty-phrases.yaml:14:9: criteria[0].checks[0].phrases: the phrase list "
                                  "is empty: give at least one phrase"),
    "duplicates": ("duplicates/b.yaml:8:5: questions[1].id: duplicate question id 'twice': also in "
                   f"{CORPUS}/duplicates/a.yaml:4:5"),
}
BIG = "the file is 10.6 MB; mockint reads data files of up to 5 MB"


def test_the_corpus_is_complete():
    on_disk = {p.name for p in (ROOT / CORPUS).iterdir()}
    assert on_disk == set(EXPECTED)


@pytest.mark.parametrize("name", sorted(EXPECTED))
def test_each_malformed_file_has_its_exact_one_line_message(name):
    p = run_main("validate", f"{CORPUS}/{name}")
    assert p.returncode == 1
    assert p.stdout == f"{CORPUS}/{EXPECTED[name]}\n"
    assert "Traceback" not in p.stderr


def test_a_ten_megabyte_file(tmp_path):
    big = tmp_path / "big.yaml"
    big.write_text("lang: en\nversion: 1\nquestions:\n" + "# padding " * 1_110_000)
    p = run_main("validate", str(big))
    assert p.returncode == 1 and p.stdout == f"{big}: {BIG}\n"


def test_a_python_tag_is_never_executed(tmp_path):
    marker = tmp_path / "pwned"
    evil = tmp_path / "evil.yaml"
    evil.write_text(f"lang: en\nversion: 1\nquestions:\n  - !!python/object/apply:os.system ['touch {marker}']\n")
    for args in (["validate", str(evil)], ["questions", "--bank", str(evil)], ["check-rubric", str(evil)]):
        p = run_main(*args)
        assert "refused the tag '!!python/object/apply:os.system'" in p.stdout + p.stderr
    assert not marker.exists()


@pytest.mark.parametrize("name", ["tabs.yaml", "bad-indent.yaml", "python-tag.yaml", "python-object.yaml"])
def test_yaml_messages_are_the_same_with_and_without_libyaml(monkeypatch, name):
    text = (ROOT / CORPUS / name).read_text(encoding="utf-8")
    with pytest.raises(DataError) as c:
        yamlfile.load_yaml(text, name)
    monkeypatch.setattr(yaml, "__with_libyaml__", False)
    with pytest.raises(DataError) as py:
        yamlfile.load_yaml(text, name)
    assert str(c.value) == str(py.value) == EXPECTED[name]


@pytest.mark.parametrize("text,message", [
    ("a: [1, 2\n", "x.yaml:2:1: malformed YAML: a '[' that is never closed with ']'"),
    ("a: {b: 1\n", "x.yaml:2:1: malformed YAML: a '{' that is never closed with '}'"),
    ("a: 'abc\n", "x.yaml:2:1: malformed YAML: a quote that is never closed"),
    ("a: b: c\n", "x.yaml:1:5: malformed YAML: a 'key: value' where none can be; check the indentation, and "
                  "quote text that contains ': '"),
    ("a: !foo 3\n", "x.yaml:1:4: unknown tag '!foo': mockint reads plain YAML only (strings, numbers, lists, mappings)"),
    ("a: !!python/name:os.system\n", "x.yaml:1:4: refused the tag '!!python/name:os.system': mockint reads plain "
                                     "YAML only and never runs code or builds objects from a data file"),
])
def test_more_yaml_messages(text, message):
    with pytest.raises(DataError) as exc:
        yamlfile.load_yaml(text, "x.yaml")
    assert str(exc.value) == message


def test_the_whole_corpus_at_once_is_sorted_and_counted():
    p = run_main("validate", CORPUS)
    assert p.returncode == 1
    assert p.stdout.splitlines() == sorted(f"{CORPUS}/{m}" for m in EXPECTED.values())
    assert p.stderr == f"mockint: note: {len(EXPECTED)} problems in {len(EXPECTED) + 1} files\n"


def test_every_problem_of_one_file_is_listed(tmp_path):
    f = tmp_path / "many.yaml"
    one = ("  - id: {id}\n    text: \"A question?\"\n    tags: {{topic: common, kind: {kind}, difficulty: medium}}\n"
           "    answer: {{min_words: 60, max_words: {max}, seconds: 120}}\n")
    f.write_text("lang: en\nversion: 1\nquestions:\n" + one.format(id="a-one", kind="behavioral", max=200)
                 + one.format(id="b-two", kind="behavioural", max=20) + one.format(id="a-one", kind="behavioural", max=200))
    p = run_main("validate", str(f))
    assert p.returncode == 1
    assert p.stdout.splitlines() == [
        f"{f}:6:27: questions[0].tags.kind: 'behavioral' is not allowed; allowed: behavioural, situational, "
        f"knowledge, closing (did you mean 'behavioural'?)",
        f"{f}:11:29: questions[1].answer.max_words: must be at least min_words (60)",
        f"{f}:12:5: questions[2].id: duplicate question id 'a-one'",
    ]


def test_clean_files_exit_0(tmp_path):
    f = tmp_path / "ok.yaml"
    f.write_text("lang: ro\nversion: 1\nquestions:\n  - id: ok\n    text: \"Bună?\"\n"
                 "    tags: {topic: common, kind: behavioural, difficulty: easy}\n"
                 "    answer: {min_words: 60, max_words: 200, seconds: 120}\n")
    p = run_main("validate", str(f))
    assert p.returncode == 0 and p.stdout == "" and p.stderr == "mockint: note: 1 file, no problems\n"


def test_the_built_in_files_are_clean():
    p = run_main("validate", "question_bank", "rubrics")
    assert p.returncode == 0 and p.stderr == "mockint: note: 5 files, no problems\n"   # guide.yaml: not a bank


def test_without_a_path_the_users_own_files():
    p = run_main("validate")
    assert p.returncode == 0 and p.stdout == ""
    assert p.stderr == (f"mockint: note: no files of your own yet (in {home() / 'question_bank'}, "
                        f"{home() / 'rubrics'} or {home() / 'roleplays'}); nothing to check\n")
    (home() / "question_bank").mkdir(parents=True)
    (home() / "question_bank" / "bad.yaml").write_text("lang: en\nversion: 1\nquestions: []\n")
    (home() / "rubrics").mkdir()
    (home() / "rubrics" / "r.yaml").write_text("lang: en\nversion: 1\ncriteria: []\n")
    p = run_main("validate")
    assert p.returncode == 1
    assert p.stdout.splitlines() == [f"{home() / 'question_bank' / 'bad.yaml'}:3:1: questions: needs at least 1 item",
                                     f"{home() / 'rubrics' / 'r.yaml'}:3:1: criteria: needs at least 1 item"]


def test_user_rubrics_are_known_to_validate(tmp_path):
    (home() / "rubrics").mkdir(parents=True)
    (home() / "rubrics" / "strict.yaml").write_text((ROOT / "rubrics" / "en.yaml").read_text())
    f = tmp_path / "q.yaml"
    f.write_text("lang: en\nversion: 1\nquestions:\n  - id: q\n    text: \"Q?\"\n"
                 "    tags: {topic: common, kind: behavioural, difficulty: easy}\n"
                 "    answer: {min_words: 60, max_words: 200, seconds: 120}\n    rubric: strict\n"
                 "    criteria: {on_time: off}\n")
    assert run_main("validate", str(f)).returncode == 0
    r = tmp_path / "mine.yaml"
    r.write_text((ROOT / "rubrics" / "en.yaml").read_text())
    g = tmp_path / "g.yaml"
    g.write_text(f.read_text().replace("rubric: strict", "rubric: mine"))
    assert run_main("validate", str(g)).returncode == 1            # 'mine' is not known ...
    assert run_main("validate", str(g), str(r)).returncode == 0    # ... unless checked alongside


def test_an_override_is_noted(tmp_path):
    f = tmp_path / "q.yaml"
    f.write_text("lang: en\nversion: 1\nquestions:\n  - id: why-sales\n    text: \"Why?\"\n"
                 "    tags: {topic: common, kind: behavioural, difficulty: easy}\n"
                 "    answer: {min_words: 60, max_words: 200, seconds: 120}\n")
    p = run_main("validate", str(f))
    assert p.returncode == 0
    assert p.stderr == (f"mockint: note: {f}: the question 'why-sales' replaces the built-in one\n"
                        f"mockint: note: 1 file, no problems\n")


def test_a_missing_path_is_one_more_problem(tmp_path):
    """A path that does not exist is listed with the other problems (exit 1), and the files given
    with it are still checked; it was one error (exit 2) that hid every other problem."""
    p = run_main("validate", "/nonexistent/x.yaml")
    assert p.returncode == 1 and p.stdout == "/nonexistent/x.yaml: no such file or folder\n"
    assert p.stderr == "mockint: note: 1 problem (1 path not found; 0 files checked)\n"
    empty = tmp_path / "empty.yaml"
    empty.write_text("")
    p = run_main("validate", f"{CORPUS}/tabs.yaml", str(empty), str(tmp_path / "nope.yaml"), "question_bank/en.yaml")
    assert p.returncode == 1
    assert p.stdout.splitlines() == sorted([            # in the order of their files' names
        f"{CORPUS}/{EXPECTED['tabs.yaml']}",
        f"{empty}: the file is empty: a question bank needs 'lang', 'version' and 'questions'",
        f"{tmp_path / 'nope.yaml'}: no such file or folder"])
    assert p.stderr == "mockint: note: 3 problems (1 path not found; 3 files checked)\n"
    p = run_main("check-rubric", "/nonexistent/x.yaml")          # check-rubric runs nothing: a usage error
    assert p.returncode == 2 and p.stderr == "mockint: error: /nonexistent/x.yaml: no such file or folder\n"


def test_malformed_user_files_never_stop_loading():
    """The whole corpus in the user's folder: every command still works and names each bad file."""
    import shutil

    qb = home() / "question_bank"
    shutil.copytree(ROOT / CORPUS, qb)
    (qb / "big.yaml").write_text("lang: en\nversion: 1\nquestions:\n" + "# padding " * 1_110_000)
    cat = loader.catalogue("en")
    messages = [str(p) for p in cat.problems]
    assert len(messages) == len(EXPECTED) + 1
    assert any(m.endswith(BIG) for m in messages)
    assert "twice" in cat.bank.ids() and "other" in cat.bank.ids()          # duplicates/a.yaml and b.yaml
    assert len(cat.bank.questions) == len(loader._builtin_bank("en").questions) + 2
    p = run_main("score", "--question", "twice", "--format", "json", input="I sold software in 2021.")
    assert p.returncode == 0 and p.stderr.count("(left out)") == len(EXPECTED) + 1
    p = run_main("questions", "--lang", "ro")
    assert p.returncode == 0 and "why-sales" in p.stdout


def test_lint_expand_and_kinds(tmp_path):
    assert lint.expand([ROOT / CORPUS / "duplicates"]) == sorted((ROOT / CORPUS / "duplicates").glob("*.yaml"))
    with pytest.raises(MockintError, match="no such file or folder"):
        lint.expand([tmp_path / "nope"])


def test_more_file_level_messages(tmp_path):
    folder = tmp_path / "folder.yaml"
    folder.mkdir()
    with pytest.raises(MockintError, match=r"folder.yaml: is a directory, not a file"):
        yamlfile.read_data(folder)
    rubrics = tmp_path / "rubrics"
    rubrics.mkdir()
    (rubrics / "empty.yaml").write_text("")
    text = (ROOT / "rubrics" / "en.yaml").read_text().replace(
        "  function_words:\n", "  nothing: []\n  function_words:\n", 1)
    (rubrics / "lists.yaml").write_text(text)
    line = text.splitlines().index("  nothing: []") + 1
    p = run_main("validate", str(rubrics))
    assert p.returncode == 1
    assert p.stdout.splitlines() == [
        f"{rubrics / 'empty.yaml'}: the file is empty: a rubric needs 'lang', 'version' and 'criteria'",
        f"{rubrics / 'lists.yaml'}:{line}:3: lists.nothing: the list is empty: give at least one word or phrase",
    ]


def test_every_problem_of_a_rubric_is_listed_and_two_rubrics_of_one_name(tmp_path):
    text = (ROOT / "rubrics" / "en.yaml").read_text()
    n = text.count("    threshold: 0.5\n")                                  # several criteria have 0.5
    assert n >= 2
    bad = text.replace("    threshold: 0.5\n", "    threshold: 6\n")
    (tmp_path / "a").mkdir()
    (tmp_path / "b").mkdir()
    (tmp_path / "a" / "r.yaml").write_text(bad)
    (tmp_path / "a" / "same.yaml").write_text(text)
    (tmp_path / "b" / "same.yaml").write_text(text)
    p = run_main("validate", str(tmp_path))
    lines = p.stdout.splitlines()
    assert p.returncode == 1 and len(lines) == n + 1
    assert all(": criteria[" in line and "threshold: must be from 0 to 1, not 6" in line for line in lines[:n])
    assert lines[n] == f"{tmp_path / 'b' / 'same.yaml'}: a second rubric named 'same' (the first is {tmp_path / 'a' / 'same.yaml'})"


def test_a_criterion_key_that_is_not_a_name(tmp_path):
    f = tmp_path / "q.yaml"
    f.write_text("lang: en\nversion: 1\nquestions:\n  - id: q\n    text: \"Q?\"\n"
                 "    tags: {topic: common, kind: behavioural, difficulty: easy}\n"
                 "    answer: {min_words: 60, max_words: 200, seconds: 120}\n    criteria: {1: off}\n")
    p = run_main("validate", str(f))
    assert p.stdout == f"{f}:8:16: questions[0].criteria[1]: '1' is not a criterion id\n"


def test_validate_checks_role_play_scenarios(tmp_path):
    """Issue 18: scenario files are validated like banks and rubrics: the built-in ones pass, a
    user's file in <home>/roleplays is found without a path, its problems are named."""
    p = run_main("validate", str(ROOT / "roleplays" / "en.yaml"))
    assert p.returncode == 0 and p.stderr == "mockint: note: 1 file, no problems\n"
    (home() / "roleplays").mkdir(parents=True)
    mine = home() / "roleplays" / "mine.yaml"
    mine.write_text("version: 1\nlang: en\nscenarios:\n  - id: mine\n    title: x\n")
    p = run_main("validate")
    assert p.returncode == 1 and p.stdout == f"{mine}:4:5: scenarios[0]: missing the required key 'guide'\n"


def test_validate_lists_every_bad_check_of_a_rubric(tmp_path):
    """Issue 19: a criterion stopped at its first bad check; every check is one problem now."""
    text = (ROOT / "rubrics" / "en.yaml").read_text()
    text = text.replace("kind: pattern", "kind: patern", 1).replace("effect: penalty", "effect: penality", 2)
    text = text.replace("per_hit: 0.35", "per_hit: -1", 1)
    f = tmp_path / "r.yaml"
    f.write_text(text)
    p = run_main("validate", str(f))
    assert p.returncode == 1 and p.stderr == "mockint: note: 4 problems in 1 file\n"
    keys = [line.split(": ")[1] for line in p.stdout.splitlines()]
    assert [k.rsplit(".", 1)[1] for k in keys] == ["kind", "effect", "effect", "per_hit"]


def test_validate_reads_a_job_posting_vocabulary_as_one(tmp_path):
    """A jobspec/<lang>.yaml was checked as a question bank ("questions: must be a list")."""
    p = run_main("validate", str(ROOT / "jobspec" / "en.yaml"), str(ROOT / "jobspec" / "ro.yaml"))
    assert p.returncode == 0 and p.stderr == "mockint: note: 2 files, no problems\n"
    f = tmp_path / "js.yaml"
    f.write_text((ROOT / "jobspec" / "en.yaml").read_text().replace("  skill: 0.7", "  skill: 7", 1))
    p = run_main("validate", str(f))
    assert p.returncode == 1 and p.stdout == f"{f}:13:3: weights.skill: must be from 0 to 1, not 7\n"
