"""The minutes' own record, where a clerk looks for it: whether they are approved and
by whom, whether this meeting agreed the previous minutes, and the trail of every
approval and reopening (who, when, and why they were reopened)."""

from __future__ import annotations

from rich.text import Text
from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import Vertical, VerticalScroll
from textual.screen import ModalScreen
from textual.widgets import Label, Static

from wardpanel.core.models import Meeting
from wardpanel.core.words import long_date, previous_minutes_sentence, trail_line
from wardpanel.queries import trails_of


def minutes_record(meeting: Meeting) -> Text:
    """What the dialog says, as one text: status, the previous minutes, the trail."""
    text = Text()
    if meeting.status == "approved":
        said = "Approved"
        if meeting.approved_by:
            said += f" by {meeting.approved_by}"
        if meeting.approved_on:
            said += f" on {long_date(meeting.approved_on)}"
        text.append(said + ": locked until reopened, with a reason.\n", "green")
    else:
        text.append("Draft: not yet approved.\n", "yellow")
    text.append("\nPrevious meeting's minutes\n", "bold")
    previous = previous_minutes_sentence(meeting.previous_agreed)
    if not previous:
        text.append("Not recorded (m, or the line “minutes agreed”).\n", "dim")
    elif meeting.previous_amendments.strip():
        text.append(f"{previous}, with these amendments:\n{meeting.previous_amendments}\n")
    else:
        text.append(f"{previous}.\n")
    text.append("\nTrail\n", "bold")
    events = trails_of([meeting.id])[meeting.id]
    for event in events:
        text.append(trail_line(event.kind, event.by, event.at, event.reason) + "\n")
    if not events:
        text.append("Never approved yet.\n", "dim")
    return text


class MinutesRecordScreen(ModalScreen[None]):
    """The minutes' record of one meeting; Escape closes."""

    CSS_PATH = "../common/dialogs.tcss"
    BINDINGS = [Binding("escape", "close", "Close")]

    def __init__(self, meeting: Meeting) -> None:
        super().__init__()
        self.meeting = meeting

    def compose(self) -> ComposeResult:
        with Vertical(id="export-box"):
            yield Label("The minutes' record", id="export-title")
            with VerticalScroll(id="minutes-record"):
                yield Static(minutes_record(self.meeting), id="minutes-record-text")
            yield Static("[b]esc[/] close", id="form-hint")

    def on_mount(self) -> None:
        self.query_one("#minutes-record").focus()

    def action_close(self) -> None:
        self.dismiss(None)
