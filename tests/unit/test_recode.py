"""Regular expressions compiled once per Python (mockint.core.data.recode): a pattern built from
kept code is the pattern re.compile builds, and anything odd falls back to re.compile."""

from __future__ import annotations

import re

import pytest

from mockint.core.bank import loader
from mockint.core.data import cache, recode, regex_parse
from mockint.core.scoring.model import LazyPattern


@pytest.fixture(autouse=True)
def _fresh():
    recode.reset()
    yield
    recode.reset()


def _rubric_patterns(lang: str) -> list[str]:
    out = []
    for crit in loader.rubric(lang).criteria:
        for chk in crit.checks:
            for rx in chk.options.get("patterns", []) or []:
                out.append(rx.pattern)
    return out


@pytest.mark.parametrize("lang", ["en", "ro"])
def test_every_rubric_pattern_built_or_kept_equals_what_re_compile_builds(lang):
    pats = _rubric_patterns(lang)
    assert len(pats) > 100
    for p in pats:                                      # built (and remembered)
        assert recode.compile(p) == re.compile(p), p
    assert recode.save()
    recode.reset()                                      # a new run: from the kept code only
    assert recode.stats()["kept"] >= len(set(pats))
    for p in pats:
        rx = recode.compile(p)
        assert rx == re.compile(p) and rx.groupindex == re.compile(p).groupindex, p
    assert recode.stats()["new"] == 0


def test_kept_code_is_used_without_compiling_again(monkeypatch):
    p = r"\b(?:told|showed) (?:the|our) (?P<who>client|buyer)\b"
    recode.compile(p)
    recode.save()
    recode.reset()
    monkeypatch.setattr(recode, "_build", lambda pattern: pytest.fail("compiled again"))
    m = recode.compile(p).search("then I told the buyer")
    assert m and m.group("who") == "buyer"


def test_a_damaged_program_is_refused_and_the_pattern_compiled_the_usual_way():
    p = r"\bhit (?:quota|target)\b"
    recode.compile(p)
    flags, code, groups, gi, ig = recode._new[p]
    recode._new[p] = (flags, bytes(12) + code[12:], groups, gi, ig)         # not a valid program
    rx = recode.compile(p)
    assert rx == re.compile(p) and rx.search("I hit quota")


def test_a_bad_pattern_raises_as_re_compile_does():
    with pytest.raises(re.error):
        recode.compile("(unclosed")


def test_nothing_is_kept_with_the_cache_off(monkeypatch):
    monkeypatch.setenv(cache.ENV, "1")
    assert recode.compile(r"\bdeal\b") == re.compile(r"\bdeal\b")
    assert recode.stats()["new"] == 0 and not recode.save()


def test_the_entry_starts_again_beyond_its_size(monkeypatch):
    monkeypatch.setattr(recode, "MAX_PATTERNS", 3)
    for w in ("one", "two", "three"):
        recode.compile(rf"\b{w}\b")
    recode.save()
    recode.compile(r"\bfour\b")
    recode.save()
    recode.reset()
    assert recode.stats()["kept"] == 1


def test_a_lazy_rubric_pattern_compiles_through_the_kept_code():
    lazy = LazyPattern(r"\bclosed (?:\d+) deals\b")
    assert lazy.search("I closed 31 deals") and recode.stats()["new"] == 1


def test_with_the_private_modules_missing_it_is_re_compile_throughout(monkeypatch):
    monkeypatch.setattr(regex_parse, "_API", None)
    assert recode.compile(r"\bchurn\b") == re.compile(r"\bchurn\b")
    assert recode.stats()["new"] == 0 and regex_parse.stamp() == ""


def test_a_matcher_word_no_array_type_holds_keeps_nothing_and_the_parser_on(monkeypatch):
    monkeypatch.setattr(regex_parse._API, "word", regex_parse._word(3))
    assert regex_parse._word(3) is None and regex_parse.usable()
    assert recode.compile(r"\bpipeline\b") == re.compile(r"\bpipeline\b")
    assert recode.stats()["new"] == 0
