"""Normalisation, tokenising and matching: pure unit tests of the core."""

from __future__ import annotations

import pytest

from mockint.core.bank import loader
from mockint.core.scoring.matching import Fuzzy, Lexicon, PhraseSet
from mockint.core.scoring.text import analyse, fold


@pytest.mark.parametrize("a,b", [
    ("negociere și vânzări", "negociere si vanzari"),
    ("negociere și vânzări", "negociere şi vânzări"),      # cedilla ş
    ("Țintă atinsă", "ţintă atinsă"),                      # cedilla ţ, case
    ("Țintă", "TINTA"),
    ("I don’t know", "i don't know"),                     # typographic apostrophe
    ("ﬁnance", "finance"),                                # NFKC ligature
])
def test_fold_equivalences(a, b):
    assert fold(a) == fold(b)


def test_offsets_point_into_the_original_text_even_with_combining_marks():
    text = "Am vândut 30% clienților, s\u0326i am negociat."   # s + combining comma below
    a = analyse(text, "ro")
    words = [a.orig_text(t.start, t.end) for t in a.tokens]
    assert "s\u0326i" in words and "clienților" in words
    for t in a.tokens:
        s, e = a.span(t.start, t.end)
        assert fold(text[s:e]) == t.text


def test_zero_width_and_soft_hyphen_do_not_split_words():
    a = analyse("nego\u00adtiation\u200b went well", "en")
    assert [t.text for t in a.tokens] == ["negotiation", "went", "well"]
    assert a.orig_text(a.tokens[0].start, a.tokens[0].end) == "nego\u00adtiation"


def test_tokens_keep_apostrophes_and_split_hyphens():
    a = analyse("I don't cross-sell demo-uri", "en")
    assert [t.text for t in a.tokens] == ["i", "don't", "cross", "sell", "demo", "uri"]


def test_english_typed_without_apostrophes_gets_them_back_with_offsets_into_the_answer():
    a = analyse("tbh i wouldnt change anything, it wasnt my fault. Im sure thats it", "en")
    assert a.words[:5] == ["tbh", "i", "wouldn't", "change", "anything"]
    assert "wasn't" in a.words and "i'm" in a.words and "that's" in a.words
    i = a.words.index("wasn't")
    assert a.orig_text(a.token_starts[i], a.token_ends[i]) == "wasnt"
    # words that are words without an apostrophe stay as typed; Romanian is left alone
    assert analyse("its well were ill", "en").words == ["its", "well", "were", "ill"]
    assert analyse("dont", "ro").words == ["dont"]


def test_sentences():
    a = analyse("First sentence. Second one? Third!\nFourth", "en")
    assert len(a.sentences) == 4


def _lex(words, lang="en"):
    return Lexicon(lang, set(), set(words))


@pytest.mark.parametrize("phrase,answer,hit", [
    ("negotiation", "My negociation skills are strong.", True),       # typo fallback
    ("roi", "It was a heroic effort.", False),                        # short keyword: whole token only
    ("contract", "I made contact with the buyer.", False),            # contact is a real word
    ("deal", "It was an ideal outcome.", False),
    ("sale", "We sell wholesale.", False),
    ("quota", "I quoted a price.", False),
    ("negotiate", "We negotiated hard.", True),                      # stemming
    ("decision maker", "I met the maker of the decision", True),      # bag of words, any order
    ("decision maker", "the decision was made later by another maker", False),  # too far apart
    ("signed", "They singed the contract.", True),                    # two letters swapped
    ("signed", "They sined the contract.", True),                     # a letter dropped
    ("manager", "I met the maanger.", True),
    ("signed", "They sighed.", False),                                # a different letter: no
    ("signed", "It was sinned.", False),                              # not a swap, not a drop
])
def test_phrase_matching(phrase, answer, hit):
    known = {"contact", "heroic", "ideal", "wholesale", "quoted"}
    lex = Lexicon("en", known, {w for w in phrase.split() if len(w) >= 6})
    ps = PhraseSet([phrase], "en", "stem", 2, Fuzzy(), lex)
    assert bool(ps.find(analyse(answer, "en"))) is hit


def test_typo_hit_records_the_keyword_it_matched():
    lex = _lex(["negotiation"])
    ps = PhraseSet(["negotiation"], "en", "stem", 2, Fuzzy(), lex)
    (hit,) = ps.find(analyse("Strong negociation skills", "en"))
    assert hit.typo == "negotiation"


def test_a_drop_that_fits_two_keywords_matches_neither():
    lex = _lex(["signed", "shined"])           # "sined" is either with a letter left out
    ps = PhraseSet(["signed", "shined"], "en", "stem", 2, Fuzzy(), lex)
    assert ps.find(analyse("They sined it", "en")) == []
    ps = PhraseSet(["signed"], "en", "stem", 2, Fuzzy(), _lex(["signed"]))
    assert [h.typo for h in ps.find(analyse("They sined it", "en"))] == ["signed"]


def test_fuzzy_off_means_exact_only():
    ps = PhraseSet(["negotiation"], "en", "stem", 2, None, _lex(["negotiation"]))
    assert ps.find(analyse("negociation", "en")) == []


def test_exact_mode_does_not_stem():
    ps = PhraseSet(["closed"], "en", "exact", 2, None, None)
    assert ps.find(analyse("closing", "en")) == []
    assert len(ps.find(analyse("I closed it", "en"))) == 1


def test_number_phrase_matches_digits():
    ps = PhraseSet(["{number}"], "en", "stem", 2, None, None)
    hits = ps.find(analyse("We grew 30% and signed 2 deals", "en"))
    assert [h.start for h in hits] == [8, 23]


def test_romanian_without_diacritics_matches_the_same():
    ps = PhraseSet(["clienții", "am negociat"], "ro", "stem", 2, Fuzzy(), _lex(["clientii", "negociat"], "ro"))
    with_d = ps.find(analyse("Am negociat cu clienții.", "ro"))
    without = ps.find(analyse("Am negociat cu clientii.", "ro"))
    cedilla = ps.find(analyse("Am negociat cu clienţii.", "ro"))
    assert [(h.start, h.end) for h in with_d] == [(h.start, h.end) for h in without] == \
        [(h.start, h.end) for h in cedilla]
    assert len(with_d) == 2


def test_stem_words_remembers_words_and_gives_the_stemmers_stems(monkeypatch):
    from mockint.core.scoring import text as T

    words = ["negotiating", "clients", "negotiating", "vânzări", "closed", "x"]
    expected = T.stemmer("en").stemWords(words)
    assert T.stem_words(words, "en") == expected
    assert T.stem_words(words, "en") == expected                   # from the memo
    assert T.stem_words(["vânzările"], "ro") == T.stemmer("ro").stemWords(["vânzările"])
    monkeypatch.setattr(T, "_MAX_STEMS", 3)                        # bounded: forgotten at once
    assert T.stem_words(["alpha", "beta", "gamma", "delta"], "en") == \
        T.stemmer("en").stemWords(["alpha", "beta", "gamma", "delta"])
    assert len(T._STEMS["en"]) <= 4


def test_the_stem_memo_is_bounded_without_losing_the_words_it_reads(monkeypatch):
    """Issue 16: the memo was cleared and then read for words it had just dropped (KeyError in
    grade, a traceback in the TUI). Bounded, it still stems every word of the call."""
    from mockint.core.scoring import text

    monkeypatch.setattr(text, "_MAX_STEMS", 10)
    monkeypatch.setitem(text._STEMS, "en", {})
    assert text.stem_words(["selling", "sold", "sells"], "en") == ["sell", "sold", "sell"]
    many = [f"word{i}ing" for i in range(12)]
    got = text.stem_words(["selling"] + many + ["selling"], "en")   # "selling" was memoised, then cleared
    assert got[0] == got[-1] == "sell" and len(got) == 14
    assert len(text._STEMS["en"]) <= 13


@pytest.mark.parametrize("text, sentences", [
    ("We closed 70.000 de euro. Then more.", ["we closed 70.000 de euro.", "then more."]),
    ("Revenue hit $1.2M. Great.", ["revenue hit $1.2m.", "great."]),
    ("What does\ntraining look like?", ["what does training look like?"]),   # a wrapped line reads as one
    ("- item one\n- item two", ["- item one", "- item two"]),
    ("Para one\n\nPara two", ["para one", "para two"]),
    ("In 2019. 30 people came.", ["in 2019.", "30 people came."]),
])
def test_sentences_end_at_a_stop_not_inside_a_number_or_a_wrapped_line(text, sentences):
    """Issue 19: "70.000 de euro" and "$1.2M" ended a sentence at the dot; a line break inside
    one question made two questions."""
    from mockint.core.scoring.text import analyse

    a = analyse(text, "en")
    assert [a.folded[s:e] for s, e in a.sentences] == sentences


def test_a_number_with_separators_is_one_hit():
    """Issue 19: "EUR 1,200" was evidence "1" and "200"; "$420,000" three hits."""
    from mockint.core.scoring.matching import PhraseSet
    from mockint.core.scoring.text import analyse

    a = analyse("A deal of EUR 1,200 a seat, then $420,000 and $1.2M in 2019.", "en")
    hits = PhraseSet(["{number}"], "en").find(a)
    assert [a.original[h.start:h.end] for h in hits] == ["1,200", "420,000", "1.2M", "2019"]


def test_a_line_wrapped_inside_a_sentence_reads_as_one_line():
    """A pattern written with spaces matches across a line break typed inside a sentence ("I told him
    / straight that it wasn't live" is honesty, in one line or two); the offsets stay those of the answer,
    and sentence ends, blank lines and list items keep their breaks."""
    from mockint.core.scoring.text import analyse

    text = "I told him\nstraight that it wasn't live.\nNext one.\n\n- item one\n- item two"
    a = analyse(text, "en")
    assert a.folded.startswith("i told him straight that")
    assert len(a.folded) == len(text) and a.original == text
    assert "live.\nnext" in a.folded and "\n\n- item one\n- item two" in a.folded
    r = loader.scorer("en").score("They asked if the integration was live. I told him\nstraight it was in beta, "
                                  "and we signed a pilot instead.", loader.bank("en").get("close-a-deal"))
    assert r.criterion("integrity").passed
