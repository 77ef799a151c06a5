"""``mockint check-rubric``: a rubric's self-tests, like unit tests.

Questions (in banks) and criteria (in rubrics) carry ``examples: {pass: [...], fail: [...]}``
(``mockint.core.questions.examples``). Each example is scored, and every one that lands on the wrong side
is listed, with the rules that decided it:

- a question's example passes when the answer's score is at least ``PASS_SCORE`` (70, the bar
  under which the interview offers a question again), scored with the rubric the question names;
- a criterion's example passes when that criterion passes (its score reaches its threshold),
  for the bank question the example names (``question:``), else for a question outside the bank.

Files are checked one by one (a built-in question replaced by a user one still has its own
examples checked), each against the rubric it is written for.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass, field
from pathlib import Path

from mockint.core.bank import loader
from mockint.core.bank.authoring import rubric_refs
from mockint.core.bank.lint import display_name
from mockint.core.bank.userbank import bank_dir, data_files, file_kind, rubric_dir
from mockint.core.data import resources
from mockint.core.data.errors import DataError, MockintError, did_you_mean
from mockint.core.data.langs import LANGS
from mockint.core.data.marks import PASS_MARK
from mockint.core.data.strings import tr
from mockint.core.data.validate import Doc
from mockint.core.data.yamlfile import read_data
from mockint.core.questions.bank import Bank, Question, adhoc_question, load_bank
from mockint.core.questions.examples import Example
from mockint.core.questions.guide import fact_ids
from mockint.core.scoring.engine import Scorer
from mockint.core.scoring.points import weight_for
from mockint.core.scoring.rubric import load_rubric

PASS_SCORE = PASS_MARK


@dataclass
class Miss:
    where: str               # file:line:col of the example
    subject: str             # question 'why-sales' / criterion 'confidence'
    example: Example
    outcome: str             # what happened, e.g. "scored 54, under 70"
    rules: list[str] = field(default_factory=list)   # the rules that decided it, one per line

    def lines(self) -> list[str]:
        head = (f"{self.where}: {self.subject}: example {self.example.label} should "
                f"{self.example.expect}, but {self.outcome}")
        return [head] + [f"    {r}" for r in self.rules]


@dataclass
class Report:
    checked: int = 0
    misses: list[Miss] = field(default_factory=list)
    problems: list[MockintError] = field(default_factory=list)
    files: list[Path] = field(default_factory=list)
    without: list[str] = field(default_factory=list)   # questions / criteria with no examples

    @property
    def ok(self) -> bool:
        return not self.misses and not self.problems


def default_paths() -> list[Path]:
    """The built-in banks and rubrics, then the user's files."""
    out = [resources.bank_dir() / f"{lang}.yaml" for lang in LANGS]
    out += [resources.rubrics_dir() / f"{lang}.yaml" for lang in LANGS]
    return out + data_files(bank_dir()) + data_files(rubric_dir())


class _Positions:
    """file:line:col of examples, composing each file once."""

    def __init__(self):
        self._docs: dict[Path, Doc | None] = {}

    def where(self, path: Path, name: str, ex: Example) -> str:
        if path not in self._docs:
            try:
                self._docs[path] = Doc(name, read_data(path, name))
            except MockintError:
                self._docs[path] = None
        doc = self._docs[path]
        if doc is None:
            return name
        line, col = doc.position(ex.path)
        return f"{name}:{line}:{col}" if line else name


def check(paths: Sequence[Path] | None = None) -> Report:
    """Scores the examples of ``paths`` (bank and rubric files; default: ``default_paths()``)."""
    files = list(default_paths() if paths is None else paths)
    report = Report(files=files)
    pos = _Positions()
    facts = fact_ids()
    refs = _rubric_refs()
    for p in files:
        kind = file_kind(p)
        name = display_name(p)
        if kind == "guide":
            continue
        found: list[DataError] = []
        try:
            if kind == "rubric":
                rub = load_rubric(p, facts, display=name, problems=found)
            else:
                bank = _load_bank(p, name, facts, refs, found)
        except MockintError as exc:
            report.problems.append(exc)
            continue
        if found:
            report.problems += found
            if kind == "rubric":
                continue                      # a rubric with a broken criterion is not used
        if kind == "rubric":
            _check_rubric(rub, p, name, report, pos, loader)
        else:
            _check_bank(bank, p, name, report, pos, loader)
    return report


def _rubric_refs():
    return rubric_refs()


def _load_bank(p: Path, name: str, facts, refs, found) -> Bank:
    return load_bank(p, facts, display=name, rubrics=refs, problems=found)


def _scorer_for(rubric, lang: str, extra_questions: list[Question], cache: dict):
    """A scorer of ``rubric`` whose bank is the language's merged bank plus ``extra_questions``
    (so their talking points are known words to the matcher)."""
    key = (id(rubric), tuple(q.id for q in extra_questions))
    if key not in cache:
        base = loader.bank(lang)
        ids = {q.id for q in extra_questions}
        bank = Bank(lang, base.version, [q for q in base.questions if q.id not in ids] + list(extra_questions),
                    base.replies, base.source)
        cache[key] = Scorer(rubric, bank)
    return cache[key]


def _check_bank(bank: Bank, p: Path, name: str, report: Report, pos: _Positions, loader) -> None:
    cache: dict = {}
    for q in bank.questions:
        if not q.examples:
            report.without.append(f"{name}: question '{q.id}'")
            continue
        try:
            rubric = loader.rubric_named(q.rubric or bank.lang)
        except MockintError as exc:
            report.problems.append(MockintError(f"{name}: question '{q.id}': {exc}"))
            continue
        scorer = _scorer_for(rubric, bank.lang, bank.questions, cache)
        for ex in q.examples.all():
            report.checked += 1
            try:
                res = scorer.score(ex.answer, q, ex.elapsed)
            except MockintError as exc:
                report.misses.append(Miss(pos.where(p, name, ex), f"question '{q.id}'", ex, f"cannot be scored: {exc}"))
                continue
            passed = res.score >= PASS_SCORE
            if passed == (ex.expect == "pass"):
                continue
            outcome = (f"it scored {res.score}, under {PASS_SCORE}" if not passed
                       else f"it scored {res.score} ({PASS_SCORE} or more passes)")
            rules = []
            for c in res.criteria:
                rules += _criterion_lines(c, ex.expect)
            rules += [f"cap {cap.rule}: at most {cap.max} ({cap.reason})" for cap in res.caps]
            report.misses.append(Miss(pos.where(p, name, ex), f"question '{q.id}'", ex, outcome, rules))


def _check_rubric(rubric, p: Path, name: str, report: Report, pos: _Positions, loader) -> None:
    cache: dict = {}
    scorer = _scorer_for(rubric, rubric.lang, [], cache)
    bank = scorer.bank
    for crit in rubric.criteria:
        if not crit.examples:
            report.without.append(f"{name}: criterion '{crit.id}'")
            continue
        for ex in crit.examples.all():
            report.checked += 1
            where = pos.where(p, name, ex)
            subject = f"criterion '{crit.id}'"
            if ex.question is not None:
                try:
                    q = bank.get(ex.question)
                except MockintError:
                    report.misses.append(Miss(where, subject, ex, f"names no bank question '{ex.question}'"
                                              f"{did_you_mean(ex.question, bank.ids())}"))
                    continue
            else:
                q = adhoc_question(tr(rubric.lang, "selfcheck.question"), rubric.lang)
            try:
                res = scorer.score(ex.answer, q, ex.elapsed)
            except MockintError as exc:
                report.misses.append(Miss(where, subject, ex, f"cannot be scored: {exc}"))
                continue
            c = res.criterion(crit.id)
            if c is None:
                why = _not_applied(crit, q, ex)
                report.misses.append(Miss(where, subject, ex, f"the criterion is not applied to it ({why})"))
                continue
            if c.passed == (ex.expect == "pass"):
                continue
            outcome = (f"it scored {c.score:.2f}, under its threshold {c.threshold:.2f}" if not c.passed
                       else f"it scored {c.score:.2f}, at or over its threshold {c.threshold:.2f}")
            rules = [line for line in _check_lines(c, ex.expect)]
            report.misses.append(Miss(where, subject, ex, outcome, rules))


def _not_applied(crit, q: Question, ex: Example) -> str:
    if crit.only_when == "timed" and ex.elapsed is None:
        return "it counts only with a time: give the example an 'elapsed'"
    if crit.only_when == "bank_question" and not (q.in_bank and q.talking_points):
        return "it counts only for a bank question with talking points: give the example a 'question'"
    if weight_for(crit, q) <= 0:
        return f"its weight is 0 for the question '{q.id or q.text}'"
    return "see the rubric"   # pragma: no cover


def _criterion_lines(c, expect: str) -> list[str]:
    """For a question example on the wrong side: the criteria that pulled it there."""
    wrong = (not c.passed) if expect == "pass" else c.passed
    if c.mode == "bonus" and expect == "pass":
        wrong = False                  # a bonus criterion never takes points
    mark = "✓" if c.passed else "✗"
    head = f"{mark} {c.id} {c.score:.2f} (passes at {c.threshold:.2f}, weight {_num(c.weight)}, {c.mode})"
    if not wrong:
        return [head]
    return [head] + ["  " + line for line in _check_lines(c, expect)]


def _check_lines(c, expect: str) -> list[str]:
    """The checks of a criterion that decided it: for an example that should pass, the unmet
    rewards and gates and the penalties taken; for one that should fail, what gave points."""
    out = []
    for k in c.checks:
        if expect == "pass":
            decided = (k.effect == "penalty" and k.count) or (k.effect in ("reward", "gate") and not k.passed)
        else:
            decided = (k.effect in ("reward", "bonus") and k.points > 0) or (k.effect == "gate" and k.passed)
        if not decided:
            continue
        shown = ", ".join(f'"{_short(e.text)}"' for e in k.evidence[:4])
        more = f" (+{len(k.evidence) - 4} more)" if len(k.evidence) > 4 else ""
        out.append(f"{k.rule} {k.effect} value {k.value:.2f}, count {k.count}, points {k.points:+.2f}"
                   + (f": {shown}{more}" if shown else "") + (f" — {k.message}" if k.message else ""))
    return out


def _short(text: str, limit: int = 40) -> str:
    text = " ".join(text.split())
    return text if len(text) <= limit else text[:limit - 3] + "..."


def _num(x: float) -> str:
    return str(int(x)) if float(x).is_integer() else f"{x:g}"


def render(report: Report) -> str:
    lines: list[str] = []
    for prob in report.problems:
        lines.append(str(prob))
    for m in report.misses:
        lines += m.lines()
    return "\n".join(lines) + ("\n" if lines else "")


def summary(report: Report) -> str:
    n, m = report.checked, len(report.misses)
    files = len(report.files)
    s = f"{n} example{'' if n == 1 else 's'} checked in {files} file{'' if files == 1 else 's'}: "
    s += "all on the right side" if not m else f"{m} on the wrong side"
    if report.problems:
        k = len(report.problems)
        s += f"; {k} file problem{'' if k == 1 else 's'}"
    return s
