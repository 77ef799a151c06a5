"""Finding one of the user's questions by id, for ``questions edit`` and ``questions remove``: a
question that loads, and also one that does not validate (left out when mockint loads the banks),
so that the user can open its file and fix it, or remove it.

A question that does not validate is found in its file's text as far as it can be read (``lang``
and the ``id`` of each item of ``questions``), else by the name ``questions add`` gives a file
(``<id>.<lang>.yaml``): a file broken beyond reading as YAML is still found by its name.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from pathlib import Path

from mockint.core.bank.userbank import bank_dir, data_files, display, user_questions
from mockint.core.data.errors import MockintError
from mockint.core.data.langs import LANGS
from mockint.core.data.yamlfile import load_yaml_cached, read_data
from mockint.core.questions.bank import Question

_NAMED = re.compile(r"(?P<id>.+)\.(?P<lang>[a-z]{2})\.ya?ml", re.IGNORECASE)


@dataclass(frozen=True)
class Found:
    """A user question's file: ``question`` None when it does not validate; ``ids``: the ids of
    every question the file holds (this one too), as its text gives them."""
    lang: str | None                # None: the file names no language mockint knows
    path: Path
    question: Question | None
    ids: tuple[str, ...]

    def where(self) -> str:
        """'en', 'en (its file does not validate)'."""
        lang = self.lang or "an unknown language"
        return lang if self.question is not None else f"{lang} (its file does not validate)"


def file_ids(path: Path) -> tuple[str | None, tuple[str, ...]]:
    """(language, question ids) of a bank file as far as its text can be read, also when it does
    not validate; from its name (``<id>.<lang>.yaml``) for what the text does not give."""
    m = _NAMED.fullmatch(path.name)
    lang = m.group("lang").lower() if m and m.group("lang").lower() in LANGS else None
    named = (m.group("id"),) if m else ()
    try:
        data = load_yaml_cached(read_data(path, display(path)), display(path))
    except (MockintError, OSError, ValueError, RecursionError):
        return lang, named
    if not isinstance(data, dict):
        return lang, named
    if data.get("lang") in LANGS:
        lang = data["lang"]
    items = data.get("questions")
    ids = tuple(x["id"] for x in items if isinstance(x, dict) and isinstance(x.get("id"), str)) \
        if isinstance(items, list) else ()
    return lang, ids or named


def find(qid: str, lang: str | None = None) -> list[Found]:
    """Every file of the user's folder holding the question ``qid`` (in ``lang``): the ones that
    load first, then the ones where it does not validate."""
    files = {p: file_ids(p) for p in data_files(bank_dir())}
    loaded = [(q, p) for q, p in user_questions(None) if q.id == qid]
    out = [Found(q.lang, p, q, files.get(p, (None, (qid,)))[1]) for q, p in loaded]
    seen = {p for _, p in loaded}
    out += [Found(flang, p, None, ids) for p, (flang, ids) in files.items() if qid in ids and p not in seen]
    if lang is None:
        return out
    return [f for f in out if f.lang == lang] or [f for f in out if f.lang is None]


def all_ids(lang: str | None = None) -> list[str]:
    """The ids of the user's questions (in ``lang``), whether they validate or not."""
    ids: set[str] = set()
    for p in data_files(bank_dir()):
        flang, found = file_ids(p)
        if lang is None or flang in (lang, None):
            ids.update(found)
    return sorted(ids)
