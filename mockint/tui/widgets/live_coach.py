"""The live-coach side panel: what the draft answer has and lacks, as the candidate types; before a
word is typed, what the question asks for (its hint); after an answer is sent, only that it was sent
(and after the last question, that the summary follows).

It never says "Start typing" once an answer is in: a first-time user read it over the interviewer's
replies (with the answer box locked) and after each submit, before the next question was even shown."""

from __future__ import annotations

from rich.text import Text
from textual.widgets import Static

from mockint.core.data.strings import tr
from mockint.core.interview import Coach
from mockint.tui.widgets.hanging import Hanging

OK, NO = "✓", "✗"


def hint_text(coach: Coach, lang: str) -> Hanging:
    """What the question asks for, before anything is typed (``coach``: the coach of an empty
    draft, which says which lines apply): each line with a neutral "·", the words wanted."""
    items: list[tuple[Text | str, Text | str]] = [("", Text(tr(lang, "coach.title"), style="bold")), ("", ""),
                                                  ("", Text(tr(lang, "coach.aim"), style="bold"))]
    for key, applies in (("coach.example", coach.example), ("coach.number", coach.number),
                         ("coach.result", coach.result)):
        if applies is not None:
            items.append(("· ", tr(lang, key)))
    if coach.question_back_bonus:
        items.append((Text("· ", style="dim"),
                      Text(f"{tr(lang, 'coach.question_back')} ({tr(lang, 'bonus')})", style="dim")))
    else:
        items.append(("· ", tr(lang, "coach.question_back")))
    items.append(("", Text(f"{tr(lang, 'coach.words')}: ", style="bold") + f"{coach.min_words}–{coach.max_words}"))
    items += [("", ""), ("", Text(tr(lang, "coach.as_you_type"), style="dim"))]
    return Hanging(items)


def coach_text(coach: Coach | None, lang: str, note: str | None = None) -> Text:
    """The panel for a draft's coach; with none, its title and ``note`` (a catalogue key) if any."""
    out = Text()
    out.append(tr(lang, "coach.title") + "\n\n", style="bold")
    if coach is None:
        if note:
            out.append(tr(lang, note), style="dim")
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
        self.coach: Coach | None = None       # the draft's coach, when one is shown
        self.hint: Coach | None = None        # the question's hint, when it is shown

    def show(self, coach: Coach | None, note: str | None = None) -> None:
        """A draft's coach, or (None) the title alone, with ``note`` under it if given."""
        self.coach, self.hint = coach, None
        self.update(coach_text(coach, self.lang, note))

    def show_sent(self, last: bool) -> None:
        """After an answer is sent: that it was, and what comes next. After the last question there
        is no next question's tips to promise (it said "The next question's tips come with it")."""
        self.show(None, "coach.sent_last" if last else "coach.sent")

    def show_hint(self, hint: Coach) -> None:
        """What the question asks for, until something is typed."""
        self.coach, self.hint = None, hint
        self.update(hint_text(hint, self.lang))
