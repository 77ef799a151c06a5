"""A question added with `mockint questions add` is practised at once in the interview TUI (Pilot)."""

from __future__ import annotations

import asyncio

from tui_helpers import checklist

from mockint.core.bank import authoring
from mockint.core.interview import Settings
from mockint.tui.app import create_app
from mockint.tui.screens.feedback import FeedbackScreen
from mockint.tui.screens.interview import InterviewScreen
from mockint.tui.widgets.answer_box import AnswerBox

ANSWER = ("At my last company I lost a deal worth 40,000 euros to a competitor because I never met their CFO. "
          "I asked the client for feedback, and I learned that finance saw us as a risk. Since then I map every "
          "stakeholder in the first two meetings. As a result I won the next two deals against the same "
          "competitor, and my win rate grew from 20 to 31 percent in 2023.")


def test_an_added_question_is_asked_and_scored_in_the_tui():
    w = authoring.add("en", "Tell me about a deal you lost to a competitor.",
                      points=["What you learned | learned, lesson, since then"])
    qid = w.question.id

    async def scenario():
        settings = Settings(lang="en", question_set="common", count=1, feedback="each", timer=False)
        app = create_app(settings, question_ids=[qid], blink=False)
        async with app.run_test(size=(100, 32)) as pilot:
            await pilot.pause()
            assert checklist(app)
            await pilot.click("#go")
            await pilot.pause()
            assert isinstance(app.screen, InterviewScreen)
            assert app.interview.current_question().id == qid
            app.screen.query_one(AnswerBox).text = ANSWER
            await pilot.press("ctrl+s")
            await pilot.pause()
            await app.workers.wait_for_complete()
            await pilot.pause()
            if isinstance(app.screen, InterviewScreen):          # a follow-up: answer it too
                app.screen.query_one(AnswerBox).text = "I learned to meet finance early."
                await pilot.press("ctrl+s")
                await pilot.pause()
                await app.workers.wait_for_complete()
                await pilot.pause()
            assert isinstance(app.screen, FeedbackScreen)
            turn = app.interview.turns[0]
            assert turn.question.id == qid and turn.result.criterion("key_points") is not None

    asyncio.run(scenario())
