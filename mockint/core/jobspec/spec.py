"""The job-posting data file, ``jobspec/<lang>.yaml``: its vocabularies, figure patterns, weights,
question templates and tone phrases, read and validated (file:line errors) into a :class:`Spec`."""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from mockint.core.data.validate import Doc, guide_refs
from mockint.core.data.yamlfile import load_yaml_cached
from mockint.core.questions.guide import fact_ids
from mockint.core.scoring.matching import PhraseSet
from mockint.core.scoring.text import LANGS, phrase_tokens

KINDS = ("tool", "figure", "industry", "skill", "responsibility", "phrase", "generic")
VOCAB_KINDS = ("tool", "industry", "skill", "responsibility")
TONES = ("formal", "casual")


@dataclass
class Figure:
    name: str
    pattern: re.Pattern
    covered_by: list[str]
    ask: bool = True                # a question may be built from it (not from pay: OTE)


@dataclass
class Spec:
    lang: str
    weights: dict[str, float]
    min_useful: float
    min_repeats: int
    vocab: dict[str, list[str]]
    generic: list[str]
    not_names: set[str]
    figures: list[Figure]
    q_count: int
    q_kinds: list[str]
    templates: dict[str, str]
    fit: dict[str, Any]
    tone: dict[str, Any]
    sets: dict[str, PhraseSet] = field(default_factory=dict)


# -- the data file -------------------------------------------------------------------------
def spec_path(lang: str) -> Path:
    from mockint.core.data import resources
    return resources.jobspec_dir() / f"{lang}.yaml"


def parse_spec(text: str, name: str, lang: str | None = None) -> Spec:
    doc = Doc(name, text)
    data = load_yaml_cached(text, name)
    if data is None:
        doc.fail((), "the file is empty")
    top = doc.mapping(data, (), required=("lang", "version", "weights", "vocab", "generic", "figures",
                                          "questions", "job_fit", "tone"),
                      optional=("min_useful_weight", "min_repeats", "not_names"))
    flang = doc.choice(top["lang"], ("lang",), LANGS)
    if lang and flang != lang:
        doc.fail(("lang",), f"must be '{lang}' for this file, not '{flang}'")
    doc.number(top["version"], ("version",), 1, whole=True)
    wm = doc.mapping(top["weights"], ("weights",), required=KINDS)
    weights = {k: float(doc.number(wm[k], ("weights", k), 0, 1)) for k in KINDS}
    min_useful = float(doc.number(top.get("min_useful_weight", 0.3), ("min_useful_weight",), 0, 1))
    min_rep = int(doc.number(top.get("min_repeats", 2), ("min_repeats",), 1, 20, whole=True))
    vm = doc.mapping(top["vocab"], ("vocab",), required=VOCAB_KINDS)
    vocab = {k: _phrases(doc, vm[k], ("vocab", k)) for k in VOCAB_KINDS}
    generic = _phrases(doc, top["generic"], ("generic",))
    not_names = {" ".join(phrase_tokens(w)) for w in _phrases(doc, top.get("not_names", []), ("not_names",), 0)}
    figures = [_figure(doc, raw, ("figures", i)) for i, raw in enumerate(doc.seq(top["figures"], ("figures",)))]
    q_count, q_kinds, templates = _questions(doc, top["questions"])
    fit = _job_fit(doc, top["job_fit"])
    tmn = doc.mapping(top["tone"], ("tone",), required=("weight", "per_hit", "name", "formal", "casual"),
                      optional=("threshold", "guide"))
    tone: dict[str, Any] = {"weight": float(doc.number(tmn["weight"], ("tone", "weight"), 0, 0.2)),
                            "per_hit": float(doc.number(tmn["per_hit"], ("tone", "per_hit"), 0, 1)),
                            "threshold": float(doc.number(tmn.get("threshold", 0.75), ("tone", "threshold"), 0, 1)),
                            "name": doc.text_(tmn["name"], ("tone", "name")),
                            "guide": guide_refs(doc, tmn.get("guide", ["tip-3"]), ("tone", "guide"), fact_ids())}
    if fit["weight"] + tone["weight"] > 0.5:
        doc.fail(("tone", "weight"), "job_fit and tone together must weigh at most 0.5")
    for mode in TONES:
        tone[mode] = _tone_mode(doc, tmn[mode], mode)
    spec = Spec(flang, weights, min_useful, min_rep, vocab, generic, not_names, figures, q_count,
                q_kinds, templates, fit, tone)
    for k in VOCAB_KINDS:
        spec.sets[k] = PhraseSet(vocab[k], flang, window=0, fuzzy=None)
    spec.sets["generic"] = PhraseSet(generic, flang, window=0, fuzzy=None)
    for mode in TONES:
        spec.sets["tone." + mode] = PhraseSet(tone[mode]["phrases"], flang, window=0, fuzzy=None)
    return spec


def _phrases(doc: Doc, value: Any, path: tuple, min_len: int = 1) -> list[str]:
    """A list of phrases, each with a word in it."""
    out = doc.strings(value, path, min_len)
    for i, ph in enumerate(out):
        if not phrase_tokens(ph):
            doc.fail(path + (i,), f"'{ph}' has no word in it")
    return out


def _figure(doc: Doc, raw: Any, path: tuple[str | int, ...]) -> Figure:
    """One of ``figures``: a name, a pattern (compiled; it must not match empty text) and the
    phrases that cover it."""
    fm = doc.mapping(raw, path, required=("name", "pattern", "covered_by"), optional=("ask",))
    pat = doc.text_(fm["pattern"], path + ("pattern",))
    try:
        rx = re.compile(pat)
    except re.error as exc:
        doc.fail(path + ("pattern",), f"bad regular expression: {exc}")
    if rx.search(""):
        doc.fail(path + ("pattern",), "this pattern matches empty text")
    return Figure(doc.text_(fm["name"], path + ("name",)), rx, _phrases(doc, fm["covered_by"], path + ("covered_by",)),
                  bool(doc.typed(fm.get("ask", True), path + ("ask",), bool)))


def _questions(doc: Doc, raw: Any) -> tuple[int, list[str], dict[str, str]]:
    """``questions``: how many to ask, of which kinds, and each kind's template (with {term})."""
    qm = doc.mapping(raw, ("questions",), required=("count", "kinds", "templates"))
    q_count = int(doc.number(qm["count"], ("questions", "count"), 0, 10, whole=True))
    q_kinds = doc.strings(qm["kinds"], ("questions", "kinds"))
    for i, k in enumerate(q_kinds):
        doc.choice(k, ("questions", "kinds", i), KINDS[:-1])
    tm = doc.mapping(qm["templates"], ("questions", "templates"), required=q_kinds)
    templates = {}
    for k in q_kinds:
        tpl = doc.text_(tm[k], ("questions", "templates", k))
        if "{term}" not in tpl:
            doc.fail(("questions", "templates", k), "the template must contain {term}")
        templates[k] = tpl
    return q_count, q_kinds, templates


def _job_fit(doc: Doc, raw: Any) -> dict[str, Any]:
    """``job_fit``: the weight, target and threshold of the job-fit criterion and its wording."""
    jm = doc.mapping(raw, ("job_fit",), required=("weight", "target", "name", "covered", "none", "missing"),
                     optional=("threshold", "guide"))
    fit: dict[str, Any] = {"weight": float(doc.number(jm["weight"], ("job_fit", "weight"), 0, 0.5)),
                           "target": float(doc.number(jm["target"], ("job_fit", "target"), 0.1, 10)),
                           "threshold": float(doc.number(jm.get("threshold", 0.6), ("job_fit", "threshold"), 0, 1))}
    for k in ("name", "covered", "none", "missing"):
        fit[k] = doc.text_(jm[k], ("job_fit", k))
    fit["guide"] = guide_refs(doc, jm.get("guide", ["tip-2"]), ("job_fit", "guide"), fact_ids())
    return fit


def _tone_mode(doc: Doc, raw: Any, mode: str) -> dict[str, Any]:
    """``tone.formal`` or ``tone.casual``: the phrases of that tone, its messages and (formal) the
    contractions pattern and how many are allowed."""
    path = ("tone", mode)
    opt = ("contractions", "contractions_allowed") if mode == "formal" else ()
    mm = doc.mapping(raw, path, required=("phrases", "ok", "found"), optional=opt)
    conf: dict[str, Any] = {"phrases": _phrases(doc, mm["phrases"], path + ("phrases",)),
                            "ok": doc.text_(mm["ok"], path + ("ok",)),
                            "found": doc.text_(mm["found"], path + ("found",))}
    conf["contractions"] = None
    pat = doc.text_(mm.get("contractions", ""), path + ("contractions",), empty_ok=True)
    if pat:
        try:
            conf["contractions"] = re.compile(pat)
        except re.error as exc:
            doc.fail(path + ("contractions",), f"bad regular expression: {exc}")
    conf["allowed"] = int(doc.number(mm.get("contractions_allowed", 0), path + ("contractions_allowed",),
                                     0, 100, whole=True))
    return conf
