"""The changes a chair, an officer or a clerk makes, one transaction each.

Every function validates and cleans its input first and raises InputError (naming the
field) before anything is written; when it returns, the change is committed.
How input is read (`line`, `long_text`, `date_value`...) is shared with the importer
and lives in wardpanel.core.fields.
"""

from __future__ import annotations

import datetime as dt
import functools
import json
from collections.abc import Callable
from typing import Any, TypeVar

import peewee as pw

from wardpanel.core import fields
from wardpanel.core.errors import InputError
from wardpanel.core.fields import (
    MAX_LINE,
    choice,
    date_value,
    get_or_refuse,
    line,
    long_text,
    time_value,
)
from wardpanel.core.fields import (
    MAX_TEXT as MAX_TEXT,  # still read here as services.MAX_TEXT
)
from wardpanel.core.models import (
    ACTION_STATUSES,
    ATTENDANCE_STATUSES,
    EXPECTED,
    MEETING_STATUSES,
    PRIORITY_SETTERS,
    PRIORITY_STATUSES,
    REVIEW_OUTCOMES,
    STATUS_AFTER_REVIEW,
    UNFILED_HEADING,
    Action,
    ActionUpdate,
    Attendance,
    Draft,
    Meeting,
    Note,
    Organisation,
    Panel,
    Person,
    Priority,
    PriorityReview,
    Question,
    Response,
    now,
)
from wardpanel.core.storage.database import db
from wardpanel.core.storage.postgres import ServerDatabase, run_surviving_restart
from wardpanel.core.textclean import storable
from wardpanel.queries import search

T = TypeVar("T")


def transaction(fn: Callable[..., T]) -> Callable[..., T]:
    """Run the use case in one write transaction (BEGIN IMMEDIATE on SQLite).

    On a PostgreSQL server, a use case whose connection is lost (the server restarted)
    is run again once on a new connection, and a server that stays away raises
    ConnectionLost saying plainly whether the change was saved (wardpanel.core.storage.postgres).
    A use case called inside another one is part of that one's transaction.
    """

    @functools.wraps(fn)
    def wrapper(*args: Any, **kwargs: Any) -> T:
        database = db.obj
        if isinstance(database, ServerDatabase) and not database.in_transaction():
            return run_surviving_restart(database, lambda: fn(*args, **kwargs))
        with db.atomic():
            return fn(*args, **kwargs)

    return wrapper


# -- panels --------------------------------------------------------------------------


@transaction
def create_panel(name: str, ward: str = "", borough: str = "") -> Panel:
    """A new panel; its name must be unique."""
    name = line(name, "panel name", required=True)
    if Panel.select().where(pw.fn.lower(Panel.name) == pw.fn.lower(name)).exists():
        raise InputError("panel name", f"a panel called '{name}' already exists")
    return Panel.create(name=name, ward=line(ward, "ward"), borough=line(borough, "borough"))


@transaction
def update_panel(panel_id: int, name: str, ward: str = "", borough: str = "") -> Panel:
    panel = get_or_refuse(Panel, panel_id, "panel")
    name = line(name, "panel name", required=True)
    clash = Panel.select().where(pw.fn.lower(Panel.name) == pw.fn.lower(name), Panel.id != panel.id)
    if clash.exists():
        raise InputError("panel name", f"a panel called '{name}' already exists")
    panel.name, panel.ward, panel.borough = name, line(ward, "ward"), line(borough, "borough")
    panel.save()
    return panel


# -- people and organisations ----------------------------------------------------------


def organisation_named(name: str | None) -> Organisation | None:
    """The organisation of that name (any case), created if new; None for no name."""
    name = line(name, "organisation")
    if not name:
        return None
    found = Organisation.get_or_none(Organisation.name == name) or Organisation.get_or_none(
        pw.fn.lower(Organisation.name) == pw.fn.lower(name)
    )
    return found or Organisation.create(name=name)


def person_named(
    name: str | None,
    role: str | None = "",
    organisation: str | None = None,
    *,
    strict: bool = False,
) -> Person | None:
    """The person of that name, reused when known, created when new; None for no name.

    With an organisation, the match is on name and organisation. Without one, a strict
    match (as imports need) looks only at residents; a lenient one (for typing in a
    meeting) reuses the only person of that name, whatever their organisation.
    """
    name = line(name, "name")
    if not name:
        return None
    role = line(role, "role")
    org = organisation_named(organisation)
    exact = Person.select().where(Person.name == name)
    # Both sides lowered by the engine: PostgreSQL's lower() and Python's disagree on a
    # few letters (İ, a final Σ), and a name must always match itself.
    any_case = Person.select().where(pw.fn.lower(Person.name) == pw.fn.lower(name))
    same_name = exact if exact.exists() else any_case
    same_name = same_name.order_by(Person.id)
    if org is not None:
        person = same_name.where(Person.organisation == org).first()
    else:
        person = same_name.where(Person.organisation.is_null()).first()
        if person is None and not strict:
            candidates = list(same_name.limit(2))
            person = candidates[0] if len(candidates) == 1 else None
    if person is None:
        return Person.create(name=name, role=role, organisation=org)
    if role and person.role != role:
        person.role = role
        person.save()
    return person


@transaction
def update_person(
    person_id: int, name: str, role: str = "", organisation: str | None = None
) -> Person:
    person = get_or_refuse(Person, person_id, "person")
    person.name = line(name, "name", required=True)
    person.role = line(role, "role")
    person.organisation = organisation_named(organisation)
    person.save()
    search.index_person(person.id)
    return person


# -- meetings ------------------------------------------------------------------------


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
        next_meeting=date_value(next_meeting, "next meeting"),
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
    meeting = get_or_refuse(Meeting, meeting_id, "meeting")
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
def set_meeting_status(meeting_id: int, status: str) -> Meeting:
    """Approve a meeting's minutes, or return them to draft."""
    meeting = get_or_refuse(Meeting, meeting_id, "meeting")
    meeting.status = choice(status, MEETING_STATUSES, "status", "draft")
    meeting.updated_at = now()
    meeting.save()
    return meeting


@transaction
def delete_meeting(meeting_id: int) -> None:
    """Remove a meeting and everything recorded at it."""
    meeting = get_or_refuse(Meeting, meeting_id, "meeting")
    search.unindex_meeting(meeting.id)
    ActionUpdate.update(meeting=None).where(ActionUpdate.meeting == meeting).execute()
    Priority.update(meeting=None).where(Priority.meeting == meeting).execute()
    reviewed = list(
        Priority.select()
        .join(PriorityReview, on=(PriorityReview.priority == Priority.id))
        .where(PriorityReview.meeting == meeting)
    )
    meeting.delete_instance(recursive=True)  # its priority reviews with it
    for priority in reviewed:
        _settle_status(priority)  # from the reviews left


# -- attendance ----------------------------------------------------------------------


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
    status = choice(status, ATTENDANCE_STATUSES, "status", "present")
    reason = long_text(reason, "reason") if status == "absent" else ""
    person = person_named(line(name, "name", required=True), role, organisation)
    entry = Attendance.get_or_none(Attendance.meeting == meeting, Attendance.person == person)
    if entry is None:
        entry = Attendance.create(meeting=meeting, person=person, status=status, reason=reason)
    else:
        entry.status, entry.reason = status, reason
        entry.save()
    _drop_draft(draft_key)
    return entry


@transaction
def set_attendance(attendance_id: int, status: str, reason: str | None = None) -> Attendance:
    """Change one entry's status; an absence keeps or takes the reason given."""
    entry = get_or_refuse(Attendance, attendance_id, "attendance")
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
    person = person_named(line(name, "name", required=True), role, organisation, strict=True)
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
    get_or_refuse(Attendance, attendance_id, "attendance").delete_instance()


# -- questions and responses ---------------------------------------------------------


@transaction
def add_question(
    meeting_id: int,
    text: str,
    asker: str | None = None,
    anonymous: bool = False,
    topic: str = "",
    *,
    draft_key: str | None = None,
) -> Question:
    """A resident's question. An anonymous asker's name is kept for follow-up only."""
    meeting = get_or_refuse(Meeting, meeting_id, "meeting")
    text = long_text(text, "question", required=True)
    hidden_before = search.anonymous_askers(meeting.id)
    question = Question.create(
        meeting=meeting,
        text=text,
        topic=line(topic, "topic"),
        asker=person_named(asker),
        anonymous=bool(anonymous),
    )
    search.index_question(question.id)
    search.refresh_names(meeting.id, hidden_before)
    _drop_draft(draft_key)
    return question


@transaction
def update_question(
    question_id: int,
    text: str,
    asker: str | None = None,
    anonymous: bool = False,
    topic: str = "",
    *,
    draft_key: str | None = None,
) -> Question:
    question = get_or_refuse(Question, question_id, "question")
    hidden_before = search.anonymous_askers(question.meeting_id)
    question.text = long_text(text, "question", required=True)
    question.topic = line(topic, "topic")
    question.asker = person_named(asker)
    question.anonymous = bool(anonymous)
    question.save()
    search.index_question(question.id)
    search.refresh_names(question.meeting_id, hidden_before)
    _drop_draft(draft_key)
    return question


@transaction
def delete_question(question_id: int) -> None:
    """Remove a question and its responses; actions raised from it stay, unlinked."""
    question = get_or_refuse(Question, question_id, "question")
    hidden_before = search.anonymous_askers(question.meeting_id)
    search.unindex_question(question.id)
    question.delete_instance(recursive=True, delete_nullable=False)
    search.refresh_names(question.meeting_id, hidden_before)


@transaction
def add_response(
    question_id: int,
    text: str,
    organisation: str | None = None,
    responder: str | None = None,
    *,
    draft_key: str | None = None,
) -> Response:
    """One organisation's answer to a question, in as many paragraphs as it takes."""
    question = get_or_refuse(Question, question_id, "question")
    text = long_text(text, "response", required=True)
    org = organisation_named(organisation)
    response = Response.create(
        question=question,
        text=text,
        organisation=org,
        responder=person_named(responder, organisation=org.name if org else None),
    )
    search.index_response(response.id)
    _drop_draft(draft_key)
    return response


@transaction
def update_response(
    response_id: int,
    text: str,
    organisation: str | None = None,
    responder: str | None = None,
    *,
    draft_key: str | None = None,
) -> Response:
    response = get_or_refuse(Response, response_id, "response")
    response.text = long_text(text, "response", required=True)
    response.organisation = organisation_named(organisation)
    org_name = response.organisation.name if response.organisation else None
    response.responder = person_named(responder, organisation=org_name)
    response.save()
    search.index_response(response.id)
    _drop_draft(draft_key)
    return response


@transaction
def delete_response(response_id: int) -> None:
    response = get_or_refuse(Response, response_id, "response")
    search.unindex_response(response.id)
    response.delete_instance()


# -- actions -------------------------------------------------------------------------


def _owner_and_org(owner: str | None, organisation: str | None) -> tuple[Person | None, Any]:
    org = organisation_named(organisation)
    person = person_named(owner, organisation=org.name if org else None)
    if org is None and person is not None:
        org = person.organisation
    return person, org


@transaction
def add_action(
    meeting_id: int,
    text: str,
    owner: str | None = None,
    organisation: str | None = None,
    due: dt.date | str | None = None,
    status: str = "open",
    question_id: int | None = None,
    *,
    draft_key: str | None = None,
) -> Action:
    """An action agreed at a meeting: what, who, which organisation, by when."""
    meeting = get_or_refuse(Meeting, meeting_id, "meeting")
    text = long_text(text, "action", required=True)
    due_date = date_value(due, "due")
    status = choice(status, ACTION_STATUSES, "status", "open")
    question = None
    if question_id is not None:
        question = get_or_refuse(Question, question_id, "question")
        if question.meeting_id != meeting.id:
            raise InputError("question", "belongs to another meeting")
    person, org = _owner_and_org(owner, organisation)
    action = Action.create(
        meeting=meeting,
        text=text,
        owner=person,
        organisation=org,
        due=due_date,
        status=status,
        question=question,
    )
    search.index_action(action.id)
    _drop_draft(draft_key)
    return action


@transaction
def update_action(
    action_id: int,
    text: str,
    owner: str | None = None,
    organisation: str | None = None,
    due: dt.date | str | None = None,
    status: str | None = None,
    *,
    draft_key: str | None = None,
) -> Action:
    """Edit an action. A change of status is written to its history as an update."""
    action = get_or_refuse(Action, action_id, "action")
    action.text = long_text(text, "action", required=True)
    action.due = date_value(due, "due")
    new_status = choice(status, ACTION_STATUSES, "status", action.status)
    action.owner, action.organisation = _owner_and_org(owner, organisation)
    if new_status != action.status:
        change = ActionUpdate.create(
            action=action,
            date=dt.date.today(),
            text=f"Status changed to {new_status.replace('_', ' ')}.",
            status=new_status,
        )
        search.index_update(change.id)
        action.status = new_status
    action.save()
    search.index_action(action.id)
    _drop_draft(draft_key)
    return action


@transaction
def delete_action(action_id: int) -> None:
    action = get_or_refuse(Action, action_id, "action")
    search.unindex_action(action.id)
    action.delete_instance(recursive=True)


@transaction
def add_action_update(
    action_id: int,
    text: str,
    status: str | None = None,
    date: dt.date | str | None = None,
    meeting_id: int | None = None,
    *,
    draft_key: str | None = None,
) -> ActionUpdate:
    """Progress on an action, optionally changing its status and noting the meeting."""
    action = get_or_refuse(Action, action_id, "action")
    text = long_text(text, "update")
    new_status = choice(status, ACTION_STATUSES, "status", action.status) if status else None
    if new_status == action.status:
        new_status = None  # the history records changes of status, not repeats
    if not text and new_status is None:
        raise InputError("update", "write what happened, or choose a new status")
    day = date_value(date, "date") or dt.date.today()
    meeting = get_or_refuse(Meeting, meeting_id, "meeting") if meeting_id is not None else None
    update = ActionUpdate.create(
        action=action, date=day, text=text, status=new_status, meeting=meeting
    )
    search.index_update(update.id)
    if new_status is not None and new_status != action.status:
        action.status = new_status
        action.save()
    _drop_draft(draft_key)
    return update


def close_action(
    action_id: int, text: str = "", meeting_id: int | None = None, *, dropped: bool = False
) -> ActionUpdate:
    """Mark an action done (or dropped), with a closing update."""
    return add_action_update(
        action_id,
        text or ("Dropped." if dropped else "Done."),
        status="dropped" if dropped else "done",
        meeting_id=meeting_id,
    )


# -- notes and priorities ------------------------------------------------------------


@transaction
def add_note(
    meeting_id: int, heading: str, text: str = "", *, draft_key: str | None = None
) -> Note:
    """A note under a heading: the police update, figures, any other business."""
    meeting = get_or_refuse(Meeting, meeting_id, "meeting")
    heading = line(heading, "heading")
    text = long_text(text, "note")
    if not heading and not text:
        raise InputError("note", "write a heading or some text")
    note = Note.create(meeting=meeting, heading=heading, text=text)
    search.index_note(note.id)
    _drop_draft(draft_key)
    return note


@transaction
def update_note(
    note_id: int, heading: str, text: str = "", *, draft_key: str | None = None
) -> Note:
    note = get_or_refuse(Note, note_id, "note")
    heading = line(heading, "heading")
    text = long_text(text, "note")
    if not heading and not text:
        raise InputError("note", "write a heading or some text")
    note.heading, note.text = heading, text
    note.save()
    search.index_note(note.id)
    _drop_draft(draft_key)
    return note


@transaction
def delete_note(note_id: int) -> None:
    note = get_or_refuse(Note, note_id, "note")
    search.unindex_note(note.id)
    note.delete_instance()


@transaction
def keep_unfiled(meeting_id: int, entry: str) -> Note:
    """Keep a quick-entry line that could not be understood, so no word is lost."""
    meeting = get_or_refuse(Meeting, meeting_id, "meeting")
    text = long_text(entry, "entry", required=True)
    note = (
        Note.select()
        .where(Note.meeting == meeting, Note.heading == UNFILED_HEADING)
        .order_by(Note.id.desc())
        .first()
    )
    # A new note once the last one is full, so a clerk can still edit each one. The
    # limit is looked up in fields each time, so it is always the one long_text applies.
    if note is None or len(note.text) + len(text) + 2 > fields.MAX_TEXT:
        note = Note.create(meeting=meeting, heading=UNFILED_HEADING, text=text)
    else:
        note.text = f"{note.text}\n\n{text}" if note.text else text
        note.save()
    search.index_note(note.id)
    return note


@transaction
def add_priority(
    meeting_id: int,
    text: str,
    status: str = "active",
    *,
    set_by: str = "panel",
    draft_key: str | None = None,
) -> Priority:
    """A priority for the panel, set at this meeting by the panel or by the police."""
    meeting = get_or_refuse(Meeting, meeting_id, "meeting")
    priority = Priority.create(
        panel=meeting.panel_id,
        meeting=meeting,
        text=long_text(text, "priority", required=True),
        status=choice(status, PRIORITY_STATUSES, "status", "active"),
        set_by=choice(set_by, PRIORITY_SETTERS, "set by", "panel"),
    )
    _drop_draft(draft_key)
    return priority


@transaction
def update_priority(
    priority_id: int,
    text: str,
    status: str = "active",
    *,
    set_by: str | None = None,
    draft_key: str | None = None,
) -> Priority:
    """Edit a priority's text and status; `set_by` changes only when given."""
    priority = get_or_refuse(Priority, priority_id, "priority")
    priority.text = long_text(text, "priority", required=True)
    priority.status = choice(status, PRIORITY_STATUSES, "status", "active")
    if set_by is not None:
        priority.set_by = choice(set_by, PRIORITY_SETTERS, "set by", priority.set_by)
    priority.save()
    _drop_draft(draft_key)
    return priority


@transaction
def delete_priority(priority_id: int) -> None:
    get_or_refuse(Priority, priority_id, "priority").delete_instance()


# -- drafts --------------------------------------------------------------------------


def _drop_draft(key: str | None) -> None:
    if key:
        Draft.delete().where(Draft.key == key).execute()


@transaction
def save_draft(
    key: str, fields: dict[str, Any], label: str = "", meeting_id: int | None = None
) -> None:
    """Keep what is typed in an open editor; replaced on every save of the same key."""
    # Drafts are stored raw (not cleaned) so the chair gets back exactly what was typed,
    # less what the database itself cannot hold: a lone surrogate (a NUL is escaped).
    payload = storable(json.dumps(fields, ensure_ascii=False))
    updated = (
        Draft.update(payload=payload, label=label[:MAX_LINE], updated_at=now())
        .where(Draft.key == key)
        .execute()
    )
    if not updated:
        Draft.create(key=key, payload=payload, label=label[:MAX_LINE], meeting=meeting_id)


def load_draft(key: str) -> dict[str, Any] | None:
    draft = Draft.get_or_none(Draft.key == key)
    return json.loads(draft.payload) if draft else None


@transaction
def discard_draft(key: str) -> None:
    _drop_draft(key)


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
    meeting = get_or_refuse(Meeting, meeting_id, "meeting")
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
    _settle_status(priority)
    return review


@transaction
def delete_priority_review(review_id: int) -> None:
    """Undo a review: its replacement goes (unless it has a life of its own), and the
    priority's status follows its latest remaining review, or is active again."""
    review = get_or_refuse(PriorityReview, review_id, "review")
    priority = Priority.get_by_id(review.priority_id)
    replacement = Priority.get_or_none(Priority.id == review.replaced_by_id)
    review.delete_instance()
    if replacement is not None:
        _discard_replacement(replacement)
    _settle_status(priority)


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


def _settle_status(priority: Priority) -> None:
    latest = (
        PriorityReview.select(PriorityReview.outcome)
        .join(Meeting)
        .where(PriorityReview.priority == priority)
        .order_by(Meeting.date.desc(), Meeting.id.desc())
        .first()
    )
    priority.status = STATUS_AFTER_REVIEW[latest.outcome] if latest else "active"
    priority.save()


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


# -- following actions up between meetings ------------------------------------------


def _owner_words(action: Action, person: Person | None, org: Organisation | None) -> str:
    """Who holds an action, as its history says it: "Name (Organisation)", or "nobody".

    The anonymous asker of the question the action answers stays "A resident".
    """
    name = person.name if person is not None else ""
    if person is not None and action.question_id is not None:
        question = Question.get_or_none(Question.id == action.question_id)
        if question is not None and question.anonymous and question.asker_id == person.id:
            name = "A resident"
    if name and org is not None:
        return f"{name} ({org.name})"
    return name or (org.name if org is not None else "nobody")


def _day_words(day: dt.date) -> str:
    return f"{day.day} {day:%b %Y}"


@transaction
def reassign_action(action_id: int, owner: str | None, organisation: str | None = None) -> Action:
    """Give an action to another person and/or organisation, as `add_action` reads them
    (an owner without an organisation brings their own), and write "Reassigned from X
    to Y" to its history. InputError when neither is named or nothing would change."""
    action = get_or_refuse(Action, action_id, "action")
    if not line(owner, "owner") and not line(organisation, "organisation"):
        raise InputError("owner", "name the person or the organisation to give it to")
    old_owner = Person.get_or_none(Person.id == action.owner_id)
    old_org = Organisation.get_or_none(Organisation.id == action.organisation_id)
    person, org = _owner_and_org(owner, organisation)
    before, after = _owner_words(action, old_owner, old_org), _owner_words(action, person, org)
    if (person.id if person else None, org.id if org else None) == (
        action.owner_id,
        action.organisation_id,
    ):
        raise InputError("owner", f"A{action.id} is already with {after}")
    action.owner, action.organisation = person, org
    action.save()
    update = ActionUpdate.create(
        action=action, date=dt.date.today(), text=f"Reassigned from {before} to {after}."
    )
    search.index_action(action.id)
    search.index_update(update.id)
    return action


@transaction
def change_due_date(action_id: int, due: dt.date | str | None) -> Action:
    """Move an action's due date (any date a chair may type; empty removes it), and write
    "Due date changed from ... to ..." to its history. InputError for an unreadable date
    or one that is already the due date."""
    action = get_or_refuse(Action, action_id, "action")
    new_due = date_value(due, "due")
    if new_due == action.due:
        shown = _day_words(new_due) if new_due else "not set"
        raise InputError("due", f"the due date of A{action.id} is already {shown}")
    if new_due is None:
        text = f"Due date removed (it was {_day_words(action.due)})."
    elif action.due is None:
        text = f"Due date set to {_day_words(new_due)}."
    else:
        text = f"Due date changed from {_day_words(action.due)} to {_day_words(new_due)}."
    action.due = new_due
    action.save()
    update = ActionUpdate.create(action=action, date=dt.date.today(), text=text)
    search.index_update(update.id)
    return action
