"""Question banks: questions with tags, guide citations, talking points and follow-ups."""

from __future__ import annotations

from collections.abc import Callable, Mapping
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from mockint.core.data.errors import DataError, MockintError, did_you_mean
from mockint.core.data.langs import LANGS
from mockint.core.data.validate import Doc, guide_refs
from mockint.core.data.yamlfile import load_yaml_cached, read_data
from mockint.core.questions.examples import Examples, parse_examples
from mockint.core.questions.overrides import criteria_overrides

TOPICS = ("common", "responsibilities", "skills", "role", "pay", "tips", "closing")
KINDS = ("behavioural", "situational", "knowledge", "closing")
DIFFICULTIES = ("easy", "medium", "hard")


@dataclass
class TalkingPoint:
    id: str
    summary: str
    phrases: list[str]
    follow_up: str
    guide: list[str] = field(default_factory=list)


@dataclass
class Question:
    id: str
    text: str
    topic: str
    kind: str
    difficulty: str
    guide: list[str]
    min_words: int
    max_words: int
    seconds: int
    talking_points: list[TalkingPoint]
    terms: list[str] = field(default_factory=list)
    subject: list[str] = field(default_factory=list)   # phrases any answer to it names (one at least)
    invites_questions: bool = False            # the interviewer answers every question asked in the answer
    lang: str = "en"
    in_bank: bool = True
    rubric: str | None = None                  # the rubric it is scored with (None: the language's)
    criteria: dict[str, float] = field(default_factory=dict)   # criterion or check id -> weight; 0 = off
    examples: Examples = field(default_factory=Examples)        # self-tests (mockint check-rubric)
    source: str = ""                           # the file it comes from, as shown in messages
    user: bool = False                         # from the user's folder or --bank, not built-in

    @property
    def tags(self) -> dict[str, str]:
        return {"topic": self.topic, "kind": self.kind, "difficulty": self.difficulty}

    def to_dict(self) -> dict[str, Any]:
        out: dict[str, Any] = {
            "id": self.id, "lang": self.lang, "text": self.text, "tags": self.tags, "guide": self.guide,
            "answer": {"min_words": self.min_words, "max_words": self.max_words, "seconds": self.seconds},
            "terms": self.terms,
            "subject": self.subject,
            "talking_points": [{"id": p.id, "summary": p.summary, "phrases": p.phrases,
                                "follow_up": p.follow_up, "guide": p.guide} for p in self.talking_points],
        }
        if self.rubric:                     # extensions: only when the question sets them
            out["rubric"] = self.rubric
        if self.invites_questions:
            out["invites_questions"] = True
        if self.criteria:
            out["criteria"] = {k: ("off" if v == 0 else {"weight": v}) for k, v in self.criteria.items()}
        if self.user:
            out["source"] = self.source
        return out

    def to_data(self) -> dict[str, Any]:
        """The question as it is written in a bank file (without ``lang``, which is the file's)."""
        out: dict[str, Any] = {"id": self.id, "text": self.text, "tags": self.tags}
        if self.rubric:
            out["rubric"] = self.rubric
        if self.criteria:
            out["criteria"] = {k: ("off" if v == 0 else {"weight": _num(v)}) for k, v in self.criteria.items()}
        out["guide"] = list(self.guide)
        out["answer"] = {"min_words": self.min_words, "max_words": self.max_words, "seconds": self.seconds}
        if self.terms:
            out["terms"] = list(self.terms)
        if self.subject:
            out["subject"] = list(self.subject)
        if self.invites_questions:
            out["invites_questions"] = True
        if self.talking_points:
            pts = []
            for p in self.talking_points:
                d: dict[str, Any] = {"id": p.id, "summary": p.summary, "phrases": list(p.phrases),
                                     "follow_up": p.follow_up}
                if p.guide:
                    d["guide"] = list(p.guide)
                pts.append(d)
            out["talking_points"] = pts
        if self.examples:
            out["examples"] = self.examples.to_data()
        return out


def _num(x: float) -> int | float:
    return int(x) if float(x).is_integer() else x


@dataclass
class RubricRef:
    """What a bank needs to know of a rubric to check a question's ``rubric:`` and ``criteria:``."""
    name: str
    lang: str
    criteria: list[str]
    checks: list[str] = field(default_factory=list)     # "criterion.check" ids

    @classmethod
    def of(cls, name: str, rubric: Any) -> RubricRef:
        """The reference to a loaded rubric (a scoring ``Rubric``) under ``name``."""
        return cls(name, rubric.lang, [c.id for c in rubric.criteria],
                   [f"{c.id}.{s.id}" for c in rubric.criteria for s in c.checks])


RubricIndex = Mapping[str, RubricRef] | Callable[[], Mapping[str, RubricRef]]


@dataclass
class Reply:
    id: str
    phrases: list[str]
    text: str


@dataclass
class Bank:
    lang: str
    version: int
    questions: list[Question]
    replies: list[Reply]
    source: str = ""

    def get(self, qid: str) -> Question:
        for q in self.questions:
            if q.id == qid:
                return q
        raise MockintError(f"unknown question id '{qid}'{did_you_mean(qid, self.ids())}; "
                           f"'mockint questions' lists them")

    def ids(self) -> list[str]:
        return [q.id for q in self.questions]

    def filter(self, tag: str | None = None) -> list[Question]:
        if not tag:
            return list(self.questions)
        return [q for q in self.questions if tag in q.tags.values() or tag == q.id]


def adhoc_question(text: str, lang: str) -> Question:
    """A question that is not in the bank (``--question-text``): global criteria only."""
    return Question(id="", text=text, topic="", kind="behavioural", difficulty="medium", guide=[],
                    min_words=60, max_words=300, seconds=150, talking_points=[], lang=lang, in_bank=False)


QUESTION_KEYS = ("id", "text", "tags", "guide", "answer", "talking_points", "terms", "subject", "rubric",
                 "criteria", "examples", "invites_questions")


_NESTED = {"min_words": "answer", "max_words": "answer", "seconds": "answer", "topic": "tags", "kind": "tags",
           "difficulty": "tags"}


class _Problems(Exception):
    """Every problem found in one question."""

    def __init__(self, errors: list[DataError]):
        super().__init__(str(errors[0]))
        self.errors = errors


def parse_bank(text: str, name: str, facts: set[str] | None = None, rubrics: RubricIndex | None = None,
               problems: list[DataError] | None = None) -> Bank:
    """A bank from YAML text. ``facts``: the guide's fact ids (cited ids are checked);
    ``rubrics``: the rubrics a question may name (a mapping or a function giving one, asked only
    when a question names a rubric or overrides a criterion). ``problems``: when given, a question
    that does not validate is recorded there and left out instead of failing the whole bank."""
    doc = Doc(name, text)
    data = load_yaml_cached(text, name)
    if data is None:
        doc.fail((), "the file is empty: a question bank needs 'lang', 'version' and 'questions'")
    top = doc.a_mapping(data, ())
    if "criteria" in top and "questions" not in top:
        doc.fail(("criteria",), "this is a rubric (it has 'criteria', no 'questions'), not a question bank: "
                 "rubrics go in the rubrics folder (or are given with --bank)")
    top_errs = _top_problems(doc, top)
    if top_errs and (problems is None or "questions" not in top):
        if problems is None:
            raise top_errs[0]
        problems.extend(top_errs)
        return Bank(lang=top["lang"] if top.get("lang") in LANGS else "en", version=1, questions=[],
                    replies=[], source=name)
    lang = top["lang"] if top.get("lang") in LANGS else "en"
    version = int(top["version"]) if not top_errs else 1
    ctx = _Context(doc, name, lang, facts, _lazy_index(rubrics))
    questions = _questions(ctx, top["questions"], problems)
    replies = _replies(doc, top.get("replies", []) or [])
    if top_errs and problems is not None:   # every problem of the file is said; none of its questions is used
        problems.extend(top_errs)                  # (without ``problems`` the first one was raised above)
        questions, replies = [], []
    return Bank(lang=lang, version=version, questions=questions, replies=replies, source=name)


def _top_problems(doc: Doc, top: dict) -> list[DataError]:
    """Every problem of the bank's top-level keys, ``lang`` and ``version``."""
    errs = doc.key_problems(top, (), ("lang", "version", "questions"), ("replies",))
    for key, check in (("lang", lambda v: doc.choice(v, ("lang",), LANGS)),
                       ("version", lambda v: doc.number(v, ("version",), 1, whole=True))):
        if key in top:
            try:
                check(top[key])
            except DataError as exc:
                errs.append(exc)
    return errs


def _lazy_index(rubrics: RubricIndex | None) -> Callable[[], Mapping[str, RubricRef] | None]:
    """The rubrics a question may name, asked for (and kept) the first time one is needed."""
    index: dict[str, Any] = {}

    def rubric_index() -> Mapping[str, RubricRef] | None:
        if rubrics is None:
            return None
        if "v" not in index:
            index["v"] = rubrics() if callable(rubrics) else rubrics
        return index["v"]
    return rubric_index


@dataclass
class _Context:
    """What every question of a bank is read with."""
    doc: Doc
    name: str
    lang: str
    facts: set[str] | None
    rubric_index: Callable[[], Mapping[str, RubricRef] | None]


class _Soft:
    """The problems of one question: each part is read on its own and a problem is recorded, so
    that every problem in the question is found (not only the first)."""

    def __init__(self) -> None:
        self.errs: list[DataError] = []

    def __call__(self, fn: Callable[[], Any], default: Any = None) -> Any:
        try:
            return fn()
        except DataError as exc:
            self.errs.append(exc)
        except (KeyError, TypeError):      # a key missing or of the wrong shape: said already
            pass
        return default


def _questions(ctx: _Context, raw: Any, problems: list[DataError] | None) -> list[Question]:
    """The bank's questions; with ``problems``, one that does not validate is recorded and left out."""
    doc = ctx.doc
    questions: list[Question] = []
    seen: set[str] = set()
    for qi, raw_q in enumerate(doc.seq(raw, ("questions",), 1)):
        p = ("questions", qi)
        try:
            qid = raw_q.get("id") if isinstance(raw_q, dict) else None
            if isinstance(qid, str):
                if qid in seen:
                    doc.fail(p + ("id",), f"duplicate question id '{qid}'")
                seen.add(qid)
            questions.append(_question(ctx, raw_q, p))
        except _Problems as many:
            if problems is None:
                raise many.errors[0] from None
            problems.extend(many.errors)
        except DataError as exc:
            if problems is None:
                raise
            problems.append(exc)
    return questions


def _question(ctx: _Context, raw: Any, p: tuple) -> Question:
    """One question; every problem in it is found (not only the first): raises _Problems."""
    doc, soft = ctx.doc, _Soft()
    q = doc.a_mapping(raw, p)
    for key in q:                      # a key one level too high: say where it goes
        if key in _NESTED and key not in QUESTION_KEYS:
            soft.errs.append(doc.error(p + (key,), f"unknown key here; '{key}' goes under '{_NESTED[key]}:'"))
    soft.errs += doc.key_problems({k: v for k, v in q.items() if k not in _NESTED}, p,
                                  ("id", "text", "tags", "answer"),
                                  [k for k in QUESTION_KEYS if k not in ("id", "text", "tags", "answer")])
    qid = soft(lambda: doc.ident(q["id"], p + ("id",)))
    text = soft(lambda: doc.text_(q["text"], p + ("text",)))
    topic, kind, difficulty = _tags(doc, q, p, soft)
    min_w, max_w, seconds = _budget(doc, q, p, soft)
    points = _talking_points(ctx, q, p, soft)
    rubric_name = soft(lambda: doc.ident(q["rubric"], p + ("rubric",))) if "rubric" in q else None
    criteria = soft(lambda: criteria_overrides(doc, q, p, ctx.lang, rubric_name, ctx.rubric_index), {}) if (
        "criteria" in q or rubric_name) else {}
    examples = soft(lambda: parse_examples(doc, q["examples"], p + ("examples",), False), Examples()) \
        if "examples" in q else Examples()
    cited = soft(lambda: guide_refs(doc, q.get("guide", []), p + ("guide",), ctx.facts), [])
    terms = soft(lambda: doc.strings(q.get("terms", []), p + ("terms",), 0), [])
    subject = soft(lambda: doc.strings(q["subject"], p + ("subject",), 1), []) if "subject" in q else []
    invites = soft(lambda: doc.typed(q.get("invites_questions", False), p + ("invites_questions",), bool), False)
    if soft.errs:
        raise _Problems(soft.errs)
    return Question(
        id=qid, text=text, topic=topic, kind=kind, difficulty=difficulty, guide=cited,
        min_words=min_w, max_words=max_w, seconds=seconds, talking_points=points, terms=terms,
        subject=subject, invites_questions=invites, lang=ctx.lang, rubric=rubric_name, criteria=criteria,
        examples=examples, source=ctx.name)


def _tags(doc: Doc, q: dict, p: tuple, soft: _Soft) -> tuple[Any, Any, Any]:
    """A question's ``tags``: its topic, kind and difficulty (None where there is a problem)."""
    tags = soft(lambda: doc.a_mapping(q["tags"], p + ("tags",)), {})
    if "tags" in q:
        soft.errs += doc.key_problems(tags, p + ("tags",), ("topic", "kind", "difficulty"))
    return (soft(lambda: doc.choice(tags["topic"], p + ("tags", "topic"), TOPICS)),
            soft(lambda: doc.choice(tags["kind"], p + ("tags", "kind"), KINDS)),
            soft(lambda: doc.choice(tags["difficulty"], p + ("tags", "difficulty"), DIFFICULTIES)))


def _budget(doc: Doc, q: dict, p: tuple, soft: _Soft) -> tuple[Any, Any, Any]:
    """A question's ``answer``: its min_words, max_words and seconds (None where there is a problem)."""
    ans = soft(lambda: doc.a_mapping(q["answer"], p + ("answer",)), {})
    if "answer" in q:
        soft.errs += doc.key_problems(ans, p + ("answer",), ("min_words", "max_words", "seconds"))
    min_w = soft(lambda: int(doc.number(ans["min_words"], p + ("answer", "min_words"), 1, 5000, whole=True)))
    max_w = soft(lambda: int(doc.number(ans["max_words"], p + ("answer", "max_words"), 1, 5000, whole=True)))
    if min_w is not None and max_w is not None and max_w < min_w:
        soft.errs.append(doc.error(p + ("answer", "max_words"), f"must be at least min_words ({min_w})"))
    seconds = soft(lambda: int(doc.number(ans["seconds"], p + ("answer", "seconds"), 5, 3600, whole=True)))
    return min_w, max_w, seconds


def _talking_points(ctx: _Context, q: dict, p: tuple, soft: _Soft) -> list[TalkingPoint]:
    """A question's talking points, the ones without a problem (ids unique within the question)."""
    doc = ctx.doc
    points: list[TalkingPoint] = []
    pids: set[str] = set()
    raw_points = soft(lambda: doc.seq(q.get("talking_points", []), p + ("talking_points",),
                                      1 if "talking_points" in q else 0), [])
    for ti, traw in enumerate(raw_points):
        tp = p + ("talking_points", ti)
        t = soft(lambda: doc.a_mapping(traw, tp))
        if t is None:
            continue
        soft.errs += doc.key_problems(t, tp, ("id", "summary", "phrases", "follow_up"), ("guide",))
        pid = soft(lambda: doc.ident(t["id"], tp + ("id",)))
        if pid is not None and pid in pids:
            soft.errs.append(doc.error(tp + ("id",), f"duplicate talking point id '{pid}'"))
        pids.add(pid)
        if isinstance(t.get("phrases"), list) and not t["phrases"]:
            soft.errs.append(doc.error(tp + ("phrases",), "the phrase list is empty: give at least one phrase "
                                       "that shows the point is covered"))
            phrases = None
        else:
            phrases = soft(lambda: doc.strings(t["phrases"], tp + ("phrases",)))
        point: tuple[Any, ...] = (pid, soft(lambda: doc.text_(t["summary"], tp + ("summary",))), phrases,
                                  soft(lambda: doc.text_(t["follow_up"], tp + ("follow_up",))),
                                  soft(lambda: guide_refs(doc, t.get("guide", []), tp + ("guide",), ctx.facts)))
        if None not in point:
            points.append(TalkingPoint(*point))
    return points


def _replies(doc: Doc, raw: Any) -> list[Reply]:
    """The interviewer's replies to the candidate's questions (only 'fallback' has no phrases)."""
    replies: list[Reply] = []
    rids: set[str] = set()
    for ri, r_raw in enumerate(doc.seq(raw, ("replies",))):
        p = ("replies", ri)
        r = doc.mapping(r_raw, p, required=("id", "text"), optional=("phrases",))
        rid = doc.ident(r["id"], p + ("id",))
        if rid in rids:
            doc.fail(p + ("id",), f"duplicate reply id '{rid}'")
        rids.add(rid)
        phrases = doc.strings(r.get("phrases", []), p + ("phrases",), 0)
        if rid != "fallback" and not phrases:
            doc.fail(p, "a reply needs 'phrases' (only the 'fallback' reply has none)")
        replies.append(Reply(rid, phrases, doc.text_(r["text"], p + ("text",))))
    return replies


def load_bank(path: Path | str, facts: set[str] | None = None, display: str | None = None,
              rubrics: RubricIndex | None = None, problems: list[DataError] | None = None) -> Bank:
    path = Path(path)
    name = display or str(path)
    return parse_bank(read_data(path, name), name, facts, rubrics, problems)
