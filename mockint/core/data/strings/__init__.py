"""mockint's own wording, one catalogue per language: :mod:`.en` and :mod:`.ro` (the rubric, the
bank and the role-play scenarios carry their own wording, in YAML). The core, the CLI and the TUI
all look strings up here, with :func:`tr`.

Keys are namespaced by where they are used (``report.title``, ``interview.opening``,
``change.more``, ``start.title``, ``qb.col.text``); words said the same way in several places have
one key of their own (``score``, ``follow_up``, ``ready.<item id>``). Families looked up by an id:
``key.<binding id>`` (a binding's description, and the label of a button that does the same),
``where.<screen>``, ``set.<question set>``, ``lang.<code>``, ``tone.<tone>``, ``kind.<term kind>``,
``tag.<tag>``, ``hist.col.<column>``, ``qb.col.<column>``, ``err.<MockintError.message_id>``.
Both languages have the same keys with the same ``{fields}`` (tests/unit/test_strings.py).
"""

from __future__ import annotations

from mockint.core.data.strings.en import EN
from mockint.core.data.strings.ro import RO

STRINGS: dict[str, dict[str, str]] = {"en": EN, "ro": RO}


def tr(lang: str, key: str, **fields: object) -> str:
    """The string ``key`` in ``lang`` (English when the language or the key is missing there),
    with its ``{fields}`` filled in when any are given. An unknown key raises KeyError."""
    text = STRINGS.get(lang, EN).get(key) or EN[key]
    return text.format(**fields) if fields else text


def has(key: str) -> bool:
    """Whether ``key`` is in the catalogue (e.g. a binding or an error with a translation)."""
    return key in EN


def tag(lang: str, value: str) -> str:
    """A question's tag (topic, kind, difficulty) as shown in ``lang``; the id itself when unknown
    (``--tag`` always takes the English id)."""
    return STRINGS.get(lang, EN).get(f"tag.{value}") or value


def tag_id(value: str) -> str:
    """The tag id for a tag as any language shows it ("ușoară", "usoara" -> "easy"); ``value``
    itself when it is no shown tag (an id, or a typo the caller reports)."""
    import unicodedata

    def plain(text: str) -> str:
        return "".join(c for c in unicodedata.normalize("NFD", text.casefold()) if not unicodedata.combining(c))

    want = plain(value.strip())
    for strings in STRINGS.values():
        for key, shown in strings.items():
            if key.startswith("tag.") and plain(shown) == want:
                return key[4:]
    return value


def ro_count(n: int) -> str:
    """A number as Romanian puts it before a plural noun: from 20 on, "de" follows ("20 de
    întrebări", "101 întrebări", "120 de întrebări")."""
    return f"{n} de" if n >= 20 and (n % 100 == 0 or n % 100 >= 20) else str(n)


def more(lang: str, n: int) -> str:
    """" (+N more)" / " (și încă N)" after a list cut short by ``n`` items; "" when nothing was left out."""
    return " " + tr(lang, "more_evidence", n=n) if n > 0 else ""


def words(lang: str, n: int) -> str:
    """A count of words as ``lang`` says it: "1 word", "26 words"; "1 cuvânt", "7 cuvinte",
    "26 de cuvinte"."""
    if n == 1:
        return f"1 {tr(lang, 'word_one')}"
    return f"{ro_count(n) if lang == 'ro' else n} {tr(lang, 'words')}"
