"""Small helpers to validate YAML documents with precise errors (file:line:col: key: problem)."""

from __future__ import annotations

import re
from collections.abc import Iterable
from typing import Any, NoReturn

from mockint.core.data.errors import DataError, did_you_mean
from mockint.core.data.yamlfile import Key, compose, dotted, position_of

_TYPE_NAMES = {str: "a string", int: "a whole number", float: "a number", bool: "true or false",
               list: "a list", dict: "a mapping"}


class Doc:
    """One YAML document being validated: knows its file name and text, for line numbers."""

    def __init__(self, name: str, text: str):
        self.name, self.text = name, text
        self._root: Any = False

    def position(self, path: tuple[Key, ...]) -> tuple[int | None, int | None]:
        """(line, column) of the node at ``path``; the document is composed once, when first needed."""
        if self._root is False:
            self._root = compose(self.text)
        if self._root is None:
            return None, None
        return position_of(self.text, path, self._root)

    def error(self, path: tuple[Key, ...], message: str) -> DataError:
        line, col = self.position(path)
        return DataError(self.name, line, dotted(path), message, col=col)

    def fail(self, path: tuple[Key, ...], message: str) -> NoReturn:
        raise self.error(path, message)

    # -- shapes ---------------------------------------------------------------------------
    def mapping(self, value: Any, path: tuple[Key, ...], required: Iterable[str] = (),
                optional: Iterable[str] = ()) -> dict:
        if not isinstance(value, dict):
            self.fail(path, f"must be a mapping (key: value), not {_kind(value)}")
        required, optional = list(required), list(optional)
        allowed = required + optional
        for key in value:
            if key not in allowed:
                self.fail(path + (key,), f"unknown key; allowed: {', '.join(allowed)}"
                          f"{did_you_mean(key, allowed)}")
        for key in required:
            if key not in value:
                self.fail(path, f"missing the required key '{key}'")
        return value

    def a_mapping(self, value: Any, path: tuple[Key, ...]) -> dict:
        """The shape only (its keys are checked by :meth:`key_problems`)."""
        if not isinstance(value, dict):
            self.fail(path, f"must be a mapping (key: value), not {_kind(value)}")
        return value

    def key_problems(self, value: dict, path: tuple[Key, ...], required: Iterable[str] = (),
                     optional: Iterable[str] = ()) -> list[DataError]:
        """Every unknown and every missing key of a mapping (what :meth:`mapping` raises one by one)."""
        required, optional = list(required), list(optional)
        allowed = required + optional
        out, meant = [], set()
        for key in value:
            if key not in allowed:
                hint = did_you_mean(key, allowed)
                meant.add(hint.split("'")[1] if hint else None)
                out.append(self.error(path + (key,), f"unknown key; allowed: {', '.join(allowed)}{hint}"))
        # a misspelt key is one problem, not two: its "did you mean" stands for the missing key
        out += [self.error(path, f"missing the required key '{key}'") for key in required
                if key not in value and key not in meant]
        return out

    def seq(self, value: Any, path: tuple[Key, ...], min_len: int = 0) -> list:
        if not isinstance(value, list):
            self.fail(path, f"must be a list, not {_kind(value)}")
        if len(value) < min_len:
            self.fail(path, f"needs at least {min_len} item{'s' if min_len != 1 else ''}")
        return value

    def typed(self, value: Any, path: tuple[Key, ...], kind: type | tuple[type, ...]) -> Any:
        kinds = kind if isinstance(kind, tuple) else (kind,)
        if isinstance(value, bool) and bool not in kinds:
            ok = False
        else:
            ok = isinstance(value, kinds)
        if not ok:
            want = "a number" if set(kinds) == {int, float} else \
                " or ".join(_TYPE_NAMES.get(k, k.__name__) for k in kinds)
            hint = " (YAML reads yes, no, on, off as true/false: put them in quotes)" \
                if isinstance(value, bool) and str in kinds else ""
            self.fail(path, f"must be {want}, not {_kind(value)}{hint}")
        return value

    def text_(self, value: Any, path: tuple[Key, ...], empty_ok: bool = False) -> str:
        self.typed(value, path, str)
        if not empty_ok and not value.strip():
            self.fail(path, "must not be empty")
        return value

    def number(self, value: Any, path: tuple[Key, ...], lo: float | None = None,
               hi: float | None = None, whole: bool = False) -> float:
        self.typed(value, path, int if whole else (int, float))
        if isinstance(value, float) and value != value or value in (float("inf"), float("-inf")):
            self.fail(path, f"must be a number, not {value}")            # .nan, .inf
        if (lo is not None and value < lo) or (hi is not None and value > hi):
            rng = f"from {lo} to {hi}" if hi is not None else f"at least {lo}"
            self.fail(path, f"must be {rng}, not {_show_number(value)}")
        return value

    def choice(self, value: Any, path: tuple[Key, ...], allowed: Iterable[str]) -> str:
        allowed = list(allowed)
        if not isinstance(value, str) or value not in allowed:
            self.fail(path, f"'{value}' is not allowed; allowed: {', '.join(allowed)}"
                      f"{did_you_mean(value, allowed)}")
        return value

    def strings(self, value: Any, path: tuple[Key, ...], min_len: int = 1) -> list[str]:
        self.seq(value, path, min_len)
        for i, item in enumerate(value):
            self.text_(item if not isinstance(item, (int, float)) or isinstance(item, bool)
                       else str(item), path + (i,))
        return [str(v) for v in value]

    def ident(self, value: Any, path: tuple[Key, ...], pattern: str = r"[a-z0-9]+(?:[-_][a-z0-9]+)*") -> str:
        self.text_(value, path)
        if not re.fullmatch(pattern, value):
            self.fail(path, f"'{value}' is not a valid id (lowercase letters, digits, '-' or '_')")
        return value


def _kind(value: Any) -> str:
    if value is None:
        return "empty"
    for t, name in _TYPE_NAMES.items():
        if type(value) is t:
            return name
    return type(value).__name__


def _show_number(value: float) -> str:
    """A number for a message: a huge integer (str() refuses over 4,300 digits) by its size."""
    if isinstance(value, int) and value.bit_length() > 100:
        return f"a number of about {int(value.bit_length() * 0.30103) + 1:,} digits"
    return str(value)


def guide_refs(doc, value, path, facts: set[str] | None = None) -> list[str]:
    """Guide fact ids a YAML file cites (``[do-1, tip-2]``), each one the guide has, with "did you
    mean" (``facts``: the known ids; None checks only the shape). Banks, rubrics and job-posting
    files all cite facts through this (it lives here so that reading a bank loads no guide code)."""
    ids = doc.strings(value, path, 0)
    for i, g in enumerate(ids):
        if facts is not None and g not in facts:
            doc.fail(path + (i,), f"'{g}' is not a guide fact{did_you_mean(g, sorted(facts))}")
    return ids
