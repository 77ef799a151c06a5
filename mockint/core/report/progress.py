"""Progress over the history: a trend per criterion, what changed between two attempts at the
same question (rule by rule), and which questions to practise next (spaced repetition).

Pure: reads a :class:`~mockint.core.history.store.Store`, never imports Textual. The wording of the
changes comes from the rubric's own check labels ("a hedge", "a number, amount, date or
duration") and the bank's talking-point summaries; the frame ("{n} more: {label}") is the
string catalogue's ``change.*`` (:mod:`mockint.core.data.strings`), the sign is added here.
"""

from __future__ import annotations

from typing import Any

from mockint.core.data.marks import PASS_MARK
from mockint.core.data.strings import tr
from mockint.core.history.store import Store

# An answer scoring this much is "good": its question comes back after twice the interval.
# The same bar as interview.RETRY_BELOW (questions under it are offered for another try).
GOOD_SCORE = PASS_MARK

# Check kinds whose ``count`` is a number of hits in the answer (compared as "+ 2 × a hedge");
# other kinds (a word count, a share, a time) are compared by whether they were met.
COUNTED_KINDS = ("phrases", "pattern", "question", "claims")
POINTS_KIND = "talking_points"

def _w(lang: str, key: str, **kw: Any) -> str:
    """A change in words (the sign says whether it is good news; the words say what changed)."""
    return tr(lang, f"change.{key}", **kw)


def _signed(text: str, better: bool) -> tuple[str, bool]:
    return (("+ " if better else "− ") + text, better)


# -- trends ----------------------------------------------------------------------------------

def _criterion_order(lang: str | None) -> list[str]:
    try:
        from mockint.core.bank import loader

        return [c.id for c in loader.rubric(lang or "en").criteria]
    except Exception:  # pragma: no cover - the built-in rubric always loads
        return []


def bonus_criteria(lang: str | None) -> frozenset[str]:
    """The criteria that are a bonus on some questions (questions back, outside the closing one):
    a session's summary counts their best answer, not the mean (``feedback.session_summary``)."""
    try:
        from mockint.core.bank import loader

        return frozenset(c.id for c in loader.rubric(lang or "en").criteria
                         if "bonus" in {c.mode, *(v.get("mode") for v in c.by_kind.values())})
    except Exception:  # pragma: no cover - the built-in rubric always loads
        return frozenset()


def criterion_trend(store: Store, lang: str | None = None) -> dict[str, list[tuple[str, float]]]:
    """``{criterion_id: [(started_at, score 0..1), ...]}``, one point per answered session, the
    figure that session's summary showed: the mean of that criterion over the session's answers,
    or for a criterion that is a bonus on some questions its best answer (Progress said 'last 19 %'
    for Questions back beside a summary's 100 %), and for a job posting's ``job_fit`` the share of
    its terms the session covered (:func:`_posting_shares`); oldest first; criteria in rubric order."""
    out: dict[str, list[tuple[str, float]]] = {}
    rows = store.criterion_averages(lang, best=bonus_criteria(lang))
    shares = _posting_shares(store, [sid for sid, _, crit, _ in rows if crit == "job_fit"])
    for sid, started, crit, avg in rows:
        out.setdefault(crit, []).append((started, round(shares.get(sid, avg) if crit == "job_fit" else avg, 3)))
    order = _criterion_order(lang)
    rank = {c: i for i, c in enumerate(order)}
    return {c: out[c] for c in sorted(out, key=lambda c: (rank.get(c, len(rank)), c))}


def _posting_shares(store: Store, sids: list[str]) -> dict[str, float]:
    """Session id -> the share of its job posting's terms its answers covered, the ``job_fit``
    figure its summary showed (``jobspec.posting_covered``), read from its stored results."""
    if not sids:
        return {}
    from mockint.core.history.store import result_from_dict
    from mockint.core.jobspec import posting_covered  # deferred: only for sessions tailored to a posting

    out = {}
    for sid in sids:
        rec = store.session(sid)
        share = posting_covered([result_from_dict(a.result, a) for a in rec.answers if a.results])
        if share is not None:
            out[sid] = share
    return out


def weak_criteria(store: Store, lang: str | None = None, last: int = 5) -> list[tuple[str, float]]:
    """The criteria by their mean over the last ``last`` answered sessions, weakest first."""
    rows = store.criterion_averages(lang)
    recent = list(dict.fromkeys(sid for sid, _, _, _ in rows))[-last:] if last > 0 else []
    keep = set(recent)
    acc: dict[str, list[float]] = {}
    for sid, _, crit, avg in rows:
        if sid in keep:
            acc.setdefault(crit, []).append(avg)
    means = [(c, round(sum(v) / len(v), 3)) for c, v in acc.items()]
    return sorted(means, key=lambda x: (x[1], x[0]))


# -- what changed between two attempts -------------------------------------------------------

def _labels(lang: str) -> tuple[dict[str, str], dict[str, str]]:
    """Rule id -> check label, criterion id -> name, from today's rubric (empty if unavailable)."""
    try:
        from mockint.core.bank import loader

        rub = loader.rubric(lang)
    except Exception:
        return {}, {}
    rules = {f"{c.id}.{k.id}": k.label for c in rub.criteria for k in c.checks}
    names = {"job_fit": tr(lang, "job_fit"), "tone": tr(lang, "tone")}    # added by a job posting
    return rules, {**names, **{c.id: c.name for c in rub.criteria}}


def _points(question_id: str | None, lang: str) -> dict[str, str]:
    """Talking point id -> summary for a bank question."""
    if not question_id:
        return {}
    try:
        from mockint.core.bank import loader

        q = loader.bank(lang).get(question_id)
    except Exception:
        return {}
    return {p.id: p.summary for p in q.talking_points}


def attempt_changes(old_result: dict[str, Any], new_result: dict[str, Any], lang: str | None = None) -> list[str]:
    """What changed from one attempt to the next, rule by rule, e.g. ``["+ Real examples now
    passes", "+ 2 more: a number, amount, date or duration", "+ 2 fewer: a hedge", "+ a question
    about the role", "− no longer: a specific situation"]``. The sign says whether the change is
    good news (+) or bad (−); the words say what changed. Criteria present in only one attempt are
    skipped."""
    return [text for text, _ in change_items(old_result, new_result, lang)]


def change_items(old_result: dict[str, Any], new_result: dict[str, Any],
                 lang: str | None = None) -> list[tuple[str, bool]]:
    """As :func:`attempt_changes`, each line with whether it is an improvement (``True`` for
    "− 2 × a hedge" and "+ a specific situation", ``False`` for "+ a hedge")."""
    lang = lang or new_result.get("lang") or old_result.get("lang") or "en"
    rule_labels, names = _labels(lang)
    points = _points(new_result.get("question_id") or old_result.get("question_id"), lang)
    old_crits = {c["id"]: c for c in old_result.get("criteria", [])}
    lines: list[tuple[str, bool]] = []
    for new_c in new_result.get("criteria", []):
        cid = new_c["id"]
        old_c = old_crits.get(cid)
        if old_c is None:
            continue
        name = names.get(cid) or new_c.get("name") or cid
        if bool(new_c.get("passed")) != bool(old_c.get("passed")):
            up = bool(new_c.get("passed"))
            lines.append(_signed(_w(lang, "passes" if up else "fails", criterion=name), up))
        old_checks = {k["id"]: k for k in old_c.get("checks", [])}
        for k in new_c.get("checks", []):
            ok = old_checks.get(k["id"])
            if ok is None:
                continue
            rule = f"{cid}.{k['id']}"
            label = rule_labels.get(rule) or k.get("label") or rule
            kind = k.get("kind", "")
            if kind == POINTS_KIND:
                lines += _point_changes(old_c, new_c, cid, points, lang)
            elif kind in COUNTED_KINDS:
                before, after = int(ok.get("count", 0)), int(k.get("count", 0))
                d = after - before
                if d:
                    key = ("more" if d > 0 else "fewer") + ("_n" if abs(d) > 1 else "")
                    penalty = k.get("effect") == "penalty"
                    if not penalty and {before, after} == {0, 1}:     # found now, or no longer
                        key = "met" if after else "unmet"
                    better = (d < 0) if penalty else (d > 0)
                    lines.append(_signed(_w(lang, key, n=abs(d), label=label), better))
            elif bool(k.get("passed")) != bool(ok.get("passed")):
                up = bool(k.get("passed"))
                lines.append(_signed(_w(lang, "met" if up else "unmet", label=label), up))
    return lines


def _point_changes(old_c: dict, new_c: dict, cid: str, points: dict[str, str],
                   lang: str) -> list[tuple[str, bool]]:
    def covered(c: dict) -> list[str]:
        return list(dict.fromkeys(e["rule"][len(cid) + 1:] for e in c.get("evidence", [])
                                  if e.get("rule", "").startswith(cid + ".")))

    before, after = covered(old_c), covered(new_c)
    out = [_signed(_w(lang, "point", label=points.get(p, p)), True) for p in after if p not in before]
    out += [_signed(_w(lang, "point_lost", label=points.get(p, p)), False) for p in before if p not in after]
    return out


def attempt_history(store: Store, question_id: str, lang: str) -> list[dict[str, Any]]:
    """Every attempt at a question, oldest first: session, date, score, and the changes from
    the attempt before (empty for the first)."""
    out: list[dict[str, Any]] = []
    prev: dict[str, Any] | None = None
    for a in store.answers_for_question(question_id, lang):
        res = a.result
        out.append({"session_id": a.session_id, "started_at": a.session_started_at, "index": a.index,
                    "score": res["score"], "changes": attempt_changes(prev, res, lang) if prev else []})
        prev = res
    return out


# -- what to practise next -------------------------------------------------------------------

def question_schedule(store: Store, bank) -> list[dict[str, Any]]:
    """Every bank question with its spaced-repetition state, in the order :func:`pick_weak`
    proposes them. Time is counted in practice sessions (answered sessions of the bank's
    language): each answered question has an interval, 1 after a weak answer, doubled after a
    good one (score >= GOOD_SCORE); it is due when that many sessions have passed since its last
    attempt. Order: due questions, weakest last score first (then the most overdue, then bank
    order); then never-answered questions in bank order; then the others, soonest due first."""
    sessions, rows = store.attempts(bank.lang)
    ordinal = {sid: i for i, sid in enumerate(sessions)}
    now = len(sessions)
    hist: dict[str, list[int]] = {}
    last_at: dict[str, int] = {}
    for qid, sid, score in rows:
        hist.setdefault(qid, []).append(score)
        last_at[qid] = ordinal[sid]
    due, fresh, later = [], [], []
    for pos, q in enumerate(bank.questions):
        scores = hist.get(q.id)
        if not scores:
            fresh.append({"question_id": q.id, "state": "new", "attempts": 0, "last_score": None,
                          "interval": 0, "due_in": 0})
            continue
        interval = 1
        for s in scores:
            interval = interval * 2 if s >= GOOD_SCORE else 1
        since = now - last_at[q.id]
        item = {"question_id": q.id, "attempts": len(scores), "last_score": scores[-1],
                "interval": interval, "due_in": max(0, interval - since)}
        if since >= interval:
            due.append(((scores[-1], -(since - interval), pos), dict(item, state="due")))
        else:
            later.append(((interval - since, scores[-1], pos), dict(item, state="later")))
    return ([i for _, i in sorted(due, key=lambda x: x[0])] + fresh
            + [i for _, i in sorted(later, key=lambda x: x[0])])


def pick_weak(store: Store, bank, n: int) -> list[str]:
    """``n`` question ids to practise, spaced-repetition style (see :func:`question_schedule`):
    due and weakest first, never-answered questions fill the rest; deterministic."""
    return [item["question_id"] for item in question_schedule(store, bank)][:max(0, n)]


# -- questions answered more than once --------------------------------------------------------

def repeated_questions(store: Store, lang: str, limit: int | None = 20) -> list[dict[str, Any]]:
    """The questions answered at least twice in sessions of ``lang``, latest attempt first: the
    question, the last two scores and :func:`change_items` between those two attempts."""
    out: list[dict[str, Any]] = []
    for answers in store.repeated_answers(lang, 2, limit):
        if len(answers) < 2:
            continue
        old, new = answers[-2], answers[-1]
        out.append({"question_id": new.question_id, "question_text": new.question_text,
                    "scores": [int(old.result["score"]), int(new.result["score"])],
                    "started_at": new.session_started_at,
                    "changes": change_items(old.result, new.result, lang)})
    return out
