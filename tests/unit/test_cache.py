"""Issue 16: the cache is bounded, pruned, private, and never leaves temporary files."""

from __future__ import annotations

import os
import time

from mockint.core.data import paths, yamlfile
from tests.conftest import run_cli


def folder():
    return paths.home() / "cache"


def test_entries_are_private_and_a_failed_write_leaves_no_temporary_file(monkeypatch):
    yamlfile.write_cache("a.json", "{}")
    assert (os.stat(folder() / "a.json").st_mode & 0o777) == 0o600

    def fail(*a, **kw):
        raise OSError(28, "No space left on device")

    monkeypatch.setattr(os, "replace", fail)
    yamlfile.write_cache("b.json", "{}")                 # ignored: a cache is only faster
    assert sorted(p.name for p in folder().iterdir()) == ["a.json"]


def test_the_cache_is_pruned_to_its_bounds_oldest_first(monkeypatch):
    monkeypatch.setattr(yamlfile, "CACHE_MAX_ENTRIES", 3)
    for i in range(5):
        yamlfile.write_cache(f"e{i}.json", "x")
        os.utime(folder() / f"e{i}.json", (time.time() - 100 + i, time.time() - 100 + i))
    yamlfile.write_cache("last.json", "x")
    assert sorted(p.name for p in folder().iterdir()) == ["e3.json", "e4.json", "last.json"]
    monkeypatch.setattr(yamlfile, "CACHE_MAX_ENTRIES", 32)
    monkeypatch.setattr(yamlfile, "CACHE_MAX_BYTES", 10)
    yamlfile.write_cache("big.json", "y" * 10)
    assert sorted(p.name for p in folder().iterdir()) == ["big.json"]


def test_stale_temporary_files_of_gone_writers_are_removed():
    yamlfile.write_cache("a.json", "{}")
    stale, fresh = folder() / "x.123.tmp", folder() / "y.456.tmp"
    stale.write_text("partial")
    fresh.write_text("being written")
    os.utime(stale, (time.time() - 7200, time.time() - 7200))
    assert yamlfile.prune_cache(folder()) == ["x.123.tmp"]
    assert fresh.exists()


def test_mockint_no_cache_reads_and_writes_nothing():
    p = run_cli("score", "--question", "why-sales", input="I sold software for two years.",
                env={"MOCKINT_NO_CACHE": "1"})
    assert p.returncode == 0 and not folder().exists()
    p = run_cli("score", "--question", "why-sales", input="I sold software for two years.")
    assert p.returncode == 0 and len(list(folder().iterdir())) >= 3
