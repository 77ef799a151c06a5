"""What a first-time user saw at 80 and 110 columns: "Key points 50⏎%" and "vreo 9⏎% la 4 %" split
over two lines, superscript mark numbers out of order ("kind of⁹ forgot⁸", "territory²·³ split?¹")
and inside a word ("month⁶-end"), a mark's quote cut mid-word ("…for a new AE in the f…"), and a
question browser that cut ids and texts with no "…" and left the text 14 columns at 80."""

from __future__ import annotations

import re

import pytest
from textual.content import Content
from tui_helpers import answer_until, drawn, plain, run
from tui_helpers import question_app as app_for

from mockint.core.bank import authoring, loader
from mockint.core.data.strings import tr
from mockint.core.interview import Settings
from mockint.tui.app import create_app
from mockint.tui.screens.feedback import FeedbackScreen
from mockint.tui.screens.questions import QuestionsScreen
from mockint.tui.screens.summary import SummaryScreen
from mockint.tui.widgets.chat import ChatMessage
from mockint.tui.widgets.highlighted import marks_of
from mockint.tui.widgets.stored_result import marks_from_dict

SUP = "⁰¹²³⁴⁵⁶⁷⁸⁹"
# the walkthrough's answer: "month-end", a hedge after other marks, a question holding a talking point
ANSWER = ("Last year our finance client was losing two days every month-end on manual reports, so I asked their "
          "controller what success looks like for a new AE in the first ninety days of the job, and they told me. "
          "I kind of forgot to follow up once, but I built a dashboard and they were relieved that month-end took "
          "one day, 120 % faster. I closed a deal worth 40,000 euros, which was 120% of my quota for the quarter. "
          "I closed a deal worth 40,000 euros, which was 120% of my quota for the quarter. "
          "How is the territory split?")


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


def superscripts(text: str) -> list[list[int]]:
    """The superscript groups of a highlighted answer, in the order they are read."""
    table = str.maketrans(SUP, "0123456789")
    return [[int(n.translate(table)) for n in g.split("·")] for g in re.findall(f"[{SUP}]+(?:·[{SUP}]+)*", text)]


def test_mark_numbers_read_in_order_after_whole_words_and_quotes_end_on_a_word():
    """Superscripts were out of order ('kind of⁹ forgot⁸', 'territory²·³ split?¹'), one split a
    word ('month⁶-end'), and a long mark's quote ended mid-word ('…for a new AE in the f…')."""
    async def scenario():
        app = app_for(["sales-experience", "why-sales"])
        async with app.run_test(size=(110, 40)) as pilot:
            await pilot.pause()
            await pilot.press("space", "ctrl+s")
            await pilot.pause()
            await answer_until(pilot, ANSWER, FeedbackScreen)
            screen = app.screen
            assert isinstance(screen, FeedbackScreen)
            highlighted = screen.query_one("#highlighted")
            text = plain(highlighted)
            read = [n for group in superscripts(text) for n in group]
            assert read == list(range(1, len(highlighted.marks) + 1)), text
            for group in re.finditer(f"[{SUP}·]+", text):                        # never inside a word
                after = text[group.end():group.end() + 2]
                assert not (after[:1].isalnum() or after[:1] == "%" or (after[:1] in "-'’.," and after[1:].isalnum())), \
                    text[group.start() - 20:group.end() + 10]
            assert not re.search(f"month[{SUP}]", text) and re.search(f"month-end[{SUP}]", text)
            assert not re.search(f"120[{SUP}·]+\\s?%", text) and re.search(f"120 %[{SUP}]", text), text
            # the Marks list in the same order, each quote cut after a whole word
            listed = [int(ln.split()[0]) for ln in plain(screen.query_one("#marks")).splitlines() if ln.strip()]
            assert listed == read
            cut = [m for m in highlighted.marks if len(" ".join(m.text.split())) > 61]
            assert cut, [m.text for m in highlighted.marks]
            quotes = [(ln, re.search("“(.*)…”", ln)) for ln in plain(screen.query_one("#marks")).splitlines()]
            assert len([q for _, q in quotes if q]) == len(cut)
            for line, quote in quotes:
                if quote:
                    whole = " ".join(next(m.text for m in cut if str(m.number) == line.split()[0]).split())
                    assert whole.startswith(quote.group(1)) and whole[len(quote.group(1))] in " ,.;:", line
            # the history's view numbers them the same way
            turn = screen.turn
            stored = marks_from_dict(turn.result.to_dict(), turn.result.answer)
            assert [(m.number, m.start, m.end) for m in stored] == \
                [(m.number, m.start, m.end) for m in marks_of(turn.result)]

    run(scenario)


@pytest.mark.parametrize("width", [80, 110])
def test_the_question_browser_gives_the_text_room_and_marks_what_it_cuts(width):
    """At 80 columns the Text column showed about 14 characters, and ids and texts were cut with no
    '…' ('resolve-client-probl')."""
    long_id = "tell-about-time-lost-deal-competitor-cheaper-price"
    authoring.add("en", "Tell me about a time you lost a deal to a competitor with a cheaper price.", qid=long_id,
                  points=["What you learned | learned"])

    async def scenario():
        app = create_app(Settings(lang="en", question_set="full", count=None, feedback="each", timer=False),
                         blink=False)
        async with app.run_test(size=(width, 30)) as pilot:
            await pilot.pause()
            await pilot.press("ctrl+b")
            await pilot.pause()
            screen = app.screen
            assert isinstance(screen, QuestionsScreen)
            table = screen.table
            text_col = next(c for c in table.columns.values() if str(c.key.value) == "text")
            assert text_col.width >= 30
            order = [str(c.key.value) for c in table.columns.values()]
            assert order[0] == "id" and "source" in order[:order.index("text")]
            rows = drawn(table)
            assert any("resolve-client-problems" in r for r in rows)          # a built-in id whole
            first = next(r for r in rows if "sales-experience" in r)
            assert loader.bank("en").get("sales-experience").text[:28] in first   # 14 characters before
            screen.reload(select=long_id)
            await pilot.pause()
            rows = drawn(table)
            mine = next(r for r in rows if r.lstrip().startswith(long_id[:10]))
            assert long_id not in mine and re.search(r"tell-about-time-\S*…", mine), mine
            assert "Tell me about a time you lost a deal to a competitor with a cheaper price." not in mine
            assert "…" in mine.split(tr("en", "qb.yours"))[1], mine            # the text cut with "…"

    run(scenario)
