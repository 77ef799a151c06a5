"""Interview transcripts for ``mockint grade``: lang, and a list of answers."""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path

from mockint.core.bank import loader
from mockint.core.data.errors import MockintError
from mockint.core.data.validate import Doc
from mockint.core.data.yamlfile import load_yaml, read_data
from mockint.core.questions.bank import Question, adhoc_question
from mockint.core.scoring.engine import MAX_ANSWER_CHARS
from mockint.core.scoring.text import LANGS

MAX_TRANSCRIPT_BYTES = 5 * 1024 * 1024   # 3,000 answers of 250 words; memory stays under ~350 MB
MAX_ANSWERS = 5_000                        # answers one 'grade' takes (an interview has 5-30)


@dataclass
class Item:
    question: Question
    answer: str
    elapsed: float | None


@dataclass
class Transcript:
    lang: str
    items: list[Item]


def load_transcript(path: str | Path) -> Transcript:
    name = str(path)
    text = read_data(Path(path), name, max_bytes=MAX_TRANSCRIPT_BYTES)
    doc = Doc(name, text)
    data = load_yaml(text, name)
    if data is None:
        doc.fail((), "the file is empty: a transcript needs 'lang' and 'answers' (see 'mockint grade --help')")
    top = doc.mapping(data, (), required=("lang", "answers"), optional=("title", "date", "candidate"))
    lang = doc.choice(top["lang"], ("lang",), LANGS)
    bank = loader.bank(lang)
    items = []
    answers = doc.seq(top["answers"], ("answers",), 1)
    if len(answers) > MAX_ANSWERS:
        doc.fail(("answers",), f"{len(answers):,} answers; 'mockint grade' takes at most {MAX_ANSWERS:,} at a time: "
                 f"split the file")
    for i, raw in enumerate(answers):
        p = ("answers", i)
        m = doc.mapping(raw, p, required=("answer",), optional=("question", "question_text", "elapsed"))
        if ("question" in m) == ("question_text" in m):
            doc.fail(p, "give exactly one of 'question' (an id) or 'question_text'")
        if "question" in m:
            qid = doc.text_(m["question"], p + ("question",))
            try:
                q = bank.get(qid)
            except MockintError as exc:
                doc.fail(p + ("question",), str(exc))
        else:
            q = adhoc_question(doc.text_(m["question_text"], p + ("question_text",)).strip(), lang)
        answer = m["answer"]
        if answer is None or (isinstance(answer, str) and not answer.strip()):
            doc.fail(p + ("answer",), "the answer is empty")
        answer = str(answer) if isinstance(answer, (int, float)) and not isinstance(answer, bool) else answer
        doc.text_(answer, p + ("answer",))
        if not has_words(answer):
            doc.fail(p + ("answer",), "the answer has no words (only symbols, emoji or marks)")
        if len(answer) > MAX_ANSWER_CHARS:
            doc.fail(p + ("answer",), f"the answer is {len(answer):,} characters; at most {MAX_ANSWER_CHARS:,}")
        elapsed = None
        if "elapsed" in m:
            elapsed = float(doc.number(m["elapsed"], p + ("elapsed",), 0, 86400))
        items.append(Item(q, answer, elapsed))
    return Transcript(lang, items)


def has_words(text: str) -> bool:
    """At least one letter or digit: an answer of only emoji, symbols or combining marks has none."""
    return any(ch.isalnum() for ch in text)
