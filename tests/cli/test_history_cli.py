"""The history commands: history, report, export, import, rescore.

Handlers are tested in process through their own argparse (``cli_history.add_parsers``), and as
commands through ``main([...])`` (``run_main``: exit status, stdout, stderr as a process gives them).
That importing them never pulls in the scorer or Textual is checked in a fresh interpreter.
"""

from __future__ import annotations

import argparse
import json
import os
import re
import sqlite3
import stat
import subprocess
import sys
import time

import pytest
from conftest import ROOT, run_main

from mockint.cli import history as cli_history
from mockint.core.bank import loader
from mockint.core.data import paths
from mockint.core.data.errors import MockintError
from mockint.core.history import connect
from mockint.core.history.store import Store

STRONG = ("At my last company I sold logistics software to retailers. In 2022 a chain of 40 stores was "
          "about to sign with a competitor, and my goal was to keep the deal. First I asked their director "
          "what mattered, and I found out that late deliveries hurt them more than price. Then I ran a "
          "two-week pilot in three stores. As a result their late deliveries dropped by 18 percent and "
          "they signed a two-year contract worth $240,000. I finished the year at 112% of quota.")
NASTY = ("I think maybe I sold <script>alert('x')</script> and [bold]things[/bold] & more, sorry. "
         "What training do you offer?")


def parse(*argv: str) -> argparse.Namespace:
    p = argparse.ArgumentParser(prog="mockint")
    cli_history.add_parsers(p.add_subparsers(dest="command"))
    return p.parse_args(list(argv))


def run(*argv: str) -> str:
    args = parse(*argv)
    return cli_history.HANDLERS[args.command](args)


def fill(answers=(("sales-experience", STRONG, 110.0), ("why-sales", NASTY, None)), lang: str = "en",
         finish: bool = True, readiness=None) -> str:
    scorer, bank = loader.scorer(lang), loader.bank(lang)
    with Store.open() as s:
        sid = s.start_session(lang, {"count": len(answers)},
                              readiness if readiness is not None else
                              {"researched_company": True, "read_job_spec": False, "three_stories": True},
                              [a[0] for a in answers])
        for i, (qid, text, elapsed) in enumerate(answers):
            q = bank.get(qid)
            r = scorer.score(text, q, elapsed)
            s.save_answer(sid, i, q.id, q.text, text, elapsed, r.to_dict(), r.rubric_version)
        if finish:
            s.finish_session(sid, {})
    return sid


def command(*args: str, env=None):
    """``mockint ARGS...`` through main, in process: a CompletedProcess."""
    return run_main(*args, env=env)


# -- argument parsing ---------------------------------------------------------------------------

def test_history_stays_light_no_scorer_no_textual():
    code = ("import sys, argparse\nfrom mockint.cli import history as cli_history\n"
            "p = argparse.ArgumentParser(); cli_history.add_parsers(p.add_subparsers(dest='command'))\n"
            "a = p.parse_args(['history']); cli_history.HANDLERS['history'](a)\n"
            "a = p.parse_args(['history', '--format', 'json']); cli_history.HANDLERS['history'](a)\n"
            "print('\\n'.join(sys.modules))")
    p = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, cwd=ROOT, check=True,
                       env=dict(os.environ, PYTHONPATH=str(ROOT)))
    mods = set(p.stdout.split())
    assert "mockint.core.history.store" in mods
    assert not {"mockint.core.scoring.engine", "mockint.core.bank.loader", "rapidfuzz", "yaml"} & mods
    assert not any(m == "textual" or m.startswith("textual.") for m in mods)


def test_the_core_history_modules_never_import_textual():
    code = ("import sys\nimport mockint.core.data.paths, mockint.core.history.store, mockint.core.report.progress, "
            "mockint.core.report.session, mockint.cli.history\nfrom mockint.core.report import session as html_report\nfrom mockint.core.bank import loader\n"
            "html_report.render_html({'lang': 'en', 'session': {}, 'answers': []})\n"
            "print('\\n'.join(sys.modules))")
    p = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, cwd=ROOT, check=True,
                       env=dict(os.environ, PYTHONPATH=str(ROOT)))
    assert not any(m == "textual" or m.startswith("textual.") for m in p.stdout.split())


def test_report_needs_exactly_one_of_an_id_or_last():
    assert parse("report", "abc").session == "abc"
    assert parse("report", "--last").last is True
    with pytest.raises(SystemExit):
        parse("report")
    with pytest.raises(SystemExit):
        parse("report", "abc", "--last")
    with pytest.raises(SystemExit):
        parse("export")                                      # -o is required


def test_usage_errors_are_one_line_exit_2():
    p = command("report")
    assert p.returncode == 2 and p.stderr.count("\n") == 1 and "one of the arguments" in p.stderr
    p = command("report", "abc", "--last")
    assert p.returncode == 2 and p.stderr.count("\n") == 1 and "not allowed with" in p.stderr
    p = command("history", "--format", "xml")
    assert p.returncode == 2 and p.stderr.count("\n") == 1 and "invalid choice" in p.stderr


# -- history ------------------------------------------------------------------------------------

def test_history_empty():
    assert run("history") == "no sessions yet; 'mockint practice' starts one\n"
    assert json.loads(run("history", "--format", "json")) == {"sessions": []}


def test_history_text_and_json():
    a = fill()
    b = fill(answers=(("why-sales", STRONG, None),), lang="ro", finish=False)
    text = run("history")
    lines = text.splitlines()
    assert lines[0].split() == ["id", "started", "lang", "answers", "score"]
    assert lines[1].startswith(b[:8]) and lines[1].endswith("unfinished") and " ro " in lines[1]
    assert lines[2].startswith(a[:8]) and not lines[2].endswith("unfinished")
    assert re.search(r"\d{4}-\d\d-\d\d \d\d:\d\d", lines[2])
    data = json.loads(run("history", "--format", "json"))["sessions"]
    assert [s["id"] for s in data] == [b, a]
    assert set(data[1]) == {"id", "started_at", "finished_at", "lang", "answers", "score"}
    assert data[1]["answers"] == 2 and isinstance(data[1]["score"], int) and data[0]["finished_at"] is None
    assert [s["id"] for s in json.loads(run("history", "--format", "json", "--lang", "en"))["sessions"]] == [a]


def test_history_tells_about_a_damaged_file_on_stderr(capsys):
    paths.db_path().write_bytes(b"not a database" * 100)
    out = run("history")
    err = capsys.readouterr().err
    assert out.startswith("no sessions yet")
    assert re.fullmatch(r"mockint: the history file was damaged; it was moved to .*history\.corrupt-\d{8}-\d{6}"
                        r"\.sqlite3 and a new one started\n", err)


# -- report -------------------------------------------------------------------------------------

def test_report_json_is_the_grade_json_plus_metadata(tmp_path):
    sid = fill()
    rep = json.loads(run("report", sid[:8], "--format", "json"))
    assert list(rep)[:5] == ["id", "started_at", "finished_at", "lang", "readiness"]
    assert rep["id"] == sid and rep["lang"] == "en" and rep["finished_at"]
    assert rep["readiness"] == {"researched_company": True, "read_job_spec": False, "three_stories": True}
    # the same answers through `mockint grade`
    from mockint.cli import cmd_grade

    tr = tmp_path / "t.yaml"
    tr.write_text("lang: en\nanswers:\n"
                  f"  - question: sales-experience\n    answer: {json.dumps(STRONG)}\n    elapsed: 110\n"
                  f"  - question: why-sales\n    answer: {json.dumps(NASTY)}\n", encoding="utf-8")
    grade = json.loads(str(cmd_grade(argparse.Namespace(transcript=str(tr), format="json"))))
    ext = ("answer", "answered_at", "follow_up_asked", "rescored")
    assert [{k: v for k, v in a.items() if k not in ext} for a in rep["answers"]] == grade["answers"]
    assert [a["answer"] for a in rep["answers"]] == [STRONG, NASTY]
    gs, rs = grade["session"], rep["session"]
    assert rs["score"] == gs["score"] and rs["asked_questions"] == gs["asked_questions"]
    for g, r in zip(gs["criteria"], rs["criteria"]):
        assert {**g, "score": 0} == {**r, "score": 0} and abs(g["score"] - r["score"]) <= 0.0015
    assert [w["criterion"] for w in rs["weakest"]] == [w["criterion"] for w in gs["weakest"]]


def test_report_shows_the_stored_result_not_a_new_score(monkeypatch):
    sid = fill()
    with Store.open() as s:
        s.conn.execute("UPDATE results SET result = json_set(result, '$.score', 3), score = 3 WHERE idx = 0")
    rep = json.loads(run("report", sid, "--format", "json"))
    assert rep["answers"][0]["score"] == 3


def test_report_markdown_last(tmp_path):
    fill()
    sid = fill(answers=(("sales-experience", STRONG, 110.0),), readiness={"researched_company": False})
    with Store.open() as s:                                   # a newer session without answers
        s.start_session("en", {}, {}, ["why-sales"])
    md = run("report", "--last")
    assert md.startswith("# mockint: Interview report\n") and f"`{sid}`" in md
    assert "- ✗ I researched the company" in md and "## Session: " in md
    assert "## 1. sales-experience: Can you tell me about your sales experience?" in md
    assert "> At my last company I sold logistics software" in md
    assert md == run("report", sid[:10], "--format", "markdown")


def test_report_markdown_escapes_the_answer():
    sid = fill(answers=(("why-sales", NASTY, None),))
    md = run("report", sid)
    assert "\\<script\\>" in md and "\\[bold\\]" in md and "<script>" not in md


def test_report_html_is_self_contained_escaped_and_printable():
    sid = fill()
    page = run("report", sid, "--format", "html")
    assert page.startswith("<!DOCTYPE html>") and page.rstrip().endswith("</html>")
    # no external reference of any kind
    for bad in ("http:", "https:", "src=", "href=", "url(", "@import", "<link", "<script", "<img", "<iframe"):
        assert bad not in page.lower(), bad
    # user text shows literally
    assert "&lt;script&gt;alert(&#x27;x&#x27;)&lt;/script&gt;" in page and "[bold]things[/bold]" in page
    assert "&amp; more" in page
    # inline CSS with print rules, an inline SVG chart with one bar per criterion
    assert "<style>" in page and "@media print" in page
    svg = page[page.index("<svg"):page.index("</svg>")]
    rep = json.loads(run("report", sid, "--format", "json"))
    assert svg.count('class="bar-') == len(rep["session"]["criteria"])
    for c in rep["session"]["criteria"]:
        assert f">{round(c['score'] * 100)}%</text>" in svg
    # evidence highlighted, feedback, guide facts, readiness
    assert '<mark class="good" title="real_examples.situation">At my last company</mark>' in page
    assert '<mark class="bad"' in page                       # the hedges of the second answer
    assert rep["answers"][0]["criteria"][0]["feedback"] in page.replace("&#x27;", "'")
    assert "<dt><code>do-1</code></dt><dd>Show, don&#x27;t tell" in page
    assert '<li class="yes">I researched the company' in page and '<li class="no">I read the job description' in page


def test_report_html_in_romanian():
    sid = fill(answers=(("why-sales", "Am vândut 300 de telefoane în 2021. Ce training oferiți?", None),),
               lang="ro")
    page = run("report", sid, "--format", "html")
    assert '<html lang="ro">' in page and "Raportul interviului" in page and "Pregătire" in page


def test_report_to_a_file_is_atomic_and_of_the_users_usual_mode(tmp_path):
    """A report is meant to be shared: it is written 0o666 less the umask, as cp would (it was
    0o600); the export of the whole history stays private."""
    sid = fill()
    (tmp_path / "out").mkdir()
    out = tmp_path / "out" / "r.html"
    mask = os.umask(0o022)
    try:
        assert run("report", sid, "--format", "html", "-o", str(out)) == f"wrote {out}\n"
        assert stat.S_IMODE(out.stat().st_mode) == 0o644
        os.umask(0o007)
        assert run("report", sid, "--format", "json", "-o", str(tmp_path / "r.json")) == f"wrote {tmp_path / 'r.json'}\n"
        assert stat.S_IMODE((tmp_path / "r.json").stat().st_mode) == 0o660
        assert run("export", "-o", str(tmp_path / "all.json")) == f"wrote 1 session to {tmp_path / 'all.json'}\n"
        assert stat.S_IMODE((tmp_path / "all.json").stat().st_mode) == 0o600
    finally:
        os.umask(mask)
    assert os.umask(mask) == mask                                # the umask is as it was
    assert out.read_text(encoding="utf-8") == run("report", sid, "--format", "html")
    assert os.listdir(out.parent) == ["r.html"]                  # no temp file left
    out.write_text("old")
    with pytest.raises(MockintError, match=r"^.*r\.html already exists; --force replaces it$"):
        run("report", sid, "-o", str(out))                   # never over a file the user has (it was an answer)
    assert out.read_text(encoding="utf-8") == "old"
    assert run("report", sid, "-o", str(out), "--force") == f"wrote {out}\n"
    assert out.read_text(encoding="utf-8").startswith("# mockint")


def test_report_errors():
    with pytest.raises(MockintError, match=r"^no session with an answer in the history yet; 'mockint practice' "
                                           r"starts one$"):
        run("report", "--last")
    sid = fill()
    missing = "beef" if not sid.startswith("beef") else "feed"
    with pytest.raises(MockintError, match=rf"no session '{missing}' in the history"):
        run("report", missing)
    with pytest.raises(MockintError, match=r"is not a session id"):
        run("report", "last")


def test_writing_to_a_missing_folder_or_a_folder_is_a_clear_error(tmp_path):
    sid = fill()
    with pytest.raises(MockintError, match=r"^cannot write .*nope/r.md: the folder .*nope does not exist$"):
        run("report", sid, "-o", str(tmp_path / "nope" / "r.md"))
    with pytest.raises(MockintError, match=r"^cannot write .*: it is a folder$"):
        run("report", sid, "-o", str(tmp_path))
    with pytest.raises(MockintError, match=r"^cannot write .*x.json: Not a directory$"):
        (tmp_path / "file").write_text("x")
        run("export", "-o", str(tmp_path / "file" / "x.json"))


# -- export and import --------------------------------------------------------------------------

def test_export_then_import_elsewhere_twice(tmp_path, monkeypatch):
    a, b = fill(), fill(finish=False)
    f = tmp_path / "all.json"
    assert run("export", "-o", str(f)) == f"wrote 2 sessions to {f}\n"
    assert stat.S_IMODE(f.stat().st_mode) == 0o600
    doc = json.loads(f.read_text(encoding="utf-8"))
    assert [s["id"] for s in doc["sessions"]] == [a, b]
    monkeypatch.setenv("MOCKINT_HOME", str(tmp_path / "elsewhere"))
    assert run("import", str(f)) == "imported 2 sessions\n"
    assert run("import", str(f)) == "imported 0 sessions; 2 already in the history, skipped\n"
    assert json.loads(run("report", a, "--format", "json"))["answers"][1]["answer"] == NASTY
    with Store.open() as s:
        assert s.unfinished().id == b


def test_export_of_one_session_says_session():
    fill()
    out = run("export", "-o", str(paths.home() / "x.json"))
    assert out.endswith("wrote 1 session to " + str(paths.home() / "x.json") + "\n")


def test_import_errors(tmp_path):
    with pytest.raises(MockintError, match=r"^.*missing.json: no such file$"):
        run("import", str(tmp_path / "missing.json"))
    bad = tmp_path / "bad.json"
    bad.write_text('{"format": "mockint-history",\n "version": 1,, }', encoding="utf-8")
    with pytest.raises(MockintError, match=r"^.*bad.json:2:15: not valid JSON: Expecting property name"):
        run("import", str(bad))
    other = tmp_path / "other.json"
    other.write_text('{"sessions": []}', encoding="utf-8")
    with pytest.raises(MockintError, match=r"^.*other.json: not a mockint history export"):
        run("import", str(other))
    wrong = tmp_path / "wrong.json"
    wrong.write_text(json.dumps({"format": "mockint-history", "version": 1,
                                 "sessions": [{"id": "a" * 32, "lang": "en", "started_at": "2026-01-01T00:00:00",
                                               "answers": "none"}]}), encoding="utf-8")
    with pytest.raises(MockintError, match=r"^.*wrong.json: sessions\[0\]\.answers: expected a list, got the text"):
        run("import", str(wrong))


# -- rescore ------------------------------------------------------------------------------------

def test_rescore_with_the_same_rubric_adds_nothing():
    sid = fill()
    out = run("rescore", sid[:8])
    assert out == f"session {sid[:8]}: today's rubric (version 1) gives the same results; nothing added\n"


def test_rescore_with_a_new_rubric_keeps_the_original(monkeypatch):
    sid = fill()
    real = loader.scorer

    class V2:
        def __init__(self, lang):
            self.inner = real(lang)
            self.bank = self.inner.bank

        def score(self, answer, question, elapsed=None):
            r = self.inner.score(answer, question, elapsed)
            r.rubric_version, r.score = 2, min(100, r.score + 4)
            return r

    monkeypatch.setattr(loader, "scorer", V2)
    before = json.loads(run("report", sid, "--format", "json"))
    out = run("rescore", "--last")
    lines = out.splitlines()
    assert lines[0] == (f"session {sid[:8]}: 2 answers re-scored with rubric version 1; the original results are "
                        f"kept and stay the ones 'mockint report' shows")
    s0 = before["answers"][0]["score"]
    assert lines[1] == f"  1. sales-experience: {s0} → {min(100, s0 + 4)}"
    after = json.loads(run("report", sid, "--format", "json"))
    assert [a["score"] for a in after["answers"]] == [a["score"] for a in before["answers"]]
    assert after["answers"][0]["rescored"][0]["rubric_version"] == 2
    assert "re-scored with rubric version 2" in run("report", sid)


# -- as commands --------------------------------------------------------------------------------

def test_the_commands_through_main(tmp_path, monkeypatch):
    home = {"MOCKINT_HOME": str(tmp_path / "home")}
    p = command("history", env=home)
    assert p.returncode == 0 and p.stdout.startswith("no sessions yet")
    monkeypatch.setenv("MOCKINT_HOME", home["MOCKINT_HOME"])
    sid = fill()
    p = command("history", "--format", "json", env=home)
    assert p.returncode == 0 and json.loads(p.stdout)["sessions"][0]["id"] == sid
    p = command("report", "--last", "--format", "html", "-o", str(tmp_path / "r.html"), env=home)
    assert p.returncode == 0 and p.stdout == f"wrote {tmp_path / 'r.html'}\n" and p.stderr == ""
    p = command("report", "feed", env=home)
    assert p.returncode == 2 and p.stdout == "" and "Traceback" not in p.stderr
    assert p.stderr.startswith("mockint: error: no session 'feed' in the history") and p.stderr.count("\n") == 1
    p = command("export", "-o", str(tmp_path / "x.json"), env=home)
    assert p.returncode == 0
    p = command("import", str(tmp_path / "x.json"), env=home)
    assert p.returncode == 0 and p.stdout == "imported 0 sessions; 1 already in the history, skipped\n"


def test_a_damaged_history_through_main(tmp_path):
    home = tmp_path / "home"
    home.mkdir()
    (home / "history.sqlite3").write_bytes(b"\x00garbage" * 512)
    p = command("history", env={"MOCKINT_HOME": str(home)})
    assert p.returncode == 0 and p.stdout.startswith("no sessions yet")
    assert p.stderr.startswith("mockint: the history file was damaged; it was moved to ") and "Traceback" not in p.stderr
    assert any(n.startswith("history.corrupt-") for n in os.listdir(home))


def test_a_busy_history_waits_then_says_so(tmp_path, monkeypatch):
    """Another connection holds the history's write lock: the command waits its busy timeout
    (5 s for a user; ``connect.WAIT_LIMIT`` makes it 0.5 s here), then says so in one line. The
    holder in another process: test_crash_safety.py."""
    monkeypatch.setattr(connect, "WAIT_LIMIT", 0.5)
    fill()
    f = tmp_path / "x.json"
    run("export", "-o", str(f))
    doc = json.loads(f.read_text())
    doc["sessions"][0]["id"] = "b" * 32                      # something new to write
    f.write_text(json.dumps(doc))
    holder = sqlite3.connect(paths.db_path(), isolation_level=None)
    holder.execute("BEGIN EXCLUSIVE")
    try:
        t = time.perf_counter()
        p = command("import", str(f))
        waited = time.perf_counter() - t
    finally:
        holder.execute("ROLLBACK")
        holder.close()
    assert p.returncode == 2 and "Traceback" not in p.stderr and p.stderr.count("\n") == 1
    assert re.fullmatch(r"mockint: error: another mockint is using the history \(.*history\.sqlite3 is locked\); "
                        r"try again when it has finished\n", p.stderr)
    assert waited >= 0.45                                    # it waited (its busy timeout) first
    assert command("import", str(f)).stdout == "imported 1 session\n"


def test_export_never_replaces_a_file_without_force(tmp_path):
    """Issue 16: export overwrote an existing file (a good backup) without --force."""
    fill()
    f = tmp_path / "backup.json"
    f.write_text('{"precious": true}')
    with pytest.raises(MockintError, match=r"backup.json already exists; --force replaces it"):
        run("export", "-o", str(f))
    assert f.read_text() == '{"precious": true}'
    assert run("export", "-o", str(f), "--force") == f"wrote 1 session to {f}\n"
    assert json.loads(f.read_text())["sessions"]


def test_the_html_report_names_questions_and_prints_no_empty_guide_brackets(tmp_path):
    """Issue 19: the HTML report's "Practise next" showed ids, and "[]" after advice with no fact."""
    from mockint.core.bank import loader
    from mockint.core.history.store import Store

    with Store.open() as s:
        sid = s.start_session("en", {}, {}, ["why-sales"])
        q = loader.bank("en").get("why-sales")
        r = loader.scorer("en").score("I like sales.", q)
        s.save_answer(sid, 0, q.id, q.text, "I like sales.", None, r.to_dict(), r.rubric_version)
        s.finish_session(sid, {})
    html = run_main("report", "--last", "--format", "html").stdout
    part = html[html.index("Practise next"):html.index('<section class="answer">')]
    assert "Why did you choose a career in sales?" in part and "<strong>why-sales</strong>" not in part
    assert "[]" not in part
    md = run_main("report", "--last").stdout
    assert "1. Why did you choose a career in sales? — " in md


def test_the_html_chart_leaves_room_for_long_romanian_names():
    """Issue 19: "Întrebări puse de dumneavoa…" ran into the bars."""
    import re

    from mockint.core.report.page import _chart

    names = [{"name": "Întrebări puse de dumneavoastră", "score": 0.5, "passed": False},
             {"name": "Încredere", "score": 1.0, "passed": True}]
    svg = _chart(names, "ro")
    bar_x = int(re.search(r'<rect class="track" x="(\d+)"', svg).group(1))
    assert bar_x >= 8 * (len("Întrebări puse de dumneavoastră") + 3)
