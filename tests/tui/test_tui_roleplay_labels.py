"""The role-play screens show words, not ids: a first-time user read "x25" beside each dimension
of a call's score as a code, and "resp-7" alone as a word. Weights read "weight 25" ("pondere
25"); guide facts are cited as the rest of mockint cites them ("guide: resp-7", "ghid: resp-7")."""

from __future__ import annotations

import re

import pytest
from tui_helpers import run, settle

from mockint.core import roleplay
from mockint.core.interview import Settings
from mockint.tui.app import create_app
from mockint.tui.screens.roleplay import CallSummaryScreen, RoleplayPickScreen
from mockint.tui.widgets.answer_box import AnswerBox

SIZE = (100, 36)
GUIDE = {"en": "guide", "ro": "ghid"}
WEIGHT = {"en": "weight", "ro": "pondere"}
PRACTISES = {"en": "Practises (guide): ", "ro": "Exersează (ghid): "}
ID_LIKE = re.compile(r"\b[a-z]+_[a-z_]+\b|\bx\d+\b")


def _plain(widget) -> str:
    shown = widget.render()
    return shown.plain if hasattr(shown, "plain") else str(shown)


@pytest.mark.parametrize("lang", ["en", "ro"])
def test_the_pick_screen_and_the_calls_score_show_weights_and_guide_citations_in_words(lang):
    sc = roleplay.scenario("renewal-price", lang)
    turns = list(next(ex for ex in sc.examples if ex.name == "discount-no-ask").turns)

    async def scenario():
        a = create_app(Settings(lang=lang), blink=False)
        async with a.run_test(size=SIZE) as pilot:
            await pilot.pause()
            await pilot.click("#roleplay")
            await pilot.pause()
            pick = pilot.app.screen
            assert isinstance(pick, RoleplayPickScreen)
            while pick.chosen != "renewal-price":
                await pilot.press("down")
            brief = _plain(pick.query_one("#rp-brief"))
            assert PRACTISES[lang] + ", ".join(sc.guide) in brief
            await pilot.press("ctrl+s")
            await pilot.pause()
            for t in turns:
                pilot.app.screen.query_one(AnswerBox).text = t
                await pilot.press("ctrl+s")
                await settle(pilot)
            await pilot.press("ctrl+l")
            await pilot.pause()
            summary = pilot.app.screen
            assert isinstance(summary, CallSummaryScreen)
            dims = _plain(summary.query_one("#rp-dimensions")).splitlines()
            assert len(dims) == 6 and all(re.search(rf"  {WEIGHT[lang]} \d+$", d) for d in dims), dims
            marks = _plain(summary.query_one("#rp-marks"))
            advice = _plain(summary.query_one("#rp-feedback"))
            for text in (marks, advice, "\n".join(dims)):
                assert not ID_LIKE.findall(text), ID_LIKE.findall(text)
            cited = re.findall(r"\[([^\]]*)\]$", marks + "\n" + advice, re.M)
            assert cited and all(c.startswith(f"{GUIDE[lang]}: ") for c in cited), cited
            assert len(cited) == len(summary.result.marks) + len(summary.result.feedback)
    run(scenario)
