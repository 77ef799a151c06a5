"""The one switch between Textual's private API and stock Textual (mockint.tui.seam), both ways:
off (the default, on the Textual the private path was tested with) the app and its screens use the
private speed-ups; with MOCKINT_STOCK_TEXTUAL=1, or on a Textual version it was not tested with,
they use Textual's public API only, and an interview still works (answer, feedback, bindings in
the session's language, Romanian's D for "Da").

The switch is decided once per process, when the app's modules are imported, so each way is run in
a fresh interpreter."""

from __future__ import annotations

import json
import os
import subprocess
import sys
from importlib.metadata import version

import pytest
from conftest import ROOT

from mockint.tui import seam

# A short interview in a fresh interpreter: argv[1] is the Textual version to pretend ("" for the
# real one), argv[2] the language. Prints what it saw as JSON.
SESSION = r'''
import asyncio, json, sys

from mockint.tui import seam

if sys.argv[1]:
    seam.textual_version = lambda: sys.argv[1]      # before anything asks the switch
lang = sys.argv[2]
KEY = sys.argv[3] if len(sys.argv) > 3 else ""

from mockint.core.interview import Settings
from mockint.tui.app import MockintApp, create_app
from mockint.tui.screens.base import BaseModal, BaseScreen
from mockint.tui.screens.confirm import ConfirmScreen
from mockint.tui.screens.feedback import FeedbackScreen
from mockint.tui.screens.interview import InterviewScreen
from mockint.core.data.strings import tr
from mockint.tui.widgets.answer_box import AnswerBox
from mockint.tui.widgets.footer import KeyFooter

ANSWER = {"en": "For example, last year I closed 3 deals worth 40,000 euros for a retail chain: I asked "
                "about their needs, showed a pilot and followed up every week until they signed.",
          "ro": "De exemplu, anul trecut am inchis 3 contracte de 40.000 de euro cu un lant de magazine: "
                "am intrebat de nevoile lor, am aratat un pilot si am revenit saptamanal."}
seen = {"private": seam.private_path(),
        "screen_bases": [c.__name__ for c in BaseScreen.__mro__],
        "modal_bases": [c.__name__ for c in BaseModal.__mro__],
        "app_bases": [c.__name__ for c in MockintApp.__mro__]}


async def settle(pilot):
    await pilot.pause()
    await pilot.app.workers.wait_for_complete()
    await pilot.pause()


async def main():
    settings = Settings(lang=lang, question_set="common", count=None, feedback="each", timer=False)
    app = create_app(settings, question_ids=["sales-experience", "why-sales"], blink=False)
    async with app.run_test(size=(100, 32)) as pilot:
        await pilot.pause()
        seen["stack"] = [type(s).__name__ for s in app.screen_stack]
        await pilot.press("ctrl+s")                         # the readiness checklist: Continue
        await settle(pilot)
        screen = app.screen
        seen["asked"] = isinstance(screen, InterviewScreen) and screen.started
        seen["descriptions"] = sorted(a.binding.description for a in screen.active_bindings.values()
                                      if a.binding.show)
        seen["footer"] = [k.description for k in screen.query_one(KeyFooter).keys]
        seen["submit"] = tr(lang, "key.submit")
        for _ in range(6):                                  # the answer, a follow-up, the replies
            if isinstance(app.screen, FeedbackScreen):
                break
            if app.screen.waiting is not None:
                await pilot.press("ctrl+s")
            else:
                app.screen.query_one(AnswerBox).text = ANSWER[lang]
                await pilot.press("ctrl+s")
            await settle(pilot)
        seen["feedback"] = isinstance(app.screen, FeedbackScreen)
        seen["scored"] = isinstance(app.screen, FeedbackScreen) and app.screen.turn.result is not None
        await pilot.press("escape")                         # on to the second question
        await settle(pilot)
        await pilot.press("ctrl+q")                         # quitting mid-interview asks first
        await pilot.pause()
        seen["confirm"] = isinstance(app.screen, ConfirmScreen)
        seen["confirm_keys"] = [(k.key, k.description) for k in app.screen.query_one(KeyFooter).keys]
        await pilot.press(KEY or ("d" if lang == "ro" else "y"))
        await pilot.pause()
        seen["return_code"] = app.return_code               # yes: quitting (None: still running)


asyncio.run(main())
print(json.dumps(seen))
'''


def session(tmp_path, fake_version: str = "", lang: str = "en", stock: bool | None = None) -> dict:
    env = dict(os.environ, PYTHONPATH=str(ROOT), MOCKINT_HOME=str(tmp_path / "home"))
    env.pop(seam.STOCK_ENV, None)
    if stock:
        env[seam.STOCK_ENV] = "1"
    p = subprocess.run([sys.executable, "-c", SESSION, fake_version, lang], capture_output=True, text=True,
                       cwd=ROOT, env=env, timeout=180)
    assert p.returncode == 0, p.stderr[-3000:]
    return json.loads(p.stdout.strip().splitlines()[-1])


PRIVATE = {"SameSizeLayout", "PromptFrames", "PrimedUpdates"}
TESTED = seam.private_api_ok(None, version("textual"))


def worked(seen: dict, lang: str) -> None:
    """The short interview went as it does on either path."""
    assert seen["asked"] and seen["feedback"] and seen["scored"], seen
    assert seen["submit"] in seen["descriptions"] and seen["submit"] in seen["footer"]
    yes = {"en": ("y", "Yes"), "ro": ("d", "Da")}[lang]
    assert seen["confirm"] and yes in [tuple(k) for k in seen["confirm_keys"]], seen["confirm_keys"]
    assert seen["return_code"] == 0                         # yes: quit


# -- the switch itself

@pytest.mark.parametrize("stock, textual, private", [
    (None, "8.2.8", True), ("", "8.2.8", True), ("0", "8.2.9", True),      # off: the tested versions
    ("1", "8.2.8", False), ("yes", "8.2.8", False),                        # MOCKINT_STOCK_TEXTUAL=1
    (None, "8.2.7", False), (None, "8.3.0", False), (None, "8.3.0rc1", False), (None, "9.0.0", False),
    (None, "7.5.0", False), (None, "", False), (None, "unknown", False),   # not tested with these
])
def test_the_private_path_is_on_only_unswitched_on_a_tested_textual(stock, textual, private):
    assert seam.private_api_ok(stock, textual) is private


def test_versions_are_read_as_numbers():
    assert seam.version_tuple("8.2.8") == (8, 2, 8)
    assert seam.version_tuple("8.10.0") == (8, 10, 0) > (8, 3)
    assert seam.version_tuple("8.3.0rc1") == (8, 3, 0)
    assert seam.version_tuple("8.2.9.dev0") == (8, 2, 9)
    assert seam.version_tuple("x") == ()


def test_the_installed_textual_version_is_read_without_importlib_metadata():
    assert seam.textual_version() == version("textual")


def test_switched_off_every_private_use_stands_back(monkeypatch):
    """What the app and screens ask of the seam on stock Textual: no mixin, no hook, no leak
    release, no access to a node's bindings."""
    from textual.app import App
    from textual.screen import Screen

    monkeypatch.setattr(seam, "private_path", lambda: False)
    screen, app = Screen(), App()
    assert seam.app_mixins() == () and seam.screen_mixins() == ()
    assert seam.own_base(screen) is False and getattr(screen, "_result_callbacks", []) == []
    assert seam.bindings_of(app) is None
    before = getattr(app, "_bindings", None)
    seam.set_bindings(app, None)
    assert getattr(app, "_bindings", None) is before
    seam.release_leaks(app)                                 # nothing to see, nothing raised


# -- both ways, a real session each

@pytest.mark.skipif(not TESTED, reason=f"textual {version('textual')} is not a version the private path was "
                                       "tested with: it is off here")
@pytest.mark.parametrize("lang", ["en", "ro"])
def test_off_the_private_path_is_used_on_the_tested_textual(tmp_path, lang):
    seen = session(tmp_path, lang=lang)
    assert seen["private"] is True
    assert PRIVATE <= set(seen["screen_bases"]) and PRIVATE <= set(seen["modal_bases"])
    assert "PausedGcRun" in seen["app_bases"] and "StockBindings" not in seen["screen_bases"]
    assert seen["stack"] == ["InterviewScreen"]             # the interview is the bottom screen
    worked(seen, lang)


@pytest.mark.parametrize("lang", ["en", "ro"])
def test_mockint_stock_textual_uses_textuals_public_api_only(tmp_path, lang):
    seen = session(tmp_path, lang=lang, stock=True)
    assert seen["private"] is False
    assert not PRIVATE & set(seen["screen_bases"]) and "StockBindings" in seen["modal_bases"]
    assert "PausedGcRun" not in seen["app_bases"]
    assert seen["stack"] == ["Screen", "InterviewScreen"]   # over Textual's default screen
    worked(seen, lang)


def test_an_untested_textual_version_turns_the_private_path_off(tmp_path):
    seen = session(tmp_path, fake_version="8.3.0", lang="ro")
    assert seen["private"] is False and not PRIVATE & set(seen["screen_bases"])
    assert seen["stack"] == ["Screen", "InterviewScreen"]
    worked(seen, "ro")
