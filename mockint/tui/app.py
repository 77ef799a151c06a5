"""The interview app: moves between screens and owns the session (settings, readiness, interview)
and its link to the history (a :class:`~mockint.tui.recorder.Recorder` over the Store)."""

from __future__ import annotations

import gc
import sys
import time
from collections.abc import Callable
from dataclasses import asdict, replace
from pathlib import Path
from typing import TYPE_CHECKING

from textual import work
from textual.app import App
from textual.binding import Binding

from mockint.core.bank import loader
from mockint.core.data.errors import MockintError
from mockint.core.interview import Interview, Settings, pick_questions, questions_for, with_job_questions
from mockint.core.questions.bank import Bank, Question
from mockint.tui import resume as resuming
from mockint.tui.bindings import localise_bindings
from mockint.tui.recorder import Recorder, summary_dict
from mockint.tui.strings import has, tr

if TYPE_CHECKING:
    from textual.screen import Screen

    from mockint.core.history.records import SessionRecord
    from mockint.core.history.store import Store
    from mockint.core.scoring.engine import Scorer
    from mockint.tui.screens.help import Sections

# The screens are imported where they are first shown: the first question does not wait for the
# history, the question browser, the feedback... ``is_screen`` tells whether a screen is one of
# them without importing its module.
SCREENS = "mockint.tui.screens."


def interview_commands():
    """The palette's interview commands, imported when the palette first opens (textual.command
    costs ~15 ms at start-up otherwise)."""
    from mockint.tui.screens.commands import InterviewCommands

    return InterviewCommands


def history_commands():
    from mockint.tui.screens.commands import HistoryCommands

    return HistoryCommands


DARK, LIGHT = "textual-dark", "textual-light"
GC_AFTER_LAUNCH = 1.0   # seconds from the first question on screen to garbage collection resuming
CSS_AFTER_LAUNCH = 0.5  # seconds from the first screen drawn to the rest of the stylesheet being read

# The app's one stylesheet. What the start and interview screens (and all screens) use comes before
# the LATER_CSS line and is read at start; the other screens' rules after it, when one of them is
# first opened (or CSS_AFTER_LAUNCH after the first screen is drawn): parsing them cost ~2-3 ms
# before the first question. Both parts are app CSS, read in file order: the same rules as one file.
CSS_FILE = Path(__file__).with_name("mockint.tcss")
LATER_CSS = "/* @later"


def split_css(text: str) -> tuple[str, str]:
    """The stylesheet's text read at start and the text read later ("" when there is no mark)."""
    first, mark, later = text.partition(LATER_CSS)
    return first, mark + later


def help_sections() -> tuple[tuple[str, type], ...]:
    """Where each screen's bindings work, for the help screen (imports every screen)."""
    from mockint.tui.screens.confirm import ConfirmScreen
    from mockint.tui.screens.feedback import FeedbackScreen
    from mockint.tui.screens.help import HelpScreen
    from mockint.tui.screens.history import HistoryScreen
    from mockint.tui.screens.interview import InterviewScreen
    from mockint.tui.screens.progress import ProgressScreen
    from mockint.tui.screens.question_form import QuestionFormScreen
    from mockint.tui.screens.questions import QuestionScreen, QuestionsScreen
    from mockint.tui.screens.resume import ResumeScreen
    from mockint.tui.screens.roleplay import CallSummaryScreen, RoleplayPickScreen, RoleplayScreen
    from mockint.tui.screens.session import SessionScreen
    from mockint.tui.screens.start import StartScreen
    from mockint.tui.screens.summary import SummaryScreen
    from mockint.tui.widgets.readiness import ReadinessChecklist

    return (("where.start", StartScreen), ("where.ready", ReadinessChecklist),
            ("where.interview", InterviewScreen), ("where.feedback", FeedbackScreen),
            ("where.summary", SummaryScreen), ("where.help", HelpScreen), ("where.confirm", ConfirmScreen),
            ("where.resume", ResumeScreen), ("where.rp_pick", RoleplayPickScreen),
            ("where.rp_call", RoleplayScreen), ("where.rp_summary", CallSummaryScreen),
            ("where.history", HistoryScreen),
            ("where.session", SessionScreen), ("where.progress", ProgressScreen),
            ("where.questions", QuestionsScreen), ("where.question", QuestionScreen),
            ("where.question_form", QuestionFormScreen))


def __getattr__(name: str):
    if name == "HELP_SECTIONS":          # built on first use: it imports every screen
        return help_sections()
    raise AttributeError(f"module {__name__!r} has no attribute {name!r}")


def is_screen(screen: object, module: str, *names: str) -> bool:
    """Whether ``screen`` is one of the classes ``names`` of ``mockint.tui.screens.<module>``;
    False while that module is not imported (no such screen can exist yet)."""
    mod = sys.modules.get(SCREENS + module)
    return mod is not None and isinstance(screen, tuple(getattr(mod, n) for n in names))


def own_base(screen: Screen) -> bool:
    """Make ``screen`` fit to be the bottom of the screen stack in place of Textual's default
    screen: ``switch_screen`` pops the result callback of the screen it replaces, which
    ``push_screen`` gives every screen it pushes but the default screen does not have (so the
    screen shown next replaces it, as it replaces a pushed one). False when that cannot be done
    (private Textual API, textual >=8.2.8,<8.3): the screen is then pushed as before."""
    try:
        push = getattr(screen, "_push_result_callback", None)
        if not callable(push) or getattr(screen, "_result_callbacks", None) != []:
            return False
        push(screen, None)
        return True
    except Exception:       # pragma: no cover - a future Textual
        return False


# History is on ctrl+o: terminals send ctrl+h as Backspace (and ctrl+i as Tab, ctrl+m as Enter,
# ctrl+[ as Escape), so no binding uses those (tests/tui/test_tui_keys.py). History and progress are off
# during an interview (where one types), and never open over themselves.


class MockintApp(App[int]):
    # No CSS_PATH: mockint.tcss is read in two parts (see CSS_FILE, __init__ and load_later_css).
    COMMANDS = App.COMMANDS | {interview_commands, history_commands}
    BINDINGS = [
        Binding("ctrl+q", "quit", "Quit", id="quit", priority=True),
        Binding("f1", "help", "Help", id="help"),
        Binding("ctrl+t", "toggle_theme", "Light/dark", id="theme"),
        Binding("ctrl+p", "command_palette", "Commands", id="palette", priority=True),
        Binding("ctrl+o", "history", "History", id="history"),
        Binding("ctrl+g", "progress", "Progress", id="progress", show=False),
        Binding("ctrl+b", "questions", "Questions", id="questions", show=False),
    ]

    _later_css = ""                       # the stylesheet's rules not read yet (see load_later_css)
    _own_base = False                     # the bottom screen is the interview's (get_default_screen)
    _base_screen: Screen | None = None    # the interview to push over Textual's default screen

    # -- the launch: the cyclic garbage collector waits for the first question
    _gc_paused = False
    _gc_resuming = False

    async def _process_messages(self, *args, **kwargs) -> None:
        """The app's whole run (Textual's ``run``, ``run_async`` and ``run_test`` all go through it).

        Until the first question (or the start screen) is on screen, the cyclic garbage collector
        is paused: the launch builds tens of thousands of objects that all stay alive (screens,
        widgets, styles, the bank), and the collections they set off cost ~6-10 ms before the
        first question without finding anything to free. It runs again shortly after that screen
        is drawn (:meth:`launch_done`), and in any case when the app ends."""
        if gc.isenabled():
            gc.disable()
            self._gc_paused = True
        try:
            await super()._process_messages(*args, **kwargs)
        finally:
            self.resume_gc()

    def launch_done(self) -> None:
        """The first question (or the start screen) is on screen: garbage collection resumes
        ``GC_AFTER_LAUNCH`` seconds later (its catch-up pass over what the launch built, ~6 ms,
        then runs while the candidate reads, not before the first frame)."""
        if self._later_css:
            self.set_timer(CSS_AFTER_LAUNCH, self.load_later_css)
        if self._gc_paused and not self._gc_resuming:
            self._gc_resuming = True
            self.set_timer(GC_AFTER_LAUNCH, self.resume_gc)

    # -- the stylesheet's second part (the rules of the screens not shown at launch)
    def load_later_css(self) -> None:
        """Add the rules of the other screens to the stylesheet (once) and parse it now, so the
        screen being opened (or the next keystroke) does not wait for it. None of those rules
        applies to a node of the start or interview screens: their nodes need no restyling."""
        css, self._later_css = self._later_css, ""
        if css:
            self.stylesheet.add_source(css, read_from=(str(CSS_FILE), "later"), is_default_css=False)
            self.stylesheet.rules         # parsed here

    def push_screen(self, screen: Screen | str, *args, **kwargs):
        if not getattr(screen, "LAUNCH_CSS", False):
            self.load_later_css()
        return super().push_screen(screen, *args, **kwargs)

    def switch_screen(self, screen: Screen | str):
        if not getattr(screen, "LAUNCH_CSS", False):
            self.load_later_css()
        return super().switch_screen(screen)

    def resume_gc(self) -> None:
        if self._gc_paused:
            self._gc_paused = False
            gc.enable()

    def __init__(self, settings: Settings, bank: Bank | None = None, question_ids: list[str] | None = None,
                 *, clock: Callable[[], float] | None = None, blink: bool = True,
                 store: Store | None = None, resume: SessionRecord | None = None,
                 job_text: str | None = None, tone: str | None = None) -> None:
        super().__init__()
        first, self._later_css = split_css(CSS_FILE.read_text(encoding="utf-8"))
        self.stylesheet.add_source(first, read_from=(str(CSS_FILE), ""), is_default_css=False)
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
        self.picked = False          # the questions were picked by number (a posting's then take places)
        self.recorder = Recorder(store, on_problem=self.history_problem, on_notice=self.history_notice,
                                 on_trouble=self.history_trouble)
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
            from mockint.core.scoring.engine import Scorer

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

    def history_trouble(self, reason: str | None) -> None:
        """A write failed and is kept to try again (``reason``), or all is written again (None)."""
        if reason is None:
            self.notify(tr(self.lang, "hist.again"), timeout=8)
        else:
            self.notify(tr(self.lang, "hist.trouble", reason=reason), severity="error", timeout=15, markup=False)

    def history_notice(self, notice: str) -> None:
        self.notify(tr(self.lang, "hist.notice", notice=notice), severity="warning", timeout=15, markup=False)

    # -- the flow: [resume] start -> interview (its readiness checklist first) -> (feedback) -> summary
    def get_default_screen(self) -> Screen:
        """The first screen. Launched on questions, it is the interview (on its readiness
        checklist) rather than Textual's blank default screen with the interview pushed over it:
        that screen would be composed, laid out and drawn for nothing, and the app's messages
        would wait for the interview to be mounted over it (~8 ms before the first question)."""
        if self._resume is None and self.questions:
            screen = self.new_interview_screen(self.with_job(self.questions), checklist=True)
            if own_base(screen):
                self._own_base = True
                return screen
            self._base_screen = screen       # a Textual without the hook: pushed over the default
        return super().get_default_screen()

    def on_mount(self) -> None:
        self.recorder.announce()
        if self._resume is not None:
            rec, self._resume = self._resume, None
            self.show_start()
            self.resume(rec)
        elif self._base_screen is not None:
            screen, self._base_screen = self._base_screen, None
            self.show(screen)
        elif not self._own_base:
            self.show_start()
            self.call_after_refresh(self.offer_resume)     # the start screen is drawn first

        self.set_interval(10, self.retry_history)

    def retry_history(self) -> None:
        """Answers the history could not take (a full disk, a lock) are tried again every 10 s."""
        if self.recorder.waiting:
            self.recorder.retry(self.interview)

    def on_unmount(self) -> None:
        self.recorder.retry(self.interview)     # a last try; what is still unwritten stays journalled
        self.recorder.close()

    def show(self, screen: Screen) -> None:
        """Show ``screen`` in place of the current one (the first one goes over Textual's default
        screen, unless the interview is the bottom screen: see :meth:`get_default_screen`)."""
        if len(self.screen_stack) > 1 or self._own_base:
            self.switch_screen(screen)
        else:
            self.push_screen(screen)

    def show_start(self) -> None:
        from mockint.tui.screens.start import StartScreen

        self.show(StartScreen(self.settings))
        self.call_after_refresh(self.launch_done)

    def offer_resume(self) -> None:
        rec = self.recorder.unfinished()
        if rec is None:
            return
        from mockint.tui.dates import local_time
        from mockint.tui.screens.resume import ResumeScreen

        if rec.call is not None:
            title = (rec.call.get("result") or {}).get("title") or rec.call["scenario"]
            question = tr(self.lang, "resume.call", title=title, date=local_time(rec.started_at),
                          n=len(rec.call["turns"]))
        else:
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
        from mockint.tui.screens.interview import InterviewScreen

        if rec.call is not None:
            self.resume_call(rec)
            return

        settings, before = resuming.settings_of(rec, self.settings), self.lang
        job_before = self.job_text, self.job_tone, self.job_drop
        try:
            self.set_lang(rec.lang)
            from mockint.core.jobspec import stored_job

            self.job_text, self.job_tone, self.job_drop = stored_job(rec.settings)   # tailored as it was
            job, extra = self.job_and_questions()
            interview, draft = resuming.rebuild(rec, self.bank(), self.scorer, job=job, extra=extra)
        except MockintError as exc:
            self.set_lang(before)
            self.job_text, self.job_tone, self.job_drop = job_before
            self.notify(tr(self.lang, "resume.failed", reason=str(exc)), severity="error", markup=False)
            return
        self.settings = settings
        self.readiness = dict(interview.readiness)
        self.questions = list(interview.questions)
        self.interview = interview
        self.recorder.adopt(rec, interview.index, draft)
        self.call_after_refresh(self.launch_done)
        if interview.is_over:
            self.show_summary()
            return
        kept = rec.draft(interview.index)
        self.show(InterviewScreen(interview, feedback=settings.feedback, timer=settings.timer,
                                  clock=self.clock, blink=self.blink, recorder=self.recorder,
                                  draft=draft, resumed=True,
                                  spent=(kept.elapsed or 0.0) if kept is not None else 0.0))
        self.set_timer(0.3, self.warm_scorer)

    # -- role-play (issue 18)
    def action_roleplay(self, chosen: str | None = None) -> None:
        """Choose a role-play call (not during an interview)."""
        if self.in_interview() or is_screen(self.screen, "roleplay", "RoleplayPickScreen"):
            return
        from mockint.core import roleplay
        from mockint.tui.screens.roleplay import RoleplayPickScreen

        try:
            scenarios = roleplay.load_scenarios(self.lang)
        except MockintError as exc:
            self.notify(str(exc), severity="error", markup=False)
            return
        self.push_screen(RoleplayPickScreen(self.lang, scenarios, chosen))

    def start_call(self, scenario) -> None:
        from mockint.core.roleplay import Call
        from mockint.tui.screens.roleplay import RoleplayScreen

        self.recorder.begin_call(scenario.lang, scenario.id)
        self.show(RoleplayScreen(Call(scenario), blink=self.blink))

    def call_turn_taken(self, call) -> None:
        """A turn was played: it is kept (the call finished if it has ended) before the reply shows."""
        self.recorder.save_call(call, finished=call.ended)

    def show_call_summary(self, call) -> None:
        from mockint.tui.screens.roleplay import CallSummaryScreen

        if call.exchanges:
            self.recorder.save_call(call, finished=True)
            self.show(CallSummaryScreen(call.result()))
        else:
            self.show_start()

    def call_again(self, scenario_id: str) -> None:
        from mockint.core import roleplay

        try:
            self.start_call(roleplay.scenario(scenario_id, self.lang))
        except MockintError as exc:
            self.notify(str(exc), severity="error", markup=False)

    def resume_call(self, rec: SessionRecord) -> None:
        """Go on with a stored call: its turns are played again (the same replies)."""
        from mockint.core import roleplay
        from mockint.tui.screens.roleplay import RoleplayScreen

        try:
            self.set_lang(rec.lang)
            call = roleplay.Call.replay(roleplay.scenario(rec.call["scenario"], rec.lang), rec.call["turns"])
        except MockintError as exc:
            self.notify(tr(self.lang, "resume.failed", reason=str(exc)), severity="error", markup=False)
            return
        self.recorder.begin_call(rec.lang, rec.call["scenario"], session_id=rec.id)
        self.show(RoleplayScreen(call, blink=self.blink, resumed=True))

    def job_context(self):
        """The session's JobContext (posting terms and/or tone) or None; raises MockintError for a
        posting with no useful terms."""
        return self.job_and_questions()[0]

    def job_and_questions(self):
        """The session's JobContext (or None) and the questions built from its posting (none
        without one)."""
        if not self.job_text and not self.job_tone:
            return None, []
        from mockint.core.jobspec import context_and_questions

        return context_and_questions(self.lang, self.job_text, self.job_tone, self.job_drop)

    def with_job(self, questions: list[Question]) -> list[Question]:
        """The questions, with those built from the posting before the closing one."""
        _, extra = self.job_and_questions()
        count = self.settings.count if self.settings.count and self.picked else None   # the number asked for
        return with_job_questions(questions, extra, count) if extra else list(questions)

    def begin(self, settings: Settings, job_text: str | None = None, tone: str | None = None,
              drop: list[str] | None = None) -> None:
        self.set_lang(settings.lang)
        self.settings = settings
        self.job_text, self.job_tone, self.job_drop = job_text or None, tone, list(drop or [])
        from mockint.core.data import prefs

        prefs.save(settings)               # the start screen's choices, for the next run
        self.questions = pick_questions(self.bank(), settings)
        self.picked = True
        self.start_interview(self.with_job(self.questions), checklist=True)

    def start_interview(self, questions: list[Question], checklist: bool = False) -> None:
        """A new interview on these questions. ``checklist``: its screen asks the readiness checklist
        first (unticked: each interview is prepared for anew) and the first question follows it
        (:meth:`readiness_done`);
        otherwise (practising again, restarting) the answers given before are kept."""
        self.show(self.new_interview_screen(questions, checklist))
        if not checklist:
            self.interview_begins()

    def new_interview_screen(self, questions: list[Question], checklist: bool = False) -> Screen:
        """A new interview on these questions, and its screen (not shown yet)."""
        from mockint.tui.screens.interview import InterviewScreen

        if self.interview is not None and not self.interview.is_over:
            self.recorder.abandon(restarted=True)          # restarted: the old one is not resumable
        self.release_textual_leaks()
        self.questions = list(questions)
        self.interview = Interview(self.questions, self.scorer, self.bank(), self.lang, job=self.job_context())
        return InterviewScreen(self.interview, feedback=self.settings.feedback, timer=self.settings.timer,
                               clock=self.clock, blink=self.blink, recorder=self.recorder,
                               readiness={} if checklist else None)     # a new interview: unticked

    def release_textual_leaks(self) -> None:
        """Let the widgets of past interviews go, despite two leaks of Textual 8.2 (both no-ops
        where Textual has fixed them): ``StylesCache.get_inner_outer`` is an ``lru_cache(1024)`` on
        a method, which keeps every discarded widget's style cache alive (Textualize/textual#6665);
        a watcher a widget set on the app (every TextArea watches the theme) outlives the widget
        until the theme changes (Textualize/textual#6666): those of widgets no longer on screen
        are dropped here, as Textual itself drops them on the next theme change."""
        try:
            from textual._styles_cache import StylesCache

            StylesCache.get_inner_outer.cache_clear()
        except (ImportError, AttributeError):
            pass
        watchers = getattr(self, "__watchers", None)
        if isinstance(watchers, dict):
            for name, entries in watchers.items():
                if isinstance(entries, list):
                    entries[:] = [(node, cb) for node, cb in entries
                                  if node is self or getattr(node, "is_attached", True)]

    def readiness_done(self, answers: dict[str, bool]) -> None:
        """The checklist is answered: its answers are kept with the session, the questions start."""
        self.readiness = dict(answers)
        self.interview_begins()

    def interview_begins(self) -> None:
        self.interview.set_readiness(**self.readiness)
        settings = asdict(self.settings)
        if self.job_text or self.job_tone:       # kept with the session: resumed, it is tailored as it was
            settings["job"] = {"text": self.job_text, "tone": self.job_tone, "drop": list(self.job_drop)}
        self.recorder.begin(self.lang, settings, dict(self.interview.readiness),
                            [q.id for q in self.questions])
        # Once the first question is on screen, its session is created and the scorer warmed.
        self.call_after_refresh(self.launch_done)
        self.set_timer(0.3, self.recorder.ensure_started)
        self.set_timer(0.3, self.warm_scorer)

    def restart_interview(self) -> None:
        if self.questions:
            self.start_interview(self.questions)

    def show_summary(self) -> None:
        from mockint.tui.screens.summary import SummaryScreen

        if self.interview is not None:
            self.recorder.record(self.interview)
            screen = SummaryScreen(self.lang, self.interview)
            self.recorder.finish(summary_dict(screen.summary))
            if self.recorder.waiting:
                screen.unsaved = (self.recorder.unsaved, self.recorder.journal_path)
            self.show(screen)

    def new_interview(self) -> None:
        self.interview = None
        self.show_start()

    # -- app-wide actions
    def in_interview(self) -> bool:
        """An interview is going on: its questions have started (not on its readiness checklist)
        and it is not over."""
        return (self.interview is not None and not self.interview.is_over
                and any(is_screen(s, "interview", "InterviewScreen") and s.started for s in self.screen_stack))

    async def action_quit(self) -> None:
        """Quit; during an interview, ask first (a second Ctrl+Q while asking quits). The draft
        is saved first: the interview can be resumed where it was left."""
        if not self.in_interview() or is_screen(self.screen, "confirm", "ConfirmScreen"):
            self.quit_now()
            return
        from mockint.tui.screens.confirm import ConfirmScreen

        self.push_screen(ConfirmScreen(self.lang, tr(self.lang, "confirm.quit")),
                         lambda yes: self.quit_now() if yes else None)

    def quit_now(self) -> None:
        for screen in self.screen_stack:
            if is_screen(screen, "interview", "InterviewScreen"):
                screen.autosave()
        self.exit(0)

    # -- history, a session, progress (pushed over the screen they are opened from)
    def check_action(self, action: str, parameters: tuple[object, ...]) -> bool | None:
        if action in ("history", "progress", "questions") and self.in_interview():
            return False
        if action == "questions" and (is_screen(self.screen, "questions", "QuestionsScreen", "QuestionScreen")
                                      or is_screen(self.screen, "question_form", "QuestionFormScreen")):
            return False
        if action == "history" and is_screen(self.screen, "history", "HistoryScreen"):
            return False                              # already there: not in its footer
        return True

    def action_history(self) -> None:
        if self.in_interview() or is_screen(self.screen, "history", "HistoryScreen"):
            return
        store = self.browse_store()
        if store is None:
            return
        from mockint.tui.screens.history import HistoryScreen

        below = [s for s in self.screen_stack if isinstance(s, HistoryScreen)]
        if below:                                     # back down to the one already open
            while self.screen is not below[-1]:
                self.pop_screen()
            return
        self.push_screen(HistoryScreen(self.lang, store))

    def action_questions(self) -> None:
        """The question browser (built-in and the user's questions); never over itself."""
        if self.in_interview() or is_screen(self.screen, "question_form", "QuestionFormScreen"):
            return
        if is_screen(self.screen, "questions", "QuestionsScreen", "QuestionScreen"):
            return
        from mockint.tui.screens.questions import QuestionsScreen

        below = [s for s in self.screen_stack if isinstance(s, QuestionsScreen)]
        if below:
            while self.screen is not below[-1]:
                self.pop_screen()
            return
        self.push_screen(QuestionsScreen(self.lang))

    def action_progress(self) -> None:
        if self.in_interview() or is_screen(self.screen, "progress", "ProgressScreen"):
            return
        store = self.browse_store()
        if store is not None:
            from mockint.tui.screens.progress import ProgressScreen

            self.push_screen(ProgressScreen(self.lang, store))

    def browse_store(self) -> Store | None:
        store = self.recorder.store
        if store is None:
            self.notify(tr(self.lang, "hist.off", reason=self.recorder.problem or "?"), severity="warning",
                        markup=False)
        return store

    def action_screenshot(self, filename: str | None = None, path: str | None = None) -> None:
        """The palette's "Save screenshot": into ``<mockint home>/screenshots`` (Textual's default,
        the Downloads folder, may not exist), and the notice says where."""
        from mockint.core.data import paths

        folder = Path(path) if path else paths.home() / "screenshots"
        try:
            folder.mkdir(mode=0o700, parents=True, exist_ok=True)
            saved = self.save_screenshot(filename, str(folder))
        except OSError as exc:
            self.notify(tr(self.lang, "shot.failed", reason=exc.strerror or str(exc)), severity="error",
                        markup=False)
            return
        self.notify(tr(self.lang, "shot.saved", path=saved), markup=False)

    def action_toggle_theme(self) -> None:
        self.theme = LIGHT if self.theme != LIGHT else DARK

    def action_help(self) -> None:
        if is_screen(self.screen, "help", "HelpScreen"):
            return
        from mockint.tui.screens.help import HelpScreen

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
        sections += [(tr(self.lang, where), rows(screen.BINDINGS)) for where, screen in help_sections()]
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
    # What is loaded by now (Textual, the program) lives as long as the process: the garbage
    # collector need not walk it again (a full pass costs ~10 ms before the first question).
    if not gc.get_freeze_count():        # once per process
        gc.freeze()
    return MockintApp(settings, bank, question_ids, clock=clock, blink=blink, store=store, resume=resume,
                      job_text=job_text, tone=tone)
