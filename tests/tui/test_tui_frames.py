"""When screens draw (mockint.tui.seam.PromptFrames): a complete change at once, at most MAX_FPS
frames a second, a layout's second pass at once, the first paint once. The private path only: on
stock Textual (MOCKINT_STOCK_TEXTUAL=1, or a Textual it was not tested with) screens draw as
Textual draws them, and these tests are skipped."""

from __future__ import annotations

import asyncio
from contextlib import asynccontextmanager

import pytest
from textual import messages
from textual._wait import wait_for_idle
from textual.app import App
from textual.message import Message
from textual.screen import UPDATE_PERIOD, ModalScreen, Screen
from textual.widgets import Static
from textual.widgets._toast import Toast, ToastRack
from tui_helpers import run

from mockint.core.interview import Settings
from mockint.tui import seam
from mockint.tui.app import create_app
from mockint.tui.screens.interview import InterviewScreen
from mockint.tui.seam import PromptFrames, SameSizeLayout

pytestmark = pytest.mark.skipif(not seam.private_path(), reason="stock Textual: screens draw as Textual draws")


class Prompt(SameSizeLayout, PromptFrames, Screen):
    draws = 0

    def compose(self):
        yield Static("hello", id="text")

    def _draw(self) -> None:
        type(self).draws += 1
        super()._draw()


class Dialog(PromptFrames, ModalScreen):
    def compose(self):
        yield Static("dialog")


class Host(App):
    def __init__(self, screen: type[Screen]) -> None:
        super().__init__()
        self.first = screen

    def on_mount(self) -> None:
        self.push_screen(self.first())


async def settled_app(pilot) -> None:
    for _ in range(3):
        await pilot.pause()
    await asyncio.sleep(UPDATE_PERIOD * 3)
    await pilot.pause()
    await quiet(UPDATE_PERIOD * 3)


@asynccontextmanager
async def prompt_screen():
    """A Prompt screen on its own, launched and settled: (pilot, screen)."""
    app = Host(Prompt)
    async with app.run_test(size=(40, 6)) as pilot:
        await settled_app(pilot)
        yield pilot, app.screen


async def quiet(delay: float = 0.0) -> None:
    """Let the app handle what is pending, without a frame forced by the Pilot (its ``pause``
    draws the screen)."""
    await wait_for_idle(0)
    if delay:
        await asyncio.sleep(delay)
        await wait_for_idle(0)


def test_the_interview_is_drawn_once_and_its_second_layout_pass_at_once(monkeypatch):
    """Launched, the interview screen sends two frames and no more: its first paint, then (the
    chat, anchored to its bottom, asks for it) its second layout pass, not a full repaint."""
    outputs = []
    real = Screen._compositor_refresh

    def spy(screen):
        if isinstance(screen, InterviewScreen):
            outputs.append(screen in screen._dirty_widgets)
        real(screen)

    monkeypatch.setattr(Screen, "_compositor_refresh", spy)

    async def scenario():
        settings = Settings(lang="en", question_set="common", count=2, feedback="end", timer=False)
        app = create_app(settings, question_ids=["sales-experience"], blink=False)
        async with app.run_test(size=(100, 32)):
            await quiet(UPDATE_PERIOD * 6)             # (no Pilot.pause: it forces a frame)
            assert len(outputs) == 2 and not outputs[1]             # not a full repaint
            assert app.screen._frame_at == app.screen._first_paint_at   # the second: a pass
            assert not seam.needs_frame(app.screen)
    run(scenario)


def test_a_change_on_an_idle_screen_is_drawn_without_the_frame_timer():
    async def scenario():
        async with prompt_screen() as (pilot, screen):
            screen._update_timer.stop()                # only the screen itself can draw now
            draws = Prompt.draws
            screen.query_one("#text", Static).update("changed")
            await quiet()
            assert Prompt.draws > draws and not seam.needs_frame(screen)
    run(scenario)


def test_frames_start_at_most_max_fps(monkeypatch):
    """A change within a frame interval of the last frame waits for the interval's end (a frame
    interval of 10 s here, and a clock the test moves, so that the machine's speed cannot matter)."""
    async def scenario():
        async with prompt_screen() as (pilot, screen):
            clock = [1000.0]
            monkeypatch.setattr(seam, "frame_clock", lambda: clock[0])
            monkeypatch.setattr(seam, "UPDATE_PERIOD", 10.0)
            screen._frame_at = 1000.0 - 1.0                     # a frame started 1 s ago
            screen._follow_up = False                           # (and asked for no second pass)
            draws = Prompt.draws
            screen.query_one("#text", Static).update("one")
            await quiet()                                       # the change is handled ...
            assert Prompt.draws == draws and screen._due is not None   # ... and kept for later
            screen._on_timer_update()                           # a tick of Textual's timer: too soon
            assert Prompt.draws == draws and seam.needs_frame(screen)
            clock[0] += 9.0                                     # the interval's end
            screen._due.stop()
            screen._draw_due()
            assert Prompt.draws == draws + 1 and screen._due is None
    run(scenario)


class Ping(Message):
    pass


def test_a_timer_tick_while_a_widget_is_busy_passes_once():
    async def scenario():
        async with prompt_screen() as (pilot, screen):
            text = screen.query_one("#text", Static)
            draws = Prompt.draws
            screen._frame_at = seam.NEVER            # no frame for a long time
            screen._dirty_widgets.add(text)            # something to draw ...
            text.post_message(Ping())                  # ... while the widget has a message waiting
            screen._on_timer_update()
            assert Prompt.draws == draws and screen._deferred
            screen._on_timer_update()                  # the next tick draws, busy or not
            assert Prompt.draws == draws + 1 and not screen._deferred
    run(scenario)


def test_a_second_layout_pass_follows_at_once_and_is_not_counted(monkeypatch):
    async def scenario():
        async with prompt_screen() as (pilot, screen):
            text = screen.query_one("#text", Static)
            monkeypatch.setattr(seam, "UPDATE_PERIOD", 10.0)   # no other frame for 10 s
            screen._frame_at = seam.frame_clock()            # a frame just started
            screen._follow_up = True                   # and asked for a second pass
            draws, started = Prompt.draws, screen._frame_at
            text.refresh(layout=True)
            await quiet()
            assert Prompt.draws == draws + 1 and screen._frame_at == started
    run(scenario)


def test_refreshes_asked_for_before_the_first_paint_are_dropped_later_ones_kept():
    async def scenario():
        async with prompt_screen() as (pilot, screen):
            text = screen.query_one("#text", Static)
            for kind in (messages.Update, messages.Layout, messages.UpdateScroll):
                old = kind(text) if kind is not messages.UpdateScroll else kind()
                old.time = screen._first_paint_at - 1
                new = kind(text) if kind is not messages.UpdateScroll else kind()
                handler = {messages.Update: screen._on_update, messages.Layout: screen._on_layout,
                           messages.UpdateScroll: screen._on_update_scroll}[kind]
                await handler(old)
                await handler(new)
                assert old._no_default_action and not new._no_default_action, kind
    run(scenario)


def test_notifications_still_show_although_the_toast_rack_starts_hidden():
    async def scenario():
        app = Host(Prompt)
        async with app.run_test(size=(60, 10), notifications=True) as pilot:
            await settled_app(pilot)
            rack = app.screen.query_one(ToastRack)
            assert not rack.display
            app.notify("Saved")
            await settled_app(pilot)
            assert rack.display and app.screen.query(Toast)
    run(scenario)


def test_a_screen_resumed_after_a_theme_change_is_restyled():
    """Only a screen's first resume skips the restyling: one that comes back after a theme
    change (under a dialog here) takes the new theme's colours."""
    async def scenario():
        app = Host(Prompt)
        async with app.run_test(size=(40, 6)) as pilot:
            app.theme = "textual-dark"
            await settled_app(pilot)
            screen = app.screen
            dark = screen.styles.background
            await app.push_screen(Dialog())
            await settled_app(pilot)
            app.theme = "textual-light"
            await settled_app(pilot)
            app.pop_screen()
            await settled_app(pilot)
            assert app.screen is screen and screen.styles.background != dark
            fresh = Prompt()                           # first shown under the light theme
            await app.push_screen(fresh)
            await settled_app(pilot)
            assert fresh.styles.background == screen.styles.background
    run(scenario)


def test_a_tick_with_nothing_to_draw_does_not_count_as_a_frame():
    async def scenario():
        async with prompt_screen() as (pilot, screen):
            screen._frame_at, screen._follow_up = seam.NEVER, True
            screen._on_timer_update()                  # nothing to draw
            assert screen._frame_at == seam.NEVER and screen._follow_up
    run(scenario)


def test_a_long_message_says_how_much_is_not_shown_in_a_language_neutral_way():
    """Issue 19: "(+16,699)" used the English thousands separator on a Romanian screen."""
    from mockint.tui.widgets.chat import MAX_SHOWN, ChatMessage

    m = ChatMessage("You", "x" * (MAX_SHOWN + 16_699), "candidate")
    assert str(m.content).endswith("… (+16\u202f699)")
