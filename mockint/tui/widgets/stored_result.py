"""A stored result, shown exactly as it was: rendered from the score object kept in the history
(``Result.to_dict()``), never re-scored.

The marks follow the feedback screen's rules (``highlighted.marks_of``) but read the dict: each
evidence span ``{start, end, text, rule}`` takes the effect of its check in the criterion's
``checks`` list (reward and bonus green, penalty red, a repetition check orange; key-point spans
``key_points.<point>`` belong to the talking-points check); evidence that ``core.display`` says
is not highlighted (gates, whole-answer context) is not marked. The
answer is user text: it is put in a ``rich.text.Text`` and styled by offsets, never parsed as markup.
"""

from __future__ import annotations

from typing import Any

from rich.text import Text

from mockint.core.data import display
from mockint.tui.widgets.criterion_bar import criterion_line
from mockint.tui.widgets.highlighted import _TONE_RANK, Mark, in_reading_order


def _effects(criterion: dict[str, Any]) -> tuple[dict[str, tuple[str, str]], tuple[str, str] | None]:
    """rule -> (effect, kind) of the criterion's checks, and the talking-points check's pair."""
    cid = criterion.get("id", "")
    by_rule: dict[str, tuple[str, str]] = {}
    points = None
    for k in criterion.get("checks", []) or []:
        pair = (k.get("effect", "reward"), k.get("kind", ""))
        by_rule[f"{cid}.{k.get('id', '')}"] = pair
        if pair[1] == "talking_points":
            points = pair
    return by_rule, points


def marks_from_dict(result: dict[str, Any], answer: str) -> list[Mark]:
    """The numbered marks of a stored result, in the order the feedback screen numbered them."""
    spans: list[tuple[int, int, str, str, str]] = []      # start, end, rule, text, tone
    for c in result.get("criteria", []) or []:
        by_rule, points = _effects(c)
        for e in c.get("evidence", []) or []:
            try:
                start, end, rule = int(e["start"]), int(e["end"]), str(e["rule"])
            except (KeyError, TypeError, ValueError):
                continue
            if rule in by_rule:
                effect, kind = by_rule[rule]
            else:                   # key_points.<point>: the talking-points check's effect
                effect, kind = (points[0] if points else "reward"), ""
            if not display.highlighted(kind, effect) or end <= start or start < 0 or end > len(answer):
                continue
            tone = "repeat" if kind == "repetition" else effect
            if tone not in _TONE_RANK:
                tone = "reward"
            spans.append((start, end, rule, str(e.get("text", answer[start:end])), tone))
    spans.sort(key=lambda s: (s[0], s[1], s[2]))
    by_span: dict[tuple[int, int], Mark] = {}
    for start, end, rule, text, tone in spans:
        mark = by_span.get((start, end))
        if mark is None:
            mark = by_span[(start, end)] = Mark(len(by_span) + 1, start, end, text, tone=tone)
        if rule not in mark.rules:
            mark.rules.append(rule)
        if _TONE_RANK[tone] > _TONE_RANK[mark.tone]:
            mark.tone = tone
    return in_reading_order(list(by_span.values()), answer)


def criteria_lines(result: dict[str, Any]) -> list[tuple[Text, str]]:
    """Each criterion's line (✓/✗, name, bar, %) and its advice ("" for none), to be shown as the
    feedback screen shows them: the advice in a block of its own, indented as it wraps."""
    out = []
    for c in result.get("criteria", []) or []:
        line = criterion_line(str(c.get("name") or c.get("id", "")), float(c.get("score", 0.0)),
                              bool(c.get("passed")), c.get("mode") == "bonus")
        out.append((line, str(c.get("feedback") or "")))
    return out


def criteria_text(result: dict[str, Any]) -> Text:
    """One line per criterion (✓/✗, name, bar, %), without advice (a re-scoring's summary)."""
    return Text("\n").join(line for line, _ in criteria_lines(result))
