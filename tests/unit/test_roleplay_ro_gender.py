"""Role-play, Romanian: the advice speaks of the buyer without a gendered pronoun.

A first-time user's Romanian call with Elena Vasilescu (a woman) was told "…spuneți cum ajută
oferta dumneavoastră exact cu asta, în cuvintele lui" (his words). The Romanian advice now names
what the buyer said without "lui" / "el" ("cu aceleași cuvinte pe care le-ați auzit", "o nevoie pe
care v-a spus-o"), whoever the buyer is; scenarios and their buyers' lines keep their own genders.
"""

from __future__ import annotations

import re

from test_roleplay_closing_questions import RO_CALL

from mockint.core.roleplay import Call, load_scenarios
from mockint.core.roleplay.scenario import builtin

GENDERED = re.compile(r"(?<![\w-])(lui|el)(?![\w-])", re.IGNORECASE)      # "ea", "ei": the objection


def test_no_romanian_advice_template_has_a_gendered_pronoun():
    feedback = builtin("ro")[0].messages["feedback"]
    bad = {k: GENDERED.findall(v) for k, v in feedback.items() if GENDERED.search(v)}
    assert not bad, bad


def test_elena_is_not_called_him():
    r = Call.replay(load_scenarios("ro")["renewal-price"], RO_CALL).result()
    value = next(f for f in r.feedback if f.key == "value_missed")
    assert "cuvintele lui" not in value.text and "cu aceleași cuvinte pe care le-ați auzit" in value.text
    for f in r.feedback:
        assert not GENDERED.search(f.text), f.text
