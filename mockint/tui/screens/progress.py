"""Progress over the history, in one language: a sparkline per criterion (each answered session's
figure as its summary showed it, oldest to newest) and, for each question answered more than once,
what changed between the last two attempts, rule by rule ("+ 2 × a number", "− 2 × a hedge")."""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import TYPE_CHECKING, Any

from rich.text import Text
from textual import on, work
from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import Horizontal, Vertical, VerticalScroll
from textual.widgets import Button, Static

from mockint.core.bank import loader
from mockint.core.data.errors import MockintError
from mockint.core.report import progress
from mockint.tui.dates import local_time
from mockint.tui.screens.base import SCROLL_BINDINGS, BaseScreen, ScrollKeys
from mockint.tui.widgets.footer import KeyFooter

if TYPE_CHECKING:
    from mockint.core.history.store import Store

NAME_WIDTH = 30


def mean(values) -> float:
    return sum(values) / len(values)


@dataclass
class Trend:
    criterion: str
    name: str
    scores: list[float]           # 0..1, one per answered session, oldest first


@dataclass
class ProgressData:
    trends: list[Trend] = field(default_factory=list)
    repeats: list[dict[str, Any]] = field(default_factory=list)
    sessions: list[str] = field(default_factory=list)     # started_at of each answered session
    error: str | None = None
    best: list[str] = field(default_factory=list)         # the names of criteria counted by their best answer


def load_progress(store: Store, lang: str) -> ProgressData:
    """Everything the screen shows, read from the store (run in a worker thread)."""
    try:
        trend = progress.criterion_trend(store, lang)
        repeats = progress.repeated_questions(store, lang)
    except MockintError as exc:
        return ProgressData(error=str(exc))
    try:
        names = {c.id: c.name for c in loader.rubric(lang).criteria}
    except MockintError:  # pragma: no cover - the built-in rubric always loads
        names = {}
    sessions = sorted({started for points in trend.values() for started, _ in points})
    best = [names.get(c, c) for c in trend if c in progress.bonus_criteria(lang)]
    return ProgressData([Trend(c, names.get(c, c), [s for _, s in points]) for c, points in trend.items()],
                        repeats, sessions, best=best)


BLOCKS = " ▁▂▃▄▅▆▇█"


class ScoreStrip(Static):
    """One bar per answered session, on an absolute 0-100 scale (a Sparkline scales to its own
    lowest and highest value: one session at 59 % drew a full bar). Colour by level, as the
    figures beside it."""

    def __init__(self, data: list[float], **kw) -> None:
        self.data = list(data)
        super().__init__(self.strip(self.data), **kw)

    @staticmethod
    def strip(data: list[float], width: int = 36) -> Text:
        out = Text()
        for v in data[-width:]:
            level = min(max(v, 0.0), 1.0)
            colour = "green" if level >= 0.6 else ("yellow" if level >= 0.4 else "red")
            out.append(BLOCKS[max(1, round(level * (len(BLOCKS) - 1)))], style=colour)
        return out


def trend_label(name: str) -> Text:
    shown = name if len(name) <= NAME_WIDTH else name[:NAME_WIDTH - 1] + "…"
    return Text(f"{shown:<{NAME_WIDTH}}")


def trend_figure(scores: list[float], last_text: str) -> Text:
    last = round(scores[-1] * 100)
    delta = last - round(scores[0] * 100)
    colour = "green" if last >= 60 else ("yellow" if last >= 40 else "red")
    out = Text(f" {last_text}", style=colour)
    if len(scores) > 1:
        out.append(f" ({delta:+d})", style="green" if delta > 0 else ("red" if delta < 0 else "dim"))
    return out


class ProgressScreen(ScrollKeys, BaseScreen):
    BINDINGS = [Binding("escape", "back", "Back", id="back"), *SCROLL_BINDINGS]
    SCROLL_ID = "#progress-scroll"

    def __init__(self, lang: str, store: Store) -> None:
        super().__init__(lang)
        self.store = store
        self.data: ProgressData | None = None

    def compose(self) -> ComposeResult:
        with VerticalScroll(id="progress-scroll"):
            yield Static(Text(self.t("prog.title"), style="bold"), classes="title")
            yield Static(Text(self.t("prog.loading"), style="dim"), id="progress-status")
            yield Vertical(id="trends")
            yield Vertical(id="repeats")
        with Horizontal(classes="buttons bottom"):
            yield Button(self.t("key.back"), id="back")
        yield KeyFooter()

    def on_mount(self) -> None:
        self.query_one("#progress-scroll").focus()
        self.load()

    @work(thread=True, exclusive=True, group="progress")
    def load(self) -> None:
        data = load_progress(self.store, self.lang)
        self.app.call_from_thread(self.show, data)

    def show(self, data: ProgressData) -> None:
        self.data = data
        status = self.query_one("#progress-status", Static)
        if data.error:
            status.update(Text(self.t("hist.off", reason=data.error), style="red"))
            return
        if not data.trends:
            status.update(Text(self.t("prog.empty"), style="italic"))
            return
        first, last = local_time(data.sessions[0])[:10], local_time(data.sessions[-1])[:10]
        status.update(Text(self.t("prog.sessions", n=len(data.sessions), first=first, last=last), style="dim"))
        trends = self.query_one("#trends", Vertical)
        trends.mount(Static(Text(self.t("prog.trends", language=self.t(f"lang.{self.lang}")), style="bold"),
                            classes="section"))
        for t in data.trends:
            trends.mount(Horizontal(
                Static(trend_label(t.name), classes="trend-name"),
                ScoreStrip(t.scores, id=f"spark-{t.criterion}", classes="trend-spark"),
                Static(trend_figure(t.scores, self.t("prog.last", score=round(t.scores[-1] * 100))),
                       classes="trend-figure"),
                classes="trend"))
        if data.best:             # why Questions back reads 100 % where the answers average 19 %: as the summary
            trends.mount(Static(Text(self.t("prog.note", best=", ".join(data.best)), style="dim"), id="progress-note"))
        repeats = self.query_one("#repeats", Vertical)
        repeats.mount(Static(Text(self.t("prog.attempts"), style="bold"), classes="section"))
        if not data.repeats:
            repeats.mount(Static(Text(self.t("prog.no_repeats"), style="italic"), id="no-repeats"))
            return
        for i, r in enumerate(data.repeats):
            repeats.mount(Static(self.repeat_text(r), id=f"repeat-{i}", classes="repeat"))

    def repeat_text(self, r: dict[str, Any]) -> Text:
        old, new = r["scores"]
        out = Text()
        out.append(r["question_text"], style="bold")
        out.append(f"  ({r['question_id']})  ", style="dim")
        out.append(f"{old} → ", style="dim")
        out.append(str(new), style="bold green" if new > old else ("bold red" if new < old else "bold"))
        if not r["changes"]:
            out.append(f"\n    {self.t('prog.no_change')}", style="dim")
        for text, better in r["changes"]:
            out.append(f"\n    {text}", style="green" if better else "red")
        return out

    def action_back(self) -> None:
        self.dismiss(None)

    @on(Button.Pressed, "#back")
    def back_pressed(self) -> None:
        self.action_back()
