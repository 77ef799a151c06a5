"""Three role-play calls of a first-time user (December 2026), as typed: the tests of the defects they
showed (tests/unit/test_roleplay_*.py) replay them."""

from __future__ import annotations

# English, sell-pen: a need uncovered, the price objection handled, a close refused after a buying signal
PEN_CALL = [
    "Sure. Before I tell you anything about it, when did you last use a pen, and what for?",
    "Contracts, got it. What happens when you need to sign something and there's no pen around?",
    "So you lose time hunting for one right when a deal is ready to close. How often does that happen?",
    "Fair question. You said you end up borrowing the client's pen at the moment you sign. This one lives"
    " in your jacket, clips flat and writes first time, so the signing moment looks as prepared as the "
    "rest of your pitch. What would make that worth it for you?",
    "Makes sense. How about I leave you this one for the week and order twelve for your team on Friday if"
    " you still have it on you?",
    "Understood, forty euros for a pen sounds steep. What would you compare it to? You mentioned signing "
    "contracts in front of clients; what is one of those contracts worth to you?",
    "Then the pen is less than a rounding error on one signature, and it's one you won't have to borrow. "
    "Shall I drop one on your desk today and we talk Friday about the team order?",
    "Fair. What else would you need to know about it before deciding?",
    "Great. Can I send you one today, and if you like it we set up a ten-minute call Friday for the team "
    "order?",
]

# English, renewal-price: a pushy call (the buyer hangs up at turn 2)
RENEWAL_PUSHY_CALL = [
    "Helen, honestly the cheaper provider is a toy. ClinicFlow is the market leader, we have the best "
    "features, online booking, reminders, analytics, everything. The 9% is standard across all clients "
    "and it's non-negotiable. Can you sign the renewal today?",
    "Look, everyone pays the increase. You'd be crazy to switch now, migration would be a nightmare. I "
    "need the signature by Friday, can we just get it done?",
]

# Romanian, discovery-ops: a next step agreed at turn 5
RO_DISCOVERY_CALL = [
    "Bună ziua, domnule Oprea, mulțumesc pentru timp. Ați descărcat ghidul nostru despre personal. Cum "
    "faceți acum programul turelor în cele trei depozite?",
    "Două zile pe săptămână e mult. Ce se întâmplă concret când programul e depășit până miercuri? Cât vă"
    " costă asta, în ore suplimentare sau în comenzi întârziate?",
    "Inteleg. Si cine altcineva ar fi implicat in decizia de a schimba modul de planificare?",
    "Înțeleg, bugetul e închis anul ăsta. Ca să văd dacă merită discutat pentru septembrie: dacă orele "
    "suplimentare sunt 14% și doamna Pop le vrea sub 8%, cât ar însemna diferența în euro pe trimestru?",
    "Atunci, concret: un client cu patru depozite, Trans Nord, a scăzut orele suplimentare de la 13% la "
    "7% în două trimestre, tocmai pentru că Rotaly acoperă absențele automat, iar șefii de tură nu mai "
    "lucrează în Excel. Ar avea sens să pregătim împreună un calcul pentru doamna Pop și să stabilim o "
    "întâlnire de 30 de minute cu ea marțea viitoare?",
]
