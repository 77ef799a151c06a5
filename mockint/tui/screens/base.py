"""What every screen shares: its language, and bindings whose descriptions are in that language."""

from __future__ import annotations

from dataclasses import replace

from textual.binding import BindingsMap
from textual.dom import DOMNode
from textual.screen import ModalScreen, Screen

from mockint.tui.strings import has, tr


def localise_bindings(node: DOMNode, lang: str) -> None:
    """Give ``node``'s bindings the descriptions of ``lang`` (looked up as ``key.<binding id>``).

    Textual reads a binding's description from the node's bindings map, which it copies from the
    class ``BINDINGS`` when the node is created; this replaces that copy, keeping keys and ids.
    """
    translated = [replace(b, description=tr(lang, f"key.{b.id}")) if b.id and has(f"key.{b.id}") else b
                  for _, b in node._bindings]
    node._bindings = BindingsMap(translated)


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


class BaseScreen(SameSizeLayout, Screen):
    def __init__(self, lang: str) -> None:
        super().__init__()
        self.lang = lang
        localise_bindings(self, lang)

    def t(self, key: str, **kw: object) -> str:
        return tr(self.lang, key, **kw)


class BaseModal(SameSizeLayout, ModalScreen):
    def __init__(self, lang: str) -> None:
        super().__init__()
        self.lang = lang
        localise_bindings(self, lang)

    def t(self, key: str, **kw: object) -> str:
        return tr(self.lang, key, **kw)
