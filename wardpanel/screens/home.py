"""Home: the panels and their meetings, newest first."""

from __future__ import annotations

from rich.text import Text
from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import Horizontal, Vertical
from textual.screen import Screen
from textual.widgets import DataTable, Footer, Header, Label, Static

from wardpanel import queries
from wardpanel.dates import format_date
from wardpanel.models import Panel


class HomeScreen(Screen[None]):
    BINDINGS = [
        Binding("enter", "open", "Open", priority=False),
        Binding("n", "new_meeting", "New meeting"),
        Binding("p", "new_panel", "New panel"),
        Binding("e", "edit_panel", "Edit panel"),
        Binding("delete,d", "delete_meeting", "Delete meeting", key_display="d"),
        Binding("s", "sample", "Sample meeting", show=False),
    ]

    def __init__(self, select_meeting: int | None = None) -> None:
        super().__init__()
        self.select_meeting = select_meeting
        self.panel_id: int | None = None
        self._shown = False

    def compose(self) -> ComposeResult:
        yield Header()
        with Horizontal(id="home"):
            with Vertical(id="panels-pane"):
                yield Label("Panels", classes="pane-title")
                yield DataTable(id="panels", cursor_type="row", zebra_stripes=True)
            with Vertical(id="meetings-pane"):
                yield Label("Meetings", classes="pane-title", id="meetings-title")
                yield DataTable(id="meetings", cursor_type="row", zebra_stripes=True)
                yield Static("", id="meetings-empty")
        yield Footer()

    def on_mount(self) -> None:
        panels = self.query_one("#panels", DataTable)
        for label, width in (("Panel", 28), ("Ward", 16), ("Meetings", 8), ("Latest", 10)):
            panels.add_column(label, width=width)
        meetings = self.query_one("#meetings", DataTable)
        for label, width in (
            ("Date", 15),
            ("Title", 26),
            ("Venue", 28),
            ("Chair", 18),
            ("Minutes", 8),
        ):
            meetings.add_column(label, width=width)
        if self.select_meeting is not None:
            meeting = queries.meeting_with_panel(self.select_meeting)
            self.panel_id = meeting.panel_id if meeting else None
        self.reload()
        meetings.focus() if meetings.row_count else panels.focus()

    def on_screen_resume(self) -> None:
        # The first resume is the first showing, already loaded by on_mount.
        if self._shown:
            self.reload()
        self._shown = True

    # -- loading -------------------------------------------------------------------

    def reload(self) -> None:
        panels = self.query_one("#panels", DataTable)
        panels.clear()
        summaries = queries.panel_summaries()
        for summary in summaries:
            panels.add_row(
                Text(summary.panel.name),
                Text(summary.panel.ward),
                str(summary.meetings),
                str(summary.latest or "—"),
                key=str(summary.panel.id),
            )
        if not summaries:
            self.panel_id = None
        elif self.panel_id not in {s.panel.id for s in summaries}:
            self.panel_id = summaries[0].panel.id
        if self.panel_id is not None:
            row = panels.get_row_index(str(self.panel_id))
            panels.move_cursor(row=row, animate=False)
        self.load_meetings()

    def load_meetings(self) -> None:
        table = self.query_one("#meetings", DataTable)
        selected = self._meeting_id() if table.row_count else self.select_meeting
        table.clear()
        empty = self.query_one("#meetings-empty", Static)
        if self.panel_id is None:
            empty.update("No panels yet: press [b]p[/] to start one, [b]s[/] for a sample.")
            return
        panel = Panel.get_by_id(self.panel_id)
        self.query_one("#meetings-title", Label).update(Text(f"Meetings of {panel.name}"))
        for meeting in queries.meetings_of(self.panel_id):
            table.add_row(
                format_date(meeting.date),
                Text(meeting.title),
                Text(meeting.venue),
                Text(meeting.chair),
                "approved" if meeting.status == "approved" else "draft",
                key=str(meeting.id),
            )
        empty.update("" if table.row_count else "No meetings yet: press [b]n[/] to start one.")
        if selected is not None and str(selected) in {k.value for k in table.rows}:
            table.move_cursor(row=table.get_row_index(str(selected)), animate=False)

    def on_data_table_row_highlighted(self, event: DataTable.RowHighlighted) -> None:
        if event.data_table.id == "panels" and event.row_key.value is not None:
            panel_id = int(event.row_key.value)
            if panel_id != self.panel_id:
                self.panel_id = panel_id
                self.load_meetings()

    def on_data_table_row_selected(self, event: DataTable.RowSelected) -> None:
        if event.data_table.id == "panels":
            self.query_one("#meetings", DataTable).focus()
        else:
            self.action_open()

    def _meeting_id(self) -> int | None:
        table = self.query_one("#meetings", DataTable)
        if table.row_count == 0:
            return None
        return int(table.coordinate_to_cell_key(table.cursor_coordinate).row_key.value)

    def check_action(self, action: str, parameters: tuple[object, ...]) -> bool | None:
        if action in ("open", "delete_meeting"):
            return self._meeting_id() is not None or None
        if action in ("new_meeting", "edit_panel"):
            return self.panel_id is not None or None
        return True

    # -- commands ------------------------------------------------------------------

    def action_open(self) -> None:
        from wardpanel.screens.meeting import MeetingScreen

        meeting_id = self._meeting_id()
        if meeting_id is not None:
            self.app.push_screen(MeetingScreen(meeting_id))

    def action_new_panel(self) -> None:
        from wardpanel.screens.panels import panel_form

        def made(panel) -> None:
            if panel is not None:
                self.panel_id = panel.id
                self.reload()
                self.notify(
                    f"Panel '{panel.name}' saved. Press n for its first meeting.", markup=False
                )

        self.app.push_screen(panel_form(), made)

    def action_edit_panel(self) -> None:
        from wardpanel.screens.panels import panel_form

        if self.panel_id is not None:
            self.app.push_screen(
                panel_form(Panel.get_by_id(self.panel_id)), lambda _: self.reload()
            )

    def action_new_meeting(self) -> None:
        from wardpanel.screens.meeting import MeetingScreen
        from wardpanel.screens.panels import new_meeting_form

        if self.panel_id is None:
            return

        def made(meeting) -> None:
            if meeting is not None:
                self.select_meeting = meeting.id
                self.reload()
                self.app.push_screen(MeetingScreen(meeting.id))

        self.app.push_screen(new_meeting_form(Panel.get_by_id(self.panel_id)), made)

    def action_delete_meeting(self) -> None:
        from wardpanel.screens.confirm import ConfirmScreen

        meeting_id = self._meeting_id()
        if meeting_id is None:
            return
        meeting = queries.meeting_with_panel(meeting_id)

        def answered(yes: bool | None) -> None:
            if yes:
                from wardpanel import services

                services.delete_meeting(meeting_id)
                self.notify(f"Meeting of {meeting.date} deleted.", markup=False)
                self.reload()

        self.app.push_screen(
            ConfirmScreen(
                f"Delete the meeting of {format_date(meeting.date)}?",
                "Its attendance, questions, responses, actions and notes go with it.",
            ),
            answered,
        )

    def action_sample(self) -> None:
        from wardpanel.sample import load_sample

        meeting_id = load_sample()
        self.select_meeting = meeting_id
        meeting = queries.meeting_with_panel(meeting_id)
        self.panel_id = meeting.panel_id
        self.reload()
        self.notify("Sample meeting loaded.", markup=False)
