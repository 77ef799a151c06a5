"""The history names a role-play call by its scenario's title, in the session's language.

A first-time user's `mockint history` (and the TUI's History) listed calls by their scenario ids,
"role-play: discovery-ops" / "joc de rol: cold-gatekeeper". Each call is now named by its
scenario's title in the language the call was in; a scenario no longer found (a user's file since
removed) keeps its id. The JSON listing keeps the id (``roleplay``), for scripts.
"""

from __future__ import annotations

import json

from conftest import run_main

from mockint.core import roleplay
from mockint.core.history.store import Store


def _save(lang: str, scenario_id: str, turns: list[str]) -> str:
    result = roleplay.Call.replay(roleplay.scenario(scenario_id, lang), turns).result()
    with Store.open() as s:
        sid = s.start_call(lang, scenario_id)
        s.save_call(sid, turns, result.to_dict(), finished=True)
    return sid


def test_history_names_calls_by_title_in_their_language():
    en = _save("en", "discovery-ops", ["Hi Sam. How do you plan shifts today?"])
    ro = _save("ro", "cold-gatekeeper", ["Bună ziua, aș putea vorbi cu domnul Dinu, vă rog?"])
    p = run_main("history")
    assert p.returncode == 0, p.stderr
    lines = {line[:8]: line for line in p.stdout.splitlines()[1:]}
    assert lines[en[:8]].endswith("  role-play: Discovery call with an operations manager")
    assert lines[ro[:8]].endswith("  role-play: Apel la rece: cum treceți de asistentă")
    assert "discovery-ops" not in p.stdout and "cold-gatekeeper" not in p.stdout
    rows = json.loads(run_main("history", "--format", "json").stdout)["sessions"]
    assert {r["roleplay"] for r in rows} == {"discovery-ops", "cold-gatekeeper"}


def test_a_broken_scenario_file_of_the_user_does_not_stop_the_listing():
    from mockint.core.roleplay import titles, user_dir

    _save("en", "sell-pen", ["When did you last use a pen?"])
    user_dir().mkdir(parents=True, exist_ok=True)
    (user_dir() / "mine.yaml").write_text("version: 1\nlang: en\nscenarios: [oops\n", encoding="utf-8")
    p = run_main("history")
    assert p.returncode == 0, p.stderr
    assert p.stdout.splitlines()[1].endswith("  role-play: Sell me this pen")
    assert titles("xx") == {}


def test_a_call_whose_scenario_is_gone_keeps_its_id():
    sid = _save("en", "sell-pen", ["When did you last use a pen?"])
    with Store.open() as s:
        s.conn.execute("UPDATE calls SET scenario = 'my-old-call' WHERE session_id = ?", (sid,))
        s.conn.commit()
    p = run_main("history")
    assert p.returncode == 0, p.stderr
    assert p.stdout.splitlines()[1].endswith("  role-play: my-old-call")
