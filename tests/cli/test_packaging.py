"""A built wheel carries the YAML and works away from the source tree (non-editable install)."""

from __future__ import annotations

import json
import os
import subprocess
import sys
import zipfile

import pytest
from conftest import ROOT


@pytest.fixture(scope="module")
def installed(tmp_path_factory):
    out = tmp_path_factory.mktemp("wheel")
    build = subprocess.run([sys.executable, "-m", "pip", "wheel", "--no-deps", "-q", "-w", str(out), str(ROOT)],
                           capture_output=True, text=True)
    if build.returncode != 0:
        pytest.fail(f"wheel build failed: {build.stderr[-2000:]}")
    wheel = next(out.glob("mockint-*.whl"))
    target = tmp_path_factory.mktemp("site")
    inst = subprocess.run([sys.executable, "-m", "pip", "install", "--no-deps", "-q", "--target", str(target),
                           str(wheel)], capture_output=True, text=True)
    assert inst.returncode == 0, inst.stderr
    return wheel, target


def test_wheel_contains_the_yaml(installed):
    wheel, _ = installed
    names = zipfile.ZipFile(wheel).namelist()
    for name in ("mockint/question_bank/en.yaml", "mockint/question_bank/ro.yaml", "mockint/rubrics/en.yaml",
                 "mockint/rubrics/ro.yaml", "mockint/rubrics/guide.yaml", "mockint/jobspec/en.yaml",
                 "mockint/jobspec/ro.yaml", "mockint/roleplays/en.yaml", "mockint/roleplays/ro.yaml"):
        assert name in names


def test_installed_copy_runs_away_from_the_source_tree(installed, tmp_path):
    _, target = installed
    env = dict(os.environ, PYTHONPATH=str(target))
    code = "import mockint, sys; print(mockint.__file__)"
    where = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, cwd=tmp_path, env=env)
    assert where.stdout.startswith(str(target))
    p = subprocess.run([sys.executable, "-m", "mockint", "score", "--question", "why-sales", "--lang", "ro",
                        "--format", "json"], input="Am ales vânzările pentru că îmi plac oamenii.",
                       capture_output=True, text=True, cwd=tmp_path, env=env)
    assert p.returncode == 0, p.stderr
    assert json.loads(p.stdout)["lang"] == "ro"
    p = subprocess.run([sys.executable, "-m", "mockint", "roleplay", "--scenario", "sell-pen", "--lang", "ro",
                        "--format", "json", "-"], input="Când ați folosit ultima dată un pix?",
                       capture_output=True, text=True, cwd=tmp_path, env=env)      # the role-plays ship too
    assert p.returncode == 0, p.stderr
    assert json.loads(p.stdout)["scenario"] == "sell-pen"


def test_nothing_that_ships_names_the_shared_notes():
    """Issue 19: the shipped bank and matching module cited notes outside the repository; what
    ships cites what ships (rubrics/guide.yaml, docs/)."""
    from pathlib import Path

    root = Path(__file__).resolve().parents[2]
    shipped = [*root.joinpath("mockint").rglob("*.py"), *root.joinpath("question_bank").glob("*.yaml"),
               *root.joinpath("rubrics").glob("*.yaml"), *root.joinpath("docs").glob("*.md"),
               *root.joinpath("benchmarks").rglob("*.py"), *root.joinpath("benchmarks").rglob("*.yaml"),
               root / "README.md", root / "pyproject.toml"]      # the sdist ships benchmarks/ too
    offenders = [str(p.relative_to(root)) for p in shipped if "shared/" in p.read_text(encoding="utf-8")]
    assert not offenders, offenders


def test_the_tui_marker_is_registered_and_given_to_every_textual_test(request):
    """The fast lane: 'pytest -m "not tui"' leaves out every test that drives the Textual app."""
    import subprocess
    import sys

    from conftest import ROOT

    p = subprocess.run([sys.executable, "-m", "pytest", "-q", "-p", "no:cacheprovider", "--co", "-m", "tui",
                        "tests/tui/test_tui_roleplay.py", "tests/unit/test_journal.py", "tests/unit/test_roleplay.py"],
                       capture_output=True, text=True, cwd=ROOT)
    names = [line for line in p.stdout.splitlines() if "::" in line]
    assert names and all("test_roleplay.py" not in n for n in names)
    assert any("test_journal.py::test_the_summary_says_what_is_not_saved_and_where" in n for n in names)
    assert "PytestUnknownMarkWarning" not in p.stdout + p.stderr
