"""The chat: interviewer and candidate messages in a scroll that stays at the bottom."""

from __future__ import annotations

from rich.text import Text
from textual.containers import VerticalScroll
from textual.widgets import Static

from mockint.core.data.display import joined_percent
from mockint.core.data.safe import printable

MAX_SHOWN = 4000   # characters of a message shown in the chat; the full text is still scored


class ChatMessage(Static):
    """One message. ``text`` is shown literally: brackets in an answer are not markup."""

    def __init__(self, speaker: str, text: str, role: str) -> None:
        self.text = text
        more = f"{len(text) - MAX_SHOWN:,}".replace(",", "\u202f")     # 16 699: read the same in en and ro
        shown = text if len(text) <= MAX_SHOWN else text[:MAX_SHOWN] + f" … (+{more})"
        # no terminal escapes; "9 %" shown "9%", on one line (a Romanian call read "vreo 9⏎% la 4 %")
        super().__init__(Text(joined_percent(printable(shown))), classes=f"message {role}")
        self.border_title = Text(speaker)


class ChatNote(Static):
    """A note in the chat (not a message: time's up, the interview resumed)."""

    def __init__(self, text: str) -> None:
        super().__init__(Text(text), classes="message note")


class ChatLog(VerticalScroll, can_focus=False):
    """The conversation so far, anchored to its last message."""

    def on_mount(self) -> None:
        self.anchor()

    def say(self, speaker: str, text: str, role: str) -> ChatMessage:
        message = ChatMessage(speaker, text, role)
        self.mount(message)
        return message

    def note(self, text: str) -> None:
        self.mount(ChatNote(text))
