"""Text typed but never saved before the app last closed, offered back at start."""

from __future__ import annotations

import datetime as dt

from rich.text import Text
from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import Vertical
from textual.screen import ModalScreen
from textual.widgets import DataTable, Label, Static

from wardpanel import queries, services
from wardpanel.app.common.table import RowTable
from wardpanel.core.models import Draft
from wardpanel.core.words import short_date

KEY_HINT = "[b]enter[/] open it   [b]d[/] discard it   [b]esc[/] later"


def draft_name(draft: Draft) -> str:
    """What a draft is, and of which meeting: "Response to question 12, Hoe Street,
    2 Dec 2026"."""
    what = draft.label or "Unsaved text"
    meeting = queries.meeting_with_panel(draft.meeting_id) if draft.meeting_id else None
    if meeting is None:
        return what
    panel = meeting.panel.ward or meeting.panel.name
    return f"{what}, {panel}, {short_date(meeting.date)}"


def kept_at(moment: dt.datetime | str) -> str:
    """When a draft was last written: the time today, else the day and time."""
    if isinstance(moment, str):
        try:
            moment = dt.datetime.fromisoformat(moment)
        except ValueError:
            return moment
    if moment.date() == dt.date.today():
        return f"{moment:%H:%M}"
    return f"{short_date(moment.date())} {moment:%H:%M}"


class DraftsScreen(ModalScreen[None]):
    CSS_PATH = "../common/dialogs.tcss"
    BINDINGS = [
        Binding("enter", "open", "Open", priority=True),
        Binding("d", "discard", "Discard"),
        Binding("escape", "close", "Later"),
    ]

    def compose(self) -> ComposeResult:
        with Vertical(id="drafts-box"):
            yield Label("Unsaved text from last time", id="drafts-title")
            yield Static(
                "The app closed while these were being typed. Open one to finish it, "
                "discard it, or leave them for later: they stay until saved or discarded."
            )
            yield RowTable(id="drafts-table", cursor_type="row")
            yield Static(KEY_HINT, id="drafts-hint")

    def on_mount(self) -> None:
        self.reload()

    def reload(self) -> None:
        table = self.query_one(DataTable)
        table.clear(columns=True)
        table.add_columns("What", "Kept at")
        for draft in queries.drafts():
            table.add_row(Text(draft_name(draft)), kept_at(draft.updated_at), key=draft.key)
        if table.row_count == 0:
            self.dismiss(None)
        else:
            table.focus()

    def _selected(self) -> str | None:
        table = self.query_one(DataTable)
        if table.row_count == 0:
            return None
        return table.coordinate_to_cell_key(table.cursor_coordinate).row_key.value

    def action_open(self) -> None:
        key = self._selected()
        if key is None:
            return
        draft = next((d for d in queries.drafts() if d.key == key), None)
        self.dismiss(None)
        if draft is not None and draft.meeting_id:
            from wardpanel.app.meeting.screen import MeetingScreen

            self.app.push_screen(MeetingScreen(draft.meeting_id, reopen_draft=key))
        else:
            self.app.notify("Open the same form again to get this text back.", markup=False)

    def action_discard(self) -> None:
        key = self._selected()
        if key is not None:
            services.discard_draft(key)
            self.reload()

    def action_close(self) -> None:
        self.dismiss(None)
