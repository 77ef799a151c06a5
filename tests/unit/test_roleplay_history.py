"""Issue 18: role-play calls in the history, like interviews: saved, listed, reported in every
format, exported and imported; rescore says what to do instead."""

from __future__ import annotations

import json
import os
import stat

import pytest

from mockint.core import roleplay
from mockint.core.data.errors import MockintError
from mockint.core.history import checks as history_checks
from mockint.core.history.store import Store
from mockint.core.report import roleplay as roleplay_report
from tests.conftest import run_main

TURNS = ["Hi Sam. How do you plan shifts today?", "What happens when someone calls in sick?",
         "Would a demo next Tuesday at 10 work?"]


def played(turns=TURNS, scenario="discovery-ops"):
    return roleplay.Call.replay(roleplay.scenario(scenario, "en"), turns)


@pytest.fixture
def store():
    with Store.open() as s:
        yield s


def test_a_call_is_kept_turn_by_turn_and_read_back(store):
    sid = store.start_call("en", "discovery-ops")
    rec = store.session(sid)
    assert rec.call == {"scenario": "discovery-ops", "turns": [], "result": None} and not rec.finished
    call = played(TURNS[:1])
    store.save_call(sid, TURNS[:1], call.result().to_dict())
    [row] = store.sessions()
    assert (row.n_answers, row.score, row.scenario, row.finished) == (1, call.result().overall, "discovery-ops", False)
    assert row.to_dict()["roleplay"] == "discovery-ops"
    assert store.unfinished().id == sid                              # offered for resuming
    call = played()
    store.save_call(sid, TURNS, call.result().to_dict(), finished=True)
    rec = store.session(sid)
    assert rec.finished and rec.call["turns"] == TURNS
    assert roleplay.CallResult.from_dict(rec.call["result"]).to_dict() == call.result().to_dict()


def test_a_call_ended_with_no_turn_leaves_nothing(store):
    sid = store.start_call("en", "sell-pen")
    store.save_call(sid, [], None, finished=True)
    assert store.count() == 0


def test_a_bad_call_is_refused_before_it_is_written(store):
    sid = store.start_call("en", "sell-pen")
    with pytest.raises(MockintError, match=r"^call\.turns: expected a list of texts$"):
        store.save_call(sid, ["ok", 3], None)
    with pytest.raises(MockintError, match=r"^call\.result: not a stored role-play call"):
        store.save_call(sid, ["ok"], {"overall": 50})
    assert store.session(sid).call["turns"] == []


def test_the_cli_saves_lists_reports_and_exports_a_call(tmp_path):
    f = tmp_path / "turns.txt"
    f.write_text("\n\n".join(TURNS) + "\n")
    p = run_main("roleplay", "--scenario", "discovery-ops", str(f), "--save")
    assert p.returncode == 0
    sid8 = p.stderr.split("saved as session ")[1][:8]
    assert p.stderr == f"mockint: note: saved as session {sid8} ('mockint report {sid8}' shows it)\n"
    score = played().result().overall
    p = run_main("history")
    assert p.stdout.splitlines()[1].endswith(f"en          3  {score:>5}  role-play: Discovery call with an operations manager")
    md = run_main("report", sid8).stdout
    assert md == roleplay_report.render_markdown(played().result())
    assert json.loads(run_main("report", sid8, "--format", "json").stdout)["overall"] == score
    html = run_main("report", sid8, "--format", "html").stdout
    assert html.startswith("<!DOCTYPE html>") and "Sam Okafor" in html
    mask = os.umask(0o022)
    try:                                        # a call's report, written to share: 0o666 less the umask
        assert run_main("report", sid8, "--format", "html", "-o", str(tmp_path / "call.html")).returncode == 0
    finally:
        os.umask(mask)
    assert (tmp_path / "call.html").read_text() == html and stat.S_IMODE((tmp_path / "call.html").stat().st_mode) == 0o644
    p = run_main("rescore", sid8)
    assert p.returncode == 2 and p.stderr == (
        f"mockint: error: session {sid8} is a role-play call: its score is kept as it was; to score the same "
        f"turns with today's scenario, save them to a file and run 'mockint roleplay --scenario discovery-ops "
        f"--lang en FILE'\n")
    out = tmp_path / "e.json"
    assert run_main("export", "-o", str(out)).returncode == 0
    doc = json.loads(out.read_text())
    assert doc["sessions"][0]["call"]["turns"] == TURNS
    other = tmp_path / "other-home"
    p = run_main("import", str(out), env={"MOCKINT_HOME": str(other)})
    assert p.returncode == 0 and p.stdout == "imported 1 session\n"
    p = run_main("report", sid8, env={"MOCKINT_HOME": str(other)})
    assert p.stdout == md


@pytest.mark.parametrize("change, message", [
    (lambda c: c.update(turns="hello"), "sessions[0].call.turns: expected a list of texts"),
    (lambda c: c.update(result={"format": 99}), "sessions[0].call.result: not a stored role-play call"),
    (lambda c: c.pop("scenario"), 'sessions[0].call: missing the key "scenario"'),
])
def test_import_checks_a_call(store, change, message):
    sid = store.start_call("en", "discovery-ops")
    store.save_call(sid, TURNS, played().result().to_dict(), finished=True)
    doc = json.loads(json.dumps(store.export_all()))
    change(doc["sessions"][0]["call"])
    with pytest.raises(MockintError) as exc:
        history_checks.validate_export(doc)
    assert str(exc.value).startswith(message)


def test_save_and_html_need_a_call():
    p = run_main("roleplay", "--list", "--save")
    assert p.returncode == 2 and p.stderr == "mockint: error: --save keeps a call: it goes with --scenario ID\n"
    p = run_main("roleplay", "--list", "--format", "html")
    assert p.returncode == 2 and p.stderr == (
        "mockint: error: --format html is for a call (--scenario ID); --list takes text or json\n")


def test_roleplay_html_escapes_every_text(tmp_path):
    f = tmp_path / "turns.txt"
    f.write_text("What do you use a pen for? <script>alert(1)</script>\n")
    p = run_main("roleplay", "--scenario", "sell-pen", str(f), "--format", "html")
    assert p.returncode == 0 and "<script>" not in p.stdout and "&lt;script&gt;" in p.stdout
