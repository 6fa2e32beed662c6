"""Home: the panels and their meetings, newest first."""

from __future__ import annotations

from rich.text import Text
from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import Horizontal, Vertical
from textual.content import Content
from textual.screen import Screen
from textual.widgets import Header, Label, Static

from wardpanel import queries
from wardpanel.app.common.keybar import KeyBar
from wardpanel.app.common.rowlist import Row, RowList
from wardpanel.core.dates import format_date
from wardpanel.core.models import Meeting, Panel
from wardpanel.core.words import plural
from wardpanel.queries import PanelSummary


def panel_row(summary: PanelSummary) -> Row:
    panel = summary.panel
    details = [part for part in (panel.ward, panel.borough) if part]
    details.append(f"{summary.meetings} meeting{'' if summary.meetings == 1 else 's'}")
    if summary.latest:
        details.append(str(summary.latest))
    name = Content.styled(panel.name, "bold")
    # The blank third line keeps the panels apart.
    return Row(str(panel.id), (name, Content.styled(" · ".join(details), "dim"), Content()))


def meeting_row(meeting: Meeting) -> Row:
    approved = meeting.status == "approved"
    line = Content.assemble(
        (f"{format_date(meeting.date):<16}", "bold"),
        f"{meeting.start or '':<6}",
        meeting.title,
        (f"  ·  {meeting.venue}" if meeting.venue else "", "dim"),
        ("  approved", "green") if approved else ("  draft", "yellow"),
    )
    return Row(str(meeting.id), (line,))


class HomeScreen(Screen[None]):
    BINDINGS = [
        Binding("enter", "open", "Open", priority=False),
        Binding("n", "new_meeting", "New meeting"),
        Binding("p", "new_panel", "New panel"),
        Binding("e", "edit_panel", "Edit panel"),
        Binding("r", "reports", "Reports"),
        Binding("o", "people", "People & organisations", show=False),
        Binding("delete,d", "delete_meeting", "Delete meeting", key_display="d"),
        # Putting panels right is rare: in '?' and the palette, out of the key bar.
        Binding("m", "merge_panel", "Merge panel into another", show=False),
        Binding("D", "delete_panel", "Delete panel (no meetings)", show=False),
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
                yield RowList(id="panels")
            with Vertical(id="meetings-pane"):
                yield Label("Meetings", classes="pane-title", id="meetings-title")
                yield RowList(id="meetings")
                yield Static("", id="meetings-empty")
        yield KeyBar()

    def on_mount(self) -> None:
        if self.select_meeting is not None:
            meeting = queries.meeting_with_panel(self.select_meeting)
            self.panel_id = meeting.panel_id if meeting else None
        self.reload()
        meetings = self.query_one("#meetings", RowList)
        panels = self.query_one("#panels", RowList)
        meetings.focus() if meetings.row_count else panels.focus()

    def on_screen_resume(self) -> None:
        # The first resume is the first showing, already loaded by on_mount.
        if self._shown:
            self.reload()
        self._shown = True

    # -- loading -------------------------------------------------------------------

    def reload(self) -> None:
        summaries = queries.panel_summaries()
        if not summaries:
            self.panel_id = None
        elif self.panel_id not in {s.panel.id for s in summaries}:
            self.panel_id = summaries[0].panel.id
        panels = self.query_one("#panels", RowList)
        panels.set_rows([panel_row(s) for s in summaries], select=str(self.panel_id))
        self.load_meetings()

    def load_meetings(self) -> None:
        table = self.query_one("#meetings", RowList)
        selected = self._meeting_id() or self.select_meeting
        if self.panel_id is None:
            table.set_rows([])
            self._say_empty("No panels yet: press [b]p[/] to start one, [b]s[/] for a sample.")
            return
        panel = Panel.get_by_id(self.panel_id)
        self.query_one("#meetings-title", Label).update(Text(f"Meetings of {panel.name}"))
        meetings = queries.meetings_of(self.panel_id)
        table.set_rows([meeting_row(m) for m in meetings], select=str(selected))
        self._say_empty("" if meetings else "No meetings yet: press [b]n[/] to start one.")

    def _say_empty(self, message: str) -> None:
        empty = self.query_one("#meetings-empty", Static)
        empty.update(message)
        empty.display = bool(message)

    def on_row_list_highlighted(self, event: RowList.Highlighted) -> None:
        if event.row_list.id == "panels" and int(event.key) != self.panel_id:
            self.panel_id = int(event.key)
            self.load_meetings()

    def on_row_list_chosen(self, event: RowList.Chosen) -> None:
        if event.row_list.id == "panels":
            self.query_one("#meetings", RowList).focus()
        else:
            self.action_open()

    def _meeting_id(self) -> int | None:
        key = self.query_one("#meetings", RowList).highlighted_key
        return int(key) if key is not None else None

    def check_action(self, action: str, parameters: tuple[object, ...]) -> bool | None:
        if action in ("open", "delete_meeting"):
            return self._meeting_id() is not None or None
        if action in ("new_meeting", "edit_panel", "reports", "merge_panel", "delete_panel"):
            return self.panel_id is not None or None
        return True

    # -- commands ------------------------------------------------------------------

    def action_open(self) -> None:
        from wardpanel.app.meeting.screen import MeetingScreen

        meeting_id = self._meeting_id()
        if meeting_id is not None:
            self.app.push_screen(MeetingScreen(meeting_id))

    def action_people(self) -> None:
        from wardpanel.app.people.screen import PeopleScreen

        self.app.push_screen(PeopleScreen())

    def action_reports(self) -> None:
        from wardpanel.app.reports.screen import ReportsScreen

        if self.panel_id is not None:
            self.app.push_screen(ReportsScreen(self.panel_id))

    def action_new_panel(self) -> None:
        from wardpanel.app.home.panels import panel_form

        def made(panel) -> None:
            if panel is not None:
                self.panel_id = panel.id
                self.reload()
                self.notify(
                    f"Panel '{panel.name}' saved. Press n for its first meeting.", markup=False
                )

        self.app.push_screen(panel_form(), made)

    def action_edit_panel(self) -> None:
        from wardpanel.app.home.panels import panel_form

        if self.panel_id is not None:
            self.app.push_screen(
                panel_form(Panel.get_by_id(self.panel_id)), lambda _: self.reload()
            )

    def action_new_meeting(self) -> None:
        from wardpanel.app.home.panels import new_meeting_form
        from wardpanel.app.meeting.screen import MeetingScreen

        if self.panel_id is None:
            return

        def made(meeting) -> None:
            if meeting is not None:
                self.select_meeting = meeting.id
                self.reload()
                self.app.push_screen(MeetingScreen(meeting.id))

        self.app.push_screen(new_meeting_form(Panel.get_by_id(self.panel_id)), made)

    def action_delete_meeting(self) -> None:
        from wardpanel.app.common.confirm import ConfirmScreen

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

    def action_merge_panel(self) -> None:
        from wardpanel.app.common.confirm import ConfirmScreen
        from wardpanel.app.home.panels import merge_panel_form

        summaries = {s.panel.id: s for s in queries.panel_summaries()}
        gone = summaries.get(self.panel_id or 0)
        if gone is None:
            return
        others = [s.panel for s in summaries.values() if s.panel.id != gone.panel.id]
        if not others:
            self.notify("There is no other panel to merge it into.", markup=False)
            return

        def merge(into_id: int) -> None:
            from wardpanel import services

            try:
                kept = services.merge_panels(gone.panel.id, into_id)
            except services.InputError as error:
                self.notify(error.message, title="Not merged", severity="error", markup=False)
                return
            self.panel_id = kept.id
            self.reload()
            self.notify(f"{gone.panel.name} merged into {kept.name}.", markup=False)

        def chosen(into_id: int | None) -> None:
            if into_id is None:
                return
            kept = summaries[into_id].panel
            self.app.push_screen(
                ConfirmScreen(
                    f"Merge {gone.panel.name} into {kept.name}?",
                    f"{plural(gone.meetings, 'meeting')} and its priorities move to "
                    f"{kept.name}; {gone.panel.name} is then deleted. Action references "
                    "stay as printed. The merge is recorded.",
                    yes="Merge",
                    no="Keep apart",
                ),
                lambda yes: yes and merge(into_id),
            )

        self.app.push_screen(merge_panel_form(gone.panel, others), chosen)

    def action_delete_panel(self) -> None:
        from wardpanel.app.common.confirm import ConfirmScreen

        summary = next((s for s in queries.panel_summaries() if s.panel.id == self.panel_id), None)
        if summary is None:
            return
        name = summary.panel.name
        if summary.meetings:
            self.notify(
                f"{name} has {plural(summary.meetings, 'meeting')}: only a panel with none "
                "can be deleted. Press m to merge it into another panel.",
                title="Not deleted",
                severity="warning",
                markup=False,
            )
            return

        def delete(yes: bool | None) -> None:
            from wardpanel import services

            if not yes:
                return
            try:
                services.delete_panel(summary.panel.id)
            except services.InputError as error:
                self.notify(error.message, title="Not deleted", severity="error", markup=False)
                return
            self.panel_id = None
            self.reload()
            self.notify(f"Panel {name} deleted.", markup=False)

        self.app.push_screen(
            ConfirmScreen(
                f"Delete the panel {name}?", "It has no meetings. The deletion is recorded."
            ),
            delete,
        )

    def action_sample(self) -> None:
        from wardpanel.sample import load_sample

        meeting_id = load_sample()
        self.select_meeting = meeting_id
        meeting = queries.meeting_with_panel(meeting_id)
        self.panel_id = meeting.panel_id
        self.reload()
        self.notify("Sample meeting loaded.", markup=False)
