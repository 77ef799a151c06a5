"""Code a newcomer can read (issue 17, item 5): no function in mockint/ over 60 lines, no module over
400. A function is counted from its ``def`` line to the end of its body (decorators left out),
nested functions and methods each on their own; a module by its lines."""

from __future__ import annotations

import ast
from pathlib import Path

ROOT = Path(__file__).resolve().parents[2]
PACKAGE = ROOT / "mockint"
MAX_FUNCTION_LINES = 60
MAX_MODULE_LINES = 400


def too_long(source: str, name: str) -> list[str]:
    """Every function of ``source`` (the module ``name``) over ``MAX_FUNCTION_LINES``, and the
    module itself when it is over ``MAX_MODULE_LINES``: one line each, naming file, function
    and length."""
    out = []
    lines = len(source.splitlines())
    if lines > MAX_MODULE_LINES:
        out.append(f"{name}: {lines} lines (a module has at most {MAX_MODULE_LINES})")
    for node in ast.walk(ast.parse(source, filename=name)):
        if isinstance(node, (ast.FunctionDef, ast.AsyncFunctionDef)):
            length = (node.end_lineno or node.lineno) - node.lineno + 1
            if length > MAX_FUNCTION_LINES:
                out.append(f"{name}:{node.lineno}: {node.name}() is {length} lines "
                           f"(a function has at most {MAX_FUNCTION_LINES})")
    return out


def test_no_function_or_module_too_long():
    files = sorted(PACKAGE.rglob("*.py"))
    assert files, f"no Python files under {PACKAGE}"
    problems = [p for f in files for p in too_long(f.read_text(encoding="utf-8"), str(f.relative_to(ROOT)))]
    assert not problems, "split these (issue 17):\n" + "\n".join(problems)


def test_the_check_finds_a_long_function_and_a_long_module():
    body = "".join(f"    x{i} = {i}\n" for i in range(MAX_FUNCTION_LINES))      # def + 60 = 61 lines
    source = "@decorated\ndef long_one():\n" + body + "\n\ndef short_one():\n    return 1\n"
    assert too_long(source, "m.py") == ["m.py:2: long_one() is 61 lines (a function has at most 60)"]
    assert too_long("x = 1\n" * (MAX_MODULE_LINES + 1), "big.py") == [
        f"big.py: {MAX_MODULE_LINES + 1} lines (a module has at most {MAX_MODULE_LINES})"]
    assert too_long("x = 1\n" * MAX_MODULE_LINES, "ok.py") == []
