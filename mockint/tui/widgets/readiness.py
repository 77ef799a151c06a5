"""The readiness checklist: what the guide says to do before walking in. The interview screen
shows it in place of the answer box before the first question; its answers are kept with the
session and shown in its summary."""

from __future__ import annotations

from rich.text import Text
from textual import on
from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import Vertical
from textual.message import Message
from textual.widgets import Button, Checkbox, Static

from mockint.core.interview import READINESS
from mockint.tui.screens.base import localise_bindings
from mockint.tui.strings import tr


class ReadinessChecklist(Vertical):
    """The items to tick (one Checkbox each, with the item's key as id) and Continue."""

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
        self.border_title = Text(tr(lang, "ready.title"))
        localise_bindings(self, lang)

    def compose(self) -> ComposeResult:
        yield Static(Text(tr(self.lang, "ready.intro")), classes="intro")
        for key in READINESS:
            yield Checkbox(tr(self.lang, f"ready.{key}"), value=self.ticked.get(key, False), id=key)
        yield Button(tr(self.lang, "ready.go"), id="go", variant="primary", compact=True)

    def on_mount(self) -> None:
        self.query_one(Checkbox).focus()

    def answers(self) -> dict[str, bool]:
        return {key: self.query_one(f"#{key}", Checkbox).value for key in READINESS}

    def action_go(self) -> None:
        self.post_message(self.Done(self.answers()))

    @on(Button.Pressed, "#go")
    def go(self, event: Button.Pressed) -> None:
        event.stop()
        self.action_go()
