"""Question banks: questions with tags, guide citations, talking points and follow-ups."""

from __future__ import annotations

from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from mockint.core.errors import MockintError, did_you_mean
from mockint.core.text import LANGS
from mockint.core.validate import Doc
from mockint.core.yamlfile import load_yaml_cached, read_text

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
    lang: str = "en"
    in_bank: bool = True

    @property
    def tags(self) -> dict[str, str]:
        return {"topic": self.topic, "kind": self.kind, "difficulty": self.difficulty}

    def to_dict(self) -> dict[str, Any]:
        return {
            "id": self.id, "lang": self.lang, "text": self.text, "tags": self.tags, "guide": self.guide,
            "answer": {"min_words": self.min_words, "max_words": self.max_words, "seconds": self.seconds},
            "terms": self.terms,
            "talking_points": [{"id": p.id, "summary": p.summary, "phrases": p.phrases,
                                "follow_up": p.follow_up, "guide": p.guide} for p in self.talking_points],
        }


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


def parse_bank(text: str, name: str, facts: set[str] | None = None) -> Bank:
    doc = Doc(name, text)
    data = load_yaml_cached(text, name)
    top = doc.mapping(data, (), required=("lang", "version", "questions"), optional=("replies",))
    lang = doc.choice(top["lang"], ("lang",), LANGS)
    version = int(doc.number(top["version"], ("version",), 1, whole=True))

    def guide(value, path):
        ids = doc.strings(value, path, 0)
        for i, g in enumerate(ids):
            if facts is not None and g not in facts:
                doc.fail(path + (i,), f"'{g}' is not a guide fact{did_you_mean(g, sorted(facts))}")
        return ids

    questions: list[Question] = []
    seen: set[str] = set()
    for qi, raw in enumerate(doc.seq(top["questions"], ("questions",), 1)):
        p = ("questions", qi)
        q = doc.mapping(raw, p, required=("id", "text", "tags", "guide", "answer", "talking_points"),
                        optional=("terms",))
        qid = doc.ident(q["id"], p + ("id",))
        if qid in seen:
            doc.fail(p + ("id",), f"duplicate question id '{qid}'")
        seen.add(qid)
        tags = doc.mapping(q["tags"], p + ("tags",), required=("topic", "kind", "difficulty"))
        ans = doc.mapping(q["answer"], p + ("answer",), required=("min_words", "max_words", "seconds"))
        min_w = int(doc.number(ans["min_words"], p + ("answer", "min_words"), 1, 5000, whole=True))
        max_w = int(doc.number(ans["max_words"], p + ("answer", "max_words"), 1, 5000, whole=True))
        if max_w < min_w:
            doc.fail(p + ("answer", "max_words"), f"must be at least min_words ({min_w})")
        points: list[TalkingPoint] = []
        pids: set[str] = set()
        for ti, traw in enumerate(doc.seq(q["talking_points"], p + ("talking_points",), 1)):
            tp = p + ("talking_points", ti)
            t = doc.mapping(traw, tp, required=("id", "summary", "phrases", "follow_up"), optional=("guide",))
            pid = doc.ident(t["id"], tp + ("id",))
            if pid in pids:
                doc.fail(tp + ("id",), f"duplicate talking point id '{pid}'")
            pids.add(pid)
            points.append(TalkingPoint(pid, doc.text_(t["summary"], tp + ("summary",)),
                                       doc.strings(t["phrases"], tp + ("phrases",)),
                                       doc.text_(t["follow_up"], tp + ("follow_up",)),
                                       guide(t.get("guide", []), tp + ("guide",))))
        questions.append(Question(
            id=qid, text=doc.text_(q["text"], p + ("text",)),
            topic=doc.choice(tags["topic"], p + ("tags", "topic"), TOPICS),
            kind=doc.choice(tags["kind"], p + ("tags", "kind"), KINDS),
            difficulty=doc.choice(tags["difficulty"], p + ("tags", "difficulty"), DIFFICULTIES),
            guide=guide(q["guide"], p + ("guide",)), min_words=min_w, max_words=max_w,
            seconds=int(doc.number(ans["seconds"], p + ("answer", "seconds"), 5, 3600, whole=True)),
            talking_points=points, terms=doc.strings(q.get("terms", []), p + ("terms",), 0), lang=lang))
    replies: list[Reply] = []
    rids: set[str] = set()
    for ri, raw in enumerate(doc.seq(top.get("replies", []) or [], ("replies",))):
        p = ("replies", ri)
        r = doc.mapping(raw, p, required=("id", "text"), optional=("phrases",))
        rid = doc.ident(r["id"], p + ("id",))
        if rid in rids:
            doc.fail(p + ("id",), f"duplicate reply id '{rid}'")
        rids.add(rid)
        phrases = doc.strings(r.get("phrases", []), p + ("phrases",), 0)
        if rid != "fallback" and not phrases:
            doc.fail(p, "a reply needs 'phrases' (only the 'fallback' reply has none)")
        replies.append(Reply(rid, phrases, doc.text_(r["text"], p + ("text",))))
    return Bank(lang=lang, version=version, questions=questions, replies=replies, source=name)


def load_bank(path: Path | str, facts: set[str] | None = None, display: str | None = None) -> Bank:
    path = Path(path)
    return parse_bank(read_text(path), display or str(path), facts)
