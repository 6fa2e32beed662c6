"""Meetings: creating one (carried forward from the last), correcting its details,
approving its minutes, and deleting it with everything recorded at it."""

from __future__ import annotations

import datetime as dt

from wardpanel.core.errors import InputError
from wardpanel.core.fields import choice, date_value, get_or_refuse, line, long_text, time_value
from wardpanel.core.models import (
    EXPECTED,
    MEETING_STATUSES,
    ActionUpdate,
    Attendance,
    Meeting,
    MeetingEvent,
    Panel,
    Priority,
    PriorityReview,
    now,
)
from wardpanel.queries.meetings import trails_of
from wardpanel.services import indexing
from wardpanel.services.locking import meeting_to_change
from wardpanel.services.priorities import settle_status
from wardpanel.services.transactions import transaction


def previous_meeting(panel_id: int, before: dt.date | None = None) -> Meeting | None:
    """The panel's latest meeting (before a date, when given)."""
    query = Meeting.select().where(Meeting.panel == panel_id)
    if before is not None:
        query = query.where(Meeting.date < before)
    return query.order_by(Meeting.date.desc(), Meeting.id.desc()).first()


@transaction
def create_meeting(
    panel_id: int,
    date: dt.date | str,
    title: str = "",
    start: str = "",
    venue: str = "",
    chair: str = "",
    next_meeting: dt.date | str | None = None,
    *,
    carry_forward: bool = True,
) -> Meeting:
    """A new draft meeting; by default pre-filled from the panel's previous one.

    Pre-filled: time, venue and chair when left empty, and everyone who attended or
    was expected last time, listed as expected until the chair marks them.
    """
    panel = get_or_refuse(Panel, panel_id, "panel")
    day = date_value(date, "date", required=True)
    title = line(title, "title") or "Ward panel meeting"
    if (
        Meeting.select()
        .where(Meeting.panel == panel, Meeting.date == day, Meeting.title == title)
        .exists()
    ):
        raise InputError("date", f"{panel.name} already has a meeting '{title}' on {day}")
    previous = previous_meeting(panel.id) if carry_forward else None
    meeting = Meeting.create(
        panel=panel,
        date=day,
        title=title,
        start=time_value(start) or (previous.start if previous else ""),
        venue=line(venue, "venue") or (previous.venue if previous else ""),
        chair=line(chair, "chair") or (previous.chair if previous else ""),
        next_meeting=date_value(next_meeting, "next meeting", ahead=True),
    )
    if previous is not None:
        roll = Attendance.select(Attendance.person).where(Attendance.meeting == previous)
        Attendance.insert_many(
            [(meeting.id, row.person_id, EXPECTED) for row in roll.order_by(Attendance.id)],
            fields=[Attendance.meeting, Attendance.person, Attendance.status],
        ).execute()
    return meeting


@transaction
def update_meeting(
    meeting_id: int,
    *,
    date: dt.date | str,
    title: str = "",
    start: str = "",
    venue: str = "",
    chair: str = "",
    next_meeting: dt.date | str | None = None,
) -> Meeting:
    """Correct a meeting's date, title, start, venue, chair and next meeting date; the
    date and title stay unique within the panel."""
    meeting = meeting_to_change(meeting_id)
    day = date_value(date, "date", required=True)
    title = line(title, "title") or "Ward panel meeting"
    clash = Meeting.select().where(
        Meeting.panel == meeting.panel_id,
        Meeting.date == day,
        Meeting.title == title,
        Meeting.id != meeting.id,
    )
    if clash.exists():
        raise InputError("date", f"this panel already has a meeting '{title}' on {day}")
    meeting.date, meeting.title = day, title
    meeting.start = time_value(start)
    meeting.venue = line(venue, "venue")
    meeting.chair = line(chair, "chair")
    meeting.next_meeting = date_value(next_meeting, "next meeting")
    meeting.updated_at = now()
    meeting.save()
    return meeting


@transaction
def record_previous_minutes(meeting_id: int, agreed: bool | None, amendments: str = "") -> Meeting:
    """Record whether this meeting agreed the previous meeting's minutes as a correct
    record, with any amendments made; `agreed` None: not said (and then no amendments).
    Refused once this meeting's own minutes are approved."""
    meeting = meeting_to_change(meeting_id)
    said = long_text(amendments, "amendments")
    if agreed is None and said:
        raise InputError(
            "amendments", "say whether the previous minutes were agreed before the amendments"
        )
    meeting.previous_agreed = None if agreed is None else bool(agreed)
    meeting.previous_amendments = said
    meeting.updated_at = now()
    meeting.save()
    return meeting


@transaction
def set_meeting_status(meeting_id: int, status: str, *, by: str = "") -> Meeting:
    """Approve a meeting's minutes (`approve_meeting`); asking for the status they
    already have changes nothing. Approved minutes return to draft only by
    `reopen_meeting`, with a reason."""
    meeting = get_or_refuse(Meeting, meeting_id, "meeting")
    wanted = choice(status, MEETING_STATUSES, "status", "draft")
    if wanted == meeting.status:
        return meeting
    if wanted == "approved":
        return approve_meeting(meeting.id, by=by)
    raise InputError("status", "approved minutes return to draft only when reopened, with a reason")


@transaction
def approve_meeting(meeting_id: int, *, by: str = "", on: dt.date | None = None) -> Meeting:
    """Approve a meeting's minutes: who approved them (by default its chair) and when
    are recorded, on the meeting and in its trail, and the minutes are locked."""
    meeting = get_or_refuse(Meeting, meeting_id, "meeting")
    if meeting.status == "approved":
        raise InputError("meeting", f"the minutes of meeting {meeting.id} are already approved")
    who = line(by, "by") or meeting.chair
    meeting.status = "approved"
    meeting.approved_on = on or dt.date.today()
    meeting.approved_by = who
    meeting.updated_at = now()
    meeting.save()
    MeetingEvent.create(meeting=meeting, kind="approved", by=who)
    return meeting


@transaction
def reopen_meeting(meeting_id: int, reason: str, *, by: str = "") -> Meeting:
    """Unlock approved minutes for a correction: back to draft, the reason (required)
    and who reopened them kept in the meeting's trail."""
    meeting = get_or_refuse(Meeting, meeting_id, "meeting")
    said = long_text(reason, "reason", required=True)
    if meeting.status != "approved":
        raise InputError("meeting", f"the minutes of meeting {meeting.id} are not approved")
    meeting.status = "draft"
    meeting.approved_on = None
    meeting.approved_by = ""
    meeting.updated_at = now()
    meeting.save()
    MeetingEvent.create(meeting=meeting, kind="reopened", by=line(by, "by"), reason=said)
    return meeting


def trail_of(meeting_id: int) -> list[MeetingEvent]:
    """The meeting's approvals and reopenings, oldest first."""
    return trails_of([meeting_id])[meeting_id]


@transaction
def delete_meeting(meeting_id: int) -> None:
    """Remove a meeting and everything recorded at it."""
    meeting = meeting_to_change(meeting_id)
    indexing.unindex_meeting(meeting.id)
    ActionUpdate.update(meeting=None).where(ActionUpdate.meeting == meeting).execute()
    Priority.update(meeting=None).where(Priority.meeting == meeting).execute()
    reviewed = list(
        Priority.select()
        .join(PriorityReview, on=(PriorityReview.priority == Priority.id))
        .where(PriorityReview.meeting == meeting)
    )
    meeting.delete_instance(recursive=True)  # its priority reviews with it
    for priority in reviewed:
        settle_status(priority)  # from the reviews left
