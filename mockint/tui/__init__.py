"""The interview TUI. Importing this package does not import Textual; ``run`` does.

The CLI calls :func:`run` for ``mockint`` (no arguments) and ``mockint practice``.
"""

from __future__ import annotations


def run(lang: str, question_ids: list[str] | None, count: int | None, feedback: str, timer: bool) -> int:
    """Run the interview app; returns the exit code. With ``question_ids`` the start screen is
    skipped. Raises ``MockintError`` for bad settings or an unknown question id (before any
    terminal change), which the CLI reports like any other input error.
    """
    from mockint.core.interview import Settings
    from mockint.tui.app import create_app   # Textual is imported here, and only here

    settings = Settings(lang=lang, question_set="full", count=count, feedback=feedback, timer=timer)
    app = create_app(settings, question_ids=question_ids)
    result = app.run()
    return 0 if result is None else int(result)
