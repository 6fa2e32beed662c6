"""The Actions view's filters: what the officer chose, and the dialog to choose them.

The view itself shows the filters as one line and keeps a box for words; panel,
organisation, owner, status, overdue and due dates are set here, opened with `f`. The
list behind follows as the officer types, so the count is seen before choosing.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable, Sequence

from textual import on
from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import Grid, Vertical
from textual.content import Content
from textual.screen import ModalScreen
from textual.suggester import Suggester, SuggestFromList
from textual.timer import Timer
from textual.widgets import Checkbox, Input, Label, Select, Static

from wardpanel import queries
from wardpanel.core.dates import DateError, parse_date
from wardpanel.core.models import ACTION_STATUSES, OPEN_ACTION_STATUSES
from wardpanel.core.words import day_date, status_words
from wardpanel.queries.actions import ActionFilter

# The status choices, each a key for the dialog's list and the statuses it stands for.
STATUS_FILTERS: list[tuple[str, str]] = [
    ("Open and in progress", "current"),
    *((status_words(s), s) for s in ACTION_STATUSES),
    ("Every status", "all"),
]
STATUS_LABELS = {key: label for label, key in STATUS_FILTERS}
PREVIEW_DELAY = 0.3


def statuses_for(choice: str) -> tuple[str, ...]:
    """The statuses a choice of the list stands for."""
    if choice == "current":
        return OPEN_ACTION_STATUSES
    if choice == "all":
        return ACTION_STATUSES
    return (choice,)


def choice_for(statuses: Sequence[str]) -> str:
    """The list's choice for a filter's statuses."""
    for _, key in STATUS_FILTERS:
        if set(statuses_for(key)) == set(statuses):
            return key
    return "current"


def next_statuses(statuses: Sequence[str]) -> tuple[str, ...]:
    """The statuses after these in the list, round again after the last."""
    keys = [key for _, key in STATUS_FILTERS]
    position = keys.index(choice_for(statuses))
    return statuses_for(keys[(position + 1) % len(keys)])


def describe(
    chosen: ActionFilter, *, lead: str = "Showing ", hint: str = "   f to filter"
) -> Content:
    """One line for the view: every filter in force, the statuses always."""
    label = STATUS_LABELS[choice_for(chosen.statuses)].lower()
    parts: list[str | tuple[str, str]] = [(label, "bold")]
    if chosen.overdue:
        parts += [" · ", ("overdue only", "bold red")]
    for name, value in (
        ("panel", chosen.panel),
        ("organisation", chosen.organisation),
        ("owner", chosen.owner),
    ):
        if value:
            parts += [f" · {name} ", (value, "bold")]
    if chosen.due_from and chosen.due_to:
        parts.append(f" · due {day_date(chosen.due_from)} to {day_date(chosen.due_to)}")
    elif chosen.due_from:
        parts.append(f" · due from {day_date(chosen.due_from)}")
    elif chosen.due_to:
        parts.append(f" · due by {day_date(chosen.due_to)}")
    return Content.assemble((lead, "dim"), *parts, (hint, "dim"))


def complete(typed: str, names: Sequence[str]) -> str:
    """The name meant: the typed one in its recorded case, or the only name it begins."""
    wanted = " ".join(typed.split()).casefold()
    if not wanted:
        return ""
    starting = [name for name in names if name.casefold().startswith(wanted)]
    exact = [name for name in starting if name.casefold() == wanted]
    if exact:
        return exact[0]
    return starting[0] if len(starting) == 1 else " ".join(typed.split())


class PersonSuggester(Suggester):
    """Suggests recorded people's names as the owner is typed (any case)."""

    async def get_suggestion(self, value: str) -> str | None:
        names = queries.person_names(prefix=value, limit=1)
        return names[0] if names else None


class ActionFilterDialog(ModalScreen[ActionFilter | None]):
    """Panel, organisation, owner, status, overdue and due dates, with the count live.

    `preview` is called (a moment after each change) with the filters as typed so far;
    it shows them behind the dialog and answers with a line to show here. Enter or
    ctrl+s keeps them; esc puts back the ones the dialog opened with.
    """

    CSS_PATH = "actions.tcss"
    BINDINGS = [
        Binding("ctrl+s", "apply", "Apply"),
        Binding("escape", "cancel", "Cancel"),
        Binding("ctrl+r", "clear", "Clear all"),
    ]

    def __init__(
        self,
        filters: ActionFilter,
        preview: Callable[[ActionFilter], Content],
        outcome: Content | str = "",
    ) -> None:
        super().__init__()
        self.filters = filters
        self.preview = preview
        self.outcome = outcome
        self.panels: list[str] = []
        self.organisations: list[str] = []
        self._timer: Timer | None = None
        self._ready = False

    def compose(self) -> ComposeResult:
        self.panels = sorted(s.panel.name for s in queries.panel_summaries())
        self.organisations = queries.organisation_names()
        f = self.filters
        with Vertical(id="filter-box"):
            yield Label("Filter the actions", id="filter-title")
            with Grid(id="filter-fields"):
                yield Label("Panel")
                yield Input(
                    f.panel or "",
                    placeholder="every panel",
                    suggester=SuggestFromList(self.panels, case_sensitive=False),
                    compact=True,
                    id="filter-panel",
                )
                yield Label("Organisation")
                yield Input(
                    f.organisation or "",
                    placeholder="every organisation",
                    suggester=SuggestFromList(self.organisations, case_sensitive=False),
                    compact=True,
                    id="filter-organisation",
                )
                yield Label("Owner")
                yield Input(
                    f.owner or "",
                    placeholder="anyone (a person's name)",
                    suggester=PersonSuggester(case_sensitive=False),
                    compact=True,
                    id="filter-owner",
                )
                yield Label("Status")
                yield Select(
                    STATUS_FILTERS,
                    value=choice_for(f.statuses),
                    allow_blank=False,
                    compact=True,
                    id="filter-status",
                )
                yield Label("")
                yield Checkbox("Overdue only", f.overdue, compact=True, id="filter-overdue")
                yield Label("Due from")
                yield Input(
                    f.due_from.isoformat() if f.due_from else "",
                    placeholder="a date: 2026-05-01, 1/5, friday, in 2 weeks",
                    compact=True,
                    id="filter-from",
                )
                yield Label("Due to")
                yield Input(
                    f.due_to.isoformat() if f.due_to else "",
                    placeholder="a date",
                    compact=True,
                    id="filter-to",
                )
            yield Static(self.outcome, id="filter-outcome")
            yield Static(
                Content.assemble(
                    ("enter", "bold"),
                    " or ",
                    ("ctrl+s", "bold"),
                    " keep   ",
                    ("esc", "bold"),
                    " put back   ",
                    ("ctrl+r", "bold"),
                    " clear all   ",
                    ("→", "bold"),
                    " take a suggestion",
                ),
                id="filter-hint",
            )

    def on_mount(self) -> None:
        self.query_one("#filter-panel", Input).focus()
        self.call_after_refresh(self._listen)

    def _listen(self) -> None:
        self._ready = True

    def chosen(self) -> ActionFilter | str:
        """The filters as typed, names completed; or what is wrong with a date."""
        dates: dict[str, dt.date | None] = {}
        for field, label, key in (("from", "Due from", "due_from"), ("to", "Due to", "due_to")):
            typed = self.query_one(f"#filter-{field}", Input).value.strip()
            try:
                dates[key] = parse_date(typed) if typed else None
            except DateError as error:
                return f"{label}: {error}"
        if dates["due_from"] and dates["due_to"] and dates["due_from"] > dates["due_to"]:
            return "Due from: comes after the due-to date"
        owner = self.query_one("#filter-owner", Input).value
        status = self.query_one("#filter-status", Select).value
        return ActionFilter(
            panel=complete(self.query_one("#filter-panel", Input).value, self.panels) or None,
            organisation=complete(
                self.query_one("#filter-organisation", Input).value, self.organisations
            )
            or None,
            owner=complete(owner, queries.person_names(prefix=owner.strip(), limit=2)) or None,
            statuses=statuses_for(status if isinstance(status, str) else "current"),
            overdue=self.query_one("#filter-overdue", Checkbox).value,
            **dates,
        )

    # -- live count ----------------------------------------------------------------

    @on(Input.Changed)
    @on(Select.Changed)
    @on(Checkbox.Changed)
    def _changed(self) -> None:
        if not self._ready:
            return
        if self._timer is not None:
            self._timer.stop()
        self._timer = self.set_timer(PREVIEW_DELAY, self._show_preview)

    def _show_preview(self) -> None:
        chosen = self.chosen()
        outcome = self.query_one("#filter-outcome", Static)
        if isinstance(chosen, str):
            outcome.update(Content.styled(chosen, "bold $error"))
        else:
            outcome.update(self.preview(chosen))

    # -- keys ----------------------------------------------------------------------

    @on(Input.Submitted)
    def _submitted(self, event: Input.Submitted) -> None:
        event.stop()
        self.action_apply()

    def action_apply(self) -> None:
        chosen = self.chosen()
        if isinstance(chosen, str):
            self.query_one("#filter-outcome", Static).update(Content.styled(chosen, "bold $error"))
            field = "#filter-from" if chosen.startswith("Due from") else "#filter-to"
            self.query_one(field, Input).focus()
            return
        if self._timer is not None:
            self._timer.stop()
        self.dismiss(chosen)

    def action_cancel(self) -> None:
        if self._timer is not None:
            self._timer.stop()
        self.dismiss(None)

    def action_clear(self) -> None:
        cleared = ActionFilter()
        for name in ("panel", "organisation", "owner", "from", "to"):
            self.query_one(f"#filter-{name}", Input).value = ""
        self.query_one("#filter-status", Select).value = choice_for(cleared.statuses)
        self.query_one("#filter-overdue", Checkbox).value = cleared.overdue
        self.query_one("#filter-panel", Input).focus()
