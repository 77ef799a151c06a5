"""``mockint roleplay`` shows words, not internal ids.

A first-time user read "(x25)" beside each dimension as a code, and the notes and --check lines
said "turn_limit". Weights read "weight 25" ("pondere 25"), guide facts are cited as the rest of the
product cites them ("guide: resp-7"), outcomes are said in words. JSON keeps its ids as fields.
"""

from __future__ import annotations

import json
import re

import pytest
from conftest import run_main

from mockint.core.roleplay import load_scenarios
from mockint.core.roleplay.language import MESSAGES

GUIDE = {"en": "guide", "ro": "ghid"}
WEIGHT = {"en": "weight", "ro": "pondere"}
# snake_case ids (outcomes, mark and part kinds, messages' keys) and the old "x25" weights
ID_LIKE = re.compile(r"\b[a-z]+_[a-z_]+\b|\bx\d+\b")

CALLS = {
    "en": ["I appreciate you being straight with me, Helen. What has changed in the clinics since you started?",
           "30", "We have 30 clients.", "What would switching mean for the receptionists?", "30.",
           "Can we meet on Tuesday at 2?"],
    "ro": ["Apreciez că îmi spuneți direct. Ce s-a schimbat în clinici de când lucrați cu noi?",
           "30", "Avem 30 de clienți.", "Ce ar presupune o schimbare pentru recepționere?", "30.",
           "Putem să ne vedem marți la ora 14?"],
}


def _kebab_ids(lang: str) -> set[str]:
    """The scenarios' objection and need ids that are no words of their own texts ("tried-before")."""
    out = set()
    for sc in load_scenarios(lang).values():
        said = " ".join([sc.title, sc.brief, sc.opening] + [n.reveal for n in sc.needs]
                        + [o.says for o in sc.objections]).lower()
        out |= {i for i in [o.id for o in sc.objections] + [n.id for n in sc.needs] if "-" in i and i not in said}
    return out


def _no_ids(text: str, lang: str) -> None:
    assert not ID_LIKE.findall(text), ID_LIKE.findall(text)
    assert not [i for i in _kebab_ids(lang) if re.search(rf"(?<![\w-]){re.escape(i)}(?![\w-])", text)]
    keys = {k for group in MESSAGES.values() for k in group if "_" in k}
    assert not [k for k in keys if k in text]


@pytest.mark.parametrize("lang", ["en", "ro"])
def test_the_text_of_a_call_shows_weights_guide_citations_and_outcomes_in_words(lang):
    p = run_main("roleplay", "--lang", lang, "--scenario", "renewal-price", "-", input="\n\n".join(CALLS[lang]))
    assert p.returncode == 0, p.stderr
    _no_ids(p.stdout, lang)
    rows = [line for line in p.stdout.splitlines() if "█" in line or "░" in line]
    assert len(rows) == 6 and all(re.search(rf"\({WEIGHT[lang]} \d+\)$", r) for r in rows), rows
    cited = re.findall(r"\[([^\]]*)\]$", p.stdout, re.M)
    assert cited and all(c.startswith(f"{GUIDE[lang]}: ") for c in cited), cited
    practises = next(line for line in p.stdout.splitlines() if line.startswith(("Practises", "Exersează")))
    assert f"({GUIDE[lang]}): " in practises
    data = json.loads(run_main("roleplay", "--lang", lang, "--scenario", "renewal-price", "--format", "json", "-",
                               input="\n\n".join(CALLS[lang])).stdout)
    assert data["outcome"] == "open" and data["weights"]["discovery"] == 25       # JSON: ids as fields


def test_the_note_on_turns_left_unplayed_says_how_the_call_ended_in_words():
    sc = load_scenarios("en")["sell-pen"]
    good = next(ex for ex in sc.examples if ex.name == "good").turns
    p = run_main("roleplay", "--scenario", "sell-pen", "-", input="\n\n".join([*good, "And another thing?"]))
    assert p.returncode == 0
    assert p.stderr == f"mockint: note: the call ended: next step agreed at turn {len(good)}; 1 more turn(s) not played\n"
    limit = ["Okay."] * (sc.turn_limit + 2)
    p = run_main("roleplay", "--scenario", "sell-pen", "-", input="\n\n".join(limit))
    assert "the buyer ended the call at the turn limit" in p.stderr and "turn_limit" not in p.stderr


@pytest.mark.parametrize("lang", ["en", "ro"])
def test_check_says_each_outcome_in_words(lang):
    p = run_main("roleplay", "--check", "--lang", lang)
    assert p.returncode == 0, p.stdout
    assert not ID_LIKE.findall(p.stdout), ID_LIKE.findall(p.stdout)
    assert re.search(r"^ok    sell-pen/good: next step agreed at turn \d+; score \d+$", p.stdout, re.M), p.stdout
