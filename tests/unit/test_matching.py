

def test_a_one_word_phrase_matches_its_inflections_only():
    """matching.inflections: "secured" and "security" share the Snowball stem "secur" but not a
    word; "cut" and "cutting" are one word (the doubled letter); "studies" and "studied" too."""
    from mockint.core.scoring.matching import same_word

    infl = frozenset({"", "s", "es", "ed", "d", "ing", "e", "y", "ies", "ied"})
    assert same_word("securing", "secured", infl) and same_word("secure", "secured", infl)
    assert not same_word("security", "secured", infl)
    assert not same_word("renewal", "renewed", infl) and not same_word("savings", "saved", infl)
    assert same_word("cutting", "cut", infl) and same_word("studied", "studies", infl)
    assert same_word("anything", "closed the deal", infl)        # several words: not this rule's


def test_the_english_rubric_does_not_take_security_for_an_outcome():
    from mockint.core.bank import loader

    q = loader.bank("en").get("resolve-client-problems")
    res = loader.scorer("en").score("Their security team asked for our audit report.", q)
    result = next(k for k in res.criterion("real_examples").checks if k.id == "result")
    assert [e.text for e in result.evidence] == []
