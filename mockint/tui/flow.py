"""The interview's flow, for the app (:class:`~mockint.tui.app.MockintApp` mixes it in): resuming
a stored session, a new interview (its readiness checklist first), the summary; a role-play call;
the job posting the interview is tailored to.

What only some flows need is imported inside them (``# deferred``), measured at TUI launch
(benchmarks/run.py; wall clock, on top of what the launch has loaded): ``jobspec`` ~12 ms, the
role-play package ~21 ms and its screens ~26 ms, the summary screen ~3.6 ms, ``prefs`` ~1.2 ms;
the interview screen ~3.3 ms when ``mockint`` opens on the start screen."""

from __future__ import annotations

from dataclasses import asdict
from typing import TYPE_CHECKING

from mockint.core.data.errors import MockintError
from mockint.core.data.strings import tr
from mockint.core.interview import Interview, Settings, pick_questions, with_job_questions
from mockint.core.questions.bank import Question
from mockint.tui import resume as resuming
from mockint.tui import seam
from mockint.tui.dates import local_time
from mockint.tui.recorder import summary_dict
from mockint.tui.screens import is_screen
from mockint.tui.screens.resume import ResumeScreen

if TYPE_CHECKING:
    from textual.screen import Screen

    from mockint.core.history.records import SessionRecord
    from mockint.core.roleplay import Call, Scenario
    from mockint.tui.host import AppHost
else:
    AppHost = object          # the app these methods are mixed into (see mockint.tui.host)


class InterviewFlow(AppHost):
    """[resume] start -> interview (its readiness checklist first) -> (feedback) -> summary, and
    role-play calls. Uses the app's settings, recorder, bank and scorer (see MockintApp)."""

    def offer_resume(self) -> None:
        rec = self.recorder.unfinished()
        if rec is None:
            return
        if rec.call is not None:
            title = (rec.call.get("result") or {}).get("title") or rec.call["scenario"]
            question = tr(self.lang, "resume.call", title=title, date=local_time(rec.started_at),
                          n=len(rec.call["turns"]))
        else:
            question = tr(self.lang, "resume.question", date=local_time(rec.started_at), n=resuming.answered(rec),
                          total=len(rec.question_ids))

        def answered(choice: bool | None) -> None:
            if choice:
                self.resume(rec)
            elif choice is False:
                self.recorder.abandon(rec.id)

        self.push_screen(ResumeScreen(self.lang, question), answered)

    def resume(self, rec: SessionRecord) -> None:
        """Go on with a stored interview: its questions, its answers so far, its draft."""
        from mockint.tui.screens.interview import InterviewScreen  # deferred: see the module docstring

        if rec.call is not None:
            self.resume_call(rec)
            return

        settings, before = resuming.settings_of(rec, self.settings), self.lang
        job_before = self.job_text, self.job_tone, self.job_drop
        try:
            self.set_lang(rec.lang)
            from mockint.core.jobspec import stored_job  # deferred: see the module docstring

            self.job_text, self.job_tone, self.job_drop = stored_job(rec.settings)   # tailored as it was
            job, extra = self.job_and_questions()
            interview, draft = resuming.rebuild(rec, self.bank(), self.scorer, job=job, extra=extra)
        except MockintError as exc:
            self.set_lang(before)
            self.job_text, self.job_tone, self.job_drop = job_before
            self.notify(tr(self.lang, "resume.failed", reason=str(exc)), severity="error", markup=False)
            return
        self.settings = settings
        self.readiness = dict(interview.readiness)
        self.questions = list(interview.questions)
        self.interview = interview
        self.recorder.adopt(rec, interview.index, draft)
        self.call_after_refresh(self.launch_done)
        if interview.is_over:
            self.show_summary()
            return
        kept = rec.draft(interview.index)
        self.show(InterviewScreen(interview, feedback=settings.feedback, timer=settings.timer,
                                  clock=self.clock, blink=self.blink, recorder=self.recorder,
                                  draft=draft, resumed=True,
                                  spent=(kept.elapsed or 0.0) if kept is not None else 0.0))
        self.set_timer(0.3, self.warm_scorer)

    # -- role-play (issue 18)
    def action_roleplay(self, chosen: str | None = None) -> None:
        """Choose a role-play call (not during an interview)."""
        if self.in_interview() or is_screen(self.screen, "roleplay", "RoleplayPickScreen"):
            return
        from mockint.core import roleplay  # deferred: see the module docstring
        from mockint.tui.screens.roleplay import RoleplayPickScreen  # deferred: see the module docstring

        try:
            scenarios = roleplay.load_scenarios(self.lang)
        except MockintError as exc:
            self.notify(str(exc), severity="error", markup=False)
            return
        self.push_screen(RoleplayPickScreen(self.lang, scenarios, chosen))

    def start_call(self, scenario: Scenario) -> None:
        from mockint.core.roleplay import Call  # deferred: see the module docstring
        from mockint.tui.screens.roleplay import RoleplayScreen  # deferred: see the module docstring

        self.recorder.begin_call(scenario.lang, scenario.id)
        self.show(RoleplayScreen(Call(scenario), blink=self.blink))

    def call_turn_taken(self, call: Call) -> None:
        """A turn was played: it is kept (the call finished if it has ended) before the reply shows."""
        self.recorder.save_call(call, finished=call.ended)

    def show_call_summary(self, call: Call) -> None:
        from mockint.tui.screens.roleplay import CallSummaryScreen  # deferred: see the module docstring

        if call.exchanges:
            self.recorder.save_call(call, finished=True)
            self.show(CallSummaryScreen(call.result()))
        else:
            self.show_start()

    def call_again(self, scenario_id: str) -> None:
        from mockint.core import roleplay  # deferred: see the module docstring

        try:
            self.start_call(roleplay.scenario(scenario_id, self.lang))
        except MockintError as exc:
            self.notify(str(exc), severity="error", markup=False)

    def resume_call(self, rec: SessionRecord) -> None:
        """Go on with a stored call: its turns are played again (the same replies)."""
        from mockint.core import roleplay  # deferred: see the module docstring
        from mockint.tui.screens.roleplay import RoleplayScreen  # deferred: see the module docstring

        stored = rec.call
        assert stored is not None                 # resume() sends only a call's session here
        try:
            self.set_lang(rec.lang)
            call = roleplay.Call.replay(roleplay.scenario(stored["scenario"], rec.lang), stored["turns"])
        except MockintError as exc:
            self.notify(tr(self.lang, "resume.failed", reason=str(exc)), severity="error", markup=False)
            return
        self.recorder.begin_call(rec.lang, stored["scenario"], session_id=rec.id)
        self.show(RoleplayScreen(call, blink=self.blink, resumed=True))

    def job_context(self):
        """The session's JobContext (posting terms and/or tone) or None; raises MockintError for a
        posting with no useful terms."""
        return self.job_and_questions()[0]

    def job_and_questions(self):
        """The session's JobContext (or None) and the questions built from its posting (none
        without one)."""
        if not self.job_text and not self.job_tone:
            return None, []
        from mockint.core.jobspec import context_and_questions  # deferred: see the module docstring

        return context_and_questions(self.lang, self.job_text, self.job_tone, self.job_drop)

    def with_job(self, questions: list[Question]) -> list[Question]:
        """The questions, with those built from the posting before the closing one."""
        _, extra = self.job_and_questions()
        count = self.settings.count if self.settings.count and self.picked else None   # the number asked for
        return with_job_questions(questions, extra, count) if extra else list(questions)

    def begin(self, settings: Settings, job_text: str | None = None, tone: str | None = None,
              drop: list[str] | None = None) -> None:
        self.set_lang(settings.lang)
        self.settings = settings
        self.job_text, self.job_tone, self.job_drop = job_text or None, tone, list(drop or [])
        from mockint.core.data import prefs  # deferred: see the module docstring

        prefs.save(settings)               # the start screen's choices, for the next run
        self.questions = pick_questions(self.bank(), settings)
        self.picked = True
        self.start_interview(self.with_job(self.questions), checklist=True)

    def start_interview(self, questions: list[Question], checklist: bool = False) -> None:
        """A new interview on these questions. ``checklist``: its screen asks the readiness checklist
        first (unticked: each interview is prepared for anew) and the first question follows it
        (:meth:`readiness_done`);
        otherwise (practising again, restarting) the answers given before are kept."""
        self.show(self.new_interview_screen(questions, checklist))
        if not checklist:
            self.interview_begins()

    def new_interview_screen(self, questions: list[Question], checklist: bool = False) -> Screen:
        """A new interview on these questions, and its screen (not shown yet)."""
        from mockint.tui.screens.interview import InterviewScreen  # deferred: see the module docstring

        if self.interview is not None and not self.interview.is_over:
            self.recorder.abandon(restarted=True)          # restarted: the old one is not resumable
        seam.release_leaks(self)        # two Textual 8.2 leaks of past interviews' widgets
        self.questions = list(questions)
        self.interview = Interview(self.questions, self.scorer, self.bank(), self.lang, job=self.job_context())
        return InterviewScreen(self.interview, feedback=self.settings.feedback, timer=self.settings.timer,
                               clock=self.clock, blink=self.blink, recorder=self.recorder,
                               readiness={} if checklist else None)     # a new interview: unticked

    def readiness_done(self, answers: dict[str, bool]) -> None:
        """The checklist is answered: its answers are kept with the session, the questions start."""
        self.readiness = dict(answers)
        self.interview_begins()

    def interview_begins(self) -> None:
        interview, questions = self.interview, self.questions
        assert interview is not None and questions is not None    # set by new_interview_screen
        interview.set_readiness(**self.readiness)
        settings = asdict(self.settings)
        if self.job_text or self.job_tone:       # kept with the session: resumed, it is tailored as it was
            settings["job"] = {"text": self.job_text, "tone": self.job_tone, "drop": list(self.job_drop)}
        self.recorder.begin(self.lang, settings, dict(interview.readiness), [q.id for q in questions])
        # Once the first question is on screen, its session is created and the scorer warmed.
        self.call_after_refresh(self.launch_done)
        self.set_timer(0.3, self.recorder.ensure_started)
        self.set_timer(0.3, self.warm_scorer)

    def practise(self, question: Question) -> None:
        """A one-question interview on ``question``, in its language (the question browser's
        Practise): the browser closes and the interview takes the place of the screen it was opened
        over, its readiness checklist first, as ``mockint practice --question ID`` opens it. Not
        during an interview or a call; a job posting of an earlier interview is not applied."""
        if self.in_interview() or self.in_call():
            return
        browsers = [i for i, s in enumerate(self.screen_stack) if is_screen(s, "questions", "QuestionsScreen")]
        if browsers:
            while len(self.screen_stack) > browsers[0]:
                self.pop_screen()
        self.set_lang(question.lang)
        self.job_text, self.job_tone, self.job_drop = None, None, []
        self.picked = False
        self.start_interview([question], checklist=True)

    def restart_interview(self) -> None:
        if self.questions:
            self.start_interview(self.questions)

    def show_summary(self) -> None:
        from mockint.tui.screens.summary import SummaryScreen  # deferred: see the module docstring

        if self.interview is not None:
            self.recorder.record(self.interview)
            screen = SummaryScreen(self.lang, self.interview)
            self.recorder.finish(summary_dict(screen.summary))
            if self.recorder.waiting:
                screen.unsaved = (self.recorder.unsaved, self.recorder.journal_path)
            self.show(screen)

    def new_interview(self) -> None:
        self.interview = None
        self.show_start()
