"""Reading YAML safely, with line numbers for error messages.

``safe_load`` below is the only way mockint reads YAML. It is ``yaml.safe_load``; when PyYAML
was built with libyaml it uses ``yaml.CSafeLoader``, the C build of the very same safe loader
(same constructors, no Python objects), because the pure-Python parser takes ~90 ms per bank
against ~9 ms, which alone would blow the 100 ms cold-start budget of ``mockint score``.
When validation fails, the document is composed (again safely, no construction) to find the line
of the offending key.
"""

from __future__ import annotations

from pathlib import Path
from typing import Any

from mockint.core.errors import DataError, MockintError

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
        raise MockintError(f"{path}: not UTF-8 text (byte {exc.start})") from None
    except OSError as exc:
        raise MockintError(f"{path}: cannot read ({exc.strerror})") from None


def safe_load(text: str) -> Any:
    import yaml  # ~9 ms: imported only when a file is really parsed (not on a cache hit)

    if getattr(yaml, "__with_libyaml__", False):
        return yaml.load(text, Loader=yaml.CSafeLoader)  # the C SafeLoader; see the module docstring
    return yaml.safe_load(text)


def load_yaml(text: str, name: str) -> Any:
    import yaml

    try:
        return safe_load(text)
    except yaml.MarkedYAMLError as exc:
        mark = exc.problem_mark or exc.context_mark
        line = mark.line + 1 if mark else None
        problem = (exc.problem or exc.context or "malformed YAML").strip()
        raise DataError(name, line, "", f"malformed YAML: {problem}") from None
    except yaml.YAMLError as exc:
        raise DataError(name, None, "", f"malformed YAML: {exc}") from None


_CACHE_FORMAT = 1


def load_yaml_cached(text: str, name: str) -> Any:
    """``load_yaml`` with a parse cache for banks and rubrics.

    The parsed document is kept as JSON in ``<mockint home>/cache/``, named by a hash of the
    file's text, so an edited file is parsed again and a stale entry can never be used. It spares
    ~10 ms of YAML parsing per file on every start of ``mockint score``. Anything that goes wrong
    with the cache (read-only home, a damaged entry) falls back to parsing: results are the same.
    Validation always runs on the loaded document."""
    import hashlib
    import json
    import os

    digest = hashlib.sha1(text.encode("utf-8", "surrogatepass")).hexdigest()
    try:
        from mockint.core.paths import home
        folder = home() / "cache"
        entry = folder / f"yaml-{_CACHE_FORMAT}-{digest}.json"
        with open(entry, encoding="utf-8") as fh:
            return _decode(json.load(fh))
    except Exception:
        pass
    data = load_yaml(text, name)
    try:
        encoded = json.dumps(_encode(data), ensure_ascii=False)
        folder.mkdir(mode=0o700, exist_ok=True)
        tmp = entry.with_suffix(f".{os.getpid()}.tmp")
        tmp.write_text(encoded, encoding="utf-8")
        os.replace(tmp, entry)
    except Exception:
        pass
    return data


def _encode(value: Any) -> Any:
    """JSON keeps only string keys and no dates: mark what needs it, refuse what cannot be kept."""
    if isinstance(value, dict):
        if all(isinstance(k, str) for k in value):
            return {k: _encode(v) for k, v in value.items()}
        return {"\x00pairs": [[_encode(k), _encode(v)] for k, v in value.items()]}
    if isinstance(value, list):
        return [_encode(v) for v in value]
    if value is None or isinstance(value, (str, bool, int, float)):
        return value
    raise TypeError(type(value).__name__)   # e.g. a date: not cached, parsed each time


def _decode(value: Any) -> Any:
    if isinstance(value, dict):
        if "\x00pairs" in value:
            return {_decode(k): _decode(v) for k, v in value["\x00pairs"]}
        return {k: _decode(v) for k, v in value.items()}
    if isinstance(value, list):
        return [_decode(v) for v in value]
    return value


def line_of(text: str, path: tuple[Key, ...]) -> int | None:
    """The 1-based line of the node at ``path`` (keys and list indexes), or of its nearest parent."""
    import yaml

    try:
        node = yaml.compose(text, Loader=yaml.SafeLoader)
    except yaml.YAMLError:
        return None
    line = node.start_mark.line + 1 if node is not None else None
    for key in path:
        if isinstance(node, yaml.MappingNode):
            for k, v in node.value:
                if k.value == key:
                    line, node = k.start_mark.line + 1, v
                    break
            else:
                return line
        elif isinstance(node, yaml.SequenceNode) and isinstance(key, int) and key < len(node.value):
            node = node.value[key]
            line = node.start_mark.line + 1
        else:
            return line
    return line


def dotted(path: tuple[Key, ...]) -> str:
    out = ""
    for key in path:
        out += f"[{key}]" if isinstance(key, int) else (f".{key}" if out else str(key))
    return out
