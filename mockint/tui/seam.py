"""Every use of Textual's private API in mockint, behind one switch back to stock Textual.

Where Textual's public API has no hook, mockint saves time (and memory) through Textual's private
names. They all live here, written and tested against Textual 8.2 (``TESTED``), and are used only
when :func:`private_path` says so: the installed Textual is one of ``TESTED`` and the environment
variable ``MOCKINT_STOCK_TEXTUAL`` is not set (``MOCKINT_STOCK_TEXTUAL=1``: stock Textual). It is
decided once, when the app's modules are imported. Off, mockint uses Textual's public API only:
the same screens, a little slower (what each private use buys is said where it is defined).

- The app (:class:`PausedGcRun`, :func:`own_base`, :func:`release_leaks`): no garbage collection
  until the first question is drawn; the interview as the bottom screen in place of Textual's
  default screen; two Textual 8.2 leaks of past interviews' widgets let go.
- Screens (:func:`screen_mixins`): no relayout for a resize to the same size (:class:`SameSizeLayout`);
  a change drawn as soon as it is complete, at most MAX_FPS times a second, the first frame once
  (:class:`PromptFrames`); the frame timer started at mount (:class:`PrimedUpdates`).
- Bindings (:func:`bindings_of`, :func:`set_bindings`): a node's own bindings map, translated in
  place (stock: ``tui/bindings.StockBindings`` shows them translated instead).
"""

from __future__ import annotations

import functools
import os
from typing import TYPE_CHECKING

import textual
from textual import screen as textual_screen
from textual.screen import Screen
from textual.widget import Widget

if TYPE_CHECKING:
    from textual.timer import Timer
    _ScreenMixin = Screen          # PromptFrames is mixed in before a Screen: typed as one
else:
    _ScreenMixin = object

STOCK_ENV = "MOCKINT_STOCK_TEXTUAL"
TESTED = ((8, 2, 8), (8, 3))      # textual >=8.2.8,<8.3: the versions the private path was tested on
NEVER = float("-inf")
UPDATE_PERIOD = getattr(textual_screen, "UPDATE_PERIOD", 1 / 60)   # Textual's frame interval


# -- the switch

def version_tuple(text: str) -> tuple[int, ...]:
    """``"8.2.8"`` -> (8, 2, 8); a pre-release keeps its numbers (``"8.3.0rc1"`` -> (8, 3, 0))."""
    out: list[int] = []
    for piece in text.strip().split("."):
        digits = len(piece) - len(piece.lstrip("0123456789"))
        if not digits:
            break
        out.append(int(piece[:digits]))
        if digits < len(piece):
            break
    return tuple(out)


def private_api_ok(stock: str | None, version: str) -> bool:
    """Whether the private path may be used: ``stock`` (the value of MOCKINT_STOCK_TEXTUAL) is unset,
    empty or "0", and ``version`` (Textual's) is one it was tested with."""
    if stock not in (None, "", "0"):
        return False
    return TESTED[0] <= version_tuple(version) < TESTED[1]


def textual_version() -> str:
    """The installed Textual's version, read from the name of its dist-info folder (~0.1 ms;
    ``importlib.metadata`` costs ~7 ms at TUI launch), or from the metadata when that is not there."""
    site = os.path.dirname(os.path.dirname(os.path.abspath(textual.__file__)))
    try:
        found = [n for n in os.listdir(site) if n.startswith("textual-") and n.endswith(".dist-info")]
    except OSError:
        found = []
    if len(found) == 1:
        return found[0][len("textual-"):-len(".dist-info")]
    from importlib.metadata import version  # deferred: ~7 ms at TUI launch (benchmarks/run.py); see the docstring

    return version("textual")


@functools.cache
def private_path() -> bool:
    """The switch: True when Textual's private API is used (decided once per process)."""
    try:
        return private_api_ok(os.environ.get(STOCK_ENV), textual_version())
    except Exception:       # no version to be read: stock
        return False


# -- the app

class PausedGcRun:
    """The cyclic garbage collector is paused for the launch: it builds tens of thousands of
    objects that all stay alive (screens, widgets, styles, the bank), and the collections they set
    off cost ~6-10 ms before the first question without finding anything to free. The app resumes
    it shortly after its first screen is drawn (``launch_done``), and in any case when it ends.

    ``App._process_messages`` is the app's whole run (``run``, ``run_async`` and ``run_test``)."""

    async def _process_messages(self, *args, **kwargs) -> None:
        self.pause_gc()                                     # type: ignore[attr-defined]
        try:
            await super()._process_messages(*args, **kwargs)  # type: ignore[misc]
        finally:
            self.resume_gc()                                # type: ignore[attr-defined]


def app_mixins() -> tuple[type, ...]:
    """What the app mixes in before ``App`` (nothing on stock Textual)."""
    return (PausedGcRun,) if private_path() else ()


def own_base(screen: Screen) -> bool:
    """Make ``screen`` fit to be the bottom of the screen stack in place of Textual's default
    screen (~8 ms before the first question: that screen is composed, laid out and drawn for
    nothing): ``switch_screen`` pops the result callback of the screen it replaces, which
    ``push_screen`` gives every screen it pushes but the default screen does not have. False on
    stock Textual: the screen is then pushed over the default screen."""
    if not private_path():
        return False
    try:
        push = getattr(screen, "_push_result_callback", None)
        if not callable(push) or getattr(screen, "_result_callbacks", None) != []:
            return False
        push(screen, None)
        return True
    except Exception:       # pragma: no cover - guarded all the same
        return False


def release_leaks(app: object) -> None:
    """Let the widgets of past interviews go, despite two leaks of Textual 8.2:
    ``StylesCache.get_inner_outer`` is an ``lru_cache(1024)`` on a method, which keeps every
    discarded widget's style cache alive (Textualize/textual#6665); a watcher a widget set on the
    app (every TextArea watches the theme) outlives the widget until the theme changes
    (Textualize/textual#6666): those of widgets no longer on screen are dropped here, as Textual
    itself drops them on the next theme change. Nothing on stock Textual."""
    if not private_path():
        return
    try:
        from textual._styles_cache import StylesCache  # private: the private path only (free: Textual loads it)

        StylesCache.get_inner_outer.cache_clear()
    except (ImportError, AttributeError):
        pass
    watchers = getattr(app, "__watchers", None)
    if isinstance(watchers, dict):
        for entries in watchers.values():
            if isinstance(entries, list):
                entries[:] = [(node, cb) for node, cb in entries
                              if node is app or getattr(node, "is_attached", True)]


# -- bindings

def bindings_of(node: object):
    """``node``'s own BindingsMap (Textual copies it from the class ``BINDINGS`` when the node is
    created), to be changed in place; None on stock Textual."""
    return getattr(node, "_bindings", None) if private_path() else None


def set_bindings(node: object, bindings) -> None:
    """Give ``node`` this BindingsMap in place of its own (only on the private path)."""
    if private_path():
        node._bindings = bindings                           # type: ignore[attr-defined]


# -- screens

class SameSizeLayout:
    """Skips the full layout a resize to the size the screen is already laid out at would redo.

    The terminal reports its size once the app has started (Textual forwards it to the screen as
    a resize, although nothing changed): on the interview screen that full reflow and repaint
    cost ~10 ms, right after the first frame. A layout that is due for another reason still
    happens on the next refresh, as always."""

    def _screen_resized(self, size) -> None:
        if size == self._compositor.size and self._compositor.root is self:  # type: ignore[attr-defined]
            return
        super()._screen_resized(size)                       # type: ignore[misc]


def prime_update_timer(screen: Screen) -> None:
    """Start the clock of ``screen``'s update timer, so its first timer-driven frame does not wait
    a whole frame interval.

    Textual draws a screen's frames from a paused ``set_interval`` (``Screen._update_timer``,
    1/MAX_FPS) that a refresh resumes and that pauses itself after its tick. Its clock only
    starts the first time it is resumed, and then it sleeps a full interval before ticking: on the
    interview screen, the first question waited ~10-16 ms after Continue for that reason alone.
    Resumed once here (on mount), it ticks once (nothing to draw, it pauses itself again) and then
    waits on its grid. Neither the frame rate nor the idle behaviour changes."""
    try:
        resume = getattr(getattr(screen, "_update_timer", None), "resume", None)
        if callable(resume):
            resume()
    except Exception:       # pragma: no cover - no priming, frames as before
        pass


class PrimedUpdates:
    """A screen whose update timer runs from its mount (see :func:`prime_update_timer`)."""

    def _on_mount(self, event) -> None:
        prime_update_timer(self)                            # type: ignore[arg-type]


def screen_mixins() -> tuple[type, ...]:
    """What mockint's screens mix in before ``Screen`` / ``ModalScreen`` (nothing on stock Textual)."""
    return (SameSizeLayout, PromptFrames, PrimedUpdates) if private_path() else ()


# -- when a screen draws
#
# Textual draws a screen's frames from a paused timer (``Screen._update_timer``, 1/MAX_FPS) that a
# change resumes, on a fixed grid: a change made while the screen was idle waits for the next grid
# point (0-16.7 ms after a key press); a tick that comes while the widgets still handle the change
# draws half of it; a layout that leaves widgets asking for a second one is finished a grid point
# later; and the first paint of a screen is followed at the next grid point by a full repaint of
# the same thing. PromptFrames draws a change as soon as the screen and its widgets are idle (a
# tick that comes while a widget is busy passes, once), unless a frame started less than 1/MAX_FPS
# ago (then when that interval ends); a second layout at once, when the screen is idle again (not
# counted as a frame, not followed by a third); the first paint once (the refreshes asked for
# before it are dropped: it lays out and renders every mounted widget; Textual's repaint after it
# and its restyling of every node are skipped for a screen shown the first time).

def frame_clock() -> float:
    """The clock of Textual's timers and messages."""
    from textual import _time  # private: the private path only (free: Textual loads it)

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
    return not any(node.message_queue_size or node._next_callbacks for node in screen.walk_children(Widget))


class PromptFrames(_ScreenMixin):
    """A screen that draws a change at once (at most MAX_FPS frames a second) and its first frame
    once. Mix in before ``Screen``."""

    _frame_at = NEVER        # when the last frame started (frame_clock)
    _first_paint_at = NEVER  # when the screen's first full paint started (NEVER: not yet)
    _deferred = False        # a timer tick passed while a widget was busy (the next one draws)
    _follow_up = False       # the last frame left widgets asking for a second layout pass
    _drawing = False         # a frame of ours is being drawn
    _due: Timer | None = None   # the Timer of the draw at the end of the current frame interval

    def _refresh_layout(self, size=None, scroll: bool = False) -> None:
        started = frame_clock()
        if (self._first_paint_at == NEVER and self.is_current
                and bool(self.outer_size if size is None else size)):
            # Refreshes asked for until now are drawn by this first paint; those asked for while
            # it lays out (a widget that learns its size) are kept: they may need a second layout.
            self._first_paint_at = started
            self._drop_drawn_refreshes()
        super()._refresh_layout(size, scroll)
        if not self._drawing:                  # laid out by Textual itself (first paint, resize)
            self._frame_at = started
            self._follow_up = self._second_pass_asked()

    def _drop_drawn_refreshes(self) -> None:
        try:
            for node in self.walk_children(Widget):
                if node.is_mounted:            # one being mounted reports its refreshes once mounted
                    node._repaint_required = node._layout_required = node._scroll_required = False
            self._dirty_widgets.clear()
            self._layout_required = self._scroll_required = False
        except AttributeError:                 # pragma: no cover - guarded all the same
            pass

    def _extend_compose(self, widgets: list[Widget]) -> None:
        from textual.widgets._toast import ToastRack  # private: the private path only (free: Textual loads it)

        super()._extend_compose(widgets)
        for widget in widgets:
            if isinstance(widget, ToastRack):
                widget.display = False         # as it shows with no notification (no relayout later)

    def _on_timer_update(self) -> None:
        """A tick of Textual's frame timer. While a widget is still busy with the change the tick
        passes, once: the screen draws as soon as the widgets are done (:meth:`_on_idle`), or at
        the next tick. A tick less than a frame interval after the last frame leaves the change to
        the end of that interval."""
        try:
            needed = needs_frame(self)
            busy = needed and not self._deferred and not settled(self)
        except AttributeError:                 # pragma: no cover - guarded all the same
            needed = busy = False
        if busy:
            self._deferred = True
            return
        wait = self._frame_at + UPDATE_PERIOD - frame_clock()
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
        except AttributeError:                 # pragma: no cover - guarded all the same
            needed = True
        if not needed:                         # nothing to draw (a tick, the Pilot's pause): the
            super()._on_timer_update()         # timer pauses, the callbacks waiting for a frame run
            return
        follow_up, self._follow_up = self._follow_up, False
        if not follow_up:
            self._frame_at = frame_clock()
        self._drawing = True
        try:
            super()._on_timer_update()
        finally:
            self._drawing = False
        if not follow_up:
            self._follow_up = self._second_pass_asked()

    def _second_pass_asked(self) -> bool:
        """Laying the screen out left widgets asking for another layout: that pass follows at once
        when the screen is idle, not a frame interval later."""
        try:
            return any(node._layout_required for node in self.walk_children(Widget))
        except AttributeError:                 # pragma: no cover - guarded all the same
            return False

    def _draw_due(self) -> None:
        """The end of a frame interval with a change waiting: drawn now, or (a widget still busy
        with it) by the timer's next tick or the screen's next idle, whichever comes first."""
        self._due = None
        if not (self.is_current and not self.app._batch_count and needs_frame(self)):
            return
        if settled(self):
            self._draw()
        else:
            self._update_timer.resume()

    async def _on_idle(self, event) -> None:
        # Runs before Screen._on_idle (which resumes the timer when something is left to draw, or
        # runs the callbacks waiting for a refresh when nothing is).
        try:
            ready = self.is_current and not self.app._batch_count and needs_frame(self) and settled(self)
        except AttributeError:                 # pragma: no cover - guarded all the same
            ready = False
        if not ready:
            return
        wait = self._frame_at + UPDATE_PERIOD - frame_clock()
        if wait <= 0 or self._follow_up:
            self._draw()                       # nothing drawn for a frame interval: at once
        else:
            self._draw_later(wait)

    def _on_screen_resume(self, event) -> None:
        # Textual's handler restyles every node (for a screen coming back after a theme or
        # stylesheet change), lays the screen out when its size changed (its first paint), then
        # asks for a full repaint. A screen shown the first time had its nodes styled as they were
        # mounted, just before, and the first paint makes the repaint needless.
        first = self._first_paint_at == NEVER
        if first:
            event.refresh_styles = False
        Screen._on_screen_resume(self, event)
        event.prevent_default()                # Screen's handler has run (just above)
        if first and self._first_paint_at != NEVER:
            self._repaint_required = False

    async def _on_update(self, message) -> None:
        if message.time < self._first_paint_at:        # asked for before the first paint: drawn
            message.stop()
            message.prevent_default()

    async def _on_layout(self, message) -> None:
        if message.time < self._first_paint_at:
            message.stop()
            message.prevent_default()

    async def _on_update_scroll(self, message) -> None:
        if message.time < self._first_paint_at:
            message.stop()
            message.prevent_default()
