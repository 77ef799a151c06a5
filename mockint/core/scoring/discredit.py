"""Words called empty earn nothing elsewhere: a check's ``discredits`` (docs/rubric-format.md).

When a penalty check that names criteria or checks in ``discredits`` finds words in an answer
(jargon with nothing behind it, a list of keywords), the checks it names run on the answer with
those words blanked out (:func:`mockint.core.scoring.text.without_spans`, as repeats are), so the
feedback never praises as listening or as a talking point the words it calls empty. Evidence
keeps the answer's offsets."""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

from mockint.core.questions.bank import Question
from mockint.core.scoring.checks import Check, Ctx, Outcome, Span
from mockint.core.scoring.model import CheckSpec
from mockint.core.scoring.points import cap_applies
from mockint.core.scoring.text import Analysed, without_spans

Discrediting = list[tuple[str, str, frozenset[str]]]       # (rule, its criterion, what it discredits)


def _sentence(a: Analysed, sp: Span) -> tuple[int, int]:
    """The sentence (or sentences) a hit lies in, as offsets."""
    sent = a.sentence_of_token
    if not sent:
        return sp.start, sp.end
    first, last = sent[min(sp.first, len(sent) - 1)], sent[min(sp.last, len(sent) - 1)]
    return a.sentences[first][0], a.sentences[last][1]


def discredited(discrediting: Discrediting, rules_for: Callable[[str, Question], list[tuple[CheckSpec, str]]],
                checks: dict[str, Check], bank: Any, a: Analysed, question: Question, ctx: Ctx,
                run: Callable[[str], Outcome]) -> tuple[Callable[[str], Outcome], Ctx | None]:
    """(run, the blanked answer's Ctx or None): ``run`` itself when no discrediting check found
    anything in this answer. ``rules_for(criterion, question)``: the checks applied."""
    spans: list[tuple[int, int]] = []
    names: set[str] = set()
    for rule, crit_id, targets in discrediting:
        spec = next((sp for sp, r in rules_for(crit_id, question) if r == rule), None)
        if spec is None:
            continue                # not applied to this kind of question
        o = run(rule)
        if o.count >= spec.min_hits:
            whole = spec.discredits_sentence and cap_applies(spec, o, a)    # only once it caps the answer
            spans += [_sentence(a, sp) if whole else (sp.start, sp.end) for sp in o.spans]
            names.update(targets)
    if not spans:
        return run, None
    own = {rule for rule, _, _ in discrediting}
    ctx_m = Ctx(without_spans(a, spans), question, ctx.elapsed, None, bank)
    memo: dict[str, Outcome] = {}

    def blanked(rule: str) -> Outcome:
        """Any check on the blanked answer: what a discredited check draws on (the evidence a
        'substance' check gathers from other checks) is blanked too."""
        if rule in own:
            return run(rule)
        if rule not in memo:
            memo[rule] = checks[rule].run(ctx_m)
        return memo[rule]

    def run_m(rule: str) -> Outcome:
        if rule in names or rule.partition(".")[0] in names:
            o = run(rule)           # nothing of it in the words called empty: nothing to take back
            if not any(sp.start < e and s < sp.end for sp in o.spans for s, e in spans):
                return o
            return blanked(rule)
        return run(rule)

    ctx_m.run = blanked
    return run_m, ctx_m
