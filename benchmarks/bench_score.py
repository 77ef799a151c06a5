"""Scoring speed: in-process time per answer, and a cold `mockint score` beside `python -c pass`.

Run:  python benchmarks/bench_score.py            (prints figures; asserts nothing)
      python benchmarks/bench_score.py --runs 20  (more cold-start runs)
"""

from __future__ import annotations

import argparse
import os
import shutil
import statistics
import subprocess
import sys
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from benchmarks.answers import EN  # noqa: E402


def words(text: str) -> int:
    return len(text.split())


def fixed_set_times(reps: int, lang: str = "en") -> list[float]:
    """Seconds per answer: ``reps`` rounds over the fixed set (after one warm-up round)."""
    from mockint.core.bank import loader
    scorer, bank = loader.scorer(lang), loader.bank(lang)
    answers = [(bank.get(q), text) for q, text in EN]
    for q, text in answers:
        scorer.score(text, q)
    times = []
    for _ in range(reps):
        for q, text in answers:
            t = time.perf_counter()
            scorer.score(text, q)
            times.append(time.perf_counter() - t)
    return times


def in_process(reps: int) -> None:
    t0 = time.perf_counter()
    from mockint.core.bank import loader
    scorer, bank = loader.scorer("en"), loader.bank("en")
    load = time.perf_counter() - t0
    print(f"load bank + rubric + build scorer (en): {load * 1000:.1f} ms")
    answers = [(bank.get(q), text) for q, text in EN]
    long_q, long_text = answers[0]
    extra = " ".join(t for _, t in answers[1:])
    text250 = " ".join((long_text + " " + extra).split()[:250])
    times = fixed_set_times(reps)
    total = sum(times)
    print(f"fixed set: {len(answers)} answers ({', '.join(str(words(t)) for _, t in answers)} words), "
          f"{reps} rounds: median {statistics.median(times) * 1000:.3f} ms per answer, "
          f"{len(times) / total:.0f} answers/s")
    t250 = []
    for _ in range(reps * 2):
        t = time.perf_counter()
        scorer.score(text250, long_q)
        t250.append(time.perf_counter() - t)
    print(f"250-word answer: median {statistics.median(t250) * 1000:.3f} ms, "
          f"p90 {sorted(t250)[int(len(t250) * 0.9)] * 1000:.3f} ms")
    from mockint.core.bank import loader as ld
    ro, rb = ld.scorer("ro"), ld.bank("ro")
    q = rb.get("sales-experience")
    ro_text = ("Am lucrat trei ani în vânzări B2B și am vândut software pentru logistică. Mai întâi am "
               "sunat clientul, apoi am negociat un pilot de două săptămâni, iar clientul a semnat un "
               "contract de 240.000 de euro. ") * 6
    ro.score(ro_text, q)
    tr = []
    for _ in range(reps * 2):
        t = time.perf_counter()
        ro.score(ro_text, q)
        tr.append(time.perf_counter() - t)
    print(f"Romanian {words(ro_text)}-word answer: median {statistics.median(tr) * 1000:.3f} ms")


def cold(runs: int) -> None:
    answer = EN[0][1].encode()
    cmds = {"python -c pass": [sys.executable, "-c", "pass"],
            "python -m mockint score": [sys.executable, "-m", "mockint", "score", "--question",
                                        "sales-experience", "--format", "json"]}
    exe = shutil.which("mockint")
    if exe:
        cmds["mockint score (console script)"] = [exe, "score", "--question", "sales-experience",
                                                  "--format", "json"]
    # pip compiles bytecode when it installs a package; a source checkout run with
    # PYTHONDONTWRITEBYTECODE=1 (as some sandboxes set) would recompile every module on every run.
    # Measure as installed: bytecode kept in a private cache folder, written by the warm-up run.
    import tempfile
    env = dict(os.environ, PYTHONPATH=str(ROOT), PYTHONPYCACHEPREFIX=tempfile.mkdtemp(prefix="mockint-pyc-"))
    env.pop("PYTHONDONTWRITEBYTECODE", None)
    for name, cmd in cmds.items():
        times = []
        for i in range(runs + 1):
            t = time.perf_counter()
            p = subprocess.run(cmd, input=answer, capture_output=True, env=env)
            dt = time.perf_counter() - t
            if p.returncode != 0:
                raise SystemExit(f"{name} failed: {p.stderr.decode()[-500:]}")
            if i:  # the first run warms the OS file cache
                times.append(dt)
        print(f"cold {name}: median {statistics.median(times) * 1000:.0f} ms wall, "
              f"min {min(times) * 1000:.0f} ms ({runs} runs)")


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--reps", type=int, default=200, help="rounds over the fixed set (in-process)")
    ap.add_argument("--runs", type=int, default=10, help="cold-start runs per command")
    args = ap.parse_args()
    print(f"python {sys.version.split()[0]} on {os.cpu_count()} cores")
    in_process(args.reps)
    cold(args.runs)


if __name__ == "__main__":
    main()
