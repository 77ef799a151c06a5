"""The end of the interview: overall score, a bar per criterion, readiness, weakest points, retries;
with a job posting, the job-fit table (each term, the answers that covered it)."""

from __future__ import annotations

from rich.text import Text
from textual import on
from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import Horizontal, VerticalScroll
from textual.widgets import Button, Static

from mockint.core.interview import Interview, Summary
from mockint.core.questions.bank import Question
from mockint.core.scoring.feedback import answers_label, point_answers
from mockint.tui.screens.base import SCROLL_BINDINGS, BaseScreen, ScrollKeys
from mockint.tui.screens.feedback import score_line
from mockint.tui.widgets.criterion_bar import CriterionBar
from mockint.tui.widgets.footer import KeyFooter
from mockint.tui.widgets.hanging import Hanging


def number_span(numbers: list[int]) -> str:
    """"1-3, 5" for 1, 2, 3, 5."""
    runs: list[list[int]] = []
    for n in sorted(numbers):
        if runs and n == runs[-1][-1] + 1:
            runs[-1].append(n)
        else:
            runs.append([n])
    return ", ".join(str(r[0]) if len(r) == 1 else f"{r[0]}-{r[-1]}" for r in runs)


class SummaryScreen(ScrollKeys, BaseScreen):
    BINDINGS = [
        Binding("ctrl+r", "retry", "Practise again", id="retry"),
        Binding("ctrl+n", "new", "New interview", id="new"),
        *SCROLL_BINDINGS,
        # 1-9: the feedback of that answer (with "feedback at the end", the only way to it here)
        *[Binding(str(n), f"answer_feedback({n})", f"Feedback on answer {n}", id=f"answer_{n}", show=False)
          for n in range(1, 10)],
    ]
    SCROLL_ID = "#summary-scroll"

    def __init__(self, lang: str, interview: Interview) -> None:
        super().__init__(lang)
        self.interview = interview
        self.summary: Summary = interview.summary()
        self.unsaved: tuple[int, object] | None = None   # (answers not in the history yet, where they are)

    def compose(self) -> ComposeResult:
        s, session = self.summary, self.summary.session
        with VerticalScroll(id="summary-scroll"):
            yield Static(Text(self.t("sum.title"), style="bold"), classes="title")
            if self.unsaved is not None:
                n, where = self.unsaved
                key = "sum.unsaved_kept" if where is not None else "sum.unsaved_memory"
                yield Static(Text(self.t(key, n=n, path=str(where)), style="bold red"), id="summary-unsaved")
            if not session.results:
                yield Static(Text(self.t("sum.no_answers"), style="yellow"))
            else:
                yield Static(score_line(self.t("sum.score"), session.score), id="summary-score")
                yield Static(Text(self.t("criteria"), style="bold"), classes="section")
                for c in session.criteria:
                    yield CriterionBar(c["name"], c["score"], c["passed"], c.get("bonus", False))
                yield Static(self.pass_marks_text(), id="summary-pass-marks")
                yes_no = self.t("yes" if session.asked_questions else "no")
                yield Static(Text(self.t("sum.asked_back", yes_no=yes_no)))
            fit = self.job_fit()
            if fit is not None:
                yield Static(Text(self.t("job_fit"), style="bold"), classes="section")
                yield Static(self.job_fit_text(fit), id="summary-job-fit")
            yield Static(Text(self.t("readiness"), style="bold"), classes="section")
            yield Static(self.readiness_text(), id="summary-readiness")
            if session.weakest:
                yield Static(Text(self.t("sum.weakest"), style="bold"), classes="section")
                yield Static(self.weakest_text(), id="summary-weakest")
            replies = [(m.question, m.text) for t in self.interview.turns for m in t.replies]
            if replies:
                yield Static(Text(self.t("sum.replies"), style="bold"), classes="section")
                yield Static(Hanging([("• ", self.t("sess.reply", asked=q, reply=r)) for q, r in replies]),
                             id="summary-replies")
            yield Static(Text(self.t("sum.answers"), style="bold"), classes="section")
            yield Static(self.answers_text(), id="summary-answers")
            yield Static(Text(self.t("sum.retry"), style="bold"), classes="section")
            yield Static(self.retry_text(), id="summary-retry")
        with Horizontal(classes="buttons bottom"):
            yield Button(self.t("sum.retry_button"), id="retry", variant="primary", disabled=not s.retry)
            yield Button(self.t("key.new"), id="new")
            yield Button(self.t("key.history"), id="history")
            yield Button(self.t("key.quit"), id="quit", variant="error")
        yield KeyFooter()

    def on_mount(self) -> None:
        self.query_one("#summary-scroll").focus()

    def job_fit(self) -> list[dict] | None:
        """The job-fit rows (``jobspec.job_fit_table``) when the session had a posting, else None."""
        job = getattr(self.interview, "job", None)
        if job is None or not job.terms:
            return None
        from mockint.core.jobspec import job_fit_table  # deferred: ~12 ms; only for a session with a job posting

        return job_fit_table(self.interview.results, job.terms)

    def job_fit_text(self, rows: list[dict]) -> Text:
        width = max([len(r["term"]) for r in rows] + [len(self.t("term"))])
        out = Text(self.t("sum.terms_covered", covered=sum(1 for r in rows if r["covered_in"]), total=len(rows)) + "\n",
                   style="dim")
        out.append(f"{self.t('term'):<{width}}  {self.t('covered_in')}\n", style="bold")
        for r in rows:
            out.append(f"{r['term']:<{width}}  ")
            if r["covered_in"]:
                out.append("✓ " + ", ".join(str(self.number_of(n)) for n in r["covered_in"]) + "\n", style="green")
            else:
                out.append(self.t("sum.not_covered") + "\n", style="yellow")
        out.rstrip()
        return out

    def readiness_text(self) -> Hanging:
        return Hanging([(Text("✓ " if done else "✗ ", style="bold green" if done else "bold red"),
                         self.t(f"ready.{key}")) for key, done in self.summary.readiness.items()])

    def pass_marks_text(self) -> Text:
        """What ✓ means beside an average: it reached the criterion's pass mark, said for each (a
        walkthrough read "✓ Real examples 49 %" beside "✗ Confidence 75 %" as a contradiction)."""
        marks = {c.id: c.threshold for r in self.summary.session.results for c in r.criteria}
        # "50%" as the bars above write it: with a space, even a no-break one, the line could end
        # "Key points 50⏎%" (Textual wraps at any space)
        shown = [f"{c['name']} {round(marks[c['id']] * 100)}%" for c in self.summary.session.criteria
                 if not c.get("bonus") and c["id"] in marks]
        return Text(self.t("sum.pass_marks", marks=", ".join(shown)), style="dim")

    def weakest_text(self) -> Hanging:
        """Each weakest point with the answers it is about, by their question numbers: "Answer 3 ·
        Two-way: …", or "Answers 1 and 6 · Two-way: …" for the same advice on both (said once)."""
        items = []
        for w in self.summary.session.weakest:
            numbers = [self.number_of(n) for n in point_answers(w)]
            if len(numbers) == 1:
                which = self.t("sum.answer_n", n=numbers[0])
            else:
                label = answers_label(self.lang, numbers)
                which = label[:1].upper() + label[1:]
            body = Text()
            body.append(f"{which} · {w['name']}: ", style="bold")
            body.append(w["advice"])
            items.append(("• ", body))
        return Hanging(items)

    def number_of(self, answer: int) -> int:
        """The question number (its place in the interview) of the ``answer``-th answer (1-based):
        after a skipped question they differ, and the summary says the question's, as the
        interview, its feedback and the history do."""
        return self.interview.turns[answer - 1].number

    def answers_text(self) -> Hanging:
        """Every question reached, by its number in the interview: its score, or "skipped" (a
        skipped question was listed last, unnumbered, and the answers after it numbered 1, 2, 3…)."""
        iv = self.interview
        answered = {t.number: t for t in iv.turns}
        items: list[tuple[Text | str, Text | str]] = []
        keys = [n for n in answered if n <= 9]
        if keys:
            items.append(("", Text(self.t("sum.open_feedback", span=number_span(keys)), style="dim")))
        skipped, reached = set(self.summary.skipped), iv.questions[:max([iv.index, *answered])]
        width = len(str(len(reached)))
        for n, q in enumerate(reached, 1):
            if n in answered:
                items.append((Text(f"{n:>{width}}. {answered[n].result.score:>3}  ", style="bold"), q.text))
            elif q.id in skipped:
                items.append((Text(f"{n:>{width}}.   –  ", style="dim"),
                              Text(f"{q.text} ({self.t('sum.skipped')})", style="dim")))
        return Hanging(items)

    def retry_text(self) -> Text | Hanging:
        if not self.summary.retry:
            return Text(self.t("sum.none"), style="green")
        numbers = {q.id: i for i, q in enumerate(self.interview.questions, 1)}
        # the question as asked, not its id (no English ids in a Romanian screen)
        return Hanging([(Text(f"• {numbers.get(qid, '')}. ", style="bold"), self.question(qid).text)
                        for qid in self.summary.retry])

    def action_answer_feedback(self, n: int) -> None:
        """The feedback of the answer to question ``n`` (1-based), as it was scored."""
        turn = next((t for t in self.interview.turns if t.number == n), None)
        if turn is not None:
            # deferred: ~3 ms; not loaded yet with feedback at the end
            from mockint.tui.screens.feedback import FeedbackScreen

            self.app.push_screen(FeedbackScreen(self.lang, turn, self.interview.total))

    def question(self, qid: str) -> Question:
        return next(q for q in self.interview.questions if q.id == qid)

    def action_retry(self) -> None:
        if self.summary.retry:
            self.app.start_interview([self.question(qid) for qid in self.summary.retry])

    def action_new(self) -> None:
        self.app.new_interview()

    @on(Button.Pressed, "#retry")
    def retry_pressed(self) -> None:
        self.action_retry()

    @on(Button.Pressed, "#new")
    def new_pressed(self) -> None:
        self.action_new()

    @on(Button.Pressed, "#history")
    def history_pressed(self) -> None:
        self.app.action_history()

    @on(Button.Pressed, "#quit")
    def quit_pressed(self) -> None:
        self.app.exit(0)
