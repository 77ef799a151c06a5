"""The footer of every screen: Textual's Footer, rebuilt only when the keys it shows change, and
then in place.

Textual's Footer starts empty, then rebuilds all its keys each time the screen's bindings may have
changed (every focus change, screen change, ...), after the next frame, often several times; each
key then restyles itself twice (its ``compact`` flag starts True and is bound to the footer's
False). This one shows its keys from its first frame, compares what it would show with what it
shows, and when that changes (Continue becomes Submit and Skip) relabels the keys it has (adding
or removing only the difference) before the next frame, instead of rebuilding them after it.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

from textual.widgets import Footer
from textual.widgets._footer import FooterKey

if TYPE_CHECKING:
    from textual.app import ComposeResult
    from textual.screen import Screen

KEY_CLASSES = ("-disabled", "-grouped", "-command-palette")


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
            if not self.relabel():
                self.call_after_refresh(self._update_keys)

    async def _update_keys(self) -> None:
        if self.is_attached and self._keys() != self._shown:
            await self.recompose()

    def relabel(self) -> bool:
        """Show the current keys by updating the FooterKeys in place (True), or False when that
        cannot be done (binding groups: the footer is recomposed)."""
        keys = self._keys()
        if keys == self._shown:
            return True
        if self._shown is None or any(group is not None for *_, group, _, _ in keys[0]):
            return False
        have = list(self.children)
        if not all(type(w) is FooterKey for w in have):
            return False
        with self._context():                  # the new keys bind their compact flag to this footer
            want = list(Footer.compose(self))
        if not all(type(w) is FooterKey for w in want):
            return False
        for old, new in zip(have, want):
            old.key, old.key_display = new.key, new.key_display
            old.description, old.action = new.description, new.action
            old._disabled = new._disabled
            for name in KEY_CLASSES:
                old.set_class(new.has_class(name), name)
            if old.tooltip != new.tooltip:
                old.tooltip = new.tooltip
            old.refresh(layout=True)
        if len(want) > len(have):
            extra = want[len(have):]
            for widget in extra:
                widget.set_reactive(FooterKey.compact, self.compact)
            self.mount_all(extra)
        elif len(have) > len(want):
            self.remove_children(have[len(want):])
        self._shown = keys
        return True

    def compose(self) -> ComposeResult:
        # The keys from the first frame (Textual's Footer waits for a first bindings change).
        self.set_reactive(Footer._bindings_ready, True)
        self._shown = self._keys()
        for widget in super().compose():
            if isinstance(widget, FooterKey):
                widget.set_reactive(FooterKey.compact, self.compact)
            yield widget
