"""The pieces of a report's HTML page: the inline stylesheet (print rules included; the call
report uses it too), escaping, the SVG chart of the criteria, an answer with its evidence
highlighted, the guide's facts. :func:`mockint.core.report.session.render_html` puts them together."""

from __future__ import annotations

import html
from typing import Any

from mockint.core.data.display import highlighted
from mockint.core.data.strings import tr
from mockint.core.questions.guide import facts

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
             f'role="img" aria-labelledby="chart-title"><title id="chart-title">{_e(tr(lang, "criteria"))}</title>']
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
        return {fid: f.text(lang) for fid, f in facts().items()}
    except Exception:  # pragma: no cover - the built-in guide always loads
        return {}
