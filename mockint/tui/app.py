"""The interview app: moves between screens and owns the session (settings, readiness, interview)."""

from __future__ import annotations

import time
from collections.abc import Callable
from dataclasses import replace
from typing import TYPE_CHECKING

from textual import work
from textual.app import App
from textual.binding import Binding

from mockint.core import loader
from mockint.core.bank import Bank, Question
from mockint.core.interview import Interview, Settings, pick_questions, questions_for
from mockint.tui.screens.base import localise_bindings
from mockint.tui.screens.confirm import ConfirmScreen
from mockint.tui.screens.feedback import FeedbackScreen
from mockint.tui.screens.help import HelpScreen, Sections
from mockint.tui.screens.interview import InterviewScreen
from mockint.tui.screens.readiness import ReadinessScreen
from mockint.tui.screens.start import StartScreen
from mockint.tui.screens.summary import SummaryScreen
from mockint.tui.strings import has, tr

if TYPE_CHECKING:
    from mockint.core.engine import Scorer


def interview_commands():
    """The palette's interview commands, imported when the palette first opens (textual.command
    costs ~15 ms at start-up otherwise)."""
    from mockint.tui.screens.commands import InterviewCommands

    return InterviewCommands

DARK, LIGHT = "textual-dark", "textual-light"
# Where each screen's bindings work, for the help screen.
HELP_SECTIONS = (("where.start", StartScreen), ("where.ready", ReadinessScreen),
                 ("where.interview", InterviewScreen), ("where.feedback", FeedbackScreen),
                 ("where.summary", SummaryScreen), ("where.help", HelpScreen), ("where.confirm", ConfirmScreen))


class MockintApp(App[int]):
    CSS_PATH = "mockint.tcss"
    COMMANDS = App.COMMANDS | {interview_commands}
    BINDINGS = [
        Binding("ctrl+q", "quit", "Quit", id="quit", priority=True),
        Binding("f1", "help", "Help", id="help"),
        Binding("ctrl+t", "toggle_theme", "Light/dark", id="theme"),
        Binding("ctrl+p", "command_palette", "Commands", id="palette", priority=True),
    ]

    def __init__(self, settings: Settings, bank: Bank | None = None, question_ids: list[str] | None = None,
                 *, clock: Callable[[], float] | None = None, blink: bool = True) -> None:
        super().__init__()
        self.settings = settings
        self.clock = clock or time.monotonic
        self.blink = blink
        self.readiness: dict[str, bool] = {}
        self.interview: Interview | None = None
        self._bank = bank
        self._scorers: dict[str, Scorer] = {}
        self.questions = questions_for(self.bank(), settings, question_ids) if question_ids else None
        self.set_lang(settings.lang)

    # -- language and data
    @property
    def lang(self) -> str:
        return self.settings.lang

    def set_lang(self, lang: str) -> None:
        self.settings = replace(self.settings, lang=lang)
        localise_bindings(self, lang)
        self.title = tr(lang, "app.title")
        self.refresh_bindings()

    def bank(self) -> Bank:
        if self._bank is not None and self._bank.lang == self.lang:
            return self._bank
        return loader.bank(self.lang)

    def scorer(self) -> Scorer:
        if self._bank is None or self._bank.lang != self.lang:
            return loader.scorer(self.lang)
        if self.lang not in self._scorers:
            from mockint.core.engine import Scorer

            self._scorers[self.lang] = Scorer(loader.rubric(self.lang), self._bank)
        return self._scorers[self.lang]

    @work(thread=True, exclusive=True, group="warm", exit_on_error=False)
    def warm_scorer(self) -> None:
        """Build the scorer (rubric, matching, ~40 ms with its imports) in the background once the
        first question is on screen: showing it never waits for the scorer, and the scorer is
        ready before the candidate has typed a sentence."""
        try:
            self.scorer()
        except Exception:      # reported where it is really needed, by the interview
            pass

    # -- the flow: start -> readiness -> interview -> (feedback) -> summary
    def on_mount(self) -> None:
        if self.questions:
            self.push_screen(ReadinessScreen(self.lang, self.readiness))
        else:
            self.push_screen(StartScreen(self.settings))

    def begin(self, settings: Settings) -> None:
        self.set_lang(settings.lang)
        self.settings = settings
        self.questions = pick_questions(self.bank(), settings)
        self.switch_screen(ReadinessScreen(self.lang, self.readiness))

    def readiness_done(self, answers: dict[str, bool]) -> None:
        self.readiness = dict(answers)
        self.start_interview(self.questions or pick_questions(self.bank(), self.settings))

    def start_interview(self, questions: list[Question]) -> None:
        self.questions = list(questions)
        self.interview = Interview(self.questions, self.scorer, self.bank(), self.lang)
        self.interview.set_readiness(**self.readiness)
        self.switch_screen(InterviewScreen(self.interview, feedback=self.settings.feedback,
                                           timer=self.settings.timer, clock=self.clock, blink=self.blink))
        self.set_timer(0.3, self.warm_scorer)

    def restart_interview(self) -> None:
        if self.questions:
            self.start_interview(self.questions)

    def show_summary(self) -> None:
        if self.interview is not None:
            self.switch_screen(SummaryScreen(self.lang, self.interview))

    def new_interview(self) -> None:
        self.interview = None
        self.switch_screen(StartScreen(self.settings))

    # -- app-wide actions
    def in_interview(self) -> bool:
        return (self.interview is not None and not self.interview.is_over
                and any(isinstance(s, InterviewScreen) for s in self.screen_stack))

    async def action_quit(self) -> None:
        """Quit; during an interview, ask first (a second Ctrl+Q while asking quits)."""
        if not self.in_interview() or isinstance(self.screen, ConfirmScreen):
            self.exit(0)
            return
        self.push_screen(ConfirmScreen(self.lang, tr(self.lang, "confirm.quit")),
                         lambda yes: self.exit(0) if yes else None)

    def action_toggle_theme(self) -> None:
        self.theme = LIGHT if self.theme != LIGHT else DARK

    def action_help(self) -> None:
        if isinstance(self.screen, HelpScreen):
            return
        self.push_screen(HelpScreen(self.lang, self.help_sections()))

    def help_sections(self) -> Sections:
        def rows(bindings) -> list[tuple[str, str]]:
            out = []
            for b in bindings:
                what = tr(self.lang, f"key.{b.id}") if b.id and has(f"key.{b.id}") else b.description
                out.append((", ".join(self.get_key_display(replace(b, key=k)) for k in b.key.split(",")), what))
            return out

        sections = [(tr(self.lang, "help.everywhere"), rows(self.BINDINGS))]
        sections += [(tr(self.lang, where), rows(screen.BINDINGS)) for where, screen in HELP_SECTIONS]
        sections.append((tr(self.lang, "where.answer"),
                         [("enter", tr(self.lang, "help.newline"))]))
        return sections


def create_app(settings: Settings, bank: Bank | None = None, question_ids: list[str] | None = None,
               *, clock: Callable[[], float] | None = None, blink: bool = True) -> MockintApp:
    """The app for these settings. With ``question_ids`` it skips the start screen.

    ``clock`` (default ``time.monotonic``) drives the countdown and the answer timing; tests pass a
    fixed one. ``blink=False`` stops the cursor blinking (for snapshots). Raises ``MockintError``
    for an unknown question id.
    """
    return MockintApp(settings, bank, question_ids, clock=clock, blink=blink)
