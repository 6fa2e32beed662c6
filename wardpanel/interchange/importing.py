"""Importing meeting files: every file checked first, then all written in one transaction.

Who is who, on import:
- an attendee is matched by name and organisation (no organisation: a resident);
- a response's responder and an action's owner, when an organisation is given, are
  matched by name and that organisation;
- without an organisation (and always for a question's `asked_by`), the name means
  the one attendee of that name in the same file when there is exactly one, otherwise
  a resident of that name. An action whose owner is found this way takes the owner's
  organisation, as it does when typed in the app. (So a file cannot tell an action
  owned by an absent resident from one owned by an attending officer of the same
  name: the officer is chosen.)
"""

from __future__ import annotations

import datetime as dt
from pathlib import Path

import peewee as pw

from wardpanel.core.models import (
    Action,
    ActionUpdate,
    Attendance,
    Meeting,
    Note,
    Panel,
    Person,
    Priority,
    Question,
    Response,
)
from wardpanel.core.storage.database import db
from wardpanel.interchange.format import DEFAULT_TITLE, InterchangeError, show
from wardpanel.interchange.reading import MeetingFile, read_meeting_file
from wardpanel.services import indexing, organisation_named, person_named


def find_meeting(panel_name: str, date: dt.date, title: str = DEFAULT_TITLE) -> int | None:
    """The id of the panel's meeting with that date and title, or None."""
    panel = Panel.get_or_none(pw.fn.lower(Panel.name) == pw.fn.lower(panel_name))
    if panel is None:
        return None
    found = Meeting.get_or_none(
        Meeting.panel == panel, Meeting.date == date, Meeting.title == title
    )
    return found.id if found else None


def _refuse_duplicates(files: list[MeetingFile]) -> None:
    """No meeting may be in the database already, nor twice among the files."""
    first_seen: dict[tuple[str, dt.date, str], str] = {}
    for parsed in files:
        same = f"{parsed.panel_name} already has a meeting '{parsed.title}' on that date"
        identity = (parsed.panel_name.lower(), parsed.date, parsed.title)
        if identity in first_seen:
            raise InterchangeError(
                f"{parsed.label}: meeting.date: '{parsed.date.isoformat()}': the same meeting "
                f"({parsed.panel_name}, '{parsed.title}') is also in {first_seen[identity]}",
                file=parsed.label,
                key="meeting.date",
            )
        first_seen[identity] = parsed.label
        existing = find_meeting(parsed.panel_name, parsed.date, parsed.title)
        if existing is not None:
            raise InterchangeError(
                f"{parsed.label}: meeting.date: '{parsed.date.isoformat()}': {same} "
                f"(meeting {existing})",
                file=parsed.label,
                key="meeting.date",
            )


def _panel_for(parsed: MeetingFile) -> Panel:
    """The panel of that name; an existing one gains a ward or borough it lacked."""
    panel = Panel.get_or_none(pw.fn.lower(Panel.name) == pw.fn.lower(parsed.panel_name))
    if panel is None:
        return Panel.create(name=parsed.panel_name, ward=parsed.ward, borough=parsed.borough)
    changed = False
    if not panel.ward and parsed.ward:
        panel.ward, changed = parsed.ward, True
    if not panel.borough and parsed.borough:
        panel.borough, changed = parsed.borough, True
    if changed:
        panel.save()
    return panel


class _People:
    """Finds the person a name in one file means (see the module's docstring)."""

    def __init__(self) -> None:
        self.attendees: dict[str, list[Person]] = {}

    def attended(self, person: Person) -> None:
        self.attendees.setdefault(person.name.lower(), []).append(person)

    def named(self, name: str, organisation: str = "") -> Person | None:
        if not name:
            return None
        if organisation:
            return person_named(name, organisation=organisation, strict=True)
        candidates = self.attendees.get(name.lower(), [])
        if len(candidates) == 1:
            return candidates[0]
        return person_named(name, strict=True)


def _write(parsed: MeetingFile) -> int:
    panel = _panel_for(parsed)
    meeting = Meeting.create(
        panel=panel,
        title=parsed.title,
        date=parsed.date,
        start=parsed.start,
        venue=parsed.venue,
        chair=parsed.chair,
        status=parsed.status,
        next_meeting=parsed.next_meeting,
    )
    people = _People()
    listed_at: dict[int, str] = {}
    for position, entry in enumerate(parsed.attendance, start=1):
        person = person_named(entry.name, entry.role, entry.organisation or None, strict=True)
        where = f"attendance[{position}]"
        if person.id in listed_at:
            # Names the check above told apart that the database matches as one person
            # (PostgreSQL's lower() folds a few letters differently from Python's).
            raise InterchangeError(
                f"{parsed.label}: {where}.name: {show(entry.name)} is the same person as "
                f"{listed_at[person.id]}",
                file=parsed.label,
                key=f"{where}.name",
            )
        listed_at[person.id] = where
        people.attended(person)
        Attendance.create(meeting=meeting, person=person, status=entry.status, reason=entry.reason)
    for note in parsed.notes:
        Note.create(meeting=meeting, heading=note.heading, text=note.text)
    questions = []
    for asked in parsed.questions:
        question = Question.create(
            meeting=meeting,
            asker=people.named(asked.asked_by),
            anonymous=asked.anonymous,
            topic=asked.topic,
            text=asked.text,
        )
        questions.append(question)
        for answer in asked.responses:
            Response.create(
                question=question,
                organisation=organisation_named(answer.organisation),
                responder=people.named(answer.responder, answer.organisation),
                text=answer.text,
            )
    for agreed in parsed.actions:
        owner = people.named(agreed.owner, agreed.organisation)
        organisation = organisation_named(agreed.organisation)
        if organisation is None and owner is not None:
            organisation = owner.organisation
        action = Action.create(
            meeting=meeting,
            question=questions[agreed.question - 1] if agreed.question else None,
            text=agreed.text,
            owner=owner,
            organisation=organisation,
            due=agreed.due,
            status=agreed.status,
        )
        for update in agreed.updates:
            ActionUpdate.create(
                action=action, date=update.date, text=update.text, status=update.status
            )
    for priority in parsed.priorities:
        Priority.create(
            panel=panel,
            meeting=meeting,
            text=priority.text,
            status=priority.status,
            set_by=priority.set_by,
        )
    return meeting.id


def import_files(paths: list[Path]) -> list[int]:
    """Load meeting files, all or nothing; the new meetings' ids, in the files' order.

    Every file is read and checked completely before anything is written, then all of
    them are written in one transaction. Refused (InterchangeError, nothing written):
    an unreadable file, text that is not UTF-8 or not JSON, a wrong `format` or
    `version`, an unknown key, a wrong type, an unknown enumeration value, an impossible
    date or time, a dangling `question` index, a person listed twice in the attendance,
    and a meeting that already exists (same panel, date and title) or comes twice.
    """
    parsed = [read_meeting_file(Path(path)) for path in paths]
    with db.atomic():
        # Checked inside the write transaction, so no other program can slip the same
        # meeting in between the check and the write.
        _refuse_duplicates(parsed)
        meeting_ids = [_write(meeting_file) for meeting_file in parsed]
        # Rows written here directly, so indexed here, in the same transaction.
        for meeting_id in meeting_ids:
            indexing.index_meeting(meeting_id)
        return meeting_ids
