"""The start screen's choices remembered between runs (issue 15): settings.json, not the history."""

from __future__ import annotations

import argparse
import json

import pytest
from tui_helpers import run

from mockint import cli
from mockint.core.data import paths, prefs
from mockint.core.interview import Settings
from mockint.tui.app import create_app


def args(**kw):
    base = dict(lang=None, count=None, feedback=None, no_timer=False)
    base.update(kw)
    return argparse.Namespace(**base)


def test_nothing_saved_is_the_defaults_and_the_locale(monkeypatch):
    assert prefs.load() == {}
    assert cli.practice_choices(args()) == ("en", None, "each", True, "full")
    monkeypatch.setenv("LANG", "ro_RO.UTF-8")
    assert cli.practice_choices(args())[0] == "ro"


def test_saved_choices_are_used_unless_an_option_is_given():
    assert prefs.save(Settings(lang="ro", question_set="skills", count=3, feedback="end", timer=False))
    assert json.loads(prefs.path().read_text()) == {"lang": "ro", "question_set": "skills", "count": 3,
                                                   "feedback": "end", "timer": False}
    assert cli.practice_choices(args()) == ("ro", 3, "end", False, "skills")
    assert cli.practice_choices(args(lang="en", count=2, feedback="each")) == ("en", 2, "each", False, "skills")
    assert cli.practice_choices(args(no_timer=True))[3] is False


def test_a_damaged_or_odd_file_is_the_defaults():
    paths.home().joinpath("settings.json").write_text("{not json")
    assert prefs.load() == {}
    paths.home().joinpath("settings.json").write_text('{"lang": "fr", "count": true, "timer": "yes", "x": 1}')
    assert prefs.load() == {"lang": "fr"}
    assert cli.practice_choices(args())[0] == "en"         # an unknown language is not used
    paths.home().joinpath("settings.json").write_text("[1, 2]")
    assert prefs.load() == {}


def test_a_file_that_cannot_be_written_is_skipped(monkeypatch, tmp_path):
    monkeypatch.setattr(prefs, "path", lambda: tmp_path / "missing-folder" / "settings.json")
    assert prefs.save(Settings()) is False


@pytest.mark.tui
def test_starting_from_the_start_screen_remembers_the_choices():
    async def scenario():
        app = create_app(Settings(lang="en"), blink=False)
        async with app.run_test(size=(100, 32)) as pilot:
            await pilot.pause()
            app.screen.query_one("#lang").value = "ro"
            await pilot.pause()
            await pilot.press("ctrl+s")
            await pilot.pause()
    run(scenario)
    assert prefs.load()["lang"] == "ro"
