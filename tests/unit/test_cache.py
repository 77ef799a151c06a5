"""The disk cache (mockint.core.data.cache): keyed by content, mockint and Python; private; never
half-written; a damaged entry is a miss; pruned by age and size; off with MOCKINT_NO_CACHE=1."""

from __future__ import annotations

import datetime
import os
import subprocess
import sys
import threading
import time

import pytest

import mockint
from mockint.core.data import cache, paths
from tests.conftest import ROOT, run_cli


def folder():
    return paths.home() / "cache"


def names() -> list[str]:
    return sorted(p.name for p in folder().iterdir() if p.name != ".pruned")


VALUE = {"lang": "en", 6: 90, "items": ["a", ("b", 2)], "set": {"x", "y"}, "f": 1.5, "none": None, "t": True}


# -- the key ---------------------------------------------------------------------------------------

def test_the_key_follows_the_content_the_kind_mockint_and_python(monkeypatch):
    k = cache.key("yaml-2", "lang: en\n")
    assert k.startswith("yaml-2-") and len(k) == len("yaml-2-") + 32
    assert cache.key("yaml-2", "lang: en\n") == k == cache.key("yaml-2", b"lang: en\n")
    others = {cache.key("yaml-2", "lang: ro\n"), cache.key("yaml-3", "lang: en\n"),
              cache.key("yaml-2", "lang: en\n", ""), cache.key("yaml-2", "lang: ", "en\n")}
    assert k not in others and len(others) == 4          # parts are not run together
    monkeypatch.setattr(mockint, "__version__", "99.0.0")
    assert cache.key("yaml-2", "lang: en\n") != k         # another mockint
    monkeypatch.undo()
    assert cache.key("yaml-2", "lang: en\n") == k
    monkeypatch.setattr(sys, "version", sys.version + " (another build)")
    assert cache.key("yaml-2", "lang: en\n") != k         # another Python


def test_any_text_can_be_a_key():
    for text in ("", "ăîșț ş ţ 🙂", "\udcff"):
        assert cache.key("k", text) != cache.key("k", text + " ")


# -- reading and writing ---------------------------------------------------------------------------

def test_a_value_is_read_back_as_written():
    name = cache.key("t", "value")
    assert cache.read(name) is cache.MISS
    assert cache.write(name, VALUE)
    got = cache.read(name)
    assert got == VALUE and got is not VALUE
    assert [type(v) for v in got.values()] == [type(v) for v in VALUE.values()]


def test_entries_are_private_and_a_failed_write_leaves_no_temporary_file(monkeypatch):
    a, b = cache.key("t", "a"), cache.key("t", "b")
    cache.write(a, {})
    assert (os.stat(folder() / a).st_mode & 0o777) == 0o600
    assert (os.stat(folder()).st_mode & 0o777) == 0o700

    def fail(*a, **kw):
        raise OSError(28, "No space left on device")

    monkeypatch.setattr(os, "replace", fail)
    assert not cache.write(b, {})                          # ignored: a cache is only faster
    assert names() == [a]


def test_a_value_the_cache_cannot_keep_is_not_written():
    assert not cache.write(cache.key("t", "date"), {"when": datetime.date(2024, 1, 2)})
    assert not folder().exists() or names() == []


@pytest.mark.parametrize("damage", ["empty", "truncated", "flipped", "garbage", "older format"])
def test_a_damaged_entry_is_a_miss_and_is_written_again(damage):
    name = cache.key("t", "damaged")
    cache.write(name, VALUE)
    entry = folder() / name
    raw = entry.read_bytes()
    entry.write_bytes({"empty": b"", "truncated": raw[:-7], "flipped": raw[:-3] + bytes([raw[-3] ^ 1]) + raw[-2:],
                       "garbage": b"\x00garbage" * 10, "older format": b'{"lang": "en"}'}[damage])
    assert cache.read(name) is cache.MISS
    assert cache.write(name, VALUE) and cache.read(name) == VALUE


def test_an_entry_is_never_read_or_written_through_a_link(tmp_path):
    outside = cache.key("t", "outside")
    cache.write(outside, "elsewhere")
    (tmp_path / "target").write_bytes((folder() / outside).read_bytes())
    name = cache.key("t", "link")
    (folder() / name).symlink_to(tmp_path / "target")
    assert cache.read(name) is cache.MISS
    assert cache.write(name, "mine") and cache.read(name) == "mine"
    assert not (folder() / name).is_symlink() and cache.read(outside) == "elsewhere"
    assert (tmp_path / "target").read_bytes() == (folder() / outside).read_bytes()     # untouched


def test_an_unusable_home_is_no_cache(monkeypatch, tmp_path):
    blocker = tmp_path / "file"
    blocker.write_text("x")
    monkeypatch.setenv("MOCKINT_HOME", str(blocker / "sub"))
    assert not cache.write(cache.key("t", "x"), 1)
    assert cache.read(cache.key("t", "x")) is cache.MISS


def test_mockint_no_cache_turns_everything_off(monkeypatch):
    name = cache.key("t", "off")
    monkeypatch.setenv("MOCKINT_NO_CACHE", "1")
    assert not cache.write(name, VALUE) and not folder().exists()
    monkeypatch.setenv("MOCKINT_NO_CACHE", "0")            # 0 or empty: on
    assert cache.write(name, VALUE) and cache.read(name) == VALUE
    monkeypatch.setenv("MOCKINT_NO_CACHE", "1")
    assert cache.read(name) is cache.MISS                 # an entry there is not read either


def test_mockint_no_cache_reads_and_writes_nothing():
    p = run_cli("score", "--question", "why-sales", input="I sold software for two years.",
                env={"MOCKINT_NO_CACHE": "1"})
    assert p.returncode == 0 and not folder().exists()
    p = run_cli("score", "--question", "why-sales", input="I sold software for two years.")
    assert p.returncode == 0 and len(names()) >= 3


# -- writers at once -------------------------------------------------------------------------------

def test_writers_at_once_never_leave_half_an_entry():
    """Threads writing one entry with different values while another reads it: every read is a
    miss (before the first write) or one whole value; no temporary file is left."""
    name = cache.key("t", "race")
    values = [list(range(i, i + 50_000)) for i in range(4)]
    seen, done = [], threading.Event()

    def writer(v):
        for _ in range(15):
            assert cache.write(name, v)

    def reader():
        while not done.is_set():
            seen.append(cache.read(name))

    r = threading.Thread(target=reader)
    r.start()
    ws = [threading.Thread(target=writer, args=(v,)) for v in values]
    for w in ws:
        w.start()
    for w in ws:
        w.join()
    done.set()
    r.join()
    assert seen and all(s is cache.MISS or s in values for s in seen)
    assert cache.read(name) in values and names() == [name]


def test_processes_writing_at_once_leave_one_whole_entry():
    name = cache.key("t", "processes")
    code = ("import sys; from mockint.core.data import cache\n"
            "for _ in range(40): assert cache.write(sys.argv[1], [int(sys.argv[2])] * 200_000)\n")
    env = dict(os.environ, PYTHONPATH=str(ROOT))
    procs = [subprocess.Popen([sys.executable, "-c", code, name, str(i)], env=env) for i in range(3)]
    reads = []
    while any(p.poll() is None for p in procs):
        reads.append(cache.read(name))
    assert [p.wait() for p in procs] == [0, 0, 0]
    whole = [[i] * 200_000 for i in range(3)]
    assert all(r is cache.MISS or r in whole for r in reads)
    assert cache.read(name) in whole and names() == [name]


# -- pruning ---------------------------------------------------------------------------------------

def aged(name: str, days: float) -> None:
    t = time.time() - days * 86400
    os.utime(folder() / name, (t, t))


def test_entries_unused_for_a_month_and_files_of_older_formats_are_pruned():
    old, recent = cache.key("t", "old"), cache.key("t", "recent")
    cache.write(old, 1)
    cache.write(recent, 2)
    aged(old, cache.MAX_AGE_DAYS + 1)
    aged(recent, cache.MAX_AGE_DAYS - 1)
    (folder() / "yaml-1-0123456789abcdef0123456789abcdef01234567.json").write_text("{}")   # cache 1
    (folder() / "bank-1-en.marshal").write_bytes(b"")
    assert sorted(cache.prune()) == sorted([old, "bank-1-en.marshal",
                                            "yaml-1-0123456789abcdef0123456789abcdef01234567.json"])
    assert names() == [recent]


def test_the_cache_is_pruned_to_its_size_least_recently_used_first(monkeypatch):
    made = [cache.key("t", str(i)) for i in range(5)]
    for i, name in enumerate(made):
        cache.write(name, "x" * 1000)
        aged(name, 5 - i)                                  # made[4] used last
    size = (folder() / made[0]).stat().st_size
    monkeypatch.setattr(cache, "MAX_BYTES", 3 * size)
    assert sorted(cache.prune()) == sorted(made[:2])
    assert names() == sorted(made[2:])


def test_stale_temporary_files_of_gone_writers_are_removed():
    cache.write(cache.key("t", "a"), {})
    stale, fresh = folder() / "x.123.tmp", folder() / "y.456.tmp"
    stale.write_text("partial")
    fresh.write_text("being written")
    os.utime(stale, (time.time() - 7200, time.time() - 7200))
    assert cache.prune() == ["x.123.tmp"]
    assert fresh.exists()


def test_a_read_marks_an_entry_used_at_most_once_a_day():
    name = cache.key("t", "used")
    cache.write(name, 1)
    aged(name, 0.5)
    before = (folder() / name).stat().st_mtime
    assert cache.read(name) == 1 and (folder() / name).stat().st_mtime == before    # recent enough
    aged(name, cache.MAX_AGE_DAYS - 1)
    assert cache.read(name) == 1
    assert time.time() - (folder() / name).stat().st_mtime < 60
    assert cache.prune() == [] and names() == [name]


def test_a_write_prunes_once_a_day_or_after_many_writes(monkeypatch):
    first = cache.key("t", "first")
    cache.write(first, 1)                                  # the first write prunes: the marker says when
    assert (folder() / ".pruned").exists()
    aged(first, cache.MAX_AGE_DAYS + 1)
    cache.write(cache.key("t", "second"), 2)
    assert first in names()                                # pruned less than a day ago: not yet
    marker = folder() / ".pruned"
    marker.write_text(f"{time.time() - cache.PRUNE_EVERY - 60:.0f}\n")
    cache.write(cache.key("t", "third"), 3)
    assert first not in names()                            # a day later: pruned
    monkeypatch.setattr(cache, "PRUNE_AFTER_WRITES", 3)
    aged(cache.key("t", "second"), cache.MAX_AGE_DAYS + 1)
    cache.write(cache.key("t", "4"), 4)
    cache.write(cache.key("t", "5"), 5)
    assert cache.key("t", "second") in names()
    cache.write(cache.key("t", "6"), 6)                    # the third write since: pruned
    assert cache.key("t", "second") not in names()
