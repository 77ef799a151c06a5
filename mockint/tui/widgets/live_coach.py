"""The live-coach side panel: what the draft answer has and lacks, as the candidate types."""

from __future__ import annotations

from rich.text import Text
from textual.widgets import Static

from mockint.core.data.strings import tr
from mockint.core.interview import Coach

OK, NO = "✓", "✗"


def coach_text(coach: Coach | None, lang: str) -> Text:
    out = Text()
    out.append(tr(lang, "coach.title") + "\n\n", style="bold")
    if coach is None:
        out.append(tr(lang, "coach.waiting"), style="dim")
        return out
    if coach.error:
        out.append(coach.error, style="bold red")
        return out

    def tick(key: str, ok: bool | None) -> None:
        if ok is None:                 # does not apply to this question
            return
        out.append(f"{OK if ok else NO} ", style="bold green" if ok else "red")
        out.append(tr(lang, key) + "\n")

    tick("coach.example", coach.example)
    tick("coach.number", coach.number)
    tick("coach.result", coach.result)
    if coach.question_back_bonus and not coach.question_back:    # a bonus not earned is no fault
        out.append("· ", style="dim")
        out.append(f"{tr(lang, 'coach.question_back')} ({tr(lang, 'bonus')})\n", style="dim")
    else:
        tick("coach.question_back", coach.question_back)
    for key, found in (("coach.hedges", coach.hedges), ("coach.fillers", coach.fillers)):
        out.append(f"{tr(lang, key)}: ", style="bold")
        out.append(f"{len(found)}\n", style="yellow" if found else "green")
        if found:
            shown = ", ".join(f"“{t}”" for t in found[:6]) + (" …" if len(found) > 6 else "")
            out.append(f"  {shown}\n", style="italic")     # appended as text: never markup
    out.append(f"{tr(lang, 'coach.words')}: ", style="bold")
    out.append(tr(lang, "coach.range", words=coach.words, min=coach.min_words, max=coach.max_words))
    style = {"ok": "green", "short": "yellow", "long": "red"}[coach.length]
    out.append(f"\n  {tr(lang, 'coach.' + coach.length)}", style=style)
    return out


class LiveCoach(Static):
    def __init__(self, lang: str, id: str | None = None) -> None:
        super().__init__(coach_text(None, lang), id=id)
        self.lang = lang
        self.coach: Coach | None = None

    def show(self, coach: Coach | None) -> None:
        self.coach = coach
        self.update(coach_text(coach, self.lang))
