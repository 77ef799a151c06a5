r"""The backtracking check read from a pattern's text: :mod:`mockint.core.data.redos` without the parser.

Used only where the standard library's regex parser is off (:mod:`mockint.core.data.regex_parse`:
a Python that moved or changed it) or cannot take a pattern apart. The rule is the parser-based
check's: a repeat with no upper bound around another one is refused unless every way through its
body passes a character that none of the inner repeats can take. Here the pattern's text is split
into atoms (a character, an escape, a class, a group), quantifiers and alternatives, and what an
atom can take is found by compiling the atom alone with the public ``re`` (on the same sample of
characters). It refuses at least what the parser-based check refuses:

- an inner repeat is looked for everywhere in the body, lookarounds and atomic groups too;
- scoped flags that widen a class (``(?i:...)``, ``(?s:...)``) widen every atom; ``(?a)`` never narrows one;
- a back-reference can take any character;
- what it cannot read (verbose patterns, conditionals, text it cannot split) is refused.

Refusing every nested repeat outright would be simpler and stricter still, but it would refuse
seven shipped patterns (the keyword-list and "because ..." rules, whose rounds end on a ``,`` or
a space): ``tests/unit/test_regex_parse.py`` holds this check to every shipped pattern.
"""

from __future__ import annotations

import re
from typing import NamedTuple

SAMPLE = [chr(i) for i in range(1, 256)] + list("ăâîșțĂÂÎȘȚşţ’“”–")
NESTED = "a repeat without bound around another one that can take the same text"
UNREADABLE = "it could not be read to check its repeats"

_ESCAPE = re.compile(r"\\(?:x[0-9a-fA-F]{2}|u[0-9a-fA-F]{4}|U[0-9a-fA-F]{8}|N\{[^}]*\}|0[0-7]{0,2}"
                     r"|[1-7][0-7]{2}|[1-9][0-9]?|.)", re.S)
_QUANT = re.compile(r"(?:([*+?])|\{(\d*)(,?)(\d*)\})([?+]?)")
_ZERO_ESCAPES = ("\\b", "\\B", "\\A", "\\Z")
_LOOKS = ("(?=", "(?!", "(?<=", "(?<!")
_FLAG_GROUP = re.compile(r"\(\?([aiLmsux]*)(?:-([imsx]*))?([:)])")
_WIDENING = re.IGNORECASE | re.DOTALL
_BODIES = ("group", "atomic", "look")


class Item(NamedTuple):
    """A part of a pattern, with its quantifier."""

    kind: str                   # "char" (one character: ``atom``), "group", "atomic" or "look" (``body``),
    atom: str                   # "any" (a back-reference: any text), "zero" (an anchor: no text)
    body: list[list[Item]]      # the alternatives inside a group, each a sequence of items
    least: int
    most: int | None            # None: no upper bound
    possessive: bool


class _Unreadable(Exception):
    pass


def problem(pattern: str) -> str | None:
    """Why ``pattern`` can backtrack catastrophically (a short reason), or None (also for a pattern
    that does not compile: the compiler reports it)."""
    try:
        flags = re.compile(pattern).flags
    except (re.error, RecursionError, OverflowError):
        return None
    if flags & re.VERBOSE or "(?(" in pattern:
        return UNREADABLE
    reader = _Reader(pattern)
    try:
        alts = reader.alternatives(0)
        if reader.at != len(pattern):
            raise _Unreadable
        return _walk(alts, _Chars((flags & _WIDENING) | reader.widening))
    except (_Unreadable, re.error, RecursionError, ValueError):
        return UNREADABLE


class _Reader:
    """Splits a pattern's text into alternatives of items."""

    def __init__(self, text: str):
        self.text, self.at, self.widening = text, 0, 0

    def alternatives(self, i: int) -> list[list[Item]]:
        """The alternatives from ``i`` to the ``)`` that ends them or the end (``self.at`` then)."""
        s = self.text
        alts: list[list[Item]] = [[]]
        while i < len(s) and s[i] != ")":
            if s[i] == "|":
                alts.append([])
                i += 1
                continue
            kind, atom, body, i = self._atom(i)
            least, most, possessive, i = self._quantifier(i)
            alts[-1].append(Item(kind, atom, body, least, most, possessive))
        self.at = i
        return alts

    def _atom(self, i: int) -> tuple[str, str, list[list[Item]], int]:
        s = self.text
        ch = s[i]
        if ch == "\\":
            m = _ESCAPE.match(s, i)
            if m is None:
                raise _Unreadable
            esc = m.group()
            if esc in _ZERO_ESCAPES:
                return "zero", "", [], m.end()
            if esc[1] in "123456789" and not (len(esc) == 4 and esc[1] in "1234567"):
                return "any", "", [], m.end()       # a back-reference, not an octal escape
            return "char", esc, [], m.end()
        if ch == "[":
            end = _class_end(s, i)
            return "char", s[i:end], [], end
        if ch == "(":
            return self._group(i)
        if ch in "^$":
            return "zero", "", [], i + 1
        if self._quantifier(i)[3] != i:
            raise _Unreadable                       # a quantifier with nothing before it
        return "char", ch, [], i + 1

    def _group(self, i: int) -> tuple[str, str, list[list[Item]], int]:
        s = self.text
        kind, start = "group", i + 1
        if s.startswith(_LOOKS, i):
            kind, start = "look", i + (4 if s[i + 2] == "<" else 3)
        elif s.startswith(("(?:", "(?>"), i):
            kind, start = ("group" if s[i + 2] == ":" else "atomic"), i + 3
        elif s.startswith("(?P<", i):
            start = s.index(">", i) + 1
        elif s.startswith(("(?P=", "(?#"), i):
            return ("any" if s[i + 2] == "P" else "zero"), "", [], s.index(")", i) + 1
        elif s.startswith("(?", i):
            flag_group = _FLAG_GROUP.match(s, i)
            if flag_group is None or "x" in flag_group.group(1):
                raise _Unreadable
            self.widening |= (re.IGNORECASE if "i" in flag_group.group(1) else 0) \
                | (re.DOTALL if "s" in flag_group.group(1) else 0)
            if flag_group.group(3) == ")":
                return "zero", "", [], flag_group.end()     # global flags: re.compile read them
            start = flag_group.end()
        body = self.alternatives(start)
        if self.at >= len(s):
            raise _Unreadable                       # never closed
        return kind, "", body, self.at + 1

    def _quantifier(self, i: int) -> tuple[int, int | None, bool, int]:
        """(least, most, possessive, index after it) of the quantifier at ``i``; (1, 1, False, i)
        when there is none ("{}" and "{x" are literal braces)."""
        m = _QUANT.match(self.text, i)
        if m is None or (m.group(1) is None and not (m.group(2) or m.group(3))):
            return 1, 1, False, i
        sign, lo, comma, hi, mode = m.groups()
        if sign:
            least, most = (0 if sign in "*?" else 1), (1 if sign == "?" else None)
        else:
            least = int(lo or 0)
            most = (int(hi) if hi else None) if comma else least
        return least, most, mode == "+", m.end()


def _class_end(s: str, i: int) -> int:
    j = i + 1
    if s.startswith("^", j):
        j += 1
    if s.startswith("]", j):
        j += 1
    while j < len(s) and s[j] != "]":
        j += 2 if s[j] == "\\" else 1
    if j >= len(s):
        raise _Unreadable
    return j + 1


class _Chars:
    """The characters of the sample a part of the pattern can take, under its widest flags."""

    def __init__(self, flags: int):
        self.flags = flags
        self.memo: dict[str, frozenset[str]] = {}

    def of_atom(self, atom: str) -> frozenset[str]:
        got = self.memo.get(atom)
        if got is None:
            rx = re.compile(atom, self.flags)
            got = self.memo[atom] = frozenset(ch for ch in SAMPLE if rx.fullmatch(ch))
        return got

    def of(self, item: Item) -> set[str]:
        """Every character a single-character part of ``item`` can take (a lookaround: none)."""
        if item.kind == "char":
            return set(self.of_atom(item.atom))
        if item.kind == "any":
            return set(SAMPLE)
        out: set[str] = set()
        if item.kind in ("group", "atomic"):
            for seq in item.body:
                for part in seq:
                    out |= self.of(part)
        return out


def _walk(alts: list[list[Item]], chars: _Chars) -> str | None:
    for seq in alts:
        for item in seq:
            if item.kind not in _BODIES:
                continue
            if item.most is None and not item.possessive:
                inner = _unbounded_in(item.body)
                if inner and not _has_delimiter(item.body, _taken(inner, chars), chars):
                    return NESTED
            found = _walk(item.body, chars)
            if found:
                return found
    return None


def _unbounded_in(alts: list[list[Item]]) -> list[Item]:
    """The unbounded (backtracking) repeats inside ``alts``, at any depth, lookarounds included."""
    out: list[Item] = []
    for seq in alts:
        for item in seq:
            if item.kind != "zero" and item.most is None and not item.possessive:
                out.append(item)
            if item.kind in _BODIES:
                out += _unbounded_in(item.body)
    return out


def _taken(inner: list[Item], chars: _Chars) -> set[str]:
    """What the inner repeats can take, together."""
    taken: set[str] = set()
    for item in inner:
        taken |= chars.of(item) if item.kind != "look" else set(SAMPLE)
    return taken


def _has_delimiter(alts: list[list[Item]], taken: set[str], chars: _Chars) -> bool:
    """Does every way through ``alts`` pass a character (an atom, or a group it must go through)
    that nothing in ``taken`` is?"""
    return all(any(_delimits(item, taken, chars) for item in seq) for seq in alts)


def _delimits(item: Item, taken: set[str], chars: _Chars) -> bool:
    if item.least < 1:
        return False
    if item.kind == "char":
        return chars.of_atom(item.atom).isdisjoint(taken)
    return item.kind == "group" and _has_delimiter(item.body, taken, chars)
