"""Feedback on one answer: the score, each criterion with its advice, the answer with its marks."""

from __future__ import annotations

from rich.text import Text
from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import Horizontal, VerticalScroll
from textual.widgets import Button, Static

from mockint.core.data.marks import colour as mark_colour
from mockint.core.interview import Turn
from mockint.core.scoring.feedback import bar
from mockint.tui.screens.base import SCROLL_BINDINGS, BaseScreen, ScrollKeys
from mockint.tui.widgets.criterion_bar import CriterionBar
from mockint.tui.widgets.footer import KeyFooter
from mockint.tui.widgets.highlighted import HighlightedAnswer, marks_text


def score_line(label: str, score: int) -> Text:
    colour = mark_colour(score)
    out = Text()
    out.append(f"{label}: ", style="bold")
    out.append(f"{score}/100 ", style=f"bold {colour}")
    out.append(bar(score, 30), style=colour)
    return out


class FeedbackScreen(ScrollKeys, BaseScreen):
    BINDINGS = [Binding("escape", "done", "Continue", id="continue"), *SCROLL_BINDINGS]
    SCROLL_ID = "#feedback-scroll"

    def __init__(self, lang: str, turn: Turn, total: int) -> None:
        super().__init__(lang)
        self.turn, self.total = turn, total

    def compose(self) -> ComposeResult:
        r = self.turn.result
        with VerticalScroll(id="feedback-scroll"):
            yield Static(Text(self.t("fb.title", n=self.turn.number, total=self.total), style="bold"),
                         classes="title")
            yield Static(Text(r.question.text, style="italic"), classes="question")
            yield Static(score_line(self.t("score"), r.score), id="feedback-score")
            for cap in r.caps:
                yield Static(Text(self.t("fb.capped", max=cap.max, reason=cap.reason), style="yellow"))
            for c in r.criteria:
                yield CriterionBar(c.name, c.score, c.passed, c.mode == "bonus")
                yield Static(Text(c.feedback), classes="advice")
            yield Static(Text(self.t("your_answer"), style="bold"), classes="section")
            yield Static(Text(self.t("fb.legend"), style="dim"))
            answer = HighlightedAnswer(r, id="highlighted")
            yield answer
            yield Static(Text(self.t("fb.marks"), style="bold"), classes="section")
            yield Static(marks_text(answer.marks, self.t("fb.more", n="{n}")), id="marks")
        with Horizontal(classes="buttons bottom"):
            yield Button(self.t("key.continue"), id="continue", variant="primary")
        yield KeyFooter()

    def on_mount(self) -> None:
        self.query_one("#continue", Button).focus()

    def action_done(self) -> None:
        self.dismiss(None)

    def on_button_pressed(self, event: Button.Pressed) -> None:
        event.stop()
        self.dismiss(None)
