"""The Actions view's list: one line per action, drawn only where the screen shows it.

A line is drawn whole, from plain values, when it scrolls into view, and kept; Textual's
DataTable, which the view used before, costs more for the same hundred rows than the
whole view costs now (benchmarks/actions_view.py). Columns fit the terminal: the
action's text takes the room that is left, and the least needed columns go first on a
narrow screen (the history pane below always says everything).
"""

from __future__ import annotations

from collections.abc import Callable, Sequence
from typing import ClassVar, NamedTuple

from rich.cells import cell_len, set_cell_size
from rich.segment import Segment
from rich.style import Style
from textual import events
from textual.binding import Binding
from textual.cache import LRUCache
from textual.geometry import Region, Size
from textual.message import Message
from textual.scroll_view import ScrollView
from textual.strip import Strip

from wardpanel.app.actions.history import STATUS_STYLE
from wardpanel.core.words import status_lower
from wardpanel.queries.actions import ActionRow

# (label, width); the action's text takes what the others leave.
Column = tuple[str, int]
# Reads `count` more rows of the page, from row `start` of the page.
FetchRows = Callable[[int, int], Sequence[ActionRow]]
ACTION_MIN = 40
# Control characters in stored text, drawn as they are, would upset the terminal.
CONTROL = dict.fromkeys([*range(32), *range(127, 160)])


class Palette(NamedTuple):
    """The styles of the list's parts, from its stylesheet."""

    plain: Style
    even: Style
    cursor: Style
    header: Style
    track: Style
    thumb: Style


def _layouts() -> list[list[Column]]:
    """The columns to try, widest first; the first leaving the action room enough wins."""
    full = [
        ("Ref", 8),  # "WFCS-123": a four-letter code and a three-figure number
        ("Due", 10),
        ("Status", 11),
        ("Action", 0),
        ("Owner", 20),
        ("Organisation", 22),
        ("Panel", 22),
        ("Raised", 10),
    ]
    without_raised = full[:-1]
    narrower = [(label, min(width, 16)) for label, width in without_raised]
    without_panel = narrower[:-1]
    narrowest = [(label, min(width, 14)) for label, width in without_panel]
    return [full, without_raised, narrower, without_panel, narrowest]


LAYOUTS = _layouts()


def columns_for(width: int) -> list[Column]:
    """The columns shown in `width` cells, the action's width filled in."""
    for layout in LAYOUTS:
        # One cell of margin on the left and one between columns.
        fixed = 1 + sum(w for _, w in layout) + len(layout) - 1
        room = width - fixed
        if room >= ACTION_MIN or layout is LAYOUTS[-1]:
            return [(label, w or max(room, 8)) for label, w in layout]
    raise AssertionError("the last layout always fits")


def fit(text: str, width: int) -> str:
    """Text for one cell: its first line, spaces tidied, cut with an ellipsis to `width`."""
    line = " ".join(text.split("\n", 1)[0].split()).translate(CONTROL)
    if "\n" in text.strip():
        line += " …"
    if cell_len(line) > width:
        return set_cell_size(line, width - 1) + "…"
    return set_cell_size(line, width)


class ActionList(ScrollView, can_focus=True, inherit_bindings=False):
    """A page of actions: a cursor to move, Enter (or a second click) to act on one.

    The page may come in two parts: the rows that fill the screen, given to `show`, and
    the rest, read through `fetch` when the cursor or the wheel first goes near them.

    The list draws its own scroll bar in its last column: Textual's, a widget of its own
    redrawn at every change, cost more than the rows when the view opens.
    """

    DEFAULT_CSS = """
    ActionList {
        overflow-x: hidden;
        overflow-y: hidden;
        background: $surface;
        & > .action-list--track {
            background: $scrollbar-background;
        }
        & > .action-list--thumb {
            background: $scrollbar;
        }
        & > .action-list--header {
            text-style: bold;
            color: $text-primary;
            background: $panel;
        }
        & > .action-list--even {
            background: $surface-lighten-1 40%;
        }
        & > .action-list--cursor {
            background: $block-cursor-blurred-background;
            color: $block-cursor-blurred-foreground;
        }
        &:focus > .action-list--cursor {
            background: $block-cursor-background;
            color: $block-cursor-foreground;
            text-style: $block-cursor-text-style;
        }
    }
    """
    COMPONENT_CLASSES: ClassVar[set[str]] = {
        "action-list--header",
        "action-list--even",
        "action-list--cursor",
        "action-list--track",
        "action-list--thumb",
    }
    BINDINGS: ClassVar[list[Binding]] = [
        Binding("up", "move(-1)", "Up", show=False),
        Binding("down", "move(1)", "Down", show=False),
        Binding("pageup", "page(-1)", "Page up", show=False),
        Binding("pagedown", "page(1)", "Page down", show=False),
        Binding("home", "move_to(0)", "First", show=False),
        Binding("end", "move_to(-1)", "Last", show=False),
        Binding("enter", "select", "Choose", show=False),
    ]

    class Highlighted(Message):
        """The cursor is on another action (or on none: the list is empty)."""

        def __init__(self, action_list: ActionList, row: ActionRow | None) -> None:
            super().__init__()
            self.action_list = action_list
            self.row = row

    class Selected(Message):
        """The officer chose the action under the cursor (Enter, or a second click)."""

        def __init__(self, action_list: ActionList, row: ActionRow) -> None:
            super().__init__()
            self.action_list = action_list
            self.row = row

    def __init__(self, *, id: str | None = None) -> None:
        super().__init__(id=id)
        self.rows: Sequence[ActionRow] = ()
        self.expected = 0
        self.fetch: FetchRows | None = None
        self.cursor = 0
        self._columns: list[Column] = []
        self._width = 0
        self._lines: LRUCache[tuple[int, bool, bool], Strip] = LRUCache(256)
        self._palette: Palette | None = None
        self._drawn_with: Palette | None = None
        self._thumb = range(0)

    # -- what the screen uses --------------------------------------------------------

    @property
    def row_count(self) -> int:
        return len(self.rows)

    @property
    def current(self) -> ActionRow | None:
        """The action under the cursor, if any."""
        return self.rows[self.cursor] if self.rows else None

    def show(
        self,
        rows: Sequence[ActionRow],
        *,
        expected: int | None = None,
        fetch: FetchRows | None = None,
        keep_id: int | None = None,
    ) -> None:
        """Show these rows of a page of `expected` rows, the rest read by `fetch` later.

        The cursor stays on `keep_id` if it is among the rows. No Highlighted message:
        whoever gives the rows knows which one is current.
        """
        self.rows = list(rows)
        self.expected = max(len(rows), expected or 0) if fetch else len(rows)
        self.fetch = fetch if self.expected > len(rows) else None
        ids = [row.id for row in rows]
        self.cursor = ids.index(keep_id) if keep_id in ids else 0
        self._lines.clear()
        # Only the height matters: the columns always fit the width, nothing scrolls sideways.
        self.virtual_size = Size(0, self.expected + 1)
        if self.scroll_y:
            self.scroll_to(y=0, animate=False, immediate=True)
        self._keep_cursor_in_view()
        self.refresh()

    def _load_to(self, index: int) -> None:
        """Make sure rows up to `index` are here, reading the rest of the page if not."""
        if index < len(self.rows) or self.fetch is None:
            return
        more = self.fetch(len(self.rows), self.expected - len(self.rows))
        self.rows = [*self.rows, *more]
        self.fetch = None
        if len(self.rows) != self.expected:  # changed meanwhile, elsewhere
            self.expected = len(self.rows)
            self.virtual_size = Size(0, self.expected + 1)
        self.refresh()

    def _visible_rows(self) -> int:
        return max(1, self.scrollable_content_region.height - 1)

    def move_to(self, index: int) -> None:
        if not self.rows:
            return
        # A screen ahead, so that paging down never waits twice.
        self._load_to(min(index, self.expected - 1) + self._visible_rows())
        index = max(0, min(index, len(self.rows) - 1))
        if index == self.cursor:
            return
        before, self.cursor = self.cursor, index
        self._refresh_row(before)
        self._refresh_row(index)
        self._keep_cursor_in_view()
        self.post_message(self.Highlighted(self, self.current))

    # -- keys and mouse --------------------------------------------------------------

    @property
    def allow_vertical_scroll(self) -> bool:
        # No Textual scroll bar (its coming and going lays the view out again), but the
        # wheel still scrolls.
        return self.max_scroll_y > 0

    def action_move(self, step: int) -> None:
        self.move_to(self.cursor + step)

    def action_page(self, step: int) -> None:
        self.move_to(self.cursor + step * self._visible_rows())

    def action_move_to(self, index: int) -> None:
        self.move_to(index if index >= 0 else self.expected - 1)

    def action_select(self) -> None:
        if self.current is not None:
            self.post_message(self.Selected(self, self.current))

    def _on_click(self, event: events.Click) -> None:
        offset = event.get_content_offset(self)
        if offset is None or offset.y < 1:
            return
        if offset.x == self._width - 1:  # the scroll bar: that part of the page
            visible = self._visible_rows()
            share = (offset.y - 1) / max(1, visible - 1)
            self.scroll_to(y=round(share * self.max_scroll_y), animate=False)
            return
        index = round(self.scroll_y) + offset.y - 1
        if index >= len(self.rows):
            return
        if index == self.cursor:
            self.action_select()
        else:
            self.move_to(index)

    # -- drawing ---------------------------------------------------------------------

    def _on_resize(self, event: events.Resize) -> None:
        self._load_to(round(self.scroll_y) + self._visible_rows())
        self._keep_cursor_in_view()

    def watch_scroll_y(self, old_value: float, new_value: float) -> None:
        # The wheel or the scroll bar may show rows not read yet.
        self._load_to(round(new_value) + self._visible_rows())
        super().watch_scroll_y(old_value, new_value)

    def notify_style_update(self) -> None:
        self._palette = None
        super().notify_style_update()

    def _colours(self) -> Palette:
        """The styles of the list's parts, read from the stylesheet once."""
        if self._palette is None:
            palette = Palette(
                self.rich_style,
                *(
                    self.get_component_rich_style(f"action-list--{part}")
                    for part in Palette._fields[1:]
                ),
            )
            # Focus restyles the widget too; only a change of colours redraws the rows.
            if palette != self._drawn_with:
                self._lines.clear()
                self._drawn_with = palette
            self._palette = palette
        return self._palette

    def _keep_cursor_in_view(self) -> None:
        # Line 0 is the column headings, so row i is drawn on line i + 1.
        visible = self.scrollable_content_region.height - 1
        if visible < 1 or not self.rows:
            return
        top = round(self.scroll_y)
        if self.cursor < top:
            self.scroll_to(y=self.cursor, animate=False, immediate=True)
        elif self.cursor >= top + visible:
            self.scroll_to(y=self.cursor - visible + 1, animate=False, immediate=True)

    def _refresh_row(self, index: int) -> None:
        line = index - round(self.scroll_y) + 1
        if line >= 1:
            self.refresh(Region(0, line, self.size.width, 1))

    def render_lines(self, crop: Region) -> list[Strip]:
        # Once a frame, not once a line: the columns, and where the scroll thumb is.
        width = self.scrollable_content_region.width
        if width != self._width:
            self._width = width
            self._columns = columns_for(width - 1)
            self._lines.clear()
        visible = self._visible_rows()
        if self.expected > visible:
            length = max(1, visible * visible // self.expected)
            share = self.scroll_y / max(1, self.max_scroll_y)
            start = round(share * (visible - length))
            self._thumb = range(start, start + length)
        else:
            self._thumb = range(0)
        return super().render_lines(crop)

    def render_line(self, y: int) -> Strip:
        palette = self._colours()
        if y == 0:
            return self._header(self._width)
        index = round(self.scroll_y) + y - 1
        if index >= len(self.rows):
            strip = Strip.blank(self._width - 1, palette.plain)
        else:
            under_cursor = index == self.cursor
            key = (index, under_cursor, under_cursor and self.has_focus)
            strip = self._lines.get(key)
            if strip is None:
                strip = self._row_strip(index, self._width - 1)
                self._lines[key] = strip
        if not self._thumb:
            bar = palette.plain
        else:
            bar = palette.thumb if y - 1 in self._thumb else palette.track
        return Strip.join([strip, Strip.blank(1, bar)])

    def _header(self, width: int) -> Strip:
        style = self._colours().header
        text = " " + " ".join(fit(label, w) for label, w in self._columns)
        return Strip([Segment(set_cell_size(text, width), style)], width)

    def _row_strip(self, index: int, width: int) -> Strip:
        row = self.rows[index]
        palette = self._colours()
        if index == self.cursor:
            base = palette.cursor
        else:
            base = palette.even if index % 2 else palette.plain
        # Neighbouring cells of the same style make one segment: fewer for Textual to cut.
        runs: list[tuple[str, str]] = [(" ", "")]
        for position, (label, cell_width) in enumerate(self._columns):
            value, style = self._cell(row, label)
            if position:
                runs.append((" ", ""))
            runs.append((fit(value, cell_width), style))
        used = sum(cell_len(text) for text, _ in runs)
        runs.append((" " * max(0, width - used), ""))
        segments: list[Segment] = []
        text, style = runs[0]
        for next_text, next_style in runs[1:]:
            if next_style == style:
                text += next_text
            else:
                segments.append(Segment(text, base + Style.parse(style) if style else base))
                text, style = next_text, next_style
        segments.append(Segment(text, base + Style.parse(style) if style else base))
        return Strip(segments).crop(0, width)

    @staticmethod
    def _cell(row: ActionRow, label: str) -> tuple[str, str]:
        """A cell's text and its style (empty for plain)."""
        if label == "Ref":
            return row.ref, "bold reverse" if row.mine else "bold"
        if label == "Due":
            return (str(row.due) if row.due else "—"), ("bold red" if row.overdue else "")
        if label == "Status":
            return status_lower(row.status), STATUS_STYLE.get(row.status, "")
        if label == "Action":
            return row.text, ""
        if label == "Owner":
            return row.owner_name() or "", ""
        if label == "Organisation":
            return row.organisation or "", ""
        if label == "Panel":
            return row.panel, ""
        return str(row.meeting_date), "dim"
