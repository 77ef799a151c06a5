"""What a posting is read into: its terms (:class:`Term`, with the phrases that cover one) and
the :class:`JobContext` an interview is tailored to (the terms kept, a tone)."""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Any

from mockint.core.scoring.matching import PhraseSet
from mockint.core.scoring.text import fold, phrase_tokens


@dataclass
class Term:
    text: str                       # as the posting writes it (vocabulary terms: as the YAML does)
    kind: str
    weight: float
    spans: list[tuple[int, int]]    # offsets into the posting
    phrases: list[str] = field(default_factory=list)   # what an answer must say to cover it
    ask: bool = True                # a question may be built from it (a figure's ``ask``)

    @property
    def key(self) -> str:
        return "-".join(phrase_tokens(self.text)) or fold(self.text)

    @property
    def useful(self) -> bool:
        return self.kind != "generic"

    def to_dict(self) -> dict[str, Any]:
        return {"term": self.text, "key": self.key, "kind": self.kind, "weight": self.weight,
                "count": len(self.spans), "spans": [list(s) for s in self.spans]}


@dataclass
class JobContext:
    lang: str
    terms: list[Term] = field(default_factory=list)     # useful terms only (job_fit)
    all_terms: list[Term] = field(default_factory=list)
    tone: str | None = None
    source: str = ""
    _sets: dict[str, PhraseSet] = field(default_factory=dict, repr=False)

    def phrase_set(self, term: Term) -> PhraseSet:
        ps = self._sets.get(term.key)
        if ps is None:
            ps = self._sets[term.key] = PhraseSet(term.phrases, self.lang, window=1, fuzzy=None)
        return ps
