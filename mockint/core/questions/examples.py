"""Rubric self-tests: example answers a question or a criterion carries, like unit tests.

In a bank (per question) or a rubric (per criterion)::

    examples:
      pass:
        - "A solid answer ..."                 # a string: just the answer
      fail:
        - answer: "A weak answer ..."          # or a mapping with more
          elapsed: 400                         # seconds (for the on-time criterion)
          question: sales-experience           # criterion examples only: the bank question it answers

``mockint check-rubric`` (``mockint.core.bank.selfcheck``) scores them and lists every example that
lands on the wrong side. Parsing only checks the shape; nothing is scored at load.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Any

from mockint.core.data.validate import Doc
from mockint.core.data.yamlfile import Key

GROUPS = ("pass", "fail")


@dataclass
class Example:
    answer: str
    expect: str                       # "pass" | "fail"
    index: int                        # position in its group
    path: tuple[Key, ...] = ()        # where it is in its file (for file:line:col)
    question: str | None = None       # criterion examples: a bank question id
    elapsed: float | None = None

    @property
    def label(self) -> str:
        return f"{self.expect}[{self.index}]"

    def to_data(self) -> Any:
        if self.question is None and self.elapsed is None:
            return self.answer
        out: dict[str, Any] = {"answer": self.answer}
        if self.question is not None:
            out["question"] = self.question
        if self.elapsed is not None:
            out["elapsed"] = int(self.elapsed) if float(self.elapsed).is_integer() else self.elapsed
        return out


@dataclass
class Examples:
    passing: list[Example] = field(default_factory=list)
    failing: list[Example] = field(default_factory=list)

    def all(self) -> list[Example]:
        return self.passing + self.failing

    def __bool__(self) -> bool:
        return bool(self.passing or self.failing)

    def to_data(self) -> dict[str, Any]:
        out: dict[str, Any] = {}
        if self.passing:
            out["pass"] = [e.to_data() for e in self.passing]
        if self.failing:
            out["fail"] = [e.to_data() for e in self.failing]
        return out


def parse_examples(doc: Doc, value: Any, path: tuple[Key, ...], with_question: bool) -> Examples:
    """``examples: {pass: [...], fail: [...]}``; ``with_question``: items may name a bank question."""
    m = doc.mapping(value, path, optional=GROUPS)
    if not m:
        doc.fail(path, "give 'pass' and/or 'fail' example answers")
    out = Examples()
    optional = ("elapsed", "question") if with_question else ("elapsed",)
    for group in GROUPS:
        if group not in m:
            continue
        gp = path + (group,)
        if isinstance(m[group], list) and not m[group]:
            doc.fail(gp, f"the list is empty: give at least one example answer, or leave '{group}' out")
        items = doc.seq(m[group], gp, 1)
        target = out.passing if group == "pass" else out.failing
        for i, raw in enumerate(items):
            ip = gp + (i,)
            if isinstance(raw, dict):
                e = doc.mapping(raw, ip, required=("answer",), optional=optional)
                answer = doc.text_(e["answer"], ip + ("answer",))
                question = doc.ident(e["question"], ip + ("question",)) if "question" in e else None
                elapsed = float(doc.number(e["elapsed"], ip + ("elapsed",), 0, 86400)) if "elapsed" in e else None
                target.append(Example(answer, group, i, ip, question, elapsed))
            else:
                if not isinstance(raw, str):
                    doc.fail(ip, "must be an answer (a string) or a mapping with 'answer'"
                             + (", 'question'" if with_question else "") + " and 'elapsed'")
                target.append(Example(doc.text_(raw, ip), group, i, ip))
    return out
