"""The readiness checklist widget (one widget for its items), and the screen that does not lay
itself out again for a resize to the same size."""

from __future__ import annotations

import pytest
from textual import events
from textual.geometry import Size
from tui_helpers import checklist, plain, run, tick_item

from mockint.core.interview import READINESS, Settings
from mockint.tui import seam
from mockint.tui.app import create_app
from mockint.tui.screens.interview import InterviewScreen
from mockint.core.data.strings import tr
from mockint.tui.widgets.push_button import PushButton
from mockint.tui.widgets.readiness import ChecklistItems

KEYS = list(READINESS)


def app_for(lang="en", **kw):
    settings = Settings(lang=lang, question_set="common", count=2, feedback="end", timer=False)
    return create_app(settings, question_ids=["sales-experience", "why-sales"], blink=False, **kw)


def ticked(app) -> set[str]:
    return {k for k, v in app.screen.query_one(ChecklistItems).values.items() if v}


def test_checklist_keyboard():
    """Up/Down move between the items, Space and Enter tick, Tab goes to the next item and from the
    last one to Continue, Shift+Tab back; Ctrl+S continues wherever the focus is on it."""
    async def scenario():
        app = app_for()
        async with app.run_test(size=(100, 32)) as pilot:
            await pilot.pause()
            items = app.screen.query_one(ChecklistItems)
            assert app.screen.focused is items and items.current == KEYS[0] and not ticked(app)
            await pilot.press("space", "down", "down", "enter", "up")
            assert ticked(app) == {KEYS[0], KEYS[2]} and items.current == KEYS[1]
            await pilot.press("up", "up")                       # stays on the first item
            assert items.current == KEYS[0]
            await pilot.press("down", "down", "down", "down", "down")
            assert items.current == KEYS[-1]
            await pilot.press("space", "space")                 # ticked, unticked
            assert KEYS[-1] not in ticked(app)
            await pilot.press("shift+tab", "tab", "tab")        # up one item, back down, out
            assert isinstance(app.screen.focused, PushButton) and app.screen.focused.id == "go"
            await pilot.press("shift+tab")
            assert app.screen.focused is items and items.current == KEYS[-1]
            app.screen.query_one("#go").focus()
            await pilot.press("ctrl+s")
            await pilot.pause()
            assert not checklist(app)
            assert app.readiness == {k: k in (KEYS[0], KEYS[2]) for k in KEYS}
    run(scenario)


def test_checklist_mouse():
    """A click on an item's line ticks it (and puts the cursor there), a second click unticks it;
    Continue is a button."""
    async def scenario():
        app = app_for("ro")
        async with app.run_test(size=(100, 32)) as pilot:
            await pilot.pause()
            items = app.screen.query_one(ChecklistItems)
            text = plain(items)
            assert all(tr("ro", f"ready.{k}") in text for k in KEYS)
            assert text.splitlines()[0].startswith("▐X▌ ")
            await tick_item(pilot, KEYS[3])
            assert ticked(app) == {KEYS[3]} and items.current == KEYS[3]
            await tick_item(pilot, KEYS[1])
            await tick_item(pilot, KEYS[3])
            assert ticked(app) == {KEYS[1]}
            await pilot.hover("#items", offset=(10, 4))
            assert items.hover == 4
            await pilot.click("#go")
            await pilot.pause()
            assert not checklist(app) and app.readiness == {k: k == KEYS[1] for k in KEYS}
    run(scenario)


def test_checklist_starts_unticked_whatever_the_last_interview_said():
    """Issue 15: each interview is prepared for anew (the last one's answers are not copied)."""
    async def scenario():
        app = app_for()
        app.readiness = {KEYS[1]: True, KEYS[4]: True}
        async with app.run_test(size=(100, 32)) as pilot:
            await pilot.pause()
            assert ticked(app) == set()
    run(scenario)


@pytest.mark.skipif(not seam.private_path(), reason="stock Textual: a same-size resize is laid out as Textual does")
def test_a_resize_to_the_same_size_does_not_lay_out_again():
    async def scenario():
        app = app_for()
        async with app.run_test(size=(100, 32)) as pilot:
            await pilot.pause()
            screen = app.screen
            assert isinstance(screen, InterviewScreen)
            reflows = []
            original = screen._compositor.reflow
            screen._compositor.reflow = lambda *a: (reflows.append(a[1]), original(*a))[1]
            screen.post_message(events.Resize(Size(100, 32), Size(100, 32)))
            await pilot.pause()
            assert reflows == []
            await pilot.resize_terminal(70, 20)
            await pilot.pause(0.1)
            assert Size(70, 20) in reflows and screen.query_one("#go").region.right <= 70
    run(scenario)
