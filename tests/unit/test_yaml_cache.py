"""The bank/rubric parse cache: never stale, never required, same results."""

from __future__ import annotations

import pytest

from mockint.core.data import cache, yamlfile
from mockint.core.data.paths import home

DOC = "lang: en\nversion: 1\nfuzzy: {6: 90, 8: 88}\nitems: [a, b]\n"


def test_cache_hit_returns_the_same_document():
    first = yamlfile.load_yaml_cached(DOC, "x.yaml")
    entries = list((home() / "cache").glob("yaml-*"))
    assert len(entries) == 1
    second = yamlfile.load_yaml_cached(DOC, "x.yaml")
    assert first == second == {"lang": "en", "version": 1, "fuzzy": {6: 90, 8: 88}, "items": ["a", "b"]}


def test_an_edited_file_is_parsed_again():
    yamlfile.load_yaml_cached(DOC, "x.yaml")
    changed = yamlfile.load_yaml_cached(DOC.replace("version: 1", "version: 2"), "x.yaml")
    assert changed["version"] == 2


def test_a_damaged_entry_is_ignored():
    yamlfile.load_yaml_cached(DOC, "x.yaml")
    (entry,) = (home() / "cache").glob("yaml-*")
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
    assert not list((home() / "cache").glob("yaml-*"))


def test_cached_entries_are_the_parsed_document():
    yamlfile.load_yaml_cached(DOC, "x.yaml")
    (entry,) = (home() / "cache").glob("yaml-*")
    assert cache.read(entry.name) == yamlfile.load_yaml(DOC, "x.yaml")


def test_cache_entries_are_named_by_the_text():
    for text in (DOC, DOC + "# a comment\n"):
        yamlfile.load_yaml_cached(text, "x.yaml")
    assert sorted(e.name for e in (home() / "cache").glob("yaml-*")) == sorted(
        cache.key(yamlfile._CACHE_KIND, t) for t in (DOC, DOC + "# a comment\n"))


@pytest.mark.parametrize("text", ["a: " + "[" * 150 + "]" * 150 + "\n",
                                  "".join("  " * i + "- \n" for i in range(150)) + "  " * 150 + "- x\n"])
def test_a_document_nested_deeper_than_anything_mockint_reads_is_refused(text):
    """libyaml (PyYAML 6.0.3's wheels) reads any depth where the pure-Python parser raised
    RecursionError; what walks the data after would still recurse, so load_yaml refuses it with
    the same one-line error, whichever parser is installed."""
    from mockint.core.data.errors import DataError
    from mockint.core.data.yamlfile import load_yaml
    with pytest.raises(DataError, match="nested too deeply"):
        load_yaml(text, "deep.yaml")


def test_a_document_nested_as_deep_as_a_rubric_loads():
    from mockint.core.data.yamlfile import load_yaml
    assert load_yaml("a: " + "[" * 20 + "1" + "]" * 20 + "\n", "ok.yaml") == {"a": eval("[" * 20 + "1" + "]" * 20)}
