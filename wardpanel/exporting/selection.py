"""Choosing the actions for a follow-up list: filters, overdue judged on a given day.

Read as plain tuples (not model instances) in two queries, one for the actions and
one for their histories, so a list of tens of thousands stays quick and small.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass

import peewee as pw

from wardpanel.core.files import USER_FAULT, ExportError
from wardpanel.core.models import (
    ACTION_STATUSES,
    OPEN_ACTION_STATUSES,
    Action,
    ActionUpdate,
    Meeting,
    Organisation,
    Panel,
    Person,
    Question,
)
from wardpanel.queries.actions import action_conditions, resolve_names, status_conditions


@dataclass(frozen=True)
class ActionFilter:
    """Which actions a follow-up list holds; names match whatever their case."""

    panel: str | None = None
    organisation: str | None = None
    owner: str | None = None
    status: str | None = None
    overdue: bool = False

    def describe(self) -> str:
        """The filters in words, for the list's heading."""
        parts = []
        if self.panel:
            parts.append(f"panel {self.panel}")
        if self.organisation:
            parts.append(f"organisation {self.organisation}")
        if self.owner:
            parts.append(f"owner {self.owner}")
        if self.status:
            parts.append(f"status {self.status.replace('_', ' ')}")
        if self.overdue:
            parts.append("overdue only")
        return "; ".join(parts) if parts else "none (every action)"


@dataclass(slots=True)
class ActionRow:
    """One action as a follow-up list prints it."""

    id: int
    text: str
    due: dt.date | None
    status: str
    owner_id: int | None
    owner: str | None
    organisation: str | None
    panel: str
    meeting_date: dt.date
    asked_anonymously_by_owner: bool
    latest_date: dt.date | None = None
    latest_text: str = ""
    latest_status: str | None = None

    @property
    def is_open(self) -> bool:
        return self.status in OPEN_ACTION_STATUSES

    def is_overdue(self, as_of: dt.date) -> bool:
        return self.is_open and self.due is not None and self.due < as_of


# The option each named filter comes from, and how a name that matches nothing is told.
_MISSING = {
    "panel": "no panel called",
    "organisation": "no organisation called",
    "owner": "nobody called",
}


def _conditions(filters: ActionFilter, as_of: dt.date) -> list[pw.Expression]:
    """What the filters mean, as the officers' follow-up view reads them (one definition:
    wardpanel.queries.actions); ExportError (status 2) for a name that matches nothing."""
    named = resolve_names(filters.panel, filters.organisation, filters.owner)
    for key in named.missing:
        name = getattr(filters, key).strip()
        raise ExportError(f"--{key}: {_MISSING[key]} '{name}'", USER_FAULT)
    conditions = action_conditions(named)
    if filters.status or filters.overdue:
        statuses = (filters.status,) if filters.status else ACTION_STATUSES
        conditions += status_conditions(statuses, filters.overdue, as_of)
    return conditions


def select_actions(filters: ActionFilter, as_of: dt.date) -> list[ActionRow]:
    """The actions the filters pick, each with its latest update, in no set order."""
    if filters.status and filters.status not in ACTION_STATUSES:
        raise ExportError(
            f"--status: '{filters.status}' is not one of {', '.join(ACTION_STATUSES)}",
            USER_FAULT,
        )
    conditions = _conditions(filters, as_of)
    Owner = Person.alias()

    def query(*columns: pw.Node) -> pw.ModelSelect:
        chosen = (
            Action.select(*columns)
            .join(Owner, pw.JOIN.LEFT_OUTER, on=(Action.owner == Owner.id))
            .switch(Action)
            .join(Organisation, pw.JOIN.LEFT_OUTER, on=(Action.organisation == Organisation.id))
            .switch(Action)
            .join(Meeting, on=(Action.meeting == Meeting.id))
            .join(Panel, on=(Meeting.panel == Panel.id))
            .switch(Action)
            .join(Question, pw.JOIN.LEFT_OUTER, on=(Action.question == Question.id))
        )
        return chosen.where(*conditions) if conditions else chosen

    rows = {}
    for (
        action_id,
        text,
        due,
        status,
        owner_id,
        owner,
        organisation,
        panel,
        meeting_date,
        anonymous,
        asker_id,
    ) in query(
        Action.id,
        Action.text,
        Action.due,
        Action.status,
        Action.owner,
        Owner.name,
        Organisation.name,
        Panel.name,
        Meeting.date,
        Question.anonymous,
        Question.asker,
    ).tuples():
        rows[action_id] = ActionRow(
            id=action_id,
            text=text,
            due=due,
            status=status,
            owner_id=owner_id,
            owner=owner,
            organisation=organisation,
            panel=panel,
            meeting_date=meeting_date,
            asked_anonymously_by_owner=bool(anonymous and owner_id and asker_id == owner_id),
        )
    if rows:
        history = (
            ActionUpdate.select(
                ActionUpdate.action, ActionUpdate.date, ActionUpdate.text, ActionUpdate.status
            )
            .where(ActionUpdate.action.in_(query(Action.id)))
            .order_by(ActionUpdate.action, ActionUpdate.date, ActionUpdate.id)
            .tuples()
        )
        for action_id, date, text, status in history:
            row = rows.get(action_id)
            if row is not None:  # the later update of the same action wins
                row.latest_date, row.latest_text, row.latest_status = date, text, status
    return list(rows.values())
