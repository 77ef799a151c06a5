"""Shared display rules for evidence, used by every view (TUI, HTML, Markdown) alike."""

from __future__ import annotations

import re

# Checks whose evidence describes the whole answer (its topic words, its direct sentences): kept in
# every export, but not highlighted in the answer, where it would colour most of the text.
CONTEXT_KINDS = ("on_topic", "statements", "evidence")   # evidence: other checks' spans, marked by those


def highlighted(kind: str, effect: str) -> bool:
    """Whether evidence of a check of this kind and effect is highlighted in the answer."""
    return effect != "gate" and kind not in CONTEXT_KINDS


_PERCENT = re.compile(r"(?<=\d)[ \u00a0\u202f](?=%)")


def joined_percent(text: str) -> str:
    """``text`` with a figure and its "%" written together, "9%" for "9 %", as it is shown where
    lines wrap (a call read "vreo 9⏎% la 4 %"; Textual breaks lines at any space, a no-break space
    too)."""
    return _PERCENT.sub("", text)


def clipped(text: str, limit: int) -> str:
    """``text`` (its spacing folded) in at most ``limit`` characters: cut at the end of a word and
    ended with "…" when longer (a quote read "…for a new AE in the f…"); a first word longer than
    half the room is cut inside."""
    text = " ".join(text.split())
    if len(text) <= limit:
        return text
    cut = text[:limit - 1]                       # room for the "…"
    if text[limit - 1] != " ":                   # the cut falls inside a word: back to its start
        space = cut.rfind(" ")
        if space > limit // 2:
            cut = cut[:space]
    return cut.rstrip(" ,.;:") + "…"


def middle_clipped(text: str, limit: int) -> str:
    """``text`` in at most ``limit`` characters: its start and its end with "…" between them when
    longer, so a file's name keeps its extension ("tell-me-about-a-dea…competitor.en.yaml")."""
    if len(text) <= limit:
        return text
    if limit < 3:
        return text[:limit]
    tail = (limit - 1) // 2
    return text[:limit - 1 - tail] + "…" + text[len(text) - tail:]
