"""The panel's priorities as a meeting sees them: how each stood, how it was reviewed,
and the actions reported against it, all worked out as of the meeting's date.

Nothing here writes.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterable
from dataclasses import dataclass

import peewee as pw

from wardpanel.core.models import (
    Action,
    Meeting,
    Priority,
    PriorityReview,
)
from wardpanel.queries.matters import ActionOnDay, actions_on


def priorities_of(meeting: Meeting) -> list[Priority]:
    """The priorities set at this meeting, then the panel's earlier ones still active."""
    set_here = Priority.meeting == meeting.id
    earlier = (
        Priority.select(Priority.id)
        .join(Meeting, pw.JOIN.LEFT_OUTER)
        .where(
            Priority.panel == meeting.panel_id,
            Priority.status == "active",
            (Meeting.date < meeting.date) | Priority.meeting.is_null(),
        )
    )
    return list(Priority.select().where(set_here | Priority.id.in_(earlier)).order_by(Priority.id))


def reviews_of(priority_ids: Iterable[int]) -> dict[int, list[PriorityReview]]:
    """Each priority's reviews, oldest meeting first, with `meeting` and `replaced_by` loaded."""
    ids = list(priority_ids)
    reviews: dict[int, list[PriorityReview]] = {i: [] for i in ids}
    if not ids:
        return reviews
    Successor = Priority.alias()
    query = (
        PriorityReview.select(PriorityReview, Meeting, Successor)
        .join(Meeting, on=(PriorityReview.meeting == Meeting.id))
        .switch(PriorityReview)
        .join(Successor, pw.JOIN.LEFT_OUTER, on=(PriorityReview.replaced_by == Successor.id))
        .where(PriorityReview.priority.in_(ids))
        .order_by(Meeting.date, Meeting.id)
    )
    for review in query:
        reviews[review.priority_id].append(review)
    return reviews


# Where a priority stands after a review. A replaced priority is stored as dropped
# (its review names the replacement), but everyone reads it as "replaced".
STANDING_AFTER_REVIEW = {
    "keep": "active",
    "replace": "replaced",
    "achieved": "achieved",
    "dropped": "dropped",
}


def priority_status_on(
    priority: Priority, reviews: list[PriorityReview], day: dt.date, *, through: bool = False
) -> str:
    """Where the priority stood at the start of `day` (or, `through`, at its end):
    active, achieved, dropped or replaced, from its reviews (like `status_on`).

    `reviews` must be all its reviews, meetings loaded: one held after `day` is what
    shows that the priority was still active then.
    """
    before = [r for r in reviews if r.meeting.date < day or (through and r.meeting.date == day)]
    if before:
        return STANDING_AFTER_REVIEW[before[-1].outcome]
    if reviews:
        return "active"
    return priority.status


# An action reported against a priority, as it stood on a given day.
ReportedAction = ActionOnDay


@dataclass(frozen=True)
class PriorityUnderReview:
    """A priority as a meeting sees it: how it stood, how it was reviewed, what was done.

    `status` is how it stood as the meeting began (worked out from the reviews);
    `earlier_reviews` were at the panel's earlier meetings, oldest first; `review` is
    this meeting's, if any (`review.replaced_by` names the replacement); `replaces` is,
    for a priority set here as a replacement, the priority it replaced.
    """

    priority: Priority
    set_at: Meeting | None
    set_here: bool
    status: str
    earlier_reviews: tuple[PriorityReview, ...]
    review: PriorityReview | None
    replaces: Priority | None
    actions: tuple[ReportedAction, ...]

    @property
    def reviews(self) -> tuple[PriorityReview, ...]:
        """Its reviews up to and including this meeting's."""
        return self.earlier_reviews + ((self.review,) if self.review else ())


def reported_actions(priority_ids: Iterable[int], day: dt.date) -> dict[int, list[ReportedAction]]:
    """The actions reported against each priority, raised on or before `day`, as of `day`."""
    ids = list(priority_ids)
    reported: dict[int, list[ReportedAction]] = {i: [] for i in ids}
    if not ids:
        return reported
    action_ids = (
        Action.select(Action.id)
        .join(Meeting)
        .where(Action.priority.in_(ids), Meeting.date <= day)
        .order_by(Meeting.date, Action.id)
        .tuples()
    )
    for found in actions_on([action_id for (action_id,) in action_ids], day):
        reported[found.action.priority_id].append(found)
    return reported


def priorities_under_review(meeting: Meeting) -> list[PriorityUnderReview]:
    """The priorities a meeting reviews, worked out as of its date like matters arising.

    The panel's priorities active when the meeting is held (set at an earlier meeting,
    or at none, and not achieved, dropped or replaced at a meeting before it), those
    reviewed at it whatever their state, then those set at it. Nothing is copied: a
    meeting planned ahead stays right as reviews are recorded.
    """
    SetAt = Meeting.alias()
    candidates = list(
        Priority.select(Priority, SetAt)
        .join(SetAt, pw.JOIN.LEFT_OUTER, on=(Priority.meeting == SetAt.id))
        .where(
            Priority.panel == meeting.panel_id,
            (Priority.meeting == meeting.id)
            | (SetAt.date < meeting.date)
            | Priority.meeting.is_null(),
        )
        .order_by(Priority.id)
    )
    reviews = reviews_of(p.id for p in candidates)
    here_reviews = {
        review.priority_id: review
        for found in reviews.values()
        for review in found
        if review.meeting_id == meeting.id
    }
    replaced = {
        review.replaced_by_id: review.priority_id
        for review in here_reviews.values()
        if review.replaced_by_id
    }
    by_id = {p.id: p for p in candidates}
    carried, set_here = [], []
    for priority in candidates:
        if priority.meeting_id == meeting.id:
            set_here.append(priority)
            continue
        history = reviews[priority.id]
        if (
            priority.id in here_reviews
            or priority_status_on(priority, history, meeting.date) == "active"
        ):
            carried.append(priority)
    chosen = carried + set_here
    actions = reported_actions((p.id for p in chosen), meeting.date)
    result = []
    for priority in chosen:
        here = priority.meeting_id == meeting.id
        history = reviews[priority.id]
        result.append(
            PriorityUnderReview(
                priority=priority,
                set_at=priority.meeting if priority.meeting_id else None,
                set_here=here,
                status=priority_status_on(priority, history, meeting.date),
                earlier_reviews=tuple(r for r in history if r.meeting.date < meeting.date),
                review=here_reviews.get(priority.id),
                replaces=by_id.get(replaced.get(priority.id, 0)),
                actions=tuple(actions[priority.id]),
            )
        )
    return result
