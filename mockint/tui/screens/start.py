"""The start screen: language, question set, how many, feedback timing, timer; optionally a job
posting (pasted) whose extracted terms can be unticked, and the company's tone."""

from __future__ import annotations

from dataclasses import replace

from rich.text import Text
from textual import on
from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import Horizontal, VerticalScroll
from textual.widgets import (
    Button,
    Input,
    Label,
    RadioSet,
    Select,
    SelectionList,
    Static,
    TextArea,
)

from mockint.core.data.errors import MockintError
from mockint.core.data.strings import has, tr
from mockint.core.interview import Settings
from mockint.tui.screens.base import BaseScreen
from mockint.tui.widgets.footer import KeyFooter
from mockint.tui.widgets.toggles import WrappingCheckbox, WrappingRadioButton

LANGUAGES = [("English", "en"), ("Română", "ro")]
SET_ORDER = ("full", "common", "responsibilities", "skills", "role")     # as shown; the default first
MAX_COUNT = 50
TONE_ORDER = ("none", "formal", "casual")
MAX_TERMS = 100         # terms shown for unticking (every useful one: a term not shown could not be
                        # left out, yet it would count); all of them, the form scrolls


def option(value: object) -> str:
    """The value of one of this screen's selects: made with ``allow_blank=False``, never ``Select.BLANK``."""
    assert isinstance(value, str)
    return value


def pressed(radios: RadioSet, default: str) -> str:
    """The name of the pressed button of ``radios`` (each has one), or ``default`` when none is pressed."""
    button = radios.pressed_button
    return button.name if button is not None and button.name is not None else default


class StartScreen(BaseScreen):
    LAUNCH_CSS = True     # its rules are in the part of mockint.tcss read at start
    BINDINGS = [Binding("ctrl+s", "start", "Start", id="start")]

    def __init__(self, settings: Settings) -> None:
        super().__init__(settings.lang)
        self.settings = settings

    def compose(self) -> ComposeResult:
        s = self.settings
        with VerticalScroll(id="start-form", classes="form"):
            yield Static(Text(self.t("start.title"), style="bold"), classes="title")
            with Horizontal(classes="row"):
                yield Label(self.t("language"), classes="field-label")
                yield Select(LANGUAGES, value=s.lang, allow_blank=False, id="lang", compact=True)
            with Horizontal(classes="row"):
                yield Label(self.t("start.set"), classes="field-label")
                with RadioSet(id="set", compact=True):
                    for name in SET_ORDER:
                        yield WrappingRadioButton(self.t(f"set.{name}"), value=name == s.question_set, name=name)
            with Horizontal(classes="row"):
                yield Label(self.t("start.count"), classes="field-label")
                yield Input(str(s.count or ""), placeholder=self.t("start.count_hint"), type="integer",
                            id="count", compact=True)
            with Horizontal(classes="row"):
                yield Label(self.t("start.feedback"), classes="field-label")
                with RadioSet(id="feedback", compact=True):
                    yield WrappingRadioButton(self.t("start.feedback_each"), value=s.feedback == "each", name="each")
                    yield WrappingRadioButton(self.t("start.feedback_end"), value=s.feedback == "end", name="end")
            with Horizontal(classes="row"):
                yield Label(self.t("start.timer"), classes="field-label")
                yield WrappingCheckbox(self.t("start.timer_on"), value=s.timer, id="timer", compact=True)
            with Horizontal(classes="row buttons"):
                yield Button(self.t("key.start"), id="go", variant="primary")
                yield Button(self.t("key.history"), id="history")
                yield Button(self.t("key.questions"), id="questions")
                yield Button(self.t("key.roleplay"), id="roleplay")
            yield Static(Text(self.t("start.job"), style="bold"), classes="section")
            yield TextArea(getattr(self.app, "job_text", None) or "", id="job-text",
                           placeholder=self.t("start.job_hint"))
            with Horizontal(classes="row"):
                yield Label(self.t("tone"), classes="field-label")
                yield Select([(self.t(f"tone.{k}"), k) for k in TONE_ORDER], allow_blank=False, compact=True,
                             value=getattr(self.app, "job_tone", None) or "none", id="tone")
            yield Static(Text(self.t("start.terms")), id="job-terms-label")
            yield SelectionList[str](id="job-terms", compact=True)
        yield KeyFooter()

    def on_mount(self) -> None:
        self.show_terms(drop=list(getattr(self.app, "job_drop", [])))
        # the first control, not Start: Enter acts on what has the focus (opens the language list),
        # Ctrl+S or the Start button starts
        self.query_one("#lang", Select).focus()

    # -- the job posting
    def job_text(self) -> str | None:
        return self.query_one("#job-text", TextArea).text.strip() or None

    def tone(self) -> str | None:
        value = option(self.query_one("#tone", Select).value)
        return None if value == "none" else value

    def dropped(self) -> list[str]:
        """The terms the user unticked."""
        sl = self.query_one("#job-terms", SelectionList)
        chosen = set(sl.selected)
        return [sl.get_option_at_index(i).value for i in range(sl.option_count)
                if sl.get_option_at_index(i).value not in chosen]

    def show_terms(self, drop: list[str] | None = None) -> None:
        """List the posting's most specific terms (all ticked but ``drop``); hidden without a posting."""
        text = self.job_text()
        terms = []
        if text:          # the extraction's data and matcher are loaded only for a posting
            # deferred: ~13 ms when 'mockint' opens on this screen; only with a posting
            from mockint.core.jobspec import extract_terms, useful_terms

            terms = useful_terms(extract_terms(text, self.lang))[:MAX_TERMS]
        gone = set(drop if drop is not None else self.dropped())
        sl = self.query_one("#job-terms", SelectionList)
        sl.clear_options()
        sl.add_options([(f"{t.text} ({tr(self.lang, f'kind.{t.kind}')})", t.text, t.text not in gone) for t in terms])
        label = self.query_one("#job-terms-label", Static)
        label.update(Text(self.t("start.terms") if terms else self.t("start.no_terms"),
                          style="" if terms else "dim"))
        label.display = text is not None
        sl.display = bool(terms)

    @on(TextArea.Changed, "#job-text")
    def posting_changed(self) -> None:
        self.show_terms()

    def remember_job(self) -> None:
        self.app.job_text, self.app.job_tone, self.app.job_drop = self.job_text(), self.tone(), self.dropped()

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
        return replace(self.settings, lang=option(self.query_one("#lang", Select).value),
                       question_set=pressed(self.query_one("#set", RadioSet), self.settings.question_set),
                       count=count, feedback=pressed(self.query_one("#feedback", RadioSet), self.settings.feedback),
                       timer=self.query_one("#timer", WrappingCheckbox).value)

    @on(Select.Changed, "#lang")
    def language_changed(self, event: Select.Changed) -> None:
        if event.value == self.lang:
            return
        settings = self.read_settings() or replace(self.settings, lang=option(event.value))
        self.remember_job()
        self.app.switch_screen(StartScreen(settings))
        self.app.set_lang(settings.lang)

    def action_start(self) -> None:
        settings = self.read_settings()
        if settings is None:
            return
        text, tone, drop = self.job_text(), self.tone(), self.dropped()
        if text is not None or tone is not None:
            # deferred: ~13 ms when 'mockint' opens on this screen; only with a posting
            from mockint.core.jobspec import job_context

            try:
                job_context(settings.lang, text, tone, drop)
            except MockintError as exc:
                key = f"err.{exc.message_id}" if exc.message_id else ""
                reason = self.t(key, **exc.params) if key and has(key) else str(exc)
                self.notify(self.t("start.bad_job", reason=reason), severity="error", markup=False)
                return
        self.app.begin(settings, text, tone, drop)

    @on(Button.Pressed, "#go")
    def go(self) -> None:
        self.action_start()

    @on(Button.Pressed, "#history")
    def history(self) -> None:
        self.app.action_history()

    @on(Button.Pressed, "#questions")
    def questions(self) -> None:
        self.app.action_questions()

    @on(Button.Pressed, "#roleplay")
    def roleplay(self) -> None:
        self.app.set_lang(option(self.query_one("#lang", Select).value))
        self.app.action_roleplay()
