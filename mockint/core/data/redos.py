"""Refusing rubric patterns that can backtrack catastrophically (issue 16).

Rubrics are meant to be shared, so a pattern must not be able to hang mockint: ``(?:\\w+\\s?)+;``
takes seconds on eight words and minutes on twelve. The classic cause is a repeat with no upper
bound around something that itself repeats without bound, where the two can share characters: the
engine then tries every way of splitting a run of text between them. The check reads the pattern
with the standard library's parser and refuses such a nested repeat unless every way through its
body has to pass a character the inner repeat cannot take (a delimiter: in
``(?:[^,]+(?: [^,]+)*, )+`` every round passes a ``,`` that ``[^,]`` refuses, so the rounds cannot
be split two ways). Characters are compared on a sample (ASCII, Latin-1, Romanian letters), which
is exact for the classes rubrics use.

The parser is the standard library's private one, through :mod:`mockint.core.data.regex_parse`.
Where it is off (a Python that moved or changed it) or cannot take a pattern apart, the same rule
is applied to the pattern's text instead (:mod:`mockint.core.data.redos_text`), refusing whatever
it cannot read there: a stricter check that still passes every shipped pattern.
"""

from __future__ import annotations

from collections.abc import Iterator
from typing import Any

from mockint.core.data import redos_text, regex_parse
from mockint.core.data.regex_parse import compile_items
from mockint.core.data.regex_parse import ops as C

_SAMPLE = redos_text.SAMPLE
_UNBOUNDED = C.MAXREPEAT
_REPEATS = (C.MAX_REPEAT, C.MIN_REPEAT, C.POSSESSIVE_REPEAT)
_CHAR_OPS = (C.LITERAL, C.NOT_LITERAL, C.IN, C.ANY, C.CATEGORY)


def problem(pattern: str) -> str | None:
    """Why ``pattern`` can backtrack catastrophically (a short reason), or None (also for a pattern
    that does not compile: the compiler reports it)."""
    return regex_parse.read(pattern, _walk, redos_text.problem)


def _walk(items: Any, flags: int) -> str | None:
    for op, av in items:
        if op in _REPEATS:
            lo, hi, body = av
            if op != C.POSSESSIVE_REPEAT and hi == _UNBOUNDED:
                inner = list(_unbounded_in(body.data))
                if inner and not _has_delimiter(body.data, inner, flags):
                    return redos_text.NESTED
            found = _walk(body.data, flags)
        elif op in (C.SUBPATTERN, C.ATOMIC_GROUP):
            found = _walk((av[-1] if op == C.SUBPATTERN else av).data, flags)
        elif op == C.BRANCH:
            found = next((f for alt in av[1] if (f := _walk(alt.data, flags))), None)
        elif op in (C.ASSERT, C.ASSERT_NOT):
            found = _walk(av[1].data, flags)
        else:
            found = None
        if found:
            return found
    return None


def _unbounded_in(items: Any) -> Iterator[Any]:
    """The unbounded (backtracking) repeats inside ``items``, at any depth."""
    for op, av in items:
        if op in _REPEATS:
            lo, hi, body = av
            if op != C.POSSESSIVE_REPEAT and hi == _UNBOUNDED:
                yield body
            yield from _unbounded_in(body.data)
        elif op == C.SUBPATTERN:
            yield from _unbounded_in(av[-1].data)
        elif op == C.BRANCH:
            for alt in av[1]:
                yield from _unbounded_in(alt.data)


def _chars(items: Any, flags: int) -> set[str]:
    """The characters the sample holds that ``items`` (as one pattern) can begin or continue with:
    for a repeated body, every character any of its single-character elements takes."""
    out: set[str] = set()
    for op, av in items:
        if op in _CHAR_OPS:
            rx = compile_items([(op, av)], flags)
            out.update(ch for ch in _SAMPLE if rx.fullmatch(ch))
        elif op in _REPEATS:
            out |= _chars(av[2].data, flags)
        elif op == C.SUBPATTERN:
            out |= _chars(av[-1].data, flags)
        elif op == C.BRANCH:
            for alt in av[1]:
                out |= _chars(alt.data, flags)
    return out


def _has_delimiter(items: Any, inner: list[Any], flags: int) -> bool:
    """Does every way through ``items`` pass a single character that none of the ``inner``
    repeats can take?"""
    taken: set[str] = set()
    for body in inner:
        taken |= _chars(body.data, flags)
    for op, av in items:
        if op in _CHAR_OPS:
            rx = compile_items([(op, av)], flags)
            if not any(rx.fullmatch(ch) for ch in taken):
                return True
        elif op == C.SUBPATTERN and _has_delimiter(av[-1].data, inner, flags):
            return True
        elif op in _REPEATS and av[0] >= 1 and _has_delimiter(av[2].data, inner, flags):
            return True
        elif op == C.BRANCH and all(_has_delimiter(alt.data, inner, flags) for alt in av[1]):
            return True
    return False

