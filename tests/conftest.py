from __future__ import annotations

import os
import sys
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parent.parent


@pytest.fixture(autouse=True)
def _isolated_home(tmp_path, monkeypatch):
    """Every test gets its own MOCKINT_HOME and an English locale, and no --bank paths of another
    test (CLI tests run ``main`` in this process: ``run_main``)."""
    monkeypatch.setenv("MOCKINT_HOME", str(tmp_path / "mockint-home"))
    for var in ("LC_ALL", "LC_MESSAGES", "LANG"):
        monkeypatch.delenv(var, raising=False)
    yield
    loader = sys.modules.get("mockint.core.bank.loader")
    if loader is not None and loader.extra_banks():    # a test that ran main(["--bank", ...]) itself
        loader.set_extra_banks(())


def run_cli(*args: str, input: str | bytes | None = None, env: dict | None = None, cwd=None):
    """Run `python -m mockint ...` in a subprocess; returns CompletedProcess (text)."""
    import subprocess

    full_env = dict(os.environ)
    full_env.update(env or {})
    full_env.setdefault("PYTHONPATH", str(ROOT))
    if isinstance(input, str):
        input = input.encode("utf-8")
    p = subprocess.run([sys.executable, "-m", "mockint", *args], input=input, capture_output=True,
                       env=full_env, cwd=cwd or ROOT, timeout=120)
    p.stdout = p.stdout.decode("utf-8", "replace")
    p.stderr = p.stderr.decode("utf-8", "replace")
    return p


def run_main(*args: str, input: str | bytes | None = None, env: dict | None = None, cwd=None,
             stdout_errors: str = "surrogateescape"):
    """``mockint ...`` in this process: ``mockint.cli.main([...])``, as ``run_cli`` runs it in a
    subprocess and with the same result (a CompletedProcess: returncode, stdout, stderr as text),
    without starting an interpreter and loading the banks and rubrics each time (a warm ``score``:
    ~1.3 ms here against ~180 ms for ``run_cli``).

    What a run could leave behind is put back: standard streams (stdin: ``input``, never a
    terminal; stdout, stderr: UTF-8 as a real process writes them here, stdout's error handler
    ``stdout_errors``, stderr's ``backslashreplace``), ``env`` (a value of None removes the
    variable), the working folder (``cwd``, default the top folder, as ``run_cli``), and the
    ``--bank`` paths of the run (``loader.set_extra_banks``). An exception that escapes ``main``
    is written to stderr as a traceback with exit status 1, as the interpreter would."""
    import io
    import subprocess
    import traceback

    from mockint.cli import main
    from mockint.core.bank import loader

    if isinstance(input, str):
        input = input.encode("utf-8")
    stdin = io.TextIOWrapper(io.BytesIO(input or b""), encoding="utf-8")
    out, err = io.BytesIO(), io.BytesIO()
    stdout = io.TextIOWrapper(out, encoding="utf-8", errors=stdout_errors, newline="\n", write_through=True)
    stderr = io.TextIOWrapper(err, encoding="utf-8", errors="backslashreplace", newline="\n", write_through=True)
    saved_env = {k: os.environ.get(k) for k in (env or {})}
    saved = sys.stdin, sys.stdout, sys.stderr, os.getcwd(), loader.extra_banks()
    try:
        for k, v in (env or {}).items():
            if v is None:
                os.environ.pop(k, None)
            else:
                os.environ[k] = str(v)
        os.chdir(cwd or ROOT)
        sys.stdin, sys.stdout, sys.stderr = stdin, stdout, stderr
        try:
            code = main(list(args))
        except SystemExit as exc:               # argparse: --help, --version, a usage error
            code = exc.code if isinstance(exc.code, int) else (0 if exc.code is None else 1)
            if not isinstance(exc.code, (int, type(None))):
                print(exc.code, file=sys.stderr)
        except Exception:                      # a bug: what the interpreter would print
            traceback.print_exc(file=sys.stderr)
            code = 1
        sys.stdout.flush()
        sys.stderr.flush()
    finally:
        sys.stdin, sys.stdout, sys.stderr = saved[:3]
        os.chdir(saved[3])
        loader.set_extra_banks(saved[4])
        for k, v in saved_env.items():
            if v is None:
                os.environ.pop(k, None)
            else:
                os.environ[k] = v
    return subprocess.CompletedProcess(["mockint", *args], code, out.getvalue().decode("utf-8", "replace"),
                                       err.getvalue().decode("utf-8", "replace"))


# -- lanes: a test's folder is its lane (tests/unit, tests/cli, tests/tui), as a marker ------------
# "pytest -m 'not tui'" runs everything but the Textual app (the fast lane); "-m unit" only the core.
LANES = {"unit": "pure tests of the core, in process",
         "cli": "the command line, in process through main([...]); a real process only for imports, kill -9, "
                "locks held by another process, pipes and the wheel",
         "tui": "drives the Textual app (Pilot, snapshots); 'pytest -m \"not tui\"' leaves them out"}


def pytest_configure(config):
    for name, what in LANES.items():
        config.addinivalue_line("markers", f"{name}: {what}")


def pytest_collection_modifyitems(config, items):
    for item in items:
        lane = item.path.parent.name if hasattr(item, "path") else ""
        if lane in LANES:
            item.add_marker(getattr(pytest.mark, lane))
        if lane != "tui" and "snap_compare" in getattr(item, "fixturenames", ()):
            item.add_marker(pytest.mark.tui)         # a snapshot anywhere drives the app


def pytest_ignore_collect(collection_path, config):
    """The fast lane (``-m "not tui"`` exactly) does not even import tests/tui/: every test there
    is a tui test, so none would run, and importing them (Textual, the app) costs each pytest -n
    worker ~1.5 s. Any other selection collects the folder as usual."""
    if collection_path == ROOT / "tests" / "tui" and " ".join(config.getoption("markexpr", "").split()) == "not tui":
        return True
    return None
