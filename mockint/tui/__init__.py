"""The interview TUI. Importing this package does not import Textual; ``run`` does.

The CLI calls :func:`run` for ``mockint`` (no arguments) and ``mockint practice``. It imports the
app (Textual, ~110 ms) and, for the options that need them, ``jobspec`` (~12 ms), the store (~6 ms)
and ``report.progress`` (~6 ms) inside itself (``# deferred``): a plain launch loads none of these
before the first question (TUI launch, benchmarks/run.py; ``python -X importtime`` and wall clock).
"""

from __future__ import annotations

from mockint.core.bank import loader
from mockint.core.data.errors import MockintError
from mockint.core.interview import QUESTION_SETS, Settings

NO_RESUME = "no unfinished interview to resume; 'mockint practice' starts a new one"
WEAK_COUNT = 5


def run(lang: str, question_ids: list[str] | None, count: int | None, feedback: str, timer: bool,
        resume: bool = False, weak: bool = False, job_spec_text: str | None = None,
        tone: str | None = None, question_set: str = "full") -> int:
    """Run the interview app; returns the exit code. With ``question_ids`` the start screen is
    skipped. ``resume``: go on at once with the latest unfinished interview (its own language
    and settings). ``weak``: practise the questions with the lowest recent results, spaced-
    repetition style (``count`` of them, default 5). Raises ``MockintError`` for bad settings,
    an unknown question id or nothing to resume (before any terminal change), which the CLI
    reports like any other input error. ``job_spec_text``: a job posting's text (its terms add
    questions and the job_fit criterion; an empty or useless posting is an error); ``tone``:
    formal | casual, adds the tone criterion.
    """
    settings = Settings(lang=lang, question_set=question_set if question_set in QUESTION_SETS else "full",
                        count=count, feedback=feedback, timer=timer)
    if job_spec_text is not None or tone is not None:
        from mockint.core import jobspec  # deferred: see the module docstring

        jobspec.job_context(lang, job_spec_text, tone)     # checked before any terminal change
    if resume and weak:
        raise MockintError("--resume and --weak cannot be used together")
    store = record = None
    if resume or weak:
        from mockint.core.history.store import Store  # deferred: see the module docstring

        store = Store.open()
    try:
        if resume:
            assert store is not None          # opened just above, for --resume and --weak
            record = store.unfinished()
            if record is None:
                raise MockintError(NO_RESUME)
        elif weak:
            from mockint.core.report.progress import pick_weak  # deferred: see the module docstring

            assert store is not None
            question_ids = pick_weak(store, loader.bank(lang), count or WEAK_COUNT)
            settings = Settings(lang=lang, question_set="full", count=None, feedback=feedback, timer=timer)
        # deferred: see the module docstring
        from mockint.tui.app import create_app  # Textual is imported here, and only here

        app = create_app(settings, question_ids=question_ids, store=store, resume=record,
                         job_text=job_spec_text, tone=tone)
        result = app.run()
    finally:
        if store is not None:
            store.close()
    return 0 if result is None else int(result)
