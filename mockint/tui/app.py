"""The interview app: moves between screens and owns the session (settings, readiness, interview)
and its link to the history (a :class:`~mockint.tui.recorder.Recorder` over the Store)."""

from __future__ import annotations

import time
from collections.abc import Callable
from dataclasses import asdict, replace
from typing import TYPE_CHECKING

from textual import work
from textual.app import App
from textual.binding import Binding

from mockint.core import loader
from mockint.core.bank import Bank, Question
from mockint.core.errors import MockintError
from mockint.core.interview import Interview, Settings, pick_questions, questions_for, with_job_questions
from mockint.tui import resume as resuming
from mockint.tui.dates import local_time
from mockint.tui.recorder import Recorder, summary_dict
from mockint.tui.screens.base import localise_bindings
from mockint.tui.screens.confirm import ConfirmScreen
from mockint.tui.screens.feedback import FeedbackScreen
from mockint.tui.screens.help import HelpScreen, Sections
from mockint.tui.screens.history import HistoryScreen
from mockint.tui.screens.interview import InterviewScreen
from mockint.tui.screens.progress import ProgressScreen
from mockint.tui.screens.question_form import QuestionFormScreen
from mockint.tui.screens.questions import QuestionScreen, QuestionsScreen
from mockint.tui.screens.readiness import ReadinessScreen
from mockint.tui.screens.resume import ResumeScreen
from mockint.tui.screens.session import SessionScreen
from mockint.tui.screens.start import StartScreen
from mockint.tui.screens.summary import SummaryScreen
from mockint.tui.strings import has, tr

if TYPE_CHECKING:
    from mockint.core.engine import Scorer
    from mockint.core.storage import SessionRecord, Store


def interview_commands():
    """The palette's interview commands, imported when the palette first opens (textual.command
    costs ~15 ms at start-up otherwise)."""
    from mockint.tui.screens.commands import InterviewCommands

    return InterviewCommands


def history_commands():
    from mockint.tui.screens.commands import HistoryCommands

    return HistoryCommands


DARK, LIGHT = "textual-dark", "textual-light"
# Where each screen's bindings work, for the help screen.
HELP_SECTIONS = (("where.start", StartScreen), ("where.ready", ReadinessScreen),
                 ("where.interview", InterviewScreen), ("where.feedback", FeedbackScreen),
                 ("where.summary", SummaryScreen), ("where.help", HelpScreen), ("where.confirm", ConfirmScreen),
                 ("where.resume", ResumeScreen), ("where.history", HistoryScreen),
                 ("where.session", SessionScreen), ("where.progress", ProgressScreen),
                 ("where.questions", QuestionsScreen), ("where.question", QuestionScreen),
                 ("where.question_form", QuestionFormScreen))
# ctrl+h is what some terminals send for Backspace: history and progress are off during an
# interview (where one types), and never open over themselves.


class MockintApp(App[int]):
    CSS_PATH = "mockint.tcss"
    COMMANDS = App.COMMANDS | {interview_commands, history_commands}
    BINDINGS = [
        Binding("ctrl+q", "quit", "Quit", id="quit", priority=True),
        Binding("f1", "help", "Help", id="help"),
        Binding("ctrl+t", "toggle_theme", "Light/dark", id="theme"),
        Binding("ctrl+p", "command_palette", "Commands", id="palette", priority=True),
        Binding("ctrl+h", "history", "History", id="history"),
        Binding("ctrl+g", "progress", "Progress", id="progress", show=False),
        Binding("ctrl+b", "questions", "Questions", id="questions", show=False),
    ]

    def __init__(self, settings: Settings, bank: Bank | None = None, question_ids: list[str] | None = None,
                 *, clock: Callable[[], float] | None = None, blink: bool = True,
                 store: Store | None = None, resume: SessionRecord | None = None,
                 job_text: str | None = None, tone: str | None = None) -> None:
        super().__init__()
        # the job posting (pasted or --job-spec), the terms the user removed, the tone
        self.job_text: str | None = job_text or None
        self.job_tone: str | None = tone
        self.job_drop: list[str] = []
        self.settings = settings
        self.clock = clock or time.monotonic
        self.blink = blink
        self.readiness: dict[str, bool] = {}
        self.interview: Interview | None = None
        self._bank = bank
        self._scorers: dict[str, Scorer] = {}
        self._resume = resume
        self.questions = questions_for(self.bank(), settings, question_ids) if question_ids else None
        self.recorder = Recorder(store, on_problem=self.history_problem, on_notice=self.history_notice)
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

    # -- the history (never in the way: when it fails, the interview goes on without it)
    def history_problem(self, reason: str) -> None:
        self.notify(tr(self.lang, "hist.off", reason=reason), severity="warning", timeout=12, markup=False)

    def history_notice(self, notice: str) -> None:
        self.notify(tr(self.lang, "hist.notice", notice=notice), severity="warning", timeout=15, markup=False)

    # -- the flow: [resume] start -> readiness -> interview -> (feedback) -> summary
    def on_mount(self) -> None:
        self.recorder.announce()
        if self._resume is not None:
            rec, self._resume = self._resume, None
            self.push_screen(StartScreen(self.settings))
            self.resume(rec)
        elif self.questions:
            self.push_screen(ReadinessScreen(self.lang, self.readiness))
        else:
            self.push_screen(StartScreen(self.settings))
            self.call_after_refresh(self.offer_resume)     # the start screen is drawn first

    def on_unmount(self) -> None:
        self.recorder.close()

    def offer_resume(self) -> None:
        rec = self.recorder.unfinished()
        if rec is None:
            return
        question = tr(self.lang, "resume.question", date=local_time(rec.started_at), n=resuming.answered(rec),
                      total=len(rec.question_ids))

        def answered(choice: bool | None) -> None:
            if choice:
                self.resume(rec)
            elif choice is False:
                self.recorder.abandon(rec.id)

        self.push_screen(ResumeScreen(self.lang, question), answered)

    def resume(self, rec: SessionRecord) -> None:
        """Go on with a stored interview: its questions, its answers so far, its draft."""
        settings, before = resuming.settings_of(rec, self.settings), self.lang
        try:
            self.set_lang(rec.lang)
            interview, draft = resuming.rebuild(rec, self.bank(), self.scorer)
        except MockintError as exc:
            self.set_lang(before)
            self.notify(tr(self.lang, "resume.failed", reason=str(exc)), severity="error", markup=False)
            return
        self.settings = settings
        self.readiness = dict(interview.readiness)
        self.questions = list(interview.questions)
        self.interview = interview
        self.recorder.adopt(rec, interview.index, draft)
        if interview.is_over:
            self.show_summary()
            return
        self.switch_screen(InterviewScreen(interview, feedback=settings.feedback, timer=settings.timer,
                                           clock=self.clock, blink=self.blink, recorder=self.recorder,
                                           draft=draft, resumed=True))
        self.set_timer(0.3, self.warm_scorer)

    def job_context(self):
        """The session's JobContext (posting terms and/or tone) or None; raises MockintError for a
        posting with no useful terms."""
        if not self.job_text and not self.job_tone:
            return None
        from mockint.core.jobspec import job_context

        return job_context(self.lang, self.job_text or None, self.job_tone, self.job_drop)

    def with_job(self, questions: list[Question]) -> list[Question]:
        """The questions, with those built from the posting before the closing one."""
        job = self.job_context()
        if job is None or not job.terms:
            return list(questions)
        from mockint.core.jobspec import job_questions

        return with_job_questions(questions, job_questions(job.terms, self.lang))

    def begin(self, settings: Settings, job_text: str | None = None, tone: str | None = None,
              drop: list[str] | None = None) -> None:
        self.set_lang(settings.lang)
        self.settings = settings
        self.job_text, self.job_tone, self.job_drop = job_text or None, tone, list(drop or [])
        self.questions = pick_questions(self.bank(), settings)
        self.switch_screen(ReadinessScreen(self.lang, self.readiness))

    def readiness_done(self, answers: dict[str, bool]) -> None:
        self.readiness = dict(answers)
        self.start_interview(self.with_job(self.questions or pick_questions(self.bank(), self.settings)))

    def start_interview(self, questions: list[Question]) -> None:
        if self.interview is not None and not self.interview.is_over:
            self.recorder.abandon(restarted=True)          # restarted: the old one is not resumable
        self.questions = list(questions)
        self.interview = Interview(self.questions, self.scorer, self.bank(), self.lang, job=self.job_context())
        self.interview.set_readiness(**self.readiness)
        self.recorder.begin(self.lang, asdict(self.settings), dict(self.interview.readiness),
                            [q.id for q in self.questions])
        self.switch_screen(InterviewScreen(self.interview, feedback=self.settings.feedback,
                                           timer=self.settings.timer, clock=self.clock, blink=self.blink,
                                           recorder=self.recorder))
        self.call_after_refresh(self.recorder.ensure_started)   # once the first question is on screen
        self.set_timer(0.3, self.warm_scorer)

    def restart_interview(self) -> None:
        if self.questions:
            self.start_interview(self.questions)

    def show_summary(self) -> None:
        if self.interview is not None:
            self.recorder.record(self.interview)
            screen = SummaryScreen(self.lang, self.interview)
            self.recorder.finish(summary_dict(screen.summary))
            self.switch_screen(screen)

    def new_interview(self) -> None:
        self.interview = None
        self.switch_screen(StartScreen(self.settings))

    # -- app-wide actions
    def in_interview(self) -> bool:
        return (self.interview is not None and not self.interview.is_over
                and any(isinstance(s, InterviewScreen) for s in self.screen_stack))

    async def action_quit(self) -> None:
        """Quit; during an interview, ask first (a second Ctrl+Q while asking quits). The draft
        is saved first: the interview can be resumed where it was left."""
        if not self.in_interview() or isinstance(self.screen, ConfirmScreen):
            self.quit_now()
            return
        self.push_screen(ConfirmScreen(self.lang, tr(self.lang, "confirm.quit")),
                         lambda yes: self.quit_now() if yes else None)

    def quit_now(self) -> None:
        for screen in self.screen_stack:
            if isinstance(screen, InterviewScreen):
                screen.autosave()
        self.exit(0)

    # -- history, a session, progress (pushed over the screen they are opened from)
    def check_action(self, action: str, parameters: tuple[object, ...]) -> bool | None:
        if action in ("history", "progress", "questions") and self.in_interview():
            return False
        if action == "questions" and isinstance(self.screen, (QuestionsScreen, QuestionScreen, QuestionFormScreen)):
            return False
        if action == "history" and isinstance(self.screen, HistoryScreen):
            return False                              # already there: not in its footer
        return True

    def action_history(self) -> None:
        if self.in_interview() or isinstance(self.screen, HistoryScreen):
            return
        store = self.browse_store()
        if store is None:
            return
        below = [s for s in self.screen_stack if isinstance(s, HistoryScreen)]
        if below:                                     # back down to the one already open
            while self.screen is not below[-1]:
                self.pop_screen()
            return
        self.push_screen(HistoryScreen(self.lang, store))

    def action_questions(self) -> None:
        """The question browser (built-in and the user's questions); never over itself."""
        if self.in_interview() or isinstance(self.screen, (QuestionScreen, QuestionFormScreen)):
            return
        if isinstance(self.screen, QuestionsScreen):
            return
        below = [s for s in self.screen_stack if isinstance(s, QuestionsScreen)]
        if below:
            while self.screen is not below[-1]:
                self.pop_screen()
            return
        self.push_screen(QuestionsScreen(self.lang))

    def action_progress(self) -> None:
        if self.in_interview() or isinstance(self.screen, ProgressScreen):
            return
        store = self.browse_store()
        if store is not None:
            self.push_screen(ProgressScreen(self.lang, store))

    def browse_store(self) -> Store | None:
        store = self.recorder.store
        if store is None:
            self.notify(tr(self.lang, "hist.off", reason=self.recorder.problem or "?"), severity="warning",
                        markup=False)
        return store

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
                if b.action in ("history", "progress", "questions"):
                    what += f" {tr(self.lang, 'help.not_in_interview')}"
                out.append((", ".join(self.get_key_display(replace(b, key=k)) for k in b.key.split(",")), what))
            return out

        sections = [(tr(self.lang, "help.everywhere"), rows(self.BINDINGS))]
        sections += [(tr(self.lang, where), rows(screen.BINDINGS)) for where, screen in HELP_SECTIONS]
        sections.append((tr(self.lang, "where.answer"),
                         [("enter", tr(self.lang, "help.newline"))]))
        return sections


def create_app(settings: Settings, bank: Bank | None = None, question_ids: list[str] | None = None,
               *, clock: Callable[[], float] | None = None, blink: bool = True,
               store: Store | None = None, resume: SessionRecord | None = None,
               job_text: str | None = None, tone: str | None = None) -> MockintApp:
    """The app for these settings. With ``question_ids`` it skips the start screen.

    ``clock`` (default ``time.monotonic``) drives the countdown and the answer timing; tests pass a
    fixed one. ``blink=False`` stops the cursor blinking (for snapshots). ``store`` is the history
    to use (default: ``Store.open()`` on first use; a given store is not closed by the app).
    ``resume``: a stored unfinished session to go on with at once. Without question ids or
    ``resume``, an unfinished session in the history is offered for resuming. Raises
    ``MockintError`` for an unknown question id. ``job_text`` / ``tone``: a job posting and the
    company's tone (formal | casual) to tailor the interview to (the start screen shows them).
    """
    return MockintApp(settings, bank, question_ids, clock=clock, blink=blink, store=store, resume=resume,
                      job_text=job_text, tone=tone)
