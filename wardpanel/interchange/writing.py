"""Writing one checked meeting file into the database, inside the import's transaction.

Who is who:
- an attendee is matched by name and organisation (no organisation: a resident); an
  entry with only a role is an expected post nobody filled, the same post for the same
  role and organisation (`services.post_named`);
- a response's responder and an action's owner, when an organisation is given, are
  matched by name and that organisation;
- without an organisation (and always for a question's `asked_by`), the name means
  the one attendee of that name in the same file when there is exactly one, otherwise
  a resident of that name. An action whose owner is found this way takes the owner's
  organisation, as it does when typed in the app. (So a file cannot tell an action
  owned by an absent resident from one owned by an attending officer of the same
  name: the officer is chosen.)
- the person an attendee stands in for (`for`) is the one attendee of that name in the
  file, else the one post of that role in it, else the person of that name in the
  attendee's organisation;
- `named: true` records a resident's consent to be named; `false` or nothing leaves
  what the record says (consent is withdrawn in the app, not by an old file).
Each name is looked up once per file, however often the file repeats it.

How: the database's write lock is held from the first lookup to the commit, so the
rows are not written one by one: ids are reserved for each table, the rows are built
in Python, and each table is written with a few multi-row statements
(wardpanel.core.storage.bulk); the importer then indexes the meeting in bulk.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Sequence
from typing import Any

import peewee as pw

from wardpanel.core.models import (
    Action,
    ActionUpdate,
    Attendance,
    Figure,
    Meeting,
    Note,
    Organisation,
    Panel,
    Person,
    Priority,
    Question,
    Recommendation,
    RecommendationUpdate,
    Response,
    now,
)
from wardpanel.core.people import name_key
from wardpanel.core.storage.bulk import insert_rows, new_ids
from wardpanel.core.words import ref_key
from wardpanel.interchange.contents import Attendee, MeetingFile
from wardpanel.interchange.format import InterchangeError, show
from wardpanel.services import organisation_named, person_named, post_named
from wardpanel.services.references import keep_refs, new_panel_code, refs_held, take_refs


def _id(row: pw.Model | None) -> int | None:
    return row.id if row is not None else None


def _insert(model: type[pw.Model], fields: Sequence[pw.Field], rows: list[tuple]) -> list[int]:
    """Write rows (values of `fields`, without the id) with new ids; the ids, in order."""
    ids = new_ids(model, len(rows))
    insert_rows(
        model, (model._meta.primary_key, *fields), [(i, *r) for i, r in zip(ids, rows, strict=True)]
    )
    return ids


class _Names:
    """The organisations and people one file names, each looked up once."""

    def __init__(self) -> None:
        self._organisations: dict[str, Organisation | None] = {}
        self._people: dict[tuple[str, str], Person | None] = {}
        self._attendees: dict[str, list[Person]] = {}
        self._posts: dict[str, list[Person]] = {}

    def organisation(self, name: str) -> Organisation | None:
        if name not in self._organisations:
            self._organisations[name] = organisation_named(name)
        return self._organisations[name]

    def attendee(self, entry: Attendee) -> Person:
        organisation = entry.organisation or None
        if not entry.name:
            person = post_named(entry.role, organisation)
            self._posts.setdefault(name_key(entry.role), []).append(person)
            return person
        person = person_named(entry.name, entry.role, organisation, strict=True)
        assert person is not None  # the entry has a name
        self._attendees.setdefault(person.name.lower(), []).append(person)
        return person

    def named(self, name: str, organisation: str = "") -> Person | None:
        if not name:
            return None
        key = (name, organisation)
        if key not in self._people:
            self._people[key] = self._find(name, organisation)
        return self._people[key]

    def _find(self, name: str, organisation: str) -> Person | None:
        if organisation:
            return person_named(name, organisation=organisation, strict=True)
        candidates = self._attendees.get(name.lower(), [])
        if len(candidates) == 1:
            return candidates[0]
        return person_named(name, strict=True)

    def stood_in_for(self, name: str, organisation: str) -> Person | None:
        if not name:
            return None
        for found in (self._attendees.get(name.lower(), []), self._posts.get(name_key(name), [])):
            if len(found) == 1:
                return found[0]
        return person_named(name, organisation=organisation or None, strict=True)


def panel_for(parsed: MeetingFile) -> Panel:
    """The panel of that name; an existing one gains a ward or borough it lacked, and
    keeps its own choice of how residents are printed."""
    panel = Panel.get_or_none(pw.fn.lower(Panel.name) == pw.fn.lower(parsed.panel_name))
    if panel is None:
        # The file's code when no other panel has it, else the name's initials.
        code = parsed.panel_code
        if not code or Panel.get_or_none(pw.fn.UPPER(Panel.code) == code) is not None:
            code = new_panel_code(parsed.panel_name)
        return Panel.create(
            name=parsed.panel_name,
            ward=parsed.ward,
            borough=parsed.borough,
            publish_residents=parsed.publish_residents or "initials",
            code=code,
        )
    changed = False
    if not panel.ward and parsed.ward:
        panel.ward, changed = parsed.ward, True
    if not panel.borough and parsed.borough:
        panel.borough, changed = parsed.borough, True
    if changed:
        panel.save()
    return panel


def write_meeting(parsed: MeetingFile) -> int:
    """Write one file's meeting and everything in it; the new meeting's id."""
    panel = panel_for(parsed)
    refs = _action_refs(parsed, panel)
    meeting = Meeting.create(
        panel=panel,
        title=parsed.title,
        date=parsed.date,
        start=parsed.start,
        venue=parsed.venue,
        chair=parsed.chair,
        status=parsed.status,
        next_meeting=parsed.next_meeting,
        approved_on=parsed.approved_on,
        approved_by=parsed.approved_by,
        previous_agreed=parsed.previous_agreed,
        previous_amendments=parsed.previous_amendments,
    )
    names = _Names()
    _write_attendance(parsed, meeting.id, names)
    _insert(
        Note,
        (Note.meeting, Note.heading, Note.text, Note.internal),
        [(meeting.id, note.heading, note.text, note.internal) for note in parsed.notes],
    )
    question_ids = _write_questions(parsed, meeting.id, names)
    priority_ids = _insert(
        Priority,
        (Priority.panel, Priority.meeting, Priority.text, Priority.status, Priority.set_by,
         Priority.lead, Priority.measure, Priority.review_by),
        [
            (panel.id, meeting.id, item.text, item.status, item.set_by,
             _id(names.organisation(item.lead)), item.measure, item.review_by)
            for item in parsed.priorities
        ],
    )  # fmt: skip
    _write_actions(parsed, meeting.id, names, question_ids, priority_ids, refs)
    _write_recommendations(parsed, meeting.id, names)
    _insert(
        Figure,
        (Figure.meeting, Figure.category, Figure.value, Figure.previous, Figure.period,
         Figure.unit, Figure.note),
        [
            (meeting.id, item.category, item.value, item.previous, item.period, item.unit,
             item.note)
            for item in parsed.figures
        ],
    )  # fmt: skip
    return meeting.id


def _write_attendance(parsed: MeetingFile, meeting_id: int, names: _Names) -> None:
    people: list[Person] = []
    listed_at: dict[int, str] = {}
    for position, entry in enumerate(parsed.attendance, start=1):
        person = names.attendee(entry)
        where = f"attendance[{position}]"
        if person.id in listed_at:
            # Names the check told apart that the database matches as one person
            # (PostgreSQL's lower() folds a few letters differently from Python's).
            key = f"{where}.name" if entry.name else f"{where}.role"
            raise InterchangeError(
                f"{parsed.label}: {key}: {show(entry.name or entry.role)} is the same "
                f"person as {listed_at[person.id]}",
                file=parsed.label,
                key=key,
            )
        listed_at[person.id] = where
        people.append(person)
    consenting = [
        p.id for p, e in zip(people, parsed.attendance, strict=True) if e.named and not p.named
    ]
    if consenting:
        Person.update(named=True).where(Person.id.in_(consenting)).execute()
    rows: list[tuple[Any, ...]] = []
    for person, entry in zip(people, parsed.attendance, strict=True):
        stood_in_for = names.stood_in_for(entry.stands_in_for, entry.organisation)
        rows.append(
            (meeting_id, person.id, entry.status, entry.reason, _id(stood_in_for),
             entry.arrived, entry.departed, entry.first_time, entry.absence_category)
        )  # fmt: skip
    _insert(
        Attendance,
        (Attendance.meeting, Attendance.person, Attendance.status, Attendance.reason,
         Attendance.substitute_for, Attendance.arrived, Attendance.departed,
         Attendance.first_time, Attendance.absence_category),
        rows,
    )  # fmt: skip


def _write_questions(parsed: MeetingFile, meeting_id: int, names: _Names) -> list[int]:
    question_ids = _insert(
        Question,
        (Question.meeting, Question.asker, Question.anonymous, Question.topic, Question.text,
         Question.kind, Question.outcome, Question.referred_to, Question.internal),
        [
            (meeting_id, _id(names.named(q.asked_by)), q.anonymous, q.topic, q.text, q.kind,
             q.outcome, q.referred_to, q.internal)
            for q in parsed.questions
        ],
    )  # fmt: skip
    _insert(
        Response,
        (Response.question, Response.organisation, Response.responder, Response.text,
         Response.internal),
        [
            (question_id, _id(names.organisation(answer.organisation)),
             _id(names.named(answer.responder, answer.organisation)), answer.text,
             answer.internal)
            for question_id, asked in zip(question_ids, parsed.questions, strict=True)
            for answer in asked.responses
        ],
    )  # fmt: skip
    return question_ids


def _action_refs(parsed: MeetingFile, panel: Panel) -> list[str]:
    """Each action's reference: the one the file gives, kept as it was printed, else the
    panel's next. A reference the panel already holds is refused, naming the action."""
    given = [agreed.ref for agreed in parsed.actions if agreed.ref]
    held = refs_held(panel.id, given)
    for position, agreed in enumerate(parsed.actions, start=1):
        if agreed.ref and ref_key(agreed.ref) in held:
            where = f"actions[{position}].ref"
            raise InterchangeError(
                f"{parsed.label}: {where}: '{agreed.ref}' is already the reference of "
                f"another action of {panel.name}",
                file=parsed.label,
                key=where,
            )
    keep_refs(panel.id, given)
    fresh = iter(take_refs(panel.id, len(parsed.actions) - len(given)))
    return [agreed.ref or next(fresh) for agreed in parsed.actions]


def _write_actions(
    parsed: MeetingFile,
    meeting_id: int,
    names: _Names,
    question_ids: list[int],
    priority_ids: list[int],
    refs: list[str],
) -> None:
    created = now()
    rows = []
    for agreed, ref in zip(parsed.actions, refs, strict=True):
        owner = names.named(agreed.owner, agreed.organisation)
        organisation = names.organisation(agreed.organisation)
        if organisation is None and owner is not None:
            organisation = owner.organisation
        # As agreed at the meeting: the file's agreed due date when it gives one (the
        # due date has moved since), else the due date; the owner as now.
        rows.append(
            (meeting_id, question_ids[agreed.question - 1] if agreed.question else None,
             agreed.text, _id(owner), _id(organisation), agreed.due, agreed.status, created,
             priority_ids[agreed.priority - 1] if agreed.priority else None, agreed.internal,
             agreed.agreed_due or agreed.due, _id(owner), _id(organisation), ref)
        )  # fmt: skip
    action_ids = _insert(
        Action,
        (Action.meeting, Action.question, Action.text, Action.owner, Action.organisation,
         Action.due, Action.status, Action.created_at, Action.priority, Action.internal,
         Action.agreed_due, Action.agreed_owner, Action.agreed_organisation, Action.ref),
        rows,
    )  # fmt: skip
    _insert(
        ActionUpdate,
        (ActionUpdate.action, ActionUpdate.date, ActionUpdate.text, ActionUpdate.status,
         ActionUpdate.meeting, ActionUpdate.created_at, ActionUpdate.kind),
        [
            (action_id, update.date, update.text, update.status, None, created, "report")
            for action_id, agreed in zip(action_ids, parsed.actions, strict=True)
            for update in agreed.updates
        ],
    )  # fmt: skip


def _write_recommendations(parsed: MeetingFile, meeting_id: int, names: _Names) -> None:
    created: dt.datetime = now()
    recommendation_ids = _insert(
        Recommendation,
        (Recommendation.meeting, Recommendation.text, Recommendation.to_organisation,
         Recommendation.from_body, Recommendation.response_due,
         Recommendation.response_due_as_said, Recommendation.status, Recommendation.response),
        [
            (meeting_id, item.text, _id(names.organisation(item.to)), item.source,
             item.response_due, item.response_due_as_said, item.status, item.response)
            for item in parsed.recommendations
        ],
    )  # fmt: skip
    _insert(
        RecommendationUpdate,
        (RecommendationUpdate.recommendation, RecommendationUpdate.date,
         RecommendationUpdate.text, RecommendationUpdate.status,
         RecommendationUpdate.created_at),
        [
            (item_id, update.date, update.text, update.status, created)
            for item_id, item in zip(recommendation_ids, parsed.recommendations, strict=True)
            for update in item.updates
        ],
    )  # fmt: skip
