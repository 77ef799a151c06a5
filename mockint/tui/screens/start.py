"""The start screen: language, question set, how many, feedback timing, timer."""

from __future__ import annotations

from dataclasses import replace

from rich.text import Text
from textual import on
from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import Horizontal, VerticalScroll
from textual.widgets import Button, Checkbox, Footer, Input, Label, RadioButton, RadioSet, Select, Static

from mockint.core.interview import Settings
from mockint.tui.screens.base import BaseScreen

LANGUAGES = [("English", "en"), ("Română", "ro")]
SET_ORDER = ("full", "common", "responsibilities", "skills", "role")     # as shown; the default first
MAX_COUNT = 50


class StartScreen(BaseScreen):
    BINDINGS = [Binding("ctrl+s", "start", "Start", id="start")]

    def __init__(self, settings: Settings) -> None:
        super().__init__(settings.lang)
        self.settings = settings

    def compose(self) -> ComposeResult:
        s = self.settings
        with VerticalScroll(id="start-form", classes="form"):
            yield Static(Text(self.t("start.title"), style="bold"), classes="title")
            with Horizontal(classes="row"):
                yield Label(self.t("start.lang"), classes="field-label")
                yield Select(LANGUAGES, value=s.lang, allow_blank=False, id="lang", compact=True)
            with Horizontal(classes="row"):
                yield Label(self.t("start.set"), classes="field-label")
                with RadioSet(id="set", compact=True):
                    for name in SET_ORDER:
                        yield RadioButton(self.t(f"set.{name}"), value=name == s.question_set, name=name)
            with Horizontal(classes="row"):
                yield Label(self.t("start.count"), classes="field-label")
                yield Input(str(s.count or ""), placeholder=self.t("start.count_hint"), type="integer",
                            id="count", compact=True)
            with Horizontal(classes="row"):
                yield Label(self.t("start.feedback"), classes="field-label")
                with RadioSet(id="feedback", compact=True):
                    yield RadioButton(self.t("start.feedback_each"), value=s.feedback == "each", name="each")
                    yield RadioButton(self.t("start.feedback_end"), value=s.feedback == "end", name="end")
            with Horizontal(classes="row"):
                yield Label(self.t("start.timer"), classes="field-label")
                yield Checkbox(self.t("start.timer_on"), value=s.timer, id="timer", compact=True)
            with Horizontal(classes="row buttons"):
                yield Button(self.t("start.go"), id="go", variant="primary")
                yield Button(self.t("hist.button"), id="history")
                yield Button(self.t("qb.button"), id="questions")
        yield Footer(show_command_palette=False)

    def on_mount(self) -> None:
        self.query_one("#go", Button).focus()

    def read_settings(self) -> Settings | None:
        """The settings as the form shows them, or None (with a notification) if invalid."""
        raw = self.query_one("#count", Input).value.strip()
        count = None
        if raw:
            try:
                count = int(raw)
            except ValueError:
                count = 0
            if not 1 <= count <= MAX_COUNT:
                self.notify(self.t("start.bad_count"), severity="error")
                return None
        chosen = self.query_one("#set", RadioSet).pressed_button
        feedback = self.query_one("#feedback", RadioSet).pressed_button
        return replace(self.settings, lang=self.query_one("#lang", Select).value,
                       question_set=chosen.name if chosen else self.settings.question_set,
                       count=count, feedback=feedback.name if feedback else self.settings.feedback,
                       timer=self.query_one("#timer", Checkbox).value)

    @on(Select.Changed, "#lang")
    def language_changed(self, event: Select.Changed) -> None:
        if event.value == self.lang:
            return
        settings = self.read_settings() or replace(self.settings, lang=event.value)
        self.app.switch_screen(StartScreen(settings))
        self.app.set_lang(settings.lang)

    def action_start(self) -> None:
        settings = self.read_settings()
        if settings is not None:
            self.app.begin(settings)

    @on(Button.Pressed, "#go")
    def go(self) -> None:
        self.action_start()

    @on(Button.Pressed, "#history")
    def history(self) -> None:
        self.app.action_history()

    @on(Button.Pressed, "#questions")
    def questions(self) -> None:
        self.app.action_questions()
