"""The ``job_fit`` and ``tone`` criteria of an answer in a tailored interview, built as the
engine's ``CriterionResult`` for :class:`mockint.core.jobspec.JobCriteria`, which the scorer calls."""

from __future__ import annotations

from mockint.core.data.strings import more
from mockint.core.jobspec.spec import Spec
from mockint.core.jobspec.terms import JobContext
from mockint.core.scoring.text import Analysed


def _evidence(a: Analysed, fs: int, fe: int, rule: str, effect: str):
    from mockint.core.scoring.engine import Evidence
    s, e = a.span(fs, fe)
    return Evidence(s, e, a.original[s:e], rule, effect)


def _job_fit(a: Analysed, job: JobContext, spec: Spec, CriterionResult):
    from mockint.core.scoring.engine import CheckResult
    checks, evidence, covered, missing = [], [], [], []
    got = 0.0
    for term in job.terms:
        rule = f"job_fit.{term.key}"
        ev = [_evidence(a, h.start, h.end, rule, "reward") for h in job.phrase_set(term).find(a)]
        ok = bool(ev)
        if ok:
            got += term.weight
            covered.append(term.text)
        else:
            missing.append(term.text)
        checks.append(CheckResult(term.key, rule, "job_term", "reward", term.text, 1.0 if ok else 0.0,
                                  len(ev), term.weight if ok else 0.0, ok, "", ev))
        evidence += ev
    score = min(1.0, got / spec.fit["target"])
    passed = score >= spec.fit["threshold"] - 1e-9
    advice = [spec.fit["covered"].format(covered=", ".join(covered)) if covered else spec.fit["none"]]
    if missing:
        advice.append(spec.fit["missing"].format(missing=", ".join(missing[:5])
                                                 + more(job.lang, len(missing) - 5)))
    evidence.sort(key=lambda e: (e.start, e.end, e.rule))
    return CriterionResult("job_fit", spec.fit["name"], score, passed, spec.fit["weight"], "core",
                           list(spec.fit["guide"]), evidence, " ".join(advice), None, checks, spec.fit["threshold"],
                           advice)


def _tone(a: Analysed, mode: str, spec: Spec, CriterionResult):
    from mockint.core.scoring.engine import CheckResult
    conf = spec.tone[mode]
    kind = "slang" if mode == "formal" else "stiff"
    ev = [_evidence(a, h.start, h.end, f"tone.{kind}", "penalty") for h in spec.sets["tone." + mode].find(a)]
    checks = [CheckResult(kind, f"tone.{kind}", "tone", "penalty", kind, float(len(ev)), len(ev),
                          -spec.tone["per_hit"] * len(ev), not ev, "", ev)]
    hits = len(ev)
    if conf["contractions"] is not None:
        cev = [_evidence(a, m.start(), m.end(), "tone.contractions", "penalty")
               for m in conf["contractions"].finditer(a.folded)]
        over = max(0, len(cev) - conf["allowed"])
        checks.append(CheckResult("contractions", "tone.contractions", "tone", "penalty", "contractions",
                                  float(len(cev)), len(cev), -spec.tone["per_hit"] * over, over == 0, "",
                                  cev if over else []))
        if over:
            ev += cev
            hits += over
    score = max(0.0, 1.0 - spec.tone["per_hit"] * hits)
    passed = score >= spec.tone["threshold"] - 1e-9          # one slip is a tip, not a fail
    texts: list[str] = []
    for e in ev:
        t = " ".join(e.text.split())
        if t.lower() not in [x.lower() for x in texts]:
            texts.append(t)
    msg = conf["ok"] if not hits else conf["found"].format(hits=", ".join(f'"{t}"' for t in texts[:6]))
    ev.sort(key=lambda e: (e.start, e.end, e.rule))
    return CriterionResult("tone", spec.tone["name"], score, passed, spec.tone["weight"], "core",
                           list(spec.tone["guide"]), ev, msg, None, checks, spec.tone["threshold"], [msg])
