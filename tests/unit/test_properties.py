"""Property tests (hypothesis): any Unicode text scores without crashing, in range, explainably,
deterministically, in English and Romanian."""

from __future__ import annotations

import json

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from mockint.core.bank import loader
from mockint.core.data.errors import MockintError
from mockint.core.scoring.engine import MAX_ANSWER_CHARS
from mockint.core.scoring.feedback import to_json

# Pieces that random text rarely hits: emoji (with ZWJ and skin tones), right-to-left text and
# marks, combining marks, control characters, NUL, odd spaces, and words the rubrics react to.
ODD = ["🙂", "👍🏽", "👩‍💻", "🇷🇴", "שלום", "مرحبا", "\u202e", "\u202c", "\u200f", "\u200b", "\u0301", "\u0327",
       "e\u0301", "s\u0326", "\x00", "\x01", "\x1b[31m", "\r\n", "\t", "\u3000", "\ufeff", "ﬃ", "İ", "ß",
       "ș", "ş", "ț", "ţ", "ă", "î", "â", " ", " ", ". ", "? ", "%", "$", "240,000", "18%", "2022",
       "quota", "client", "I", "we", "sold", "signed", "target", "um", "like", "sorry", "pilot",
       "contract", "am vândut", "clientul", "rezultat", "contractul", "What", "Ce", "great communicator"]

texts = st.one_of(
    st.text(),                                                       # any code point but surrogates
    st.text(alphabet=st.characters(min_codepoint=0, max_codepoint=0x2FFF), max_size=400),
    st.lists(st.one_of(st.sampled_from(ODD), st.text(max_size=6)), max_size=120).map("".join),
)
QIDS = ["sales-experience", "why-sales", "handle-objection", "questions-for-us"]


def _check(lang: str, text: str, qid: str) -> None:
    q = loader.bank(lang).get(qid)
    scorer = loader.scorer(lang)
    res = scorer.score(text, q)
    assert isinstance(res.score, int) and 0 <= res.score <= 100
    first = json.dumps(res.to_dict())
    for c in res.criteria:
        assert 0.0 <= c.score <= 1.0
        for e in c.evidence:
            assert 0 <= e.start <= e.end <= len(text)
            assert text[e.start:e.end] == e.text, (e.rule, e.start, e.end)
    again = scorer.score(text, q)
    assert json.dumps(again.to_dict()) == first
    assert to_json(again.to_dict()) == to_json(res.to_dict())


COMMON = settings(max_examples=300, deadline=None, database=None, suppress_health_check=[HealthCheck.too_slow])


@pytest.mark.parametrize("lang", ["en", "ro"])
@COMMON
@given(text=texts, qid=st.sampled_from(QIDS))
def test_any_unicode_text_scores_safely(lang, text, qid):
    _check(lang, text, qid)


@pytest.mark.parametrize("lang", ["en", "ro"])
def test_one_megabyte_answer_is_refused_with_a_clear_error(lang):
    text = "word " * 200_000                      # 1,000,000 characters
    assert len(text) > MAX_ANSWER_CHARS
    q = loader.bank(lang).get("sales-experience")
    with pytest.raises(MockintError, match=r"1,000,000 characters; the most mockint scores is 200,000"):
        loader.scorer(lang).score(text, q)


@settings(max_examples=3000, deadline=None)
@given(st.text(alphabet=st.sampled_from(list("ab1'’ \n.,_-\"!?\tăé🙂")), max_size=40))
def test_the_fast_tokeniser_finds_what_the_token_pattern_finds(text):
    from mockint.core.scoring.text import _TOKEN, _tokens, fold

    folded = fold(text)
    ms = list(_TOKEN.finditer(folded))
    assert _tokens(folded) == ([m.group() for m in ms], [m.start() for m in ms], [m.end() for m in ms])


@settings(max_examples=3000, deadline=None)
@given(st.text(alphabet=st.sampled_from(list("ab1 .!?\n,'")), max_size=40))
def test_each_token_is_in_the_first_sentence_ending_after_its_start(text):
    from mockint.core.scoring.text import analyse

    a = analyse(text, "en")
    expected = []
    for start in a.token_starts:
        later = [i for i, (_, end) in enumerate(a.sentences) if end > start]
        expected.append(min(later[0] if later else len(a.sentences) - 1, max(len(a.sentences) - 1, 0)))
    assert a.sentence_of_token == expected
