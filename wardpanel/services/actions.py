"""Actions agreed at a meeting and following them up: progress updates, closing,
reassigning and moving the due date, each written to the action's history."""

from __future__ import annotations

import datetime as dt

from wardpanel.core.errors import InputError
from wardpanel.core.fields import choice, date_value, get_or_refuse, line, long_text
from wardpanel.core.models import (
    ACTION_STATUSES,
    Action,
    ActionUpdate,
    Meeting,
    Organisation,
    Person,
    Question,
)
from wardpanel.core.people import ANONYMOUS
from wardpanel.core.words import action_ref
from wardpanel.queries.people import anonymous_askers
from wardpanel.services import indexing
from wardpanel.services.locking import meeting_to_change, refuse_if_approved
from wardpanel.services.people import organisation_named, person_named
from wardpanel.services.priorities import link_action_to_priority
from wardpanel.services.references import take_ref
from wardpanel.services.transactions import transaction


class Unchanged:
    """A value a caller leaves as it is (None has a meaning of its own)."""


UNCHANGED = Unchanged()


def _owner_and_org(
    owner: str | None, organisation: str | None, meeting_id: int | None = None
) -> tuple[Person | None, Organisation | None]:
    """Who holds an action as typed: an owner without an organisation brings their own;
    names are matched among the meeting's people first."""
    org = organisation_named(organisation, meeting_id)
    person = person_named(owner, organisation=org.name if org else None, meeting_id=meeting_id)
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
    priority_id: int | None = None,
) -> Action:
    """An action agreed at a meeting: what, who, which organisation, by when; reported
    against one of the panel's priorities with `priority_id`. It takes its panel's next
    reference ("HS-12") in the same transaction."""
    meeting = meeting_to_change(meeting_id)
    text = long_text(text, "action", required=True)
    due_date = date_value(due, "due", ahead=True)
    status = choice(status, ACTION_STATUSES, "status", "open")
    question = None
    if question_id is not None:
        question = get_or_refuse(Question, question_id, "question")
        if question.meeting_id != meeting.id:
            raise InputError("question", "belongs to another meeting")
    person, org = _owner_and_org(owner, organisation, meeting.id)
    action = Action.create(
        meeting=meeting,
        text=text,
        owner=person,
        organisation=org,
        due=due_date,
        status=status,
        question=question,
        ref=take_ref(meeting.panel_id),
    )
    if priority_id is not None:
        link_action_to_priority(action.id, priority_id)
    indexing.index_action(action.id)
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
    priority_id: int | Unchanged | None = UNCHANGED,
) -> Action:
    """Edit an action. A change of status is written to its history as an update; a
    `priority_id` reports it against another priority of its panel (None: against none).

    Once the minutes are approved, what the action says can no longer change; its owner,
    date and status still can (follow-up), the minutes keeping them as agreed."""
    action = get_or_refuse(Action, action_id, "action")
    new_text = long_text(text, "action", required=True)
    if new_text != action.text:
        refuse_if_approved(action.meeting_id)
    action.text = new_text
    new_due = date_value(due, "due", ahead=True)
    person, org = _owner_and_org(owner, organisation, action.meeting_id)
    if _after_its_meeting(action):
        if new_due != action.due and action.agreed_due is None:
            action.agreed_due = action.due
        moved = (person.id if person else None, org.id if org else None) != (
            action.owner_id,
            action.organisation_id,
        )
        if moved and action.agreed_owner_id is None and action.agreed_organisation_id is None:
            action.agreed_owner = action.owner_id
            action.agreed_organisation = action.organisation_id
    action.due = new_due
    action.owner, action.organisation = person, org
    new_status = choice(status, ACTION_STATUSES, "status", action.status)
    if new_status != action.status:
        change = ActionUpdate.create(
            action=action,
            date=dt.date.today(),
            text=f"Status changed to {new_status.replace('_', ' ')}.",
            status=new_status,
            kind="status",
        )
        indexing.index_update(change.id)
        action.status = new_status
    action.save()
    if not isinstance(priority_id, Unchanged) and priority_id != action.priority_id:
        action = link_action_to_priority(action.id, priority_id)
    indexing.index_action(action.id)
    return action


@transaction
def delete_action(action_id: int) -> None:
    """Remove an action and its history."""
    action = get_or_refuse(Action, action_id, "action")
    refuse_if_approved(action.meeting_id)
    indexing.unindex_action(action.id)
    action.delete_instance(recursive=True)


@transaction
def add_action_update(
    action_id: int,
    text: str,
    status: str | None = None,
    date: dt.date | str | None = None,
    meeting_id: int | None = None,
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
    indexing.index_update(update.id)
    if new_status is not None and new_status != action.status:
        action.status = new_status
        action.save()
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


# -- following actions up between meetings ------------------------------------------


def _owner_words(action: Action, person: Person | None, org: Organisation | None) -> str:
    """Who holds an action, as its history says it: "Name (Organisation)", or "nobody".

    Whoever asked anonymously at the meeting that agreed the action stays "A resident"
    (core.people: anonymity is a person's, not a question's).
    """
    name = person.name if person is not None else ""
    hidden = anonymous_askers([action.meeting_id]).get(action.meeting_id, frozenset())
    if person is not None and person.id in hidden:
        name = ANONYMOUS
    if name and org is not None:
        return f"{name} ({org.name})"
    return name or (org.name if org is not None else "nobody")


def _after_its_meeting(action: Action) -> bool:
    """Whether a change comes after the meeting that agreed the action (a later day, or
    its minutes approved): from then on what was agreed is kept for its minutes; a
    change on the day of a draft meeting is the chair's correction."""
    agreed = (
        Meeting.select(Meeting.date, Meeting.status)
        .where(Meeting.id == action.meeting_id)
        .tuples()
        .first()
    )
    return agreed is not None and (agreed[0] < dt.date.today() or agreed[1] == "approved")


def _day_words(day: dt.date) -> str:
    """A date as an action's history says it: "5 May 2026"."""
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
    person, org = _owner_and_org(owner, organisation, action.meeting_id)
    before, after = _owner_words(action, old_owner, old_org), _owner_words(action, person, org)
    if (person.id if person else None, org.id if org else None) == (
        action.owner_id,
        action.organisation_id,
    ):
        raise InputError("owner", f"{action_ref(action.id, action.ref)} is already with {after}")
    if _after_its_meeting(action) and action.agreed_owner_id is None:
        action.agreed_owner = action.owner_id
        action.agreed_organisation = action.organisation_id
    action.owner, action.organisation = person, org
    action.save()
    update = ActionUpdate.create(
        action=action,
        date=dt.date.today(),
        text=f"Reassigned from {before} to {after}.",
        kind="owner",
    )
    indexing.index_action(action.id)
    indexing.index_update(update.id)
    return action


@transaction
def change_due_date(action_id: int, due: dt.date | str | None) -> Action:
    """Move an action's due date (any date a chair may type; empty removes it), and write
    "Due date changed from ... to ..." to its history. InputError for an unreadable date
    or one that is already the due date."""
    action = get_or_refuse(Action, action_id, "action")
    new_due = date_value(due, "due", ahead=True)
    if new_due == action.due:
        shown = _day_words(new_due) if new_due else "not set"
        ref = action_ref(action.id, action.ref)
        raise InputError("due", f"the due date of {ref} is already {shown}")
    if new_due is None:
        text = f"Due date removed (it was {_day_words(action.due)})."
    elif action.due is None:
        text = f"Due date set to {_day_words(new_due)}."
    else:
        text = f"Due date changed from {_day_words(action.due)} to {_day_words(new_due)}."
    if _after_its_meeting(action) and action.agreed_due is None:
        action.agreed_due = action.due
    action.due = new_due
    action.save()
    update = ActionUpdate.create(action=action, date=dt.date.today(), text=text, kind="due")
    indexing.index_update(update.id)
    return action
