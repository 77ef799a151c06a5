"""The scorer: runs a rubric's checks on an answer and explains every point.

Every point given or taken records its reason: the rule id (``criterion.check``), the evidence
span in the answer as typed, and the guide facts. Nothing is scored that cannot be shown.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass, field
from functools import lru_cache
from string import Formatter
from typing import Any

from mockint.core.questions.bank import Bank, Question
from mockint.core.scoring.checks import KIND_CLASSES, Check, Ctx, Outcome, PatternCheck, PatternIndex
from mockint.core.scoring.matching import Lexicon, group_phrase_sets, near_copy, repeated_runs, repeated_sentences
from mockint.core.scoring.model import TEMPLATE_FIELDS, CheckSpec, Criterion, Rubric
from mockint.core.scoring.text import Analysed, analyse, phrase_tokens, without_spans

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
                "rubric_version": self.rubric_version}

    @classmethod
    def from_dict(cls, d: dict[str, Any], point_order: Callable[[str, str], list[str]] | None = None) -> Result:
        """The result ``to_dict`` wrote, rebuilt for the renderers: it shows exactly what was stored
        (nothing is re-scored). Fields not stored (the question's tags and length budget) are left
        empty. ``point_order(question_id, lang)``: the talking points' order, to group their
        evidence as the scorer does (the history passes the bank's)."""
        qid = d.get("question_id") or ""
        question = Question(id=qid, text=d.get("question_text") or "", topic="", kind="", difficulty="",
                            guide=[], min_words=0, max_words=0, seconds=0, talking_points=[],
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


@dataclass(slots=True)
class _Flag:
    """A red flag already said in this criterion: where its message and cap are, the spans quoted,
    and the templates they are said with."""
    msg: int
    cap: int | None
    spans: list[tuple[int, int]]
    template: str
    why: str


def _merged(spans: list[tuple[int, int]]) -> list[tuple[int, int]]:
    """Spans of the answer joined where they overlap or touch, in order: the words of one flag
    that two checks found, quoted once."""
    out: list[tuple[int, int]] = []
    for a, b in sorted(spans):
        if out and a <= out[-1][1] + 1:
            out[-1] = (out[-1][0], max(out[-1][1], b))
        else:
            out.append((a, b))
    return out


def _quote(texts: list[str], limit: int = 4) -> str:
    uniq: list[str] = []
    seen: set[str] = set()
    for t in texts:
        t = " ".join(t.split()).strip(" ,.;:")      # '". Practic"' read as '"Practic"' (issue 19)
        if not t:
            continue
        if len(t) > 60:
            t = t[:57] + "..."
        if t.lower() not in seen:
            seen.add(t.lower())
            uniq.append(t)
    shown = ", ".join(f'"{t}"' for t in uniq[:limit])
    return shown + (f" (+{len(uniq) - limit} more)" if len(uniq) > limit else "")


class _Vars(dict):
    def __missing__(self, key: str) -> str:
        return ""


@lru_cache(maxsize=4096)
def _fields(template: str) -> frozenset[str]:
    """The {field} names a message template uses."""
    if not template or "{" not in template:
        return frozenset()
    return frozenset(name for _, name, _, _ in Formatter().parse(template) if name)


def _fmt(template: str, values: dict[str, Any]) -> str:
    return template.format_map(_Vars(values)).strip() if template else ""


class Scorer:
    """Scores answers for one language: a rubric, optionally a bank (for talking points)."""

    def __init__(self, rubric: Rubric, bank: Bank | None = None):
        self.rubric, self.bank = rubric, bank
        self.lang = rubric.lang
        self.lexicon = _build_lexicon(rubric, bank)
        from mockint.core.scoring import prefilter as plan
        plan.warm([rx.pattern for crit in rubric.criteria for spec in crit.checks
                   for rx in spec.options.get("patterns", []) if spec.kind == "pattern"])
        self.checks: dict[str, Check] = {}
        self.rules: dict[str, list[tuple[CheckSpec, str]]] = {}     # criterion -> (spec, rule id)
        self._by_kind: dict[tuple[str, str], list[tuple[CheckSpec, str]]] = {}
        for crit in rubric.criteria:
            for spec in crit.checks:
                rule = f"{crit.id}.{spec.id}"
                self.checks[rule] = KIND_CLASSES[spec.kind](spec, rule, rubric, self.lexicon)
                self.rules.setdefault(crit.id, []).append((spec, rule))
        for chk in self.checks.values():
            if hasattr(chk, "bind"):
                chk.bind(self.checks)
        sets = [ps for chk in self.checks.values() for ps in chk.phrase_sets()]
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
              only: tuple[str, ...] | None = None) -> Result:
        """The answer's result. ``only``: just these criteria (the live coach's quick look; the
        score is then of those alone)."""
        if len(answer) > MAX_ANSWER_CHARS:
            from mockint.core.data.errors import MockintError
            raise MockintError(f"the answer is {len(answer):,} characters; the most mockint scores is "
                               f"{MAX_ANSWER_CHARS:,} (about 30,000 words)")
        a = full = analyse(answer, self.lang)
        rep = self.rubric.repeats
        if rep is not None and len(a.words) > rep.min_words:
            a = _distinct_only(a, rep)
        memo: dict[str, Outcome] = {}

        def run(rule: str) -> Outcome:
            if rule not in memo:
                memo[rule] = self.checks[rule].run(ctx)
            return memo[rule]

        ctx = Ctx(a, question, elapsed, run, self.bank)
        crits = self.criteria_for(question, elapsed)
        if only is not None:
            crits = [c for c in crits if c.id in only]
        results, caps = [], []
        try:
            for crit in crits:
                cres, ccaps = self._criterion(crit, a, question, run)
                results.append(cres)
                caps += ccaps
        finally:
            # ctx -> run -> ctx is a cycle: broken here, the answer's analysis and every outcome
            # are freed at once rather than left to the garbage collector (~9 % of the time)
            ctx.run = None
        core = [(c, r) for c, r in zip(crits, results) if c.mode_for(question.kind) == "core"]
        wsum = sum(weight_for(c, question) for c, _ in core)
        base = sum(weight_for(c, question) * r.score for c, r in core) / wsum if wsum else 0.0
        bonus = sum(c.bonus_points * r.score for c, r in zip(crits, results)
                    if c.mode_for(question.kind) == "bonus")
        total = min(100.0, base * 100.0 + bonus)
        for cap in caps:
            total = min(total, float(cap.max))
        return Result(question, self.lang, answer, int(total + 0.5), results, caps, elapsed,
                      self.rubric.version, len(full.words))

    def _rules_for(self, crit_id: str, kind: str) -> list[tuple[CheckSpec, str]]:
        """A criterion's checks as they apply to a question of ``kind`` (their ``by_kind``
        weight and target; weight 0: left out, so a check of weight 0 with a ``by_kind`` weight
        applies to that kind only)."""
        key = (crit_id, kind)
        got = self._by_kind.get(key)
        if got is None:
            applied = ((spec.for_kind(kind), rule) for spec, rule in self.rules[crit_id])
            got = self._by_kind[key] = [(spec, rule) for spec, rule in applied if spec.weight != 0]
        return got

    def _criterion(self, crit: Criterion, a: Analysed, q: Question, run) -> tuple[CriterionResult, list[CapResult]]:  # noqa: C901 - issue 17: to split
        kind = q.kind
        outcomes = [(spec, rule, _floor(spec, run(rule))) for spec, rule in self._rules_for(crit.id, kind)]
        rewards = [(s, o) for s, _, o in outcomes if s.effect == "reward"]
        rw = sum(s.weight for s, _ in rewards)
        base = sum(s.weight * o.value for s, o in rewards) / rw if rw else 1.0
        bonus = sum(s.weight * o.value for s, _, o in outcomes if s.effect == "bonus")
        words = len(a.words)
        penalty = sum(_taken(s, o.count, words) for s, _, o in outcomes if s.effect == "penalty")
        gate = 1.0
        for s, _, o in outcomes:
            if s.effect == "gate":
                gate *= max(0.0, min(1.0, o.value))
        score = max(0.0, min(1.0, base + bonus - penalty)) * gate
        passed = score >= crit.threshold - 1e-9
        checks: list[CheckResult] = []
        evidence: list[Evidence] = []
        caps: list[CapResult] = []
        found_msgs: list[tuple[float, str]] = []
        missing_msgs: list[tuple[float, str]] = []
        follow_up: str | None = None
        span, original = a.span, a.original
        # penalties with one label (misleads, misleads_claim) are one flag: said once, their words together
        flags: dict[str, _Flag] = {}
        for spec, rule, o in outcomes:
            effect = spec.effect
            if not o.spans:
                ev = []
            elif a.starts is None:                 # folded offsets are the answer's own
                ev = [Evidence(sp.start, sp.end, original[sp.start:sp.end], sp.rule, effect, sp.note)
                      for sp in o.spans]
            else:
                ev = []
                for sp in o.spans:
                    start, end = span(sp.start, sp.end)
                    ev.append(Evidence(start, end, original[start:end], sp.rule, effect, sp.note))
            if effect == "reward":
                points, ok = (spec.weight * o.value / rw if rw else 0.0), o.value >= 0.999
            elif effect == "bonus":
                points, ok = spec.weight * o.value, o.value >= 0.999
            elif effect == "penalty":
                points, ok = -_taken(spec, o.count, words), o.count == 0
            else:
                points, ok = o.value, o.value >= 0.999
            # Which message applies: formatted only when there is one to show.
            template = ""
            if effect == "penalty":
                template = spec.found if o.count else ""
            elif not ok:
                template = (spec.partial or spec.missing) if o.count else spec.missing
            elif ev:
                template = spec.found
            capped = spec.cap is not None and (o.value < spec.cap.below if effect == "gate"
                                               else o.count >= spec.cap.at_least)
            why = spec.found if effect == "penalty" else spec.missing          # what a cap says
            message = ""
            if template or capped:
                need = _fields(template) | (_fields(why) if capped else frozenset())
                values: dict[str, Any] = {}
                for f in need:                     # only what the templates use
                    if f == "hits":
                        values[f] = _quote([e.text for e in ev])
                    elif f == "count":
                        values[f] = o.count
                    elif f == "target":
                        values[f] = _num(spec.target)
                    elif f == "words":
                        values[f] = words
                    elif f == "min":
                        values[f] = q.min_words
                    elif f == "max":
                        values[f] = q.max_words
                    if f in o.vars and f in TEMPLATE_FIELDS:
                        values[f] = o.vars[f]
                message = _fmt(template, values) if "{" in template else template.strip()
                flag = flags.get(spec.label) if effect == "penalty" and o.count else None
                if flag is not None:                   # the same flag again: its words join the first
                    flag.spans += [(e.start, e.end) for e in ev]
                    joined = {**values, "hits": _quote([original[x:y] for x, y in _merged(flag.spans)])}
                    found_msgs[flag.msg] = (found_msgs[flag.msg][0] + points, _fmt(flag.template, joined))
                    if capped and flag.cap is None:
                        flag.cap = len(caps)
                        caps.append(CapResult(rule, spec.cap.score, ""))
                    if flag.cap is not None:
                        old = caps[flag.cap]
                        lowest = min(old.max, spec.cap.score) if capped else old.max
                        caps[flag.cap] = CapResult(old.rule, lowest, _fmt(flag.why, joined) or spec.label)
                    message = ""
                elif capped:
                    caps.append(CapResult(rule, spec.cap.score, _fmt(why, values) or spec.label))
                if effect == "penalty" and o.count and flag is None:
                    flags[spec.label] = _Flag(len(found_msgs), len(caps) - 1 if capped else None,
                                              [(e.start, e.end) for e in ev], template, why)
            if effect == "penalty" and o.count and message:
                found_msgs.append((points, message))
            elif effect not in ("penalty", "bonus") and not ok:
                lost = (spec.weight / rw if rw else 0) * (1 - o.value) if effect == "reward" else (1 - o.value)
                missing_msgs.append((-lost, message))
            if spec.kind == "talking_points" and o.vars.get("missing_points"):
                follow_up = o.vars["missing_points"][0].follow_up
            checks.append(CheckResult(spec.id, rule, spec.kind, effect, spec.label, o.value, o.count,
                                      points, ok, message, ev))
            evidence += ev
        vals = {"words": words, "min": q.min_words, "max": q.max_words}
        bonus_mode = crit.mode_for(kind) == "bonus"
        if bonus_mode and not passed:
            # a bonus not earned is no fault: no advice on every answer, no follow-up
            advice: list[str] = []
            follow_up = None
        else:
            # one sentence for the criterion, then at most two tips (what took points first, then
            # what was missing most), none saying again what another says
            tips = [m for _, m in sorted(found_msgs, key=lambda x: x[0]) if m]
            if not passed:
                tips += [m for _, m in sorted(missing_msgs, key=lambda x: x[0]) if m]
            advice = _distinct([_fmt(crit.feedback_for(kind, passed), vals)] + tips)[:3]
            if not passed and follow_up is None:
                follow_up = crit.follow_up_for(kind) or None
            if passed:
                follow_up = None
        evidence.sort(key=lambda e: (e.start, e.end, e.rule))
        return CriterionResult(crit.id, crit.name, score, passed, weight_for(crit, q),
                               crit.mode_for(q.kind), list(crit.guide), evidence,
                               " ".join(advice), follow_up, checks, crit.threshold, advice), caps


def _floor(spec: CheckSpec, o: Outcome) -> Outcome:
    """A penalty's outcome with fewer hits than ``min_hits`` read as none."""
    if spec.min_hits > 1 and spec.effect == "penalty" and 0 < o.count < spec.min_hits:
        return Outcome(1.0, 0, [], o.vars)
    return o


def _distinct_only(a: Analysed, rep) -> Analysed:
    """The answer with what it says again blanked (sentences, then runs of ``min_run`` words):
    a repeat is judged once, however often it is pasted."""
    drop = repeated_sentences(a, rep) if len(a.sentences) > 1 else []
    spans = [a.sentences[i] for i in drop]
    if rep.min_run:
        spans += repeated_runs(a, rep.min_run, set(drop))
    return without_spans(a, spans, drop)


def _taken(spec: CheckSpec, count: int, words: int) -> float:
    """What a penalty takes: ``per_hit`` a hit, up to ``max_penalty``; with ``per_words``, an
    answer longer than that many words pays by density (two hedges in 300 words weigh less than
    two in 30)."""
    n = count * spec.per_words / words if spec.per_words and words > spec.per_words else count
    return min(spec.max, spec.per_hit * n)


def _distinct(sentences: list[str]) -> list[str]:
    """The sentences that are not empty and do not say again what one before says."""
    out: list[str] = []
    for s in sentences:
        if s and not any(near_copy(s, t) for t in out):
            out.append(s)
    return out


def weight_for(crit: Criterion, question: Question) -> float:
    """The criterion's weight for this question: the question's own override (``criteria:`` in
    the bank; 0 = off) when it has one, else the rubric's weight for the question's kind."""
    own = question.criteria.get(crit.id) if question.criteria else None
    return float(own) if own is not None else crit.weight_for(question.kind)


def _num(x: float) -> str:
    return str(int(x)) if float(x).is_integer() else f"{x:g}"


def _build_lexicon(rubric: Rubric, bank: Bank | None) -> Lexicon:
    """Known words (never read as typos) and keyword targets (what typos resolve to).

    Texts are joined and tokenised in one pass: ~1 ms instead of ~12 ms for a whole bank."""
    fz = rubric.fuzzy
    known_texts: list[str] = list(rubric.known_words)
    target_texts: list[str] = []
    for words in rubric.lists.values():
        known_texts += words
    for crit in rubric.criteria:
        for spec in crit.checks:
            if spec.kind in ("phrases", "claims"):
                target_texts += spec.options.get("phrases", []) + spec.options.get("lists", [])
    if bank is not None:
        for q in bank.questions:
            known_texts += [q.text] + q.terms
            for tp in q.talking_points:
                target_texts += tp.phrases
                known_texts += [tp.summary, tp.follow_up]
        for r in bank.replies:
            known_texts += r.phrases + [r.text]
    targets = {w for w in phrase_tokens("\n".join(target_texts))
               if len(w) >= fz.min_length and w.isalpha()}
    known = set(phrase_tokens("\n".join(known_texts))) | targets
    return Lexicon(rubric.lang, known, targets)
