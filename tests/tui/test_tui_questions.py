"""The question browser and the question form (Pilot): built-in and user questions listed with
their source, search and tag filter, a malformed user file reported while the rest is listed,
validation as you type, saving (then practising the new question), copy to customise, editing."""

from __future__ import annotations

import pytest
from textual.widgets import Input, Select, TextArea
from tui_helpers import checklist, plain, run

from mockint.core.bank import authoring, loader
from mockint.core.interview import Settings
from mockint.tui.app import create_app
from mockint.tui.screens.question_form import DEBOUNCE, QuestionFormScreen
from mockint.tui.screens.questions import QuestionScreen, QuestionsScreen
from mockint.tui.screens.start import StartScreen
from mockint.core.data.strings import tr

SIZE = (100, 32)
MARKUP = "Tell me about [bold]a deal[/bold] you lost to a competitor."


def app(lang: str = "en"):
    settings = Settings(lang=lang, question_set="full", count=None, feedback="each", timer=False)
    return create_app(settings, blink=False)


async def open_browser(pilot) -> QuestionsScreen:
    await pilot.pause()
    await pilot.press("ctrl+b")
    await pilot.pause()
    assert isinstance(pilot.app.screen, QuestionsScreen)
    return pilot.app.screen


async def typed(pilot) -> None:
    await pilot.pause(DEBOUNCE + 0.2)
    await pilot.pause()


def source_cell(screen: QuestionsScreen, qid: str) -> str:
    return str(screen.table.get_cell(qid, "source"))


def test_browser_lists_builtin_and_user_questions_with_their_source():
    mine = authoring.add("en", "How do you handle a price objection?", points=["Value | value, roi"])
    over = authoring.add("en", "Sell me this stapler.", qid="sell-me-this", points=["Ask first | ask, need"])
    builtin = loader.bank("en").ids()

    async def scenario():
        async with app().run_test(size=SIZE) as pilot:
            screen = await open_browser(pilot)
            ids = [q.id for q in screen.shown]
            assert set(builtin) <= set(ids) and mine.question.id in ids
            assert source_cell(screen, mine.question.id) == tr("en", "qb.yours")
            assert source_cell(screen, over.question.id) == tr("en", "qb.override_short")
            assert source_cell(screen, "questions-for-us") == tr("en", "qb.builtin")
            assert not screen.query_one("#questions-problems").display
            # the details of the override say so in full
            screen.reload(select="sell-me-this")
            await pilot.press("enter")
            await pilot.pause()
            assert isinstance(pilot.app.screen, QuestionScreen)
            details = plain(pilot.app.screen.query_one("#question-details"))
            assert "Sell me this stapler." in details and tr("en", "qb.override") in details

    run(scenario)


def test_search_tag_filter_and_language_switch():
    async def scenario():
        async with app().run_test(size=SIZE) as pilot:
            screen = await open_browser(pilot)
            total = len(screen.shown)
            screen.query_one("#questions-search", Input).value = "sell-me"
            await pilot.pause()
            assert [q.id for q in screen.shown] == ["sell-me-this"]
            screen.query_one("#questions-search", Input).value = "pen sell"       # words of the text
            await pilot.pause()
            assert [q.id for q in screen.shown] == ["sell-me-this"]
            screen.query_one("#questions-search", Input).value = "no such words anywhere"
            await pilot.pause()
            assert screen.shown == [] and plain(screen.query_one("#questions-status")) == tr("en", "qb.no_match")
            screen.query_one("#questions-search", Input).value = ""
            screen.query_one("#questions-tag", Select).value = "hard"
            await pilot.pause()
            assert screen.shown and all(q.difficulty == "hard" for q in screen.shown)
            assert len(screen.shown) < total
            screen.query_one("#questions-tag", Select).clear()
            screen.query_one("#questions-lang", Select).value = "ro"
            await pilot.pause()
            assert screen.shown and all(q.lang == "ro" for q in screen.shown)
            assert len(screen.shown) == len(loader.bank("ro").questions)

    run(scenario)


def test_a_malformed_user_file_is_reported_and_the_rest_listed():
    ok = authoring.add("en", "How do you handle a price objection?", points=["Value | value, roi"])
    bad = authoring.user_file("broken", "en")
    bad.write_text("lang: en\nversion: 1\nquestions: [oops\n", encoding="utf-8")

    async def scenario():
        async with app().run_test(size=SIZE) as pilot:
            screen = await open_browser(pilot)
            problems = screen.query_one("#questions-problems")
            assert problems.display
            text = plain(problems)
            assert "broken.en.yaml" in text and "malformed YAML" in text
            ids = [q.id for q in screen.shown]
            assert ok.question.id in ids and "sell-me-this" in ids

    run(scenario)


def test_the_form_validates_as_you_type_and_saving_makes_a_question_that_can_be_practised():
    async def scenario():
        async with app().run_test(size=SIZE) as pilot:
            screen = await open_browser(pilot)
            await pilot.press("ctrl+n")
            await pilot.pause()
            form = pilot.app.screen
            assert isinstance(form, QuestionFormScreen)
            await typed(pilot)
            assert form.errors == ["text is empty"]
            assert "text is empty" in plain(form.query_one("#qf-errors"))
            form.query_one("#qf-text", Input).value = "How do you handle a price objection?"
            await typed(pilot)
            assert form.errors == []
            assert form.query_one("#qf-id", Input).value == "handle-price-objection"     # derived
            form.query_one("#qf-seconds", Input).value = "abc"
            await typed(pilot)
            assert form.errors == ["time: 'abc' is not a whole number of seconds"]
            form.query_one("#qf-seconds", Input).value = "2"
            await typed(pilot)
            assert form.errors == ["time: must be from 5 to 3600 seconds, not 2"]
            form.query_one("#qf-seconds", Input).value = "90"
            form.query_one("#qf-points", TextArea).text = "Show the value | value, return on investment\nAsk why they hesitate"
            form.query_one("#qf-follow", TextArea).text = "What value would they get?"
            await typed(pilot)
            assert form.errors == []
            await pilot.press("ctrl+s")
            await pilot.pause()
            assert pilot.app.screen is screen
            assert screen.selected_id() == "handle-price-objection"
            assert source_cell(screen, "handle-price-objection") == tr("en", "qb.yours")

        q = loader.bank("en").get("handle-price-objection")
        assert q.user and q.seconds == 90 and q.text == "How do you handle a price objection?"
        assert [p.summary for p in q.talking_points] == ["Show the value", "Ask why they hesitate"]
        assert q.talking_points[0].follow_up == "What value would they get?"
        assert authoring.user_file("handle-price-objection", "en").exists()

        settings = Settings(lang="en", question_set="common", count=1, feedback="each", timer=False)
        practice = create_app(settings, question_ids=["handle-price-objection"], blink=False)
        async with practice.run_test(size=SIZE) as pilot:
            await pilot.pause()
            assert checklist(practice)
            await pilot.click("#go")
            await pilot.pause()
            assert practice.interview.current_question().id == "handle-price-objection"
            chat = " ".join(plain(w) for w in practice.screen.query(".message"))
            assert "How do you handle a price objection?" in chat

    run(scenario)


def test_saving_never_overwrites_another_question_and_invalid_forms_are_not_saved():
    taken = authoring.add("en", "How do you handle a price objection?", points=["Value | value, roi"])

    async def scenario():
        async with app().run_test(size=SIZE) as pilot:
            await open_browser(pilot)
            await pilot.press("ctrl+n")
            await pilot.pause()
            form = pilot.app.screen
            await pilot.press("ctrl+s")                         # empty: refused
            await pilot.pause()
            assert pilot.app.screen is form
            form.query_one("#qf-text", Input).value = "Another question about price."
            form.query_one("#qf-id", Input).value = taken.question.id
            await typed(pilot)
            await pilot.press("ctrl+s")
            await pilot.pause()
            assert pilot.app.screen is form                     # the other file is not replaced
        assert loader.bank("en").get(taken.question.id).text == "How do you handle a price objection?"

    run(scenario)


def test_copy_to_customise_a_builtin_question():
    async def scenario():
        async with app().run_test(size=SIZE) as pilot:
            screen = await open_browser(pilot)
            screen.reload(select="sell-me-this")
            await pilot.press("enter")
            await pilot.pause()
            details = pilot.app.screen
            assert isinstance(details, QuestionScreen)
            assert not details.query("#question-edit") and details.query("#question-copy")
            await pilot.click("#question-copy")
            await typed(pilot)
            form = pilot.app.screen
            assert isinstance(form, QuestionFormScreen)
            assert form.query_one("#qf-id", Input).value == "sell-me-this-custom"
            assert form.query_one("#qf-text", Input).value == "Sell me this pen."
            assert form.errors == []
            # the same id as the built-in one: an override, and the form says so
            form.query_one("#qf-id", Input).value = "sell-me-this"
            await typed(pilot)
            assert "sell-me-this" in plain(form.query_one("#qf-note"))
            form.query_one("#qf-id", Input).value = "sell-me-this-custom"
            form.query_one("#qf-text", Input).value = "Sell me this pencil."
            await typed(pilot)
            await pilot.press("ctrl+s")
            await pilot.pause()
            assert pilot.app.screen is screen and screen.selected_id() == "sell-me-this-custom"
        q = loader.bank("en").get("sell-me-this-custom")
        builtin = loader._builtin_bank("en").get("sell-me-this")
        assert q.user and q.text == "Sell me this pencil."
        assert [p.summary for p in q.talking_points] == [p.summary for p in builtin.talking_points]
        assert q.guide == builtin.guide
        assert loader.bank("en").get("sell-me-this").text == "Sell me this pen."      # untouched

    run(scenario)


def test_editing_a_user_question_and_markup_in_its_text_is_shown_literally():
    w = authoring.add("en", MARKUP, qid="lost-deal", points=["What you learned | learned, lesson"])

    async def scenario():
        async with app().run_test(size=SIZE) as pilot:
            screen = await open_browser(pilot)
            assert str(screen.table.get_cell("lost-deal", "text")) == MARKUP
            screen.reload(select="lost-deal")
            await pilot.press("enter")
            await pilot.pause()
            details = pilot.app.screen
            assert MARKUP in plain(details.query_one("#question-details"))
            await pilot.click("#question-edit")
            await typed(pilot)
            form = pilot.app.screen
            assert isinstance(form, QuestionFormScreen) and form.mode == "edit"
            assert form.query_one("#qf-text", Input).value == MARKUP
            assert form.query_one("#qf-id", Input).value == "lost-deal"
            form.query_one("#qf-seconds", Input).value = "[red]x[/red]"
            await typed(pilot)
            assert "'[red]x[/red]'" in plain(form.query_one("#qf-errors"))            # literally
            form.query_one("#qf-seconds", Input).value = "150"
            form.query_one("#qf-difficulty", Select).value = "hard"
            await typed(pilot)
            await pilot.press("ctrl+s")
            await pilot.pause()
            assert pilot.app.screen is screen and screen.selected_id() == "lost-deal"
        q = loader.bank("en").get("lost-deal")
        assert q.seconds == 150 and q.difficulty == "hard" and q.text == MARKUP
        assert [p for _, p in authoring.find_user("lost-deal", "en")] == [w.path]

    run(scenario)


def test_the_browser_is_reachable_from_the_start_screen_and_the_palette_and_not_in_an_interview():
    async def scenario():
        a = app()
        async with a.run_test(size=SIZE) as pilot:
            await pilot.pause()
            assert isinstance(a.screen, StartScreen)
            await pilot.click("#questions")
            await pilot.pause()
            assert isinstance(a.screen, QuestionsScreen)
            assert a.check_action("questions", ()) is False           # not over itself
            await pilot.press("escape")
            await pilot.pause()
            assert isinstance(a.screen, StartScreen)
            from mockint.tui.screens.commands import HistoryCommands

            names = [tr("en", "cmd.questions")]
            assert names[0] == "questions: browse"
            provider = HistoryCommands(a.screen)
            assert any(name == "questions: browse" for name, _, _ in provider.commands())
            sections = dict(a.help_sections())
            assert tr("en", "where.questions") in sections and tr("en", "where.question_form") in sections

        settings = Settings(lang="en", question_set="common", count=1, feedback="each", timer=False)
        b = create_app(settings, question_ids=["sell-me-this"], blink=False)
        async with b.run_test(size=SIZE) as pilot:
            await pilot.pause()
            await pilot.click("#go")
            await pilot.pause()
            assert b.in_interview()
            await pilot.press("ctrl+b")
            await pilot.pause()
            assert not isinstance(b.screen, QuestionsScreen)

    run(scenario)


def test_the_form_says_its_errors_in_the_interface_language():
    """In a Romanian session the form's errors are Romanian (the core's errors carry a message id
    the interface translates); the command line keeps its English messages."""
    async def scenario():
        async with app("ro").run_test(size=SIZE) as pilot:
            await open_browser(pilot)
            await pilot.press("ctrl+n")
            await pilot.pause()
            form = pilot.app.screen
            assert isinstance(form, QuestionFormScreen)
            await typed(pilot)
            assert form.errors == ["textul este gol"]
            form.query_one("#qf-text", Input).value = "Cum gestionați o obiecție de preț?"
            form.query_one("#qf-seconds", Input).value = "2"
            await typed(pilot)
            assert form.errors == ["timp: între 5 și 3.600 de secunde, nu 2"]
            form.query_one("#qf-seconds", Input).value = "90"
            form.query_one("#qf-points", TextArea).text = " | valoare"
            await typed(pilot)
            assert form.errors == ["punctul 1: rezumatul este gol"]
            form.query_one("#qf-points", TextArea).text = "Arătați valoarea |  , "
            await typed(pilot)
            assert form.errors == ["punctul 1: nicio expresie după '|' (dați-le separate prin virgule)"]
            form.query_one("#qf-points", TextArea).text = "Arătați valoarea | valoare"
            form.query_one("#qf-follow", TextArea).text = "Ce valoare ar avea?\nȘi apoi?"
            await typed(pilot)
            assert form.errors[0].startswith("2 întrebări suplimentare pentru 1 puncte de atins")
            form.query_one("#qf-follow", TextArea).text = ""
            form.query_one("#qf-id", Input).value = "Bad Id!"
            await typed(pilot)
            assert form.errors[0].startswith("id: 'Bad Id!' nu este un id valid")
    run(scenario)


def test_every_translated_authoring_error_has_both_languages():
    from mockint.core.data.strings import STRINGS
    keys = {k for lang in STRINGS for k in STRINGS[lang] if k.startswith("err.author.")}
    assert len(keys) == 7 and all(k in STRINGS[lang] for lang in STRINGS for k in keys)


async def practised(pilot, qid: str, lang: str) -> None:
    """The app is on a one-question interview of ``qid`` in ``lang`` (its readiness checklist first),
    the browser closed."""
    from mockint.tui.screens.interview import InterviewScreen

    await pilot.pause()
    a = pilot.app
    assert isinstance(a.screen, InterviewScreen), a.screen
    assert [q.id for q in a.interview.questions] == [qid] and a.lang == lang and a.interview.lang == lang
    assert not [s for s in a.screen_stack if isinstance(s, (QuestionsScreen, QuestionScreen))]
    assert checklist(a) is not None
    await pilot.press("ctrl+s")                     # Continue: the question is asked
    await pilot.pause()
    assert a.interview.current_question().id == qid


def footer_keys(screen) -> dict[str, str]:
    """The keys the footer shows on ``screen`` and what each says."""
    return {key: b.binding.description for key, b in screen.active_bindings.items() if b.binding.show}


@pytest.mark.parametrize("lang", ["en", "ro"])
def test_a_question_is_practised_from_the_browser_its_screen_and_the_palette(lang):
    """A user had to quit and run 'mockint practice --question ID': the browser and a question's
    screen offered Edit and Back only. Ctrl+S (Practise, in the footer and F1) and the palette's
    'questions: practise the selected one' start a one-question interview in the question's language."""
    from mockint.tui.screens.commands import HistoryCommands

    text = {"en": "How do you handle a price objection?", "ro": "Cum gestionați o obiecție de preț?"}[lang]
    mine = authoring.add(lang, text, points=["Value | value, roi, valoare"]).question

    async def scenario():
        for how in ("browser", "details", "palette"):
            async with app(lang).run_test(size=SIZE) as pilot:
                screen = await open_browser(pilot)
                screen.reload(select=mine.id)
                await pilot.pause()
                assert footer_keys(screen).get("ctrl+s") == tr(lang, "key.practise")
                if how == "details":
                    await pilot.press("enter")
                    await pilot.pause()
                    screen = pilot.app.screen
                    assert isinstance(screen, QuestionScreen)
                    assert footer_keys(screen).get("ctrl+s") == tr(lang, "key.practise")
                    assert screen.query("#question-practise")
                if how == "palette":
                    commands = {name: callback for name, callback, _ in HistoryCommands(screen).commands()}
                    assert tr(lang, "cmd.practise") in commands
                    commands[tr(lang, "cmd.practise")]()
                else:
                    await pilot.press("ctrl+s")
                await practised(pilot, mine.id, lang)
                # F1 lists the key for the browser and for a question
                sections = dict(pilot.app.help_sections())
                for where in ("where.questions", "where.question"):
                    assert tr(lang, "key.practise") in [what for _, what in sections[tr(lang, where)]]
        # nothing to practise: no command, the key does nothing
        async with app(lang).run_test(size=SIZE) as pilot:
            screen = await open_browser(pilot)
            screen.query_one("#questions-search", Input).value = "no such words anywhere"
            await pilot.pause()
            assert tr(lang, "cmd.practise") not in [n for n, _, _ in HistoryCommands(screen).commands()]
            await pilot.press("ctrl+s")
            await pilot.pause()
            assert pilot.app.screen is screen

    run(scenario)


def test_a_question_of_the_other_language_is_practised_in_its_language():
    """Browsing the Romanian questions from the English interface: the interview is Romanian."""
    async def scenario():
        async with app("en").run_test(size=SIZE) as pilot:
            screen = await open_browser(pilot)
            screen.query_one("#questions-lang", Select).value = "ro"
            await pilot.pause()
            screen.reload(select="why-sales")
            await pilot.pause()
            await pilot.press("ctrl+s")
            await practised(pilot, "why-sales", "ro")

    run(scenario)
