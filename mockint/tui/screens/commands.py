"""Command-palette commands: the interview's (skip question, end now, restart) and the history's
(with, in the question browser, practising the selected question)."""

from __future__ import annotations

from collections.abc import Callable
from typing import TYPE_CHECKING, cast

from textual.command import DiscoveryHit, Hit, Hits, Provider
from textual.markup import escape

from mockint.core.data.strings import tr
from mockint.tui.screens import is_screen
from mockint.tui.screens.interview import InterviewScreen

if TYPE_CHECKING:
    from mockint.tui.host import AppHost

Command = tuple[str, Callable[[], None], str]      # (name, callback, help)


class ListProvider(Provider):
    """A provider of a short list of commands: shown on discovery, fuzzy-matched on search."""

    def commands(self) -> list[Command]:  # pragma: no cover - abstract
        raise NotImplementedError

    async def discover(self) -> Hits:
        for name, callback, help in self.commands():
            yield DiscoveryHit(name, callback, help=help)

    async def search(self, query: str) -> Hits:
        matcher = self.matcher(query)
        for name, callback, help in self.commands():
            score = matcher.match(name)
            if score > 0:
                yield Hit(score, matcher.highlight(name), callback, text=name, help=help)


class InterviewCommands(ListProvider):
    def commands(self) -> list[Command]:
        screen = self.screen
        if not isinstance(screen, InterviewScreen) or not screen.started:
            return []                     # not before the readiness checklist is answered
        lang = screen.lang
        return [(tr(lang, "cmd.skip"), screen.action_skip, tr(lang, "cmd.skip_help")),
                (tr(lang, "cmd.end"), screen.action_end_now, tr(lang, "cmd.end_help")),
                (tr(lang, "cmd.restart"), screen.action_restart, tr(lang, "cmd.restart_help"))]


class HistoryCommands(ListProvider):
    """``history: open``, ``history: progress``, ``questions: browse``, ``role-play``, and in the
    question browser ``questions: practise the selected one``; not offered during an interview."""

    def commands(self) -> list[Command]:
        app = cast("AppHost", self.app)      # Provider.app is an App[object]: here, always MockintApp
        if app.in_interview():
            return []
        lang = app.lang
        return [(tr(lang, "cmd.history"), app.action_history, tr(lang, "cmd.history_help")),
                (tr(lang, "cmd.progress"), app.action_progress, tr(lang, "cmd.progress_help")),
                (tr(lang, "cmd.questions"), app.action_questions, tr(lang, "cmd.questions_help")),
                (tr(lang, "cmd.roleplay"), app.action_roleplay, tr(lang, "cmd.roleplay_help")),
                *self.practise(lang)]

    def practise(self, lang: str) -> list[Command]:
        """Practising the question selected in the browser (or shown on its screen), if any."""
        screen = self.screen
        if is_screen(screen, "questions", "QuestionsScreen"):
            question = screen.selected()              # type: ignore[attr-defined]
        elif is_screen(screen, "questions", "QuestionScreen"):
            question = screen.question                # type: ignore[attr-defined]
        else:
            return []
        app = cast("AppHost", self.app)
        if question is None or app.in_call():
            return []
        return [(tr(lang, "cmd.practise"), lambda: app.practise(question),
                 escape(tr(lang, "cmd.practise_help", id=question.id)))]     # the help is read as markup
