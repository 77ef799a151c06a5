"""Judgement that cannot be gamed (issue 14): repeats count once, padding and lists add nothing,
nonsense actions are no actions, another question's answer is capped, a loss is no win, red flags
cap under 30. The mechanisms are unit-tested here; each rule has its should-pass and should-fail
examples in tests/rule_examples/. Answers written for these tests."""

from __future__ import annotations

import pytest

from mockint.core.bank import loader
from mockint.core.scoring.repeats import Repeats, repeated_runs, repeated_sentences
from mockint.core.scoring.text import analyse, without_spans
from tests.unit.test_validation import MINI, err, fact_ids, parse_rubric

BASE = {
    "en": ("handle-objection", "A clinic owner said our price was double the old vendor's. I asked what a "
           "missed booking cost her and built the case on that. She signed for two years."),
    "ro": ("handle-objection", "Proprietara unei clinici a spus că prețul nostru e dublu față de vechiul "
           "furnizor. Am întrebat-o cât o costă o programare pierdută și am construit oferta pe asta. "
           "A semnat pe doi ani."),
}
FILLER = {
    "en": " I believe communication is key in sales. Sales is about relationships and trust. I always try "
          "to do my best for everyone. A positive attitude matters a lot. Every day is a chance to grow.",
    "ro": " Cred că, comunicarea este esențială în vânzări. Vânzările sunt despre relații și încredere. "
          "Mereu încerc să dau tot ce am mai bun. Atitudinea pozitivă contează mult. Fiecare zi e o șansă "
          "să cresc.",
}


def score(lang: str, text: str, qid: str | None = None):
    q = loader.bank(lang).get(qid or BASE[lang][0])
    return loader.scorer(lang).score(text, q)


@pytest.mark.parametrize("lang", ["en", "ro"])
@pytest.mark.parametrize("times", [2, 5, 40])
def test_a_pasted_answer_scores_no_more_than_once(lang, times):
    qid, text = BASE[lang]
    once = score(lang, text)
    many = score(lang, " ".join([text] * times))
    assert many.score <= once.score
    rep = next(k for k in many.criterion("preparation").checks if k.id == "repetition")
    assert rep.count >= 1 and rep.message            # the repeat is named
    assert many.words == len(analyse(" ".join([text] * times), lang).words)   # the words as typed


@pytest.mark.parametrize("lang", ["en", "ro"])
def test_padding_never_raises_the_score(lang):
    qid, text = BASE[lang]
    assert score(lang, text + FILLER[lang]).score <= score(lang, text).score


def test_blanked_text_keeps_every_offset():
    a = analyse("I sold it. I sold it. Then I called them.", "en")
    b = without_spans(a, [a.sentences[1]], [1])
    assert len(b.folded) == len(a.folded) and b.folded[10:22].strip(" |.") == ""
    assert b.words == ["i", "sold", "it", "then", "i", "called", "them"]
    assert b.cache["full"] is a and b.cache["dropped"] == [1]
    assert b.orig_text(*next((s, e) for s, e in [(b.token_starts[-1], b.token_ends[-1])])) == "them"


def test_near_copies_and_runs_are_found():
    a = analyse("We closed the bank in March. We closed the bank in March! We closed a bank in May.", "en")
    assert repeated_sentences(a, Repeats()) == [1]
    a = analyse("I called the head of operations at the plant and then I called the head of operations "
                "at the plant again", "en")
    runs = repeated_runs(a, 6, set())
    assert len(runs) == 1 and "called the head of operations at the plant" in a.folded[runs[0][0]:runs[0][1]]
    assert runs[0][0] > len("i called the head")      # the second time, not the first


@pytest.mark.parametrize("lang,text", [
    ("en", "Situation: the moon was sad. I called the banana, I proposed a triangle and I negotiated with "
           "the sofa. Revenue of the clouds rose 47 %."),
    ("ro", "Situația: luna era tristă. Am sunat banana, am propus un triunghi și am negociat cu canapeaua. "
           "Veniturile norilor au crescut cu 47%."),
])
def test_a_template_of_nonsense_is_no_example_and_scores_low(lang, text):
    r = score(lang, text)
    assert not r.criterion("real_examples").passed
    assert r.score < 35


@pytest.mark.parametrize("lang,qid,text", [
    ("en", "salary-expectations", "A prospect said we were too expensive next to a competitor. I "
     "acknowledged the objection and the pushback on budget, asked what the price had to cover, and "
     "offered a pilot; they signed at full price."),
    ("ro", "salary-expectations", "Un cumpărător mi-a spus că suntem prea scumpi față de furnizorul actual. "
     "Am reformulat îngrijorarea lui, am întrebat ce anume îl oprea și i-am arătat un studiu de caz cu o "
     "referință din domeniul lui; a semnat la prețul de listă."),
])
def test_a_strong_story_to_another_question_is_capped_and_named(lang, qid, text):
    r = score(lang, text, qid)
    assert r.score <= 25
    cap = next(c for c in r.caps if c.rule == "key_points.other_question")
    assert loader.bank(lang).get("handle-objection").text in cap.reason
    assert score(lang, text, "handle-objection").score > 60     # the same story, asked for


@pytest.mark.parametrize("lang,text", [
    ("en", "Three weeks before renewal they cancelled anyway. Honestly I see it as a big win, because I "
           "learned so much about agencies."),
    ("ro", "Până la urmă contractul a fost anulat. Pentru mine a fost un mare câștig, pentru că am "
           "învățat enorm despre clienți."),
])
def test_a_loss_told_as_a_win_is_capped_but_stays_an_episode(lang, text):
    r = score(lang, text, "contract-renewal")
    assert r.score <= 35 and any(c.rule == "real_examples.spin" for c in r.caps)


@pytest.mark.parametrize("lang,text,flag", [
    ("en", "The integration was on the roadmap but not built yet. In the final meeting I said it had "
           "shipped the week before, and they signed for 130k.", "misleads"),
    ("en", "We had no price change planned, but I told them prices were going up 15% on Friday; they "
           "signed on Thursday.", "pressure"),
    ("en", "When our VP asked who built the deck my colleague made, I said it was mine.", "takes_credit"),
    ("ro", "Integrarea nu era gata, dar le-am confirmat că integrarea funcționează deja, și au semnat.",
     "misleads"),
    ("ro", "Nu prea a fost vina mea, sincer: suportul răspundea greu și concurența a venit cu dumping.",
     "blames_others"),
])
def test_a_red_flag_caps_under_30_and_is_named(lang, text, flag):
    r = score(lang, text)
    assert r.score < 30
    cap = next(c for c in r.caps if c.rule == f"integrity.{flag}")
    assert cap.reason


@pytest.mark.parametrize("lang,text", [
    ("en", "The reporting module was not live yet. I told them that straight away and got a date from product."),
    ("en", "It was my fault, not the client's: I sent the quote late."),
    ("ro", "Modulul de rapoarte nu era încă live. I-am spus asta direct și am obținut o dată."),
    ("ro", "A semnat, iar mai târziu mi-a zis că l-a convins faptul că n-am umflat lucrurile."),
])
def test_honesty_is_no_red_flag(lang, text):
    assert not [c for c in score(lang, text).caps if c.rule.startswith("integrity.")]


def test_min_hits_reads_fewer_hits_as_none():
    one = score("en", "We sold sofas and umbrellas to a furniture chain; I rebuilt their order process.")
    nonsense = next(k for k in one.criterion("preparation").checks if k.id == "nonsense")
    assert nonsense.count == 0 and nonsense.passed and not nonsense.message


# ------------------------------------------------------------ validation of the new options

OBJECTS = MINI.replace("        label: a hedge\n", "        label: a hedge\n        objects: {lists: [work]}\n")


@pytest.mark.parametrize("text,expected", [
    (MINI.replace("version: 1\n", "version: 1\nmatching:\n  repeats: {scorer: ratoi}\n"),
     "matching.repeats.scorer: 'ratoi' is not allowed"),
    (MINI.replace("version: 1\n", "version: 1\nmatching:\n  repeats: {cutof: 90}\n"), "(did you mean 'cutoff'?)"),
    (MINI.replace("version: 1\n", "version: 1\nmatching:\n  repeats: {min_run: 99}\n"),
     "matching.repeats.min_run: must be from 0 to 50, not 99"),
    (MINI.replace("        label: a hedge\n", "        label: a hedge\n        outside_quotes: yes please\n"),
     "checks[0].outside_quotes: must be true or false, not a string"),
    (MINI.replace("        label: a hedge\n        patterns: ['\\bmaybe\\b']\n",
                  "        label: a hedge\n        patterns: ['\\bmaybe\\b']\n      - id: asks\n        kind: question\n"
                  "        effect: reward\n        label: a question\n        starts: [what]\n        clause_openers: 3\n"),
     "checks[1].clause_openers:"),
    (MINI.replace("version: 1\n", "version: 1\nmatching:\n  repeats: {reworded: {share: 0.6}}\n"),
     "matching.repeats.reworded: missing the required key 'min_shared'"),
    (MINI.replace("version: 1\n", "version: 1\nmatching:\n  repeats: {reworded: {min_shared: 1}}\n"),
     "matching.repeats.reworded.min_shared: must be from 2 to 50, not 1"),
    (MINI.replace("version: 1\n", "version: 1\nmatching:\n  repeats: {reworded: {min_shared: 4, ignore: [stopwords]}}\n"),
     "matching.repeats.reworded.ignore[0]: unknown list 'stopwords'"),
    (MINI.replace("version: 1\n", "version: 1\nmatching:\n  repeats: {reworded: {min_shared: 4, shares: 0.5}}\n"),
     "(did you mean 'share'?)"),
    (OBJECTS, "criteria[0].checks[0].objects.lists[0]: no list named 'work' in 'lists'"),
    (OBJECTS.replace("objects: {lists: [work]}", "objects: {list: [work]}"), "(did you mean 'lists'?)"),
    (OBJECTS.replace("version: 1\n", "version: 1\nlists:\n  work: [client]\n").replace(
        "objects: {lists: [work]}", "objects: {lists: [work], goes_on: '(ing'}"), "objects.goes_on: bad regular expression"),
    (MINI.replace("        effect: penalty\n", "        effect: reward\n        min_hits: 3\n"),
     "checks[0].min_hits: only a check with effect 'penalty' takes 'min_hits'"),
    (MINI.replace("        effect: penalty\n", "        effect: penalty\n        cap: {score: 30, at_leest: 3}\n"),
     "(did you mean 'at_least'?)"),
    (MINI.replace("        effect: penalty\n", "        effect: penalty\n        cap: {score: 30, share: 1.5}\n"),
     "cap.share: must be from 0 to 1, not 1.5"),
    (MINI.replace("        kind: pattern\n        effect: penalty\n        label: a hedge\n        patterns: ['\\bmaybe\\b']\n",
                  "        kind: filler\n        effect: reward\n        label: f\n        from: [hedges]\n"),
     "'reward' is not allowed; allowed: penalty"),
])
def test_new_options_are_validated(text, expected):
    assert expected in err(text)


def test_a_filler_check_must_read_checks_that_find_evidence():
    text = MINI + """      - id: pad
        kind: filler
        effect: penalty
        label: padding
        from: [hedgez]
"""
    assert "'hedgez' names no other check" in err(text)
    ok = parse_rubric(MINI + text[len(MINI):].replace("hedgez", "hedges"), "r.yaml", fact_ids())
    assert ok.criteria[0].checks[1].kind == "filler"


JARGON = {
    "en": "The most common objection is price. I use active listening to find the real concern, and I explain "
          "with a case study that the ROI justifies the investment.",
    "ro": "Cea mai des intalnita obiectie e pretul. Ascult activ ca sa aflu ingrijorarea reala si le explic, cu "
          "argumente si dovezi, ca ROI-ul justifica investitia.",
}


@pytest.mark.parametrize("lang", ["en", "ro"])
def test_words_called_jargon_earn_no_credit_elsewhere(lang):
    """preparation.jargon `discredits` two_way, key_points and substance: the words the feedback
    calls empty ("active listening") are not also praised as listening or as a talking point,
    and without `discredits` they would be (so the test can fail)."""
    from dataclasses import replace

    from mockint.core.scoring.engine import Scorer

    scorer = loader.scorer(lang)
    q = loader.bank(lang).get("handle-objection")
    res = scorer.score(JARGON[lang], q)
    jargon = next(k for k in res.criterion("preparation").checks if k.id == "jargon")
    called = [(e.start, e.end) for e in jargon.evidence]
    assert called
    named = ("two_way", "key_points", "preparation.substance", "preparation.no_substance")    # on_topic: jargon is
    praised = [(c.id, k.id, e.text) for c in res.criteria for k in c.checks    # on topic, rightly
               if (c.id in named or f"{c.id}.{k.id}" in named) for e in k.evidence
               if any(e.start < b and a < e.end for a, b in called)]
    assert praised == []
    rubric = scorer.rubric          # the same rubric with no check discrediting anything
    plain = replace(rubric, criteria=[replace(c, checks=[replace(k, discredits=()) for k in c.checks])
                                      for c in rubric.criteria])
    before = Scorer(plain, loader.bank(lang)).score(JARGON[lang], q)
    assert any(any(e.start < b and a < e.end for a, b in called) for c in before.criteria
               if c.id in ("two_way", "key_points") for k in c.checks for e in k.evidence)
    assert res.score <= before.score


CLICHE_MOTIVE = {
    "en": "I'm a people person and I love talking to people. Sales suits me.",
    "ro": "Îmi plac oamenii și îmi place să vorbesc cu ei. Vânzările mi se potrivesc.",
}


@pytest.mark.parametrize("lang", ["en", "ro"])
def test_words_called_a_cliche_are_not_also_content(lang):
    """preparation.cliches `discredits` substance and reasons: "Îmi plac oamenii" is not both a
    cliché and, inside the same words, "some content" (substance draws on key points, which still
    see the words; the blanking reaches what substance gathers)."""
    res = loader.scorer(lang).score(CLICHE_MOTIVE[lang], loader.bank(lang).get("why-sales"))
    prep = res.criterion("preparation")
    cliches = next(k for k in prep.checks if k.id == "cliches")
    called = [(e.start, e.end) for e in cliches.evidence]
    assert called
    credited = [(k.id, e.text) for k in prep.checks if k.id in ("substance", "no_substance", "reasons")
                for e in k.evidence if any(e.start < b and a < e.end for a, b in called)]
    assert credited == []


REWORDED = {
    "en": ("I got into sales by accident after university, through a friend's referral. Honestly I never "
           "planned it; I came into sales by chance after finishing university because a friend referred me. "
           "In short, sales happened by accident: a friend from university referred me."),
    "ro": ("Am ajuns în vânzări mai mult întâmplător, după facultate, prin recomandarea unui prieten. Practic "
           "n-am plănuit, am intrat în vânzări din întâmplare după facultate, pentru că un prieten m-a recomandat. "
           "Pe scurt, am ajuns în vânzări întâmplător, după facultate, datorită unui prieten."),
}


@pytest.mark.parametrize("lang", ["en", "ro"])
def test_the_same_point_reworded_counts_once(lang):
    """matching.repeats.reworded: a sentence whose content words were mostly said before is
    judged once, like a pasted copy; without the option the rewordings each count."""
    from dataclasses import replace

    from mockint.core.scoring.engine import Scorer
    from mockint.core.scoring.repeats import repeated_sentences
    from mockint.core.scoring.text import analyse

    scorer = loader.scorer(lang)
    rep = scorer.rubric.repeats
    assert rep is not None and rep.min_shared
    a = analyse(REWORDED[lang], lang)
    assert 2 in repeated_sentences(a, rep)            # the third says nothing the first did not
    assert repeated_sentences(a, replace(rep, min_shared=0)) == []
    q = loader.bank(lang).get("why-sales")
    plain = Scorer(replace(scorer.rubric, repeats=replace(rep, min_shared=0)), loader.bank(lang))
    assert scorer.score(REWORDED[lang], q).score < plain.score(REWORDED[lang], q).score


@pytest.mark.parametrize("lang,text", [
    ("en", "I called the CFO of Acme about the renewal in March. The CFO of Acme agreed to renew for two more "
           "years at a 6% uplift, and the renewal closed in April."),
    ("ro", "L-am sunat pe directorul financiar de la Acme despre reînnoire în martie. Directorul financiar de la "
           "Acme a acceptat reînnoirea pe încă doi ani, cu 6% în plus, iar contractul s-a semnat în aprilie."),
])
def test_a_story_that_names_its_client_again_is_no_repeat(lang, text):
    from mockint.core.scoring.repeats import repeated_sentences
    from mockint.core.scoring.text import analyse

    assert repeated_sentences(analyse(text, lang), loader.scorer(lang).rubric.repeats) == []


@pytest.mark.parametrize("lang,quoted,own", [
    ("en", "A customer told me, 'I'm not sure we'll renew, usage is low.' I went through their logins with them.",
     "I'm not sure we'll renew them, usage is low. I went through their logins with them."),
    ("ro", "Clientul mi-a zis: „Nu sunt sigur că reînnoim, nu prea folosim.” Am trecut prin conturile lor cu ei.",
     "Nu sunt sigur că reînnoiesc ei, nu prea folosesc. Am trecut prin conturile lor cu ei."),
])
def test_a_doubt_in_quotation_marks_is_someone_elses(lang, quoted, own):
    """confidence.doubts takes `outside_quotes`: the customer's quoted doubt costs nothing; the same
    words as the candidate's own do (so the test can fail)."""
    def doubts(text):
        res = loader.scorer(lang).score(text, loader.bank(lang).get("contract-renewal"))
        return next(k for k in res.criterion("confidence").checks if k.id == "doubts").count
    assert doubts(quoted) == 0
    assert doubts(own) == 1


def test_quoted_stretches_keep_words_with_apostrophes_inside():
    from mockint.core.scoring.checks.pattern import _quoted
    from mockint.core.scoring.text import analyse

    a = analyse("He said, 'I'm not sure we'll renew.' Then he signed. It's the clients' call.", "en")
    assert [a.folded[s:e] for s, e in _quoted(a)] == ["'i'm not sure we'll renew.'"]


@pytest.mark.parametrize("lang,text", [
    ("en", "Not sure really. I don't know how to tell that, I'm not sure."),
    ("ro", "Nu sunt sigur, sincer. Nu știu cum să vă spun, probabil așa."),
])
def test_a_doubt_is_not_also_named_as_a_hedge(lang, text):
    """confidence.doubts discredits confidence.hedges: the feedback quotes "I'm not sure" once, as a
    doubt, not again as a hedge (one penalty for the same words)."""
    res = loader.scorer(lang).score(text, loader.bank(lang).get("upsell-cross-sell"))
    checks = {k.id: k for k in res.criterion("confidence").checks}
    doubts = [(e.start, e.end) for e in checks["doubts"].evidence]
    assert doubts
    assert not [e.text for e in checks["hedges"].evidence if any(e.start < b and a < e.end for a, b in doubts)]


@pytest.mark.parametrize("lang,text", [
    ("en", "Price is the usual objection. I use active listening to find the real concern and I explain that "
           "the ROI justifies the investment."),
    ("ro", "Cea mai des intalnita obiectie e pretul. Ascult activ ca sa aflu ingrijorarea reala si le explic ca "
           "ROI-ul justifica investitia."),
])
def test_two_buzzwords_with_nothing_behind_them_cap_the_answer(lang, text):
    """preparation.jargon caps at 35 from two hits (it took three): a habit lined with objection
    vocabulary and no moment or figure of the candidate's is no better than the habit alone."""
    res = score(lang, text, "handle-objection")
    jargon = next(k for k in res.criterion("preparation").checks if k.id == "jargon")
    assert jargon.count == 2
    assert res.score <= 35 and any(c.rule == "preparation.jargon" for c in res.caps)


STOCK = {
    "en": ("I found the client, did proper discovery, asked lots of questions, presented a tailored solution, "
           "handled every objection and closed the deal. Revenue grew significantly and the client was really happy."),
    "ro": ("Am găsit clientul, am pus întrebări de clarificare, am identificat pain point-ul, am tratat obiecția, "
           "am construit încredere și am închis deal-ul. Vânzările au crescut foarte mult."),
}
STORY_AROUND_THEM = {
    "en": ("Last spring a laundry serving 60 hotels in Bristol told me our RFID tags cost too much: 40p a tag on "
           "90,000 sheets. Their finance director said lost linen was eating 6% of revenue and the hotels disputed "
           "every invoice. I asked lots of questions about how they counted returns, ran a six-week pilot on their "
           "three biggest hotels with their night manager, and disputes fell by two thirds. Yes, I built rapport, "
           "did proper discovery and handled every objection, but the pilot's figures closed it: £31,000, plus "
           "a £6,000 licence a year."),
    "ro": ("Primăvara trecută o spălătorie care lucra cu 60 de hoteluri din Cluj mi-a spus că etichetele noastre "
           "sunt prea scumpe: 40 de bani bucata pe 90.000 de cearșafuri. Directorul lor financiar zicea că "
           "lenjeria pierdută le mănâncă 6% din venituri și că hotelurile contestau fiecare factură. Am făcut un "
           "pilot de șase săptămâni la trei hoteluri cu managerul lor de noapte, iar disputele au scăzut cu două "
           "treimi. Da, am construit încredere, am pus întrebări de clarificare și am tratat obiecția, dar cifrele "
           "pilotului l-au închis: 31.000 de euro, plus o licență de 6.000 pe an."),
}


@pytest.mark.parametrize("lang", ["en", "ro"])
def test_textbook_moves_cap_only_an_answer_made_of_them(lang):
    """stock_moves' cap has a `share` (15 % of the answer's words): the same textbook steps inside a
    real story take no points' worth of credit but do not cap it; an answer made of them is capped at 35."""
    bare = score(lang, STOCK[lang], "handle-objection")
    assert any(c.rule == "preparation.stock_moves" for c in bare.caps) and bare.score <= 35
    story = score(lang, STORY_AROUND_THEM[lang], "handle-objection")
    moves = next(k for c in story.criteria for k in c.checks if k.rule == "preparation.stock_moves")
    assert moves.count >= 3                 # found, and named ...
    assert not any(c.rule == "preparation.stock_moves" for c in story.caps)
    assert story.score >= 65                # ... but a tenth of a real story: no cap


def test_a_long_thin_answer_is_capped_and_a_short_one_is_not_judged():
    """preparation.thin: 90 words or more with under 4 facts, reasons or steps per 100 words caps
    the answer at 35 and says so with the count and the length; a short answer is not judged."""
    long_thin = ("Well, it is a really interesting question and honestly I could talk about it all day, because "
                 "sales is such a fascinating world and every day is different in its own way. I think what "
                 "really matters is the attitude you bring, the energy, the way you show up for people and for "
                 "yourself, and the mindset you carry with you from morning to evening. Some days are good and "
                 "some days are less good, that is simply how life works for everyone, and I think accepting "
                 "that is half of the battle really. Anyway, I always try my best and keep going.")
    res = score("en", long_thin, "handle-rejection")
    thin = next(c for c in res.criterion("preparation").checks if c.id == "thin")
    assert thin.value < 1 and any(c.rule == "preparation.thin" for c in res.caps) and res.score <= 35
    assert "words" in thin.message
    short = score("en", "I keep going. Some days are good and some are less good.", "handle-rejection")
    assert next(c for c in short.criterion("preparation").checks if c.id == "thin").value == 1.0


@pytest.mark.parametrize("lang", ["en", "ro"])
def test_an_answer_pasted_three_times_is_capped_and_a_double_paste_is_not(lang):
    """Most of an answer said again (the same answer three times over, or one sentence 3,800
    times) is a paste, capped at 25 and said; an answer pasted twice (a slip) keeps its score less
    the repetition penalty."""
    qid, text = BASE[lang]
    scorer, q = loader.scorer(lang), loader.bank(lang).get(qid)
    once, twice, thrice = (scorer.score(" ".join([text] * n), q) for n in (1, 2, 3))
    assert not any(c.rule == "preparation.repetition" for c in twice.caps) and twice.score >= once.score - 15
    cap = next(c for c in thrice.caps if c.rule == "preparation.repetition")
    assert cap.max == 25 and thrice.score <= 25
    long = scorer.score(" ".join([text.split(". ")[0] + "."] * 400), q)
    assert long.score <= 25


@pytest.mark.parametrize("lang,says", [("en", "This never comes to what was asked"),
                                       ("ro", "Răspunsul nu ajunge la ce s-a întrebat")])
def test_a_story_told_instead_of_a_salary_answer_is_capped_and_said(lang, says):
    """A question's ``subject``: a strong story that never names pay, given to the salary question,
    is capped at 25, and the cap says so, naming the question asked."""
    qid, text = BASE[lang]
    q = loader.bank(lang).get("salary-expectations")
    res = loader.scorer(lang).score(text, q)
    cap = next(c for c in res.caps if c.rule == "key_points.off_subject")
    assert cap.max == 25 and res.score <= 25 and cap.reason.startswith(says) and q.text in cap.reason
    assert not any(c.rule == "key_points.off_subject" for c in loader.scorer(lang).score(text, loader.bank(lang).get(qid)).caps)
