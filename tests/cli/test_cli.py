"""The command line: every command, option, format and error message."""

from __future__ import annotations

import json

import pytest
from conftest import ROOT, run_main

from mockint import __version__
from mockint.cli import default_lang

STRONG = ("At my last company I sold logistics software to retailers. In 2022 a chain of 40 stores was "
          "about to sign with a competitor, and my goal was to keep the deal. First I asked their director "
          "what mattered, and I found out that late deliveries hurt them more than price. Then I ran a "
          "two-week pilot in three stores. As a result their late deliveries dropped by 18 percent and "
          "they signed a two-year contract worth $240,000. I finished the year at 112% of quota.")


def test_version_and_help():
    p = run_main("--version")
    assert p.returncode == 0 and p.stdout.strip() == f"mockint {__version__}"
    p = run_main("--help")
    assert p.returncode == 0
    for cmd in ("questions", "score", "grade"):
        assert cmd in p.stdout


def test_questions_text_and_tag_filter():
    p = run_main("questions", "--lang", "en")
    assert p.returncode == 0 and "why-sales" in p.stdout and len(p.stdout.splitlines()) >= 30
    p = run_main("questions", "--lang", "en", "--tag", "closing")
    assert p.stdout.split()[0] == "questions-for-us" and len(p.stdout.splitlines()) == 1


def test_questions_json():
    p = run_main("questions", "--lang", "ro", "--format", "json")
    data = json.loads(p.stdout)
    assert data["lang"] == "ro" and len(data["questions"]) >= 30
    q = data["questions"][0]
    assert {"id", "text", "tags", "guide", "answer", "talking_points"} <= set(q)


def test_unknown_tag_is_an_error_with_a_suggestion():
    p = run_main("questions", "--tag", "skils")
    assert p.returncode == 2 and "did you mean 'skills'?" in p.stderr and p.stderr.count("\n") == 1


def _command_paths(parser, path=()):
    """Every command and subcommand of the full command line: ('score',), ('questions', 'add')..."""
    for name, sub in parser.command_names.items():
        yield path + (name,)
        yield from _command_paths(sub, path + (name,))


def _all_command_paths():
    from mockint.cli import build_parser

    return [" ".join(p) for p in _command_paths(build_parser())]


def test_every_command_is_tested_for_its_own_usage_errors():
    assert len(_all_command_paths()) == 19 and "questions add" in _all_command_paths()


@pytest.mark.parametrize("command", _all_command_paths())
def test_an_unknown_option_is_the_commands_own_error(command):
    """A new user typed 'mockint score --question hit-quota --formt json a.txt' and was sent to
    'mockint --help', the list of commands: an unknown option is an error of the (sub)command it was
    given to, and points to that command's help (with "did you mean" when an option is close)."""
    from mockint.cli import build_parser

    p = run_main(*command.split(), "--formatt", "json")
    assert p.returncode == 2 and p.stdout == "" and p.stderr.count("\n") == 1, p.stderr
    assert p.stderr.startswith(f"mockint {command}: error: unrecognized arguments: --formatt"), p.stderr
    assert p.stderr.endswith(f" (see 'mockint {command} --help')\n"), p.stderr
    parser = build_parser()
    for name in command.split():
        parser = parser.command_names[name]
    if "--format" in parser.option_names:
        assert "(did you mean '--format'?)" in p.stderr


@pytest.mark.parametrize(("argv", "error"), [
    ("score --question hit-quota --formt json a.txt",
     "mockint score: error: unrecognized arguments: --formt a.txt (did you mean '--format'?) "
     "(see 'mockint score --help')"),
    ("score --qeustion hit-quota a.txt",        # in a mutually exclusive group
     "mockint score: error: unrecognized arguments: --qeustion (did you mean '--question'?) "
     "(see 'mockint score --help')"),
    # an unknown option is said before what it causes: its value taken for the subcommand ...
    ("questions --lang en --tga hard",
     "mockint questions: error: unrecognized arguments: --tga (did you mean '--tag'?) (see 'mockint questions --help')"),
    # ... or for the session id that --last excludes
    ("report --last --formt html",
     "mockint report: error: unrecognized arguments: --formt (did you mean '--format'?) (see 'mockint report --help')"),
    ("questions list --lnag=en",
     "mockint questions list: error: unrecognized arguments: --lnag=en (did you mean '--lang'?) "
     "(see 'mockint questions list --help')"),
    ("--verison", "mockint: error: unrecognized arguments: --verison (did you mean '--version'?) (see 'mockint --help')"),
    ("histroy --formt json", "(did you mean 'history'?) (see 'mockint --help')"),
    ("score --question why-sales --elapsed -3", "mockint score: error: argument --elapsed: '-3' must be between 0 "
     "and 86400 seconds (see 'mockint score --help')"),
])
def test_usage_errors_name_the_command_and_the_cause(argv, error):
    p = run_main(*argv.split())
    assert p.returncode == 2 and p.stderr.count("\n") == 1 and error in p.stderr, p.stderr


@pytest.mark.parametrize("fmt", ["text", "json", "markdown"])
def test_score_from_stdin_in_every_format(fmt):
    p = run_main("score", "--question", "sales-experience", "--lang", "en", "--format", fmt, input=STRONG)
    assert p.returncode == 0, p.stderr
    if fmt == "json":
        d = json.loads(p.stdout)
        assert d["question_id"] == "sales-experience" and d["score"] > 70
    elif fmt == "markdown":
        assert p.stdout.startswith("## sales-experience") and "| ✓ | Real examples |" in p.stdout
    else:
        assert "Score:" in p.stdout and "✓ Real examples" in p.stdout and "real_examples.numbers" in p.stdout


def test_score_from_file_and_dash(tmp_path):
    f = tmp_path / "a.txt"
    f.write_text(STRONG, encoding="utf-8")
    a = run_main("score", "--question", "sales-experience", "--format", "json", str(f))
    b = run_main("score", "--question", "sales-experience", "--format", "json", "-", input=STRONG)
    assert a.returncode == b.returncode == 0 and a.stdout == b.stdout
    points = json.loads(a.stdout)["points"]          # the JSON contract's talking points: id -> summary
    assert points and all(isinstance(k, str) and v for k, v in points.items())


def test_score_question_text_and_elapsed():
    p = run_main("score", "--question-text", "Tell me about a deal you won.", "--elapsed", "500",
                "--format", "json", input=STRONG)
    d = json.loads(p.stdout)
    ids = [c["id"] for c in d["criteria"]]
    assert d["question_id"] is None and "key_points" not in ids and "on_time" in ids and d["points"] == {}


def test_lang_defaults_from_locale():
    assert default_lang({"LANG": "ro_RO.UTF-8"}) == "ro"
    assert default_lang({"LC_ALL": "en_GB.UTF-8", "LANG": "ro_RO.UTF-8"}) == "en"
    assert default_lang({}) == "en"
    p = run_main("questions", "--format", "json", env={"LANG": "ro_RO.UTF-8"})
    assert json.loads(p.stdout)["lang"] == "ro"


@pytest.mark.parametrize("args,input,message", [
    (["score", "--question", "why-sale"], "text", "unknown question id 'why-sale' (did you mean 'why-sales'?)"),
    (["score", "--question", "why-sales", "/nonexistent/answer.txt"], None, "/nonexistent/answer.txt: no such file"),
    (["score", "--question", "why-sales"], "   \n", "standard input: the answer is empty"),
    (["score", "--question", "why-sales"], b"\xff\xfe\x00bad", "standard input is not UTF-8 text"),
    (["score", "--question", "why-sales", "--elapsed", "soon"], "x", "'soon' is not a number of seconds"),
    (["score"], "x", "one of the arguments --question --question-text is required"),
    (["score", "--question", "why-sales", "--format", "xml"], "x", "invalid choice: 'xml'"),
    (["score", "--question-text", "  ", ], "x", "--question-text is empty"),
    (["grade", "/nonexistent.yaml"], None, "/nonexistent.yaml: no such file"),
    (["nonsense"], None, "invalid choice: 'nonsense'"),
])
def test_errors_are_one_line_exit_2_no_traceback(args, input, message):
    p = run_main(*args, input=input)
    assert p.returncode == 2
    assert message in p.stderr
    assert p.stderr.count("\n") == 1 and "Traceback" not in p.stderr
    assert p.stdout == ""


def test_huge_answer_is_an_error():
    p = run_main("score", "--question", "why-sales", input="word " * 60_000)
    assert p.returncode == 2 and "characters; the most mockint scores is 200,000" in p.stderr


def test_binary_file_is_an_error(tmp_path):
    f = tmp_path / "bin.txt"
    f.write_bytes(b"abc\x00def")
    p = run_main("score", "--question", "why-sales", str(f))
    assert p.returncode == 2 and "binary data, not text" in p.stderr


TRANSCRIPT = """lang: en
answers:
  - question: sales-experience
    answer: |
{strong}
    elapsed: 100
  - question_text: Tell me about your biggest weakness.
    answer: I think maybe I am sort of a perfectionist, sorry.
  - question: questions-for-us
    answer: What does career progression look like here? What training would I get in my first months?
"""


def _transcript(tmp_path, text=None):
    f = tmp_path / "t.yaml"
    body = "\n".join("      " + line for line in [STRONG])
    f.write_text(text or TRANSCRIPT.format(strong=body), encoding="utf-8")
    return f


def test_grade_json(tmp_path):
    p = run_main("grade", str(_transcript(tmp_path)), "--format", "json")
    assert p.returncode == 0, p.stderr
    d = json.loads(p.stdout)
    assert d["lang"] == "en" and len(d["answers"]) == 3
    assert d["answers"][0]["question_id"] == "sales-experience"
    assert d["answers"][1]["question_id"] is None
    assert d["session"]["asked_questions"] is True
    assert {c["id"] for c in d["session"]["criteria"]} >= {"real_examples", "confidence", "preparation"}
    assert 1 <= len(d["session"]["weakest"]) <= 3
    assert d["session"]["weakest"][0]["answer"] == 2


@pytest.mark.parametrize("fmt,needle", [("text", "Practise next:"), ("markdown", "# Session:")])
def test_grade_text_and_markdown(tmp_path, fmt, needle):
    p = run_main("grade", str(_transcript(tmp_path)), "--format", fmt)
    assert p.returncode == 0 and needle in p.stdout


@pytest.mark.parametrize("body,message", [
    ("lang: en\nanswers:\n  - question: why-sale\n    answer: hi\n", "t.yaml:3:5: answers[0].question: unknown question id 'why-sale' (did you mean 'why-sales'?)"),
    ("lang: en\nanswers: [\n", "t.yaml:3:1: malformed YAML"),
    ("lang: en\nanswers:\n  - question: why-sales\n    answer: ''\n", "t.yaml:4:5: answers[0].answer: the answer is empty"),
    ("lang: de\nanswers: []\n", "t.yaml:1:1: lang: 'de' is not allowed; allowed: en, ro"),
    ("lang: en\nanswers:\n  - answer: hello\n", "give exactly one of 'question' (an id) or 'question_text'"),
    ("lang: en\nanswers:\n  - question: why-sales\n    answer: hi\n    elapsed: -3\n", "t.yaml:5:5: answers[0].elapsed: must be from 0 to 86400, not -3"),
])
def test_grade_errors(tmp_path, body, message):
    p = run_main("grade", str(_transcript(tmp_path, body)))
    assert p.returncode == 2 and message in p.stderr and p.stderr.count("\n") == 1


def test_module_and_script_entry_points_agree():
    """A real process (the other tests call main() in process): both entry points exit with what
    main returns, 0 or 2 with one line on stderr."""
    import shutil
    import subprocess
    import sys
    exe = shutil.which("mockint")
    p = subprocess.run([sys.executable, "-m", "mockint", "--version"], capture_output=True, text=True, cwd=ROOT)
    assert p.returncode == 0 and p.stdout.strip() == f"mockint {__version__}"
    bad = subprocess.run([sys.executable, "-m", "mockint", "nonsense"], capture_output=True, text=True, cwd=ROOT)
    assert bad.returncode == 2 and bad.stdout == "" and bad.stderr.count("\n") == 1
    assert "invalid choice: 'nonsense'" in bad.stderr and "Traceback" not in bad.stderr
    if exe:
        q = subprocess.run([exe, "--version"], capture_output=True, text=True)
        assert q.returncode == 0 and q.stdout == p.stdout


@pytest.mark.parametrize("args,message", [
    (["practice", "--question", "why-sale"], "unknown question id 'why-sale' (did you mean 'why-sales'?)"),
    (["practice", "--count", "0"], "argument --count: '0' must be from 1 to 50"),
    (["practice", "--count", "five"], "argument --count: 'five' is not a whole number"),
    (["practice", "--feedback", "never"], "invalid choice: 'never'"),
    (["practice"], "the interview needs a terminal; for scripts use 'mockint score' or 'mockint grade'"),
    ([], "the interview needs a terminal"),
])
def test_practice_errors_without_a_terminal(args, message):
    p = run_main(*args)
    assert p.returncode == 2 and message in p.stderr and p.stderr.count("\n") == 1


def test_practice_passes_every_option_to_the_tui(monkeypatch):
    """`mockint practice ...` hands its options to mockint.tui.run unchanged (no terminal needed)."""
    import sys

    import mockint.tui
    from mockint import cli

    seen = {}

    def fake_run(**kwargs):
        seen.update(kwargs)
        return 0

    class Tty:
        def isatty(self):
            return True

    monkeypatch.setattr(mockint.tui, "run", fake_run)
    monkeypatch.setattr(sys, "stdin", Tty())
    monkeypatch.setattr(sys, "stdout", Tty())
    rc = cli.main(["practice", "--lang", "ro", "--question", "why-sales", "handle-objection",
                   "--count", "3", "--feedback", "end", "--no-timer"])
    assert rc == 0
    assert seen["lang"] == "ro" and seen["question_ids"] == ["why-sales", "handle-objection"]
    assert seen["count"] == 3 and seen["feedback"] == "end" and seen["timer"] is False
    seen.clear()
    assert cli.main([]) == 0                       # no command: the interview, with defaults
    assert seen["question_ids"] is None and seen["feedback"] == "each" and seen["timer"] is True


def test_each_command_alone_parses_as_in_the_full_command_line():
    """A command's parser is built alone for speed (``build_parser(only=...)``): the list of
    commands is complete and each one alone has the same help and defaults as in the full parser."""
    import argparse

    from mockint.cli import COMMANDS, build_parser

    def subparsers(p):
        return next(a for a in p._actions if isinstance(a, argparse._SubParsersAction)).choices

    full = subparsers(build_parser())
    assert sorted(full) == sorted(COMMANDS)
    for name in COMMANDS:
        alone = subparsers(build_parser(only=name))
        assert name in alone and len(alone) < len(full)
        assert alone[name].format_help() == full[name].format_help()
    assert sorted(subparsers(build_parser(only="scroe"))) == sorted(COMMANDS)   # unknown: all


def test_grade_json_is_written_as_it_is_encoded_and_matches_to_json(tmp_path, monkeypatch, capsys):
    """The JSON report is streamed (never held whole) and is byte for byte what to_json gives."""
    from mockint import cli
    from mockint.core.bank import loader
    from mockint.core.bank.transcript import load_transcript
    from mockint.core.scoring.feedback import grade_dict, json_chunks, session_summary, to_json

    monkeypatch.setattr(cli.Streamed, "BLOCK", 64)             # several blocks even for a small report
    writes = []
    real = cli.Streamed.write

    def spy(self, out):
        class Out:
            def write(self, text):
                writes.append(text)
                out.write(text)
        real(self, Out())

    monkeypatch.setattr(cli.Streamed, "write", spy)
    path = _transcript(tmp_path)
    assert cli.main(["grade", str(path), "--format", "json"]) == 0
    streamed = capsys.readouterr().out
    tr = load_transcript(path)
    scorer = loader.scorer(tr.lang)
    expected = to_json(grade_dict(session_summary(tr.lang, [scorer.score(i.answer, i.question, i.elapsed)
                                                            for i in tr.items])))
    assert streamed == expected == "".join(json_chunks(json.loads(expected)))
    assert len(writes) > 3 and all(len(w) < 64 + 2000 for w in writes)


def test_to_json_is_json_dumps_with_an_indent():
    from mockint.core.scoring.feedback import to_json
    data = {"ă": ["ș", 1, 2.5, None, True, {"x": []}], "q": "\"\\n"}
    assert to_json(data) == json.dumps(data, ensure_ascii=False, indent=2) + "\n"


def test_a_streamed_report_to_a_closed_pipe_ends_quietly(tmp_path):
    """A real process and a real pipe: the reader goes away mid-report."""
    import subprocess
    import sys
    p = subprocess.run(f'"{sys.executable}" -m mockint grade "{_transcript(tmp_path)}" --format json | head -c 10',
                       shell=True, capture_output=True, text=True, cwd=ROOT)
    assert p.stdout == '{\n  "lang"'[:10] and "Traceback" not in p.stderr and "error" not in p.stderr


def test_questions_list_shows_whole_kinds():
    """Issue 19: the kind column was cut to 'closi', 'situa', 'behav'."""
    p = run_main("questions")
    assert p.returncode == 0
    assert " closing " in p.stdout and " situational " in p.stdout and " behavioural " in p.stdout
    assert " closi " not in p.stdout and " situa " not in p.stdout


def test_grade_takes_at_most_5000_answers_and_5_mb(tmp_path):
    """Issue 16: 100,000 tiny answers took 65 s and 3.25 GB. At the limits (5,000 answers, 5 MB)
    a grade peaks under ~190 MB (benchmarks: /usr/bin/time -v, see the README)."""
    big = tmp_path / "many.yaml"
    big.write_text("lang: en\nanswers:\n" + "  - question: why-sales\n    answer: I like to win.\n" * 5001)
    p = run_main("grade", str(big))
    assert p.returncode == 2 and p.stderr == (
        f"mockint: error: {big}:2:1: answers: 5,001 answers; 'mockint grade' takes at most 5,000 at a time: "
        f"split the file\n")
    huge = tmp_path / "huge.yaml"
    huge.write_text("lang: en\nanswers:\n" + "  - question: why-sales\n    answer: I like to win. Really.\n"
                    * 100_000)
    p = run_main("grade", str(huge))
    assert p.returncode == 2 and p.stderr.startswith(f"mockint: error: {huge}: ") and "MB" in p.stderr


def test_questions_in_romanian_show_romanian_tags_and_filter_by_the_english_id():
    """Issue 19: the Romanian list showed "behavioural easy"."""
    p = run_main("questions", "--lang", "ro", "--tag", "easy")
    first = p.stdout.splitlines()[0].split()
    assert p.returncode == 0 and first[:3] == ["sales-experience", "comportamentală", "ușoară"]


@pytest.mark.parametrize("shown", ["ușoară", "usoara", "UŞOARĂ", "easy"])
def test_questions_filter_by_a_tag_as_either_language_shows_it(shown):
    """A new user typed the tag the Romanian list shows ('ușoară') and was told no question has it."""
    p = run_main("questions", "--lang", "ro", "--tag", shown)
    assert p.returncode == 0 and p.stdout.splitlines()[0].split()[:3] == ["sales-experience", "comportamentală", "ușoară"]


def test_practise_next_names_the_question_not_its_id(tmp_path):
    """Issue 19: "Practise next" listed question ids."""
    f = tmp_path / "t.yaml"
    f.write_text("lang: en\nanswers:\n  - question: why-sales\n    answer: I like sales.\n")
    for fmt, line in (("text", "  1. Why did you choose a career in sales? (answer 1) — "),
                      ("markdown", "1. Why did you choose a career in sales? — ")):
        out = run_main("grade", str(f), "--format", fmt).stdout
        after = out[out.index("Practise next"):]
        assert line in after and "why-sales —" not in after


def test_practise_next_in_text_is_numbered_in_order_with_the_answer_it_comes_from(tmp_path):
    """A session's weak points were numbered by their answer ("1. … 1. … 3."), which read as a
    broken list; they are numbered 1, 2, 3 and each names its answer."""
    f = tmp_path / "t.yaml"
    f.write_text("lang: en\nanswers:\n  - question: why-sales\n    answer: honestly the money. and i like talking to people\n"
                 "  - question: mistake-learned\n    answer: I lost a 40k renewal because I never met their new CFO. "
                 "I now map every signer by the second call.\n"
                 "  - question: questions-for-us\n    answer: Is there drug testing? And how much holiday do I get?\n")
    out = run_main("grade", str(f)).stdout
    lines = [ln for ln in out[out.index("Practise next"):].splitlines()[1:] if ln.startswith("  ")]
    assert [ln.split(".")[0].strip() for ln in lines] == [str(k) for k in range(1, len(lines) + 1)]
    assert len(lines) >= 2 and all(any(f"(answer {k})" in ln for ln in lines) for k in (1, 3))


def test_a_bonus_not_earned_in_the_session_is_shown_without_a_cross(tmp_path):
    """Questions back outside the closing question is a bonus: the session summary showed
    "✗ Questions back 0%" beside "Asked questions back: no" (text, Markdown; HTML and JSON say it too)."""
    import json as _json

    f = tmp_path / "t.yaml"
    f.write_text("lang: en\nanswers:\n  - question: why-sales\n    answer: I like to win and I sold software for two years.\n")
    text = run_main("grade", str(f)).stdout
    assert "  · Questions back" in text and "✗ Questions back" not in text
    assert "| Questions back | 0% | · |" in run_main("grade", str(f), "--format", "markdown").stdout
    crit = {c["id"]: c for c in _json.loads(run_main("grade", str(f), "--format", "json").stdout)["session"]["criteria"]}
    assert crit["questions_back"]["bonus"] is True and crit["real_examples"]["bonus"] is False
