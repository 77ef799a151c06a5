"""The app's actions (:class:`~mockint.tui.app.MockintApp` mixes them in): quitting (asking
first during an interview), history, progress and the question browser (pushed over the screen
they are opened from, never during an interview), help, theme, screenshot.

A screen is imported when it is first opened (``# deferred``): history ~6 ms, progress ~7.5 ms, the
question browser ~6.5 ms at TUI launch (benchmarks/run.py; wall clock, on top of what the launch
has loaded); the help imports every screen (~75 ms together). The small ones (help, confirm,
resume: ~0.35 ms each) are imported with this module."""

from __future__ import annotations

from dataclasses import replace
from pathlib import Path
from typing import TYPE_CHECKING, cast

from mockint.core.data import paths
from mockint.core.data.strings import has, tr
from mockint.tui.screens import is_screen
from mockint.tui.screens.confirm import ConfirmScreen
from mockint.tui.screens.help import HelpScreen
from mockint.tui.screens.resume import ResumeScreen

if TYPE_CHECKING:
    from textual.binding import Binding
    from textual.dom import DOMNode

    from mockint.core.history.store import Store
    from mockint.tui.host import AppHost
    from mockint.tui.screens.help import Sections
    from mockint.tui.screens.interview import InterviewScreen
    from mockint.tui.screens.roleplay import RoleplayScreen
else:
    AppHost = object          # the app these methods are mixed into (see mockint.tui.host)

DARK, LIGHT = "textual-dark", "textual-light"


def help_sections() -> tuple[tuple[str, type[DOMNode]], ...]:
    """Where each screen's bindings work, for the help screen (imports every screen)."""
    # deferred: every screen, ~75 ms together; see the module docstring
    from mockint.tui.screens.feedback import FeedbackScreen
    from mockint.tui.screens.history import HistoryScreen
    from mockint.tui.screens.interview import InterviewScreen
    from mockint.tui.screens.progress import ProgressScreen
    from mockint.tui.screens.question_form import QuestionFormScreen
    from mockint.tui.screens.questions import QuestionScreen, QuestionsScreen
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


class AppActions(AppHost):
    """App-wide actions. Uses the app's interview, recorder and language (see MockintApp)."""

    def in_interview(self) -> bool:
        """An interview is going on: its questions have started (not on its readiness checklist)
        and it is not over."""
        return (self.interview is not None and not self.interview.is_over
                and any(is_screen(s, "interview", "InterviewScreen") and cast("InterviewScreen", s).started
                        for s in self.screen_stack))

    def in_call(self) -> bool:
        """A role-play call is going on: a turn taken, or one typed, and the call not over."""
        return any(is_screen(s, "roleplay", "RoleplayScreen") and cast("RoleplayScreen", s).going_on
                   for s in self.screen_stack)

    async def action_quit(self) -> None:
        """Quit; during an interview or a call, ask first (a second Ctrl+Q while asking quits). The
        draft is saved first: the interview can be resumed where it was left (a call, from its turns)."""
        interview = self.in_interview()
        if is_screen(self.screen, "confirm", "ConfirmScreen") or not (interview or self.in_call()):
            self.quit_now()
            return
        question = "confirm.quit" if interview else "confirm.quit_call"
        self.push_screen(ConfirmScreen(self.lang, tr(self.lang, question)),
                         lambda yes: self.quit_now() if yes else None)

    def quit_now(self) -> None:
        for screen in self.screen_stack:
            if is_screen(screen, "interview", "InterviewScreen"):
                cast("InterviewScreen", screen).autosave()
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
        from mockint.tui.screens.history import HistoryScreen  # deferred: see the module docstring

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
        from mockint.tui.screens.questions import QuestionsScreen  # deferred: see the module docstring

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
            from mockint.tui.screens.progress import ProgressScreen  # deferred: see the module docstring

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
        folder = Path(path) if path else paths.home() / "screenshots"
        try:
            folder.mkdir(mode=0o700, parents=True, exist_ok=True)
            saved = self.save_screenshot(filename, str(folder))
        except OSError as exc:
            self.notify(tr(self.lang, "shot.failed", reason=exc.strerror or str(exc)), severity="error",
                        markup=False)
            return
        self.notify(tr(self.lang, "shot.saved", path=saved), markup=False)

    def get_system_commands(self, screen):
        """Textual's palette commands, with its "Screenshot" saving where mockint keeps its files
        (Textual's own goes to a Downloads folder that may not exist, and fails there)."""
        from textual.app import SystemCommand

        for cmd in super().get_system_commands(screen):
            if cmd.title == "Screenshot":
                yield SystemCommand(cmd.title, tr(self.lang, "shot.help"),
                                    lambda: self.set_timer(0.1, self.action_screenshot))
            else:
                yield cmd

    def action_toggle_theme(self) -> None:
        self.theme = LIGHT if self.theme != LIGHT else DARK

    def action_help(self) -> None:
        if is_screen(self.screen, "help", "HelpScreen"):
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
        sections += [(tr(self.lang, where),
                      rows(b for b in cast("list[Binding]", screen.BINDINGS)     # mockint binds with Binding only
                           if b.id not in getattr(screen, "HELP_LEAVES_OUT", ())))
                     for where, screen in help_sections()]
        sections.append((tr(self.lang, "where.answer"),
                         [("enter", tr(self.lang, "help.newline"))]))
        return sections
