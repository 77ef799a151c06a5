"""The layers of mockint/ hold (issue 17): import-linter's contracts in pyproject.toml, run as a test,
and the contracts are real: an upward import breaks them."""

from __future__ import annotations

import shutil
import subprocess
import sys
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[2]


def _lint_imports(cwd: Path) -> subprocess.CompletedProcess:
    exe = shutil.which("lint-imports") or str(Path(sys.executable).with_name("lint-imports"))
    return subprocess.run([exe, "--no-cache"], cwd=cwd, capture_output=True, text=True, timeout=300)


def test_every_import_contract_is_kept():
    p = _lint_imports(ROOT)
    assert p.returncode == 0, p.stdout[-3000:] + p.stderr[-2000:]
    assert "0 broken" in p.stdout


def test_an_upward_import_breaks_the_layers(tmp_path):
    """Copy the package, make the data layer import the scorer, and the contract says so."""
    pytest.importorskip("importlinter")
    shutil.copytree(ROOT / "mockint", tmp_path / "mockint", ignore=shutil.ignore_patterns("__pycache__"))
    shutil.copy(ROOT / "pyproject.toml", tmp_path / "pyproject.toml")
    f = tmp_path / "mockint" / "core" / "data" / "marks.py"
    f.write_text(f.read_text() + "\nfrom mockint.core.scoring import engine  # noqa\n")
    p = subprocess.run([sys.executable, "-c", "import sys; sys.path.insert(0, '.'); "
                        "from importlinter.cli import lint_imports_command; lint_imports_command()"],
                       cwd=tmp_path, capture_output=True, text=True, timeout=300)
    assert p.returncode != 0
    assert "mockint.core.data is not allowed to import mockint.core.scoring" in " ".join(p.stdout.split())


def test_a_check_kind_is_declared_once_beside_its_run():
    """Issue 17: a kind was defined in four places; its class now says its name, effects and
    options, and the rubric parser reads them from the registry."""
    from mockint.core.scoring import rubric
    from mockint.core.scoring.checks import KIND_CLASSES, Check

    assert set(KIND_CLASSES) == set(rubric.KINDS)
    for kind, cls in KIND_CLASSES.items():
        assert issubclass(cls, Check) and cls.kind == kind and "run" in vars(cls)
        assert rubric.KIND_KEYS[kind] == cls.options and rubric.KIND_EFFECTS[kind] == tuple(cls.effects)
        assert set(cls.effects) <= {"reward", "bonus", "penalty", "gate"}
    assert set(rubric.READS_OTHERS) == {"claims", "statements", "evidence", "filler", "other_question"}
