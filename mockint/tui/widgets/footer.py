"""The footer of every screen: Textual's Footer, rebuilt only when the keys it shows change.

Textual's Footer rebuilds all its keys each time the screen's bindings may have changed (every
focus change, screen change, ...), often several times in a frame; each key then restyles itself
twice (its ``compact`` flag starts True and is bound to the footer's False). This one compares
what it would show with what it shows, and starts each key with the footer's ``compact`` value.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

from textual.widgets import Footer
from textual.widgets._footer import FooterKey

if TYPE_CHECKING:
    from textual.app import ComposeResult
    from textual.screen import Screen


class KeyFooter(Footer):
    def __init__(self, **kw) -> None:
        kw.setdefault("show_command_palette", False)
        super().__init__(**kw)
        self._shown: tuple | None = None

    def _keys(self) -> tuple:
        """What the footer shows: the screen's active bindings (and the footer's settings)."""
        palette = self.app.COMMAND_PALETTE_BINDING
        bindings = tuple((key, b.key, b.description, b.action, b.group, enabled, tooltip)
                         for key, (_, b, enabled, tooltip) in self.screen.active_bindings.items()
                         if b.show or key == palette)
        return bindings, self.compact, self.show_command_palette

    def bindings_changed(self, screen: Screen) -> None:
        self._bindings_ready = True
        if screen.app.app_focus and self.is_attached and screen is self.screen:
            self.call_after_refresh(self._update_keys)

    async def _update_keys(self) -> None:
        if self.is_attached and self._keys() != self._shown:
            await self.recompose()

    def compose(self) -> ComposeResult:
        self._shown = self._keys() if self._bindings_ready else None
        for widget in super().compose():
            if isinstance(widget, FooterKey):
                widget.set_reactive(FooterKey.compact, self.compact)
            yield widget
