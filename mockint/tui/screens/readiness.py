"""Readiness checklist before the interview: what the guide says to do before walking in."""

from __future__ import annotations

from rich.text import Text
from textual import on
from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import Horizontal, VerticalScroll
from textual.widgets import Button, Checkbox, Footer, Static

from mockint.core.interview import READINESS
from mockint.tui.screens.base import BaseScreen


class ReadinessScreen(BaseScreen):
    BINDINGS = [Binding("ctrl+s", "go", "Continue", id="continue")]

    def __init__(self, lang: str, ticked: dict[str, bool] | None = None) -> None:
        super().__init__(lang)
        self.ticked = ticked or {}

    def compose(self) -> ComposeResult:
        with VerticalScroll(id="ready-form", classes="form"):
            yield Static(Text(self.t("ready.title"), style="bold"), classes="title")
            yield Static(Text(self.t("ready.intro")), classes="intro")
            for key in READINESS:
                yield Checkbox(self.t(f"ready.{key}"), value=self.ticked.get(key, False), id=key)
            with Horizontal(classes="row buttons"):
                yield Button(self.t("ready.go"), id="go", variant="primary")
        yield Footer(show_command_palette=False)

    def on_mount(self) -> None:
        self.query_one(Checkbox).focus()

    def answers(self) -> dict[str, bool]:
        return {key: self.query_one(f"#{key}", Checkbox).value for key in READINESS}

    def action_go(self) -> None:
        self.app.readiness_done(self.answers())

    @on(Button.Pressed, "#go")
    def go(self) -> None:
        self.action_go()
