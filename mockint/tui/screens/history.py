"""The history: a table of past sessions (date, language, answers, score), sortable by a click on
a column header or with keys, filtered by what is typed (a language, a question id, a date, a
word of an answer, a role-play call's title or scenario). Enter or a click on the highlighted row
opens the session. The State column takes the room the others leave; a longer state ends in "…".

This module (and with it ``DataTable``, ~2 ms) is imported when the history is first opened, not
with the app (start-up stays quick); the table's messages are handled by name (``on_data_table_...``)."""

from __future__ import annotations

from typing import TYPE_CHECKING

from rich.text import Text
from textual import on
from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import Horizontal, Vertical
from textual.widgets import Button, DataTable, Input, Static

from mockint.core.data.errors import MockintError
from mockint.core.data.marks import colour as mark_colour
from mockint.core.data.strings import STRINGS, tr
from mockint.tui.dates import local_time
from mockint.tui.screens.base import BaseScreen
from mockint.tui.screens.start import LANGUAGES
from mockint.tui.widgets.footer import KeyFooter

if TYPE_CHECKING:
    from mockint.core.history.records import SessionRow
    from mockint.core.history.store import Store

COLUMNS = ("date", "lang", "answers", "score", "state")
SORTABLE = ("date", "lang", "answers", "score")
EDGES = 4 + 2             # the box's padding and the table's scroll bar


def plain_text(text: str) -> str:
    """Lower case, without diacritics: "Vindeți" is found by "vindeti" too."""
    import unicodedata

    return "".join(c for c in unicodedata.normalize("NFD", text.casefold()) if not unicodedata.combining(c))


def language_names() -> dict[str, set[str]]:
    """Each language's code and names (in both languages, and its own name), lower case."""
    out = {code: {code, name.lower()} for name, code in LANGUAGES}
    for code in out:
        out[code] |= {tr(ui, f"lang.{code}").lower() for ui in STRINGS}
    return out


def score_cell(score: int | None) -> Text:
    if score is None:
        return Text("—", style="dim", justify="right")
    colour = mark_colour(score)
    return Text(str(score), style=f"bold {colour}", justify="right")


def call_titles(rows: list[SessionRow]) -> dict[str, str]:
    """Each role-play call's scenario title, in the session's language (its id when not found)."""
    langs = {r.lang for r in rows if r.scenario}
    if not langs:
        return {}
    from mockint.core.roleplay import titles  # deferred: the role-play package, only when calls are listed

    found = {lang: titles(lang) for lang in langs}
    return {r.id: found[r.lang].get(r.scenario, r.scenario) for r in rows if r.scenario}


class HistoryScreen(BaseScreen):
    BINDINGS = [
        Binding("escape", "back", "Back", id="back"),
        Binding("ctrl+s", "sort", "Sort", id="sort"),
        Binding("ctrl+r", "reverse", "Reverse order", id="reverse"),
        Binding("ctrl+f", "filter", "Filter", id="filter"),
    ]

    def __init__(self, lang: str, store: Store) -> None:
        super().__init__(lang)
        self.store = store
        self.rows: list[SessionRow] = []
        self.shown: list[SessionRow] = []
        self.sort_by, self.descending = "date", True
        self.query_text = ""
        self._dates: dict[str, str] = {}
        self._calls: dict[str, str] = {}        # session id -> the call's scenario title (in its language)
        self._widths: dict[str, int] = {}

    def compose(self) -> ComposeResult:
        with Vertical(id="history-box"):
            yield Static(Text(self.t("hist.title"), style="bold"), classes="title")
            yield Input(placeholder=self.t("hist.filter"), id="history-filter", compact=True)
            yield DataTable(id="history-table", cursor_type="row", zebra_stripes=True)
            yield Static(id="history-status")
        with Horizontal(classes="buttons bottom"):
            yield Button(self.t("key.progress"), id="to-progress")
            yield Button(self.t("key.back"), id="back")
        yield KeyFooter()

    def on_mount(self) -> None:
        try:
            self.rows = self.store.sessions()
        except MockintError as exc:
            self.notify(self.t("hist.off", reason=str(exc)), severity="error", markup=False)
            self.rows = []
        self._dates = {r.id: local_time(r.started_at) for r in self.rows}
        self._calls = call_titles(self.rows)
        self.populate()
        self.table.focus()

    @property
    def table(self) -> DataTable:
        return self.query_one("#history-table", DataTable)

    # -- what is shown
    def filtered(self) -> list[SessionRow]:
        """The rows the filter keeps: a language (its code or name, in either language) keeps that
        language's sessions; anything else matches a date ("2026-03") or, through the store, a
        session id, a question id or text, or a word of an answer; a role-play call by its title or
        scenario id ("pen", "Sell" find "role-play: Sell me this pen")."""
        q = self.query_text.strip().lower()
        rows = self.rows
        if q:
            lang = next((code for code, names in language_names().items() if q in names), None)
            if lang is not None:
                return self.sorted([r for r in rows if r.lang == lang])
            try:
                found = {r.id for r in self.store.sessions(query=q)}
            except MockintError:
                found = set()
            rows = [r for r in rows if r.id in found or q in self._dates[r.id] or self.is_call(r, q)]
        return self.sorted(rows)

    def is_call(self, r: SessionRow, q: str) -> bool:
        """Whether ``r`` is a role-play call whose title, scenario id or "role-play" label holds ``q``."""
        if not r.scenario:
            return False
        hay = (self._calls.get(r.id, ""), r.scenario, self.t("hist.roleplay", scenario="").rstrip(": "))
        return any(plain_text(q) in plain_text(h) for h in hay)

    def sorted(self, rows: list[SessionRow]) -> list[SessionRow]:
        key = {"date": lambda r: r.started_at,
               "lang": lambda r: (self.t(f"lang.{r.lang}"), r.started_at),
               "answers": lambda r: (r.n_answers, r.started_at),
               "score": lambda r: (r.score or 0, r.started_at)}[self.sort_by]
        if self.sort_by == "score":        # sessions without a score last, either way
            scored = sorted((r for r in rows if r.score is not None), key=key, reverse=self.descending)
            return scored + sorted((r for r in rows if r.score is None), key=lambda r: r.started_at, reverse=True)
        return sorted(rows, key=key, reverse=self.descending)

    def populate(self) -> None:
        table = self.table
        table.clear(columns=True)
        arrow = "↓" if self.descending else "↑"
        self.shown = self.filtered()
        self._widths = widths = self.widths()
        for col in COLUMNS:
            label = self.t(f"hist.col.{col}")
            if col == self.sort_by:
                label = f"{label} {arrow}"
            table.add_column(Text(label, justify="right" if col in ("answers", "score") else "left"),
                             key=col, width=widths[col])
        for r in self.shown:
            state = self.state(r)
            table.add_row(self._dates[r.id], self.t(f"lang.{r.lang}"), Text(str(r.n_answers), justify="right"),
                          score_cell(r.score), Text(state, style="yellow", no_wrap=True, overflow="ellipsis"),
                          key=r.id)                                             # cut: "…"
        self.query_one("#history-status", Static).update(self.status())

    def widths(self) -> dict[str, int]:
        """Fixed column widths (the header with its arrow, or the widest value): the table then
        never measures its cells, which keeps a long history quick to show. The state gets the room
        the other columns leave (each has a column of padding on either side), at least its
        header's: at 80 columns it ran past the table's edge, cut with no "…"."""
        head = {c: len(self.t(f"hist.col.{c}")) + 2 for c in COLUMNS}
        out = {"date": max(head["date"], 16),
               "lang": max([head["lang"]] + [len(self.t(f"lang.{code}")) for _, code in LANGUAGES]),
               "answers": head["answers"], "score": max(head["score"], 3)}
        longest = max([head["state"], len(self.t("hist.unfinished"))] + [len(self.state(r)) for r in self.shown])
        room = self.app.size.width - EDGES - sum(w + 2 for w in out.values()) - 2
        return {**out, "state": max(min(longest, room), head["state"])}

    def on_resize(self) -> None:
        if self._widths and self.widths() != self._widths:
            row = self.table.cursor_row
            self.populate()
            if 0 <= row < len(self.shown):
                self.table.move_cursor(row=row)

    def state(self, r: SessionRow) -> str:
        """Unfinished, and for a role-play call its scenario."""
        bits = [] if r.finished else [self.t("hist.unfinished")]
        if r.scenario:
            bits.append(self.t("hist.roleplay", scenario=self._calls.get(r.id, r.scenario)))
        return " · ".join(bits)

    def status(self) -> Text:
        if not self.rows:
            return Text(self.t("hist.empty"), style="italic")
        if not self.shown:
            return Text(self.t("hist.no_match", query=self.query_text.strip()), style="yellow")
        return Text(self.t("hist.status", shown=len(self.shown), total=len(self.rows),
                           column=self.t(f"hist.col.{self.sort_by}").lower(),
                           arrow="↓" if self.descending else "↑"), style="dim")

    # -- sorting and filtering
    def sort(self, column: str) -> None:
        if column not in SORTABLE:
            return
        if column == self.sort_by:
            self.descending = not self.descending
        else:
            self.sort_by, self.descending = column, column != "lang"
        self.populate()

    def action_sort(self) -> None:
        """The next column (date, language, answers, score)."""
        nxt = SORTABLE[(SORTABLE.index(self.sort_by) + 1) % len(SORTABLE)]
        self.sort(nxt)

    def action_reverse(self) -> None:
        self.sort(self.sort_by)

    def action_filter(self) -> None:
        self.query_one("#history-filter", Input).focus()

    def on_data_table_header_selected(self, event: DataTable.HeaderSelected) -> None:
        event.stop()
        self.sort(str(event.column_key.value))

    @on(Input.Changed, "#history-filter")
    def filter_changed(self, event: Input.Changed) -> None:
        self.query_text = event.value
        self.populate()

    @on(Input.Submitted, "#history-filter")
    def filter_submitted(self) -> None:
        self.table.focus()

    # -- opening a session, leaving
    def on_data_table_row_selected(self, event: DataTable.RowSelected) -> None:
        event.stop()
        self.open_session(str(event.row_key.value))

    def open_session(self, session_id: str) -> None:
        from mockint.tui.screens.session import SessionScreen  # deferred: ~11 ms; only when a session is opened

        try:
            record = self.store.session(session_id)
        except MockintError as exc:
            self.notify(str(exc), title=self.t("error"), severity="error", markup=False)
            return
        if record.call is not None:                   # a role-play call: its score, as it was shown
            if record.call["result"] is None:
                return
            from mockint.core.roleplay import CallResult  # deferred: the role-play package ~21 ms; only for a call
            from mockint.tui.screens.roleplay import CallSummaryScreen  # deferred: its screens ~26 ms; only for a call

            try:
                result = CallResult.from_dict(record.call["result"])
            except MockintError as exc:
                self.notify(str(exc), title=self.t("error"), severity="error", markup=False)
                return
            self.app.push_screen(CallSummaryScreen(result, stored=True))
            return
        self.app.push_screen(SessionScreen(self.lang, self.store, record))

    def action_back(self) -> None:
        self.dismiss(None)

    @on(Button.Pressed, "#back")
    def back_pressed(self) -> None:
        self.action_back()

    @on(Button.Pressed, "#to-progress")
    def progress_pressed(self) -> None:
        self.app.action_progress()
