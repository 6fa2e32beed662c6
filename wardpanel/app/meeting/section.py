"""The shape every part of a meeting shares: a summary, a table, the selected item in full."""

from __future__ import annotations

import functools
from collections.abc import Callable, Sequence
from typing import Any, ClassVar

from rich.text import Text
from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import Vertical, VerticalScroll
from textual.message import Message
from textual.widgets import DataTable, Static

from wardpanel.app.common.form import CurrentValues, Field, FormScreen, SaveCallback
from wardpanel.app.common.table import RowTable
from wardpanel.core.models import Meeting
from wardpanel.core.storage.database import friendly_error
from wardpanel.core.storage.targets import DATABASE_FAULTS
from wardpanel.core.words import plural  # noqa: F401 (the sections' name for it)
from wardpanel.queries.meetings import minutes_approved

Row = tuple[str, Sequence[Any]]
# The keys that change what a meeting's minutes record. Following an action up (an
# update, closing it) is not one of them, so it goes on after approval.
CHANGES_MINUTES = frozenset(
    {"add", "edit", "delete", "mark", "absent", "respond", "raise_action", "review"}
)
LOCKED = "These minutes are approved and locked: press R to reopen them first."


def approved_now(meeting_id: int) -> bool:
    """Whether the minutes are approved, read afresh (another window or a command may
    have approved them). A database that cannot be reached says nothing: the form opens
    and keeps what is typed, and its save, which asks again, says "Not saved"."""
    try:
        return minutes_approved(meeting_id)
    except DATABASE_FAULTS:
        return False


def unless_approved(method: Callable[..., Any]) -> Callable[..., Any]:
    """A key that changes the minutes, refused with a message while they are approved."""

    @functools.wraps(method)
    def guarded(self: Any, *args: Any, **kwargs: Any) -> Any:
        if approved_now(self.meeting.id):
            self.notify(LOCKED, severity="warning", markup=False)
            return None
        return method(self, *args, **kwargs)

    return guarded


def cell(value: object, width: int = 60, style: str = "") -> Text:
    """User text for a table cell: first line only, shortened, never read as markup."""
    text = "" if value is None else str(value)
    first = text.split("\n", 1)[0]
    if len(first) > width or "\n" in text:
        first = first[: width - 1].rstrip() + "…"
    return Text(first, style=style, no_wrap=True, overflow="ellipsis")


class Section(Vertical):
    """One tab of the meeting screen. Subclasses load rows and describe the selection."""

    title: ClassVar[str] = ""
    short_title: ClassVar[str] = ""  # the tab's name in a narrow window
    columns: ClassVar[tuple[str, ...]] = ()
    # Each column's width: a number of cells, or 0 for a column of text that shares what
    # the window leaves (see `flex`), so every table fits 80 columns and uses 120.
    widths: ClassVar[tuple[int, ...]] = ()
    empty_hint: ClassVar[str] = "Nothing here yet: press a to add."
    needs_selection: ClassVar[frozenset[str]] = frozenset({"edit", "delete"})
    # What `i` marks internal here (services.set_internal); "" where nothing can be.
    internal_kind: ClassVar[str] = ""
    BINDINGS: ClassVar[list[Binding]] = [
        Binding("a", "add", "Add"),
        Binding("e", "edit", "Edit"),
        Binding("d,delete", "delete", "Delete", key_display="d"),
    ]

    class Changed(Message):
        """The section's records changed: the screen updates its tab counts."""

    def __init__(self, meeting: Meeting, *, in_front: bool = True, **kwargs: Any) -> None:
        super().__init__(**kwargs)
        self.meeting = meeting
        self.items: dict[str, Any] = {}
        # A section behind another tab reads its records (the tab's count, the strip)
        # but builds its table and panes only when first wanted: its tab comes to the
        # front, or something asks for its table. Opening a meeting built eight tabs'
        # widgets to show one; building the one takes a fifth less CPU.
        self._built = in_front
        self._rows_waiting: list[Row] = []  # read while unbuilt, shown once built
        self._select_waiting: str | None = None

    def __init_subclass__(cls, **kwargs: Any) -> None:
        # Every section's keys that change the minutes are refused while they are
        # approved, in one place rather than in each section.
        super().__init_subclass__(**kwargs)
        for name in CHANGES_MINUTES:
            method = cls.__dict__.get(f"action_{name}")
            if method is not None:
                setattr(cls, f"action_{name}", unless_approved(method))

    def _parts(self) -> tuple[Static, RowTable, VerticalScroll]:
        """The summary, the table and the selected item in full, kept at hand: a
        section built late is shown at once, before its new widgets are mounted."""
        self._summary = Static("", classes="summary")
        self._table = RowTable(cursor_type="row", zebra_stripes=True, classes="items")
        self._table.add_columns(*self.columns)
        self._detail = Static("", classes="detail-text")
        return self._summary, self._table, VerticalScroll(self._detail, classes="detail")

    def compose(self) -> ComposeResult:
        if self._built:
            yield from self._parts()

    def build(self) -> None:
        """Build the table and panes of a section first read behind another tab, and
        show what was read."""
        if self._built:
            return
        self._built = True
        self.mount(*self._parts())
        rows, self._rows_waiting = self._rows_waiting, []
        self._show(rows, self._select_waiting)

    @property
    def table(self) -> DataTable:
        self.build()
        return self._table

    def on_mount(self) -> None:
        self._laid_out_for = 0
        self.reload()

    def _width(self) -> int:
        width = self._table.size.width if self._built else 0
        return width or self.app.size.width

    def fit(self, cells: int) -> int:
        """A short column's width: `cells` at 80 columns, up to half as wide again on a
        wider window, so a role or an organisation is cut only when it must be. Columns
        of a few cells (a reference, a date, a status) keep their width."""
        if cells <= 12:
            return cells
        scale = min(1.5, max(1.0, self._width() / 80))
        return int(cells * scale)

    def flex(self, share: float = 1.0) -> int:
        """The width of a text column that shares the room the short columns leave:
        `share` of it (the shares of a section's text columns add up to 1)."""
        fixed = sum(self.fit(cells) for cells in self.widths)
        fixed += 2 * len(self.columns) + 1  # each cell is padded by 1, and the scrollbar
        return max(12, int((self._width() - fixed) * share))

    def on_resize(self) -> None:
        if not self._built:
            return
        width = self.table.size.width
        if width and width != self._laid_out_for:
            self._laid_out_for = width
            # Rows were cut for the old width: lay them out again.
            # Columns keep the widest cell they ever held: start them afresh too.
            self.table.clear(columns=True)
            self.table.add_columns(*self.columns)
            self.reload()

    # -- what subclasses provide -------------------------------------------------------

    def load(self) -> list[Row]:
        """Rows as (key, cells); fill self.items with the records by key."""
        raise NotImplementedError

    def summary(self) -> Text | str:
        return ""

    def detail(self, key: str) -> Text | str:
        return ""

    def count_text(self) -> str:
        """How many, as the tab shows it: '8'."""
        return str(len(self.items))

    def count_label(self, short: bool = False) -> str:
        """The tab's label with a count: 'Questions (8)', or 'Q&A 8' where the window is
        narrow, so all the tabs fit 80 columns."""
        if short:
            return f"{self.short_title or self.title} {self.count_text()}"
        return f"{self.title} ({self.count_text()})"

    # -- shared behaviour ------------------------------------------------------------

    def reload(self, select: str | None = None) -> None:
        """Read the section again, keeping (or moving to) the selected row."""
        keep = select or self.selected_key()
        self.items = {}
        rows = self.load()
        if self._built:
            self._show(rows, keep)
            return
        self._rows_waiting, self._select_waiting = rows, keep
        self._detail_waiting = True
        self.post_message(self.Changed())

    def _show(self, rows: list[Row], keep: str | None) -> None:
        """Rows just read put in the table, with the summary and the detail."""
        self._show_rows(rows)
        self._rows_changed(keep)

    def _rows_changed(self, keep: str | None) -> None:
        """After the table's rows changed: the cursor on `keep`, the summary, the
        detail, and the tab's count."""
        table = self.table
        if keep is not None and keep in self.items:
            table.move_cursor(row=table.get_row_index(keep), animate=False, scroll=True)
        self._summary.update(self.summary() or "")
        self.show_detail()
        self.post_message(self.Changed())

    def _show_rows(self, rows: list[Row]) -> None:
        """Put rows in the table, touching only what changed when rows were added at
        the end or edited in place (the usual save), so the table is not redrawn whole."""
        table = self.table
        shown = [key.value for key in table.rows]
        wanted = [key for key, _ in rows]
        if shown != wanted[: len(shown)]:
            table.clear()
            shown = []
        columns = list(table.columns)
        for key, cells in rows[: len(shown)]:
            for column, old, new in zip(columns, table.get_row(key), cells, strict=True):
                if old != new:
                    table.update_cell(key, column, new)
        for key, cells in rows[len(shown) :]:
            table.add_row(*cells, key=key)

    def selected_key(self) -> str | None:
        if not self._built:
            return self._select_waiting if self._select_waiting in self.items else None
        table = self.table
        if table.row_count == 0:
            return None
        return table.coordinate_to_cell_key(table.cursor_coordinate).row_key.value

    def selected(self) -> Any:
        key = self.selected_key()
        return self.items.get(key) if key else None

    # A hidden section's detail (an action's whole history, say) is read when its tab
    # comes to the front, not on every change while another tab is in front: opening
    # the sample meeting read eight details, for one shown.
    _shown_once = False  # the section has been on screen
    _detail_waiting = False  # its detail is to be read when it comes to the front
    _detail_key: str | None = None  # the row whose detail is shown

    def _in_front(self) -> bool:
        """Whether this section's tab is the one shown (its pane is displayed)."""
        pane = self.parent
        return self._shown_once and pane is not None and pane.display

    def show_detail(self) -> None:
        if not self._in_front():
            self._detail_waiting = True
            return
        self._detail_waiting = False
        key = self.selected_key()
        try:
            text = self.detail(key) if key else Text(self.empty_hint, style="dim")
        except DATABASE_FAULTS as error:  # the server away: said here, read again later
            self._detail_key = None
            self._detail.update(Text(f"Not shown: {friendly_error(error)}", style="bold red"))
            return
        self._detail.update(text)
        self._detail_key = key

    def on_show(self) -> None:
        self._shown_once = True
        self.build()
        if self._detail_waiting:
            self.show_detail()

    def on_data_table_row_highlighted(self, event: DataTable.RowHighlighted) -> None:
        event.stop()
        # The cursor moved. To a row whose detail was just shown (the row a save added
        # and showed), nothing is read again.
        if self._detail_waiting or self._detail_key != self.selected_key():
            self.show_detail()

    def on_data_table_row_selected(self, event: DataTable.RowSelected) -> None:
        event.stop()
        self.run_action("edit")

    def check_action(self, action: str, parameters: tuple[object, ...]) -> bool | None:
        if action in self.needs_selection and self.selected_key() is None:
            return None
        return True

    def internal_item(self) -> tuple[str, Any] | None:
        """The selected item `i` marks internal, with its kind; None when there is none."""
        item = self.selected()
        return (self.internal_kind, item) if item is not None and self.internal_kind else None

    @unless_approved
    def action_internal(self) -> None:
        """Mark the selected item internal (kept out of published minutes), or public."""
        from wardpanel import services

        found = self.internal_item()
        if found is None:
            return
        kind, item = found
        try:
            internal = services.set_internal(kind, item.id, not item.internal)
        except services.InputError as error:
            self.notify(error.reason, severity="error", markup=False)
            return
        key = self.selected_key()
        self.reload(select=key)
        self.notify(
            f"This {kind} is internal: kept in the record, left out of published minutes."
            if internal
            else f"This {kind} is public again: published minutes print it.",
            timeout=4,
            markup=False,
        )

    def saved(self, key: str, message: str, *, new: bool = False) -> None:
        """After a form saved a record: show it selected, and say so."""
        if new:
            self.show_new(key)
        else:
            self.reload(select=key)
        self.table.focus()
        # The record first, the word "saved" a frame later: raising the notice in the
        # same frame delayed the saved row by some 1.5 ms (benchmarks/meeting_pace.py).
        self.call_after_refresh(self.notify, message, timeout=3, markup=False)

    def load_new(self, key: str) -> list[Row] | None:
        """Rows for a record just added when they belong at the end; None to reload."""
        return None

    def show_new(self, key: str) -> None:
        """Show a record just added: appended without re-reading the section when it
        goes at the end (the usual case while a meeting is being typed up)."""
        rows = self.load_new(key)
        if rows is None:
            self.reload(select=key)
            return
        table = self.table
        for row_key, cells in rows:
            table.add_row(*cells, key=row_key)
        self._rows_changed(key)

    def focus_table(self) -> None:
        self.table.focus()

    def open_form(self, verb: str, item_id: int | None) -> None:
        """Reopen a form by name (used to bring back a draft)."""
        action = getattr(self, f"action_{verb}", None)
        if action is not None:
            if item_id is not None and f"{item_id}" in self.items:
                self.table.move_cursor(row=self.table.get_row_index(f"{item_id}"))
            action()

    def form(
        self,
        title: str,
        fields: Sequence[Field],
        values: dict[str, Any],
        save: SaveCallback,
        draft_key: str,
        current: CurrentValues | None = None,
        *,
        intro: str = "",
        draft_label: str = "",
    ) -> FormScreen:
        """A form for one of this meeting's records: drafts kept with the meeting, and,
        for an edit (`current` given), a save that never undoes what changed since."""
        return FormScreen(
            title,
            fields,
            values,
            save=save,
            draft_key=draft_key,
            meeting_id=self.meeting.id,
            intro=intro,
            current=current,
            draft_label=draft_label,
        )

    def fresh(self, read: Callable[[], dict[str, Any] | None]) -> dict[str, Any] | None:
        """An item's values read afresh for its edit form, or None (and the section read
        again, saying so) when the item is gone since the section was shown."""
        values = read()
        if values is None:
            self.notify("That item is no longer there: it was deleted elsewhere.", markup=False)
            self.reload()
        return values

    def confirm_delete(self, question: str, detail: str, delete, message: str) -> None:
        from wardpanel.app.common.confirm import ConfirmScreen

        def answered(yes: bool | None) -> None:
            if not yes:
                return
            try:
                delete()
            except DATABASE_FAULTS as error:  # the server away, locked minutes...
                self.notify(
                    friendly_error(error), title="Not deleted", severity="error", markup=False
                )
                return
            self.reload()
            self.notify(message, timeout=3, markup=False)

        self.app.push_screen(ConfirmScreen(question, detail), answered)


def heading(text: str) -> Text:
    return Text(text + "\n", style="bold")
