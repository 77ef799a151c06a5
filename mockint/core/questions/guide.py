"""The guide's facts (ids such as do-1, resp-9) in the product's own words, both languages."""

from __future__ import annotations

from dataclasses import dataclass
from functools import lru_cache

from mockint.core.data import resources
from mockint.core.data.validate import Doc
from mockint.core.data.yamlfile import load_yaml_cached, read_text

SECTIONS = ("role", "resp", "am", "skill", "pay", "tip", "do", "dont")


@dataclass(frozen=True)
class Fact:
    id: str
    section: str
    en: str
    ro: str

    def text(self, lang: str) -> str:
        return self.ro if lang == "ro" else self.en


@lru_cache(maxsize=1)
def facts() -> dict[str, Fact]:
    path = resources.rubrics_dir() / "guide.yaml"
    text = read_text(path)
    doc = Doc(resources.display(path), text)
    top = doc.mapping(load_yaml_cached(text, doc.name), (), required=("facts",), optional=("source",))
    out: dict[str, Fact] = {}
    for fid, raw in doc.mapping(top["facts"], ("facts",), optional=list(top["facts"] or {})).items():
        p = ("facts", fid)
        doc.ident(fid, p)
        m = doc.mapping(raw, p, required=("section", "en", "ro"))
        out[fid] = Fact(fid, doc.choice(m["section"], p + ("section",), SECTIONS),
                        doc.text_(m["en"], p + ("en",)), doc.text_(m["ro"], p + ("ro",)))
    return out


def fact_ids() -> set[str]:
    return set(facts())
