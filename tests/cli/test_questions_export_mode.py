"""``mockint questions export -o FILE``: a question file is meant to be shared, so it is written
with the user's usual mode (0o666 less the umask), as ``report -o`` is; ``mockint export`` of the
whole history stays private (0o600)."""

from __future__ import annotations

import os
import stat

from conftest import run_main


def test_a_question_export_has_the_users_usual_mode_and_the_history_export_stays_private(tmp_path):
    """A first-time user's export of questions to share came out 0o600 (readable only by them)."""
    folder = tmp_path / "out"
    folder.mkdir()
    mask = os.umask(0o022)
    try:
        out = folder / "hard.yaml"
        p = run_main("questions", "export", "--lang", "en", "--tag", "hard", "-o", str(out))
        assert p.returncode == 0, p.stderr
        assert stat.S_IMODE(out.stat().st_mode) == 0o644
        os.umask(0o007)
        again = folder / "ro.yaml"
        assert run_main("questions", "export", "--lang", "ro", "--id", "why-sales", "-o", str(again)).returncode == 0
        assert stat.S_IMODE(again.stat().st_mode) == 0o660
        assert run_main("questions", "export", "--lang", "en", "--tag", "hard", "-o", str(out),
                        "--force").returncode == 0
        assert stat.S_IMODE(out.stat().st_mode) == 0o660              # replaced: the umask of now
        history = folder / "all.json"
        assert run_main("export", "-o", str(history)).returncode == 0
        assert stat.S_IMODE(history.stat().st_mode) == 0o600          # the history: private
    finally:
        os.umask(mask)
    assert os.umask(mask) == mask
    assert sorted(os.listdir(folder)) == ["all.json", "hard.yaml", "ro.yaml"]     # no temp file left
