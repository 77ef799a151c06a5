r"""Where a rubric pattern can start: a plan that lets the pattern check skip most of the answer.

Python's ``re`` searches fast only from a literal prefix, and a leading ``\b`` hides it (~20x
slower on a 250-word answer than trying the few places a match can start). A pattern whose every
top-level alternative starts with ``\b`` and literal text can only match at the start of a token
(tokens are ``[^\W_]+(?:'[^\W_]+)*`` of the folded text, see :mod:`mockint.core.scoring.text`), so it is
tried only there, with ``match``: the same matches, several times faster.

A plan is ``(exact, prefixes)``: the token a match starts on must equal one of ``exact`` or begin
with one of ``prefixes``. ``\bi(?:'m| am) not\b`` plans to ``exact={"i'm", "i"}``: the token
ends where the pattern has a space, a hyphen or other punctuation; ``\b`` does not end it (``i'm``
is one token), so literal text followed by ``\b``, a class, a repeat or anything else not
understood here becomes a prefix. What cannot be planned returns ``None`` and is searched whole.
``tests/unit/test_pattern_plans.py`` checks on every shipped pattern that planning loses no match.
"""

from __future__ import annotations

import re
from collections.abc import Iterator
from typing import Any

from mockint.core.data import cache, regex_parse
from mockint.core.data.regex_parse import ops as C

_WORD = set("abcdefghijklmnopqrstuvwxyz0123456789'")
_ENDS = set(" -,;:!/")            # literal characters that end a token (\. too)
_DIGITS = tuple("0123456789")
_MAX = 64                         # more alternatives than this: not worth planning
_MAX_NEEDS = 4                    # more required texts than this: not worth a search each
_MAX_GROUPS = 3                   # the most telling requirements, no more
_RARE = set("$€£¥%#@&+=<>|~^*/\\[]{}")   # symbols rare in prose: worth a search alone

Plan = tuple[frozenset[str], tuple[str, ...]]         # (exact tokens, token prefixes)
CharPlan = tuple[frozenset[str], bool, re.Pattern[str]]   # (characters, at the start, their finder)
Needs = tuple[tuple[str, ...], ...]                      # groups of texts, one of each in every match
Analysis = tuple[Plan | None, CharPlan | None, Needs | None]
_NOTHING: Analysis = (None, None, None)


class _Unplannable(Exception):
    pass


def _class_end(s: str, i: int) -> int:
    j = s.find("]", i + 2)
    if j < 0:
        raise _Unplannable
    return j + 1


def _scan(s: str, i: int = 0) -> Iterator[tuple[int, str, int]]:
    """(index, character, depth after it) of each character of ``s`` from ``i`` that is not
    inside an escape or a character class."""
    depth = 0
    while i < len(s):
        ch = s[i]
        if ch == "\\":
            i += 2
            continue
        if ch == "[":
            i = _class_end(s, i)
            continue
        depth += (ch == "(") - (ch == ")")
        yield i, ch, depth
        i += 1


def _group_end(s: str, i: int) -> int:
    """Index after the ``)`` closing the group that opens at s[i]."""
    for j, _, depth in _scan(s, i):
        if depth == 0:
            return j + 1
    raise _Unplannable


def _alternatives(s: str) -> list[str]:
    alts, last, depth = [], 0, 0
    for i, ch, depth in _scan(s):
        if ch == "|" and depth == 0:
            alts.append(s[last:i])
            last = i + 1
    if depth:
        raise _Unplannable
    alts.append(s[last:])
    return alts


def _optional(s: str) -> bool:
    """Does a quantifier at the start of s allow zero repetitions?"""
    return s[:1] in ("?", "*") or s.startswith("{0") or s.startswith("{,")


def _repeat(s: str) -> bool:
    return s[:1] in ("+", "{")


def _repeated(rest: str, ch: str, cur: list[str]) -> list[str]:
    """Beginnings after ``ch`` that repeats (``rest`` starts with its quantifier): ``u+m`` begins
    ``uu`` or ``um``; ``m{2,}`` begins ``mm``; otherwise what is known so far."""
    if rest.startswith("+"):
        nxt = rest[1:2]
        if nxt and nxt in _WORD and not _optional(rest[2:]):
            return [p + ch for p in cur] + [p + nxt for p in cur]
        return cur
    digits = ""
    for c in rest[1:]:
        if not c.isdigit():
            break
        digits += c
    n = int(digits) if digits else 1
    return [p + ch * (min(n, 8) - 1) for p in cur]


def _seq(s: str, cur: list[str]) -> tuple[set[str], list[str], list[str]]:
    """Follow the sequence ``s`` from the token beginnings ``cur``.

    Returns (done, open, stopped): tokens known whole, beginnings still open at the end of
    ``s``, and beginnings where the analysis stopped (they become prefixes)."""
    done: set[str] = set()
    stopped: list[str] = []
    i = 0
    while i < len(s) and cur:
        if len(cur) > _MAX:
            raise _Unplannable
        ch = s[i]
        if ch in _WORD:
            if _optional(s[i + 1:]):
                return done, [], stopped + cur
            if ch == "'" and "" in cur:
                raise _Unplannable      # no token starts with one: "'d" is inside "i'd", search whole
            if ch == "'" and not (s[i + 1:i + 2] in _WORD and s[i + 1:i + 2] not in ("", "'")):
                done.update(cur)    # a token never ends with an apostrophe: "customers'" is "customers"
                return done, [], stopped
            cur = [p + ch for p in cur]
            if _repeat(s[i + 1:]):
                return done, [], stopped + _repeated(s[i + 1:], ch, cur)
            i += 1
        elif ch in _ENDS or s.startswith("\\s", i) or s.startswith("\\-", i) or s.startswith("\\.", i):
            if _optional(s[i + (2 if ch == "\\" else 1):]):
                return done, [], stopped + cur
            done.update(cur)
            return done, [], stopped
        elif s.startswith("(?:", i):
            end = _group_end(s, i)
            after = s[end:]
            new_open: list[str] = []
            for alt in _alternatives(s[i + 3:end - 1]):
                d, o, st = _seq(alt, cur)
                done |= d
                new_open += o
                stopped += st
            if _optional(after):
                new_open += cur
                end += 1
            elif _repeat(after):
                return done, [], stopped + new_open
            cur = list(dict.fromkeys(new_open))
            i = end
        elif s.startswith("\\d", i) and cur == [""]:
            return done, [], stopped + ([] if _optional(s[i + 2:]) else list(_DIGITS))
        else:                         # \b, a class, a lookaround, an anchor...: stop here
            return done, [], stopped + cur
    return done, cur, stopped


def _after_lookbehinds(alt: str) -> str:
    """``alt`` without the lookbehinds it starts with: they look before where a match starts and
    consume nothing, so a match still starts where the rest does (``match`` at a token checks
    them there). ``(?<![\\w-])`` and ``(?<!\\w)`` say what ``\\b`` says before a word."""
    boundary = False
    while alt.startswith(("(?<!", "(?<=")):
        end = _group_end(alt, 0)
        boundary |= alt[:end] in ("(?<![\\w-])", "(?<!\\w)")
        alt = alt[end:]
    return "\\b" + alt if boundary and not alt.startswith("\\b") else alt


_NAMED = re.compile(r"\(\?P<\w+>")


def plan(pattern: str) -> Plan | None:
    """The plan of a compiled pattern's source, or None when it must be searched whole. A named
    group (``(?P<hit>``) only says which words to quote: it is planned as ``(?:``."""
    try:
        alts = _alternatives(_NAMED.sub("(?:", pattern))
        exact: set[str] = set()
        prefixes: set[str] = set()
        for alt in alts:
            alt = _after_lookbehinds(alt)
            if not alt.startswith("\\b"):
                return None
            done, open_, stopped = _seq(alt[2:], [""])
            exact |= done
            prefixes.update(open_, stopped)
    except _Unplannable:
        return None
    if "" in exact or "" in prefixes or not (exact or prefixes):
        return None
    # a token is found once: drop what a shorter prefix already covers
    prefixes = {p for p in prefixes if not any(p != q and p.startswith(q) for q in prefixes)}
    exact = {w for w in exact if not any(w.startswith(p) for p in prefixes)}
    return frozenset(exact), tuple(sorted(prefixes))


def required_text(pattern: str) -> Needs | None:
    """What every match of ``pattern`` contains: groups of texts; each group has one text that
    the match holds (``(("try", "tried"), (" to",))`` for ``\\bi (?:try|tried) to\\b``). None
    when there is nothing worth looking for.

    ``"new to" in answer`` costs well under a microsecond; most patterns do not match most
    answers, so the check tries a pattern only when the answer holds a text of every group. The
    pattern is read with the standard library's own regex parser
    (:mod:`mockint.core.data.regex_parse`); whatever it cannot read safely gives None."""
    return regex_parse.read(pattern, _required_text, _no_plan)


def _no_plan(pattern: str) -> None:
    return None


def _required_text(tree: list[Any], flags: int) -> Needs | None:
    if flags & (re.IGNORECASE | re.VERBOSE):
        return None
    groups = sorted((g for g in _reqs(tree) if _score(g) >= 3),   # "e" in text: no help
                    key=lambda g: (-_score(g), sorted(g)))
    kept: list[set[str]] = []
    for g in groups:                    # a group that a kept one implies adds nothing
        if not any(all(any(t in k for t in g) for k in kg) for kg in kept):
            kept.append(g)
    return tuple(tuple(sorted(g)) for g in kept[:_MAX_GROUPS]) or None


def _score(req: set[str] | None) -> int:
    """How much a requirement helps: its shortest text's length (a currency sign or other rare
    symbol counts as 3); a long list of alternatives costs more to look for than the pattern
    itself (a substring search each), so it is none."""
    if not req or len(req) > _MAX_NEEDS:
        return 0
    return min(3 if len(t) == 1 and t in _RARE else len(t) for t in req)


def _lead(items: Any) -> str:
    """The literal text a parsed sequence starts with."""
    out = []
    for op, arg in items:
        if op is not C.LITERAL:
            break
        out.append(chr(arg))
    return "".join(out)


def _reqs(items: Any) -> list[set[str]]:
    """Every requirement of a sequence of parsed regex items: each a set of texts, one of which
    a match holds."""
    out: list[set[str]] = []
    run: list[str] = []

    def end_run() -> None:
        if run:
            out.append({"".join(run)})
            run.clear()

    for op, arg in items:
        if op is C.LITERAL:
            run.append(chr(arg))
            continue
        if op is C.BRANCH and run:         # "tr" + (y|ied): the parser's factoring of try|tried
            head = "".join(run)
            out.append({head + _lead(list(alt)) for alt in arg[1]})
        end_run()
        if op is C.SUBPATTERN:
            out += _reqs(list(arg[-1]))
        elif op is C.BRANCH:
            alts = [max(_reqs(list(alt)), key=_score, default=None) for alt in arg[1]]
            if all(alts):
                out.append({t for alt_req in alts if alt_req for t in alt_req})
        elif op is C.IN and arg and all(o is C.LITERAL for o, _ in arg):
            out.append({chr(v) for _, v in arg})       # [$€£]: one of these characters
        elif op in (C.MAX_REPEAT, C.MIN_REPEAT, C.POSSESSIVE_REPEAT) and arg[0] >= 1:
            out += _reqs(list(arg[2]))
    end_run()
    return out


def char_plan(pattern: str) -> CharPlan | None:
    """For a pattern that starts on punctuation or at the very beginning (``(?:^|[.!?,]\\s*)like``,
    ``^\\s*so\\b``, ``,\\s*(?:nu|corect)``): (the characters a match can start on, whether it can
    start at 0, a regex finding those characters). None when it can start on a word character,
    on anything else, or anywhere (then :func:`plan` or a full search applies)."""
    return regex_parse.read(pattern, _char_plan, _no_plan)


def _char_plan(tree: list[Any], flags: int) -> CharPlan | None:
    if flags & (re.IGNORECASE | re.MULTILINE | re.VERBOSE):
        return None
    got = _first_chars(list(tree))
    if got is None:
        return None
    chars, at_start = got
    if any(ch.isalnum() or ch == "_" for ch in chars) or not (chars or at_start):
        return None
    return frozenset(chars), at_start, _finder(frozenset(chars))


def _first_chars(items: list[Any]) -> tuple[set[str], bool] | None:
    """What a sequence of parsed items can begin with: (characters, the start of the text)."""
    if not items:
        return None
    op, arg = items[0]
    if op is C.AT and arg in (C.AT_BEGINNING, C.AT_BEGINNING_STRING):
        return set(), True
    if op is C.LITERAL:
        return {chr(arg)}, False
    if op is C.IN and arg and all(o is C.LITERAL for o, _ in arg):
        return {chr(v) for _, v in arg}, False
    if op is C.SUBPATTERN:
        return _first_chars(list(arg[-1]))
    if op in (C.MAX_REPEAT, C.MIN_REPEAT) and arg[0] >= 1:
        return _first_chars(list(arg[2]))
    if op is C.BRANCH:
        chars: set[str] = set()
        at_start = False
        for alt in arg[1]:
            got = _first_chars(list(alt))
            if got is None:
                return None
            chars |= got[0]
            at_start = at_start or got[1]
        return chars, at_start
    return None


# -- memo and on-disk cache: reading ~90 patterns with the regex parser costs ~10 ms per rubric,
#    which every cold `mockint score` would pay; the results are kept in the disk cache.
_FORMAT = 5     # 2: leading lookbehinds are planned past; 3: a final apostrophe; 4: a leading one; 5: data.cache
_MEMO: dict[str, tuple[Plan | None, tuple[frozenset[str], bool] | None, Needs | None]] = {}


def analysis(pattern: str) -> Analysis:
    """(plan, char plan, required texts) of a pattern, memoised (see :func:`warm`). Without the
    regex parser (:func:`mockint.core.data.regex_parse.usable`), nothing: the pattern is searched
    over the whole answer."""
    if not regex_parse.usable():
        return _NOTHING
    got = _MEMO.get(pattern)
    if got is None:
        cp = char_plan(pattern)
        got = _MEMO[pattern] = (plan(pattern), None if cp is None else (cp[0], cp[1]), required_text(pattern))
    p, kept, needs = got
    return p, (None if kept is None else (kept[0], kept[1], _finder(kept[0]))), needs


def _finder(chars: frozenset[str]) -> re.Pattern[str]:
    return re.compile("[" + "".join(re.escape(ch) for ch in sorted(chars)) + "]") if chars else re.compile("(?!)")


def warm(patterns: list[str]) -> None:
    """Fill the memo for these patterns from the disk cache (:mod:`mockint.core.data.cache`, under
    a key made from the patterns), or work them out and keep them there. Any problem with the
    cache: worked out. Without the regex parser, nothing to fill (see :func:`analysis`)."""
    todo = sorted({p for p in patterns if p not in _MEMO})
    if not todo or not regex_parse.usable():
        return
    entry = cache.key(f"plans-{_FORMAT}", *todo)
    stored = cache.read(entry)
    if isinstance(stored, list) and len(stored) == len(todo):
        _MEMO.update(zip(todo, stored))
        return
    for pat in todo:
        analysis(pat)
    cache.write(entry, [_MEMO[pat] for pat in todo])
