"""Actions' histories as of a day, and the matters arising a meeting hears about.

Nothing here writes. Matters arising are worked out from the actions' histories as of
a meeting's date, never copied, so meetings planned ahead stay right.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterable
from dataclasses import dataclass

from wardpanel.core.models import (
    HISTORY_KINDS,
    OPEN_ACTION_STATUSES,
    Action,
    ActionUpdate,
    Meeting,
)
from wardpanel.core.words import is_overdue
from wardpanel.queries.actions import ActionRow, action_rows


def updates_of(
    action_ids: Iterable[int], until: dt.date | None = None
) -> dict[int, list[ActionUpdate]]:
    """Each action's updates in order (dated on or before `until`, when given)."""
    ids = list(action_ids)
    history: dict[int, list[ActionUpdate]] = {i: [] for i in ids}
    if not ids:
        return history
    query = ActionUpdate.select().where(ActionUpdate.action.in_(ids))
    if until is not None:
        query = query.where(ActionUpdate.date <= until)
    for update in query.order_by(ActionUpdate.date, ActionUpdate.id):
        history[update.action_id].append(update)
    return history


def status_on(action: Action | ActionRow, updates: list[ActionUpdate], day: dt.date) -> str:
    """The action's status as it stood at the start of `day`.

    `updates` must be the action's whole history: a status changed after `day` is what
    shows that it was still open then.
    """
    with_status = [u for u in updates if u.status]
    before = [u for u in with_status if u.date < day]
    if before:
        return before[-1].status
    if with_status:
        # Every change of status came on or after that day: it was still open then.
        return "open"
    return action.status


@dataclass(frozen=True)
class ActionOnDay:
    """An action as it stood on a day: its row (wardpanel.queries.actions), its status
    then, whether it was overdue then, and the updates reported by then (oldest first).
    Matters arising, priorities under review and "You said, we did" all read actions so.
    """

    action: ActionRow
    status: str
    overdue: bool
    updates: tuple[ActionUpdate, ...]

    @property
    def latest(self) -> ActionUpdate | None:
        """The last report known that day (a change of date, owner or status is history)."""
        reports = [u for u in self.updates if u.kind not in HISTORY_KINDS]
        return reports[-1] if reports else None

    @property
    def standing(self) -> str:
        """Overdue, or its status."""
        return "overdue" if self.overdue else self.status


# An action to report on at a meeting, as it stood on the meeting's date.
MatterArising = ActionOnDay


def actions_on(ids: Iterable[int], day: dt.date, *, through: bool = False) -> list[ActionOnDay]:
    """These actions as they stood at the start of `day` (or, `through`, at its end),
    in the order given."""
    ids = list(ids)
    history = updates_of(ids)
    # The end of `day` is the start of the next; the calendar's last day has none.
    status_day = day + dt.timedelta(days=1) if through and day < dt.date.max else day
    found = []
    for row in action_rows(ids, day):
        updates = history[row.id]
        status = status_on(row, updates, status_day)
        known = tuple(u for u in updates if u.date <= day)
        found.append(ActionOnDay(row, status, is_overdue(status, row.due, day), known))
    return found


def closed_on(updates: list[ActionUpdate], before: dt.date) -> dt.date | None:
    """The day an action was closed (done or dropped), judged before a day; None if open."""
    with_status = [u for u in updates if u.status and u.date < before]
    if not with_status or with_status[-1].status in OPEN_ACTION_STATUSES:
        return None
    return with_status[-1].date


def matters_arising(meeting: Meeting) -> list[MatterArising]:
    """Actions from the panel's earlier meetings to report on at this one: those still
    open when it is held, and those closed since the panel's previous meeting, so the
    panel hears that they were done. Worked out from the history, never copied."""
    previous = (
        Meeting.select(Meeting.date)
        .where(
            Meeting.panel == meeting.panel_id,
            (Meeting.date < meeting.date)
            | ((Meeting.date == meeting.date) & (Meeting.id < meeting.id)),
        )
        .order_by(Meeting.date.desc(), Meeting.id.desc())
        .first()
    )
    if previous is None:
        return []
    candidates = [
        action_id
        for (action_id,) in Action.select(Action.id)
        .join(Meeting)
        .where(Meeting.panel == meeting.panel_id, Meeting.date < meeting.date)
        .order_by(Meeting.date, Action.id)
        .tuples()
    ]
    matters = []
    for found in actions_on(candidates, meeting.date):
        still_open = found.status in OPEN_ACTION_STATUSES
        closed = closed_on(list(found.updates), meeting.date)
        if still_open or (closed is not None and closed >= previous.date):
            matters.append(found)
    return matters
