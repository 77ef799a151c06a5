"""The TUI and the session history: answers committed before the next question, drafts saved by
the timer, resuming, the history, session and progress screens, --weak and --resume, and the bad
states (a damaged or locked history file) — each with a real Store in the test's MOCKINT_HOME."""

from __future__ import annotations

import html
import sqlite3
import uuid

import pytest
from conftest import run_cli
from textual.command import CommandList, CommandPalette
from textual.widgets import DataTable, Input, Static
from tui_helpers import checklist, plain, run, settle

import mockint.tui
from mockint.core.bank import loader
from mockint.core.data import paths
from mockint.core.data.errors import MockintError
from mockint.core.history.checks import EXPORT_FORMAT, EXPORT_VERSION
from mockint.core.history.store import Store
from mockint.core.interview import Settings
from mockint.core.report import progress
from mockint.tui import recorder as recorder_module
from mockint.tui.app import MockintApp, create_app
from mockint.tui.dates import local_time
from mockint.tui.screens.feedback import FeedbackScreen
from mockint.tui.screens.history import HistoryScreen
from mockint.tui.screens.interview import InterviewScreen
from mockint.tui.screens.progress import ProgressScreen, ScoreStrip
from mockint.tui.screens.resume import ResumeScreen
from mockint.tui.screens.session import SessionScreen
from mockint.tui.screens.start import StartScreen
from mockint.tui.screens.summary import SummaryScreen
from mockint.core.data.strings import tr
from mockint.tui.widgets.answer_box import AnswerBox
from mockint.tui.widgets.highlighted import marks_of
from mockint.tui.widgets.stored_result import marks_from_dict

SIZE = (100, 32)
STRONG = ("At my last company I sold logistics software to retailers. In 2022 a chain of 40 stores was "
          "about to sign with a competitor, and my goal was to keep the deal. First I asked their director "
          "what mattered, and I found out that late deliveries hurt them more than price. Then I ran a "
          "two-week pilot in three stores. As a result their late deliveries dropped by 18 percent and "
          "they signed a two-year contract worth $240,000. I finished the year at 112% of quota.")
OLD = ("I think maybe I like sales, I guess. I am a great communicator. I worked in a shop and I sold "
       "phones to customers.")
NEW = ("I like sales. I worked in a shop in 2021 and I sold 300 phones to customers in six months. "
       "What training do you offer new account executives?")
MARKUP = "I um sold [bold red]x[/] phones, maybe 3 deals, in 2021. [link=y]z[/link]"


def app_for(question_ids=None, store=None, lang="en", feedback="each", **kw) -> MockintApp:
    settings = Settings(lang=lang, question_set="common", count=None if question_ids else 2, feedback=feedback,
                        timer=False)
    return create_app(settings, question_ids=question_ids, blink=False, store=store, **kw)


def score(text: str, qid: str, lang: str = "en") -> dict:
    return loader.scorer(lang).score(text, loader.bank(lang).get(qid), None).to_dict()


def session_doc(started: str, answers: list[tuple[str, str, dict]], lang: str = "en", finished: bool = True,
                drafts: list[dict] | None = None, question_ids: list[str] | None = None) -> dict:
    """One session of an export document (import_all gives full control over ids and dates)."""
    qids = question_ids or [q for q, _, _ in answers]
    bank = loader.bank(lang)
    return {"id": uuid.uuid4().hex, "lang": lang, "started_at": started,
            "finished_at": started if finished else None,
            "settings": {"lang": lang, "question_set": "common", "count": len(qids), "feedback": "each",
                         "timer": False, "seed": 0},
            "readiness": {"researched_company": True}, "question_ids": qids, "summary": {} if finished else None,
            "answers": [{"index": i, "question_id": q, "question_text": bank.get(q).text, "answer": text,
                         "elapsed": None, "answered_at": started, "follow_up": None,
                         "results": [{"rubric_version": r.get("rubric_version", 1), "shown": True,
                                      "created_at": started, "result": r}]}
                        for i, (q, text, r) in enumerate(answers)],
            "drafts": drafts or []}


def fill(store: Store, *sessions: dict) -> list[str]:
    store.import_all({"format": EXPORT_FORMAT, "version": EXPORT_VERSION, "sessions": list(sessions)})
    return [s["id"] for s in sessions]


@pytest.fixture
def store():
    with Store.open() as s:
        yield s


async def answer(pilot, text: str) -> None:
    pilot.app.screen.query_one(AnswerBox).text = text
    await pilot.press("ctrl+s")
    await settle(pilot)


async def answer_question(pilot, text: str) -> None:
    """Answer the current question (its follow-up too, if asked); stops at feedback or the next."""
    iv = pilot.app.interview
    before = iv.index
    await answer(pilot, text)
    while isinstance(pilot.app.screen, InterviewScreen) and iv.index == before and not iv.is_over:
        await answer(pilot, STRONG)


async def to_interview(pilot) -> None:
    await pilot.pause()
    assert checklist(pilot.app)
    await pilot.press("space", "ctrl+s")
    await pilot.pause()
    assert isinstance(pilot.app.screen, InterviewScreen) and not checklist(pilot.app)


# -- writing while interviewing -------------------------------------------------------------------

@pytest.mark.parametrize("feedback", ["each", "end"])
def test_each_answer_is_committed_before_the_next_question_appears(store, feedback):
    async def scenario():
        app = app_for(["sales-experience", "why-sales", "mistake-learned"], store, feedback=feedback)
        seen: list[tuple[int, list[int]]] = []

        def committed() -> list[int]:            # read by another connection: only committed data
            with Store.open() as other:
                rec = other.unfinished(include_empty=True)
                return [a.index for a in rec.answers] if rec else []

        async with app.run_test(size=SIZE) as pilot:
            await to_interview(pilot)
            screen = app.screen
            original = screen.ask_current

            def ask_current():
                seen.append((app.interview.index, committed()))
                original()

            screen.ask_current = ask_current
            original_push = app.push_screen

            def push_screen(s, *a, **kw):
                if isinstance(s, FeedbackScreen):
                    seen.append((-1, committed()))
                return original_push(s, *a, **kw)

            app.push_screen = push_screen
            for _ in range(2):
                await answer_question(pilot, STRONG)
                if isinstance(app.screen, FeedbackScreen):
                    await pilot.press("escape")
                    await pilot.pause()
            asked = [(i, c) for i, c in seen if i >= 0]
            assert asked == [(1, [0]), (2, [0, 1])]
            if feedback == "each":
                assert [c for i, c in seen if i < 0] == [[0], [0, 1]]      # before each feedback, too
            rec = store.unfinished()
            assert [a.result for a in rec.answers] == [t.result.to_dict() for t in app.interview.turns]
            assert rec.settings["feedback"] == feedback and rec.readiness["researched_company"] is True
            assert rec.question_ids == ["sales-experience", "why-sales", "mistake-learned"]
    run(scenario)


def test_drafts_are_saved_by_the_timer_and_a_follow_up_keeps_the_first_answer(store, monkeypatch):
    from mockint.tui.screens import interview as interview_screen

    monkeypatch.setattr(interview_screen, "DRAFT_EVERY", 0.3)     # the timer a user has is 3 s

    async def scenario():
        app = app_for(["sales-experience", "why-sales"], store)
        async with app.run_test(size=SIZE) as pilot:
            await to_interview(pilot)
            sid = app.recorder.ensure_started()
            box = app.screen.query_one(AnswerBox)
            await pilot.press(*"I sold")
            await pilot.pause(0.45)                          # one autosave tick
            assert [(d.index, d.question_id, d.text) for d in store.session(sid).drafts] == \
                [(0, "sales-experience", "I sold")]
            saved_at = store.session(sid).drafts[0].saved_at
            await pilot.pause(0.45)                           # unchanged: not written again
            assert store.session(sid).drafts[0].saved_at == saved_at
            box.text = "I sold phones"
            await pilot.pause(0.45)
            assert store.session(sid).draft(0).text == "I sold phones"
            # a weak answer earns a follow-up: the first answer is kept as the draft at once
            await answer(pilot, "I am a great communicator and I love sales.")
            assert app.interview.awaiting_follow_up
            assert store.session(sid).draft(0).text == "I am a great communicator and I love sales."
            assert store.session(sid).answers == []
            asked = app.screen.query(".interviewer").last()
            box.text = "For example"
            await pilot.pause(0.45)
            assert store.session(sid).draft(0).text == \
                "I am a great communicator and I love sales.\n\nFor example"
            await answer(pilot, STRONG)                      # the final answer replaces the draft
            rec = store.session(sid)
            assert [a.index for a in rec.answers] == [0] and rec.drafts == []
            follow_up = rec.answers[0].follow_up
            assert follow_up["question"] == asked.text and follow_up["criterion"] in ("real_examples", "key_points")
    run(scenario)


def test_quitting_mid_interview_saves_the_draft_and_the_session_stays_resumable(store):
    async def scenario():
        app = app_for(["sales-experience", "why-sales"], store)
        async with app.run_test(size=SIZE) as pilot:
            await to_interview(pilot)
            app.screen.query_one(AnswerBox).text = "half an answer"
            await pilot.press("ctrl+q")
            await pilot.pause()
            await pilot.press("y")
            await pilot.pause()
        rec = store.unfinished()
        assert rec is not None and rec.draft(0).text == "half an answer"
    run(scenario)


def test_summary_finishes_the_session_and_restart_abandons_the_old_one(store):
    async def scenario():
        app = app_for(["sales-experience", "why-sales"], store, feedback="end")
        async with app.run_test(size=SIZE) as pilot:
            await to_interview(pilot)
            await answer_question(pilot, STRONG)
            first = app.recorder.session_id
            app.screen.action_restart()
            await pilot.pause()
            assert store.session(first).finished and store.session(first).summary["abandoned"] is True
            await answer_question(pilot, STRONG)
            app.screen.action_end_now()
            await pilot.pause()
            assert isinstance(app.screen, SummaryScreen)
            shown = app.screen.summary
        rows = store.sessions()
        assert len(rows) == 2 and all(r.finished for r in rows)
        latest = store.session(rows[0].id)
        assert latest.summary["score"] == shown.session.score and latest.summary["retry"] == shown.retry
        assert latest.summary["readiness"]["researched_company"] is True and latest.n_answers == 1
        assert store.unfinished() is None
    run(scenario)


# -- resuming -------------------------------------------------------------------------------------

def unfinished_session(store: Store, draft: str = "my draft [bold]x[/]") -> str:
    (sid,) = fill(store, session_doc("2026-03-01T10:00:00.000+00:00",
                                     [("sales-experience", STRONG, score(STRONG, "sales-experience"))],
                                     finished=False, question_ids=["sales-experience", "why-sales",
                                                                   "mistake-learned"],
                                     drafts=[{"index": 1, "question_id": "why-sales", "text": draft,
                                              "saved_at": "2026-03-01T10:05:00.000+00:00"}]))
    return sid


def test_resume_is_offered_and_puts_the_draft_back_at_the_right_question(store):
    sid = unfinished_session(store)

    async def scenario():
        app = app_for(store=store)
        async with app.run_test(size=SIZE) as pilot:
            await pilot.pause()
            assert isinstance(app.screen, ResumeScreen)
            assert "(1 of 3 answered)" in plain(app.screen.query_one("#resume-question"))
            await pilot.press("y")
            await pilot.pause()
            screen = app.screen
            assert isinstance(screen, InterviewScreen)
            iv = app.interview
            assert iv.index == 1 and iv.current_question().id == "why-sales" and len(iv.turns) == 1
            assert screen.query_one(AnswerBox).text == "my draft [bold]x[/]"
            assert iv.turns[0].result.score == store.session(sid).answers[0].result["score"]
            await answer_question(pilot, STRONG)          # goes on in the same session
            if isinstance(app.screen, FeedbackScreen):
                await pilot.press("escape")
                await pilot.pause()
            assert [a.index for a in store.session(sid).answers] == [0, 1]
            await answer_question(pilot, STRONG)
            if isinstance(app.screen, FeedbackScreen):
                await pilot.press("escape")
                await pilot.pause()
            assert isinstance(app.screen, SummaryScreen)
            assert len(app.screen.summary.session.results) == 3
        rec = store.session(sid)
        assert rec.finished and [a.index for a in rec.answers] == [0, 1, 2] and store.unfinished() is None
        assert len(store.sessions()) == 1
    run(scenario)


def test_declining_marks_it_abandoned_and_later_asks_again(store):
    sid = unfinished_session(store)

    async def scenario():
        app = app_for(store=store)
        async with app.run_test(size=SIZE) as pilot:
            await pilot.pause()
            await pilot.press("escape")                      # later: still unfinished
            await pilot.pause()
            assert isinstance(app.screen, StartScreen) and store.unfinished().id == sid
        app = app_for(store=store)
        async with app.run_test(size=SIZE) as pilot:
            await pilot.pause()
            assert isinstance(app.screen, ResumeScreen)
            await pilot.click("#no")
            await pilot.pause()
            assert isinstance(app.screen, StartScreen)
        assert store.unfinished() is None and store.session(sid).summary == {"abandoned": True}
    run(scenario)


def test_run_resume_goes_on_directly_and_refuses_when_there_is_nothing(store, monkeypatch):
    seen = []
    monkeypatch.setattr(MockintApp, "run", lambda self: seen.append(self))
    with pytest.raises(MockintError, match="no unfinished interview to resume"):
        mockint.tui.run("en", None, None, "each", True, resume=True)
    assert seen == []                                    # raised before any app or terminal
    sid = unfinished_session(store)
    assert mockint.tui.run("ro", None, None, "each", True, resume=True) == 0
    (app,) = seen
    assert app._resume.id == sid and app.lang == "ro"      # the session's own language comes at mount

    async def scenario():
        app = create_app(Settings(lang="ro"), store=store, resume=store.unfinished(), blink=False)
        async with app.run_test(size=SIZE) as pilot:
            await pilot.pause()
            assert isinstance(app.screen, InterviewScreen) and app.lang == "en"
            assert app.interview.index == 1 and app.screen.query_one(AnswerBox).text == "my draft [bold]x[/]"
    run(scenario)


def test_run_weak_practises_the_weakest_questions(store, monkeypatch):
    fill(store,
         session_doc("2026-01-01T09:00:00.000+00:00", [("why-sales", OLD, score(OLD, "why-sales")),
                                                       ("sales-experience", STRONG, score(STRONG, "sales-experience"))]),
         session_doc("2026-01-02T09:00:00.000+00:00", [("mistake-learned", OLD, score(OLD, "mistake-learned"))]))
    seen = []
    monkeypatch.setattr(MockintApp, "run", lambda self: seen.append(self))
    assert mockint.tui.run("en", None, 3, "end", False, weak=True) == 0
    (app,) = seen
    expected = progress.pick_weak(store, loader.bank("en"), 3)
    assert [q.id for q in app.questions] == expected and len(expected) == 3
    assert set(expected[:2]) == {"mistake-learned", "why-sales"}     # the weak ones first
    assert mockint.tui.run("en", None, None, "end", False, weak=True) == 0
    assert len(seen[1].questions) == 5

    async def scenario():                                  # the start screen is skipped
        async with seen[0].run_test(size=SIZE) as pilot:
            await pilot.pause()
            assert checklist(seen[0])
    run(scenario)


def test_cli_resume_and_weak_errors():
    p = run_cli("practice", "--resume")
    assert p.returncode == 2 and p.stderr.count("\n") == 1
    assert p.stderr.startswith("mockint: error: no unfinished interview to resume"), p.stderr
    for args in (("--resume", "--question", "why-sales"), ("--weak", "--question", "why-sales"),
                 ("--resume", "--weak")):
        p = run_cli("practice", *args)
        assert p.returncode == 2 and p.stderr.count("\n") == 1 and "not allowed with argument" in p.stderr, p.stderr
        assert "Traceback" not in p.stderr
    p = run_cli("practice", "--weak")                       # weak needs a terminal like practice
    assert p.returncode == 2 and "needs a terminal" in p.stderr
    p = run_cli("practice", "--help")
    assert "--resume" in p.stdout and "--weak" in p.stdout


# -- the history screen ---------------------------------------------------------------------------

def four_sessions(store: Store) -> list[str]:
    r1, r2 = score(STRONG, "sales-experience"), score(OLD, "why-sales")
    ro = score("Am vândut 300 de telefoane în 2021.", "why-sales", "ro")
    return fill(store,
                session_doc("2025-03-02T10:00:00.000+00:00", [("sales-experience", STRONG, r1)]),
                session_doc("2025-04-10T10:00:00.000+00:00", [("why-sales", "Am vândut 300 de telefoane în 2021.", ro)],
                            lang="ro"),
                session_doc("2025-05-20T10:00:00.000+00:00", [("why-sales", OLD, r2), ("sales-experience", STRONG, r1)]),
                session_doc("2025-06-01T10:00:00.000+00:00", [], finished=False, question_ids=["why-sales"]))


def row_ids(screen: HistoryScreen) -> list[str]:
    table = screen.query_one(DataTable)
    return [str(table.coordinate_to_cell_key((i, 0)).row_key.value) for i in range(table.row_count)]


def test_history_lists_sessions_sorts_and_filters(store):
    ids = four_sessions(store)
    a, b, c, d = ids

    async def scenario():
        app = app_for(store=store)
        async with app.run_test(size=SIZE) as pilot:
            await pilot.pause()
            await pilot.press("ctrl+o")
            await pilot.pause()
            screen = app.screen
            assert isinstance(screen, HistoryScreen)
            assert row_ids(screen) == [d, c, b, a]                      # newest first
            table = screen.query_one(DataTable)
            first = [plain_cell(x) for x in table.get_row(a)]
            assert first[:2] == [local_time("2025-03-02T10:00:00.000+00:00"), "English"]
            assert plain_cell(table.get_row(c)[2]) == "2" and plain_cell(table.get_row(d)[3]) == "—"
            assert plain_cell(table.get_row(d)[4]) == tr("en", "hist.unfinished")
            await pilot.press("ctrl+r")                                  # reverse
            assert row_ids(screen) == [a, b, c, d]
            await pilot.press("ctrl+s")                                  # next column: language
            assert row_ids(screen)[-1] == b and screen.sort_by == "lang"
            # a click on the Score header sorts by score, a second click reverses
            x = sum(col.get_render_width(table) for col in table.ordered_columns[:3]) + 2
            await pilot.click(DataTable, offset=(x, 0))
            await pilot.pause()
            assert screen.sort_by == "score" and screen.descending
            scores = [r.score for r in screen.shown]
            assert scores[:3] == sorted(scores[:3], reverse=True) and scores[-1] is None
            screen.sort("score")
            assert [r.score for r in screen.shown][:3] == sorted(scores[:3])
            # the filter: a language, a question id, a date, a word of an answer
            await pilot.press("ctrl+f")
            assert isinstance(app.focused, Input)
            for query, expected in (("ro", {b}), ("Română", {b}), ("romanian", {b}), ("EN", {a, c, d}),
                                    ("sales-experience", {a, c}), ("2025-05", {c}), ("communicator", {c}),
                                    ("nothing like it", set())):
                app.focused.value = query
                await pilot.pause()
                assert set(row_ids(screen)) == expected, query
            assert tr("en", "hist.no_match", query="nothing like it") in plain(screen.query_one("#history-status"))
            app.focused.value = ""
            await pilot.pause()
            assert len(row_ids(screen)) == 4
            await pilot.press("escape")
            await pilot.pause()
            assert isinstance(app.screen, StartScreen)
    run(scenario)


def plain_cell(cell) -> str:
    return getattr(cell, "plain", None) or str(cell)


def test_history_is_reachable_by_button_and_palette_and_is_off_during_an_interview(store):
    four_sessions(store)

    async def scenario():
        app = app_for(["sales-experience"], store)
        async with app.run_test(size=SIZE) as pilot:
            await to_interview(pilot)
            await pilot.press("ctrl+o", "ctrl+g")                 # history is off during an interview
            await pilot.pause()
            assert isinstance(app.screen, InterviewScreen)
            assert "history" not in {a.binding.id for a in app.screen.active_bindings.values()}
            await answer_question(pilot, STRONG)
            if isinstance(app.screen, FeedbackScreen):
                await pilot.press("escape")
                await pilot.pause()
            assert isinstance(app.screen, SummaryScreen)
            await pilot.click("#history")
            await pilot.pause()
            assert isinstance(app.screen, HistoryScreen) and len(row_ids(app.screen)) == 5
            await pilot.press("escape")
            await pilot.pause()
            await pilot.press("ctrl+p")
            await pilot.pause()
            assert CommandPalette.is_open(app)
            await pilot.press(*"history")
            await pilot.pause(0.5)
            await settle(pilot)
            listed = [str(o.prompt) for o in app.screen.query_one(CommandList)._options]
            assert any(tr("en", "cmd.history") in p for p in listed)
            assert any(tr("en", "cmd.progress") in p for p in listed)
            await pilot.press("escape")
            await pilot.pause()
        app = app_for(store=store)
        async with app.run_test(size=SIZE) as pilot:
            await pilot.pause()
            await pilot.click("#history")
            await pilot.pause()
            assert isinstance(app.screen, HistoryScreen)
            await pilot.press("ctrl+g")
            await pilot.pause()
            assert isinstance(app.screen, ProgressScreen)
            await pilot.press("ctrl+o")                            # back down to the open history
            await pilot.pause()
            assert isinstance(app.screen, HistoryScreen) and len(app.screen_stack) == 3
    run(scenario)


def test_opening_a_session_shows_the_stored_feedback_literally(store):
    live = loader.scorer("en").score(MARKUP, loader.bank("en").get("why-sales"), None)
    stored = live.to_dict()
    stored["score"] = 42                                   # what was shown then, not today's score
    (sid,) = fill(store, session_doc("2025-07-01T10:00:00.000+00:00", [("why-sales", MARKUP, stored)]))

    async def scenario():
        app = app_for(store=store)
        async with app.run_test(size=SIZE) as pilot:
            await pilot.pause()
            await pilot.press("ctrl+o")
            await pilot.pause()
            await pilot.press("enter")
            await pilot.pause()
            screen = app.screen
            assert isinstance(screen, SessionScreen) and screen.record.id == sid
            assert "42/100" in plain(screen.query_one("#score-1"))
            criteria = "\n".join(plain(w) for w in screen.query_one("#criteria-1").query(Static))
            for c in stored["criteria"]:
                assert c["name"] in criteria and c["feedback"].split(".")[0] in criteria
                assert ("✓ " if c["passed"] else ("· " if c["mode"] == "bonus" else "✗ ")) + c["name"] in criteria
            shown = screen.query_one("#answer-1").render()
            assert "[bold red]x[/]" in shown.plain and "[link=y]z[/link]" in shown.plain
            # the marks are those the feedback screen showed for this result
            marks = marks_from_dict(stored, MARKUP)
            assert [(m.start, m.end, m.rules, m.tone) for m in marks] == \
                [(m.start, m.end, m.rules, m.tone) for m in marks_of(live)]
            styles = {str(s.style) for s in shown.spans}
            assert any("green" in s for s in styles) and any("red" in s for s in styles)
            assert "confidence.fillers" in plain(screen.query_one("#marks-1"))
            await pilot.press("escape")
            await pilot.pause()
            assert isinstance(app.screen, HistoryScreen)
    run(scenario)


def test_rescore_keeps_the_old_result_and_shows_the_new_one(store):
    old = score(OLD, "why-sales")
    old["score"] = 11
    (sid,) = fill(store, session_doc("2025-07-01T10:00:00.000+00:00", [("why-sales", OLD, old)]))

    async def scenario():
        app = app_for(store=store)
        async with app.run_test(size=SIZE) as pilot:
            await pilot.pause()
            await pilot.press("ctrl+o")
            await pilot.pause()
            await pilot.click(DataTable, offset=(4, 1))       # a click on the highlighted row opens it
            await pilot.pause()
            assert isinstance(app.screen, SessionScreen)
            await pilot.press("ctrl+r")
            await settle(pilot)
            await settle(pilot)
            screen = app.screen
            assert isinstance(screen, SessionScreen)
            rec = store.session(sid)
            (a,) = rec.answers
            assert len(a.results) == 2 and a.shown.result == old and a.shown.score == 11
            today = score(OLD, "why-sales")
            assert a.latest.result == today and not a.latest.shown
            assert "11/100" in plain(screen.query_one("#score-1"))           # still what was shown
            rescored = plain(screen.query_one(".rescored"))
            assert f"{today['score']}/100" in rescored and "rubric version" in rescored
            await pilot.press("ctrl+r")                                      # the same again: nothing added
            await settle(pilot)
            await settle(pilot)
            assert len(store.session(sid).answers[0].results) == 2
    run(scenario)


# -- the progress screen --------------------------------------------------------------------------

def test_progress_shows_sparklines_and_what_changed_between_attempts(store):
    fill(store,
         session_doc("2025-01-01T10:00:00.000+00:00", [("why-sales", OLD, score(OLD, "why-sales"))]),
         session_doc("2025-02-01T10:00:00.000+00:00", [("why-sales", NEW, score(NEW, "why-sales")),
                                                       ("sales-experience", STRONG, score(STRONG, "sales-experience"))]),
         session_doc("2025-03-01T10:00:00.000+00:00", [("sales-experience", OLD, score(OLD, "sales-experience"))]))

    async def scenario():
        app = app_for(store=store)
        async with app.run_test(size=SIZE) as pilot:
            await pilot.pause()
            await pilot.press("ctrl+g")
            await settle(pilot)
            screen = app.screen
            assert isinstance(screen, ProgressScreen)
            sparks = list(screen.query(ScoreStrip))
            names = {c.id: c.name for c in loader.rubric("en").criteria}
            trend = progress.criterion_trend(store, "en")
            assert {s.id.removeprefix("spark-") for s in sparks} == set(trend)
            for s in sparks:
                assert list(s.data) == [v for _, v in trend[s.id.removeprefix("spark-")]]
            assert len(screen.query_one("#spark-real_examples").data) == 3
            text = "\n".join(plain(w) for w in screen.query(".trend-name"))
            assert names["real_examples"] in text and names["confidence"] in text
            repeats = [plain(w) for w in screen.query(".repeat")]
            assert len(repeats) == 2
            assert repeats[0].startswith(loader.bank("en").get("sales-experience").text)   # latest first
            why = repeats[1]
            assert "+ 2 fewer: a hedge" in why and "+ a question about the role" in why
            spans = screen.query_one("#repeat-1").render().spans
            assert any("green" in str(s.style) for s in spans)
            assert any("red" in str(s.style) for s in screen.query_one("#repeat-0").render().spans)
    run(scenario)


@pytest.mark.parametrize("lang", ["en", "ro"])
def test_progress_and_history_empty_states(store, lang):
    async def scenario():
        app = app_for(store=store, lang=lang)
        async with app.run_test(size=SIZE) as pilot:
            await pilot.pause()
            await pilot.press("ctrl+g")
            await settle(pilot)
            assert plain(app.screen.query_one("#progress-status")) == tr(lang, "prog.empty")
            assert not app.screen.query(ScoreStrip)
            await pilot.press("escape", "ctrl+o")
            await pilot.pause()
            assert plain(app.screen.query_one("#history-status")) == tr(lang, "hist.empty")
    run(scenario)


def test_progress_with_no_repeated_question(store):
    fill(store, session_doc("2025-01-01T10:00:00.000+00:00", [("why-sales", OLD, score(OLD, "why-sales"))]))

    async def scenario():
        app = app_for(store=store)
        async with app.run_test(size=SIZE) as pilot:
            await pilot.pause()
            await pilot.press("ctrl+g")
            await settle(pilot)
            assert plain(app.screen.query_one("#no-repeats")) == tr("en", "prog.no_repeats")
            assert len(app.screen.query_one("#spark-confidence").data) == 1
    run(scenario)


# -- bad states -----------------------------------------------------------------------------------

def test_a_damaged_history_file_is_moved_aside_and_the_app_says_so():
    paths.home()
    paths.db_path().write_bytes(b"this is not a database" * 100)

    async def scenario():
        app = app_for()
        notes: list[tuple[str, str]] = []
        app.notify = lambda message, severity="information", **kw: notes.append((severity, str(message)))
        async with app.run_test(size=SIZE) as pilot:
            await pilot.pause()
            assert isinstance(app.screen, StartScreen)
            moved = sorted(paths.home().glob("history.corrupt-*.sqlite3"))
            assert len(moved) == 1
            assert any(str(moved[0]) in m and sev == "warning" for sev, m in notes), notes
            await pilot.click("#go")
            await pilot.pause()
            await pilot.press("ctrl+s")
            await pilot.pause()
            await answer_question(pilot, STRONG)
        with Store.open() as s:                            # the fresh history works
            assert s.notices == [] and s.unfinished().n_answers == 1
    run(scenario)


def test_a_locked_history_is_reported_and_the_interview_still_works():
    Store.open().close()
    holder = sqlite3.connect(paths.db_path(), isolation_level=None)
    holder.execute("BEGIN EXCLUSIVE")
    store = Store.open(timeout=0.2)

    async def scenario():
        app = app_for(["sales-experience", "why-sales"], store, feedback="end")
        notes: list[tuple[str, str]] = []
        async with app.run_test(size=SIZE) as pilot:
            app.notify = lambda message, severity="information", **kw: notes.append((severity, str(message)))
            await to_interview(pilot)
            await settle(pilot)
            await answer_question(pilot, STRONG)
            await answer_question(pilot, STRONG)
            assert isinstance(app.screen, SummaryScreen) and len(app.interview.turns) == 2
            off = [(sev, m) for sev, m in notes if m.startswith("History could not save: ")]
            assert len(off) == 1 and "another mockint is using the history" in off[0][1] and off[0][0] == "error"
            assert app.recorder.unsaved == 2 and app.screen.query("#summary-unsaved")   # kept, and said
            holder.execute("ROLLBACK")                     # the other mockint lets go
            app.retry_history()
            assert notes[-1] == ("information", "History: saving again; every answer is in it.")
            assert store.sessions()[0].n_answers == 2
    try:
        run(scenario)
    finally:
        if holder.in_transaction:
            holder.execute("ROLLBACK")
        holder.close()
        store.close()


def test_a_history_that_cannot_be_opened_leaves_the_interview_working(monkeypatch):
    def refuse():
        raise MockintError("cannot open the history file /nowhere/history.sqlite3: Permission denied")

    monkeypatch.setattr(recorder_module, "open_store", refuse)

    async def scenario():
        app = app_for()
        notes: list[str] = []
        app.notify = lambda message, **kw: notes.append(str(message))
        async with app.run_test(size=SIZE) as pilot:
            await pilot.pause()
            assert isinstance(app.screen, StartScreen)
            assert notes == [tr("en", "hist.off", reason="cannot open the history file "
                                "/nowhere/history.sqlite3: Permission denied")]
            await pilot.click("#go")
            await pilot.pause()
            await pilot.press("ctrl+s")
            await pilot.pause()
            await answer_question(pilot, STRONG)
            assert len(app.interview.turns) == 1
            await pilot.press("escape")
            await pilot.pause()
    run(scenario)


def test_interview_resume_at_and_pending_answer():
    from mockint.core.interview import Interview

    bank = loader.bank("en")
    qs = [bank.get(q) for q in ("sales-experience", "why-sales", "mistake-learned")]
    iv = Interview(qs, loader.scorer("en"), bank)
    iv.resume_at(2, [], ["sales-experience", "why-sales"])
    assert iv.current_question().id == "mistake-learned" and iv.number == 3 and iv.skipped == ["sales-experience",
                                                                                               "why-sales"]
    with pytest.raises(MockintError):
        iv.resume_at(1)                                   # only before it goes on
    with pytest.raises(MockintError):
        Interview(qs, loader.scorer("en"), bank).resume_at(4)
    iv = Interview(qs, loader.scorer("en"), bank)
    assert iv.pending_answer is None
    turn = iv.submit("I am a great communicator and I love sales.")
    assert not turn.final and iv.pending_answer == "I am a great communicator and I love sales."
    iv.skip()
    assert iv.pending_answer is None


def test_repeated_questions_compare_the_last_two_attempts(store):
    fill(store,
         session_doc("2025-01-01T10:00:00.000+00:00", [("why-sales", STRONG, score(STRONG, "why-sales"))]),
         session_doc("2025-02-01T10:00:00.000+00:00", [("why-sales", OLD, score(OLD, "why-sales")),
                                                       ("mistake-learned", OLD, score(OLD, "mistake-learned"))]),
         session_doc("2025-03-01T10:00:00.000+00:00", [("why-sales", NEW, score(NEW, "why-sales"))]),
         session_doc("2025-04-01T10:00:00.000+00:00", [("why-sales", OLD, score(OLD, "why-sales", "ro"))], lang="ro"))
    (rep,) = progress.repeated_questions(store, "en")         # mistake-learned: answered once
    assert rep["question_id"] == "why-sales" and rep["started_at"].startswith("2025-03-01")
    assert rep["scores"] == [score(OLD, "why-sales")["score"], score(NEW, "why-sales")["score"]]
    assert rep["changes"] == progress.change_items(score(OLD, "why-sales"), score(NEW, "why-sales"), "en")
    assert progress.repeated_questions(store, "ro") == []
    groups = store.repeated_answers("en", last=3)
    assert [[a.answer for a in g] for g in groups] == [[STRONG, OLD, NEW]]
    assert store.repeated_answers("en", limit=0) == []


def test_cli_resume_with_a_damaged_history_names_the_moved_file():
    paths.home()
    paths.db_path().write_bytes(b"garbage" * 500)
    p = run_cli("practice", "--resume")
    moved = sorted(paths.home().glob("history.corrupt-*.sqlite3"))
    assert p.returncode == 2 and len(moved) == 1 and "Traceback" not in p.stderr
    error, = p.stderr.splitlines()                         # one line: the error, naming the moved file
    assert str(moved[0]) in error and error.startswith("mockint: error: no unfinished interview to resume")


@pytest.mark.parametrize("lang", ["en", "ro"])
def test_the_interviewer_s_replies_are_kept_and_shown_in_the_summary_and_every_report(store, lang):
    """Issue 15: two questions at the close, two replies, read before the summary; kept with the
    session; in the summary, the session screen and the Markdown, JSON and HTML reports."""
    from mockint.core.report import session as html_report

    text = {"en": "What does the training look like? How big is the team?",
            "ro": "Cum arată programul de training? Cât de mare este echipa?"}[lang]

    async def scenario():
        app = app_for(["questions-for-us"], store=store, lang=lang, feedback="end")
        async with app.run_test(size=SIZE) as pilot:
            await pilot.pause()
            await pilot.press("ctrl+s")                     # the readiness checklist
            await pilot.pause()
            await answer(pilot, text)
            while app.interview.awaiting_follow_up:
                await answer(pilot, text)
            screen = app.screen
            assert isinstance(screen, InterviewScreen) and screen.waiting is not None
            await pilot.press("ctrl+s")
            await pilot.pause()
            assert isinstance(app.screen, SummaryScreen)
            shown = plain(app.screen.query_one("#summary-replies"))
            replies = {r.id: r.text for r in app.bank().replies}
            assert replies["training"] in shown and replies["team"] in shown
    run(scenario)
    rec = store.latest()
    replies = {r.id: r.text for r in loader.bank(lang).replies}
    stored = html_report.replies_of(rec.answers[0].follow_up)
    assert [r["reply"] for r in stored] == [replies["training"], replies["team"]]
    assert html_report.report_dict(rec)["answers"][0]["replies"] == stored
    md = html_report.report_markdown(rec)
    page = html_report.render_html(html_report.report_dict(rec))
    for reply in (replies["training"], replies["team"]):
        assert reply in md
        assert html.escape(reply, quote=True) in page


def test_a_resumed_question_s_timer_goes_on_from_where_it_stopped(store):
    """Issue 15: the draft keeps the seconds spent on its question; resumed, the countdown and the
    answer's timing go on from there, not from a full budget."""
    from mockint.core.interview import Settings as S
    from mockint.tui.widgets.countdown import Countdown

    sid = store.start_session("en", {"question_set": "common", "count": 2, "feedback": "each", "timer": True},
                              {}, ["sales-experience", "why-sales"])
    store.save_draft(sid, 0, "sales-experience", "half an answer", elapsed=40.0)
    now = [1000.0]

    async def scenario():
        app = create_app(S(lang="en", timer=True), blink=False, store=store, clock=lambda: now[0])
        async with app.run_test(size=SIZE) as pilot:
            await pilot.pause()
            await pilot.press("y")
            await pilot.pause()
            screen = app.screen
            assert isinstance(screen, InterviewScreen) and screen.query_one(AnswerBox).text == "half an answer"
            budget = app.interview.current_question().seconds
            assert screen.query_one(Countdown).remaining() == budget - 40
            now[0] += 5
            screen.autosave()                                  # unchanged text: not saved again
            screen.query_one(AnswerBox).text = "half an answer, and more"
            screen.autosave()
        assert store.session(sid).draft(0).elapsed == 45.0
    run(scenario)
