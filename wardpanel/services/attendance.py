"""Who came to a meeting: present, apologies or absent (with the reason given)."""

from __future__ import annotations

from wardpanel.core.errors import InputError
from wardpanel.core.fields import choice, get_or_refuse, long_text, name_value
from wardpanel.core.models import ATTENDANCE_STATUSES, EXPECTED, Attendance, Meeting
from wardpanel.services.drafts import drop_draft
from wardpanel.services.locking import refuse_if_approved
from wardpanel.services.people import person_named
from wardpanel.services.transactions import transaction


@transaction
def record_attendance(
    meeting_id: int,
    name: str,
    role: str = "",
    organisation: str | None = None,
    status: str = "present",
    reason: str = "",
    *,
    draft_key: str | None = None,
) -> Attendance:
    """Mark someone present, sending apologies or absent (with the reason given).

    Someone already on the meeting's list has their entry updated, not duplicated.
    """
    meeting = get_or_refuse(Meeting, meeting_id, "meeting")
    refuse_if_approved(meeting.id)
    status = choice(status, ATTENDANCE_STATUSES, "status", "present")
    reason = long_text(reason, "reason") if status == "absent" else ""
    person = person_named(name_value(name, "name", required=True), role, organisation)
    entry = Attendance.get_or_none(Attendance.meeting == meeting, Attendance.person == person)
    if entry is None:
        entry = Attendance.create(meeting=meeting, person=person, status=status, reason=reason)
    else:
        entry.status, entry.reason = status, reason
        entry.save()
    drop_draft(draft_key)
    return entry


@transaction
def set_attendance(attendance_id: int, status: str, reason: str | None = None) -> Attendance:
    """Change one entry's status; an absence keeps or takes the reason given."""
    entry = get_or_refuse(Attendance, attendance_id, "attendance")
    refuse_if_approved(entry.meeting_id)
    entry.status = choice(status, (*ATTENDANCE_STATUSES, EXPECTED), "status", "present")
    if entry.status == "absent":
        if reason is not None:
            entry.reason = long_text(reason, "reason")
    else:
        entry.reason = ""
    entry.save()
    return entry


@transaction
def update_attendee(
    attendance_id: int, name: str, role: str = "", organisation: str | None = None
) -> Attendance:
    """Correct an attendee's name, role or organisation on this meeting's list."""
    entry = get_or_refuse(Attendance, attendance_id, "attendance")
    refuse_if_approved(entry.meeting_id)
    person = person_named(name_value(name, "name", required=True), role, organisation, strict=True)
    if person.id != entry.person_id:
        duplicate = Attendance.get_or_none(
            Attendance.meeting == entry.meeting_id, Attendance.person == person
        )
        if duplicate is not None:
            raise InputError("name", f"{person.name} is already on this meeting's list")
        entry.person = person
        entry.save()
    return entry


@transaction
def remove_attendance(attendance_id: int) -> None:
    """Take someone off a meeting's list."""
    entry = get_or_refuse(Attendance, attendance_id, "attendance")
    refuse_if_approved(entry.meeting_id)
    entry.delete_instance()
