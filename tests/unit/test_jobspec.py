"""Job-posting tailoring: term extraction, job_fit and tone criteria, questions, the job-fit table,
the job-spec command and grade --job-spec."""

from __future__ import annotations

import json

import pytest
from conftest import ROOT, run_main

from mockint.core import jobspec
from mockint.core.bank import loader
from mockint.core.data.errors import DataError, MockintError
from mockint.core.jobspec import (
    NOT_COVERED,
    extract_terms,
    job_context,
    job_fit_table,
    job_questions,
    score_with_job,
)
from mockint.core.jobspec.spec import parse_spec
from mockint.core.questions.bank import adhoc_question

DATA = ROOT / "tests" / "data" / "jobspec"
EN = (DATA / "ae_saas.en.md").read_text(encoding="utf-8")
RO = (DATA / "ae_ro.ro.md").read_text(encoding="utf-8")
RO2 = (DATA / "ro_formal.ro.txt").read_text(encoding="utf-8")
GENERIC = (DATA / "generic.en.txt").read_text(encoding="utf-8")

ANSWER_EN = ("At my last job I sold SaaS to fintech companies. I kept the pipeline in Salesforce and beat "
             "my quota of $800k by 20% through cold calling and careful negotiation with the buyers.")
ANSWER_RO = ("În ultimul an am vândut software de logistică unor companii mari. Am folosit HubSpot zilnic "
             "și am depășit cota cu 15% prin prospectare atentă și negociere cu factori de decizie.")


def _by_text(terms):
    return {t.text: t for t in terms}


def test_english_posting_terms_and_kinds():
    terms = extract_terms(EN, "en")
    got = _by_text(terms)
    assert got["Salesforce"].kind == "tool" and got["Gong"].kind == "tool"
    assert got["SaaS"].kind == "industry" and got["fintech"].kind == "industry"
    assert got["negotiation"].kind == "skill" and got["MEDDIC"].kind == "skill"
    assert got["full sales cycle"].kind == "responsibility"
    assert got["quota $900k"].kind == "figure" and got["deal size $45k"].kind == "figure"
    assert got["Acme Analytics"].kind == "phrase" and len(got["Acme Analytics"].spans) == 3
    assert got["team"].kind == "generic"
    for t in terms:                       # spans point into the posting as written
        for s, e in t.spans:
            assert EN[s:e].lower().replace("\n", " ").split() == EN[s:e].lower().split()
    s, e = got["Salesforce"].spans[0]
    assert EN[s:e] == "Salesforce"


def test_specific_terms_weigh_more_than_generic_ones_and_order_is_deterministic():
    terms = extract_terms(EN, "en")
    got = _by_text(terms)
    assert got["Salesforce"].weight > got["negotiation"].weight > got["team"].weight
    assert got["Acme Analytics"].weight > got["team"].weight
    weights = [t.weight for t in terms]
    assert weights == sorted(weights, reverse=True)
    assert [t.to_dict() for t in extract_terms(EN, "en")] == [t.to_dict() for t in terms]


def test_romanian_postings():
    got = _by_text(extract_terms(RO, "ro"))
    assert got["HubSpot"].kind == "tool" and got["logistică"].kind == "industry"
    assert got["negociere"].kind == "skill" and got["ciclul complet de vânzare"].kind == "responsibility"
    assert got["cotă 400.000 EUR"].kind == "figure"
    assert got["echipa"].kind == "generic"
    got2 = _by_text(extract_terms(RO2, "ro"))
    assert got2["Salesforce"].kind == "tool" and got2["bancar"].kind == "industry"
    assert got2["Banca Transilvania Leasing"].kind == "phrase"
    assert any(t.kind == "figure" and t.text == "cotă 2.000.000 lei" for t in got2.values())


def test_generic_posting_has_no_useful_terms_and_empty_is_refused():
    terms = extract_terms(GENERIC, "en")
    assert terms and all(t.kind == "generic" and t.weight < 0.3 for t in terms)
    with pytest.raises(MockintError, match="no useful terms"):
        job_context("en", GENERIC)
    with pytest.raises(MockintError, match="the job posting is empty"):
        job_context("en", "  \n")
    with pytest.raises(MockintError, match="the job posting is empty"):
        jobspec.read_posting(DATA / "empty.txt")
    assert extract_terms("", "en") == []


def test_drop_terms():
    job = job_context("en", EN, drop=["salesforce", "Acme analytics"])
    texts = {t.text for t in job.terms}
    assert "Salesforce" not in texts and "Acme Analytics" not in texts and "Gong" in texts


def test_job_fit_evidence_offsets_and_not_yet_covered():
    job = job_context("en", EN)
    scorer = loader.scorer("en")
    q = loader.bank("en").get("sales-experience")
    r = score_with_job(scorer, ANSWER_EN, q, None, job)
    fit = r.criterion("job_fit")
    assert fit is not None and 0 < fit.weight < 0.5
    rules = {e.rule for e in fit.evidence}
    assert {"job_fit.salesforce", "job_fit.saas", "job_fit.fintech", "job_fit.negotiation",
            "job_fit.cold-calling"} <= rules
    for e in fit.evidence:
        assert ANSWER_EN[e.start:e.end] == e.text
        d = e.to_dict()
        assert set(d) == {"start", "end", "text", "rule"}
    quota = [e for e in fit.evidence if e.rule.startswith("job_fit.quota")]
    assert quota and quota[0].text == "quota"
    assert "Not in this answer:" in fit.feedback and "Gong" in fit.feedback   # this answer, not the session
    rows = job_fit_table([r], job.terms)
    by = {row["term"]: row for row in rows}
    assert by["Salesforce"]["covered_in"] == [1] and by["Salesforce"]["status"] == "covered"
    assert by["Gong"]["covered_in"] == [] and by["Gong"]["status"] == NOT_COVERED


def test_job_fit_in_romanian_and_table_across_answers():
    job = job_context("ro", RO)
    scorer = loader.scorer("ro")
    q = adhoc_question("Povestiți-mi despre experiența dumneavoastră în vânzări.", "ro")
    r1 = score_with_job(scorer, ANSWER_RO, q, None, job)
    r2 = score_with_job(scorer, "Am lucrat în retail, cu Excel.", q, None, job)
    for e in r1.criterion("job_fit").evidence:
        assert ANSWER_RO[e.start:e.end] == e.text
    by = {row["term"]: row["covered_in"] for row in job_fit_table([r1, r2], job.terms)}
    assert by["HubSpot"] == [1] and by["retail"] == [2] and by["Excel"] == [2]
    assert by["negociere"] == [1] and by["clienți noi"] == []
    assert r1.criterion("job_fit").name == "Potrivire cu anunțul"


def test_no_change_to_scores_without_job_spec():
    scorer = loader.scorer("en")
    q = loader.bank("en").get("sales-experience")
    plain = scorer.score(ANSWER_EN, q, 90)
    same = score_with_job(scorer, ANSWER_EN, q, 90, None)
    assert same.to_dict() == plain.to_dict()
    assert [c.id for c in plain.criteria if c.id in ("job_fit", "tone")] == []


def test_job_fit_never_dominates_the_score():
    scorer = loader.scorer("en")
    q = loader.bank("en").get("sales-experience")
    plain = scorer.score(ANSWER_EN, q).score
    r = score_with_job(scorer, ANSWER_EN, q, None, job_context("en", EN, tone="formal"))
    assert abs(r.score - plain) <= 20
    keyword_soup = "Salesforce Gong SaaS fintech MEDDIC negotiation quota"
    r2 = score_with_job(scorer, keyword_soup, q, None, job_context("en", EN))
    assert r2.score < 40


def test_generated_questions_in_the_session_language_are_scored_like_any_other():
    qs = job_questions(job_context("en", EN).terms, "en")
    assert 2 <= len(qs) <= 3
    assert qs[0].text.startswith("The role mentions Salesforce.")
    assert len({q.terms[0] for q in qs}) == len(qs)
    ro = job_questions(job_context("ro", RO).terms, "ro")
    assert 2 <= len(ro) <= 3 and all(q.lang == "ro" and q.text.startswith("Rolul") for q in ro)
    r = loader.scorer("en").score(ANSWER_EN, qs[0])
    assert 0 <= r.score <= 100 and r.criterion("real_examples") is not None


@pytest.mark.parametrize("lang,mode,answer,bad", [
    ("en", "formal", "Yeah, I crushed it: we're gonna hit quota, we've done it, I'd say it's awesome, "
                     "they'll see, I'm sure.", ["Yeah", "crushed it", "gonna", "awesome"]),
    ("en", "casual", "I hereby confirm that, pursuant to the plan, I closed the aforementioned deal.",
     ["hereby", "pursuant to", "aforementioned"]),
    ("ro", "formal", "Frate, a fost mișto, am închis contractul.", ["Frate", "mișto"]),
    ("ro", "casual", "Subsemnatul vă aduc la cunoștință că am închis contractul.",
     ["Subsemnatul", "vă aduc la cunoștință"]),
])
def test_tone_in_both_modes_with_evidence(lang, mode, answer, bad):
    scorer = loader.scorer(lang)
    q = adhoc_question("Tell me about a deal." if lang == "en" else "Povestiți-mi despre un contract.", lang)
    r = score_with_job(scorer, answer, q, None, job_context(lang, None, tone=mode))
    tone = r.criterion("tone")
    assert tone is not None and not tone.passed and tone.score < 1
    assert tone.weight <= 0.05 and r.criterion("job_fit") is None
    texts = [e.text for e in tone.evidence]
    for b in bad:
        assert b in texts
    for e in tone.evidence:
        assert answer[e.start:e.end] == e.text and e.rule.startswith("tone.")
    other = "formal" if mode == "casual" else "casual"
    assert score_with_job(scorer, answer, q, None, job_context(lang, None, tone=other)).criterion("tone").passed
    plain = scorer.score(answer, q).score
    assert abs(r.score - plain) <= 5      # tone never dominates


def test_a_few_contractions_are_fine_in_formal_mode():
    scorer = loader.scorer("en")
    q = adhoc_question("Tell me about a deal.", "en")
    r = score_with_job(scorer, "I'm proud of it: I didn't give up and we closed.", q, None,
                       job_context("en", None, tone="formal"))
    assert r.criterion("tone").passed


def test_spec_validation_names_file_and_line():
    text = (ROOT / "jobspec" / "en.yaml").read_text(encoding="utf-8")
    bad = text.replace("  tool: 1.0\n", "  tool: 3\n", 1)
    with pytest.raises(DataError) as exc:
        parse_spec(bad, "jobspec/en.yaml", "en")
    line = text.splitlines().index("  tool: 1.0") + 1
    assert f"jobspec/en.yaml:{line}" in str(exc.value) and "weights.tool" in str(exc.value)
    bad = text.replace("The role mentions {term}. Tell me about a time you used it to move",
                       "The role mentions it. Tell me about a time you used it to move", 1)
    with pytest.raises(DataError, match="must contain"):
        parse_spec(bad, "jobspec/en.yaml", "en")


def test_the_guide_facts_job_fit_and_tone_cite_come_from_the_file():
    """Issue 17: 'tip-2'/'tip-3' were written in the code; the job-posting file names them, checked."""
    text = (ROOT / "jobspec" / "en.yaml").read_text(encoding="utf-8")
    spec = parse_spec(text, "jobspec/en.yaml", "en")
    assert spec.fit["guide"] == ["tip-2"] and spec.tone["guide"] == ["tip-3"]
    with pytest.raises(DataError, match=r"job_fit.guide\[0\]: 'tip-22' is not a guide fact \(did you mean 'tip-2'\?\)"):
        parse_spec(text.replace("  guide: [tip-2]", "  guide: [tip-22]", 1), "jobspec/en.yaml", "en")


# -- the command line ---------------------------------------------------------------------
TRANSCRIPT = """lang: en
answers:
  - question: sales-experience
    answer: "{a}"
  - question_text: Tell me about your biggest weakness.
    answer: I hereby confirm I am sometimes too careful with MEDDIC.
"""


def test_job_spec_command_text_and_json():
    p = run_main("job-spec", str(DATA / "ae_saas.en.md"), "--lang", "en")
    assert p.returncode == 0, p.stderr
    assert "Salesforce" in p.stdout and "tool" in p.stdout and "job-1: The role mentions" in p.stdout
    p = run_main("job-spec", str(DATA / "ae_ro.ro.md"), "--lang", "ro", "--format", "json",
                "--drop-term", "HubSpot")
    d = json.loads(p.stdout)
    assert d["lang"] == "ro" and "HubSpot" not in [t["term"] for t in d["terms"]]
    assert {t["kind"] for t in d["terms"]} >= {"tool", "industry", "skill", "figure", "generic"}
    assert 2 <= len(d["questions"]) <= 3


def test_grade_with_job_spec(tmp_path):
    f = tmp_path / "t.yaml"
    f.write_text(TRANSCRIPT.format(a=ANSWER_EN), encoding="utf-8")
    plain = json.loads(run_main("grade", str(f), "--format", "json").stdout)
    p = run_main("grade", str(f), "--format", "json", "--job-spec", str(DATA / "ae_saas.en.md"),
                "--tone", "casual", "--drop-term", "Gong")
    assert p.returncode == 0, p.stderr
    d = json.loads(p.stdout)
    assert set(plain) <= set(d) and "job_fit" in d and "job_fit" not in plain
    rows = {r["term"]: r for r in d["job_fit"]}
    assert rows["Salesforce"]["covered_in"] == [1] and rows["MEDDIC"]["covered_in"] == [2]
    assert rows["Acme Analytics"]["status"] == "not yet covered" and "Gong" not in rows
    ids = [c["id"] for c in d["answers"][1]["criteria"]]
    assert "job_fit" in ids and "tone" in ids
    tone = next(c for c in d["answers"][1]["criteria"] if c["id"] == "tone")
    assert tone["evidence"][0]["text"] == "hereby" and tone["evidence"][0]["rule"] == "tone.stiff"
    text = run_main("grade", str(f), "--job-spec", str(DATA / "ae_saas.en.md")).stdout
    assert "Job fit:" in text and "not yet covered" in text
    md = run_main("grade", str(f), "--format", "markdown", "--job-spec", str(DATA / "ae_saas.en.md")).stdout
    assert "| Salesforce | 1 |" in md and "*not yet covered*" in md


@pytest.mark.parametrize("make,message", [
    (lambda d: DATA / "empty.txt", "the job posting is empty"),
    (lambda d: DATA / "generic.en.txt", "no useful terms found in the job posting"),
    (lambda d: d / "missing.md", "no such file"),
    (lambda d: _write(d / "bin.md", b"\x00\x01posting"), "a binary file, not a text job posting"),
    (lambda d: _write(d / "latin1.md", "Négociation".encode("latin-1")), "not UTF-8 text"),
    (lambda d: d, "is a directory"),
])
def test_cli_errors_are_one_line_exit_2(tmp_path, make, message):
    path = str(make(tmp_path))
    f = tmp_path / "t.yaml"
    f.write_text(TRANSCRIPT.format(a=ANSWER_EN), encoding="utf-8")
    for args in (["job-spec", path], ["grade", str(f), "--job-spec", path]):
        p = run_main(*args)
        assert p.returncode == 2 and p.stdout == ""
        assert p.stderr.count("\n") == 1 and message in p.stderr and "Traceback" not in p.stderr


def _write(path, data: bytes):
    path.write_bytes(data)
    return path


def test_the_closing_question_is_not_scored_on_job_fit_and_a_pass_is_a_pass():
    """Issue 19: "Do you have any questions for us?" was marked ✗ on job fit; job fit at 82 % and
    tone at 89 % showed ✗."""
    from mockint.core.bank import loader
    from mockint.core.jobspec import job_context, load_spec, score_with_job

    posting = ("Account Executive. You will sell our CRM to logistics companies. Experience with "
               "Salesforce and MEDDICC is required; a quota of EUR 650,000.")
    job = job_context("en", posting, "formal")
    sc, bank = loader.scorer("en"), loader.bank("en")
    closing = score_with_job(sc, "What does success look like in 90 days?", bank.get("questions-for-us"), None, job)
    assert closing.criterion("job_fit") is None and closing.criterion("tone") is not None
    spec = load_spec("en")
    answer = ("I sold our CRM to logistics firms with Salesforce for three years, gonna say I beat quota.")
    r = score_with_job(sc, answer, bank.get("sales-experience"), None, job)
    fit, tone = r.criterion("job_fit"), r.criterion("tone")
    assert tone.score == 1 - spec.tone["per_hit"] and tone.passed and '"gonna"' in tone.feedback
    assert fit.passed == (fit.score >= spec.fit["threshold"])


def test_the_terms_table_speaks_romanian(tmp_path):
    """Issue 19: the job-spec header was "Termen kind weight count" in Romanian."""
    from tests.conftest import run_main

    f = tmp_path / "anunt.txt"
    f.write_text("Căutăm un Account Executive pentru vânzări B2B SaaS. Experiență cu Salesforce, prospectare.\n")
    p = run_main("job-spec", str(f), "--lang", "ro")
    header, first = p.stdout.splitlines()[:2]
    assert header.split() == ["Termen", "tip", "pondere", "apariții"]
    assert first.split() == ["Salesforce", "instrument", "1,00", "1"]


def test_the_quota_and_meddicc_count_and_pay_builds_no_question():
    """Issue 19: a question was built from the OTE ("worked against a number like that": OTE is
    pay) while the quota (EUR 650,000) and MEDDICC were ignored; "EUR" was a term of its own."""
    from mockint.core.jobspec import extract_terms, job_questions, useful_terms

    text = ("Account Executive. Quota: EUR 650,000 annual new business. OTE: EUR 120,000 (50/50). "
            "We use MEDDICC, Salesforce and Gong. EUR deals only.")
    terms = useful_terms(extract_terms(text, "en"))
    names = [t.text for t in terms]
    assert "quota EUR 650,000" in names and "MEDDICC" in names and "EUR" not in names
    asked = " ".join(q.text for q in job_questions(terms, "en"))
    assert "OTE" not in asked and "quota EUR 650,000" in asked
    ro = [t.text for t in useful_terms(extract_terms("Cota: EUR 650.000 pe an. OTE: EUR 80.000. Lucrăm cu MEDDICC.", "ro"))]
    assert any(n.startswith("cotă") and "650.000" in n for n in ro) and "MEDDICC" in ro


def test_extra_criteria_are_scored_by_the_engine_with_their_share_and_under_the_caps():
    """job_fit and tone go through Scorer.score(extra=...): the engine blends each criterion's
    share (its weight) into the total and applies the rubric's caps over all of it; nothing edits
    a finished Result."""
    from mockint.core.bank import loader
    from mockint.core.scoring.engine import CriterionResult

    class Full:
        def results(self, a, question):
            return [CriterionResult("job_fit", "Job fit", 1.0, True, 0.5, "core", [], [], "", None, [], 0.5, [])]

    scorer, q = loader.scorer("en"), loader.bank("en").get("why-sales")
    text = "I moved from retail to sales because I like targets; last year I closed 31 accounts."
    plain = scorer.score(text, q)
    mixed = scorer.score(text, q, extra=(Full(),))
    assert mixed.criterion("job_fit") is not None and plain.criterion("job_fit") is None
    assert abs(mixed.score - (0.5 * plain.score + 50)) <= 1
    flag = "Honestly, it wasn't really my fault: marketing never sent me decent leads."
    capped = scorer.score(flag, q, extra=(Full(),))
    assert capped.caps and capped.score <= min(c.max for c in capped.caps)


def test_the_session_job_fit_is_the_share_of_the_posting_covered(tmp_path):
    """A first-time user's summary read "✓ Fits the job posting 100%" over a table where 12 of 15
    terms said "not yet covered": the session figure was the mean of the answers' own job fit (two
    specific terms in an answer is 100 %). It is now the share of the posting's terms that some
    answer covered, the same in the interview's summary, grade and a stored session's report."""
    from mockint.core.history.store import result_from_dict
    from mockint.core.interview import Interview
    from mockint.core.jobspec import context_and_questions, posting_covered
    from mockint.core.report.session import _summary

    job, questions = context_and_questions("en", EN, None)
    scorer = loader.scorer("en")
    iv = Interview(questions, scorer, scorer.bank, "en", job=job)
    while not iv.is_over:
        iv.submit(ANSWER_EN)
    assert all(r.criterion("job_fit").score == 1.0 for r in iv.results)      # each answer: full marks
    rows = job_fit_table(iv.results, job.terms)
    covered = sum(1 for r in rows if r["covered_in"])
    assert 0 < covered < len(rows) / 2
    share = covered / len(rows)
    summary = iv.summary().session
    fit = next(c for c in summary.criteria if c["id"] == "job_fit")
    assert fit["score"] == round(share, 3) and not fit["passed"]
    assert summary.job_fit == rows
    assert posting_covered(iv.results) == share
    stored = [result_from_dict(r.to_dict()) for r in iv.results]
    assert next(c for c in _summary("en", stored).criteria if c["id"] == "job_fit")["score"] == round(share, 3)
    f = tmp_path / "t.yaml"
    f.write_text(TRANSCRIPT.format(a=ANSWER_EN), encoding="utf-8")
    d = json.loads(run_main("grade", str(f), "--format", "json", "--job-spec", str(DATA / "ae_saas.en.md")).stdout)
    graded = next(c for c in d["session"]["criteria"] if c["id"] == "job_fit")
    assert graded["score"] == round(sum(1 for r in d["job_fit"] if r["covered_in"]) / len(d["job_fit"]), 3)
    assert not graded["passed"]
