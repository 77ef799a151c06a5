"""Consistency: the same answer in English and Romanian scores alike; a few typos barely move the
score; Romanian without diacritics scores exactly as with them.

The answers are written for these tests (faithful translations of each other)."""

from __future__ import annotations

import re

import pytest

from mockint.core.bank import loader

PAIRS = {
    "sales-experience": (
        "strong",
        "For the last three years I have worked as an account executive at a company that sells accounting "
        "software to small businesses. In the spring of 2023 my manager gave me a territory that had missed "
        "its target for two quarters in a row, and my goal was to bring it back to quota within six months. "
        "First I called every customer whose contract was ending that year and asked them what they used and "
        "what frustrated them. Then I built a short demo around their two biggest complaints, slow invoicing "
        "and manual bank reconciliation, and I offered a free onboarding session to each of them. As a result "
        "we renewed 38 of 42 contracts, I signed 11 new clients, and I closed the year at 124% of my quota, "
        "with $310,000 in new revenue. I learned that listening to existing customers is the fastest way to "
        "find new business.",
        "În ultimii trei ani am lucrat ca account executive la o companie care vinde software de contabilitate "
        "pentru firme mici. În primăvara lui 2023, managerul meu mi-a dat un teritoriu care ratase targetul "
        "două trimestre la rând, iar obiectivul meu era să îl aduc înapoi la target în șase luni. Mai întâi am "
        "sunat fiecare client al cărui contract se încheia în acel an și l-am întrebat ce folosește și ce îl "
        "nemulțumește. Apoi am construit o demonstrație scurtă în jurul celor mai mari două probleme ale lor, "
        "facturarea lentă și reconcilierea bancară manuală, și le-am oferit fiecăruia o sesiune gratuită de "
        "implementare. Ca rezultat, am reînnoit 38 din 42 de contracte, am semnat 11 clienți noi și am "
        "încheiat anul la 124% din target, cu 310.000 de dolari venituri noi. Am învățat că ascultarea "
        "clienților existenți este cea mai rapidă cale de a găsi afaceri noi."),
    "handle-objection": (
        "strong",
        "Last year a manufacturing client told me that our maintenance platform was too expensive, almost "
        "twice the price of a simple spreadsheet tool. Instead of offering a discount, I asked how much an "
        "unplanned machine stop cost them. Their plant manager estimated about 8,000 euros per hour. I showed "
        "them that our alerts had cut unplanned stops by 25 percent for a similar factory, and I proposed a "
        "three-month pilot on one production line. After the pilot they had two fewer stops, they signed a "
        "three-year contract at full price, and they later added two more plants.",
        "Anul trecut, un client din producție mi-a spus că platforma noastră de mentenanță este prea scumpă, "
        "aproape de două ori prețul unui simplu instrument cu foi de calcul. În loc să ofer o reducere, l-am "
        "întrebat cât îi costă o oprire neplanificată a unei mașini. Directorul fabricii a estimat aproximativ "
        "8.000 de euro pe oră. Le-am arătat că alertele noastre au redus opririle neplanificate cu 25 la sută "
        "la o fabrică similară și am propus un pilot de trei luni pe o linie de producție. După pilot au avut "
        "cu două opriri mai puțin, au semnat un contract pe trei ani la prețul întreg și mai târziu au adăugat "
        "încă două fabrici."),
    "why-sales": (
        "weak",
        "Well, I think sales is just a good job for me. I am a people person and a fast learner, and I "
        "really like talking to people. Also the money is good and I want to earn more than in my current "
        "job. I don't really have experience, but I am very motivated and I will work hard.",
        "Păi, cred că vânzările sunt pur și simplu o meserie bună pentru mine. Sunt o persoană sociabilă și "
        "învăț repede și îmi place foarte mult să vorbesc cu oamenii. În plus, banii sunt buni și vreau să "
        "câștig mai mult decât la jobul actual. Nu prea am experiență, dar sunt foarte motivat și o să muncesc "
        "din greu."),
    "questions-for-us": (
        "weak",
        "No, I think you have explained everything very well. I don't have any questions right now, thank "
        "you for your time.",
        "Nu, cred că ați explicat totul foarte bine. Nu am nicio întrebare acum, vă mulțumesc pentru timpul "
        "acordat."),
}

BILINGUAL_TOLERANCE = 10
TYPO_TOLERANCE = 5


def score(lang: str, qid: str, text: str) -> int:
    return loader.scorer(lang).score(text, loader.bank(lang).get(qid)).score


BILINGUAL = list(PAIRS)


@pytest.mark.parametrize("qid", BILINGUAL)
def test_same_answer_in_english_and_romanian_scores_alike(qid):
    kind, en, ro = PAIRS[qid]
    s_en, s_ro = score("en", qid, en), score("ro", qid, ro)
    assert abs(s_en - s_ro) <= BILINGUAL_TOLERANCE, (qid, kind, s_en, s_ro)


_WORD = re.compile(r"[^\W\d_]+")


def with_typos(text: str, every: int = 20, min_len: int = 6, style: str = "swap") -> tuple[str, int, int]:
    """Swap two inner letters (``style="swap"``) or drop one (``"drop"``) of every ``every``-th
    word (the first word of ``min_len``+ letters at or after it, when that word is shorter).
    Deterministic. Returns (text, typos, words)."""
    words = list(_WORD.finditer(text))
    chosen: list[re.Match] = []
    pending = False
    for i, m in enumerate(words, 1):
        if i % every == 0:
            pending = True
        if pending and len(m.group()) >= min_len:
            chosen.append(m)
            pending = False
    out, last = [], 0
    for m in chosen:
        w = m.group()
        j = next((k for k in range(2, len(w) - 2) if w[k].lower() != w[k + 1].lower()), None)
        if j is None:
            continue
        if style == "swap":
            out += [text[last:m.start()], w[:j], w[j + 1], w[j], w[j + 2:]]
        else:
            out += [text[last:m.start()], w[:j], w[j + 1:]]
        last = m.end()
    out.append(text[last:])
    typoed = "".join(out)
    return typoed, sum(a != b for a, b in zip(_WORD.findall(text), _WORD.findall(typoed))), len(words)


TYPOS = [(q, lang, style) for q in PAIRS for lang in ("en", "ro") for style in ("swap", "drop")]


@pytest.mark.parametrize("qid,lang,style", TYPOS)
def test_a_few_typos_barely_move_the_score(lang, qid, style):
    _, en, ro = PAIRS[qid]
    clean = en if lang == "en" else ro
    typoed, n, words = with_typos(clean, style=style)
    if n == 0:
        pytest.skip(f"{words} words: too short for a typo every 20 words")
    assert n <= words * 0.06 + 1
    a, b = score(lang, qid, clean), score(lang, qid, typoed)
    assert abs(a - b) <= TYPO_TOLERANCE, (lang, qid, style, n, words, a, b)


def strip_diacritics(text: str) -> str:
    for a, b in zip("ăâîșțşţĂÂÎȘȚŞŢ", "aaiststAAISTST"):
        text = text.replace(a, b)
    return text


@pytest.mark.parametrize("qid", list(PAIRS))
def test_romanian_without_diacritics_scores_exactly_the_same(qid):
    _, _, ro = PAIRS[qid]
    plain = strip_diacritics(ro)
    assert plain != ro
    q = loader.bank("ro").get(qid)
    s = loader.scorer("ro")
    a, b = s.score(ro, q), s.score(plain, q)
    assert a.score == b.score
    assert [(c.id, c.score, c.passed) for c in a.criteria] == [(c.id, c.score, c.passed) for c in b.criteria]
