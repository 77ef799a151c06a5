"""Radio buttons and check boxes whose label wraps under itself instead of being cut with "…".

Textual draws a toggle's label on one line: at 80 columns the start screen showed "Full interview
(mixed, ends with your questions…" and, in Romanian, its timer's label cut in half. These wrap the
label in the width they have, each continuation line under the label's first letter (a hanging
indent, ``hanging.Hanging``); the button, its focus and its colours are Textual's own.
"""

from __future__ import annotations

from textual.content import Content
from textual.geometry import Size
from textual.widgets import Checkbox, RadioButton

from mockint.tui.widgets.hanging import Hanging


def hanging_label(toggle: RadioButton | Checkbox, drawn: Content) -> Hanging:
    """The toggle as Textual draws it (button, space, label, space), split after the first space:
    the button is the lead, the label the body that wraps."""
    cut = max(len(drawn.plain) - len(toggle.label.plain) - 1, 0)     # the label is padded by a space each side
    return Hanging([(drawn[:cut], drawn[cut:])])


class WrappingRadioButton(RadioButton):
    def render(self) -> Hanging:  # type: ignore[override]  # a Visual, as Widget.render may return
        return hanging_label(self, super().render())

    def get_content_height(self, container: Size, viewport: Size, width: int) -> int:
        return self.render().get_height({}, width)


class WrappingCheckbox(Checkbox):
    def render(self) -> Hanging:  # type: ignore[override]  # a Visual, as Widget.render may return
        return hanging_label(self, super().render())

    def get_content_height(self, container: Size, viewport: Size, width: int) -> int:
        return self.render().get_height({}, width)
