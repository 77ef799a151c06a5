"""What a check's outcome is worth: a penalty's hits (too few read as none; by density in a long
answer), a check's points and whether it passed, and a criterion's score from its checks. The
scorer (:mod:`mockint.core.scoring.engine`) adds them up; :mod:`~mockint.core.scoring.wording`
says them."""

from __future__ import annotations

from bisect import bisect_left
from collections.abc import Sequence

from mockint.core.questions.bank import Question
from mockint.core.scoring.checks import Outcome, Span
from mockint.core.scoring.model import CheckSpec, Criterion
from mockint.core.scoring.text import Analysed


def floor(spec: CheckSpec, o: Outcome) -> Outcome:
    """A penalty's outcome with fewer hits than ``min_hits`` read as none."""
    if spec.min_hits > 1 and spec.effect == "penalty" and 0 < o.count < spec.min_hits:
        return Outcome(1.0, 0, [], o.vars)
    return o


def taken(spec: CheckSpec, count: int, words: int) -> float:
    """What a penalty takes: ``per_hit`` a hit, up to ``max_penalty``; with ``per_words``, an
    answer longer than that many words pays by density (two hedges in 300 words weigh less than
    two in 30)."""
    n = count * spec.per_words / words if spec.per_words and words > spec.per_words else count
    return min(spec.max, spec.per_hit * n)


def criterion_score(outcomes: list[tuple[CheckSpec, str, Outcome]], words: int) -> tuple[float, float]:
    """A criterion's score (0 to 1) from its checks' outcomes: the rewards' weighted mean (1 with
    none), plus bonuses, minus penalties, times the gates; and the rewards' total weight."""
    rewards = [(s, o) for s, _, o in outcomes if s.effect == "reward"]
    rw = sum(s.weight for s, _ in rewards)
    base = sum(s.weight * o.value for s, o in rewards) / rw if rw else 1.0
    bonus = sum(s.weight * o.value for s, _, o in outcomes if s.effect == "bonus")
    penalty = sum(taken(s, o.count, words) for s, _, o in outcomes if s.effect == "penalty")
    gate = 1.0
    for s, _, o in outcomes:
        if s.effect == "gate":
            gate *= max(0.0, min(1.0, o.value))
    return max(0.0, min(1.0, base + bonus - penalty)) * gate, rw


def check_points(spec: CheckSpec, o: Outcome, rw: float, words: int) -> tuple[float, bool]:
    """A check's points and whether it passed: a reward's share of the criterion (``rw``: the
    rewards' total weight), a bonus's points, what a penalty takes (negative), a gate's factor."""
    effect = spec.effect
    if effect == "reward":
        return (spec.weight * o.value / rw if rw else 0.0), o.value >= 0.999
    if effect == "bonus":
        return spec.weight * o.value, o.value >= 0.999
    if effect == "penalty":
        return -taken(spec, o.count, words), o.count == 0
    return o.value, o.value >= 0.999


def blend(score: float, shares: list) -> float:
    """The score (0 to 100) with criteria that each take a fixed share of it (their ``weight``, a
    fraction: a job posting's ``job_fit`` at 0.15 leaves the rubric's criteria 85 %)."""
    rest = 1.0 - sum(c.weight for c in shares)
    return rest * score + sum(c.weight * c.score * 100 for c in shares)


def weight_for(crit: Criterion, question: Question) -> float:
    """The criterion's weight for this question: the question's own override (``criteria:`` in
    the bank; 0 = off) when it has one, else the rubric's weight for the question's kind."""
    own = question.criteria.get(crit.id) if question.criteria else None
    return float(own) if own is not None else crit.weight_for(question.kind)


def own_checks(crit_id: str, question: Question) -> tuple[tuple[str, float], ...]:
    """The question's own weights for the criterion's checks (``criteria: {preparation.jargon: off}``)."""
    if not question.criteria:
        return ()
    return tuple(sorted((k, w) for k, w in question.criteria.items() if k.startswith(crit_id + ".")))


def hit_share(a: Analysed, spans: Sequence[Span]) -> float:
    """The share of the answer's words inside ``spans`` (a check's hits): 1 for an answer of no words."""
    if not a.words:
        return 1.0
    starts = a.token_starts
    inside = sum(bisect_left(starts, sp.end) - bisect_left(starts, sp.start) for sp in spans)
    return min(1.0, inside / len(a.words))


def cap_applies(spec: CheckSpec, o: Outcome, a: Analysed) -> bool:
    """Does the check's ``cap`` hold: a gate's value below ``below``; a penalty's hits at least
    ``at_least``, their words at least ``share`` of the answer's."""
    cap = spec.cap
    if cap is None:
        return False
    if spec.effect == "gate":
        return o.value < cap.below
    if spec.kind == "repetition":           # its hits are the sentences said again: of what was typed
        a = a.cache.get("full", a)
    return o.count >= cap.at_least and hit_share(a, o.spans) >= cap.share
