"""Job-posting extraction speed: extract_terms on a 2,000-word posting (English and Romanian).

Run:  python benchmarks/bench_jobspec.py             (prints median ms; asserts nothing)
      python benchmarks/bench_jobspec.py --runs 50
The data file is loaded (and its phrase sets compiled) once, before timing, as in a session.
"""

from __future__ import annotations

import argparse
import statistics
import sys
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from mockint.core.jobspec import extract_terms, load_spec  # noqa: E402

DATA = ROOT / "tests" / "data" / "jobspec"


def posting(name: str, n_words: int = 2000) -> str:
    base = (DATA / name).read_text(encoding="utf-8")
    parts, count = [], 0
    while count < n_words:
        parts.append(base)
        count += len(base.split())
    return "\n".join(parts)


POSTINGS = {"en": "ae_saas.en.md", "ro": "ae_ro.ro.md"}


def extract_times(text: str, lang: str, runs: int) -> list[float]:
    """Seconds per extract_terms call (the spec loaded and the stemmer cache warmed first)."""
    load_spec(lang)
    extract_terms(text, lang)           # warm the stemmer cache
    times = []
    for _ in range(runs):
        t0 = time.perf_counter()
        extract_terms(text, lang)
        times.append(time.perf_counter() - t0)
    return times


def main() -> None:
    ap = argparse.ArgumentParser()
    ap.add_argument("--runs", type=int, default=30)
    args = ap.parse_args()
    for lang, name in (("en", "ae_saas.en.md"), ("ro", "ae_ro.ro.md")):
        t0 = time.perf_counter()
        load_spec(lang)
        load = time.perf_counter() - t0
        text = posting(name)
        times = extract_times(text, lang, args.runs)
        terms = extract_terms(text, lang)
        print(f"{lang}: load jobspec/{lang}.yaml {load * 1000:.1f} ms; extract_terms on "
              f"{len(text.split())} words: median {statistics.median(times) * 1000:.1f} ms, "
              f"max {max(times) * 1000:.1f} ms ({len(terms)} terms, {args.runs} runs)")


if __name__ == "__main__":
    main()
