"""The cache of the validated built-in bank: the same bank, never stale, never required."""

from __future__ import annotations

import os
import shutil

import pytest

from mockint.core.bank import loader
from mockint.core.data import resources
from mockint.core.data.paths import home
from mockint.core.questions.bank import load_bank
from mockint.core.questions.guide import fact_ids


def parsed(lang: str):
    p = resources.bank_dir() / f"{lang}.yaml"
    return load_bank(p, fact_ids(), display=resources.display(p))


@pytest.fixture(autouse=True)
def _fresh():
    loader._clear()
    yield
    loader._clear()


def entries():
    return sorted((home() / "cache").glob("bank-*.marshal"))


@pytest.mark.parametrize("lang", ["en", "ro"])
def test_the_cached_bank_is_the_bank(lang, monkeypatch):
    first = loader.bank(lang)
    assert [e.name for e in entries()] == [f"bank-{loader._BANK_CACHE_FORMAT}-{lang}.marshal"]
    loader._clear()
    monkeypatch.setattr(loader, "load_bank", lambda *a, **k: pytest.fail("read the file again"))
    second = loader.bank(lang)
    assert second == first == parsed(lang) and second is not first
    assert any(q.examples for q in second.questions) and all(q.talking_points for q in second.questions
                                                             if q.kind != "closing")


@pytest.fixture
def bank_copy(tmp_path, monkeypatch):
    """The built-in banks copied to a folder of their own (to be edited)."""
    folder = tmp_path / "question_bank"
    shutil.copytree(resources.bank_dir(), folder)
    monkeypatch.setattr(resources, "bank_dir", lambda: folder)
    return folder


def test_an_edited_bank_file_is_read_again(bank_copy):
    assert loader.bank("en").get("why-sales").text != "Why sales, really?"
    f = bank_copy / "en.yaml"
    text = f.read_text(encoding="utf-8")
    start = text.index("text:", text.index("id: why-sales"))
    end = text.index("\n", start)
    f.write_text(text[:start] + 'text: "Why sales, really?"' + text[end:], encoding="utf-8")
    os.utime(f, ns=(f.stat().st_atime_ns, f.stat().st_mtime_ns + 1_000_000_000))   # a later edit
    loader._clear()
    assert loader.bank("en").get("why-sales").text == "Why sales, really?"
    loader._clear()
    assert loader.bank("en").get("why-sales").text == "Why sales, really?"          # cached again


def test_a_bad_edit_still_fails_as_before(bank_copy):
    from mockint.core.data.errors import DataError

    loader.bank("en")
    f = bank_copy / "en.yaml"
    f.write_text(f.read_text(encoding="utf-8").replace("min_words: ", "min_words: -", 1), encoding="utf-8")
    os.utime(f, ns=(f.stat().st_atime_ns, f.stat().st_mtime_ns + 1_000_000_000))
    loader._clear()
    with pytest.raises(DataError, match="min_words"):
        loader.bank("en")


def test_the_key_follows_the_guide_and_the_code(bank_copy, tmp_path, monkeypatch):
    p = bank_copy / "en.yaml"
    key = loader._bank_key(p)
    assert loader._bank_key(p) == key
    rubrics = tmp_path / "rubrics"
    shutil.copytree(resources.rubrics_dir(), rubrics)
    monkeypatch.setattr(resources, "rubrics_dir", lambda: rubrics)
    guide = rubrics / "guide.yaml"
    os.utime(guide, ns=(guide.stat().st_atime_ns, guide.stat().st_mtime_ns + 1_000_000_000))
    assert loader._bank_key(p) != key
    monkeypatch.setattr(loader, "_BANK_CODE", loader._BANK_CODE + ("no-such-file.py",))
    assert loader._bank_key(p) is None                   # cannot tell: no cache at all


@pytest.mark.parametrize("damage", [b"", b"\x00garbage", None])
def test_a_damaged_or_foreign_entry_is_ignored(damage):
    first = loader.bank("en")
    (entry,) = entries()
    if damage is None:                                   # another key: e.g. another Python
        import marshal

        key, data = marshal.loads(entry.read_bytes())
        entry.write_bytes(marshal.dumps((key[:-1] + ((0, 0),), data)))
    else:
        entry.write_bytes(damage)
    loader._clear()
    assert loader.bank("en") == first
    loader._clear()
    assert loader._cached_bank("en", loader._bank_key(resources.bank_dir() / "en.yaml")) == first   # rewritten


def test_no_cache_when_it_cannot_be_written():
    (home() / "cache").write_text("a file where the cache folder would be")
    assert loader.bank("en") == parsed("en")
    assert (home() / "cache").is_file()


def test_only_bank_objects_are_encoded():
    with pytest.raises(TypeError):
        loader._encode(object())
    assert loader._encode({"a": [1, ("x", 2)]}) == (False, {"a": [1, ("x", 2)]})
