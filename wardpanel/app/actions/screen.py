"""The officer's view: every action of every meeting and panel, filtered, a page at a time.

Only one page of actions is ever held, however many match, and only the lines on screen
are drawn, so the view stays as quick and as small with 100,000 actions as with ten.
The view is kept light because an officer opens it many times a day: one line says
which filters are in force (`f` changes them in a dialog), one box takes words.
"""

from __future__ import annotations

import dataclasses
import datetime as dt
from typing import Any

from rich.text import Text
from textual import events, on
from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import Vertical, VerticalScroll
from textual.content import Content
from textual.screen import Screen
from textual.timer import Timer
from textual.widgets import Input, Static

from wardpanel import queries, services
from wardpanel.app.actions.action_list import ActionList, FetchRows
from wardpanel.app.actions.filters import ActionFilterDialog, describe, next_statuses
from wardpanel.app.actions.history import history_text
from wardpanel.app.actions.recommendations import (
    AwaitingList,
    awaiting_heading,
    recommendation_text,
)
from wardpanel.app.common.fields import Field, offered
from wardpanel.app.common.form import FormScreen
from wardpanel.app.common.keybar import KeyBar
from wardpanel.app.meeting.section import plural
from wardpanel.core import settings
from wardpanel.core.errors import InputError
from wardpanel.core.models import Person
from wardpanel.core.storage.database import friendly_error
from wardpanel.core.storage.targets import DATABASE_FAULTS
from wardpanel.core.words import action_ref
from wardpanel.queries import actions as followup
from wardpanel.queries import search
from wardpanel.queries.action_history import action_history
from wardpanel.queries.recommendations import RecommendationOnDay, awaiting_response

PAGE_SIZE = 100
# Rows read when a page is shown: more than the list shows on most screens. The rest of
# the page is read when the officer moves or scrolls towards it.
FIRST_ROWS = 40


class ActionsScreen(Screen[None]):
    """Every action across meetings: filter, read its history, update, close, reassign."""

    CSS_PATH = "actions.tcss"
    # Focus the list before the first paint; focusing it later repaints the whole view.
    AUTO_FOCUS = "#action-list"
    BINDINGS = [
        Binding("u", "update", "Update"),
        Binding("c", "close_action", "Close"),
        Binding("r", "reassign", "Reassign"),
        Binding("w", "due_date", "Due date"),
        Binding("o", "open_meeting", "Open meeting"),
        Binding("f", "filters", "Filters"),
        Binding("slash", "find", "Words", key_display="/"),
        Binding("exclamation_mark", "overdue", "Overdue only", key_display="!"),
        Binding("s", "status", "Next status"),
        Binding("i", "identity", "Who am I"),
        Binding("x", "to_word", "Write to Word"),
        # The count line says "[ ] for pages" when there is more than one page.
        Binding("right_square_bracket", "page(1)", "Next page", key_display="]", show=False),
        Binding("left_square_bracket", "page(-1)", "Previous page", key_display="[", show=False),
        Binding("escape", "back", "Back"),
    ]

    def __init__(self, organisation: str | None = None) -> None:
        super().__init__()
        self.filters = followup.ActionFilter(organisation=organisation or None)
        self.page_start = 0
        self.total = 0
        self.page: followup.ActionPage | None = None
        self.me = settings.current_person_id()
        self._text_timer: Timer | None = None
        self._shown = False
        # The recommendations the filters pick that await a response: listed apart.
        self.awaiting: list[RecommendationOnDay] = []
        self._on_awaiting = False  # the cursor the officer moves is on those

    def compose(self) -> ComposeResult:
        # Every widget is built with what it shows: filling them in after they are
        # mounted would lay the view out and draw it once more.
        page, rest_of_page = self._read_page()
        # One line in the place of Textual's Header, whose four widgets and clock cost
        # this view a quarter of the time it takes to show.
        title = " — ".join(part for part in (self.app.title, "Actions", self.app.sub_title) if part)
        yield Static(Content(title), id="actions-title")
        yield Static(describe(self.filters), id="filter-summary")
        yield Input(
            placeholder="/  words in the action or its updates",
            compact=True,
            id="filter-text",
            max_length=search.MAX_QUERY_CHARACTERS,
        )
        yield Static(self._count_text(page), id="action-counts")
        action_list = ActionList(id="action-list")
        action_list.show(page.rows, expected=self._expected(page), fetch=rest_of_page)
        yield action_list
        with Vertical(id="awaiting") as awaiting:
            awaiting.display = bool(self.awaiting)
            yield Static(awaiting_heading(self.awaiting, False), id="awaiting-heading")
            awaiting_list = AwaitingList(id="awaiting-list")
            awaiting_list.show(self.awaiting)
            yield awaiting_list
        with VerticalScroll(id="action-detail"):
            yield Static(self._history(action_list.current), id="action-history")
        yield KeyBar()

    def on_screen_resume(self) -> None:
        # The first resume is the first showing, already loaded by compose.
        if self._shown:
            self.reload(keep=True)
        self._shown = True

    @property
    def action_list(self) -> ActionList:
        return self.query_one(ActionList)

    # -- the query -------------------------------------------------------------------

    def current_filter(self) -> followup.ActionFilter:
        """The view's filters with the words typed and who is asking."""
        typed = self.query("#filter-text")  # none yet while the view is being built
        words = typed.first(Input).value.strip() if typed else ""
        return dataclasses.replace(self.filters, text=words or None, me=self.me)

    def _read_page(self, keep_rows: int = 0) -> tuple[followup.ActionPage, FetchRows]:
        """The first rows of the current page, and how to read the rest of it."""
        first = min(max(FIRST_ROWS, self.app.size.height, keep_rows), PAGE_SIZE)
        chosen = self.current_filter()
        page = followup.find_actions(chosen, offset=self.page_start, limit=first)
        if not page.rows and self.page_start and page.total:
            self.page_start = max(0, (page.total - 1) // PAGE_SIZE * PAGE_SIZE)
            page = followup.find_actions(chosen, offset=self.page_start, limit=first)
        self.page = page
        self.total = page.total
        self.awaiting = awaiting_response(chosen, self.app.today())
        start_of_page = self.page_start

        def rest_of_page(start: int, count: int) -> tuple[followup.ActionRow, ...]:
            return followup.find_actions(chosen, offset=start_of_page + start, limit=count).rows

        return page, rest_of_page

    def _expected(self, page: followup.ActionPage) -> int:
        """How many rows the current page has."""
        return min(PAGE_SIZE, page.total - self.page_start)

    def reload(self, keep: bool = False) -> followup.ActionPage | None:
        """Read the list again for the filters and words; on words that cannot be
        searched, or a database that cannot be read, the list stays and says why."""
        shown = self.action_list
        had_rows = self.total > 0
        try:
            page, rest_of_page = self._read_page(shown.row_count if keep else 0)
        except followup.QueryError as error:
            self._say(Text(f"{error.field.capitalize()}: {error.message}.", "yellow"))
            return self.page
        except DATABASE_FAULTS as error:
            self._say(Text(f"Not read: {friendly_error(error)}", "bold red"))
            return self.page
        keep_id = shown.current.id if keep and shown.current else None
        shown.show(page.rows, expected=self._expected(page), fetch=rest_of_page, keep_id=keep_id)
        self.query_one("#filter-summary", Static).update(describe(self.filters))
        self.query_one("#action-counts", Static).update(self._count_text(page))
        self._show_awaiting(keep)
        self.show_history(shown.current)
        if had_rows != bool(page.rows):
            self.refresh_bindings()
        return page

    def _show_awaiting(self, keep: bool) -> None:
        """The recommendations awaiting a response, under the actions; none, no list."""
        awaiting = self.query_one(AwaitingList)
        kept = awaiting.highlighted_key if keep else None
        awaiting.show(self.awaiting, keep=kept)
        self.query_one("#awaiting").display = bool(self.awaiting)
        self.query_one("#awaiting-heading", Static).update(
            awaiting_heading(self.awaiting, self._on_awaiting)
        )
        if not self.awaiting and self._on_awaiting:
            self.action_list.focus()

    def _say(self, message: Text) -> None:
        self.query_one("#action-counts", Static).update(message)

    def _count_text(self, page: followup.ActionPage) -> Text:
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

    def selected_id(self) -> int | None:
        row = self.action_list.current
        return row.id if row else None

    def _history(self, row: followup.ActionRow | None) -> Text:
        if row is None:
            return Text("No action matches these filters.", style="dim")
        try:
            history = action_history(row.id)
        except InputError:
            return Text("This action has just been deleted elsewhere.", style="dim")
        return history_text(history, self.app.today())

    def show_history(self, row: followup.ActionRow | None) -> None:
        awaiting = self.query_one(AwaitingList)
        if self._on_awaiting and awaiting.current is not None:
            shown = recommendation_text(awaiting.current, where=True)
        else:
            shown = self._history(row)
        self.query_one("#action-history", Static).update(shown)

    @on(AwaitingList.Highlighted)
    def _recommendation_highlighted(self) -> None:
        if self._on_awaiting:
            self.show_history(self.action_list.current)

    @on(events.DescendantFocus)
    @on(events.DescendantBlur)
    def _focus_moved(self) -> None:
        # The pane below says everything about what the cursor is on: an action, or a
        # recommendation when the officer has moved to those. Only a move between the
        # two lists changes it (the first focus is the one the view was built for).
        on_awaiting = self.focused is not None and isinstance(self.focused, AwaitingList)
        if on_awaiting == self._on_awaiting:
            return
        self._on_awaiting = on_awaiting
        self.query_one("#awaiting-heading", Static).update(
            awaiting_heading(self.awaiting, on_awaiting)
        )
        self.show_history(self.action_list.current)

    @on(AwaitingList.Saved)
    def _recommendation_saved(self, event: AwaitingList.Saved) -> None:
        self.reload(keep=True)
        self.notify(event.message, timeout=3, markup=False)

    @on(ActionList.Highlighted)
    def _highlighted(self, event: ActionList.Highlighted) -> None:
        self.show_history(event.row)

    @on(ActionList.Selected)
    def _selected(self) -> None:
        self.action_update()

    # -- filters ---------------------------------------------------------------------

    def apply(self, filters: followup.ActionFilter) -> None:
        self.filters = filters
        self.page_start = 0
        self.reload()

    def action_filters(self) -> None:
        before = self.filters

        def outcome(page: followup.ActionPage | None) -> Content:
            if page is None:
                return Content("")
            if page.unknown:
                return Content.from_rich_text(self._count_text(page))
            return Content.assemble((plural(page.total, "action"), "bold"), " match")

        def preview(filters: followup.ActionFilter) -> Content:
            self.filters = filters
            self.page_start = 0
            return outcome(self.reload())

        def done(filters: followup.ActionFilter | None) -> None:
            chosen = filters if filters is not None else before
            if chosen != self.filters:  # the list behind shows them already otherwise
                self.apply(chosen)
            self.action_list.focus()

        shown = outcome(self.page) if self.page else ""
        self.app.push_screen(ActionFilterDialog(self.filters, preview, shown), done)

    @on(events.Click, "#filter-summary")
    def _summary_clicked(self) -> None:
        self.action_filters()

    def action_overdue(self) -> None:
        self.apply(dataclasses.replace(self.filters, overdue=not self.filters.overdue))

    def action_status(self) -> None:
        statuses = next_statuses(self.filters.statuses)
        self.apply(dataclasses.replace(self.filters, statuses=statuses))

    @on(Input.Changed, "#filter-text")
    def _typed(self) -> None:
        if self._text_timer is not None:
            self._text_timer.stop()
        self._text_timer = self.set_timer(0.3, self._typed_settled)

    def _typed_settled(self) -> None:
        self.page_start = 0
        self.reload()

    @on(Input.Submitted, "#filter-text")
    def _submitted(self) -> None:
        if self._text_timer is not None:
            self._text_timer.stop()
        self.page_start = 0
        self.reload()
        self.action_list.focus()

    def action_find(self) -> None:
        self.query_one("#filter-text", Input).focus()

    def action_page(self, step: int) -> None:
        offset = self.page_start + step * PAGE_SIZE
        if 0 <= offset < self.total:
            self.page_start = offset
            self.reload()

    def action_back(self) -> None:
        if not self.action_list.has_focus:
            self.action_list.focus()
        else:
            self.app.pop_screen()

    def check_action(self, action: str, parameters: tuple[object, ...]) -> bool | None:
        if action in ("update", "close_action", "reassign", "due_date", "open_meeting"):
            if self.focused is not None and isinstance(self.focused, AwaitingList):
                return False  # the keys are the recommendation's, not an action's
            return self.total > 0 or None
        return True

    # -- changing an action ------------------------------------------------------------

    def _after(self, message: str):
        def done(result: Any) -> None:
            if result is not None:
                self.reload(keep=True)
                self.notify(message, timeout=3, markup=False)

        return done

    def action_update(self, closing: bool = False) -> None:
        from wardpanel.app.actions.forms import update_form
        from wardpanel.core.models import Action

        action_id = self.selected_id()
        if action_id is None:
            return
        action = Action.get_or_none(Action.id == action_id)
        if action is None:
            self.notify("This action has just been deleted elsewhere.", markup=False)
            self.reload()
            return
        verb = "closed" if closing else "updated"
        done = f"{action_ref(action.id, action.ref)} {verb}"
        self.app.push_screen(update_form(action, None, closing), self._after(done))

    def action_close_action(self) -> None:
        self.action_update(closing=True)

    def action_reassign(self) -> None:
        row = self.action_list.current
        if row is None:
            return
        fields = [
            Field(
                "owner",
                "New owner (a person)",
                suggestions=offered(queries.person_names, limit=500),
            ),
            Field("organisation", "Organisation", suggestions=offered(queries.organisation_names)),
        ]

        def save(v: dict[str, Any], draft_key: str | None):
            return services.reassign_action(row.id, v["owner"], v["organisation"])

        def now() -> dict[str, Any] | None:
            fresh = _row_now(row.id, self.app.today())
            if fresh is None:
                return None
            # An owner who asked anonymously is not named here either: the form starts empty.
            owner = (
                fresh.owner.name if fresh.owner is not None and not fresh.owner_anonymous else ""
            )
            return {"owner": owner, "organisation": fresh.organisation or ""}

        if (values := now()) is None:
            return self._gone(row.ref)
        form = FormScreen(
            f"Reassign {row.ref}", fields, values, save=save, intro=row.text[:300], current=now
        )
        self.app.push_screen(form, self._after(f"{row.ref} reassigned"))

    def action_due_date(self) -> None:
        row = self.action_list.current
        if row is None:
            return
        fields = [Field("due", "Due", placeholder="2026-12-01, 1/12, friday, in 2 weeks")]

        def save(v: dict[str, Any], draft_key: str | None):
            return services.change_due_date(row.id, v["due"])

        def now() -> dict[str, Any] | None:
            fresh = _row_now(row.id, self.app.today())
            return None if fresh is None else {"due": fresh.due.isoformat() if fresh.due else ""}

        if (values := now()) is None:
            return self._gone(row.ref)
        form = FormScreen(
            f"Due date of {row.ref}", fields, values, save=save, intro=row.text[:300], current=now
        )
        self.app.push_screen(form, self._after(f"{row.ref}: due date changed"))

    def _gone(self, ref: str) -> None:
        """The action under the cursor was deleted elsewhere: say so and read the list again."""
        self.notify(f"{ref} is no longer there: it was deleted elsewhere.", markup=False)
        self.reload(keep=True)

    def action_open_meeting(self) -> None:
        from wardpanel.app.meeting.screen import MeetingScreen

        row = self.action_list.current
        if row is not None:
            self.app.push_screen(MeetingScreen(row.meeting_id))

    def action_to_word(self) -> None:
        """The list as filtered now, every page of it, as the follow-up action list."""
        from wardpanel.app.actions.to_word import ListToWordScreen

        self.app.push_screen(ListToWordScreen(self.current_filter(), self.total, self.app.today()))

    def action_identity(self) -> None:
        from wardpanel.app.actions.forms import identity_form

        def done(person_id: int | None) -> None:
            if person_id is None:
                return
            self.me = person_id or None
            self.page_start = 0
            self.reload()

        self.app.push_screen(identity_form(self.me), done)


def _row_now(action_id: int, today: dt.date) -> followup.ActionRow | None:
    """The action as the list shows it, read afresh; None when it is gone."""
    rows = followup.action_rows([action_id], today)
    return rows[0] if rows else None
