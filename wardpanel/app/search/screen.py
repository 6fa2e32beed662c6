"""Finding words in every meeting: questions, responses, actions, updates and notes."""

from __future__ import annotations

from typing import Any

from rich.text import Text
from textual import on
from textual.app import ComposeResult
from textual.binding import Binding
from textual.screen import Screen
from textual.timer import Timer
from textual.widgets import DataTable, Header, Input, Static

from wardpanel.app.common.keybar import KeyBar
from wardpanel.app.meeting.section import cell
from wardpanel.queries import search

KIND_LABELS = {
    "question": "Question",
    "response": "Response",
    "action": "Action",
    "update": "Update",
    "note": "Note",
}


class SearchScreen(Screen[None]):
    CSS_PATH = "../actions/actions.tcss"
    BINDINGS = [
        Binding("enter", "open", "Open meeting", show=False),
        Binding("slash", "focus_box", "Search", key_display="/"),
        Binding("escape", "back", "Back"),
    ]

    def __init__(self) -> None:
        super().__init__()
        self.hits: dict[str, Any] = {}
        self._timer: Timer | None = None

    def compose(self) -> ComposeResult:
        yield Header()
        yield Input(placeholder="Words to find in every meeting", id="search-box")
        yield Static("", id="search-count")
        yield DataTable(id="search-results", cursor_type="row", zebra_stripes=True)
        yield KeyBar()

    def on_mount(self) -> None:
        table = self.query_one(DataTable)
        for label, width in (("Found in", 10), ("Panel", 24), ("Meeting", 11), ("", 90)):
            table.add_column(label, width=width)
        self.query_one(Input).focus()

    @on(Input.Changed)
    def _typed(self) -> None:
        if self._timer is not None:
            self._timer.stop()
        self._timer = self.set_timer(0.25, self.run_search)

    @on(Input.Submitted)
    def _submitted(self) -> None:
        self.run_search()
        if self.hits:
            self.query_one(DataTable).focus()

    def run_search(self) -> None:
        words = self.query_one(Input).value.strip()
        table = self.query_one(DataTable)
        table.clear()
        self.hits = {}
        if not words:
            self.query_one("#search-count", Static).update("")
            return
        hits = search.search(words, limit=200)
        for number, hit in enumerate(hits):
            key = str(number)
            self.hits[key] = hit
            table.add_row(
                Text(KIND_LABELS.get(hit.kind, hit.kind), style="bold"),
                cell(hit.panel, 24),
                Text(str(hit.meeting_date), style="dim"),
                cell(hit.snippet, 90),
                key=key,
            )
        found = f"{len(hits)} found" if hits else "Nothing found"
        self.query_one("#search-count", Static).update(
            Text(f"{found} for '{words}'. Enter opens the meeting.")
        )

    @on(DataTable.RowSelected)
    def _chosen(self) -> None:
        self.action_open()

    def action_open(self) -> None:
        from wardpanel.app.meeting.screen import MeetingScreen

        table = self.query_one(DataTable)
        if not table.has_focus or table.row_count == 0:
            return
        key = table.coordinate_to_cell_key(table.cursor_coordinate).row_key.value
        hit = self.hits.get(key)
        if hit is not None:
            self.app.push_screen(MeetingScreen(hit.meeting_id))

    def action_focus_box(self) -> None:
        self.query_one(Input).focus()

    def action_back(self) -> None:
        self.app.pop_screen()
