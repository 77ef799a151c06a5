"""Text that is safe to show: no control characters reach the terminal (issue 16).

An imported session, a bank or an answer can hold terminal escapes (``ESC ]0;…BEL`` changes the
window title, other sequences move the cursor or clear the screen) and bidi overrides that reorder
what is shown. ``printable`` replaces each of them with one visible character (a Control Pictures
sign such as ␛, or �), so offsets into the text (evidence spans) stay right; line breaks and tabs
are kept unless ``keep`` says otherwise.
"""

from __future__ import annotations

import re

_CTRL = re.compile("[\x00-\x1f\x7f-\x9f\u200e\u200f\u202a-\u202e\u2066-\u2069]")


def _picture(ch: str, keep: str) -> str:
    if ch in keep:
        return ch
    code = ord(ch)
    if code < 0x20:
        return chr(0x2400 + code)          # ␀ … ␟ (␛ for ESC)
    if code == 0x7f:
        return "\u2421"                    # ␡
    return "\ufffd"                        # C1 controls, bidi marks and overrides


def printable(text: str, keep: str = "\n\t") -> str:
    """``text`` with every control character but ``keep`` replaced by one visible character."""
    if not _CTRL.search(text):
        return text
    return _CTRL.sub(lambda m: _picture(m.group(), keep), text)
