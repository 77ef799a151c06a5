"""The scorer: runs a rubric's checks on an answer and explains every point (rule id, evidence span
as typed, guide facts; nothing is scored that cannot be shown). Here: ``Result`` and its parts (with
``to_dict``/``from_dict``) and the ``Scorer``. Around it: ``wording`` (which message a check says),
``lexicon`` (the words the scorer knows), ``repeats`` (what the answer says again)."""

from __future__ import annotations

from collections.abc import Callable, Sequence
from dataclasses import dataclass, field, replace
from typing import Any, Protocol

from mockint.core.questions.bank import Bank, Question, TalkingPoint
from mockint.core.scoring.checks import KIND_CLASSES, Check, Ctx, Outcome, PatternCheck, PatternIndex
from mockint.core.scoring.coach_rules import split_only
from mockint.core.scoring.discredit import discredited
from mockint.core.scoring.lexicon import build_lexicon
from mockint.core.scoring.matching import group_phrase_sets
from mockint.core.scoring.model import Cap, CheckSpec, Criterion, Rubric
from mockint.core.scoring.points import blend, cap_applies, check_points, criterion_score, floor, own_checks, weight_for
from mockint.core.scoring.repeats import without_repeats
from mockint.core.scoring.text import Analysed, analyse
from mockint.core.scoring.wording import Flag, distinct, fmt, merged, quote, template_for, template_values

MAX_ANSWER_CHARS = 200_000


@dataclass(slots=True)
class Evidence:
    start: int
    end: int
    text: str
    rule: str
    effect: str = "reward"   # reward | bonus | penalty | gate: what the span did
    note: str = ""

    def to_dict(self) -> dict[str, Any]:
        return {"start": self.start, "end": self.end, "text": self.text, "rule": self.rule}


@dataclass(slots=True)
class CheckResult:
    id: str
    rule: str
    kind: str
    effect: str
    label: str
    value: float
    count: int
    points: float            # reward/bonus: share of the criterion added; penalty: taken; gate: factor
    passed: bool
    message: str
    evidence: list[Evidence]

    def to_dict(self) -> dict[str, Any]:
        return {"id": self.id, "kind": self.kind, "effect": self.effect, "label": self.label,
                "value": round(self.value, 3), "count": self.count, "points": round(self.points, 3),
                "passed": self.passed, "message": self.message}


@dataclass
class CriterionResult:
    id: str
    name: str
    score: float
    passed: bool
    weight: float
    mode: str
    guide: list[str]
    evidence: list[Evidence]
    feedback: str
    follow_up: str | None
    checks: list[CheckResult]
    threshold: float
    advice: list[str] = field(default_factory=list)   # the feedback, sentence group by group

    def to_dict(self) -> dict[str, Any]:
        return {"id": self.id, "score": round(self.score, 3), "passed": self.passed,
                "weight": self.weight, "guide": self.guide,
                "evidence": [e.to_dict() for e in self.evidence], "feedback": self.feedback,
                "name": self.name, "mode": self.mode, "threshold": self.threshold,
                "follow_up": self.follow_up, "checks": [c.to_dict() for c in self.checks]}


@dataclass
class CapResult:
    rule: str
    max: int
    reason: str

    def to_dict(self) -> dict[str, Any]:
        return {"rule": self.rule, "max": self.max, "reason": self.reason}


class ExtraCriteria(Protocol):
    """Criteria from outside the rubric, scored with the answer (:meth:`Scorer.score`'s ``extra``):
    their results, each with its share of the score as its weight."""

    def results(self, a: Analysed, question: Question) -> list[CriterionResult]: ...


@dataclass
class Result:
    question: Question
    lang: str
    answer: str
    score: int
    criteria: list[CriterionResult]
    caps: list[CapResult] = field(default_factory=list)
    elapsed: float | None = None
    rubric_version: int = 1
    words: int = 0

    def criterion(self, cid: str) -> CriterionResult | None:
        return next((c for c in self.criteria if c.id == cid), None)

    def evidence(self) -> list[Evidence]:
        out = [e for c in self.criteria for e in c.evidence]
        return sorted(out, key=lambda e: (e.start, e.end, e.rule))

    def to_dict(self) -> dict[str, Any]:
        return {"question_id": self.question.id or None, "lang": self.lang, "score": self.score,
                "criteria": [c.to_dict() for c in self.criteria],
                "question_text": self.question.text, "words": self.words,
                "elapsed": self.elapsed, "caps": [c.to_dict() for c in self.caps],
                "rubric_version": self.rubric_version,
                # what a key-points hit is labelled with, as the question said it then
                "points": {tp.id: tp.summary for tp in self.question.talking_points}}

    @classmethod
    def from_dict(cls, d: dict[str, Any], point_order: Callable[[str, str], list[str]] | None = None) -> Result:
        """The result ``to_dict`` wrote, rebuilt for the renderers: it shows exactly what was stored
        (nothing is re-scored). Fields not stored (the question's tags and length budget) are left
        empty. ``point_order(question_id, lang)``: the talking points' order, to group their
        evidence as the scorer does (the history passes the bank's)."""
        qid = d.get("question_id") or ""
        question = Question(id=qid, text=d.get("question_text") or "", topic="", kind="", difficulty="",
                            guide=[], min_words=0, max_words=0, seconds=0,
                            talking_points=[TalkingPoint(str(k), str(v), [], "")
                                            for k, v in (d.get("points") or {}).items()],
                            lang=d.get("lang") or "en", in_bank=bool(qid))
        crits = []
        for c in d.get("criteria", []):
            cid = c["id"]
            effects = {f"{cid}.{k['id']}": k.get("effect", "reward") for k in c.get("checks", [])}
            evidence = [Evidence(e["start"], e["end"], e["text"], e["rule"], effects.get(e["rule"], "reward"))
                        for e in c.get("evidence", [])]
            checks = [CheckResult(k["id"], f"{cid}.{k['id']}", k.get("kind", ""), k.get("effect", "reward"),
                                  k.get("label", ""), k.get("value", 0.0), k.get("count", 0), k.get("points", 0.0),
                                  k.get("passed", False), k.get("message", ""), [])
                      for k in c.get("checks", [])]
            by_rule = {k.rule: k for k in checks}
            points = next((k for k in checks if k.kind == "talking_points"), None)
            for e in evidence:       # key_points.<talking point> spans belong to the talking-points check
                owner = by_rule.get(e.rule) or points
                if owner is not None:
                    owner.evidence.append(e)
                    if e.rule not in effects:
                        e.effect = owner.effect
            if points is not None and points.evidence:   # grouped in the bank's order, as the scorer does
                order = point_order(qid, d.get("lang") or "en") if point_order else []
                rank = {f"{cid}.{p}": i for i, p in enumerate(order)}
                points.evidence.sort(key=lambda e: rank.get(e.rule, len(rank)))
            crit = CriterionResult(cid, c.get("name", cid), float(c["score"]), bool(c.get("passed")),
                                   float(c.get("weight", 1.0)), c.get("mode", "core"), list(c.get("guide", [])),
                                   evidence, c.get("feedback", ""), c.get("follow_up"), checks,
                                   float(c.get("threshold", 0.6)))
            if isinstance(c.get("advice"), list) and hasattr(crit, "advice"):
                crit.advice = [str(a) for a in c["advice"]]     # when the score object carries it
            crits.append(crit)
        caps = [CapResult(x.get("rule", ""), int(x.get("max", 100)), x.get("reason", "")) for x in d.get("caps", [])]
        return cls(question, d.get("lang") or "en", "", int(d["score"]), crits, caps, d.get("elapsed"),
                   int(d.get("rubric_version", 1)), int(d.get("words", 0)))


class Scorer:
    """Scores answers for one language: a rubric, optionally a bank (for talking points)."""

    def __init__(self, rubric: Rubric, bank: Bank | None = None):
        self.rubric, self.bank = rubric, bank
        self.lang = rubric.lang
        self.lexicon = build_lexicon(rubric, bank)
        from mockint.core.scoring import prefilter as plan
        plan.warm([rx.pattern for crit in rubric.criteria for spec in crit.checks
                   for rx in spec.options.get("patterns", []) if spec.kind == "pattern"])
        self.checks: dict[str, Check] = {}
        self.rules: dict[str, list[tuple[CheckSpec, str]]] = {}     # criterion -> (spec, rule id)
        self._by_kind: dict[tuple, list[tuple[CheckSpec, str]]] = {}
        for crit in rubric.criteria:
            for spec in crit.checks:
                rule = f"{crit.id}.{spec.id}"
                self.checks[rule] = KIND_CLASSES[spec.kind](spec, rule, rubric, self.lexicon)
                self.rules.setdefault(crit.id, []).append((spec, rule))
        self.discrediting = [(f"{crit.id}.{spec.id}", crit.id, frozenset(spec.discredits))
                             for crit in rubric.criteria for spec in crit.checks if spec.discredits]
        for chk in self.checks.values():
            if hasattr(chk, "bind"):
                chk.bind(self.checks)
        sets = [ps for chk in self.checks.values() for ps in chk.phrase_sets()]
        for ps in sets:
            ps.inflections = rubric.inflections
        group_phrase_sets(sets)       # one pass over the answer for all phrase checks
        PatternIndex([c for c in self.checks.values() if isinstance(c, PatternCheck)])   # one for all

    def criteria_for(self, question: Question, elapsed: float | None) -> list[Criterion]:
        out = []
        for c in self.rubric.criteria:
            if c.only_when == "timed" and elapsed is None:
                continue
            if c.only_when == "bank_question" and not (question.in_bank and question.talking_points):
                continue
            if weight_for(c, question) <= 0:
                continue
            out.append(c)
        return out

    def score(self, answer: str, question: Question, elapsed: float | None = None,
              only: tuple[str, ...] | None = None, extra: Sequence[ExtraCriteria] = ()) -> Result:
        """The answer's result. ``only``: just these criteria or checks ("confidence.hedges": the
        live coach's quick look; the score is then of those alone). ``extra``: criteria from outside the rubric (a job
        posting's ``job_fit`` and ``tone``), each worth a fixed share of the score (its weight)."""
        if len(answer) > MAX_ANSWER_CHARS:
            from mockint.core.data.errors import MockintError
            raise MockintError(f"the answer is {len(answer):,} characters; the most mockint scores is "
                               f"{MAX_ANSWER_CHARS:,} (about 30,000 words)")
        a = full = analyse(answer, self.lang)
        rep = self.rubric.repeats
        if rep is not None and len(a.words) > rep.min_words:
            a = without_repeats(a, rep)
        memo: dict[str, Outcome] = {}

        def run(rule: str) -> Outcome:
            if rule not in memo:
                memo[rule] = self.checks[rule].run(ctx)
            return memo[rule]

        ctx = Ctx(a, question, elapsed, run, self.bank)
        crits = self.criteria_for(question, elapsed)
        keep, subset = split_only(only) if only is not None else (None, {})
        crits = [c for c in crits if keep is None or c.id in keep]
        results, caps = [], []
        ctx_m = None
        runs: Callable[[str], Outcome] = run
        try:
            scored = {c.id for c in crits}      # only what discredits something scored here
            wanted = [d for d in self.discrediting if any(t.partition(".")[0] in scored for t in d[2])]
            if wanted:
                runs, ctx_m = discredited(wanted, self._rules_for, self.checks, self.bank, a, question, ctx, run)
            for crit in crits:
                cres, ccaps = self._criterion(crit, a, question, runs, subset.get(crit.id))
                results.append(cres)
                caps += ccaps
        finally:
            # ctx -> run -> ctx is a cycle: broken here, the answer's analysis and every outcome
            # are freed at once rather than left to the garbage collector (~9 % of the time)
            ctx.run = None
            if ctx_m is not None:
                ctx_m.run = None
        core = [(c, r) for c, r in zip(crits, results) if c.mode_for(question.kind) == "core"]
        wsum = sum(weight_for(c, question) for c, _ in core)
        base = sum(weight_for(c, question) * r.score for c, r in core) / wsum if wsum else 0.0
        bonus = sum(c.bonus_points * r.score for c, r in zip(crits, results)
                    if c.mode_for(question.kind) == "bonus")
        shares = [r for x in extra for r in x.results(full, question)]
        total = blend(min(100.0, base * 100.0 + bonus), shares)
        for cap in caps:
            total = min(total, float(cap.max))
        return Result(question, self.lang, answer, int(total + 0.5), results + shares, caps, elapsed,
                      self.rubric.version, len(full.words))

    def _rules_for(self, crit_id: str, q: Question) -> list[tuple[CheckSpec, str]]:
        """A criterion's checks as they apply to the question (by_kind, then its own ``criteria``; 0: left out)."""
        got = self._by_kind.get(key := (crit_id, q.kind, own := own_checks(crit_id, q)))
        if got is None:
            applied = ((spec.for_kind(q.kind), rule) for spec, rule in self.rules[crit_id])
            ws = dict(own)
            got = self._by_kind[key] = [(s, rule) for spec, rule in applied
                                        if (s := replace(spec, weight=ws[rule]) if rule in ws else spec).weight != 0]
        return got

    def _criterion(self, crit: Criterion, a: Analysed, q: Question, run,
                   rules: set[str] | None = None) -> tuple[CriterionResult, list[CapResult]]:
        outcomes = [(spec, rule, floor(spec, run(rule))) for spec, rule in self._rules_for(crit.id, q)
                    if rules is None or rule in rules]      # rules: only these (the live coach's quick look)
        score, rw = criterion_score(outcomes, len(a.words))
        said = _Said(a, q, rw)
        for spec, rule, o in outcomes:
            said.add(spec, rule, o)
        passed = score >= crit.threshold - 1e-9 and not (crit.capped_fails and said.caps)   # no ✓ beside its cap
        advice, follow_up = said.advice(crit, q.kind, passed)
        said.evidence.sort(key=lambda e: (e.start, e.end, e.rule))
        return CriterionResult(crit.id, crit.name, score, passed, weight_for(crit, q),
                               crit.mode_for(q.kind), list(crit.guide), said.evidence,
                               " ".join(advice), follow_up, said.checks, crit.threshold, advice), said.caps


class _Said:
    """What one criterion's checks say, check by check: their results and evidence, the caps, the
    messages of what took points and of what was missing, the talking point to follow up on.
    Penalties with one label (misleads, misleads_claim) are one flag: said once, their words together."""

    def __init__(self, a: Analysed, q: Question, rw: float):
        self.a, self.q, self.rw, self.words = a, q, rw, len(a.words)
        self.checks: list[CheckResult] = []
        self.evidence: list[Evidence] = []
        self.caps: list[CapResult] = []
        self.found: list[tuple[float, str]] = []        # (points taken, message)
        self.missing: list[tuple[float, str, str]] = []      # (-points lost, message, check id)
        self.stood_in: set[str] = set()       # checks whose missing tip another's finds make untrue
        self.follow_up: str | None = None
        self.flags: dict[str, Flag] = {}

    def add(self, spec: CheckSpec, rule: str, o: Outcome) -> None:
        effect, rw = spec.effect, self.rw
        ev = _evidence(self.a, o, effect)
        points, ok = check_points(spec, o, rw, self.words)
        message = self._message(spec, rule, o, ev, points, ok)
        if effect == "penalty" and o.count and message:
            self.found.append((points, message))
        elif effect not in ("penalty", "bonus") and not ok:
            lost = (spec.weight / rw if rw else 0) * (1 - o.value) if effect == "reward" else (1 - o.value)
            self.missing.append((-lost, message, spec.id))
        if spec.stands_for and o.count:
            self.stood_in.add(spec.stands_for)
        if spec.kind == "talking_points" and o.vars.get("missing_points"):
            self.follow_up = o.vars["missing_points"][0].follow_up
        self.checks.append(CheckResult(spec.id, rule, spec.kind, effect, spec.label, o.value, o.count,
                                       points, ok, message, ev))
        self.evidence += ev

    def _message(self, spec: CheckSpec, rule: str, o: Outcome, ev: list[Evidence], points: float, ok: bool) -> str:
        """The check's message, formatted only when there is one to show, and its cap; "" for a flag
        already said (its words, points and cap join the first one's)."""
        effect = spec.effect
        template = template_for(spec, o.count, ok, bool(ev))
        capped = spec.cap if cap_applies(spec, o, self.a) else None
        why = spec.found if effect == "penalty" else spec.missing          # what a cap says
        if not (template or capped):
            return ""
        values = template_values(template, why if capped else "", ev, o, spec, self.words, self.q)
        message = fmt(template, values) if "{" in template else template.strip()
        flag = self.flags.get(spec.label) if effect == "penalty" and o.count else None
        if flag is not None:                   # the same flag again: its words join the first
            self._join(flag, spec, rule, ev, points, values, capped)
            return ""
        if capped:
            self.caps.append(CapResult(rule, capped.score, fmt(why, values) or spec.label))
        if effect == "penalty" and o.count:
            self.flags[spec.label] = Flag(len(self.found), len(self.caps) - 1 if capped else None,
                                          [(e.start, e.end) for e in ev], template, why)
        return message

    def _join(self, flag: Flag, spec: CheckSpec, rule: str, ev: list[Evidence], points: float,
              values: dict[str, Any], capped: Cap | None) -> None:
        """A flag said again: its words quoted with the first one's, its points added to that
        message's, the lowest cap of the two kept, said with every word."""
        original = self.a.original
        flag.spans += [(e.start, e.end) for e in ev]
        joined = {**values, "hits": quote([original[x:y] for x, y in merged(flag.spans)], self.q.lang)}
        self.found[flag.msg] = (self.found[flag.msg][0] + points, fmt(flag.template, joined))
        if capped and flag.cap is None:
            flag.cap = len(self.caps)
            self.caps.append(CapResult(rule, capped.score, ""))
        if flag.cap is not None:
            old = self.caps[flag.cap]
            lowest = min(old.max, capped.score) if capped else old.max
            self.caps[flag.cap] = CapResult(old.rule, lowest, fmt(flag.why, joined) or spec.label)

    def advice(self, crit: Criterion, kind: str, passed: bool) -> tuple[list[str], str | None]:
        """The criterion's advice and follow-up question."""
        if crit.mode_for(kind) == "bonus" and not passed:
            # a bonus not earned is no fault: no advice on every answer, no follow-up
            return [], None
        # one sentence for the criterion, then at most two tips (what took points first, then
        # what was missing most), none saying again what another says
        vals = {"words": self.words, "min": self.q.min_words, "max": self.q.max_words}
        missing = [m for _, m, cid in sorted(self.missing, key=lambda x: x[0]) if m and cid not in self.stood_in]
        tips = [m for _, m in sorted(self.found, key=lambda x: x[0]) if m]
        if not passed and crit.tips_for(kind):
            tips += missing
        head = crit.feedback_for(kind, passed, noted=bool(tips), partial=bool(missing) and crit.tips_for(kind))
        if passed and crit.feedback_partial and head == crit.feedback_partial:
            tips += missing[:1]    # what is still missing
        advice = distinct([fmt(head, vals)] + tips)[:3]
        if passed:
            return advice, None
        return advice, self.follow_up if self.follow_up is not None else (crit.follow_up_for(kind) or None)


def _evidence(a: Analysed, o: Outcome, effect: str) -> list[Evidence]:
    """An outcome's spans as evidence, at their places in the answer as typed, without the spaces
    a pattern may take in at either end ("because I stopped… in the " is shown as the words)."""
    original, ev = a.original, []
    for sp in o.spans:
        start, end = (sp.start, sp.end) if a.starts is None else a.span(sp.start, sp.end)
        while end > start and original[end - 1].isspace():
            end -= 1
        while start < end and original[start].isspace():
            start += 1
        ev.append(Evidence(start, end, original[start:end], sp.rule, effect, sp.note))
    return ev
