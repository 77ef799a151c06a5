"""The question-bank commands: ``questions add|edit|remove|export|import`` (``questions`` and
``questions list`` are in ``mockint.cli``), ``validate`` and ``check-rubric``.

Wired into ``mockint.cli`` by ``add_parsers(sub)`` (top-level commands) and
``add_question_parsers(questions_parser)`` (the subcommands of ``questions``); dispatched through
``HANDLERS`` and ``QUESTION_HANDLERS``. A handler takes the parsed arguments and returns the text
to print, or ``(text, exit status)``. User errors raise MockintError (exit 2, one line); notices
(a user question replaces a built-in one) and warnings (a file left out) go to standard error.
The work is done in the core: ``authoring``, ``lint``, ``selfcheck``, ``userbank``, imported by
the handlers that use them (``# deferred``): every command loads this module, and on a cold
``mockint history`` (benchmarks/run.py, ~49 ms in all) ``authoring`` costs ~11 ms, ``lint`` ~6.5 ms,
``selfcheck`` ~30 ms, ``userbank`` ~5 ms, ``loader`` ~4 ms, ``subprocess`` ~2 ms; on a cold
``mockint score`` the role-play package ~11 ms, ``userbank`` ~1 ms (``python -X importtime`` and
wall clock, on top of what the command has loaded).
"""

from __future__ import annotations

import argparse
import os
import shlex
import sys
from pathlib import Path

from mockint.cli.common import default_lang, whole_number
from mockint.core.data.errors import MockintError
from mockint.core.data.langs import LANGS

_printed: set[str] = set()


def add_parsers(sub) -> None:
    """``validate`` and ``check-rubric``."""
    v = sub.add_parser("validate", help="check question banks and rubrics for problems",
                       description="Check bank and rubric files; print each problem on one line as "
                       "file:line:col: message. Without PATH: your own files (in mockint's folder). "
                       "Exit 1 when there are problems, 0 when clean.")
    v.add_argument("paths", nargs="*", metavar="PATH", help="a file or a folder of YAML files")

    c = sub.add_parser("check-rubric", help="run the example answers of questions and criteria",
                       description="Score the example answers (examples: {pass: [...], fail: [...]}) "
                       "of every question and criterion, and list each one that lands on the wrong "
                       "side with the rules that decided it. Without PATH: the built-in banks and "
                       "rubrics and your own files. Exit 1 on any miss.")
    c.add_argument("paths", nargs="*", metavar="PATH", help="a bank or rubric file, or a folder")
    c.add_argument("--verbose", "-v", action="store_true", help="also list questions and criteria without examples")


def add_bank_option(p, suppress: bool = False) -> None:
    p.add_argument("--bank", metavar="PATH", action="append",
                   default=argparse.SUPPRESS if suppress else None,
                   help="more questions (or rubrics) for this run: a YAML file or a folder; repeatable")


def add_question_parsers(q, parser_class) -> None:
    """The subcommands of ``questions``; ``list`` is the default."""
    qs = q.add_subparsers(dest="qcommand", metavar="SUBCOMMAND", parser_class=parser_class)
    S = argparse.SUPPRESS

    ls = qs.add_parser("list", help="list the questions (the default)",
                       description="List the questions (built-in and yours), optionally filtered by a tag.")
    ls.add_argument("--lang", choices=LANGS, default=S, help="language (default: from the locale, else en)")
    ls.add_argument("--tag", metavar="T", default=S, help="a topic, kind or difficulty")
    ls.add_argument("--format", choices=("text", "json"), default=S)
    add_bank_option(ls, suppress=True)

    a = qs.add_parser("add", help="write a new question of your own",
                      description="Write one new question to mockint's folder (question_bank/ID.LANG.yaml), "
                      "atomically, and print the file's path. It can be practised and scored at once.")
    a.add_argument("--lang", choices=LANGS, required=True, help="the question's language")
    a.add_argument("--text", required=True, help="the question, as the interviewer asks it")
    a.add_argument("--id", dest="qid", metavar="ID", help="its id (default: made from the text)")
    a.add_argument("--tag", dest="tags", metavar="T", action="append", default=[],
                   help="a topic, kind or difficulty; repeatable (default: common, behavioural, medium)")
    a.add_argument("--point", dest="points", metavar="TEXT", action="append", default=[],
                   help="a talking point a strong answer covers: \"SUMMARY\" or \"SUMMARY | phrase, "
                   "phrase\" (the phrases that show it is covered); repeatable")
    a.add_argument("--follow-up", dest="follow_ups", metavar="TEXT", action="append", default=[],
                   help="what the interviewer asks when the --point in the same position is missing; repeatable")
    a.add_argument("--time", dest="seconds", type=whole_number(5, 3600, "seconds"), metavar="SECONDS",
                   help="the time budget for an answer (default 120)")
    a.add_argument("--force", action="store_true", help="replace an existing file of that name")

    e = qs.add_parser("edit", help="open one of your questions in $EDITOR",
                      description="Open the file of one of your questions in $EDITOR, then check it.")
    e.add_argument("qid", metavar="ID")
    e.add_argument("--lang", choices=LANGS, default=S, help="when the id is yours in both languages")

    r = qs.add_parser("remove", help="remove one of your questions",
                      description="Remove one of your questions (built-in questions cannot be removed; "
                      "removing yours that replaced a built-in one brings the built-in one back).")
    r.add_argument("qid", metavar="ID")
    r.add_argument("--lang", choices=LANGS, default=S, help="when the id is yours in both languages")

    x = qs.add_parser("export", help="write questions to one bank file",
                      description="Write the questions of a language (built-in and yours), optionally "
                      "filtered, to one YAML bank file that 'mockint questions import' reads.")
    x.add_argument("--lang", choices=LANGS, default=S, help="language (default: from the locale, else en)")
    x.add_argument("--tag", metavar="T", default=S, help="only questions with this tag")
    x.add_argument("--id", dest="ids", metavar="ID", action="append", default=[], help="only this question; repeatable")
    x.add_argument("-o", "--output", metavar="FILE.yaml", required=True, help="the file to write")
    x.add_argument("--force", action="store_true", help="replace FILE.yaml if it exists")
    add_bank_option(x, suppress=True)

    i = qs.add_parser("import", help="add the questions of a bank file to yours",
                      description="Validate a bank file, then write each of its questions to your folder. "
                      "When anything is wrong, every problem is listed and nothing is written.")
    i.add_argument("file", metavar="FILE.yaml")
    i.add_argument("--force", action="store_true", help="replace your questions that have the same ids")


# -- notices ----------------------------------------------------------------------------------------

def new_run() -> None:
    """A new run of ``main`` (in one process, as the tests call it): what ``say`` said is said again."""
    _printed.clear()


def say(kind: str, message: str) -> None:
    """One line on standard error, once per run."""
    line = f"mockint: {kind}: {message}"
    if line not in _printed:
        _printed.add(line)
        print(line, file=sys.stderr)


def report_merge(lang: str) -> None:
    """What merging the user's files said: replaced built-in questions, files left out."""
    from mockint.core.bank import loader  # deferred: see the module docstring

    if not loader.has_user_files():     # nothing merged: nothing to say (and userbank not imported)
        return
    cat = loader.catalogue(lang)
    for n in cat.notices:
        say("note", n)
    for p in cat.problems:
        say("warning", f"{p} (left out)")


def _lang(args) -> str:
    return getattr(args, "lang", None) or default_lang()


# -- questions subcommands ---------------------------------------------------------------------------

def cmd_add(args) -> str:
    from mockint.core.bank import authoring  # deferred: see the module docstring

    w = authoring.add(args.lang, args.text, args.qid, args.tags, args.points, args.follow_ups,
                      args.seconds, args.force)
    for n in w.notices:
        say("note", n)
    return f"{w.path}\n"


def cmd_edit(args):
    import subprocess  # deferred: see the module docstring

    from mockint.core.bank import authoring  # deferred: see the module docstring

    path = authoring.edit_path(args.qid, getattr(args, "lang", None))
    editor = os.environ.get("EDITOR", "").strip()
    if not editor:
        raise MockintError(f"$EDITOR is not set: set it to your editor (e.g. EDITOR=nano), or open {path}")
    try:
        cmd = shlex.split(editor)
    except ValueError as exc:
        raise MockintError(f"$EDITOR cannot be read ({exc})") from None
    try:
        rc = subprocess.run(cmd + [str(path)]).returncode
    except FileNotFoundError:
        raise MockintError(f"cannot start the editor '{cmd[0]}' ($EDITOR): not found") from None
    except OSError as exc:
        raise MockintError(f"cannot start the editor '{cmd[0]}' ($EDITOR): {exc.strerror or exc}") from None
    if rc != 0:
        raise MockintError(f"the editor '{cmd[0]}' exited with status {rc}; {path} is as the editor left it")
    problems = authoring.validate_file(path)
    if problems:
        lines = [str(p) for p in problems]
        lines.append(f"{path}: {len(problems)} problem{'' if len(problems) == 1 else 's'}; mockint leaves "
                     f"out what does not validate until it is fixed ('mockint questions edit {args.qid}"
                     f"{' --lang ' + args.lang if getattr(args, 'lang', None) else ''}')")
        return "\n".join(lines) + "\n", 1
    return f"{path}: no problems\n"


def cmd_remove(args) -> str:
    from mockint.core.bank import authoring  # deferred: see the module docstring

    path, notes = authoring.remove(args.qid, getattr(args, "lang", None))
    for n in notes:
        say("note", n)
    return f"removed {path}\n"


def cmd_export(args) -> str:
    from mockint.core.bank import authoring  # deferred: see the module docstring

    lang = _lang(args)
    report_merge(lang)
    n = authoring.export(lang, getattr(args, "tag", None), Path(args.output), args.ids, args.force)
    return f"wrote {n} question{'' if n == 1 else 's'} to {args.output}\n"


def cmd_import(args):
    from mockint.core.bank import authoring  # deferred: see the module docstring

    try:
        res = authoring.import_file(args.file, args.force)
    except authoring.ImportProblems as exc:
        for p in exc.problems:
            print(str(p), file=sys.stderr)
        raise
    for n in res.notices:
        say("note", n)
    lines = [str(p) for p in res.written]
    msg = f"imported {len(res.written)} question{'' if len(res.written) == 1 else 's'}"
    if res.unchanged:
        msg += f"; {len(res.unchanged)} already there, unchanged"
    say("note", msg)
    return "\n".join(lines) + ("\n" if lines else "")


QUESTION_HANDLERS = {"add": cmd_add, "edit": cmd_edit, "remove": cmd_remove, "export": cmd_export,
                     "import": cmd_import}


# -- validate, check-rubric -----------------------------------------------------------------------

def cmd_validate(args):
    from mockint.core.bank import lint  # deferred: see the module docstring
    from mockint.core.bank.userbank import bank_dir, rubric_dir  # deferred: see the module docstring

    missing: list[MockintError] = []       # a path that does not exist is one more problem
    if args.paths:
        files = lint.expand(args.paths, missing)
    else:
        files = lint.user_paths()
        if not files:
            from mockint.core.roleplay import user_dir  # deferred: see the module docstring

            say("note", f"no files of your own yet (in {bank_dir()}, {rubric_dir()} or {user_dir()}); "
                f"nothing to check")
            return ""
    res = lint.lint(files, missing=missing)
    for notice in res.notices:
        say("note", notice)
    n = len(res.files)
    if res.problems:
        k, m = len(res.problems), len(missing)
        where = f"in {n} file{'' if n == 1 else 's'}" if not m else \
            f"({m} path{'' if m == 1 else 's'} not found; {n} file{'' if n == 1 else 's'} checked)"
        say("note", f"{k} problem{'' if k == 1 else 's'} {where}")
        return "\n".join(str(p) for p in res.problems) + "\n", 1
    say("note", f"{n} file{'' if n == 1 else 's'}, no problems")
    return ""


def cmd_check_rubric(args):
    from mockint.core.bank import lint, selfcheck  # deferred: see the module docstring

    files = lint.expand(args.paths) if args.paths else None
    rep = selfcheck.check(files)
    text = selfcheck.render(rep)
    if args.verbose:
        text += "".join(f"no examples: {w}\n" for w in rep.without)
    say("note", selfcheck.summary(rep))
    return text, (0 if rep.ok else 1)


HANDLERS = {"validate": cmd_validate, "check-rubric": cmd_check_rubric}
