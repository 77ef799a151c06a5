"""``mockint validate``: every problem of a set of bank and rubric files, one line each.

Unlike loading (which stops a file at its first problem, or leaves a bad question out), this
goes on after a problem: each question of a bank and each criterion of a rubric is checked on its
own, and ids are compared across all the files checked together. Messages are
``file:line:col: key: problem``. Nothing is executed: files are read with the safe YAML loader.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass, field
from pathlib import Path

from mockint.core.bank import loader
from mockint.core.bank.userbank import bank_dir, data_files, duplicate_error, file_kind, rubric_dir
from mockint.core.data import resources
from mockint.core.data.errors import DataError, MockintError
from mockint.core.data.langs import LANGS
from mockint.core.data.safe import _CTRL
from mockint.core.data.yamlfile import compose, dotted, load_yaml_cached, position_of, read_data
from mockint.core.questions.bank import Bank, RubricRef, load_bank
from mockint.core.questions.guide import fact_ids


@dataclass
class LintResult:
    files: list[Path] = field(default_factory=list)
    problems: list[MockintError] = field(default_factory=list)
    notices: list[str] = field(default_factory=list)
    banks: list[tuple[Path, Bank]] = field(default_factory=list)


def user_paths() -> list[Path]:
    """The user's own files (``mockint validate`` without a path): banks, rubrics, role-plays."""
    # deferred: the role-play package ~11 ms; 'score --bank' loads this module, never needs it
    from mockint.core.roleplay import user_dir

    return data_files(bank_dir()) + data_files(rubric_dir()) + data_files(user_dir())


def expand(paths: Sequence[str | Path], missing: list[MockintError] | None = None) -> list[Path]:
    """The data files of ``paths`` (files, and the YAML files of folders). A path that does not
    exist is an error; with ``missing`` (``mockint validate``), it is one more problem put there."""
    out: list[Path] = []
    for p in paths:
        p = Path(p)
        if not p.exists():
            if missing is None:
                raise MockintError(f"{p}: no such file or folder")
            missing.append(MockintError(f"{p}: no such file or folder"))
            continue
        out += data_files(p)
    return out


def _key(e: MockintError) -> tuple:
    file = getattr(e, "file", None) or str(e).split(": ", 1)[0]
    return (file, getattr(e, "line", None) or 0, getattr(e, "col", None) or 0)


def lint(files: Sequence[Path], with_user_rubrics: bool = True, missing: Sequence[MockintError] = ()) -> LintResult:
    """Checks ``files`` (already expanded): banks against the guide and the rubrics they name
    (built-in, the user's, and the rubric files among ``files``). ``missing``: the paths given that
    do not exist (``expand``), listed among the problems."""
    res = LintResult(files=list(files), problems=list(missing))
    facts = fact_ids()
    kinds = {p: file_kind(p) for p in files}
    refs = _known_rubrics() if with_user_rubrics else {}
    _lint_rubrics([p for p in files if kinds[p] == "rubric"], facts, refs, res)
    _lint_banks([p for p in files if kinds[p] == "bank"], facts, refs, res)
    for p in files:
        if kinds[p] == "roleplay":
            res.problems += roleplay_problems(p, display_name(p))
        if kinds[p] == "jobspec":
            res.problems += jobspec_problems(p, display_name(p))
        if kinds[p] in ("bank", "rubric", "roleplay"):
            res.problems += control_characters(p, display_name(p))
    res.problems.sort(key=_key)
    return res


def _known_rubrics() -> dict[str, RubricRef]:
    """The rubrics mockint loads (built-in and the user's) that questions may name."""
    refs: dict[str, RubricRef] = {}
    for name in loader.rubric_names():
        try:
            r = loader.rubric_named(name)
        except MockintError:
            continue
        refs[name] = RubricRef.of(name, r)
    return refs


def _lint_rubrics(files: Sequence[Path], facts: set[str], refs: dict[str, RubricRef], res: LintResult) -> None:
    """Every problem of the rubric files; each one without a problem is added to ``refs``."""
    # deferred: the rubric reader ~6 ms on 'mockint validate'; only for a rubric file
    from mockint.core.scoring.rubric import load_rubric

    rubric_seen: dict[str, str] = {}
    for p in files:
        name = display_name(p)
        found: list[DataError] = []
        try:
            r = load_rubric(p, facts, display=name, problems=found)
        except MockintError as exc:
            res.problems.append(exc)
            continue
        res.problems += found
        if found:
            continue                   # a rubric with a problem is not used: questions cannot name it
        if r.id in rubric_seen:
            res.problems.append(MockintError(f"{name}: a second rubric named '{r.id}' (the first is "
                                             f"{rubric_seen[r.id]})"))
        rubric_seen[r.id] = name
        refs[r.id] = RubricRef.of(r.id, r)


def _lint_banks(files: Sequence[Path], facts: set[str], refs: dict[str, RubricRef], res: LintResult) -> None:
    """Every problem of the bank files, and question ids compared across them and with the
    built-in banks (a duplicate is a problem, a built-in id replaced a notice)."""
    ids: dict[tuple[str, str], tuple[Path, str]] = {}
    builtin = {lang: set(loader._builtin_bank(lang).ids()) for lang in LANGS}
    builtin_files = {(resources.bank_dir() / f"{lang}.yaml").resolve() for lang in LANGS}
    for p in files:
        name = display_name(p)
        found: list[DataError] = []
        try:
            b = load_bank(p, facts, display=name, rubrics=refs, problems=found)
        except MockintError as exc:
            res.problems.append(exc)
            continue
        except (ValueError, TypeError, AttributeError, KeyError, RecursionError) as exc:
            res.problems.append(MockintError(f"{name}: cannot be loaded ({type(exc).__name__}: {exc})"))
            continue
        res.problems += found
        res.banks.append((p, b))
        is_builtin = p.resolve() in builtin_files
        for q in b.questions:
            key = (b.lang, q.id)
            if key in ids:
                res.problems.append(duplicate_error(p, name, q.id, ids[key]))
                continue
            ids[key] = (p, name)
            if not is_builtin and q.id in builtin[b.lang]:
                res.notices.append(f"{name}: the question '{q.id}' replaces the built-in one")


def jobspec_problems(p: Path, name: str) -> list[MockintError]:
    """A job-posting vocabulary (``jobspec/<lang>.yaml``: vocab, figures, question templates)."""
    # deferred: the jobspec package ~2 ms ('validate'); only for a posting's vocabulary file
    from mockint.core.jobspec.spec import parse_spec

    try:
        parse_spec(read_data(p, name), name)
    except MockintError as exc:
        return [exc]
    return []


def roleplay_problems(p: Path, name: str) -> list[MockintError]:
    """A role-play scenario file (docs/roleplay.md): a user's (scenarios only) or a whole language
    file like the built-in ones (lexicon, messages, score too)."""
    # deferred: the role-play package ~11 ms on 'score --bank'; only for a role-play file
    from mockint.core.roleplay.scenario import builtin, parse_builtin, parse_extra

    try:
        text = read_data(p, name)
        data = load_yaml_cached(text, name)
        lang = data.get("lang") if isinstance(data, dict) else None
        if isinstance(data, dict) and "lexicon" in data and lang in LANGS:
            parse_builtin(text, name, lang)
        else:
            parse_extra(text, name, builtin(lang if lang in LANGS else "en")[0])
    except MockintError as exc:
        return [exc]
    return []


def control_characters(p: Path, name: str) -> list[DataError]:
    """A text of a bank or rubric holding a control character (a terminal escape such as
    ``ESC ]0;…BEL``, a bidi override): mockint shows it as a visible sign, but it is never meant."""
    try:
        text = read_data(p, name)
        data = load_yaml_cached(text, name)
    except (MockintError, OSError):
        return []                         # reported by the loading above
    out: list[DataError] = []
    root: list = []

    def walk(value, path: tuple) -> None:
        if isinstance(value, str):
            m = _CTRL.search(value.replace("\t", " ").replace("\n", " ").replace("\r", " "))
            if m:
                if not root:
                    root.append(compose(text))
                line, col = position_of(text, path, root[0])
                out.append(DataError(name, line, dotted(path),
                                     f"holds the control character U+{ord(m.group()):04X} (a terminal escape "
                                     f"or a bidi override); remove it", col=col))
        elif isinstance(value, dict):
            for k, v in value.items():
                walk(v, path + (k,))
        elif isinstance(value, list):
            for i, v in enumerate(value):
                walk(v, path + (i,))
    walk(data, ())
    return out


def display_name(p: Path) -> str:
    """A file as named in messages: as given when relative, else as ``resources.display`` names it."""
    return resources.display(p) if p.is_absolute() else str(p)
