"""What the screens, documents and commands read: overviews and worked-out lists.

Nothing here writes. Matters arising are worked out from the actions' histories as of
a meeting's date, never copied, so meetings planned ahead stay right.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterable
from dataclasses import dataclass

import peewee as pw

from wardpanel.models import (
    OPEN_ACTION_STATUSES,
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
    Question,
    Response,
)


@dataclass(frozen=True)
class PanelSummary:
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
    return Panel.select().exists()


def meetings_of(panel_id: int | None = None) -> list[Meeting]:
    """Meetings newest first, with their panel loaded; all panels when none given."""
    query = Meeting.select(Meeting, Panel).join(Panel)
    if panel_id is not None:
        query = query.where(Meeting.panel == panel_id)
    return list(query.order_by(Meeting.date.desc(), Meeting.id.desc()))


def meeting_with_panel(meeting_id: int) -> Meeting | None:
    return Meeting.select(Meeting, Panel).join(Panel).where(Meeting.id == meeting_id).first()


def attendance_of(meeting_id: int) -> list[Attendance]:
    """The meeting's list in the order entered, people and organisations loaded."""
    return list(
        Attendance.select(Attendance, Person, Organisation)
        .join(Person)
        .join(Organisation, pw.JOIN.LEFT_OUTER)
        .where(Attendance.meeting == meeting_id)
        .order_by(Attendance.id)
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
        Responder = Person.alias()
        responses = (
            Response.select(Response, Organisation, Responder)
            .join(Organisation, pw.JOIN.LEFT_OUTER)
            .switch(Response)
            .join(Responder, pw.JOIN.LEFT_OUTER, on=(Response.responder == Responder.id))
            .where(Response.question.in_(list(by_id)))
            .order_by(Response.id)
        )
        for response in responses:
            by_id[response.question_id].answers.append(response)
    return questions


def question_number(question_id: int) -> int | None:
    """A question's number within its meeting (1-based), as printed in the minutes."""
    question = Question.get_or_none(Question.id == question_id)
    if question is None:
        return None
    earlier = Question.select().where(
        Question.meeting == question.meeting_id, Question.id < question.id
    )
    return earlier.count() + 1


def question_with_asker(question_id: int) -> Question | None:
    return (
        Question.select(Question, Person)
        .join(Person, pw.JOIN.LEFT_OUTER)
        .where(Question.id == question_id)
        .first()
    )


def response_with_names(response_id: int) -> Response | None:
    Responder = Person.alias()
    return (
        Response.select(Response, Organisation, Responder)
        .join(Organisation, pw.JOIN.LEFT_OUTER)
        .switch(Response)
        .join(Responder, pw.JOIN.LEFT_OUTER, on=(Response.responder == Responder.id))
        .where(Response.id == response_id)
        .first()
    )


def _actions_query() -> pw.ModelSelect:
    Owner = Person.alias()
    return (
        Action.select(Action, Owner, Organisation, Meeting, Panel)
        .join(Owner, pw.JOIN.LEFT_OUTER, on=(Action.owner == Owner.id))
        .switch(Action)
        .join(Organisation, pw.JOIN.LEFT_OUTER, on=(Action.organisation == Organisation.id))
        .switch(Action)
        .join(Meeting, on=(Action.meeting == Meeting.id))
        .join(Panel)
    )


def actions_of(meeting_id: int) -> list[Action]:
    """Actions agreed at the meeting, in order, owners and organisations loaded."""
    return list(_actions_query().where(Action.meeting == meeting_id).order_by(Action.id))


def notes_of(meeting_id: int) -> list[Note]:
    return list(Note.select().where(Note.meeting == meeting_id).order_by(Note.id))


def priorities_of(meeting: Meeting) -> list[Priority]:
    """The priorities set at this meeting, then the panel's earlier ones still active."""
    set_here = Priority.meeting == meeting.id
    earlier = (
        Priority.select(Priority.id)
        .join(Meeting, pw.JOIN.LEFT_OUTER)
        .where(
            Priority.panel == meeting.panel_id,
            Priority.status == "active",
            (Meeting.date < meeting.date) | Priority.meeting.is_null(),
        )
    )
    return list(Priority.select().where(set_here | Priority.id.in_(earlier)).order_by(Priority.id))


def updates_of(
    action_ids: Iterable[int], until: dt.date | None = None
) -> dict[int, list[ActionUpdate]]:
    """Each action's updates in order (dated on or before `until`, when given)."""
    ids = list(action_ids)
    history: dict[int, list[ActionUpdate]] = {i: [] for i in ids}
    if not ids:
        return history
    query = ActionUpdate.select().where(ActionUpdate.action.in_(ids))
    if until is not None:
        query = query.where(ActionUpdate.date <= until)
    for update in query.order_by(ActionUpdate.date, ActionUpdate.id):
        history[update.action_id].append(update)
    return history


def status_on(action: Action, updates: list[ActionUpdate], day: dt.date) -> str:
    """The action's status as it stood at the start of `day`.

    `updates` must be the action's whole history: a status changed after `day` is what
    shows that it was still open then.
    """
    with_status = [u for u in updates if u.status]
    before = [u for u in with_status if u.date < day]
    if before:
        return before[-1].status
    if with_status:
        # Every change of status came on or after that day: it was still open then.
        return "open"
    return action.status


@dataclass(frozen=True)
class MatterArising:
    action: Action
    latest: ActionUpdate | None


def matters_arising(meeting: Meeting) -> list[MatterArising]:
    """Actions from the panel's earlier meetings still open when this one is held."""
    candidates = list(
        _actions_query()
        .where(Meeting.panel == meeting.panel_id, Meeting.date < meeting.date)
        .order_by(Meeting.date, Action.id)
    )
    history = updates_of(a.id for a in candidates)
    matters = []
    for action in candidates:
        updates = history[action.id]
        if status_on(action, updates, meeting.date) in OPEN_ACTION_STATUSES:
            known_then = [u for u in updates if u.date <= meeting.date]
            matters.append(MatterArising(action, known_then[-1] if known_then else None))
    return matters


def is_overdue(action: Action, today: dt.date | None = None) -> bool:
    return action.is_overdue(today or dt.date.today())


def drafts() -> list[Draft]:
    return list(Draft.select().order_by(Draft.updated_at.desc()))


def person_names(prefix: str = "", limit: int = 20) -> list[str]:
    query = Person.select(Person.name).distinct().order_by(Person.name).limit(limit)
    if prefix:
        query = query.where(Person.name.startswith(prefix))
    return [p.name for p in query]


def organisation_names() -> list[str]:
    return [o.name for o in Organisation.select(Organisation.name).order_by(Organisation.name)]
