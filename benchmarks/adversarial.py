"""The adversarial corpus (benchmarks/quality/adversarial/): answers that try to beat the rubric,
red flags, failures told as wins, negation, short excellent answers, rambling, non-native writing,
closing questions. Each case carries, set before any scoring: the hiring manager's rating
(`overall`), the score `band` they would accept, the criterion outcomes they are sure of
(`expect`), the red flag it raises (`flag`, an integrity check id) and, for gaming, the honest
`base` answer it games and the `strategy`.

Printed per part and language (issue 14's targets in brackets):
  - the share of scores in band, per family and in all (>= 90 %);
  - the share of criterion expectations held (>= 90 %);
  - per gaming strategy, the points gained over the honest base answer, worst and median (<= 5);
  - every red-flag case: its score (< 30) and whether the flag is named (its check fired);
  - per question, good (strong) answers against bad (weak) ones: every pair in the right order.

Run through benchmarks/quality.py:  python benchmarks/quality.py --corpus adversarial --part test
"""

from __future__ import annotations

import statistics

IN_BAND, EXPECT_HELD, MAX_GAIN, RED_FLAG_MAX = 0.90, 0.90, 5, 30


def _flag_named(row: dict) -> bool:
    crit = row["result"].criterion("integrity")
    if crit is None:
        return False
    flag = row["flag"]          # a flag may be found by several checks: misleads, misleads_claim
    return any((c.id == flag or c.id.startswith(flag + "_")) and c.count > 0 for c in crit.checks)


def _held(row: dict) -> tuple[int, int, list[str]]:
    held, wrong = 0, []
    for cid, want in (row.get("expect") or {}).items():
        crit = row["result"].criterion(cid)
        got = bool(crit and crit.passed)
        if got == bool(want):
            held += 1
        else:
            wrong.append(f"{cid} {'pass' if want else 'fail'} expected")
    return held, len(row.get("expect") or {}), wrong


def report(rows: list[dict], all_rows: list[dict], verbose: bool = False) -> dict:
    """Figures for one part of one language; ``all_rows``: every scored case of that language
    (a gaming case's base may sit in the other part)."""
    by_id = {r["id"]: r for r in all_rows}
    out: dict = {"n": len(rows), "families": {}, "gains": {}, "red_flags": [], "order": None,
                 "unmet": []}
    in_band = [r for r in rows if r["band"][0] <= r["score"] <= r["band"][1]]
    for fam in sorted({r["family"] for r in rows}):
        sub = [r for r in rows if r["family"] == fam]
        out["families"][fam] = (sum(r in in_band for r in sub), len(sub))
    held = total = 0
    wrong_expect = []
    for r in rows:
        h, t, wrong = _held(r)
        held, total = held + h, total + t
        if wrong:
            wrong_expect.append((r, wrong))
    out["band"] = len(in_band) / len(rows) if rows else None
    out["expect"] = held / total if total else None
    for r in rows:
        if r["family"] == "gaming" and r.get("base") in by_id:
            gain = r["score"] - by_id[r["base"]]["score"]
            out["gains"].setdefault(r.get("strategy", "?"), []).append((gain, r))
    for r in rows:
        if r.get("flag") and r["family"] != "near_miss":    # a near miss names the flag it is close to
            out["red_flags"].append((r, r["score"] < RED_FLAG_MAX, _flag_named(r)))
    pairs = right = 0
    wrong_order = []
    for q in sorted({r["question"] for r in rows}):      # sorted: the same pairs listed every run
        good = [r for r in rows if r["question"] == q and r["overall"] == "strong"]
        bad = [r for r in rows if r["question"] == q and r["overall"] == "weak"]
        for g in good:
            for b in bad:
                pairs += 1
                if g["score"] > b["score"]:
                    right += 1
                else:
                    wrong_order.append((g, b))
    out["order"] = right / pairs if pairs else None
    _print(out, rows, wrong_expect, wrong_order, verbose)
    return out


def _print(out: dict, rows: list[dict], wrong_expect, wrong_order, verbose: bool) -> None:
    unmet = out["unmet"]
    print(f"  in band: {_pct(out['band'])} of {out['n']}   (" + ", ".join(
        f"{fam} {a}/{n}" for fam, (a, n) in out["families"].items()) + ")")
    print(f"  criterion expectations held: {_pct(out['expect'])}")
    if out["band"] is not None and out["band"] < IN_BAND:
        unmet.append(f"in band {out['band']:.0%} < {IN_BAND:.0%}")
    if out["expect"] is not None and out["expect"] < EXPECT_HELD:
        unmet.append(f"expectations {out['expect']:.0%} < {EXPECT_HELD:.0%}")
    if out["gains"]:
        print("  gaming, points gained over the honest base (worst / median):")
        for strat, gains in sorted(out["gains"].items()):
            worst = max(g for g, _ in gains)
            med = statistics.median(g for g, _ in gains)
            mark = "" if worst <= MAX_GAIN else f"   > {MAX_GAIN}"
            print(f"    {strat:<18} {worst:+4d} / {med:+5.1f}  (n={len(gains)}){mark}")
            if worst > MAX_GAIN:
                unmet.append(f"gaming {strat} gains {worst:+d}")
    if out["red_flags"]:
        low = sum(1 for _, ok, _ in out["red_flags"] if ok)
        named = sum(1 for _, _, n in out["red_flags"] if n)
        k = len(out["red_flags"])
        print(f"  red flags: {low}/{k} under {RED_FLAG_MAX}, {named}/{k} named")
        for r, ok, n in out["red_flags"]:
            if not (ok and n):
                print(f"    {r['id']} {r['flag']}: score {r['score']}{'' if n else ', flag not named'}")
        if low < k or named < k:
            unmet.append(f"red flags {low}/{k} under {RED_FLAG_MAX}, {named}/{k} named")
    if out["order"] is not None:
        print(f"  good above bad, same question: {_pct(out['order'])} of pairs")
        for g, b in wrong_order[:8]:
            print(f"    {g['id']} ({g['score']}) <= {b['id']} ({b['score']}) on {g['question']}")
        if out["order"] < 1:
            unmet.append(f"good above bad {out['order']:.0%}")
    if verbose:
        print("  out of band:")
        for r in rows:
            lo, hi = r["band"]
            if not lo <= r["score"] <= hi:
                text = " ".join(r["text"].split())
                print(f"    {r['id']} {r['family']}/{r.get('strategy', '')} {r['question']}: "
                      f"{r['score']} not in [{lo}, {hi}]  caps {r['caps']}\n      {text[:300]}")
        print("  expectations not held:")
        for r, wrong in wrong_expect:
            print(f"    {r['id']} ({r['family']}): {'; '.join(wrong)}")


def _pct(x: float | None) -> str:
    return "-" if x is None else f"{x:.0%}"
