"""Where the built-in YAML lives: inside the installed package, or at the top of a source tree."""

from __future__ import annotations

from pathlib import Path

_PKG = Path(__file__).resolve().parents[2]     # mockint/ (this file is mockint/core/data/resources.py)


def _find(name: str) -> Path:
    inside = _PKG / name                 # installed wheel: mockint/question_bank
    if inside.is_dir():
        return inside
    return _PKG.parent / name            # source tree / editable install: ./question_bank


def bank_dir() -> Path:
    return _find("question_bank")


def rubrics_dir() -> Path:
    return _find("rubrics")


def jobspec_dir() -> Path:
    """The job-posting vocabularies (``jobspec/<lang>.yaml``): not banks, not rubrics."""
    return _find("jobspec")


def roleplay_dir() -> Path:
    """The role-play scenarios and their lexicon (``roleplays/<lang>.yaml``)."""
    return _find("roleplays")


def display(path: Path) -> str:
    """A short name for messages: relative to the data folder's parent when inside it."""
    path = Path(path)
    for base in (bank_dir().parent, rubrics_dir().parent):
        try:
            return str(path.resolve().relative_to(base))
        except ValueError:
            continue
    return str(path)
