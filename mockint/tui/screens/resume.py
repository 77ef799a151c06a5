"""At start: an interview was not finished; resume it? Dismisses with True (resume), False
(discard it: it is marked abandoned) or None (later: asked again next time)."""

from __future__ import annotations

from rich.text import Text
from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import Horizontal, Vertical
from textual.widgets import Button, Static

from mockint.tui.bindings import localise_keys
from mockint.tui.screens.base import BaseModal
from mockint.tui.widgets.footer import KeyFooter


class ResumeScreen(BaseModal):
    BINDINGS = [
        Binding("y", "answer(True)", "Yes", id="yes"),
        Binding("n", "answer(False)", "No", id="no"),
        Binding("escape", "answer(None)", "Later", id="later"),
    ]

    def __init__(self, lang: str, question: str) -> None:
        super().__init__(lang)
        localise_keys(self, lang)
        self.question = question

    def compose(self) -> ComposeResult:
        with Vertical(id="resume-box", classes="dialog"):
            yield Static(Text(self.t("resume.title"), style="bold"), classes="title")
            yield Static(Text(self.question), id="resume-question")
            with Horizontal(classes="buttons"):
                yield Button(self.t("resume.yes"), id="yes", variant="primary")
                yield Button(self.t("resume.no"), id="no", variant="error")
                yield Button(self.t("key.later"), id="later")
        yield KeyFooter()

    def on_mount(self) -> None:
        self.query_one("#yes", Button).focus()

    def action_answer(self, choice: bool | None) -> None:
        self.dismiss(choice)

    def on_button_pressed(self, event: Button.Pressed) -> None:
        event.stop()
        self.dismiss({"yes": True, "no": False}.get(event.button.id or ""))
