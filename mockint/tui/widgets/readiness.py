"""The readiness checklist: what the guide says to do before walking in. The interview screen
shows it in place of the answer box before the first question; its answers are kept with the
session and shown in its summary.

The items are one widget (:class:`ChecklistItems`, a line per item, looking like Textual's
checkboxes) rather than a Checkbox each: the checklist is on the first frame of every interview,
and five checkboxes (their stylesheet, composition and styling) cost more than the rest of it.
"""

from __future__ import annotations

from rich.text import Text
from textual import events, on
from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import Vertical
from textual.content import Content
from textual.message import Message
from textual.reactive import reactive
from textual.style import Style
from textual.widget import Widget
from textual.widgets import Static

from mockint.core.data.strings import tr
from mockint.core.interview import READINESS
from mockint.tui.bindings import localise_bindings
from mockint.tui.widgets.push_button import PushButton


class ChecklistItems(Widget, can_focus=True):
    """The items, one line each (``▐X▌ label``). Up/Down move between them, Space or Enter ticks
    the current one, Tab goes to the next item (from the last one, to Continue); a click ticks the
    item clicked."""

    ALLOW_SELECT = False
    BINDINGS = [
        Binding("up", "move(-1)", "Up", show=False),
        Binding("down", "move(1)", "Down", show=False),
        Binding("enter,space", "tick", "Tick", show=False),
        Binding("tab", "next", "Next", show=False),
        Binding("shift+tab", "previous", "Previous", show=False),
    ]
    COMPONENT_CLASSES = {"toggle--button", "toggle--button-on", "toggle--label", "toggle--cursor", "toggle--hover"}
    DEFAULT_CSS = """
    ChecklistItems {
        width: 1fr;
        height: auto;
        text-wrap: nowrap;
        text-overflow: ellipsis;
        pointer: pointer;
        & > .toggle--button { color: $panel-darken-2; background: $panel; }
        & > .toggle--button-on { color: $text-success; background: $panel; }
        & > .toggle--cursor {
            color: $block-cursor-foreground;
            background: $block-cursor-background;
            text-style: $block-cursor-text-style;
        }
        & > .toggle--hover { background: $block-hover-background; }
        &:ansi {
            & > .toggle--button { background: $ansi-background; color: $ansi-foreground; text-style: dim; }
            & > .toggle--button-on { color: $accent; background: $ansi-background; text-style: bold not dim; }
        }
    }
    """

    cursor: reactive[int] = reactive(0)
    hover: reactive[int | None] = reactive(None)

    class Changed(Message):
        """An item was ticked or unticked."""

        def __init__(self, key: str, value: bool) -> None:
            super().__init__()
            self.key, self.value = key, value

    def __init__(self, labels: dict[str, str], ticked: dict[str, bool], id: str | None = None) -> None:
        super().__init__(id=id)
        self.keys = list(labels)
        self.labels = [Content(labels[k]) for k in self.keys]
        self.values = {k: bool(ticked.get(k, False)) for k in self.keys}

    @property
    def current(self) -> str:
        """The key of the item the cursor is on."""
        return self.keys[self.cursor]

    def validate_cursor(self, cursor: int) -> int:
        return max(0, min(cursor, len(self.keys) - 1))

    def label_of(self, key: str) -> str:
        return self.labels[self.keys.index(key)].plain

    # -- drawing
    def render(self) -> Content:
        off, on_ = self.get_visual_style("toggle--button"), self.get_visual_style("toggle--button-on")
        label, cursor = self.get_visual_style("toggle--label"), self.get_visual_style("toggle--cursor")
        hover = self.get_visual_style("toggle--hover")
        background = self.background_colors[1]
        lines = []
        for i, key in enumerate(self.keys):
            button = on_ if self.values[key] else off
            side = Style(foreground=button.background, background=background)
            style = cursor if (i == self.cursor and self.has_focus) else hover if i == self.hover else label
            lines.append(Content.assemble(("▐", side), ("X", button), ("▌", side),
                                          self.labels[i].pad(1, 1).stylize_before(style)))
        return Content("\n").join(lines)

    def get_content_width(self, container, viewport) -> int:
        return 5 + max(label.cell_length for label in self.labels)

    def get_content_height(self, container, viewport, width: int) -> int:
        return len(self.keys)

    def watch_cursor(self) -> None:
        self.refresh()

    def watch_hover(self) -> None:
        self.refresh()

    def on_focus(self, event: events.Focus) -> None:
        self.refresh()

    def on_blur(self, event: events.Blur) -> None:
        self.refresh()

    # -- keyboard
    def toggle(self, key: str) -> None:
        self.values[key] = not self.values[key]
        self.refresh()
        self.post_message(self.Changed(key, self.values[key]))

    def action_tick(self) -> None:
        self.toggle(self.current)

    def action_move(self, step: int) -> None:
        self.cursor += step

    def action_next(self) -> None:
        if self.cursor < len(self.keys) - 1:
            self.cursor += 1
        else:
            self.screen.focus_next()

    def action_previous(self) -> None:
        if self.cursor > 0:
            self.cursor -= 1
        else:
            self.screen.focus_previous()

    # -- mouse
    def line_at(self, event: events.MouseEvent) -> int | None:
        offset = event.get_content_offset(self)
        if offset is None or not 0 <= offset.y < len(self.keys):
            return None
        return offset.y

    async def on_click(self, event: events.Click) -> None:
        event.stop()
        line = self.line_at(event)
        if line is not None:
            self.cursor = line
            self.toggle(self.keys[line])

    def on_mouse_move(self, event: events.MouseMove) -> None:
        self.hover = self.line_at(event)

    def on_leave(self, event: events.Leave) -> None:
        self.hover = None


class ReadinessChecklist(Vertical):
    """The items to tick and Continue (Ctrl+S anywhere on the checklist)."""

    BINDINGS = [Binding("ctrl+s", "go", "Continue", id="continue")]

    class Done(Message):
        """The checklist is answered (Continue or Ctrl+S)."""

        def __init__(self, answers: dict[str, bool]) -> None:
            super().__init__()
            self.answers = answers

    def __init__(self, lang: str, ticked: dict[str, bool] | None = None, id: str | None = None) -> None:
        super().__init__(id=id)
        self.lang = lang
        self.ticked = ticked or {}
        self.border_title = Text(tr(lang, "readiness.title"))
        localise_bindings(self, lang)

    def compose(self) -> ComposeResult:
        yield Static(Text(tr(self.lang, "readiness.intro")), classes="intro")
        yield ChecklistItems({key: tr(self.lang, f"ready.{key}") for key in READINESS}, self.ticked, id="items")
        yield PushButton(tr(self.lang, "key.continue"), id="go")

    def on_mount(self) -> None:
        self.query_one(ChecklistItems).focus()

    def answers(self) -> dict[str, bool]:
        return dict(self.query_one(ChecklistItems).values)

    def action_go(self) -> None:
        self.post_message(self.Done(self.answers()))

    @on(PushButton.Pressed, "#go")
    def go(self, event: PushButton.Pressed) -> None:
        event.stop()
        self.action_go()
