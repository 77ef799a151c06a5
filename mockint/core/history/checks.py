"""Checking what comes from outside the history (issue 17: a home of its own, out of storage.py):
an export document before ``import`` (every place named, e.g. ``sessions[2].answers[0].elapsed``),
a stored score object and a role-play call before they are written. Nothing here touches SQLite."""

from __future__ import annotations

import json
import math
import re
from collections.abc import Callable
from datetime import datetime, timezone
from typing import Any, Literal, NoReturn, overload

from mockint.core.data.errors import MockintError
from mockint.core.data.langs import LANGS

EXPORT_FORMAT = "mockint-history"
EXPORT_VERSION = 1
_ID_RE = re.compile(r"[0-9a-f]{32}")
MAX_CALL_TURNS = 200           # a call's turns: far more than any scenario's limit


def _check_call(turns: Any, result: Any, where: str) -> None:
    """A call's turns (texts) and result (a CallResult's dict, or None), as stored and imported."""
    if not isinstance(turns, list) or not all(isinstance(t, str) for t in turns):
        raise MockintError(f"{where}.turns: expected a list of texts")
    if len(turns) > MAX_CALL_TURNS:
        raise MockintError(f"{where}.turns: {len(turns)} turns; a call has at most {MAX_CALL_TURNS}")
    if result is None:
        return
    # deferred: the role-play package ~25 ms on a cold 'mockint history' (benchmarks/run.py); only for an import
    from mockint.core.roleplay.score import CallResult

    if not isinstance(result, dict):
        raise MockintError(f"{where}.result: expected an object (a scored call) or null")
    try:
        CallResult.from_dict(result)
    except MockintError as exc:
        raise MockintError(f"{where}.result: {exc}") from None


# ---------------------------------------------------------------------------------------------
# validation of an export document

def _kind(v: Any) -> str:
    if v is None:
        return "null"
    if isinstance(v, bool):
        return "true" if v else "false"
    if isinstance(v, (int, float)):
        return f"the number {v!r}"
    if isinstance(v, str):
        return f"the text {json.dumps(v[:30] + ('...' if len(v) > 30 else ''), ensure_ascii=False)}"
    if isinstance(v, list):
        return "a list"
    if isinstance(v, dict):
        return "an object"
    return type(v).__name__  # pragma: no cover


class _V:
    """Small JSON validator: each failure names its place, e.g. ``sessions[2].answers[0].elapsed``."""

    @staticmethod
    def fail(where: str, msg: str) -> MockintError:
        return MockintError(f"{where}: {msg}" if where else msg)

    def obj(self, v: Any, where: str, required: tuple[str, ...], optional: tuple[str, ...] = ()) -> dict:
        if not isinstance(v, dict):
            raise self.fail(where, f"expected an object, got {_kind(v)}")
        for k in required:
            if k not in v:
                raise self.fail(where, f"missing the key \"{k}\"")
        return v

    @overload
    def text(self, v: Any, where: str, allow_null: Literal[False] = False) -> str: ...
    @overload
    def text(self, v: Any, where: str, allow_null: bool) -> str | None: ...
    def text(self, v: Any, where: str, allow_null: bool = False) -> str | None:
        if v is None and allow_null:
            return None
        if not isinstance(v, str):
            raise self.fail(where, f"expected text{' or null' if allow_null else ''}, got {_kind(v)}")
        return v

    def integer(self, v: Any, where: str, lo: int = 0, hi: int | None = None) -> int:
        if isinstance(v, bool) or not isinstance(v, int):
            raise self.fail(where, f"expected a whole number, got {_kind(v)}")
        if v < lo or (hi is not None and v > hi):
            raise self.fail(where, f"expected a whole number from {lo}" + (f" to {hi}" if hi is not None else "")
                            + f", got {v}")
        return v

    def number(self, v: Any, where: str, allow_null: bool = False) -> float | None:
        if v is None and allow_null:
            return None
        if not _finite(v) or v < 0:
            raise self.fail(where, f"expected a number of 0 or more{' or null' if allow_null else ''}, "
                            f"got {_kind(v)}")
        return float(v)

    def boolean(self, v: Any, where: str) -> bool:
        if not isinstance(v, bool):
            raise self.fail(where, f"expected true or false, got {_kind(v)}")
        return v

    def array(self, v: Any, where: str) -> list:
        if not isinstance(v, list):
            raise self.fail(where, f"expected a list, got {_kind(v)}")
        return v

    @overload
    def mapping(self, v: Any, where: str, allow_null: Literal[False] = False) -> dict: ...
    @overload
    def mapping(self, v: Any, where: str, allow_null: bool) -> dict | None: ...
    def mapping(self, v: Any, where: str, allow_null: bool = False) -> dict | None:
        if v is None and allow_null:
            return None
        if not isinstance(v, dict):
            raise self.fail(where, f"expected an object{' or null' if allow_null else ''}, got {_kind(v)}")
        return v

    @overload
    def time(self, v: Any, where: str, allow_null: Literal[False] = False) -> str: ...
    @overload
    def time(self, v: Any, where: str, allow_null: bool) -> str | None: ...
    def time(self, v: Any, where: str, allow_null: bool = False) -> str | None:
        if v is None and allow_null:
            return None
        s = self.text(v, where)
        try:
            t = datetime.fromisoformat(s)
            if t.tzinfo is None:
                t = t.replace(tzinfo=timezone.utc)
            return t.astimezone(timezone.utc).isoformat(timespec="milliseconds")
        except ValueError:
            raise self.fail(where, f"expected a date and time like \"2026-11-28T17:01:02.123+00:00\", "
                            f"got {_kind(v)}") from None
        except OverflowError:               # 0001-01-01T00:00:00+14:00: before the year 1 in UTC
            raise self.fail(where, f"the date and time {s!r} is out of range") from None


MAX_INDEX = 100_000            # answers in one session: far more than any interview
MAX_VERSION = 1_000_000


def _real(v: Any, where: str) -> float:
    """Any finite number (points taken are negative)."""
    if not _finite(v):
        raise _V.fail(where, f"expected a number, got {_kind(v)}")
    return float(v)


def _finite(v: Any) -> bool:
    """A number that can be kept as a float (not NaN, not infinite, not a 400-digit integer)."""
    if isinstance(v, bool) or not isinstance(v, (int, float)):
        return False
    return abs(v) <= 1e15 if isinstance(v, int) else math.isfinite(v)


def _texts(v: Any, where: str) -> list:
    for i, x in enumerate(_V().array(v, where)):
        _V().text(x, f"{where}[{i}]")
    return v


def _check_result(r: Any, where: str) -> dict:
    """A stored score object (``Result.to_dict()``): the keys the reports read have the types they
    read, so that a result that passes is always shown (an import cannot plant a broken one)."""
    v = _V()
    v.obj(r, where, ("score", "criteria"))
    v.integer(r["score"], f"{where}.score", 0, 100)
    optional: dict[str, Callable[[Any, str], object]] = {
        "question_id": lambda x, w: v.text(x, w, allow_null=True), "lang": v.text,
        "question_text": v.text, "words": lambda x, w: v.integer(x, w, 0, 10**9),
        "elapsed": lambda x, w: v.number(x, w, allow_null=True),
        "rubric_version": lambda x, w: v.integer(x, w, 1, MAX_VERSION)}
    for key, check in optional.items():
        if key in r:
            check(r[key], f"{where}.{key}")
    for i, cap in enumerate(v.array(r.get("caps", []), f"{where}.caps")):
        w = f"{where}.caps[{i}]"
        v.obj(cap, w, ())
        for key in ("rule", "reason"):
            if key in cap:
                v.text(cap[key], f"{w}.{key}")
        if "max" in cap:
            v.integer(cap["max"], f"{w}.max", 0, 100)
    for i, c in enumerate(v.array(r["criteria"], f"{where}.criteria")):
        w = f"{where}.criteria[{i}]"
        v.obj(c, w, ("id", "score"))
        v.text(c["id"], f"{w}.id")
        if isinstance(c["score"], bool) or not isinstance(c["score"], (int, float)) or not 0 <= c["score"] <= 1:
            raise v.fail(f"{w}.score", f"expected a number from 0 to 1, got {_kind(c['score'])}")
        _check_keys(c, w, {"name": v.text, "mode": v.text, "feedback": v.text, "passed": v.boolean,
                           "weight": _real, "threshold": _real, "guide": _texts, "advice": _texts,
                           "follow_up": lambda x, ww: v.text(x, ww, allow_null=True)})
        for j, e in enumerate(v.array(c.get("evidence", []), f"{w}.evidence")):
            ew = f"{w}.evidence[{j}]"
            v.obj(e, ew, ("start", "end", "text", "rule"))
            start = v.integer(e["start"], f"{ew}.start", 0, 10**9)
            v.integer(e["end"], f"{ew}.end", start, 10**9)
            v.text(e["text"], f"{ew}.text")
            v.text(e["rule"], f"{ew}.rule")
        for j, k in enumerate(v.array(c.get("checks", []), f"{w}.checks")):
            kw = f"{w}.checks[{j}]"
            v.obj(k, kw, ("id",))
            v.text(k["id"], f"{kw}.id")
            _check_keys(k, kw, {"kind": v.text, "effect": v.text, "label": v.text, "message": v.text,
                                "value": _real, "points": _real, "passed": v.boolean,
                                "count": lambda x, ww: v.integer(x, ww, 0, 10**9)})
    return r


def _check_keys(d: dict, where: str, checks: dict) -> None:
    for key, check in checks.items():
        if key in d:
            check(d[key], f"{where}.{key}")


def _check_values(doc: Any) -> None:
    """Every text (keys too) can be stored (no lone surrogate such as ``\\ud800``), every number
    is finite; walked without recursion, so a deep document cannot overflow the stack. The place
    of a value (``sessions[0].answer``) is spelled out only for the one that fails."""
    stack: list[tuple[Any, tuple | None]] = [(doc, None)]      # (value, (parent place, key))
    while stack:
        v, place = stack.pop()
        if isinstance(v, dict):
            for k, x in v.items():
                if isinstance(k, str) and not _storable(k):
                    _bad_text(k, (place, k))
                stack.append((x, (place, k)))
        elif isinstance(v, list):
            stack.extend((x, (place, i)) for i, x in enumerate(v))
        elif isinstance(v, str):
            if not _storable(v):
                _bad_text(v, place)
        elif isinstance(v, float) and not math.isfinite(v):
            raise _V.fail(_spell(place), f"expected a finite number, got {v!r}")


def _storable(text: str) -> bool:
    try:
        text.encode("utf-8")
        return True
    except UnicodeEncodeError:
        return False


def _bad_text(text: str, place: tuple | None) -> NoReturn:
    exc_at = next(i for i, ch in enumerate(text) if 0xD800 <= ord(ch) <= 0xDFFF)
    raise _V.fail(_spell(place), f"the text has an invalid character ({text[exc_at]!r} at {exc_at}: "
                  f"half of a UTF-16 pair, not a character)")


def _spell(place: tuple | None) -> str:
    keys: list = []
    while place is not None:
        place, key = place
        keys.append(key)
    out = ""
    for key in reversed(keys):
        out += f"[{key}]" if isinstance(key, int) else (f".{key}" if out else str(key))
    return out


def _check_settings(v: "_V", settings: Any, where: str) -> dict:
    """A session's settings; the job posting kept in them is held to the limits of a posting
    read from a file (1 MB; a tone mockint knows), so a rescore meets what an interview met."""
    # deferred: jobspec ~16-19 ms on a cold 'mockint history' (benchmarks/run.py); only to check an import
    from mockint.core.jobspec import MAX_POSTING_BYTES
    from mockint.core.jobspec.spec import TONES  # deferred: as above

    out = v.mapping(settings, where)
    job = out.get("job")
    if job is None:
        return out
    job = v.mapping(job, f"{where}.job")
    text, tone = job.get("text"), job.get("tone")
    if text is not None and len(v.text(text, f"{where}.job.text").encode("utf-8")) > MAX_POSTING_BYTES:
        raise v.fail(f"{where}.job.text", "over 1 MB; a job posting is a few pages of text")
    if tone is not None and v.text(tone, f"{where}.job.tone") not in TONES:
        raise v.fail(f"{where}.job.tone", f"expected one of {', '.join(TONES)}, got {_kind(tone)}")
    return out


def validate_export(doc: Any) -> list[dict[str, Any]]:
    """Checks a whole export document; returns its sessions, normalised (times in UTC)."""
    v = _V()
    if not isinstance(doc, dict) or doc.get("format") != EXPORT_FORMAT:
        raise MockintError(f"not a mockint history export (expected an object with \"format\": "
                           f"\"{EXPORT_FORMAT}\", as written by 'mockint export')")
    version = v.integer(doc.get("version"), "version", 1)
    if version > EXPORT_VERSION:
        raise MockintError(f"this export was made by a newer mockint (export version {version}; this one "
                           f"reads up to {EXPORT_VERSION}): upgrade mockint to import it")
    _check_values(doc)
    ids: dict[str, int] = {}
    return [_session(v, s, si, ids) for si, s in enumerate(v.array(doc.get("sessions"), "sessions"))]


def _session(v: _V, s: Any, si: int, ids: dict[str, int]) -> dict[str, Any]:
    """``sessions[si]``, normalised; ``ids``: the session ids seen so far (each once)."""
    w = f"sessions[{si}]"
    v.obj(s, w, ("id", "lang", "started_at", "answers"))
    sid = v.text(s["id"], f"{w}.id")
    if not _ID_RE.fullmatch(sid):
        raise v.fail(f"{w}.id", f"expected 32 hexadecimal digits, got {_kind(sid)}")
    if sid in ids:                       # one would be dropped silently
        raise v.fail(f"{w}.id", f"the session id {sid[:8]}… is also the id of sessions[{ids[sid]}]; "
                     f"each session of an export has its own id")
    ids[sid] = si
    lang = v.text(s["lang"], f"{w}.lang")
    if lang not in LANGS:
        raise v.fail(f"{w}.lang", f"expected one of {', '.join(LANGS)}, got {_kind(lang)}")
    settings = s.get("settings", {})
    readiness = s.get("readiness", {})
    qids = s.get("question_ids", [])
    ses: dict[str, Any] = {"id": sid, "lang": lang,
                           "started_at": v.time(s["started_at"], f"{w}.started_at"),
                           "finished_at": v.time(s.get("finished_at"), f"{w}.finished_at", allow_null=True),
                           "mockint_version": v.text(s.get("mockint_version", "unknown"), f"{w}.mockint_version"),
                           "settings": _check_settings(v, settings, f"{w}.settings"),
                           "readiness": {k: v.boolean(x, f"{w}.readiness.{k}")
                                         for k, x in v.mapping(readiness, f"{w}.readiness").items()},
                           "question_ids": [v.text(q, f"{w}.question_ids[{i}]")
                                            for i, q in enumerate(v.array(qids, f"{w}.question_ids"))],
                           "summary": v.mapping(s.get("summary"), f"{w}.summary", allow_null=True),
                           "answers": [], "drafts": []}
    seen: set[int] = set()
    for ai, a in enumerate(v.array(s["answers"], f"{w}.answers")):
        ses["answers"].append(_answer(v, a, f"{w}.answers[{ai}]", s["started_at"], seen))
    dseen: set[int] = set()
    for di, d in enumerate(v.array(s.get("drafts", []), f"{w}.drafts")):
        ses["drafts"].append(_draft(v, d, f"{w}.drafts[{di}]", s["started_at"], dseen))
    if s.get("call") is not None:
        call = v.obj(s["call"], f"{w}.call", ("scenario", "turns"))
        _check_call(call["turns"], call.get("result"), f"{w}.call")
        if ses["answers"]:
            raise v.fail(f"{w}.call", "a role-play call has turns, not answers")
        ses["call"] = {"scenario": v.text(call["scenario"], f"{w}.call.scenario"),
                       "turns": list(call["turns"]), "result": call.get("result")}
    return ses


def _answer(v: _V, a: Any, aw: str, started: Any, seen: set[int]) -> dict[str, Any]:
    """One answer of a session (at ``aw``) with its results; ``seen``: the indexes so far."""
    v.obj(a, aw, ("index", "question_text", "answer", "results"))
    idx = v.integer(a["index"], f"{aw}.index", 0, MAX_INDEX)
    if idx in seen:
        raise v.fail(f"{aw}.index", f"answer {idx} appears twice in the session")
    seen.add(idx)
    results = []
    for ri, r in enumerate(v.array(a["results"], f"{aw}.results")):
        rw = f"{aw}.results[{ri}]"
        v.obj(r, rw, ("result",))
        res = _check_result(r["result"], f"{rw}.result")
        results.append({"rubric_version": v.integer(r.get("rubric_version", res.get("rubric_version", 1)),
                                                    f"{rw}.rubric_version", 1, MAX_VERSION),
                        "shown": v.boolean(r.get("shown", ri == 0), f"{rw}.shown"),
                        "created_at": v.time(r.get("created_at", a.get("answered_at", started)), f"{rw}.created_at"),
                        "result": res})
    if not results:
        raise v.fail(f"{aw}.results", "needs at least one result")
    if not any(r["shown"] for r in results):
        results[0]["shown"] = True
    return {"index": idx, "question_id": v.text(a.get("question_id"), f"{aw}.question_id", allow_null=True),
            "question_text": v.text(a["question_text"], f"{aw}.question_text"),
            "answer": v.text(a["answer"], f"{aw}.answer"),
            "elapsed": v.number(a.get("elapsed"), f"{aw}.elapsed", allow_null=True),
            "answered_at": v.time(a.get("answered_at", started), f"{aw}.answered_at"),
            "follow_up": v.mapping(a.get("follow_up"), f"{aw}.follow_up", allow_null=True),
            "results": results}


def _draft(v: _V, d: Any, dw: str, started: Any, seen: set[int]) -> dict[str, Any]:
    """One unsent draft of a session (at ``dw``); ``seen``: the indexes so far."""
    v.obj(d, dw, ("index", "text"))
    idx = v.integer(d["index"], f"{dw}.index", 0, MAX_INDEX)
    if idx in seen:
        raise v.fail(f"{dw}.index", f"draft {idx} appears twice in the session")
    seen.add(idx)
    return {"index": idx, "question_id": v.text(d.get("question_id"), f"{dw}.question_id", allow_null=True),
            "text": v.text(d["text"], f"{dw}.text"),
            "saved_at": v.time(d.get("saved_at", started), f"{dw}.saved_at"),
            "elapsed": v.number(d.get("elapsed"), f"{dw}.elapsed", allow_null=True)}
