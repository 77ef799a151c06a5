"""Role-play speed: one buyer turn (reading the candidate's turn, the buyer's reply) for a 100-word
turn, in every scenario, English and Romanian. Target: under 5 ms.

Run:  python benchmarks/roleplay.py              (prints median and 95th percentile; asserts nothing)
      python benchmarks/roleplay.py --runs 500

The scenarios are loaded (and their phrase sets compiled) once, before timing, as in a session.
Each timed turn is played in a call already three turns in (the good example's first turns), so
reflection has buyer words to look through; setting the call up is not timed.
"""

from __future__ import annotations

import argparse
import statistics
import sys
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from mockint.core.roleplay import Call, load_scenarios  # noqa: E402

# about 100 words: an acknowledgement, the buyer's words, value, proof, two questions and an ask
TURN = ("That makes sense, and thank you for being so open about it. So the overtime and the spreadsheet "
        "are what hurt most, and November will make both worse. Our platform fills gaps from an on-call "
        "pool in minutes, so you cut overtime and your leads get their two days back every week. One of "
        "our customers, a logistics firm with four sites, cut overtime from 12% to 6% in a quarter. What "
        "would you need to see to take this to your director? And how do the agency temps get onto the "
        "rota today? Could we book a demo on Thursday at 10?")
TURNS = {"en": TURN, "ro": (
    "Are sens și vă mulțumesc că ați fost atât de deschis. Deci orele suplimentare și Excelul sunt ce vă "
    "doare cel mai tare, iar noiembrie le va face pe amândouă mai grele. Platforma noastră acoperă golurile "
    "dintr-un grup de oameni disponibili în câteva minute, așa că scad orele suplimentare, iar șefii de tură "
    "își recapătă cele două zile pe săptămână. Un client de-al nostru, o firmă de logistică cu patru depozite, "
    "a redus orele suplimentare de la 12% la 6% într-un trimestru. Ce ar trebui să vedeți ca să duceți asta "
    "la directoare? Și cum ajung acum temporarii în program? Putem programa un demo joi la ora 10?")}


def turn_times(sc, runs: int, turn: str = TURN) -> list[float]:
    head = list(sc.examples[0].turns[:3])
    Call.replay(sc, head + [turn])                 # warm: phrase sets compiled, stems cached
    times = []
    for _ in range(runs):
        call = Call.replay(sc, head)
        if call.ended:
            call = Call(sc)
        t0 = time.perf_counter()
        call.turn(turn)
        times.append(time.perf_counter() - t0)
    return times


def main() -> None:
    ap = argparse.ArgumentParser()
    ap.add_argument("--runs", type=int, default=200)
    args = ap.parse_args()
    for lang in ("en", "ro"):
        turn = TURNS[lang]
        t0 = time.perf_counter()
        scenarios = load_scenarios(lang)
        load = time.perf_counter() - t0
        print(f"load roleplays/{lang}.yaml ({len(scenarios)} scenarios): {load * 1000:.1f} ms; "
              f"a turn of {len(turn.split())} words")
        medians = []
        for sc in scenarios.values():
            times = sorted(turn_times(sc, args.runs, turn))
            med = statistics.median(times)
            medians.append(med)
            print(f"  {sc.id:<16} buyer turn: median {med * 1000:.2f} ms, "
                  f"p95 {times[int(0.95 * (len(times) - 1))] * 1000:.2f} ms")
        print(f"{lang}: median buyer turn over all scenarios: {statistics.median(medians) * 1000:.2f} ms "
              f"(target < 5 ms)")


if __name__ == "__main__":
    main()
