"""One line per criterion: mark, name, a bar and the percentage."""

from __future__ import annotations

from rich.text import Text
from textual.widgets import Static

from mockint.core.report import bar


def criterion_line(name: str, score: float, passed: bool, bonus: bool = False, width: int = 20) -> Text:
    mark = "✓" if passed else ("·" if bonus else "✗")
    colour = "green" if passed else ("yellow" if bonus else "red")
    out = Text()
    out.append(f"{mark} ", style=f"bold {colour}")
    out.append(f"{name[:28]:<28} ")
    out.append(bar(score * 100, width), style=colour)
    out.append(f" {round(score * 100):>3}%")
    return out


class CriterionBar(Static):
    def __init__(self, name: str, score: float, passed: bool, bonus: bool = False) -> None:
        super().__init__(criterion_line(name, score, passed, bonus), classes="criterion-bar")
        self.score = score
