"""Errors the user can act on: one line, no traceback (the CLI prints them and exits 2)."""

from __future__ import annotations

from collections.abc import Iterable


class MockintError(Exception):
    """An error caused by input: a file, an option, a YAML document. The message is English (the
    command line's); ``message_id`` and ``params``, when given, let an interface in another
    language say the same thing (the TUI's strings ``err.<message_id>``)."""

    def __init__(self, *args: object, message_id: str | None = None, params: dict | None = None) -> None:
        super().__init__(*args)
        self.message_id, self.params = message_id, dict(params or {})


class DataError(MockintError):
    """A YAML bank or rubric that does not validate; the message names file, line and key."""

    def __init__(self, file: str, line: int | None, key: str, message: str, col: int | None = None):
        self.file, self.line, self.key, self.detail, self.col = file, line, key, message, col
        where = f"{file}:{line}" if line else file
        if line and col:
            where += f":{col}"            # file:line:col: key: message (editors jump to it)
        super().__init__(f"{where}: {key}: {message}" if key else f"{where}: {message}")


def did_you_mean(word: str, choices: Iterable[str]) -> str:
    """' (did you mean 'x'?)' when a close choice exists, else ''."""
    import difflib  # deferred: ~0.5-0.7 ms on every command (cold 'mockint history' ~49 ms); only for a 'did you mean'

    close = difflib.get_close_matches(str(word), [str(c) for c in choices], n=1, cutoff=0.6)
    return f" (did you mean '{close[0]}'?)" if close else ""
