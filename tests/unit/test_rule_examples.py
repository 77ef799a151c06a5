"""Every rule of both rubrics has should-pass, should-fail and near-miss examples, and they hold.

A meta-test fails a rule (a check of a criterion) or a criterion that has no examples.
"""

from __future__ import annotations

from pathlib import Path

import pytest
import yaml

from mockint.core.bank import loader

HERE = Path(__file__).parents[1] / "rule_examples"
LANGS = ("en", "ro")


def _examples(lang: str) -> dict:
    path = HERE / f"{lang}.yaml"
    if not path.exists():
        return {}
    # libyaml when built (read at collection, by every pytest -n worker: ~0.5 s in pure Python)
    return yaml.load(path.read_text(encoding="utf-8"), Loader=getattr(yaml, "CSafeLoader", yaml.SafeLoader))


def _items(lang: str):
    ex = _examples(lang)
    texts = ex.get("texts", {}) or {}
    default_q = ex.get("question", "sales-experience")

    def norm(item, expect):
        if isinstance(item, str):
            item = {"text": item}
        text = item["text"]
        for k, v in texts.items():
            text = text.replace("{" + k + "}", v)
        return {"text": text, "question": item.get("question", default_q),
                "elapsed": item.get("elapsed"), "expect": item.get("expect", expect)}

    for rule, groups in (ex.get("rules") or {}).items():
        for group in ("pass", "fail", "near_miss"):
            for i, item in enumerate(groups.get(group) or []):
                it = norm(item, group)
                yield pytest.param(lang, "rule", rule, it, id=f"{lang}:{rule}:{group}{i}")
    for crit, groups in (ex.get("criteria") or {}).items():
        for group in ("pass", "fail"):
            for i, item in enumerate(groups.get(group) or []):
                it = norm(item, group)
                yield pytest.param(lang, "criterion", crit, it, id=f"{lang}:{crit}:{group}{i}")


ALL = [p for lang in LANGS for p in _items(lang)]


@pytest.mark.parametrize("lang", LANGS)
def test_every_rule_has_examples(lang):
    ex = _examples(lang)
    assert ex, f"tests/rule_examples/{lang}.yaml is missing"
    rules = ex.get("rules") or {}
    crits = ex.get("criteria") or {}
    rubric = loader.rubric(lang)
    missing = []
    for c in rubric.criteria:
        for k in c.checks:
            g = rules.get(f"{c.id}.{k.id}") or {}
            for group in ("pass", "fail", "near_miss"):
                if not g.get(group):
                    missing.append(f"{c.id}.{k.id}: no {group} example")
        cg = crits.get(c.id) or {}
        for group in ("pass", "fail"):
            if not cg.get(group):
                missing.append(f"{c.id}: no {group} example answer")
    known = {f"{c.id}.{k.id}" for c in rubric.criteria for k in c.checks}
    stale = sorted(set(rules) - known)
    assert not missing, "\n".join(missing)
    assert not stale, f"examples for rules that do not exist: {stale}"


def test_meta_test_catches_a_rule_without_examples(tmp_path, monkeypatch):
    """The meta-test is real: drop one rule's examples and it fails."""
    ex = _examples("en")
    del ex["rules"]["confidence.hedges"]
    (tmp_path / "en.yaml").write_text(yaml.safe_dump(ex), encoding="utf-8")
    monkeypatch.setattr(__import__(__name__), "HERE", tmp_path)
    with pytest.raises(AssertionError, match="confidence.hedges: no pass example"):
        test_every_rule_has_examples("en")


@pytest.mark.parametrize("lang,level,rule,item", ALL)
def test_example(lang, level, rule, item):
    scorer = loader.scorer(lang)
    q = loader.bank(lang).get(item["question"])
    res = scorer.score(item["text"], q, item["elapsed"])
    want = item["expect"] == "pass"
    if level == "criterion":
        c = res.criterion(rule)
        assert c is not None, f"criterion {rule} not applied"
        assert c.passed == want, f"{rule}: score {c.score:.2f}, feedback: {c.feedback}"
        return
    cid, _, kid = rule.partition(".")
    c = res.criterion(cid)
    assert c is not None, f"criterion {cid} not applied to this example"
    k = next((k for k in c.checks if k.id == kid), None)
    if k is None and _helper(scorer, rule):
        # a check of weight 0 read by another (two_way.other_side reads their_needs...): run alone
        out = _run_alone(scorer, rule, item["text"], q, item["elapsed"])
        assert (out.value >= 0.999) == want, f"{rule}: value {out.value:.2f}, count {out.count}"
        return
    assert k is not None, f"{rule} is not applied to a {q.kind} question ({item['question']})"
    shown = [e.text for e in k.evidence]
    assert k.passed == want, f"{rule}: value {k.value:.2f}, count {k.count}, evidence {shown}"


def _helper(scorer, rule: str) -> bool:
    """A check that is never applied itself (weight 0 for every kind) but read by others."""
    spec = scorer.checks[rule].spec
    return spec.weight == 0 and not any(o.get("weight") for o in spec.by_kind.values())


def _run_alone(scorer, rule: str, text: str, q, elapsed):
    from mockint.core.scoring.checks import Ctx
    from mockint.core.scoring.text import analyse
    memo: dict = {}

    def run(r: str):
        if r not in memo:
            memo[r] = scorer.checks[r].run(ctx)
        return memo[r]
    ctx = Ctx(analyse(text, scorer.lang), q, elapsed, run)
    return run(rule)
