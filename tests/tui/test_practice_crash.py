"""Crash safety of the real interview TUI: a practice session runs in a child process (the app
built by ``create_app`` with its default Store in the test's MOCKINT_HOME, driven by Textual's
Pilot), two answers are submitted, a draft is typed and left for the autosave; the child is
killed with SIGKILL. The history must hold both answers with the results that were shown, the
unfinished session ready to resume at the third question, and the draft."""

from __future__ import annotations

import json
import os
import selectors
import signal
import subprocess
import sys
import textwrap
import time

import pytest
from conftest import ROOT

from mockint.core.bank import loader
from mockint.core.data import paths
from mockint.core.history.store import Store
from mockint.tui import resume

pytestmark = pytest.mark.skipif(not hasattr(signal, "SIGKILL"), reason="needs SIGKILL (POSIX)")

QUESTIONS = ["sales-experience", "why-sales", "mistake-learned"]
DRAFT = "Once I promised a delivery date [bold]we[/] could not keep"

PRACTICE = textwrap.dedent("""
    import asyncio, json, sys
    from mockint.core.interview import Settings
    from mockint.tui.app import create_app
    from mockint.tui.screens.feedback import FeedbackScreen
    from mockint.tui.screens import interview as interview_screen
    from mockint.tui.screens.interview import InterviewScreen
    from mockint.tui.widgets.answer_box import AnswerBox

    interview_screen.DRAFT_EVERY = 0.3           # the autosave a user has runs every 3 s
    questions, answer, draft = json.loads(sys.argv[1]), sys.argv[2], sys.argv[3]

    async def main():
        app = create_app(Settings(lang="en", count=None, feedback="each", timer=True),
                         question_ids=questions, blink=False)
        async with app.run_test(size=(100, 32)) as pilot:
            async def settle():
                await pilot.pause()
                await app.workers.wait_for_complete()
                await pilot.pause()

            await pilot.pause()
            await pilot.press("space", "ctrl+s")                 # the readiness checklist
            await pilot.pause()
            while app.interview.index < 2:
                if isinstance(app.screen, FeedbackScreen):
                    await pilot.press("escape")
                    await pilot.pause()
                    continue
                assert isinstance(app.screen, InterviewScreen), app.screen
                app.screen.query_one(AnswerBox).text = answer   # a follow-up is answered the same way
                await pilot.press("ctrl+s")
                await settle()
            if isinstance(app.screen, FeedbackScreen):
                await pilot.press("escape")
                await pilot.pause()
            print("RESULTS", json.dumps([t.result.to_dict() for t in app.interview.turns]), flush=True)
            await pilot.press(*draft)                             # typed, key by key
            await pilot.pause(0.6)                                # the draft autosave runs (every 0.3 s here)
            print("READY", flush=True)
            await asyncio.sleep(600)

    asyncio.run(main())
""")

STRONG = ("At my last company I sold logistics software to retailers. In 2022 a chain of 40 stores was "
          "about to sign with a competitor, and my goal was to keep the deal. First I asked their director "
          "what mattered, and I found out that late deliveries hurt them more than price. Then I ran a "
          "two-week pilot in three stores. As a result their late deliveries dropped by 18 percent and "
          "they signed a two-year contract worth $240,000. I finished the year at 112% of quota.")


def read_until_ready(proc: subprocess.Popen, timeout: float) -> list[str]:
    lines: list[str] = []
    sel = selectors.DefaultSelector()
    sel.register(proc.stdout, selectors.EVENT_READ)
    deadline = time.monotonic() + timeout
    buffer = b""
    while time.monotonic() < deadline:
        if not sel.select(timeout=max(0.0, deadline - time.monotonic())):
            break
        chunk = os.read(proc.stdout.fileno(), 1 << 20)
        if not chunk:
            break
        buffer += chunk
        *done, buffer = buffer.split(b"\n")
        lines += [d.decode("utf-8") for d in done]
        if any(line == "READY" for line in lines):
            return lines
    raise AssertionError(f"the practice session never got READY: {lines!r} {proc.poll()!r}")


def test_sigkill_mid_practice_loses_no_answer_and_keeps_the_draft_and_the_session():
    env = dict(os.environ, PYTHONPATH=str(ROOT))
    proc = subprocess.Popen([sys.executable, "-c", PRACTICE, json.dumps(QUESTIONS), STRONG, DRAFT],
                            stdout=subprocess.PIPE, stderr=subprocess.PIPE, env=env, cwd=ROOT)
    try:
        lines = read_until_ready(proc, timeout=120)
    finally:
        os.kill(proc.pid, signal.SIGKILL)
        proc.wait(timeout=10)
        err = proc.stderr.read().decode("utf-8", "replace")
        proc.stdout.close()
        proc.stderr.close()
    assert proc.returncode == -signal.SIGKILL, err
    shown = json.loads(next(line for line in lines if line.startswith("RESULTS "))[len("RESULTS "):])
    assert len(shown) == 2
    assert os.path.exists(str(paths.db_path()) + "-wal")          # killed: nothing was closed

    with Store.open() as store:
        assert store.notices == []
        rec = store.unfinished()
        assert rec is not None and not rec.finished
        assert rec.question_ids == QUESTIONS and rec.readiness["researched_company"] is True
        assert rec.settings["feedback"] == "each" and rec.lang == "en"
        # every submitted answer, with the feedback shown for it
        assert [a.index for a in rec.answers] == [0, 1]
        assert [a.question_id for a in rec.answers] == QUESTIONS[:2]
        assert [a.result for a in rec.answers] == shown
        for a in rec.answers:
            assert STRONG in a.answer and a.elapsed is not None
        # resumable at the third question, with the draft
        assert rec.next_index == 2 and rec.remaining == ["mistake-learned"]
        assert [(d.index, d.question_id, d.text) for d in rec.drafts] == [(2, "mistake-learned", DRAFT)]
        interview, draft = resume.rebuild(rec, loader.bank("en"), loader.scorer("en"))
        assert interview.index == 2 and draft == DRAFT and len(interview.turns) == 2
        assert [t.result.score for t in interview.turns] == [r["score"] for r in shown]
