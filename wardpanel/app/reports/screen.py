"""A panel's accountability, for a period: who attended, and "You said, we did"."""

from __future__ import annotations

import datetime as dt
from typing import Any

from rich.text import Text
from textual import on
from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import Horizontal, VerticalScroll
from textual.screen import Screen
from textual.widgets import DataTable, Header, Input, Static, TabbedContent, TabPane

from wardpanel import reports as accountability
from wardpanel.app.common.keybar import KeyBar
from wardpanel.app.meeting.section import cell
from wardpanel.core.dates import DateError, format_date, parse_date
from wardpanel.core.models import Panel
from wardpanel.core.words import status_lower, status_words

STANDING_STYLE = {
    "overdue": "bold red",
    "open": "",
    "in_progress": "cyan",
    "done": "green",
    "dropped": "dim",
    "no_action": "yellow",
    "active": "bold",
    "achieved": "green",
    "replaced": "dim",
}


def standing_text(key: str) -> Text:
    return Text(status_words(key), style=STANDING_STYLE.get(key, ""))


class ReportsScreen(Screen[None]):
    """The attendance record and "You said, we did" of one panel, on screen and in Word."""

    CSS_PATH = "../actions/actions.tcss"
    BINDINGS = [
        Binding("x", "export", "Export to Word"),
        Binding("p", "period", "Period"),
        Binding("1", "show('attendance')", "Attendance record", show=False),
        Binding("2", "show('said-did')", "You said, we did", show=False),
        Binding("escape", "back", "Back"),
    ]

    def __init__(self, panel_id: int) -> None:
        super().__init__()
        self.panel = Panel.get_by_id(panel_id)
        self.date_from: dt.date | None = None
        self.date_to: dt.date | None = None
        self.questions: dict[str, Any] = {}

    def compose(self) -> ComposeResult:
        yield Header()
        with Horizontal(classes="filter-row", id="period"):
            yield Input(placeholder="From (date; empty: the first meeting)", id="from")
            yield Input(placeholder="To (date; empty: the last meeting)", id="to")
        yield Static("", id="report-summary")
        with TabbedContent(id="reports"):
            with TabPane("1 Attendance record", id="attendance"):
                yield DataTable(id="attendance-table", cursor_type="row", zebra_stripes=True)
            with TabPane("2 You said, we did", id="said-did"):
                yield DataTable(id="said-did-table", cursor_type="row", zebra_stripes=True)
                with VerticalScroll(id="action-detail"):
                    yield Static("", id="said-did-detail")
        yield KeyBar()

    def on_mount(self) -> None:
        self.title = self.panel.name
        self.sub_title = "Reports"
        attendance = self.query_one("#attendance-table", DataTable)
        for label, width in (
            ("Organisation / person", 30),
            ("Role", 20),
            ("Expected", 8),
            ("Present", 7),
            ("Apologies", 9),
            ("Absent", 6),
            ("Not recorded", 12),
            ("Reasons given for absence", 60),
        ):
            attendance.add_column(label, width=width)
        said = self.query_one("#said-did-table", DataTable)
        for label, width in (
            ("Meeting", 11),
            ("#", 3),
            ("Asked by", 20),
            ("Topic", 26),
            ("Committed", 10),
            ("Where it stands", 16),
        ):
            said.add_column(label, width=width)
        self.reload()
        attendance.focus()

    # -- loading ---------------------------------------------------------------------

    def _read_period(self) -> bool:
        period: dict[str, dt.date | None] = {}
        for name in ("from", "to"):
            typed = self.query_one(f"#{name}", Input).value.strip()
            try:
                period[name] = parse_date(typed) if typed else None
            except DateError as error:
                self._summary(Text(f"{name.capitalize()}: {error}", style="bold red"))
                return False
        if period["from"] and period["to"] and period["from"] > period["to"]:
            self._summary(Text("The period ends before it starts.", style="bold red"))
            return False
        self.date_from, self.date_to = period["from"], period["to"]
        return True

    def _summary(self, text: Text) -> None:
        self.query_one("#report-summary", Static).update(text)

    def reload(self) -> None:
        if not self._read_period():
            return
        record = accountability.attendance_record(self.panel.id, self.date_from, self.date_to)
        said = accountability.said_did(self.panel.id, self.date_from, self.date_to)
        self._fill_attendance(record)
        self._fill_said_did(said)
        meetings = len(record.meetings)
        text = Text(f"{meetings} meeting{'' if meetings == 1 else 's'}", style="bold")
        if record.meetings:
            first, last = record.meetings[0].date, record.meetings[-1].date
            text.append(f", {format_date(first)} to {format_date(last)}")
        counts = said.question_counts()
        if counts:
            text.append("   Questions: ")
            text.append(" · ".join(f"{n} {status_lower(k)}" for k, n in counts.items()))
        self._summary(text)

    def _fill_attendance(self, record: Any) -> None:
        table = self.query_one("#attendance-table", DataTable)
        table.clear()
        for number, group in enumerate(record.organisations):
            totals = group.totals
            table.add_row(
                Text(group.name, style="bold"),
                Text(""),
                *self._count_cells(totals, bold=True),
                Text(""),
                key=f"org{number}",
            )
            for person in group.people:
                reasons = "; ".join(
                    f"{mark.meeting.date}: {mark.reason or 'no reason given'}"
                    for mark in person.absences
                )
                table.add_row(
                    Text("  " + person.name),
                    cell(person.role, 20),
                    *self._count_cells(person.counts),
                    Text(reasons),
                    key=f"p{number}-{person.person_id}",
                )

    @staticmethod
    def _count_cells(counts: Any, bold: bool = False) -> list[Text]:
        style = "bold" if bold else ""
        absent_style = "bold red" if counts.absent else style
        return [
            Text(str(counts.expected), style=style),
            Text(str(counts.present), style=style),
            Text(str(counts.apologies), style=style),
            Text(str(counts.absent), style=absent_style),
            Text(str(counts.not_recorded) if counts.not_recorded else "", style="dim"),
        ]

    def _fill_said_did(self, said: Any) -> None:
        table = self.query_one("#said-did-table", DataTable)
        table.clear()
        self.questions = {}
        for record in said.questions:
            key = f"q{record.question.id}"
            self.questions[key] = record
            committed = len(record.responses) + len(record.actions)
            table.add_row(
                Text(str(record.meeting.date), style="dim"),
                Text(str(record.number)),
                cell(record.asked_by or "—", 20),
                cell(record.topic or record.text, 26),
                Text(str(committed)),
                standing_text(record.standing),
                key=key,
            )
        self.show_question()

    def show_question(self) -> None:
        table = self.query_one("#said-did-table", DataTable)
        target = self.query_one("#said-did-detail", Static)
        if table.row_count == 0:
            target.update(Text("No resident questions in this period.", style="dim"))
            return
        key = table.coordinate_to_cell_key(table.cursor_coordinate).row_key.value
        record = self.questions[key]
        text = Text()
        text.append("You said\n", "bold")
        text.append(f"{record.asked_by or 'A resident'}, {format_date(record.meeting.date)}: ")
        text.append(record.text + "\n\n")
        text.append("We committed\n", "bold")
        for response in record.responses:
            who = ", ".join(p for p in (response.organisation, response.responder) if p)
            text.append(f"{who or 'Response'}: ", "cyan")
            text.append(response.text[:600] + "\n")
        for tracked in record.actions:
            text.append(f"{tracked.action.ref} ", "bold")
            text.append(tracked.action.text)
            owner = ", ".join(p for p in (tracked.owner, tracked.organisation) if p)
            if owner:
                text.append(f" ({owner})", "dim")
            text.append("\n")
        if not record.responses and not record.actions:
            text.append("Nothing yet.\n", "dim")
        text.append("\nWe did\n", "bold")
        updates = [(t, u) for t in record.actions for u in t.updates]
        for tracked, update in updates:
            text.append(f"{update.date}  {tracked.action.ref}: ", "cyan")
            text.append((update.text or "") + "\n")
        if not updates:
            text.append("Nothing reported yet.\n", "dim")
        text.append("\nWhere it stands now: ", "bold")
        text.append_text(standing_text(record.standing))
        target.update(text)

    @on(DataTable.RowHighlighted, "#said-did-table")
    def _question_highlighted(self) -> None:
        self.show_question()

    @on(Input.Submitted)
    def _period_changed(self) -> None:
        self.reload()
        self.query_one(TabbedContent).active_pane.query_one(DataTable).focus()

    # -- commands --------------------------------------------------------------------

    def action_show(self, pane: str) -> None:
        self.query_one(TabbedContent).active = pane
        self.query_one(TabbedContent).active_pane.query_one(DataTable).focus()

    def action_period(self) -> None:
        self.query_one("#from", Input).focus()

    def action_back(self) -> None:
        if self.query_one("#from", Input).has_focus or self.query_one("#to", Input).has_focus:
            self.query_one(TabbedContent).active_pane.query_one(DataTable).focus()
        else:
            self.app.pop_screen()

    def action_export(self) -> None:
        from wardpanel.app.reports.export import ReportExportScreen

        if not self._read_period():
            return
        kind = self.query_one(TabbedContent).active
        self.app.push_screen(ReportExportScreen(self.panel, kind, self.date_from, self.date_to))
