"""TUI speed: launch to the first question on screen (beside a minimal Textual app, same run),
and the live coach's update time on a 1,000-word draft.

Run:  python benchmarks/bench_tui.py [--runs 7]      (prints figures; asserts nothing)
"""

from __future__ import annotations

import argparse
import os
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

# Each child prints the time from its first line to the first frame that shows the question
# (after call_after_refresh), so the shutdown of either app is not counted; the interpreter's own
# start-up is measured once, apart (``python -c pass``), and added to both. mockint opens on the
# interview screen with its readiness checklist (the opening line in the chat): the script answers
# it as soon as it is on screen, and the first question follows.
MINIMAL = """
import time
T0 = time.perf_counter()
from textual.app import App
from textual.widgets import Footer, Header, Static

class Minimal(App):
    def compose(self):
        yield Header()
        yield Static("Can you tell me about your sales experience?")
        yield Footer()

    def on_mount(self):
        self.call_after_refresh(self.shown)

    def shown(self):
        print("shown", time.perf_counter() - T0)
        self.exit()

Minimal().run(headless=True, size=(100, 32))
"""

MOCKINT = """
import time
T0 = time.perf_counter()
from mockint.core.interview import Settings
from mockint.tui.app import create_app

app = create_app(Settings(lang="en", question_set="full", count=None, feedback="each", timer=False),
                 question_ids=["sales-experience"])
question = app.questions[0].text
state = {}

def shown():
    print("question", time.perf_counter() - T0)
    app.exit()

def check():
    screen = app.screen
    checklist = screen.query("ReadinessChecklist")
    if checklist and checklist.first().region.area and "checklist" not in state:   # laid out: on screen
        state["checklist"] = True
        print("checklist", time.perf_counter() - T0)
        checklist.first().action_go()          # the checklist, answered at once
    elif "question" not in state and any(m.text == question for m in screen.query("ChatMessage")):
        state["question"] = True               # the interviewer's question is on screen
        app.call_after_refresh(shown)

app.call_later(lambda: app.set_interval(0.002, check))
app.run(headless=True, size=(100, 32))
"""


def child_env() -> dict[str, str]:
    # Bytecode as pip leaves it after an install (a sandbox's PYTHONDONTWRITEBYTECODE=1 would make
    # every run recompile mockint's modules, while Textual's come precompiled from its wheel).
    env = dict(os.environ, PYTHONPATH=str(ROOT), MOCKINT_HOME=tempfile.mkdtemp(prefix="mockint-bench-"),
               PYTHONPYCACHEPREFIX=tempfile.mkdtemp(prefix="mockint-pyc-"))
    env.pop("PYTHONDONTWRITEBYTECODE", None)
    return env


def launch(code: str, env: dict[str, str]) -> dict[str, float]:
    """One run of ``code``: the figures it prints (``name seconds`` per line)."""
    p = subprocess.run([sys.executable, "-c", code], capture_output=True, env=env, timeout=60)
    if p.returncode != 0:
        raise SystemExit(p.stderr.decode()[-1500:])
    return {name: float(t) for name, t in (line.split() for line in p.stdout.decode().splitlines())}


def launches(runs: int) -> tuple[list[float], list[float], list[float]]:
    """Seconds to the minimal app's first frame, to mockint's checklist and to its first question;
    the two apps run alternately (a busy moment of the machine weighs on both), after one
    unmeasured run of each (it warms the file cache, and writes our bytecode)."""
    env = child_env()
    minimal, checklist, question = [], [], []
    for i in range(runs + 1):
        m, k = launch(MINIMAL, env), launch(MOCKINT, env)
        if i:
            minimal.append(m["shown"])
            checklist.append(k["checklist"])
            question.append(k["question"])
    return minimal, checklist, question


def interpreter(runs: int) -> float:
    times = []
    for _ in range(runs):
        t = time.perf_counter()
        subprocess.run([sys.executable, "-c", "pass"], check=True)
        times.append(time.perf_counter() - t)
    return statistics.median(times)


def draft_1000() -> str:
    """A 1,000-word draft made of the benchmark answers."""
    from benchmarks.answers import EN
    words = " ".join(t for _, t in EN).split()
    return " ".join((words * (1000 // len(words) + 1))[:1000])


def coach_times(reps: int) -> list[float]:
    """Seconds per live-coach update on a 1,000-word draft: score in the worker, then the panel
    text (after 5 warm-up updates)."""
    from mockint.core.bank import loader
    from mockint.core.interview import coach_for
    from mockint.tui.widgets.live_coach import coach_text

    scorer, q = loader.scorer("en"), loader.bank("en").get("sales-experience")
    draft = draft_1000()
    for _ in range(5):
        coach_text(coach_for(scorer, draft, q), "en")
    times = []
    for _ in range(reps):
        t = time.perf_counter()
        coach_text(coach_for(scorer, draft, q), "en")
        times.append(time.perf_counter() - t)
    return times


def coach(reps: int) -> None:
    times = coach_times(reps)
    print(f"live coach, 1,000-word draft (score in the worker + panel text): median "
          f"{statistics.median(times) * 1000:.2f} ms, p90 {sorted(times)[int(reps * 0.9)] * 1000:.2f} ms")


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--runs", type=int, default=7)
    ap.add_argument("--reps", type=int, default=100)
    args = ap.parse_args()
    print(f"python {sys.version.split()[0]} on {os.cpu_count()} cores")
    base = interpreter(args.runs)
    minimal, checklist, question = launches(args.runs)
    m = statistics.median(minimal) + base
    c, k = statistics.median(checklist) + base, statistics.median(question) + base
    print(f"python start-up: {base * 1000:.0f} ms (added to both)")
    print(f"minimal Textual app (Header, Static, Footer) to first frame: median {m * 1000:.0f} ms")
    print(f"mockint practice --question sales-experience to the readiness checklist: median {c * 1000:.0f} ms "
          f"({c / m:.2f}x the minimal app)")
    print(f"mockint practice --question sales-experience to first question: median {k * 1000:.0f} ms "
          f"({k / m:.2f}x the minimal app; readiness checklist answered as soon as shown; {args.runs} runs "
          "each, alternated, headless, 100x32)")
    coach(args.reps)


if __name__ == "__main__":
    main()
