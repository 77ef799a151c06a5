"""Rubrics: criteria made of checks, read from YAML and validated at load.

Rules are data, mechanisms are code: a rubric file names, for each criterion, a list of checks
of a closed set of kinds (``checks.KINDS``), with weights, targets, thresholds and short message
templates. No word list lives in Python code.
"""

from __future__ import annotations

import string
from pathlib import Path
from typing import Any

from mockint.core.data.errors import DataError, did_you_mean
from mockint.core.data.validate import Doc, guide_refs
from mockint.core.data.yamlfile import load_yaml_cached, read_data
from mockint.core.questions.examples import Examples, parse_examples
from mockint.core.scoring.checks import KIND_CLASSES
from mockint.core.scoring.coach_rules import DEFAULT_COACH
from mockint.core.scoring.crossrefs import check_references, coach_section
from mockint.core.scoring.matching import SCORERS, Fuzzy
from mockint.core.scoring.model import (
    MODES,
    ONLY_WHEN,
    QUESTION_KINDS,
    TEMPLATE_FIELDS,
    Cap,
    CheckSpec,
    Criterion,
    Rubric,
)
from mockint.core.scoring.options import (
    _fuzzy,
    _keep,
    _kind_option,
    _Problems,
    _save_good,
    _words,
)
from mockint.core.scoring.repeats import Repeats
from mockint.core.scoring.text import LANGS, fold, phrase_tokens

# What each check kind takes and may do, from the kind's own class (scoring/checks/): its options
# (key: required?) and effects. The values of the options are read by _kind_option below.
KIND_KEYS: dict[str, dict[str, bool]] = {k: dict(c.options) for k, c in KIND_CLASSES.items()}
KIND_EFFECTS: dict[str, tuple[str, ...]] = {k: tuple(c.effects) for k, c in KIND_CLASSES.items()}
# kinds that read other checks' evidence
READS_OTHERS = tuple(k for k, c in KIND_CLASSES.items() if getattr(c, "reads_others", False))
KINDS = tuple(KIND_KEYS)


def _templ(doc: Doc, value: Any, path) -> str:
    text = doc.text_(value, path)
    try:
        names = [f for _, f, _, _ in string.Formatter().parse(text) if f is not None]
    except ValueError as exc:
        doc.fail(path, f"bad message template: {exc}")
    for name in names:
        if name not in TEMPLATE_FIELDS:
            doc.fail(path, f"unknown placeholder '{{{name}}}'; allowed: "
                     f"{', '.join('{' + f + '}' for f in TEMPLATE_FIELDS)}{did_you_mean(name, TEMPLATE_FIELDS)}")
    return text


def _repeats(doc: Doc, value: Any, path, lists: dict[str, list[str]]) -> Repeats | None:
    """``matching.repeats``: false (every sentence counts, the default), true (the defaults) or
    a mapping of scorer, cutoff, min_words, min_run and ``reworded`` (min_shared, share, ignore)."""
    if value is None or value is False:
        return None
    if value is True:
        return Repeats()
    m = doc.mapping(value, path, optional=("scorer", "cutoff", "min_words", "min_run", "reworded"))
    base = Repeats()
    shared, share = 0, base.share
    ignore: frozenset[str] = frozenset()
    if "reworded" in m:
        rp = path + ("reworded",)
        r = doc.mapping(m["reworded"], rp, required=("min_shared",), optional=("share", "ignore"))
        shared = int(doc.number(r["min_shared"], rp + ("min_shared",), 2, 50, whole=True))
        share = float(doc.number(r.get("share", share), rp + ("share",), 0.1, 1))
        names = doc.strings(r.get("ignore", []), rp + ("ignore",), 0)
        for k, n in enumerate(names):
            if n not in lists:
                doc.fail(rp + ("ignore", k), f"unknown list '{n}'{did_you_mean(n, list(lists))}")
        ignore = frozenset(w for n in names for p in lists[n] for w in phrase_tokens(p))
    return Repeats(doc.choice(m.get("scorer", base.scorer), path + ("scorer",), SCORERS),
                   float(doc.number(m.get("cutoff", base.cutoff), path + ("cutoff",), 50, 100)),
                   int(doc.number(m.get("min_words", base.min_words), path + ("min_words",), 1, 50, whole=True)),
                   int(doc.number(m.get("min_run", base.min_run), path + ("min_run",), 0, 50, whole=True)),
                   shared, share, ignore)


_COMMON = ("id", "kind", "effect", "label", "weight", "target", "per_hit", "max_penalty", "per_words", "min_hits",
           "cap", "found", "missing", "partial", "guide", "by_kind", "discredits", "stands_for",
           "discredits_sentence")   # every check's keys


def _check(doc: Doc, raw: Any, path, lists: dict, facts, fuzzy: Fuzzy, ids_so_far: set[str]) -> CheckSpec:
    """One check of a criterion; every problem in it is found (not only the first): raises _Problems."""
    if not isinstance(raw, dict):
        doc.mapping(raw, path)
    kind = doc.choice(raw.get("kind"), path + ("kind",), KINDS) if "kind" in raw else doc.fail(
        path, f"missing the required key 'kind'; allowed kinds: {', '.join(KINDS)}")
    m = doc.mapping(raw, path, required=("id", "kind", "effect", "label"),
                    optional=[k for k in _COMMON if k not in ("id", "kind", "effect", "label")] + list(KIND_KEYS[kind]))
    errs: list[DataError] = []          # every problem of the check, not only the first
    spec = _check_names(doc, m, path, kind, ids_so_far, errs)
    _check_amounts(doc, m, path, spec, errs)
    _check_wording(doc, m, path, spec, facts, errs)
    opts = _check_options(doc, m, path, kind, lists, fuzzy, errs)
    if errs:
        raise _Problems(errs)
    if kind == "phrases":
        opts.setdefault("fuzzy", fuzzy)
    spec.options = opts
    return spec


def _check_names(doc: Doc, m: dict, path, kind: str, ids_so_far: set[str], errs: list[DataError]) -> CheckSpec:
    """A check's id (unique in its criterion), its effect (one its kind has) and its label."""
    cid, effect, label = str(m["id"]), "", ""        # effect "": not valid, nothing said that follows from it
    with _keep(errs):
        cid = doc.ident(m["id"], path + ("id",), r"[a-z0-9]+(?:_[a-z0-9]+)*")
        if cid in ids_so_far:
            doc.fail(path + ("id",), f"duplicate check id '{cid}'")
    with _keep(errs):
        effect = doc.choice(m["effect"], path + ("effect",), KIND_EFFECTS[kind])
    with _keep(errs):
        label = doc.text_(m["label"], path + ("label",))
    return CheckSpec(id=cid, kind=kind, effect=effect, label=label)


def _check_amounts(doc: Doc, m: dict, path, spec: CheckSpec, errs: list[DataError]) -> None:
    """A check's numbers: weight, what a penalty takes (per hit, at most, by density, from how
    many hits) and the target."""
    with _keep(errs):
        spec.weight = float(doc.number(m.get("weight", 1.0), path + ("weight",), 0, 100))
    with _keep(errs):
        spec.per_hit = float(doc.number(m.get("per_hit", 0.1), path + ("per_hit",), 0, 1))
    with _keep(errs):
        spec.max = float(doc.number(m.get("max_penalty", 1.0), path + ("max_penalty",), 0, 1))
    for key in ("min_hits", "per_words"):
        if key in m:
            with _keep(errs):
                setattr(spec, key, int(doc.number(m[key], path + (key,), 1, 100 if key == "min_hits" else 10000,
                                                  whole=True)))
                if spec.effect and spec.effect != "penalty":
                    doc.fail(path + (key,), f"only a check with effect 'penalty' takes '{key}'")
    default_target = 0.75 if spec.kind == "talking_points" else 1
    with _keep(errs):
        spec.target = float(doc.number(m.get("target", default_target), path + ("target",), 0.01, 1000))


def _check_wording(doc: Doc, m: dict, path, spec: CheckSpec, facts, errs: list[DataError]) -> None:
    """A check's cap, message templates, guide facts, weights by question kind, and what it
    discredits."""
    effect = spec.effect
    if "cap" in m and effect:
        with _keep(errs):
            spec.cap = _cap(doc, m["cap"], path + ("cap",), effect)
    for key in ("found", "missing", "partial"):
        if key in m:
            with _keep(errs):
                setattr(spec, key, _templ(doc, m[key], path + (key,)))
    with _keep(errs):
        spec.guide = guide_refs(doc, m.get("guide", []), path + ("guide",), facts)
    with _keep(errs):
        spec.by_kind = _check_by_kind(doc, m.get("by_kind", {}) or {}, path + ("by_kind",))
    if "discredits" in m:         # names checked with the rubric's other names (crossrefs.py)
        with _keep(errs):
            spec.discredits = tuple(doc.strings(m["discredits"], path + ("discredits",)))
            if effect and effect != "penalty":
                doc.fail(path + ("discredits",), "only a check with effect 'penalty' takes 'discredits'")
    if "discredits_sentence" in m:
        with _keep(errs):
            spec.discredits_sentence = doc.typed(m["discredits_sentence"], path + ("discredits_sentence",), bool)
            if "discredits" not in m:
                doc.fail(path + ("discredits_sentence",), "'discredits_sentence' goes with 'discredits' (what the "
                                                          "sentences cannot earn)")
    if "stands_for" in m:         # a check id of the same criterion (crossrefs.py)
        with _keep(errs):
            spec.stands_for = doc.ident(m["stands_for"], path + ("stands_for",))


def _check_options(doc: Doc, m: dict, path, kind: str, lists: dict, fuzzy: Fuzzy,
                   errs: list[DataError]) -> dict[str, Any]:
    """The options of the check's kind (scoring/checks/), each read by ``_kind_option``."""
    opts: dict[str, Any] = {}
    for key, required in KIND_KEYS[kind].items():
        with _keep(errs):
            if required and key not in m:
                doc.fail(path, f"a '{kind}' check needs the key '{key}'")
            if key in m:
                opts[key] = _kind_option(doc, kind, key, m[key], path + (key,), lists, fuzzy)
    with _keep(errs):
        if kind in ("phrases", "claims") and not (opts.get("phrases") or opts.get("lists")) \
                and not any(e.key.endswith((".phrases", ".lists")) for e in errs):
            doc.fail(path, f"a '{kind}' check needs 'phrases' or 'lists'")
    return opts


def _cap(doc: Doc, raw: Any, path, effect: str) -> Cap:
    if effect not in ("gate", "penalty"):
        doc.fail(path, "only a check with effect 'gate' or 'penalty' can cap the score")
    if effect == "penalty":         # a penalty caps whenever it finds something
        cm = doc.mapping(raw, path, required=("score",), optional=("at_least", "share"))
        return Cap(1.0, int(doc.number(cm["score"], path + ("score",), 0, 100, whole=True)),
                   int(doc.number(cm.get("at_least", 1), path + ("at_least",), 1, 100, whole=True)),
                   float(doc.number(cm.get("share", 0), path + ("share",), 0, 1)))
    cm = doc.mapping(raw, path, required=("below", "score"))
    return Cap(float(doc.number(cm["below"], path + ("below",), 0, 1)),
               int(doc.number(cm["score"], path + ("score",), 0, 100, whole=True)))


def _check_by_kind(doc: Doc, raw: Any, path) -> dict[str, dict[str, float]]:
    out: dict[str, dict[str, float]] = {}
    for qkind, over in doc.mapping(raw, path, optional=QUESTION_KINDS).items():
        o = doc.mapping(over, path + (qkind,), optional=("weight", "target"))
        out[qkind] = {}
        if "weight" in o:
            out[qkind]["weight"] = float(doc.number(o["weight"], path + (qkind, "weight"), 0, 100))
        if "target" in o:
            out[qkind]["target"] = float(doc.number(o["target"], path + (qkind, "target"), 0.01, 1000))
    return out


def parse_rubric(text: str, name: str, facts: set[str] | None = None, rid: str = "",
                 problems: list[DataError] | None = None) -> Rubric:
    """A rubric from YAML text. ``rid``: its name for questions' ``rubric:``. ``problems``: when
    given, a criterion that does not validate is recorded there (and left out) so that every
    problem of the file is found in one pass; the caller must not use such a rubric."""
    doc = Doc(name, text)
    first = len(problems) if problems is not None else 0
    data = load_yaml_cached(text, name)
    if data is None:
        doc.fail((), "the file is empty: a rubric needs 'lang', 'version' and 'criteria'")
    top = doc.mapping(data, (), required=("lang", "version", "criteria"),
                      optional=("name", "matching", "lists", "coach"))
    lang = doc.choice(top["lang"], ("lang",), LANGS)
    version = int(doc.number(top["version"], ("version",), 1, whole=True))
    matching = doc.mapping(top.get("matching", {}) or {}, ("matching",),
                           optional=("fuzzy", "window", "known_words", "repeats", "inflections"))
    fuzzy = _fuzzy(doc, matching.get("fuzzy"), ("matching", "fuzzy"), Fuzzy()) or Fuzzy(cutoffs=((0, 101.0),))
    window = int(doc.number(matching.get("window", 2), ("matching", "window"), 0, 20, whole=True))
    known = doc.strings(matching.get("known_words", []), ("matching", "known_words"), 0)
    inflections = None
    if "inflections" in matching:   # the endings a one-word phrase may take (besides none)
        inflections = frozenset(doc.strings(matching["inflections"], ("matching", "inflections"), 1)) | {""}
        bad = sorted(e for e in inflections if e and not (e.replace("'", "").isalpha() and e.islower()))
        if bad:     # letters, and an apostrophe for a possessive ("'s")
            doc.fail(("matching", "inflections"), f"an ending is lowercase letters (or an apostrophe), not '{bad[0]}'")
    lists = _lists(doc, top)
    repeats = _repeats(doc, matching.get("repeats"), ("matching", "repeats"), lists)
    criteria, broken = _all_criteria(doc, top["criteria"], lists, facts, fuzzy, problems)
    check_references(doc, criteria, broken, READS_OTHERS, problems)
    coach = dict(DEFAULT_COACH)
    if "coach" in top:
        coach.update(coach_section(doc, top["coach"], [c for c in criteria if c is not None], broken, problems))
    if problems is not None:            # in file order, as a linter lists them
        problems[first:] = sorted(problems[first:], key=lambda e: (e.line or 0, e.col or 0))
    _save_good()
    return Rubric(lang=lang, version=version, name=str(top.get("name", name)), fuzzy=fuzzy,
                  window=window, known_words=known, lists=lists, repeats=repeats,
                  criteria=[c for c in criteria if c is not None], source=name, id=rid, coach=coach,
                  inflections=inflections)


def _lists(doc: Doc, top: dict) -> dict[str, list[str]]:
    """The rubric's named word lists (``lists:``), each with at least one word or phrase."""
    lists_raw = doc.mapping(top.get("lists", {}) or {}, ("lists",),
                            optional=(list((top.get("lists") or {}).keys())
                                      if isinstance(top.get("lists"), dict) else ()))
    lists: dict[str, list[str]] = {}
    for lname, words in lists_raw.items():
        doc.ident(lname, ("lists", lname), r"[a-z][a-z0-9_]*")
        if isinstance(words, list) and not words:
            doc.fail(("lists", lname), "the list is empty: give at least one word or phrase")
        lists[lname] = doc.strings(words, ("lists", lname))
    return lists


def _all_criteria(doc: Doc, raw: Any, lists: dict, facts, fuzzy: Fuzzy, problems: list[DataError] | None
                  ) -> tuple[list[Criterion | None], set[str]]:
    """The criteria, None for a broken one (its problems recorded in ``problems``, or the first
    raised without), and the ids of the broken ones."""
    criteria: list[Criterion | None] = []       # None: a broken one, reported (keeps the indexes right)
    seen: set[str] = set()
    broken: set[str] = set()
    for ci, craw in enumerate(doc.seq(raw, ("criteria",), 1)):
        p = ("criteria", ci)
        try:
            crit = _criterion(doc, craw, p, seen, lists, facts, fuzzy)
        except (DataError, _Problems) as exc:
            many = exc.errors if isinstance(exc, _Problems) else [exc]
            if problems is None:
                raise many[0] from None
            problems.extend(many)
            criteria.append(None)      # keeps the indexes of the others right
            if isinstance(craw, dict) and isinstance(craw.get("id"), str):
                broken.add(craw["id"])
            continue
        seen.add(crit.id)
        criteria.append(crit)
    return criteria, broken


def _criterion(doc: Doc, raw: Any, p: tuple, seen: set[str], lists: dict, facts, fuzzy: Fuzzy) -> Criterion:
    c = doc.mapping(raw, p, required=("id", "name", "weight", "threshold", "feedback", "checks"),
                    optional=("guide", "mode", "follow_up", "follow_ups", "by_kind", "only_when", "bonus_points",
                              "examples", "capped_fails"))
    cid = doc.ident(c["id"], p + ("id",), r"[a-z0-9]+(?:_[a-z0-9]+)*")
    if cid in seen:
        doc.fail(p + ("id",), f"duplicate criterion id '{cid}'")
    fb = doc.mapping(c["feedback"], p + ("feedback",), required=("pass", "fail"), optional=("noted", "partial"))
    by_kind = _criterion_by_kind(doc, c.get("by_kind", {}) or {}, p + ("by_kind",))
    checks = _checks(doc, c["checks"], p + ("checks",), lists, facts, fuzzy)
    follow_ups = _follow_ups(doc, c.get("follow_ups", []), p + ("follow_ups",), cid, lists)
    return Criterion(
        id=cid, name=doc.text_(c["name"], p + ("name",)), follow_ups=follow_ups,
        guide=guide_refs(doc, c.get("guide", []), p + ("guide",), facts),
        weight=float(doc.number(c["weight"], p + ("weight",), 0, 100)),
        threshold=float(doc.number(c["threshold"], p + ("threshold",), 0, 1)),
        mode=doc.choice(c.get("mode", "core"), p + ("mode",), MODES),
        feedback_pass=_templ(doc, fb["pass"], p + ("feedback", "pass")),
        feedback_fail=_templ(doc, fb["fail"], p + ("feedback", "fail")),
        feedback_noted=_templ(doc, fb["noted"], p + ("feedback", "noted")) if "noted" in fb else "",
        feedback_partial=_templ(doc, fb["partial"], p + ("feedback", "partial")) if "partial" in fb else "",
        follow_up=doc.text_(c.get("follow_up", ""), p + ("follow_up",), empty_ok=True),
        checks=checks, by_kind=by_kind,
        only_when=doc.choice(c.get("only_when", "always"), p + ("only_when",), ONLY_WHEN),
        bonus_points=float(doc.number(c.get("bonus_points", 10), p + ("bonus_points",), 0, 100)),
        examples=parse_examples(doc, c["examples"], p + ("examples",), True) if "examples" in c else Examples(),
        capped_fails=doc.typed(c.get("capped_fails", True), p + ("capped_fails",), bool))


def _criterion_by_kind(doc: Doc, raw: Any, path: tuple) -> dict[str, dict[str, Any]]:
    """A criterion's ``by_kind``: its weight, mode, feedback and follow-up for a kind of question."""
    by_kind: dict[str, dict[str, Any]] = {}
    for kname, over in doc.mapping(raw, path, optional=QUESTION_KINDS).items():
        kp = path + (kname,)
        o = doc.mapping(over, kp, optional=("weight", "mode", "feedback", "follow_up", "tips"))
        by_kind[kname] = {}
        if "weight" in o:
            by_kind[kname]["weight"] = float(doc.number(o["weight"], kp + ("weight",), 0, 100))
        if "mode" in o:
            by_kind[kname]["mode"] = doc.choice(o["mode"], kp + ("mode",), MODES)
        if "tips" in o:                # false: a fail says its message, not what each check missed
            by_kind[kname]["tips"] = doc.typed(o["tips"], kp + ("tips",), bool)
        if "feedback" in o:
            kf = doc.mapping(o["feedback"], kp + ("feedback",), optional=("pass", "fail", "noted"))
            for verdict, text in kf.items():
                by_kind[kname][f"feedback_{verdict}"] = _templ(doc, text, kp + ("feedback", verdict))
        if "follow_up" in o:
            by_kind[kname]["follow_up"] = doc.text_(o["follow_up"], kp + ("follow_up",), empty_ok=True)   # "": none
    return by_kind


def _checks(doc: Doc, raw: Any, path: tuple, lists: dict, facts, fuzzy: Fuzzy) -> list[CheckSpec]:
    """A criterion's checks; every check is looked at, every problem of each (raises _Problems)."""
    checks: list[CheckSpec] = []
    ids: set[str] = set()
    errs: list[DataError] = []
    for ki, kraw in enumerate(doc.seq(raw, path, 1)):
        try:
            spec = _check(doc, kraw, path + (ki,), lists, facts, fuzzy, ids)
        except (DataError, _Problems) as exc:
            errs.extend(exc.errors if isinstance(exc, _Problems) else [exc])
            if isinstance(kraw, dict) and isinstance(kraw.get("id"), str):
                ids.add(kraw["id"])
            continue
        ids.add(spec.id)
        checks.append(spec)
    if errs:
        raise _Problems(errs)
    return checks


def _follow_ups(doc: Doc, raw: Any, path: tuple, cid: str, lists: dict) -> list[dict[str, Any]]:
    """A criterion's follow-ups about what the answer said: a check's rule, a text with {hit} and,
    optionally, the lists of words whose hits it is not about (``skip: [durations]``: "You said
    “18 months”: how did you get there?" is no question)."""
    follow_ups = []
    for fi, fraw in enumerate(doc.seq(raw, path, 0)):
        fp = path + (fi,)
        f = doc.mapping(fraw, fp, required=("check", "text"), optional=("skip",))
        rule = doc.text_(f["check"], fp + ("check",))
        text = doc.text_(f["text"], fp + ("text",))
        if "{hit}" not in text:
            doc.fail(fp + ("text",), "a follow-up about the answer names what the candidate said: put {hit} in it")
        skip = frozenset(fold(w) for w in _words(doc, f.get("skip", []), fp + ("skip",), lists, 0))
        follow_ups.append({"check": rule if "." in rule else f"{cid}.{rule}", "text": text, "skip": skip})
    return follow_ups


def load_rubric(path: Path | str, facts: set[str] | None = None, display: str | None = None,
                rid: str | None = None, problems: list[DataError] | None = None) -> Rubric:
    path = Path(path)
    name = display or str(path)
    return parse_rubric(read_data(path, name), name, facts, path.stem if rid is None else rid, problems)
