"""What a chair sees of panels and their meetings: the lists, the roll, the questions
with their answers, the actions agreed, notes, drafts, and names to suggest in forms.

Nothing here writes.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass
from typing import TypeVar

import peewee as pw

from wardpanel.core.models import (
    Action,
    Attendance,
    Draft,
    Meeting,
    MeetingEvent,
    Note,
    Organisation,
    Panel,
    Person,
    Question,
    Response,
)
from wardpanel.queries.people import people_meant


@dataclass(frozen=True)
class PanelSummary:
    """A panel with how many meetings it has held and the date of the latest."""

    panel: Panel
    meetings: int
    latest: dt.date | None


def panel_summaries() -> list[PanelSummary]:
    """Every panel with its number of meetings and latest date, by name."""
    count = pw.fn.COUNT(Meeting.id)
    latest = pw.fn.MAX(Meeting.date)
    rows = (
        Panel.select(Panel, count.alias("n"), latest.alias("latest"))
        .join(Meeting, pw.JOIN.LEFT_OUTER)
        .group_by(Panel)
        .order_by(pw.fn.lower(Panel.name))
    )
    summaries = []
    for row in rows:
        latest_value = row.latest
        if isinstance(latest_value, str):
            latest_value = dt.date.fromisoformat(latest_value)
        summaries.append(PanelSummary(row, row.n, latest_value))
    return summaries


def has_panels() -> bool:
    """Whether any panel has been set up yet."""
    return Panel.select().exists()


def meetings_of(panel_id: int | None = None) -> list[Meeting]:
    """Meetings newest first, with their panel loaded; all panels when none given."""
    query = Meeting.select(Meeting, Panel).join(Panel)
    if panel_id is not None:
        query = query.where(Meeting.panel == panel_id)
    return list(query.order_by(Meeting.date.desc(), Meeting.id.desc()))


def trails_of(meeting_ids: list[int]) -> dict[int, list[MeetingEvent]]:
    """Each meeting's trail (its minutes approved, reopened), oldest first, by meeting id;
    a meeting with none has an empty list. One query for them all."""
    trails: dict[int, list[MeetingEvent]] = {meeting_id: [] for meeting_id in meeting_ids}
    if not trails:
        return trails
    events = (
        MeetingEvent.select()
        .where(MeetingEvent.meeting.in_(list(trails)))
        .order_by(MeetingEvent.at, MeetingEvent.id)
    )
    for event in events:
        trails[event.meeting_id].append(event)
    return trails


# A meeting's status once its minutes are approved, and so locked.
APPROVED = "approved"


def is_approved(meeting: Meeting) -> bool:
    """Whether the minutes of this meeting, as read, are approved (and so locked)."""
    return meeting.status == APPROVED


def minutes_approved(meeting_id: int) -> bool:
    """Whether the meeting's minutes are approved, and so locked, as stored now."""
    status = Meeting.select(Meeting.status).where(Meeting.id == meeting_id).scalar()
    return status == APPROVED


def meeting_with_panel(meeting_id: int) -> Meeting | None:
    """The meeting with its panel loaded; None when there is no such meeting."""
    return Meeting.select(Meeting, Panel).join(Panel).where(Meeting.id == meeting_id).first()


def _attendance_query() -> pw.ModelSelect:
    return (
        Attendance.select(Attendance, Person, Organisation)
        .join(Person)
        .join(Organisation, pw.JOIN.LEFT_OUTER)
    )


def attendance_of(meeting_id: int) -> list[Attendance]:
    """The meeting's list in the order entered, people and organisations loaded."""
    query = _attendance_query().where(Attendance.meeting == meeting_id)
    return list(query.order_by(Attendance.id))


def attendance_entry(entry_id: int) -> Attendance | None:
    """One entry of a meeting's list, its person and organisation loaded; None for none."""
    return _attendance_query().where(Attendance.id == entry_id).first()


def responses_query() -> pw.ModelSelect:
    """Responses with their organisation and responder loaded, in the order given."""
    Responder = Person.alias()
    return (
        Response.select(Response, Organisation, Responder)
        .join(Organisation, pw.JOIN.LEFT_OUTER)
        .switch(Response)
        .join(Responder, pw.JOIN.LEFT_OUTER, on=(Response.responder == Responder.id))
        .order_by(Response.id)
    )


def questions_of(meeting_id: int) -> list[Question]:
    """Questions in order, each with `.answers` (responses in order) filled in."""
    questions = list(
        Question.select(Question, Person)
        .join(Person, pw.JOIN.LEFT_OUTER)
        .where(Question.meeting == meeting_id)
        .order_by(Question.id)
    )
    by_id = {q.id: q for q in questions}
    for q in questions:
        q.answers = []
    if questions:
        responses = responses_query().where(Response.question.in_(list(by_id)))
        for response in responses:
            by_id[response.question_id].answers.append(response)
    return questions


def question_with_asker(question_id: int) -> Question | None:
    """The question with its asker (if any) loaded; None when there is no such question."""
    return (
        Question.select(Question, Person)
        .join(Person, pw.JOIN.LEFT_OUTER)
        .where(Question.id == question_id)
        .first()
    )


def response_with_names(response_id: int) -> Response | None:
    """The response with its organisation and responder loaded; None when there is none."""
    return responses_query().where(Response.id == response_id).first()


def actions_of(meeting_id: int) -> list[Action]:
    """The meeting's actions as records to edit (owner and organisation loaded), in
    order. Lists and documents read actions through wardpanel.queries.actions instead,
    which applies the anonymity rule; a record to edit shows what was recorded."""
    Owner = Person.alias()
    return list(
        Action.select(Action, Owner, Organisation)
        .join(Owner, pw.JOIN.LEFT_OUTER, on=(Action.owner == Owner.id))
        .switch(Action)
        .join(Organisation, pw.JOIN.LEFT_OUTER, on=(Action.organisation == Organisation.id))
        .where(Action.meeting == meeting_id)
        .order_by(Action.id)
    )


def action_with_names(action_id: int) -> Action | None:
    """One action as a record to edit, with its owner, organisation, meeting and panel
    loaded; None for none."""
    Owner = Person.alias()
    return (
        Action.select(Action, Owner, Organisation, Meeting, Panel)
        .join(Owner, pw.JOIN.LEFT_OUTER, on=(Action.owner == Owner.id))
        .switch(Action)
        .join(Organisation, pw.JOIN.LEFT_OUTER, on=(Action.organisation == Organisation.id))
        .switch(Action)
        .join(Meeting, on=(Action.meeting == Meeting.id))
        .join(Panel)
        .where(Action.id == action_id)
        .first()
    )


M = TypeVar("M", bound=pw.Model)


def record_by_id(model: type[M], item_id: int) -> M | None:
    """One record as stored now (a note, a priority, a panel...); None when it is gone."""
    return model.get_or_none(model.id == item_id)


def notes_of(meeting_id: int) -> list[Note]:
    """The meeting's notes in the order written."""
    return list(Note.select().where(Note.meeting == meeting_id).order_by(Note.id))


def drafts() -> list[Draft]:
    """Unsaved drafts, the most recently changed first."""
    return list(Draft.select().order_by(Draft.updated_at.desc()))


def person_names(prefix: str = "", limit: int = 20) -> list[str]:
    """People's names to suggest, alphabetically, those starting with `prefix` when given."""
    query = Person.select(Person.name).distinct().order_by(Person.name).limit(limit)
    if prefix:
        query = query.where(Person.name.startswith(prefix))
    return [p.name for p in query]


def person_by_name(name: str) -> Person | None:
    """The person of that name (any case), else the people it means ("Tom Reid" for Sgt
    Tom Reid), preferring one who belongs to an organisation."""
    people = (
        list(Person.select().where(Person.name == name))
        or list(Person.select().where(Person.name.same_as(name)))
        or list(Person.select().where(Person.id.in_(people_meant(name))))
    )
    people.sort(key=lambda p: (p.organisation_id is None, p.id))
    return people[0] if people else None


def organisation_names() -> list[str]:
    """Every organisation's name, alphabetically, to suggest in forms."""
    return [o.name for o in Organisation.select(Organisation.name).order_by(Organisation.name)]
