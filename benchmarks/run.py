"""Every benchmark in one command, printed as one table with baselines measured in the same run.

Run:  python benchmarks/run.py            (full: ~2-4 min; prints the table; asserts nothing)
      python benchmarks/run.py --quick    (tiny repetition counts, 100 sessions: under a minute)

Figures are wall-clock medians and 95th percentiles. Ratios compare with a baseline measured in the
same run: cold commands beside `python -c pass`, the TUI beside a minimal Textual app, in-process
work beside a plain `str.split()` + `re.findall(r"\\w+")` pass over the same text. Peak memory is
the child's ru_maxrss (os.wait4) for subprocess figures, tracemalloc's peak (a separate, untimed
run) for in-process ones. Exits non-zero only if a benchmark crashes, never on slow figures.
"""

from __future__ import annotations

import argparse
import os
import re
import statistics
import subprocess
import sys
import tempfile
import time
import tracemalloc
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from benchmarks import bench_history, bench_jobspec, bench_score, bench_tui  # noqa: E402
from benchmarks.answers import EN  # noqa: E402

WORD = re.compile(r"\w+")
ROWS: list[tuple[str, ...]] = []


# ---------------------------------------------------------------- helpers

def p95(xs: list[float]) -> float:
    s = sorted(xs)
    return s[min(len(s) - 1, int(round(0.95 * (len(s) - 1))))]


def ms(x: float) -> str:
    return f"{x * 1000:.2f} ms" if x < 0.1 else f"{x * 1000:.0f} ms" if x < 10 else f"{x:.1f} s"


def mb_kb(kb: float) -> str:
    return f"{kb / 1024:.0f} MB (rss)"


def mb_bytes(b: float) -> str:
    return f"{b / 1e6:.1f} MB (traced)"


def row(measure: str, times: list[float], rate: str, ratio: str, memory: str) -> None:
    ROWS.append((measure, ms(statistics.median(times)), ms(p95(times)) if len(times) > 1 else "-",
                 rate, ratio, memory))


def baseline_pass(texts: list[str]) -> None:
    for t in texts:
        t.split()
        WORD.findall(t)


def baseline_times(texts: list[str], reps: int) -> list[float]:
    """Seconds per text of the plain split + findall pass (the in-process baseline)."""
    out = []
    for _ in range(max(reps, 5)):
        for t in texts:
            t0 = time.perf_counter()
            t.split()
            WORD.findall(t)
            out.append(time.perf_counter() - t0)
    return out


def traced_peak(fn) -> int:
    tracemalloc.start()
    try:
        fn()
        return tracemalloc.get_traced_memory()[1]
    finally:
        tracemalloc.stop()


def cold_env(**extra: str) -> dict:
    """Bytecode as pip leaves it: cached (in a private prefix), PYTHONDONTWRITEBYTECODE dropped."""
    env = dict(os.environ, PYTHONPATH=str(ROOT), PYTHONPYCACHEPREFIX=tempfile.mkdtemp(prefix="mockint-pyc-"),
               **extra)
    env.pop("PYTHONDONTWRITEBYTECODE", None)
    return env


# The children are started through this small launcher (python -I -S, ~10 MB), not from this
# process: on Linux a child's ru_maxrss starts at its parent's RSS at fork time, and this process
# holds the scorer and a 10,000-answer transcript. The launcher times the child (posix_spawn to
# wait4, so its own start-up is not counted) and writes "wall maxrss_kb status" to argv[1].
LAUNCHER = """
import os, sys, time
out, cmd = sys.argv[1], sys.argv[2:]
t0 = time.perf_counter()
pid = os.posix_spawn(cmd[0], cmd, os.environ)
_, status, ru = os.wait4(pid, 0)
wall = time.perf_counter() - t0
with open(out, "w") as f:
    f.write(f"{wall} {ru.ru_maxrss} {os.waitstatus_to_exitcode(status)}")
"""


def child(cmd: list[str], env: dict, stdin: bytes = b"", timeout: float = 300) -> tuple[float, str, int]:
    """Run one child; returns (wall seconds, stdout, its own peak RSS in kB)."""
    with tempfile.TemporaryDirectory(prefix="mockint-run-") as d:
        report = Path(d) / "rusage"
        p = subprocess.run([sys.executable, "-I", "-S", "-c", LAUNCHER, str(report), *cmd], input=stdin,
                           capture_output=True, env=env, cwd=ROOT, timeout=timeout)
        wall, rss, code = report.read_text().split() if report.exists() else ("0", "0", str(p.returncode))
    if p.returncode != 0 or int(code) != 0:
        raise SystemExit(f"benchmark child failed ({' '.join(cmd[:5])}): {p.stderr.decode()[-1500:]}")
    return float(wall), p.stdout.decode("utf-8", "replace"), int(rss)


def children(cmd: list[str], env: dict, runs: int, stdin: bytes = b"",
             warm: list[str] | None = None) -> tuple[list[float], list[str], int]:
    """``runs`` timed runs after one warm-up (file cache, bytecode; ``warm`` instead of ``cmd`` when
    given); walls, stdouts, max peak RSS."""
    child(warm or cmd, env, stdin)
    walls, outs, rss = [], [], 0
    for _ in range(runs):
        w, o, r = child(cmd, env, stdin)
        walls.append(w)
        outs.append(o)
        rss = max(rss, r)
    return walls, outs, rss


# ---------------------------------------------------------------- benchmarks

def bench_in_process_score(reps: int) -> None:
    times = bench_score.fixed_set_times(reps)
    texts = [t for _, t in EN]
    base = baseline_times(texts, reps)
    from mockint.core.bank import loader
    scorer, bank = loader.scorer("en"), loader.bank("en")
    peak = traced_peak(lambda: [scorer.score(t, bank.get(q)) for q, t in EN])
    row(f"score one answer, in process (fixed set: 4 answers, {min(len(t.split()) for t in texts)}-"
        f"{max(len(t.split()) for t in texts)} words, {reps} rounds)", times,
        f"{len(times) / sum(times):,.0f} answers/s",
        f"{statistics.median(times) / statistics.median(base):,.0f}x split+findall pass "
        f"({statistics.median(base) * 1e6:.1f} µs)", mb_bytes(peak))


def transcript(n: int, path: Path) -> list[str]:
    import yaml
    items = [{"question": EN[i % len(EN)][0], "answer": EN[i % len(EN)][1]} for i in range(n)]
    path.write_text(yaml.safe_dump({"lang": "en", "answers": items}, allow_unicode=True, width=10_000),
                    encoding="utf-8")
    return [it["answer"] for it in items]


def bench_grade(n: int, runs: int) -> None:
    from mockint.core.bank import loader
    from mockint.core.bank.transcript import load_transcript
    from mockint.core.scoring.feedback import grade_dict, session_summary, to_json

    def grade(path: Path) -> str:
        tr = load_transcript(path)
        scorer = loader.scorer(tr.lang)
        results = [scorer.score(it.answer, it.question, it.elapsed) for it in tr.items]
        return to_json(grade_dict(session_summary(tr.lang, results)))

    with tempfile.TemporaryDirectory(prefix="mockint-grade-") as d:
        path = Path(d) / "transcript.yaml"
        texts = transcript(n, path)
        small = Path(d) / "small.yaml"
        transcript(len(EN), small)
        grade(small)                                           # warm-up: loads the bank and the scorer
        times = []
        for _ in range(runs):
            t0 = time.perf_counter()
            grade(path)
            times.append(time.perf_counter() - t0)
        t0 = time.perf_counter()
        baseline_pass(texts)
        base = time.perf_counter() - t0
        peak = traced_peak(lambda: grade(path))
        row(f"`grade` on a {n:,}-answer transcript, in process (load + score + JSON)", times,
            f"{n / statistics.median(times):,.0f} answers/s",
            f"{statistics.median(times) / base:,.0f}x split+findall pass ({ms(base)})", mb_bytes(peak))
        env = cold_env(MOCKINT_HOME=tempfile.mkdtemp(prefix="mockint-bench-"))
        cli = [sys.executable, "-m", "mockint", "grade", str(path), "--format", "json"]
        walls, _, rss = children(cli, env, runs, warm=cli[:4] + [str(small)] + cli[5:])
        row(f"`python -m mockint grade` on the {n:,}-answer transcript, cold CLI", walls,
            f"{n / statistics.median(walls):,.0f} answers/s",
            f"{statistics.median(walls) / statistics.median(times):.2f}x in process", mb_kb(rss))


def bench_cold_score(runs: int) -> float:
    env = cold_env(MOCKINT_HOME=tempfile.mkdtemp(prefix="mockint-bench-"))
    pw, _, prss = children([sys.executable, "-c", "pass"], env, runs)
    sw, _, srss = children([sys.executable, "-m", "mockint", "score", "--question", "sales-experience",
                            "--format", "json"], env, runs, EN[0][1].encode())
    row("baseline: cold `python -c pass`", pw, "", "1.00x", mb_kb(prss))
    row(f"cold `python -m mockint score` (bytecode cached, {runs} runs)", sw, "",
        f"{statistics.median(sw) / statistics.median(pw):.1f}x python -c pass", mb_kb(srss))
    return statistics.median(pw)


def bench_tui_launch(runs: int, interp: float) -> None:
    env = cold_env(MOCKINT_HOME=tempfile.mkdtemp(prefix="mockint-bench-"))
    results = {}
    for name, code in (("minimal", bench_tui.MINIMAL), ("mockint", bench_tui.MOCKINT)):
        _, outs, rss = children([sys.executable, "-c", code], env, runs)
        # as bench_tui: the child's own time to the first frame, plus the interpreter's start-up
        results[name] = ([float(o.split()[-1]) + interp for o in outs], rss)
    m, k = results["minimal"], results["mockint"]
    row("baseline: minimal Textual app (Header, Static, Footer) to first frame", m[0], "", "1.00x",
        mb_kb(m[1]))
    row("TUI launch to the first question on screen (headless 100x32)", k[0], "",
        f"{statistics.median(k[0]) / statistics.median(m[0]):.2f}x minimal app", mb_kb(k[1]))


def bench_coach(reps: int) -> None:
    times = bench_tui.coach_times(reps)
    draft = bench_tui.draft_1000()
    base = baseline_times([draft], reps)
    from mockint.core.bank import loader
    from mockint.core.interview import coach_for
    from mockint.tui.widgets.live_coach import coach_text
    scorer, q = loader.scorer("en"), loader.bank("en").get("sales-experience")
    peak = traced_peak(lambda: coach_text(coach_for(scorer, draft, q), "en"))
    row("live-coach update, 1,000-word draft (score + panel text), in process", times,
        f"{len(times) / sum(times):,.0f} updates/s",
        f"{statistics.median(times) / statistics.median(base):,.0f}x split+findall pass "
        f"({statistics.median(base) * 1e6:.0f} µs)", mb_bytes(peak))


def bench_history_cmd(sessions: int, runs: int) -> None:
    home = tempfile.mkdtemp(prefix="mockint-bench-")
    old = os.environ.get("MOCKINT_HOME")
    os.environ["MOCKINT_HOME"] = home
    try:
        from mockint.core.history.store import Store
        doc = bench_history.build_export(sessions)
        with Store.open() as store:
            store.import_all(doc)
    finally:
        if old is None:
            os.environ.pop("MOCKINT_HOME", None)
        else:
            os.environ["MOCKINT_HOME"] = old
    env = cold_env(MOCKINT_HOME=home)
    pw, _, _ = children([sys.executable, "-c", "pass"], env, runs)
    hw, out, rss = children([sys.executable, "-m", "mockint", "history"], env, runs)
    row(f"cold `python -m mockint history`, {sessions:,} sessions", hw, "",
        f"{statistics.median(hw) / statistics.median(pw):.1f}x python -c pass ({ms(statistics.median(pw))})",
        mb_kb(rss))


def bench_jobspec_extract(runs: int) -> None:
    from mockint.core.jobspec import extract_terms
    for lang, name in bench_jobspec.POSTINGS.items():
        text = bench_jobspec.posting(name)
        times = bench_jobspec.extract_times(text, lang, runs)
        base = baseline_times([text], runs)
        peak = traced_peak(lambda: extract_terms(text, lang))
        row(f"job-posting term extraction ({lang}), {len(text.split()):,}-word posting, in process", times,
            f"{len(text.split()) / statistics.median(times) / 1e6:.2f} M words/s",
            f"{statistics.median(times) / statistics.median(base):,.0f}x split+findall pass "
            f"({statistics.median(base) * 1e6:.0f} µs)", mb_bytes(peak))


# ---------------------------------------------------------------- main

def table() -> str:
    head = ("measure", "median", "p95", "throughput", "ratio to the same-run baseline", "peak memory")
    lines = ["| " + " | ".join(head) + " |", "|" + "---|" * len(head)]
    lines += ["| " + " | ".join(r) + " |" for r in ROWS]
    return "\n".join(lines)


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--quick", action="store_true", help="tiny repetition counts, 100 sessions (< 60 s)")
    args = ap.parse_args()
    q = args.quick
    # the full grade is the most one transcript may hold (core/bank/transcript.py MAX_ANSWERS: 5,000;
    # it was 10,000 before that cap): tests/unit/test_benchmark_config.py checks the two agree
    cfg = dict(reps=5 if q else 200, runs=2 if q else 10, tui_runs=1 if q else 7, grade_n=500 if q else 5_000,
               grade_runs=1 if q else 2, sessions=100 if q else 1_000)
    t_start = time.perf_counter()
    steps = [
        ("score", lambda: bench_in_process_score(cfg["reps"])),
        ("grade", lambda: bench_grade(cfg["grade_n"], cfg["grade_runs"])),
        ("cold score", lambda: cfg.__setitem__("interp", bench_cold_score(cfg["runs"]))),
        ("tui", lambda: bench_tui_launch(cfg["tui_runs"], cfg["interp"])),
        ("coach", lambda: bench_coach(cfg["reps"])),
        ("history", lambda: bench_history_cmd(cfg["sessions"], cfg["runs"])),
        ("jobspec", lambda: bench_jobspec_extract(cfg["reps"])),
    ]
    for name, fn in steps:
        t0 = time.perf_counter()
        fn()
        print(f"  {name}: done in {time.perf_counter() - t0:.1f} s", file=sys.stderr, flush=True)
    print(f"python {sys.version.split()[0]} on {os.cpu_count()} cores; {'--quick' if q else 'full run'}: "
          f"{cfg['reps']} rounds in process, {cfg['runs']} cold runs, {cfg['tui_runs']} TUI runs, "
          f"{cfg['grade_n']:,}-answer grade, {cfg['sessions']:,} sessions; "
          f"total {time.perf_counter() - t_start:.0f} s")
    print(table())


if __name__ == "__main__":
    main()
