"""Loading the banks and rubrics of a language: the built-in ones merged with the user's own files
(``<mockint home>/question_bank/``, ``<mockint home>/rubrics/``) and the ``--bank`` paths of this
run, validated against the guide. See ``mockint.core.bank.userbank`` for how they merge.

``bank(lang)``, ``rubric(lang)`` and ``scorer(lang)`` are what callers use; they are cached, and the
cache follows the user's files (a file added, edited or removed is seen on the next call).
``catalogue(lang)`` also gives the notices (a user question replaces a built-in one) and problems
(a file or question left out) of the merge, for the CLI and the TUI to show.

Deferred imports (``# deferred``; ``python -X importtime`` and wall clock, on top of what the path
has loaded): ``userbank`` (~1 ms on a cold ``mockint score``, ~1.2 ms at TUI launch, both in
benchmarks/run.py) only when the user has files of their own or ``--bank`` paths; the guide (~0.6 ms
at TUI launch) only to validate a bank or rubric, not for a cached bank (both checked by
tests/tui/test_tui_launch.py); the rubric reader (~15 ms) and the scorer (~17 ms) only to score,
which the TUI does in a worker after the first question is on screen.
"""

from __future__ import annotations

import dataclasses
from collections.abc import Sequence
from functools import lru_cache
from pathlib import Path
from typing import TYPE_CHECKING

from mockint.core.data import cache, resources
from mockint.core.data.errors import MockintError, did_you_mean
from mockint.core.data.langs import LANGS
from mockint.core.data.paths import home
from mockint.core.questions.bank import Bank, Question, Reply, TalkingPoint, load_bank
from mockint.core.questions.examples import Example, Examples

if TYPE_CHECKING:   # rubrics and the engine pull in the matching stack: imported when first used
    from mockint.core.bank.userbank import Catalogue
    from mockint.core.scoring.engine import Scorer
    from mockint.core.scoring.model import Rubric

_EXTRA: tuple[str, ...] = ()


def set_extra_banks(paths: Sequence[str | Path]) -> None:
    """Files or folders (``--bank PATH``) merged into every bank and rubric set of this process."""
    global _EXTRA
    _EXTRA = tuple(str(p) for p in paths)


def extra_banks() -> tuple[str, ...]:
    return _EXTRA


def _extra(extra_paths: Sequence[str | Path] | None) -> tuple[str, ...]:
    return _EXTRA if extra_paths is None else tuple(str(p) for p in extra_paths)


def fact_ids() -> set[str]:
    """The guide's fact ids; the guide module is imported when a bank or rubric is validated (not
    for a bank read from the cache)."""
    from mockint.core.questions.guide import fact_ids as ids  # deferred: see the module docstring

    return ids()


def _signature(extra: tuple[str, ...]) -> tuple | None:
    """None when there is nothing but the built-in files (the fast, common case: without extra
    paths and user folders, mockint.core.bank.userbank is not even imported)."""
    if not extra and not _user_folders():
        return None
    from mockint.core.bank import userbank  # deferred: see the module docstring

    sig = userbank.signature(extra)
    return sig if len(sig) > 2 or extra else None


def has_user_files(extra_paths: Sequence[str | Path] | None = None) -> bool:
    """Whether anything is merged into the built-in banks and rubrics: extra paths (default: those
    of ``set_extra_banks``) or the user's own files."""
    return _signature(_extra(extra_paths)) is not None


def _user_folders() -> bool:
    """Whether the user has a question or rubric folder (``userbank.BANK_DIR``, ``RUBRIC_DIR``)."""
    h = home()
    return (h / "question_bank").is_dir() or (h / "rubrics").is_dir()


@lru_cache(maxsize=8)
def _builtin_bank(lang: str) -> Bank:
    p = resources.bank_dir() / f"{lang}.yaml"
    key = _bank_key(p)
    b = _cached_bank(key)
    if b is None:
        b = load_bank(p, fact_ids(), display=resources.display(p))
        _store_bank(key, b)
    if b.lang != lang:
        raise AssertionError(f"{p} says lang {b.lang}")  # pragma: no cover - packaging error
    return b


# The built-in bank, validated, is kept in the disk cache (mockint.core.data.cache) as plain data:
# loading it spares the guide's facts, the YAML cache and the validation of ~50 questions (~8 ms
# before the first question on screen). Its key is made from the bank file's and the guide's text
# (its fact ids are checked) and from the size and time of the code that reads them (a change
# there, while mockint's version stays, is seen). Anything wrong with the entry: read as usual.
_BANK_KIND = "bank-2"             # 1: marshal with its own key inside; 2: through data.cache
_BANK_CODE = ("questions/bank.py", "questions/examples.py", "data/validate.py", "questions/guide.py",
              "bank/loader.py")            # under mockint/core: the code a cached bank depends on


def _bank_key(path: Path) -> str | None:
    """The cache entry of the bank at ``path``, or None when a file it depends on cannot be read."""
    here = Path(__file__).parent.parent
    try:
        texts = [path.read_bytes(), (resources.rubrics_dir() / "guide.yaml").read_bytes()]
        code = [(st.st_size, st.st_mtime_ns) for st in ((here / name).stat() for name in _BANK_CODE)]
    except OSError:
        return None
    return cache.key(_BANK_KIND, str(path), *texts, repr(code))


def _cached_bank(key: str | None) -> Bank | None:
    if key is None:
        return None
    data = cache.read(key)
    if data is cache.MISS:
        return None
    try:
        return _decode(data)
    except Exception:           # noqa: BLE001 - not what _encode wrote: read the bank instead
        return None


def _store_bank(key: str | None, b: Bank) -> None:
    if key is None:
        return
    try:
        data = _encode(b)[1]
    except TypeError:           # something the cache cannot keep: no cache, same bank
        return
    cache.write(key, data)


def _classes() -> dict[str, type]:
    return {c.__name__: c for c in (Bank, Question, TalkingPoint, Reply, Examples, Example)}


_CLASS, _LIST, _MAP = "\x00class", "\x00list", "\x00map"


def _encode(value) -> tuple[bool, object]:
    """(whether it holds dataclasses, plain data for the cache). A dataclass of the bank becomes
    {_CLASS: name, "f": [field values], "d": [the fields holding dataclasses]}; a list or mapping
    holding dataclasses is marked too, so that loading rebuilds only those (the text, phrases...
    are taken as they are)."""
    if dataclasses.is_dataclass(value):
        name = type(value).__name__
        if _classes().get(name) is not type(value):
            raise TypeError(name)
        fields = [_encode(getattr(value, f.name)) for f in dataclasses.fields(value)]
        return True, {_CLASS: name, "f": [v for _, v in fields], "d": [i for i, (n, _) in enumerate(fields) if n]}
    if isinstance(value, (list, tuple)):
        items = [_encode(v) for v in value]
        if not any(n for n, _ in items):
            return False, value
        if isinstance(value, tuple) or not all(n for n, _ in items):
            raise TypeError("mixed sequence")
        return True, {_LIST: [v for _, v in items]}
    if isinstance(value, dict):
        if any(k in (_CLASS, _LIST, _MAP) for k in value):
            raise TypeError("reserved key")
        entries = {k: _encode(v) for k, v in value.items()}
        if not any(n for n, _ in entries.values()):
            return False, value
        if not all(n for n, _ in entries.values()):
            raise TypeError("mixed mapping")
        return True, {_MAP: {k: v for k, (_, v) in entries.items()}}
    if value is None or isinstance(value, (str, bool, int, float)):
        return False, value
    raise TypeError(type(value).__name__)


def _decode(value, classes: dict[str, type] | None = None):
    """The bank objects back from what ``_encode`` marked."""
    classes = classes or _classes()
    if _CLASS in value:
        fields, nested = value["f"], value["d"]
        for i in nested:
            fields[i] = _decode(fields[i], classes)
        return classes[value[_CLASS]](*fields)
    if _LIST in value:
        return [_decode(v, classes) for v in value[_LIST]]
    return {k: _decode(v, classes) for k, v in value[_MAP].items()}


@lru_cache(maxsize=8)
def _file_bank(path: str) -> Bank:
    p = Path(path)
    return load_bank(p, fact_ids(), display=resources.display(p))


def bank(lang: str, path: str | None = None, extra_paths: Sequence[str | Path] | None = None) -> Bank:
    """The bank of ``lang``: built-in, merged with the user's questions and the extra paths
    (default: those of ``set_extra_banks``). ``path``: that one file only, as it is."""
    if path:
        return _file_bank(str(path))
    extra = _extra(extra_paths)
    sig = _signature(extra)
    if sig is None:
        return _builtin_bank(lang)
    return _catalogue(lang, extra, sig).bank


def catalogue(lang: str, extra_paths: Sequence[str | Path] | None = None) -> Catalogue:
    from mockint.core.bank.userbank import Catalogue  # deferred: see the module docstring

    extra = _extra(extra_paths)
    sig = _signature(extra)
    if sig is None:
        return Catalogue(lang, _builtin_bank(lang), {})
    return _catalogue(lang, extra, sig)


@lru_cache(maxsize=16)
def _catalogue(lang: str, extra: tuple[str, ...], sig: tuple) -> Catalogue:
    from mockint.core.bank import userbank  # deferred: see the module docstring

    cat = userbank.merge(lang, extra, fact_ids(), lambda name: rubric_named(name, extra), _builtin_bank(lang))
    for name, entry in cat.rubrics.items():          # report broken user rubrics with the rest
        if entry.source.origin != "builtin":
            try:
                _load_entry(entry)
            except MockintError as exc:
                cat.problems.append(exc)
    return cat


def rubric(lang: str, path: str | None = None) -> Rubric:
    """The rubric of ``lang`` (a user rubric of that name replaces the built-in one); ``path``:
    that file only."""
    if path:
        return _file_rubric(str(path))
    return rubric_named(lang)


def rubric_names(extra_paths: Sequence[str | Path] | None = None) -> list[str]:
    from mockint.core.bank import userbank  # deferred: see the module docstring

    return sorted(userbank.rubric_entries(userbank.sources(_extra(extra_paths))[1]))


def rubric_named(name: str, extra_paths: Sequence[str | Path] | None = None) -> Rubric:
    """A rubric by the name questions use in ``rubric:``: ``en``, ``ro`` or a user rubric's file
    name. A user rubric replacing a built-in one that does not load falls back to the built-in."""
    from mockint.core.bank import userbank  # deferred: see the module docstring

    extra = _extra(extra_paths)
    if _signature(extra) is None and name in LANGS:
        return _builtin_rubric(name)
    entries = userbank.rubric_entries(userbank.sources(extra)[1])
    entry = entries.get(name)
    if entry is None:
        names = sorted(entries)
        raise MockintError(f"no rubric named '{name}'; rubrics: {', '.join(names)}{did_you_mean(name, names)}")
    try:
        r = _load_entry(entry)
    except MockintError:
        if entry.overrides:
            return _builtin_rubric(name)
        raise
    if entry.overrides and r.lang != name:
        return _builtin_rubric(name)
    return r


def _load_entry(entry) -> Rubric:
    if entry.source.origin == "builtin":
        return _builtin_rubric(entry.name)
    p = entry.source.path
    try:
        st = p.stat()
        key = (st.st_mtime_ns, st.st_size)
    except OSError:
        key = (None, None)
    r = _user_rubric(str(p), key, entry.name)
    if entry.overrides and r.lang != entry.name:
        raise MockintError(f"{entry.source.name}: the rubric '{entry.name}' replaces the built-in one "
                           f"and must be for '{entry.name}', not '{r.lang}'; the built-in one is used")
    return r


@lru_cache(maxsize=4)
def _builtin_rubric(lang: str) -> Rubric:
    from mockint.core.scoring.rubric import load_rubric  # deferred: see the module docstring

    p = resources.rubrics_dir() / f"{lang}.yaml"
    return load_rubric(p, fact_ids(), display=resources.display(p), rid=lang)


@lru_cache(maxsize=16)
def _user_rubric(path: str, key: tuple, name: str) -> Rubric:
    from mockint.core.scoring.rubric import load_rubric  # deferred: see the module docstring

    p = Path(path)
    return load_rubric(p, fact_ids(), display=resources.display(p), rid=name)


@lru_cache(maxsize=8)
def _file_rubric(path: str) -> Rubric:
    from mockint.core.scoring.rubric import load_rubric  # deferred: see the module docstring

    p = Path(path)
    return load_rubric(p, fact_ids(), display=resources.display(p))


def scorer(lang: str) -> Scorer:
    """Scores answers in ``lang``; a question that names another rubric is scored with it."""
    sig = _signature(_EXTRA)
    if sig is None:
        return _builtin_scorer(lang)
    return _scorer(lang, _EXTRA, sig)


@lru_cache(maxsize=8)
def _builtin_scorer(lang: str) -> Scorer:
    from mockint.core.scoring.engine import Scorer  # deferred: see the module docstring

    return Scorer(_builtin_rubric(lang), _builtin_bank(lang))


@lru_cache(maxsize=8)
def _scorer(lang: str, extra: tuple[str, ...], sig: tuple) -> Scorer:
    from mockint.core.scoring.multiscorer import MultiScorer  # deferred: see the module docstring

    return MultiScorer(rubric_named(lang, extra), bank(lang, extra_paths=extra),
                       lambda name: rubric_named(name, extra))


def _clear() -> None:
    for f in (_builtin_bank, _file_bank, _catalogue, _builtin_rubric, _user_rubric, _file_rubric,
              _builtin_scorer, _scorer):
        f.cache_clear()


scorer.cache_clear = _clear        # type: ignore[attr-defined]  # as when scorer was an lru_cache: mypy types no attributes set on a function
