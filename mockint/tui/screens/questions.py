"""The question browser: every question of a language (built-in and the user's, the source
marked), searched by id or words of the text, filtered by a tag; Enter opens a question's details.
Built-in questions are read-only ("Copy to customise" opens the form pre-filled with a new id);
the user's open in the form (``question_form``). User files that do not load never stop it: each
problem is shown on one line, and everything else is listed.

This module (and with it ``DataTable``, ~2 ms) is imported when the browser is first opened, not
with the app (start-up stays quick)."""

from __future__ import annotations

from rich.text import Text
from textual import on
from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import Horizontal, Vertical, VerticalScroll
from textual.widgets import Button, DataTable, Input, Select, Static

from mockint.core.bank import loader
from mockint.core.data.errors import MockintError
from mockint.core.data.strings import tag
from mockint.core.questions.bank import DIFFICULTIES, KINDS, TOPICS, Question
from mockint.core.questions.guide import facts
from mockint.tui.screens.base import BaseScreen
from mockint.tui.screens.start import LANGUAGES
from mockint.tui.widgets.footer import KeyFooter

COLUMNS = ("id", "lang", "source", "topic", "text", "kind", "difficulty")     # in a table wide enough (layout)
TAGS = tuple(dict.fromkeys(TOPICS + KINDS + DIFFICULTIES))
WIDTHS = {"lang": 4, "source": 11, "topic": 16, "kind": 11, "difficulty": 10}
ID_WIDTH = 24             # longer ids (yours can have 48 characters) end in "…"
ROOMY_TEXT = 40           # the text's width below which language, then topic, go after it
WHOLE_ROW = 60            # the text's width from which kind and difficulty are seen beside it
EDGES = 4 + 2             # the box's padding and the table's scroll bar


def layout(width: int, id_width: int) -> tuple[list[str], dict[str, int]]:
    """The columns in their order and widths for a table ``width`` columns wide (each column has a
    column of padding on either side). The text takes the room the columns before it leave: at 80
    columns it had 14 (the rest scrolled), so in a narrow table the language, then the topic, move
    after it; in a wide one kind and difficulty are seen too."""
    widths = {"id": id_width, **WIDTHS}
    before, after = ["id", "lang", "source", "topic"], ["kind", "difficulty"]

    def room(columns: list[str]) -> int:
        return width - sum(widths[c] + 2 for c in columns) - 2

    for optional in ("lang", "topic"):
        if room(before) >= ROOMY_TEXT:
            break
        before.remove(optional)
        after.insert(0, optional)
    text, beside = room(before), sum(widths[c] + 2 for c in after)
    if text - beside >= WHOLE_ROW:                   # room for the columns after it too
        text -= beside
    widths["text"] = max(text, 20)
    return [*before, "text", *after], widths


def source_of(q: Question, overridden: set[str]) -> str:
    """``builtin``, ``yours`` or ``override``."""
    if not q.user:
        return "builtin"
    return "override" if q.id in overridden else "yours"


def load(lang: str) -> tuple[list[Question], set[str], list[str]]:
    """(questions, ids of user questions that replace built-in ones, problems as lines)."""
    try:
        cat = loader.catalogue(lang)
    except MockintError as exc:              # never expected; still, never stop the browser
        try:
            return list(loader._builtin_bank(lang).questions), set(), [str(exc)]
        except MockintError:
            return [], set(), [str(exc)]
    return list(cat.bank.questions), set(cat.overridden), [str(p) for p in cat.problems]


class PractiseKey:
    """Practise (Ctrl+S) is shown dimmed and does nothing while a role-play call goes on below the
    browser (the interview would take its place)."""

    def check_action(self, action: str, parameters: tuple[object, ...]) -> bool | None:
        if action == "practise" and self.app.in_call():      # type: ignore[attr-defined]
            return None
        return True


class QuestionsScreen(PractiseKey, BaseScreen):
    BINDINGS = [
        Binding("escape", "back", "Back", id="back"),
        Binding("ctrl+s", "practise", "Practise", id="practise"),
        Binding("ctrl+f", "search", "Search", id="search"),
        Binding("ctrl+n", "new", "New question", id="new_question"),
    ]

    def __init__(self, lang: str, browse_lang: str | None = None, select: str | None = None) -> None:
        super().__init__(lang)
        self.browse_lang = browse_lang or lang
        self.questions: list[Question] = []
        self.overridden: set[str] = set()
        self.problems: list[str] = []
        self.shown: list[Question] = []
        self.query_text = ""
        self.tag: str | None = None
        self.select_id = select
        self._layout: tuple[list[str], dict[str, int]] | None = None

    def compose(self) -> ComposeResult:
        with Vertical(id="questions-box"):
            yield Static(Text(self.t("qb.title"), style="bold"), classes="title")
            with Horizontal(id="questions-bar"):
                yield Input(placeholder=self.t("qb.search"), id="questions-search", compact=True)
                yield Select([(tag(self.lang, t), t) for t in TAGS], prompt=self.t("qb.all_tags"), id="questions-tag",
                             compact=True)
                yield Select(LANGUAGES, value=self.browse_lang, allow_blank=False, id="questions-lang",
                             compact=True)
            yield DataTable(id="questions-table", cursor_type="row", zebra_stripes=True)
            yield Static(id="questions-problems")
            yield Static(id="questions-status")
        with Horizontal(classes="buttons bottom"):
            yield Button(self.t("key.practise"), id="questions-practise", variant="primary")
            yield Button(self.t("key.new_question"), id="questions-new")
            yield Button(self.t("key.back"), id="back")
        yield KeyFooter()

    def on_mount(self) -> None:
        self.reload(select=self.select_id)
        self.table.focus()
        if self.problems:                  # once, on opening; the lines stay under the table
            self.notify(self.t("qb.problems", n=len(self.problems)), severity="warning", markup=False)

    @property
    def table(self) -> DataTable:
        return self.query_one("#questions-table", DataTable)

    def reload(self, select: str | None = None) -> None:
        self.questions, self.overridden, self.problems = load(self.browse_lang)
        problems = self.query_one("#questions-problems", Static)
        if self.problems:
            lines = Text(self.t("qb.problems", n=len(self.problems)) + "\n", style="bold yellow")
            lines.append("\n".join(self.problems), style="yellow")
            problems.update(lines)
            problems.display = True
        else:
            problems.update("")
            problems.display = False
        self.populate(select)

    # -- what is shown
    def filtered(self) -> list[Question]:
        words = self.query_text.lower().split()
        out = []
        for q in self.questions:
            if self.tag and self.tag not in q.tags.values():
                continue
            hay = f"{q.id} {q.text}".lower()
            if all(w in hay for w in words):
                out.append(q)
        return out

    def columns(self) -> tuple[list[str], dict[str, int]]:
        longest = max([len(q.id) for q in self.questions] + [len(self.t("qb.col.id"))])
        return layout(self.app.size.width - EDGES, min(longest, ID_WIDTH))

    def on_resize(self) -> None:
        if self.questions and self.columns() != self._layout:
            self.populate(select=self.selected_id())

    def populate(self, select: str | None = None) -> None:
        table = self.table
        table.clear(columns=True)
        self._layout = order, widths = self.columns()
        for col in order:
            table.add_column(self.t(f"qb.col.{col}"), key=col, width=widths[col])
        self.shown = self.filtered()
        styles = {"builtin": "dim", "yours": "green", "override": "bold green"}
        labels = {"builtin": "qb.builtin", "yours": "qb.yours", "override": "qb.override_short"}
        for q in self.shown:
            src = source_of(q, self.overridden)
            cells = {"id": Text(q.id, no_wrap=True, overflow="ellipsis"), "lang": q.lang,      # cut: "…"
                     "source": Text(self.t(labels[src]), style=styles[src]), "topic": tag(self.lang, q.topic),
                     "text": Text(q.text, no_wrap=True, overflow="ellipsis"), "kind": tag(self.lang, q.kind),
                     "difficulty": tag(self.lang, q.difficulty)}
            table.add_row(*(cells[col] for col in order), key=q.id)
        if select is not None:
            ids = [q.id for q in self.shown]
            if select in ids:
                table.move_cursor(row=ids.index(select))
        status = self.query_one("#questions-status", Static)
        if not self.shown:
            status.update(Text(self.t("qb.no_match"), style="yellow"))
        else:
            status.update(Text(self.t("qb.status", shown=len(self.shown), total=len(self.questions)),
                               style="dim"))

    def selected_id(self) -> str | None:
        table = self.table
        if not self.shown or table.cursor_row < 0 or table.cursor_row >= len(self.shown):
            return None
        return self.shown[table.cursor_row].id

    # -- searching and filtering
    @on(Input.Changed, "#questions-search")
    def search_changed(self, event: Input.Changed) -> None:
        self.query_text = event.value
        self.populate()

    @on(Input.Submitted, "#questions-search")
    def search_submitted(self) -> None:
        self.table.focus()

    @on(Select.Changed, "#questions-tag")
    def tag_changed(self, event: Select.Changed) -> None:
        self.tag = event.value if isinstance(event.value, str) else None     # blank: all tags
        self.populate()

    @on(Select.Changed, "#questions-lang")
    def lang_changed(self, event: Select.Changed) -> None:
        if event.value != self.browse_lang:
            self.browse_lang = str(event.value)
            self.reload()

    def action_search(self) -> None:
        self.query_one("#questions-search", Input).focus()

    # -- opening, adding, leaving
    def on_data_table_row_selected(self, event: DataTable.RowSelected) -> None:
        event.stop()
        self.open_question(str(event.row_key.value))

    def question(self, qid: str) -> Question | None:
        return next((q for q in self.questions if q.id == qid), None)

    def selected(self) -> Question | None:
        qid = self.selected_id()
        return self.question(qid) if qid is not None else None

    def action_practise(self) -> None:
        """A one-question interview on the selected question (``MockintApp.practise``)."""
        q = self.selected()
        if q is not None:
            self.app.practise(q)

    @on(Button.Pressed, "#questions-practise")
    def practise_pressed(self) -> None:
        self.action_practise()

    def open_question(self, qid: str) -> None:
        q = self.question(qid)
        if q is not None:
            self.app.push_screen(QuestionScreen(self.lang, q, source_of(q, self.overridden)))

    def open_form(self, question: Question | None = None, mode: str = "new") -> None:
        # deferred: ~6 ms; only when the form is opened
        from mockint.tui.screens.question_form import QuestionFormScreen

        def saved(qid: str | None) -> None:
            self.reload(select=qid)

        self.app.push_screen(QuestionFormScreen(self.lang, self.browse_lang, question, mode), saved)

    def action_new(self) -> None:
        self.open_form()

    @on(Button.Pressed, "#questions-new")
    def new_pressed(self) -> None:
        self.action_new()

    def action_back(self) -> None:
        self.dismiss(None)

    @on(Button.Pressed, "#back")
    def back_pressed(self) -> None:
        self.action_back()


class QuestionScreen(PractiseKey, BaseScreen):
    """One question's details; built-in: read-only, with "Copy to customise"; the user's: "Edit"."""

    BINDINGS = [
        Binding("escape", "back", "Back", id="back"),
        Binding("ctrl+s", "practise", "Practise", id="practise"),
        Binding("ctrl+e", "edit", "Edit", id="edit"),
    ]

    def __init__(self, lang: str, question: Question, source: str) -> None:
        super().__init__(lang)
        self.question = question
        self.source = source

    def details(self) -> Text:
        q = self.question
        label = {"builtin": "qb.builtin", "yours": "qb.yours", "override": "qb.override"}[self.source]
        out = Text()
        out.append(q.text + "\n\n", style="bold")
        out.append(f"{q.id} · {self.t(label)}\n", style="dim")
        out.append(f"{self.t('qd.tags')}: ", style="bold")
        out.append(f"{tag(self.lang, q.topic)}, {tag(self.lang, q.kind)}, {tag(self.lang, q.difficulty)}\n")
        out.append(self.t("qd.time", seconds=q.seconds, min=q.min_words, max=q.max_words) + "\n")
        if q.user and q.source:
            out.append(self.t("qd.source", source=q.source) + "\n", style="dim")
        known = facts()
        out.append(f"\n{self.t('qd.guide')}\n", style="bold")
        if not q.guide:
            out.append(f"  {self.t('none')}\n", style="dim")
        for g in q.guide:
            fact = known.get(g)
            out.append(f"  • {g}: {fact.text(self.lang) if fact else ''}\n")
        out.append(f"\n{self.t('qd.points')}\n", style="bold")
        if not q.talking_points:
            out.append(f"  {self.t('none')}\n", style="dim")
        for i, p in enumerate(q.talking_points, 1):
            out.append(f"  {i}. {p.summary}\n")
            out.append(f"     {self.t('qd.phrases')}: {', '.join(p.phrases)}\n", style="dim")
            out.append(f"     {self.t('follow_up')}: {p.follow_up}\n", style="italic")
        return out

    def compose(self) -> ComposeResult:
        with VerticalScroll(id="question-scroll"):
            yield Static(Text(self.question.id, style="bold"), classes="title")
            if self.source == "builtin":
                yield Static(Text(self.t("qd.readonly"), style="italic"), id="question-readonly")
            yield Static(self.details(), id="question-details")
        with Horizontal(classes="buttons bottom"):
            yield Button(self.t("key.practise"), id="question-practise", variant="primary")
            if self.source == "builtin":
                yield Button(self.t("key.copy"), id="question-copy")
            else:
                yield Button(self.t("key.edit"), id="question-edit")
            yield Button(self.t("key.back"), id="back")
        yield KeyFooter()

    def browser(self) -> QuestionsScreen | None:
        return next((s for s in reversed(self.app.screen_stack) if isinstance(s, QuestionsScreen)), None)

    def action_edit(self) -> None:
        browser = self.browser()
        mode = "copy" if self.source == "builtin" else "edit"
        self.dismiss(None)
        if browser is not None:      # from the browser: the form's result goes back to it
            browser.call_later(browser.open_form, self.question, mode)

    def action_practise(self) -> None:
        self.app.practise(self.question)

    @on(Button.Pressed, "#question-practise")
    def practise_pressed(self) -> None:
        self.action_practise()

    @on(Button.Pressed, "#question-copy")
    def copy_pressed(self) -> None:
        self.action_edit()

    @on(Button.Pressed, "#question-edit")
    def edit_pressed(self) -> None:
        self.action_edit()

    def action_back(self) -> None:
        self.dismiss(None)

    @on(Button.Pressed, "#back")
    def back_pressed(self) -> None:
        self.action_back()
