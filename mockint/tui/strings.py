"""Every string of the interview TUI, in English and Romanian. Data only.

Binding descriptions are looked up as ``key.<binding id>``; question-set names as ``set.<id>``;
readiness items as ``ready.<id>``.
"""

from __future__ import annotations

STRINGS: dict[str, dict[str, str]] = {
    "en": {
        "app.title": "mockint: mock interview coach",
        # bindings
        "key.quit": "Quit", "key.help": "Help", "key.theme": "Light/dark", "key.palette": "Commands",
        "key.start": "Start", "key.continue": "Continue", "key.submit": "Submit", "key.skip": "Skip",
        "key.close": "Close", "key.retry": "Practise again", "key.new": "New interview",
        "key.yes": "Yes", "key.no": "No", "key.cancel": "Cancel",
        # start screen
        "start.title": "Mock interview for a sales / Account Executive role",
        "start.lang": "Language", "start.set": "Questions", "start.count": "Number of questions",
        "start.count_hint": "empty: the whole set (a full interview: 8)",
        "start.feedback": "Feedback", "start.feedback_each": "after each answer",
        "start.feedback_end": "at the end", "start.timer": "Time each answer", "start.go": "Start",
        "start.bad_count": "The number of questions must be a whole number from 1 to 50.",
        "set.full": "Full interview (mixed, ends with your questions)",
        "set.common": "Common questions (experience, why sales, a mistake)",
        "set.skills": "Skills", "set.responsibilities": "Responsibilities",
        "set.role": "The AE role and pay",
        # readiness
        "ready.title": "Before you start: are you ready?",
        "ready.intro": "Tick what you have done. Preparation is part of the interview.",
        "ready.researched_company": "I researched the company: its products, customers and culture",
        "ready.read_job_spec": "I read the job description and know what I would ask about it",
        "ready.three_stories": "I have three real stories ready, with numbers",
        "ready.questions_ready": "I have my own questions for the interviewer",
        "ready.on_time_setup": "I am on time, in a quiet place, with my setup tested",
        "ready.go": "Continue",
        # interview
        "iv.progress": "Question {n} of {total}", "iv.follow_up": "follow-up",
        "iv.you": "You", "iv.interviewer": "Interviewer",
        "iv.placeholder": "Type your answer. Enter: new line · Ctrl+S: submit",
        "iv.submit": "Submit", "iv.hint": "Enter: new line · Ctrl+S: submit",
        "iv.empty": "Write an answer first (or skip the question from the command palette).",
        "iv.scoring": "Scoring your answer…", "iv.time_left": "⏱ {time}",
        "iv.time_up": "⏱ time's up", "iv.time_up_note": "Time's up for this answer; finish your thought.",
        "iv.over": "The interview is over.", "iv.no_interview": "No interview in progress.",
        "iv.skipped": "Question skipped.", "iv.restarted": "Interview restarted.",
        # live coach
        "coach.title": "Live coach", "coach.example": "Example", "coach.number": "A number",
        "coach.result": "A result", "coach.hedges": "Hedges", "coach.fillers": "Fillers",
        "coach.question_back": "Question back", "coach.words": "Words",
        "coach.range": "{words} of {min}–{max}", "coach.short": "too short", "coach.long": "too long",
        "coach.ok": "good length", "coach.waiting": "Start typing: tips appear here.",
        # feedback
        "fb.title": "Feedback: question {n} of {total}", "fb.score": "Score",
        "fb.answer": "Your answer", "fb.legend": "green: credited · red: penalised · orange: repeated",
        "fb.marks": "Marks", "fb.continue": "Continue", "fb.capped": "Score capped at {max}: {reason}",
        "fb.more": "… and {n} more",
        # summary
        "sum.title": "Interview summary", "sum.score": "Overall score",
        "sum.criteria": "By criterion", "sum.readiness": "Readiness", "sum.weakest": "Three weakest points",
        "sum.retry": "Questions to practise again", "sum.none": "None: well done.",
        "sum.answers": "Your answers", "sum.skipped": "skipped",
        "sum.asked_back": "You asked questions back: {yes_no}", "yes": "yes", "no": "no",
        "sum.retry_button": "Practise these again", "sum.new": "New interview", "sum.quit": "Quit",
        "sum.no_answers": "No answers were scored.",
        # help, confirm, commands
        "help.title": "Keys", "help.where": "Where", "help.key": "Key", "help.what": "What it does",
        "help.close": "Close", "help.everywhere": "Everywhere", "help.newline": "Add a new line (never submits)",
        "where.start": "Start", "where.ready": "Readiness", "where.interview": "Interview",
        "where.answer": "Answer box", "where.feedback": "Feedback", "where.summary": "Summary",
        "where.help": "Help", "where.confirm": "Confirm",
        "confirm.quit": "An interview is in progress. Quit anyway?",
        "cmd.skip": "interview: skip question", "cmd.skip_help": "Move on to the next question",
        "cmd.end": "interview: end now", "cmd.end_help": "Stop and see the summary",
        "cmd.restart": "interview: restart", "cmd.restart_help": "Start the same questions again",
        "error": "Error",
    },
    "ro": {
        "app.title": "mockint: antrenor pentru interviuri",
        "key.quit": "Ieșire", "key.help": "Ajutor", "key.theme": "Luminos/întunecat", "key.palette": "Comenzi",
        "key.start": "Începe", "key.continue": "Continuă", "key.submit": "Trimite", "key.skip": "Sari peste",
        "key.close": "Închide", "key.retry": "Exersează din nou", "key.new": "Interviu nou",
        "key.yes": "Da", "key.no": "Nu", "key.cancel": "Anulează",
        "start.title": "Simulare de interviu pentru un post de vânzări / Account Executive",
        "start.lang": "Limba", "start.set": "Întrebări", "start.count": "Număr de întrebări",
        "start.count_hint": "gol: tot setul (un interviu complet: 8)",
        "start.feedback": "Feedback", "start.feedback_each": "după fiecare răspuns",
        "start.feedback_end": "la final", "start.timer": "Cronometrează răspunsurile", "start.go": "Începe",
        "start.bad_count": "Numărul de întrebări trebuie să fie un număr întreg între 1 și 50.",
        "set.full": "Interviu complet (mixt, se încheie cu întrebările dumneavoastră)",
        "set.common": "Întrebări uzuale (experiență, de ce vânzări, o greșeală)",
        "set.skills": "Abilități", "set.responsibilities": "Responsabilități",
        "set.role": "Rolul de AE și salariul",
        "ready.title": "Înainte de a începe: sunteți pregătit?",
        "ready.intro": "Bifați ce ați făcut. Pregătirea face parte din interviu.",
        "ready.researched_company": "M-am documentat despre companie: produse, clienți și cultură",
        "ready.read_job_spec": "Am citit descrierea postului și știu ce aș vrea să clarific",
        "ready.three_stories": "Am pregătite trei exemple reale, cu cifre",
        "ready.questions_ready": "Am propriile întrebări pentru intervievator",
        "ready.on_time_setup": "Sunt la timp, într-un loc liniștit, cu tehnica verificată",
        "ready.go": "Continuă",
        "iv.progress": "Întrebarea {n} din {total}", "iv.follow_up": "întrebare suplimentară",
        "iv.you": "Dumneavoastră", "iv.interviewer": "Intervievator",
        "iv.placeholder": "Scrieți răspunsul. Enter: rând nou · Ctrl+S: trimite",
        "iv.submit": "Trimite", "iv.hint": "Enter: rând nou · Ctrl+S: trimite",
        "iv.empty": "Scrieți mai întâi un răspuns (sau săriți întrebarea din paleta de comenzi).",
        "iv.scoring": "Se evaluează răspunsul…", "iv.time_left": "⏱ {time}",
        "iv.time_up": "⏱ timpul a expirat",
        "iv.time_up_note": "Timpul pentru acest răspuns a expirat; încheiați ideea.",
        "iv.over": "Interviul s-a încheiat.", "iv.no_interview": "Niciun interviu în desfășurare.",
        "iv.skipped": "Întrebare sărită.", "iv.restarted": "Interviul a reînceput.",
        "coach.title": "Antrenor live", "coach.example": "Exemplu", "coach.number": "O cifră",
        "coach.result": "Un rezultat", "coach.hedges": "Ezitări", "coach.fillers": "Cuvinte de umplutură",
        "coach.question_back": "Întrebare pusă", "coach.words": "Cuvinte",
        "coach.range": "{words} din {min}–{max}", "coach.short": "prea scurt", "coach.long": "prea lung",
        "coach.ok": "lungime bună", "coach.waiting": "Începeți să scrieți: sfaturile apar aici.",
        "fb.title": "Feedback: întrebarea {n} din {total}", "fb.score": "Scor",
        "fb.answer": "Răspunsul dumneavoastră",
        "fb.legend": "verde: punctat · roșu: penalizat · portocaliu: repetat",
        "fb.marks": "Marcaje", "fb.continue": "Continuă", "fb.capped": "Scor limitat la {max}: {reason}",
        "fb.more": "… și încă {n}",
        "sum.title": "Rezumatul interviului", "sum.score": "Scor general",
        "sum.criteria": "Pe criterii", "sum.readiness": "Pregătire", "sum.weakest": "Cele mai slabe trei puncte",
        "sum.retry": "Întrebări de exersat din nou", "sum.none": "Niciuna: felicitări.",
        "sum.answers": "Răspunsurile dumneavoastră", "sum.skipped": "sărită",
        "sum.asked_back": "Ați pus întrebări la rândul dumneavoastră: {yes_no}", "yes": "da", "no": "nu",
        "sum.retry_button": "Exersează-le din nou", "sum.new": "Interviu nou", "sum.quit": "Ieșire",
        "sum.no_answers": "Niciun răspuns nu a fost evaluat.",
        "help.title": "Taste", "help.where": "Unde", "help.key": "Tasta", "help.what": "Ce face",
        "help.close": "Închide", "help.everywhere": "Peste tot", "help.newline": "Rând nou (nu trimite răspunsul)",
        "where.start": "Start", "where.ready": "Pregătire", "where.interview": "Interviu",
        "where.answer": "Caseta de răspuns", "where.feedback": "Feedback", "where.summary": "Rezumat",
        "where.help": "Ajutor", "where.confirm": "Confirmare",
        "confirm.quit": "Un interviu este în desfășurare. Ieșiți totuși?",
        "cmd.skip": "interviu: sari peste întrebare", "cmd.skip_help": "Treceți la întrebarea următoare",
        "cmd.end": "interviu: încheie acum", "cmd.end_help": "Opriți interviul și vedeți rezumatul",
        "cmd.restart": "interviu: reîncepe", "cmd.restart_help": "Reluați aceleași întrebări",
        "error": "Eroare",
    },
}


def tr(lang: str, key: str, **kw: object) -> str:
    """The string ``key`` in ``lang`` (English when missing), formatted with ``kw``."""
    text = STRINGS.get(lang, STRINGS["en"]).get(key) or STRINGS["en"][key]
    return text.format(**kw) if kw else text


def has(key: str) -> bool:
    return key in STRINGS["en"]
