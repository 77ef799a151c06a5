"""The footer: one widget showing the screen's keys, relabelled in place, pressed with the mouse."""

from __future__ import annotations

from textual.app import App
from textual.binding import Binding
from textual.screen import Screen
from tui_helpers import plain, run

from mockint.core.interview import Settings
from mockint.tui.app import create_app
from mockint.tui.screens.help import HelpScreen
from mockint.tui.screens.interview import InterviewScreen
from mockint.tui.widgets.footer import KeyFooter, footer_keys


def app_for(lang="en"):
    settings = Settings(lang=lang, question_set="common", count=2, feedback="end", timer=False)
    return create_app(settings, question_ids=["sales-experience", "why-sales"], blink=False)


def descriptions(footer: KeyFooter) -> list[str]:
    return [k.description for k in footer.keys]


def test_the_footer_shows_continue_then_submit_and_skip_in_the_same_widget():
    async def scenario():
        app = app_for()
        async with app.run_test(size=(100, 32)) as pilot:
            await pilot.pause()
            footer = app.screen.query_one(KeyFooter)
            assert descriptions(footer)[:1] == ["Continue"] and "Submit" not in descriptions(footer)
            assert plain(footer).startswith(" ^s Continue  ^q Quit ")
            await pilot.press("ctrl+s")
            await pilot.pause()
            assert app.screen.query_one(KeyFooter) is footer
            assert descriptions(footer)[:2] == ["Submit", "Skip"] and "Continue" not in descriptions(footer)
            assert plain(footer).startswith(" ^s Submit  ^n Skip  ^q Quit ")
            assert footer.relabel() is False                   # nothing changed: not drawn again
            await pilot.press("f1")                            # another screen's footer, then back
            await pilot.pause()
            assert isinstance(app.screen, HelpScreen)
            await pilot.press("escape")
            await pilot.pause()
            assert descriptions(app.screen.query_one(KeyFooter))[:2] == ["Submit", "Skip"]
    run(scenario)


def test_the_footer_is_in_the_session_language():
    async def scenario():
        app = app_for("ro")
        async with app.run_test(size=(100, 32)) as pilot:
            await pilot.pause()
            await pilot.press("ctrl+s")
            await pilot.pause()
            assert "Trimite" in plain(app.screen.query_one(KeyFooter))
    run(scenario)


class Keys(Screen):
    BINDINGS = [
        Binding("a", "ping('a')", "Ping", id="ping"),
        Binding("b", "ping('b')", "Ping again", id="ping-b", tooltip="Ping once more"),
        Binding("c", "ping('a')", "Same action", id="same"),     # same action as "a": not shown
        Binding("d", "pong", "Pong", id="pong"),                 # disabled (check_action None)
        Binding("e", "ping('e')", "Hidden", id="hidden", show=False),
        Binding("f", "ping('f')", "", id="no-description"),                # not shown
    ]

    def __init__(self) -> None:
        super().__init__()
        self.pinged: list[str] = []

    def compose(self):
        yield KeyFooter()

    def check_action(self, action: str, parameters: tuple[object, ...]) -> bool | None:
        return None if action == "pong" else True

    def action_ping(self, which: str) -> None:
        self.pinged.append(which)


class KeysApp(App):
    def __init__(self) -> None:
        super().__init__()
        self.bells = 0

    def on_mount(self) -> None:
        self.push_screen(Keys())

    def bell(self) -> None:
        self.bells += 1


def test_footer_keys_one_per_shown_action_with_their_state():
    async def scenario():
        app = KeysApp()
        async with app.run_test(size=(80, 5)) as pilot:
            await pilot.pause()
            keys = footer_keys(app.screen)
            shown = [(k.key, k.description, k.enabled) for k in keys]
            assert shown[:3] == [("a", "Ping", True), ("b", "Ping again", True), ("d", "Pong", False)]
            assert not {"c", "e", "f"} & {k.key for k in keys}
            footer = app.screen.query_one(KeyFooter)
            assert plain(footer).startswith(" a Ping  b Ping again  d Pong ")
            dim = [span for span in footer.render().spans if getattr(span.style, "dim", False)]
            assert [footer.render().plain[s.start:s.end] for s in dim] == [" d Pong "]
    run(scenario)


def test_a_click_on_a_key_presses_it_and_a_disabled_key_rings_the_bell():
    async def scenario():
        app = KeysApp()
        async with app.run_test(size=(80, 5)) as pilot:
            await pilot.pause()
            footer = app.screen.query_one(KeyFooter)
            start = {k.key: span[0] for k, span in zip(footer.keys, footer._spans)}
            await pilot.click(KeyFooter, offset=(start["b"] + 1, 0))
            await pilot.pause()
            assert app.screen.pinged == ["b"]
            await pilot.click(KeyFooter, offset=(start["d"] + 1, 0))
            await pilot.pause()
            assert app.screen.pinged == ["b"] and app.bells == 1
            await pilot.click(KeyFooter, offset=(79, 0))       # past the last key: nothing
            await pilot.pause()
            assert app.screen.pinged == ["b"] and app.bells == 1
    run(scenario)


def test_the_key_under_the_mouse_is_highlighted_until_it_leaves():
    async def scenario():
        app = KeysApp()
        async with app.run_test(size=(80, 5)) as pilot:
            await pilot.pause()
            footer = app.screen.query_one(KeyFooter)
            before = footer.render()
            await pilot.hover(KeyFooter, offset=(footer._spans[1][0], 0))
            await pilot.pause()
            assert footer.hover == 1 and footer.has_class("-over-key") and footer.tooltip == "Ping once more"
            assert footer.render().spans != before.spans and footer.render().plain == before.plain
            await pilot.hover(None, offset=(10, 1))            # off the footer
            await pilot.pause()
            assert footer.hover is None and not footer.has_class("-over-key") and footer.tooltip is None
    run(scenario)


def test_the_interview_footer_has_every_shown_binding_of_the_screen():
    async def scenario():
        app = app_for()
        async with app.run_test(size=(100, 32)) as pilot:
            await pilot.pause()
            await pilot.press("ctrl+s")
            await pilot.pause()
            screen = app.screen
            assert isinstance(screen, InterviewScreen)
            line = plain(screen.query_one(KeyFooter))
            for _, binding, _, _ in screen.active_bindings.values():
                if binding.show:
                    assert binding.description in line, binding
    run(scenario)


def keys_of(*pairs: tuple[str, str]):
    from mockint.tui.widgets.footer import Key
    return tuple(Key(k, k, d, True, "") for k, d in pairs)


def test_keys_that_do_not_fit_are_drawn_tighter_then_cut_with_an_ellipsis():
    from mockint.tui.widgets.footer import fit
    keys = keys_of(("^a", "Alpha"), ("^b", "Beta"), ("f1", "Help"))
    normal = sum(len(k.display) + len(k.description) + 3 for k in keys)      # " ^a Alpha " ...
    assert fit(keys, normal) == (False, [0, 1, 2])
    assert fit(keys, normal - 1) == (True, [0, 1, 2])                       # "^a Alpha ^b Beta ..."
    assert fit(keys, 1 + 9 + 8 + 1) == (True, [0, 1])                       # + "…": the third does not fit
    assert fit(keys, 3) == (True, [])
    assert fit(keys, 0) == (False, [0, 1, 2])                               # not laid out yet


def test_at_80_columns_the_summary_footer_cuts_its_last_key_and_clicks_still_land():
    async def scenario():
        app = app_for()
        async with app.run_test(size=(80, 24)) as pilot:
            await pilot.pause()
            footer = app.screen.query_one(KeyFooter)
            footer.keys = keys_of(*[(f"^{c}", f"Action {c}") for c in "abcdefgh"])   # 8 x 12 cells
            footer.refresh()
            await pilot.pause()
            line = plain(footer)
            assert len(line) <= 80 and line.endswith("…") and line.startswith(" ^a Action a ^b")
            assert "^h" not in line and footer._spans[-1] == (-1, -1)
            start = footer._spans[1][0]
            assert line[start:start + 2] == "^b"
    run(scenario)
