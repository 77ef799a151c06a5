"""Role-play calls in the History: found by the filter, their State cut with "…".

A first-time user typed "pen" and "Sell" in the filter and "role-play: Sell me this pen" was not
found (the filter searched only interviews' questions and answers), and at 80 columns the State
column ran past the table's edge, cut with no sign ("role-play: Price objecti")."""

from __future__ import annotations

import pytest
from textual.widgets import DataTable, Input
from tui_helpers import drawn, run

from mockint.core import roleplay
from mockint.core.history.store import Store
from mockint.core.interview import Settings
from mockint.tui.app import create_app
from mockint.tui.screens.history import HistoryScreen

CALLS = (("en", "sell-pen", "When did you last use a pen?"),
         ("en", "renewal-price", "I understand the price went up. What changed on your side this year?"),
         ("ro", "cold-gatekeeper", "Bună ziua, aș putea vorbi cu domnul Dinu, vă rog?"))


def _save(store: Store, lang: str, scenario_id: str, turn: str) -> str:
    result = roleplay.Call.replay(roleplay.scenario(scenario_id, lang), [turn]).result()
    sid = store.start_call(lang, scenario_id)
    store.save_call(sid, [turn], result.to_dict(), finished=True)
    return sid


def ids(screen: HistoryScreen) -> set[str]:
    return {r.id for r in screen.shown}


async def open_history(app, pilot) -> HistoryScreen:
    await pilot.pause()
    await pilot.press("ctrl+o")
    await pilot.pause()
    assert isinstance(app.screen, HistoryScreen)
    return app.screen


def test_the_filter_finds_a_call_by_its_title_or_scenario():
    with Store.open() as store:
        pen, price, cold = (_save(store, *c) for c in CALLS)

        async def scenario():
            app = create_app(Settings(lang="en", question_set="common", count=2, feedback="each", timer=False),
                             blink=False, store=store)
            async with app.run_test(size=(100, 30)) as pilot:
                screen = await open_history(app, pilot)
                await pilot.press("ctrl+f")
                box = app.screen.query_one("#history-filter", Input)
                for query, expected in (("pen", {pen}), ("Sell", {pen}), ("price objection", {price}),
                                        ("renewal-price", {price}), ("cold-gatekeeper", {cold}),
                                        ("asistentă", {cold}), ("treceti", {cold}), ("role-play", {pen, price, cold}),
                                        ("no such call", set())):
                    box.value = query
                    await pilot.pause()
                    assert ids(screen) == expected, query

        run(scenario)


@pytest.mark.parametrize("width", [80, 100])
def test_the_state_column_fits_and_ends_in_an_ellipsis_when_cut(width):
    with Store.open() as store:
        for c in CALLS[:2]:
            _save(store, *c)

        async def scenario():
            app = create_app(Settings(lang="en", question_set="common", count=2, feedback="each", timer=False),
                             blink=False, store=store)
            async with app.run_test(size=(width, 30)) as pilot:
                screen = await open_history(app, pilot)
                table = screen.query_one(DataTable)
                rows = drawn(table)
                assert all(len(r) <= table.content_size.width for r in rows)
                assert sum(c.get_render_width(table) for c in table.ordered_columns) <= table.content_size.width
                price = next(r for r in rows if "Price" in r)
                if width == 80:                # cut, with "…" (it read "role-play: Price objecti")
                    assert price.endswith("…") and "role-play: Price obj" in price, price
                else:
                    assert price.endswith("role-play: Price objection at renewal"), price
                await pilot.resize_terminal(120, 30)       # laid out again: whole
                await pilot.pause()
                assert any(r.endswith("role-play: Price objection at renewal") for r in drawn(table))

        run(scenario)
