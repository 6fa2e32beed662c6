"""One action's whole life: where it was raised, what it answers, every update since.

The Actions view, the meeting's Actions and Matters arising tabs all show this. Names
follow wardpanel.core.people: the asker of a question asked anonymously is "A resident",
and so is an action's owner who asked anonymously at the meeting that raised it.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass, field

import peewee as pw

from wardpanel.core.models import Action, ActionUpdate, Meeting, Person, Priority, Question
from wardpanel.core.people import ANONYMOUS, FULL_RECORD, Naming
from wardpanel.core.words import action_ref
from wardpanel.queries.actions import QueryError, action_rows
from wardpanel.queries.people import anonymous_askers, question_number


@dataclass(frozen=True)
class HistoryEntry:
    """One line of an action's history: an officer's report, or a change the app noted
    (`kind`: report, status, due or owner)."""

    id: int
    date: dt.date
    text: str
    status: str | None
    meeting_id: int | None
    meeting_date: dt.date | None
    kind: str = "report"


@dataclass(frozen=True)
class ActionHistory:
    """An action's whole life. `action` is the model instance (owner and organisation
    loaded), for editing; show `owner` and `asker`, which follow the anonymity rule."""

    action: Action
    ref: str
    owner: str | None
    organisation: str | None
    panel: str
    meeting_id: int
    meeting_date: dt.date
    question_id: int | None
    question_number: int | None
    question_topic: str
    question_text: str
    asker: str | None
    updates: tuple[HistoryEntry, ...] = field(default_factory=tuple)
    # The panel priority the action is reported against ("" for none).
    priority: str = ""


def action_history(action_id: int, naming: Naming = FULL_RECORD) -> ActionHistory:
    """Where the action was raised, the question it answers, and every update in order.

    InputError when there is no such action.
    """
    action = (
        Action.select(Action, Person)
        .join(Person, pw.JOIN.LEFT_OUTER, on=(Action.owner == Person.id))
        .where(Action.id == action_id)
        .first()
    )
    if action is None:
        raise QueryError("action", f"no action with id {action_id}")
    (row,) = action_rows([action_id], dt.date.today())
    hidden = anonymous_askers([action.meeting_id])
    question = None
    if action.question_id is not None:
        question = (
            Question.select(Question, Person)
            .join(Person, pw.JOIN.LEFT_OUTER, on=(Question.asker == Person.id))
            .where(Question.id == action.question_id)
            .first()
        )
    asker = None
    if question is not None and (
        question.anonymous or question.asker_id in hidden.get(question.meeting_id, ())
    ):
        asker = ANONYMOUS
    elif question is not None and question.asker_id is not None:
        asker = question.asker.name
    Reported = Meeting.alias()
    updates = (
        ActionUpdate.select(
            ActionUpdate.id,
            ActionUpdate.date,
            ActionUpdate.text,
            ActionUpdate.status,
            ActionUpdate.meeting,
            Reported.date,
            ActionUpdate.kind,
        )
        .join(Reported, pw.JOIN.LEFT_OUTER, on=(ActionUpdate.meeting == Reported.id))
        .where(ActionUpdate.action == action.id)
        .order_by(ActionUpdate.date, ActionUpdate.id)
        .tuples()
    )
    return ActionHistory(
        action=action,
        ref=action_ref(action.id, action.ref),
        owner=row.owner_name(naming),
        organisation=row.organisation,
        panel=row.panel,
        meeting_id=row.meeting_id,
        meeting_date=row.meeting_date,
        question_id=question.id if question else None,
        question_number=question_number(question) if question else None,
        question_topic=question.topic if question else "",
        question_text=question.text if question else "",
        asker=asker,
        updates=tuple(HistoryEntry(*values) for values in updates),
        priority=_priority_text(action.priority_id),
    )


def _priority_text(priority_id: int | None) -> str:
    if priority_id is None:
        return ""
    return Priority.select(Priority.text).where(Priority.id == priority_id).scalar() or ""
