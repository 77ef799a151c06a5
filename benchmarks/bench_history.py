"""History speed: `mockint history` with 1,000 stored sessions (target: under 200 ms), and the
TUI's history screen opened on them.

Fills a temporary MOCKINT_HOME with realistic sessions (5 answers each, real score objects from
the scorer, spread over ~3 years), then times the cold command in a subprocess (median of N)
beside `python -c pass`, and `Store.sessions()` / `Store.open()` in process. Then the TUI: a
headless app (100x32) in a subprocess, from the process start (imports included) and from the
Ctrl+H action to the history table populated with every session and painted.

Run:  python benchmarks/bench_history.py                 (prints figures; asserts nothing)
      python benchmarks/bench_history.py --sessions 5000 --runs 20
"""

from __future__ import annotations

import argparse
import os
import random
import statistics
import subprocess
import sys
import tempfile
import time
import uuid
from datetime import datetime, timedelta, timezone
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from benchmarks.answers import EN  # noqa: E402


def build_export(n_sessions: int, per_session: int = 5, seed: int = 7) -> dict:
    """An export document of ``n_sessions`` sessions with real score objects."""
    from mockint.core.bank import loader
    from mockint.core.history.checks import EXPORT_FORMAT, EXPORT_VERSION

    scorer, bank = loader.scorer("en"), loader.bank("en")
    rng = random.Random(seed)
    texts = [t for _, t in EN]
    questions = bank.questions
    cache: dict[tuple[str, int], dict] = {}
    start = datetime(2024, 1, 1, 9, 0, tzinfo=timezone.utc)
    sessions = []
    for i in range(n_sessions):
        t0 = start + timedelta(hours=26 * i + rng.randint(0, 5))
        picked = rng.sample(questions, per_session)
        answers = []
        for k, q in enumerate(picked):
            ti = rng.randrange(len(texts))
            key = (q.id, ti)
            if key not in cache:
                cache[key] = scorer.score(texts[ti], q, 100.0).to_dict()
            at = (t0 + timedelta(minutes=2 * k + 2)).isoformat(timespec="milliseconds")
            answers.append({"index": k, "question_id": q.id, "question_text": q.text, "answer": texts[ti],
                            "elapsed": 100.0, "answered_at": at, "follow_up": None,
                            "results": [{"rubric_version": cache[key]["rubric_version"], "shown": True,
                                         "created_at": at, "result": cache[key]}]})
        finished = None if i % 37 == 0 else (t0 + timedelta(minutes=12)).isoformat(timespec="milliseconds")
        sessions.append({"id": uuid.UUID(int=rng.getrandbits(128), version=4).hex, "lang": "en",
                         "started_at": t0.isoformat(timespec="milliseconds"), "finished_at": finished,
                         "settings": {"question_set": "full", "count": per_session, "feedback": "each"},
                         "readiness": {"researched_company": True, "read_job_spec": bool(i % 2)},
                         "question_ids": [q.id for q in picked], "summary": None,
                         "answers": answers, "drafts": []})
    return {"format": EXPORT_FORMAT, "version": EXPORT_VERSION, "sessions": sessions}


def cold(args: list[str], env: dict, runs: int) -> list[float]:
    out = []
    for _ in range(runs):
        t = time.perf_counter()
        subprocess.run(args, env=env, cwd=ROOT, check=True, stdout=subprocess.DEVNULL)
        out.append(time.perf_counter() - t)
    return out


# The TUI, headless: start, answer "later" to the resume offer (the bench history has unfinished
# sessions), open the history (Ctrl+H's action) once the start screen is settled, stop when the
# table holds every session and has been painted. Prints: seconds from process start (the
# resume offer included), seconds from the action, rows.
HISTORY_SCREEN = """
import time
t0 = time.perf_counter()
from mockint.core.interview import Settings
from mockint.tui.app import create_app

app = create_app(Settings(lang="en", timer=False), blink=False)
marks = {}

def painted():
    marks["painted"] = time.perf_counter()
    app.exit()

def open_history():
    marks["action"] = time.perf_counter()
    app.action_history()

def check():
    screen = type(app.screen).__name__
    if screen == "ResumeScreen":
        if "later" not in marks and app.screen.query("#later"):     # once it is on screen
            marks["later"] = True
            app.screen.dismiss(None)
    elif screen == "StartScreen" and "asked" not in marks:
        marks.setdefault("start", time.perf_counter())
        if "later" in marks or time.perf_counter() - marks["start"] > 1.0:   # the offer is dealt with
            marks["asked"] = True
            app.call_after_refresh(open_history)
    elif screen == "HistoryScreen" and "rows" not in marks:
        tables = app.screen.query("#history-table")
        rows = tables.first().row_count if tables else 0
        if rows and rows == len(app.screen.rows):
            marks["rows"] = rows
            app.call_after_refresh(painted)

app.call_later(lambda: app.set_interval(0.001, check))
app.run(headless=True, size=(100, 32))
print(marks["painted"] - t0, marks["painted"] - marks["action"], marks["rows"])
"""


def history_screen(env: dict, runs: int) -> None:
    whole, screen, rows = [], [], 0
    for i in range(runs + 1):
        p = subprocess.run([sys.executable, "-c", HISTORY_SCREEN], env=env, cwd=ROOT, capture_output=True,
                           timeout=120)
        if p.returncode != 0:
            raise SystemExit(p.stderr.decode()[-1500:])
        a, b, n = p.stdout.split()
        if i:                                          # the first run warms the file cache
            whole.append(float(a))
            screen.append(float(b))
            rows = int(n)
    print(f"TUI history screen, {rows} sessions, headless 100x32: from process start to the table "
          f"populated and painted median {statistics.median(whole) * 1000:.0f} ms "
          f"(min {min(whole) * 1000:.0f}, max {max(whole) * 1000:.0f}); from the Ctrl+H action "
          f"median {statistics.median(screen) * 1000:.0f} ms (min {min(screen) * 1000:.0f}, "
          f"max {max(screen) * 1000:.0f}); {runs} runs")


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--sessions", type=int, default=1000)
    ap.add_argument("--runs", type=int, default=10)
    ap.add_argument("--only-tui", action="store_true", help="only the TUI history screen")
    opts = ap.parse_args()

    with tempfile.TemporaryDirectory(prefix="mockint-bench-") as home:
        os.environ["MOCKINT_HOME"] = home
        env = dict(os.environ, PYTHONPATH=str(ROOT))
        from mockint.core.history.store import Store

        t = time.perf_counter()
        doc = build_export(opts.sessions)
        t_build = time.perf_counter() - t
        t = time.perf_counter()
        with Store.open() as store:
            added, _ = store.import_all(doc)
        t_fill = time.perf_counter() - t
        db = Path(home) / "history.sqlite3"
        size = sum(os.path.getsize(str(db) + s) for s in ("", "-wal", "-shm") if os.path.exists(str(db) + s))
        print(f"history: {added} sessions × 5 answers ({db.stat().st_size / 1e6:.1f} MB, {size / 1e6:.1f} MB with WAL); "
              f"built in {t_build:.1f} s, imported in {t_fill:.2f} s (one transaction)")
        if opts.only_tui:
            history_screen(env, opts.runs)
            return

        opens, lists = [], []
        for _ in range(max(opts.runs, 10)):
            t = time.perf_counter()
            store = Store.open()
            opens.append(time.perf_counter() - t)
            t = time.perf_counter()
            rows = store.sessions()
            lists.append(time.perf_counter() - t)
            store.close()
        print(f"in process: Store.open() median {statistics.median(opens) * 1000:.2f} ms, "
              f"Store.sessions() ({len(rows)} rows) median {statistics.median(lists) * 1000:.2f} ms")

        # the cold command; wired into mockint.cli when available, else the module's own entry
        probe = subprocess.run([sys.executable, "-m", "mockint", "history", "--help"], env=env, cwd=ROOT,
                               capture_output=True)
        cmd = [sys.executable, "-m", "mockint", "history"] if probe.returncode == 0 else \
            [sys.executable, "-m", "mockint.cli.history", "history"]
        shown = " ".join(["python"] + cmd[1:])
        with tempfile.TemporaryDirectory(prefix="mockint-pyc-") as pyc:
            # as installed: bytecode cached (in a temporary prefix, so the source tree is untouched)
            cached = {k: v for k, v in env.items() if k != "PYTHONDONTWRITEBYTECODE"}
            cached["PYTHONPYCACHEPREFIX"] = pyc
            for label, e in (("bytecode cached, as installed", cached),
                             ("no bytecode cache" + (" (PYTHONDONTWRITEBYTECODE is set here)"
                                                     if env.get("PYTHONDONTWRITEBYTECODE") else ""), env)):
                cold(cmd, e, 2)                           # warm the page cache (and the .pyc files)
                base = cold([sys.executable, "-c", "pass"], e, opts.runs)
                hist = cold(cmd, e, opts.runs)
                hist_json = cold(cmd + ["--format", "json"], e, opts.runs)
                print(f"cold `{shown}`, {label}: median {statistics.median(hist) * 1000:.0f} ms wall "
                      f"(min {min(hist) * 1000:.0f}, max {max(hist) * 1000:.0f}; target under 200 ms); "
                      f"--format json: median {statistics.median(hist_json) * 1000:.0f} ms; "
                      f"`python -c pass`: {statistics.median(base) * 1000:.0f} ms; {opts.runs} runs")
        history_screen(env, opts.runs)


if __name__ == "__main__":
    main()
