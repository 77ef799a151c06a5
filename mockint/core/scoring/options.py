"""The values of a check's options as the rubric gives them: phrase and word lists, patterns (each
compiled once, refused when unsafe, remembered when known good), fuzzy settings, what actions
are done to, companions and cancellers. rubric.py reads a check's keys and hands each value
here."""

from __future__ import annotations

import re
from contextlib import contextmanager
from pathlib import Path
from typing import Any

from mockint.core.data import cache, recode
from mockint.core.data.errors import DataError, did_you_mean
from mockint.core.data.validate import Doc
from mockint.core.scoring.matching import MATCH_MODES, SCORERS, Fuzzy
from mockint.core.scoring.model import (
    LazyPattern,
)
from mockint.core.scoring.text import fold

COUNT_OF = ("words", "sentences", "long_sentences")


def _fuzzy(doc: Doc, value: Any, path, default: Fuzzy | None) -> Fuzzy | None:
    if value is False:
        return None
    if value is None or value is True:
        return default or Fuzzy()
    m = doc.mapping(value, path, optional=("scorer", "min_length", "cutoff", "cutoffs"))
    base = default or Fuzzy()
    scorer = doc.choice(m.get("scorer", base.scorer), path + ("scorer",), SCORERS)
    min_length = int(doc.number(m.get("min_length", base.min_length), path + ("min_length",), 3, 30, whole=True))
    cutoffs = base.cutoffs
    if "cutoff" in m and "cutoffs" in m:
        doc.fail(path, "give either 'cutoff' (one value) or 'cutoffs' (by word length), not both")
    if "cutoff" in m:
        cutoffs = ((0, float(doc.number(m["cutoff"], path + ("cutoff",), 50, 100))),)
    if "cutoffs" in m:
        cm = doc.mapping(m["cutoffs"], path + ("cutoffs",),
                         optional=[k for k in m["cutoffs"]] if isinstance(m["cutoffs"], dict) else ())
        pairs = []
        for k, v in cm.items():
            if not isinstance(k, int) or k < 1:
                doc.fail(path + ("cutoffs", k), "keys are word lengths (whole numbers from 1)")
            pairs.append((k, float(doc.number(v, path + ("cutoffs", k), 50, 100))))
        cutoffs = tuple(sorted(pairs))
    return Fuzzy(scorer, min_length, cutoffs)


@contextmanager
def _keep(errs: list[DataError]):
    """Run the block; a problem it finds is added to ``errs`` and validation goes on."""
    try:
        yield
    except DataError as exc:
        errs.append(exc)
    except _Problems as exc:
        errs.extend(exc.errors)


# Patterns that compiled and do not match empty text, by their text: kept in the disk cache
# (mockint.core.data.cache) so that a later load does not compile them again to check them. The
# text is the key of each verdict (an edited pattern is checked anew), the entry's key is the
# mockint and Python versions (another ``re`` checks them all again); a damaged or missing entry
# means every pattern is checked.
_GOOD_KIND = "patterns-ok-2"      # 1: a JSON list; 2: a set, through data.cache
_GOOD_MAX = 20_000


_good: set[str] | None = None
_new_good: set[str] = set()


def _good_file() -> Path:
    return cache.path(cache.key(_GOOD_KIND))


def _known_good() -> set[str]:
    global _good
    if _good is None:
        got = cache.read(cache.key(_GOOD_KIND))
        _good = got if isinstance(got, set) else set()
    return _good


def _save_good() -> None:
    """Add the patterns checked since the last save to the entry (at most ``_GOOD_MAX``)."""
    if not _new_good:
        return
    known = _known_good()
    known |= _new_good
    _new_good.clear()
    if len(known) > _GOOD_MAX:
        known.clear()
    cache.write(cache.key(_GOOD_KIND), known)


_PHRASE_KEYS = ("phrases", "about", "addressed", "starts", "exclude",
                "clause_openers", "statement_starts", "uptalk_starts", "lead_words")   # phrases, or named lists
_INT_KEYS = ("window", "window_words", "ngram", "allow", "min_words", "margin", "max_questions", "max_own",
             "min_length", "min_points", "margin_points", "own_terms", "density_from_words")


def _kind_option(doc: Doc, kind: str, key: str, value: Any, path, lists: dict, fuzzy: Fuzzy) -> Any:
    """The value of the option ``key`` of a ``kind`` check, read and checked."""
    if key in _PHRASE_KEYS:
        return _phrases(doc, value, path, lists)
    if key in ("lists", "ignore", "ignore_in_terms"):
        return _words(doc, value, path, lists)
    if key == "negated_by":             # lists of words that, just before a hit, cancel it
        return frozenset(fold(w) for w in _words(doc, value, path, lists))
    if key == "objects":                # what an action may be done to (see docs/rubric-format.md)
        return _objects(doc, value, path, lists)
    if key == "patterns":
        return _patterns(doc, value, path, lists)
    if kind == "pattern" and key == "unless" and isinstance(value, list):   # several, each with its window
        if not value:
            doc.fail(path, "an empty list of cancellers: give one {sentences, patterns} or more, or drop 'unless'")
        return [_near(doc, kind, v, path + (i,), lists, fuzzy) for i, v in enumerate(value)]
    if kind == "pattern" and key in ("near", "unless"):
        return _near(doc, kind, value, path, lists, fuzzy)
    if key == "match":
        return doc.choice(value, path, MATCH_MODES)
    if key == "fuzzy":
        return _fuzzy(doc, value, path, fuzzy)
    return _scalar(doc, kind, key, value, path)


def _scalar(doc: Doc, kind: str, key: str, value: Any, path) -> Any:
    """An option that is one number, flag, choice or list of texts."""
    if key in _INT_KEYS:
        return int(doc.number(value, path, 0, 200, whole=True))
    if key == "scale_from_words":
        return int(doc.number(value, path, 1, 10000, whole=True))
    if key in ("distinct", "outside_quotes"):
        return doc.typed(value, path, bool)
    if key == "of":
        return doc.choice(value, path, COUNT_OF)
    if key in ("min", "max"):
        if kind == "count" and value == "question":
            return "question"
        hi = 1 if kind == "ratio" else 100000
        return float(doc.number(value, path, 0, hi))
    if key in ("share", "max_share", "grace"):
        return float(doc.number(value, path, 0, 5))
    if key in ("unless", "from"):
        return doc.strings(value, path)
    raise AssertionError(key)  # pragma: no cover - KIND_KEYS and this function agree


def _phrases(doc: Doc, value: Any, path, lists: dict) -> list[str]:
    """Phrases: a list of them, or a mapping of ``phrases`` and ``lists`` (names of the rubric's lists)."""
    if isinstance(value, dict):
        m = doc.mapping(value, path, optional=("phrases", "lists"))
        out = doc.strings(m.get("phrases", []), path + ("phrases",), 0)
        for i, name in enumerate(doc.strings(m.get("lists", []), path + ("lists",), 0)):
            out += _list(doc, name, path + ("lists", i), lists)
        return out
    if isinstance(value, list) and not value:
        doc.fail(path, "the phrase list is empty: give at least one phrase")
    return doc.strings(value, path)


def _words(doc: Doc, value: Any, path, lists: dict, min_len: int = 1) -> list[str]:
    """The words of the rubric's lists named in ``value``, in order."""
    names = doc.strings(value, path, min_len)
    return [w for i, n in enumerate(names) for w in _list(doc, n, path + (i,), lists)]


def _objects(doc: Doc, value: Any, path, lists: dict) -> dict[str, Any]:
    """``objects``: what an action may be done to (its words, the words skipped before them, how
    far they may be, what goes on after them, exceptions)."""
    m = doc.mapping(value, path, required=("lists",), optional=("skip", "window", "goes_on", "known", "except"))
    words = _words(doc, m["lists"], path + ("lists",), lists)
    skip = _words(doc, m.get("skip", []), path + ("skip",), lists, 0)
    goes_on = None
    if "goes_on" in m:
        try:
            goes_on = re.compile(doc.text_(m["goes_on"], path + ("goes_on",)))
        except re.error as exc:
            doc.fail(path + ("goes_on",), f"bad regular expression: {exc}")
    odd = _words(doc, m.get("except", []), path + ("except",), lists, 0)
    return {"words": words, "skip": skip, "goes_on": goes_on, "except": odd,
            "known": doc.typed(m.get("known", False), path + ("known",), bool),
            "window": int(doc.number(m.get("window", 4), path + ("window",), 1, 20, whole=True))}


def _near(doc: Doc, kind: str, value: Any, path, lists: dict, fuzzy: Fuzzy) -> dict[str, Any]:
    """A pattern check's ``near`` (a hit counts only with one of these patterns within
    ``sentences`` sentences of it) or ``unless`` (a hit is dropped when one of these is that close);
    docs/rubric-format.md."""
    m = doc.mapping(value, path, required=("patterns",), optional=("sentences", "negated_by", "show"))
    near: dict[str, Any] = {
        "patterns": _patterns(doc, m["patterns"], path + ("patterns",), lists),
        "sentences": int(doc.number(m.get("sentences", 0), path + ("sentences",), 0, 50, whole=True))}
    if "show" in m:                  # show: false, the companion only lets the hit count (it is not shown)
        near["show"] = doc.typed(m["show"], path + ("show",), bool)
    if "negated_by" in m:            # "it wasn't my fault" owns nothing: a negated canceller cancels nothing
        near["negated_by"] = _kind_option(doc, kind, "negated_by", m["negated_by"], path + ("negated_by",),
                                          lists, fuzzy)
    return near


def _patterns(doc: Doc, value: Any, path, lists: dict) -> list:
    """Compiled regular expressions (lazily when known good), each refused with its reason when
    it is not valid, matches empty text or could backtrack for minutes."""
    pats = doc.strings(value, path)
    out: list = []
    known = _known_good()
    errs: list[DataError] = []
    for i, p in enumerate(pats):
        with _keep(errs):
            out.append(_pattern(doc, p, path + (i,), lists, known))
    if errs:
        raise _Problems(errs)
    return out


def _pattern(doc: Doc, p: str, path, lists: dict, known) -> Any:
    expanded = _expand(doc, p, path, lists)
    if expanded in known:
        return LazyPattern(expanded)
    try:
        rx = recode.compile(expanded)     # its program kept: a later run, finding it known, compiles nothing
    except re.error as exc:
        doc.fail(path, f"bad regular expression: {exc}")
    if rx.search(""):
        doc.fail(path, "this pattern matches empty text; it would fire on every answer")
    # deferred: ~0.75 ms on a cold 'mockint score' (benchmarks/run.py): its patterns come checked from the cache
    from mockint.core.data.redos import problem
    why = problem(expanded)
    if why:
        doc.fail(path, f"this pattern could take minutes on a short answer ({why}); bound "
                 f"the outer repeat ({{0,20}}) or make each round pass a character the inner "
                 f"repeat cannot take")
    _new_good.add(expanded)
    return rx


def _list(doc: Doc, name: str, path, lists: dict) -> list[str]:
    if name not in lists:
        doc.fail(path, f"no list named '{name}' in 'lists'{did_you_mean(name, lists)}")
    return lists[name]


_LIST_REF = re.compile(r"\{([a-z][a-z0-9_]*)\}")


def _expand(doc: Doc, pattern: str, path, lists: dict) -> str:
    """Replace {list_name} by an alternation of that list's (folded, escaped) words."""
    def sub(m: re.Match) -> str:
        words = _list(doc, m.group(1), path, lists)
        alts = sorted({re.escape(fold(w)).replace("\\ ", r"\s+") for w in words}, key=lambda w: (-len(w), w))
        return "(?:" + "|".join(alts) + ")"
    return _LIST_REF.sub(sub, pattern)


class _Problems(Exception):
    """Every problem found in a check, or in the checks of a criterion."""

    def __init__(self, errors: list[DataError]):
        super().__init__(str(errors[0]))
        self.errors = errors
