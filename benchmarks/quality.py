"""Feedback quality: the scorer against answers labelled by hand, on a fixed tuning / test split.

Corpora (each answer labelled by docs/labelling.md before any scoring):
  written   benchmarks/quality/{en,ro}.yaml          answers written for mockint (rubric-shaped, long)
  real      benchmarks/quality/real/*.yaml           answers modelled on real candidates' published
                                                     answers (paraphrased; `source` gives the page)
  adversarial benchmarks/quality/adversarial/*.yaml  (when present) gaming, red flags, negation...

Every answer belongs to the tuning part or the test part by a hash of its id (`part()`), fixed once
and never moved. Rules are changed by studying the tuning part (`--misses` lists its disagreements
only); the figures that count are the test part's.

Printed, per corpus, part and language: per criterion, balanced accuracy (the mean of the recall of
"yes" and of "no": a criterion that says yes to everything scores 50 %), precision and recall of
"yes"; the same per length band (<50, 50-120, >120 words); for the overall score, the AUC of strong
versus weak answers (the share of strong/weak pairs in the right order, ties half), the Spearman
correlation with the grade, and the median score of strong / adequate / weak answers.

Run:  python benchmarks/quality.py                      (every corpus, both parts, both languages)
      python benchmarks/quality.py --part test --corpus real
      python benchmarks/quality.py --misses --lang ro   (the tuning part's disagreements, to study)

What the scorer's result is read as, per label (fixed before the first run):
  real_example     the `real_examples` criterion passes
  quantified       the `real_examples.numbers` check finds at least one figure
  confident        the `confidence` criterion passes
  asks_about_role  the `questions_back` criterion passes (a question about the role was found)
  customer_focused the `two_way` criterion passes
  substantive      the `preparation` criterion passes and no cap applies
  integrity_ok     the `integrity` criterion (red flags) passes (issue 14's; no target here)
Targets (issue 13, test parts, each language): balanced accuracy >= 90 % for real_example,
asks_about_role and customer_focused, >= 85 % for confident and substantive, no criterion under
85 % on answers under 50 words; strong-vs-weak AUC >= 0.95; median strong >= 65, median weak <= 25.
"""

from __future__ import annotations

import argparse
import hashlib
import statistics
import sys
from pathlib import Path

import yaml

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from benchmarks import adversarial  # noqa: E402

QUALITY = ROOT / "benchmarks" / "quality"
LABELS = ("real_example", "quantified", "confident", "asks_about_role", "customer_focused", "substantive",
          "integrity_ok")
CRITERION = {"real_example": "real_examples", "quantified": "real_examples.numbers",
             "confident": "confidence", "asks_about_role": "questions_back",
             "customer_focused": "two_way", "substantive": "preparation", "integrity_ok": "integrity"}
TARGETS = {"real_example": 0.90, "asks_about_role": 0.90, "customer_focused": 0.90,
           "confident": 0.85, "substantive": 0.85}
SHORT_TARGET, AUC_TARGET, STRONG_MEDIAN, WEAK_MEDIAN = 0.85, 0.95, 65, 25
GRADES = {"weak": 0, "adequate": 1, "strong": 2}
BANDS = (("<50", 0, 49), ("50-120", 50, 120), (">120", 121, 10 ** 9))
TEST_SHARE = 50            # per cent of each corpus in the test part


def part(answer_id: str) -> str:
    """'test' or 'tune', from a hash of the id: fixed once, never moved."""
    h = int(hashlib.sha256(answer_id.encode("utf-8")).hexdigest()[:8], 16)
    return "test" if h % 100 < TEST_SHARE else "tune"


def corpus_files() -> dict[str, list[Path]]:
    out = {"written": sorted(QUALITY.glob("*.yaml"))}
    for name in ("real", "adversarial"):
        files = sorted((QUALITY / name).glob("*.yaml")) if (QUALITY / name).is_dir() else []
        if files:
            out[name] = files
    return out


def load(corpus: str, path: Path) -> list[dict]:
    doc = yaml.safe_load(path.read_text(encoding="utf-8"))
    lang = doc["lang"]
    # A file written after the split was fixed may say `part: tune`: it only adds to the tuning part,
    # so the test part stays the one fixed once.
    whole = doc.get("part")
    if whole not in (None, "tune"):
        raise SystemExit(f"{path.name}: 'part' may only be 'tune' (the test part is fixed once)")
    items = []
    for item in doc["answers"]:
        item = dict(item)
        item.update(corpus=corpus, lang=lang, part=whole or part(item["id"]), file=path.name)
        items.append(item)
    return items


def _check(result, rule: str):
    crit = result.criterion(rule.split(".")[0])
    if crit is None:
        return None
    return next((c for c in crit.checks if c.rule == rule), None)


def _passed(result, crit_id: str) -> bool:
    crit = result.criterion(crit_id)
    return bool(crit and crit.passed)


def predict(result) -> dict[str, bool]:
    """The labels as the scorer's result says them (see the module docstring)."""
    numbers = _check(result, "real_examples.numbers")
    return {
        "real_example": _passed(result, "real_examples"),
        "quantified": bool(numbers and numbers.count > 0),
        "confident": _passed(result, "confidence"),
        "asks_about_role": _passed(result, "questions_back"),
        "customer_focused": _passed(result, "two_way"),
        "substantive": _passed(result, "preparation") and not any(c.rule.startswith("preparation.") for c in result.caps),
        "integrity_ok": _passed(result, "integrity"),
    }


def score_all(items: list[dict]) -> list[dict]:
    from mockint.core.bank import loader

    scorers: dict[str, tuple] = {}
    rows = []
    for item in items:
        lang = item["lang"]
        if lang not in scorers:
            scorers[lang] = (loader.scorer(lang), loader.bank(lang))
        scorer, bank = scorers[lang]
        result = scorer.score(item["text"], bank.get(item["question"]))
        labels = dict(item.get("labels") or {})
        rows.append({**item, "labels": labels, "score": result.score, "pred": predict(result),
                     "words": len(item["text"].split()), "caps": [c.rule for c in result.caps],
                     "result": result})
    return rows


def confusion(rows: list[dict], label: str) -> tuple[int, int, int, int]:
    tp = sum(r["labels"][label] and r["pred"][label] for r in rows)
    tn = sum(not r["labels"][label] and not r["pred"][label] for r in rows)
    fp = sum(not r["labels"][label] and r["pred"][label] for r in rows)
    fn = sum(r["labels"][label] and not r["pred"][label] for r in rows)
    return tp, tn, fp, fn


def balanced(tp: int, tn: int, fp: int, fn: int) -> float | None:
    """The mean of the recall of yes and of no (one of them alone when the other class is empty)."""
    recalls = [tp / (tp + fn)] if tp + fn else []
    recalls += [tn / (tn + fp)] if tn + fp else []
    return sum(recalls) / len(recalls) if recalls else None


def auc(rows: list[dict]) -> float | None:
    """P(strong scores above weak), ties half, over pairs of the same language."""
    right = total = 0.0
    for s in rows:
        if s["overall"] != "strong":
            continue
        for w in rows:
            if w["overall"] == "weak" and w["lang"] == s["lang"]:
                total += 1
                right += 1.0 if s["score"] > w["score"] else 0.5 if s["score"] == w["score"] else 0.0
    return right / total if total else None


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
    if len(xs) < 2:
        return 0.0
    rx, ry = _ranks(xs), _ranks(ys)
    n = len(xs)
    mx, my = sum(rx) / n, sum(ry) / n
    cov = sum((a - mx) * (b - my) for a, b in zip(rx, ry))
    vx = sum((a - mx) ** 2 for a in rx) ** 0.5
    vy = sum((b - my) ** 2 for b in ry) ** 0.5
    return cov / (vx * vy) if vx and vy else 0.0


def _pct(x: float | None) -> str:
    return "   -" if x is None else f"{x:4.0%}"


def summary(rows: list[dict]) -> dict:
    """Every figure of one group of answers."""
    out: dict = {"n": len(rows), "criteria": {}, "bands": {}}
    for label in LABELS:
        tp, tn, fp, fn = confusion(rows, label)
        out["criteria"][label] = {
            "balanced": balanced(tp, tn, fp, fn),
            "precision": tp / (tp + fp) if tp + fp else None,
            "recall": tp / (tp + fn) if tp + fn else None, "yes": tp + fn, "no": tn + fp}
    for band, lo, hi in BANDS:
        sub = [r for r in rows if lo <= r["words"] <= hi]
        out["bands"][band] = {"n": len(sub), **{label: balanced(*confusion(sub, label)) for label in LABELS}}
    out["auc"] = auc(rows)
    out["spearman"] = spearman([r["score"] for r in rows], [GRADES[r["overall"]] for r in rows])
    out["median"] = {g: (statistics.median([r["score"] for r in rows if r["overall"] == g])
                         if any(r["overall"] == g for r in rows) else None) for g in GRADES}
    out["grades"] = {g: sum(r["overall"] == g for r in rows) for g in GRADES}
    return out


def print_summary(title: str, s: dict) -> None:
    grades = ", ".join(f"{s['grades'][g]} {g}" for g in reversed(GRADES))
    print(f"\n{title}: {s['n']} answers ({grades})")
    print(f"  {'criterion':<17} {'bal.acc':>7} {'prec':>5} {'recall':>6} {'yes/no':>7}   "
          + "  ".join(f"{b:>6}" for b, _, _ in BANDS))
    print(f"  {'':<17} {'':>7} {'':>5} {'':>6} {'':>7}   "
          + "  ".join(f"{'n=' + str(s['bands'][b]['n']):>6}" for b, _, _ in BANDS))
    for label in LABELS:
        c = s["criteria"][label]
        target = TARGETS.get(label)
        flag = "" if target is None or c["balanced"] is None or c["balanced"] >= target else f"  < {target:.0%}"
        short = s["bands"]["<50"][label]
        if label in TARGETS and short is not None and short < SHORT_TARGET:
            flag += "  short < 85 %"
        print(f"  {label:<17} {_pct(c['balanced']):>7} {_pct(c['precision']):>5} {_pct(c['recall']):>6} "
              f"{c['yes']:>3}/{c['no']:<3}   "
              + "  ".join(f"{_pct(s['bands'][b][label]):>6}" for b, _, _ in BANDS) + flag)
    med = s["median"]
    auc_s = "-" if s["auc"] is None else f"{s['auc']:.3f}"
    print(f"  overall: AUC strong>weak {auc_s}; Spearman {s['spearman']:.2f}; median score "
          + ", ".join(f"{g} {'-' if med[g] is None else f'{med[g]:g}'}" for g in reversed(GRADES)))


def targets_met(s: dict) -> list[str]:
    """What misses issue 13's targets in one group (a test part of one language)."""
    fails = []
    for label, target in TARGETS.items():
        b = s["criteria"][label]["balanced"]
        if b is not None and b < target:
            fails.append(f"{label} {b:.0%} < {target:.0%}")
        short = s["bands"]["<50"][label]
        if short is not None and short < SHORT_TARGET:
            fails.append(f"{label} on <50 words {short:.0%} < {SHORT_TARGET:.0%}")
    if s["auc"] is not None and s["auc"] < AUC_TARGET:
        fails.append(f"AUC {s['auc']:.3f} < {AUC_TARGET}")
    if s["median"]["strong"] is not None and s["median"]["strong"] < STRONG_MEDIAN:
        fails.append(f"median strong {s['median']['strong']:g} < {STRONG_MEDIAN}")
    if s["median"]["weak"] is not None and s["median"]["weak"] > WEAK_MEDIAN:
        fails.append(f"median weak {s['median']['weak']:g} > {WEAK_MEDIAN}")
    return fails


def misses(rows: list[dict]) -> None:
    print("\nDisagreements in the tuning part (label -> scorer):")
    for r in rows:
        if r["part"] != "tune":
            continue
        wrong = [f"{lab} {'yes' if r['labels'][lab] else 'no'}->{'yes' if r['pred'][lab] else 'no'}"
                 for lab in LABELS if r["labels"][lab] != r["pred"][lab]]
        if wrong:
            text = " ".join(r["text"].split())
            print(f"\n  {r['id']} {r['question']} ({r['overall']}, score {r['score']}, {r['words']} words): "
                  + "; ".join(wrong) + f"\n    {text[:400]}")


def main(argv: list[str] | None = None) -> dict:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--lang", choices=["en", "ro"], action="append", help="one language (default both)")
    ap.add_argument("--corpus", choices=["written", "real", "adversarial"], action="append",
                    help="one corpus (default all)")
    ap.add_argument("--part", choices=["tune", "test"], action="append", help="one part (default both)")
    ap.add_argument("--misses", action="store_true", help="list the tuning part's disagreements")
    args = ap.parse_args(argv)
    langs = args.lang or ["en", "ro"]
    parts = args.part or ["tune", "test"]
    files = corpus_files()
    items = [it for corpus in (args.corpus or list(files)) for f in files.get(corpus, [])
             for it in load(corpus, f) if it["lang"] in langs]
    rows = score_all(items)
    out: dict = {}
    unmet: list[str] = []
    for corpus in dict.fromkeys(r["corpus"] for r in rows):
        for p in parts:
            for lang in langs:
                group = [r for r in rows if r["corpus"] == corpus and r["part"] == p and r["lang"] == lang]
                if not group:
                    continue
                if corpus == "adversarial":
                    print(f"\nadversarial / {p} / {lang}: {len(group)} cases")
                    everyone = [r for r in rows if r["corpus"] == corpus and r["lang"] == lang]
                    s = out[(corpus, p, lang)] = adversarial.report(group, everyone, args.misses and p == "tune")
                    if p == "test":
                        unmet += [f"adversarial/{lang}: {f}" for f in s["unmet"]]
                    continue
                s = out[(corpus, p, lang)] = summary(group)
                print_summary(f"{corpus} / {p} / {lang}", s)
                if p == "test" and corpus != "adversarial":
                    unmet += [f"{corpus}/{lang}: {f}" for f in targets_met(s)]
    if "test" in parts:
        print("\nTargets on the test parts: " + ("all met" if not unmet else "NOT met:\n  " + "\n  ".join(unmet)))
    if args.misses:
        misses([r for r in rows if r["corpus"] != "adversarial"])
    return out


if __name__ == "__main__":
    main()
