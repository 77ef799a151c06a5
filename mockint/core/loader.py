"""Loading the built-in (or given) bank and rubric for a language, validated against the guide."""

from __future__ import annotations

from functools import lru_cache
from pathlib import Path
from typing import TYPE_CHECKING

from mockint.core import resources
from mockint.core.bank import Bank, load_bank
from mockint.core.guide import fact_ids

if TYPE_CHECKING:   # rubrics and the engine pull in the matching stack: imported when first used
    from mockint.core.engine import Scorer
    from mockint.core.rubric import Rubric


@lru_cache(maxsize=8)
def bank(lang: str, path: str | None = None) -> Bank:
    p = Path(path) if path else resources.bank_dir() / f"{lang}.yaml"
    b = load_bank(p, fact_ids(), display=resources.display(p))
    if b.lang != lang and not path:
        raise AssertionError(f"{p} says lang {b.lang}")  # pragma: no cover - packaging error
    return b


@lru_cache(maxsize=8)
def rubric(lang: str, path: str | None = None) -> Rubric:
    from mockint.core.rubric import load_rubric

    p = Path(path) if path else resources.rubrics_dir() / f"{lang}.yaml"
    return load_rubric(p, fact_ids(), display=resources.display(p))


@lru_cache(maxsize=8)
def scorer(lang: str) -> Scorer:
    from mockint.core.engine import Scorer  # the scoring stack, only when scoring

    return Scorer(rubric(lang), bank(lang))
