"""The user's own questions and rubrics, merged with the built-in ones.

User files live in ``<mockint home>/question_bank/`` and ``<mockint home>/rubrics/`` (any
``*.yaml`` / ``*.yml``, also in sub-folders; hidden files are skipped), in the same format as the
built-in files. ``--bank PATH`` adds more files or folders for one run ("extra" files; a file is
a rubric when it has ``criteria:``, else a question bank).

Merging, for one language:

- the built-in bank first, in its order; then each user file (sorted by path), then the extras;
- a user question with a built-in id replaces the built-in one in place, and a notice says so;
- the same id in two user files is a problem: the first one is kept, the second left out;
- a file or a question that does not validate is a problem: it is left out, everything else loads.

A question can name a rubric (``rubric: NAME``): the built-in ``en`` / ``ro``, or a user rubric
(its file name without ``.yaml``). A user rubric named ``en`` or ``ro`` replaces the built-in one,
with a notice.

Nothing here imports the scoring stack: loading a bank stays fast. Everything is read with the
safe YAML loader only (``mockint.core.data.yamlfile``).
"""

from __future__ import annotations

import os
import re
import stat
from collections.abc import Iterable, Sequence
from dataclasses import dataclass, field
from functools import lru_cache
from pathlib import Path

from mockint.core.data import resources
from mockint.core.data.errors import DataError, MockintError
from mockint.core.data.langs import LANGS
from mockint.core.data.paths import home
from mockint.core.data.validate import Doc
from mockint.core.data.yamlfile import load_yaml_cached, read_data
from mockint.core.questions.bank import Bank, Question, Reply, RubricRef, load_bank

BANK_DIR = "question_bank"
RUBRIC_DIR = "rubrics"
SUFFIXES = (".yaml", ".yml")
GUIDE = "guide.yaml"


def bank_dir() -> Path:
    """Where the user's own questions live (not created here)."""
    return home() / BANK_DIR


def rubric_dir() -> Path:
    return home() / RUBRIC_DIR


def data_files(path: Path | str) -> list[Path]:
    """A file: itself. A folder: its YAML files, in sub-folders too, sorted; hidden ones (such as
    the temporary files of an atomic write) are skipped. A missing path: nothing."""
    path = Path(path)
    if path.is_file():
        return [path]
    if not path.is_dir():
        return []
    out = []
    for root, dirs, files in os.walk(path):
        dirs[:] = sorted(d for d in dirs if not d.startswith("."))
        for f in files:
            if not f.startswith(".") and f.lower().endswith(SUFFIXES):
                out.append(Path(root) / f)
    return sorted(out)


def display(path: Path) -> str:
    """How a file is named in messages: built-in files relative to the package, others as given."""
    return resources.display(path)


@dataclass(frozen=True)
class Source:
    path: Path
    origin: str              # builtin | user | extra

    @property
    def name(self) -> str:
        return display(self.path)


def file_kind(path: Path, text: str | None = None) -> str:
    """``roleplay`` (has ``scenarios:``), ``rubric`` (has ``criteria:``), ``guide`` (has ``facts:``)
    or ``bank`` (anything else, so
    that a broken file is reported against the bank format). Looks only at top-level keys, without
    parsing the whole file."""
    if text is None:
        try:
            st = path.stat()
        except OSError:
            return "bank"
        if not stat.S_ISREG(st.st_mode):       # a FIFO or device: never opened here (it could block);
            return "bank"                      # reading it as a bank refuses it in one line
        return _file_kind(str(path), st.st_mtime_ns, st.st_size)
    return _kind_of(path, text)


@lru_cache(maxsize=256)
def _file_kind(path: str, mtime_ns: int, size: int) -> str:
    try:
        with open(path, "rb") as fh:
            text = fh.read(256 * 1024).decode("utf-8", "replace")
    except OSError:
        return "bank"
    return _kind_of(Path(path), text)


def _kind_of(path: Path, text: str) -> str:
    if re.search(r"(?m)^scenarios\s*:", text) and not re.search(r"(?m)^questions\s*:", text):
        return "roleplay"
    if re.search(r"(?m)^vocab\s*:", text) and re.search(r"(?m)^figures\s*:", text):
        return "jobspec"
    if re.search(r"(?m)^criteria\s*:", text):
        return "rubric"
    if re.search(r"(?m)^facts\s*:", text) and not re.search(r"(?m)^questions\s*:", text):
        return "guide"
    if not re.search(r"(?m)^questions\s*:", text) and path.parent.name == RUBRIC_DIR:
        return "rubric"
    return "bank"


def sources(extra: Sequence[str | Path] = ()) -> tuple[list[Source], list[Source]]:
    """(bank files, rubric files): built-in, then the user's folders, then ``extra``."""
    banks = [Source(resources.bank_dir() / f"{lang}.yaml", "builtin") for lang in LANGS]
    rubrics = [Source(resources.rubrics_dir() / f"{lang}.yaml", "builtin") for lang in LANGS]
    user = bank_dir()
    if user.is_dir():                       # an import killed midway: finished or undone first
        # deferred: ~2.7 ms (tempfile); only when the user's question folder exists
        from mockint.core.data.staging import recover

        recover(user)
    banks += [Source(p, "user") for p in data_files(user)]
    rubrics += [Source(p, "user") for p in data_files(rubric_dir())]
    for e in extra:
        for p in data_files(e):
            kind = file_kind(p)
            if kind == "rubric":
                rubrics.append(Source(p, "extra"))
            elif kind == "bank":
                banks.append(Source(p, "extra"))
    return banks, rubrics


def signature(extra: Sequence[str | Path] = ()) -> tuple:
    """Changes whenever a user or extra file is added, removed or edited: the cache key."""
    out: list = [str(home())]
    for group in sources(extra):
        for s in group:
            if s.origin == "builtin":
                continue
            try:
                st = s.path.stat()
                out.append((str(s.path), st.st_mtime_ns, st.st_size))
            except OSError:
                out.append((str(s.path), None, None))
    out.append(tuple(str(e) for e in extra))
    return tuple(out)


@dataclass
class RubricEntry:
    name: str
    source: Source
    overrides: bool = False      # a user rubric that replaces the built-in one of that name


@dataclass
class Catalogue:
    """The merged bank of one language, and what was said while merging it."""
    lang: str
    bank: Bank
    rubrics: dict[str, RubricEntry]
    notices: list[str] = field(default_factory=list)
    problems: list[MockintError] = field(default_factory=list)
    overridden: dict[str, Question] = field(default_factory=dict)   # id -> the built-in question


def rubric_entries(rubric_sources: Iterable[Source], problems: list[MockintError] | None = None,
                   notices: list[str] | None = None) -> dict[str, RubricEntry]:
    """Rubric names (file names without extension) to their files; a user rubric named like a
    built-in one replaces it (noticed), a second user rubric of the same name is a problem."""
    out: dict[str, RubricEntry] = {}
    for s in rubric_sources:
        name = s.path.stem
        if s.path.name == GUIDE:
            continue
        old = out.get(name)
        if old is None:
            out[name] = RubricEntry(name, s)
        elif old.source.origin == "builtin":
            out[name] = RubricEntry(name, s, overrides=True)
            if notices is not None:
                notices.append(f"the rubric '{name}' from {s.name} replaces the built-in one")
        elif problems is not None:
            problems.append(MockintError(f"{s.name}: a second rubric named '{name}' (the first is "
                                         f"{old.source.name}); this one is left out"))
    return out


def _rubric_refs(entries: dict[str, RubricEntry], load_rubric_named) -> dict[str, RubricRef]:
    refs = {}
    for name in entries:
        try:
            r = load_rubric_named(name)
        except MockintError:
            continue         # reported where the rubric itself is loaded
        refs[name] = RubricRef.of(name, r)
    return refs


def merge(lang: str, extra: Sequence[str | Path] = (), facts: set[str] | None = None,
          load_rubric_named=None, base: Bank | None = None) -> Catalogue:
    """The built-in bank of ``lang`` (``base``: already loaded) with the user's and the extra
    questions merged in. ``load_rubric_named(name)`` gives a rubric, to check the questions that
    name one or override its criteria."""
    bank_sources, rubric_sources = sources(extra)
    notices: list[str] = []
    problems: list[MockintError] = []
    entries = rubric_entries(rubric_sources, problems, notices)
    refs: dict[str, dict[str, RubricRef]] = {}

    def index() -> dict[str, RubricRef]:
        if "v" not in refs:
            refs["v"] = _rubric_refs(entries, load_rubric_named) if load_rubric_named else {}
        return refs["v"]

    if base is None:
        builtin = next(s for s in bank_sources if s.origin == "builtin" and s.path.stem == lang)
        base = load_bank(builtin.path, facts, display=builtin.name)
    questions: list[Question] = list(base.questions)
    replies: list[Reply] = list(base.replies)
    where: dict[str, tuple[Path, str] | None] = {q.id: None for q in questions}   # None: built-in
    overridden: dict[str, Question] = {}
    for s in bank_sources:
        if s.origin == "builtin":
            continue
        loaded = _user_bank(s, facts, index, problems)
        if loaded is None or loaded[0].lang != lang:
            continue
        b, found = loaded
        problems += found
        _merge_questions(b.questions, s, questions, where, overridden, notices, problems)
        _merge_replies(b.replies, replies)
    merged = Bank(lang=lang, version=base.version, questions=questions, replies=replies, source=base.source)
    return Catalogue(lang, merged, entries, notices, problems, overridden)


def _user_bank(s: Source, facts: set[str] | None, index, problems: list[MockintError]
               ) -> tuple[Bank, list[DataError]] | None:
    """A user or extra bank file and the problems of its questions; None (the problem recorded)
    when the file cannot be used at all."""
    found: list[DataError] = []
    try:
        b = load_bank(s.path, facts, display=s.name, rubrics=index, problems=found)
    except MockintError as exc:
        problems.append(exc)
        return None
    except (ValueError, TypeError, AttributeError, KeyError, RecursionError) as exc:  # never stop mockint
        problems.append(MockintError(f"{s.name}: cannot be loaded ({type(exc).__name__}: {exc})"))
        return None
    return b, found


def _merge_questions(new: list[Question], s: Source, questions: list[Question],
                     where: dict[str, tuple[Path, str] | None], overridden: dict[str, Question],
                     notices: list[str], problems: list[MockintError]) -> None:
    """A file's questions merged in: a built-in id replaced in place (noticed), an id already in a
    user file refused (a problem), a new one added at the end."""
    for q in new:
        q.user = True
        prev = where.get(q.id, False)
        if prev is None:
            i = next(i for i, x in enumerate(questions) if x.id == q.id)
            overridden[q.id] = questions[i]
            questions[i] = q
            where[q.id] = (s.path, s.name)
            notices.append(f"the question '{q.id}' from {s.name} replaces the built-in one")
        elif isinstance(prev, tuple):        # in a user file already (False: not there yet)
            problems.append(duplicate_error(s.path, s.name, q.id, prev))
        else:
            questions.append(q)
            where[q.id] = (s.path, s.name)


def _merge_replies(new: list[Reply], replies: list[Reply]) -> None:
    """A file's replies merged in: one with a known id replaces it, a new one goes before the
    fallback."""
    for r in new:
        at = next((i for i, x in enumerate(replies) if x.id == r.id), None)
        if at is not None:
            replies[at] = r
        else:
            fb = next((i for i, x in enumerate(replies) if x.id == "fallback"), len(replies))
            replies.insert(fb, r)


def where_is(path: Path, name: str, qid: str) -> str:
    """``name:line:col`` of the question ``qid`` in a bank file (``name`` alone if it cannot be found)."""
    try:
        text = read_data(path, name)
        data = load_yaml_cached(text, name)
        idx = next(i for i, q in enumerate(data["questions"]) if isinstance(q, dict) and q.get("id") == qid)
        line, col = Doc(name, text).position(("questions", idx, "id"))
        return f"{name}:{line}:{col}" if line else name
    except Exception:
        return name


def duplicate_error(path: Path, name: str, qid: str, first: tuple[Path, str]) -> DataError:
    """'duplicate question id' across files: at the second file's id, naming the first one."""
    message = f"duplicate question id '{qid}': also in {where_is(first[0], first[1], qid)}"
    try:
        text = read_data(path, name)
        data = load_yaml_cached(text, name)
        ids = [i for i, q in enumerate(data["questions"]) if isinstance(q, dict) and q.get("id") == qid]
        return Doc(name, text).error(("questions", ids[-1], "id"), message)
    except Exception:
        return DataError(name, None, "", message)


def user_questions(lang: str | None = None) -> list[tuple[Question, Path]]:
    """The questions in the user's folder (not the extras), each with its file; files that do not
    load are skipped (``mockint validate`` names them)."""
    out = []
    for p in data_files(bank_dir()):
        try:
            b = load_bank(p, None, display=display(p), problems=[])
        except MockintError:
            continue
        if lang is None or b.lang == lang:
            out += [(q, p) for q in b.questions]
    return out
