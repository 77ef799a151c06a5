"""benchmarks/run.py's full grade stays within what one transcript may hold (it crashed when the
transcript cap came in and the benchmark still asked for 10,000 answers)."""

import re
from pathlib import Path

from mockint.core.bank.transcript import MAX_ANSWERS

RUN = Path(__file__).resolve().parents[2] / "benchmarks" / "run.py"


def test_full_grade_fits_one_transcript():
    m = re.search(r"grade_n=(\d[\d_]*) if q else (\d[\d_]*)", RUN.read_text(encoding="utf-8"))
    assert m, "grade_n setting not found in benchmarks/run.py"
    quick, full = (int(x.replace("_", "")) for x in m.groups())
    assert quick <= full <= MAX_ANSWERS
