"""Dumping a meeting: one meeting of the database as a `wardpanel-meeting` version 2 file.

Every list is written (empty when there is nothing in it), every list in the order it
was entered, and any other key whose value is empty is left out, so that a dump
imported into an empty database dumps to the same JSON. A key version 2 added is
written only when it says more than its default: a flag only when true, a question's
`kind` only for a statement, `publish_residents` only when not "initials", an action's
`agreed_due` only when its due date has moved since; so a version 1 file dumps with
the same content, under "version": 2, with two keys more: the panel's `code` and each
action's `ref`, the reference it was given ("HS-12"), which an import keeps, so a
reference printed once stays the same wherever the meeting goes.

What a dump writes is what an import accepts: a reason and an absence's kind only for
someone who was not present, arrival and leaving times only for someone who was,
where a question was referred only with that outcome, an approval only for approved
minutes.

Attendance entries with the app's internal status "expected" (people carried over
from the panel's last meeting whom the chair has not yet marked) are left out: saying
they were present, absent or sent apologies would record something that did not
happen. A file can only say what the chair did mark.

A priority's `set_by` ("panel" or "police"; absent means "panel") is written only for
"police", as in version 1. Reviews of priorities are not part of the format: a meeting
file stays a record of one meeting.
"""

from __future__ import annotations

import json
import math
from typing import Any

import peewee as pw

from wardpanel.core.models import (
    ATTENDANCE_STATUSES,
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
)
from wardpanel.core.storage.database import read_snapshot
from wardpanel.core.words import action_ref
from wardpanel.interchange.format import FORMAT, VERSION, InterchangeError, show
from wardpanel.queries.figures import figure_number


def _without_empty(entry: dict[str, Any]) -> dict[str, Any]:
    """The entry less its empty text, empty objects and None values (False and lists,
    even empty, are kept)."""
    return {
        key: value for key, value in entry.items() if value is not None and value not in ("", {})
    }


def _true(flag: bool) -> bool | None:
    """A version 2 flag as a dump writes it: true, or left out."""
    return True if flag else None


def _day(day: Any) -> str | None:
    return day.isoformat() if day else None


def _name(person: Person | None) -> str:
    return person.name if person is not None else ""


def _organisation_name(item: Any, key: str = "organisation") -> str:
    """The name of the organisation an entry points to ('' for none); the queries below
    join it, so that a meeting is dumped in a few queries however long it is."""
    return getattr(item, key).name if getattr(item, f"{key}_id") else ""


def _dump_attendance(meeting: Meeting) -> list[dict[str, Any]]:
    marked = list(
        Attendance.select(Attendance, Person, Organisation)
        .join(Person, on=Attendance.person)
        .join(Organisation, pw.JOIN.LEFT_OUTER)
        .where(Attendance.meeting == meeting, Attendance.status.in_(ATTENDANCE_STATUSES))
        .order_by(Attendance.id)
    )
    # Whom each substitute stood in for: by name, or by role for a post nobody filled.
    stood_in_for = {
        person.id: person.name or person.role
        for person in Person.select().where(
            Person.id.in_([e.substitute_for_id for e in marked if e.substitute_for_id])
        )
    }
    entries = []
    for entry in marked:
        present = entry.status == "present"
        entries.append(
            _without_empty(
                {
                    "name": entry.person.name,
                    "role": entry.person.role,
                    "organisation": _organisation_name(entry.person),
                    "status": entry.status,
                    "reason": "" if present else entry.reason,
                    "for": stood_in_for.get(entry.substitute_for_id),
                    "arrived": entry.arrived if present else "",
                    "left": entry.departed if present else "",
                    "absence_category": "" if present else entry.absence_category,
                    "first_time": _true(entry.first_time),
                    "named": _true(entry.person.named),
                }
            )
        )
    return entries


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
                            "internal": _true(response.internal),
                        }
                    )
                    for response in answers[question.id]
                ],
                "kind": None if question.kind == "question" else question.kind,
                "outcome": question.outcome,
                "referred_to": question.referred_to if question.outcome == "referred" else "",
                "internal": _true(question.internal),
            }
        )
        for question in questions
    ]


def _dump_updates(updates: list[Any]) -> list[dict[str, Any]]:
    """An action's or a recommendation's updates."""
    return [
        _without_empty(
            {"date": update.date.isoformat(), "text": update.text, "status": update.status}
        )
        for update in updates
    ]


def _dump_actions(
    meeting: Meeting, questions: dict[int, int], priorities: dict[int, int]
) -> list[dict[str, Any]]:
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
                "due": _day(action.due),
                "status": action.status,
                "question": questions.get(action.question_id),
                "updates": _dump_updates(history[action.id]),
                # Only when the due date has moved since the meeting agreed it.
                "agreed_due": _day(action.agreed_due) if action.agreed_due != action.due else None,
                "priority": priorities.get(action.priority_id),
                "internal": _true(action.internal),
                "ref": action_ref(action.id, action.ref),
            }
        )
        for action in actions
    ]


def _dump_priorities(priorities: list[Priority]) -> list[dict[str, Any]]:
    return [
        _without_empty(
            {
                "text": priority.text,
                "status": priority.status,
                # Written only for the police: files from before the key existed (every
                # priority set by the panel) dump exactly as they did.
                "set_by": None if priority.set_by == "panel" else priority.set_by,
                "lead": _organisation_name(priority, "lead"),
                "measure": priority.measure,
                "review_by": _day(priority.review_by),
            }
        )
        for priority in priorities
    ]


def _dump_recommendations(meeting: Meeting) -> list[dict[str, Any]]:
    recommendations = list(
        Recommendation.select(Recommendation, Organisation)
        .join(Organisation, pw.JOIN.LEFT_OUTER)
        .where(Recommendation.meeting == meeting)
        .order_by(Recommendation.id)
    )
    history: dict[int, list[RecommendationUpdate]] = {r.id: [] for r in recommendations}
    if recommendations:
        query = RecommendationUpdate.select().where(
            RecommendationUpdate.recommendation.in_(list(history))
        )
        for update in query.order_by(RecommendationUpdate.id):
            history[update.recommendation_id].append(update)
    return [
        _without_empty(
            {
                "text": item.text,
                "to": _organisation_name(item, "to_organisation"),
                "from": item.from_body,
                "response_due": _day(item.response_due),
                "response_due_as_said": item.response_due_as_said,
                "status": item.status,
                "response": item.response,
                "updates": _dump_updates(history[item.id]),
            }
        )
        for item in recommendations
    ]


def _number(text: str | None, meeting_id: int, where: str) -> int | float | None:
    """A stored figure as the JSON number it was read from: "43" -> 43, "38.5" -> 38.5."""
    if text is None or text == "":
        return None
    try:
        number = figure_number(text)
    except ValueError:
        number = math.nan
    if not math.isfinite(number):
        raise InterchangeError(
            f"meeting {meeting_id}: {where}: {show(text)} is stored as a figure but is not "
            "a number, so the meeting cannot be written as a meeting file: correct it first",
            key=where,
        )
    return number


def _dump_figures(meeting: Meeting) -> list[dict[str, Any]]:
    figures = Figure.select().where(Figure.meeting == meeting).order_by(Figure.id)
    return [
        _without_empty(
            {
                "category": figure.category,
                "value": _number(figure.value, meeting.id, f"figures[{position}].value"),
                "previous": _number(figure.previous, meeting.id, f"figures[{position}].previous"),
                "period": figure.period,
                "unit": figure.unit,
                "note": figure.note,
            }
        )
        for position, figure in enumerate(figures, start=1)
    ]


def dump_meeting(meeting_id: int) -> dict[str, Any]:
    """One meeting as a `wardpanel-meeting` version 2 object (see the module docstring).

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
    priorities = list(
        Priority.select(Priority, Organisation)
        .join(Organisation, pw.JOIN.LEFT_OUTER, on=Priority.lead)
        .where(Priority.meeting == meeting)
        .order_by(Priority.id)
    )
    notes = Note.select().where(Note.meeting == meeting).order_by(Note.id)
    approved = meeting.status == "approved"
    return {
        "format": FORMAT,
        "version": VERSION,
        "panel": _without_empty(
            {
                "name": panel.name,
                "ward": panel.ward,
                "borough": panel.borough,
                "publish_residents": (
                    None if panel.publish_residents == "initials" else panel.publish_residents
                ),
                "code": panel.code,
            }
        ),
        "meeting": _without_empty(
            {
                "title": meeting.title,
                "date": meeting.date.isoformat(),
                "start": meeting.start,
                "venue": meeting.venue,
                "chair": meeting.chair,
                "status": meeting.status,
                "next_meeting": _day(meeting.next_meeting),
                "approved": _without_empty(
                    {"on": _day(meeting.approved_on), "by": meeting.approved_by}
                )
                if approved
                else None,
                "previous_minutes": _without_empty(
                    {"agreed": meeting.previous_agreed, "amendments": meeting.previous_amendments}
                ),
            }
        ),
        "attendance": _dump_attendance(meeting),
        "notes": [
            _without_empty(
                {"heading": note.heading, "text": note.text, "internal": _true(note.internal)}
            )
            for note in notes
        ],
        "questions": _dump_questions(questions),
        "actions": _dump_actions(
            meeting,
            {question.id: number for number, question in enumerate(questions, start=1)},
            {priority.id: number for number, priority in enumerate(priorities, start=1)},
        ),
        "priorities": _dump_priorities(priorities),
        "recommendations": _dump_recommendations(meeting),
        "figures": _dump_figures(meeting),
    }


def dump_text(meeting_id: int) -> str:
    """The dump as the file `wardpanel dump` writes: indented UTF-8 JSON, one last newline."""
    return json.dumps(dump_meeting(meeting_id), ensure_ascii=False, indent=2) + "\n"
