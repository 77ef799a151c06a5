"""Bad inputs for every entry point (tests/bad_inputs/cases.yaml): each one gets exactly one line
on standard error and exit status 2 (1 for the findings of validate and check-rubric), never a
traceback, and changes nothing on disk: mockint's folder (but for its parse cache), the input
files and the working folder are the same, byte for byte and modification time, before and after.
The documented exceptions are marked in the cases: `questions import` lists every problem of a
file before its error line, and a damaged history file is moved aside (kept intact) for a new one.

Each case runs ``mockint ...`` through ``main([...])`` in this process (``run_main``: what a
subprocess would print and exit with, in a fraction of the time), in a fresh MOCKINT_HOME and
working folder, on a copy of the corpus (nothing in the repository is touched), with standard
input not a terminal, so ``practice`` never opens the interview. A locked history waits
``connect.WAIT_LIMIT`` (0.5 s here), not the 5 s a user waits."""

from __future__ import annotations

import hashlib
import json
import os
import shutil
import sqlite3
from pathlib import Path

import pytest
import yaml
from conftest import run_main

from mockint.core.history import connect

CORPUS = Path(__file__).resolve().parents[1] / "bad_inputs"
CASES = yaml.load((CORPUS / "cases.yaml").read_text(encoding="utf-8"),       # libyaml when built: read at
                  Loader=getattr(yaml, "CSafeLoader", yaml.SafeLoader))["cases"]   # collection, by every worker
SEED_ID = "5eed" + "0" * 27 + "1"
SKIP_IN_HOME = {"cache"}          # the parse cache: content-addressed, "safe to delete"
KEYS = {"id", "argv", "file", "stdin", "home", "user_files", "db", "make", "env", "chmod", "lock", "exit",
        "error", "stdout", "stderr_lines", "moved_aside"}


def test_the_cases_are_well_formed():
    ids = [c["id"] for c in CASES]
    assert len(ids) == len(set(ids)), "duplicate case ids"
    for c in CASES:
        assert set(c) <= KEYS, (c["id"], set(c) - KEYS)
        assert isinstance(c["argv"], list) and c["exit"] in (0, 1, 2), c["id"]
        assert c["exit"] == 0 or c.get("error"), f"{c['id']}: a failing case names its error"
        if "file" in c and "make" not in c:
            assert (CORPUS / c["file"]).is_file(), f"{c['id']}: no corpus file {c['file']}"
        if "{file}" in " ".join(c["argv"]):
            assert "file" in c, c["id"]
    used = {c["file"] for c in CASES if "file" in c} | {f for c in CASES for f in (c.get("user_files") or {}).values()}
    used |= {c["db"] for c in CASES if c.get("db") not in (None, "truncated", "newer", "folder")}
    used |= {a.split("{corpus}/", 1)[1] for c in CASES for a in c["argv"] if "{corpus}/" in a}
    on_disk = {str(p.relative_to(CORPUS)) for p in CORPUS.rglob("*") if p.is_file() and p.name != "cases.yaml"}
    unused = {f for f in on_disk - used if not f.startswith("seed/")}
    assert not unused, f"corpus files no case uses: {sorted(unused)}"


@pytest.fixture(scope="module")
def history_template(tmp_path_factory) -> Path:
    """A mockint folder whose history holds one session (seed/export.json), made with the
    storage API once per module and copied for each case that needs it."""
    from mockint.core.history.store import Store

    home = tmp_path_factory.mktemp("template") / "home"
    home.mkdir()
    with Store.open(home / "history.sqlite3") as store:
        added, _ = store.import_all(json.loads((CORPUS / "seed" / "export.json").read_text(encoding="utf-8")))
        assert added == 1 and store.session(SEED_ID[:8]).id == SEED_ID
    assert not (home / "history.sqlite3-wal").exists()
    return home


def snapshot(root: Path, skip: set[str] = frozenset()) -> dict[str, object]:
    """Every file under ``root`` -> (sha256, mtime); every folder -> "folder"."""
    out: dict[str, object] = {}
    for p in sorted(root.rglob("*")):
        rel = p.relative_to(root)
        if rel.parts[0] in skip:
            continue
        if p.is_dir():
            out[f"{rel}/"] = "folder"
        else:
            st = p.stat()
            out[str(rel)] = (hashlib.sha256(p.read_bytes()).hexdigest(), st.st_mtime_ns)
    return out


def _fill(value, places: dict[str, str]):
    if isinstance(value, str):
        for k, v in places.items():
            value = value.replace("{" + k + "}", v)
    return value


def _stdin(spec) -> bytes:
    if spec is None:
        return b""
    if isinstance(spec, dict):
        return (spec["repeat"] * spec["times"]).encode("utf-8")
    return spec.encode("utf-8")


def _make(corpus: Path, spec: dict) -> None:
    text, size = spec["text"], spec["bytes"]
    data = (text * (size // len(text) + 1)).encode("utf-8")[:size]
    (corpus / spec["path"]).write_bytes(data)


def _seed_home(case: dict, home: Path, corpus: Path, template: Path) -> None:
    if case.get("home") == "history" or case.get("db") in ("truncated", "newer") or case.get("lock"):
        shutil.copytree(template, home)
    else:
        home.mkdir()
    if case.get("home") == "user-question":
        (home / "question_bank").mkdir(mode=0o700)
        shutil.copy2(corpus / "seed" / "deal-lost-competitor.en.yaml", home / "question_bank")
    for target, source in (case.get("user_files") or {}).items():
        (home / target).parent.mkdir(mode=0o700, parents=True, exist_ok=True)
        shutil.copy2(corpus / source, home / target)
    db = case.get("db")
    if db == "truncated":                  # a history cut short after its first page
        data = (home / "history.sqlite3").read_bytes()
        (home / "history.sqlite3").write_bytes(data[:4096])
    elif db == "newer":                    # as a later mockint would leave it: schema version 99
        conn = sqlite3.connect(home / "history.sqlite3")
        conn.execute("PRAGMA user_version = 99")
        conn.commit()
        conn.close()
    elif db == "folder":
        (home / "history.sqlite3").mkdir()
    elif db:
        shutil.copy2(corpus / db, home / "history.sqlite3")


@pytest.mark.parametrize("case", CASES, ids=[c["id"] for c in CASES])
def test_bad_input(case, tmp_path, history_template, monkeypatch):
    if case.get("chmod") is not None and os.geteuid() == 0:
        pytest.skip("running as root: a file of mode 000 is still readable")
    corpus, home, scratch, cwd = (tmp_path / n for n in ("corpus", "home", "scratch", "cwd"))
    shutil.copytree(CORPUS, corpus)
    scratch.mkdir()
    cwd.mkdir()
    if case.get("make"):
        _make(corpus, case["make"])
    _seed_home(case, home, corpus, history_template)
    places = {"corpus": str(corpus), "home": str(home), "tmp": str(scratch)}
    if "file" in case:
        places["file"] = str(corpus / case["file"])
    argv = [_fill(a, places) for a in case["argv"]]

    env = {k: None for k in ("LC_ALL", "LC_MESSAGES", "LANG", "MOCKINT_DEBUG")}
    env.update(MOCKINT_HOME=str(home))
    env.update({k: None if v is None else str(v) for k, v in (case.get("env") or {}).items()})

    before = {"home": snapshot(home, SKIP_IN_HOME), "corpus": snapshot(corpus), "tmp": snapshot(scratch),
              "cwd": snapshot(cwd)}
    holder = None
    if case.get("lock"):
        monkeypatch.setattr(connect, "WAIT_LIMIT", 0.5)
        holder = sqlite3.connect(home / "history.sqlite3", isolation_level=None)
        holder.execute("BEGIN EXCLUSIVE")
    target = Path(places.get("file", "")) if case.get("chmod") is not None else None
    if target is not None:
        target.chmod(case["chmod"])
    try:                    # stdout as PYTHONIOENCODING=utf-8 sets it: strict UTF-8
        p = run_main(*argv, input=_stdin(case.get("stdin")), env=env, cwd=cwd, stdout_errors="strict")
    finally:
        if target is not None:
            target.chmod(0o644)
        if holder is not None:
            holder.execute("ROLLBACK")
            holder.close()
    out, err = p.stdout, p.stderr
    show = f"\nexit {p.returncode}\nstdout: {out[:2000]!r}\nstderr: {err[:2000]!r}"

    assert "Traceback" not in out and "Traceback" not in err, show
    assert p.returncode == case["exit"], show
    lines = err.splitlines()
    expected_lines = case.get("stderr_lines", 1 if case.get("error") else 0)
    assert len(lines) == expected_lines, f"expected {expected_lines} line(s) on stderr{show}"
    assert all(line.strip() for line in lines), f"an empty line on stderr{show}"
    if case.get("error"):
        last = lines[-1]
        assert last.startswith("mockint"), show
        assert _fill(case["error"], places).lower() in last.lower(), show
    if case.get("stdout"):
        assert _fill(case["stdout"], places) in out, show
    if case["exit"] == 2:
        assert out == "", f"an error prints nothing on standard output{show}"

    after = {"home": snapshot(home, SKIP_IN_HOME), "corpus": snapshot(corpus), "tmp": snapshot(scratch),
             "cwd": snapshot(cwd)}
    if case.get("moved_aside"):
        _check_moved_aside(before["home"], after["home"])
        before.pop("home"), after.pop("home")
    for where in before:
        assert after[where] == before[where], f"{where} changed on disk:\n{_diff(before[where], after[where])}{show}"


def _check_moved_aside(before: dict, after: dict) -> None:
    """The damaged history is kept byte for byte under history.corrupt-<date>.sqlite3, a new one
    is started, and nothing else changes."""
    old = before["history.sqlite3"]
    moved = [k for k in after if k.startswith("history.corrupt-") and k.endswith(".sqlite3")]
    assert len(moved) == 1, sorted(after)
    assert after[moved[0]][0] == old[0], "the damaged file was not kept intact"
    assert "history.sqlite3" in after
    rest_before = {k: v for k, v in before.items() if k != "history.sqlite3"}
    rest_after = {k: v for k, v in after.items() if k not in ("history.sqlite3", moved[0])}
    assert rest_after == rest_before, _diff(rest_before, rest_after)


def _diff(a: dict, b: dict) -> str:
    lines = [f"  created {k}" for k in sorted(set(b) - set(a))]
    lines += [f"  deleted {k}" for k in sorted(set(a) - set(b))]
    lines += [f"  changed {k}" for k in sorted(set(a) & set(b)) if a[k] != b[k]]
    return "\n".join(lines)
