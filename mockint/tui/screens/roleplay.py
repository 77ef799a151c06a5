"""Role-play (issue 18): choose a call, the call with the scripted buyer, the call's score.

The buyer is :mod:`mockint.core.roleplay` (no Textual there): a turn is read and answered in well
under a millisecond, so it runs on the event loop. Each turn is kept in the history (through the
app's :class:`~mockint.tui.recorder.Recorder`) before the buyer's reply is shown.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

from rich.text import Text
from textual import on
from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import Horizontal, Vertical, VerticalScroll
from textual.widgets import Button, OptionList, Static
from textual.widgets.option_list import Option

from mockint.core.data.errors import MockintError
from mockint.core.data.marks import colour as mark_colour
from mockint.core.data.safe import printable
from mockint.core.roleplay.scenario import builtin
from mockint.core.scoring.feedback import bar
from mockint.tui.screens.base import SCROLL_BINDINGS, BaseScreen, ScrollKeys
from mockint.tui.screens.feedback import score_line
from mockint.tui.widgets.answer_box import AnswerBox
from mockint.tui.widgets.chat import ChatLog, ChatMessage, ChatNote
from mockint.tui.widgets.footer import KeyFooter
from mockint.tui.widgets.hanging import Hanging
from mockint.tui.widgets.push_button import PushButton

if TYPE_CHECKING:
    from mockint.core.roleplay import Call, CallResult, Scenario


def _language(lang: str):
    return builtin(lang)[0]


class RoleplayPickScreen(BaseScreen):
    """The scenarios of the language, the brief of the one highlighted; Ctrl+S starts it."""
    BINDINGS = [Binding("ctrl+s", "start", "Start the call", id="rp_start"),
                Binding("escape", "back", "Back", id="back")]

    def __init__(self, lang: str, scenarios: dict[str, Scenario], chosen: str | None = None) -> None:
        super().__init__(lang)
        self.scenarios = scenarios
        self.chosen = chosen if chosen in scenarios else next(iter(scenarios), None)

    def compose(self) -> ComposeResult:
        with VerticalScroll(id="rp-pick", classes="form"):
            yield Static(Text(self.t("rp.pick_title"), style="bold"), classes="title")
            yield Static(Text(self.t("rp.pick_hint"), style="dim"))
            yield OptionList(*[Option(Text(f"{sc.title} · {sc.buyer.name}, {sc.buyer.role}"), id=sc.id)
                               for sc in self.scenarios.values()], id="rp-scenarios")
            yield Static(self.brief(self.chosen), id="rp-brief")
            with Horizontal(classes="row buttons"):
                yield Button(self.t("key.rp_start"), id="rp-go", variant="primary", disabled=self.chosen is None)
                yield Button(self.t("key.back"), id="rp-back")
        yield KeyFooter()

    def on_mount(self) -> None:
        options = self.query_one("#rp-scenarios", OptionList)
        if self.chosen is not None:
            options.highlighted = list(self.scenarios).index(self.chosen)
        options.focus()

    def brief(self, scenario_id: str | None) -> Text:
        if scenario_id is None:
            return Text(self.t("rp.no_scenarios"), style="yellow")
        sc = self.scenarios[scenario_id]
        out = Text()
        out.append(f"{sc.title}\n", style="bold")
        out.append(printable(" ".join(sc.brief.split())) + "\n")
        out.append(f"{self.t('rp.turns', n=sc.turn_limit)} · {self.t('rp.practises', ids=', '.join(sc.guide))}",
                   style="dim")
        return out

    @on(OptionList.OptionHighlighted, "#rp-scenarios")
    def highlighted(self, event: OptionList.OptionHighlighted) -> None:
        self.chosen = event.option.id
        self.query_one("#rp-brief", Static).update(self.brief(self.chosen))

    @on(OptionList.OptionSelected, "#rp-scenarios")
    def selected(self, event: OptionList.OptionSelected) -> None:
        self.chosen = event.option.id
        self.action_start()

    @on(Button.Pressed, "#rp-go")
    def go(self) -> None:
        self.action_start()

    @on(Button.Pressed, "#rp-back")
    def back_pressed(self) -> None:
        self.action_back()

    def action_start(self) -> None:
        if self.chosen is not None:
            self.app.start_call(self.scenarios[self.chosen])

    def action_back(self) -> None:
        self.app.pop_screen()


class RoleplayScreen(BaseScreen):
    """The call: the brief, the chat with the buyer, the box for the candidate's turn."""
    BINDINGS = [Binding("ctrl+s", "send", "Send", id="send"),
                Binding("ctrl+s", "see_score", "See the score", id="see_score"),   # once the call is over
                Binding("ctrl+l", "end_call", "End the call", id="end_call")]

    def __init__(self, call: Call, *, blink: bool = True, resumed: bool = False) -> None:
        super().__init__(call.scenario.lang)
        self.call, self.blink, self.resumed = call, blink, resumed
        self.stopped = False

    def compose(self) -> ComposeResult:
        sc = self.call.scenario
        with Vertical(id="rp-call"):
            yield Static(self.status(), id="rp-status")
            yield Static(Text(printable(" ".join(sc.brief.split())), style="dim"), id="rp-brief-bar")
            messages: list[ChatMessage | ChatNote] = [ChatMessage(sc.buyer.name, self.call.opening, "interviewer")]
            for x in self.call.exchanges:
                messages += [ChatMessage(self.t("you"), x.text, "candidate"),
                             ChatMessage(sc.buyer.name, x.reply.text, "interviewer")]
            if self.resumed:
                messages.append(ChatNote(self.t("rp.resumed", n=len(self.call.exchanges))))
            yield ChatLog(*messages, id="chat")
            yield AnswerBox(self.t("rp.placeholder"), blink=self.blink, id="answer")
            with Horizontal(id="actions"):
                yield Static(Text(self.t("rp.hint")), id="hint")
                yield PushButton(self.t("key.send"), id="send")
        yield KeyFooter()

    def on_mount(self) -> None:
        self.query_one(AnswerBox).focus()
        if self.call.ended:
            self.show_ended()

    def status(self) -> Text:
        sc = self.call.scenario
        shown = min(len(self.call.exchanges) + (0 if self.call.ended else 1), sc.turn_limit)
        return Text(self.t("rp.status", title=sc.title, n=shown, total=sc.turn_limit), style="bold")

    @property
    def over(self) -> bool:
        return self.call.ended or self.stopped

    @property
    def going_on(self) -> bool:
        """A turn taken or one typed, and the call not over: quitting asks first."""
        return not self.over and bool(self.call.exchanges or self.query_one(AnswerBox).text.strip())

    def check_action(self, action: str, parameters: tuple[object, ...]) -> bool | None:
        """Ctrl+S sends a turn while the call goes on, and shows the score (so says the footer)
        once it is over."""
        if action == "send":
            return not self.over
        if action == "see_score":
            return self.over
        return True

    def action_see_score(self) -> None:
        self.app.show_call_summary(self.call)

    def action_send(self) -> None:
        if self.over:                       # the button, relabelled "See the score"
            self.action_see_score()
            return
        box = self.query_one(AnswerBox)
        text = box.text.strip()
        if not text:
            self.notify(self.t("rp.empty"), severity="warning")
            return
        try:
            reply = self.call.turn(text)
        except MockintError as exc:
            self.notify(str(exc), severity="error", markup=False)
            return
        self.app.call_turn_taken(self.call)                 # kept before the reply is shown
        chat = self.query_one(ChatLog)
        chat.say(self.t("you"), text, "candidate")
        chat.say(self.call.scenario.buyer.name, reply.text, "interviewer")
        box.clear_answer()
        self.query_one("#rp-status", Static).update(self.status())
        if self.call.ended:
            self.show_ended()

    def action_end_call(self) -> None:
        if self.over:
            self.app.show_call_summary(self.call)
            return
        self.stopped = True
        self.app.show_call_summary(self.call)          # kept, finished, there

    def show_ended(self) -> None:
        outcome = _language(self.lang).msg("outcomes", self.call.outcome or "open",   # as CallResult says it
                                           turn=len(self.call.exchanges))
        self.query_one(ChatLog).note(self.t("rp.ended", outcome=outcome))
        box = self.query_one(AnswerBox)
        box.display = False
        self.query_one("#hint", Static).update(Text(self.t("rp.hint_over")))
        self.query_one("#send", PushButton).label = self.t("rp.see_score")
        self.query_one("#send", PushButton).focus()
        self.refresh_bindings()

    @on(PushButton.Pressed, "#send")
    def send_pressed(self) -> None:
        self.action_send()


class CallSummaryScreen(ScrollKeys, BaseScreen):
    """The call's score: dimensions, needs found and missed, the marks turn by turn (quoting the
    candidate's words and, for listening, the buyer's), what to do next time."""
    BINDINGS = [Binding("ctrl+r", "again", "Call again", id="call_again"),
                Binding("ctrl+n", "other", "Another call", id="other_call"),
                Binding("escape", "back", "Back", id="back"),
                *SCROLL_BINDINGS]
    SCROLL_ID = "#rp-summary-scroll"

    def __init__(self, result: CallResult, stored: bool = False) -> None:
        super().__init__(result.lang)
        self.result, self.stored = result, stored

    def compose(self) -> ComposeResult:
        r, L = self.result, _language(self.result.lang)
        with VerticalScroll(id="rp-summary-scroll"):
            yield Static(Text(f"{self.t('rp.score_title')}: {r.title}", style="bold"), classes="title")
            yield Static(score_line(self.t("score"), r.overall), id="rp-score")
            outcome = Text(f"{self.t('rp.outcome')}: ", style="bold")
            outcome.append(L.msg("outcomes", r.outcome, turn=r.end_turn))
            yield Static(outcome, id="rp-outcome")
            if r.cap:
                yield Static(Text(self.t("rp.capped", cap=r.cap["cap"], reason=printable(r.cap["reason"])),
                                  style="bold red"), id="rp-cap")
            yield Static(Text(self.t("rp.dimensions"), style="bold"), classes="section")
            yield Static(self.dimensions_text(L), id="rp-dimensions")
            yield Static(self.needs_text(), id="rp-needs")
            yield Static(Text(self.t("rp.marks"), style="bold"), classes="section")
            yield Static(self.marks_text(L), id="rp-marks")
            yield Static(Text(self.t("rp.next_time"), style="bold"), classes="section")
            yield Static(self.feedback_text(), id="rp-feedback")
        with Horizontal(classes="buttons bottom"):
            if not self.stored:
                yield Button(self.t("key.call_again"), id="rp-again", variant="primary")
                yield Button(self.t("key.other_call"), id="rp-other")
            yield Button(self.t("key.back"), id="rp-summary-back")
        yield KeyFooter()

    def on_mount(self) -> None:
        self.query_one(Button).focus()

    def check_action(self, action: str, parameters: tuple[object, ...]) -> bool | None:
        if action in ("again", "other") and self.stored:
            return None                      # a stored call is read, not played from here
        return True

    def dimensions_text(self, L) -> Text:
        out = Text()
        names = {d: L.msg("dimensions", d) for d in self.result.dimensions}
        width = max(len(n) for n in names.values())
        for d, score in self.result.dimensions.items():
            colour = mark_colour(score)
            out.append(f"{names[d]:<{width}}  ")
            if score is None:
                out.append(L.msg("labels", "not_applicable") + "\n", style="dim")
            else:
                out.append(f"{bar(score, 20)} {score:>3}", style=colour)
                out.append(f"  {L.msg('labels', 'weight_of', w=f'{self.result.weights[d]:g}')}\n", style="dim")
        return out

    def needs_text(self) -> Text:
        r, none = self.result, self.t("rp.none")
        found = ", ".join(f"{n['label']} ({self.t('rp.turn', n=n['turn'])})" for n in r.needs_found) or none
        missed = ", ".join(n["label"] for n in r.needs_missed) or none
        out = Text()
        out.append(f"{self.t('rp.needs_found')}: ", style="bold")
        out.append(printable(found) + "\n", style="green" if r.needs_found else "")
        out.append(f"{self.t('rp.needs_missed')}: ", style="bold")
        out.append(printable(missed), style="yellow" if r.needs_missed else "")
        return out

    def marks_text(self, L) -> Hanging:
        """Each mark under its turn; a long one wraps under its own words, not under ✓/✗."""
        items: list[tuple[Text | str, Text | str]] = []
        turn = object()
        for m in self.result.marks:
            if m.turn != turn:
                turn = m.turn
                if items:
                    items.append(("", ""))
                items.append(("", Text(self.t("rp.turn", n=m.turn) if m.turn else "—", style="bold")))
            body = Text(f"{L.msg('dimensions', m.dimension)}: ")
            if m.quote:
                body.append(f"“{printable(' '.join(m.quote.split()))}” ", style="italic")
            body.append(printable(m.message))
            if m.buyer_quote:
                body.append(f" ← “{printable(m.buyer_quote)}”", style="italic")
            body.append(f" [{L.msg('labels', 'guide')}: {m.guide}]", style="dim")     # as mockint cites the guide
            items.append((Text("  ✓ " if m.good else "  ✗ ", style="green" if m.good else "red"), body))
        return Hanging(items)

    def feedback_text(self) -> Text | Hanging:
        items: list[tuple[Text | str, Text | str]] = []
        guide = _language(self.result.lang).msg("labels", "guide")
        for f in self.result.feedback:
            body = Text(printable(f.text))
            body.append(f" [{guide}: {f.guide}]", style="dim")
            items.append(("• ", body))
        return Hanging(items) if items else Text(self.t("rp.none"), style="dim")

    @on(Button.Pressed, "#rp-again")
    def again_pressed(self) -> None:
        self.action_again()

    @on(Button.Pressed, "#rp-other")
    def other_pressed(self) -> None:
        self.action_other()

    @on(Button.Pressed, "#rp-summary-back")
    def back_pressed(self) -> None:
        self.action_back()

    def action_again(self) -> None:
        if not self.stored:
            self.app.call_again(self.result.scenario)

    def action_other(self) -> None:
        if not self.stored:
            self.app.action_roleplay(chosen=self.result.scenario)

    def action_back(self) -> None:
        if self.stored:
            self.app.pop_screen()
        else:
            self.app.show_start()
