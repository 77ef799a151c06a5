"""Reading YAML safely, with line numbers for error messages.

``safe_load`` below is the only way mockint reads YAML. It is ``yaml.safe_load``; when PyYAML
was built with libyaml it uses ``yaml.CSafeLoader``, the C build of the very same safe loader
(same constructors, no Python objects), because the pure-Python parser takes ~90 ms per bank
against ~9 ms, which alone would blow the 100 ms cold-start budget of ``mockint score``.
When validation fails, the document is composed (again safely, no construction) to find the line
of the offending key.

``yaml`` itself (~9 ms) is imported by the functions that parse or compose (``# deferred``): a
cold ``mockint score`` reads its banks and rubrics from the disk cache and never loads it
(benchmarks/run.py), nor does ``mockint history`` (tests/cli/test_history_cli.py).
"""

from __future__ import annotations

import re
import stat
import sys
from pathlib import Path
from typing import Any, NoReturn

from mockint.core.data import cache
from mockint.core.data.errors import DataError, MockintError
from mockint.core.data.nesting import shallow

Key = str | int


def read_text(path: Path | str) -> str:
    path = Path(path)
    try:
        return path.read_text(encoding="utf-8")
    except FileNotFoundError:
        raise MockintError(f"{path}: no such file") from None
    except IsADirectoryError:
        raise MockintError(f"{path}: is a directory, not a file") from None
    except PermissionError:
        raise MockintError(f"{path}: permission denied") from None
    except UnicodeDecodeError as exc:
        raise MockintError(not_utf8(str(path), exc.object, exc.start)) from None
    except OSError as exc:
        raise MockintError(f"{path}: cannot read ({exc.strerror})") from None


def utf16(data: bytes) -> bool:
    """Starts with a UTF-16 (or UTF-32) byte-order mark: the way Windows editors save "Unicode"."""
    return data[:2] in (b"\xff\xfe", b"\xfe\xff")


def not_utf8(name: str, data: bytes, start: int) -> str:
    """The one-line message for bytes that are not UTF-8; UTF-16 is named, with the fix."""
    if utf16(data):
        return f"{name}: not UTF-8 text but UTF-16; save it as UTF-8 (in most editors: Save as, Encoding: UTF-8)"
    return f"{name}: not UTF-8 text (byte {start})"


_LOADER = None
_KINDS = {"timestamp": "a date", "int": "a whole number", "float": "a number", "bool": "true or false",
          "binary": "base64 data"}


def _strict_loader():
    """The safe loader (the C one when PyYAML has libyaml), refusing what it would let through
    quietly: a key written twice in one mapping (last-wins would silently change the meaning),
    and a value whose constructor fails (``2001-02-30``, ``!!int 12abc``), named with its line
    instead of an unexpected error. Same constructors as ``yaml.safe_load``: no Python objects."""
    global _LOADER
    if _LOADER is not None:
        return _LOADER
    import yaml  # deferred: see the module docstring
    from yaml.constructor import ConstructorError  # deferred: see the module docstring

    base = yaml.CSafeLoader if getattr(yaml, "__with_libyaml__", False) else yaml.SafeLoader

    class StrictSafeLoader(base):  # type: ignore[misc, valid-type]
        def construct_mapping(self, node, deep=False):
            seen: dict[Any, int] = {}
            for key_node, _ in node.value:
                if isinstance(key_node, yaml.ScalarNode) and key_node.tag != "tag:yaml.org,2002:merge":
                    key = key_node.value
                    if key in seen:
                        raise ConstructorError(None, None, f"the key '{key}' appears twice (first on line "
                                               f"{seen[key] + 1}); keep one", key_node.start_mark)
                    seen[key] = key_node.start_mark.line
            return super().construct_mapping(node, deep)

        def construct_object(self, node, deep=False):
            try:
                return super().construct_object(node, deep)
            except yaml.YAMLError:
                raise
            except (ValueError, TypeError, KeyError, IndexError, OverflowError):
                shown = node.value if isinstance(node.value, str) else node.tag
                shown = shown if len(shown) <= 40 else shown[:37] + "..."
                kind = _KINDS.get(node.tag.rsplit(":", 1)[-1], "the type its tag names")
                raise ConstructorError(None, None, f"the value '{shown}' cannot be read as {kind}; "
                                       f"quote it to keep it as text", node.start_mark) from None

    _LOADER = StrictSafeLoader
    return _LOADER


def safe_load(text: str) -> Any:
    import yaml  # deferred: see the module docstring

    return yaml.load(text, Loader=_strict_loader())  # safe constructors only; see _strict_loader


MAX_DATA_BYTES = 5 * 1024 * 1024     # a bank or rubric is ~60 KB; anything this big is a mistake


def _refuse_special(name: str, mode: int) -> None:
    """A FIFO, socket or device is refused before it is opened (reading a FIFO waits forever);
    /dev/null and /dev/zero-like character devices too, except standard input's own."""
    if stat.S_ISFIFO(mode) or stat.S_ISSOCK(mode) or stat.S_ISCHR(mode) or stat.S_ISBLK(mode):
        kind = ("a FIFO (named pipe)" if stat.S_ISFIFO(mode) else "a socket" if stat.S_ISSOCK(mode)
                else "a device")
        raise MockintError(f"{name}: {kind}, not a regular file")


def read_bytes(path: Path | str, limit: int, display: str | None = None) -> bytes:
    """Up to ``limit + 1`` bytes of a file (one more than allowed, so the caller can tell it is too
    big); a folder, a missing or unreadable file is one line naming it."""
    name = display or str(path)
    p = Path(path)
    try:
        if p.is_dir():
            raise MockintError(f"{name}: is a directory, not a file")
        try:
            _refuse_special(name, p.stat().st_mode)
        except FileNotFoundError:
            pass                                   # said by open() below
        with open(p, "rb") as fh:
            return fh.read(limit + 1)
    except FileNotFoundError:
        raise MockintError(f"{name}: no such file") from None
    except PermissionError:
        raise MockintError(f"{name}: permission denied") from None
    except OSError as exc:
        raise MockintError(f"{name}: cannot read ({exc.strerror or exc})") from None


def read_input(path: str | None, limit: int, none_given: str, too_big: str) -> tuple[str, str]:
    """(name, text) of a FILE, or of standard input for ``-`` or None: an answer to score, the
    turns of a call. Read no further than ``limit`` bytes; no input on a terminal, a file over the
    limit (``too_big``, after "NAME: "), binary data and non-UTF-8 text are one-line errors."""
    stdin = path is None or path == "-"
    if path is None or path == "-":       # (stdin, spelt out: the type checker sees a str below)
        name = "standard input"
        if sys.stdin is None or sys.stdin.isatty():
            raise MockintError(none_given)
        data = sys.stdin.buffer.read(limit + 1)
    else:
        name = str(path)
        data = read_bytes(path, limit)
    if b"\x00" in data and not utf16(data):
        raise MockintError(f"{name}: binary data, not text")
    if len(data) > limit:
        raise MockintError(f"{name}: {too_big}")
    try:
        return name, data.decode("utf-8-sig")
    except UnicodeDecodeError as exc:
        msg = not_utf8(name, data, exc.start)
        raise MockintError(msg.replace(f"{name}: not", f"{name} is not", 1) if stdin else msg) from None


def read_data(path: Path | str, display: str | None = None, max_bytes: int = MAX_DATA_BYTES,
              what: str = "YAML text") -> str:
    """The text of a data file (bank, rubric, transcript; ``what`` names its kind in messages),
    refusing early and in one line what cannot be one: a folder, a file over ``max_bytes``, binary
    data, non-UTF-8 text. A UTF-8 byte-order mark is dropped. The first 64 KB are looked at before
    the rest is read, so a device such as /dev/zero is refused at once."""
    path = Path(path)
    name = display or str(path)
    try:
        st = path.stat()
        size = st.st_size
    except FileNotFoundError:
        raise MockintError(f"{name}: no such file") from None
    except OSError as exc:
        raise MockintError(f"{name}: cannot read ({exc.strerror})") from None
    if path.is_dir():
        raise MockintError(f"{name}: is a directory, not a file")
    _refuse_special(name, st.st_mode)
    if size > max_bytes:
        raise MockintError(f"{name}: the file is {size / 1024 / 1024:.1f} MB; mockint reads data files "
                           f"of up to {max_bytes // 1024 // 1024} MB")
    try:
        with open(path, "rb") as fh:
            data = fh.read(min(65536, max_bytes + 1))
            _refuse_binary(name, data, what)
            if len(data) <= max_bytes:
                data += fh.read(max_bytes + 1 - len(data))
    except PermissionError:
        raise MockintError(f"{name}: permission denied") from None
    except OSError as exc:
        raise MockintError(f"{name}: cannot read ({exc.strerror})") from None
    if len(data) > max_bytes:     # grew while we looked, or not a regular file
        raise MockintError(f"{name}: the file is over {max_bytes // 1024 // 1024} MB; mockint reads "
                           f"data files of up to {max_bytes // 1024 // 1024} MB")
    _refuse_binary(name, data, what)
    try:
        return data.decode("utf-8").removeprefix("\ufeff")
    except UnicodeDecodeError as exc:
        raise MockintError(not_utf8(name, data, exc.start)) from None


def _refuse_binary(name: str, data: bytes, what: str) -> None:
    if utf16(data):
        raise MockintError(not_utf8(name, data, 0))
    if b"\x00" in data:
        raise MockintError(f"{name}: a binary file, not {what}")


_INDENT = ("did not find expected key", "expected <block end>", "did not find expected '-' indicator")


def _char_at(text: str, mark) -> str:
    try:
        return text.splitlines()[mark.line][mark.column]
    except (IndexError, AttributeError, TypeError):
        return ""


def _yaml_problem(exc, text: str = "") -> str:
    """PyYAML's problem, in words a person editing the file can act on (the same with or without
    libyaml, whose wording differs)."""
    problem = (exc.problem or exc.context or "").strip()
    if exc.problem_mark is not None and _char_at(text, exc.problem_mark) == "\t":
        return "malformed YAML: a tab character; indent with spaces only"
    if "could not determine a constructor for the tag" in problem:
        m = re.search(r"the tag '([^']*)'", problem)
        tag = (m.group(1) if m else "?").replace("tag:yaml.org,2002:", "!!")
        if tag.startswith("!!python/"):
            return (f"refused the tag '{tag}': mockint reads plain YAML only and never runs code or "
                    f"builds objects from a data file")
        return f"unknown tag '{tag}': mockint reads plain YAML only (strings, numbers, lists, mappings)"
    if "maximum nesting depth" in problem:
        return "malformed YAML: nested too deeply"
    if "tab character" in problem or "'\\t'" in problem:
        return "malformed YAML: a tab character; indent with spaces only"
    if any(problem.startswith(p) for p in _INDENT):
        return "malformed YAML: the indentation does not line up with the lines above"
    if "expected node content" in problem or "expected the node content" in problem:
        return "malformed YAML: a value is missing here (check the brackets and quotes)"
    for close in ("]", "}"):
        if f"expected ',' or '{close}'" in problem:
            return f"malformed YAML: a '{'[' if close == ']' else '{'}' that is never closed with '{close}'"
    if "quoted scalar" in (exc.context or "") and "end of stream" in problem:
        return "malformed YAML: a quote that is never closed"
    if problem.startswith("mapping values are not allowed"):
        return ("malformed YAML: a 'key: value' where none can be; check the indentation, and quote "
                "text that contains ': '")
    return f"malformed YAML: {problem or 'cannot be read'}"


def load_yaml(text: str, name: str) -> Any:
    import yaml  # deferred: see the module docstring

    try:
        data = safe_load(text)
    except yaml.MarkedYAMLError as exc:
        mark = exc.problem_mark or exc.context_mark
        line = mark.line + 1 if mark else None
        col = mark.column + 1 if mark else None
        raise DataError(name, line, "", _yaml_problem(exc, text), col=col) from None
    except yaml.YAMLError as exc:
        raise DataError(name, None, "", f"malformed YAML: {exc}") from None
    except RecursionError:                  # the pure-Python parser on very deep nesting
        raise DataError(name, None, "", "malformed YAML: nested too deeply") from None
    if "&" in text and "*" in text:         # anchors and aliases: refuse a bomb before anything walks it
        _check_aliases(data, text, name)
    if not shallow(data):                   # libyaml reads any depth; what walks the data later would not
        raise DataError(name, None, "", "malformed YAML: nested too deeply")
    return data


MAX_ALIAS_GROWTH = 100_000   # values that aliases may add to a document once expanded


def _check_aliases(data: Any, text: str, name: str) -> None:
    """Refuses a document whose aliases (``*name``) refer to an enclosing node (a cycle) or expand
    it by more than ``MAX_ALIAS_GROWTH`` values (a "billion laughs" bomb: a few lines that stand
    for billions of values, which would hang whatever walks them). Shared nodes are visited once."""
    sizes: dict[int, int] = {}         # id -> size once expanded (containers only)
    unique = 0                         # values as written
    state: dict[int, int] = {}         # id -> 1 on the current path, 2 done
    stack: list[tuple[Any, bool]] = [(data, False)]
    while stack:
        node, done = stack.pop()
        i = id(node)
        kids = list(node.values()) if isinstance(node, dict) else node
        if done:
            state[i] = 2
            sizes[i] = 1 + sum(sizes[id(k)] if isinstance(k, (dict, list)) else 1 for k in kids)
            unique += 1 + sum(1 for k in kids if not isinstance(k, (dict, list)))
            if sizes[i] - unique > MAX_ALIAS_GROWTH:
                _alias_error(text, name, f"aliases (*name, ...) expand it to over {MAX_ALIAS_GROWTH:,} more "
                             f"values (a YAML bomb?); mockint reads plain YAML only")
            continue
        if state.get(i) == 2:
            continue
        if state.get(i) == 1:
            _alias_error(text, name, "an alias (*name) refers to a list or mapping that contains it; "
                         "mockint reads plain YAML only, without cycles")
        state[i] = 1
        stack.append((node, True))
        stack.extend((k, False) for k in kids if isinstance(k, (dict, list)))


def _alias_error(text: str, name: str, message: str) -> NoReturn:
    line = col = None
    anchors = set(re.findall(r"&([^\s,\[\]{}]+)", text))
    for m in re.finditer(r"\*([^\s,\[\]{}]+)", text):
        if m.group(1) in anchors:
            line = text.count("\n", 0, m.start()) + 1
            col = m.start() - (text.rfind("\n", 0, m.start()) + 1) + 1
            message = message.replace("*name", f"*{m.group(1)}", 1)
            break
    raise DataError(name, line, "", message, col=col)


_CACHE_KIND = "yaml-2"           # 1: JSON; 2: the parsed document as it is (marshal, through data.cache)


def load_yaml_cached(text: str, name: str) -> Any:
    """``load_yaml`` with a parse cache for banks and rubrics.

    The parsed document is kept in the disk cache (:mod:`mockint.core.data.cache`) under a key
    made from the file's text, so an edited file is parsed again and a stale entry can never be
    used. It spares ~10 ms of YAML parsing per file on every start of ``mockint score``. Anything
    that goes wrong with the cache (read-only home, a damaged entry) falls back to parsing: results
    are the same. A document the cache cannot keep (a date) is parsed every time. Validation always
    runs on the loaded document."""
    entry = cache.key(_CACHE_KIND, text)
    got = cache.read(entry)
    if got is not cache.MISS:
        return got
    data = load_yaml(text, name)
    cache.write(entry, data)
    return data


def position_of(text: str, path: tuple[Key, ...], root: Any = None) -> tuple[int | None, int | None]:
    """The 1-based (line, column) of the node at ``path``, or of its nearest parent. ``root``: an
    already composed document (to look up many paths with one parse)."""
    import yaml  # deferred: see the module docstring

    node = root
    if node is None:
        try:
            node = yaml.compose(text, Loader=yaml.SafeLoader)
        except yaml.YAMLError:
            return None, None
    if node is None:
        return None, None
    pos = (node.start_mark.line + 1, node.start_mark.column + 1)
    for key in path:
        if isinstance(node, yaml.MappingNode):
            for k, v in node.value:
                if k.value == key or (isinstance(key, int) and k.value == str(key)):
                    pos, node = (k.start_mark.line + 1, k.start_mark.column + 1), v
                    break
            else:
                return pos
        elif isinstance(node, yaml.SequenceNode) and isinstance(key, int) and key < len(node.value):
            node = node.value[key]
            pos = (node.start_mark.line + 1, node.start_mark.column + 1)
        else:
            return pos
    return pos


def compose(text: str) -> Any:
    """The document's node tree (safe: no construction), or None when it cannot be parsed."""
    import yaml  # deferred: see the module docstring

    try:
        return yaml.compose(text, Loader=yaml.SafeLoader)
    except yaml.YAMLError:
        return None


def dotted(path: tuple[Key, ...]) -> str:
    out = ""
    for key in path:
        out += f"[{key}]" if isinstance(key, int) else (f".{key}" if out else str(key))
    return out
