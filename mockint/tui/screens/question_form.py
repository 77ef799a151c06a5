"""Adding or editing one of the user's questions: text, id (made from the text until one is
typed), tags, talking points ("summary | phrase, phrase", one per line), follow-ups (one per line,
for the point on the same line) and the time budget. Validated as you type (debounced) with what
``mockint questions add`` uses: the question is built, written to YAML in memory and loaded back
with the bank parser; each error is shown on one line, literally. Save writes through
``authoring`` (atomic, never over another question's file) and returns the new id."""

from __future__ import annotations

from dataclasses import replace

from rich.text import Text
from textual import on
from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import Horizontal, VerticalScroll
from textual.timer import Timer
from textual.widgets import Button, Input, Label, Select, Static, TextArea

from mockint.core.bank import authoring
from mockint.core.data.display import middle_clipped
from mockint.core.data.errors import MockintError
from mockint.core.data.strings import has
from mockint.core.questions.bank import DIFFICULTIES, KINDS, TOPICS, Question
from mockint.tui.screens.base import BaseScreen
from mockint.tui.widgets.footer import KeyFooter

DEBOUNCE = 0.3
# The CLI's option names, as the form calls its fields.
_FIELDS = (("--follow-up", "follow-up"), ("--point", "talking point"), ("--text", "text"),
           ("--time", "time"), ("--id", "id"), ("--tag", "tag"))


def _plain(message: str) -> str:
    for option, name in _FIELDS:
        message = message.replace(option, name)
    return message


def lines_of(text: str) -> list[str]:
    return [line.strip() for line in text.splitlines() if line.strip()]


TOAST_WIDTH, TOAST_EDGES = 60, 5       # Textual's Toast: width 60, max 50 %; its edge, padding, the rack's scroll bar


class QuestionFormScreen(BaseScreen):
    """``mode``: ``new``, ``edit`` (a user question, its file is replaced) or ``copy`` (a built-in
    question, pre-filled with a new id). Dismissed with the saved id, or None."""

    BINDINGS = [
        Binding("ctrl+s", "save", "Save", id="save"),
        Binding("escape", "cancel", "Cancel", id="cancel"),
    ]

    def __init__(self, lang: str, qlang: str, question: Question | None = None, mode: str = "new") -> None:
        super().__init__(lang)
        self.qlang = qlang
        self.original = question
        self.mode = mode if question is not None else "new"
        self.id_typed = self.mode != "new"
        self._derived = ""
        self._timer: Timer | None = None
        self.errors: list[str] = []
        self.built: tuple[Question, str] | None = None
        try:
            self.taken = authoring.taken_ids(qlang)
        except MockintError:
            self.taken = set()
        if self.mode == "edit" and question is not None:
            self.taken.discard(question.id)

    def initial_id(self) -> str:
        q = self.original
        if q is None:
            return ""
        if self.mode == "copy":
            base, qid, n = f"{q.id}-custom", f"{q.id}-custom", 2
            while qid in self.taken:
                qid, n = f"{base}-{n}", n + 1
            return qid
        return q.id

    def compose(self) -> ComposeResult:
        q = self.original
        title = self.t("qf.title_edit", id=q.id) if self.mode == "edit" and q else self.t("qf.title_new")
        with VerticalScroll(id="qform", classes="form"):
            yield Static(Text(title, style="bold"), classes="title")
            with Horizontal(classes="row"):
                yield Label(self.t("qb.col.text"), classes="field-label")
                yield Input(q.text if q else "", id="qf-text", compact=True)
            with Horizontal(classes="row"):
                yield Label(self.t("qb.col.id"), classes="field-label")
                yield Input(self.initial_id(), placeholder=self.t("qf.id_hint"), id="qf-id", compact=True)
            with Horizontal(classes="row"):
                yield Label(self.t("qd.tags"), classes="field-label")
                yield Select([(t, t) for t in TOPICS], value=q.topic if q else "common", allow_blank=False,
                             id="qf-topic", compact=True)
                yield Select([(t, t) for t in KINDS], value=q.kind if q else "behavioural", allow_blank=False,
                             id="qf-kind", compact=True)
                yield Select([(t, t) for t in DIFFICULTIES], value=q.difficulty if q else "medium",
                             allow_blank=False, id="qf-difficulty", compact=True)
            with Horizontal(classes="row"):
                yield Label(self.t("qd.points"), classes="field-label")
                points = "\n".join(f"{p.summary} | {', '.join(p.phrases)}" for p in q.talking_points) if q else ""
                yield TextArea(points, id="qf-points", soft_wrap=False, compact=True)
            yield Static(Text(self.t("qf.points_hint"), style="dim"), classes="qf-hint")
            with Horizontal(classes="row"):
                yield Label(self.t("qf.follow_ups"), classes="field-label")
                follows = "\n".join(p.follow_up for p in q.talking_points) if q else ""
                yield TextArea(follows, id="qf-follow", soft_wrap=False, compact=True)
            yield Static(Text(self.t("qf.follow_ups_hint"), style="dim"), classes="qf-hint")
            with Horizontal(classes="row"):
                yield Label(self.t("qf.seconds"), classes="field-label")
                yield Input(str(q.seconds if q else authoring.DEFAULT_SECONDS), id="qf-seconds", compact=True)
            yield Static(id="qf-note")
            yield Static(id="qf-errors")
        with Horizontal(classes="buttons bottom"):
            yield Button(self.t("key.save"), id="qf-save", variant="primary")
            yield Button(self.t("key.cancel"), id="qf-cancel")
        yield KeyFooter()

    def on_mount(self) -> None:
        self.query_one("#qf-text", Input).focus()
        self.validate()

    # -- reading the form
    def value(self, selector: str) -> str:
        w = self.query_one(selector)
        if isinstance(w, TextArea):
            return w.text
        assert isinstance(w, (Input, Select))        # the form's other fields
        return str(w.value)

    def build(self) -> tuple[Question, str]:
        """The question the form describes and its file's text, validated as ``questions add``
        validates: built, dumped to YAML, loaded back with the bank parser. Raises MockintError."""
        raw = self.value("#qf-seconds").strip()
        try:
            seconds = int(raw)
        except ValueError:
            raise MockintError(self.t("qf.bad_seconds", value=raw)) from None
        qid = self.value("#qf-id").strip() or None
        q = authoring.new_question(self.qlang, self.value("#qf-text"), qid, (), lines_of(self.value("#qf-points")),
                                   [line.strip() for line in self.value("#qf-follow").rstrip().splitlines()],
                                   seconds, self.taken)
        q = replace(q, topic=self.value("#qf-topic"), kind=self.value("#qf-kind"),
                    difficulty=self.value("#qf-difficulty"))
        if self.original is not None:               # what the form does not show is kept
            o = self.original
            q = replace(q, guide=list(o.guide), terms=list(o.terms), rubric=o.rubric, criteria=dict(o.criteria),
                        examples=o.examples)
        text = authoring.bank_text(self.qlang, [q])
        path = authoring.user_file(q.id, self.qlang)
        loaded = authoring._validate_text(text, str(path))
        return loaded.questions[0], text

    def error_text(self, exc: MockintError) -> str:
        """The error in the interface's language when it has a translation (``err.<message_id>``),
        else the command line's message with the form's field names."""
        key = f"err.{exc.message_id}" if getattr(exc, "message_id", None) else None
        if key and has(key):
            return self.t(key, **exc.params)
        return _plain(str(exc))

    def validate(self) -> bool:
        self._timer = None
        errors: list[str] = []
        self.built = None
        try:
            self.built = self.build()
        except MockintError as exc:
            errors.append(self.error_text(exc))
        except Exception as exc:                      # never let the form crash the app
            errors.append(f"{type(exc).__name__}: {exc}")
        self.errors = errors
        box = self.query_one("#qf-errors", Static)
        if errors:
            box.update(Text("\n".join(errors), style="bold red"))
        else:
            box.update(Text(self.t("qf.ok"), style="green"))
        note = self.query_one("#qf-note", Static)
        qid = self.built[0].id if self.built else self.value("#qf-id").strip()
        try:
            builtin = qid in authoring._builtin_ids(self.qlang)
        except MockintError:
            builtin = False
        note.update(Text(self.t("qf.override", id=qid), style="yellow") if builtin else "")
        return not errors

    def schedule(self) -> None:
        if self._timer is not None:
            self._timer.stop()
        self._timer = self.set_timer(DEBOUNCE, self.validate)

    # -- as you type
    @on(Input.Changed, "#qf-text")
    def text_changed(self, event: Input.Changed) -> None:
        id_input = self.query_one("#qf-id", Input)
        if not self.id_typed and id_input.value in ("", self._derived):
            text = " ".join(event.value.split())
            try:
                self._derived = authoring.derive_id(text, self.qlang, self.taken) if text else ""
            except MockintError:
                self._derived = ""
            if id_input.value != self._derived:
                id_input.value = self._derived
        self.schedule()

    @on(Input.Changed, "#qf-id")
    def id_changed(self, event: Input.Changed) -> None:
        if event.value != self._derived and event.value != "":
            self.id_typed = True
        elif event.value == "" and self.mode == "new":
            self.id_typed = False
        self.schedule()

    @on(Input.Changed, "#qf-seconds")
    @on(TextArea.Changed)
    @on(Select.Changed)
    def other_changed(self) -> None:
        self.schedule()

    # -- saving, leaving
    def save(self) -> str | None:
        """Writes the question; returns its id, or None (with a notification)."""
        if not self.validate() or self.built is None:
            self.notify(self.t("qf.invalid") + "\n" + "\n".join(self.errors), severity="error", markup=False)
            return None
        q, text = self.built
        path = authoring.user_file(q.id, self.qlang)
        try:
            old = self.original if self.mode == "edit" else None
            others = [p for _, p in authoring.find_user(q.id, self.qlang)]
            if old is not None:
                old_files = [p for _, p in authoring.find_user(old.id, self.qlang)]
                old_path = old_files[0] if old_files else None
            else:
                old_path = None
            if old is not None and old_path is not None and old.id == q.id:
                sharing = [x for x, p in authoring.find_all_user(self.qlang) if p == old_path and x.id != q.id]
                if sharing:
                    raise MockintError(f"'{q.id}' is one of {len(sharing) + 1} questions in {old_path}; "
                                       f"edit it there ('mockint questions edit {q.id}')")
                authoring.write_new(old_path, text, force=True)
                path = old_path
            else:
                if others:
                    raise MockintError(f"the question id '{q.id}' is already a user question in {others[0]}; "
                                       f"choose another id")
                authoring.write_new(path, text, force=False)
                if old is not None and old_path is not None:      # the id changed: the old file goes
                    sharing = [x for x, p in authoring.find_all_user(self.qlang) if p == old_path and x.id != old.id]
                    if not sharing:
                        try:
                            old_path.unlink()
                        except OSError:
                            pass
        except MockintError as exc:
            self.notify(str(exc), title=self.t("error"), severity="error", markup=False)
            return None
        self.notify(self.saved_message(path.name), markup=False)
        return q.id

    def saved_message(self, name: str) -> str:
        """"Saved <file name>" on one line of the toast (Textual's: 60 columns at most and half the
        screen, less its edge, padding and the rack's scroll bar), the name shortened in the middle
        with "…" to fit. The toast said the whole path, split across lines inside a name
        ("deal-lost-com / petitor…"), over the buttons and the footer."""
        room = min(TOAST_WIDTH, self.app.size.width // 2) - TOAST_EDGES - len(self.t("qf.saved", file=""))
        return self.t("qf.saved", file=middle_clipped(name, max(room, 12)))

    def action_save(self) -> None:
        qid = self.save()
        if qid is not None:
            self.dismiss(qid)

    @on(Button.Pressed, "#qf-save")
    def save_pressed(self) -> None:
        self.action_save()

    def action_cancel(self) -> None:
        self.dismiss(None)

    @on(Button.Pressed, "#qf-cancel")
    def cancel_pressed(self) -> None:
        self.action_cancel()
