"""The command line's parser: one per run, with only the subparser of the command given when it
is known (``build_parser(only=...)``); the options and their checks (``--count``, ``--elapsed``);
one-line usage errors with "did you mean". The entry point (``mockint.cli.main``) builds it and
dispatches; this module never imports the entry point."""

from __future__ import annotations

import argparse
import re
from collections.abc import Mapping
from typing import NoReturn, TypeVar

from mockint import __version__
from mockint.cli import history as cli_history
from mockint.cli import jobspec as cli_jobspec
from mockint.cli import questions as cli_questions
from mockint.cli import roleplay as cli_roleplay
from mockint.cli.common import one_line, whole_number
from mockint.core.data.errors import did_you_mean
from mockint.core.data.langs import LANGS

FORMATS_SCORE = ("text", "json", "markdown")
_Action = TypeVar("_Action", bound=argparse.Action)


class _Parser(argparse.ArgumentParser):
    """A parser that errs in one line, as the command (or subcommand) it parses: a word it does not
    know is its own error ("mockint score: error: unrecognized arguments: --formt (did you mean
    '--format'?) (see 'mockint score --help')"), not the top parser's; an unknown option is said
    before an error it causes (its value taken for a positional, a subcommand or a file). It
    remembers its option names (as they are added) and subcommands (``add_subparsers``) for that:
    "did you mean" reads those, not argparse's private attributes."""

    def __init__(self, *args, **kwargs) -> None:
        self.option_names: list[str] = []       # before argparse's own __init__ adds -h, --help
        self.with_value: set[str] = set()       # the options that take a value ("--lang en")
        self.command_names: Mapping[str, _Parser] = {}   # its subcommands' parsers by name ("add")
        self.given: list[str] = []              # the words this parser was given to parse
        super().__init__(*args, **kwargs)

    def _add_action(self, action: _Action) -> _Action:
        # argparse's one hook every option passes through (add_argument, a mutually exclusive group's)
        self.option_names += action.option_strings
        if action.nargs != 0:                   # not a flag (--force, --help)
            self.with_value.update(action.option_strings)
        return super()._add_action(action)

    def add_subparsers(self, **kwargs):
        action = super().add_subparsers(**kwargs)
        self.command_names = action.choices     # the live mapping: subcommands added later are in it
        return action

    def parse_known_args(self, args=None, namespace=None):
        self.given = list(args) if args is not None else []
        ns, extras = super().parse_known_args(args, namespace)
        if extras and " " in self.prog:          # a (sub)command's parser: the words left are its own
            self.error(f"unrecognized arguments: {' '.join(extras)}")
        return ns, extras

    def error(self, message: str) -> NoReturn:  # one line, exit 2
        unknown = self.unknown_option()
        if unknown and not message.startswith("unrecognized arguments"):
            message = f"unrecognized arguments: {unknown}"       # the cause of what argparse says
        message = one_line(message) + _suggest(self, message)
        self.exit(2, f"{self.prog}: error: {message} (see '{self.prog} --help')\n")

    def options_meant(self, word: str) -> list[str]:
        """The options of this parser ``word`` (``--name``, ``--name=value``, ``-x``, ``-xVALUE``)
        can be: a long one by a prefix too, as argparse takes it; [] when it is none of them."""
        name = word.split("=", 1)[0]
        if name.startswith("--"):
            return [o for o in self.option_names if o.startswith(name)]
        return [name[:2]] if name[:2] in self.option_names else []

    def unknown_option(self) -> str | None:
        """The first word given that looks like an option this parser does not know; in a parser
        with subcommands, before the first word that is no option nor an option's value (the
        subcommand, or what argparse took for it: the words after it are another parser's)."""
        value_next = False
        for word in self.given:
            if value_next:
                value_next = False
            elif word == "--":
                return None
            elif _looks_like_option(word):
                meant = self.options_meant(word)
                if not meant:
                    return word.split("=", 1)[0]
                attached = "=" in word if word.startswith("--") else len(word) > 2      # --lang=en, -oFILE
                value_next = not attached and any(o in self.with_value for o in meant)
            elif self.command_names:
                return None
        return None


def _looks_like_option(word: str) -> bool:
    """``-x``, ``--name``: not ``-`` (standard input), a negative number or a text with a space."""
    return word.startswith("-") and len(word) > 1 and " " not in word and not re.fullmatch(r"-\d[\d.]*", word)


def _suggest(parser: _Parser, message: str) -> str:
    """' (did you mean 'score'?)' for an invalid choice or an unknown option, else ''."""
    m = re.search(r"invalid choice: '([^']*)' \(choose from (.*)\)$", message)
    if m:
        choices = re.findall(r"'([^']*)'", m.group(2)) or [c.strip() for c in m.group(2).split(",")]
        return did_you_mean(m.group(1), choices)
    m = re.match(r"unrecognized arguments: (.*)", message)
    if m:
        words = [w for w in m.group(1).split() if _looks_like_option(w) and w.startswith("--")]
        if words:
            options = sorted(o for o in parser.option_names if o.startswith("--"))
            return did_you_mean(words[0].split("=", 1)[0], options)
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
