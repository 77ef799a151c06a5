"""A one-line button for the interview screen (Continue, Submit): looks and acts like Textual's
compact primary ``Button``, without its stylesheet.

``Button`` carries ~7 KB of CSS for every variant and style (parsed before its first frame: ~4 ms
at start-up); the interview screen only needs this one look. Click, Enter and Space press it,
a press shows for 0.2 s (and a click in that time is ignored, as ``Button`` does), a disabled
one does nothing.
"""

from __future__ import annotations

from textual import events
from textual.binding import Binding
from textual.content import Content
from textual.message import Message
from textual.widget import Widget


class PushButton(Widget, can_focus=True):
    ALLOW_SELECT = False
    BINDINGS = [Binding("enter,space", "press", "Press", show=False)]
    DEFAULT_CSS = """
    PushButton {
        width: auto;
        min-width: 16;
        height: 1;
        line-pad: 1;
        text-align: center;
        content-align: center middle;
        pointer: pointer;
        text-style: bold;
        color: $button-color-foreground;
        background: $primary;
        &:focus { text-style: $button-focus-text-style; background-tint: $foreground 5%; }
        &:hover { background: $primary-darken-2; }
        &.-active { background: $primary; tint: $background 30%; }
        &:disabled { text-opacity: 0.6; pointer: not-allowed; }
    }
    """

    class Pressed(Message):
        """The button was pressed (clicked, Enter or Space)."""

        def __init__(self, button: PushButton) -> None:
            super().__init__()
            self.button = button

        @property
        def control(self) -> PushButton:
            return self.button

    def __init__(self, label: str, *, id: str | None = None) -> None:
        super().__init__(id=id)
        self._label = Content(label)

    @property
    def label(self) -> Content:
        return self._label

    @label.setter
    def label(self, label: str) -> None:
        self._label = Content(label)
        self.refresh(layout=True)

    def render(self) -> Content:
        return self._label

    def get_content_width(self, container, viewport) -> int:
        return self._label.cell_length + 2

    def get_content_height(self, container, viewport, width: int) -> int:
        return 1

    def press(self) -> None:
        if self.disabled or not self.display or self.has_class("-active"):
            return
        self.add_class("-active")
        self.set_timer(0.2, lambda: self.remove_class("-active"))
        self.post_message(self.Pressed(self))

    def action_press(self) -> None:
        self.press()

    async def on_click(self, event: events.Click) -> None:
        event.stop()
        self.press()
