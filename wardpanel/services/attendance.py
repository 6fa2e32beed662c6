"""Who came to a meeting: present, apologies or absent (with the reason given)."""

from __future__ import annotations

from wardpanel.core.errors import InputError
from wardpanel.core.fields import choice, get_or_refuse, long_text, name_value, time_value
from wardpanel.core.models import (
    ABSENCE_CATEGORIES,
    ATTENDANCE_STATUSES,
    EXPECTED,
    Attendance,
    Person,
)
from wardpanel.core.people import is_post
from wardpanel.services.locking import meeting_to_change, refuse_if_approved
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
) -> Attendance:
    """Mark someone present, sending apologies or absent (with the reason given).

    `name` is matched among the meeting's people and its panel's regulars before anyone
    is created; with no name, `role` is an expected post nobody filled. Present: who
    they stood in for, when they arrived late or left early, whether it is their first
    meeting. Apologies and absences: the reason and its kind (ABSENCE_CATEGORIES).
    Someone already on the meeting's list has their entry updated, not duplicated; what
    is not given (None) is left as it was.
    """
    meeting = meeting_to_change(meeting_id)
    status = choice(status, ATTENDANCE_STATUSES, "status", "present")
    reason = long_text(reason, "reason") if status != "present" else ""
    person = _attendee(name, role, organisation, meeting_id=meeting.id)
    entry = Attendance.get_or_none(Attendance.meeting == meeting, Attendance.person == person)
    if entry is None:
        entry = Attendance(meeting=meeting, person=person)
    entry.status, entry.reason = status, reason
    _set_details(entry, substitute_for, arrived, departed, first_time, absence_category)
    entry.save()
    return entry


def _attendee(
    name: str,
    role: str,
    organisation: str | None,
    *,
    meeting_id: int | None = None,
    strict: bool = False,
) -> Person:
    """The person a list entry names: matched or made by name (services.people), or,
    with no name, the expected post nobody filled that `role` names."""
    typed = name_value(name, "name")
    found = person_named(typed, role, organisation, strict=strict, meeting_id=meeting_id)
    if found is not None:
        return found
    if role:
        return post_named(role, organisation)
    raise InputError("name", "cannot be empty: give a name, or the role of a post nobody filled")


def _set_details(
    entry: Attendance,
    substitute_for: str | None,
    arrived: str | None,
    departed: str | None,
    first_time: bool | None,
    absence_category: str | None,
) -> None:
    """What is said of an entry beyond its status, for the status it has: who someone
    present stood in for, their times and first meeting; the kind of an absence. What
    is not given (None) stays as it was; what does not fit the status is refused."""
    present = entry.status == "present"
    if present and not entry.person.name:
        raise InputError(
            "status", f"{entry.person.role} is a post nobody filled: write who came in Name"
        )
    if not present:
        said = {
            "stood in for": (substitute_for, "stands in for another"),
            "arrived": (arrived, "arrives late"),
            "left": (departed, "leaves early"),
            "first time": (first_time, "comes for the first time"),
        }
        for field, (value, what) in said.items():
            if value:
                raise InputError(
                    field, f"only someone present {what}: mark them present, or clear this"
                )
        entry.substitute_for = None
        entry.arrived = entry.departed = ""
        entry.first_time = False
    if present:
        entry.absence_category = ""
    elif absence_category is not None:
        entry.absence_category = choice(
            absence_category, ("", *ABSENCE_CATEGORIES), "kind of absence", ""
        )
    if present and substitute_for is not None:
        entry.substitute_for = _stood_in_for(substitute_for, entry.person, entry.meeting_id)
    if present and arrived is not None:
        entry.arrived = time_value(arrived, "arrived")
    if present and departed is not None:
        entry.departed = time_value(departed, "left")
    if entry.arrived and entry.departed and entry.departed < entry.arrived:
        raise InputError("left", f"{entry.departed} is before they arrived ({entry.arrived})")
    if present and first_time is not None:
        entry.first_time = bool(first_time)


def _stood_in_for(typed: str, person: Person, meeting_id: int) -> Person | None:
    """The person (or post) a substitute stood in for, matched as attendees are: an
    expected post on the meeting's list by its title, anyone else among the meeting's
    people and its panel's regulars; created when new, as quick entry creates people."""
    name = name_value(typed, "stood in for")
    if not name:
        return None
    absent = listed_post(name, meeting_id)
    if absent is None:
        absent = post_named(name) if is_post(name) else person_named(name, meeting_id=meeting_id)
    if absent is None or absent.id == person.id:
        raise InputError("stood in for", f"{person.name} cannot stand in for themselves")
    present = Attendance.get_or_none(
        Attendance.meeting == meeting_id,
        Attendance.person == absent.id,
        Attendance.status == "present",
    )
    if present is not None:
        who = absent.name or absent.role
        raise InputError("stood in for", f"cannot stand in for {who}, who is marked present")
    return absent


def listed_post(title: str, meeting_id: int) -> Person | None:
    """The expected post on a meeting's list ("Borough Commander") a typed title names,
    whatever its case; None when none does."""
    key = title.casefold()
    posts = (
        Person.select()
        .join(Attendance, on=Attendance.person == Person.id)
        .where(Attendance.meeting == meeting_id, Person.name == "")
        .order_by(Person.id)
    )
    return next((post for post in posts if post.role.casefold() == key), None)


@transaction
def set_attendance(
    attendance_id: int,
    status: str,
    reason: str | None = None,
    *,
    substitute_for: str | None = None,
    arrived: str | None = None,
    departed: str | None = None,
    first_time: bool | None = None,
    absence_category: str | None = None,
) -> Attendance:
    """Change one entry's status, and what is said with it (as record_attendance takes
    it; None leaves a thing as it was). Apologies and absences keep their reason unless
    another is given; someone marked present has none, nor a kind of absence, and
    someone not present has no times, no substitute and no first meeting."""
    entry = get_or_refuse(Attendance, attendance_id, "attendance")
    refuse_if_approved(entry.meeting_id)
    entry.status = choice(status, (*ATTENDANCE_STATUSES, EXPECTED), "status", "present")
    if entry.status in ("present", EXPECTED):
        entry.reason = ""
    elif reason is not None:
        entry.reason = long_text(reason, "reason")
    _set_details(entry, substitute_for, arrived, departed, first_time, absence_category)
    entry.save()
    return entry


@transaction
def update_attendee(
    attendance_id: int, name: str, role: str = "", organisation: str | None = None
) -> Attendance:
    """Correct an attendee's name, role or organisation on this meeting's list; with no
    name, the entry is an expected post nobody filled, by its role."""
    entry = get_or_refuse(Attendance, attendance_id, "attendance")
    refuse_if_approved(entry.meeting_id)
    person = _attendee(name, role, organisation, strict=True)
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
