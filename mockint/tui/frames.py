"""When a screen draws: as soon as a change is complete, at most MAX_FPS times a second, and its
first frame only once.

Textual draws a screen's frames from a paused timer (``Screen._update_timer``, 1/MAX_FPS) that a
change resumes. The timer ticks on a fixed grid, so a change made while the screen was idle waits
for the next grid point (0 to 16.7 ms, 8 on average, after a key press, although nothing was drawn
for seconds); a tick that comes while the widgets are still handling the change draws half of it,
and the other half waits for the next tick. A layout that leaves widgets asking for a second one
(a widget whose size changed asks again) is finished one grid point later. And the first paint
of a screen (done at once when it is shown) is followed at the next grid point by a full repaint
of the same thing.

:class:`PromptFrames` draws instead, for the screens that mix it in:

- a change as soon as the screen and all its widgets are idle (every message handled), unless a
  frame started less than 1/MAX_FPS ago: then when that interval ends. A tick of the timer that
  comes while a widget is still busy passes (once): the screen draws when the widgets are done.
  Frames still start at most MAX_FPS times a second.
- the second layout a frame asked for at once, when the screen is idle again (it is not counted
  as a frame, and is not followed by a third).
- the first paint once. It lays out and renders every mounted widget, so the refreshes asked for
  before it (still pending in a widget, or queued to the screen) are dropped; those asked for
  while it lays out are kept. Textual's full repaint after it, and its restyling of every node
  (for a screen coming back after a theme change), are skipped for a screen shown the first
  time. The toast rack (Textual's notifications) starts hidden, as it is shown: hiding it once
  the screen is shown would need another layout.

Private Textual API (textual >=8.2.8,<8.3): ``Screen._on_timer_update``, ``_refresh_layout``,
``_on_update``, ``_on_layout``, ``_on_update_scroll``, ``_on_screen_resume``, ``_extend_compose``,
the refresh flags of screens and widgets. Each use is guarded: with a Textual that lacks one, the
screen draws as Textual draws.
"""

from __future__ import annotations

from textual import _time, events, messages
from textual.screen import UPDATE_PERIOD, Screen
from textual.timer import Timer
from textual.widget import Widget
from textual.widgets._toast import ToastRack

NEVER = float("-inf")


def now() -> float:
    """The clock of Textual's timers and messages."""
    return _time.get_time()


def needs_frame(screen: Screen) -> bool:
    """Something on ``screen`` waits to be drawn (what makes Textual resume its frame timer)."""
    return bool(screen._layout_required or screen._scroll_required or screen._repaint_required
                or screen._dirty_widgets)


def settled(screen: Screen) -> bool:
    """Nothing more is coming for the next frame: no message or callback waits in the app, the
    screen or a widget (a widget reports its refreshes to the screen as it handles them)."""
    app = screen.app
    if app.message_queue_size or app._next_callbacks or screen._next_callbacks:
        return False
    for node in screen.walk_children(Widget):
        if node.message_queue_size or node._next_callbacks:
            return False
    return True


class PromptFrames:
    """A screen that draws a change at once (at most MAX_FPS frames a second) and its first
    frame once. Mix in before ``Screen``."""

    _frame_at = NEVER        # when the last frame started (textual._time clock)
    _first_paint_at = NEVER  # when the screen's first full paint started (NEVER: not yet)
    _deferred = False        # a timer tick passed while a widget was busy (the next one draws)
    _follow_up = False       # the last frame left widgets asking for a second layout pass
    _drawing = False         # a frame of ours is being drawn
    _due: Timer | None = None  # the draw at the end of the current frame interval

    def _refresh_layout(self, size=None, scroll: bool = False) -> None:
        started = now()
        first = (self._first_paint_at == NEVER and self.is_current
                 and bool(self.outer_size if size is None else size))
        if first:
            # Refreshes asked for until now are drawn by this paint (it lays out and renders
            # every mounted widget); those asked for while it lays out (a widget that learns its
            # size) are kept: they may need a second layout.
            self._first_paint_at = started
            self._drop_drawn_refreshes()
        super()._refresh_layout(size, scroll)
        if not self._drawing:                  # laid out by Textual itself (first paint, resize)
            self._frame_at = started
            self._follow_up = self._second_pass_asked()

    def _drop_drawn_refreshes(self) -> None:
        """The refreshes the mounted widgets asked for before the first paint (a widget still
        being mounted is not drawn by it: it reports its refreshes once mounted)."""
        try:
            for node in self.walk_children(Widget):
                if not node.is_mounted:
                    continue
                node._repaint_required = False
                node._layout_required = False
                node._scroll_required = False
            self._dirty_widgets.clear()
            self._layout_required = False
            self._scroll_required = False
        except AttributeError:                 # pragma: no cover - a future Textual
            pass

    def _extend_compose(self, widgets: list[Widget]) -> None:
        super()._extend_compose(widgets)
        for widget in widgets:
            if isinstance(widget, ToastRack):
                widget.display = False         # what it shows with no notification (no relayout)

    def _on_timer_update(self) -> None:
        """A tick of Textual's frame timer. While a widget is still busy with the change (its
        refresh not reported yet) the tick passes, once: the timer keeps running, and the
        screen draws as soon as the widgets are done (:meth:`_on_idle`), or at the next tick.
        A tick less than a frame interval after the last frame leaves the change to the end of
        that interval."""
        try:
            needed = needs_frame(self)
            busy = needed and not self._deferred and not settled(self)
        except AttributeError:                 # pragma: no cover - a future Textual
            needed = busy = False
        if busy:
            self._deferred = True
            return
        wait = self._frame_at + UPDATE_PERIOD - now()
        if needed and wait > 0 and not self._follow_up:
            self._update_timer.pause()
            self._draw_later(wait)
            return
        self._draw()

    def _draw_later(self, wait: float) -> None:
        if self._due is None:
            self._due = self.set_timer(wait, self._draw_due, name="frame-due")

    def _draw(self) -> None:
        self._deferred = False
        if self._due is not None:
            self._due.stop()
            self._due = None
        try:
            needed = needs_frame(self)
        except AttributeError:                 # pragma: no cover - a future Textual
            needed = True
        if not needed:                         # nothing to draw (a tick, the Pilot's pause): the
            super()._on_timer_update()         # timer pauses, the callbacks waiting for a frame run
            return
        follow_up, self._follow_up = self._follow_up, False
        if not follow_up:
            self._frame_at = now()
        self._drawing = True
        try:
            super()._on_timer_update()
        finally:
            self._drawing = False
        if not follow_up:
            self._follow_up = self._second_pass_asked()

    def _second_pass_asked(self) -> bool:
        """Laying the screen out left widgets asking for another layout (a widget whose size
        changed asks again): that pass follows at once when the screen is idle, not a frame
        interval later. It does not count as a frame of its own, and is not followed by another."""
        try:
            return any(node._layout_required for node in self.walk_children(Widget))
        except AttributeError:                 # pragma: no cover - a future Textual
            return False

    def _draw_due(self) -> None:
        """The end of a frame interval with a change waiting: drawn now, or (a widget still
        busy with it) by the timer's next tick or the screen's next idle, whichever comes first."""
        self._due = None
        if not (self.is_current and not self.app._batch_count and needs_frame(self)):
            return
        if settled(self):
            self._draw()
        else:
            self._update_timer.resume()

    async def _on_idle(self, event: events.Idle) -> None:
        # Runs before Screen._on_idle (which resumes the timer when something is left to draw,
        # or runs the callbacks waiting for a refresh when nothing is).
        try:
            ready = (self.is_current and not self.app._batch_count and needs_frame(self)
                     and settled(self))
        except AttributeError:                 # pragma: no cover - a future Textual
            ready = False
        if not ready:
            return
        wait = self._frame_at + UPDATE_PERIOD - now()
        if wait <= 0 or self._follow_up:
            self._draw()                       # nothing drawn for a frame interval: at once
        else:
            self._draw_later(wait)

    def _on_screen_resume(self, event: events.ScreenResume) -> None:
        # Textual's handler restyles every node of the screen (for a screen coming back after a
        # theme or stylesheet change), lays the screen out when its size changed (its first
        # paint, when it is first shown), then asks for a full repaint. When the screen is first
        # shown, its nodes were styled as they were mounted, just before, and the first paint
        # makes the repaint needless.
        first = self._first_paint_at == NEVER
        if first:
            event.refresh_styles = False
        Screen._on_screen_resume(self, event)
        event.prevent_default()                # Screen's handler has run (just above)
        if first and self._first_paint_at != NEVER:
            self._repaint_required = False

    async def _on_update(self, message: messages.Update) -> None:
        if message.time < self._first_paint_at:        # asked for before the first paint: drawn
            message.stop()
            message.prevent_default()

    async def _on_layout(self, message: messages.Layout) -> None:
        if message.time < self._first_paint_at:
            message.stop()
            message.prevent_default()

    async def _on_update_scroll(self, message: messages.UpdateScroll) -> None:
        if message.time < self._first_paint_at:
            message.stop()
            message.prevent_default()
