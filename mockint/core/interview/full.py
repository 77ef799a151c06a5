"""The shape of a full interview: the candidate's experience first, the topics mixed, their own
questions last."""

from __future__ import annotations

import random

from mockint.core.questions.bank import Bank, Question

# A full interview: opens with the candidate's experience, mixes the topics, ends with their questions.
FULL_OPENER, FULL_CLOSER = "sales-experience", "questions-for-us"
FULL_POOLS = (("responsibilities",), ("skills",), ("role", "pay"), ("common",), ("tips",))
FULL_DEFAULT_COUNT = 8


def _full(bank: Bank, n: int, rng: random.Random) -> list[Question]:
    closer = bank.get(FULL_CLOSER)
    if n == 1:
        return [closer]
    opener = bank.get(FULL_OPENER)
    used = {opener.id, closer.id}
    pools = []
    for topics in FULL_POOLS:
        pool = [q for q in bank.questions if q.topic in topics and q.id not in used]
        rng.shuffle(pool)
        pools.append(pool)
    middle: list[Question] = []
    while len(middle) < n - 2 and any(pools):
        for pool in pools:
            if pool and len(middle) < n - 2:
                middle.append(pool.pop())
    return [opener, *middle, closer]
