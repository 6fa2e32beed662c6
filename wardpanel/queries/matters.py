"""Actions' histories as of a day, and the matters arising a meeting hears about.

Nothing here writes. Matters arising are worked out from the actions' histories as of
a meeting's date, never copied, so meetings planned ahead stay right.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterable
from dataclasses import dataclass

from wardpanel.core.models import OPEN_ACTION_STATUSES, Action, ActionUpdate, Meeting
from wardpanel.queries.meetings import actions_query


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


def status_on(action: Action, updates: list[ActionUpdate], day: dt.date) -> str:
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
class MatterArising:
    """An action to report on at a meeting, with the latest update known on its date."""

    action: Action
    latest: ActionUpdate | None


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
    candidates = list(
        actions_query()
        .where(Meeting.panel == meeting.panel_id, Meeting.date < meeting.date)
        .order_by(Meeting.date, Action.id)
    )
    history = updates_of(a.id for a in candidates)
    matters = []
    for action in candidates:
        updates = history[action.id]
        still_open = status_on(action, updates, meeting.date) in OPEN_ACTION_STATUSES
        closed = closed_on(updates, meeting.date)
        if still_open or (closed is not None and closed >= previous.date):
            known_then = [u for u in updates if u.date <= meeting.date]
            matters.append(MatterArising(action, known_then[-1] if known_then else None))
    return matters


def is_overdue(action: Action, today: dt.date | None = None) -> bool:
    """Whether the action is still open past its due date, as of `today` (default: today)."""
    return action.is_overdue(today or dt.date.today())
