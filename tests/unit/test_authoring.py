"""`mockint questions add|edit|remove|export|import`: ids from text, atomic writes that never
overwrite without --force, validation before writing, all-or-nothing imports."""

from __future__ import annotations

import json
import os
import sys
from pathlib import Path

import pytest
import yaml
from conftest import run_main

from mockint.core.bank import authoring, fields, loader
from mockint.core.data.errors import MockintError
from mockint.core.data.paths import home
from mockint.core.interview import Settings, questions_for

STORY = ("At my last company I lost a deal worth 40,000 euros to a competitor because I never met their "
         "CFO. My goal had been to close it by the end of the quarter. I asked the client for feedback, "
         "and I learned that finance saw us as a risk. Since then I map every stakeholder in the first "
         "two meetings. As a result I won the next two deals against the same competitor, and my win "
         "rate grew from 20 to 31 percent in 2023. I shared the lesson with my team.")


def qdir() -> Path:
    return home() / "question_bank"


def write_user(name: str, body: str) -> Path:
    p = qdir() / name
    p.parent.mkdir(parents=True, exist_ok=True)
    p.write_text(body, encoding="utf-8")
    return p


ONE = ("  - id: {qid}\n    text: \"{text}\"\n    tags: {{topic: common, kind: behavioural, difficulty: medium}}\n"
       "    answer: {{min_words: 60, max_words: 200, seconds: 120}}\n")


def body(*ids: str, lang: str = "en") -> str:
    return f"lang: {lang}\nversion: 1\nquestions:\n" + "".join(ONE.format(qid=i, text=f"Question {i}?") for i in ids)


# -- ids -------------------------------------------------------------------------------------------

@pytest.mark.parametrize("text,lang,expected", [
    ("Tell me about a deal you lost to a competitor.", "en", "deal-lost-competitor"),
    ("Can you describe the biggest deal you've closed?", "en", "biggest-deal-youve-closed"),
    ("Povestiți-mi despre o vânzare pierdută în fața unui concurent.", "ro", "vanzare-pierduta-fata-concurent"),
    ("Ce înseamnă pentru dumneavoastră un client mulțumit?", "ro", "inseamna-client-multumit"),
    ("Why?", "en", "why"),
    ("¿?", "en", "question"),
    ("How would you sell a subscription to a company that already pays a competitor every month?", "en",
     "sell-subscription-company-already-pays"),           # six words at most
])
def test_readable_ids_from_text(text, lang, expected):
    assert fields.slug(text, lang) == expected
    assert len(expected) <= fields.MAX_ID_CHARS and fields.ID_RE.fullmatch(expected)


def test_derived_ids_never_take_an_existing_one():
    assert authoring.derive_id("Why sales?", "en", {"sales"}) == "sales-2"
    assert authoring.derive_id("Why sales?", "en", {"sales", "sales-2"}) == "sales-3"


def test_a_derived_id_never_overrides_a_built_in_question():
    w = authoring.add("en", "Sales experience?")          # "sales-experience" is built-in
    assert w.question.id == "sales-experience-2" and not w.notices


# -- building ----------------------------------------------------------------------------------------

@pytest.mark.parametrize("tags,expected", [
    ([], {"topic": "common", "kind": "behavioural", "difficulty": "medium"}),
    (["skills", "hard"], {"topic": "skills", "kind": "behavioural", "difficulty": "hard"}),
    (["situational", "pay"], {"topic": "pay", "kind": "situational", "difficulty": "medium"}),
    (["closing"], {"topic": "closing", "kind": "closing", "difficulty": "medium"}),
])
def test_tags_are_sorted_into_topic_kind_and_difficulty(tags, expected):
    assert fields.tags_from(tags) == expected


@pytest.mark.parametrize("tags,expected", [
    (["grea"], {"topic": "common", "kind": "behavioural", "difficulty": "hard"}),
    (["ușoară", "Situațională", "abilitati"], {"topic": "skills", "kind": "situational", "difficulty": "easy"}),
    (["usoara", "încheiere"], {"topic": "closing", "kind": "closing", "difficulty": "easy"}),
])
def test_tags_as_the_romanian_list_shows_them(tags, expected):
    """'mockint questions --lang ro --tag usoara' lists the questions; 'questions add --tag grea'
    said "'grea' is not a tag": add takes the tags the listing takes."""
    assert fields.tags_from(tags) == expected


def test_add_and_export_take_the_tags_the_listing_takes(tmp_path):
    p = run_main("questions", "add", "--lang", "ro", "--tag", "grea", "--tag", "abilități",
                 "--text", "Cum ați negocia un preț?", "--id", "negociere")
    assert p.returncode == 0, p.stderr
    q = loader.bank("ro").get("negociere")
    assert (q.topic, q.kind, q.difficulty) == ("skills", "behavioural", "hard")
    assert "negociere" in [line.split()[0] for line in run_main("questions", "--lang", "ro", "--tag", "grea").stdout.splitlines()]
    out = tmp_path / "grele.yaml"
    p = run_main("questions", "export", "--lang", "ro", "--tag", "grea", "-o", str(out))
    assert p.returncode == 0 and "id: negociere" in out.read_text(encoding="utf-8")
    p = run_main("questions", "add", "--lang", "ro", "--tag", "grea", "--tag", "usoara", "--text", "Alta?")
    assert p.returncode == 2
    assert p.stderr == "mockint: error: --tag: two difficultys given ('grea' and 'usoara'); a question has one\n"


@pytest.mark.parametrize("tags,message", [
    (["skils"], "--tag: 'skils' is not a tag (did you mean 'skills'?); tags: behavioural, closing, common"),
    (["easy", "hard"], "--tag: two difficultys given ('easy' and 'hard'); a question has one"),
])
def test_tag_errors(tags, message):
    with pytest.raises(MockintError) as exc:
        fields.tags_from(tags)
    assert str(exc.value).startswith(message)


def test_points_with_and_without_phrases():
    stop = fields.function_words("en")
    assert fields.parse_point("Say what you learned | learned, lesson , next time", 0, "en", stop) == \
        ("Say what you learned", ["learned", "lesson", "next time"])
    assert fields.parse_point("Mention the ROI in numbers", 0, "en", stop) == \
        ("Mention the ROI in numbers", ["mention", "ROI", "numbers"])
    with pytest.raises(MockintError, match=r"--point 2: no phrases after '\|'"):
        fields.parse_point("Summary |  , ", 1, "en", stop)
    with pytest.raises(MockintError, match="--point 1: the summary is empty"):
        fields.parse_point(" | a, b", 0, "en", stop)
    with pytest.raises(MockintError, match="--point 1: no word in 'and the' can show the point is covered"):
        fields.parse_point("and the", 0, "en", stop)


def test_answer_length_follows_the_time_budget():
    assert fields.answer_length(120) == (90, 252)
    assert fields.answer_length(10) == (20, 40)


def test_new_question_defaults_and_follow_ups():
    q = authoring.new_question("ro", "Povestiți-mi despre cel mai mare contract semnat.", points=["Valoarea contractului",
                               "Ce ați negociat | negociat, negociere"], follow_ups=["Cât a valorat?"])
    assert q.id == "contract-semnat" and q.seconds == 120
    assert [p.follow_up for p in q.talking_points] == ["Cât a valorat?",
                                                       "Puteți spune mai multe despre ce ați negociat?"]
    assert q.talking_points[0].phrases == ["valoarea", "contractului"]


@pytest.mark.parametrize("lang,summary,follow_up", [
    # a user's point: 'Could you say more about this: owns the loss?' pasted its summary into a template
    ("en", "owns the loss", "Could you go into more detail, with one specific example?"),
    ("en", "Mention the ROI in numbers", "Could you go into more detail, with one specific example?"),
    ("en", "What you learned", "Could you say more about what you learned?"),
    ("en", "how you recovered the account.", "Could you say more about how you recovered the account?"),
    ("en", "The customer's budget", "Could you say more about the customer's budget?"),
    ("en", "your part in the loss", "Could you say more about your part in the loss?"),
    ("en", "ROI figures", "Could you go into more detail, with one specific example?"),
    ("en", "how did you recover?", "How did you recover?"),                  # a question: asked as it is
    ("ro", "Ce ați negociat", "Puteți spune mai multe despre ce ați negociat?"),
    ("ro", "cum ați recâștigat clientul", "Puteți spune mai multe despre cum ați recâștigat clientul?"),
    ("ro", "Valoarea contractului", "Puteți intra în mai multe detalii, cu un exemplu concret?"),
    ("ro", "de ce ați ales vânzările", "Puteți intra în mai multe detalii, cu un exemplu concret?"),
    ("ro", "își asumă pierderea", "Puteți intra în mai multe detalii, cu un exemplu concret?"),
    ("ro", "cât a valorat contractul?", "Cât a valorat contractul?"),
])
def test_a_generated_follow_up_reads_naturally(lang, summary, follow_up):
    """A point's summary goes into the follow-up only where it reads as what is asked about (a
    'what/how…' clause, a noun phrase with its article); else the follow-up is a generic one."""
    assert fields.follow_up(summary, lang) == follow_up
    q = authoring.new_question(lang, "Tell me about a time you owned a loss.", points=[f"{summary} | loss, pierdere"])
    assert q.talking_points[0].follow_up == follow_up


@pytest.mark.parametrize("kwargs,message", [
    ({"text": "   "}, "--text is empty"),
    ({"qid": "Bad Id!"}, "--id: 'Bad Id!' is not a valid id (lowercase letters, digits, '-' or '_', e.g. 'bad-id')"),
    ({"follow_ups": ["Why?"]}, "1 --follow-up for 0 --point: each --follow-up goes with the --point in the same position"),
    ({"seconds": 4000}, "--time: must be from 5 to 3600 seconds, not 4000"),
])
def test_new_question_errors(kwargs, message):
    args = {"lang": "en", "text": "A question?", **kwargs}
    with pytest.raises(MockintError) as exc:
        authoring.new_question(**args)
    assert str(exc.value) == message


# -- add ---------------------------------------------------------------------------------------------

def test_add_writes_one_valid_file_atomically():
    w = authoring.add("en", "Tell me about a deal you lost to a competitor.", tags=["situational", "hard"],
                      points=["What you learned | learned, lesson", "The numbers"], seconds=150)
    assert w.path == qdir() / "deal-lost-competitor.en.yaml"
    assert [p.name for p in qdir().iterdir()] == ["deal-lost-competitor.en.yaml"]     # no temporary left
    text = w.path.read_text(encoding="utf-8")
    assert text.startswith("# A mockint question bank")
    doc = yaml.safe_load(text)
    assert doc["lang"] == "en" and doc["questions"][0]["answer"] == {"min_words": 112, "max_words": 315, "seconds": 150}
    q = loader.bank("en").get("deal-lost-competitor")
    assert q.kind == "situational" and q.difficulty == "hard" and q.user


def test_add_never_overwrites_without_force():
    authoring.add("en", "First version?", qid="mine")
    with pytest.raises(MockintError) as exc:
        authoring.add("en", "Second version?", qid="mine")
    assert str(exc.value) == f"{qdir() / 'mine.en.yaml'} already exists; --force replaces it"
    assert loader.bank("en").get("mine").text == "First version?"
    authoring.add("en", "Second version?", qid="mine", force=True)
    assert loader.bank("en").get("mine").text == "Second version?"


def test_add_refuses_an_id_that_is_a_user_question_in_another_file():
    f = write_user("several.yaml", body("taken-one", "taken-two"))
    with pytest.raises(MockintError) as exc:
        authoring.add("en", "Another?", qid="taken-two", force=True)
    assert str(exc.value) == (f"the question id 'taken-two' is already a user question in {f}; choose another "
                              f"--id, or 'mockint questions edit taken-two'")


def test_write_new_loses_no_race(monkeypatch, tmp_path):
    target = tmp_path / "x.yaml"

    def racing_link(src, dst):         # another process creates the file between the check and the link
        Path(dst).write_text("theirs")
        raise FileExistsError(dst)

    monkeypatch.setattr(os, "link", racing_link)
    with pytest.raises(MockintError, match="already exists; --force replaces it"):
        authoring.write_new(target, "mine")
    assert target.read_text() == "theirs" and [p.name for p in tmp_path.iterdir()] == ["x.yaml"]


def test_write_new_errors(tmp_path):
    with pytest.raises(MockintError, match="cannot write .*: it is a folder"):
        authoring.write_new(tmp_path, "x")
    blocker = tmp_path / "file"
    blocker.write_text("x")
    with pytest.raises(MockintError, match=r"cannot write .*file/sub/x.yaml: "):
        authoring.write_new(blocker / "sub" / "x.yaml", "x")


def test_cli_add_prints_the_path_and_the_question_can_be_scored_at_once():
    p = run_main("questions", "add", "--lang", "en", "--text", "Tell me about a deal you lost.",
                "--tag", "hard", "--point", "What you learned | learned, lesson, since then",
                "--follow-up", "What did you learn?", "--time", "150")
    assert p.returncode == 0 and p.stderr == ""
    path = home() / "question_bank" / "deal-lost.en.yaml"
    assert p.stdout == f"{path}\n" and path.exists()
    s = run_main("score", "--question", "deal-lost", "--lang", "en", "--format", "json", input=STORY)
    assert s.returncode == 0, s.stderr
    d = json.loads(s.stdout)
    assert d["question_id"] == "deal-lost" and d["score"] >= 70
    kp = next(c for c in d["criteria"] if c["id"] == "key_points")
    assert kp["passed"] and any(e["rule"] == "key_points.learned" for e in kp["evidence"])


def test_a_new_question_can_be_practised_at_once(monkeypatch):
    """What `mockint practice --question ID` hands the TUI, and what the TUI asks the loader."""
    import mockint.tui
    from mockint import cli

    authoring.add("en", "Tell me about a deal you lost.", qid="lost-deal")
    seen = {}

    class Tty:
        def isatty(self):
            return True

    monkeypatch.setattr(mockint.tui, "run", lambda **kw: seen.update(kw) or 0)
    monkeypatch.setattr(sys, "stdin", Tty())
    monkeypatch.setattr(sys, "stdout", Tty())
    assert cli.main(["practice", "--lang", "en", "--question", "lost-deal"]) == 0
    assert seen["question_ids"] == ["lost-deal"]
    qs = questions_for(loader.bank("en"), Settings(lang="en"), ["lost-deal"])
    assert [q.id for q in qs] == ["lost-deal"]


def test_cli_add_with_a_built_in_id_says_it_replaces_it():
    p = run_main("questions", "add", "--lang", "en", "--id", "why-sales", "--text", "Why sales, really?")
    assert p.returncode == 0
    assert p.stderr == ("mockint: note: the question 'why-sales' replaces the built-in one (remove it to get "
                        "the built-in one back)\n")
    assert "Why sales, really?" in run_main("questions", "--lang", "en").stdout


@pytest.mark.parametrize("args,message", [
    (["--text", "Hi?"], "the following arguments are required: --lang"),
    (["--lang", "en"], "the following arguments are required: --text"),
    (["--lang", "de", "--text", "x"], "argument --lang: invalid choice: 'de'"),
    (["--lang", "en", "--text", "x", "--time", "soon"], "argument --time: 'soon' is not a whole number of seconds"),
    (["--lang", "en", "--text", "x", "--time", "2"], "argument --time: '2' must be from 5 to 3600 seconds"),
    (["--lang", "en", "--text", "x", "--tag", "nope"], "--tag: 'nope' is not a tag"),
    (["--lang", "en", "--text", "x", "--id", "A B"], "--id: 'A B' is not a valid id"),
])
def test_cli_add_errors_are_one_line(args, message):
    p = run_main("questions", "add", *args)
    assert p.returncode == 2 and message in p.stderr and p.stderr.count("\n") == 1 and p.stdout == ""
    assert not (home() / "question_bank").exists() or not list((home() / "question_bank").iterdir())


def test_cli_add_refuses_to_overwrite():
    run_main("questions", "add", "--lang", "en", "--text", "x?", "--id", "mine")
    p = run_main("questions", "add", "--lang", "en", "--text", "y?", "--id", "mine")
    assert p.returncode == 2
    assert p.stderr == f"mockint: error: {qdir() / 'mine.en.yaml'} already exists; --force replaces it\n"
    p = run_main("questions", "add", "--lang", "en", "--text", "y?", "--id", "mine", "--force")
    assert p.returncode == 0


# -- remove ------------------------------------------------------------------------------------------

def test_remove_a_user_question():
    w = authoring.add("en", "Mine?", qid="mine")
    p = run_main("questions", "remove", "mine")
    assert p.returncode == 0 and p.stdout == f"removed {w.path}\n" and not w.path.exists()


def test_removing_an_override_brings_the_built_in_one_back():
    authoring.add("en", "Why sales, really?", qid="why-sales")
    p = run_main("questions", "remove", "why-sales")
    assert p.returncode == 0 and p.stderr == "mockint: note: the built-in question 'why-sales' is used again\n"
    assert loader.bank("en").get("why-sales").text == "Why did you choose a career in sales?"


@pytest.mark.parametrize("setup,args,message", [
    (None, ["why-sales"], "'why-sales' is a built-in question; built-in questions cannot be removed"),
    (None, ["nothing-here"], "no user question 'nothing-here'; there are no user questions yet"),
    ("mine", ["xyz"], "no user question 'xyz'; user questions: mine"),
    ("mine", ["mine-2"], "no user question 'mine-2' (did you mean 'mine'?); user questions: mine"),
    ("both", ["mine"], "'mine' is a user question in en and ro: say which with --lang"),
])
def test_remove_errors(setup, args, message):
    if setup:
        authoring.add("en", "Mine?", qid="mine")
    if setup == "both":
        authoring.add("ro", "A mea?", qid="mine")
    p = run_main("questions", "remove", *args)
    assert p.returncode == 2 and p.stderr == f"mockint: error: {message}\n"


def test_remove_with_lang_when_the_id_is_in_both_languages():
    authoring.add("en", "Mine?", qid="mine")
    w = authoring.add("ro", "A mea?", qid="mine")
    p = run_main("questions", "remove", "mine", "--lang", "ro")
    assert p.returncode == 0 and not w.path.exists() and loader.bank("en").get("mine")


def test_remove_never_rewrites_a_file_with_other_questions():
    f = write_user("several.yaml", body("one", "two"))
    p = run_main("questions", "remove", "two")
    assert p.returncode == 2
    assert p.stderr == (f"mockint: error: 'two' is one of 2 questions in {f}; remove it there "
                        f"('mockint questions edit two')\n")
    assert f.read_text() == body("one", "two")


# -- edit --------------------------------------------------------------------------------------------

def editor(tmp_path: Path, code: str) -> str:
    script = tmp_path / "editor.py"
    script.write_text("import sys\npath = sys.argv[1]\n" + code)
    return f"{sys.executable} {script}"


def test_edit_opens_the_file_and_checks_it(tmp_path):
    w = authoring.add("en", "Mine?", qid="mine")
    ed = editor(tmp_path, "t = open(path).read().replace('Mine?', 'Edited?')\nopen(path, 'w').write(t)\n")
    p = run_main("questions", "edit", "mine", env={"EDITOR": ed})
    assert p.returncode == 0 and p.stdout == f"{w.path}: no problems\n"
    assert loader.bank("en").get("mine").text == "Edited?"


def test_edit_reports_what_the_editing_broke(tmp_path):
    w = authoring.add("en", "Mine?", qid="mine")
    ed = editor(tmp_path, "t = open(path).read().replace('difficulty: medium', 'difficulty: trivial')\n"
                          "open(path, 'w').write(t)\n")
    p = run_main("questions", "edit", "mine", env={"EDITOR": ed})
    assert p.returncode == 1
    lines = p.stdout.splitlines()
    assert lines[0] == (f"{w.path}:10:5: questions[0].tags.difficulty: 'trivial' is not allowed; allowed: easy, "
                        f"medium, hard")
    assert lines[1] == (f"{w.path}: 1 problem; mockint leaves out what does not validate until it is fixed "
                        f"('mockint questions edit mine')")


@pytest.mark.parametrize("env,message", [
    ({"EDITOR": ""}, "$EDITOR is not set: set it to your editor (e.g. EDITOR=nano), or open {path}"),
    ({"EDITOR": "/nonexistent/editor --wait"}, "cannot start the editor '/nonexistent/editor' ($EDITOR): not found"),
    ({"EDITOR": "false"}, "the editor 'false' exited with status 1; {path} is as the editor left it"),
    ({"EDITOR": "vim 'unclosed"}, "$EDITOR cannot be read (No closing quotation)"),
])
def test_edit_errors(env, message):
    w = authoring.add("en", "Mine?", qid="mine")
    p = run_main("questions", "edit", "mine", env=env)
    assert p.returncode == 2 and p.stderr == f"mockint: error: {message.format(path=w.path)}\n"


def test_edit_a_built_in_question_explains_how_to_change_it():
    p = run_main("questions", "edit", "why-sales", env={"EDITOR": "true"})
    assert p.returncode == 2
    assert p.stderr.startswith("mockint: error: 'why-sales' is a built-in question; to change it, add a user "
                               "question with the same id")


def _break(path: Path, old: str = "  text:", new: str = "  txt:") -> None:
    """The user's hand edit that breaks a file: the key 'text' renamed."""
    path.write_text(path.read_text(encoding="utf-8").replace(old, new, 1), encoding="utf-8")


def test_edit_and_remove_find_a_question_that_does_not_validate(tmp_path):
    """A new user renamed 'text:' to 'txt:' in their question; validate named the file, 'questions
    edit ID' then opened the Romanian question of that id, and with --lang en edit and remove said
    there were no user questions yet."""
    en = authoring.add("en", "Tell me about a deal you lost.", qid="lost-deal").path
    ro = authoring.add("ro", "Povestiți o vânzare pierdută.", qid="lost-deal").path
    _break(en)
    assert run_main("validate").returncode == 1
    p = run_main("questions", "edit", "lost-deal", env={"EDITOR": "true"})
    assert p.returncode == 2 and p.stdout == ""
    assert p.stderr == ("mockint: error: 'lost-deal' is a user question in en (its file does not validate) "
                        "and ro: say which with --lang\n")
    fix = editor(tmp_path, "t = open(path).read().replace('txt:', 'text:')\nopen(path, 'w').write(t)\n")
    p = run_main("questions", "edit", "lost-deal", "--lang", "en", env={"EDITOR": fix})
    assert p.returncode == 0 and p.stdout == f"{en}: no problems\n"
    assert loader.bank("en").get("lost-deal").text == "Tell me about a deal you lost."
    _break(en)
    p = run_main("questions", "edit", "lost-deal", "--lang", "en", env={"EDITOR": "true"})
    assert p.returncode == 1 and p.stdout.splitlines()[-1] == (
        f"{en}: 1 problem; mockint leaves out what does not validate until it is fixed "
        f"('mockint questions edit lost-deal --lang en')")
    assert run_main("questions", "remove", "lost-deal").returncode == 2
    p = run_main("questions", "remove", "lost-deal", "--lang", "en")
    assert p.returncode == 0 and p.stdout == f"removed {en}\n" and not en.exists() and ro.exists()
    p = run_main("questions", "remove", "lost-deal", "--lang", "en")
    assert p.returncode == 2 and p.stderr == "mockint: error: 'lost-deal' is a user question in ro, not in en\n"


def test_a_question_whose_file_is_not_yaml_is_found_by_the_files_name():
    w = authoring.add("en", "Mine?", qid="mine")
    w.path.write_text("lang: en\nquestions: [\n", encoding="utf-8")
    p = run_main("questions", "edit", "mine", env={"EDITOR": "true"})
    assert p.returncode == 1 and "malformed YAML" in p.stdout
    p = run_main("questions", "remove", "nothing")
    assert p.stderr == ("mockint: error: no user question 'nothing'; user questions: mine\n")
    p = run_main("questions", "remove", "mine")
    assert p.returncode == 0 and not w.path.exists()


def test_remove_never_deletes_a_file_with_other_questions_that_do_not_validate():
    f = write_user("several.yaml", body("one", "two"))
    f.write_text(f.read_text().replace("text:", "txt:"))          # neither loads now
    p = run_main("questions", "remove", "two")
    assert p.returncode == 2 and p.stderr == (f"mockint: error: 'two' is one of 2 questions in {f}; remove it "
                                              f"there ('mockint questions edit two')\n")
    assert f.exists()


# -- export / import ---------------------------------------------------------------------------------

def test_export_filters_and_round_trips(tmp_path):
    out = tmp_path / "closing.yaml"
    p = run_main("questions", "export", "--lang", "en", "--tag", "closing", "-o", str(out))
    assert p.returncode == 0 and p.stdout == f"wrote 1 question to {out}\n"
    doc = yaml.safe_load(out.read_text())
    assert doc["lang"] == "en" and [q["id"] for q in doc["questions"]] == ["questions-for-us"]
    assert doc["questions"][0]["examples"]["pass"]          # everything a question has goes with it
    original = loader.bank("en").get("questions-for-us")
    again = authoring.parse_bank(out.read_text(), "x").questions[0]
    assert again.to_data() == original.to_data()


def test_export_everything_with_user_questions_and_by_id(tmp_path):
    authoring.add("ro", "Ce vindeți cel mai bine?", qid="ce-vindeti")
    out = tmp_path / "ro.yaml"
    p = run_main("questions", "export", "--lang", "ro", "-o", str(out))
    ids = [q["id"] for q in yaml.safe_load(out.read_text())["questions"]]
    assert p.returncode == 0 and ids[-1] == "ce-vindeti" and len(ids) == len(loader.bank("ro").questions)
    out2 = tmp_path / "two.yaml"
    p = run_main("questions", "export", "--lang", "ro", "--id", "why-sales", "--id", "ce-vindeti", "-o", str(out2))
    assert [q["id"] for q in yaml.safe_load(out2.read_text())["questions"]] == ["why-sales", "ce-vindeti"]


@pytest.mark.parametrize("args,message", [
    (["--tag", "skils"], "no question has the tag 'skils' (did you mean 'skills'?)"),
    (["--id", "why-sale"], "unknown question id 'why-sale' (did you mean 'why-sales'?)"),
])
def test_export_errors(tmp_path, args, message):
    out = tmp_path / "x.yaml"
    p = run_main("questions", "export", "--lang", "en", *args, "-o", str(out))
    assert p.returncode == 2 and message in p.stderr and not out.exists()


def test_export_never_overwrites_without_force(tmp_path):
    out = tmp_path / "x.yaml"
    out.write_text("keep me")
    p = run_main("questions", "export", "--lang", "en", "-o", str(out))
    assert p.returncode == 2 and p.stderr == f"mockint: error: {out} already exists; --force replaces it\n"
    assert out.read_text() == "keep me"
    assert run_main("questions", "export", "--lang", "en", "-o", str(out), "--force").returncode == 0


def test_import_writes_one_file_per_question_and_twice_changes_nothing(tmp_path):
    src = tmp_path / "in.yaml"
    src.write_text(body("imp-one", "imp-two"))
    p = run_main("questions", "import", str(src))
    assert p.returncode == 0
    assert p.stdout.splitlines() == [str(qdir() / "imp-one.en.yaml"), str(qdir() / "imp-two.en.yaml")]
    assert p.stderr == "mockint: note: imported 2 questions\n"
    assert loader.bank("en").get("imp-two").text == "Question imp-two?"
    p = run_main("questions", "import", str(src))
    assert p.returncode == 0 and p.stdout == ""
    assert p.stderr == "mockint: note: imported 0 questions; 2 already there, unchanged\n"


def test_import_notes_built_in_overrides(tmp_path):
    src = tmp_path / "in.yaml"
    src.write_text(body("why-sales"))
    p = run_main("questions", "import", str(src))
    assert p.returncode == 0
    assert "mockint: note: the question 'why-sales' replaces the built-in one\n" in p.stderr


def test_an_invalid_import_lists_every_problem_and_writes_nothing(tmp_path):
    src = tmp_path / "in.yaml"
    src.write_text(body("good-one", "bad-one", "worse-one").replace(
        "Question bad-one?\"\n    tags: {topic: common", "Question bad-one?\"\n    tags: {topic: commn").replace(
        "  - id: worse-one\n", "  - id: worse-one\n    guide: [do-33]\n"))
    p = run_main("questions", "import", str(src))
    assert p.returncode == 2 and p.stdout == ""
    assert p.stderr.splitlines() == [
        f"{src}:10:12: questions[1].tags.topic: 'commn' is not allowed; allowed: common, responsibilities, "
        f"skills, role, pay, tips, closing (did you mean 'common'?)",
        f"{src}:13:13: questions[2].guide[0]: 'do-33' is not a guide fact (did you mean 'do-3'?)",
        f"mockint: error: {src}: 2 problems; nothing imported",
    ]
    assert not qdir().exists() or not list(qdir().iterdir())


def test_an_import_that_would_overwrite_writes_nothing_unless_forced(tmp_path):
    authoring.add("en", "Mine?", qid="clash")
    src = tmp_path / "in.yaml"
    src.write_text(body("fresh", "clash"))
    p = run_main("questions", "import", str(src))
    assert p.returncode == 2
    assert p.stderr.splitlines()[0] == (f"{src}:8:5: questions[1].id: 'clash' is already a user question "
                                        f"({qdir() / 'clash.en.yaml'}); --force replaces it")
    assert not (qdir() / "fresh.en.yaml").exists()
    p = run_main("questions", "import", str(src), "--force")
    assert p.returncode == 0 and loader.bank("en").get("clash").text == "Question clash?"


def test_an_import_clashing_with_a_hand_written_file_is_refused_even_with_force(tmp_path):
    f = write_user("several.yaml", body("one", "two"))
    src = tmp_path / "in.yaml"
    src.write_text(body("two"))
    p = run_main("questions", "import", str(src), "--force")
    assert p.returncode == 2 and p.stderr.splitlines()[0] == (
        f"{src}:4:5: questions[0].id: 'two' is already a user question in {f}")


@pytest.mark.parametrize("content,message", [
    (b"lang: en\nversion: 1\nquestions: [\n", "{src}:4:1: malformed YAML: a value is missing here (check the brackets and quotes)"),
    (b"", "{src}: the file is empty: a question bank needs 'lang', 'version' and 'questions'"),
    (b"\x00\x01binary", "{src}: a binary file, not YAML text"),
    (b"lang: en\nversion: 1\nquestions:\n  - id: x\n    text: !!python/object/apply:os.system [id]\n",
     "{src}:5:11: refused the tag '!!python/object/apply:os.system': mockint reads plain YAML only and never "
     "runs code or builds objects from a data file"),
])
def test_import_refuses_malformed_files(tmp_path, content, message):
    src = tmp_path / "in.yaml"
    src.write_bytes(content)
    p = run_main("questions", "import", str(src))
    assert p.returncode == 2 and p.stderr.splitlines() == [
        message.format(src=src), f"mockint: error: {src}: 1 problem; nothing imported"]


def test_import_missing_file():
    p = run_main("questions", "import", "/nonexistent/in.yaml")
    assert p.returncode == 2 and p.stderr == "mockint: error: /nonexistent/in.yaml: no such file\n"


def test_a_failed_write_writes_nothing(monkeypatch, tmp_path):
    from mockint.core.data import staging

    src = tmp_path / "in.yaml"
    src.write_text(body("aa-one", "bb-two"))
    real = staging._write
    calls = []

    def flaky(path, data):
        calls.append(path)
        if len(calls) == 2:
            raise OSError(28, "No space left on device")
        return real(path, data)

    monkeypatch.setattr(staging, "_write", flaky)
    with pytest.raises(MockintError, match=r"^cannot write in .*question_bank: No space left on device; nothing "
                                           r"was changed$"):
        authoring.import_file(src)
    assert not (qdir() / "aa-one.en.yaml").exists() and not list(qdir().iterdir())


KILL_AT = """
import os, sys
from mockint.core.bank import authoring
from mockint.core.data import staging
point, n = sys.argv[1], int(sys.argv[2])
real = {"write": staging._write, "replace": staging._rename}
count = {"write": 0, "replace": 0}
def write(path, data):
    count["write"] += 1
    if point == "write" and count["write"] > n:
        os._exit(9)                       # as kill -9: no clean-up runs
    real["write"](path, data)
def replace(a, b):
    count["replace"] += 1
    if point == "replace" and count["replace"] > n:
        os._exit(9)
    real["replace"](a, b)
staging._write = write
staging._rename = replace
authoring.import_file(sys.argv[3])
"""


@pytest.mark.parametrize("point, n, kept", [("write", 3, 0), ("write", 6, 0), ("replace", 0, 0),
                                            ("replace", 1, 6), ("replace", 4, 6)])
def test_import_is_all_or_nothing_when_killed(tmp_path, point, n, kept):
    """Issue 16: kill -9 during 'questions import' left part of it (and hidden .tmp files). Killed
    while staging (nothing committed), the next run removes the staging folder; killed after the
    commit point (plan.json renamed: replace number 1), the next run finishes every rename."""
    import os
    import subprocess
    import sys

    from tests.conftest import ROOT

    src = tmp_path / "in.yaml"
    ids = [f"q-{i}" for i in range(6)]
    src.write_text(body(*ids))
    env = dict(os.environ, PYTHONPATH=str(ROOT))
    p = subprocess.run([sys.executable, "-c", KILL_AT, point, str(n), str(src)], env=env, capture_output=True)
    assert p.returncode == 9
    p = run_main("questions", "list", "--lang", "en")               # any command that reads the user's bank
    assert p.returncode == 0
    names = sorted(f.name for f in qdir().iterdir()) if qdir().exists() else []
    assert names == (sorted(f"{i}.en.yaml" for i in ids) if kept else [])
    assert all(not n.startswith(".") for n in names)                 # no staging folder, no temporary file


def test_stale_temporary_files_are_cleaned_and_fresh_ones_kept(tmp_path):
    import os
    import time

    from mockint.core.data import staging

    qdir().mkdir(parents=True)
    old, new = qdir() / ".x.en.yaml.ab12.tmp", qdir() / ".y.en.yaml.cd34.tmp"
    old.write_text("partial")
    new.write_text("being written")
    os.utime(old, (time.time() - 7200, time.time() - 7200))
    assert staging.recover(qdir()) == ["removed the temporary file .x.en.yaml.ab12.tmp"]
    assert not old.exists() and new.exists()


def test_import_says_replies_are_not_imported(tmp_path):
    src = tmp_path / "in.yaml"
    src.write_text(body("with-replies") + "replies:\n  - id: lunch\n    phrases: [lunch]\n    text: \"Fridays.\"\n")
    p = run_main("questions", "import", str(src))
    assert p.returncode == 0
    assert (f"mockint: note: {src}: its 'replies' are not imported (only questions are); keep them in a bank "
            f"file of your own in {qdir()}\n") in p.stderr


def test_help_lists_the_new_commands_and_options():
    p = run_main("--help")
    assert "validate" in p.stdout and "check-rubric" in p.stdout
    p = run_main("questions", "--help")
    for word in ("list", "add", "edit", "remove", "export", "import", "--bank"):
        assert word in p.stdout
    for cmd in (["score"], ["grade"], ["practice"]):
        assert "--bank PATH" in run_main(*cmd, "--help").stdout
    p = run_main("questions", "add", "--help")
    for opt in ("--lang", "--text", "--id", "--tag", "--point", "--follow-up", "--time", "--force"):
        assert opt in p.stdout


def test_new_question_language_is_checked():
    with pytest.raises(MockintError, match="--lang: 'de' is not a language; languages: en, ro"):
        authoring.new_question("de", "Warum?")


def test_add_run_twice_refuses_the_duplicate_text_unless_forced():
    """Issue 19: 'questions add' run twice silently made 'deal-lost-competitor-2' with the same text."""
    text = "Tell me about a deal you lost to a competitor."
    authoring.add("en", text)
    with pytest.raises(MockintError) as exc:
        authoring.add("en", "  tell me about a deal you lost to a  competitor. ")
    assert str(exc.value) == ("a question with this text already exists: 'deal-lost-competitor'; 'mockint questions "
                              "edit deal-lost-competitor' changes it, --force adds a second one")
    assert [p.name for p in qdir().iterdir()] == ["deal-lost-competitor.en.yaml"]
    assert authoring.add("en", text, force=True).path.name == "deal-lost-competitor-2.en.yaml"
    with pytest.raises(MockintError, match="already exists: 'why-sales'"):       # a built-in one too
        authoring.add("en", loader.bank("en").get("why-sales").text)


def test_a_rename_that_fails_after_the_commit_point_is_finished_by_the_next_run(monkeypatch, tmp_path):
    """Committed (plan.json in place) but a rename fails: said, and the next run finishes it."""
    from mockint.core.data import staging

    src = tmp_path / "in.yaml"
    src.write_text(body("aa-one", "bb-two"))
    real = staging._rename
    calls = []

    def flaky(a, b):
        calls.append(a)
        if len(calls) == 2:                        # the first rename is the commit point
            raise OSError(5, "Input/output error")
        return real(a, b)

    monkeypatch.setattr(staging, "_rename", flaky)
    with pytest.raises(MockintError, match=r"^cannot finish writing in .*question_bank: Input/output error; "
                                           r"the rest is written the next time mockint runs$"):
        authoring.import_file(src)
    monkeypatch.setattr(staging, "_rename", real)
    assert staging.recover(qdir())[0].startswith("finished an import that was interrupted")
    assert sorted(f.name for f in qdir().iterdir()) == ["aa-one.en.yaml", "bb-two.en.yaml"]
