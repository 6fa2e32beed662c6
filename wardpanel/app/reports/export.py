"""Writing a report of the Reports screen to Word: the attendance record or "You said,
we did" for the period shown, residents printed as the clerk chooses."""

from __future__ import annotations

import datetime as dt
from pathlib import Path

from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import Vertical
from textual.content import Content
from textual.screen import ModalScreen
from textual.widgets import Checkbox, Label, Static

from wardpanel.app.common.residents import ResidentsChoice
from wardpanel.app.common.writing import destination_fields, destination_of, write_in_background
from wardpanel.core.models import Panel
from wardpanel.core.words import period_words

REPORT_TITLES = {"attendance": "Attendance record", "said-did": "You said, we did"}


class ReportExportScreen(ModalScreen[None]):
    """One report of one panel, for a period, as a .docx (and a PDF beside it)."""

    CSS_PATH = "../common/dialogs.tcss"
    BINDINGS = [
        Binding("ctrl+s", "export", "Write document"),
        Binding("escape", "close", "Close"),
    ]

    def __init__(
        self, panel: Panel, kind: str, date_from: dt.date | None, date_to: dt.date | None
    ) -> None:
        super().__init__()
        self.panel = panel
        self.kind = kind
        self.date_from, self.date_to = date_from, date_to

    def compose(self) -> ComposeResult:
        with Vertical(id="export-box"):
            yield Label(f"Export to Word: {REPORT_TITLES[self.kind]}", id="export-title")
            yield Static(
                Content(f"{self.panel.name} · {period_words(self.date_from, self.date_to)}"),
                id="export-summary",
            )
            yield ResidentsChoice(self.panel.publish_residents)
            yield Checkbox("Also a PDF for the website (needs LibreOffice)", id="pdf")
            yield from destination_fields()

    def on_mount(self) -> None:
        self.query_one("#residents").focus()

    def action_close(self) -> None:
        self.dismiss(None)

    def action_export(self) -> None:
        output = destination_of(self)
        choice = self.query_one(ResidentsChoice)
        residents, record = choice.residents, choice.record
        panel_id, kind = self.panel.id, self.kind
        date_from, date_to = self.date_from, self.date_to

        def write() -> Path:
            from wardpanel.exporting import export_attendance, export_said_did

            writer = export_attendance if kind == "attendance" else export_said_did
            return writer(
                panel_id,
                output,
                date_from=date_from,
                date_to=date_to,
                residents=residents,
                record=record,
            )

        pdf = self.query_one("#pdf", Checkbox).value
        write_in_background(self, write, pdf=pdf)
