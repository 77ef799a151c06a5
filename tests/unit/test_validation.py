"""Every YAML error names the file, the line, the key and what is allowed."""

from __future__ import annotations

import pytest

from mockint.core.data import resources
from mockint.core.data.errors import DataError
from mockint.core.questions.bank import parse_bank
from mockint.core.questions.guide import fact_ids
from mockint.core.scoring.rubric import parse_rubric

EN_RUBRIC = (resources.rubrics_dir() / "en.yaml").read_text(encoding="utf-8")
EN_BANK = (resources.bank_dir() / "en.yaml").read_text(encoding="utf-8")

MINI = """lang: en
version: 1
criteria:
  - id: confidence
    name: Confidence
    weight: 2
    threshold: 0.6
    feedback: {pass: "ok", fail: "not ok"}
    checks:
      - id: hedges
        kind: pattern
        effect: penalty
        label: a hedge
        patterns: ['\\bmaybe\\b']
"""


def err(text: str, kind: str = "rubric") -> str:
    with pytest.raises(DataError) as exc:
        if kind == "rubric":
            parse_rubric(text, "r.yaml", fact_ids())
        else:
            parse_bank(text, "b.yaml", fact_ids())
    return str(exc.value)


def test_the_minimal_rubric_is_valid():
    r = parse_rubric(MINI, "r.yaml", fact_ids())
    assert r.criteria[0].checks[0].kind == "pattern"


@pytest.mark.parametrize("old,new,expected", [
    ("kind: pattern", "kind: paterns", "r.yaml:11:9: criteria[0].checks[0].kind: 'paterns' is not allowed; allowed: phrases, pattern"),
    ("kind: pattern", "kind: paterns", "(did you mean 'pattern'?)"),
    ("effect: penalty", "effect: punish", "r.yaml:12:9: criteria[0].checks[0].effect: 'punish' is not allowed; allowed: reward, bonus, penalty, gate"),
    ("    threshold: 0.6", "    treshold: 0.6", "r.yaml:7:5: criteria[0].treshold: unknown key; allowed:"),
    ("    threshold: 0.6", "    treshold: 0.6", "(did you mean 'threshold'?)"),
    ("weight: 2", "weight: heavy", "r.yaml:6:5: criteria[0].weight: must be a number, not a string"),
    ("threshold: 0.6", "threshold: 1.5", "r.yaml:7:5: criteria[0].threshold: must be from 0 to 1, not 1.5"),
    ("['\\bmaybe\\b']", "['(maybe']", "r.yaml:14:20: criteria[0].checks[0].patterns[0]: bad regular expression: missing )"),
    ("['\\bmaybe\\b']", "['x*']", "this pattern matches empty text"),
    ("['\\bmaybe\\b']", "['{hedge_words}']", "no list named 'hedge_words' in 'lists'"),
    ("label: a hedge", "label: a hedge\n        found: 'Hedges: {hitz}'", "unknown placeholder '{hitz}'"),
    ("label: a hedge", "label: a hedge\n        found: 'Hedges: {hitz}'", "(did you mean 'hits'?)"),
    ("    name: Confidence", "    name: Confidence\n    guide: [do-33]", "'do-33' is not a guide fact (did you mean 'do-3'?)"),
    ("effect: penalty", "effect: reward\n        cap: {below: 0.5, score: 10}", "only a check with effect 'gate' or 'penalty' can cap the score"),
    ("effect: penalty", "effect: penalty\n        cap: {below: 0.5, score: 10}", "cap.below: unknown key; allowed: score"),
    ("lang: en", "lang: fr", "r.yaml:1:1: lang: 'fr' is not allowed; allowed: en, ro"),
    ("version: 1\n", "", "r.yaml:1:1: missing the required key 'version'"),
    ("patterns: ['\\bmaybe\\b']", "patterns: [yes]", "must be a string, not true or false (YAML reads yes, no, on, off as true/false: put them in quotes)"),
    ("      - id: hedges", "      - id: Hedges!", "'Hedges!' is not a valid id"),
    ("        kind: pattern\n", "", "missing the required key 'kind'; allowed kinds: phrases, pattern, count"),
    ("        patterns: ['\\bmaybe\\b']", "        phrases: [maybe]", "unknown key; allowed:"),
    ("effect: penalty", "effect: penalty\n        by_kind: {closnig: {weight: 0}}",
     "criteria[0].checks[0].by_kind.closnig: unknown key; allowed: behavioural, situational, knowledge, closing"),
    ("effect: penalty", "effect: penalty\n        by_kind: {closnig: {weight: 0}}", "(did you mean 'closing'?)"),
    ("effect: penalty", "effect: penalty\n        by_kind: {closing: {wieght: 0}}", "(did you mean 'weight'?)"),
    ("    threshold: 0.6", "    threshold: 0.6\n    by_kind: {closing: {feedback: {fial: x}}}", "(did you mean 'fail'?)"),
    ("fail: \"not ok\"}", "fail: \"not ok\", notd: \"mostly ok\"}", "(did you mean 'noted'?)"),
    ("    threshold: 0.6", "    threshold: 0.6\n    by_kind: {closing: {tips: maybe}}", "by_kind.closing.tips"),
    ("    threshold: 0.6", "    threshold: 0.6\n    by_kind: {closing: {tipz: false}}", "(did you mean 'tips'?)"),
    ("fail: \"not ok\"}", "fail: \"not ok\", noted: \"ok {hitz}\"}", "unknown placeholder '{hitz}'"),
    ("    threshold: 0.6", "    threshold: 0.6\n    by_kind: {closing: {feedback: {fail: 'Ask {hitz}'}}}",
     "unknown placeholder '{hitz}'"),
    ("effect: penalty", "effect: penalty\n        by_kind: {closing: {target: 0}}",
     "criteria[0].checks[0].by_kind.closing.target: must be from 0.01 to 1000, not 0"),
])
def test_rubric_errors(old, new, expected):
    assert old in MINI
    assert expected in err(MINI.replace(old, new))


def test_malformed_yaml_names_the_line():
    msg = err(MINI.replace("feedback: {pass: \"ok\", fail: \"not ok\"}", "feedback: {pass: \"ok\", fail: [}"))
    assert msg.startswith("r.yaml:8:35: malformed YAML: a value is missing here")


def test_claims_must_name_an_existing_check():
    text = MINI + """      - id: claims
        kind: claims
        effect: penalty
        label: a claim
        phrases: [team player]
        unless: [hedgez]
"""
    assert "'hedgez' names no other check (did you mean 'confidence.hedges'?)" in err(text)


def _discrediting(names: str, effect: str = "penalty") -> str:
    return MINI + f"""      - id: jargon
        kind: pattern
        effect: {effect}
        label: jargon
        patterns: ['\\bsynergy\\b']
        discredits: {names}
"""


def test_discredits_names_criteria_or_checks():
    parse_rubric(_discrediting("[confidence, confidence.hedges]"), "r.yaml", fact_ids())    # loads
    assert "r.yaml:20:22: criteria[0].checks[1].discredits[0]: 'confidense' names no criterion " \
           "(did you mean 'confidence'?)" in err(_discrediting("[confidense]"))
    assert "'confidence.hedgez' names no check (criterion.check) (did you mean 'confidence.hedges'?)" \
        in err(_discrediting("[confidence.hedgez]"))
    assert "'confidence.jargon' is this check itself" in err(_discrediting("[confidence.jargon]"))
    assert "only a check with effect 'penalty' takes 'discredits'" in err(_discrediting("[confidence]", "reward"))


def test_builtin_rubrics_and_banks_load():
    for lang in ("en", "ro"):
        assert parse_rubric(EN_RUBRIC.replace("lang: en", f"lang: {lang}"), "x", fact_ids())
    assert parse_bank(EN_BANK, "b.yaml", fact_ids()).questions


@pytest.mark.parametrize("old,new,expected", [
    ("id: why-sales", "id: sales-experience", "duplicate question id 'sales-experience'"),
    ("kind: behavioural", "kind: behavioral", "(did you mean 'behavioural'?)"),
    ("difficulty: easy", "difficulty: trivial", "allowed: easy, medium, hard"),
    ("min_words: ", "min_word: ", "unknown key; allowed: min_words, max_words, seconds (did you mean 'min_words'?)"),
])
def test_bank_errors(old, new, expected):
    assert old in EN_BANK
    msg = err(EN_BANK.replace(old, new, 1), "bank")
    assert expected in msg and msg.startswith("b.yaml:")


def test_bank_error_line_is_the_offending_line():
    text = EN_BANK.replace("difficulty: easy", "difficulty: trivial", 1)
    msg = err(text, "bank")
    line, col = int(msg.split(":")[1]), int(msg.split(":")[2])
    assert "trivial" in text.splitlines()[line - 1]
    assert text.splitlines()[line - 1][col - 1:].startswith("difficulty: trivial")


def test_a_pattern_checked_once_is_compiled_only_when_used_and_a_bad_one_is_always_checked(monkeypatch):
    """Patterns that compiled (and do not match empty text) are listed in the cache; the next load
    does not compile them again (a LazyPattern, compiled on first use); a bad pattern never gets
    there; a damaged list is ignored."""
    import re as _re

    from mockint.core.scoring import options as O
    from mockint.core.scoring.model import LazyPattern
    from mockint.core.scoring import rubric as R

    monkeypatch.setattr(O, "_good", None)
    monkeypatch.setattr(O, "_new_good", set())
    first = parse_rubric(MINI, "r.yaml", fact_ids())
    assert isinstance(first.criteria[0].checks[0].options["patterns"][0], _re.Pattern)
    assert O._good_file().exists()
    monkeypatch.setattr(O, "_good", None)                      # a new process
    again = parse_rubric(MINI, "r.yaml", fact_ids())
    lazy = again.criteria[0].checks[0].options["patterns"][0]
    assert isinstance(lazy, LazyPattern) and lazy._rx is None
    assert lazy.search("maybe so") and isinstance(lazy.compiled(), _re.Pattern)
    assert "(did you mean" not in err(MINI.replace("['\\bmaybe\\b']", "['(maybe']")) and \
        "bad regular expression" in err(MINI.replace("['\\bmaybe\\b']", "['(maybe']"))
    O._good_file().write_text("{not json", encoding="utf-8")
    monkeypatch.setattr(O, "_good", None)
    assert isinstance(parse_rubric(MINI, "r.yaml", fact_ids()).criteria[0].checks[0].options["patterns"][0],
                      _re.Pattern)


def test_an_evidence_check_must_read_checks_that_find_evidence():
    evidence = MINI + """      - id: thin
        kind: evidence
        effect: reward
        label: substance
        from: [hedgez]
"""
    assert "'hedgez' names no other check (did you mean 'confidence.hedges'?)" in err(evidence)
    reader = MINI + """      - id: a
        kind: evidence
        effect: reward
        label: a
        from: [hedges]
      - id: b
        kind: evidence
        effect: reward
        label: b
        from: [a]
"""
    msg = err(reader)
    assert "checks[2].from[0]: 'a' reads other checks itself (kind evidence): name a check that finds evidence" in msg
    assert "from" in err(MINI + """      - id: c
        kind: evidence
        effect: reward
        label: c
""")                                                # 'from' is required


def test_density_from_words_is_a_whole_number_of_words():
    """An evidence check's ``density_from_words`` (judge an answer of that many words or more by its
    count per 100 words) is validated like the other word counts: a whole number from 0 to 200."""
    base = MINI + """      - id: thin
        kind: evidence
        effect: gate
        label: substance for its length
        target: 4
        from: [hedges]
        density_from_words: 90
"""
    assert parse_rubric(base, "r.yaml", fact_ids()).criteria[0].checks[1].options["density_from_words"] == 90
    msg = err(base.replace("density_from_words: 90", "density_from_words: lots"))
    assert "r.yaml:" in msg and "r.yaml:21:9: criteria[0].checks[1].density_from_words: must be a whole number, not a string" in msg
    assert "must be from 0 to 200, not 900" in err(base.replace("density_from_words: 90", "density_from_words: 900"))
    assert "(did you mean 'density_from_words'?)" in err(base.replace("density_from_words: 90", "density_from_word: 90"))


def test_own_terms_is_a_whole_number_of_terms():
    """``other_question``'s ``own_terms`` (an answer holding that many of the asked question's
    terms, the first counting two, answers it) is validated like the check's other counts."""
    base = MINI + """      - id: tp
        kind: talking_points
        effect: reward
        label: talking points
      - id: other
        kind: other_question
        effect: penalty
        label: an answer to another question
        from: [tp]
        own_terms: 2
"""
    assert parse_rubric(base, "r.yaml", fact_ids()).criteria[0].checks[2].options["own_terms"] == 2
    assert "checks[2].own_terms: must be a whole number, not a string" in err(base.replace("own_terms: 2", "own_terms: two"))
    assert "must be from 0 to 200, not 500" in err(base.replace("own_terms: 2", "own_terms: 500"))
    assert "(did you mean 'own_terms'?)" in err(base.replace("own_terms: 2", "own_term: 2"))


def _question_check(lists: str, options: str) -> str:
    """A rubric whose second check is a question check with ``options`` (YAML lines), ``lists``
    (``name: [...]``) among the rubric's lists."""
    return MINI.replace("criteria:", f"lists:\n  {lists}\ncriteria:") + """      - id: asked
        kind: question
        effect: reward
        label: a question
        starts: [what, how]
""" + "".join(f"        {line}\n" for line in options.splitlines())


def test_statement_starts_takes_phrases_or_named_lists():
    """A question check's ``statement_starts`` ("What I learned: …" is no question) is read like its
    other phrase options: a list of phrases, or ``{phrases, lists}`` naming the rubric's lists."""
    base = _question_check("heads: [what i, how we]", "statement_starts: {lists: [heads]}")
    assert parse_rubric(base, "r.yaml", fact_ids()).criteria[0].checks[1].options["statement_starts"] == ["what i", "how we"]
    assert "the phrase list is empty" in err(base.replace("statement_starts: {lists: [heads]}", "statement_starts: []"))
    assert "did you mean 'heads'" in err(base.replace("lists: [heads]}", "lists: [head]}"))


def test_feedback_partial_is_a_template_and_a_typo_is_named():
    text = MINI.replace('feedback: {pass: "ok", fail: "not ok"}', 'feedback: {pass: "ok", fail: "not ok", partial: "part"}')
    assert parse_rubric(text, "r.yaml", fact_ids()).criteria[0].feedback_partial == "part"
    assert "(did you mean 'partial'?)" in err(text.replace("partial:", "partal:"))


def test_per_words_is_for_penalties_only():
    text = MINI.replace("        effect: penalty\n", "        effect: reward\n        per_words: 60\n")
    assert "checks[0].per_words: only a check with effect 'penalty' takes 'per_words'" in err(text)
    text = MINI.replace("        effect: penalty\n", "        effect: penalty\n        per_words: 0\n")
    assert "per_words" in err(text)


def test_partial_is_a_message_template_like_missing():
    text = MINI.replace("        label: a hedge\n", "        label: a hedge\n        partial: \"{hitz} so far\"\n")
    assert "criteria[0].checks[0].partial: unknown placeholder '{hitz}'" in err(text)
    ok = MINI.replace("        label: a hedge\n", "        label: a hedge\n        partial: \"{hits} so far\"\n")
    assert parse_rubric(ok, "r.yaml", fact_ids()).criteria[0].checks[0].partial == "{hits} so far"


def test_negated_by_names_lists():
    text = MINI.replace("        label: a hedge\n", "        label: a hedge\n        negated_by: [negatorz]\n")
    assert "criteria[0].checks[0].negated_by[0]: no list named 'negatorz' in 'lists'" in err(text)


@pytest.mark.parametrize("text,expected", [
    ("lang: en\nversion: 1\nlang: ro\n", "r.yaml:3:1: malformed YAML: the key 'lang' appears twice (first on line 1); keep one"),
    ("lang: en\nversion: 2001-02-30\n", "r.yaml:2:10: malformed YAML: the value '2001-02-30' cannot be read as a date; quote it to keep it as text"),
    ("lang: en\nversion: !!int 12abc\n", "cannot be read as a whole number"),
    ("lang: en\nversion: !!float abc\n", "cannot be read as a number"),
    ("lang: en\nversion: !!bool maybe\n", "cannot be read as true or false"),
])
def test_duplicate_keys_and_values_that_cannot_be_built_are_one_line_errors(text, expected):
    """Issue 16: duplicate keys were silently last-wins; a value whose constructor fails was an
    unexpected error. Both name the line now."""
    assert expected in err(text)


def test_a_pattern_that_can_backtrack_catastrophically_is_refused_at_load():
    """Issue 16: (?:\\w+\\s?)+; passed validate and then took minutes on a 12-word answer."""
    text = MINI.replace("patterns: ['\\bmaybe\\b']", "patterns: ['(?:\\w+\\s?)+;']")
    assert "r.yaml:14:20: criteria[0].checks[0].patterns[0]: this pattern could take minutes on a short answer" in err(text)
    ok = MINI.replace("patterns: ['\\bmaybe\\b']", "patterns: ['(?:\\w+, )+and']")   # a delimiter each round
    assert parse_rubric(ok, "r.yaml", fact_ids()).criteria[0].checks[0].kind == "pattern"


@pytest.mark.parametrize("pattern,refused", [
    (r"(?:\w+\s?)+;", True), (r"(a+)+$", True), (r"(\d+)*x", True), (r"(?:[a-z ]+)*!", True),
    (r"(?:\w+ ){0,3}client", False),                      # bounded outer repeat
    (r"(?:[^\s,]+(?: [^\s,]+){0,2}, ){6,}\w+", False),    # each round passes a ',' the inner cannot take
    (r"(?:x+y)+", False), (r"\bmaybe\b", False), (r"(?:\d++)+x", False),   # possessive: no backtracking
])
def test_the_backtracking_check(pattern, refused):
    from mockint.core.data.redos import problem

    assert bool(problem(pattern)) is refused


def test_every_shipped_pattern_passes_the_backtracking_check():
    from mockint.core.bank import loader
    from mockint.core.data.redos import problem

    for lang in ("en", "ro"):
        rubric = loader.rubric(lang)
        bad = [rx.pattern for c in rubric.criteria for k in c.checks for rx in k.options.get("patterns", [])
               if problem(rx.pattern)]
        assert not bad, bad


@pytest.mark.parametrize("value,expected", [
    (".nan", "criteria[0].weight: must be a number, not nan"),
    (".inf", "criteria[0].weight: must be a number, not inf"),
    ("1" + "0" * 200, "criteria[0].weight: must be from 0 to 100, not a number of about 201 digits"),
    ("1" + "0" * 5000, "r.yaml:6:13: malformed YAML: the value '1000000000000000000000000000000000000...' cannot be read as a whole number"),
])
def test_numbers_of_any_size_and_nan_are_one_line_errors(value, expected):
    """Issue 16: .nan passed every range check; a 5,000-digit integer made the message itself fail."""
    assert expected in err(MINI.replace("weight: 2", f"weight: {value}"))


@pytest.mark.parametrize("extra,expected", [
    ("        near: {sentences: 1}\n", "r.yaml:14:9: criteria[0].checks[0].near: missing the required key 'patterns'"),
    ("        near: {sentences: 99, patterns: ['x']}\n", "criteria[0].checks[0].near.sentences: must be from 0 to 50, not 99"),
    ("        unless: {patterns: ['(x']}\n", "criteria[0].checks[0].unless.patterns[0]: bad regular expression"),
    ("        unless: {patterns: ['x'], sentense: 1}\n", "(did you mean 'sentences'?)"),
    ("        near: [x]\n", "criteria[0].checks[0].near: must be a mapping"),
    ("        unless: {patterns: ['x'], negated_by: [nope]}\n", "unless.negated_by[0]: no list named 'nope' in 'lists'"),
    ("        unless: []\n", "criteria[0].checks[0].unless: an empty list of cancellers"),
    ("        unless: [{sentences: 0, patterns: ['x']}, {sentences: 50}]\n",
     "criteria[0].checks[0].unless[1]: missing the required key 'patterns'"),
    ("        unless: [{sentences: 0, patterns: ['x']}, {sentences: 50, patterns: ['(y']}]\n",
     "criteria[0].checks[0].unless[1].patterns[0]: bad regular expression"),
])
def test_near_and_unless_are_validated(extra, expected):
    text = MINI.replace("        label: a hedge\n", "        label: a hedge\n" + extra)
    assert expected in err(text)


def _hedge_check_with(extra: str):
    """MINI's hedges check with ``extra`` option lines, and a function giving what it finds in an
    answer: (count, the words shown)."""
    from mockint.core.scoring.checks import PatternCheck
    from mockint.core.scoring.matching import Lexicon
    from mockint.core.scoring.text import analyse

    r = parse_rubric(MINI.replace("        label: a hedge\n", "        label: a hedge\n" + extra), "r.yaml", fact_ids())
    chk = PatternCheck(r.criteria[0].checks[0], "confidence.hedges", r, Lexicon("en", set(), set()))

    def found(answer):
        out = chk.full_search(analyse(answer, "en"))
        return out.count, [answer[s.start:s.end] for s in out.spans]
    return found


def test_near_and_unless_on_a_pattern_check():
    """near: a hit counts only with a companion close by (shown with it); unless: dropped when a
    cancelling pattern is close by."""
    found = _hedge_check_with("        near: {sentences: 1, patterns: ['\\bnot sure\\b']}\n"
                              "        unless: {sentences: 0, patterns: ['\\bcertain\\b']}\n")

    assert found("Maybe we win it.") == (0, [])                                   # no companion
    assert found("Maybe we win it. I am not sure.") == (1, ["Maybe", "not sure"])  # one sentence on
    assert found("Maybe we win it. Then. Then. I am not sure.") == (0, [])      # too far
    assert found("Maybe we win it, I am certain. I am not sure.") == (0, [])    # cancelled


def test_unless_may_be_several_cancellers_each_with_its_own_window():
    """A hit is dropped by the words of its own sentence, or by a repair said anywhere in the
    answer (a past slip owned and put right is no red flag)."""
    found = _hedge_check_with("        unless:\n"
                              "          - {sentences: 0, patterns: ['\\bcertain\\b']}\n"
                              "          - {sentences: 50, patterns: ['\\bi stopped\\b']}\n")

    def count(answer):
        return found(answer)[0]

    assert count("Maybe we win it. It went well. We signed.") == 1
    assert count("Maybe we win it. It went well. We signed. Then certain, then not.") == 1   # other sentence
    assert count("Maybe we win it, I am certain.") == 0                         # its own sentence
    assert count("Maybe we win it. It went well. We signed. Then I stopped.") == 0   # anywhere


def test_validation_lists_every_problem_inside_one_check(tmp_path):
    """Issue 19: a rubric check with several mistakes shows them all in one run, in file order."""
    from tests.conftest import run_main

    bad = MINI.replace("        effect: penalty\n", "        effect: punish\n        weight: -1\n        per_hit: 3\n") \
              .replace("        patterns: ['\\bmaybe\\b']\n",
                       "        found: 'Hedges: {hitz}'\n        cap: {score: 200}\n"
                       "        patterns: ['(maybe', '\\bsure\\b', '{hedge_words}']\n")
    f = tmp_path / "r.yaml"
    f.write_text(bad)
    p = run_main("validate", str(f))
    assert p.returncode == 1
    keys = [line.split(": ", 2)[1] for line in p.stdout.splitlines()]
    assert keys == ["criteria[0].checks[0].effect", "criteria[0].checks[0].weight", "criteria[0].checks[0].per_hit",
                    "criteria[0].checks[0].found", "criteria[0].checks[0].patterns[0]",
                    "criteria[0].checks[0].patterns[2]"], p.stdout     # no word on the cap: it hangs on the effect
    assert p.stderr == "mockint: note: 6 problems in 1 file\n"


def test_the_coach_section_names_rules_that_exist():
    """Issue 17: the live coach and the follow-ups read rule names from the rubric, validated at load."""
    text = MINI.replace("criteria:\n", "coach:\n  criteria: [confidense]\n  hedges: [confidence.hedgez]\n"
                        "  fillerz: [confidence.hedges]\ncriteria:\n", 1)
    assert "r.yaml:6:3: coach.fillerz: unknown key; allowed: criteria, example, number, result, hedges, fillers, " \
           "question_back, follow_up_criteria (did you mean 'fillers'?)" in err(text)
    text = MINI.replace("criteria:\n", "coach:\n  criteria: [confidense]\n  hedges: [confidence.hedgez]\n"
                        "criteria:\n", 1)
    problems: list = []
    parse_rubric(text, "r.yaml", fact_ids(), problems=problems)
    shown = [str(p) for p in problems]
    assert shown == ["r.yaml:4:14: coach.criteria[0]: 'confidense' names no criterion or check (criterion.check) "
                     "(did you mean 'confidence'?)",
                     "r.yaml:5:12: coach.hedges[0]: 'confidence.hedgez' names no check (criterion.check) "
                     "(did you mean 'confidence.hedges'?)"], shown
    # what the coach scores may be some checks of a criterion: they must exist too
    text = MINI.replace("criteria:\n", "coach:\n  criteria: [confidence.hedges, confidence.hedgez]\ncriteria:\n", 1)
    problems = []
    parse_rubric(text, "r.yaml", fact_ids(), problems=problems)
    assert [str(p) for p in problems] == [
        "r.yaml:4:33: coach.criteria[1]: 'confidence.hedgez' names no criterion or check (criterion.check) "
        "(did you mean 'confidence.hedges'?)"]


def test_the_coach_reads_the_rules_its_rubric_names():
    from mockint.core.bank import loader
    from mockint.core.interview import coach_from_result

    scorer = loader.scorer("en")
    q = loader.bank("en").get("sales-experience")
    result = scorer.score("Um, I think I maybe closed a deal, like, last year for 40,000 euros.", q)
    default = coach_from_result(result)
    assert default.hedges and default.number
    rules = dict(scorer.rubric.coach, hedges=(), number=("confidence.fillers",))
    moved = coach_from_result(result, rules)
    assert moved.hedges == [] and moved.number is True      # numbers now read from the fillers check


def test_matching_inflections_are_endings():
    text = MINI.replace("criteria:\n", "matching:\n  inflections: [s, ed, \"-ing\"]\ncriteria:\n", 1)
    assert "matching.inflections: an ending is lowercase letters (or an apostrophe), not '-ing'" in err(text)
    ok = parse_rubric(MINI.replace("criteria:\n", "matching:\n  inflections: [s, ed]\ncriteria:\n", 1),
                      "r.yaml", fact_ids())
    assert ok.inflections == frozenset({"", "s", "ed"})
    possessive = parse_rubric(MINI.replace("criteria:\n", "matching:\n  inflections: [s, \"'s\"]\ncriteria:\n", 1),
                              "r.yaml", fact_ids())
    assert possessive.inflections == frozenset({"", "s", "'s"})


def test_a_possessive_is_the_word_itself():
    """With "'s" among the endings, "the team's plan" holds "team" (a closing question about the
    team's plan was capped as 'not about the job')."""
    from mockint.core.scoring.matching import same_word
    assert same_word("team's", "team", frozenset({"", "s", "'s"}))
    assert not same_word("team's", "team", frozenset({"", "s"}))
    assert not same_word("teamwork", "team", frozenset({"", "s", "'s"}))


def test_stands_for_names_another_check_of_the_criterion():
    """``stands_for``: a check whose finds make another check's missing tip untrue ("say what you
    did" beside acts told in the present) names a check of its own criterion."""
    base = MINI + """      - id: acts
        kind: pattern
        effect: reward
        label: an act
        patterns: ['\\bi called\\b']
        missing: "Say what you did."
      - id: acts_now
        kind: pattern
        effect: bonus
        weight: 0.4
        stands_for: acts
        label: an act told in the present
        patterns: ['\\bi call\\b']
"""
    assert parse_rubric(base, "r.yaml", fact_ids()).criteria[0].checks[2].stands_for == "acts"
    msg = err(base.replace("stands_for: acts", "stands_for: act"))
    assert "checks[2].stands_for: 'act' names no other check of 'confidence'" in msg and "did you mean 'acts'" in msg
    assert "names no other check" in err(base.replace("stands_for: acts", "stands_for: acts_now"))
    assert "not a valid id" in err(base.replace("stands_for: acts", "stands_for: 'Acts!'"))


def test_a_near_companion_may_be_left_unshown():
    """``near: {show: false}``: the companion lets a hit count without being quoted beside it."""
    base = MINI + "        near: {sentences: 1, show: false, patterns: ['sure']}\n"
    assert "show: false" in base
    assert parse_rubric(base, "r.yaml", fact_ids()).criteria[0].checks[0].options["near"]["show"] is False
    assert "near.show: must be" in err(base.replace("show: false", "show: maybe"))
    assert "(did you mean 'show'?)" in err(base.replace("show: false", "shw: false"))


def test_uptalk_starts_and_lead_words_take_phrases_or_named_lists():
    """A question check's ``uptalk_starts`` ("I guess I'm good with clients?" is no question) and
    ``lead_words`` (read past first: "um", "so") are read like its other phrase options."""
    base = _question_check("uptalk: [i guess]", "uptalk_starts: {lists: [uptalk]}\nlead_words: [um, so]")
    opts = parse_rubric(base, "r.yaml", fact_ids()).criteria[0].checks[1].options
    assert opts["uptalk_starts"] == ["i guess"] and opts["lead_words"] == ["um", "so"]
    assert "did you mean 'uptalk'" in err(base.replace("lists: [uptalk]}", "lists: [uptlak]}"))
    assert "(did you mean 'uptalk_starts'?)" in err(base.replace("uptalk_starts:", "uptalk_start:"))
    assert "the phrase list is empty" in err(base.replace("lead_words: [um, so]", "lead_words: []"))


def test_discredits_sentence_is_a_boolean_that_goes_with_discredits():
    base = MINI.replace("        label: a hedge\n", "        label: a hedge\n        discredits: [confidence]\n"
                        "        discredits_sentence: true\n")
    assert parse_rubric(base, "r.yaml", fact_ids()).criteria[0].checks[0].discredits_sentence is True
    assert "discredits_sentence: must be" in err(base.replace("discredits_sentence: true", "discredits_sentence: yes please"))
    alone = base.replace("        discredits: [confidence]\n", "")
    assert "'discredits_sentence' goes with 'discredits'" in err(alone)


def test_capped_fails_must_be_true_or_false():
    assert err(MINI.replace("    threshold: 0.6\n", "    threshold: 0.6\n    capped_fails: sometimes\n")) == (
        "r.yaml:8:5: criteria[0].capped_fails: must be true or false, not a string")
    r = parse_rubric(MINI.replace("    threshold: 0.6\n", "    threshold: 0.6\n    capped_fails: false\n"), "r.yaml", fact_ids())
    assert r.criteria[0].capped_fails is False
