"""The command line's parser: one per run, with only the subparser of the command given when it
is known (``build_parser(only=...)``); the options and their checks (``--count``, ``--elapsed``);
one-line usage errors with "did you mean". The entry point (``mockint.cli.main``) builds it and
dispatches; this module never imports the entry point."""

from __future__ import annotations

import argparse
import re
from typing import NoReturn

from mockint import __version__
from mockint.cli import history as cli_history
from mockint.cli import jobspec as cli_jobspec
from mockint.cli import questions as cli_questions
from mockint.cli import roleplay as cli_roleplay
from mockint.cli.common import one_line, whole_number
from mockint.core.data.errors import did_you_mean
from mockint.core.data.langs import LANGS

FORMATS_SCORE = ("text", "json", "markdown")


_BY_PROG: dict[str, _Parser] = {}     # this run's parsers by prog ("mockint score"), for "did you mean"


class _Parser(argparse.ArgumentParser):
    """A parser that errs in one line and remembers its long options (``add_argument``) and, by
    its prog, itself: "did you mean" reads those, not argparse's private attributes."""
    argv: list[str] = []            # the command line, set on the root parser before parsing

    def __init__(self, *args, **kwargs) -> None:
        self.long_options: list[str] = []       # before argparse's own __init__ adds --help
        super().__init__(*args, **kwargs)
        _BY_PROG[self.prog] = self

    def add_argument(self, *names, **kwargs):
        self.long_options += [n for n in names if isinstance(n, str) and n.startswith("--")]
        return super().add_argument(*names, **kwargs)

    def error(self, message: str) -> NoReturn:  # one line, exit 2
        message = one_line(message) + _suggest(self, message)
        self.exit(2, f"{self.prog}: error: {message} (see '{self.prog} --help')\n")


def _suggest(parser: _Parser, message: str) -> str:
    """' (did you mean 'score'?)' for an invalid choice or an unknown option, else ''."""
    m = re.search(r"invalid choice: '([^']*)' \(choose from (.*)\)$", message)
    if m:
        choices = re.findall(r"'([^']*)'", m.group(2)) or [c.strip() for c in m.group(2).split(",")]
        return did_you_mean(m.group(1), choices)
    m = re.match(r"unrecognized arguments: (\S+)", message)
    if m and m.group(1).startswith("--"):
        root = _BY_PROG.get(parser.prog.split(" ")[0], parser)
        p: _Parser | None = root                   # the options of the (sub)command given, and above it
        options: list[str] = []
        words = list(root.argv)
        while p is not None:
            options += p.long_options
            p = next((_BY_PROG[f"{p.prog} {w}"] for w in words if f"{p.prog} {w}" in _BY_PROG), None)
        return did_you_mean(m.group(1).split("=", 1)[0], sorted(set(options)))
    return ""


# The commands each part of the CLI adds (``build_parser(only=...)`` adds just the one named).
LOCAL_COMMANDS = ("practice", "questions", "score", "grade")
HISTORY_COMMANDS = ("history", "report", "export", "import", "rescore")
BANK_COMMANDS = ("validate", "check-rubric")
JOB_COMMANDS = ("job-spec",)
ROLEPLAY_COMMANDS = ("roleplay",)
COMMANDS = LOCAL_COMMANDS + HISTORY_COMMANDS + BANK_COMMANDS + JOB_COMMANDS + ROLEPLAY_COMMANDS


def build_parser(only: str | None = None) -> _Parser:
    """The command line. ``only``: a command name; then only its subparser is built (a cold
    ``mockint score`` need not build the other fourteen: ~6 ms); ``mockint --help``, no command or
    an unknown one build them all (the list, "did you mean")."""
    if only not in COMMANDS:
        only = None
    _BY_PROG.clear()

    def want(name: str) -> bool:
        return only is None or only == name

    p = _Parser(prog="mockint", description="Offline mock-interview coach for sales and Account "
                "Executive interviews, in English and Romanian. Without a command, opens the interview.")
    p.add_argument("--version", action="version", version=f"mockint {__version__}")
    sub = p.add_subparsers(dest="command", metavar="COMMAND", parser_class=_Parser)

    if want("practice"):
        _add_practice(sub, cli_questions)
    if want("questions"):
        _add_questions(sub, cli_questions)
    if want("score"):
        _add_score(sub, cli_questions)
    if want("grade"):
        _add_grade(sub, cli_questions)
    if only is None or only in HISTORY_COMMANDS:
        cli_history.add_parsers(sub)
    if only is None or only in BANK_COMMANDS:
        cli_questions.add_parsers(sub)           # validate, check-rubric
    if only is None or only in JOB_COMMANDS:
        cli_jobspec.add_parsers(sub)
    if only is None or only == "roleplay":
        cli_roleplay.add_parsers(sub)
    return p


def _add_practice(sub, cli_questions) -> None:
    pr = sub.add_parser("practice", help="open the interview (the default command)",
                        description="Open the interview TUI. With --question, skip the start screen.")
    pr.add_argument("--lang", choices=LANGS, help="language (default: from the locale, else en)")
    which = pr.add_mutually_exclusive_group()
    which.add_argument("--question", metavar="ID", nargs="+", action="extend", dest="questions",
                       help="ask these questions (ids from 'mockint questions'), in this order")
    which.add_argument("--resume", action="store_true",
                       help="go on with the latest unfinished interview (its own language and settings)")
    which.add_argument("--weak", action="store_true",
                       help="practise the questions with the lowest recent results (spaced repetition)")
    pr.add_argument("--count", type=whole_number(1, 50), metavar="N", help="how many questions (default 5)")
    pr.add_argument("--feedback", choices=("each", "end"),
                    help="feedback after each answer (default) or only at the end")
    pr.add_argument("--no-timer", action="store_true", help="no countdown of the time budget")
    pr.add_argument("--job-spec", metavar="FILE", dest="job_spec",
                    help="a job posting: adds questions built from it and the job_fit criterion")
    pr.add_argument("--tone", choices=("formal", "casual"), help="the company's tone: adds the tone criterion")
    cli_questions.add_bank_option(pr)


def _add_questions(sub, cli_questions) -> None:
    q = sub.add_parser("questions", help="list, add, edit, remove, export, import questions",
                       description="List the questions (built-in and your own), optionally filtered by "
                       "a tag; or, with a subcommand, manage your own questions.")
    q.add_argument("--lang", choices=LANGS, help="language (default: from the locale, else en)")
    q.add_argument("--tag", metavar="T", help="a topic, kind or difficulty, e.g. skills, behavioural, hard")
    q.add_argument("--format", choices=("text", "json"), default="text")
    cli_questions.add_bank_option(q)
    cli_questions.add_question_parsers(q, _Parser)


def _add_score(sub, cli_questions) -> None:
    s = sub.add_parser("score", help="score one answer from a file or stdin",
                       description="Score one answer, read from FILE or standard input.")
    which = s.add_mutually_exclusive_group(required=True)
    which.add_argument("--question", metavar="ID", help="a question id from 'mockint questions'")
    which.add_argument("--question-text", metavar="TEXT",
                       help="a question that is not in the bank (global criteria only)")
    s.add_argument("--lang", choices=LANGS, help="language (default: from the locale, else en)")
    s.add_argument("--elapsed", type=_seconds, metavar="SECONDS",
                   help="how long the answer took; adds the on-time criterion")
    s.add_argument("--format", choices=FORMATS_SCORE, default="text")
    s.add_argument("file", nargs="?", default="-", metavar="FILE", help="the answer (default: stdin, or -)")
    cli_questions.add_bank_option(s)


def _add_grade(sub, cli_questions) -> None:
    g = sub.add_parser("grade", help="grade a whole interview transcript (YAML)",
                       description="Grade a transcript: lang, and answers: [{question: ID | "
                       "question_text: TEXT, answer: TEXT, elapsed: SECONDS}].")
    g.add_argument("transcript", metavar="TRANSCRIPT.yaml")
    g.add_argument("--format", choices=FORMATS_SCORE, default="text")
    cli_questions.add_bank_option(g)
    cli_jobspec.add_grade_options(g)


def _seconds(value: str) -> float:
    try:
        v = float(value)
    except ValueError:
        raise argparse.ArgumentTypeError(f"'{value}' is not a number of seconds") from None
    if not (0 <= v <= 86400) or v != v:
        raise argparse.ArgumentTypeError(f"'{value}' must be between 0 and 86400 seconds")
    return v
