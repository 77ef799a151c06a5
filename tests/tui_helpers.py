"""Helpers shared by the Pilot-driven TUI tests (the suite has no asyncio plugin)."""

from __future__ import annotations

import asyncio


def run(scenario) -> None:
    """Run an async Pilot scenario."""
    asyncio.run(scenario())


def plain(widget) -> str:
    """The text a widget renders, without styles."""
    visual = widget.render()
    return getattr(visual, "plain", None) or str(visual)


def checklist(app):
    """The readiness checklist when it is on screen (the interview screen before its first
    question), else None."""
    from mockint.tui.widgets.readiness import ReadinessChecklist

    found = app.screen.query(ReadinessChecklist)
    return found.first() if found and found.first().display else None


async def tick_item(pilot, key: str) -> None:
    """Click a readiness item (its line in the checklist) to tick or untick it."""
    from mockint.core.interview import READINESS

    await pilot.click("#items", offset=(2, list(READINESS).index(key)))


async def settle(pilot) -> None:
    """Let pending messages and workers (scoring, live coach) finish."""
    await pilot.pause()
    await pilot.app.workers.wait_for_complete()
    await pilot.pause()


async def answer_until(pilot, text: str, screen_type) -> None:
    """Answer every question left (and any follow-up) with ``text``, going on past the
    interviewer's replies (Continue) and each feedback (Esc), until a ``screen_type`` is shown."""
    from mockint.tui.screens.feedback import FeedbackScreen
    from mockint.tui.screens.interview import InterviewScreen
    from mockint.tui.widgets.answer_box import AnswerBox

    while not isinstance(pilot.app.screen, screen_type):
        screen = pilot.app.screen
        if isinstance(screen, FeedbackScreen):
            await pilot.press("escape")
        elif isinstance(screen, InterviewScreen) and screen.waiting is not None:
            await pilot.press("ctrl+s")
        else:
            screen.query_one(AnswerBox).text = text
            await pilot.press("ctrl+s")
        await settle(pilot)


async def answer_until_summary(pilot, text: str) -> None:
    """:func:`answer_until` the summary."""
    from mockint.tui.screens.summary import SummaryScreen

    await answer_until(pilot, text, SummaryScreen)


def question_app(question_ids, lang: str = "en", feedback: str = "each"):
    """An app on these questions, untimed, with a still clock and no cursor blink."""
    from mockint.core.interview import Settings
    from mockint.tui.app import create_app

    settings = Settings(lang=lang, question_set="common", count=None, feedback=feedback, timer=False)
    return create_app(settings, question_ids=question_ids, clock=lambda: 0.0, blink=False)


def drawn(widget) -> list[str]:
    """The lines of ``widget`` as drawn on screen (its content area), right-stripped."""
    from textual.geometry import Region

    w, h = widget.content_size.width, widget.content_size.height
    return [strip.text.rstrip() for strip in widget.render_lines(Region(0, 0, w, h))]
