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
from textual.widgets import Checkbox, Input, Label, Static

from wardpanel.app.common.residents import ResidentsChoice
from wardpanel.app.common.writing import write_in_background
from wardpanel.core.dates import format_date
from wardpanel.core.models import Panel

REPORT_TITLES = {"attendance": "Attendance record", "said-did": "You said, we did"}


def period_words(date_from: dt.date | None, date_to: dt.date | None) -> str:
    """'Every meeting', 'From 1 Jun 2026', 'From 1 Jun 2026 to 30 Sep 2026'…"""
    if date_from and date_to:
        return f"From {format_date(date_from)} to {format_date(date_to)}"
    if date_from:
        return f"From {format_date(date_from)}"
    if date_to:
        return f"Up to {format_date(date_to)}"
    return "Every meeting"


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
            yield Label("Save as (empty: the exports folder)")
            yield Input(placeholder="exports/…docx", id="destination")
            yield Static("", id="export-result")
            yield Static(
                Content.from_markup("[b]ctrl+s[/] write   [b]esc[/] close"), id="form-hint"
            )

    def on_mount(self) -> None:
        self.query_one("#residents").focus()

    def action_close(self) -> None:
        self.dismiss(None)

    def action_export(self) -> None:
        typed = self.query_one("#destination", Input).value.strip()
        output = Path(typed).expanduser() if typed else None
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
