"""The standard library's regex parser: the one private standard-library API mockint uses, here only.

Why it exists: two checks need a pattern's structure, not only its matches, and the standard
library has no public regex parser (``sre_parse`` and ``sre_constants`` are deprecated aliases of
the same private modules). :mod:`mockint.core.data.redos` refuses a rubric pattern that can
backtrack catastrophically; :mod:`mockint.core.scoring.prefilter` plans where a pattern can start
and which text every match of it holds, so that the pattern check tries a pattern only where it
can match. What the plans save, measured (``benchmarks/run.py --quick``, "score one answer, in
process", Python 3.11 on 2 shared cores): a median 1.34 ms an answer with them, 3.89 ms with the
pre-filter off as it is without the parser (~2.9x). Most of that is the word plans
(:func:`~mockint.core.scoring.prefilter.plan`, read from the pattern's text): with them alone it
is 1.42 ms, so the parts that need the parser (required texts, punctuation starts) save ~6 %.

A third use needs no tree: :mod:`mockint.core.data.recode` keeps a pattern's compiled program
between runs (:func:`program`, :func:`from_program`), since compiling the rubrics' patterns is most
of a cold ``mockint score``.

``re._parser``, ``re._constants``, ``re._compiler`` and ``_sre`` are imported here and nowhere else. What is
used of them (:data:`ops`, :func:`read`, :func:`compile_items`, :func:`program`) is written against their shape in
Python 3.11 to 3.13, and that shape is checked once, on import: the modules are there, the names
are, and a probe pattern parses into the tree it parses into there. If not, the parser is off for
the run (:func:`usable` is False), and it is off for one pattern when a reader of its tree meets
something it does not expect (:func:`read`). Off, scores do not change: the pre-filter plans
nothing (every pattern is searched over the whole answer: the same matches, slower), and the
backtracking check reads the pattern's text instead (:mod:`mockint.core.data.redos_text`: it
refuses at least what the parser-based check refuses, and passes every shipped pattern).
``tests/unit/test_regex_parse.py`` runs both ways.
"""

from __future__ import annotations

import re
from array import array
from types import SimpleNamespace
from typing import Any, Callable, TypeVar

T = TypeVar("T")

# The constants the readers compare a tree's nodes with (as ``ops.LITERAL``...).
NAMES = ("MAXREPEAT", "MAX_REPEAT", "MIN_REPEAT", "POSSESSIVE_REPEAT", "LITERAL", "NOT_LITERAL", "IN",
         "ANY", "CATEGORY", "SUBPATTERN", "ATOMIC_GROUP", "BRANCH", "ASSERT", "ASSERT_NOT", "AT",
         "AT_BEGINNING", "AT_BEGINNING_STRING")

# A pattern with every kind of node the readers take apart, and its tree as Python 3.11-3.13 print it.
PROBE = r"(?s)(x|yz)(?:ab|cd)+?[xz]*+\d{2,}(?=q)(?<!r)(?>w)^.[^,]\A"
PROBE_TREE = (
    "[(SUBPATTERN, (1, 0, 0, [(BRANCH, (None, [[(LITERAL, 120)], [(LITERAL, 121), (LITERAL, 122)]]))])), "
    "(MIN_REPEAT, (1, MAXREPEAT, [(BRANCH, (None, [[(LITERAL, 97), (LITERAL, 98)], [(LITERAL, 99), "
    "(LITERAL, 100)]]))])), (POSSESSIVE_REPEAT, (0, MAXREPEAT, [(IN, [(LITERAL, 120), (LITERAL, 122)])])), "
    "(MAX_REPEAT, (2, MAXREPEAT, [(IN, [(CATEGORY, CATEGORY_DIGIT)])])), (ASSERT, (1, [(LITERAL, 113)])), "
    "(ASSERT_NOT, (-1, [(LITERAL, 114)])), (ATOMIC_GROUP, [(LITERAL, 119)]), (AT, AT_BEGINNING), "
    "(ANY, None), (NOT_LITERAL, 44), (AT, AT_BEGINNING_STRING)]")


class _Absent:
    """Stands for a constant the parser does not have: equal to nothing a tree holds."""

    def __repr__(self) -> str:
        return "regex_parse.ABSENT"


def _load() -> SimpleNamespace | None:
    """The parser's functions and constants, when they are there and behave as tested; else None."""
    try:
        # not a deferral: in the try, so a Python without these private modules turns the parser off
        import _sre  # type: ignore[import-not-found]
        from re import _compiler, _constants, _parser  # type: ignore[attr-defined]  # private, see above

        api = SimpleNamespace(parse=_parser.parse, SubPattern=_parser.SubPattern, State=_parser.State,
                              compile=_compiler.compile, code=_compiler._code, sre_compile=_sre.compile,
                              stamp=f"{_sre.MAGIC}-{_sre.CODESIZE}", word=_word(_sre.CODESIZE),
                              **{n: getattr(_constants, n) for n in NAMES})
        parsed = api.parse(PROBE)
        tree = parsed.data
        if repr(tree) != PROBE_TREE or parsed.state.flags != re.S | re.U:
            return None
        if not (tree[0][0] is api.SUBPATTERN and tree[1][0] is api.MIN_REPEAT and tree[1][1][1] is api.MAXREPEAT
                and tree[-1][1] is api.AT_BEGINNING_STRING):
            return None                 # the names must be the very objects a tree holds
        rx = compile_items([tree[-2]], parsed.state.flags, api)
        if not (rx.fullmatch("a") and rx.fullmatch("\n") and not rx.fullmatch(",")):
            return None
        return api
    except Exception:                   # noqa: BLE001 - any way the private API differs: not used
        return None


def _word(size: int) -> str | None:
    """The array type code of the matcher's code words (4 bytes in CPython 3.11-3.13); None for a
    size no array type has (then no program is kept: the parser itself stays on)."""
    return next((t for t in ("I", "L", "H") if array(t).itemsize == size), None)


def compile_items(items: list[Any], flags: int, api: SimpleNamespace | None = None) -> re.Pattern[str]:
    """A compiled pattern made of parsed ``items`` (nodes of a tree :func:`read` gave) under
    ``flags``: what a part of a pattern matches, without writing it back out as text."""
    api = api or _API
    if api is None:
        raise LookupError("the regex parser is off")
    sub = api.SubPattern(api.State(), list(items))
    sub.state.flags = flags
    compiled: re.Pattern[str] = api.compile(sub, flags)
    return compiled


_API = _load()
ops: Any = _API if _API is not None else SimpleNamespace(**{n: _Absent() for n in NAMES})


def usable() -> bool:
    """Is the parser there and as tested (see the module's text)?"""
    return _API is not None


def read(pattern: str, reader: Callable[[list[Any], int], T], otherwise: Callable[[str], T]) -> T:
    """``reader(tree, flags)``: what a reader makes of ``pattern``'s parsed tree (a list of
    ``(op, argument)`` nodes, compared with :data:`ops`) and its global flags. ``otherwise(pattern)``
    when the parser is off, cannot read the pattern, or the reader fails on the tree (a node of a
    shape it does not expect): a reader needs no guard of its own."""
    if _API is None:
        return otherwise(pattern)
    try:
        parsed = _API.parse(pattern)
        return reader(parsed.data, parsed.state.flags)
    except Exception:                   # noqa: BLE001 - a bad pattern or an unexpected tree: the safe way
        return otherwise(pattern)


def stamp() -> str:
    """What a kept program depends on besides Python's version: the matcher's magic and code size."""
    return _API.stamp if _API is not None else ""


def program(pattern: str) -> tuple[re.Pattern[str], tuple | None]:
    """``pattern`` compiled as :func:`re.compile` compiles it, and the plain data that builds it
    again (:func:`from_program`): flags, the program as machine words (bytes: read back in
    microseconds), group count, names. No data when the parser is off; a bad pattern raises
    ``re.error`` as :func:`re.compile` does."""
    if _API is None or _API.word is None:
        return re.compile(pattern), None
    try:
        p = _API.parse(pattern, 0)
        code = array(_API.word, _API.code(p, 0)).tobytes()
        groupindex = dict(p.state.groupdict)
        indexgroup: list[str | None] = [None] * p.state.groups
        for name, i in groupindex.items():
            indexgroup[i] = name
        parts = (p.state.flags, code, p.state.groups - 1, groupindex, tuple(indexgroup))
        return from_program(pattern, parts), parts
    except Exception:                   # noqa: BLE001 - a bad pattern raises from re.compile here
        return re.compile(pattern), None


def from_program(pattern: str, parts: tuple) -> re.Pattern[str]:
    """The pattern built from :func:`program`'s data by the C matcher, which validates the program
    first (a damaged one raises, never runs). Raises when the parser is off."""
    if _API is None:
        raise LookupError("the regex parser is off")
    flags, code, groups, groupindex, indexgroup = parts
    rx: re.Pattern[str] = _API.sre_compile(pattern, flags, array(_API.word, code).tolist(), groups,
                                           groupindex, indexgroup)
    return rx
