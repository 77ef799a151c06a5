"""Issue 18 in the TUI: a role-play call from the start screen (and the palette), the buyer
revealing a need, raising and dropping an objection, agreeing to a meeting, the call's score;
kept in the history, resumed, reopened from the history; snapshots of each screen."""

from __future__ import annotations

import pytest
from tui_helpers import run, settle

from mockint.core import roleplay
from mockint.core.data.resources import roleplay_dir
from mockint.core.history.store import Store
from mockint.core.interview import Settings
from mockint.tui.app import create_app
from mockint.tui.screens.roleplay import CallSummaryScreen, RoleplayPickScreen, RoleplayScreen
from mockint.tui.screens.start import StartScreen
from mockint.tui.widgets.answer_box import AnswerBox
from mockint.tui.widgets.chat import ChatMessage, ChatNote

SIZE = (100, 36)
LANGS = [lang for lang in ("en", "ro") if (roleplay_dir() / f"{lang}.yaml").exists()]


def app(lang: str = "en", **kw):
    return create_app(Settings(lang=lang), blink=False, **kw)


def example(scenario_id: str, name: str, lang: str = "en") -> list[str]:
    sc = roleplay.scenario(scenario_id, lang)
    return list(next(ex for ex in sc.examples if ex.name == name).turns)


async def to_call(pilot, scenario_id: str) -> None:
    """Start screen -> Role-play -> the scenario -> the call."""
    await pilot.pause()
    assert isinstance(pilot.app.screen, StartScreen)
    await pilot.click("#roleplay")
    await pilot.pause()
    pick = pilot.app.screen
    assert isinstance(pick, RoleplayPickScreen)
    while pick.chosen != scenario_id:
        await pilot.press("down")
    await pilot.press("ctrl+s")
    await pilot.pause()
    assert isinstance(pilot.app.screen, RoleplayScreen)


async def say(pilot, text: str) -> str:
    pilot.app.screen.query_one(AnswerBox).text = text
    await pilot.press("ctrl+s")
    await settle(pilot)
    return [m.text for m in pilot.app.screen.query(ChatMessage)][-1]


@pytest.mark.parametrize("lang", LANGS)
def test_a_good_call_from_the_start_screen_to_its_score(lang):
    """The new user's path: a discovery question, the buyer reveals a need; a pitch meets an
    objection; handled, it softens; a clear ask gets a meeting; the score and the needs."""
    sc = roleplay.scenario("discovery-ops", lang)

    async def scenario():
        a = app(lang)
        async with a.run_test(size=SIZE) as pilot:
            await to_call(pilot, "discovery-ops")
            shown = [m.text for m in pilot.app.screen.query(ChatMessage)]
            assert shown == [roleplay.Call(sc).opening]
            keys = {b.binding.id for b in pilot.app.screen.active_bindings.values()}
            assert "send" in keys and "see_score" not in keys         # during the call: Send
            replies = [await say(pilot, t) for t in example("discovery-ops", "good", lang)]
            assert replies[0] == sc.need("spreadsheet").reveal
            assert sc.objection("tried-before").says in replies[1]
            assert sc.objection("tried-before").softened in replies[2]
            assert sc.close.agree in replies[-1]
            screen = pilot.app.screen
            assert screen.call.outcome == "agreed" and not screen.query_one(AnswerBox).display
            await pilot.pause()
            keys = {b.binding.id: b.enabled for b in screen.active_bindings.values()}
            assert keys.get("see_score") and "send" not in keys       # the footer says so, not "Send"
            await pilot.press("ctrl+s")                              # See the score
            await pilot.pause()
            summary = pilot.app.screen
            assert isinstance(summary, CallSummaryScreen) and summary.result.overall >= 70
            needs = str(summary.query_one("#rp-needs").render())
            assert sc.need("spreadsheet").label in needs
        with Store.open() as s:
            [row] = s.sessions()
            assert row.scenario == "discovery-ops" and row.finished and row.score == summary.result.overall
    run(scenario)


def test_a_feature_dump_never_closes_and_scores_low():
    async def scenario():
        a = app()
        async with a.run_test(size=SIZE) as pilot:
            await to_call(pilot, "discovery-ops")
            for t in example("discovery-ops", "feature-dump"):
                await say(pilot, t)
            await pilot.press("ctrl+l")                              # end the call
            await pilot.pause()
            summary = pilot.app.screen
            assert isinstance(summary, CallSummaryScreen)
            assert summary.result.overall < 35 and summary.result.outcome != "agreed"
    run(scenario)


def test_an_empty_turn_is_refused_and_a_call_left_at_once_keeps_nothing():
    async def scenario():
        a = app()
        async with a.run_test(size=SIZE) as pilot:
            await to_call(pilot, "sell-pen")
            await pilot.press("ctrl+s")
            await pilot.pause()
            assert len(pilot.app.screen.query(ChatMessage)) == 1          # nothing sent
            assert [n.message for n in a._notifications][-1] == "Write something to the buyer first."
            await pilot.press("ctrl+l")
            await pilot.pause()
            assert isinstance(pilot.app.screen, StartScreen)
        with Store.open() as s:
            assert s.count() == 0
    run(scenario)


def test_the_palette_offers_role_play_and_call_again_plays_the_same_scenario():
    from mockint.tui.screens.commands import HistoryCommands

    async def scenario():
        a = app()
        async with a.run_test(size=SIZE) as pilot:
            await pilot.pause()
            provider = HistoryCommands(a.screen)
            names = [name for name, _, _ in provider.commands()]
            assert "role-play: sell to a scripted buyer" in names
            dict((n, cb) for n, cb, _ in provider.commands())["role-play: sell to a scripted buyer"]()
            await pilot.pause()
            assert isinstance(pilot.app.screen, RoleplayPickScreen)
            await pilot.press("escape")
            await pilot.pause()
            assert isinstance(pilot.app.screen, StartScreen)
            await to_call(pilot, "sell-pen")
            await say(pilot, "What do you use a pen for?")
            await pilot.press("ctrl+l")
            await pilot.pause()
            await pilot.press("ctrl+r")                              # call again
            await pilot.pause()
            screen = pilot.app.screen
            assert isinstance(screen, RoleplayScreen) and screen.call.scenario.id == "sell-pen"
            assert not screen.call.exchanges
            await pilot.press("ctrl+l", "ctrl+n")                   # left at once; then another call
    run(scenario)


def test_an_unfinished_call_is_offered_and_resumed_with_the_same_replies():
    turns = example("discovery-ops", "good")[:2]
    with Store.open() as s:
        sid = s.start_call("en", "discovery-ops")
        call = roleplay.Call.replay(roleplay.scenario("discovery-ops", "en"), turns)
        s.save_call(sid, turns, call.result().to_dict())
    expected = [call.opening] + [m for x in call.exchanges for m in (x.text, x.reply.text)]

    async def scenario():
        a = app()
        async with a.run_test(size=SIZE) as pilot:
            await pilot.pause()
            question = pilot.app.screen.question
            assert question.startswith("A role-play call (Discovery call with an operations manager) from ")
            assert question.endswith(" was not finished (2 turn(s)). Go on with it?")
            await pilot.press("y")                                   # resume it
            await pilot.pause()
            screen = pilot.app.screen
            assert isinstance(screen, RoleplayScreen) and screen.resumed
            assert [m.text for m in screen.query(ChatMessage)] == expected
            assert "The call is resumed: 2 turn(s) so far." in [str(n.content) for n in screen.query(ChatNote)]
            await say(pilot, example("discovery-ops", "good")[2])
            await pilot.press("ctrl+l")
            await pilot.pause()
        with Store.open() as s:
            rec = s.session(sid)
            assert rec.finished and rec.call["turns"] == example("discovery-ops", "good")[:3]
    run(scenario)


def test_a_call_opens_from_the_history_as_it_was_scored():
    turns = example("sell-pen", "good")
    with Store.open() as s:
        sid = s.start_call("en", "sell-pen")
        result = roleplay.Call.replay(roleplay.scenario("sell-pen", "en"), turns).result()
        s.save_call(sid, turns, result.to_dict(), finished=True)

    async def scenario():
        a = app()
        async with a.run_test(size=SIZE) as pilot:
            await pilot.pause()
            await pilot.press("ctrl+o")
            await pilot.pause()
            table = pilot.app.screen.table
            assert str(table.get_row_at(0)[-1]) == "role-play: Sell me this pen"       # the call is marked
            await pilot.press("enter")
            await pilot.pause()
            screen = pilot.app.screen
            assert isinstance(screen, CallSummaryScreen) and screen.stored
            assert screen.result.to_dict() == result.to_dict()
            assert not screen.query("#rp-again")                     # read, not played, from here
            await pilot.press("escape")
            await pilot.pause()
            assert type(pilot.app.screen).__name__ == "HistoryScreen"
    run(scenario)


def test_the_history_names_a_call_by_its_title_in_the_call_s_language():
    """A first-time user's History listed "joc de rol: cold-gatekeeper": the scenario's id. Now its
    title, in the language of the call, whatever the language of the screen."""
    with Store.open() as s:
        for lang, sid, started in (("ro", "cold-gatekeeper", "2026-01-02"), ("en", "discovery-ops", "2026-01-01")):
            turns = example(sid, "good", lang)[:1]
            session = s.start_call(lang, sid)
            result = roleplay.Call.replay(roleplay.scenario(sid, lang), turns).result()
            s.save_call(session, turns, result.to_dict(), finished=True)
            s.conn.execute("UPDATE sessions SET started_at = ? WHERE id = ?", (started + "T10:00:00+00:00", session))
        s.conn.commit()

    async def scenario():
        async with app("ro").run_test(size=(140, 36)) as pilot:
            await pilot.pause()
            await pilot.press("ctrl+o")
            await pilot.pause()
            table = pilot.app.screen.table
            states = [str(table.get_row_at(i)[-1]) for i in range(table.row_count)]
            assert states == ["joc de rol: Apel la rece: cum treceți de asistentă",
                              "joc de rol: Discovery call with an operations manager"]
    run(scenario)


# -- snapshots ------------------------------------------------------------------------------------

@pytest.mark.parametrize("lang", LANGS)
def test_snapshot_pick(snap_compare, lang):
    async def run_before(pilot):
        await pilot.pause()
        await pilot.click("#roleplay")
        await pilot.pause()
    assert snap_compare(app(lang), terminal_size=SIZE, run_before=run_before)


@pytest.mark.parametrize("lang", LANGS)
def test_snapshot_call(snap_compare, lang):
    async def run_before(pilot):
        await to_call(pilot, "discovery-ops")
        for t in example("discovery-ops", "good", lang)[:3]:
            await say(pilot, t)
    assert snap_compare(app(lang), terminal_size=SIZE, run_before=run_before)


@pytest.mark.parametrize("lang", LANGS)
def test_snapshot_call_summary(snap_compare, lang):
    async def run_before(pilot):
        await to_call(pilot, "discovery-ops")
        for t in example("discovery-ops", "good", lang):
            await say(pilot, t)
        await pilot.press("ctrl+s")
        await pilot.pause()
    assert snap_compare(app(lang), terminal_size=SIZE, run_before=run_before)


def test_quitting_in_the_middle_of_a_call_asks_first():
    """A new user's Ctrl+Q in a call quit at once, unlike in an interview; the call was kept, but
    the app gave no chance to stay."""
    async def scenario():
        a = app()
        async with a.run_test(size=SIZE) as pilot:
            await to_call(pilot, "discovery-ops")
            call_screen = pilot.app.screen
            await say(pilot, example("discovery-ops", "good")[0])
            await pilot.press("ctrl+q")
            await pilot.pause()
            from mockint.tui.screens.confirm import ConfirmScreen
            assert isinstance(pilot.app.screen, ConfirmScreen)
            assert "role-play call is in progress" in pilot.app.screen.question
            await pilot.press("n")
            await pilot.pause()
            assert pilot.app.screen is call_screen and pilot.app.is_running
    run(scenario)
