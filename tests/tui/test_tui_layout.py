"""What a first-time user saw at 80 columns and should not: lists whose long items wrapped to
column 0, labels cut on the start screen, a live coach that said "Start typing" after a submit, a
summary that numbered questions by their answers, and two different figures for Questions back."""

from __future__ import annotations

import re

import pytest
from tui_helpers import drawn, plain, run, settle
from tui_helpers import question_app as app_for

from mockint.core.interview import Settings
from mockint.tui.app import create_app
from mockint.tui.screens.feedback import FeedbackScreen
from mockint.tui.screens.interview import InterviewScreen
from mockint.tui.screens.summary import SummaryScreen
from mockint.tui.widgets.answer_box import AnswerBox
from tests.unit.test_scoring import SAME_STORY  # the same story thrice: one weakest point

WIDTHS = [80, 110, 160]
# a story with long marks (a blame with two rules, a sentence said twice) and weak points
LONG = ("For example, last year at my previous company I sold our logistics software to a regional retailer "
        "with forty stores. I missed my target in the second quarter but it wasn't really my fault, the leads "
        "marketing gave us were rubbish. I closed a deal worth 40,000 euros, which was 120% of my quota for the "
        "quarter. I closed a deal worth 40,000 euros, which was 120% of my quota for the quarter.")


def hangs(lines: list[str], lead: int) -> list[str]:
    """The lines of a list that start at a column left of ``lead`` though they continue an item
    (an item's first line starts with its lead: a number, a bullet, ✓ or ✗)."""
    bad = []
    for line in lines:
        stripped = line.lstrip()
        starts_item = stripped[:1] in "•✓✗–" or stripped.split(" ", 1)[0].rstrip(".").isdigit()
        if line and not starts_item and len(line) - len(stripped) < lead:
            bad.append(line)
    return bad


async def begin(pilot) -> None:
    await pilot.pause()
    await pilot.press("space", "ctrl+s")                       # the readiness checklist: one ticked
    await pilot.pause()


async def submit(pilot, text: str) -> None:
    pilot.app.screen.query_one(AnswerBox).text = text
    await pilot.press("ctrl+s")
    await settle(pilot)


async def to_feedback(pilot, text: str) -> None:
    await submit(pilot, text)
    if isinstance(pilot.app.screen, InterviewScreen) and pilot.app.screen.waiting is not None:
        await pilot.press("ctrl+s")
        await settle(pilot)
    if not isinstance(pilot.app.screen, FeedbackScreen):       # a follow-up was asked
        await submit(pilot, text)
    assert isinstance(pilot.app.screen, FeedbackScreen)


@pytest.mark.parametrize("width", WIDTHS)
def test_long_marks_and_summary_items_hang_under_their_text(width):
    """Marks list: '  7 + “closed a deal worth 40,000 euros …”  real_examples.result, …' wrapped
    to column 0 at 80 columns. Now each wrapped line starts under the item's text (the mark's quote,
    the weak point's words, the question), at 80, 110 and 160 columns."""
    async def scenario():
        app = app_for(["sales-experience", "handle-objection"])
        async with app.run_test(size=(width, 40)) as pilot:
            await begin(pilot)
            await to_feedback(pilot, LONG)
            marks = app.screen.query_one("#marks")
            lines = drawn(marks)
            assert len(lines) > len(app.screen.query_one("#highlighted").marks) or width > 80  # some wrap at 80
            assert not hangs(lines, 6), lines
            assert "real_examples" in plain(marks)                  # the rules are still listed
            await pilot.press("escape")
            await settle(pilot)
            await to_feedback(pilot, LONG)
            await pilot.press("escape")
            await settle(pilot)
            assert isinstance(app.screen, SummaryScreen)
            for wid, lead in (("#summary-weakest", 2), ("#summary-answers", 8), ("#summary-retry", 5),
                              ("#summary-readiness", 2)):
                lines = drawn(app.screen.query_one(wid))
                if wid == "#summary-answers":
                    lines = lines[1:]                                   # "Press an answer's number…"
                assert lines and not hangs(lines, lead), (wid, lines)
            weakest = drawn(app.screen.query_one("#summary-weakest"))
            if width == 80:
                assert len(weakest) > len(app.screen.summary.session.weakest)   # the advice wrapped
    run(scenario)


def words(lines: list[str]) -> str:
    return " ".join(" ".join(lines).split())


@pytest.mark.parametrize("lang", ["en", "ro"])
@pytest.mark.parametrize("size", [(80, 24), (110, 34), (160, 45)])
def test_start_screen_labels_are_whole_at_80_columns(lang, size):
    """At 80x24 the start screen cut 'Full interview (mixed, ends with your questions…' and, in
    Romanian, the timer's label ('cronometrează fiecare răspuns (depășirea doar s…'). Every label
    and option is now drawn whole, a long one on two lines under its own first letter; at 110 and
    160 columns each is still one line."""
    from textual.widgets import Checkbox, Label, RadioButton

    async def scenario():
        settings = Settings(lang=lang, question_set="full", count=None, feedback="each", timer=True)
        app = create_app(settings, clock=lambda: 0.0, blink=False)
        async with app.run_test(size=size) as pilot:
            await pilot.pause()
            screen = app.screen
            toggles = list(screen.query(RadioButton)) + list(screen.query(Checkbox))
            assert len(toggles) == 8
            for widget in toggles + list(screen.query(Label)):
                lines = drawn(widget)
                label = str(widget.label) if not isinstance(widget, Label) else plain(widget)
                assert "…" not in words(lines) and " ".join(label.split()) in words(lines), (label, lines)
                if size[0] > 80:
                    assert len(lines) == 1, lines
                for line in lines[1:]:                      # wrapped: under the label, not the button
                    assert line.startswith(" " * 4) and line.strip(), lines
            if size[0] == 80 and lang == "ro":
                assert any(len(drawn(w)) > 1 for w in toggles)
    run(scenario)


ASKS = {"en": "For example last year I sold software to a retailer, called the buyer and closed a 40,000 euro deal, "
              "120% of quota. The client renewed and we grew the account. What does the team look like?",
        "ro": "De exemplu, anul trecut am vândut software unui retailer, am sunat cumpărătorul și am închis un "
              "contract de 40.000 de euro, 120% din target. Clientul a reînnoit. Cum arată echipa?"}


@pytest.mark.parametrize("lang", ["en", "ro"])
def test_the_live_coach_says_nothing_misleading_after_a_submit(lang):
    """The live coach said "Start typing: tips appear here." after every submit: beside the
    interviewer's replies (the answer box locked) and over the next question before anything was
    typed. Now: the question's hint (what it wants) once a question is shown, "Answer sent" while
    the replies are read, the ticks while typing."""
    from mockint.core.data.strings import tr
    from mockint.tui.widgets.live_coach import LiveCoach

    async def scenario():
        app = app_for(["sales-experience", "questions-for-us"], lang=lang, feedback="end")
        async with app.run_test(size=(100, 40)) as pilot:
            await begin(pilot)
            await pilot.pause(0.5)
            await settle(pilot)
            coach = app.screen.query_one(LiveCoach)
            shown = plain(coach)
            assert tr(lang, "coach.aim") in shown and f"· {tr(lang, 'coach.example')}" in shown, shown
            assert "Start typing" not in shown and "Începeți să scrieți" not in shown
            app.screen.query_one(AnswerBox).text = ASKS[lang]
            await pilot.pause(0.5)
            await settle(pilot)
            assert coach.coach is not None and f"✓ {tr(lang, 'coach.example')}" in plain(coach)
            await pilot.press("ctrl+s")
            await settle(pilot)
            await pilot.pause(0.5)                          # the emptied box's debounce: nothing changes
            await settle(pilot)
            assert app.screen.waiting is not None           # the interviewer answered the question asked
            assert plain(coach).strip().endswith(tr(lang, "coach.sent")), plain(coach)
            await pilot.press("ctrl+s")                     # continue: the closing question
            await pilot.pause(0.5)
            await settle(pilot)
            shown = plain(coach)
            assert app.interview.current_question().id == "questions-for-us"
            assert tr(lang, "coach.aim") in shown and tr(lang, "coach.question_back") in shown, shown
            assert tr(lang, "coach.example") not in shown          # not asked for at the close
            # the last question: no "next question's tips" promised, the summary follows
            app.screen.query_one(AnswerBox).text = CLOSING_ASKS[lang]
            await pilot.pause(0.5)
            await settle(pilot)
            await pilot.press("ctrl+s")
            await settle(pilot)
            await pilot.pause(0.5)
            await settle(pilot)
            assert app.screen.waiting is not None and app.interview.is_over
            shown = plain(coach).strip()
            assert shown.endswith(tr(lang, "coach.sent_last")), shown
            assert tr(lang, "coach.sent") not in shown
            await pilot.press("ctrl+s")
            await settle(pilot)
            assert isinstance(app.screen, SummaryScreen)
    run(scenario)


CLOSING_ASKS = {"en": "What does success look like in the first six months, and how is the team measured?",
                "ro": "Cum arată succesul în primele șase luni și după ce se măsoară echipa?"}


@pytest.mark.parametrize("lang", ["en", "ro"])
def test_the_summary_numbers_questions_as_the_interview_did_when_one_was_skipped(lang):
    """Question 2 skipped: the summary listed the answers as 1 and 2 (question 3's answer as 2,
    and key 2 opened it), the skipped question last and unnumbered, and the weakest points said
    'Answer 2' for question 3. Now each question has its own number, the skipped one in its place
    marked skipped, and the keys, weakest points and retries use the same numbers."""
    from mockint.core.data.strings import tr

    async def scenario():
        app = app_for(["sales-experience", "why-sales", "handle-objection"], lang=lang, feedback="end")
        async with app.run_test(size=(110, 40)) as pilot:
            await begin(pilot)
            weak = "Nu știu." if lang == "ro" else "I don't know."
            await submit(pilot, weak)
            while app.interview.index == 0:                     # a follow-up: answered the same way
                await submit(pilot, weak)
            await pilot.press("ctrl+n")                         # question 2 skipped
            await settle(pilot)
            while not isinstance(app.screen, SummaryScreen):
                await submit(pilot, weak)
            questions = app.interview.questions
            assert [t.number for t in app.interview.turns] == [1, 3]
            lines = plain(app.screen.query_one("#summary-answers")).splitlines()
            assert tr(lang, "sum.open_feedback", span="1, 3") == lines[0]
            assert lines[1].startswith("1. ") and lines[1].endswith(questions[0].text)
            assert lines[2].startswith("2.   –  ") and questions[1].text in lines[2]
            assert lines[2].endswith(f"({tr(lang, 'sum.skipped')})")
            assert lines[3].startswith("3. ") and lines[3].endswith(questions[2].text)
            weakest = plain(app.screen.query_one("#summary-weakest"))
            said = {int(n) for w in weakest.splitlines() for n in re.findall(r"\d+", w.split(" · ")[0])}
            assert said and said <= {1, 3}, weakest
            assert "2. " in plain(app.screen.query_one("#summary-retry"))       # the skipped one, by its number
            await pilot.press("2")                                # skipped: no feedback to open
            await pilot.pause()
            assert isinstance(app.screen, SummaryScreen)
            await pilot.press("3")
            await pilot.pause()
            assert isinstance(app.screen, FeedbackScreen) and app.screen.turn.question is questions[2]
            assert tr(lang, "fb.title", n=3, total=3) in plain(app.screen.query_one(".title"))
    run(scenario)




@pytest.mark.parametrize("lang", ["en", "ro"])
def test_the_same_advice_for_several_answers_is_one_weakest_point(lang):
    """Weakest points said the same three sentences for 'Answer 1 · Two-way' and 'Answer 6 ·
    Two-way'. Now the point is said once, with every answer it is about: 'Answers 1, 2 and 3 ·
    Two-way: …' (by their numbers in the interview)."""
    from mockint.core.data.strings import tr

    async def scenario():
        app = app_for(["sales-experience", "hit-quota", "handle-objection"], lang=lang, feedback="end")
        async with app.run_test(size=(110, 40)) as pilot:
            await begin(pilot)
            while not isinstance(app.screen, SummaryScreen):
                if isinstance(app.screen, InterviewScreen) and app.screen.waiting is not None:
                    await pilot.press("ctrl+s")
                    await settle(pilot)
                else:
                    await submit(pilot, SAME_STORY[lang])
            advice = {t.result.criterion("two_way").feedback for t in app.interview.turns}
            assert len(advice) == 1                         # the same advice on all three answers
            lines = plain(app.screen.query_one("#summary-weakest")).splitlines()
            two_way = [ln for ln in lines if advice.pop()[:30] in ln]
            label = tr(lang, "answers_n", some="1, 2", last=3)
            assert len(two_way) == 1 and two_way[0].startswith(f"• {label[:1].upper()}{label[1:]} · "), lines

    run(scenario)


@pytest.mark.parametrize("lang", ["en", "ro"])
def test_progress_shows_questions_back_as_the_session_summary_did(lang, tmp_path):
    """Progress said 'Questions back … last 19 %' for a session whose summary said 'Questions
    back 100 %' (it averaged every answer; the summary counts the best one, questions back being
    a bonus outside the closing question). Now both say the summary's figure, and a footnote under
    the trends says what each bar is."""
    from mockint.core.bank import loader
    from mockint.core.data.strings import tr
    from mockint.core.history.store import Store
    from mockint.core.scoring.feedback import session_summary
    from tests.unit.test_progress_agrees import ANSWERS

    bank, scorer = loader.bank(lang), loader.scorer(lang)
    results = [scorer.score(text, bank.get(qid)) for qid, text in ANSWERS[lang]]
    summary = {c["id"]: round(c["score"] * 100) for c in session_summary(lang, results).criteria}
    store = Store.open(tmp_path / "history.db")
    sid = store.start_session(lang, {}, {}, [qid for qid, _ in ANSWERS[lang]])
    for i, ((qid, text), r) in enumerate(zip(ANSWERS[lang], results)):
        store.save_answer(sid, i, qid, bank.get(qid).text, text, None, r.to_dict(), 1)
    store.finish_session(sid, {})

    async def scenario():
        settings = Settings(lang=lang, question_set="full", count=None, feedback="each", timer=False)
        app = create_app(settings, clock=lambda: 0.0, blink=False, store=store)
        async with app.run_test(size=(110, 40)) as pilot:
            await pilot.pause()
            await pilot.press("ctrl+g")
            await settle(pilot)
            rows = {row.query_one(".trend-spark").id.removeprefix("spark-"): plain(row.query_one(".trend-figure"))
                    for row in app.screen.query(".trend")}
            for cid, figure in rows.items():
                assert tr(lang, "prog.last", score=summary[cid]) in figure, (cid, figure, summary[cid])
            assert summary["questions_back"] == 100
            name = next(c.name for c in loader.rubric(lang).criteria if c.id == "questions_back")
            assert tr(lang, "prog.note", best=name) == plain(app.screen.query_one("#progress-note"))
    try:
        run(scenario)
    finally:
        store.close()


def test_the_posting_terms_are_all_listed_and_followed_by_the_form():
    """The terms found in a job posting were a box of 12 rows scrolled inside the scrolled start
    form (13 terms and more: the rest hidden in it, hard to see at 80x24). The list is now as tall
    as its terms, and moving through them with the keys scrolls the form to the highlighted one
    (Textual's own scrolling, tested here)."""
    from textual.widgets import SelectionList

    from tests.tui.test_tui_jobspec import POSTING

    async def scenario():
        settings = Settings(lang="en", question_set="full", count=None, feedback="each", timer=True)
        app = create_app(settings, clock=lambda: 0.0, blink=False, job_text=POSTING)
        async with app.run_test(size=(80, 24)) as pilot:
            await pilot.pause()
            screen = app.screen
            terms = screen.query_one("#job-terms", SelectionList)
            assert terms.option_count > 12
            assert terms.size.height == terms.option_count          # every term on its own row, no inner box
            terms.focus()
            form = screen.query_one("#start-form")
            for i in range(terms.option_count):
                await pilot.press("down")
                await pilot.pause()
                assert terms.highlighted == i
                row = terms.region.y + i
                assert form.region.y <= row < form.region.bottom, (i, form.scroll_y)
    run(scenario)
