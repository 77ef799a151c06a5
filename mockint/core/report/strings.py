"""The interface strings of a session's reports (JSON keys aside), in both languages: headings,
labels, notes and the readiness checklist's items. The rubric and the bank carry their own wording."""

from __future__ import annotations

from typing import Any

# Interface strings of the reports (the rubric and bank carry their own wording).
STRINGS: dict[str, dict[str, str]] = {
    "en": {
        "title": "Interview report", "session": "Session", "started": "Started", "finished": "Finished",
        "unfinished": "not finished", "language": "Language", "score": "Score", "answers": "Answers",
        "criteria": "By criterion", "criterion": "Criterion", "readiness": "Readiness", "weakest": "Practise next",
        "answer": "Answer", "your_answer": "Your answer", "words": "words", "elapsed": "time",
        "capped": "score capped at {max}", "follow_up": "follow-up", "guide": "Guide",
        "asked_back": "Asked questions back", "yes": "yes", "no": "no", "none": "none",
        "legend": "Highlights: green = credited, red = penalised, orange = repeated.",
        "rescored": "re-scored with rubric version {v} on {at}: {score}/100 (the result above is the one shown then)",
        "rubric": "rubric version", "made_by": "Made by mockint {version}, offline.",
        "follow_up_asked": "Follow-up asked", "replies": "The interviewer answered",
        "ready.researched_company": "I researched the company: its products, customers and culture",
        "ready.read_job_spec": "I read the job description and know what I would ask about it",
        "ready.three_stories": "I have three real stories ready, with numbers",
        "ready.questions_ready": "I have my own questions for the interviewer",
        "ready.on_time_setup": "I am on time, in a quiet place, with my setup tested",
    },
    "ro": {
        "title": "Raportul interviului", "session": "Sesiune", "started": "Început", "finished": "Încheiat",
        "unfinished": "neîncheiat", "language": "Limba", "score": "Scor", "answers": "Răspunsuri",
        "criteria": "Pe criterii", "criterion": "Criteriu", "readiness": "Pregătire",
        "weakest": "De exersat în continuare",
        "answer": "Răspuns", "your_answer": "Răspunsul dumneavoastră", "words": "cuvinte", "elapsed": "timp",
        "capped": "scor limitat la {max}", "follow_up": "întrebare suplimentară", "guide": "Ghid",
        "asked_back": "Întrebări puse intervievatorului", "yes": "da", "no": "nu", "none": "niciunul",
        "legend": "Marcaje: verde = punctat, roșu = penalizat, portocaliu = repetat.",
        "rescored": "reevaluat cu rubrica versiunea {v} la {at}: {score}/100 "
                    "(rezultatul de mai sus este cel arătat atunci)",
        "rubric": "versiunea rubricii", "made_by": "Generat de mockint {version}, offline.",
        "follow_up_asked": "Întrebare suplimentară pusă", "replies": "Intervievatorul a răspuns",
        "ready.researched_company": "M-am documentat despre companie: produse, clienți și cultură",
        "ready.read_job_spec": "Am citit descrierea postului și știu ce aș vrea să clarific",
        "ready.three_stories": "Am pregătite trei exemple reale, cu cifre",
        "ready.questions_ready": "Am propriile întrebări pentru intervievator",
        "ready.on_time_setup": "Sunt la timp, într-un loc liniștit, cu tehnica verificată",
    },
}


def _t(lang: str, key: str, **kw: Any) -> str:
    text = STRINGS.get(lang, STRINGS["en"]).get(key) or STRINGS["en"].get(key) or key
    return text.format(**kw) if kw else text
