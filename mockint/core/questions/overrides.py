"""A question's own scoring in a bank: ``rubric:`` (the rubric it is scored with, which must exist and
be in the bank's language) and ``criteria:`` (criteria of that rubric turned off or weighted
differently), checked against the rubrics mockint knows."""

from __future__ import annotations

from mockint.core.data.errors import did_you_mean
from mockint.core.data.validate import Doc


def criteria_overrides(doc: Doc, q: dict, p: tuple, lang: str, rubric_name: str | None,
                       rubric_index) -> dict[str, float]:
    """A question's ``rubric:`` (checked to exist, in its language) and ``criteria:`` overrides:
    ``{criterion_id: off | {weight: N}}``, or a check's (``criterion.check``: off, or on with a
    weight, even where the rubric leaves it off for the question's kind); the ids must be the rubric's."""
    known = rubric_index()
    name = rubric_name or lang
    ref = None
    if known is not None:
        ref = known.get(name)
        if ref is None and rubric_name:
            names = sorted(known)
            doc.fail(p + ("rubric",), f"no rubric named '{rubric_name}'; rubrics: {', '.join(names)}"
                     f"{did_you_mean(rubric_name, names)}")
        if ref is not None and ref.lang != lang:
            doc.fail(p + ("rubric",), f"the rubric '{name}' is for '{ref.lang}'; this bank is '{lang}'")
    if "criteria" not in q:
        return {}
    cp = p + ("criteria",)
    raw = q["criteria"]
    if not isinstance(raw, dict):
        doc.mapping(raw, cp)
    out: dict[str, float] = {}
    for cid, over in raw.items():
        kp = cp + (cid,)
        if not isinstance(cid, str):
            doc.fail(kp, f"'{cid}' is not a criterion id")
        if ref is not None and "." in cid and cid not in ref.checks:
            doc.fail(kp, f"unknown check '{cid}' in the rubric '{name}'{did_you_mean(cid, ref.checks)}; "
                     "a check is written criterion.check, with an id from that criterion's `checks:`")
        if ref is not None and "." not in cid and cid not in ref.criteria:
            doc.fail(kp, f"unknown criterion '{cid}' in the rubric '{name}'; criteria: "
                     f"{', '.join(ref.criteria)}{did_you_mean(cid, ref.criteria)}")
        if over is False or over == "off":          # YAML reads a bare `off` as false
            out[cid] = 0.0
            continue
        if not isinstance(over, dict):
            doc.fail(kp, f"must be 'off' or {{weight: N}}, not {over!r}")
        m = doc.mapping(over, kp, required=("weight",))
        out[cid] = float(doc.number(m["weight"], kp + ("weight",), 0, 100))
    return out
