"""Issue 16, the reliability suite: random damage to the history never makes a command crash
("a bug in mockint") or write into a file that SQLite finds damaged; random control characters in
any imported field never reach the terminal raw."""

from __future__ import annotations

import json
import shutil
import sqlite3

from hypothesis import HealthCheck, example, given, settings
from hypothesis import strategies as st

from mockint.cli import main
from mockint.core.data import paths
from mockint.core.history.store import Store
from tests.unit.test_storage import add_session

COMMANDS = (["history"], ["report", "--last", "--format", "markdown"], ["export", "-o", "EXPORT", "--force"],
            ["rescore", "--last"], ["import", "IMPORT"])


_TEMPLATE: list = []


def template():
    """A history of 40 sessions (checkpointed: one file), and an export of it (made once)."""
    import os
    import tempfile
    from pathlib import Path

    if _TEMPLATE:
        return _TEMPLATE[0]
    home = Path(tempfile.mkdtemp(prefix="mockint-template-"))
    old = os.environ.get("MOCKINT_HOME")
    os.environ["MOCKINT_HOME"] = str(home)
    try:
        with Store.open() as s:
            for n in range(40):
                add_session(s, [("why-sales", f"I like to win and I sold software for {n} years."),
                                ("sales-experience", f"At Nordlys I closed EUR {n},000 with a retailer.")])
            doc = s.export_all()
            s.conn.execute("PRAGMA wal_checkpoint(TRUNCATE)")
    finally:
        if old is None:
            os.environ.pop("MOCKINT_HOME")
        else:
            os.environ["MOCKINT_HOME"] = old
    _TEMPLATE.append(((home / "history.sqlite3").read_bytes(), doc))
    shutil.rmtree(home, ignore_errors=True)
    return _TEMPLATE[0]


def quick_check(path) -> bool:
    try:
        c = sqlite3.connect(f"file:{path}?mode=ro", uri=True)
        try:
            return [r[0] for r in c.execute("PRAGMA quick_check")] == ["ok"]
        finally:
            c.close()
    except (sqlite3.DatabaseError, UnicodeDecodeError):
        return False


def run(capsys, args) -> tuple[int, str]:
    capsys.readouterr()
    code = main(args)
    out = capsys.readouterr()
    return code, out.err


@settings(max_examples=60, deadline=None, suppress_health_check=list(HealthCheck))
@given(flips=st.lists(st.tuples(st.integers(min_value=0), st.integers(min_value=1, max_value=255)),
                      min_size=1, max_size=12),
       command=st.sampled_from(COMMANDS))
@example(flips=[(2984, 128)], command=["history"])       # found: SQLite's message quoted a bad UTF-8 byte
@example(flips=[(247_435_349_615_927_033_852, 1)], command=["export", "-o", "EXPORT", "--force"])  # COMMIT failed
def test_random_damage_never_crashes_a_command_nor_is_written_into(capsys, flips, command):
    data, doc = template()
    home = paths.home()
    shutil.rmtree(home, ignore_errors=True)
    home.mkdir(parents=True)
    damaged = bytearray(data)
    for offset, xor in flips:
        damaged[offset % len(damaged)] ^= xor
    db = home / "history.sqlite3"
    db.write_bytes(bytes(damaged))
    sound = quick_check(db)
    (home / "in.json").write_text(json.dumps(doc))
    args = [a.replace("EXPORT", str(home / "out.json")).replace("IMPORT", str(home / "in.json")) for a in command]
    code, err = run(capsys, args)
    assert code in (0, 1, 2), err
    assert "a bug in mockint" not in err and "Traceback" not in err
    if command[0] in ("rescore", "import") and not sound:
        kept = [p.read_bytes() for p in [db, *home.glob("history.corrupt-*.sqlite3")] if p.exists()]
        assert bytes(damaged) in kept, "a write command wrote into a damaged history"


CONTROL = st.lists(st.sampled_from(["\x1b", "\x07", "\x9b", "\u202e", "\x00", "]0;", "[2J", "a"]),
                   min_size=1, max_size=8).map("".join)


@settings(max_examples=25, deadline=None, suppress_health_check=list(HealthCheck))
@given(junk=CONTROL, where=st.sampled_from(["question_text", "answer", "question_id", "criterion", "rule"]))
def test_control_characters_in_an_imported_field_never_reach_the_terminal(capsys, monkeypatch, junk, where):
    _, doc = template()
    home = paths.home()
    shutil.rmtree(home, ignore_errors=True)
    home.mkdir(parents=True)
    doc = json.loads(json.dumps(doc))
    doc["sessions"] = doc["sessions"][-1:]
    answer = doc["sessions"][0]["answers"][0]
    if where in ("question_text", "answer", "question_id"):
        answer[where] = f"x{junk}y"
    else:
        crit = answer["results"][0]["result"]["criteria"][0]
        if where == "criterion":
            crit["name"] = f"x{junk}y"
        elif crit.get("points"):
            crit["points"][0]["rule"] = f"x{junk}y"
    (home / "in.json").write_text(json.dumps(doc))
    code, err = run(capsys, ["import", str(home / "in.json")])
    if code != 0:
        assert "a bug in mockint" not in err
        return
    monkeypatch.setattr("sys.stdout.isatty", lambda: True, raising=False)
    for args in (["report", "--last", "--format", "markdown"], ["history"]):
        capsys.readouterr()
        assert main(args) == 0
        out = capsys.readouterr().out
        assert not any(ch in out for ch in "\x1b\x07\x9b\u202e\x00"), (args, out)
