"""The officer's view: every action of every meeting and panel, filtered, a page at a time.

Only one page of rows is ever in the table, however many actions match, so the view
stays as quick and as small with 100,000 actions as with ten.
"""

from __future__ import annotations

import dataclasses
import datetime as dt
from typing import Any

from rich.text import Text
from textual import on
from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import Horizontal, Vertical, VerticalScroll
from textual.screen import Screen
from textual.timer import Timer
from textual.widgets import Checkbox, DataTable, Header, Input, Select, Static

from wardpanel import followup, queries, services, settings
from wardpanel.dates import DateError, parse_date
from wardpanel.models import ACTION_STATUSES, Person
from wardpanel.screens.form import Field, FormScreen
from wardpanel.widgets.actions import STATUS_CHOICES, history_text, status_cell
from wardpanel.widgets.keybar import KeyBar
from wardpanel.widgets.section import cell, plural

PAGE_SIZE = 100
OPEN = ("open", "in_progress")
STATUS_FILTERS = [
    ("Open and in progress", "current"),
    *((label, key) for key, label in STATUS_CHOICES),
    ("Every status", "all"),
]


def statuses_for(choice: str) -> tuple[str, ...]:
    if choice == "current":
        return OPEN
    if choice == "all":
        return ACTION_STATUSES
    return (choice,)


class ActionsScreen(Screen[None]):
    """Every action across meetings: filter, read its history, update, close, reassign."""

    CSS_PATH = "actions.tcss"
    BINDINGS = [
        Binding("u", "update", "Update"),
        Binding("c", "close_action", "Close"),
        Binding("r", "reassign", "Reassign"),
        Binding("w", "due_date", "Due date"),
        Binding("o", "open_meeting", "Open meeting"),
        Binding("slash", "find", "Find text", key_display="/"),
        Binding("f", "filters", "Filters"),
        Binding("i", "identity", "Who am I"),
        Binding("right_square_bracket", "page(1)", "Next page", key_display="]"),
        Binding("left_square_bracket", "page(-1)", "Previous page", key_display="["),
        Binding("escape", "back", "Back"),
    ]

    def __init__(self, organisation: str | None = None) -> None:
        super().__init__()
        self.page_start = 0
        self.total = 0
        self.rows: dict[str, Any] = {}
        self.me = settings.current_person_id()
        self._text_timer: Timer | None = None
        self._initial_organisation = organisation
        # Filters announce their first values as changes while mounting: not the user.
        self._listening = False
        self._shown = False

    def compose(self) -> ComposeResult:
        yield Header()
        with Vertical(id="action-filters"):
            with Horizontal(classes="filter-row"):
                yield Select(
                    [(Text(n), n) for n in sorted(s.panel.name for s in queries.panel_summaries())],
                    prompt="All panels",
                    id="filter-panel",
                )
                yield Select(
                    [(Text(n), n) for n in queries.organisation_names()],
                    prompt="All organisations",
                    id="filter-organisation",
                    value=self._initial_organisation or Select.NULL,
                )
                yield Select(STATUS_FILTERS, value="current", allow_blank=False, id="filter-status")
                yield Checkbox("Overdue only", id="filter-overdue")
            with Horizontal(classes="filter-row"):
                yield Input(placeholder="Owner", id="filter-owner")
                yield Input(placeholder="Due from (date)", id="filter-from")
                yield Input(placeholder="Due to (date)", id="filter-to")
                yield Input(
                    placeholder="Words in the action or its updates  ( / )", id="filter-text"
                )
        yield Static("", id="action-counts")
        yield DataTable(id="action-table", cursor_type="row", zebra_stripes=True)
        with VerticalScroll(id="action-detail"):
            yield Static("", id="action-history")
        yield KeyBar()

    def on_mount(self) -> None:
        table = self.query_one(DataTable)
        for label, width in (
            ("Ref", 7),
            ("Due", 12),
            ("Status", 12),
            ("Action", 46),
            ("Owner", 20),
            ("Organisation", 22),
            ("Panel", 22),
            ("Raised", 10),
        ):
            table.add_column(label, width=width)
        self.reload()
        table.focus()
        self.call_after_refresh(self._listen)

    def _listen(self) -> None:
        self._listening = True

    def on_screen_resume(self) -> None:
        # The first resume is the first showing, already loaded by on_mount.
        if self._shown:
            self.reload(keep=True)
        self._shown = True

    # -- the query -------------------------------------------------------------------

    def current_filter(self) -> followup.ActionQuery | None:
        """The filters as typed; None (with a message) when a date cannot be read."""
        values: dict[str, Any] = {}
        for name in ("panel", "organisation"):
            value = self.query_one(f"#filter-{name}", Select).value
            values[name] = value if isinstance(value, str) else None
        status = self.query_one("#filter-status", Select).value
        owner = self.query_one("#filter-owner", Input).value.strip()
        text = self.query_one("#filter-text", Input).value.strip()
        dates: dict[str, dt.date | None] = {}
        for name, key in (("from", "due_from"), ("to", "due_to")):
            typed = self.query_one(f"#filter-{name}", Input).value.strip()
            try:
                dates[key] = parse_date(typed) if typed else None
            except DateError as error:
                self._counts(Text(f"Due {name}: {error}", style="bold red"))
                return None
        return followup.ActionQuery(
            panel=values["panel"],
            organisation=values["organisation"],
            owner=owner or None,
            statuses=statuses_for(status if isinstance(status, str) else "current"),
            overdue=self.query_one("#filter-overdue", Checkbox).value,
            text=text or None,
            me=self.me,
            limit=PAGE_SIZE,
            offset=self.page_start,
            **dates,
        )

    def reload(self, keep: bool = False) -> None:
        query = self.current_filter()
        if query is None:
            return
        page = followup.find_actions(query)
        if not page.rows and self.page_start and page.total:
            self.page_start = max(0, (page.total - 1) // PAGE_SIZE * PAGE_SIZE)
            page = followup.find_actions(dataclasses.replace(query, offset=self.page_start))
        self.total = page.total
        table = self.query_one(DataTable)
        selected = self._selected_key() if keep else None
        table.clear()
        self.rows = {}
        for row in page.rows:
            key = str(row.id)
            self.rows[key] = row
            due = Text(str(row.due) if row.due else "—", style="bold red" if row.overdue else "")
            table.add_row(
                Text(row.ref, style="bold reverse" if row.mine else "bold"),
                due,
                status_cell(row.status),
                cell(row.text, 46),
                cell(row.owner, 20),
                cell(row.organisation, 22),
                cell(row.panel, 22),
                Text(str(row.meeting_date), style="dim"),
                key=key,
            )
        if selected in self.rows:
            table.move_cursor(row=table.get_row_index(selected), animate=False)
        self._counts(self._count_text(page))
        self.show_history()

    def _count_text(self, page: Any) -> Text:
        counts = page.counts
        if page.unknown:
            names = {"panel": "panel", "organisation": "organisation", "owner": "person"}
            missing = ", ".join(f"no {names.get(k, k)} of that name" for k in page.unknown)
            return Text(f"Nothing matches: {missing} (names are matched in full).", "yellow")
        text = Text(plural(page.total, "action"), style="bold")
        if page.total > PAGE_SIZE:
            last = min(self.page_start + PAGE_SIZE, page.total)
            text.append(f" (showing {self.page_start + 1:,}–{last:,}; [ ] for pages)")
        text.append(f"   open {counts.get('open', 0):,}")
        text.append(f" · in progress {counts.get('in_progress', 0):,}")
        text.append(f" · overdue {counts.get('overdue', 0):,}", "bold red")
        text.append(f" · done {counts.get('done', 0):,} · dropped {counts.get('dropped', 0):,}")
        if self.me is not None:
            person = Person.get_or_none(Person.id == self.me)
            if person is not None:
                text.append(f"   {person.name}'s first", "reverse")
        return text

    def _counts(self, text: Text) -> None:
        self.query_one("#action-counts", Static).update(text)

    def _selected_key(self) -> str | None:
        table = self.query_one(DataTable)
        if table.row_count == 0:
            return None
        return table.coordinate_to_cell_key(table.cursor_coordinate).row_key.value

    def selected_id(self) -> int | None:
        key = self._selected_key()
        return int(key) if key else None

    def show_history(self) -> None:
        action_id = self.selected_id()
        target = self.query_one("#action-history", Static)
        if action_id is None:
            target.update(Text("No action matches these filters.", style="dim"))
            return
        try:
            history = followup.action_history(action_id)
        except followup.QueryError:
            target.update(Text("This action has just been deleted elsewhere.", style="dim"))
            return
        target.update(history_text(history, dt.date.today()))

    @on(DataTable.RowHighlighted)
    def _highlighted(self) -> None:
        self.show_history()

    @on(DataTable.RowSelected)
    def _selected(self) -> None:
        self.action_update()

    # -- filters ---------------------------------------------------------------------

    @on(Select.Changed)
    @on(Checkbox.Changed)
    def _filter_changed(self) -> None:
        if not self._listening:
            return
        self.page_start = 0
        self.reload()

    @on(Input.Changed)
    def _typed(self) -> None:
        if not self._listening:
            return
        if self._text_timer is not None:
            self._text_timer.stop()
        self._text_timer = self.set_timer(0.3, self._typed_settled)

    def _typed_settled(self) -> None:
        self.page_start = 0
        self.reload()

    @on(Input.Submitted)
    def _submitted(self) -> None:
        self.page_start = 0
        self.reload()
        self.query_one(DataTable).focus()

    def action_find(self) -> None:
        self.query_one("#filter-text", Input).focus()

    def action_filters(self) -> None:
        self.query_one("#filter-panel", Select).focus()

    def action_page(self, step: int) -> None:
        offset = self.page_start + step * PAGE_SIZE
        if 0 <= offset < self.total:
            self.page_start = offset
            self.reload()

    def action_back(self) -> None:
        if not self.query_one(DataTable).has_focus:
            self.query_one(DataTable).focus()
        else:
            self.app.pop_screen()

    def check_action(self, action: str, parameters: tuple[object, ...]) -> bool | None:
        if action in ("update", "close_action", "reassign", "due_date", "open_meeting"):
            return self.selected_id() is not None or None
        return True

    # -- changing an action ------------------------------------------------------------

    def _after(self, message: str):
        def done(result: Any) -> None:
            if result is not None:
                self.reload(keep=True)
                self.notify(message, timeout=3, markup=False)

        return done

    def action_update(self, closing: bool = False) -> None:
        from wardpanel.models import Action
        from wardpanel.widgets.actions import update_form

        action_id = self.selected_id()
        if action_id is None:
            return
        action = Action.get_by_id(action_id)
        verb = "closed" if closing else "updated"
        self.app.push_screen(
            update_form(action, None, closing), self._after(f"A{action_id} {verb}")
        )

    def action_close_action(self) -> None:
        self.action_update(closing=True)

    def action_reassign(self) -> None:
        row = self.rows.get(self._selected_key() or "")
        if row is None:
            return
        fields = [
            Field("owner", "New owner (a person)", suggestions=queries.person_names(limit=500)),
            Field("organisation", "Organisation", suggestions=queries.organisation_names()),
        ]

        def save(v: dict[str, Any], draft_key: str | None):
            return services.reassign_action(row.id, v["owner"], v["organisation"])

        values = {"owner": row.owner or "", "organisation": row.organisation or ""}
        self.app.push_screen(
            FormScreen(f"Reassign {row.ref}", fields, values, save=save, intro=row.text[:300]),
            self._after(f"{row.ref} reassigned"),
        )

    def action_due_date(self) -> None:
        row = self.rows.get(self._selected_key() or "")
        if row is None:
            return
        fields = [Field("due", "Due", placeholder="2026-12-01, 1/12, friday, in 2 weeks")]

        def save(v: dict[str, Any], draft_key: str | None):
            return services.change_due_date(row.id, v["due"])

        values = {"due": row.due.isoformat() if row.due else ""}
        self.app.push_screen(
            FormScreen(f"Due date of {row.ref}", fields, values, save=save, intro=row.text[:300]),
            self._after(f"{row.ref}: due date changed"),
        )

    def action_open_meeting(self) -> None:
        from wardpanel.screens.meeting import MeetingScreen

        row = self.rows.get(self._selected_key() or "")
        if row is not None:
            self.app.push_screen(MeetingScreen(row.meeting_id))

    def action_identity(self) -> None:
        fields = [
            Field(
                "name",
                "Your name, as recorded (empty to stop putting anyone first)",
                suggestions=queries.person_names(limit=1000),
            )
        ]

        def save(v: dict[str, Any], draft_key: str | None):
            name = " ".join(v["name"].split())
            if not name:
                settings.set_current_person(None)
                return 0
            person = queries.person_by_name(name)
            if person is None:
                raise services.InputError("name", f"nobody called '{name}' is recorded yet")
            try:
                settings.set_current_person(person.id)
            except OSError as error:
                raise services.InputError("name", f"could not be remembered: {error}") from None
            return person.id

        def done(person_id: int | None) -> None:
            if person_id is None:
                return
            self.me = person_id or None
            self.page_start = 0
            self.reload()

        current = Person.get_or_none(Person.id == self.me) if self.me else None
        self.app.push_screen(
            FormScreen(
                "Who is using wardpanel?",
                fields,
                {"name": current.name if current else ""},
                save=save,
                intro="Your actions and your organisation's are then shown first.",
            ),
            done,
        )
