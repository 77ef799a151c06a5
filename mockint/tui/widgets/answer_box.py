"""The answer box: a multi-line TextArea. Enter adds a new line; the screen binds Ctrl+S to submit."""

from __future__ import annotations

from textual.widgets import TextArea


class AnswerBox(TextArea):
    def __init__(self, placeholder: str, *, blink: bool = True, id: str | None = None) -> None:
        super().__init__(soft_wrap=True, tab_behavior="focus", show_line_numbers=False,
                         highlight_cursor_line=False, placeholder=placeholder, id=id)
        self.cursor_blink = blink

    def set_locked(self, locked: bool) -> None:
        """Read-only while the answer is being scored (the text stays)."""
        self.read_only = locked
        self.set_class(locked, "-locked")

    def clear_answer(self) -> None:
        self.text = ""
