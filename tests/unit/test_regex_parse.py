"""The regex parser seam (mockint.core.data.regex_parse): the only place that imports the standard
library's private regex modules, and what the pattern pre-filter and the backtracking check do
without them (a Python that moved or changed them, simulated here): the same scores, more slowly,
and a backtracking check that refuses at least as much and still passes every shipped pattern."""

from __future__ import annotations

import re
import sys
from pathlib import Path
from types import SimpleNamespace

import pytest
import yaml

from mockint.core.bank import loader
from mockint.core.data import redos, redos_text, regex_parse
from mockint.core.scoring import prefilter
from mockint.core.scoring.engine import Result, Scorer
from mockint.core.scoring.rubric import load_rubric

ROOT = Path(__file__).resolve().parents[2]

REFUSED = [r"(?:\w+\s?)+;", r"(a+)+$", r"(\d+)*x", r"(?:[a-z ]+)*!", r"(?:a+|b)+", r"((?:ab|cd)+d?)+",
           r"(?i:(?:[a-z]+k)+)", r"(?:[\w.]+\.)+com", r"(?:\w+(?:,|a))+", r"(?:(\w)\1+ )+"]
ACCEPTED = [r"(?:\w+ ){0,3}client", r"(?:[^\s,]+(?: [^\s,]+){0,2}, ){6,}\w+", r"(?:x+y)+", r"\bmaybe\b",
            r"(?:\d++)+x", r"(?:\w+, )+and", r"(?:a+(?:,|;))+", r"(?P<w>\w+ )+", r"(?:\w+(?#c) )+", r"x{2,}",
            r"((?:ab|cd)+e)+", r"(?:\w+\.)+com"]


def shipped_patterns() -> list[str]:
    """Every pattern of the shipped rubrics, as the loader expands and checks them."""
    return sorted({rx.pattern for lang in ("en", "ro") for c in loader.rubric(lang).criteria for k in c.checks
                   for rx in k.options.get("patterns", [])})


def test_only_the_seam_imports_the_private_regex_modules():
    private = re.compile(r"\b(?:re\._(?:parser|constants|compiler)|import _(?:parser|constants|compiler|sre)"
                         r"|sre_(?:parse|constants|compile))\b")
    users = [str(p.relative_to(ROOT)) for p in (ROOT / "mockint").rglob("*.py")
             if private.search(p.read_text(encoding="utf-8"))]
    assert users == ["mockint/core/data/regex_parse.py"]


def test_the_parser_is_on_for_the_python_it_was_written_for():
    assert regex_parse.usable(), "the probe pattern parsed into another tree: read regex_parse.PROBE_TREE"
    assert regex_parse.read("a(b|cd)", lambda tree, flags: len(tree), lambda p: -1) == 2


def test_a_missing_private_module_turns_the_parser_off(monkeypatch):
    monkeypatch.delattr(re, "_parser")
    monkeypatch.setitem(sys.modules, "re._parser", None)
    assert regex_parse._load() is None


def test_a_missing_name_turns_the_parser_off(monkeypatch):
    monkeypatch.delattr(sys.modules["re._constants"], "ATOMIC_GROUP")
    assert regex_parse._load() is None


def test_a_parser_that_reads_the_probe_differently_turns_it_off(monkeypatch):
    parser = sys.modules["re._parser"]
    real = parser.parse
    monkeypatch.setattr(parser, "parse", lambda p, *args, **kw: real(p.replace("+?", "+")))
    assert regex_parse._load() is None


def test_a_reader_that_meets_an_unexpected_tree_takes_the_safe_way(monkeypatch):
    """A tree of a shape the readers do not expect (after the probe passed): no plan, and the
    backtracking check of the pattern's text."""
    odd = SimpleNamespace(data=[(regex_parse.ops.MAX_REPEAT, None), (regex_parse.ops.BRANCH, None)],
                          state=SimpleNamespace(flags=0))
    api = SimpleNamespace(**vars(regex_parse._API))
    api.parse = lambda pattern: odd
    monkeypatch.setattr(regex_parse, "_API", api)
    assert prefilter.required_text(r"[$€£]\s?\d") is None
    assert prefilter.char_plan(r"(?:^|[.!?,]\s*)(?:like)\b") is None
    assert redos.problem(r"(a+)+$") == redos_text.NESTED
    assert redos.problem(r"(?:\w+, )+and") is None


@pytest.fixture
def parser_off(monkeypatch):
    """As on a Python without the private modules: the seam decided so on import."""
    with monkeypatch.context() as m:
        m.delattr(re, "_parser")
        m.setitem(sys.modules, "re._parser", None)
        api = regex_parse._load()
    monkeypatch.setattr(regex_parse, "_API", api)
    monkeypatch.setattr(prefilter, "_MEMO", {})
    assert not regex_parse.usable()


def test_without_the_parser_the_prefilter_plans_nothing(parser_off, tmp_path, monkeypatch):
    monkeypatch.setenv("MOCKINT_HOME", str(tmp_path))
    pats = [r"\bi(?:'m| am) not\b", r"(?:^|[.!?,]\s*)(?:like)\b", r"[$€£]\s?\d"]
    prefilter.warm(pats)
    assert prefilter._MEMO == {} and not (tmp_path / "cache").exists()     # nothing worked out or kept
    assert [prefilter.analysis(p) for p in pats] == [(None, None, None)] * 3
    assert prefilter.required_text(pats[2]) is None and prefilter.char_plan(pats[1]) is None


@pytest.mark.parametrize("pattern", REFUSED)
def test_without_the_parser_the_backtracking_check_still_refuses(parser_off, pattern):
    assert redos.problem(pattern) == redos_text.NESTED


@pytest.mark.parametrize("pattern", ACCEPTED)
def test_without_the_parser_a_delimited_or_bounded_repeat_passes(parser_off, pattern):
    assert redos.problem(pattern) is None


@pytest.mark.parametrize("pattern", [r"(?x)(?:\w+ \s?)+;", r"(?x: a )", r"(a)?(?(1)b|c)"])
def test_the_text_check_refuses_what_it_cannot_read(pattern):
    assert redos_text.problem(pattern) == redos_text.UNREADABLE


def test_a_pattern_that_does_not_compile_is_left_to_the_compiler():
    assert redos_text.problem("[ab") is None and redos.problem("[ab") is None


def test_the_text_check_refuses_at_least_what_the_parser_check_refuses_and_passes_every_shipped_pattern():
    shipped = shipped_patterns()
    assert len(shipped) > 500
    for pattern in shipped + REFUSED + ACCEPTED + [r"(?:(?>a+)b?)+", r"(?:(a)\1*)+", r"(?:a{2,}){3,}"]:
        with_parser, from_text = redos.problem(pattern), redos_text.problem(pattern)
        assert from_text or not with_parser, pattern
        assert not (from_text and pattern in shipped), pattern
    assert redos_text.problem(r"(?:(?>a+)b?)+") and not redos.problem(r"(?:(?>a+)b?)+")     # stricter


def test_without_the_parser_the_shipped_rubrics_load(parser_off, monkeypatch):
    monkeypatch.setenv("MOCKINT_NO_CACHE", "1")         # no pattern known good: every one is checked
    for lang in ("en", "ro"):
        assert load_rubric(ROOT / "rubrics" / f"{lang}.yaml").criteria


def _answers(lang: str) -> list[str]:
    """A sample of answers: the rule examples and the labelled answers, every third one."""
    out: list[str] = []
    for path in (ROOT / "tests" / "rule_examples" / f"{lang}.yaml", ROOT / "benchmarks" / "quality" / f"{lang}.yaml"):
        doc = yaml.load(path.read_text(encoding="utf-8"), Loader=getattr(yaml, "CSafeLoader", yaml.SafeLoader))
        stack = [doc]
        while stack:
            x = stack.pop()
            if isinstance(x, str) and len(x.split()) > 4:
                out.append(x)
            elif isinstance(x, dict):
                stack.extend(x.values())
            elif isinstance(x, list):
                stack.extend(x)
    return sorted(set(out))[::3]


def _seen(result: Result) -> tuple[dict, list[tuple]]:
    """What a result shows: its scores, messages and caps, and every span of evidence."""
    return result.to_dict(), [(e.to_dict(), e.effect, e.note) for e in result.evidence()]


@pytest.mark.parametrize("lang", ["en", "ro"])
def test_scores_are_the_same_with_and_without_the_planner(lang, monkeypatch):
    rubric, bank = loader.rubric(lang), loader.bank(lang)
    planned = Scorer(rubric, bank)
    answers = _answers(lang)
    assert len(answers) > 40
    questions = [bank.questions[i % len(bank.questions)] for i in range(len(answers))]
    want = [_seen(planned.score(text, q)) for text, q in zip(answers, questions)]
    monkeypatch.setattr(regex_parse, "_API", None)
    monkeypatch.setattr(prefilter, "_MEMO", {})
    whole = Scorer(rubric, bank)
    assert all(p is None for chk in whole.checks.values() for _, p in getattr(chk, "plans", ()))
    assert [_seen(whole.score(text, q)) for text, q in zip(answers, questions)] == want
