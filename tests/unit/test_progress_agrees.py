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
