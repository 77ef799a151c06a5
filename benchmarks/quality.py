"""Feedback quality: the scorer against answers labelled by hand (benchmarks/quality/{en,ro}.yaml).

Each answer was written and labelled per criterion and overall (strong / adequate / weak) before
the scorer ever saw it. This prints, per criterion, how often the scorer agrees with the label,
with precision and recall of "yes"; for the overall score, the Spearman correlation with the grade
and the share of strong-versus-weak pairs (same language) that the score puts in the right order.

Run:  python benchmarks/quality.py                 (both languages; prints figures)
      python benchmarks/quality.py --lang ro --misses   (and every disagreement, to study)

What the scorer's result is read as, per label (fixed before the first run):
  real_example     the `real_examples` criterion passes (situation, actions, result...)
  quantified       the `real_examples.numbers` check finds at least one figure
  confident        the `confidence` criterion passes
  asks_question    the `questions_back.role_questions` check finds at least one question (on the
                   closing question, where it is replaced, `questions_back.questions_to_them`)
  customer_focused the `two_way` criterion passes
  substantive      no substance cap (one word, keyword list, off-topic, lorem...) applies
Targets: >= 90 % agreement per criterion; >= 0.95 of strong-versus-weak pairs in the right order.
"""

from __future__ import annotations

import argparse
import sys
from pathlib import Path

import yaml

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

LABELS = ("real_example", "quantified", "confident", "asks_question", "customer_focused", "substantive")
GRADES = {"weak": 0, "adequate": 1, "strong": 2}
TARGET_AGREEMENT, TARGET_PAIRS = 0.90, 0.95


def _check(result, rule: str):
    crit_id = rule.split(".")[0]
    crit = result.criterion(crit_id)
    if crit is None:
        return None
    return next((c for c in crit.checks if c.rule == rule), None)


def _passed(result, crit_id: str) -> bool:
    crit = result.criterion(crit_id)
    return bool(crit and crit.passed)


def predict(result) -> dict[str, bool]:
    """The labels as the scorer's result says them (see the module docstring)."""
    numbers = _check(result, "real_examples.numbers")
    questions = (_check(result, "questions_back.role_questions")
                 or _check(result, "questions_back.questions_to_them"))
    return {
        "real_example": _passed(result, "real_examples"),
        "quantified": bool(numbers and numbers.count > 0),
        "confident": _passed(result, "confidence"),
        "asks_question": bool(questions and questions.count > 0),
        "customer_focused": _passed(result, "two_way"),
        "substantive": not result.caps,
    }


def load(lang: str) -> list[dict]:
    path = ROOT / "benchmarks" / "quality" / f"{lang}.yaml"
    return yaml.safe_load(path.read_text(encoding="utf-8"))["answers"]


def score_all(langs: list[str]) -> list[dict]:
    from mockint.core import loader

    rows = []
    for lang in langs:
        scorer, bank = loader.scorer(lang), loader.bank(lang)
        for item in load(lang):
            result = scorer.score(item["text"], bank.get(item["question"]))
            rows.append({"id": item["id"], "lang": lang, "question": item["question"],
                         "overall": item["overall"], "labels": item["labels"], "score": result.score,
                         "pred": predict(result), "words": len(item["text"].split()),
                         "caps": [c.rule for c in result.caps]})
    return rows


def _ranks(values: list[float]) -> list[float]:
    order = sorted(range(len(values)), key=lambda i: values[i])
    ranks = [0.0] * len(values)
    i = 0
    while i < len(order):
        j = i
        while j + 1 < len(order) and values[order[j + 1]] == values[order[i]]:
            j += 1
        for k in range(i, j + 1):
            ranks[order[k]] = (i + j) / 2 + 1
        i = j + 1
    return ranks


def spearman(xs: list[float], ys: list[float]) -> float:
    rx, ry = _ranks(xs), _ranks(ys)
    n = len(xs)
    mx, my = sum(rx) / n, sum(ry) / n
    cov = sum((a - mx) * (b - my) for a, b in zip(rx, ry))
    vx = sum((a - mx) ** 2 for a in rx) ** 0.5
    vy = sum((b - my) ** 2 for b in ry) ** 0.5
    return cov / (vx * vy) if vx and vy else 0.0


def pairs(rows: list[dict]) -> tuple[int, int, int]:
    """(right, ties, total) over strong-versus-weak pairs of the same language."""
    right = ties = total = 0
    for s in rows:
        if s["overall"] != "strong":
            continue
        for w in rows:
            if w["overall"] != "weak" or w["lang"] != s["lang"]:
                continue
            total += 1
            right += s["score"] > w["score"]
            ties += s["score"] == w["score"]
    return right, ties, total


def criterion_table(rows: list[dict]) -> list[tuple[str, float, float, float, int, int]]:
    out = []
    for label in LABELS:
        tp = sum(r["labels"][label] and r["pred"][label] for r in rows)
        tn = sum(not r["labels"][label] and not r["pred"][label] for r in rows)
        fp = sum(not r["labels"][label] and r["pred"][label] for r in rows)
        fn = sum(r["labels"][label] and not r["pred"][label] for r in rows)
        prec = tp / (tp + fp) if tp + fp else 1.0
        rec = tp / (tp + fn) if tp + fn else 1.0
        out.append((label, (tp + tn) / len(rows), prec, rec, tp + fn, tp + fp))
    return out


def report(rows: list[dict], title: str) -> dict:
    counts = ", ".join(f"{sum(r['overall'] == g for r in rows)} {g}" for g in GRADES)
    print(f"\n{title}: {len(rows)} answers ({counts})")
    print(f"  {'criterion':<17} {'agreement':>9} {'precision':>9} {'recall':>7} {'labelled yes':>12} {'said yes':>8}")
    table = criterion_table(rows)
    for label, agr, prec, rec, yes, said in table:
        flag = "" if agr >= TARGET_AGREEMENT else "   < 90 %"
        print(f"  {label:<17} {agr:>9.0%} {prec:>9.0%} {rec:>7.0%} {yes:>12} {said:>8}{flag}")
    rho = spearman([r["score"] for r in rows], [GRADES[r["overall"]] for r in rows])
    right, ties, total = pairs(rows)
    means = {g: sum(r["score"] for r in rows if r["overall"] == g) / max(1, sum(r["overall"] == g for r in rows))
             for g in GRADES}
    print(f"  overall score: Spearman {rho:.2f} with the grade; strong > weak in {right}/{total} pairs "
          f"({right / total if total else 0:.1%}; {ties} ties); mean score "
          + ", ".join(f"{g} {means[g]:.0f}" for g in reversed(GRADES)))
    return {"table": table, "rho": rho, "pairs": (right / total if total else 0.0)}


def misses(rows: list[dict]) -> None:
    print("\nDisagreements (label -> scorer):")
    for r in rows:
        wrong = [f"{lab} {'yes' if r['labels'][lab] else 'no'}->{'yes' if r['pred'][lab] else 'no'}"
                 for lab in LABELS if r["labels"][lab] != r["pred"][lab]]
        if wrong:
            print(f"  {r['id']} {r['question']} ({r['overall']}, {r['score']}, {r['words']} words): "
                  + "; ".join(wrong))
    print("\nStrong answers scored at or below a weak one:")
    for s in rows:
        if s["overall"] != "strong":
            continue
        worse = [w["id"] for w in rows if w["overall"] == "weak" and w["lang"] == s["lang"] and w["score"] >= s["score"]]
        if worse:
            print(f"  {s['id']} ({s['score']}) <= {', '.join(worse[:8])}{' ...' if len(worse) > 8 else ''}")


def main(argv: list[str] | None = None) -> dict:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--lang", choices=["en", "ro"], action="append", help="one language (default both)")
    ap.add_argument("--misses", action="store_true", help="list every disagreement")
    args = ap.parse_args(argv)
    langs = args.lang or ["en", "ro"]
    rows = score_all(langs)
    out = {}
    for lang in langs:
        out[lang] = report([r for r in rows if r["lang"] == lang], lang)
    if len(langs) > 1:
        out["all"] = report(rows, "both languages")
    worst = min(a for _, a, *_ in out[langs[0] if len(langs) == 1 else "all"]["table"])
    summary = out[langs[0] if len(langs) == 1 else "all"]
    print(f"\ntargets: agreement >= 90 % per criterion (lowest {worst:.0%}: "
          f"{'met' if worst >= TARGET_AGREEMENT else 'NOT met'}); strong > weak pairs >= 95 % "
          f"({summary['pairs']:.1%}: {'met' if summary['pairs'] >= TARGET_PAIRS else 'NOT met'})")
    if args.misses:
        misses(rows)
    return out


if __name__ == "__main__":
    main()
