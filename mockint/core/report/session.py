"""Reports of a stored session: JSON (the ``grade`` JSON plus session metadata), Markdown, and
one self-contained HTML file (inline CSS with print rules, an inline SVG chart of the criteria).

Everything is rebuilt from the *stored* results (what was shown when the answers were given);
nothing is re-scored. The HTML has no external reference at all (no URL, font, script or
image), and every piece of user text is HTML-escaped: an answer containing ``<script>`` or
``[bold]`` shows literally.
"""

from __future__ import annotations

from datetime import datetime, timezone
from typing import Any

from mockint import __version__
from mockint.core.data.strings import STRINGS, has, tr
from mockint.core.data.strings import words as count_words
from mockint.core.history.records import SessionRecord
from mockint.core.history.store import result_from_dict
from mockint.core.report.page import CSS, _chart, _e, _effects, _facts, _pct, highlight
from mockint.core.scoring.feedback import grade_markdown, point_answers, score_markdown, session_summary, verdict


def when(iso: str | None) -> str:
    """``2026-11-28 17:01 UTC`` (reports show UTC: the same file whatever the time zone)."""
    if not iso:
        return ""
    try:
        t = datetime.fromisoformat(iso)
    except ValueError:
        return iso
    if t.tzinfo is None:
        t = t.replace(tzinfo=timezone.utc)
    return t.astimezone(timezone.utc).strftime("%Y-%m-%d %H:%M UTC")


def _md(text: str) -> str:
    """Markdown-escaped user text (shows literally)."""
    for ch in "\\`*_[]<>|":
        text = text.replace(ch, "\\" + ch)
    return text


def _readiness_label(lang: str, key: str) -> str:
    return tr(lang, f"ready.{key}") if has(f"ready.{key}") else key


def _summary(lang: str, results: list) -> Any:
    """``session_summary``, its job_fit row the share of the posting covered (as the summary showed)."""
    s = session_summary(lang, results)
    if any(r.criterion("job_fit") is not None for r in results):
        from mockint.core.jobspec import with_posting_covered  # deferred: only for a session with a posting

        with_posting_covered(s, results)
    return s


# -- JSON --------------------------------------------------------------------------------------

def replies_of(follow_up: Any) -> list[dict[str, str]]:
    """The interviewer's replies stored beside an answer ([{"asked", "reply"}]), or []."""
    reps = follow_up.get("replies") if isinstance(follow_up, dict) else None
    return [r for r in reps or [] if isinstance(r, dict) and r.get("reply")]


def report_dict(rec: SessionRecord) -> dict[str, Any]:
    """The JSON report: ``{"id", "started_at", "finished_at", "lang", "readiness", "session",
    "answers"}``. ``session`` is computed as ``mockint grade`` does, from the stored results;
    each item of ``answers`` is the stored score object exactly as shown, followed by the
    extensions ``answer`` (the text as typed), ``answered_at``, and when present
    ``follow_up_asked``, ``replies`` (the interviewer's answers to the candidate's questions:
    [{"asked", "reply"}]) and ``rescored`` ([{"rubric_version", "score", "created_at"}])."""
    answered = [a for a in rec.answers if a.results]
    s = _summary(rec.lang, [result_from_dict(a.result, a) for a in answered])
    answers = []
    for a in answered:
        d = dict(a.result)
        d["answer"] = a.answer
        d["answered_at"] = a.answered_at
        if a.follow_up is not None:
            d["follow_up_asked"] = a.follow_up
        if replies_of(a.follow_up):
            d["replies"] = replies_of(a.follow_up)
        later = [{"rubric_version": r.rubric_version, "score": r.score, "created_at": r.created_at}
                 for r in a.results if r is not a.shown]
        if later:
            d["rescored"] = later
        answers.append(d)
    return {"id": rec.id, "started_at": rec.started_at, "finished_at": rec.finished_at, "lang": rec.lang,
            "readiness": dict(rec.readiness),
            "session": {"score": s.score, "criteria": s.criteria, "asked_questions": s.asked_questions,
                        "weakest": s.weakest},
            "answers": answers}


# -- Markdown ----------------------------------------------------------------------------------

def report_markdown(rec: SessionRecord) -> str:
    """The session as Markdown: metadata, readiness, the ``grade`` Markdown summary, and each
    answer with its text as typed."""
    lang = rec.lang
    answered = [a for a in rec.answers if a.results]
    results = [result_from_dict(a.result, a) for a in answered]
    s = _summary(lang, results)
    out = [f"# mockint: {tr(lang, 'report.title')}", "",
           f"- **{tr(lang, 'session')}:** `{rec.id}`",
           f"- **{tr(lang, 'report.started')}:** {when(rec.started_at)}",
           f"- **{tr(lang, 'report.finished')}:** "
           f"{when(rec.finished_at) if rec.finished_at else tr(lang, 'report.unfinished')}",
           f"- **{tr(lang, 'language')}:** {lang}",
           f"- **{tr(lang, 'report.answers')}:** {len(answered)}", ""]
    if rec.readiness:
        out += [f"**{tr(lang, 'readiness')}:**", ""]
        out += [f"- {'✓' if ok else '✗'} {_md(_readiness_label(lang, k))}" for k, ok in rec.readiness.items()]
        out.append("")
    top = grade_markdown(s, answers=False).rstrip("\n")
    out += ["#" + top, ""]                      # one level down: "## Session: 72/100"
    for i, (a, r) in enumerate(zip(answered, results), 1):
        out.append(score_markdown(r, lang, level=2).replace("## ", f"## {i}. ", 1).rstrip("\n"))
        out += ["", f"**{tr(lang, 'your_answer')}:**", ""]
        out += [("> " + _md(line)) if line.strip() else ">" for line in a.answer.strip("\n").splitlines()]
        if a.follow_up:
            fu = a.follow_up.get("question") if isinstance(a.follow_up, dict) else None
            if fu:
                out += ["", f"*{tr(lang, 'report.follow_up_asked')}:* {_md(str(fu))}"]
        for rep in replies_of(a.follow_up):
            out += ["", f"*{tr(lang, 'report.replies')}:* “{_md(rep['asked'])}” → {_md(rep['reply'])}"]
        for r2 in a.results:
            if r2 is not a.shown:
                out += ["", "*" + _md(tr(lang, "report.rescored", v=r2.rubric_version, at=when(r2.created_at),
                                           score=r2.score)) + "*"]
        out.append("")
    return "\n".join(out).rstrip("\n") + "\n"


# -- HTML --------------------------------------------------------------------------------------

def render_html(report: dict[str, Any]) -> str:
    """One self-contained HTML page for a JSON report (see :func:`report_dict`)."""
    raw_lang = report.get("lang")
    lang = raw_lang if isinstance(raw_lang, str) and raw_lang in STRINGS else "en"
    session = report.get("session") or {}
    answers = report.get("answers") or []
    facts = _facts(lang)
    cite = _Cited()
    p = _html_header(report, lang, session, answers)
    p += _criteria_table(session.get("criteria") or [], lang, cite)
    p += _readiness_section(report.get("readiness") or {}, lang)
    p += _weakest_section(session.get("weakest") or [], answers, lang, cite)
    for i, a in enumerate(answers, 1):
        p += _answer_section(a, i, len(answers), lang, cite)
    if cite.ids:
        p.append(f"<section><h2>{_e(tr(lang, 'report.guide'))}</h2><dl class=\"guide\">")
        for g in cite.ids:
            p.append(f"<dt><code>{_e(g)}</code></dt><dd>{_e(facts.get(g, ''))}</dd>")
        p.append("</dl></section>")
    p.append(f"<footer>{_e(tr(lang, 'report.made_by', version=__version__))}</footer>")
    p += ["</main>", "</body>", "</html>"]
    return "\n".join(p) + "\n"


class _Cited:
    """The guide facts a page cites, in the order first cited (listed at the end of the page)."""

    def __init__(self) -> None:
        self.ids: list[str] = []

    def __call__(self, ids: list[str]) -> str:
        for g in ids:
            if g not in self.ids:
                self.ids.append(g)
        return ", ".join(f"<code>{_e(g)}</code>" for g in ids)


def _html_header(report: dict[str, Any], lang: str, session: dict, answers: list) -> list[str]:
    """The page's head and its header: the session's metadata and overall score."""
    sid = str(report.get("id", ""))
    p: list[str] = ["<!DOCTYPE html>", f'<html lang="{_e(lang)}">', "<head>", '<meta charset="utf-8">',
                    '<meta name="viewport" content="width=device-width, initial-scale=1">',
                    f"<title>mockint: {_e(tr(lang, 'report.title'))} {_e(sid[:8])}</title>",
                    f"<style>{CSS}</style>", "</head>", "<body>", "<main>"]
    p.append(f"<header><h1>{_e(tr(lang, 'report.title'))}</h1><ul class=\"meta\">"
             f"<li>{_e(tr(lang, 'session'))}: <code>{_e(sid)}</code></li>"
             f"<li>{_e(tr(lang, 'report.started'))}: {_e(when(report.get('started_at')))}</li>"
             f"<li>{_e(tr(lang, 'report.finished'))}: "
             f"{_e(when(report.get('finished_at')) if report.get('finished_at') else tr(lang, 'report.unfinished'))}"
             "</li>"
             f"<li>{_e(tr(lang, 'language'))}: {_e(lang)}</li>"
             f"<li>{_e(tr(lang, 'report.answers'))}: {len(answers)}</li></ul>")
    p.append(f"<div class=\"score-line\"><span class=\"big\">{_e(session.get('score', 0))}</span>"
             f"<span>/100 · {_e(tr(lang, 'asked_back'))}: "
             f"{_e(tr(lang, 'yes') if session.get('asked_questions') else tr(lang, 'no'))}</span></div></header>")
    return p


def _criteria_table(crits: list, lang: str, cite: _Cited) -> list[str]:
    """The session's criteria: a chart and a table of scores with the guide facts they cite."""
    p = [f"<section><h2>{_e(tr(lang, 'criteria'))}</h2>{_chart(crits, lang)}<table><tr>"
         f"<th></th><th>{_e(tr(lang, 'criterion'))}</th><th>{_e(tr(lang, 'score'))}</th>"
         f"<th>{_e(tr(lang, 'report.guide'))}</th></tr>"]
    for c in crits:
        cls = "pass" if c.get("passed") else ("bonus" if c.get("bonus") else "fail")
        mark = verdict(bool(c.get("passed")), bool(c.get("bonus")))
        p.append(f"<tr><td class=\"{cls}\">{mark}</td><td>{_e(c.get('name', ''))}</td>"
                 f"<td class=\"num\">{_pct(c.get('score', 0))}%</td><td>{cite(list(c.get('guide', [])))}</td></tr>")
    p.append("</table></section>")
    return p


def _readiness_section(ready: dict, lang: str) -> list[str]:
    """The readiness checklist as the candidate ticked it (or a note that there is none)."""
    p = [f"<section><h2>{_e(tr(lang, 'readiness'))}</h2>"]
    if ready:
        p.append("<ul class=\"check\">" + "".join(
            f"<li class=\"{'yes' if ok else 'no'}\">{_e(_readiness_label(lang, k))}</li>" for k, ok in ready.items())
            + "</ul>")
    else:
        p.append(f"<p class=\"note\">{_e(tr(lang, 'none'))}</p>")
    p.append("</section>")
    return p


def _weakest_section(weakest: list, answers: list, lang: str, cite: _Cited) -> list[str]:
    """The weakest points of the session, each with its question and advice (nothing when none)."""
    if not weakest:
        return []
    p = [f"<section><h2>{_e(tr(lang, 'practise_next'))}</h2><ol>"]
    for w in weakest:
        asked = [answers[i - 1].get("question_text") if 1 <= i <= len(answers) else None
                 for i in point_answers(w) or [0]]           # said once for every answer with this advice
        q = " / ".join(dict.fromkeys(a or w.get("question_id") or f"{tr(lang, 'answer')} {w.get('answer')}"
                                     for a in asked))         # the question, not its id
        guide = list(w.get("guide", []))
        note = f" <span class=\"note\">[{cite(guide)}]</span>" if guide else ""        # no empty "[]"
        p.append(f"<li><strong>{_e(q)}</strong> — {_e(w.get('name', ''))} ({_pct(w.get('score', 0))}%): "
                 f"{_e(w.get('advice', ''))}{note}</li>")
    p.append("</ol></section>")
    return p


def _answer_section(a: dict, i: int, n: int, lang: str, cite: _Cited) -> list[str]:
    """Answer ``i`` of ``n``: its metadata, caps, the text highlighted, the follow-up and replies,
    each criterion's feedback and evidence, and later re-scorings."""
    answer = a.get("answer")
    text = answer if isinstance(answer, str) else ""
    head = f"{tr(lang, 'answer')} {i}/{n}"
    p = [f"<section class=\"answer\"><h2>{_e(head)}: {_e(a.get('question_text', ''))}</h2>"]
    bits = [f"<li><code>{_e(a.get('question_id') or '—')}</code></li>",
            f"<li>{_e(tr(lang, 'score'))}: <strong>{_e(a.get('score', ''))}</strong>/100</li>",
            f"<li>{_e(count_words(lang, int(a.get('words', 0) or 0)))}</li>"]
    if a.get("elapsed") is not None:
        secs = int(round(float(a["elapsed"])))
        bits.append(f"<li>{_e(tr(lang, 'report.elapsed'))}: {secs // 60}:{secs % 60:02d}</li>")
    bits.append(f"<li>{_e(tr(lang, 'report.rubric'))} {_e(a.get('rubric_version', ''))}</li>")
    p.append("<ul class=\"meta\">" + "".join(bits) + "</ul>")
    for cap in a.get("caps") or []:
        p.append(f"<p class=\"cap\">{_e(tr(lang, 'capped', max=cap.get('max', '')))}: {_e(cap.get('reason', ''))} "
                 f"<code>{_e(cap.get('rule', ''))}</code></p>")
    p.append(f"<h3>{_e(tr(lang, 'your_answer'))}</h3><div class=\"answer-text\">{highlight(text, a)}</div>")
    p.append(f"<p class=\"note\">{_e(tr(lang, 'report.legend'))}</p>")
    fu = a.get("follow_up_asked")
    if isinstance(fu, dict) and fu.get("question"):
        p.append(f"<p><em>{_e(tr(lang, 'report.follow_up_asked'))}:</em> {_e(fu['question'])}</p>")
    for rep in a.get("replies") or []:
        p.append(f"<p class=\"reply\"><em>{_e(tr(lang, 'report.replies'))}:</em> “{_e(rep.get('asked', ''))}” → "
                 f"{_e(rep.get('reply', ''))}</p>")
    for c in a.get("criteria") or []:
        p += _answer_criterion(a, c, lang, cite)
    for r in a.get("rescored") or []:
        note = tr(lang, 'report.rescored', v=r.get('rubric_version'), at=when(r.get('created_at')),
                  score=r.get('score'))
        p.append(f"<p class=\"note\">{_e(note)}</p>")
    p.append("</section>")
    return p


def _answer_criterion(a: dict, c: dict, lang: str, cite: _Cited) -> list[str]:
    """One criterion of an answer: passed or not, its feedback, the evidence (at most 12 spans)
    and its follow-up."""
    mark = verdict(bool(c.get("passed")), c.get("mode") == "bonus")
    cls = "pass" if c.get("passed") else ("bonus" if c.get("mode") == "bonus" else "fail")
    p = [f"<div class=\"crit\"><div><span class=\"{cls}\">{mark}</span> <strong>{_e(c.get('name', ''))}"
         f"</strong> {_pct(c.get('score', 0))}%"
         + (f" <span class=\"note\">[{cite(list(c.get('guide', [])))}]</span>" if c.get("guide") else "")
         + f"</div><p class=\"fb\">{_e(c.get('feedback', ''))}</p>"]
    ev = c.get("evidence") or []
    if ev:
        effects = _effects(a)
        items = []
        for e in ev[:12]:
            sign = "−" if effects.get(e.get("rule"), "reward") == "penalty" else "+"
            items.append(f"<li>{sign} “{_e(' '.join(str(e.get('text', '')).split()))}” "
                         f"<code>{_e(e.get('rule', ''))}</code></li>")
        if len(ev) > 12:
            items.append(f"<li>… +{len(ev) - 12}</li>")
        p.append("<ul class=\"ev\">" + "".join(items) + "</ul>")
    if c.get("follow_up"):
        p.append(f"<p class=\"fb\">→ <em>{_e(tr(lang, 'follow_up'))}:</em> {_e(c['follow_up'])}</p>")
    p.append("</div>")
    return p
