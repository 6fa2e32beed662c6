"""A table of rows for the keyboard: Home and End go to the first and last row, and a
row added at the end costs the drawing of that row only.

Textual's DataTable counts its changes, and the count is part of the key of every
rendered cell and line it caches: adding one row (the usual save during a meeting)
made it draw every visible cell again through Rich, some 25 ms at 160x48. A row
appended at the end changes no other row, so here the count is left as it was, and the
caches of the other rows stay good; the table's list of line offsets, which is keyed by
the count alone, is rebuilt. When the new row widens a column, every cell is redrawn, as
before.

Textual also keeps each drawn row, and each drawn line, under the cursor's position, so
moving the cursor (to the row just saved) drew every visible row again. With a row
cursor a row only looks different when the cursor arrives on it or leaves it, so here
rows and lines are kept under that instead (benchmarks/meeting_pace.py: about 4 ms off
each save).

Textual's DataTable also works out the table's own style (a walk up every widget above
it) for each line it draws; a table drawing a frame works it out once.
"""

from __future__ import annotations

from collections.abc import Iterable

from rich.style import Style
from rich.text import TextType
from textual.binding import Binding
from textual.coordinate import Coordinate
from textual.geometry import Region
from textual.strip import Strip
from textual.widgets import DataTable
from textual.widgets.data_table import CellType, RowKey

# Where the cursor is, as far as a row it is not on can tell: on no row at all (not
# even the header, which is row -1).
ELSEWHERE = Coordinate(-2, -2)
# Marks the lines this table keeps in Textual's cache of lines, apart from Textual's own.
ROW_CURSOR_LINE = "row-cursor-line"


class RowTable(DataTable):
    """Textual's DataTable with row keys a chair expects: Home and End move the cursor
    to the first and last row (Textual's own move it to the first and last column)."""

    BINDINGS = [
        Binding("home", "scroll_top", "First row", show=False),
        Binding("end", "scroll_bottom", "Last row", show=False),
    ]

    # The table's style while it draws a frame (None between frames).
    _frame_style: Style | None = None

    def render_lines(self, crop: Region) -> list[Strip]:
        """Draw the lines of one frame, with the table's style worked out once for all
        of them (Textual asks for it once a line)."""
        self._frame_style = super().rich_style
        try:
            return super().render_lines(crop)
        finally:
            self._frame_style = None

    @property
    def rich_style(self) -> Style:
        if self._frame_style is not None:
            return self._frame_style
        return super().rich_style

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

    def _row_index(self, row_key: RowKey) -> int:
        """The row's place in the table; -1 for the header, as Textual numbers it."""
        row = self._row_locations.get(row_key)
        return -1 if row is None else row

    def _render_line_in_row(
        self,
        row_key: RowKey,
        line_no: int,
        base_style,
        cursor_location: Coordinate,
        hover_location: Coordinate,
    ):
        """A row drawn with a row cursor looks the same wherever the cursor is, unless
        the cursor is on it: so when the cursor moves (to the row just saved, say) only
        the row it left and the row it reached are drawn again, not every row, because
        Textual keys the rows it keeps drawn by the cursor's position."""
        if self.cursor_type == "row":
            row = self._row_index(row_key)
            if cursor_location.row != row:
                cursor_location = ELSEWHERE
            if hover_location.row != row:
                hover_location = ELSEWHERE
        return super()._render_line_in_row(
            row_key, line_no, base_style, cursor_location, hover_location
        )

    def _render_line(self, y: int, x1: int, x2: int, base_style) -> Strip:
        """One line of the table, kept for as long as it looks the same.

        Textual keeps each drawn line under the cursor's position, so a cursor that
        moves draws every visible line again. With a row cursor a line only changes
        when the cursor (or the mouse) arrives on its row or leaves it: it is kept here
        under that, in Textual's own cache of lines, so whatever clears that cache
        (a row changed or removed, the theme, the size) clears these lines too."""
        if self.cursor_type != "row":
            return super()._render_line(y, x1, x2, base_style)
        try:
            row_key, _ = self._get_offsets(y)
        except LookupError:
            return super()._render_line(y, x1, x2, base_style)
        row = self._row_index(row_key)
        key = (
            ROW_CURSOR_LINE,
            y,
            x1,
            x2,
            self.size.width,
            self.cursor_coordinate.row == row,
            self.hover_coordinate.row == row,
            base_style,
            self.show_cursor,
            self._show_hover_cursor,
            self._update_count,
            self._pseudo_class_state,
        )
        strip = self._line_cache.get(key)
        if strip is None:
            strip = super()._render_line(y, x1, x2, base_style)
            self._line_cache[key] = strip
        return strip

    def _update_dimensions(self, new_rows: Iterable[RowKey]) -> None:
        widths = [column.content_width for column in self.ordered_columns]
        super()._update_dimensions(new_rows)
        if widths != [column.content_width for column in self.ordered_columns]:
            # A wider column moves every cell after it: draw them all again.
            self._update_count += 1
            self.refresh()
