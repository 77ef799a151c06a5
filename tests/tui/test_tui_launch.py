"""The launch: screens prime their update timer (no whole frame interval before the first
timer-driven frame, and no timer left ticking while idle), the garbage collector waits for the
first question, and loading the built-in bank imports neither the user-bank merge nor the guide."""

from __future__ import annotations

import gc
import os
import subprocess
import sys
import time

import pytest
from conftest import ROOT
from textual.app import App
from textual.screen import Screen
from textual.widgets import Static
from tui_helpers import checklist, run

from mockint.core.interview import Settings
from mockint.tui import app as app_module
from mockint.tui import seam
from mockint.tui.app import create_app
from mockint.tui.screens.interview import InterviewScreen

# What Textual's private API does (mockint.tui.seam); off on stock Textual (MOCKINT_STOCK_TEXTUAL=1,
# or a Textual the private path was not tested with), where the app does without it.
private_only = pytest.mark.skipif(not seam.private_path(), reason="stock Textual: no private speed-ups")


def app_for(**kw):
    settings = Settings(lang="en", question_set="common", count=2, feedback="end", timer=False)
    return create_app(settings, question_ids=["sales-experience", "why-sales"], blink=False, **kw)


class Ticks(Screen):
    """A plain Textual screen (not primed) that counts its update timer's ticks."""

    ticks = 0

    def compose(self):
        yield Static("hello", id="text")

    def _on_timer_update(self) -> None:
        type(self).ticks += 1
        super()._on_timer_update()


@private_only
def test_priming_starts_the_timer_and_it_pauses_itself_when_idle():
    class Plain(App):
        def on_mount(self):
            self.push_screen(Ticks())

    async def scenario():
        app = Plain()
        async with app.run_test(size=(60, 10)) as pilot:
            await pilot.pause(0.1)
            screen = app.screen
            timer = screen._update_timer
            assert not timer._active.is_set()           # idle: paused
            seam.prime_update_timer(screen)
            assert timer._active.is_set()               # its clock runs
            await pilot.pause(0.2)
            assert not timer._active.is_set()           # one tick (nothing to draw): paused again
            before = Ticks.ticks
            await asyncio_sleep(1.0)
            assert Ticks.ticks == before                # no 60 Hz timer while idle
            # A refresh now is drawn at once: the timer is waiting on its grid, not starting it.
            start = time.perf_counter()
            screen.query_one("#text", Static).update("changed")
            while Ticks.ticks == before:
                await asyncio_sleep(0.0005)
            assert time.perf_counter() - start < 1 / 60 + 0.05
    run(scenario)


async def asyncio_sleep(seconds: float) -> None:
    import asyncio

    await asyncio.sleep(seconds)


@private_only
def test_every_screen_is_primed_when_mounted_and_idles_without_ticking(monkeypatch):
    primed = []
    real = seam.prime_update_timer
    monkeypatch.setattr(seam, "prime_update_timer", lambda screen: (primed.append(screen), real(screen)))
    ticks = []
    original = InterviewScreen._on_timer_update
    monkeypatch.setattr(InterviewScreen, "_on_timer_update",
                        lambda self: (ticks.append(time.perf_counter()), original(self)))

    async def scenario():
        app = app_for()
        async with app.run_test(size=(100, 32)) as pilot:
            await pilot.pause()
            screen = app.screen
            assert isinstance(screen, InterviewScreen) and screen in primed
            assert checklist(app) is not None
            await pilot.press("ctrl+s")                 # Continue: the first question
            await pilot.pause(0.5)                      # the session and the scorer start at 0.3 s
            await app.workers.wait_for_complete()
            await pilot.pause(0.1)
            assert screen.started and not screen._update_timer._active.is_set()
            n = len(ticks)
            await asyncio_sleep(1.0)
            # Idle: no frame timer running (at 60 Hz it would tick ~60 times); the countdown's
            # once-a-second update is the only redraw.
            assert len(ticks) - n <= 2
            await pilot.press("f1")                     # a modal screen is primed too
            await pilot.pause()
            assert type(app.screen).__name__ == "HelpScreen" and app.screen in primed
    run(scenario)


def test_prime_update_timer_leaves_a_screen_without_one_alone():
    class Odd:
        pass

    seam.prime_update_timer(Odd())                      # a future Textual: nothing happens


@private_only
def test_garbage_collection_waits_for_the_first_question(monkeypatch):
    monkeypatch.setattr(app_module, "GC_AFTER_LAUNCH", 0.5)
    seen = {}

    async def scenario():
        app = app_for()
        async with app.run_test(size=(100, 32)) as pilot:
            await pilot.pause()
            seen["checklist"] = gc.isenabled()
            await pilot.press("ctrl+s")
            await pilot.pause()
            seen["question"] = gc.isenabled()
            await pilot.pause(0.8)
            seen["later"] = gc.isenabled()
    assert gc.isenabled()
    run(scenario)
    assert seen == {"checklist": False, "question": False, "later": True}
    assert gc.isenabled()


@private_only
def test_garbage_collection_resumes_when_the_app_ends_before_the_first_question():
    async def scenario():
        app = app_for()
        async with app.run_test(size=(100, 32)) as pilot:
            await pilot.pause()
            assert not gc.isenabled() and checklist(app) is not None
            app.exit()
    run(scenario)
    assert gc.isenabled()


def test_garbage_collection_left_off_by_the_caller_stays_off():
    async def scenario():
        app = app_for()
        async with app.run_test(size=(100, 32)) as pilot:
            await pilot.pause()
            await pilot.press("ctrl+s")
            await pilot.pause()
            app.resume_gc()
    gc.disable()
    try:
        run(scenario)
        assert not gc.isenabled()
    finally:
        gc.enable()


def test_the_built_in_bank_loads_without_the_user_bank_merge_or_the_guide(tmp_path):
    code = ("import sys\nfrom mockint.core.bank import loader\nb = loader.bank('en')\n"
            "assert b.get('sales-experience')\nprint('\\n'.join(sys.modules))")
    env = dict(os.environ, PYTHONPATH=str(ROOT), MOCKINT_HOME=str(tmp_path))
    for _ in range(2):                                  # the second run reads the bank's cache
        p = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, cwd=ROOT,
                           check=True, env=env)
    mods = set(p.stdout.split())
    assert "mockint.core.questions.bank" in mods
    assert not {"mockint.core.bank.userbank", "mockint.core.questions.guide"} & mods
    (tmp_path / "question_bank").mkdir()                # a user folder: the merge is used
    p = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, cwd=ROOT,
                       check=True, env=env)
    assert "mockint.core.bank.userbank" in set(p.stdout.split())


def test_the_user_folders_the_loader_looks_for_are_the_user_banks():
    from mockint.core.bank import loader, userbank

    assert not loader._user_folders()
    userbank.bank_dir().mkdir()
    assert loader._user_folders()
    userbank.bank_dir().rmdir()
    userbank.rubric_dir().mkdir()
    assert loader._user_folders()


# -- the first screen, the focus, the stylesheet in two parts

@private_only
def test_launched_on_questions_the_interview_is_the_bottom_screen():
    async def scenario():
        app = app_for()
        async with app.run_test(size=(100, 32)) as pilot:
            await pilot.pause()
            assert isinstance(app.screen, InterviewScreen) and app.screen_stack == [app.screen]
            assert checklist(app) is not None
            await pilot.press("ctrl+s")
            await pilot.pause()
            first = app.screen
            first.action_restart()                      # a new interview replaces it
            await pilot.pause()
            assert isinstance(app.screen, InterviewScreen) and app.screen is not first
            assert app.screen_stack == [app.screen] and not first.is_attached
    run(scenario)


def test_without_the_hook_the_interview_goes_over_textuals_default_screen(monkeypatch):
    monkeypatch.setattr(seam, "own_base", lambda screen: False)

    async def scenario():
        app = app_for()
        async with app.run_test(size=(100, 32)) as pilot:
            await pilot.pause()
            assert isinstance(app.screen, InterviewScreen) and len(app.screen_stack) == 2
            assert checklist(app) is not None
            await pilot.press("ctrl+s")
            await pilot.pause()
            assert checklist(app) is None and app.screen.started
    run(scenario)


def test_the_start_screen_still_goes_over_textuals_default_screen():
    async def scenario():
        app = create_app(Settings(lang="en", question_set="common", count=2, feedback="end", timer=False))
        async with app.run_test(size=(100, 32)) as pilot:
            await pilot.pause()
            assert type(app.screen).__name__ == "StartScreen" and len(app.screen_stack) == 2
    run(scenario)


def test_a_focus_change_does_not_repaint_the_whole_screen():
    from mockint.tui.widgets.answer_box import AnswerBox

    async def scenario():
        app = app_for()
        async with app.run_test(size=(100, 32)) as pilot:
            await pilot.pause()
            screen, calls = app.screen, []
            refresh = screen.refresh

            def counted(*regions, **kw):
                calls.append(kw)
                return refresh(*regions, **kw)

            screen.refresh = counted
            await pilot.press("ctrl+s")                 # Continue: the answer box takes the focus
            await pilot.pause()
            assert isinstance(screen.focused, AnswerBox)
            # what Screen.focused's change did in Textual (a full repaint) is not asked for
            assert {"repaint": True, "layout": False, "recompose": False} not in calls
    run(scenario)


def css_sources(app) -> list[tuple[str, str]]:
    return [key for key in app.stylesheet.source if key[0] == str(app_module.CSS_FILE)]


def test_the_stylesheet_in_two_parts_is_the_file():
    from textual.css.stylesheet import Stylesheet

    text = app_module.CSS_FILE.read_text(encoding="utf-8")
    first, later = app_module.split_css(text)
    assert first + later == text and later.startswith(app_module.LATER_CSS) and "#coach" in first
    assert "#history-box" in later and "#history-box" not in first

    variables = App().get_css_variables()

    def rules(*parts: str) -> list[str]:
        sheet = Stylesheet(variables=variables)
        for i, part in enumerate(parts):
            sheet.add_source(part, read_from=("mockint.tcss", str(i)), is_default_css=False)
        return [rule.css for rule in sheet.rules]

    assert rules(first, later) == rules(text)           # the same rules, in the same order


def test_the_other_screens_rules_are_read_when_one_of_them_is_opened():
    from mockint.tui.screens.help import HelpScreen

    async def scenario():
        app = app_for()
        async with app.run_test(size=(100, 32)) as pilot:
            await pilot.pause()
            assert css_sources(app) == [(str(app_module.CSS_FILE), "")]
            await pilot.press("f1")
            await pilot.pause()
            assert isinstance(app.screen, HelpScreen)
            assert css_sources(app) == [(str(app_module.CSS_FILE), ""), (str(app_module.CSS_FILE), "later")]
            assert app.screen.query_one("#help-box").styles.height.value == 95     # a rule read later
    run(scenario)


def test_the_other_screens_rules_are_read_shortly_after_the_first_question(monkeypatch):
    monkeypatch.setattr(app_module, "CSS_AFTER_LAUNCH", 0.6)

    async def scenario():
        app = app_for()
        async with app.run_test(size=(100, 32)) as pilot:
            await pilot.pause()
            await pilot.press("ctrl+s")
            await pilot.pause()
            assert len(css_sources(app)) == 1
            await pilot.pause(0.9)
            assert len(css_sources(app)) == 2
    run(scenario)


def test_the_rules_read_later_change_no_style_of_the_start_or_interview_screen():
    def styles(app) -> dict:
        return {node: dict(node.styles.base.get_rules()) for node in app.screen.walk_children(with_self=True)}

    async def check(app, press: str | None = None):
        async with app.run_test(size=(100, 32)) as pilot:
            await pilot.pause()
            if press:
                await pilot.press(press)
                await pilot.pause()
            before = styles(app)
            app.load_later_css()
            app.stylesheet.update(app.screen)
            await pilot.pause()
            assert len(css_sources(app)) == 2 and styles(app) == before

    async def scenario():
        await check(app_for())                                  # the checklist
        await check(app_for(), "ctrl+s")                        # the first question
        await check(create_app(Settings(lang="en", question_set="common", count=2, feedback="end",
                                        timer=False)))          # the start screen
    run(scenario)
