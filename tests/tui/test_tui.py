"""The interview TUI driven by Textual's Pilot: whole interviews, keys, palette, markup safety, layout."""

from __future__ import annotations

import pytest
from textual.binding import Binding
from textual.command import CommandList, CommandPalette
from textual.widgets import Input, RadioButton
from tui_helpers import answer_until_summary, checklist, plain, run, settle, tick_item

from mockint.core.interview import QUESTION_SETS, Settings
from mockint.tui.actions import HELP_SECTIONS
from mockint.tui.app import MockintApp, create_app
from mockint.tui.screens.confirm import ConfirmScreen
from mockint.tui.screens.feedback import FeedbackScreen
from mockint.tui.screens.help import HelpScreen
from mockint.tui.screens.interview import InterviewScreen
from mockint.tui.screens.start import StartScreen
from mockint.tui.screens.summary import SummaryScreen
from mockint.core.data.strings import tr
from mockint.tui.widgets.answer_box import AnswerBox
from mockint.tui.widgets.chat import ChatMessage
from mockint.tui.widgets.countdown import Countdown
from mockint.tui.widgets.footer import KeyFooter
from mockint.tui.widgets.live_coach import LiveCoach
from mockint.tui.widgets.readiness import ChecklistItems

ANSWERS = {
    "en": ("I am a great communicator and I love sales.",
           "For example, last year at my previous company I sold software to a retail chain. I called the "
           "buyer, proposed a pilot in 5 stores and closed a 40,000 euro deal, 120% of my quota. What does "
           "the training look like here?"),
    "ro": ("Sunt un bun comunicator și îmi plac vânzările.",
           "De exemplu, anul trecut, la compania anterioară, am vândut software unui lanț de magazine. Am "
           "sunat cumpărătorul, am propus un pilot în 5 magazine și am închis un contract de 40.000 de euro, "
           "120% din target. Cum arată programul de training?"),
}
MARKUP = "[bold red]x[/] [/]"


def app_for(lang="en", question_ids=None, **kw) -> MockintApp:
    settings = Settings(lang=lang, question_set=kw.pop("question_set", "common"), count=kw.pop("count", 2),
                        feedback=kw.pop("feedback", "each"), timer=kw.pop("timer", False))
    return create_app(settings, question_ids=question_ids, blink=False, **kw)


async def to_interview(pilot, mouse: bool = True) -> None:
    """Start screen -> the interview's readiness checklist -> its first question, with the mouse
    (or the keyboard)."""
    assert isinstance(pilot.app.screen, StartScreen)
    await (pilot.click("#go") if mouse else pilot.press("ctrl+s"))
    await pilot.pause()
    assert isinstance(pilot.app.screen, InterviewScreen) and checklist(pilot.app)
    shown = [m.text for m in pilot.app.screen.query(ChatMessage)]     # the opening, not the question yet
    assert shown == [pilot.app.interview.opening()] and pilot.app.interview.current_question().text not in shown
    if mouse:
        await tick_item(pilot, "researched_company")
        await pilot.click("#go")
    else:
        await pilot.press("space", "ctrl+s")
    await pilot.pause()
    assert isinstance(pilot.app.screen, InterviewScreen) and not checklist(pilot.app)


async def answer(pilot, text: str, submit: str = "ctrl+s") -> None:
    pilot.app.screen.query_one(AnswerBox).text = text
    if submit == "button":
        await pilot.pause(0.25)          # a button ignores clicks while it shows the last press
        await pilot.click("#submit")
    else:
        await pilot.press(submit)
    await settle(pilot)


def messages(screen, role: str | None = None) -> list[ChatMessage]:
    return [m for m in screen.query(ChatMessage) if role is None or m.has_class(role)]


async def finish_interview(pilot, lang: str) -> int:
    """Answer until the summary; returns how many follow-ups were asked."""
    weak, better = ANSWERS[lang]
    follow_ups = 0
    for _ in range(20):
        screen = pilot.app.screen
        if isinstance(screen, SummaryScreen):
            return follow_ups
        if isinstance(screen, FeedbackScreen):
            assert "/100" in plain(screen.query_one("#feedback-score"))
            await pilot.click("#continue")
            await pilot.pause()
            continue
        assert isinstance(screen, InterviewScreen)
        iv = screen.interview
        if iv.awaiting_follow_up:
            follow_ups += 1
            await answer(pilot, better)
        else:
            await answer(pilot, weak)
    raise AssertionError("the interview did not end")


@pytest.mark.parametrize("lang", ["en", "ro"])
def test_whole_interview(lang):
    async def scenario():
        app = app_for(lang)
        async with app.run_test(size=(100, 32)) as pilot:
            await to_interview(pilot)
            screen = app.screen
            q1 = app.interview.current_question()
            assert plain(messages(screen, "interviewer")[-1]) == q1.text
            assert tr(lang, "iv.progress", n=1, total=2) in plain(screen.query_one("#progress"))
            follow_ups = await finish_interview(pilot, lang)
            assert follow_ups >= 1                      # the weak first answer earns a follow-up
            summary = app.screen
            assert isinstance(summary, SummaryScreen)
            assert len(app.interview.results) == 2
            assert app.interview.readiness["researched_company"] is True
            assert tr(lang, "sum.score") in plain(summary.query_one("#summary-score"))
            assert tr(lang, "ready.researched_company") in plain(summary.query_one("#summary-readiness"))
            await pilot.press("ctrl+q")                 # no confirmation after the interview
            await pilot.pause()
        assert app.return_value == 0
    run(scenario)


@pytest.mark.parametrize("lang", ["en", "ro"])
def test_closing_question_gets_replies_and_start_screen_is_skipped(lang):
    async def scenario():
        app = app_for(lang, question_ids=["questions-for-us"], feedback="end")
        async with app.run_test(size=(100, 32)) as pilot:
            await pilot.pause()
            assert checklist(app)
            await pilot.click("#go")
            await pilot.pause()
            await answer(pilot, ANSWERS[lang][1])
            if app.interview.awaiting_follow_up:
                await answer(pilot, ANSWERS[lang][0])
            training = next(r.text for r in app.bank().replies if r.id == "training")
            # issue 15: the reply is read before anything covers it; Continue goes on
            screen = app.screen
            assert isinstance(screen, InterviewScreen) and screen.waiting is not None
            assert training in [m.text for m in messages(screen)]
            assert screen.focused is screen.query_one("#submit")
            assert tr(lang, "iv.replied") in plain(screen.query_one("#hint"))
            box = screen.query_one(AnswerBox)                  # it does not invite an answer it would drop
            assert box.read_only and box.placeholder == tr(lang, "iv.replied")
            await pilot.press("ctrl+n")                        # no skipping past the reply
            await pilot.pause()
            assert app.screen is screen
            await pilot.press("ctrl+s")
            await pilot.pause()
            assert isinstance(app.screen, SummaryScreen)       # feedback at the end: the summary
            # the chat is gone with its screen: the reply was recorded on the turn
            assert [r.text for r in app.interview.turns[0].replies] == [training]
    run(scenario)


@pytest.mark.parametrize("lang", ["en", "ro"])
def test_readiness_checklist_comes_before_the_first_question(lang):
    """The interview screen opens on the checklist (the opening line in the chat, no question, no
    answer box, no interview keys or commands); Ctrl+S continues, its answers are kept."""
    async def scenario():
        app = app_for(lang, question_ids=["sales-experience", "why-sales"], feedback="end")
        async with app.run_test(size=(100, 32)) as pilot:
            await pilot.pause()
            screen, iv = app.screen, app.interview
            assert isinstance(screen, InterviewScreen) and checklist(app)
            assert [m.text for m in messages(screen)] == [iv.opening()]
            assert not screen.query_one(AnswerBox).display and not screen.query_one(LiveCoach).display
            assert isinstance(screen.focused, ChecklistItems) and screen.focused.current == "researched_company"
            keys = {a.binding.id for a in screen.active_bindings.values() if a.binding.show}
            assert "continue" in keys and not keys & {"submit", "skip"} and "history" in keys
            assert not app.in_interview()
            await pilot.press("ctrl+n")                 # no skipping before the first question
            await pilot.pause()
            assert iv.number == 1 and not iv.skipped and checklist(app)
            await pilot.press("space", "tab", "tab", "space", "ctrl+s")
            await pilot.pause()
            assert not checklist(app) and app.in_interview()
            assert [m.text for m in messages(screen)] == [iv.opening(), iv.current_question().text]
            assert screen.focused is screen.query_one(AnswerBox) and screen.query_one(LiveCoach).display
            assert {a.binding.id for a in screen.active_bindings.values()} >= {"submit", "skip"}
            assert app.readiness == iv.readiness == {**dict.fromkeys(iv.readiness, False),
                                                     "researched_company": True, "three_stories": True}
    run(scenario)


def test_the_time_budget_starts_with_the_question_not_with_the_checklist():
    """Ten minutes on the checklist: no "time's up" before (or because of) it; the question's own
    budget starts when it is asked."""
    async def scenario():
        now = [1000.0]
        app = app_for("en", question_ids=["sales-experience"], timer=True, clock=lambda: now[0])
        async with app.run_test(size=(100, 32)) as pilot:
            await pilot.pause()
            screen = app.screen
            now[0] += 600
            screen.query_one(Countdown).tick()
            await pilot.pause()
            notes = [plain(n) for n in screen.query("ChatNote")]
            assert not any("Time's up" in n for n in notes) and "Time's up" not in plain(screen.query_one(Countdown))
            await pilot.press("ctrl+s")
            await pilot.pause()
            countdown = screen.query_one(Countdown)
            assert "left" in plain(countdown) and not countdown.expired
            now[0] += 10_000
            countdown.tick()
            await pilot.pause()
            assert countdown.expired and any("Time's up" in plain(n) for n in screen.query("ChatNote"))
    run(scenario)


def test_no_time_up_while_the_feedback_of_an_answer_is_read():
    """The budget is the answer's: once it is in, minutes spent reading the interviewer's reply and
    the feedback screen are no "time's up" in the chat, and the next question starts a full budget."""
    async def scenario():
        now = [1000.0]
        app = app_for("en", question_ids=["sales-experience", "why-sales"], timer=True, feedback="each",
                      clock=lambda: now[0])
        async with app.run_test(size=(100, 32)) as pilot:
            await pilot.pause()
            await pilot.press("ctrl+s")                        # past the readiness checklist
            await pilot.pause()
            screen = app.screen
            countdown = screen.query_one(Countdown)
            await answer(pilot, ANSWERS["en"][1])              # asks about training: the interviewer replies
            if app.interview.awaiting_follow_up:
                await answer(pilot, ANSWERS["en"][1])
            assert screen.waiting is not None                  # the reply is read before going on
            now[0] += 10_000
            countdown.tick()
            await pilot.press("ctrl+s")                        # Continue: the feedback screen
            await pilot.pause()
            assert app.screen is not screen
            now[0] += 10_000
            countdown.tick()
            await pilot.pause()
            assert not countdown.expired
            assert not any("Time's up" in plain(n) for n in screen.query("ChatNote"))
            await pilot.press("escape")
            await pilot.pause()
            assert app.screen is screen and "2:00" in plain(countdown)
    run(scenario)


def test_a_reply_is_said_once_when_a_follow_up_comes_after_it():
    """A question to the interviewer, then a follow-up: after the follow-up's answer the reply is
    not said again, and there is nothing new to wait for."""
    async def scenario():
        app = app_for(question_ids=["job-spec", "why-sales"], feedback="end")
        async with app.run_test(size=(100, 32)) as pilot:
            await pilot.pause()
            await pilot.press("ctrl+s")                        # past the readiness checklist
            await pilot.pause()
            screen = app.screen
            await answer(pilot, "Mid-market new business fits best, that's what I've done for 18 months. "
                                "Is the territory named accounts or open?")
            assert app.interview.awaiting_follow_up             # the reply, then a follow-up
            said = [m.text for m in messages(screen, "interviewer")]
            reply = next(t for t in said if "named accounts" in t and t != app.interview.current_question().text)
            await answer(pilot, "Before that I was an SDR for two years and top SDR for two quarters.")
            said = [m.text for m in messages(screen, "interviewer")]
            assert said.count(reply) == 1 and screen.waiting is None
            assert app.interview.current_question().id == "why-sales"
    run(scenario)


def test_replies_are_shown_in_the_chat():
    async def scenario():
        app = app_for(question_ids=["questions-for-us", "why-sales"], feedback="end")
        async with app.run_test(size=(100, 32)) as pilot:
            await pilot.click("#go")
            await pilot.pause()
            await answer(pilot, "What does the training look like? How big is the team?")
            texts = [plain(m) for m in messages(app.screen, "interviewer")]
            assert any("onboarding program" in t for t in texts)
            assert any("team of eight" in t for t in texts)
            assert "team of eight" in texts[-1]               # two questions, two replies, read first
            await pilot.press("ctrl+s")                        # Continue: the next question
            await pilot.pause()
            texts = [plain(m) for m in messages(app.screen, "interviewer")]
            assert texts[-1] == app.interview.current_question().text
    run(scenario)


def test_enter_adds_a_newline_and_does_not_submit():
    async def scenario():
        app = app_for()
        async with app.run_test(size=(100, 32)) as pilot:
            await to_interview(pilot)
            await pilot.press("h", "i", "enter", "t", "h", "e", "r", "e", "enter")
            await settle(pilot)
            box = app.screen.query_one(AnswerBox)
            assert box.text == "hi\nthere\n"
            assert messages(app.screen, "candidate") == []
            assert app.interview.number == 1 and app.interview.turns == []
    run(scenario)


def test_submit_button_and_empty_answer():
    async def scenario():
        app = app_for(feedback="end")
        notes: list[str] = []
        async with app.run_test(size=(100, 32)) as pilot:
            await to_interview(pilot)
            app.notify = lambda message, **kw: notes.append(str(message))
            await answer(pilot, "   ", submit="button")
            assert notes == [tr("en", "iv.empty")] and app.interview.turns == []
            await answer(pilot, ANSWERS["en"][1], submit="button")
            assert [plain(m) for m in messages(app.screen, "candidate")] == [ANSWERS["en"][1]]
            assert app.screen.query_one(AnswerBox).text == ""
    run(scenario)


def test_markup_in_an_answer_is_shown_literally():
    async def scenario():
        app = app_for()
        async with app.run_test(size=(100, 32)) as pilot:
            await to_interview(pilot)
            await answer(pilot, MARKUP)
            (mine,) = messages(app.screen, "candidate")
            assert mine.text == MARKUP and MARKUP in plain(mine)
            # the follow-up, then the feedback screen shows the combined answer literally too
            await answer(pilot, f"{MARKUP} I closed 3 deals, [link=x]y[/link] for example.")
            assert isinstance(app.screen, FeedbackScreen)
            shown = plain(app.screen.query_one("#highlighted"))
            assert "[bold red]x" in shown and "[link=x]y[/link]" in shown
    run(scenario)


def test_feedback_highlights_evidence_with_rule_ids():
    async def scenario():
        app = app_for(question_ids=["sales-experience"])
        async with app.run_test(size=(100, 32)) as pilot:
            await pilot.click("#go")
            await pilot.pause()
            text = ("For example, last year I um sold software and I think maybe I closed 3 deals worth "
                    "40,000 euros. As a result the client renewed.")
            await answer(pilot, text)
            if isinstance(app.screen, InterviewScreen):
                await answer(pilot, "I called the buyer and proposed a pilot; basically they signed.")
            assert isinstance(app.screen, FeedbackScreen)
            highlighted = app.screen.query_one("#highlighted")
            rules = {r for m in highlighted.marks for r in m.rules}
            assert {"real_examples.numbers", "confidence.hedges", "confidence.fillers"} <= rules
            marks = plain(app.screen.query_one("#marks"))
            for m in highlighted.marks:
                assert f"{m.number} " in marks and all(r in marks for r in m.rules)
            spans = {(s.start, s.end): str(s.style) for s in highlighted.render().spans}
            assert any("green" in style for style in spans.values())
            assert any("red" in style for style in spans.values())
    run(scenario)


def test_help_lists_every_binding():
    async def scenario():
        app = app_for()
        async with app.run_test(size=(100, 32)) as pilot:
            await to_interview(pilot)
            await pilot.press("f1")
            await pilot.pause()
            assert isinstance(app.screen, HelpScreen)
            text = plain(app.screen.query_one("#help-text"))
            bindings = list(MockintApp.BINDINGS) + [b for _, s in HELP_SECTIONS for b in s.BINDINGS]
            for b in bindings:
                assert b.id, f"binding {b.key} has no id"
                assert tr("en", f"key.{b.id}") in text
                first_key = b.key.split(",")[0]
                assert app.get_key_display(Binding(first_key, b.action)) in text
            await pilot.press("escape")
            await pilot.pause()
            assert isinstance(app.screen, InterviewScreen)
    run(scenario)


def test_footer_shows_bindings_in_the_session_language():
    async def scenario():
        for lang, submit in (("en", "Submit"), ("ro", "Trimite")):
            app = app_for(lang)
            async with app.run_test(size=(100, 32)) as pilot:
                await to_interview(pilot)
                descriptions = {a.binding.description for a in app.screen.active_bindings.values()}
                assert submit in descriptions and tr(lang, "key.quit") in descriptions
                assert app.screen.query_one(KeyFooter).region.height == 1
    run(scenario)


@pytest.mark.parametrize("lang", ["en", "ro"])
def test_command_palette_commands(lang):
    async def scenario():
        app = app_for(lang, count=3)
        async with app.run_test(size=(100, 32)) as pilot:
            await to_interview(pilot)
            await pilot.press("ctrl+p")
            await pilot.pause()
            assert CommandPalette.is_open(app)
            prefix = tr(lang, "cmd.skip").split(":")[0]
            await pilot.press(*prefix)
            await pilot.pause(0.5)
            await settle(pilot)
            listed = [str(o.prompt) for o in app.screen.query_one(CommandList)._options]
            for key in ("cmd.skip", "cmd.end", "cmd.restart"):
                assert any(tr(lang, key) in p for p in listed), (key, listed)
            await pilot.press("escape")
            await pilot.pause()
            # run them: skip question, restart, end now
            screen = app.screen
            assert isinstance(screen, InterviewScreen)
            screen.action_skip()
            await pilot.pause()
            assert app.interview.number == 2 and app.interview.skipped
            screen.action_restart()
            await pilot.pause()
            assert isinstance(app.screen, InterviewScreen) and app.screen is not screen
            assert app.interview.number == 1 and not app.interview.skipped
            app.screen.action_end_now()
            await pilot.pause()
            assert isinstance(app.screen, SummaryScreen)
    run(scenario)


@pytest.mark.parametrize("lang", ["en", "ro"])
def test_end_and_restart_ask_first_when_an_answer_is_typed(lang):
    """A new user's typed draft was thrown away by the palette's "end now" and "restart"; with
    text in the box they ask first (no keeps the draft), and without it they act at once."""
    async def scenario():
        app = app_for(lang, count=3)
        async with app.run_test(size=(100, 32)) as pilot:
            await to_interview(pilot)
            screen = app.screen
            box = screen.query_one(AnswerBox)
            box.insert("I sold software to retailers for two years")
            for action, question in ((screen.action_restart, "confirm.restart"), (screen.action_end_now, "confirm.end")):
                action()
                await pilot.pause()
                assert isinstance(app.screen, ConfirmScreen) and app.screen.question == tr(lang, question)
                await pilot.press("n")
                await pilot.pause()
                assert app.screen is screen and "two years" in box.text        # kept
            screen.action_restart()
            await pilot.pause()
            await pilot.press("y")
            await pilot.pause()
            assert isinstance(app.screen, InterviewScreen) and app.screen is not screen
            app.screen.action_end_now()                                       # nothing typed: at once
            await pilot.pause()
            assert isinstance(app.screen, SummaryScreen)
    run(scenario)


def test_palette_runs_skip():
    async def scenario():
        app = app_for(count=3)
        async with app.run_test(size=(100, 32)) as pilot:
            await to_interview(pilot)
            await pilot.press("ctrl+p")
            await pilot.pause()
            await pilot.press(*"skip question")
            await pilot.pause(0.5)
            await pilot.press("enter")
            await pilot.pause(0.3)
            await settle(pilot)
            assert isinstance(app.screen, InterviewScreen)
            assert app.interview.skipped and app.interview.number == 2
    run(scenario)


def test_ctrl_q_asks_to_confirm_during_an_interview():
    async def scenario():
        app = app_for()
        async with app.run_test(size=(100, 32)) as pilot:
            await to_interview(pilot)
            await pilot.press("ctrl+q")
            await pilot.pause()
            assert isinstance(app.screen, ConfirmScreen)
            await pilot.press("n")
            await pilot.pause()
            assert isinstance(app.screen, InterviewScreen) and app.is_running
            await pilot.press("ctrl+q")
            await pilot.pause()
            await pilot.press("y")
            await pilot.pause()
        assert app.return_value == 0
    run(scenario)


def test_ctrl_q_quits_at_once_outside_an_interview():
    async def scenario():
        app = app_for()
        async with app.run_test(size=(100, 32)) as pilot:
            await pilot.pause()
            await pilot.press("ctrl+q")
            await pilot.pause()
            assert not isinstance(app.screen, ConfirmScreen)
        assert app.return_value == 0
    run(scenario)


def test_small_terminal_shows_question_answer_box_and_footer():
    async def scenario():
        app = app_for(count=3, timer=True, clock=lambda: 0.0)
        async with app.run_test(size=(80, 24)) as pilot:
            await to_interview(pilot, mouse=False)
            assert app.interview.readiness["researched_company"]
            screen = app.screen
            whole = screen.region
            question = messages(screen, "interviewer")[-1]
            chat = screen.query_one("#chat")
            for widget in (question, screen.query_one(AnswerBox), screen.query_one(KeyFooter),
                           screen.query_one("#submit"), screen.query_one(LiveCoach)):
                assert widget.region.area > 0 and whole.contains_region(widget.region), widget
            assert chat.region.contains_region(question.region)
            assert "2:00" in plain(screen.query_one("#countdown"))   # frozen clock: full budget shown
    run(scenario)


def test_live_coach_updates_after_typing():
    async def scenario():
        app = app_for()
        async with app.run_test(size=(100, 32)) as pilot:
            await to_interview(pilot)
            coach = app.screen.query_one(LiveCoach)
            assert coach.coach is None
            await pilot.press(*"For example last year I closed 3 deals, um, maybe. ")
            await pilot.pause(0.5)
            await settle(pilot)
            assert coach.coach is not None
            assert coach.coach.example and coach.coach.number
            assert coach.coach.hedges == ["maybe"] and coach.coach.fillers == ["um"]
            text = plain(coach)
            assert "✓ " + tr("en", "coach.example") in text and "“um”" in text
            assert coach.coach.words == 10
    run(scenario)


def test_huge_pasted_answer_is_scored_and_too_big_one_is_refused():
    async def scenario():
        app = app_for(feedback="end")
        notes: list[tuple[str, str]] = []
        async with app.run_test(size=(100, 32)) as pilot:
            await to_interview(pilot)
            app.notify = lambda message, severity="information", **kw: notes.append((severity, str(message)))
            too_big = "I sold software. " * 13_000                # 221,000 characters
            await answer(pilot, too_big)
            assert notes and notes[-1][0] == "error" and "200,000" in notes[-1][1]
            box = app.screen.query_one(AnswerBox)
            assert box.text == too_big and not box.read_only   # the text is kept, the box usable
            assert app.interview.turns == [] and not app.interview.awaiting_follow_up
            pasted = "I sold software to retailers and hit my quota. " * 2_200   # ~100 KB
            await answer(pilot, pasted)
            assert app.interview.awaiting_follow_up or app.interview.turns
    run(scenario)


def test_theme_toggle():
    async def scenario():
        app = app_for()
        async with app.run_test(size=(100, 32)) as pilot:
            await pilot.pause()
            before = app.theme
            await pilot.press("ctrl+t")
            assert app.theme != before
            await pilot.press("ctrl+t")
            assert app.theme == before
    run(scenario)


def test_start_screen_language_switch_and_bad_count():
    async def scenario():
        app = app_for()
        notes: list[str] = []
        async with app.run_test(size=(100, 32)) as pilot:
            await pilot.pause()
            shown = [b.name for b in app.screen.query_one("#set").query(RadioButton)]
            assert sorted(shown) == sorted(QUESTION_SETS) and shown[0] == "full"
            app.screen.query_one("#lang").value = "ro"
            await pilot.pause()
            assert app.lang == "ro" and isinstance(app.screen, StartScreen) and app.screen.lang == "ro"
            assert tr("ro", "key.start") in str(app.screen.query_one("#go").label)
            app.notify = lambda message, **kw: notes.append(str(message))
            app.screen.query_one("#count", Input).value = "0"
            await pilot.click("#go")
            await pilot.pause()
            assert notes == [tr("ro", "start.bad_count")] and isinstance(app.screen, StartScreen)
            app.screen.query_one("#count", Input).value = "1"
            await pilot.pause(0.25)
            await pilot.click("#go")
            await pilot.pause()
            assert checklist(app) and len(app.questions) == 1
            assert tr("ro", "ready.three_stories") in plain(app.screen.query_one(ChecklistItems))
    run(scenario)


def test_practise_again_starts_a_new_interview_with_the_weak_questions():
    async def scenario():
        app = app_for(feedback="end")
        async with app.run_test(size=(100, 32)) as pilot:
            await to_interview(pilot)
            await finish_interview(pilot, "en")
            summary = app.screen.summary
            assert summary.retry
            await pilot.click("#retry")
            await pilot.pause()
            assert isinstance(app.screen, InterviewScreen)
            assert [q.id for q in app.interview.questions] == summary.retry
            assert app.interview.turns == []
    run(scenario)


def test_countdown_running_out_is_only_noted():
    async def scenario():
        now = [0.0]
        app = app_for(timer=True, feedback="end", clock=lambda: now[0])
        async with app.run_test(size=(100, 32)) as pilot:
            await to_interview(pilot)
            countdown = app.screen.query_one("#countdown")
            budget = app.interview.current_question().seconds
            now[0] = budget - 30
            countdown.tick()
            assert plain(countdown) == tr("en", "iv.time_left", time="0:30")
            now[0] = budget + 45
            countdown.tick()
            countdown.tick()
            await pilot.pause()
            assert plain(countdown) == tr("en", "iv.time_up") and countdown.has_class("-up")
            notes = [plain(n) for n in app.screen.query(".note")]
            assert notes == [tr("en", "iv.time_up_note")]             # noted once, nothing enforced
            await answer(pilot, ANSWERS["en"][1])
            scored = app.interview.turns[0].result if app.interview.turns else None
            if scored is None:                                        # a follow-up: answer it at once
                await answer(pilot, ANSWERS["en"][1])
                scored = app.interview.turns[0].result
            assert scored.elapsed == budget + 45
            assert not scored.criterion("on_time").passed
    run(scenario)


def test_live_coach_on_a_thousand_word_draft():
    async def scenario():
        app = app_for()
        async with app.run_test(size=(100, 32)) as pilot:
            await to_interview(pilot)
            box = app.screen.query_one(AnswerBox)
            box.text = "For example last year I closed 3 deals for a retail client. " * 84   # 1,008 words
            await pilot.press("end", "x")                  # typing goes on while the coach works
            await pilot.pause(0.5)
            await settle(pilot)
            coach = app.screen.query_one(LiveCoach).coach
            assert coach.words == 1009 and coach.length == "long"
    run(scenario)


def test_run_builds_the_app_and_returns_its_exit_code(monkeypatch):
    import mockint.tui
    from mockint.core.data.errors import MockintError

    seen = []

    def fake_run(self):
        seen.append(self)
        return None

    monkeypatch.setattr(MockintApp, "run", fake_run)
    assert mockint.tui.run("ro", ["why-sales", "questions-for-us"], None, "end", False) == 0
    (app,) = seen
    assert app.lang == "ro" and app.settings.feedback == "end" and app.settings.timer is False
    assert [q.id for q in app.questions] == ["why-sales", "questions-for-us"]
    assert mockint.tui.run("en", None, 5, "each", True) == 0 and seen[1].questions is None
    with pytest.raises(MockintError, match="unknown question id"):
        mockint.tui.run("en", ["nope"], None, "each", True)


def test_enter_on_the_start_screen_acts_on_the_focused_control_only():
    """Issue 15: the first control has the focus, so Enter opens the language list instead of
    starting an interview; Ctrl+S starts."""
    from textual.widgets import Select

    async def scenario():
        app = app_for()
        async with app.run_test(size=(100, 32)) as pilot:
            await pilot.pause()
            assert isinstance(app.screen, StartScreen)
            lang = app.screen.query_one("#lang", Select)
            assert app.focused is lang
            await pilot.press("enter")
            await pilot.pause()
            assert lang.expanded and isinstance(app.screen, StartScreen) and not checklist(app)
            await pilot.press("escape")
            await pilot.pause()
            await pilot.press("ctrl+s")
            await pilot.pause()
            assert checklist(app)
    run(scenario)


@pytest.mark.parametrize("lang", ["en", "ro"])
def test_skipping_at_a_follow_up_shows_the_first_answer_s_feedback(lang):
    """Issue 15: Ctrl+N at a follow-up keeps the first answer and shows its feedback, says so."""
    from mockint.tui.screens.feedback import FeedbackScreen

    async def scenario():
        app = app_for(lang, question_ids=["sales-experience", "why-sales"])
        notes: list[str] = []
        async with app.run_test(size=(100, 32)) as pilot:
            await pilot.pause()
            await pilot.press("ctrl+s")                      # the readiness checklist
            await pilot.pause()
            app.notify = lambda message, **kw: notes.append(str(message))
            await answer(pilot, ANSWERS[lang][0])
            assert app.interview.awaiting_follow_up
            await pilot.press("ctrl+n")
            await settle(pilot)
            assert isinstance(app.screen, FeedbackScreen) and app.screen.turn.number == 1
            assert app.screen.turn.answer == ANSWERS[lang][0]
            assert tr(lang, "iv.skipped_follow_up") in notes
            await pilot.press("escape")
            await pilot.pause()
            assert app.interview.number == 2 and not app.interview.skipped
    run(scenario)


def test_each_interview_starts_with_an_unticked_checklist():
    """Issue 15: the readiness checklist of a new interview is not copied from the one before."""
    async def scenario():
        app = app_for(question_ids=["why-sales"])
        async with app.run_test(size=(100, 32)) as pilot:
            await pilot.pause()
            await pilot.press("space", "ctrl+s")             # one item ticked for this interview
            await pilot.pause()
            assert app.interview.readiness["researched_company"]
            app.begin(app.settings)                          # a new interview from the start screen
            await pilot.pause()
            assert checklist(app) and not any(checklist(app).answers().values())
    run(scenario)


@pytest.mark.parametrize("size,coach_shown,coach_width", [((60, 20), False, 0), ((90, 24), True, 24),
                                                          ((120, 32), True, 30)])
def test_narrow_terminals_hide_or_shrink_the_live_coach_and_keep_the_question_number(size, coach_shown, coach_width):
    """Issue 15: at 60x20 the chat and "Question n of m" keep the width; the coach goes first."""
    async def scenario():
        app = app_for(question_ids=["sales-experience", "why-sales"])
        async with app.run_test(size=size) as pilot:
            await pilot.pause()
            await pilot.press("ctrl+s")
            await pilot.pause()
            screen = app.screen
            coach = screen.query_one(LiveCoach)
            assert coach.display == coach_shown or not coach.region.width
            if coach_shown:
                assert coach.region.width == coach_width
            else:
                assert coach.region.width == 0
            progress = plain(screen.query_one("#progress"))
            assert progress.startswith(tr("en", "iv.progress", n=1, total=2))
            assert screen.query_one("#progress").region.width >= len(progress)
    run(scenario)


@pytest.mark.parametrize("lang", ["en", "ro"])
def test_with_feedback_at_the_end_the_summary_opens_each_answer_s_feedback(lang):
    """Issue 15: "feedback at the end" gives the summary, and from it each answer's feedback."""
    from mockint.tui.screens.feedback import FeedbackScreen

    async def scenario():
        app = app_for(lang, question_ids=["sales-experience", "why-sales"], feedback="end")
        async with app.run_test(size=(100, 32)) as pilot:
            await pilot.pause()
            await pilot.press("ctrl+s")
            await pilot.pause()
            await answer_until_summary(pilot, ANSWERS[lang][1])
            marks = plain(app.screen.query_one("#summary-pass-marks"))   # what ✓ beside an average means
            rubric = {c.id: c.threshold for c in app.interview.results[0].criteria}
            name = next(c["name"] for c in app.screen.summary.session.criteria if c["id"] == "real_examples")
            assert f"{name} {round(rubric['real_examples'] * 100)}%" in marks        # as the bars write it
            n = len(app.interview.turns)          # the keys that open one: "1-2" here, not "1-9"
            assert n == 2 and tr(lang, "sum.open_feedback", span="1-2") in plain(app.screen.query_one("#summary-answers"))
            await pilot.press("2")
            await pilot.pause()
            assert isinstance(app.screen, FeedbackScreen) and app.screen.turn is app.interview.turns[1]
            await pilot.press("escape")
            await pilot.pause()
            assert isinstance(app.screen, SummaryScreen)
            await pilot.press("9")                            # no ninth answer: nothing happens
            await pilot.pause()
            assert isinstance(app.screen, SummaryScreen)
    run(scenario)


@pytest.mark.parametrize("lang", ["en", "ro"])
def test_a_whole_eight_question_interview_never_repeats_a_follow_up_and_shows_replies_first(lang):
    """Issue 15, driven through the Pilot: short weak answers to eight questions and the close;
    no follow-up is asked twice, and the replies to the closing questions are on screen (the
    interview screen, not the summary) until Continue."""
    from tests.unit.test_followups import EIGHT, WEAK

    async def scenario():
        app = app_for(lang, question_ids=EIGHT + ["questions-for-us"], feedback="each", count=None)
        async with app.run_test(size=(100, 32)) as pilot:
            await pilot.pause()
            await pilot.press("ctrl+s")
            await pilot.pause()
            follow_ups: list[str] = []
            closing = {"en": "How is the territory split? What does success look like in 90 days?",
                       "ro": "Cum este împărțit teritoriul? Ce înseamnă succes în primele 90 de zile?"}[lang]
            for i in range(len(EIGHT) + 1):
                text = WEAK[lang][i] if i < len(EIGHT) else closing
                await answer(pilot, text)
                while app.interview.awaiting_follow_up:
                    follow_ups.append(messages(app.screen, "interviewer")[-1].text)   # the follow-up asked
                    await answer(pilot, text)
                if isinstance(app.screen, InterviewScreen) and app.screen.waiting is not None:
                    shown = [m.text for m in messages(app.screen, "interviewer")]
                    assert all(r.text in shown for r in app.interview.turns[-1].replies)
                    await pilot.press("ctrl+s")
                    await pilot.pause()
                if isinstance(app.screen, FeedbackScreen):
                    await pilot.press("escape")
                    await pilot.pause()
            assert isinstance(app.screen, SummaryScreen)
            assert len(follow_ups) >= 6 and len(follow_ups) == len(set(follow_ups)), follow_ups
            assert len(app.interview.turns[-1].replies) == 2
    run(scenario)


def test_the_summary_names_questions_to_practise_by_number_and_text_not_id():
    """Issue 19: "• qualified-lead:" (an English id) showed under the Romanian "questions to
    practise again"."""
    async def scenario():
        app = app_for("ro", question_ids=["qualified-lead", "why-sales"], feedback="end", count=None)
        async with app.run_test(size=(100, 32)) as pilot:
            await pilot.pause()
            await pilot.press("ctrl+s")
            await pilot.pause()
            await answer_until_summary(pilot, "Nu știu.")
            shown = plain(app.screen.query_one("#summary-retry"))
            assert "qualified-lead" not in shown and "why-sales" not in shown
            assert "1. " in shown and app.bank().get("qualified-lead").text in shown
    run(scenario)


def test_the_palette_screenshot_goes_to_the_mockint_home_and_says_where():
    """Issue 19: Textual's screenshot went to ~/Downloads, which may not exist."""
    from mockint.core.data import paths

    async def scenario():
        app = app_for()
        async with app.run_test(size=(100, 32)) as pilot:
            await pilot.pause()
            app.action_screenshot()
            await pilot.pause()
            [shot] = list((paths.home() / "screenshots").glob("*.svg"))
            assert any(n.message == f"Screenshot saved: {shot}" for n in app._notifications)
    run(scenario)


def test_the_palettes_own_screenshot_command_saves_in_the_mockint_home_too():
    """A walkthrough: the palette's "Screenshot" (Textual's system command) said "Failed to save
    screenshot" when ~/Downloads did not exist; it is mockint's now."""
    from mockint.core.data import paths

    async def scenario():
        app = app_for()
        async with app.run_test(size=(100, 32)) as pilot:
            await pilot.pause()
            [cmd] = [c for c in app.get_system_commands(app.screen) if c.title == "Screenshot"]
            assert cmd.help == tr("en", "shot.help")
            cmd.callback()
            await pilot.pause(0.3)
            [shot] = list((paths.home() / "screenshots").glob("*.svg"))
            assert any(n.message == f"Screenshot saved: {shot}" for n in app._notifications)
    run(scenario)


def test_a_screenshot_that_cannot_be_saved_says_why(monkeypatch):
    async def scenario():
        app = app_for()
        async with app.run_test(size=(100, 32)) as pilot:
            await pilot.pause()

            def full(*a, **kw):
                raise OSError(28, "No space left on device")
            monkeypatch.setattr(app, "save_screenshot", full)
            app.action_screenshot()
            await pilot.pause()
            assert [n.message for n in app._notifications][-1] == (
                "The screenshot could not be saved: No space left on device")
    run(scenario)
