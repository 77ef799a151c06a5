"""SVG snapshots of the interview TUI (pytest-textual-snapshot), in English and Romanian.

Deterministic: a frozen clock (the countdown always shows the full budget, answers take 0 s),
no cursor blink, fixed questions and answers. Update with ``pytest --snapshot-update`` and look
at the SVGs in tests/__snapshots__/ before accepting them.
"""

from __future__ import annotations

import pytest

from mockint.core.interview import Settings
from mockint.tui.app import create_app
from mockint.tui.screens.feedback import FeedbackScreen
from mockint.tui.screens.summary import SummaryScreen
from mockint.tui.widgets.answer_box import AnswerBox

SIZE = (100, 32)
QUESTIONS = ["sales-experience", "questions-for-us"]
DRAFT = {
    "en": "So um, for example last year I think maybe I closed 3 deals worth 40,000 euros. "
          "What does onboarding look like here?",
    "ro": "Păi, de exemplu, anul trecut cred că am închis 3 contracte de 40.000 de euro. "
          "Cum arată programul de training?",
}
FIRST = {
    "en": "For example, last year at my previous company I sold software to retailers. I called the buyer, "
          "proposed a pilot in 5 stores and closed a 40,000 euro deal, 120% of my quota. [bold]Not markup[/]",
    "ro": "De exemplu, anul trecut, la compania anterioară, am vândut software unor retaileri. Am sunat "
          "cumpărătorul, am propus un pilot în 5 magazine și am închis un contract de 40.000 de euro, "
          "120% din target. [bold]Nu e markup[/]",
}
MORE = {
    "en": "My role was the full cycle: prospecting, demos and closing for my own accounts. That is relevant to "
          "this role because your customers are mid-market companies like mine. What does training look like?",
    "ro": "Rolul meu acoperea tot ciclul: prospectare, demo-uri și închiderea contractelor pentru clienții mei. "
          "Experiența mi se potrivește cu acest post. Cum arată programul de training?",
}


def app(lang: str, question_ids=None):
    settings = Settings(lang=lang, question_set="full", count=None, feedback="each", timer=True)
    return create_app(settings, question_ids=question_ids, clock=lambda: 0.0, blink=False)


async def settle(pilot) -> None:
    await pilot.pause()
    await pilot.app.workers.wait_for_complete()
    await pilot.pause()


async def start_interview(pilot) -> None:
    await pilot.pause()
    await pilot.press("space", "tab", "space", "ctrl+s")       # tick two readiness items, continue
    await pilot.pause()


async def submit(pilot, text: str) -> None:
    pilot.app.screen.query_one(AnswerBox).text = text
    await pilot.press("ctrl+s")
    await settle(pilot)


async def to_feedback(pilot, lang: str) -> None:
    await start_interview(pilot)
    await submit(pilot, FIRST[lang])
    if not isinstance(pilot.app.screen, FeedbackScreen):     # a follow-up was asked
        await submit(pilot, MORE[lang])
    assert isinstance(pilot.app.screen, FeedbackScreen)


@pytest.mark.parametrize("lang", ["en", "ro"])
def test_start(snap_compare, lang):
    assert snap_compare(app(lang), terminal_size=SIZE)


@pytest.mark.parametrize("lang", ["en", "ro"])
def test_chat_with_live_coach(snap_compare, lang):
    async def run_before(pilot):
        await start_interview(pilot)
        pilot.app.screen.query_one(AnswerBox).text = DRAFT[lang]
        await pilot.pause(0.5)                                 # the coach's debounce
        await settle(pilot)

    assert snap_compare(app(lang, QUESTIONS), terminal_size=SIZE, run_before=run_before)


@pytest.mark.parametrize("lang", ["en", "ro"])
def test_feedback(snap_compare, lang):
    async def run_before(pilot):
        await to_feedback(pilot, lang)
        screen = pilot.app.screen                              # show the marked answer
        screen.query_one("#feedback-scroll").scroll_to_widget(screen.query_one("#highlighted"),
                                                              animate=False, top=True)
        await pilot.pause()

    assert snap_compare(app(lang, QUESTIONS), terminal_size=SIZE, run_before=run_before)


@pytest.mark.parametrize("lang", ["en", "ro"])
def test_summary(snap_compare, lang):
    async def run_before(pilot):
        await to_feedback(pilot, lang)
        await pilot.press("escape")
        await pilot.pause()
        await submit(pilot, MORE[lang])
        while not isinstance(pilot.app.screen, SummaryScreen):
            if isinstance(pilot.app.screen, FeedbackScreen):
                await pilot.press("escape")
                await pilot.pause()
            else:
                await submit(pilot, DRAFT[lang])
        await pilot.pause()

    assert snap_compare(app(lang, QUESTIONS), terminal_size=SIZE, run_before=run_before)


@pytest.mark.parametrize("lang", ["en", "ro"])
def test_help(snap_compare, lang):
    async def run_before(pilot):
        await start_interview(pilot)
        await pilot.press("f1")
        await pilot.pause()

    assert snap_compare(app(lang, QUESTIONS), terminal_size=SIZE, run_before=run_before)
