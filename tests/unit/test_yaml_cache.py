"""The bank/rubric parse cache: never stale, never required, same results."""

from __future__ import annotations

import json

from mockint.core.data import yamlfile
from mockint.core.data.paths import home

DOC = "lang: en\nversion: 1\nfuzzy: {6: 90, 8: 88}\nitems: [a, b]\n"


def test_cache_hit_returns_the_same_document():
    first = yamlfile.load_yaml_cached(DOC, "x.yaml")
    entries = list((home() / "cache").glob("yaml-*.json"))
    assert len(entries) == 1
    second = yamlfile.load_yaml_cached(DOC, "x.yaml")
    assert first == second == {"lang": "en", "version": 1, "fuzzy": {6: 90, 8: 88}, "items": ["a", "b"]}


def test_an_edited_file_is_parsed_again():
    yamlfile.load_yaml_cached(DOC, "x.yaml")
    changed = yamlfile.load_yaml_cached(DOC.replace("version: 1", "version: 2"), "x.yaml")
    assert changed["version"] == 2


def test_a_damaged_entry_is_ignored():
    yamlfile.load_yaml_cached(DOC, "x.yaml")
    (entry,) = (home() / "cache").glob("yaml-*.json")
    entry.write_text("{not json", encoding="utf-8")
    assert yamlfile.load_yaml_cached(DOC, "x.yaml")["items"] == ["a", "b"]


def test_no_cache_when_home_is_unusable(monkeypatch, tmp_path):
    blocker = tmp_path / "file"
    blocker.write_text("x")
    monkeypatch.setenv("MOCKINT_HOME", str(blocker / "sub"))
    assert yamlfile.load_yaml_cached(DOC, "x.yaml")["lang"] == "en"


def test_dates_are_not_cached_but_still_load():
    doc = "when: 2024-01-02\n"
    assert str(yamlfile.load_yaml_cached(doc, "d.yaml")["when"]) == "2024-01-02"
    assert not list((home() / "cache").glob("yaml-*.json"))


def test_cached_entries_are_plain_json():
    yamlfile.load_yaml_cached(DOC, "x.yaml")
    (entry,) = (home() / "cache").glob("yaml-*.json")
    data = json.loads(entry.read_text(encoding="utf-8"))
    assert data["lang"] == "en"


def test_cache_names_are_the_sha1_of_the_text():
    import hashlib

    from mockint.core.data.yamlfile import sha1_hex

    for text in ("", "lang: en\n", "ăîșț ş ţ 🙂 \udcff"):
        assert sha1_hex(text) == hashlib.sha1(text.encode("utf-8", "surrogatepass")).hexdigest()
