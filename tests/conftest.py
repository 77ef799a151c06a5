from __future__ import annotations

import os
import sys
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parent.parent


@pytest.fixture(autouse=True)
def _isolated_home(tmp_path, monkeypatch):
    """Every test gets its own MOCKINT_HOME and an English locale."""
    monkeypatch.setenv("MOCKINT_HOME", str(tmp_path / "mockint-home"))
    for var in ("LC_ALL", "LC_MESSAGES", "LANG"):
        monkeypatch.delenv(var, raising=False)


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


# -- lanes: a test's folder is its lane (tests/unit, tests/cli, tests/tui), as a marker ------------
# "pytest -m 'not tui'" runs everything but the Textual app (the fast lane); "-m unit" only the core.
LANES = {"unit": "pure tests of the core, in process",
         "cli": "the command line, most in a real process (cold start, kill -9, exit codes)",
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
