"""Finding words in every meeting: questions, responses, actions, updates and notes.

The search runs on a worker thread with its own database connection, so the screen
answers keys while the database works; a newer search stops the one before it, on the
database too (wardpanel.core.storage.database.interrupt). The box takes no more than a
search takes (search.MAX_QUERY_CHARACTERS): keys past that are dropped at once.
"""

from __future__ import annotations

from typing import Any

from rich.text import Text
from textual import on, work
from textual.app import ComposeResult
from textual.binding import Binding
from textual.screen import Screen
from textual.timer import Timer
from textual.widgets import DataTable, Header, Input, Static
from textual.worker import get_current_worker

from wardpanel.app.common.keybar import KeyBar
from wardpanel.app.meeting.section import cell
from wardpanel.core.storage.database import db, friendly_error, interrupt
from wardpanel.core.storage.targets import DATABASE_FAULTS
from wardpanel.core.textclean import quoted
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
        # The connection the search in progress runs on, to stop it when superseded.
        self._searching_on: object | None = None
        self._open_when_found = False

    def compose(self) -> ComposeResult:
        yield Header()
        yield Input(
            placeholder="Words to find in every meeting",
            id="search-box",
            max_length=search.MAX_QUERY_CHARACTERS,
        )
        yield Static("", id="search-count")
        yield DataTable(id="search-results", cursor_type="row", zebra_stripes=True)
        yield KeyBar()

    def on_mount(self) -> None:
        table = self.query_one(DataTable)
        for label, width in (("Found in", 15), ("Panel", 24), ("Meeting", 11), ("", 90)):
            table.add_column(label, width=width)
        self.query_one(Input).focus()

    @on(Input.Changed)
    def _typed(self) -> None:
        if self._timer is not None:
            self._timer.stop()
        self._timer = self.set_timer(0.25, self.run_search)

    @on(Input.Submitted)
    def _submitted(self) -> None:
        if self._timer is not None:
            self._timer.stop()
        self._open_when_found = True  # Enter: the results take the keys once found
        self.run_search()

    def run_search(self) -> None:
        words = self.query_one(Input).value.strip()
        self._stop_searching()
        if not words:
            self._show_hits("", [])
            self.query_one("#search-count", Static).update("")
            return
        self.query_one("#search-count", Static).update(Text("Searching…", style="dim"))
        self._search_in_background(words)

    def _stop_searching(self) -> None:
        """Stop the search in progress, if any, on the database as well."""
        self.workers.cancel_group(self, "search")
        if self._searching_on is not None:
            interrupt(self._searching_on)

    @work(thread=True, exclusive=True, group="search")
    def _search_in_background(self, words: str) -> None:
        worker = get_current_worker()
        with db.connection_context():
            self._searching_on = db.connection()
            try:
                hits = search.search(words, limit=200)
            except search.QueryTooLong as error:
                message = Text(f"{error.message}.", style="yellow")
            except DATABASE_FAULTS as error:
                message = Text(f"Not searched: {friendly_error(error)}", style="bold red")
            else:
                message = None
            finally:
                self._searching_on = None
        if worker.is_cancelled:
            return  # a newer search has taken its place
        if message is not None:
            self.app.call_from_thread(self._show_refusal, message)
        else:
            self.app.call_from_thread(self._show_hits, words, hits)

    def _show_refusal(self, message: Text) -> None:
        self.query_one(DataTable).clear()
        self.hits = {}
        self.query_one("#search-count", Static).update(message)

    def _show_hits(self, words: str, hits: list[search.SearchHit]) -> None:
        table = self.query_one(DataTable)
        table.clear()
        self.hits = {}
        if not words:
            return
        for number, hit in enumerate(hits):
            key = str(number)
            self.hits[key] = hit
            table.add_row(
                Text(f"{KIND_LABELS.get(hit.kind, hit.kind)} {hit.ref}".strip(), style="bold"),
                cell(hit.panel, 24),
                Text(str(hit.meeting_date), style="dim"),
                cell(hit.snippet, 90),
                key=key,
            )
        found = f"{len(hits)} found" if hits else "Nothing found"
        self.query_one("#search-count", Static).update(
            Text(f"{found} for {quoted(words, 80)}. Enter opens the meeting.")
        )
        if hits and self._open_when_found:
            table.focus()
        self._open_when_found = False

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
        self._stop_searching()
        self.app.pop_screen()
