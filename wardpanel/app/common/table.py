"""A table of rows for the keyboard: Home and End go to the first and last row."""

from __future__ import annotations

from textual.binding import Binding
from textual.widgets import DataTable


class RowTable(DataTable):
    """Textual's DataTable with row keys a chair expects: Home and End move the cursor
    to the first and last row (Textual's own move it to the first and last column)."""

    BINDINGS = [
        Binding("home", "scroll_top", "First row", show=False),
        Binding("end", "scroll_bottom", "Last row", show=False),
    ]
