"""What a first-time user saw at 80 and 110 columns: "Key points 50⏎%" and "vreo 9⏎% la 4 %" split
over two lines."""

from __future__ import annotations

import re

import pytest
from textual.content import Content
from textual.geometry import Region
from tui_helpers import plain, run, settle

from mockint.core.bank import authoring, loader
from mockint.core.data.strings import tr
from mockint.core.interview import Settings
from mockint.tui.app import create_app
from mockint.tui.screens.feedback import FeedbackScreen
from mockint.tui.screens.interview import InterviewScreen
from mockint.tui.screens.questions import QuestionsScreen
from mockint.tui.screens.summary import SummaryScreen
from mockint.tui.widgets.answer_box import AnswerBox
from mockint.tui.widgets.chat import ChatMessage
from mockint.tui.widgets.highlighted import marks_of
from mockint.tui.widgets.stored_result import marks_from_dict


def app_for(question_ids, lang="en", feedback="each"):
    settings = Settings(lang=lang, question_set="common", count=None, feedback=feedback, timer=False)
    return create_app(settings, question_ids=question_ids, clock=lambda: 0.0, blink=False)


def drawn(widget) -> list[str]:
    w, h = widget.content_size.width, widget.content_size.height
    return [strip.text.rstrip() for strip in widget.render_lines(Region(0, 0, w, h))]


async def answer_until(pilot, text: str, screen_type) -> None:
    """Answer every question (its follow-up too, past the replies and each feedback) with ``text``
    until a ``screen_type`` is shown."""
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


@pytest.mark.parametrize("lang", ["en", "ro"])
@pytest.mark.parametrize("width", [80, 110])
def test_a_figure_and_its_percent_sign_stay_on_one_line(lang, width):
    """The summary's pass marks ended 'Key points 50⏎%' at 80 and 110 columns."""
    async def scenario():
        app = app_for(["sales-experience", "why-sales"], lang=lang, feedback="end")
        async with app.run_test(size=(width, 40)) as pilot:
            await pilot.pause()
            await pilot.press("space", "ctrl+s")
            await pilot.pause()
            await answer_until(pilot, "Nu știu." if lang == "ro" else "I don't know.", SummaryScreen)
            marks = app.screen.query_one("#summary-pass-marks")
            assert not re.search(r"\d\s%", plain(marks)) and re.search(r"\d%", plain(marks))   # "50%", as the bars
            assert not [ln for ln in drawn(marks) if ln.lstrip().startswith("%")], drawn(marks)

    run(scenario)


def test_a_figure_and_its_percent_sign_stay_together_in_the_chat():
    """A Romanian call read 'vreo 9⏎% la 4 %': the chat shows a figure and its sign together, as
    '9%' (Textual breaks a line at any space, a no-break one too); the message's text is unchanged."""
    said = "O creștere de vreo 9 % la 4\u00a0% din buget? Nu, 9%. Pe 2 % 3 clienți."

    async def scenario():
        app = app_for(["sales-experience"], lang="ro")
        async with app.run_test(size=(80, 30)) as pilot:
            await pilot.pause()
            message = ChatMessage("Elena", said, "interviewer")
            assert plain(message) == "O creștere de vreo 9% la 4% din buget? Nu, 9%. Pe 2% 3 clienți."
            assert message.text == said
            shown = message.render()                               # as the chat wraps it, at any width
            shown = shown if isinstance(shown, Content) else Content.from_rich_text(shown)
            for width in range(5, 40):
                lines = [line.plain for line in shown.wrap(width)]
                assert not [ln for ln in lines if ln.startswith("%")], lines

    run(scenario)
