"""SVG snapshots of the interview TUI (pytest-textual-snapshot), in English and Romanian.

Deterministic: a frozen clock (the countdown always shows the full budget, answers take 0 s),
no cursor blink, fixed questions and answers. Update with ``pytest --snapshot-update`` and look
at the SVGs in tests/tui/__snapshots__/ before accepting them.
"""

from __future__ import annotations

import pytest
from tui_helpers import settle

from mockint.core.interview import Settings
from mockint.tui import seam
from mockint.tui.app import create_app
from mockint.tui.screens.feedback import FeedbackScreen
from mockint.tui.screens.interview import InterviewScreen
from mockint.tui.screens.summary import SummaryScreen
from mockint.tui.widgets.answer_box import AnswerBox

# The SVGs were recorded on the Textual versions the private path was tested on (seam.TESTED): a
# newer Textual may draw a pixel differently, which says nothing about mockint. The Pilot tests
# still run there (test_tui_seam.py drives a stock session).
pytestmark = pytest.mark.skipif(
    not (seam.TESTED[0] <= seam.version_tuple(seam.textual_version()) < seam.TESTED[1]),
    reason=f"snapshots recorded on textual {seam.TESTED[0]}..{seam.TESTED[1]}, not {seam.textual_version()}")

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
def test_readiness_checklist(snap_compare, lang):
    """The interview screen before its first question: the opening line, the checklist."""
    async def run_before(pilot):
        await pilot.pause()
        await pilot.press("space", "tab")                      # the first item ticked, the second focused
        await pilot.pause()

    assert snap_compare(app(lang, QUESTIONS), terminal_size=SIZE, run_before=run_before)


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


# -- history, a past session, progress (fixed stored sessions; dates shown in UTC) ----------------

HISTORY_ANSWERS = {
    "en": ("I think maybe I like sales. I sold phones.",
           "In 2021 I sold 300 phones in six months. What training do you offer? [bold]Not markup[/]"),
    "ro": ("Cred că poate îmi plac vânzările. Am vândut telefoane.",
           "În 2021 am vândut 300 de telefoane în șase luni. Ce training oferiți? [bold]Nu e markup[/]"),
}
CRITERIA = ("real_examples", "confidence", "questions_back", "two_way", "preparation", "key_points")


def stored_result(lang: str, qid: str, text: str, score: int, level: float, better: bool) -> dict:
    """A score object as the history keeps it (fixed, so these snapshots do not follow the rubric)."""
    from mockint.core.bank import loader

    names = {c.id: c.name for c in loader.rubric(lang).criteria}
    hedge = text.index("maybe" if lang == "en" else "poate") if not better else None
    number = text.index("300") if better else None
    crits = []
    for i, cid in enumerate(CRITERIA):
        s = round(min(1.0, max(0.0, level + 0.07 * (i % 3) - 0.05 * (i % 2))), 3)
        checks = [{"id": "numbers", "kind": "pattern", "effect": "reward", "label": "a number", "value": 1.0,
                   "count": 1 if better else 0, "points": 0.2, "passed": better, "message": ""},
                  {"id": "hedges", "kind": "phrases", "effect": "penalty", "label": "a hedge", "value": 1.0,
                   "count": 0 if better else 2, "points": 0.1, "passed": better, "message": ""}]
        evidence = []
        if cid == "real_examples" and number is not None:
            evidence.append({"start": number, "end": number + 3, "text": "300", "rule": "real_examples.numbers"})
        if cid == "confidence" and hedge is not None:
            word = "maybe" if lang == "en" else "poate"
            evidence.append({"start": hedge, "end": hedge + len(word), "text": word, "rule": "confidence.hedges"})
        crits.append({"id": cid, "score": s, "passed": s >= 0.6, "weight": 1.0, "guide": [], "evidence": evidence,
                      "feedback": f"Advice for {names.get(cid, cid)}.", "name": names.get(cid, cid),
                      "mode": "bonus" if cid == "questions_back" else "core", "threshold": 0.6,
                      "follow_up": None,
                      "checks": {"real_examples": checks[:1], "confidence": checks[1:]}.get(cid, [])})
    return {"question_id": qid, "lang": lang, "score": score, "criteria": crits,
            "question_text": loader.bank(lang).get(qid).text, "words": len(text.split()), "elapsed": None,
            "caps": [], "rubric_version": 1}


def history_store(lang: str):
    """Six sessions over a year, one unfinished, in ``lang`` and the other language."""
    from mockint.core.bank import loader
    from mockint.core.history.checks import EXPORT_FORMAT, EXPORT_VERSION
    from mockint.core.history.store import Store

    other = "ro" if lang == "en" else "en"
    plan = [("2025-01-10T09:30:00.000+00:00", lang, 41, 0.35, False),
            ("2025-03-14T18:05:00.000+00:00", other, 58, 0.5, False),
            ("2025-05-02T07:45:00.000+00:00", lang, 63, 0.55, True),
            ("2025-08-21T12:00:00.000+00:00", lang, 77, 0.7, False),
            ("2025-11-30T20:15:00.000+00:00", lang, 85, 0.8, True)]
    sessions = []
    for n, (started, slang, score, level, better) in enumerate(plan):
        weak, strong = HISTORY_ANSWERS[slang]
        qids = ["why-sales", "sales-experience"] if n % 2 else ["why-sales"]
        answers = []
        for i, qid in enumerate(qids):
            text = strong if better else weak
            answers.append({"index": i, "question_id": qid, "question_text": loader.bank(slang).get(qid).text,
                            "answer": text, "elapsed": None, "answered_at": started, "follow_up": None,
                            "results": [{"rubric_version": 1, "shown": True, "created_at": started,
                                         "result": stored_result(slang, qid, text, score - 3 * i, level, better)}]})
        sessions.append({"id": f"{n + 1:032x}", "lang": slang, "started_at": started, "finished_at": started,
                         "settings": {}, "readiness": {}, "question_ids": qids, "summary": {},
                         "answers": answers, "drafts": []})
    sessions.append({"id": f"{99:032x}", "lang": lang, "started_at": "2025-12-01T08:00:00.000+00:00",
                     "finished_at": None, "settings": {}, "readiness": {}, "question_ids": ["why-sales"],
                     "summary": None, "answers": [], "drafts": []})
    store = Store.open()
    store.import_all({"format": EXPORT_FORMAT, "version": EXPORT_VERSION, "sessions": sessions})
    return store


@pytest.fixture
def utc(monkeypatch):
    import time

    monkeypatch.setenv("TZ", "UTC")
    time.tzset()
    yield
    monkeypatch.undo()
    time.tzset()


def history_app(lang: str):
    settings = Settings(lang=lang, question_set="full", count=None, feedback="each", timer=True)
    return create_app(settings, clock=lambda: 0.0, blink=False, store=history_store(lang))


@pytest.mark.parametrize("lang", ["en", "ro"])
def test_history_screen(snap_compare, utc, lang):
    async def run_before(pilot):
        await pilot.pause()
        await pilot.press("ctrl+o")
        await pilot.pause()

    assert snap_compare(history_app(lang), terminal_size=SIZE, run_before=run_before)


@pytest.mark.parametrize("lang", ["en", "ro"])
def test_progress_screen(snap_compare, utc, lang):
    async def run_before(pilot):
        await pilot.pause()
        await pilot.press("ctrl+g")
        await settle(pilot)

    assert snap_compare(history_app(lang), terminal_size=SIZE, run_before=run_before)


def test_session_screen(snap_compare, utc):
    async def run_before(pilot):
        await pilot.pause()
        await pilot.press("ctrl+o")
        await pilot.pause()
        await pilot.press("down", "enter")           # the latest finished session
        await pilot.pause()

    assert snap_compare(history_app("en"), terminal_size=SIZE, run_before=run_before)


def test_resume_dialog(snap_compare, utc):
    def unfinished_app():
        store = history_store("en")
        sid = store.start_session("en", {"feedback": "each"}, {}, ["why-sales", "sales-experience", "mistake-learned"])
        store.save_draft(sid, 0, "why-sales", "I chose sales because")
        store.conn.execute("UPDATE sessions SET started_at = '2025-12-24T16:30:00.000+00:00' WHERE id = ?", (sid,))
        settings = Settings(lang="en", question_set="full", count=None, feedback="each", timer=True)
        return create_app(settings, clock=lambda: 0.0, blink=False, store=store)

    async def run_before(pilot):
        await pilot.pause()

    assert snap_compare(unfinished_app(), terminal_size=SIZE, run_before=run_before)


def questions_app():
    settings = Settings(lang="en", question_set="full", count=None, feedback="each", timer=True)
    return create_app(settings, clock=lambda: 0.0, blink=False)


def test_questions_browser(snap_compare):
    async def run_before(pilot):
        await pilot.pause()
        await pilot.press("ctrl+b")
        await pilot.pause()

    assert snap_compare(questions_app(), terminal_size=SIZE, run_before=run_before)


def test_question_form(snap_compare):
    from textual.widgets import Input

    async def run_before(pilot):
        await pilot.pause()
        await pilot.press("ctrl+b")
        await pilot.pause()
        await pilot.press("ctrl+n")
        await pilot.pause()
        for box in pilot.app.screen.query(Input):
            box.cursor_blink = False
        pilot.app.screen.query_one("#qf-text", Input).value = "How do you handle a price objection?"
        pilot.app.screen.query_one("#qf-seconds", Input).value = "2"
        await pilot.pause(0.5)
        await pilot.pause()

    assert snap_compare(questions_app(), terminal_size=SIZE, run_before=run_before)


@pytest.mark.parametrize("size", [(60, 20), (80, 24)])
def test_narrow_chat(snap_compare, size):
    """Issue 15: narrow terminals keep the chat and "Question n of m"; the coach goes first."""
    async def run_before(pilot):
        await start_interview(pilot)
        pilot.app.screen.query_one(AnswerBox).text = DRAFT["en"]
        await pilot.pause(0.5)
        await settle(pilot)

    assert snap_compare(app("en", QUESTIONS), terminal_size=size, run_before=run_before)


@pytest.mark.parametrize("lang", ["en", "ro"])
def test_closing_reply(snap_compare, lang):
    """Issue 15: the interviewer's replies to the closing questions, on screen until Continue."""
    async def run_before(pilot):
        await start_interview(pilot)
        await submit(pilot, FIRST[lang])                      # question 1 (and its follow-up)
        while pilot.app.interview.number == 1 and pilot.app.interview.awaiting_follow_up:
            await submit(pilot, MORE[lang])
        while not (isinstance(pilot.app.screen, InterviewScreen) and pilot.app.interview.number == 2
                   and pilot.app.screen.waiting is None):
            await pilot.press("escape" if isinstance(pilot.app.screen, FeedbackScreen) else "ctrl+s")
            await settle(pilot)
        await submit(pilot, CLOSING[lang])                    # the closing question: two replies
        while pilot.app.interview.awaiting_follow_up:
            await submit(pilot, CLOSING[lang])
        assert pilot.app.screen.waiting is not None
        await pilot.pause(0.5)                                 # the live coach's debounce, then settled
        await settle(pilot)

    assert snap_compare(app(lang, QUESTIONS), terminal_size=SIZE, run_before=run_before)


CLOSING = {"en": "What does the training look like? How big is the team?",
           "ro": "Cum arată programul de training? Cât de mare este echipa?"}
