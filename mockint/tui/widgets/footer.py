"""The footer of every screen: the keys of the screen's bindings, drawn as one widget.

It looks and behaves like Textual's Footer (the same theme variables, a key per action, disabled
keys dimmed, a key under the mouse highlighted, a click on a key presses it), but it is one
widget drawing one line instead of a container of FooterKey widgets. Textual's Footer starts
empty and rebuilds all its keys after the next frame each time the bindings may have changed
(every focus change, screen change, ...); each of its keys is a widget to compose, style, lay out
and draw (~0.3 ms each on the first frame). This one shows its keys from its first frame, and
when what it shows changes (Continue becomes Submit and Skip) it draws its line again, once.
"""

from __future__ import annotations

from typing import TYPE_CHECKING, NamedTuple

from rich.cells import cell_len
from textual import events
from textual.content import Content
from textual.reactive import reactive
from textual.widget import Widget

if TYPE_CHECKING:
    from textual.screen import Screen


class Key(NamedTuple):
    """One key shown in the footer."""

    key: str          # what pressing it sends (the binding's first key)
    display: str      # how the key is shown (``^s``)
    description: str
    enabled: bool
    tooltip: str


def footer_keys(screen: Screen) -> tuple[Key, ...]:
    """The keys the footer of ``screen`` shows: one per action of its active bindings that are
    shown (a binding without a description never is), in their order (as Textual's Footer)."""
    app, seen, keys = screen.app, set(), []
    for _, binding, enabled, tooltip in screen.active_bindings.values():
        if not binding.show or binding.action in seen:
            continue
        seen.add(binding.action)
        keys.append(Key(binding.key, app.get_key_display(binding), binding.description, enabled,
                        tooltip or ""))
    return tuple(keys)


MORE = "…"


def fit(keys: tuple[Key, ...], width: int) -> tuple[bool, list[int]]:
    """How the keys fit in ``width`` cells: (tight, the indexes of the keys shown). As Textual's
    footer draws them (`` ^s Submit ``) when they fit; else tighter (``^s Submit``, one space
    between keys); else, tight, the first keys that fit with ``…`` after them (F1 lists them all)."""
    normal = [cell_len(k.display) + cell_len(k.description) + 3 for k in keys]
    if sum(normal) <= width or width <= 0:
        return False, list(range(len(keys)))
    tight = [n - 1 for n in normal]            # key, space, description, space
    if 1 + sum(tight) <= width:
        return True, list(range(len(keys)))
    shown, used = [], 1 + cell_len(MORE)
    for i, n in enumerate(tight):
        if used + n > width:
            break
        shown.append(i)
        used += n
    return True, shown


class KeyFooter(Widget, can_focus=False):
    ALLOW_SELECT = False
    COMPONENT_CLASSES = {"footer-key--key", "footer-key--description", "footer-key--hover",
                         "footer-key--disabled"}
    DEFAULT_CSS = """
    KeyFooter {
        dock: bottom;
        width: 1fr;
        height: 1;
        color: $footer-foreground;
        background: $footer-background;
        text-wrap: nowrap;
        text-overflow: clip;
        & > .footer-key--key {
            color: $footer-key-foreground;
            background: $footer-key-background;
            text-style: bold;
        }
        & > .footer-key--description {
            color: $footer-description-foreground;
            background: $footer-description-background;
        }
        & > .footer-key--hover {
            color: $footer-key-foreground;
            background: $block-hover-background;
        }
        & > .footer-key--disabled { text-style: dim; }
        &.-over-key { pointer: pointer; }
    }
    """

    hover: reactive[int | None] = reactive(None)

    def __init__(self, *, id: str | None = None, classes: str | None = None) -> None:
        super().__init__(id=id, classes=classes)
        self.keys: tuple[Key, ...] = ()
        self._spans: list[tuple[int, int]] = []    # each key's cells, [start, end)

    def compose(self):
        self.keys = footer_keys(self.screen)       # the keys from the first frame
        return ()

    def on_mount(self) -> None:
        self.screen.bindings_updated_signal.subscribe(self, self.bindings_changed)

    def on_unmount(self) -> None:
        self.screen.bindings_updated_signal.unsubscribe(self)

    def bindings_changed(self, screen: Screen) -> None:
        if screen.app.app_focus and self.is_attached and screen is self.screen:
            self.relabel()

    def relabel(self) -> bool:
        """Show the screen's current keys; True if they changed (the line is drawn again)."""
        keys = footer_keys(self.screen)
        if keys == self.keys:
            return False
        self.keys = keys
        if self.hover is not None and self.hover >= len(keys):
            self.hover = None
        self.refresh()
        return True

    # -- drawing
    def render(self) -> Content:
        key_style = self.get_visual_style("footer-key--key", partial=True)
        description_style = self.get_visual_style("footer-key--description", partial=True)
        hover_style = self.get_visual_style("footer-key--hover", partial=True)
        disabled_style = self.get_visual_style("footer-key--disabled", partial=True)
        tight, shown = fit(self.keys, self.size.width)
        parts, spans, x = [Content(" ")] if tight else [], [], 1 if tight else 0
        for i in shown:
            key = self.keys[i]
            if tight:
                part = Content.assemble((key.display, key_style), (f" {key.description} ", description_style))
            else:
                part = Content.assemble((f" {key.display} ", key_style), (f"{key.description} ", description_style))
            if not key.enabled:
                part = part.stylize(disabled_style)
            if i == self.hover:
                part = part.stylize_before(hover_style)
            parts.append(part)
            spans.append((x, x + part.cell_length))
            x += part.cell_length
        if len(shown) < len(self.keys):
            parts.append(Content(MORE))
        self._spans = [(-1, -1)] * len(self.keys)
        for i, span in zip(shown, spans):
            self._spans[i] = span
        return Content("").join(parts)

    def watch_hover(self) -> None:
        self.set_class(self.hover is not None, "-over-key")
        self.tooltip = (self.keys[self.hover].tooltip or None) if self.hover is not None else None
        self.refresh()

    # -- mouse
    def key_at(self, event: events.MouseEvent) -> int | None:
        offset = event.get_content_offset(self)
        if offset is None:
            return None
        return next((i for i, (start, end) in enumerate(self._spans) if start <= offset.x < end), None)

    def on_mouse_move(self, event: events.MouseMove) -> None:
        self.hover = self.key_at(event)

    def on_leave(self, event: events.Leave) -> None:
        self.hover = None

    def on_mouse_down(self, event: events.MouseDown) -> None:
        i = self.key_at(event)
        if i is None:
            return
        event.stop()
        if self.keys[i].enabled:
            self.app.simulate_key(self.keys[i].key)
        else:
            self.app.bell()
