"""What the history holds, as records: sessions, answers, results and drafts, and their JSON form
in an export. A stored result is read back by engine.Result.from_dict."""

from __future__ import annotations

import json
from collections.abc import Iterator
from dataclasses import dataclass, field
from datetime import datetime, timezone
from itertools import chain
from typing import Any

from mockint.core.history.checks import (  # noqa: F401 - re-exported: the store's callers and tests
    _ID_RE,
    EXPORT_FORMAT,
    EXPORT_VERSION,
    MAX_CALL_TURNS,
    MAX_INDEX,
    _check_call,
    _check_result,
    validate_export,
)


@dataclass(frozen=True)
class SessionRow:
    """One line of the history: cheap to list (no answer is parsed)."""
    id: str
    started_at: str
    finished_at: str | None
    lang: str
    n_answers: int
    score: int | None
    scenario: str | None = None          # a role-play call: its scenario (n_answers: its turns)

    @property
    def finished(self) -> bool:
        return self.finished_at is not None

    def to_dict(self) -> dict[str, Any]:
        out = {"id": self.id, "started_at": self.started_at, "finished_at": self.finished_at,
               "lang": self.lang, "answers": self.n_answers, "score": self.score}
        if self.scenario is not None:
            out["roleplay"] = self.scenario
        return out


@dataclass
class ResultRecord:
    id: int
    rubric_version: int
    score: int
    shown: bool                 # True: the result the user saw when answering
    created_at: str
    result: dict[str, Any]      # Result.to_dict()


@dataclass
class AnswerRecord:
    session_id: str
    index: int                  # 0-based position in the session's question list
    question_id: str | None
    question_text: str
    answer: str
    elapsed: float | None
    answered_at: str
    follow_up: dict[str, Any] | None
    results: list[ResultRecord]
    session_started_at: str = ""
    lang: str = ""

    @property
    def shown(self) -> ResultRecord:
        """The result shown when the answer was given (the first one if none is flagged)."""
        return next((r for r in self.results if r.shown), self.results[0])

    @property
    def result(self) -> dict[str, Any]:
        return self.shown.result

    @property
    def latest(self) -> ResultRecord:
        """The most recent result (a re-score, if any)."""
        return self.results[-1]


@dataclass
class DraftRecord:
    index: int
    question_id: str | None
    text: str
    saved_at: str
    elapsed: float | None = None     # seconds already spent on the question when it was saved


@dataclass
class SessionRecord:
    id: str
    lang: str
    started_at: str
    finished_at: str | None
    settings: dict[str, Any]
    readiness: dict[str, bool]
    question_ids: list[str]
    summary: dict[str, Any] | None
    n_answers: int
    score: int | None
    mockint_version: str
    answers: list[AnswerRecord] = field(default_factory=list)
    drafts: list[DraftRecord] = field(default_factory=list)
    call: dict[str, Any] | None = None    # a role-play: {"scenario", "turns", "result" (or None)}

    @property
    def finished(self) -> bool:
        return self.finished_at is not None

    @property
    def next_index(self) -> int:
        """Where a resumed interview goes on: after the last answered question."""
        return max((a.index for a in self.answers), default=-1) + 1

    @property
    def remaining(self) -> list[str]:
        """The question ids still to ask when resuming (empty: only the summary is left)."""
        return self.question_ids[self.next_index:]

    def draft(self, index: int) -> DraftRecord | None:
        return next((d for d in self.drafts if d.index == index), None)

    def answer(self, index: int) -> AnswerRecord | None:
        return next((a for a in self.answers if a.index == index), None)


def now_iso() -> str:
    """UTC, millisecond precision, fixed width: sorts as text."""
    return datetime.now(timezone.utc).isoformat(timespec="milliseconds")


def _dumps(value: Any) -> str:
    return json.dumps(value, ensure_ascii=False, separators=(",", ":"))


class _Lazy(list):
    """A list to ``json``'s encoder that yields its items only as they are encoded (the encoder
    with an indent, the one ``json_chunks`` uses, only asks whether it is empty and iterates)."""

    def __init__(self, items: Iterator[Any]):
        super().__init__()
        self._items = iter(items)
        self._first: list[Any] | None = None
        self.taken = 0                          # items handed out so far (export says how many)

    def _peek(self) -> list[Any]:
        if self._first is None:
            try:
                self._first = [next(self._items)]
            except StopIteration:
                self._first = []
        return self._first

    def __iter__(self):
        for x in chain(self._peek(), self._items):
            self.taken += 1
            yield x

    def __bool__(self) -> bool:                 # an empty one must encode as []
        return bool(self._peek())

    def __len__(self) -> int:  # pragma: no cover - never asked by the encoder
        raise TypeError("a lazy list has no length until it is read")


def _session_doc(rec: SessionRecord) -> dict[str, Any]:
    return {
        "id": rec.id, "lang": rec.lang, "started_at": rec.started_at, "finished_at": rec.finished_at,
        "mockint_version": rec.mockint_version, "settings": rec.settings, "readiness": rec.readiness,
        "question_ids": rec.question_ids, "summary": rec.summary,
        "answers": [{"index": a.index, "question_id": a.question_id, "question_text": a.question_text,
                     "answer": a.answer, "elapsed": a.elapsed, "answered_at": a.answered_at,
                     "follow_up": a.follow_up,
                     "results": [{"rubric_version": r.rubric_version, "shown": r.shown,
                                  "created_at": r.created_at, "result": r.result} for r in a.results]}
                    for a in rec.answers],
        "drafts": [{"index": d.index, "question_id": d.question_id, "text": d.text, "saved_at": d.saved_at,
                    "elapsed": d.elapsed} for d in rec.drafts],
        **({"call": rec.call} if rec.call is not None else {}),
    }
