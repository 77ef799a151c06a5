"""Atomic, private file writes (reports, exports, question files)."""

from __future__ import annotations

import os
import stat

import pytest

from mockint.core.data.errors import MockintError
from mockint.core.data.files import write_atomic


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


def test_a_fifo_in_the_question_folder_is_refused_not_waited_on(tmp_path):
    """Issue 16: a FIFO named x.yaml made score, questions and validate hang forever."""
    import os

    import pytest

    from mockint.core.data.errors import MockintError
    from mockint.core.data.yamlfile import read_bytes, read_data

    fifo = tmp_path / "x.yaml"
    os.mkfifo(fifo)
    with pytest.raises(MockintError, match=r"x.yaml: a FIFO \(named pipe\), not a regular file"):
        read_data(fifo)
    with pytest.raises(MockintError, match="not a regular file"):
        read_bytes(fifo, 100)


def test_a_fifo_among_the_user_s_banks_is_reported_and_the_rest_works():
    import os

    from conftest import run_main

    from mockint.core.data import paths

    folder = paths.home() / "question_bank"
    folder.mkdir(parents=True, exist_ok=True)
    os.mkfifo(folder / "x.yaml")
    p = run_main("validate")
    assert p.returncode == 1 and "x.yaml: a FIFO (named pipe), not a regular file" in p.stdout
    p = run_main("score", "--question", "why-sales", input="I sold software for two years to retailers.")
    assert p.returncode == 0 and "x.yaml" in p.stderr


def test_writing_refuses_links_devices_and_fifos(tmp_path):
    """Issue 16: export/report -o onto a symlink, a FIFO or a device replaced it with a file."""
    import os

    import pytest

    from mockint.core.data.errors import MockintError
    from mockint.core.data.files import write_atomic

    target = tmp_path / "target.txt"
    target.write_text("keep")
    link = tmp_path / "link.json"
    link.symlink_to(target)
    with pytest.raises(MockintError, match="link.json: it is a symbolic link"):
        write_atomic(link, "x")
    assert target.read_text() == "keep" and link.is_symlink()
    fifo = tmp_path / "pipe.json"
    os.mkfifo(fifo)
    with pytest.raises(MockintError, match="not a regular file"):
        write_atomic(fifo, "x")
    with pytest.raises(MockintError, match="/dev/null: it is not a regular file"):
        write_atomic("/dev/null", "x")


def test_a_history_file_that_is_a_symlink_is_refused(tmp_path):
    """Issue 16: a symlink at the history's path was followed (chmod on the target, tables created
    in another program's SQLite file)."""
    import sqlite3

    import pytest

    from mockint.core.data import paths
    from mockint.core.data.errors import MockintError
    from mockint.core.history.store import Store

    other = tmp_path / "other.sqlite3"
    sqlite3.connect(other).execute("CREATE TABLE theirs (x)").connection.close()
    os_mode = other.stat().st_mode
    paths.db_path().parent.mkdir(parents=True, exist_ok=True)
    paths.db_path().symlink_to(other)
    with pytest.raises(MockintError, match="is a symbolic link; mockint does not follow links"):
        Store.open()
    con = sqlite3.connect(other)
    assert [r[0] for r in con.execute("SELECT name FROM sqlite_master")] == ["theirs"]
    assert other.stat().st_mode == os_mode
