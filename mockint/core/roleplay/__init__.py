"""Role-play (issue 18): the candidate sells to a scripted buyer whose behaviour is data.

The core never imports Textual. Same scenario, same turns: the same replies and the same score,
byte for byte. The scenario format, the buyer's rules and the score are in ``docs/roleplay.md``.

Public API::

    load_scenarios(lang, extra_paths=()) -> dict[str, Scenario]     # built-in, the user's, extra files
    scenario(scenario_id, lang="en", extra_paths=()) -> Scenario
    titles(lang) -> dict[str, str]   # each scenario's title by id (the history names a call by it)
    call = Call(scenario)            # call.opening: the buyer's first line(s)
    reply = call.turn(text)          # -> BuyerReply(turn, parts, ended, outcome); reply.text
    call.ended, call.outcome         # outcome: "agreed" | "pushed" | "turn_limit" | None
    result = call.result()           # -> CallResult; result.to_dict() / CallResult.from_dict(d)
    Call.replay(scenario, turns)     # a call played again from its candidate turns (resume, re-score)
    (a call as text, JSON, Markdown or HTML: mockint.core.report.roleplay)
    check_examples(lang, extra_paths=()) -> list[ExampleCheck]      # the scenarios' own example calls
"""

from __future__ import annotations

import os
from collections.abc import Iterable, Sequence
from dataclasses import dataclass, field
from pathlib import Path

from mockint.core.data.errors import MockintError
from mockint.core.data.paths import home
from mockint.core.data.yamlfile import read_data
from mockint.core.roleplay.buyer import BuyerReply, ReplyPart, start, take_turn
from mockint.core.roleplay.language import did_you_mean_sorted
from mockint.core.roleplay.reading import Reading
from mockint.core.roleplay.scenario import Scenario, builtin, parse_extra
from mockint.core.roleplay.score import CallResult, Feedback, Mark, score_call

__all__ = ["load_scenarios", "scenario", "titles", "user_dir", "Call", "BuyerReply", "ReplyPart", "CallResult", "Mark",
           "Feedback", "Scenario", "check_examples",
           "ExampleCheck", "MAX_TURN_CHARS", "outcome_words"]

MAX_TURN_CHARS = 10_000          # one turn of a call (about 1,500 words)
USER_DIR = "roleplays"


def outcome_words(outcome: str | None, turn: int) -> str:
    """How a call ended, in words (English, as mockint's notes and errors are): "next step agreed at
    turn 7", not the outcome's id ("agreed", "turn_limit")."""
    return builtin("en")[0].msg("outcomes", outcome or "open", turn=turn)


def user_dir() -> Path:
    """Where the user's own scenario files live: ``<mockint home>/roleplays`` (not created here)."""
    return home() / USER_DIR


def _yaml_files(folder: Path) -> list[Path]:
    """A folder's YAML files, in sub-folders too, sorted; hidden ones skipped (like the banks')."""
    out = []
    for root, dirs, files in os.walk(folder):
        dirs[:] = sorted(d for d in dirs if not d.startswith("."))
        out += [Path(root) / f for f in files if not f.startswith(".") and f.lower().endswith((".yaml", ".yml"))]
    return sorted(out)


def _files(paths: Iterable[str | Path]) -> list[tuple[Path, bool]]:
    """(file, named): the YAML files of each path (a folder's, sorted), and whether the file
    itself was named (a named file in another language is an error; a folder's is skipped)."""
    out: list[tuple[Path, bool]] = []
    for p in paths:
        p = Path(p)
        if not p.exists():
            raise MockintError(f"{p}: no such file or folder")
        out += [(f, False) for f in _yaml_files(p)] if p.is_dir() else [(p, True)]
    return out


def load_scenarios(lang: str, extra_paths: Sequence[str | Path] = ()) -> dict[str, Scenario]:
    """The scenarios of ``lang``, by id: the built-in ones, then the user's files
    (``<mockint home>/roleplays/*.yaml``, those in another language skipped), then
    ``extra_paths`` (files or folders; a file named there in another language is an error). A
    later scenario with the same id replaces the earlier one."""
    language, scenarios = builtin(lang)
    out = {sc.id: sc for sc in scenarios}
    folder = user_dir()
    for path, named in (_files([folder]) if folder.is_dir() else []) + _files(extra_paths):
        got = parse_extra(read_data(path, str(path)), str(path), language)
        if got is None:
            if named:
                raise MockintError(f"{path}: its scenarios are not in '{lang}' (see its lang:); "
                                   f"use --lang with the file's language")
            continue
        out.update((sc.id, sc) for sc in got)
    return out


def scenario(scenario_id: str, lang: str = "en", extra_paths: Sequence[str | Path] = ()) -> Scenario:
    found = load_scenarios(lang, extra_paths)
    if scenario_id not in found:
        raise MockintError(f"no role-play scenario '{scenario_id}' in '{lang}'"
                           f"{did_you_mean_sorted(scenario_id, found)}; "
                           f"'mockint roleplay --list --lang {lang}' lists them")
    return found[scenario_id]


def titles(lang: str) -> dict[str, str]:
    """Each scenario's title in ``lang``, by id: the history names a call by it. When the user's
    files do not load, the built-in scenarios' titles; none for a language with no role-plays (a
    call's id is shown where no title is found)."""
    try:
        return {sid: sc.title for sid, sc in load_scenarios(lang).items()}
    except MockintError:
        pass
    try:
        return {sc.id: sc.title for sc in builtin(lang)[1]}
    except MockintError:
        return {}


@dataclass(frozen=True)
class Exchange:
    text: str
    reading: Reading
    reply: BuyerReply


class Call:
    """One call with a scenario's buyer. ``turn(text)`` plays a candidate turn and returns the
    buyer's reply; ``result()`` scores the call so far (at any time; usually once it ended)."""

    def __init__(self, scenario: Scenario):
        self.scenario = scenario
        self.state, self.opening_parts = start(scenario)
        self.exchanges: list[Exchange] = []

    @property
    def opening(self) -> str:
        return " ".join(p.text for p in self.opening_parts)

    @property
    def ended(self) -> bool:
        return self.state.ended

    @property
    def outcome(self) -> str | None:
        return self.state.outcome

    @property
    def turns_left(self) -> int:
        return 0 if self.ended else self.scenario.turn_limit - self.state.turn

    def turn(self, text: str) -> BuyerReply:
        if self.ended:
            raise MockintError(f"the call has ended ({outcome_words(self.outcome, self.state.turn)}); "
                               "start a new one")
        if not isinstance(text, str) or not any(ch.isalnum() for ch in text):
            raise MockintError("a turn needs words: say something to the buyer")
        if len(text) > MAX_TURN_CHARS:
            raise MockintError(f"a turn is at most {MAX_TURN_CHARS:,} characters; this one has {len(text):,}")
        reading, reply = take_turn(self.scenario, self.state, text)
        self.exchanges.append(Exchange(text, reading, reply))
        return reply

    def result(self) -> CallResult:
        return score_call(self)

    @classmethod
    def replay(cls, scenario: Scenario, turns: Iterable[str]) -> Call:
        """The call played again from the candidate's turns (stopping where the call ended)."""
        call = cls(scenario)
        for text in turns:
            if call.ended:
                break
            call.turn(text)
        return call


@dataclass
class ExampleCheck:
    scenario: str
    name: str
    where: str                      # file:line:col of the example
    ok: bool
    outcome: str                    # the id: agreed | pushed | turn_limit | open
    score: int
    problems: list[str] = field(default_factory=list)
    said: str = ""                  # the outcome in words



def check_example(sc: Scenario, ex) -> ExampleCheck:
    call = Call(sc)
    problems = []
    for i, text in enumerate(ex.turns):
        if call.ended:
            problems.append(f"the call ended ({outcome_words(call.outcome, call.state.turn)}); "
                            f"{len(ex.turns) - i} turn(s) left unplayed")
            break
        call.turn(text)
    r = call.result()
    said = outcome_words(r.outcome, r.end_turn)
    if r.agreed != ex.closes:
        problems.append("should reach the close (a next step agreed), but " + said if ex.closes
                        else "should not reach the close, but the buyer agreed")
    if ex.min_score is not None and r.overall < ex.min_score:
        problems.append(f"scored {r.overall}, under min_score {ex.min_score}")
    if ex.max_score is not None and r.overall > ex.max_score:
        problems.append(f"scored {r.overall}, over max_score {ex.max_score}")
    return ExampleCheck(sc.id, ex.name, sc.where(ex.path), not problems, r.outcome, r.overall, problems, said)


def check_examples(lang: str, extra_paths: Sequence[str | Path] = ()) -> list[ExampleCheck]:
    """Every example call of every scenario, played and compared with its ``expect``."""
    return [check_example(sc, ex) for sc in load_scenarios(lang, extra_paths).values() for ex in sc.examples]
