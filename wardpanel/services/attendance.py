"""Who came to a meeting: present, apologies or absent (with the reason given)."""

from __future__ import annotations

from wardpanel.core.errors import InputError
from wardpanel.core.fields import choice, get_or_refuse, long_text, name_value, time_value
from wardpanel.core.models import (
    ABSENCE_CATEGORIES,
    ATTENDANCE_STATUSES,
    EXPECTED,
    Attendance,
    Meeting,
    Person,
)
from wardpanel.services.drafts import drop_draft
from wardpanel.services.locking import refuse_if_approved
from wardpanel.services.people import person_named, post_named
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
    substitute_for: str | None = None,
    arrived: str | None = None,
    departed: str | None = None,
    first_time: bool | None = None,
    absence_category: str | None = None,
    draft_key: str | None = None,
) -> Attendance:
    """Mark someone present, sending apologies or absent (with the reason given).

    `name` is matched among the meeting's people and its panel's regulars before anyone
    is created; with no name, `role` is an expected post nobody filled. Present: who
    they stood in for, when they arrived late or left early, whether it is their first
    meeting. Apologies and absences: the reason and its kind (ABSENCE_CATEGORIES).
    Someone already on the meeting's list has their entry updated, not duplicated; what
    is not given (None) is left as it was.
    """
    meeting = get_or_refuse(Meeting, meeting_id, "meeting")
    refuse_if_approved(meeting.id)
    status = choice(status, ATTENDANCE_STATUSES, "status", "present")
    reason = long_text(reason, "reason") if status != "present" else ""
    typed = name_value(name, "name")
    if typed:
        person = person_named(typed, role, organisation, meeting_id=meeting.id)
    elif role:
        person = post_named(role, organisation)
    else:
        raise InputError("name", "cannot be empty")
    entry = Attendance.get_or_none(Attendance.meeting == meeting, Attendance.person == person)
    if entry is None:
        entry = Attendance(meeting=meeting, person=person)
    entry.status, entry.reason = status, reason
    if status == "present":
        entry.absence_category = ""
    elif absence_category is not None:
        entry.absence_category = choice(
            absence_category, ("", *ABSENCE_CATEGORIES), "absence_category", ""
        )
    if substitute_for is not None:
        entry.substitute_for = _stood_in_for(substitute_for, person, meeting.id)
    if arrived is not None:
        entry.arrived = time_value(arrived, "arrived")
    if departed is not None:
        entry.departed = time_value(departed, "left")
    if first_time is not None:
        entry.first_time = bool(first_time)
    entry.save()
    drop_draft(draft_key)
    return entry


def _stood_in_for(typed: str, person: Person, meeting_id: int) -> Person | None:
    """The person (or post) a substitute stood in for, matched as attendees are."""
    name = name_value(typed, "for")
    if not name:
        return None
    absent = person_named(name, meeting_id=meeting_id)
    if absent is None or absent.id == person.id:
        raise InputError("substitute", "cannot stand in for themselves")
    present = Attendance.get_or_none(
        Attendance.meeting == meeting_id,
        Attendance.person == absent.id,
        Attendance.status == "present",
    )
    if present is not None:
        who = absent.name or absent.role
        raise InputError("substitute", f"cannot stand in for {who}, who is marked present")
    return absent


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
