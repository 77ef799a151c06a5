"""Crash safety and concurrency, with real processes.

The interview is simulated by a child process that uses the Store as the interview does
(start_session, save_answer after each submitted answer, save_draft every 0.2 s while typing);
it is killed with SIGKILL mid-way and the history must hold every submitted answer, the
unfinished session (to resume) and a draft at most ~1 s old.
"""

from __future__ import annotations

import json
import os
import signal
import sqlite3
import subprocess
import sys
import textwrap
import time

import pytest
from conftest import ROOT

from mockint.core.bank import loader
from mockint.core.data import paths
from mockint.core.history.store import Store

pytestmark = pytest.mark.skipif(not hasattr(signal, "SIGKILL"), reason="needs SIGKILL (POSIX)")

ANSWERS = [
    ("sales-experience", "At my last company I sold logistics software to retailers. In 2022 a chain of 40 "
                         "stores was about to sign with a competitor; I ran a pilot and they signed a "
                         "two-year contract worth $240,000."),
    ("why-sales", "I chose sales because I like winning deals: last year I closed 14 new accounts and "
                  "finished at 112% of quota. What does the ramp-up look like for new reps?"),
]
QUESTIONS = [q for q, _ in ANSWERS] + ["mistake-learned"]

INTERVIEW = textwrap.dedent("""
    import json, sys, time
    from mockint.core.bank import loader
    from mockint.core.history.store import Store

    answers, questions = json.loads(sys.argv[1]), json.loads(sys.argv[2])
    bank, scorer = loader.bank("en"), loader.scorer("en")
    store = Store.open()
    sid = store.start_session("en", {"count": len(questions), "feedback": "each"},
                              {"researched_company": True}, questions)
    print("session", sid, flush=True)
    for i, (qid, text) in enumerate(answers):
        for k in range(1, 4):                      # typing ...
            store.save_draft(sid, i, qid, text[:10 * k])
            time.sleep(0.05)
        q = bank.get(qid)
        r = scorer.score(text, q, 60.0 + i)
        store.save_answer(sid, i, qid, q.text, text, 60.0 + i, r.to_dict(), r.rubric_version)
        print("answer", i, flush=True)             # only now would the next question appear
    n = 0
    while True:                                    # typing the third answer, saved every 0.2 s
        n += 1
        store.save_draft(sid, len(answers), questions[len(answers)], f"draft {n}: I made a mistake once")
        print("draft", n, flush=True)
        time.sleep(0.2)
""")


def child_env() -> dict:
    return dict(os.environ, PYTHONPATH=str(ROOT))


def test_kill_9_mid_interview_loses_no_answer_and_the_session_can_be_resumed():
    proc = subprocess.Popen([sys.executable, "-c", INTERVIEW, json.dumps(ANSWERS), json.dumps(QUESTIONS)],
                            stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True, env=child_env(), cwd=ROOT)
    seen: list[list[str]] = []
    sid, last_draft = None, 0
    deadline = time.monotonic() + 60
    try:
        while time.monotonic() < deadline:
            line = proc.stdout.readline()
            assert line, f"the child died: {proc.stderr.read()}"
            parts = line.split()
            seen.append(parts)
            if parts[0] == "session":
                sid = parts[1]
            if parts[0] == "draft":
                last_draft = int(parts[1])
                if last_draft >= 6:
                    break
    finally:
        os.kill(proc.pid, signal.SIGKILL)
        killed_at = time.time()
        proc.wait(timeout=10)
    assert proc.returncode == -signal.SIGKILL
    assert [p for p in seen if p[0] == "answer"] == [["answer", "0"], ["answer", "1"]]
    assert os.path.exists(str(paths.db_path()) + "-wal")          # killed: nothing was checkpointed or closed

    with Store.open() as store:
        assert store.notices == []
        rec = store.unfinished()
        assert rec is not None and rec.id == sid and not rec.finished
        assert rec.question_ids == QUESTIONS and rec.readiness == {"researched_company": True}
        # every submitted answer, with the feedback that was shown
        assert [(a.index, a.question_id, a.answer, a.elapsed) for a in rec.answers] == \
            [(i, q, text, 60.0 + i) for i, (q, text) in enumerate(ANSWERS)]
        scorer, bank = loader.scorer("en"), loader.bank("en")
        for i, a in enumerate(rec.answers):
            assert a.result == scorer.score(a.answer, bank.get(a.question_id), 60.0 + i).to_dict()
        # the draft being typed: the last one reported (or one newer), at most ~1 s old
        assert rec.next_index == 2 and [d.index for d in rec.drafts] == [2]
        draft = rec.draft(2)
        n = int(draft.text.split(":")[0].split()[1])
        assert n in (last_draft, last_draft + 1) and draft.question_id == "mistake-learned"
        from datetime import datetime

        age = killed_at - datetime.fromisoformat(draft.saved_at).timestamp()
        assert age <= 1.0, age
        assert store.sessions()[0].n_answers == 2


WRITER = textwrap.dedent("""
    import json, os, sys, time
    from mockint.core.history.store import Store

    tag, go, n = sys.argv[1], sys.argv[2], int(sys.argv[3])
    result = json.loads(sys.argv[4])
    store = Store.open()
    open(go + "." + tag, "w").close()           # ready: imported, store open
    while not os.path.exists(go):
        time.sleep(0.005)
    ids = []
    for i in range(n):
        sid = store.start_session("en", {"writer": tag, "i": i}, {}, ["why-sales"])
        store.save_draft(sid, 0, "why-sales", f"{tag} {i}")
        store.save_answer(sid, 0, "why-sales", "Why sales?", f"answer {tag} {i}", 30.0, result, 1)
        store.finish_session(sid, {"writer": tag})
        ids.append(sid)
    print(json.dumps(ids))
""")

READER = textwrap.dedent("""
    import os, sys, time
    from mockint.core.history.store import Store

    go, stop = sys.argv[1], sys.argv[2]
    open(go + ".R", "w").close()                # ready: imported
    while not os.path.exists(go):
        time.sleep(0.005)
    reads = 0
    while reads == 0 or not os.path.exists(stop):   # at least one read, however fast the writers
        with Store.open() as store:
            store.sessions()
        reads += 1
    print(reads)
""")


def test_two_processes_writing_sessions_at_once_lose_nothing(tmp_path):
    q = loader.bank("en").get("why-sales")
    result = json.dumps(loader.scorer("en").score("I sold 300 phones in 2021.", q).to_dict())
    Store.open().close()
    go, stop = tmp_path / "go", tmp_path / "stop"
    writers = [subprocess.Popen([sys.executable, "-c", WRITER, tag, str(go), "50", result],
                                stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True, env=child_env(), cwd=ROOT)
               for tag in ("A", "B")]
    reader = subprocess.Popen([sys.executable, "-c", READER, str(go), str(stop)],
                              stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True, env=child_env(), cwd=ROOT)
    deadline = time.monotonic() + 60                  # let all three import and open the store: on a
    while not all((tmp_path / f"go.{t}").exists() for t in "ABR"):   # busy machine this took over 0.5 s
        assert time.monotonic() < deadline, "the writers and the reader never became ready"
        time.sleep(0.01)
    go.write_text("go")
    outs = [w.communicate(timeout=120) for w in writers]
    stop.write_text("stop")
    r_out, r_err = reader.communicate(timeout=60)
    for w, (out, err) in zip(writers, outs):
        assert w.returncode == 0 and err == "", err
    assert reader.returncode == 0 and r_err == "" and int(r_out) > 0
    written = [sid for out, _ in outs for sid in json.loads(out)]
    assert len(written) == 100 and len(set(written)) == 100
    with Store.open() as store:
        rows = store.sessions()
        assert len(rows) == 100 and {r.id for r in rows} == set(written)
        assert all(r.n_answers == 1 and r.finished for r in rows)
        tags = [store.session(r.id).settings["writer"] for r in rows]
        assert tags.count("A") == 50 and tags.count("B") == 50
        assert store.conn.execute("SELECT count(*) FROM drafts").fetchone()[0] == 0
        assert store.conn.execute("SELECT count(*) FROM results").fetchone()[0] == 100


LOCKED = textwrap.dedent("""
    import sys
    from mockint.core.data.errors import MockintError
    from mockint.core.history.store import Store
    try:
        with Store.open(timeout=float(sys.argv[1])) as store:
            store.start_session("en", {}, {}, [])
    except MockintError as exc:
        print(exc)
        sys.exit(2)
""")

HOLDER = textwrap.dedent("""
    import sqlite3, sys, time
    c = sqlite3.connect(sys.argv[1], isolation_level=None)
    if sys.argv[2] == "fresh":
        c.execute("BEGIN EXCLUSIVE")
        c.execute("CREATE TABLE other (x)")          # a new file, not yet in WAL mode: even reads wait
    else:
        c.execute("BEGIN EXCLUSIVE")
    print("holding", flush=True)
    sys.stdin.read()                                 # until the test closes our stdin
    c.execute("ROLLBACK")
""")


@pytest.mark.parametrize("state", ["wal", "fresh"])
def test_another_process_holding_the_history_gives_a_clear_message(state):
    if state == "wal":
        Store.open().close()
    else:
        paths.home()
    holder = subprocess.Popen([sys.executable, "-c", HOLDER, str(paths.db_path()), state], stdin=subprocess.PIPE,
                              stdout=subprocess.PIPE, text=True, env=child_env(), cwd=ROOT)
    try:
        assert holder.stdout.readline().strip() == "holding"
        t = time.perf_counter()
        p = subprocess.run([sys.executable, "-c", LOCKED, "0.5"], capture_output=True, text=True,
                           env=child_env(), cwd=ROOT, timeout=60)
        waited = time.perf_counter() - t
    finally:
        holder.stdin.close()
        holder.wait(timeout=10)
    assert p.returncode == 2 and p.stderr == "", p.stderr
    assert p.stdout == (f"another mockint is using the history ({paths.db_path()} is locked); "
                        f"try again when it has finished\n")
    assert waited >= 0.5
    # once the other one has finished, all is well
    p = subprocess.run([sys.executable, "-c", LOCKED, "0.5"], capture_output=True, text=True, env=child_env(),
                       cwd=ROOT, timeout=60)
    assert p.returncode == 0 and p.stdout == "" and p.stderr == ""


def test_a_draft_save_is_one_small_committed_write(tmp_path):
    """Drafts are committed at once (visible to another connection) and cheap enough for every 3 s."""
    with Store.open() as store:
        sid = store.start_session("en", {}, {}, ["why-sales"])
        t = time.perf_counter()
        for i in range(20):
            store.save_draft(sid, 0, "why-sales", f"text {i}")
        per_save = (time.perf_counter() - t) / 20
        other = sqlite3.connect(paths.db_path())
        assert other.execute("SELECT text FROM drafts").fetchone()[0] == "text 19"
        other.close()
    assert per_save < 0.1, per_save
