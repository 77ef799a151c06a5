"""The interview app: moves between screens and owns the session (settings, readiness, interview)
and its link to the history (a :class:`~mockint.tui.recorder.Recorder` over the Store)."""

from __future__ import annotations

import gc
import time
from collections.abc import Callable
from dataclasses import replace
from pathlib import Path
from typing import TYPE_CHECKING

from textual import work
from textual.app import App
from textual.binding import Binding

from mockint.core.bank import loader
from mockint.core.data.strings import tr
from mockint.core.interview import Interview, Settings, questions_for
from mockint.core.questions.bank import Bank
from mockint.tui import seam
from mockint.tui.actions import AppActions
from mockint.tui.bindings import localise_bindings
from mockint.tui.flow import InterviewFlow
from mockint.tui.recorder import Recorder

if TYPE_CHECKING:
    from textual.screen import Screen

    from mockint.core.history.records import SessionRecord
    from mockint.core.history.store import Store
    from mockint.core.scoring.engine import Scorer


def interview_commands():
    """The palette's interview commands, imported when the palette first opens: ``screens.commands``
    imports the interview screen, ~3.4 ms more when ``mockint`` opens on the start screen."""
    from mockint.tui.screens.commands import InterviewCommands  # deferred: see interview_commands

    return InterviewCommands


def history_commands():
    from mockint.tui.screens.commands import HistoryCommands  # deferred: see interview_commands

    return HistoryCommands


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


# History is on ctrl+o: terminals send ctrl+h as Backspace (and ctrl+i as Tab, ctrl+m as Enter,
# ctrl+[ as Escape), so no binding uses those (tests/tui/test_tui_keys.py). History and progress are off
# during an interview (where one types), and never open over themselves.


# The ignore below: mypy takes no star bases (seam.app_mixins() is decided at import).
class MockintApp(InterviewFlow, AppActions, *seam.app_mixins(), App[int]):  # type: ignore[misc]
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

    # -- the launch: the cyclic garbage collector waits for the first question (seam.PausedGcRun
    # pauses it for the app's run, on Textual's private API; on stock Textual it never pauses)
    _gc_paused = False
    _gc_resuming = False

    def pause_gc(self) -> None:
        if gc.isenabled():
            gc.disable()
            self._gc_paused = True

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
            # deferred: the scoring stack ~17 ms; built by warm_scorer after the first question
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
            if seam.own_base(screen):
                self._own_base = True
                return screen
            self._base_screen = screen       # stock Textual: pushed over the default screen
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
        # deferred: ~2.8 ms at TUI launch (benchmarks/run.py), which opens on the interview
        from mockint.tui.screens.start import StartScreen

        self.show(StartScreen(self.settings))
        self.call_after_refresh(self.launch_done)


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
