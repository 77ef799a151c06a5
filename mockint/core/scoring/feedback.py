"""Rendering score and grade results as text (for people), Markdown and JSON (a contract)."""

from __future__ import annotations

import io
import json
from collections import Counter
from collections.abc import Iterator
from dataclasses import dataclass, field
from typing import TYPE_CHECKING, Any

from mockint.core.data.strings import more, words
from mockint.core.data.strings import tr as t

if TYPE_CHECKING:
    from mockint.core.scoring.engine import CriterionResult, Result


def json_chunks(data: Any) -> Iterator[str]:
    """The JSON of ``data`` (what :func:`to_json` returns), piece by piece, as it is encoded: a
    big report can be written out without ever being held whole (``json.dumps`` with an indent
    builds a list of every small piece first: ~8 times the output's size)."""
    yield from json.JSONEncoder(ensure_ascii=False, indent=2).iterencode(data)
    yield "\n"


def to_json(data: Any) -> str:
    """Deterministic JSON: same input, byte-identical output."""
    out = io.StringIO()
    for chunk in json_chunks(data):
        out.write(chunk)
    return out.getvalue()


def bar(score: float, width: int = 20) -> str:
    full = int(round(score / 100 * width))
    return "█" * full + "░" * (width - full)


def verdict(passed: bool, bonus: bool = False) -> str:
    """The one mark every view shows: ✓ passed, · a bonus not earned (no fault), ✗ failed."""
    return "✓" if passed else ("·" if bonus else "✗")


def mark(c: CriterionResult) -> str:
    return verdict(c.passed, c.mode == "bonus")


def _clean(text: str) -> str:
    return " ".join(text.split())


def _evidence_lines(c: CriterionResult, quote, points: dict[str, str] | None = None,
                    lang: str = "en") -> list[tuple[str, str, str, str]]:
    """(sign, label, rule, quoted hits) per check that found something, in check order. A talking
    point's hits are labelled with its summary (``points``: id -> summary), in the question's own
    language, not with its id."""
    points = points or {}
    out = []
    for k in c.checks:
        if not k.evidence:
            continue
        by_rule: dict[str, list[str]] = {}
        for e in k.evidence:
            by_rule.setdefault(e.rule, []).append(_clean(e.text))
        for rule, texts in by_rule.items():
            sign = "-" if k.effect == "penalty" else "+"
            sub = rule.split(".", 1)[1]
            label = k.label if rule == k.rule else points.get(sub, sub)
            shown = ", ".join(quote(t) for t in texts[:6]) + more(lang, len(texts) - 6)
            out.append((sign, label, rule, shown))
    return out


def _points(r: Result) -> dict[str, str]:
    """The question's talking points: id -> summary (what a key-points hit is labelled with)."""
    return {tp.id: tp.summary.rstrip(".") for tp in r.question.talking_points}


def score_text(r: Result, lang: str) -> str:
    lines = []
    title = r.question.id or t(lang, "adhoc_question")
    lines.append(f"{title}: {r.question.text}")
    lines.append(f"{t(lang, 'score')}: {r.score:>3}/100  {bar(r.score)}  ({words(lang, r.words)})")
    for cap in r.caps:
        lines.append(f"  ! {t(lang, 'capped', max=cap.max)}: {cap.reason} [{cap.rule}]")
    lines.append("")
    for c in r.criteria:
        bonus = f" ({t(lang, 'bonus')})" if c.mode == "bonus" else ""
        guide = f"  [{t(lang, 'guide')}: {', '.join(c.guide)}]" if c.guide else ""
        lines.append(f"{mark(c)} {c.name}{bonus}  {round(c.score * 100):>3}%{guide}")
        advice = [a for a in (c.advice or [c.feedback]) if a]       # a bonus not earned says nothing
        if advice:
            lines.append(f"    {advice[0]}")
            lines += [f"      • {a}" for a in advice[1:]]
        for sign, label, rule, shown in _evidence_lines(c, lambda x: f'"{x}"', _points(r), lang):
            lines.append(f"    {sign} {label}: {shown}  [{rule}]")
        if c.follow_up:
            lines.append(f"    → {t(lang, 'follow_up')}: {c.follow_up}")
    return "\n".join(lines) + "\n"


def score_markdown(r: Result, lang: str, level: int = 2) -> str:
    h = "#" * level
    title = r.question.id or t(lang, "adhoc_question")
    out = [f"{h} {title}: {_md(r.question.text)}", "",
           f"**{t(lang, 'score')}: {r.score}/100** ({words(lang, r.words)})", ""]
    for cap in r.caps:
        out.append(f"> {t(lang, 'capped', max=cap.max)}: {_md(cap.reason)} (`{cap.rule}`)")
    if r.caps:
        out.append("")
    out += [f"| | {t(lang, 'criterion')} | {t(lang, 'score')} | {t(lang, 'guide')} |", "|---|---|---|---|"]
    for c in r.criteria:
        out.append(f"| {mark(c)} | {c.name} | {round(c.score * 100)}% | {', '.join(c.guide)} |")
    out.append("")
    for c in r.criteria:
        out.append(f"- **{mark(c)} {c.name}**" + (f": {_md(c.feedback)}" if c.feedback else ""))
        for sign, label, rule, shown in _evidence_lines(c, lambda x: f"“{_md(x)}”", _points(r), lang):
            out.append(f"  - {'−' if sign == '-' else '+'} {_md(label)}: {shown} `{rule}`")
        if c.follow_up:
            out.append(f"  - → *{_md(c.follow_up)}*")
    return "\n".join(out) + "\n"


def _md(text: str) -> str:
    for ch in "\\`*_[]<>|":
        text = text.replace(ch, "\\" + ch)
    return text


@dataclass
class Session:
    lang: str
    results: list[Result]
    score: int = 0
    criteria: list[dict[str, Any]] = field(default_factory=list)
    asked_questions: bool = False
    weakest: list[dict[str, Any]] = field(default_factory=list)
    job_fit: list[dict[str, Any]] | None = None    # job_fit_table rows, with --job-spec only


def session_summary(lang: str, results: list[Result]) -> Session:
    """Averages by criterion, whether questions were asked back, the weakest points."""
    s = Session(lang, results)
    if not results:
        return s
    s.score = int(sum(r.score for r in results) / len(results) + 0.5)
    order: list[str] = []
    acc: dict[str, list[CriterionResult]] = {}
    for r in results:
        for c in r.criteria:
            if c.id not in acc:
                order.append(c.id)
            acc.setdefault(c.id, []).append(c)
    for cid in order:
        cs = acc[cid]
        if any(c.mode == "bonus" for c in cs):
            # a bonus somewhere (questions back outside the closing question) is something done
            # once in the interview: passed when earned in any answer, its bar the best answer's
            score, passed = max(c.score for c in cs), any(c.passed for c in cs)
        else:
            score = sum(c.score for c in cs) / len(cs)
            passed = score >= cs[0].threshold - 1e-9          # as the bar beside it shows
        s.criteria.append({"id": cid, "name": cs[0].name, "score": round(score, 3), "passed": passed,
                           "answers": len(cs), "guide": cs[0].guide,
                           "bonus": all(c.mode == "bonus" for c in cs)})   # not earned: no fault, shown "·"
    # the same thing the Questions back line says: never a ✗ beside "asked questions: yes"
    s.asked_questions = any(c["id"] == "questions_back" and c["passed"] for c in s.criteria)
    s.weakest = _weakest(results)
    return s


def _weakest(results: list[Result], n: int = 3) -> list[dict[str, Any]]:
    """The session's weakest points: what capped an answer first (a red flag, an answer off its
    question), then the lowest criteria; one per answer before a second from the same answer."""
    weak: list[tuple[int, float, int, dict[str, Any]]] = []
    for i, r in enumerate(results):
        capped_by = {cap.rule.split(".")[0] for cap in r.caps}
        for c in r.criteria:
            if c.passed or c.mode == "bonus":
                continue
            weak.append((0 if c.id in capped_by else 1, c.score, i,
                         {"answer": i + 1, "question_id": r.question.id or None, "criterion": c.id,
                          "name": c.name, "score": round(c.score, 3), "advice": c.feedback, "guide": c.guide}))
    def order(w: tuple) -> tuple:
        return w[0], w[1], w[2], w[3]["criterion"]

    weak.sort(key=order)
    weak = _said_once(weak)
    per_answer: Counter[int] = Counter()
    nth = []                                    # (0 for an answer's first point, 1 for its second...)
    for w in weak:
        nth.append((per_answer[w[2]], w))
        per_answer[w[2]] += 1
    chosen = [w for _, w in sorted(nth, key=lambda x: x[0])[:n]]      # stable: firsts in order, then seconds
    return [w[3] for w in sorted(chosen, key=order)]


def _said_once(weak: list[tuple]) -> list[tuple]:
    """The same advice on the same criterion in several answers is one point (the weakest of them),
    its ``answers`` naming them all: a summary said the same three sentences for "Answer 1 · Two-way"
    and "Answer 6 · Two-way"."""
    first: dict[tuple[str, str], dict[str, Any]] = {}
    out = []
    for w in weak:
        point = w[3]
        key = (point["criterion"], point["advice"])
        if key in first:
            first[key]["answers"].append(point["answer"])
            continue
        first[key] = point
        point["answers"] = [point["answer"]]
        out.append(w)
    for point in first.values():
        point["answers"].sort()
    return out


def point_answers(w: dict[str, Any]) -> list[int]:
    """The answers (1-based) a weakest point is about; a point stored before ``answers`` names one."""
    many = w.get("answers")
    if isinstance(many, list) and many and all(isinstance(a, int) for a in many):
        return list(many)
    return [w["answer"]] if isinstance(w.get("answer"), int) else []


def answers_label(lang: str, numbers: list[int]) -> str:
    """"answer 3", "answers 1 and 6", "answers 1, 2 and 6" (lower case, as inside a sentence)."""
    if len(numbers) == 1:
        return f"{t(lang, 'answer').lower()} {numbers[0]}"
    return t(lang, "answers_n", some=", ".join(str(n) for n in numbers[:-1]), last=numbers[-1])


def grade_dict(s: Session) -> dict[str, Any]:
    return {"lang": s.lang,
            "session": {"score": s.score, "criteria": s.criteria, "asked_questions": s.asked_questions,
                        "weakest": s.weakest},
            "answers": [r.to_dict() for r in s.results],
            **({"job_fit": s.job_fit} if s.job_fit is not None else {})}


def job_fit_lines(lang: str, rows: list[dict[str, Any]]) -> list[str]:
    """The job-fit table as text: term, covered in which answers, or not yet covered."""
    if not rows:
        return []
    width = max([len(r["term"]) for r in rows] + [len(t(lang, "term"))])
    out = [f"{t(lang, 'job_fit')}:", f"    {t(lang, 'term'):<{width}}  {t(lang, 'covered_in')}"]
    for r in rows:
        where = ", ".join(str(i) for i in r["covered_in"]) or t(lang, "not_covered")
        out.append(f"  {'✓' if r['covered_in'] else '✗'} {r['term']:<{width}}  {where}")
    return out


def job_fit_markdown(lang: str, rows: list[dict[str, Any]]) -> list[str]:
    if not rows:
        return []
    out = [f"**{t(lang, 'job_fit')}:**", "", f"| {t(lang, 'term')} | {t(lang, 'covered_in')} |", "|---|---|"]
    for r in rows:
        where = ", ".join(str(i) for i in r["covered_in"]) or f"*{t(lang, 'not_covered')}*"
        out.append(f"| {_md(r['term'])} | {where} |")
    return out + [""]


def _asked(s: Session, w: dict[str, Any], lang: str) -> str:
    """The question of a weak point as it was asked (issue 19: "Practise next" listed ids); of a
    point about several answers, each of their questions once, joined by " / "."""
    asked = []
    for n in point_answers(w) or [0]:
        q = getattr(s.results[n - 1], "question", None) if 1 <= n <= len(s.results) else None
        asked.append(getattr(q, "text", "") or w.get("question_id") or f"{t(lang, 'answer')} {n}")
    return " / ".join(dict.fromkeys(asked))


def grade_text(s: Session) -> str:
    lang = s.lang
    out = []
    for i, r in enumerate(s.results, 1):
        out.append(f"── {t(lang, 'answer')} {i}/{len(s.results)} " + "─" * 40)
        out.append(score_text(r, lang))
    out.append("═" * 60)
    out.append(f"{t(lang, 'session')}: {s.score}/100  {bar(s.score)}")
    for c in s.criteria:
        mark = verdict(c['passed'], c.get('bonus', False))
        out.append(f"  {mark} {c['name']:<28} {round(c['score'] * 100):>3}%  {bar(c['score'] * 100, 10)}")
    out.append(f"{t(lang, 'asked_back')}: {t(lang, 'yes') if s.asked_questions else t(lang, 'no')}")
    if s.weakest:
        out.append(f"{t(lang, 'practise_next')}:")
        for k, w in enumerate(s.weakest, 1):       # in order of need; the answer it comes from in brackets
            out.append(f"  {k}. {_asked(s, w, lang)} ({answers_label(lang, point_answers(w))}) — "
                       f"{w['name']}: {w['advice']}")
    if s.job_fit is not None:
        out += job_fit_lines(lang, s.job_fit)
    return "\n".join(out) + "\n"


def grade_markdown(s: Session, answers: bool = True) -> str:
    lang = s.lang
    out = [f"# {t(lang, 'session')}: {s.score}/100", ""]
    out += [f"| {t(lang, 'criterion')} | {t(lang, 'score')} | |", "|---|---|---|"]
    for c in s.criteria:
        out.append(f"| {c['name']} | {round(c['score'] * 100)}% | {verdict(c['passed'], c.get('bonus', False))} |")
    out += ["", f"**{t(lang, 'asked_back')}:** {t(lang, 'yes') if s.asked_questions else t(lang, 'no')}", ""]
    if s.weakest:
        out.append(f"**{t(lang, 'practise_next')}:**")
        out.append("")
        for w in s.weakest:
            out.append(f"1. {_md(_asked(s, w, lang))} — {w['name']}: {_md(w['advice'])}")
        out.append("")
    if s.job_fit is not None:
        out += job_fit_markdown(lang, s.job_fit)
    for r in s.results if answers else []:       # answers=False: the session part only
        out.append(score_markdown(r, lang, level=2))
    return "\n".join(out)
