"""The interview flow: which questions, in what order, one follow-up at most, replies to the
candidate's own questions, and the session summary. Pure: no terminal, no Textual.

The TUI drives an :class:`Interview`; tests drive it directly. Scoring is the scorer's job
(``engine.Scorer``); matching the candidate's questions uses ``matching.PhraseSet``. By job:
the interviewer's replies to the candidate's questions are ``replies``, the shape of a full
interview ``full``; the rest (settings, picking, the flow, the live coach, the summary) is here.
"""

from __future__ import annotations

import random
from collections.abc import Callable
from dataclasses import dataclass, field
from typing import TYPE_CHECKING, Any, cast

from mockint.core.data.errors import MockintError
from mockint.core.data.langs import LANGS
from mockint.core.data.marks import PASS_MARK
from mockint.core.data.strings import ro_count, tr
from mockint.core.interview.full import FULL_CLOSER, FULL_DEFAULT_COUNT, _full
from mockint.core.interview.replies import InterviewerReplies, ReplyMatch
from mockint.core.questions.bank import Bank, Question, Reply
from mockint.core.scoring import followups
from mockint.core.scoring.coach_rules import DEFAULT_COACH

if TYPE_CHECKING:   # the scoring stack is imported when first used, so the first question shows fast
    from mockint.core.scoring.engine import Result, Scorer
    from mockint.core.scoring.feedback import Session
    from mockint.core.scoring.matching import PhraseSet

QUESTION_SETS = ("common", "skills", "responsibilities", "role", "full")
FEEDBACK_MODES = ("each", "end")
SET_TOPICS = {"common": ("common",), "skills": ("skills",), "responsibilities": ("responsibilities",),
              "role": ("role", "pay")}
# Criteria whose failure earns one follow-up question; questions_back only on the closing question.
FOLLOW_UP_CRITERIA = DEFAULT_COACH["follow_up_criteria"]    # when a scorer has no rubric of its own
CLOSING_FOLLOW_UP = "questions_back"
RETRY_BELOW = PASS_MARK
# The readiness checklist, each item with the guide facts it comes from.
READINESS: dict[str, tuple[str, ...]] = {
    "researched_company": ("tip-3",),
    "read_job_spec": ("tip-2",),
    "three_stories": ("dont-1",),
    "questions_ready": ("dont-1",),
    "on_time_setup": ("dont-2",),
}

@dataclass
class Settings:
    lang: str = "en"
    question_set: str = "full"
    count: int | None = None
    feedback: str = "each"
    timer: bool = True
    seed: int = 0

    def __post_init__(self) -> None:
        if self.lang not in LANGS:
            raise MockintError(f"unknown language '{self.lang}'; choose one of: {', '.join(LANGS)}")
        if self.question_set not in QUESTION_SETS:
            raise MockintError(f"unknown question set '{self.question_set}'; "
                               f"choose one of: {', '.join(QUESTION_SETS)}")
        if self.feedback not in FEEDBACK_MODES:
            raise MockintError(f"feedback must be 'each' or 'end', not '{self.feedback}'")
        if self.count is not None and self.count < 1:
            raise MockintError(f"the number of questions must be at least 1, not {self.count}")


def _rng(settings: Settings) -> random.Random:
    return random.Random(f"{settings.question_set}:{settings.count}:{settings.seed}")


def pick_questions(bank: Bank, settings: Settings) -> list[Question]:
    """The questions of an interview, in the order they are asked; same settings, same list."""
    rng = _rng(settings)
    if settings.question_set == "full":
        return _full(bank, settings.count or FULL_DEFAULT_COUNT, rng)
    topics = SET_TOPICS[settings.question_set]
    pool = [q for q in bank.questions if q.topic in topics]
    if settings.count is None or settings.count >= len(pool):
        return pool
    chosen = {q.id for q in rng.sample(pool, settings.count)}
    return [q for q in pool if q.id in chosen]          # asked in bank order


def with_job_questions(questions: list[Question], extra: list[Question],
                       count: int | None = None) -> list[Question]:
    """``extra`` (the questions built from a job posting) just before the closing question
    (``questions-for-us``), or at the end when there is none; never added twice. ``count``: the
    number of questions asked for, kept: the posting's questions take the places of the last
    other questions (the closing one stays), at most all but one of them."""
    have = {q.id for q in questions}
    extra = [q for q in extra if q.id not in have]
    if not extra:
        return list(questions)
    if count is not None and len(questions) + len(extra) > count:
        closer = [q for q in questions if q.id == FULL_CLOSER]
        others = [q for q in questions if q.id != FULL_CLOSER]
        if count <= len(closer):                 # one question asked for: the posting's first
            closer = []
        slots = count - len(closer)              # for the other questions and the posting's
        extra = extra[:max(1, min(len(extra), slots - 1))]   # one other question stays if it can
        questions = others[:max(0, slots - len(extra))] + closer
    at = next((i for i, q in enumerate(questions) if q.id == FULL_CLOSER), len(questions))
    return [*questions[:at], *extra, *questions[at:]]


def questions_for(bank: Bank, settings: Settings, question_ids: list[str] | None = None) -> list[Question]:
    """The given question ids (in that order, count-limited) or the settings' pick."""
    if not question_ids:
        return pick_questions(bank, settings)
    qs = [bank.get(qid) for qid in question_ids]
    return qs[:settings.count] if settings.count else qs


@dataclass
class Turn:
    number: int                     # 1-based position of the question
    question: Question
    answer: str                     # the text that was scored
    result: Result
    final: bool                     # False: a follow-up was asked and the turn goes on
    follow_up: str | None = None    # the follow-up question, when not final
    follow_up_for: str | None = None  # the criterion it is about
    replies: list[ReplyMatch] = field(default_factory=list)


@dataclass
class Coach:
    """What the live coach shows for a draft answer."""
    words: int = 0
    min_words: int = 0
    max_words: int = 0
    example: bool | None = False       # None: the check does not apply to this question
    number: bool | None = False
    result: bool | None = False
    hedges: list[str] = field(default_factory=list)
    fillers: list[str] = field(default_factory=list)
    question_back: bool = False
    question_back_bonus: bool = False  # outside the closing question: a bonus, shown without a ✗
    error: str | None = None

    @property
    def length(self) -> str:
        if self.words < self.min_words:
            return "short"
        return "long" if self.words > self.max_words else "ok"


COACH_CRITERIA = DEFAULT_COACH["criteria"]     # all the live coach shows, unless the rubric says otherwise


def _coach_rules(scorer: Any) -> dict[str, tuple[str, ...]]:
    rubric = getattr(scorer, "rubric", None)
    return getattr(rubric, "coach", None) or DEFAULT_COACH


def coach_for(scorer: Scorer, draft: str, question: Question) -> Coach:
    """The live coach's view of a draft: only the criteria it shows are scored."""
    rules = _coach_rules(scorer)
    return coach_from_result(scorer.score(draft, question, only=rules["criteria"]), rules)


def coach_from_result(result: Result, rules: dict[str, tuple[str, ...]] | None = None) -> Coach:
    """The coach's lines from a result, by the rules the rubric's `coach:` section names."""
    rules = rules or DEFAULT_COACH
    checks = {k.rule: k for c in result.criteria for k in c.checks}

    def found(key: str) -> bool:
        return any(r in checks and checks[r].count > 0 for r in rules[key])

    def texts(key: str) -> list[str]:
        return [" ".join(e.text.split()) for r in rules[key] if r in checks for e in checks[r].evidence]

    q = result.question
    story = next((c for cid in rules["example"] if (c := result.criterion(cid)) is not None), None)
    # no story criterion (e.g. the closing question): the example, number and result lines are not shown
    return Coach(words=result.words, min_words=q.min_words, max_words=q.max_words,
                 example=None if story is None else story.passed,
                 number=None if story is None else found("number"),
                 result=None if story is None else found("result"),
                 hedges=texts("hedges"), fillers=texts("fillers"), question_back=found("question_back"),
                 question_back_bonus=_bonus(result, rules["question_back"]))


def _bonus(result: Result, rules: tuple[str, ...]) -> bool:
    """Whether the criteria of these checks are only a bonus for this question (not earning one is no fault)."""
    crits = [c for r in rules if (c := result.criterion(r.split(".")[0])) is not None]
    return bool(crits) and all(c.mode == "bonus" for c in crits)


@dataclass
class Summary:
    session: Session
    readiness: dict[str, bool]
    skipped: list[str]
    retry: list[str]               # question ids worth practising again, in the order asked


@dataclass
class _Pending:
    answer: str
    elapsed: float | None
    result: Result
    replies: list[ReplyMatch]


class Interview(InterviewerReplies):
    """One mock interview: the questions, where we are, and the final result of each answer."""

    def __init__(self, questions: list[Question], scorer: Scorer | Callable[[], Scorer], bank: Bank,
                 lang: str | None = None, job=None):
        if not questions:
            raise MockintError("an interview needs at least one question")
        self.questions = list(questions)
        self._scorer, self.bank = scorer, bank
        self.lang = lang or bank.lang
        self.index = 0
        self.turns: list[Turn] = []
        self.skipped: list[str] = []
        self.ended = False
        self.readiness: dict[str, bool] = {k: False for k in READINESS}
        self._pending: _Pending | None = None
        self.asked: set[str] = set()        # the follow-ups asked (followups.key): never twice
        self._reply_sets: list[tuple[Reply, PhraseSet]] | None = None
        self.job = job        # a jobspec.JobContext (posting terms and/or tone), or None: the rubric alone

    @property
    def scorer(self) -> Scorer:
        """The scorer; given as a factory, it is built on first use (the TUI warms it meanwhile)."""
        if callable(self._scorer) and not hasattr(self._scorer, "score"):
            self._scorer = self._scorer()
        return cast("Scorer", self._scorer)       # a Scorer: given, or built by the factory just above

    # -- where we are
    @property
    def total(self) -> int:
        return len(self.questions)

    @property
    def number(self) -> int:
        """1-based number of the current question."""
        return min(self.index, self.total - 1) + 1

    @property
    def is_over(self) -> bool:
        return self.ended or self.index >= self.total

    @property
    def awaiting_follow_up(self) -> bool:
        return self._pending is not None

    @property
    def results(self) -> list[Result]:
        return [t.result for t in self.turns]

    @property
    def pending_answer(self) -> str | None:
        """The first answer while its follow-up is awaited (scored with the follow-up), else None."""
        return None if self._pending is None else self._pending.answer

    def resume_at(self, index: int, turns: list[Turn] | None = None, skipped: list[str] | None = None) -> None:
        """Go on with a stored interview from question ``index`` (0-based): ``turns`` are the
        answers given before (with the results shown then, for the summary), ``skipped`` the ids
        of the questions passed over. Only before the first answer of this object."""
        if self.turns or self.skipped or self.index or self._pending is not None:
            raise MockintError("an interview can only be resumed before it goes on")
        if not 0 <= index <= self.total:
            raise MockintError(f"cannot resume at question {index + 1}: the interview has {self.total}")
        self.index = index
        self.turns = list(turns or [])
        self.skipped = list(skipped or [])

    def current_question(self) -> Question | None:
        return None if self.is_over else self.questions[self.index]

    def opening(self) -> str:
        if self.total == 1:
            return tr(self.lang, "interview.opening_one")
        return tr(self.lang, "interview.opening", n=ro_count(self.total) if self.lang == "ro" else self.total)

    def closing(self) -> str:
        return tr(self.lang, "interview.closing")

    def set_readiness(self, **items: bool) -> None:
        for key, value in items.items():
            if key not in READINESS:
                raise MockintError(f"unknown readiness item '{key}'")
            self.readiness[key] = bool(value)

    # -- answering
    def submit(self, answer: str, elapsed: float | None = None) -> Turn:
        """Score an answer (or a follow-up answer together with the first); may ask one follow-up."""
        q = self.current_question()
        if q is None:
            raise MockintError("the interview is over")
        pending = self._pending
        if pending is not None:
            text = pending.answer + "\n\n" + answer
            total = None if pending.elapsed is None or elapsed is None else pending.elapsed + elapsed
            result = self._score(text, q, total)
            later = [m for m in self._replies_for(q, answer)
                     if all(m.reply_id != p.reply_id for p in pending.replies)]
            return self._finish(q, text, result, pending.replies + later)
        result = self._score(answer, q, elapsed)     # raises MockintError on a huge answer
        replies = self._replies_for(q, answer)
        chosen = self._follow_up(q, result)
        if chosen is None:
            return self._finish(q, answer, result, replies)
        crit_id, follow_up = chosen
        self.asked.add(followups.key(follow_up))
        self._pending = _Pending(answer, elapsed, result, replies)
        return Turn(self.number, q, answer, result, False, follow_up, crit_id, replies)

    def _score(self, answer: str, q: Question, elapsed: float | None) -> Result:
        """The scorer's result; with a job context, with the job_fit / tone criteria blended in."""
        if self.job is None:
            return self.scorer.score(answer, q, elapsed)
        from mockint.core.jobspec import score_with_job

        return score_with_job(self.scorer, answer, q, elapsed, self.job)

    def _follow_up(self, q: Question, result: Result) -> tuple[str, str] | None:
        """(criterion id, text) of the follow-up to ask, never one asked before in this interview."""
        ids = ((CLOSING_FOLLOW_UP,) if q.kind == "closing" else ()) + _coach_rules(self.scorer)["follow_up_criteria"]
        return followups.choose(result, q, self.scorer.rubric, ids, self.asked)

    def _finish(self, q: Question, answer: str, result: Result, replies: list[ReplyMatch]) -> Turn:
        turn = Turn(self.number, q, answer, result, True, replies=replies)
        self.turns.append(turn)
        self._pending = None
        self.index += 1
        return turn

    def skip(self) -> Turn | None:
        """Move on. During a follow-up, the first answer stands (and is returned as the turn)."""
        q = self.current_question()
        if q is None:
            return None
        if self._pending is not None:
            p = self._pending
            return self._finish(q, p.answer, p.result, p.replies)
        self.skipped.append(q.id)
        self.index += 1
        return None

    def end_now(self) -> None:
        """Stop here; a first answer waiting for its follow-up still counts."""
        if self._pending is not None:
            self.skip()
        self.ended = True

    # -- live coach and summary
    def coach(self, draft: str, question: Question | None = None) -> Coach:
        """The live coach's view of a draft answer to ``question`` (default: the current one)."""
        q = question or self.current_question() or self.questions[-1]
        try:
            return coach_for(self.scorer, draft, q)
        except MockintError as exc:
            return Coach(words=len(draft.split()), min_words=q.min_words, max_words=q.max_words, error=str(exc))

    def summary(self) -> Summary:
        from mockint.core.scoring.feedback import session_summary

        session = session_summary(self.lang, self.results)
        if self.job is not None and self.job.terms:
            from mockint.core.jobspec import job_fit_table, with_posting_covered

            with_posting_covered(session, self.results)     # the share of the posting covered, not a mean
            session.job_fit = job_fit_table(self.results, self.job.terms)
        weak = {w["question_id"] for w in session.weakest}
        retry = [t.question.id for t in self.turns if t.result.score < RETRY_BELOW or t.question.id in weak]
        retry += self.skipped
        ordered = [q.id for q in self.questions if q.id in set(retry)]
        return Summary(session, dict(self.readiness), list(self.skipped), list(dict.fromkeys(ordered)))
