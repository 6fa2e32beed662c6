"""Dumping a meeting: one meeting of the database as a `wardpanel-meeting` file.

Every list is written (empty when there is nothing in it), every list in the order it
was entered, and any other key whose value is empty is left out, so that a dump
imported into an empty database dumps to the same JSON.

Attendance entries with the app's internal status "expected" (people carried over
from the panel's last meeting whom the chair has not yet marked) are left out of a
dump: version 1 has no such status, and saying they were present, absent or sent
apologies would record something that did not happen. A file can only say what the
chair did mark.

A priority may carry the optional key `set_by` ("panel" or "police"; absent means
"panel"). A dump writes it only for "police", so that files written before the key
existed dump unchanged. Reviews of priorities and the links from actions to priorities
are not part of version 1: a meeting file stays a record of one meeting.
"""

from __future__ import annotations

import json
from typing import Any

import peewee as pw

from wardpanel.core.models import (
    ATTENDANCE_STATUSES,
    Action,
    ActionUpdate,
    Attendance,
    Meeting,
    Note,
    Organisation,
    Panel,
    Person,
    Priority,
    Question,
    Response,
)
from wardpanel.core.storage.database import read_snapshot
from wardpanel.interchange.format import FORMAT, VERSION, InterchangeError


def _without_empty(entry: dict[str, Any]) -> dict[str, Any]:
    """The entry less its empty text and None values (False and lists are kept)."""
    return {key: value for key, value in entry.items() if value is not None and value != ""}


def _name(person: Person | None) -> str:
    return person.name if person is not None else ""


def _organisation_name(item: Any) -> str:
    """The name of the organisation an entry points to ('' for none); the queries below
    join it, so that a meeting is dumped in a few queries however long it is."""
    return item.organisation.name if item.organisation_id else ""


def _dump_attendance(meeting: Meeting) -> list[dict[str, Any]]:
    marked = (
        Attendance.select(Attendance, Person, Organisation)
        .join(Person)
        .join(Organisation, pw.JOIN.LEFT_OUTER)
        .where(Attendance.meeting == meeting, Attendance.status.in_(ATTENDANCE_STATUSES))
        .order_by(Attendance.id)
    )
    return [
        _without_empty(
            {
                "name": entry.person.name,
                "role": entry.person.role,
                "organisation": _organisation_name(entry.person),
                "status": entry.status,
                "reason": entry.reason if entry.status == "absent" else "",
            }
        )
        for entry in marked
    ]


def _dump_questions(questions: list[Question]) -> list[dict[str, Any]]:
    answers: dict[int, list[Response]] = {question.id: [] for question in questions}
    if questions:
        query = (
            Response.select(Response, Organisation, Person)
            .join(Organisation, pw.JOIN.LEFT_OUTER)
            .switch(Response)
            .join(Person, pw.JOIN.LEFT_OUTER)
            .where(Response.question.in_(list(answers)))
        )
        for response in query.order_by(Response.id):
            answers[response.question_id].append(response)
    return [
        _without_empty(
            {
                "asked_by": _name(question.asker),
                "anonymous": question.anonymous,
                "topic": question.topic,
                "text": question.text,
                "responses": [
                    _without_empty(
                        {
                            "organisation": _organisation_name(response),
                            "responder": _name(response.responder),
                            "text": response.text,
                        }
                    )
                    for response in answers[question.id]
                ],
            }
        )
        for question in questions
    ]


def _dump_actions(meeting: Meeting, position: dict[int, int]) -> list[dict[str, Any]]:
    actions = list(
        Action.select(Action, Person, Organisation)
        .join(Person, pw.JOIN.LEFT_OUTER, on=Action.owner)
        .switch(Action)
        .join(Organisation, pw.JOIN.LEFT_OUTER, on=Action.organisation)
        .where(Action.meeting == meeting)
        .order_by(Action.id)
    )
    history: dict[int, list[ActionUpdate]] = {action.id: [] for action in actions}
    if actions:
        query = ActionUpdate.select().where(ActionUpdate.action.in_(list(history)))
        for update in query.order_by(ActionUpdate.id):
            history[update.action_id].append(update)
    return [
        _without_empty(
            {
                "text": action.text,
                "owner": _name(action.owner),
                "organisation": _organisation_name(action),
                "due": action.due.isoformat() if action.due else None,
                "status": action.status,
                "question": position.get(action.question_id),
                "updates": [
                    _without_empty(
                        {
                            "date": update.date.isoformat(),
                            "text": update.text,
                            "status": update.status,
                        }
                    )
                    for update in history[action.id]
                ],
            }
        )
        for action in actions
    ]


def _dump_priority(priority: Priority) -> dict[str, Any]:
    entry = {"text": priority.text, "status": priority.status}
    # Optional key, written only for the police: files from before it existed (every
    # priority set by the panel) dump exactly as they did.
    if priority.set_by != "panel":
        entry["set_by"] = priority.set_by
    return entry


def dump_meeting(meeting_id: int) -> dict[str, Any]:
    """One meeting as a `wardpanel-meeting` version 1 object (see the module docstring).

    Priorities are those set at this meeting; an action's updates are all of its
    updates, whenever reported. Read in one snapshot, so a meeting being edited at the
    same time is dumped as it stood at one moment. InterchangeError for an unknown id.
    """
    with read_snapshot():
        return _read_meeting(meeting_id)


def _read_meeting(meeting_id: int) -> dict[str, Any]:
    meeting = Meeting.select(Meeting, Panel).join(Panel).where(Meeting.id == meeting_id).first()
    if meeting is None:
        raise InterchangeError(
            f"meeting {meeting_id}: there is no meeting with that id "
            "(`wardpanel meetings` lists them)",
            key="meeting",
        )
    panel = meeting.panel
    questions = list(
        Question.select(Question, Person)
        .join(Person, pw.JOIN.LEFT_OUTER)
        .where(Question.meeting == meeting)
        .order_by(Question.id)
    )
    position = {question.id: number for number, question in enumerate(questions, start=1)}
    notes = Note.select().where(Note.meeting == meeting).order_by(Note.id)
    priorities = Priority.select().where(Priority.meeting == meeting).order_by(Priority.id)
    return {
        "format": FORMAT,
        "version": VERSION,
        "panel": _without_empty({"name": panel.name, "ward": panel.ward, "borough": panel.borough}),
        "meeting": _without_empty(
            {
                "title": meeting.title,
                "date": meeting.date.isoformat(),
                "start": meeting.start,
                "venue": meeting.venue,
                "chair": meeting.chair,
                "status": meeting.status,
                "next_meeting": meeting.next_meeting.isoformat() if meeting.next_meeting else None,
            }
        ),
        "attendance": _dump_attendance(meeting),
        "notes": [_without_empty({"heading": note.heading, "text": note.text}) for note in notes],
        "questions": _dump_questions(questions),
        "actions": _dump_actions(meeting, position),
        "priorities": [_dump_priority(item) for item in priorities],
    }


def dump_text(meeting_id: int) -> str:
    """The dump as the file `wardpanel dump` writes: indented UTF-8 JSON, one last newline."""
    return json.dumps(dump_meeting(meeting_id), ensure_ascii=False, indent=2) + "\n"
