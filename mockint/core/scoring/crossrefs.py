"""The names a rubric's parts give each other, checked once the whole rubric is read: the checks
an evidence, filler or claims check reads (``from``/``unless``), the checks a follow-up is about,
what a check ``discredits`` (criteria or checks whose credit its words cannot earn) and what the
``coach:`` section names. Every problem is reported with "did you mean"."""

from __future__ import annotations

from typing import Any

from mockint.core.data.errors import DataError, did_you_mean
from mockint.core.data.validate import Doc
from mockint.core.scoring.coach_rules import COACH_CRITERIA_KEYS, DEFAULT_COACH
from mockint.core.scoring.model import Criterion
from mockint.core.scoring.options import _keep, _Problems


def check_references(doc: Doc, criteria: list[Criterion | None], broken: set[str], reads_others: tuple[str, ...],
                     problems: list[DataError] | None) -> None:
    """Raise the first problem (``problems`` None) or add every one to ``problems``."""
    for err in _reads(doc, criteria, broken, reads_others) + _follow_ups(doc, criteria, broken) \
            + _discredits(doc, criteria, broken) + _stands_for(doc, criteria):
        if problems is None:
            raise err
        problems.append(err)


def _reads(doc: Doc, criteria: list[Criterion | None], broken: set[str], reads_others: tuple[str, ...]) -> list:
    """claims' 'unless' and evidence's 'from' must name existing checks that find evidence."""
    out = []
    names = [f"{c.id}.{k.id}" for c in criteria if c is not None for k in c.checks if k.kind not in reads_others]
    for ci, crit in enumerate(criteria):
        if crit is None:
            continue
        for ki, chk in enumerate(crit.checks):
            if chk.kind not in reads_others:
                continue            # a pattern's 'unless' holds patterns, not check names
            key = "from" if chk.kind in ("evidence", "filler", "other_question") else "unless"
            for ui, ref in enumerate(chk.options.get(key, [])):
                full = ref if "." in ref else f"{crit.id}.{ref}"
                cid, _, kid = full.partition(".")
                if cid in broken:
                    continue
                target = next((c for c in criteria if c is not None and c.id == cid), None)
                other = next((k for k in target.checks if k.id == kid), None) if target else None
                if other is None or full == f"{crit.id}.{chk.id}" or other.kind in reads_others:
                    why = (f"'{ref}' reads other checks itself (kind {other.kind}): name a check "
                           f"that finds evidence" if other is not None and other.kind in reads_others
                           and full != f"{crit.id}.{chk.id}" else f"'{ref}' names no other check")
                    out.append(doc.error(("criteria", ci, "checks", ki, key, ui), f"{why}{did_you_mean(full, names)}"))
    return out


def _follow_ups(doc: Doc, criteria: list[Criterion | None], broken: set[str]) -> list:
    """A follow-up about the answer must name an existing check."""
    out = []
    names = {f"{c.id}.{k.id}" for c in criteria if c is not None for k in c.checks}
    for ci, crit in enumerate(criteria):
        for fi, fu in enumerate(crit.follow_ups if crit is not None else []):
            if fu["check"] not in names and fu["check"].split(".")[0] not in broken:
                out.append(doc.error(("criteria", ci, "follow_ups", fi, "check"),
                                     f"'{fu['check']}' names no check{did_you_mean(fu['check'], sorted(names))}"))
    return out


def _discredits(doc: Doc, criteria: list[Criterion | None], broken: set[str]) -> list:
    """A check's 'discredits' names criteria ("two_way") or checks ("preparation.substance"),
    never the check itself."""
    out: list[Any] = []
    crit_ids = [c.id for c in criteria if c is not None]
    rules = [f"{c.id}.{k.id}" for c in criteria if c is not None for k in c.checks]
    for ci, crit in enumerate(criteria):
        if crit is None:
            continue
        for ki, chk in enumerate(crit.checks):
            for di, name in enumerate(chk.discredits):
                if name.split(".")[0] in broken:
                    continue
                if name == f"{crit.id}.{chk.id}":
                    out.append(doc.error(("criteria", ci, "checks", ki, "discredits", di),
                                         f"'{name}' is this check itself: name the criteria or checks whose "
                                         f"credit its words must not earn"))
                elif name not in (rules if "." in name else crit_ids):
                    what = "check (criterion.check)" if "." in name else "criterion"
                    out.append(doc.error(("criteria", ci, "checks", ki, "discredits", di),
                                         f"'{name}' names no {what}"
                                         f"{did_you_mean(name, rules if '.' in name else crit_ids)}"))
    return out


def _stands_for(doc: Doc, criteria: list[Criterion | None]) -> list:
    """A check's 'stands_for' names another check of its own criterion."""
    out = []
    for ci, crit in enumerate(criteria):
        if crit is None:
            continue
        for ki, chk in enumerate(crit.checks):
            ids = [k.id for k in crit.checks if k.id != chk.id]
            if chk.stands_for and chk.stands_for not in ids:
                out.append(doc.error(("criteria", ci, "checks", ki, "stands_for"),
                                     f"'{chk.stands_for}' names no other check of '{crit.id}'"
                                     f"{did_you_mean(chk.stands_for, ids)}"))
    return out


def coach_section(doc: Doc, raw: Any, criteria: list[Criterion], broken: set[str],
                   problems: list[DataError] | None) -> dict[str, tuple[str, ...]]:
    """The ``coach:`` section as read (nothing when it has a problem: recorded in ``problems``, or
    the first raised without)."""
    errs: list[DataError] = []
    out: dict[str, tuple[str, ...]] = {}
    with _keep(errs):
        out = _coach(doc, raw, criteria, broken)
    if errs and problems is None:
        raise errs[0]
    if problems is not None:
        problems.extend(errs)
    return out


def _coach(doc: Doc, raw: Any, criteria: list[Criterion], broken: set[str]) -> dict[str, tuple[str, ...]]:
    """The rubric's `coach:` section: each key names criteria or checks that exist (every
    problem reported, with 'did you mean')."""
    m = doc.mapping(raw, ("coach",), optional=tuple(DEFAULT_COACH))
    crit_ids = [c.id for c in criteria]
    rules = [f"{c.id}.{k.id}" for c in criteria for k in c.checks]
    out: dict[str, tuple[str, ...]] = {}
    errs: list[DataError] = []
    for key, value in m.items():
        names = doc.strings(value, ("coach", key), 0)
        if key == "criteria":        # what the coach scores: whole criteria, or some checks of one
            known, what = crit_ids + rules, "criterion or check (criterion.check)"
        elif key in COACH_CRITERIA_KEYS:
            known, what = crit_ids, "criterion"
        else:
            known, what = rules, "check (criterion.check)"
        for i, n in enumerate(names):
            if n not in known and n.split(".")[0] not in broken:
                errs.append(doc.error(("coach", key, i), f"'{n}' names no {what}{did_you_mean(n, known)}"))
        out[key] = tuple(names)
    if errs:
        raise _Problems(errs)
    return out
