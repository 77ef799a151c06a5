"""Every string of the interview TUI, in English (:mod:`.en`) and Romanian (:mod:`.ro`).

Binding descriptions are looked up as ``key.<binding id>``; question-set names as ``set.<id>``;
readiness items as ``ready.<id>``.
"""

from __future__ import annotations

from mockint.tui.strings.en import EN
from mockint.tui.strings.ro import RO

STRINGS: dict[str, dict[str, str]] = {"en": EN, "ro": RO}


def tr(lang: str, key: str, **kw: object) -> str:
    """The string ``key`` in ``lang`` (English when missing), formatted with ``kw``."""
    text = STRINGS.get(lang, STRINGS["en"]).get(key) or STRINGS["en"][key]
    return text.format(**kw) if kw else text


def has(key: str) -> bool:
    return key in STRINGS["en"]
