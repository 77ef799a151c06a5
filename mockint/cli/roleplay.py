"""``mockint roleplay``: play a scripted sales call from a file of turns, list the scenarios, or
run their example calls.

    mockint roleplay --scenario ID [--lang en|ro] [--format text|json|markdown] [TURNS_FILE|-]
    mockint roleplay --list [--lang en|ro] [--format text|json]
    mockint roleplay --check [--lang en|ro]
    ... --scenarios PATH (repeatable): more scenario files or folders, like --bank

Wired into ``mockint.cli`` like ``cli_jobspec``: ``add_parsers(sub)``, ``HANDLERS``. The work is
done in ``mockint.core.roleplay`` (docs/roleplay.md), imported by the functions that use it
(``# deferred``): every command loads this module, and on a cold ``mockint history``
(benchmarks/run.py, ~49 ms in all) the role-play package costs ~23 ms, its report ~25 ms,
``feedback`` ~1.2 ms, ``yamlfile`` ~0.5 ms; the store ~9.5 ms on a cold ``mockint score``
(``python -X importtime`` and wall clock, on top of what the command has loaded).
"""

from __future__ import annotations

import re
import sys
from pathlib import Path

from mockint.cli.common import default_lang
from mockint.core.data.errors import MockintError
from mockint.core.data.langs import LANGS

FORMATS = ("text", "json", "markdown")
MAX_TURNS_BYTES = 1024 * 1024


def add_parsers(sub) -> None:
    r = sub.add_parser("roleplay", help="play a sales call with a scripted buyer (turns from a file), "
                       "list the scenarios, or check their example calls",
                       description="Role-play a sales call: the candidate's turns come from TURNS_FILE (or "
                       "standard input), one turn per paragraph (paragraphs are separated by a blank line). "
                       "Prints the whole dialogue, turn by turn, and the call's score with its evidence. "
                       "Scenarios are data: the built-in ones, <mockint home>/roleplays/*.yaml, and "
                       "--scenarios files (docs/roleplay.md).")
    what = r.add_mutually_exclusive_group(required=True)
    what.add_argument("--scenario", metavar="ID", help="the scenario to play (see --list)")
    what.add_argument("--list", action="store_true", help="list the scenarios")
    what.add_argument("--check", action="store_true",
                      help="play every scenario's example calls; exit 1 if one misses its expectation")
    r.add_argument("turns", metavar="TURNS_FILE", nargs="?",
                   help="the candidate's turns, one per paragraph ('-' or nothing: standard input)")
    r.add_argument("--lang", choices=LANGS, help="language (default: from the locale, else en)")
    r.add_argument("--format", choices=FORMATS + ("html",), default="text",
                   help="text (default), json, markdown, or html (one self-contained page)")
    r.add_argument("--save", action="store_true",
                   help="keep the call in the history, as the TUI does ('mockint report' shows it again)")
    r.add_argument("--scenarios", metavar="PATH", action="append", default=None,
                   help="more scenario files or folders (repeatable)")


def _extra(args) -> list[str]:
    paths = args.scenarios or []
    for p in paths:
        if not Path(p).exists():
            raise MockintError(f"--scenarios {p}: no such file or folder")
    return paths


def read_turns(path: str | None, limit: int) -> list[str]:
    """The turns of a file or standard input: paragraphs separated by blank lines, each with words."""
    from mockint.core.data.yamlfile import read_input  # deferred: see the module docstring

    name, text = read_input(path, MAX_TURNS_BYTES,
                            "no turns given: name a TURNS_FILE or pipe the turns on standard input",
                            f"over {MAX_TURNS_BYTES // 1024 // 1024} MB; a call is a few kilobytes")
    turns = [p.strip() for p in re.split(r"\n[ \t\r\f\v]*\n", text.replace("\r\n", "\n")) if p.strip()]
    if not turns:
        raise MockintError(f"{name}: no turns (write one turn per paragraph, with a blank line between)")
    for i, t in enumerate(turns, 1):
        if not any(ch.isalnum() for ch in t):
            raise MockintError(f"{name}: turn {i} has no words (only symbols or marks)")
        if len(t) > limit:
            raise MockintError(f"{name}: turn {i} is {len(t):,} characters; a turn is at most {limit:,}")
    return turns


def cmd_roleplay(args):
    lang = args.lang or default_lang()
    extra = _extra(args)
    if args.turns is not None and args.scenario is None:
        raise MockintError(f"{args.turns}: a TURNS_FILE goes with --scenario ID")
    if args.save and args.scenario is None:
        raise MockintError("--save keeps a call: it goes with --scenario ID")
    if args.format == "html" and args.scenario is None:
        raise MockintError("--format html is for a call (--scenario ID); --list takes text or json")
    if args.list:
        return _list(lang, extra, args.format)
    if args.check:
        return _check(lang, extra)
    return _play(args, lang, extra)


def _play(args, lang: str, extra: list[str]) -> str:
    from mockint.core import roleplay  # deferred: see the module docstring

    sc = roleplay.scenario(args.scenario, lang, extra)
    turns = read_turns(args.turns, roleplay.MAX_TURN_CHARS)
    call = roleplay.Call.replay(sc, turns)
    played = len(call.exchanges)
    if played < len(turns):
        print(f"mockint: note: the call ended: {roleplay.outcome_words(call.outcome, played)}; "
              f"{len(turns) - played} more turn(s) not played", file=sys.stderr)
    if args.save:
        _save(call, lang)
    from mockint.core.report import roleplay as report  # deferred: see the module docstring
    render = {"text": report.render_text, "json": report.render_json,
              "markdown": report.render_markdown, "html": report.render_html}[args.format]
    return render(call)


def _save(call, lang: str) -> None:
    """The call, finished, in the history (its id on standard error)."""
    from mockint.core.history.store import Store  # deferred: see the module docstring

    with Store.open() as store:
        for notice in store.notices:
            print(f"mockint: {notice}", file=sys.stderr)
        sid = store.start_call(lang, call.scenario.id)
        store.save_call(sid, [x.text for x in call.exchanges], call.result().to_dict(), finished=True)
    print(f"mockint: note: saved as session {sid[:8]} ('mockint report {sid[:8]}' shows it)", file=sys.stderr)


def _list(lang: str, extra: list[str], fmt: str) -> str:
    from mockint.core import roleplay  # deferred: see the module docstring
    from mockint.core.scoring.feedback import to_json  # deferred: see the module docstring

    found = roleplay.load_scenarios(lang, extra)
    if fmt == "json":
        return to_json([{"id": sc.id, "title": sc.title, "lang": sc.lang, "buyer": sc.buyer.name,
                         "role": sc.buyer.role, "turn_limit": sc.turn_limit, "guide": list(sc.guide),
                         "source": sc.source} for sc in found.values()])
    width = max(len(i) for i in found)
    lines = [f"{sc.id:<{width}}  {sc.title}  ({sc.buyer.name}, {sc.buyer.role}; "
             f"{sc.language.msg('labels', 'turns', n=sc.turn_limit)}; {sc.source})" for sc in found.values()]
    return "\n".join(lines) + "\n"


def _check(lang: str, extra: list[str]):
    from mockint.core import roleplay  # deferred: see the module docstring

    results = roleplay.check_examples(lang, extra)
    lines = []
    for c in results:
        if c.ok:
            lines.append(f"ok    {c.scenario}/{c.name}: {c.said}; score {c.score}")
        else:
            lines.append(f"FAIL  {c.where}: {c.scenario}/{c.name}: {'; '.join(c.problems)}")
    failed = sum(1 for c in results if not c.ok)
    lines.append(f"{len(results)} example call(s), {failed} missed"
                 + ("" if failed else ": every scenario behaves as its examples say"))
    return "\n".join(lines) + "\n", 1 if failed else 0


HANDLERS = {"roleplay": cmd_roleplay}
