"""The string catalogue (issue 17): one per language (mockint/core/data/strings/en.py and ro.py),
the same keys in both with the same {fields}, every key the code names is there, and wording said
the same way in both languages has one key (the few exceptions are listed, each with why)."""

from __future__ import annotations

import re
from pathlib import Path
from string import Formatter

import pytest

from mockint.core.data.langs import LANGS
from mockint.core.data.strings import STRINGS, has, ro_count, tag, tr

ROOT = Path(__file__).resolve().parents[2]
# A literal key in a lookup: tr(lang, "key"), self.t("key"), t(lang, "key") (scoring/feedback.py's
# name for tr), _w(lang, "key") (report/progress.py's change.<key>).
LOOKUP = re.compile(r"""(?<![\w.])(tr|t|self\.t|_w)\((?:[\w.]+, )?(["'])([a-z][a-z0-9_.]*)\2""")
# Same words, both languages, under two keys, kept on purpose: a member of a family looked up by an
# id (hist.col.<column>, where.<screen>, key.<binding>, tone.<tone>) next to the shared word or to
# a label that names something else (start.set: the question set chosen; start.feedback: when
# feedback comes; prog.title and qf.title_new: a screen's title beside its help section or key).
SAME_WORDS_KEPT = [
    {"score", "hist.col.score"}, {"language", "hist.col.lang"}, {"readiness", "where.ready"},
    {"none", "tone.none"}, {"key.help", "where.help"}, {"start.set", "key.questions", "where.questions"},
    {"start.feedback", "where.feedback"}, {"key.history", "where.history"},
    {"key.progress", "prog.title", "where.progress"}, {"key.new_question", "qf.title_new"},
    {"key.see_score", "rp.see_score"},       # the call-over key beside the button it presses
]


def fields(template: str) -> set[str]:
    return {name for _, name, _, _ in Formatter().parse(template) if name is not None}


def test_one_catalogue_per_language_and_no_other():
    assert tuple(STRINGS) == LANGS
    assert not (ROOT / "mockint" / "tui" / "strings").exists()
    assert not (ROOT / "mockint" / "core" / "report" / "strings.py").exists()


def test_both_languages_have_the_same_keys():
    en, ro = set(STRINGS["en"]), set(STRINGS["ro"])
    assert not en - ro, f"only in English: {sorted(en - ro)}"
    assert not ro - en, f"only in Romanian: {sorted(ro - en)}"


@pytest.mark.parametrize("key", sorted(STRINGS["en"]))
def test_each_template_has_the_same_fields_in_both_languages(key):
    assert fields(STRINGS["en"][key]) == fields(STRINGS["ro"][key])
    for lang in LANGS:
        assert STRINGS[lang][key].strip(), f"{lang}: '{key}' is empty"


def test_every_key_the_code_names_is_in_the_catalogue():
    missing, named = [], set()
    for path in sorted((ROOT / "mockint").rglob("*.py")):
        if "strings" in path.relative_to(ROOT / "mockint").parts:
            continue
        for m in LOOKUP.finditer(path.read_text(encoding="utf-8")):
            key = f"change.{m.group(3)}" if m.group(1) == "_w" else m.group(3)
            if key.endswith("."):           # a family's prefix: 'coach.' + coach.length
                continue
            named.add(key)
            if not has(key):
                missing.append(f"{path.relative_to(ROOT)}: {key}")
    assert not missing
    assert len(named) > 200                 # the pattern does find the lookups


def test_the_families_looked_up_by_id_are_complete():
    from mockint.core.interview import QUESTION_SETS, READINESS
    from mockint.core.questions.bank import DIFFICULTIES, KINDS, TOPICS
    from mockint.core.report import progress

    want = [f"ready.{k}" for k in READINESS] + [f"set.{k}" for k in QUESTION_SETS]
    want += [f"tag.{k}" for k in (*TOPICS, *KINDS, *DIFFICULTIES)] + [f"lang.{k}" for k in LANGS]
    want += [f"change.{k}{n}" for k in ("more", "fewer") for n in ("", "_n")]
    assert [k for k in want if not has(k)] == []
    assert progress._w("ro", "more_n", n=2, label="x") == "2 apariții în plus: x"


def test_the_same_words_have_one_key():
    seen: dict[tuple[str, str], set[str]] = {}
    for key in STRINGS["en"]:
        seen.setdefault((STRINGS["en"][key], STRINGS["ro"][key]), set()).add(key)
    twice = [keys for keys in seen.values() if len(keys) > 1]
    assert sorted(map(sorted, twice)) == sorted(map(sorted, SAME_WORDS_KEPT))


def test_lookup():
    assert tr("ro", "capped", max=60) == "scor limitat la 60"
    assert tr("de", "score") == "Score"                 # an unknown language: English
    assert tr("en", "prog.last", score=7) == "last   7%"
    assert tr("en", "change.met") == "{label}"          # no fields given: the template as it is
    with pytest.raises(KeyError):
        tr("en", "no.such.key")
    assert tag("ro", "easy") == "ușoară" and tag("ro", "bogus") == "bogus"
    assert ro_count(20) == "20 de" and ro_count(101) == "101"
    assert has("ready.three_stories") and not has("ready.title")


def test_more_evidence_than_shown_is_said_in_the_answers_language():
    """A check's message quotes four hits and counts the rest in the answer's language: a
    Romanian message said "(+3 more)" in English before."""
    from mockint.core.bank import loader
    from mockint.core.scoring.wording import quote

    six = ["unu", "doi", "trei", "patru", "cinci", "șase"]
    assert quote(six, "ro").endswith('"patru" (și încă 2)')
    assert quote(six, "en").endswith('"patru" (+2 more)')
    q = loader.bank("ro").get("why-sales")
    text = "Păi, deci, gen, practic, adică, sincer, nu știu, cred că poate, mă rog, am ales vânzările."
    res = loader.scorer("ro").score(text, q)
    messages = " ".join(m for c in res.criteria for k in c.checks for m in [k.message] if m)
    assert " more)" not in messages


@pytest.mark.parametrize("lang, n, said", [
    ("en", 1, "1 word"), ("en", 2, "2 words"), ("en", 26, "26 words"),
    ("ro", 1, "1 cuvânt"), ("ro", 7, "7 cuvinte"), ("ro", 26, "26 de cuvinte"), ("ro", 101, "101 cuvinte"),
])
def test_a_count_of_words_is_said_as_the_language_says_it(lang, n, said):
    from mockint.core.data.strings import words
    assert words(lang, n) == said
