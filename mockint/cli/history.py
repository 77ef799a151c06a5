"""The history commands: ``history``, ``report``, ``export``, ``import``, ``rescore``.

Wired into ``mockint.cli`` by ``cli_history.add_parsers(sub)`` and dispatched through
``HANDLERS``: each handler takes the parsed arguments and returns the text to print; with
``-o FILE`` it writes the file atomically and returns one line. User errors raise MockintError.
Notices of the store (a damaged history file moved aside) go to standard error.

Importing this module is cheap: every command loads it (``mockint.cli.main``), so each handler
imports what only it needs inside itself (``# deferred``). What that saves (``python -X
importtime`` and wall clock, on top of what the command has loaded): on a cold ``mockint history``
(benchmarks/run.py, ~49 ms in all; tests/cli/test_history_cli.py: no scorer, no YAML) the session
report ~4 ms, the role-play call report ~25 ms, ``loader`` ~4 ms, ``jobspec`` ~16 ms,
``data.files`` ~1 ms and ``yamlfile`` ~0.5 ms; on a cold ``mockint score`` (benchmarks/run.py) the
store ~9.5 ms, its connection helpers ~4 ms, ``history.checks`` ~1.3 ms and ``datetime`` ~0.9 ms.
"""

from __future__ import annotations

import functools
import json
import sys
from collections.abc import Callable, Iterable
from itertools import chain
from pathlib import Path
from typing import Any

from mockint.core.data import paths
from mockint.core.data.errors import MockintError
from mockint.core.data.langs import LANGS

FORMATS_HISTORY = ("text", "json")
FORMATS_REPORT = ("markdown", "json", "html")
MAX_EXPORT_BYTES = 512 * 1024 * 1024     # 1,000 sessions export to ~50 MB


def add_parsers(sub) -> None:
    """Adds the history commands to an argparse subparsers object."""
    h = sub.add_parser("history", help="list past interview sessions",
                       description="List the stored interview sessions, newest first.")
    h.add_argument("--format", choices=FORMATS_HISTORY, default="text")
    h.add_argument("--lang", choices=LANGS, help="only sessions in this language")

    r = sub.add_parser("report", help="report of a past session (Markdown, JSON or HTML)",
                       description="Show a stored session exactly as it was scored: the results "
                       "shown at the time, not re-scored. --last: the latest session with an answer.")
    which = r.add_mutually_exclusive_group(required=True)
    which.add_argument("session", nargs="?", metavar="SESSION_ID",
                       help="a session id, or its first characters (from 'mockint history')")
    which.add_argument("--last", action="store_true", help="the latest session with an answer")
    r.add_argument("--format", choices=FORMATS_REPORT, default="markdown")
    r.add_argument("-o", "--output", metavar="FILE", help="write to FILE instead of standard output")
    r.add_argument("--force", action="store_true", help="replace FILE if it exists")

    e = sub.add_parser("export", help="write all history to a JSON file",
                       description="Write every stored session (answers, feedback, drafts) to one JSON file.")
    e.add_argument("-o", "--output", metavar="FILE.json", required=True, help="the file to write")
    e.add_argument("--force", action="store_true", help="replace FILE.json if it exists (a backup is "
                   "never replaced without it)")

    i = sub.add_parser("import", help="bring back history from an export",
                       description="Add the sessions of a file written by 'mockint export'; sessions "
                       "already in the history are skipped, so importing twice adds nothing.")
    i.add_argument("file", metavar="FILE.json")

    s = sub.add_parser("rescore", help="score a past session again with today's rubric",
                       description="Score every answer of a session again with today's rubric and keep "
                       "both: the original results stay the ones the report shows.")
    which = s.add_mutually_exclusive_group(required=True)
    which.add_argument("session", nargs="?", metavar="SESSION_ID",
                       help="a session id, or its first characters")
    which.add_argument("--last", action="store_true", help="the latest session with an answer")


_opened: list = []          # the stores opened by the running command, for their notices


def _open():
    from mockint.core.history.store import Store  # deferred: see the module docstring

    store = Store.open()
    _opened.append(store)
    return store


def _open_existing(args):
    """The store, for a command that only reads a session (report, rescore): without a history
    file yet, the session cannot be there, and no file is created just to say so."""
    from mockint.core.history.connect import no_session_error, session_key  # deferred: see the module docstring

    if not paths.db_path().exists():
        if args.last:
            raise _no_last()
        session_key(args.session)                 # not an id at all: say that first
        raise no_session_error(args.session)
    return _open()


def _no_last():
    return MockintError("no session with an answer in the history yet; 'mockint practice' starts one")


def _with_notices(fn):
    """The store's notices (a damaged history file moved aside) on standard error: before the
    output on success; on failure, in the one line of the error."""
    @functools.wraps(fn)
    def run(args):
        _opened.clear()
        try:
            out = fn(args)
        except MockintError as exc:
            notes = [n for n in _notices() if n not in str(exc)]
            if notes:
                raise MockintError(f"{exc} ({'; '.join(notes)})") from None
            raise
        for n in _notices():
            print(f"mockint: {n}", file=sys.stderr)
        return out
    return run


def _notices() -> list[str]:
    out: list[str] = []
    for store in _opened:
        out += [n for n in store.notices if n not in out]
    return out


def _local(iso: str | None) -> str:
    if not iso:
        return ""
    from datetime import datetime  # deferred: see the module docstring

    try:
        return datetime.fromisoformat(iso).astimezone().strftime("%Y-%m-%d %H:%M")
    except ValueError:
        return iso[:16]


def to_json(data) -> str:
    """As ``report.to_json`` (deterministic), without importing the scorer: history stays fast."""
    return json.dumps(data, ensure_ascii=False, indent=2) + "\n"


def cmd_history(args) -> str:
    with _open() as store:
        rows = store.sessions(lang=args.lang)
    if args.format == "json":
        return to_json({"sessions": [r.to_dict() for r in rows]})
    if not rows:
        return "no sessions yet; 'mockint practice' starts one\n"
    lines = [f"{'id':<8}  {'started':<16}  lang  answers  score"]
    titles = _titles(rows)
    for r in rows:
        score = "—" if r.score is None else str(r.score)
        call = titles.get((r.lang, r.scenario), r.scenario) if r.scenario else None
        state = ("" if r.finished_at else "  unfinished") + (f"  role-play: {call}" if call else "")
        lines.append(f"{r.id[:8]:<8}  {_local(r.started_at):<16}  {r.lang:<4}  {r.n_answers:>7}  {score:>5}{state}")
    return "\n".join(lines) + "\n"


def _titles(rows) -> dict[tuple[str, str | None], str]:
    """(language, scenario id) -> the scenario's title in that language, for the calls listed."""
    langs = sorted({r.lang for r in rows if r.scenario})
    if not langs:
        return {}
    from mockint.core.roleplay import titles  # deferred: the role-play package ~23 ms, only when calls are listed

    return {(lang, sid): title for lang in langs for sid, title in titles(lang).items()}


def _record(store, args):
    if args.last:
        rec = store.latest()
        if rec is None:
            raise _no_last()
        return rec
    return store.session(args.session)


def cmd_report(args) -> str:
    from mockint.core.report import session as html_report  # deferred: see the module docstring

    with _open_existing(args) as store:
        rec = _record(store, args)
    if rec.call is not None:                   # a role-play call: its own report
        text = _call_report(rec, args.format)
        if args.output:
            write_atomic(args.output, text, replace=args.force, shared=True)   # never over a file without --force
            return f"wrote {args.output}\n"
        return text
    if args.format == "markdown":
        text = html_report.report_markdown(rec)
    elif args.format == "json":
        text = to_json(html_report.report_dict(rec))
    else:
        text = html_report.render_html(html_report.report_dict(rec))
    if args.output:
        write_atomic(args.output, text, replace=args.force, shared=True)   # a report is to share: not 0o600
        return f"wrote {args.output}\n"
    return text


def _call_report(rec, fmt: str) -> str:
    # deferred: see the module docstring
    from mockint.core.report.roleplay import render_html, render_json, render_markdown
    from mockint.core.roleplay import CallResult  # deferred: see the module docstring

    if rec.call["result"] is None:
        raise MockintError(f"session {rec.id[:8]} is a role-play call with no turn yet: nothing to report")
    result = CallResult.from_dict(rec.call["result"])
    return {"markdown": render_markdown, "json": render_json}.get(fmt, render_html)(result)


def cmd_export(args) -> str:
    left_out: list = []
    with _open() as store:
        doc = store.export_stream(left_out)         # read one session at a time as it is written
        chunks = json.JSONEncoder(ensure_ascii=False, indent=2).iterencode(doc)
        write_atomic(args.output, chain(chunks, ["\n"]), replace=args.force)   # never over a file without --force
    n = doc["sessions"].taken
    done = f"wrote {n} session{'' if n == 1 else 's'} to {args.output}"
    rows = [bad.what for bad in left_out if not bad.sid]        # rows of no known session
    left_out = [bad for bad in left_out if bad.sid]
    if left_out:                               # what could be read is saved; what could not, named
        m = len(left_out)
        names = "; ".join(f"session {bad.sid[:8]}: {bad.what}" for bad in left_out[:5])
        more = f"; and {m - 5} more" if m > 5 else ""
        done += (f", but {m} session{'' if m == 1 else 's'} could not be read and "
                 f"{'was' if m == 1 else 'were'} left out: {names}{more}")
    if rows:
        done += f"{'; and' if left_out else ', but'} the file is damaged: {rows[0]} could not be read"
    if left_out or rows:
        raise MockintError(done)
    return done + "\n"


def cmd_import(args) -> str:
    from mockint.core.data.yamlfile import read_data  # deferred: see the module docstring

    text = read_data(Path(args.file), max_bytes=MAX_EXPORT_BYTES, what="JSON text")
    if not text.strip():
        raise MockintError(f"{args.file}: the file is empty; 'mockint import' reads a file written by "
                           f"'mockint export'")
    try:
        doc = json.loads(text, parse_constant=_no_constant)
    except json.JSONDecodeError as exc:
        raise MockintError(f"{args.file}:{exc.lineno}:{exc.colno}: not valid JSON: {exc.msg}") from None
    except ValueError as exc:                    # NaN, Infinity: not JSON, and not a number to keep
        raise MockintError(f"{args.file}: not valid JSON: {exc}") from None
    except RecursionError:
        raise MockintError(f"{args.file}: not a mockint history export: nested too deeply") from None
    from mockint.core.history.checks import validate_export  # deferred: see the module docstring

    try:
        validate_export(doc)                     # errors name the file, then the place in it
    except MockintError as exc:
        raise MockintError(f"{args.file}: {exc}") from None
    with _open() as store:
        store.check_whole()                      # never written into a damaged file
        added, skipped = store.import_all(doc)
    msg = f"imported {added} session{'' if added == 1 else 's'}"
    if skipped:
        msg += f"; {skipped} already in the history, skipped"
    return msg + "\n"


def cmd_rescore(args) -> str:
    from mockint.core.bank import loader  # deferred: see the module docstring

    with _open_existing(args) as store:
        rec = _record(store, args)
        if rec.call is not None:
            raise MockintError(f"session {rec.id[:8]} is a role-play call: its score is kept as it was; to score "
                               f"the same turns with today's scenario, save them to a file and run 'mockint "
                               f"roleplay --scenario {rec.call['scenario']} --lang {rec.lang} FILE'")
        store.check_whole()
        scorer_for: Callable[[str], Any] = loader.scorer     # a Scorer, or one with the job's criteria
        from mockint.core.jobspec import WithJob, stored_context  # deferred: see the module docstring

        job, extra = stored_context(rec.lang, rec.settings)   # a tailored session: scored as it was
        if job is not None:
            scorer_for = lambda lang: WithJob(loader.scorer(lang), job, extra)   # noqa: E731
        added = store.rescore(rec.id, scorer_for)
        rec = store.session(rec.id)
    version = loader.rubric(rec.lang).version
    if not added:
        return (f"session {rec.id[:8]}: today's rubric (version {version}) gives the same results; "
                f"nothing added\n")
    lines = [f"session {rec.id[:8]}: {added} answer{'' if added == 1 else 's'} re-scored with rubric "
             f"version {version}; the original results are kept and stay the ones 'mockint report' shows"]
    for a in rec.answers:
        if len(a.results) > 1:
            lines.append(f"  {a.index + 1}. {a.question_id or a.question_text[:40]}: "
                         f"{a.shown.score} → {a.latest.score}")
    return "\n".join(lines) + "\n"


def _no_constant(name: str):
    raise ValueError(f"'{name}' is not a number JSON allows")


HANDLERS = {name: _with_notices(fn) for name, fn in {
    "history": cmd_history, "report": cmd_report, "export": cmd_export, "import": cmd_import,
    "rescore": cmd_rescore}.items()}


def write_atomic(path: str, text: str | Iterable[str], replace: bool = True, shared: bool = False) -> None:
    """Writes ``text`` to ``path`` atomically (see mockint.core.data.files); the file is private (0o600),
    or with ``shared`` (a report, to hand on) of the user's usual mode (0o666 less the umask).
    ``replace=False``: an existing file is left alone ("already exists; --force replaces it")."""
    from mockint.core.data.files import write_atomic as write  # deferred: see the module docstring

    write(path, text, replace=replace, make_folder=False, shared=shared)
