"""A yes/no question in a modal (quitting during an interview)."""

from __future__ import annotations

from rich.text import Text
from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import Horizontal, Vertical
from textual.widgets import Button, Static

from mockint.tui.bindings import localise_keys
from mockint.tui.screens.base import BaseModal
from mockint.tui.widgets.footer import KeyFooter


class ConfirmScreen(BaseModal):
    BINDINGS = [
        Binding("y", "answer(True)", "Yes", id="yes"),
        Binding("n,escape", "answer(False)", "No", id="no"),
    ]

    def __init__(self, lang: str, question: str) -> None:
        super().__init__(lang)
        localise_keys(self, lang)
        self.question = question

    def compose(self) -> ComposeResult:
        with Vertical(id="confirm-box", classes="dialog"):
            yield Static(Text(self.question), id="confirm-question")
            with Horizontal(classes="buttons"):
                yield Button(self.t("key.yes"), id="yes", variant="error")
                yield Button(self.t("key.no"), id="no", variant="primary")
        yield KeyFooter()

    def on_mount(self) -> None:
        self.query_one("#no", Button).focus()

    def action_answer(self, yes: bool) -> None:
        self.dismiss(yes)

    def on_button_pressed(self, event: Button.Pressed) -> None:
        event.stop()
        self.dismiss(event.button.id == "yes")
