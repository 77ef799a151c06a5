"""Reports of a stored session: JSON (the ``grade`` JSON plus session metadata), Markdown, and
one self-contained HTML file (inline CSS with print rules, an inline SVG chart of the criteria).

Everything is rebuilt from the *stored* results (what was shown when the answers were given);
nothing is re-scored. The HTML has no external reference at all (no URL, font, script or
image), and every piece of user text is HTML-escaped: an answer containing ``<script>`` or
``[bold]`` shows literally.
"""

from __future__ import annotations

import html
from datetime import datetime, timezone
from typing import Any

from mockint.core.data.display import highlighted
from mockint.core.history.records import SessionRecord
from mockint.core.history.store import result_from_dict

# Interface strings of the reports (the rubric and bank carry their own wording).
STRINGS: dict[str, dict[str, str]] = {
    "en": {
        "title": "Interview report", "session": "Session", "started": "Started", "finished": "Finished",
        "unfinished": "not finished", "language": "Language", "score": "Score", "answers": "Answers",
        "criteria": "By criterion", "criterion": "Criterion", "readiness": "Readiness", "weakest": "Practise next",
        "answer": "Answer", "your_answer": "Your answer", "words": "words", "elapsed": "time",
        "capped": "score capped at {max}", "follow_up": "follow-up", "guide": "Guide",
        "asked_back": "Asked questions back", "yes": "yes", "no": "no", "none": "none",
        "legend": "Highlights: green = credited, red = penalised, orange = repeated.",
        "rescored": "re-scored with rubric version {v} on {at}: {score}/100 (the result above is the one shown then)",
        "rubric": "rubric version", "made_by": "Made by mockint {version}, offline.",
        "follow_up_asked": "Follow-up asked", "replies": "The interviewer answered",
        "ready.researched_company": "I researched the company: its products, customers and culture",
        "ready.read_job_spec": "I read the job description and know what I would ask about it",
        "ready.three_stories": "I have three real stories ready, with numbers",
        "ready.questions_ready": "I have my own questions for the interviewer",
        "ready.on_time_setup": "I am on time, in a quiet place, with my setup tested",
    },
    "ro": {
        "title": "Raportul interviului", "session": "Sesiune", "started": "Început", "finished": "Încheiat",
        "unfinished": "neîncheiat", "language": "Limba", "score": "Scor", "answers": "Răspunsuri",
        "criteria": "Pe criterii", "criterion": "Criteriu", "readiness": "Pregătire",
        "weakest": "De exersat în continuare",
        "answer": "Răspuns", "your_answer": "Răspunsul dumneavoastră", "words": "cuvinte", "elapsed": "timp",
        "capped": "scor limitat la {max}", "follow_up": "întrebare suplimentară", "guide": "Ghid",
        "asked_back": "Întrebări puse intervievatorului", "yes": "da", "no": "nu", "none": "niciunul",
        "legend": "Marcaje: verde = punctat, roșu = penalizat, portocaliu = repetat.",
        "rescored": "reevaluat cu rubrica versiunea {v} la {at}: {score}/100 "
                    "(rezultatul de mai sus este cel arătat atunci)",
        "rubric": "versiunea rubricii", "made_by": "Generat de mockint {version}, offline.",
        "follow_up_asked": "Întrebare suplimentară pusă", "replies": "Intervievatorul a răspuns",
        "ready.researched_company": "M-am documentat despre companie: produse, clienți și cultură",
        "ready.read_job_spec": "Am citit descrierea postului și știu ce aș vrea să clarific",
        "ready.three_stories": "Am pregătite trei exemple reale, cu cifre",
        "ready.questions_ready": "Am propriile întrebări pentru intervievator",
        "ready.on_time_setup": "Sunt la timp, într-un loc liniștit, cu tehnica verificată",
    },
}


def _t(lang: str, key: str, **kw: Any) -> str:
    text = STRINGS.get(lang, STRINGS["en"]).get(key) or STRINGS["en"].get(key) or key
    return text.format(**kw) if kw else text


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
    return _t(lang, f"ready.{key}") if f"ready.{key}" in STRINGS["en"] else key


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
    from mockint.core.scoring.feedback import session_summary

    answered = [a for a in rec.answers if a.results]
    s = session_summary(rec.lang, [result_from_dict(a.result) for a in answered])
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

    from mockint.core.scoring.feedback import grade_markdown, score_markdown, session_summary

    lang = rec.lang
    answered = [a for a in rec.answers if a.results]
    results = [result_from_dict(a.result) for a in answered]
    s = session_summary(lang, results)
    out = [f"# mockint: {_t(lang, 'title')}", "",
           f"- **{_t(lang, 'session')}:** `{rec.id}`",
           f"- **{_t(lang, 'started')}:** {when(rec.started_at)}",
           f"- **{_t(lang, 'finished')}:** {when(rec.finished_at) if rec.finished_at else _t(lang, 'unfinished')}",
           f"- **{_t(lang, 'language')}:** {lang}",
           f"- **{_t(lang, 'answers')}:** {len(answered)}", ""]
    if rec.readiness:
        out += [f"**{_t(lang, 'readiness')}:**", ""]
        out += [f"- {'✓' if ok else '✗'} {_md(_readiness_label(lang, k))}" for k, ok in rec.readiness.items()]
        out.append("")
    top = grade_markdown(s, answers=False).rstrip("\n")
    out += ["#" + top, ""]                      # one level down: "## Session: 72/100"
    for i, (a, r) in enumerate(zip(answered, results), 1):
        out.append(score_markdown(r, lang, level=2).replace("## ", f"## {i}. ", 1).rstrip("\n"))
        out += ["", f"**{_t(lang, 'your_answer')}:**", ""]
        out += [("> " + _md(line)) if line.strip() else ">" for line in a.answer.strip("\n").splitlines()]
        if a.follow_up:
            fu = a.follow_up.get("question") if isinstance(a.follow_up, dict) else None
            if fu:
                out += ["", f"*{_t(lang, 'follow_up_asked')}:* {_md(str(fu))}"]
        for rep in replies_of(a.follow_up):
            out += ["", f"*{_t(lang, 'replies')}:* “{_md(rep['asked'])}” → {_md(rep['reply'])}"]
        for r2 in a.results:
            if r2 is not a.shown:
                out += ["", "*" + _md(_t(lang, "rescored", v=r2.rubric_version, at=when(r2.created_at),
                                           score=r2.score)) + "*"]
        out.append("")
    return "\n".join(out).rstrip("\n") + "\n"


# -- HTML --------------------------------------------------------------------------------------

CSS = """
:root { --ink: #1d2330; --muted: #5b6478; --line: #d8dce6; --good: #2e7d32; --bad: #c62828;
        --warn: #b26a00; --good-bg: #dcf1dd; --bad-bg: #fadcdc; --warn-bg: #ffe8c2; --paper: #fff; }
* { box-sizing: border-box; }
body { margin: 0; background: #f3f4f8; color: var(--ink);
       font: 15px/1.55 system-ui, -apple-system, "Segoe UI", Roboto, "Helvetica Neue", Arial, sans-serif; }
main { max-width: 52rem; margin: 0 auto; padding: 1.5rem 1.25rem 3rem; background: var(--paper); }
h1 { font-size: 1.6rem; margin: 0 0 .25rem; }
h2 { font-size: 1.2rem; margin: 2rem 0 .5rem; border-bottom: 1px solid var(--line); padding-bottom: .2rem; }
h3 { font-size: 1rem; margin: 1rem 0 .3rem; }
.meta { color: var(--muted); margin: 0; padding: 0; list-style: none; }
.meta li { display: inline-block; margin-right: 1.2rem; }
.big { font-size: 2.4rem; font-weight: 700; line-height: 1; }
.score-line { display: flex; align-items: baseline; gap: .6rem; margin: .8rem 0; }
.pass { color: var(--good); } .fail { color: var(--bad); } .bonus { color: var(--muted); }
svg.chart { width: 100%; height: auto; max-width: 46rem; }
svg.chart text { font: 13px system-ui, sans-serif; fill: var(--ink); }
svg.chart .track { fill: #eceef3; }
svg.chart .bar-pass { fill: var(--good); } svg.chart .bar-fail { fill: var(--bad); }
ul.check { list-style: none; padding-left: 0; }
ul.check li { margin: .15rem 0; }
.yes::before { content: "✓ "; color: var(--good); font-weight: 700; }
.no::before { content: "✗ "; color: var(--bad); font-weight: 700; }
.answer-text { white-space: pre-wrap; border-left: 3px solid var(--line); padding: .4rem .8rem;
               background: #fafbfd; overflow-wrap: anywhere; }
mark { color: inherit; border-radius: 2px; padding: 0 1px; }
mark.good { background: var(--good-bg); border-bottom: 2px solid var(--good); }
mark.bad { background: var(--bad-bg); border-bottom: 2px dashed var(--bad); }
mark.warn { background: var(--warn-bg); border-bottom: 2px dotted var(--warn); }
table { border-collapse: collapse; width: 100%; margin: .5rem 0; }
th, td { text-align: left; padding: .25rem .5rem; border-bottom: 1px solid var(--line); vertical-align: top; }
td.num { text-align: right; white-space: nowrap; }
.crit { margin: .6rem 0; }
.crit .fb { margin: .15rem 0 .15rem 1.2rem; }
.ev { margin: 0 0 0 1.2rem; padding: 0; list-style: none; color: var(--muted); font-size: .92em; }
code { font: .88em ui-monospace, SFMono-Regular, Menlo, Consolas, monospace; }
.cap { border: 1px solid var(--warn); background: var(--warn-bg); padding: .3rem .6rem; border-radius: 4px; }
.note { color: var(--muted); font-size: .9em; }
dl.guide dt { font-weight: 600; } dl.guide dd { margin: 0 0 .4rem 1.2rem; }
footer { margin-top: 2.5rem; color: var(--muted); font-size: .85em; }
@media print {
  @page { margin: 16mm 14mm; }
  body { background: #fff; font-size: 10.5pt; }
  main { max-width: none; padding: 0; }
  h2 { break-after: avoid; page-break-after: avoid; }
  section.answer { break-before: page; page-break-before: always; }
  .crit, tr, .cap, svg.chart { break-inside: avoid; page-break-inside: avoid; }
  mark, svg.chart, .yes::before, .no::before { -webkit-print-color-adjust: exact; print-color-adjust: exact; }
  .answer-text { background: #fff; }
}
"""


def _e(text: Any) -> str:
    return html.escape(str(text), quote=True)


def _pct(score: float) -> int:
    return int(round(float(score) * 100))


def _chart(criteria: list[dict[str, Any]], lang: str) -> str:
    """A horizontal bar per criterion (0-100 %), pass green / fail red, the figure written."""
    row, bar_w, top = 30, 340, 8
    longest = max((len(str(c.get("name", c.get("id", "")))) for c in criteria), default=10)
    label_w = max(210, 8 * (longest + 3))        # room for the longest name (Romanian ones are long)
    height = top * 2 + row * max(1, len(criteria))
    width = label_w + bar_w + 60
    parts = [f'<svg class="chart" viewBox="0 0 {width} {height}" width="{width}" height="{height}" '
             f'role="img" aria-labelledby="chart-title"><title id="chart-title">{_e(_t(lang, "criteria"))}</title>']
    for i, c in enumerate(criteria):
        y = top + i * row
        pct = max(0, min(100, _pct(c.get("score", 0))))
        cls = "bar-pass" if c.get("passed") else "bar-fail"
        fill = "#2e7d32" if c.get("passed") else "#c62828"
        mark = "✓" if c.get("passed") else "✗"
        parts.append(f'<text x="0" y="{y + 19}">{_e(mark)} {_e(c.get("name", c.get("id", "")))}</text>')
        parts.append(f'<rect class="track" x="{label_w}" y="{y + 5}" width="{bar_w}" height="18" rx="3" '
                     f'fill="#eceef3"/>')
        parts.append(f'<rect class="{cls}" x="{label_w}" y="{y + 5}" width="{bar_w * pct / 100:.1f}" height="18" '
                     f'rx="3" fill="{fill}"/>')
        parts.append(f'<text x="{label_w + bar_w + 8}" y="{y + 19}">{pct}%</text>')
    parts.append("</svg>")
    return "".join(parts)


def _effects(result: dict[str, Any]) -> dict[str, str]:
    out = {}
    for c in result.get("criteria", []):
        for k in c.get("checks", []):
            out[f"{c['id']}.{k['id']}"] = k.get("effect", "reward")
    return out


def _tones(result: dict[str, Any]) -> dict[str, str]:
    """Rule id -> how its evidence is shown, as in the TUI: ``good`` (credited), ``bad``
    (penalised), ``warn`` (repeated), or ``""`` (not highlighted: see engine.highlighted)."""
    out = {}
    for c in result.get("criteria", []):
        for k in c.get("checks", []):
            eff = k.get("effect", "reward")
            tone = "" if not highlighted(k.get("kind", ""), eff) else \
                "warn" if k.get("kind") == "repetition" else "bad" if eff == "penalty" else "good"
            out[f"{c['id']}.{k['id']}"] = tone
    return out


def _spans(result: dict[str, Any], text: str) -> list[tuple[int, int, str, str]]:
    """(start, end, rule, tone) of every evidence span that really is in ``text``."""
    tones = _tones(result)
    out = []
    for c in result.get("criteria", []):
        for e in c.get("evidence", []):
            try:
                s, t = int(e["start"]), int(e["end"])
            except (KeyError, TypeError, ValueError):
                continue
            tone = tones.get(str(e.get("rule", "")), "good")
            if tone and 0 <= s < t <= len(text) and text[s:t] == e.get("text"):
                out.append((s, t, str(e.get("rule", "")), tone))
    return out


def highlight(text: str, result: dict[str, Any]) -> str:
    """The answer as HTML, each evidence span in a ``<mark>`` (good, bad or warn), escaped."""
    spans = _spans(result, text)
    if not spans:
        return _e(text)
    cuts = sorted({0, len(text)} | {s for s, _, _, _ in spans} | {t for _, t, _, _ in spans})
    out = []
    for a, b in zip(cuts, cuts[1:]):
        piece = _e(text[a:b])
        on = [(rule, eff) for s, t, rule, eff in spans if s <= a and b <= t]
        if not on:
            out.append(piece)
            continue
        tones = {tone for _, tone in on}
        cls = "bad" if "bad" in tones else "warn" if "warn" in tones else "good"
        rules = ", ".join(dict.fromkeys(r for r, _ in on))
        out.append(f'<mark class="{cls}" title="{_e(rules)}">{piece}</mark>')
    return "".join(out)


def _facts(lang: str) -> dict[str, str]:
    try:
        from mockint.core.questions.guide import facts

        return {fid: f.text(lang) for fid, f in facts().items()}
    except Exception:  # pragma: no cover - the built-in guide always loads
        return {}


def render_html(report: dict[str, Any]) -> str:  # noqa: C901 - issue 17: to split
    """One self-contained HTML page for a JSON report (see :func:`report_dict`)."""
    from mockint import __version__

    lang = report.get("lang") if report.get("lang") in STRINGS else "en"
    session = report.get("session") or {}
    answers = report.get("answers") or []
    facts = _facts(lang)
    cited: list[str] = []

    def cite(ids: list[str]) -> str:
        for g in ids:
            if g not in cited:
                cited.append(g)
        return ", ".join(f"<code>{_e(g)}</code>" for g in ids)

    sid = str(report.get("id", ""))
    p: list[str] = ["<!DOCTYPE html>", f'<html lang="{_e(lang)}">', "<head>", '<meta charset="utf-8">',
                    '<meta name="viewport" content="width=device-width, initial-scale=1">',
                    f"<title>mockint: {_e(_t(lang, 'title'))} {_e(sid[:8])}</title>",
                    f"<style>{CSS}</style>", "</head>", "<body>", "<main>"]
    p.append(f"<header><h1>{_e(_t(lang, 'title'))}</h1><ul class=\"meta\">"
             f"<li>{_e(_t(lang, 'session'))}: <code>{_e(sid)}</code></li>"
             f"<li>{_e(_t(lang, 'started'))}: {_e(when(report.get('started_at')))}</li>"
             f"<li>{_e(_t(lang, 'finished'))}: "
             f"{_e(when(report.get('finished_at')) if report.get('finished_at') else _t(lang, 'unfinished'))}</li>"
             f"<li>{_e(_t(lang, 'language'))}: {_e(lang)}</li>"
             f"<li>{_e(_t(lang, 'answers'))}: {len(answers)}</li></ul>")
    p.append(f"<div class=\"score-line\"><span class=\"big\">{_e(session.get('score', 0))}</span>"
             f"<span>/100 · {_e(_t(lang, 'asked_back'))}: "
             f"{_e(_t(lang, 'yes') if session.get('asked_questions') else _t(lang, 'no'))}</span></div></header>")

    crits = session.get("criteria") or []
    p.append(f"<section><h2>{_e(_t(lang, 'criteria'))}</h2>{_chart(crits, lang)}<table><tr>"
             f"<th></th><th>{_e(_t(lang, 'criterion'))}</th><th>{_e(_t(lang, 'score'))}</th>"
             f"<th>{_e(_t(lang, 'guide'))}</th></tr>")
    for c in crits:
        cls = "pass" if c.get("passed") else "fail"
        p.append(f"<tr><td class=\"{cls}\">{'✓' if c.get('passed') else '✗'}</td><td>{_e(c.get('name', ''))}</td>"
                 f"<td class=\"num\">{_pct(c.get('score', 0))}%</td><td>{cite(list(c.get('guide', [])))}</td></tr>")
    p.append("</table></section>")

    ready = report.get("readiness") or {}
    p.append(f"<section><h2>{_e(_t(lang, 'readiness'))}</h2>")
    if ready:
        p.append("<ul class=\"check\">" + "".join(
            f"<li class=\"{'yes' if ok else 'no'}\">{_e(_readiness_label(lang, k))}</li>" for k, ok in ready.items())
            + "</ul>")
    else:
        p.append(f"<p class=\"note\">{_e(_t(lang, 'none'))}</p>")
    p.append("</section>")

    weakest = session.get("weakest") or []
    if weakest:
        p.append(f"<section><h2>{_e(_t(lang, 'weakest'))}</h2><ol>")
        for w in weakest:
            i = w.get("answer") if isinstance(w.get("answer"), int) else 0
            asked = answers[i - 1].get("question_text") if 1 <= i <= len(answers) else None
            q = asked or w.get("question_id") or f"{_t(lang, 'answer')} {w.get('answer')}"   # the question, not its id
            guide = list(w.get("guide", []))
            note = f" <span class=\"note\">[{cite(guide)}]</span>" if guide else ""        # no empty "[]"
            p.append(f"<li><strong>{_e(q)}</strong> — {_e(w.get('name', ''))} ({_pct(w.get('score', 0))}%): "
                     f"{_e(w.get('advice', ''))}{note}</li>")
        p.append("</ol></section>")

    for i, a in enumerate(answers, 1):
        text = a.get("answer") if isinstance(a.get("answer"), str) else ""
        head = f"{_t(lang, 'answer')} {i}/{len(answers)}"
        p.append(f"<section class=\"answer\"><h2>{_e(head)}: {_e(a.get('question_text', ''))}</h2>")
        bits = [f"<li><code>{_e(a.get('question_id') or '—')}</code></li>",
                f"<li>{_e(_t(lang, 'score'))}: <strong>{_e(a.get('score', ''))}</strong>/100</li>",
                f"<li>{_e(a.get('words', 0))} {_e(_t(lang, 'words'))}</li>"]
        if a.get("elapsed") is not None:
            secs = int(round(float(a["elapsed"])))
            bits.append(f"<li>{_e(_t(lang, 'elapsed'))}: {secs // 60}:{secs % 60:02d}</li>")
        bits.append(f"<li>{_e(_t(lang, 'rubric'))} {_e(a.get('rubric_version', ''))}</li>")
        p.append("<ul class=\"meta\">" + "".join(bits) + "</ul>")
        for cap in a.get("caps") or []:
            p.append(f"<p class=\"cap\">{_e(_t(lang, 'capped', max=cap.get('max', '')))}: {_e(cap.get('reason', ''))} "
                     f"<code>{_e(cap.get('rule', ''))}</code></p>")
        p.append(f"<h3>{_e(_t(lang, 'your_answer'))}</h3><div class=\"answer-text\">{highlight(text, a)}</div>")
        p.append(f"<p class=\"note\">{_e(_t(lang, 'legend'))}</p>")
        fu = a.get("follow_up_asked")
        if isinstance(fu, dict) and fu.get("question"):
            p.append(f"<p><em>{_e(_t(lang, 'follow_up_asked'))}:</em> {_e(fu['question'])}</p>")
        for rep in a.get("replies") or []:
            p.append(f"<p class=\"reply\"><em>{_e(_t(lang, 'replies'))}:</em> “{_e(rep.get('asked', ''))}” → "
                     f"{_e(rep.get('reply', ''))}</p>")
        for c in a.get("criteria") or []:
            mark = "✓" if c.get("passed") else ("·" if c.get("mode") == "bonus" else "✗")
            cls = "pass" if c.get("passed") else ("bonus" if c.get("mode") == "bonus" else "fail")
            p.append(f"<div class=\"crit\"><div><span class=\"{cls}\">{mark}</span> <strong>{_e(c.get('name', ''))}"
                     f"</strong> {_pct(c.get('score', 0))}%"
                     + (f" <span class=\"note\">[{cite(list(c.get('guide', [])))}]</span>" if c.get("guide") else "")
                     + f"</div><p class=\"fb\">{_e(c.get('feedback', ''))}</p>")
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
                p.append(f"<p class=\"fb\">→ <em>{_e(_t(lang, 'follow_up'))}:</em> {_e(c['follow_up'])}</p>")
            p.append("</div>")
        for r in a.get("rescored") or []:
            note = _t(lang, 'rescored', v=r.get('rubric_version'), at=when(r.get('created_at')), score=r.get('score'))
            p.append(f"<p class=\"note\">{_e(note)}</p>")
        p.append("</section>")

    if cited:
        p.append(f"<section><h2>{_e(_t(lang, 'guide'))}</h2><dl class=\"guide\">")
        for g in cited:
            p.append(f"<dt><code>{_e(g)}</code></dt><dd>{_e(facts.get(g, ''))}</dd>")
        p.append("</dl></section>")
    p.append(f"<footer>{_e(_t(lang, 'made_by', version=__version__))}</footer>")
    p += ["</main>", "</body>", "</html>"]
    return "\n".join(p) + "\n"
