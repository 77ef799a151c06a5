"""Issue 19: no English word from a list of known leaks on any Romanian screen. The Romanian
screens are the reviewed SVG snapshots (tests/tui/__snapshots__/**/*[ro].svg: start, readiness,
chat, feedback, summary, help, history, progress, role-play); their visible text is read back and
searched for the words English leaked into Romanian screens before (tags, keys, labels)."""

from __future__ import annotations

import html
import re
from pathlib import Path

import pytest

SNAPSHOTS = sorted((Path(__file__).parents[1] / "tui" / "__snapshots__").glob("**/*[[]ro[]].svg"))
# Words that are English only (not Romanian loanwords such as "Start", "demo", "pitch", "target").
LEAKS = ["Score", "Submit", "Continue", "History", "Progress", "Questions", "Question", "Answer", "answer",
         "common", "behavioural", "situational", "knowledge", "easy", "medium", "hard", "kind", "weight",
         "count", "Practise", "talking point", "Back", "Skip", "Quit", "Help", "Theme", "Commands", "You",
         "Buyer", "Turn", "turns", "Yes", "No", "Later", "the", "and", "with", "your", "Criteria", "words",
         "Outcome", "Next time", "Needs", "none", "Role-play", "Call again", "Send", "End the call"]


def visible_text(svg: Path) -> str:
    rows: dict[float, list[str]] = {}
    for m in re.finditer(r'<text[^>]*?y="([\d.]+)"[^>]*>(.*?)</text>', svg.read_text(encoding="utf-8")):
        rows.setdefault(float(m.group(1)), []).append(html.unescape(re.sub(r"<[^>]+>", "", m.group(2))))
    return "\n".join("".join(rows[y]).replace("\xa0", " ") for y in sorted(rows))


def test_there_are_romanian_screens_to_read():
    assert len(SNAPSHOTS) >= 12


@pytest.mark.parametrize("svg", SNAPSHOTS, ids=lambda p: p.stem)
def test_no_english_leak_on_a_romanian_screen(svg):
    text = visible_text(svg)
    found = [w for w in LEAKS if re.search(r"(?<![\w-])" + re.escape(w) + r"(?![\w-])", text)]
    assert not found, f"{svg.name}: English on a Romanian screen: {found}"
