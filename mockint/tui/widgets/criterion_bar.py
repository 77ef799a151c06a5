"""One line per criterion: mark, name, a bar and the percentage."""

from __future__ import annotations

from rich.text import Text
from textual.widgets import Static

from mockint.core.scoring.feedback import bar

NAME_WIDTH = 34


def criterion_line(name: str, score: float, passed: bool, bonus: bool = False, width: int = 20) -> Text:
    mark = "✓" if passed else ("·" if bonus else "✗")
    colour = "green" if passed else ("yellow" if bonus else "red")
    out = Text()
    out.append(f"{mark} ", style=f"bold {colour}")
    shown = name if len(name) <= NAME_WIDTH else name[:NAME_WIDTH - 1] + "…"
    out.append(f"{shown:<{NAME_WIDTH}} ")
    out.append(bar(score * 100, width), style=colour)
    out.append(f" {round(score * 100):>3}%")
    return out


class CriterionBar(Static):
    def __init__(self, name: str, score: float, passed: bool, bonus: bool = False) -> None:
        super().__init__(criterion_line(name, score, passed, bonus), classes="criterion-bar")
        self.score = score
