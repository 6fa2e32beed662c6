"""Text typed but never saved before the app last closed, offered back at start."""

from __future__ import annotations

from rich.text import Text
from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import Vertical
from textual.screen import ModalScreen
from textual.widgets import DataTable, Label, Static

from wardpanel import queries, services


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
            yield DataTable(id="drafts-table", cursor_type="row")

    def on_mount(self) -> None:
        self.reload()

    def reload(self) -> None:
        table = self.query_one(DataTable)
        table.clear(columns=True)
        table.add_columns("What", "Meeting", "Kept at")
        for draft in queries.drafts():
            meeting = queries.meeting_with_panel(draft.meeting_id) if draft.meeting_id else None
            where = f"{meeting.panel.name}, {meeting.date}" if meeting else "-"
            table.add_row(
                Text(draft.label or draft.key), Text(where), str(draft.updated_at), key=draft.key
            )
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
