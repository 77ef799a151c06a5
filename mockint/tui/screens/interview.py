"""The interview: a chat with the interviewer, the answer box, the countdown and the live coach.

A new interview opens on its readiness checklist (in place of the answer box and the coach, the
interviewer's opening already in the chat); answering it shows the first question.

Scoring runs in thread workers (a submitted answer, and the draft for the live coach, debounced),
so typing and scrolling never wait for the scorer, even on a 100 KB answer.

With a :class:`~mockint.tui.recorder.Recorder`, each final answer is committed to the history
before the next question (or its feedback) is shown, and the draft is saved every
``DRAFT_EVERY`` seconds when it changed. While a follow-up is awaited the draft saved is the first
answer plus what is typed, so a resumed interview puts both back in the box.
"""

from __future__ import annotations

from collections.abc import Callable
from typing import TYPE_CHECKING

from rich.text import Text
from textual import on, work
from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import Horizontal, Vertical
from textual.timer import Timer
from textual.widgets import Static, TextArea
from textual.worker import get_current_worker

from mockint.core.data.errors import MockintError
from mockint.core.interview import Coach, Interview, Turn
from mockint.core.questions.bank import Question
from mockint.tui.screens.base import BaseScreen
from mockint.tui.widgets.answer_box import AnswerBox
from mockint.tui.widgets.chat import ChatLog, ChatMessage, ChatNote
from mockint.tui.widgets.countdown import Countdown
from mockint.tui.widgets.footer import KeyFooter
from mockint.tui.widgets.live_coach import LiveCoach
from mockint.tui.widgets.push_button import PushButton
from mockint.tui.widgets.readiness import ReadinessChecklist

if TYPE_CHECKING:
    from mockint.tui.recorder import Recorder

COACH_DELAY = 0.3   # seconds of no typing before the live coach re-scores the draft
DRAFT_EVERY = 3.0   # seconds between saves of the draft (only when it changed)
NARROW, MEDIUM = 80, 100   # terminal widths under which the live coach is hidden / shrunk


class InterviewScreen(BaseScreen):
    LAUNCH_CSS = True     # its rules are in the part of mockint.tcss read at start
    waiting: Turn | None = None     # a turn whose replies are on screen, until Continue
    said_replies: frozenset[str] = frozenset()   # the replies already said to this question
    # Ctrl+S is Continue on the checklist and after the interviewer's replies, wherever the focus
    # is: the footer shows the same keys before and after the checklist takes the focus (no
    # rebuild); check_action says which of Submit and Continue is on. F1 lists Continue with the
    # checklist (where.ready), not here (HELP_LEAVES_OUT).
    BINDINGS = [
        Binding("ctrl+s", "submit", "Submit", id="submit"),
        Binding("ctrl+n", "skip", "Skip", id="skip"),
        Binding("ctrl+s", "go", "Continue", id="continue"),
    ]
    HELP_LEAVES_OUT = frozenset({"continue"})

    def __init__(self, interview: Interview, *, feedback: str, timer: bool,
                 clock: Callable[[], float], blink: bool = True, recorder: Recorder | None = None,
                 draft: str = "", resumed: bool = False, readiness: dict[str, bool] | None = None,
                 spent: float = 0.0) -> None:
        """``readiness``: ask the readiness checklist first, ticked as given; the app's
        ``readiness_done`` gets its answers, then the first question is asked."""
        super().__init__(interview.lang)
        self.interview, self.feedback, self.timer = interview, feedback, timer
        self.clock, self.blink = clock, blink
        self.recorder, self.draft, self.resumed = recorder, draft, resumed
        self.spent = max(0.0, spent)      # resumed: seconds already spent on the first question asked
        self.readiness = readiness
        self.started = readiness is None      # the questions have started (the checklist is answered)
        self.busy = False
        self._part_started = clock()
        self._debounce: Timer | None = None

    def compose(self) -> ComposeResult:
        iv, checklist = self.interview, not self.started
        opening = (ChatNote(self.t("iv.resumed", n=len(iv.turns), total=iv.total)) if self.resumed
                   else ChatMessage(self.t("iv.interviewer"), iv.opening(), "interviewer"))
        with Horizontal(id="main"):
            with Vertical(id="left"):
                with Horizontal(id="status"):
                    yield Static(self.progress_text(), id="progress")
                    countdown = Countdown(self.clock, self.t("iv.time_left"), self.t("iv.time_up"), id="countdown")
                    countdown.display = self.timer
                    yield countdown
                yield ChatLog(opening, id="chat")
                if checklist:
                    yield ReadinessChecklist(self.lang, self.readiness, id="ready")
                answer = AnswerBox(self.t("iv.placeholder"), blink=self.blink, id="answer")
                answer.display = not checklist
                yield answer
                with Horizontal(id="actions") as actions:
                    actions.display = not checklist
                    yield Static(Text(self.t("iv.hint")), id="hint")
                    yield PushButton(self.t("key.submit"), id="submit")
            coach = LiveCoach(self.lang, id="coach")
            coach.display = not checklist and self.app.size.width >= NARROW
            yield coach
        yield KeyFooter()

    def on_mount(self) -> None:
        self.fit_width(self.app.size.width)
        if self.started:
            self.begin()

    def on_resize(self, event) -> None:
        self.fit_width(event.size.width)

    def fit_width(self, width: int) -> None:
        """Narrow terminals keep the chat and "Question n of m": the live coach shrinks under 100
        columns and is hidden under 80 (its checks are in the feedback anyway)."""
        self.set_class(width < NARROW, "-narrow")
        self.set_class(NARROW <= width < MEDIUM, "-medium")
        if self.started and self.is_mounted:
            self.query_one(LiveCoach).display = width >= NARROW

    @on(ReadinessChecklist.Done)
    def readiness_done(self, event: ReadinessChecklist.Done) -> None:
        """The checklist is answered: the answer box and the coach take its place, the first
        question is asked."""
        event.stop()
        if self.started:
            return
        self.started = True
        self.app.readiness_done(event.answers)
        self.query_one(ReadinessChecklist).display = False      # hidden (removing it costs more)
        for widget in (self.query_one(AnswerBox), self.query_one("#actions")):
            widget.display = True
        self.query_one(LiveCoach).display = not self.has_class("-narrow")
        self.begin()

    def begin(self) -> None:
        """The questions start: the current one is asked, the answer box has the focus."""
        self.ask_current()
        box = self.query_one(AnswerBox)
        if self.draft:
            box.text = self.draft
            box.move_cursor(box.document.end)
        box.focus()
        if self.recorder is not None:
            self.set_interval(DRAFT_EVERY, self.autosave)

    def check_action(self, action: str, parameters: tuple[object, ...]) -> bool | None:
        waiting = self.waiting is not None
        if action in ("submit", "skip") and (not self.started or waiting):
            return False                  # the checklist first, the replies read (Ctrl+S is Continue)
        if action == "go" and self.started and not waiting:
            return False
        return True

    def action_go(self) -> None:
        """Continue: the readiness checklist is answered, or the interviewer's replies are read."""
        if not self.started:
            self.query_one(ReadinessChecklist).action_go()
        elif self.waiting is not None and not self.busy:
            self.go_on(self.waiting)

    # -- the conversation
    @property
    def chat(self) -> ChatLog:
        return self.query_one(ChatLog)

    def say_interviewer(self, text: str) -> None:
        self.chat.say(self.t("iv.interviewer"), text, "interviewer")

    def ask_current(self) -> None:
        q = self.interview.current_question()
        if q is None:
            return
        self.said_replies = frozenset()
        self.say_interviewer(q.text)
        self.show_progress()
        spent, self.spent = self.spent, 0.0          # a resumed question's clock goes on
        self.query_one(Countdown).start(q.seconds - spent)
        self._part_started = self.clock() - spent
        self.coach_draft("", q)          # the question's hint, in place of the last answer's ticks

    def progress_text(self) -> Text:
        iv = self.interview
        text = self.t("iv.progress", n=iv.number, total=iv.total)
        if iv.awaiting_follow_up:
            text += f" · {self.t('follow_up')}"
        return Text(text, style="bold")

    def show_progress(self) -> None:
        self.query_one("#progress", Static).update(self.progress_text())

    @on(Countdown.TimeUp)
    def time_up(self) -> None:
        self.chat.note(self.t("iv.time_up_note"))

    # -- submitting
    @on(PushButton.Pressed, "#submit")
    def submit_pressed(self) -> None:
        self.action_submit()

    def action_submit(self) -> None:
        if self.waiting is not None and not self.busy:
            self.go_on(self.waiting)
            return
        if self.busy or not self.started or self.interview.is_over:
            return
        box = self.query_one(AnswerBox)
        text = box.text
        if not text.strip():
            self.notify(self.t("iv.empty"), severity="warning")
            return
        elapsed = self.clock() - self._part_started if self.timer else None
        self._stop_debounce()               # the draft is being scored: no coach update after it
        self.set_busy(True)
        self.score_answer(text, elapsed)

    def set_busy(self, busy: bool) -> None:
        self.busy = busy
        self.query_one(AnswerBox).set_locked(busy)
        self.query_one("#submit", PushButton).disabled = busy
        self.query_one("#hint", Static).update(Text(self.t("iv.scoring" if busy else "iv.hint")))

    @work(thread=True, exclusive=True, group="score")
    def score_answer(self, text: str, elapsed: float | None) -> None:
        try:
            turn = self.interview.submit(text, elapsed)
        except MockintError as exc:
            self.app.call_from_thread(self.scoring_failed, str(exc))
            return
        self.app.call_from_thread(self.turn_scored, text, turn)

    def scoring_failed(self, message: str) -> None:
        self.set_busy(False)                      # the answer stays in the box
        self.notify(message, title=self.t("error"), severity="error", timeout=8, markup=False)

    def turn_scored(self, text: str, turn: Turn) -> None:
        self.set_busy(False)
        box = self.query_one(AnswerBox)
        box.clear_answer()
        if self.recorder is not None:
            if turn.final:
                self.recorder.record(self.interview)     # committed before anything else is shown
            else:
                self.recorder.follow_up(turn)
                self.autosave()                          # the first answer, kept as the draft
        self.chat.say(self.t("you"), text, "candidate")
        # said once: not again after the answer to a follow-up
        new = [r for r in turn.replies if r.reply_id not in self.said_replies]
        self.said_replies |= {r.reply_id for r in turn.replies}      # forgotten when the next question is asked
        for reply in new:
            self.say_interviewer(reply.text)
        if turn.question.kind == "closing" and not turn.replies and turn.final:
            self.say_interviewer(self.t("interview.no_questions"))
        if not turn.final:
            self.say_interviewer(turn.follow_up or "")
            self.show_progress()
            self._part_started = self.clock()
            box.focus()
            return
        self.query_one(Countdown).stop()      # answered: its budget stops until the next question
        if new:                   # the interviewer answered: read it before anything covers it
            self.wait_to_go_on(turn)
            return
        self.go_on(turn)

    def wait_to_go_on(self, turn: Turn) -> None:
        """The interviewer's replies stay on screen until Continue (Ctrl+S, Enter on the button)."""
        self.waiting = turn
        self.query_one("#hint", Static).update(Text(self.t("iv.replied")))
        button = self.query_one("#submit", PushButton)
        button.label = self.t("key.continue")
        box = self.query_one(AnswerBox)
        box.set_locked(True)
        box.placeholder = self.t("iv.replied")      # not "Type your answer": nothing typed now would be kept
        self.query_one(LiveCoach).show_sent(self.interview.is_over)     # nor "Start typing" beside it
        button.focus()
        self.refresh_bindings()

    def go_on(self, turn: Turn) -> None:
        """After a final answer: its feedback (when shown after each answer), then the next question."""
        if self.waiting is not None:
            self.waiting = None
            self.query_one("#hint", Static).update(Text(self.t("iv.hint")))
            self.query_one("#submit", PushButton).label = self.t("key.submit")
            self.query_one(AnswerBox).set_locked(False)
            self.query_one(AnswerBox).placeholder = self.t("iv.placeholder")
            self.refresh_bindings()
        if self.feedback == "each":
            # deferred: ~2-3 ms at TUI launch (benchmarks/run.py); after the first answer
            from mockint.tui.screens.feedback import FeedbackScreen

            self.app.push_screen(FeedbackScreen(self.lang, turn, self.interview.total),
                                 lambda _: self.next_question())
        else:
            self.next_question()

    def next_question(self) -> None:
        if self.interview.is_over:
            self.say_interviewer(self.interview.closing())
            self.app.show_summary()
            return
        self.ask_current()
        self.query_one(AnswerBox).focus()

    # -- skip, end, restart (bindings and the command palette)
    def action_skip(self) -> None:
        if self.busy or not self.started or self.interview.is_over or self.waiting is not None:
            return
        turn = self.interview.skip()
        if self.recorder is not None:
            self.recorder.record(self.interview)         # a first answer waiting for its follow-up
        self.query_one(AnswerBox).clear_answer()
        self.say_interviewer(self.t("interview.skip"))
        if turn is not None:          # the follow-up was skipped: the first answer stands, with its feedback
            self.notify(self.t("iv.skipped_follow_up"))
            self.go_on(turn)
            return
        self.notify(self.t("iv.skipped"))
        self.next_question()

    def action_end_now(self) -> None:
        if self.started and not self.busy:
            self._after_confirm("confirm.end", self._end_now)

    def _end_now(self) -> None:
        self.interview.end_now()
        if self.recorder is not None:
            self.recorder.record(self.interview)
        self.app.show_summary()

    def action_restart(self) -> None:
        if self.started and not self.busy:
            self._after_confirm("confirm.restart", self._restart)

    def _restart(self) -> None:
        self.notify(self.t("iv.restarted"))
        self.app.restart_interview()

    def _after_confirm(self, question: str, then: Callable[[], None]) -> None:
        """``then`` at once, or, with an answer typed in the box, after a yes: a draft is never
        thrown away unasked (the palette's end and restart did)."""
        if not self.query_one(AnswerBox).text.strip():
            then()
            return
        from mockint.tui.screens.confirm import ConfirmScreen  # deferred: a modal, rarely shown

        self.app.push_screen(ConfirmScreen(self.lang, self.t(question)), lambda yes: then() if yes else None)

    # -- the draft, saved every few seconds
    def current_draft(self) -> str:
        """What a resumed interview should put back in the box for the current question."""
        text = self.query_one(AnswerBox).text
        first = self.interview.pending_answer
        if first is None:
            return text
        return first + ("\n\n" + text if text.strip() else "")

    def autosave(self) -> None:
        """Saves the draft if it changed since the last save (a no-op while scoring)."""
        q = self.interview.current_question()
        if self.recorder is None or self.busy or not self.started or q is None:
            return
        self.recorder.draft(self.interview.index, q.id, self.current_draft(), self.clock() - self._part_started)

    # -- live coach
    @on(TextArea.Changed, "#answer")
    def draft_changed(self) -> None:
        self._stop_debounce()
        self._debounce = self.set_timer(COACH_DELAY, self.refresh_coach)

    def _stop_debounce(self) -> None:
        if self._debounce is not None:
            self._debounce.stop()
            self._debounce = None

    def on_unmount(self) -> None:
        # a coach update still pending when the screen closes would keep the screen alive
        self._stop_debounce()

    def refresh_coach(self) -> None:
        q = self.interview.current_question()
        if self.waiting is None and q is not None:     # an answer in: the panel says so until the next question
            self.coach_draft(self.query_one(AnswerBox).text, q)

    @work(thread=True, exclusive=True, group="coach")
    def coach_draft(self, text: str, question: Question) -> None:
        """The draft's coach; for an empty one (a new question, a box emptied), the question's hint."""
        coach = self.interview.coach(text, question)
        if not get_current_worker().is_cancelled:
            self.app.call_from_thread(self.show_coach, question, bool(text.strip()), coach)

    def show_coach(self, question: Question, typed: bool, coach: Coach) -> None:
        if question is not self.interview.current_question() or self.waiting is not None:
            return
        if typed and self.query_one(AnswerBox).text.strip():
            self.query_one(LiveCoach).show(coach)
        elif not typed and not self.query_one(AnswerBox).text.strip():
            self.query_one(LiveCoach).show_hint(coach)
