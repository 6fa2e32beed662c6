"""Choosing what to write to Word, and writing it without freezing the screen."""

from __future__ import annotations

import datetime as dt
from pathlib import Path

from rich.text import Text
from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import Vertical
from textual.screen import ModalScreen
from textual.widgets import Checkbox, Label, RadioButton, RadioSet, Select, Static

from wardpanel import queries
from wardpanel.app.common.residents import ResidentsChoice
from wardpanel.app.common.writing import destination_fields, destination_of, write_in_background
from wardpanel.core.models import ACTION_STATUSES, Meeting
from wardpanel.core.words import status_words

STATUS_OPTIONS = [("Open and in progress", "")] + [(status_words(s), s) for s in ACTION_STATUSES]


class ChoiceSet(RadioSet):
    """Radio buttons where Up and Down choose, as in a form's list of options: moving
    the highlight without choosing looked like a choice and was not one."""

    def action_next_button(self) -> None:
        super().action_next_button()
        self.action_toggle_button()

    def action_previous_button(self) -> None:
        super().action_previous_button()
        self.action_toggle_button()


class ExportScreen(ModalScreen[None]):
    """Minutes of this meeting, its meeting pack, or the follow-up action list, as a .docx
    (and a PDF beside it when asked)."""

    CSS_PATH = "../common/dialogs.tcss"
    BINDINGS = [
        Binding("ctrl+s", "export", "Write document"),
        Binding("ctrl+k", "findings", "List the check's findings"),
        Binding("escape", "close", "Close"),
    ]

    def __init__(self, meeting: Meeting) -> None:
        super().__init__()
        self.meeting = meeting
        self.findings: list = []

    def compose(self) -> ComposeResult:
        with Vertical(id="export-box"):
            yield Label("Export to Word", id="export-title")
            with ChoiceSet(id="kind"):
                yield RadioButton("Minutes of this meeting", value=True, id="minutes")
                yield RadioButton("Meeting pack for the next meeting", id="pack")
                yield RadioButton("Follow-up action list", id="actions")
            # How residents are printed: for the minutes and the action list alike.
            yield ResidentsChoice(self.meeting.panel.publish_residents)
            yield Static("", id="check-summary")
            with Vertical(id="action-options"):
                yield Checkbox(Text(f"Only {self.meeting.panel.name}"), value=True, id="this-panel")
                yield Label("Organisation (empty for all)")
                yield Select(
                    [(Text(name), name) for name in queries.organisation_names()],
                    prompt="All organisations",
                    id="organisation",
                )
                yield Label("Status")
                yield Select(STATUS_OPTIONS, value="", allow_blank=False, id="status")
                yield Checkbox("Only overdue actions", id="overdue")
            yield Checkbox("Also a PDF for the website (needs LibreOffice)", id="pdf")
            yield from destination_fields(
                "[b]ctrl+s[/] write   [b]ctrl+k[/] check's findings   [b]esc[/] close"
            )

    def on_mount(self) -> None:
        self.query_one("#action-options").display = False
        self.query_one(RadioSet).focus()
        self.show_check()

    def show_check(self) -> None:
        """The check before publishing, in one line; the list is a key away."""
        from wardpanel.reports import check_meeting

        self.findings = check_meeting(self.meeting.id)
        summary = self.query_one("#check-summary", Static)
        if not self.findings:
            summary.update(Text("Check: nothing found that would be wrong to publish.", "green"))
            return
        count = len(self.findings)
        line = Text(f"Check: {count} thing{'' if count == 1 else 's'} to look at before "
                    "publishing. ", "bold yellow")  # fmt: skip
        line.append("ctrl+k", "bold")
        line.append(" to list them")
        summary.update(line)

    def action_findings(self) -> None:
        from wardpanel.app.meeting.findings import FindingsScreen

        if self.findings:
            self.dismiss(None)
            self.app.push_screen(FindingsScreen(self.findings), self._open_finding)

    def _open_finding(self, finding: object) -> None:
        opener = getattr(self.app.screen, "open_finding", None)
        if finding is not None and opener is not None:
            opener(finding)

    def on_radio_set_changed(self, event: RadioSet.Changed) -> None:
        is_actions = event.pressed.id == "actions"
        self.query_one("#action-options").display = is_actions
        self.query_one("#check-summary").display = not is_actions

    def action_close(self) -> None:
        self.dismiss(None)

    def action_export(self) -> None:
        pressed = self.query_one("#kind", RadioSet).pressed_button
        kind = pressed.id if pressed is not None and pressed.id else "minutes"
        options = {
            "kind": kind,
            "output": destination_of(self),
            "residents": self.query_one(ResidentsChoice).residents,
            "record": self.query_one(ResidentsChoice).record,
            "panel": self.meeting.panel.name
            if self.query_one("#this-panel", Checkbox).value
            else None,
            "organisation": self._select_value("#organisation"),
            "status": self._select_value("#status"),
            "overdue": self.query_one("#overdue", Checkbox).value,
        }
        pdf = self.query_one("#pdf", Checkbox).value
        write_in_background(self, lambda: _write(self.meeting.id, options), pdf=pdf)

    def _select_value(self, selector: str) -> str | None:
        value = self.query_one(selector, Select).value
        return value if isinstance(value, str) and value else None


def _write(meeting_id: int, options: dict) -> Path:
    """The chosen document, written; where it went."""
    from wardpanel.exporting import export_actions, export_minutes, export_pack
    from wardpanel.queries.actions import ActionFilter

    if options["kind"] == "minutes":
        return export_minutes(
            meeting_id, options["output"], residents=options["residents"], record=options["record"]
        )
    if options["kind"] == "pack":
        return export_pack(
            meeting_id, options["output"], residents=options["residents"], record=options["record"]
        )
    status = options["status"]
    filters = ActionFilter(
        panel=options["panel"],
        organisation=options["organisation"],
        statuses=(status,) if status else ACTION_STATUSES,
        overdue=options["overdue"],
    )
    return export_actions(
        options["output"],
        filters,
        as_of=dt.date.today(),
        residents=options["residents"],
        record=options["record"],
    )
