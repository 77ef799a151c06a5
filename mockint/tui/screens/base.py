"""What every screen shares: its language, and bindings whose descriptions are in that language."""

from __future__ import annotations

from textual import events
from textual.binding import Binding
from textual.reactive import Reactive
from textual.screen import ModalScreen, Screen
from textual.widget import Widget

from mockint.tui.bindings import localise_bindings
from mockint.tui.frames import PromptFrames
from mockint.tui.strings import tr


class SameSizeLayout:
    """Skips the full layout a resize to the size the screen is already laid out at would redo.

    The terminal reports its size once the app has started (Textual forwards it to the screen as
    a resize, although nothing changed): on the interview screen that full reflow and repaint
    cost ~10 ms, right after the first frame. A layout that is due for another reason still
    happens on the next refresh, as always."""

    def _screen_resized(self, size) -> None:
        if size == self._compositor.size and self._compositor.root is self:
            return
        super()._screen_resized(size)


def prime_update_timer(screen: Screen) -> None:
    """Start the clock of ``screen``'s update timer, so its first timer-driven frame does not wait
    a whole frame interval.

    Textual draws a screen's frames from a paused ``set_interval`` (``Screen._update_timer``,
    1/MAX_FPS) that a refresh resumes and that pauses itself after its tick. Its clock only
    starts the first time it is resumed, and then it sleeps a full interval before ticking: on the
    interview screen, the first question waited ~10-16 ms after Continue for that reason alone.
    Resumed once here (on mount), it ticks once (nothing to draw, it pauses itself again) and then
    waits on its grid: a later refresh is drawn at once, or at the next grid point. Neither the
    frame rate nor the idle behaviour changes (a paused timer does not tick).

    Private Textual API (textual >=8.2.8,<8.3): a Textual without it is left alone."""
    try:
        timer = getattr(screen, "_update_timer", None)
        resume = getattr(timer, "resume", None)
        if callable(resume):
            resume()
    except Exception:       # pragma: no cover - a future Textual: no priming, frames as before
        pass


class PrimedUpdates:
    """A screen whose update timer runs from its mount (see :func:`prime_update_timer`)."""

    def _on_mount(self, event: events.Mount) -> None:
        prime_update_timer(self)


class QuietFocus:
    """A focus change does not repaint the whole screen.

    Textual's ``Screen.focused`` repaints the screen when it changes: the whole screen is
    composed and written again, ~1-3 ms on the interview screen (twice before the first question:
    the checklist takes the focus, then the answer box). What a focus change changes is repainted
    anyway: the widgets that gain or lose it, and those whose styles change with it, refresh
    themselves (Textual updates the styles of the nodes concerned and each restyled or refocused
    widget marks its own region). The bindings are refreshed as before (the watcher stays)."""

    focused: Reactive[Widget | None] = Reactive(None, repaint=False)


# Up/Down/PgUp/PgDn/Home/End scroll a screen's text without Tab first: the focus is usually on a
# button, which does not use them (a focused table or text box still takes them first).
SCROLL_BINDINGS = [
    Binding("up", "scroll_view('up')", "Scroll up", id="scroll_up", show=False),
    Binding("down", "scroll_view('down')", "Scroll down", id="scroll_down", show=False),
    Binding("pageup", "scroll_view('page_up')", "Page up", id="page_up", show=False),
    Binding("pagedown", "scroll_view('page_down')", "Page down", id="page_down", show=False),
    Binding("home", "scroll_view('home')", "Top", id="scroll_home", show=False),
    Binding("end", "scroll_view('end')", "Bottom", id="scroll_end", show=False),
]


class ScrollKeys:
    """A screen whose main text (``SCROLL_ID``) scrolls with SCROLL_BINDINGS."""
    SCROLL_ID = ""

    def action_scroll_view(self, how: str) -> None:
        from textual.containers import VerticalScroll
        view = self.query_one(self.SCROLL_ID, VerticalScroll)      # type: ignore[attr-defined]
        move = {"up": view.scroll_up, "down": view.scroll_down, "page_up": view.scroll_page_up,
                "page_down": view.scroll_page_down, "home": view.scroll_home, "end": view.scroll_end}[how]
        move(animate=False)


class BaseScreen(QuietFocus, SameSizeLayout, PromptFrames, PrimedUpdates, Screen):
    def __init__(self, lang: str) -> None:
        super().__init__()
        self.lang = lang
        localise_bindings(self, lang)

    def t(self, key: str, **kw: object) -> str:
        return tr(self.lang, key, **kw)


class BaseModal(QuietFocus, SameSizeLayout, PromptFrames, PrimedUpdates, ModalScreen):
    def __init__(self, lang: str) -> None:
        super().__init__()
        self.lang = lang
        localise_bindings(self, lang)

    def t(self, key: str, **kw: object) -> str:
        return tr(self.lang, key, **kw)
