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

import yaml

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
    if getattr(yaml, "__with_libyaml__", False):
        return yaml.load(text, Loader=yaml.CSafeLoader)  # the C SafeLoader; see the module docstring
    return yaml.safe_load(text)


def load_yaml(text: str, name: str) -> Any:
    try:
        return safe_load(text)
    except yaml.MarkedYAMLError as exc:
        mark = exc.problem_mark or exc.context_mark
        line = mark.line + 1 if mark else None
        problem = (exc.problem or exc.context or "malformed YAML").strip()
        raise DataError(name, line, "", f"malformed YAML: {problem}") from None
    except yaml.YAMLError as exc:
        raise DataError(name, None, "", f"malformed YAML: {exc}") from None


def line_of(text: str, path: tuple[Key, ...]) -> int | None:
    """The 1-based line of the node at ``path`` (keys and list indexes), or of its nearest parent."""
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
