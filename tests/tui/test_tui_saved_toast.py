"""The toast after saving a question of one's own: one short line, no name broken.

A first-time user saw "Saved" and the whole path of the file in a toast over the buttons and the
footer, split across lines inside the file's name ("deal-lost-com / petitor…"). It now says
"Saved <file name>" on one line, a name too long for it shortened in the middle with "…"."""

from __future__ import annotations

import pytest
from textual.geometry import Region
from textual.widgets import Input
from textual.widgets._toast import Toast
from tui_helpers import run

from mockint.core.bank import authoring
from mockint.core.data.display import middle_clipped
from mockint.core.data.strings import tr
from mockint.core.interview import Settings
from mockint.tui.app import create_app
from mockint.tui.screens.question_form import DEBOUNCE, QuestionFormScreen
from mockint.tui.screens.questions import QuestionsScreen

TEXTS = {"en": "Tell me about a deal you lost to a competitor with a much cheaper price last year.",
         "ro": "Povestiți-mi despre o afacere pierdută în fața unui concurent cu un preț mult mai mic."}


def drawn(widget) -> list[str]:
    w, h = widget.outer_size.width, widget.outer_size.height
    return [strip.text.strip(" ▌▋▊▍▎▏") for strip in widget.render_lines(Region(0, 0, w, h))]


def test_middle_clipped_keeps_the_start_and_the_end():
    assert middle_clipped("short.en.yaml", 20) == "short.en.yaml"
    assert middle_clipped("deal-lost-competitor-cheaper-price.en.yaml", 21) == "deal-lost-…ce.en.yaml"
    assert len(middle_clipped("x" * 80, 30)) == 30


@pytest.mark.parametrize("lang,width", [("en", 80), ("ro", 80), ("en", 110)])
def test_saving_a_question_says_its_file_name_on_one_line(lang, width):
    async def scenario():
        app = create_app(Settings(lang=lang, question_set="full", count=None, feedback="each", timer=False),
                         blink=False)
        async with app.run_test(size=(width, 30), notifications=True) as pilot:
            await pilot.pause()
            await pilot.press("ctrl+b")
            await pilot.pause()
            await pilot.press("ctrl+n")
            await pilot.pause()
            form = app.screen
            assert isinstance(form, QuestionFormScreen)
            form.query_one("#qf-text", Input).value = TEXTS[lang]
            await pilot.pause(DEBOUNCE + 0.2)
            await pilot.press("ctrl+s")
            await pilot.pause()
            await pilot.pause(0.3)
            assert isinstance(app.screen, QuestionsScreen)
            qid = app.screen.selected_id()
            name = authoring.user_file(qid, lang).name
            assert len(name) > 30 and authoring.user_file(qid, lang).exists()
            message = [n.message for n in app._notifications][-1]
            prefix = tr(lang, "qf.saved", file="")
            assert message.startswith(prefix) and "/" not in message, message
            shown = message[len(prefix):]
            if shown != name:                                    # cut in the middle, its ends kept
                assert "…" in shown and name.startswith(shown.split("…")[0]) and name.endswith(shown.split("…")[1])
            toast = next(t for t in app.screen.query(Toast) if message in "".join(drawn(t)))
            lines = [x for x in drawn(toast) if x]
            assert lines == [message], lines                   # one line: no name split across two
            footer = app.screen.query_one("KeyFooter")
            assert toast.region.bottom <= footer.region.y      # the footer stays in view

    run(scenario)
