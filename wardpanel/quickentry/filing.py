"""Filing a quick-entry line: what `parse` read, stored through the services.

Each line is filed in one transaction. A line that cannot be understood, or that the
services refuse, is never lost: it is kept word for word in the meeting's notes under
"Unfiled quick entry", and the outcome says what was wrong.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass

import peewee as pw

from wardpanel import queries, services
from wardpanel.core.dates import format_date
from wardpanel.core.errors import InputError
from wardpanel.core.models import (
    UNFILED_HEADING,
    Attendance,
    Meeting,
    Person,
    Question,
    Response,
)
from wardpanel.core.people import split_title
from wardpanel.core.storage.database import db
from wardpanel.core.textclean import clean_text
from wardpanel.core.words import (
    absence_category_of,
    action_ref,
    outcome_sentence,
    previous_minutes_short,
)
from wardpanel.queries.figures import figures_of
from wardpanel.quickentry.entries import (
    ActionEntry,
    AttendanceEntry,
    FigureEntry,
    NoteEntry,
    OutcomeEntry,
    PreviousMinutesEntry,
    PriorityEntry,
    QuestionEntry,
    ResponseEntry,
    ResponseMoreEntry,
    StatementEntry,
)
from wardpanel.quickentry.errors import QuickEntryError
from wardpanel.quickentry.grammar import parse, shortened


@dataclass(frozen=True)
class Outcome:
    """What became of a line: where it went and what the screen should say.

    `understood` is False when the line was kept as unfiled text instead; `saved` is
    False only when nothing could be stored (an empty line, or no such meeting), so the
    screen should leave the line in the box. `kind` tells rows of one section apart:
    attendance, question, response, outcome (of a question already shown), action, note,
    priority, figure or unfiled.
    """

    section: str
    message: str
    item_id: int | None
    understood: bool
    saved: bool = True
    item_ids: tuple[int, ...] = ()
    kind: str = ""


def apply(
    meeting_id: int, text: str, today: dt.date | None = None, *, refuse_ambiguous: bool = False
) -> Outcome:
    """File one line in the meeting, in one transaction; never lose it.

    A line that cannot be understood, or that the services refuse, is kept in the
    meeting's notes under "Unfiled quick entry" and the outcome says why. Only a failure
    of the database itself (locked, full, unreachable) is raised, and, with
    `refuse_ambiguous` (the app, where the line stays in the box to be put right), a
    name that fits two people: AmbiguousName, with nothing stored.
    """
    try:
        entry = parse(text, today)
        # One transaction, run again if a database server restarts part-way through.
        return services.transaction(_FILERS[type(entry)])(meeting_id, entry)
    except QuickEntryError as error:
        return _keep(meeting_id, text, str(error))
    except InputError as error:
        if refuse_ambiguous and isinstance(error, services.AmbiguousName):
            raise
        return _keep(meeting_id, text, f"the {error.field} {error.message}")
    except pw.IntegrityError as error:
        # services.organisation_named misses names with non-ASCII capitals (SQLite's
        # lower() is ASCII-only) and then collides with the unique name: keep the line.
        return _keep(meeting_id, text, f"the database refused it ({error})")


def _keep(meeting_id: int, text: str, why: str) -> Outcome:
    cleaned = clean_text(text if isinstance(text, str) else "")
    if not cleaned:
        return Outcome(
            "notes", "Nothing to save: the line is empty.", None, False, saved=False, kind="unfiled"
        )
    try:
        with db.atomic():
            # A paste longer than one note's limit is kept in pieces, every word of it.
            for start in range(0, len(cleaned), services.MAX_TEXT):
                note = services.keep_unfiled(meeting_id, cleaned[start : start + services.MAX_TEXT])
    except InputError as error:
        return Outcome("notes", f"Not saved: {error}.", None, False, saved=False, kind="unfiled")
    return Outcome(
        "notes",
        f"Not filed, kept in the notes under '{UNFILED_HEADING}': {why}",
        note.id,
        False,
        kind="unfiled",
    )


def _internal(entry: object, kind: str, item_id: int) -> str:
    """Mark the item just filed internal when the line said "#internal" (in the line's
    own transaction); the words the message ends with, "" otherwise."""
    if not getattr(entry, "internal", False):
        return ""
    services.set_internal(kind, item_id, True)
    return ", internal (left out of published minutes)"


def _described(person: Person | None) -> str:
    if person is None:
        return ""
    if person.organisation_id is None:
        return person.name
    return f"{person.name} ({person.organisation.name})"


def _find_question(meeting_id: int, number: int | None, doing: str) -> Question:
    """Question `number` of the meeting (counting from 1), or its latest."""
    asked = Question.select().where(Question.meeting == meeting_id)
    if number is None:
        latest = asked.order_by(Question.id.desc()).first()
        if latest is None:
            raise QuickEntryError(
                f"this meeting has no question yet to {doing}: type the question first, "
                "q Jane Doe: What …?"
            )
        return latest
    found = asked.order_by(Question.id).offset(number - 1).limit(1).first()
    if found is None:
        count = asked.count()
        has = f"only {count} question{'s' if count != 1 else ''}" if count else "no questions yet"
        raise QuickEntryError(f"there is no question {number}: this meeting has {has}")
    return found


def _file_attendance(meeting_id: int, entry: AttendanceEntry) -> Outcome:
    records = [
        services.record_attendance(
            meeting_id,
            person.name,
            person.role,
            person.organisation or None,
            entry.status,
            entry.reason,
            substitute_for=person.substitute_for or None,
            arrived=entry.arrived or None,
            departed=entry.departed or None,
            first_time=True if person.first_time else None,
            absence_category=absence_category_of(entry.reason) if entry.reason else None,
        )
        for person in entry.people
    ]
    who = ", ".join(_attendee_words(record) for record in records)
    if entry.arrived:
        label = f"Arrived {entry.arrived}"
    elif entry.departed:
        label = f"Left at {entry.departed}"
    else:
        label = {"present": "Present", "apologies": "Apologies from", "absent": "Absent"}[
            entry.status
        ]
    message = f"{label}: {who}"
    if entry.status == "absent":
        message += f" — {entry.reason}" if entry.reason else " (no reason given)"
    elif entry.reason:
        message += f" — {entry.reason}"
    ids = tuple(record.id for record in records)
    return Outcome("attendance", message, ids[0], True, item_ids=ids, kind="attendance")


def _attendee_words(record: Attendance) -> str:
    """'PC Dan Hill (Metropolitan Police) for Sgt Tom Reid, first time'."""
    person = record.person
    words = _described(person) if person.name else _described_post(person)
    if record.substitute_for_id is not None:
        stood_in = record.substitute_for
        words += f" for {stood_in.name or stood_in.role}"
    if record.first_time:
        words += ", first time"
    return words


def _described_post(person: Person) -> str:
    if person.organisation_id is None:
        return f"{person.role} (post not filled)"
    return f"{person.role} ({person.organisation.name}, post not filled)"


def _file_question(meeting_id: int, entry: QuestionEntry) -> Outcome:
    question = services.add_question(
        meeting_id, entry.text, entry.asker or None, entry.anonymous, entry.topic
    )
    number = queries.question_number(question)
    if question.asker is not None:
        source = f" from {question.asker.name}"
        source += " (anonymous in the minutes)" if question.anonymous else ""
    else:
        source = " (anonymous)" if question.anonymous else " (no asker named)"
    topic = f" on {question.topic}" if question.topic else ""
    message = f"Question {number}{source}{topic} saved" + _internal(entry, "question", question.id)
    return Outcome("questions", message, question.id, True, kind="question")


def _file_response(meeting_id: int, entry: ResponseEntry) -> Outcome:
    question = _find_question(meeting_id, entry.question, "respond to")
    responder = entry.responder
    organisation, responder_name = entry.organisation, responder.name if responder else None
    if responder is not None and responder.role:
        # Record the role first; add_response then finds the same person.
        services.person_named(
            responder.name, responder.role, entry.organisation, meeting_id=meeting_id
        )
    elif responder is None:
        # "r Sgt Tom Reid: …": a known person answering, not a new organisation.
        person = _known_person_or_none(meeting_id, entry.organisation)
        if person is not None:
            responder_name = person.name
            organisation = person.organisation.name if person.organisation_id else None
    response = services.add_response(question.id, entry.text, organisation, responder_name)
    by = f" ({response.responder.name})" if response.responder is not None else ""
    org = response.organisation.name if response.organisation is not None else ""
    number = queries.question_number(question)
    message = f"Response from {org}{by} to question {number} saved"
    message += _internal(entry, "response", response.id)
    return Outcome("questions", message, response.id, True, kind="response")


def _file_response_more(meeting_id: int, entry: ResponseMoreEntry) -> Outcome:
    latest = (
        Response.select(Response.id)
        .join(Question)
        .where(Question.meeting == meeting_id)
        .order_by(Response.id.desc())
        .first()
    )
    if latest is None:
        raise QuickEntryError(
            "this meeting has no response yet to add to: r Metropolitan Police: … comes first"
        )
    response = services.append_to_response(latest.id, entry.text)
    number = queries.question_number(response.question)
    org = response.organisation.name if response.organisation is not None else "the response"
    message = f"Added to {org}'s response to question {number}"
    message += _internal(entry, "response", response.id)
    return Outcome("questions", message, response.id, True, kind="response")


def _file_action(meeting_id: int, entry: ActionEntry) -> Outcome:
    question = None
    if entry.question is not None or entry.latest_question:
        question = _find_question(meeting_id, entry.question, "link an action to")
    priority = _find_priority(meeting_id, entry.priority) if entry.priority else None
    owner, organisation = None, None
    if entry.owner is not None:
        ref = entry.owner
        if ref.organisation or ref.role:
            services.person_named(
                ref.name, ref.role, ref.organisation or None, meeting_id=meeting_id
            )
            owner, organisation = ref.name, ref.organisation or None
        elif _known_person_or_none(meeting_id, ref.name) is not None:
            owner = ref.name
        elif services.find_organisation(ref.name, meeting_id) is not None:
            organisation = ref.name
        else:
            owner = ref.name
    action = services.add_action(
        meeting_id,
        entry.text,
        owner,
        organisation,
        entry.due,
        question_id=question.id if question is not None else None,
        priority_id=priority.id if priority is not None else None,
    )
    if action.owner is not None:
        who = _described(action.owner)
    elif action.organisation is not None:
        who = action.organisation.name
    else:
        who = "no owner"
    due = f"due {format_date(action.due)}" if action.due else "no due date"
    link = f", for question {queries.question_number(question)}" if question is not None else ""
    if priority is not None:
        link += f", against priority {entry.priority} ({shortened(priority.text, 40)})"
    message = f"Action {action_ref(action.id, action.ref)} saved: {who}, {due}{link}"
    message += _internal(entry, "action", action.id)
    return Outcome("actions", message, action.id, True, kind="action")


def _known_person_or_none(meeting_id: int, typed: str) -> Person | None:
    """The person among the meeting's people a name before a colon means, when it reads
    as a person's name rather than an organisation's: a full name or a rank with a
    surname ("Sgt Reid"); a single word is a person only when no organisation has it."""
    person = services.find_person_in_meeting(typed, meeting_id)
    if person is None:
        return None
    title, bare = split_title(typed)
    if title or " " in bare:
        return person
    return None if services.find_organisation(typed, meeting_id) is not None else person


def _file_note(meeting_id: int, entry: NoteEntry) -> Outcome:
    note = services.add_note(meeting_id, entry.heading, entry.text)
    label = f"Note '{note.heading}' saved" if note.heading else "Note saved"
    label += _internal(entry, "note", note.id)
    return Outcome("notes", label, note.id, True, kind="note")


def _file_priority(meeting_id: int, entry: PriorityEntry) -> Outcome:
    priority = services.add_priority(meeting_id, entry.text)
    message = f"Priority saved: {shortened(priority.text, 60)}"
    return Outcome("priorities", message, priority.id, True, kind="priority")


def _find_priority(meeting_id: int, number: int):
    """Priority `number` of the meeting, counted as its minutes list them."""
    meeting = Meeting.get_or_none(Meeting.id == meeting_id)
    listed = (
        [entry.priority for entry in queries.priorities_under_review(meeting)] if meeting else []
    )
    if number > len(listed):
        has = f"only {len(listed)}" if listed else "none yet"
        raise QuickEntryError(
            f"there is no priority {number}: this meeting has {has} (p: adds one)"
        )
    return listed[number - 1]


def _file_statement(meeting_id: int, entry: StatementEntry) -> Outcome:
    question = services.add_question(
        meeting_id, entry.text, entry.speaker or None, entry.anonymous, entry.topic
    )
    services.mark_statement(question.id)
    number = queries.question_number(question)
    who = f" from {question.asker.name}" if question.asker is not None else ""
    message = f"Statement {number}{who} saved (no answer expected)"
    message += _internal(entry, "question", question.id)
    return Outcome("questions", message, question.id, True, kind="question")


def _file_outcome(meeting_id: int, entry: OutcomeEntry) -> Outcome:
    question = _find_question(meeting_id, entry.question, "record the outcome of")
    question = services.record_outcome(question.id, entry.outcome, entry.referred_to)
    number = queries.question_number(question)
    said = outcome_sentence(question.outcome, question.referred_to)
    # "outcome": the question's row is already shown, to be read again, not added.
    return Outcome("questions", f"Question {number}: {said}", question.id, True, kind="outcome")


def _file_figure(meeting_id: int, entry: FigureEntry) -> Outcome:
    figure = services.add_figure(
        meeting_id, entry.category, entry.value, entry.previous, entry.period, entry.unit,
        entry.note,
    )  # fmt: skip
    meeting = Meeting.get_by_id(meeting_id)
    row = next(r for r in figures_of(meeting) if r.id == figure.id)
    unit = row.unit
    if row.previous is None:
        compared = "no previous figure"
    else:
        source = f" at {format_date(row.previous_from)}" if row.previous_from else ""
        compared = f"previous {row.previous}{unit}{source}, change {row.change}{unit}"
    message = f"Figure saved: {row.category} {row.value}{unit} ({compared})"
    return Outcome("figures", message, figure.id, True, kind="figure")


def _file_previous_minutes(meeting_id: int, entry: PreviousMinutesEntry) -> Outcome:
    meeting = services.record_previous_minutes(meeting_id, entry.agreed, entry.amendments)
    said = previous_minutes_short(meeting.previous_agreed, meeting.previous_amendments)
    if meeting.previous_amendments:
        said += f": {shortened(meeting.previous_amendments, 60)}"
    return Outcome("meeting", said, meeting.id, True, kind="previous_minutes")


_FILERS = {
    AttendanceEntry: _file_attendance,
    QuestionEntry: _file_question,
    ResponseEntry: _file_response,
    ResponseMoreEntry: _file_response_more,
    ActionEntry: _file_action,
    NoteEntry: _file_note,
    PriorityEntry: _file_priority,
    StatementEntry: _file_statement,
    OutcomeEntry: _file_outcome,
    FigureEntry: _file_figure,
    PreviousMinutesEntry: _file_previous_minutes,
}
