"""Approved minutes are locked: what was agreed stays as agreed.

Every change to what a meeting recorded (its details, attendance, questions, answers,
notes, actions as agreed, priorities set or reviewed there) asks `refuse_if_approved`
first, inside its own transaction, so no screen or command can change approved minutes
without reopening them (which is recorded). Following an action up after the meeting
(updates, closing, a new owner or date) is not a change to the minutes and stays open.
"""

from __future__ import annotations

from collections.abc import Iterable

from wardpanel.core.errors import InputError
from wardpanel.core.fields import get_or_refuse
from wardpanel.core.models import Meeting
from wardpanel.queries.meetings import APPROVED, is_approved, minutes_approved


class MinutesApproved(InputError):
    """A change refused because the meeting's minutes are approved (exit status 2)."""

    def __init__(self, meeting_id: int) -> None:
        super().__init__(
            "meeting", f"the minutes of meeting {meeting_id} are approved: reopen them first"
        )
        self.meeting_id = meeting_id
        # Said as INTERFACES.md words it, without the "field:" prefix.
        self.args = (self.reason,)


def refuse_if_approved(meeting_id: int | None) -> None:
    """Raise MinutesApproved when the meeting's minutes are approved."""
    if meeting_id is not None and minutes_approved(meeting_id):
        raise MinutesApproved(meeting_id)


def meeting_to_change(meeting_id: int) -> Meeting:
    """The meeting something is about to be recorded at, read in the caller's transaction:
    InputError when there is no such meeting, MinutesApproved when its minutes are
    approved (one read for both)."""
    meeting = get_or_refuse(Meeting, meeting_id, "meeting")
    if is_approved(meeting):
        raise MinutesApproved(meeting.id)
    return meeting


def refuse_if_any_approved(meeting_ids: Iterable[int], hint: str = "") -> None:
    """Raise MinutesApproved for the first of these meetings whose minutes are approved
    (a correction of names that would change what they printed); `hint` is added to the
    message when there is another way."""
    approved = Meeting.select(Meeting.id).where(
        Meeting.id.in_(sorted(set(meeting_ids))), Meeting.status == APPROVED
    )
    first = approved.order_by(Meeting.date, Meeting.id).scalar()
    if first is not None:
        refusal = MinutesApproved(first)
        if hint:
            refusal.reason += f" ({hint})"
            refusal.args = (refusal.reason,)
        raise refusal
