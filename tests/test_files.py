"""Atomic, private file writes (reports, exports, question files)."""

from __future__ import annotations

import os
import stat

import pytest

from mockint.core.errors import MockintError
from mockint.core.files import write_atomic


def test_writes_a_private_file_and_replaces_it(tmp_path):
    target = tmp_path / "out.json"
    write_atomic(target, "one")
    write_atomic(target, "two")
    assert target.read_text() == "two"
    assert stat.S_IMODE(os.stat(target).st_mode) == 0o600
    assert [p.name for p in tmp_path.iterdir()] == ["out.json"]      # no temporary file left


def test_never_replaces_without_permission(tmp_path):
    target = tmp_path / "q.yaml"
    target.write_text("mine")
    with pytest.raises(MockintError, match="already exists; --force replaces it"):
        write_atomic(target, "new", replace=False)
    assert target.read_text() == "mine"


@pytest.mark.parametrize("make_folder", [False, True])
def test_missing_folder(tmp_path, make_folder):
    target = tmp_path / "sub" / "f.txt"
    if make_folder:
        write_atomic(target, "x", make_folder=True)
        assert target.read_text() == "x"
    else:
        with pytest.raises(MockintError, match="the folder .* does not exist"):
            write_atomic(target, "x")


def test_a_folder_is_not_a_file(tmp_path):
    with pytest.raises(MockintError, match="it is a folder"):
        write_atomic(tmp_path, "x")
