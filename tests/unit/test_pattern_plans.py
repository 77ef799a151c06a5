"""Pattern plans (mockint.core.scoring.prefilter): trying a pattern only where a token can start it, and only
when the answer holds a text every match needs, must find exactly what searching the whole answer
finds, for every shipped pattern."""

from __future__ import annotations

import functools
import re
from pathlib import Path

import pytest
import yaml

from mockint.core.bank import loader
from mockint.core.scoring.checks import Ctx, PatternCheck
from mockint.core.scoring.prefilter import char_plan, plan, required_text
from mockint.core.scoring.text import analyse

ROOT = Path(__file__).resolve().parents[2]


@pytest.mark.parametrize("pattern, exact, prefixes", [
    (r"\bi(?:'m| am) not\b", {"i'm", "i"}, ()),
    (r"\b(?:i|we)(?:'ve| have| had)? (?:done|made)\b", {"i", "we", "i've", "we've"}, ()),
    (r"\bfor (?:example|instance)\b", {"for"}, ()),
    (r"\bsorry\b", set(), ("sorry",)),                     # \b does not end a token (sorry's)
    (r"\bcan'?t\b", set(), ("can",)),
    (r"\b(?:q[1-4]|h[12])\b", set(), ("h", "q")),
    (r"\b\d+%", set(), tuple("0123456789")),
    (r"\b(?:doubled|double|twice)\b", set(), ("double", "twice")),
    (r"\bself-starter\b", {"self"}, ()),
    (r"\bu+m+\b", set(), ("um", "uu")),                   # one or more: the next letter too
    (r"\bm{2,}\b", set(), ("mm",)),
    (r"\ba+\b", set(), ("a",)),
    (r"\b(?:a)?b", set(), ("ab", "b")),                 # an optional group: both ways
    (r"(?<!\bif )\bclient\b", set(), ("client",)),       # a leading lookbehind is planned past
    (r"\b(?:customers'|their) eyes\b", {"customers", "their"}, ()),   # a token never ends with "'"
    (r"(?<![\w-])(?<!\bnu )am\b", set(), ("am",)),        # ... and (?<![\w-]) says what \b says
])
def test_plans(pattern, exact, prefixes):
    assert plan(pattern) == (frozenset(exact), prefixes)


@pytest.mark.parametrize("pattern", [
    r"(?:^|[.!?]\s*)you know\b",        # no \b start
    r"\bfoo|bar",                        # an alternative without \b
    r"\b(?:a)?\w",                       # may start with nothing literal
    r"\b\w+ing\b",                       # a class first
    r"\b(?i)x",                          # inline flags
    r"\b(?:x|y",                         # unbalanced
    r"\b[ab",                            # unclosed class
    r"\b(?:'d|would) do\b",               # no token starts with an apostrophe ("i'd" is one)
])
def test_unplannable(pattern):
    assert plan(pattern) is None


@functools.lru_cache(maxsize=2)
def _texts(lang: str) -> list[str]:
    out: list[str] = []

    def walk(x):
        if isinstance(x, str) and len(x.split()) > 2:
            out.append(x)
        elif isinstance(x, dict):
            for v in x.values():
                walk(v)
        elif isinstance(x, list):
            for v in x:
                walk(v)

    real = sorted((ROOT / "benchmarks" / "quality" / "real").glob(f"{lang}-*.yaml"))   # answers as candidates write them
    for path in (ROOT / "tests" / "rule_examples" / f"{lang}.yaml", ROOT / "question_bank" / f"{lang}.yaml",
                 ROOT / "benchmarks" / "quality" / f"{lang}.yaml", *real):
        if path.exists():                       # libyaml when built: ~2 MB of YAML, ~1 s in pure Python
            doc = yaml.load(path.read_text(encoding="utf-8"), Loader=getattr(yaml, "CSafeLoader", yaml.SafeLoader))
            walk([a["text"] for a in doc["answers"]] if path.parent.name == "real" else doc)
    out += ["I'm sorry, I'm not sure. Um, I've, uh, doubled it in Q3 - self-starter!",
            "i'M nOt SuRe... well, so, like, you know, 120% of $40k in 2023; I'd rather not say.",
            "Nu știu sigur, poate că am reușit să dublez vânzările în T3, deci, practic, gen, na."]
    return out


PARTS = 4           # the texts in four parts, so that pytest -n spreads the ~20 s of full searches


@pytest.mark.parametrize("part", range(PARTS))
@pytest.mark.parametrize("lang", ["en", "ro"])
def test_planned_patterns_find_what_a_full_search_finds(lang, part):
    scorer = loader.scorer(lang)
    question = loader.bank(lang).questions[0]
    checks = [c for c in scorer.checks.values() if isinstance(c, PatternCheck)]
    planned = sum(p is not None for c in checks for _, p in c.plans)
    assert planned > len([p for c in checks for p in c.plans]) * 0.8      # most are planned
    for text in list(dict.fromkeys(_texts(lang)))[part::PARTS]:    # each text once
        a = analyse(text, lang)                 # one analysis: the index's memo is used as in scoring
        ref = analyse(text, lang)               # and another one that no index has seen, for the reference
        for chk in checks:
            fast = chk.run(Ctx(a, question, None, lambda r: None))
            slow = chk.full_search(ref)
            assert [(s.start, s.end) for s in fast.spans] == [(s.start, s.end) for s in slow.spans], \
                (chk.rule, text[:80])


def test_checks_share_one_index_and_a_pattern_two_checks_hold_is_tried_once():
    from mockint.core.scoring.checks import PatternIndex

    scorer = loader.scorer("en")
    checks = [c for c in scorer.checks.values() if isinstance(c, PatternCheck)]
    index = checks[0].index
    assert isinstance(index, PatternIndex) and all(c.index is index for c in checks)
    pids = [pid for c in checks for pid in c.pids]
    assert len(set(pids)) == len(index.rx) <= len(pids)
    # a pattern two checks hold is tried once: two checks of the same patterns share every one
    hedges = next(c for c in checks if c.rule == "confidence.hedges")
    twins = [type(hedges)(hedges.spec, rule, hedges.rubric, hedges.lexicon) for rule in ("a.x", "b.y")]
    shared = PatternIndex(twins)
    assert twins[0].pids == twins[1].pids and len(shared.rx) == len(hedges.pids)


def test_a_pattern_check_on_its_own_builds_its_index():
    scorer = loader.scorer("en")
    chk = next(c for c in scorer.checks.values() if isinstance(c, PatternCheck) and c.rule.endswith("hedges"))
    alone = type(chk)(chk.spec, chk.rule, chk.rubric, chk.lexicon)
    a = analyse("I guess maybe it sort of worked, I think.", "en")
    got = alone.run(Ctx(a, loader.bank("en").questions[0], None, lambda r: None))
    assert alone.index is not None and alone.index is not chk.index
    assert [(s.start, s.end) for s in got.spans] == [(s.start, s.end) for s in alone.full_search(a).spans]
    assert got.count >= 2


@pytest.mark.parametrize("pattern, needs", [
    (r"(?:^|[.!?]\s*|,\s*)you know\b(?!\s+(?:what))", (("you know",),)),   # not what a lookahead holds
    (r"\bi(?:'m| am) (?:still )?new to\b", (("new to",), ("i am", "i'm"))),  # not an optional part
    (r"\b(?:i|we) (?:closed|won)\b", ((" closed", " won"),)),              # one of the alternatives
    (r"\bi (?:just )?(?:try|tried) to\b", ((" to",), ("tried", "try"))),   # both: every group
    (r"\b(?:u+m+|e+r+)\b", None),                                          # one letter: no help
    (r"[$€£]\s?\d", (("$", "£", "€"),)),                                    # rare symbols
    (r"[,.]\s?so\b", None),                                                # common ones: no help
    (r"(?i)\bsorry\b", None),                                              # flags: not read
])
def test_required_text(pattern, needs):
    assert required_text(pattern) == needs


@pytest.mark.parametrize("pattern, chars, at_start", [
    (r"(?:^|[.!?,]\s*)(?:like)\b", {".", "!", "?", ","}, True),   # after punctuation, or first
    (r"^\s*so\b[, ]", set(), True),                                 # only at the very start
    (r",\s*(?:nu|corect)\s*\?", {","}, False),
    (r"[$€£]\s?\d", {"$", "€", "£"}, False),
])
def test_char_plans(pattern, chars, at_start):
    got = char_plan(pattern)
    assert got is not None and (got[0], got[1]) == (frozenset(chars), at_start)


@pytest.mark.parametrize("pattern", [r"\blike,", r"x?,", r"(?m)^so", r"(?:^|\w)so", r"[^,]so"])
def test_no_char_plan(pattern):
    assert char_plan(pattern) is None


def test_every_shipped_pattern_compiles_to_a_plan_or_none():
    for lang in ("en", "ro"):
        for chk in loader.scorer(lang).checks.values():
            if isinstance(chk, PatternCheck):
                for rx, p in chk.plans:
                    from mockint.core.scoring.model import LazyPattern

                    rx = rx.compiled() if isinstance(rx, LazyPattern) else rx
                    assert isinstance(rx, re.Pattern) and (p is None or (p[0] or p[1]))


def test_plans_are_kept_in_the_cache_and_a_damaged_entry_is_worked_out_again(tmp_path, monkeypatch):
    from mockint.core.scoring import prefilter as P

    monkeypatch.setenv("MOCKINT_HOME", str(tmp_path))
    pats = [r"\bi(?:'m| am) not\b", r"(?:^|[.!?,]\s*)(?:like)\b", r"[$€£]\s?\d", r"\bfoo|bar"]
    monkeypatch.setattr(P, "_MEMO", {})
    P.warm(pats)
    first = {p: P._MEMO[p] for p in pats}
    (entry,) = (tmp_path / "cache").glob("plans-*")
    monkeypatch.setattr(P, "_MEMO", {})
    P.warm(pats)                                   # read back from the cache
    assert {p: P._MEMO[p] for p in pats} == first
    assert first[pats[0]][0] == plan(pats[0]) and first[pats[2]][2] == required_text(pats[2])
    entry.write_text("[[1, 2", encoding="utf-8")    # damaged: worked out again, same result
    monkeypatch.setattr(P, "_MEMO", {})
    P.warm(pats)
    assert {p: P._MEMO[p] for p in pats} == first


def test_a_group_named_hit_is_what_a_pattern_quotes():
    scorer = loader.scorer("en")
    r = scorer.score("I called the buyer, proposed a pilot and closed it in May.",
                     loader.bank("en").get("close-a-deal"))
    actions = next(k for c in r.criteria for k in c.checks if k.rule == "real_examples.actions")
    texts = [e.text for e in actions.evidence]
    assert "proposed" in texts and "closed" in texts            # not ", proposed" nor "and closed"
    chk = scorer.checks["real_examples.actions"]
    a = analyse("I called the buyer, proposed a pilot and closed it in May.", "en")
    fast = chk.run(Ctx(a, loader.bank("en").questions[0], None, lambda rule: None))
    assert [(s.start, s.end) for s in fast.spans] == [(s.start, s.end) for s in chk.full_search(a).spans]
