"""A panel's priorities: setting them, reviewing them at later meetings, and reporting
actions against them.

A priority's status follows its latest review by meeting date (`settle_status`), so
every change to its reviews, including deleting the meeting one was made at, settles
it again.
"""

from __future__ import annotations

import datetime as dt

from wardpanel.core.errors import InputError
from wardpanel.core.fields import choice, date_value, get_or_refuse, line, long_text
from wardpanel.core.models import (
    PRIORITY_SETTERS,
    PRIORITY_STATUSES,
    REVIEW_OUTCOMES,
    STATUS_AFTER_REVIEW,
    Action,
    Meeting,
    Priority,
    PriorityReview,
)
from wardpanel.services.locking import meeting_to_change, refuse_if_approved
from wardpanel.services.people import organisation_named
from wardpanel.services.transactions import transaction


@transaction
def add_priority(
    meeting_id: int,
    text: str,
    status: str = "active",
    *,
    set_by: str = "panel",
    lead: str | None = None,
    measure: str = "",
    review_by: dt.date | str | None = None,
) -> Priority:
    """A priority for the panel, set at this meeting by the panel or by the police, with
    the organisation that leads on it, how success is judged and when it is reviewed."""
    meeting = meeting_to_change(meeting_id)
    priority = Priority.create(
        panel=meeting.panel_id,
        meeting=meeting,
        text=long_text(text, "priority", required=True),
        status=choice(status, PRIORITY_STATUSES, "status", "active"),
        set_by=choice(set_by, PRIORITY_SETTERS, "set by", "panel"),
        lead=organisation_named(line(lead, "lead") or None),
        measure=long_text(measure, "measure"),
        review_by=date_value(review_by, "review by"),
    )
    return priority


@transaction
def update_priority(
    priority_id: int,
    text: str,
    status: str = "active",
    *,
    set_by: str | None = None,
    lead: str | None = None,
    measure: str | None = None,
    review_by: dt.date | str | None = None,
) -> Priority:
    """Edit a priority's text and status; `set_by`, `lead`, `measure` and `review_by`
    change only when given ("" clears the last three)."""
    priority = get_or_refuse(Priority, priority_id, "priority")
    new_text = long_text(text, "priority", required=True)
    if new_text != priority.text:  # its wording is the minutes'; its status moves on
        refuse_if_approved(priority.meeting_id)
    priority.text = new_text
    priority.status = choice(status, PRIORITY_STATUSES, "status", "active")
    if set_by is not None:
        priority.set_by = choice(set_by, PRIORITY_SETTERS, "set by", priority.set_by)
    if lead is not None:
        priority.lead = organisation_named(line(lead, "lead") or None)
    if measure is not None:
        priority.measure = long_text(measure, "measure")
    if review_by is not None:
        priority.review_by = date_value(review_by, "review by")
    priority.save()
    return priority


@transaction
def delete_priority(priority_id: int) -> None:
    """Remove a priority."""
    priority = get_or_refuse(Priority, priority_id, "priority")
    refuse_if_approved(priority.meeting_id)
    priority.delete_instance()


# -- priority reviews --------------------------------------------------------------------


@transaction
def review_priority(
    priority_id: int,
    meeting_id: int,
    outcome: str,
    note: str = "",
    replacement: str | None = None,
    *,
    replacement_set_by: str | None = None,
) -> PriorityReview:
    """Record what a later meeting of the panel decided about one of its priorities.

    keep: it stays active; achieved or dropped: it takes that status; replace: it is
    dropped and `replacement` (required then, refused otherwise) becomes a new priority
    set at this meeting, set by whoever set the old one unless `replacement_set_by`
    says otherwise, and linked from the review. A second review of the same priority at
    the same meeting updates the first: its replacement takes the new text, or, when
    the outcome is no longer replace, is removed (or only unlinked, once actions have
    been reported against it or it has been reviewed in turn). The priority's status
    then follows its latest review by meeting date, so correcting an old review never
    undoes a later one.
    """
    priority = get_or_refuse(Priority, priority_id, "priority")
    meeting = meeting_to_change(meeting_id)
    if meeting.panel_id != priority.panel_id:
        raise InputError("meeting", "is a meeting of another panel than the priority's")
    set_at = Meeting.get_or_none(Meeting.id == priority.meeting_id)
    if set_at is not None and set_at.id == meeting.id:
        raise InputError("meeting", "set this priority: it is reviewed at a later meeting")
    if set_at is not None and meeting.date <= set_at.date:
        raise InputError(
            "meeting", f"is not after {set_at.date.isoformat()}, when the priority was set"
        )
    if not outcome or not str(outcome).strip():
        raise InputError("outcome", f"choose one of {', '.join(REVIEW_OUTCOMES)}")
    outcome = choice(outcome, REVIEW_OUTCOMES, "outcome", "keep")
    note = long_text(note, "note")
    new_text = long_text(replacement, "replacement")
    if outcome == "replace" and not new_text:
        raise InputError("replacement", "write the priority that replaces this one")
    if outcome != "replace" and new_text:
        raise InputError("replacement", f"is given only when the outcome is replace, not {outcome}")
    setter = choice(replacement_set_by, PRIORITY_SETTERS, "set by", priority.set_by)

    review = PriorityReview.get_or_none(
        PriorityReview.priority == priority, PriorityReview.meeting == meeting
    )
    earlier_replacement = (
        Priority.get_or_none(Priority.id == review.replaced_by_id) if review else None
    )
    successor = None
    if outcome == "replace":
        successor = earlier_replacement or Priority(panel=priority.panel_id, meeting=meeting)
        successor.text, successor.set_by, successor.status = new_text, setter, "active"
        successor.save()
    if review is None:
        review = PriorityReview.create(
            priority=priority, meeting=meeting, outcome=outcome, note=note, replaced_by=successor
        )
    else:
        review.outcome, review.note, review.replaced_by = outcome, note, successor
        review.save()
    if earlier_replacement is not None and successor is None:
        _discard_replacement(earlier_replacement)
    settle_status(priority)
    return review


@transaction
def delete_priority_review(review_id: int) -> None:
    """Undo a review: its replacement goes (unless it has a life of its own), and the
    priority's status follows its latest remaining review, or is active again."""
    review = get_or_refuse(PriorityReview, review_id, "review")
    refuse_if_approved(review.meeting_id)
    priority = Priority.get_by_id(review.priority_id)
    replacement = Priority.get_or_none(Priority.id == review.replaced_by_id)
    review.delete_instance()
    if replacement is not None:
        _discard_replacement(replacement)
    settle_status(priority)


def _discard_replacement(replacement: Priority) -> None:
    """Remove a replacement no longer wanted, unless actions or reviews refer to it."""
    in_use = (
        Action.select().where(Action.priority == replacement).exists()
        or PriorityReview.select()
        .where(
            (PriorityReview.priority == replacement) | (PriorityReview.replaced_by == replacement)
        )
        .exists()
    )
    if not in_use:
        replacement.delete_instance()


def settle_status(priority: Priority) -> None:
    """Set a priority's status from its latest review by meeting date (active with none),
    inside the caller's transaction."""
    latest = (
        PriorityReview.select(PriorityReview.outcome)
        .join(Meeting)
        .where(PriorityReview.priority == priority)
        .order_by(Meeting.date.desc(), Meeting.id.desc())
        .first()
    )
    priority.status = STATUS_AFTER_REVIEW[latest.outcome] if latest else "active"
    priority.save()


# -- actions reported against priorities ------------------------------------------------


@transaction
def link_action_to_priority(action_id: int, priority_id: int | None) -> Action:
    """Report an action against one of its panel's priorities; None unlinks it."""
    action = get_or_refuse(Action, action_id, "action")
    if priority_id is None:
        action.priority = None
    else:
        priority = get_or_refuse(Priority, priority_id, "priority")
        panel_id = Meeting.select(Meeting.panel).where(Meeting.id == action.meeting_id).scalar()
        if priority.panel_id != panel_id:
            raise InputError("priority", "is a priority of another panel than the action's")
        action.priority = priority
    action.save()
    return action
