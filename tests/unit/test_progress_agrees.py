"""The Progress screen's figure for a session and the session's own summary say the same thing:
a first-time user read 'Questions back: last 19 %' in Progress and 'Questions back 100 %' in the
summary of that very session (Progress averaged every answer; the summary, for a criterion that
is a bonus outside the closing question, counts the best answer)."""

from __future__ import annotations

import pytest

from mockint.core.bank import loader
from mockint.core.history.store import Store
from mockint.core.report import progress
from mockint.core.scoring.feedback import session_summary

ANSWERS = {
    "en": [("sales-experience", "Last year I sold software to retailers and closed a 40,000 euro deal, 120% of my "
                                "quota. What does the team look like here?"),
           ("why-sales", "I like talking to people and I chose sales because I like targets and winning deals."),
           ("handle-objection", "A client said we were too expensive. I asked what the delays cost them and we "
                                "closed a pilot in five stores."),
           ("questions-for-us", "What does success look like in the first 90 days? How is the territory split?")],
    "ro": [("sales-experience", "Anul trecut am vândut software unor retaileri și am închis un contract de 40.000 de "
                                "euro, 120% din target. Cum arată echipa?"),
           ("why-sales", "Îmi place să vorbesc cu oamenii și am ales vânzările pentru că îmi plac țintele."),
           ("handle-objection", "Un client a spus că suntem prea scumpi. L-am întrebat cât îl costă întârzierile "
                                "și am închis un pilot în cinci magazine."),
           ("questions-for-us", "Cum arată succesul în primele 90 de zile? Cum este împărțit teritoriul?")],
}


@pytest.mark.parametrize("lang", ["en", "ro"])
def test_each_criterion_s_progress_point_is_the_figure_its_session_summary_showed(lang, tmp_path):
    bank, scorer = loader.bank(lang), loader.scorer(lang)
    results = [scorer.score(text, bank.get(qid)) for qid, text in ANSWERS[lang]]
    shown = {c["id"]: c["score"] for c in session_summary(lang, results).criteria}
    assert shown["questions_back"] == 1.0           # asked in the first answer and at the close
    with Store.open(tmp_path / "history.db") as store:
        sid = store.start_session(lang, {}, {}, [qid for qid, _ in ANSWERS[lang]])
        for i, ((qid, text), r) in enumerate(zip(ANSWERS[lang], results)):
            store.save_answer(sid, i, qid, bank.get(qid).text, text, None, r.to_dict(), 1)
        store.finish_session(sid, {})
        trend = progress.criterion_trend(store, lang)
    assert set(trend) == set(shown)
    for cid, points in trend.items():
        assert points[-1][1] == pytest.approx(shown[cid], abs=1e-3), cid


def test_a_session_tailored_to_a_posting_shows_its_share_of_the_posting_in_progress(tmp_path):
    """The summary's job fit is the share of the posting's terms the answers covered (not the mean of
    the answers' own job fit, each 100 % with two specific terms): Progress shows that figure too."""
    from pathlib import Path

    from mockint.core.interview import Interview
    from mockint.core.jobspec import context_and_questions

    posting = (Path(__file__).parents[1] / "data" / "jobspec" / "ae_saas.en.md").read_text(encoding="utf-8")
    job, questions = context_and_questions("en", posting, None)
    scorer = loader.scorer("en")
    iv = Interview(questions, scorer, scorer.bank, "en", job=job)
    while not iv.is_over:
        iv.submit("At my last job I sold SaaS to fintech companies. I kept the pipeline in Salesforce and beat "
                  "my quota of $800k by 20% through cold calling and careful negotiation with the buyers.")
    shown = {c["id"]: c["score"] for c in iv.summary().session.criteria}
    assert shown["job_fit"] < 0.5 and all(r.criterion("job_fit").score == 1.0 for r in iv.results)
    with Store.open(tmp_path / "history.db") as store:
        sid = store.start_session("en", {}, {}, [q.id for q in questions])
        for i, t in enumerate(iv.turns):
            store.save_answer(sid, i, t.question.id, t.question.text, t.answer, None, t.result.to_dict(), 1)
        store.finish_session(sid, {})
        trend = progress.criterion_trend(store, "en")
    assert set(trend) == set(shown)
    for cid, points in trend.items():
        assert points[-1][1] == pytest.approx(shown[cid], abs=1e-3), cid
