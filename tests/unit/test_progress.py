"""Progress: criterion trends, what changed between attempts, spaced-repetition picking."""

from __future__ import annotations

import re

import pytest

from mockint.core.bank import loader
from mockint.core.history.store import Store
from mockint.core.report import progress

OLD = ("I think maybe I like sales, I guess. I am a great communicator. I worked in a shop and I sold "
       "phones to customers.")
NEW = ("I like sales. I worked in a shop in 2021 and I sold 300 phones to customers in six months. "
       "What training do you offer new account executives?")
STRONG = ("At my last company I sold logistics software to retailers. In 2022 a chain of 40 stores was "
          "about to sign with a competitor, and my goal was to keep the deal. First I asked their director "
          "what mattered, and I found out that late deliveries hurt them more than price. Then I ran a "
          "two-week pilot in three stores. As a result their late deliveries dropped by 18 percent and "
          "they signed a two-year contract worth $240,000. I finished the year at 112% of quota.")


def result(text: str, qid: str = "why-sales", lang: str = "en") -> dict:
    q = loader.bank(lang).get(qid)
    return loader.scorer(lang).score(text, q).to_dict()


@pytest.fixture
def store():
    with Store.open() as s:
        yield s


def fake(score: int, criteria: dict[str, float] | None = None, qid: str = "why-sales") -> dict:
    crits = [{"id": c, "score": v, "passed": v >= 0.6} for c, v in (criteria or {"confidence": score / 100}).items()]
    return {"question_id": qid, "lang": "en", "score": score, "criteria": crits, "rubric_version": 1}


def session(store: Store, answers: list[tuple[str, int]], lang: str = "en",
            criteria: dict[str, float] | None = None) -> str:
    """A finished session with the given (question id, score) answers (fake score objects)."""
    sid = store.start_session(lang, {}, {}, [q for q, _ in answers])
    for i, (qid, score) in enumerate(answers):
        store.save_answer(sid, i, qid, qid, "text", None, fake(score, criteria, qid), 1)
    store.finish_session(sid, {})
    return sid


# -- what changed between two attempts ----------------------------------------------------------

def test_attempt_changes_rule_by_rule_with_the_rubric_labels():
    changes = progress.attempt_changes(result(OLD), result(NEW))
    assert "+ 2 more: a figure that measures something" in changes
    assert "+ 2 fewer: a hedge" in changes
    assert "+ a question about the role" in changes
    assert "+ Questions back now passes" in changes
    assert "+ one more: a specific situation" in changes
    # the labels come from the rubric, not from Python
    labels = {k.label for c in loader.rubric("en").criteria for k in c.checks}
    for line in changes:
        body = re.sub(r"^(?:\d+ more|\d+ fewer|one more|one fewer|no longer): ", "", line[2:])
        assert body in labels or body.endswith("now passes") or body.endswith("no longer passes") \
            or body.startswith("talking point: "), line


def test_attempt_changes_backwards_flips_every_sign():
    fwd = progress.attempt_changes(result(OLD), result(NEW))
    back = progress.attempt_changes(result(NEW), result(OLD))
    flip = {"+": "−", "−": "+"}
    assert len(fwd) == len(back)
    for a, b in zip(fwd, back):
        assert flip[a[0]] == b[0]
    assert "− Questions back no longer passes" in back and "− 2 more: a hedge" in back


def test_change_items_say_which_way_is_better():
    items = dict(progress.change_items(result(OLD), result(NEW)))
    assert items["+ 2 fewer: a hedge"] is True                # fewer hedges: good news
    assert items["+ 2 more: a figure that measures something"] is True
    back = dict(progress.change_items(result(NEW), result(OLD)))
    assert back["− 2 more: a hedge"] is False


def test_attempt_changes_talking_points_and_pass_flip():
    weak = result("I sold things.", "sales-experience")
    strong = result(STRONG, "sales-experience")
    changes = progress.attempt_changes(weak, strong)
    assert "+ Real examples now passes" in changes
    assert "+ talking point: Back it up with numbers: quota, revenue, deal sizes" in changes
    assert progress.attempt_changes(strong, strong) == []


def test_attempt_changes_in_romanian():
    old = result("Cred că poate îmi place vânzarea. Am lucrat într-un magazin.", lang="ro")
    new = result("Am lucrat într-un magazin de electronice în 2021. Am vândut 300 de telefoane în "
                 "șase luni, cu 20% peste target. Apoi am format trei colegi noi în vânzări. "
                 "Ce training oferiți?", lang="ro")
    changes = progress.attempt_changes(old, new)
    assert "+ 4 apariții în plus: o cifră care măsoară ceva" in changes
    assert "+ o apariție în minus: o ezitare" in changes
    assert any(c.endswith(": trece acum") for c in changes)


def test_attempt_changes_skip_criteria_of_only_one_attempt():
    q = loader.bank("en").get("why-sales")
    timed = loader.scorer("en").score(NEW, q, 30.0).to_dict()
    untimed = loader.scorer("en").score(NEW, q).to_dict()
    assert progress.attempt_changes(untimed, timed) == []


def test_attempt_history(store):
    s1 = store.start_session("en", {}, {}, ["why-sales"])
    store.save_answer(s1, 0, "why-sales", "Why?", OLD, None, result(OLD), 1)
    s2 = store.start_session("en", {}, {}, ["why-sales"])
    store.save_answer(s2, 0, "why-sales", "Why?", NEW, None, result(NEW), 1)
    hist = progress.attempt_history(store, "why-sales", "en")
    assert [h["session_id"] for h in hist] == [s1, s2]
    assert hist[0]["changes"] == [] and "+ 2 fewer: a hedge" in hist[1]["changes"]
    assert hist[1]["score"] > hist[0]["score"]


# -- trends -------------------------------------------------------------------------------------

def test_criterion_trend_one_point_per_session_in_rubric_order(store):
    assert progress.criterion_trend(store) == {}
    s1 = session(store, [("why-sales", 40), ("sales-experience", 60)],
                 criteria={"confidence": 0.2, "real_examples": 0.5})
    session(store, [("why-sales", 80)], criteria={"confidence": 0.9, "real_examples": 0.75})
    session(store, [("why-sales", 80)], lang="ro", criteria={"confidence": 0.1})
    trend = progress.criterion_trend(store, "en")
    assert list(trend) == ["real_examples", "confidence"]              # the rubric's order
    started = store.session(s1).started_at
    assert trend["confidence"][0] == (started, 0.2) and [v for _, v in trend["confidence"]] == [0.2, 0.9]
    assert [v for _, v in trend["real_examples"]] == [0.5, 0.75]
    assert [v for _, v in progress.criterion_trend(store)["confidence"]] == [0.2, 0.9, 0.1]


def test_trend_uses_the_results_shown_not_rescores(store):
    sid = store.start_session("en", {}, {}, ["why-sales"])
    store.save_answer(sid, 0, "why-sales", "Why?", OLD, None, result(OLD), 1)
    before = progress.criterion_trend(store)

    class Better:
        bank = loader.bank("en")

        def score(self, answer, question, elapsed=None):
            r = loader.scorer("en").score(NEW, question, elapsed)
            r.rubric_version = 2
            return r

    assert store.rescore(sid, lambda lang: Better()) == 1
    assert progress.criterion_trend(store) == before


def test_weak_criteria_over_recent_sessions(store):
    session(store, [("why-sales", 10)], criteria={"confidence": 0.0, "real_examples": 0.9})
    for _ in range(2):
        session(store, [("why-sales", 70)], criteria={"confidence": 0.8, "real_examples": 0.4})
    assert progress.weak_criteria(store, "en", last=2) == [("real_examples", 0.4), ("confidence", 0.8)]
    assert progress.weak_criteria(store, "en", last=3) == [("confidence", 0.533), ("real_examples", 0.567)]
    assert progress.weak_criteria(store, "en", last=0) == []


# -- what to practise: spaced repetition --------------------------------------------------------

class Bank:
    def __init__(self, ids, lang="en"):
        self.lang = lang
        self.questions = [type("Q", (), {"id": i})() for i in ids]


def test_good_score_threshold_is_the_interviews_retry_bar():
    from mockint.core.interview import RETRY_BELOW

    assert progress.GOOD_SCORE == RETRY_BELOW


def test_without_history_the_bank_order_fills_the_pick(store):
    bank = loader.bank("en")
    assert progress.pick_weak(store, bank, 3) == bank.ids()[:3]
    assert progress.pick_weak(store, bank, 0) == []
    assert progress.pick_weak(store, bank, 1000) == bank.ids()


def test_due_and_weakest_first_then_new_then_not_yet_due(store):
    bank = Bank(["a", "b", "c", "d", "e"])
    session(store, [("a", 90), ("b", 30), ("c", 50)])
    # after one session: b (30) and c (50) are due (interval 1), a (90) waits (interval 2)
    assert progress.pick_weak(store, bank, 5) == ["b", "c", "d", "e", "a"]
    sched = {i["question_id"]: i for i in progress.question_schedule(store, bank)}
    assert sched["a"]["state"] == "later" and sched["a"]["interval"] == 2 and sched["a"]["due_in"] == 1
    assert sched["b"]["state"] == "due" and sched["d"]["state"] == "new"
    session(store, [("d", 95)])
    # a is due now (2 sessions since), weakest-first among the due: b, c, a
    assert progress.pick_weak(store, bank, 5) == ["b", "c", "a", "e", "d"]


def test_good_answers_come_back_less_and_less_often(store):
    bank = Bank(["q", "filler"])
    answered = []
    for n in range(15):
        item = next(i for i in progress.question_schedule(store, bank) if i["question_id"] == "q")
        if item["state"] in ("new", "due"):
            answered.append(n)
            session(store, [("q", 90)])
        else:
            session(store, [("filler", 50)])
    assert answered == [0, 2, 6, 14]                  # intervals 2, 4, 8 sessions: doubling


def test_a_weak_answer_resets_the_interval(store):
    bank = Bank(["q"])
    for score in (90, 90, 90):
        session(store, [("q", score)])
    assert progress.question_schedule(store, bank)[0]["interval"] == 8
    session(store, [("q", 40)])
    item = progress.question_schedule(store, bank)[0]
    assert item["interval"] == 1 and item["state"] == "due" and item["last_score"] == 40


def test_pick_is_deterministic_and_per_language(store):
    bank = loader.bank("en")
    session(store, [("why-sales", 20), ("sales-experience", 85)])
    session(store, [("mistake-learned", 10)], lang="ro")
    first = progress.pick_weak(store, bank, 6)
    assert first == progress.pick_weak(store, bank, 6)
    assert first[0] == "why-sales" and "mistake-learned" in first[1:]     # ro attempts do not count for en
    assert progress.pick_weak(store, loader.bank("ro"), 1) == ["mistake-learned"]
