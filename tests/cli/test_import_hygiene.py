"""The core and the non-interactive CLI never import Textual (so the CLI starts fast)."""

from __future__ import annotations

import subprocess
import sys

from conftest import ROOT

CORE = ["mockint.core.scoring.text", "mockint.core.scoring.matching", "mockint.core.scoring.rubric", "mockint.core.questions.bank",
        "mockint.core.scoring.engine", "mockint.core.bank.loader", "mockint.core.scoring.feedback", "mockint.core.bank.transcript",
        "mockint.cli"]


def _modules_after(code: str) -> set[str]:
    out = subprocess.run([sys.executable, "-c", code + "\nimport sys; print('\\n'.join(sys.modules))"],
                         capture_output=True, text=True, cwd=ROOT, check=True)
    return set(out.stdout.split())


def test_core_does_not_import_textual():
    mods = _modules_after("\n".join(f"import {m}" for m in CORE) +
                          "\nfrom mockint.core.bank import loader; loader.scorer('en')")
    assert "textual" not in mods and not any(m.startswith("textual.") for m in mods)


def test_score_command_does_not_import_textual():
    code = ("import io, sys; sys.stdin = io.TextIOWrapper(io.BytesIO(b'I sold software.'))\n"
            "from mockint.cli import main\nmain(['score', '--question', 'why-sales', '--format', 'json'])")
    assert "textual" not in _modules_after(code)


def test_only_safe_yaml_loading():
    """All YAML goes through mockint.core.data.yamlfile.safe_load (yaml.safe_load or its C build)."""
    offenders = []
    for path in (ROOT / "mockint").rglob("*.py"):
        text = path.read_text(encoding="utf-8")
        if path.name == "yamlfile.py":
            continue
        for bad in ("yaml.load(", "yaml.unsafe_load", "yaml.full_load", "FullLoader", "yaml.Loader"):
            if bad in text:
                offenders.append(f"{path}: {bad}")
    assert not offenders
    src = (ROOT / "mockint/core/data/yamlfile.py").read_text(encoding="utf-8")
    assert "FullLoader" not in src and "unsafe" not in src
    # the one loader: the safe loader (its C build when available), only stricter (issue 16)
    import yaml

    from mockint.core.data.yamlfile import _strict_loader, safe_load
    loader = _strict_loader()
    assert issubclass(loader, (yaml.SafeLoader,) + ((yaml.CSafeLoader,) if hasattr(yaml, "CSafeLoader") else ()))
    assert loader.yaml_constructors is yaml.SafeLoader.yaml_constructors or \
        loader.yaml_constructors == yaml.SafeLoader.yaml_constructors      # no constructor added
    import pytest
    with pytest.raises(yaml.YAMLError):
        safe_load("x: !!python/object/apply:os.system ['true']\n")
