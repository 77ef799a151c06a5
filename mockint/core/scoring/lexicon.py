"""The words a scorer knows, gathered from its rubric and bank: known words (the rubric's word
lists and ``known_words``, the bank's questions, talking points and replies), never read as
typos, and keyword targets (the phrases of phrase and claims checks, the talking points' phrases),
what a typo is read as. :class:`mockint.core.scoring.matching.Lexicon` holds them.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

from mockint.core.scoring.matching import Lexicon
from mockint.core.scoring.model import Rubric
from mockint.core.scoring.text import phrase_tokens

if TYPE_CHECKING:
    from mockint.core.questions.bank import Bank


def build_lexicon(rubric: Rubric, bank: Bank | None) -> Lexicon:
    """Known words (never read as typos) and keyword targets (what typos resolve to).

    Texts are joined and tokenised in one pass: ~1 ms instead of ~12 ms for a whole bank."""
    fz = rubric.fuzzy
    known_texts: list[str] = list(rubric.known_words)
    target_texts: list[str] = []
    for words in rubric.lists.values():
        known_texts += words
    for crit in rubric.criteria:
        for spec in crit.checks:
            if spec.kind in ("phrases", "claims"):
                target_texts += spec.options.get("phrases", []) + spec.options.get("lists", [])
    if bank is not None:
        for q in bank.questions:
            known_texts += [q.text] + q.terms
            for tp in q.talking_points:
                target_texts += tp.phrases
                known_texts += [tp.summary, tp.follow_up]
        for r in bank.replies:
            known_texts += r.phrases + [r.text]
    targets = {w for w in phrase_tokens("\n".join(target_texts))
               if len(w) >= fz.min_length and w.isalpha()}
    known = set(phrase_tokens("\n".join(known_texts))) | targets
    return Lexicon(rubric.lang, known, targets)
