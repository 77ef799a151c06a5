"""Keys that work in every terminal (issue 15): no binding on a key that terminals send as another
key, and the History key shown in the footer opens History."""

from __future__ import annotations

import importlib
import inspect
import pkgutil

import pytest
from textual.binding import Binding
from textual.dom import DOMNode
from tui_helpers import answer_until_summary, run

import mockint.tui
from mockint.tui.app import MockintApp

# What terminals send for these keys is another key: Backspace, Tab, Enter, Escape, Enter (LF).
ALIASED = {"ctrl+h", "ctrl+i", "ctrl+m", "ctrl+left_square_bracket", "ctrl+[", "ctrl+j"}


def _bindings() -> list[tuple[str, str]]:
    """Every (class, key) bound by mockint's TUI classes."""
    out = []
    for mod in pkgutil.walk_packages(mockint.tui.__path__, "mockint.tui."):
        module = importlib.import_module(mod.name)
        for _, cls in inspect.getmembers(module, inspect.isclass):
            if not issubclass(cls, DOMNode) or cls.__module__ != module.__name__:
                continue
            for b in cls.__dict__.get("BINDINGS", []):
                keys = b.key if isinstance(b, Binding) else b[0]
                out += [(cls.__name__, k.strip()) for k in keys.split(",")]
    return out


def test_no_binding_is_on_a_key_terminals_send_as_another():
    found = _bindings()
    assert ("MockintApp", "ctrl+o") in found            # the walk sees the app's bindings
    bad = [(cls, key) for cls, key in found if key in ALIASED]
    assert not bad, f"bound on keys terminals send as Backspace, Tab, Enter or Escape: {bad}"


def test_the_meta_test_would_catch_ctrl_h(monkeypatch):
    monkeypatch.setattr(MockintApp, "BINDINGS", MockintApp.BINDINGS + [Binding("ctrl+h", "history", "H")])
    assert ("MockintApp", "ctrl+h") in [(c, k) for c, k in _bindings() if k in ALIASED]

# The History key opening History is driven in tests/tui/test_tui_history.py (ctrl+o).


@pytest.mark.parametrize("lang", ["en", "ro"])
def test_feedback_and_summary_scroll_with_the_arrows_and_pages_without_tab(lang):
    """The focus is on the Continue / Practise again button: Down, PgDn, End, Home and Up still
    scroll the screen's text (issue 15)."""
    from test_tui_snapshots import DRAFT, app, to_feedback
    from textual.containers import VerticalScroll

    from mockint.tui.screens.feedback import FeedbackScreen
    from mockint.tui.screens.summary import SummaryScreen

    async def scenario():
        a = app(lang, ["sales-experience", "questions-for-us"])
        async with a.run_test(size=(80, 20)) as pilot:       # small: the text is taller than the screen
            await to_feedback(pilot, lang)
            for screen_type, scroll_id in ((FeedbackScreen, "#feedback-scroll"), (SummaryScreen, "#summary-scroll")):
                screen = pilot.app.screen
                assert isinstance(screen, screen_type)
                view = screen.query_one(scroll_id, VerticalScroll)
                assert view.max_scroll_y > 0 and view.scroll_y == 0
                await pilot.press("down")
                await pilot.pause()
                assert view.scroll_y == 1
                await pilot.press("pagedown")
                await pilot.pause()
                assert view.scroll_y > 1
                await pilot.press("end")
                await pilot.pause()
                assert view.scroll_y == view.max_scroll_y
                await pilot.press("home", "up")
                await pilot.pause()
                assert view.scroll_y == 0
                if screen_type is FeedbackScreen:
                    await answer_until_summary(pilot, DRAFT[lang])
    run(scenario)


def test_the_readme_keys_table_names_every_shown_binding():
    """Issue 15: the README's keys table matches the bindings: every key a screen shows in its
    footer (or lists in F1) is in the table."""
    import re
    from pathlib import Path

    readme = (Path(__file__).resolve().parents[2] / "README.md").read_text(encoding="utf-8")
    table = readme[readme.index("| key | where | what |"):]
    table = table[:table.index("\n\n")]
    keys_in_table = {k.strip().lower() for row in table.splitlines()[2:]
                     for k in re.split(r",|/", row.split("|")[1])}
    names = {"escape": "esc", "pageup": "pgup", "pagedown": "pgdn"}
    missing = []
    for cls, key in _bindings():
        if key.startswith(("up", "down", "home", "end", "page")) or key in {"tab", "shift+tab", "space", "enter"}:
            continue
        shown = names.get(key, key).replace("ctrl+", "ctrl+").lower()
        if shown.isdigit():
            shown = "1-9"
        if shown not in keys_in_table:
            missing.append((cls, key))
    assert not missing, f"keys bound but not in the README's table: {missing}"


@pytest.mark.parametrize("lang, yes", [("en", "y"), ("ro", "d")])
def test_yes_is_the_first_letter_of_the_word_on_screen(lang, yes):
    """Issue 19: Romanian dialogs showed "Da" and "Nu" on the keys Y and N; D is Da (Y still works)."""
    from mockint.core.interview import Settings
    from mockint.tui.app import create_app
    from mockint.tui.screens.confirm import ConfirmScreen
    from mockint.tui.widgets.footer import KeyFooter

    async def scenario():
        app = create_app(Settings(lang=lang), blink=False)
        async with app.run_test(size=(100, 30)) as pilot:
            await pilot.pause()
            got = []
            app.push_screen(ConfirmScreen(lang, "?"), got.append)
            await pilot.pause()
            shown = [k.key for k in app.screen.query_one(KeyFooter).keys][:2]
            assert shown == [yes, "n"]
            await pilot.press(yes)
            await pilot.pause()
            app.push_screen(ConfirmScreen(lang, "?"), got.append)
            await pilot.pause()
            await pilot.press("y")
            await pilot.pause()
            assert got == [True, True]
    run(scenario)
