"""A table of rows for the keyboard: Home and End go to the first and last row, and a
row added at the end costs the drawing of that row only.

Textual's DataTable counts its changes, and the count is part of the key of every
rendered cell and line it caches: adding one row (the usual save during a meeting)
made it draw every visible cell again through Rich, some 25 ms at 160x48. A row
appended at the end changes no other row, so here the count is left as it was, and the
caches of the other rows stay good; the table's list of line offsets, which is keyed by
the count alone, is rebuilt. When the new row widens a column, every cell is redrawn, as
before.
"""

from __future__ import annotations

from collections.abc import Iterable

from rich.text import TextType
from textual.binding import Binding
from textual.widgets import DataTable
from textual.widgets.data_table import CellType, RowKey


class RowTable(DataTable):
    """Textual's DataTable with row keys a chair expects: Home and End move the cursor
    to the first and last row (Textual's own move it to the first and last column)."""

    BINDINGS = [
        Binding("home", "scroll_top", "First row", show=False),
        Binding("end", "scroll_bottom", "Last row", show=False),
    ]

    def add_row(
        self,
        *cells: CellType,
        height: int | None = 1,
        key: str | None = None,
        label: TextType | None = None,
    ) -> RowKey:
        count = self._update_count
        row_key = super().add_row(*cells, height=height, key=key, label=label)
        if height is not None and label is None:
            # Appended with a known height: the other rows are drawn as they were.
            self._update_count = count
            self._offset_cache.clear()
            self._ordered_row_cache.clear()
        return row_key

    def _update_dimensions(self, new_rows: Iterable[RowKey]) -> None:
        widths = [column.content_width for column in self.ordered_columns]
        super()._update_dimensions(new_rows)
        if widths != [column.content_width for column in self.ordered_columns]:
            # A wider column moves every cell after it: draw them all again.
            self._update_count += 1
            self.refresh()
