"""F1: every key binding of the app, by where it works."""

from __future__ import annotations

from rich.text import Text
from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import Vertical, VerticalScroll
from textual.widgets import Button, Static

from mockint.tui.screens.base import SCROLL_BINDINGS, BaseModal, ScrollKeys
from mockint.tui.widgets.footer import KeyFooter

# (where, [(key display, description)])
Sections = list[tuple[str, list[tuple[str, str]]]]


def help_text(sections: Sections) -> Text:
    out = Text()
    for where, rows in sections:
        out.append(f"{where}\n", style="bold underline")
        for key, what in rows:
            out.append(f"  {key:<12}", style="bold")
            out.append(f"{what}\n")
        out.append("\n")
    out.rstrip()
    return out


class HelpScreen(ScrollKeys, BaseModal):
    BINDINGS = [Binding("escape,f1", "close", "Close", id="close"), *SCROLL_BINDINGS]
    SCROLL_ID = "#help-scroll"

    def __init__(self, lang: str, sections: Sections) -> None:
        super().__init__(lang)
        self.sections = sections

    def compose(self) -> ComposeResult:
        with Vertical(id="help-box", classes="dialog"):
            yield Static(Text(self.t("help.title"), style="bold"), classes="title")
            with VerticalScroll(id="help-scroll"):
                yield Static(help_text(self.sections), id="help-text")
            yield Button(self.t("key.close"), id="close", variant="primary")
        yield KeyFooter()

    def on_mount(self) -> None:
        self.query_one("#help-scroll").focus()

    def action_close(self) -> None:
        self.dismiss(None)

    def on_button_pressed(self, event: Button.Pressed) -> None:
        event.stop()
        self.dismiss(None)
