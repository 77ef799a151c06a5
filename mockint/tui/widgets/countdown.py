"""The question's time budget, counting down. Running out is only noted, never enforced."""

from __future__ import annotations

from collections.abc import Callable

from rich.text import Text
from textual.message import Message
from textual.widgets import Static


def mmss(seconds: float) -> str:
    s = max(0, int(seconds + 0.999))
    return f"{s // 60}:{s % 60:02d}"


class Countdown(Static):
    class TimeUp(Message):
        """Posted once per question when its budget runs out."""

    def __init__(self, clock: Callable[[], float], running: str, up: str, id: str | None = None) -> None:
        super().__init__("", id=id)
        self.clock, self.running_text, self.up_text = clock, running, up
        self.budget, self.started, self.expired = 0.0, clock(), False
        self.running = False          # nothing to count before the first question is asked

    def on_mount(self) -> None:
        self.set_interval(1.0, self.tick)

    def start(self, seconds: float) -> None:
        self.budget, self.started, self.expired = float(seconds), self.clock(), False
        self.running = True
        self.remove_class("-up")
        self.tick()

    def stop(self) -> None:
        """The answer is in: nothing more to count (no "time's up" while its feedback is read)."""
        self.running = False

    def remaining(self) -> float:
        return self.budget - (self.clock() - self.started)

    def tick(self) -> None:
        if not self.running:
            return
        left = self.remaining()
        if left <= 0:
            self.update(Text(self.up_text))
            if not self.expired:
                self.expired = True
                self.add_class("-up")
                self.post_message(self.TimeUp())
        else:
            self.update(Text(self.running_text.format(time=mmss(left))))
