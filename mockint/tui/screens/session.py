"""One past session, exactly as it was shown: each stored answer with its score, the criteria
(✓/✗ with advice) and the answer with its evidence highlighted, all rendered from the stored
score objects. "Re-score with today's rubric" adds new results (``Store.rescore``) and shows them
beside the originals, which stay."""

from __future__ import annotations

from typing import TYPE_CHECKING

from rich.text import Text
from textual import on, work
from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import Horizontal, Vertical, VerticalScroll
from textual.widgets import Button, Static

from mockint.core.bank import loader
from mockint.core.data.errors import MockintError
from mockint.core.report.session import replies_of
from mockint.tui.dates import local_time
from mockint.tui.screens.base import SCROLL_BINDINGS, BaseScreen, ScrollKeys
from mockint.tui.screens.feedback import score_line
from mockint.tui.widgets.footer import KeyFooter
from mockint.tui.widgets.highlighted import highlighted, marks_text
from mockint.tui.widgets.stored_result import criteria_lines, criteria_text, marks_from_dict

if TYPE_CHECKING:
    from mockint.core.history.records import AnswerRecord, SessionRecord
    from mockint.core.history.store import Store


class SessionScreen(ScrollKeys, BaseScreen):
    BINDINGS = [
        Binding("escape", "back", "Back", id="back"),
        Binding("ctrl+r", "rescore", "Re-score", id="rescore"),
        *SCROLL_BINDINGS,
    ]
    SCROLL_ID = "#session-scroll"

    def __init__(self, lang: str, store: Store, record: SessionRecord) -> None:
        super().__init__(lang)
        self.store, self.record = store, record
        self.busy = False

    def compose(self) -> ComposeResult:
        rec = self.record
        with VerticalScroll(id="session-scroll"):
            yield Static(Text(self.t("sess.title", date=local_time(rec.started_at)), style="bold"),
                         classes="title")
            yield Static(self.meta(), id="session-meta")
            if not rec.answers:
                yield Static(Text(self.t("sess.no_answers"), style="yellow"))
            else:
                yield Static(Text(self.t("fb.legend"), style="dim"))
            for a in rec.answers:
                yield from self.answer_widgets(a)
        with Horizontal(classes="buttons bottom"):
            yield Button(self.t("sess.rescore"), id="rescore", variant="primary", disabled=not rec.answers)
            yield Button(self.t("key.back"), id="back")
        yield KeyFooter()

    def on_mount(self) -> None:
        self.query_one("#session-scroll").focus()

    def meta(self) -> Text:
        rec = self.record
        score = "—" if rec.score is None else str(rec.score)
        out = Text(self.t("sess.meta", language=self.t(f"lang.{rec.lang}"), n=rec.n_answers,
                          total=len(rec.question_ids), score=score))
        if not rec.finished:
            out.append(f" · {self.t('sess.unfinished')}", style="yellow")
        return out

    def answer_widgets(self, a: AnswerRecord) -> ComposeResult:
        if not a.results:
            return
        shown = a.shown
        result = shown.result
        n = a.index + 1
        yield Static(Text(self.t("sess.question", n=n, question=a.question_text), style="bold"),
                     classes="section", id=f"q-{n}")
        yield Static(score_line(self.t("score"), int(result.get("score", shown.score))), id=f"score-{n}")
        for cap in result.get("caps", []) or []:
            yield Static(Text(self.t("fb.capped", max=cap.get("max", ""), reason=cap.get("reason", "")),
                              style="yellow"))
        blocks: list[Static] = []
        for line, advice in criteria_lines(result):
            blocks.append(Static(line))
            if advice:
                blocks.append(Static(Text(advice), classes="advice"))   # wraps under itself, indented
        yield Vertical(*blocks, id=f"criteria-{n}", classes="criteria")
        if a.follow_up and a.follow_up.get("question"):
            yield Static(Text(self.t("sess.follow_up", question=a.follow_up["question"]), style="italic"))
        for rep in replies_of(a.follow_up):
            yield Static(Text(self.t("sess.reply", asked=rep["asked"], reply=rep["reply"])), classes="reply")
        marks = marks_from_dict(result, a.answer)
        yield Static(highlighted(a.answer, marks), id=f"answer-{n}", classes="highlighted")
        if marks:
            yield Static(marks_text(marks, self.t("fb.more", n="{n}")), id=f"marks-{n}")
        for later in a.results:
            if later is shown:
                continue
            line = Text(self.t("sess.rescored", version=later.rubric_version, date=local_time(later.created_at),
                               score=later.score), style="bold cyan")
            line.append("\n")
            line.append_text(criteria_text(later.result))
            yield Static(line, classes="rescored")

    # -- re-scoring
    def action_rescore(self) -> None:
        if self.busy or not self.record.answers:
            return
        self.busy = True
        self.query_one("#rescore", Button).disabled = True
        self.notify(self.t("sess.rescoring"))
        self.rescore()

    @work(thread=True, exclusive=True, group="rescore")
    def rescore(self) -> None:
        try:
            added = self.store.rescore(self.record.id, loader.scorer)
            record = self.store.session(self.record.id)
        except MockintError as exc:
            self.app.call_from_thread(self.rescore_failed, str(exc))
            return
        # an async callback: Textual's call_from_thread types it as returning Awaitable[Never] for mypy
        self.app.call_from_thread(self.rescored, added, record)  # type: ignore[arg-type]

    def rescore_failed(self, message: str) -> None:
        self.busy = False
        self.query_one("#rescore", Button).disabled = False
        self.notify(message, title=self.t("error"), severity="error", timeout=8, markup=False)

    async def rescored(self, added: int, record: SessionRecord) -> None:
        self.busy = False
        self.record = record
        self.notify(self.t("sess.rescore_done", n=added) if added else self.t("sess.rescore_same"))
        await self.recompose()
        self.query_one("#session-scroll").focus()

    # -- leaving
    def action_back(self) -> None:
        self.dismiss(None)

    @on(Button.Pressed, "#rescore")
    def rescore_pressed(self) -> None:
        self.action_rescore()

    @on(Button.Pressed, "#back")
    def back_pressed(self) -> None:
        self.action_back()
