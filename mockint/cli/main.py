"""The command line: a thin shell over the core. Textual is imported only by the TUI commands.

Deferred imports: this module is loaded by every command, so a handler imports what only its
command needs inside itself (``# deferred``). What each saves (``python -X importtime`` and wall
clock, on top of what the command has already loaded): on a cold ``mockint history``
(benchmarks/run.py, ~49 ms in all; tests/cli/test_history_cli.py: no scorer) the scoring stack
(``engine`` ~22 ms, ``bank.transcript`` ~23 ms, ``loader`` ~4 ms, ``questions.bank`` ~3.5 ms,
``feedback`` ~1.2 ms), ``jobspec`` ~16 ms, ``lint`` ~6.5 ms, the TUI package ~8 ms, and
``yamlfile``, ``data.strings``, ``data.safe`` ~0.4-0.5 ms each (together ~3 % of it); on a cold
``mockint score`` (benchmarks/run.py) the store ~9.5 ms and the TUI package ~3 ms (Textual, ~110 ms
more, comes with ``run``).
"""

from __future__ import annotations

import os
import sys
from pathlib import Path
from typing import TYPE_CHECKING, Sequence

from mockint.cli import history as cli_history
from mockint.cli import jobspec as cli_jobspec
from mockint.cli import questions as cli_questions
from mockint.cli import roleplay as cli_roleplay
from mockint.cli.common import default_lang, one_line
from mockint.cli.jobspec import job_context_for
from mockint.cli.parser import COMMANDS, build_parser
from mockint.core.data import paths, prefs
from mockint.core.data.errors import MockintError, did_you_mean
from mockint.core.data.langs import LANGS

if TYPE_CHECKING:
    import argparse
    from collections.abc import Iterable
    from typing import TextIO

__all__ = ["COMMANDS", "Streamed", "build_parser", "cmd_grade", "main", "practice_choices"]


def main(argv: Sequence[str] | None = None) -> int:
    """Runs ``mockint ARGV...`` (default: ``sys.argv[1:]``) and returns its exit status. It never
    exits the process itself (``--help``, ``--version`` and a usage error return 0 or 2), so it can
    be called in process, as the CLI tests do; ``python -m mockint`` and the ``mockint`` script exit
    with what it returns."""
    args_list = list(sys.argv[1:] if argv is None else argv)
    parser = build_parser(only=args_list[0] if args_list else None)
    try:
        args = parser.parse_args(args_list)
    except SystemExit as exc:   # argparse has written the help, the version or the one-line error
        return exc.code if isinstance(exc.code, int) else 0
    try:
        return _run(parser, args)
    except MockintError as exc:
        print(f"mockint: error: {one_line(str(exc))}", file=sys.stderr)
        return 2
    except KeyboardInterrupt:
        print("mockint: interrupted", file=sys.stderr)
        return 130
    except RecursionError:
        print("mockint: error: the input is nested too deeply to be read", file=sys.stderr)
        return 2
    except MemoryError:
        print("mockint: error: out of memory: the input is too big", file=sys.stderr)
        return 2
    except Exception as exc:            # never a traceback: one line, and how to see the details
        if os.environ.get("MOCKINT_DEBUG"):
            raise
        print(f"mockint: error: unexpected {type(exc).__name__}: {one_line(str(exc), 300)} (a bug in mockint; "
              f"MOCKINT_DEBUG=1 shows the details)", file=sys.stderr)
        return 2


def _run(parser: argparse.ArgumentParser, args) -> int:
    cli_questions.new_run()                 # notices are said once per run
    if args.command is None:
        args = parser.parse_args(["practice"])
    _use_banks(getattr(args, "bank", None))
    if args.command == "practice":
        return cmd_practice(args)
    handler = {"questions": _questions, "score": cmd_score, "grade": cmd_grade,
               **cli_history.HANDLERS, **cli_questions.HANDLERS, **cli_jobspec.HANDLERS,
               **cli_roleplay.HANDLERS}[args.command]
    out = handler(args)
    code = 0
    if isinstance(out, tuple):
        out, code = out
    _write(out)
    return code


class Streamed:
    """Output written piece by piece as it is made (a big JSON report), in blocks of ~64 KB."""

    BLOCK = 1 << 16

    def __init__(self, chunks: Iterable[str]) -> None:
        self.chunks = chunks

    def __str__(self) -> str:
        """The whole text (for a caller that wants it at once; it can be read once)."""
        return "".join(self.chunks)

    def write(self, out: TextIO) -> None:
        block: list[str] = []
        size = 0
        for chunk in self.chunks:
            block.append(chunk)
            size += len(chunk)
            if size >= self.BLOCK:
                out.write("".join(block))
                block, size = [], 0
        out.write("".join(block))


def _write(text: str | Streamed) -> None:
    try:
        if isinstance(text, Streamed):
            text.write(sys.stdout)
        else:
            if sys.stdout.isatty():            # no terminal escapes from stored or imported text
                from mockint.core.data.safe import printable  # deferred: see the module docstring (for a terminal only)
                text = printable(text)
            sys.stdout.write(text)
        sys.stdout.flush()
    except BrokenPipeError:  # e.g. `mockint questions | head`
        devnull = os.open(os.devnull, os.O_WRONLY)
        os.dup2(devnull, sys.stdout.fileno())


def _use_banks(paths: list[str] | None) -> None:
    """``--bank PATH``: more questions and rubrics for this run (checked to exist)."""
    if not paths:
        return
    from mockint.core.bank import loader  # deferred: see the module docstring

    for p in paths:
        if not Path(p).exists():
            raise MockintError(f"--bank {p}: no such file or folder")
    loader.set_extra_banks(paths)
    # deferred: see the module docstring
    from mockint.core.bank import lint  # named for this run: it must load whole, or nothing runs

    problems = lint.lint(lint.expand(paths)).problems
    if problems:
        n = len(problems)
        more = (f"; and {n - 1} more problem{'' if n == 2 else 's'} ('mockint validate "
                f"{' '.join(paths)}' lists them)") if n > 1 else ""
        raise MockintError(f"--bank: {problems[0]}{more}")


def _questions(args):
    sub = getattr(args, "qcommand", None)
    if sub in (None, "list"):
        return cmd_questions(args)
    return cli_questions.QUESTION_HANDLERS[sub](args)


def cmd_practice(args) -> int:
    from mockint.core.bank import loader  # deferred: see the module docstring

    lang, count, feedback, timer, question_set = practice_choices(args)
    cli_questions.report_merge(lang)
    if args.questions:
        bank = loader.bank(lang)
        for qid in args.questions:
            bank.get(qid)                  # unknown ids fail here, before the screen opens
    if args.resume:                        # nothing to resume: said before the terminal check
        _check_resume()
    job_text = None
    if args.job_spec is not None:          # a bad posting: one line, before the terminal check
        from mockint.core import jobspec  # deferred: see the module docstring
        job_text = jobspec.read_posting(args.job_spec)
        jobspec.job_context(lang, job_text, args.tone, source=args.job_spec)
    if not sys.stdout.isatty() or not sys.stdin.isatty():
        raise MockintError("the interview needs a terminal; for scripts use 'mockint score' or 'mockint grade'")
    from mockint.tui import run  # deferred: see the module docstring; Textual is imported only here

    return run(lang=lang, question_ids=args.questions, count=count, feedback=feedback,
               timer=timer, resume=args.resume, weak=args.weak, job_spec_text=job_text,
               tone=args.tone, question_set=question_set)


def practice_choices(args) -> tuple[str, int | None, str, bool, str]:
    """(lang, count, feedback, timer, question set): the options given, else the choices
    remembered from the last interview started on the start screen (``settings.json``), else the
    defaults (the language from the locale)."""
    saved = prefs.load()
    lang = args.lang or saved.get("lang") or default_lang()
    if lang not in LANGS:
        lang = default_lang()
    count = args.count if args.count is not None else saved.get("count")
    feedback = args.feedback or saved.get("feedback") or "each"
    timer = False if args.no_timer else saved.get("timer", True)
    question_set = saved.get("question_set", "full")
    return lang, count, feedback if feedback in ("each", "end") else "each", timer, question_set


def _check_resume() -> None:
    """Nothing to resume is one line (before any terminal change): without a history file none is created, and a
    damaged one moved aside is said in the error itself."""
    from mockint.tui import NO_RESUME  # deferred: see the module docstring

    if not paths.db_path().exists():
        raise MockintError(NO_RESUME)
    from mockint.core.history.store import Store  # deferred: see the module docstring

    with Store.open() as store:
        if store.unfinished() is None:
            notes = f" ({'; '.join(store.notices)})" if store.notices else ""
            raise MockintError(NO_RESUME + notes)
        for notice in store.notices:
            print(f"mockint: {notice}", file=sys.stderr)


def cmd_questions(args) -> str:
    from mockint.core.bank import loader  # deferred: see the module docstring
    from mockint.core.scoring.feedback import to_json  # deferred: see the module docstring

    lang = args.lang or default_lang()
    cli_questions.report_merge(lang)
    if args.tag:
        from mockint.core.data.strings import tag_id  # deferred: see the module docstring

        args.tag = tag_id(args.tag)                 # "ușoară", as the Romanian list shows it, is "easy"
    qs = loader.bank(lang).filter(args.tag)
    if args.tag and not qs:
        from mockint.core.questions.bank import DIFFICULTIES, KINDS, TOPICS  # deferred: see the module docstring
        tags = sorted(set(TOPICS) | set(KINDS) | set(DIFFICULTIES))
        raise MockintError(f"no question has the tag '{args.tag}'{did_you_mean(args.tag, tags)}; "
                           f"tags: {', '.join(tags)}")
    if args.format == "json":
        return to_json({"lang": lang, "questions": [q.to_dict() for q in qs]})
    from mockint.core.data.strings import tag  # deferred: see the module docstring

    width = max(len(q.id) for q in qs)
    kind = max((len(tag(lang, q.kind)) for q in qs), default=5)
    diff = max((len(tag(lang, q.difficulty)) for q in qs), default=6)
    lines = [f"{q.id:<{width}}  {tag(lang, q.kind):<{kind}} {tag(lang, q.difficulty):<{diff}} {q.text}" for q in qs]
    return "\n".join(lines) + "\n"


def _read_answer(path: str) -> str:
    """The answer from FILE or standard input (``-``): UTF-8 text with at least one word, read
    no further than the longest answer mockint scores; anything else is one line."""
    from mockint.core.data.yamlfile import read_input  # deferred: see the module docstring
    from mockint.core.scoring.engine import MAX_ANSWER_CHARS  # deferred: see the module docstring

    limit = MAX_ANSWER_CHARS * 4 + 4            # bytes: UTF-8 takes at most 4 per character
    name, text = read_input(path, limit, "no answer given: name a FILE or pipe the answer on standard input",
                            f"the answer is longer than {MAX_ANSWER_CHARS:,} characters (about 30,000 words), "
                            f"the most mockint scores")
    if not text.strip():
        raise MockintError(f"{name}: the answer is empty")
    if not any(ch.isalnum() for ch in text):
        raise MockintError(f"{name}: the answer has no words (only symbols, emoji or marks)")
    if len(text) > MAX_ANSWER_CHARS:
        raise MockintError(f"{name}: the answer is {len(text):,} characters; the most mockint scores is "
                           f"{MAX_ANSWER_CHARS:,} (about 30,000 words)")
    return text


def cmd_score(args) -> str:
    from mockint.core.bank import loader  # deferred: see the module docstring
    from mockint.core.questions.bank import adhoc_question  # deferred: see the module docstring
    from mockint.core.scoring.feedback import score_markdown, score_text, to_json  # deferred: see the module docstring

    lang = args.lang or default_lang()
    if args.question_text is not None:
        if not args.question_text.strip():
            raise MockintError("--question-text is empty")
        question = adhoc_question(args.question_text.strip(), lang)
    else:
        cli_questions.report_merge(lang)
        question = loader.bank(lang).get(args.question)
    answer = _read_answer(args.file)
    result = loader.scorer(lang).score(answer, question, args.elapsed)
    if args.format == "json":
        return to_json(result.to_dict())
    if args.format == "markdown":
        return score_markdown(result, lang)
    return score_text(result, lang)


def cmd_grade(args) -> str | Streamed:
    # deferred: see the module docstring
    from mockint.core.bank import loader
    from mockint.core.bank.transcript import load_transcript
    from mockint.core.scoring.feedback import grade_dict, grade_markdown, grade_text, json_chunks, session_summary

    tr = load_transcript(args.transcript)
    cli_questions.report_merge(tr.lang)
    scorer = loader.scorer(tr.lang)
    job = job_context_for(args, tr.lang)
    if job is None:
        results = [scorer.score(item.answer, item.question, item.elapsed) for item in tr.items]
    else:
        from mockint.core.jobspec import job_fit_table, score_with_job, with_posting_covered  # deferred: see above
        results = [score_with_job(scorer, item.answer, item.question, item.elapsed, job) for item in tr.items]
    s = session_summary(tr.lang, results)
    if job is not None and job.terms:
        with_posting_covered(s, results)          # the share of the posting covered, not a mean
        s.job_fit = job_fit_table(results, job.terms)
    if args.format == "json":
        data = grade_dict(s)
        del s, results             # the report holds what is written: the results can go first
        return Streamed(json_chunks(data))
    if args.format == "markdown":
        return grade_markdown(s)
    return grade_text(s)


if __name__ == "__main__":  # pragma: no cover
    raise SystemExit(main())
