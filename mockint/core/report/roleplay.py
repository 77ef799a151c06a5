"""A call as text (for people), Markdown, or JSON (the stored form, ``CallResult.to_dict``).

Each takes a live :class:`Call` or a stored :class:`CallResult`; the wording of labels comes from
the language's ``messages`` (so a Romanian call renders in Romanian). Same call, same bytes.
"""

from __future__ import annotations

from mockint.core.roleplay.scenario import builtin
from mockint.core.roleplay.score import CallResult
from mockint.core.scoring.feedback import bar, to_json


def _result(call) -> CallResult:
    return call if isinstance(call, CallResult) else call.result()


def _labels(lang: str):
    return builtin(lang)[0]


def _one(text: str) -> str:
    return " ".join(text.split())


def _outcome(language, r: CallResult) -> str:
    return language.msg("outcomes", r.outcome, turn=r.end_turn)


def _dimension_rows(language, r: CallResult) -> list[tuple[str, str, int | None]]:
    return [(d, language.msg("dimensions", d), r.dimensions[d]) for d in r.dimensions]


def render_text(call) -> str:
    r = _result(call)
    L = _labels(r.lang)
    lab = lambda k, **kw: L.msg("labels", k, **kw)       # noqa: E731
    out = [f"{r.title} ({r.scenario})", f"{lab('brief')}: {_one(r.brief)}",
           f"{lab('buyer')}: {r.buyer['name']}, {r.buyer['role']}",
           f"{lab('practises')} ({lab('guide')}): {', '.join(r.guide)}", ""]
    out.append(f"{lab('buyer')}: {_one(' '.join(p['text'] for p in r.opening))}")
    for t in r.turns:
        out += ["", lab("turn", n=t["turn"]), f"  {lab('you')}: {_one(t['candidate'])}",
                f"  {lab('buyer')}: {_one(' '.join(p['text'] for p in t['buyer']))}"]
    out += ["", f"{lab('outcome')}: {_outcome(L, r)}", f"{lab('score')}: {r.overall}/100"]
    if r.cap:
        out.append(f"  ! {lab('capped', cap=r.cap['cap'], reason=r.cap['reason'])}")
    width = max(len(name) for _, name, _ in _dimension_rows(L, r))
    for d, name, s in _dimension_rows(L, r):
        shown = f"{bar(s)} {s:>3}" if s is not None else lab("not_applicable")
        out.append(f"  {name:<{width}}  {shown}  ({lab('weight_of', w=f'{r.weights[d]:g}')})")
    out += _needs_text(lab, r)
    out += ["", f"{lab('marks')}:"]
    for m in r.marks:
        out.append("  " + _mark_line(L, m, lambda q: f"“{_one(q)}”"))
    out += ["", f"{lab('feedback')}:"]
    out += [f"  - {f.text} [{lab('guide')}: {f.guide}]" for f in r.feedback] or [f"  {lab('none')}"]
    return "\n".join(out) + "\n"


def _needs_text(lab, r: CallResult) -> list[str]:
    found = ", ".join(f"{n['label']} ({lab('turn', n=n['turn'])})" for n in r.needs_found) or lab("none")
    missed = ", ".join(n["label"] for n in r.needs_missed) or lab("none")
    return [f"{lab('needs_found')}: {found}", f"{lab('needs_missed')}: {missed}"]


def _mark_line(L, m, quote, esc=lambda s: s) -> str:
    where = L.msg("labels", "turn", n=m.turn) if m.turn else "-"
    sign = "✓" if m.good else "✗"
    said = f"{quote(m.quote)} " if m.quote else ""
    heard = f" ← {quote(m.buyer_quote)}" if m.buyer_quote else ""
    cite = f"[{L.msg('labels', 'guide')}: {m.guide}]"       # as the rest of mockint cites the guide
    return f"{where} {sign} {L.msg('dimensions', m.dimension)}: {said}{esc(m.message)}{heard} {cite}"


def render_json(call) -> str:
    return to_json(_result(call).to_dict())


def _md(text: str) -> str:
    text = _one(text)
    for ch in "\\`*_[]<>|#":
        text = text.replace(ch, "\\" + ch)
    return text


def render_markdown(call) -> str:
    r = _result(call)
    L = _labels(r.lang)
    lab = lambda k, **kw: L.msg("labels", k, **kw)       # noqa: E731
    out = [f"# {_md(r.title)} (`{r.scenario}`)", "", f"**{lab('brief')}:** {_md(r.brief)}", "",
           f"**{lab('buyer')}:** {_md(r.buyer['name'])}, {_md(r.buyer['role'])}", "",
           f"**{lab('practises')}:** {', '.join(r.guide)}", "", f"## {lab('dialogue')}", "",
           f"> **{lab('buyer')}:** {_md(' '.join(p['text'] for p in r.opening))}"]
    for t in r.turns:
        out += ["", f"**{lab('turn', n=t['turn'])} · {lab('you')}:** {_md(t['candidate'])}", "",
                f"> **{lab('buyer')}:** {_md(' '.join(p['text'] for p in t['buyer']))}"]
    out += ["", f"**{lab('outcome')}:** {_md(_outcome(L, r))}", "", f"## {lab('score')}: {r.overall}/100", ""]
    if r.cap:
        out += [f"> {_md(lab('capped', cap=r.cap['cap'], reason=r.cap['reason']))}", ""]
    out += [f"| {lab('dimension')} | {lab('score')} | {lab('weight')} |", "|---|---:|---:|"]
    for d, name, s in _dimension_rows(L, r):
        out.append(f"| {name} | {s if s is not None else _md(lab('not_applicable'))} | x{r.weights[d]:g} |")
    out += [""] + [f"- {_md(x)}" for x in _needs_text(lab, r)]
    out += ["", f"## {lab('marks')}", ""]
    out += ["- " + _mark_line(L, m, lambda q: f"“{_md(q)}”", _md) for m in r.marks]
    out += ["", f"## {lab('feedback')}", ""]
    out += [f"- {_md(f.text)} `{f.guide}`" for f in r.feedback] or [f"- {lab('none')}"]
    return "\n".join(out) + "\n"


def render_html(call) -> str:
    """One self-contained HTML page (the style of ``mockint report``'s): every text escaped."""
    # deferred: html ~1.2 ms, the page ~1.3 ms; 'mockint roleplay' in text or JSON needs neither
    from html import escape

    from mockint.core.report.page import CSS  # deferred: as above

    r = _result(call)
    L = _labels(r.lang)
    lab = lambda k, **kw: escape(L.msg("labels", k, **kw))       # noqa: E731
    e = lambda s: escape(_one(str(s)))                            # noqa: E731
    p = ["<!DOCTYPE html>", f'<html lang="{e(r.lang)}">', "<head>", '<meta charset="utf-8">',
         '<meta name="viewport" content="width=device-width, initial-scale=1">',
         f"<title>mockint: {e(r.title)}</title>", f"<style>{CSS}</style>", "</head>", "<body>", "<main>",
         f"<header><h1>{e(r.title)}</h1><ul class=\"meta\"><li>{lab('buyer')}: {e(r.buyer['name'])}, "
         f"{e(r.buyer['role'])}</li><li>{lab('practises')}: {e(', '.join(r.guide))}</li></ul>",
         f"<p>{lab('brief')}: {e(r.brief)}</p>",
         f"<div class=\"score-line\"><span class=\"big\">{r.overall}</span><span>/100 · {lab('outcome')}: "
         f"{e(_outcome(L, r))}</span></div></header>"]
    if r.cap:
        p.append(f"<p class=\"fail\">{lab('capped', cap=r.cap['cap'], reason=r.cap['reason'])}</p>")
    p.append(f"<section><h2>{lab('score')}</h2><table><tr><th>{lab('dimension')}</th><th>{lab('score')}</th>"
             f"<th>{lab('weight')}</th></tr>")
    for d, name, s in _dimension_rows(L, r):
        shown = s if s is not None else lab("not_applicable")
        p.append(f"<tr><td>{e(name)}</td><td class=\"num\">{shown}</td><td class=\"num\">x{r.weights[d]:g}</td></tr>")
    needs = _needs_text(lambda k, **kw: L.msg("labels", k, **kw), r)
    p.append("</table><ul>" + "".join(f"<li>{e(x)}</li>" for x in needs)
             + "</ul></section>")
    p.append(f"<section><h2>{lab('dialogue')}</h2>"
             f"<p><b>{lab('buyer')}:</b> {e(' '.join(x['text'] for x in r.opening))}</p>")
    for t in r.turns:
        p.append(f"<p><b>{lab('turn', n=t['turn'])} · {lab('you')}:</b> {e(t['candidate'])}</p>"
                 f"<blockquote><b>{lab('buyer')}:</b> {e(' '.join(x['text'] for x in t['buyer']))}</blockquote>")
    p.append(f"</section><section><h2>{lab('marks')}</h2><ul>")
    p += [f"<li class=\"{'pass' if m.good else 'fail'}\">{e(_mark_line(L, m, lambda q: f'“{q}”'))}</li>"
          for m in r.marks]
    p.append(f"</ul></section><section><h2>{lab('feedback')}</h2><ul>")
    p += [f"<li>{e(f.text)} <code>{e(f.guide)}</code></li>" for f in r.feedback] or [f"<li>{lab('none')}</li>"]
    p += ["</ul></section>", "</main>", "</body>", "</html>"]
    return "\n".join(p) + "\n"
