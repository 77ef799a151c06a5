"""Interface strings in English and Romanian (the rubric and bank carry their own wording)."""

from __future__ import annotations

STRINGS: dict[str, dict[str, str]] = {
    "en": {
        "score": "Score", "words": "words", "capped": "score capped at {max}", "bonus": "bonus",
        "guide": "guide", "follow_up": "follow-up", "more_evidence": "{n} more",
        "adhoc_question": "Question", "criterion": "Criterion", "answer": "Answer",
        "session": "Session", "asked_back": "Asked questions back", "yes": "yes", "no": "no",
        "practise_next": "Practise next",
        "term": "Term", "job_questions": "Questions from the posting", "job_fit": "Job fit",
        "covered_in": "Covered in answers", "not_covered": "not yet covered",
        "kind": "kind", "weight": "weight", "count": "count", "tone": "Tone",
        "kind.tool": "tool", "kind.figure": "figure", "kind.industry": "industry", "kind.skill": "skill",
        "kind.responsibility": "responsibility", "kind.phrase": "phrase", "kind.generic": "generic",
        "tag.common": "common", "tag.responsibilities": "responsibilities", "tag.skills": "skills",
        "tag.role": "role", "tag.pay": "pay", "tag.tips": "tips", "tag.closing": "closing",
        "tag.behavioural": "behavioural", "tag.situational": "situational", "tag.knowledge": "knowledge",
        "tag.easy": "easy", "tag.medium": "medium", "tag.hard": "hard",
    },
    "ro": {
        "score": "Scor", "words": "cuvinte", "capped": "scor limitat la {max}", "bonus": "bonus",
        "guide": "ghid", "follow_up": "întrebare suplimentară", "more_evidence": "încă {n}",
        "adhoc_question": "Întrebare", "criterion": "Criteriu", "answer": "Răspuns",
        "session": "Sesiune", "asked_back": "Întrebări puse intervievatorului", "yes": "da", "no": "nu",
        "practise_next": "De exersat în continuare",
        "term": "Termen", "job_questions": "Întrebări din anunț", "job_fit": "Potrivire cu anunțul",
        "covered_in": "Acoperit în răspunsurile", "not_covered": "încă neacoperit",
        "kind": "tip", "weight": "pondere", "count": "apariții", "tone": "Ton",
        "kind.tool": "instrument", "kind.figure": "cifră", "kind.industry": "domeniu", "kind.skill": "abilitate",
        "kind.responsibility": "responsabilitate", "kind.phrase": "expresie", "kind.generic": "general",
        "tag.common": "comune", "tag.responsibilities": "responsabilități", "tag.skills": "abilități",
        "tag.role": "rol", "tag.pay": "salariu", "tag.tips": "sfaturi", "tag.closing": "încheiere",
        "tag.behavioural": "comportamentală", "tag.situational": "situațională", "tag.knowledge": "cunoștințe",
        "tag.easy": "ușoară", "tag.medium": "medie", "tag.hard": "grea",
    },
}


def t(lang: str, key: str, **kw) -> str:
    table = STRINGS.get(lang, STRINGS["en"])
    text = table.get(key) or STRINGS["en"][key]
    return text.format(**kw) if kw else text


def tag(lang: str, value: str) -> str:
    """A question's tag (topic, kind, difficulty) as shown in ``lang``; the id itself when unknown
    (``--tag`` always takes the English id)."""
    table = STRINGS.get(lang, STRINGS["en"])
    return table.get(f"tag.{value}") or value


def ro_count(n: int) -> str:
    """A number as Romanian puts it before a plural noun: from 20 on, "de" follows ("20 de
    întrebări", "101 întrebări", "120 de întrebări")."""
    return f"{n} de" if n >= 20 and (n % 100 == 0 or n % 100 >= 20) else str(n)
