"""How deep a loaded document nests, found without recursion: PyYAML with libyaml reads any depth,
and the code that walks the data afterwards (validation, the cache's marshal) would not."""

from __future__ import annotations

from typing import Any

MAX_DEPTH = 100     # a bank or rubric nests 6-8 levels; a transcript 3


def shallow(data: Any, limit: int = MAX_DEPTH) -> bool:
    """Whether no list or mapping lies deeper than ``limit`` (each shared node walked once)."""
    stack, seen = [(data, 1)], set()
    while stack:
        node, depth = stack.pop()
        if isinstance(node, (dict, list)) and id(node) not in seen:
            if depth > limit:
                return False
            seen.add(id(node))
            stack.extend((v, depth + 1) for v in (node.values() if isinstance(node, dict) else node))
    return True
