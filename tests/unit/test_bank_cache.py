"""The cache of the validated built-in bank: the same bank, never stale, never required."""

from __future__ import annotations

import os
import shutil
from pathlib import Path

import pytest

from mockint.core.bank import loader
from mockint.core.data import cache, resources
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
    return sorted((home() / "cache").glob("bank-*"))


@pytest.mark.parametrize("lang", ["en", "ro"])
def test_the_cached_bank_is_the_bank(lang, monkeypatch):
    first = loader.bank(lang)
    assert [e.name for e in entries()] == [loader._bank_key(resources.bank_dir() / f"{lang}.yaml")]
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
    assert loader._bank_key(p) == key                    # the guide's text is the key, not its time
    guide.write_text(guide.read_text(encoding="utf-8") + "# edited\n", encoding="utf-8")
    assert loader._bank_key(p) != key
    key = loader._bank_key(p)
    code = Path(loader.__file__)
    monkeypatch.setattr(loader, "__file__", str(tmp_path / "core" / "bank" / "loader.py"))
    shutil.copytree(code.parent.parent, tmp_path / "core", ignore=shutil.ignore_patterns("__pycache__"))  # times kept
    assert loader._bank_key(p) == key
    edited = tmp_path / "core" / "questions" / "bank.py"
    os.utime(edited, ns=(edited.stat().st_atime_ns, edited.stat().st_mtime_ns + 1_000_000_000))
    assert loader._bank_key(p) != key                    # the code that reads it, edited
    monkeypatch.setattr(loader, "_BANK_CODE", loader._BANK_CODE + ("no-such-file.py",))
    assert loader._bank_key(p) is None                   # cannot tell: no cache at all


@pytest.mark.parametrize("damage", [b"", b"\x00garbage", None])
def test_a_damaged_or_foreign_entry_is_ignored(damage):
    first = loader.bank("en")
    (entry,) = entries()
    if damage is None:                                   # a whole entry, but not a bank
        cache.write(entry.name, {"not": "a bank"})
    else:
        entry.write_bytes(damage)
    loader._clear()
    assert loader.bank("en") == first
    loader._clear()
    assert loader._cached_bank(loader._bank_key(resources.bank_dir() / "en.yaml")) == first   # rewritten


def test_no_cache_when_it_cannot_be_written():
    (home() / "cache").write_text("a file where the cache folder would be")
    assert loader.bank("en") == parsed("en")
    assert (home() / "cache").is_file()


def test_only_bank_objects_are_encoded():
    with pytest.raises(TypeError):
        loader._encode(object())
    assert loader._encode({"a": [1, ("x", 2)]}) == (False, {"a": [1, ("x", 2)]})
