"""A keyboard list of short rows (home's panels and meetings), drawn a line at a time.

Textual's OptionList measures and renders every option through its general visual
pipeline, and at start-up that was most of the time home took to paint. Here each row
is one or more lines of `Content` turned into a strip only when it is on screen, and
kept until the rows or the width change.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass

from textual.binding import Binding
from textual.content import Content
from textual.events import Click
from textual.geometry import Region, Size
from textual.message import Message
from textual.reactive import reactive
from textual.scroll_view import ScrollView
from textual.strip import Strip


@dataclass(frozen=True)
class Row:
    """One entry: a key the screen knows it by, and the lines it shows."""

    key: str
    lines: tuple[Content, ...]


class RowList(ScrollView, can_focus=True):
    """Up/down (and page, home, end) move the cursor; Enter or a click chooses the row."""

    DEFAULT_CSS = """
    RowList {
        height: 1fr;
        overflow-x: hidden;
        background: $surface;
        & > .row-list--cursor { background: $surface-lighten-1; text-style: bold; }
        &:focus > .row-list--cursor {
            background: $block-cursor-background;
            color: $block-cursor-foreground;
        }
    }
    """
    COMPONENT_CLASSES = {"row-list--cursor"}
    BINDINGS = [
        Binding("up", "move(-1)", "Up", show=False),
        Binding("down", "move(1)", "Down", show=False),
        Binding("pageup", "page(-1)", "Page up", show=False),
        Binding("pagedown", "page(1)", "Page down", show=False),
        Binding("home", "move_to(0)", "First", show=False),
        Binding("end", "move_to(-1)", "Last", show=False),
        Binding("enter", "choose", "Choose", show=False),
    ]

    cursor: reactive[int] = reactive(0, always_update=True, init=False)

    @dataclass
    class Highlighted(Message):
        """The cursor moved onto the row with this key."""

        row_list: RowList
        key: str

        @property
        def control(self) -> RowList:
            return self.row_list

    @dataclass
    class Chosen(Message):
        """Enter was pressed on (or the mouse clicked) the row with this key."""

        row_list: RowList
        key: str

        @property
        def control(self) -> RowList:
            return self.row_list

    def __init__(self, *, id: str | None = None) -> None:
        super().__init__(id=id)
        self._rows: list[Row] = []
        self._line_index: list[tuple[int, int]] = []  # screen line -> (row, line of row)
        self._first_line: list[int] = []  # row -> its first screen line
        self._strips: dict[tuple[int, int, bool, bool, int], Strip] = {}

    # -- the rows ------------------------------------------------------------------

    @property
    def row_count(self) -> int:
        return len(self._rows)

    @property
    def highlighted_key(self) -> str | None:
        return self._rows[self.cursor].key if self._rows else None

    def set_rows(self, rows: Sequence[Row], select: str | None = None) -> None:
        """Replace every row; the cursor goes to `select` if present, else the first."""
        self._rows = list(rows)
        self._line_index = []
        self._first_line = []
        for number, row in enumerate(self._rows):
            self._first_line.append(len(self._line_index))
            self._line_index.extend((number, line) for line in range(len(row.lines)))
        self._strips.clear()
        self.virtual_size = Size(self.size.width, len(self._line_index))
        keys = [row.key for row in self._rows]
        self.scroll_to(y=0, animate=False, immediate=True)
        self.cursor = keys.index(select) if select in keys else 0
        self.refresh()

    # -- keys and mouse ------------------------------------------------------------

    def watch_cursor(self, old: int, new: int) -> None:
        if not self._rows:
            return
        clamped = max(0, min(new, len(self._rows) - 1))
        if clamped != new:
            self.cursor = clamped
            return
        self._show_cursor()
        self.refresh()
        self.post_message(self.Highlighted(self, self._rows[new].key))

    def _show_cursor(self) -> None:
        row = self._rows[self.cursor]
        top = self._first_line[self.cursor]
        self.scroll_to_region(
            Region(0, top, self.size.width, len(row.lines)), animate=False, immediate=True
        )

    def action_move(self, step: int) -> None:
        if self._rows:
            self.cursor = max(0, min(self.cursor + step, len(self._rows) - 1))

    def action_move_to(self, index: int) -> None:
        if self._rows:
            self.cursor = index % len(self._rows)

    def action_page(self, direction: int) -> None:
        if not self._rows:
            return
        lines_per_row = max(1, len(self._line_index) // len(self._rows))
        self.action_move(direction * max(1, self.size.height // lines_per_row - 1))

    def action_choose(self) -> None:
        if self._rows:
            self.post_message(self.Chosen(self, self._rows[self.cursor].key))

    def on_click(self, event: Click) -> None:
        line = event.y + self.scroll_offset.y
        if 0 <= line < len(self._line_index):
            self.focus()
            self.cursor = self._line_index[line][0]
            self.action_choose()

    # -- drawing -------------------------------------------------------------------

    def on_resize(self) -> None:
        self._strips.clear()
        self.virtual_size = Size(self.size.width, len(self._line_index))

    def render_line(self, y: int) -> Strip:
        width = self.size.width
        line = y + self.scroll_offset.y
        if line >= len(self._line_index):
            return Strip.blank(width, self.rich_style)
        row, part = self._line_index[line]
        on_cursor = row == self.cursor
        key = (row, part, on_cursor, self.has_focus, width)
        strip = self._strips.get(key)
        if strip is None:
            style = self.visual_style
            if on_cursor:
                style = self.get_visual_style("row-list--cursor")
            content = self._rows[row].lines[part].truncate(max(0, width - 2), ellipsis=True)
            segments = Content.assemble(" ", content).render_segments(style)
            strip = Strip(segments).extend_cell_length(width, style.rich_style).crop(0, width)
            self._strips[key] = strip
        return strip

    def on_focus(self) -> None:
        self.refresh()

    def on_blur(self) -> None:
        self.refresh()
