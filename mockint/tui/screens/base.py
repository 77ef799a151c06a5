"""What every screen shares: its language, and bindings whose descriptions are in that language."""

from __future__ import annotations

from typing import TYPE_CHECKING

from textual.binding import Binding
from textual.containers import VerticalScroll
from textual.reactive import Reactive
from textual.screen import ModalScreen, Screen
from textual.widget import Widget

from mockint.core.data.strings import tr
from mockint.tui import seam
from mockint.tui.bindings import StockBindings, localise_bindings

if TYPE_CHECKING:
    from textual import getters

    from mockint.tui.host import AppHost

# What every screen mixes in before Textual's Screen: the speed-ups on Textual's private API
# (mockint.tui.seam), or on stock Textual the bindings shown in the screen's language without it.
MIXINS = seam.screen_mixins() if seam.private_path() else (StockBindings,)


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
        view = self.query_one(self.SCROLL_ID, VerticalScroll)      # type: ignore[attr-defined]
        move = {"up": view.scroll_up, "down": view.scroll_down, "page_up": view.scroll_page_up,
                "page_down": view.scroll_page_down, "home": view.scroll_home, "end": view.scroll_end}[how]
        move(animate=False)


class BaseScreen(QuietFocus, *MIXINS, Screen):  # type: ignore[misc]  # *MIXINS: mypy takes no star bases
    if TYPE_CHECKING:
        app = getters.app(AppHost)      # the app the screens call (MockintApp), for the type checker

    def __init__(self, lang: str) -> None:
        super().__init__()
        self.lang = lang
        localise_bindings(self, lang)

    def t(self, key: str, **kw: object) -> str:
        return tr(self.lang, key, **kw)


class BaseModal(QuietFocus, *MIXINS, ModalScreen):  # type: ignore[misc]  # *MIXINS: mypy takes no star bases
    if TYPE_CHECKING:
        app = getters.app(AppHost)      # the app the screens call (MockintApp), for the type checker

    def __init__(self, lang: str) -> None:
        super().__init__()
        self.lang = lang
        localise_bindings(self, lang)

    def t(self, key: str, **kw: object) -> str:
        return tr(self.lang, key, **kw)
