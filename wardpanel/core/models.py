"""The records of a ward panel's life: panels, meetings, people and what they said.

Lists keep the order they were entered in: every query orders by id.
"""

from __future__ import annotations

import datetime as dt

import peewee as pw

from wardpanel.core.storage.database import db

ATTENDANCE_STATUSES = ("present", "apologies", "absent")
ABSENCE_CATEGORIES = ("abstracted", "training", "leave", "sickness", "incident", "other")
# An attendee carried forward from the last meeting and not yet marked: never printed.
EXPECTED = "expected"
# The note heading under which quick-entry lines that could not be filed are kept.
UNFILED_HEADING = "Unfiled quick entry"
ACTION_STATUSES = ("open", "in_progress", "done", "dropped")
OPEN_ACTION_STATUSES = ("open", "in_progress")
MEETING_STATUSES = ("draft", "approved")
PRIORITY_STATUSES = ("active", "achieved", "dropped")
PRIORITY_SETTERS = ("panel", "police")
REVIEW_OUTCOMES = ("keep", "replace", "achieved", "dropped")
ORGANISATION_KINDS = ("police", "council", "other")
PUBLISH_RESIDENTS = ("named", "initials", "withheld")
QUESTION_KINDS = ("question", "statement")
QUESTION_OUTCOMES = ("answered", "taken_away", "referred", "written_reply", "unanswered")
RECOMMENDATION_STATUSES = (
    "awaiting_response",
    "accepted",
    "partly_accepted",
    "rejected",
    "implemented",
)
# What an entry in an action's history is: an officer's report, or a line the app wrote
# when the status, the due date or the owner changed (never the "latest update").
UPDATE_KINDS = ("report", "status", "due", "owner")
# Updates that only change an action's date, owner or status: lines of its history, never
# its "latest update", which is the last report on it.
HISTORY_KINDS = ("status", "due", "owner")
MEETING_EVENTS = ("approved", "reopened")
# The status a priority takes from the outcome of its latest review. A replaced priority
# is dropped: its review says it was replaced, and by which priority.
STATUS_AFTER_REVIEW = {
    "keep": "active",
    "replace": "dropped",
    "achieved": "achieved",
    "dropped": "dropped",
}


def now() -> dt.datetime:
    return dt.datetime.now().replace(microsecond=0)


def _normal_name(text: str) -> str:
    # wardpanel.core.people is loaded on the first name written, not at start-up.
    from wardpanel.core.people import normal_name

    return normal_name(text)


class NameField(pw.CharField):
    """A person's, an organisation's or a panel's name: always stored, and compared, in
    its normal form (wardpanel.core.people.normal_name), whichever code writes it (a
    form, quick entry, an import) and whatever was pasted into it, so that names which
    look alike are one name. A value compared with the column (`Person.name == typed`)
    is normalised the same way."""

    def db_value(self, value: object) -> object:
        if isinstance(value, str):
            value = _normal_name(value)
        return super().db_value(value)

    def same_as(self, typed: str) -> pw.Expression:
        """The stored name is `typed`, in any case, however `typed` was written (both
        sides lowered by the engine: PostgreSQL's lower() and Python's disagree on a few
        letters, and a name must always match itself)."""
        return pw.fn.lower(self) == pw.fn.lower(_normal_name(typed))


class BaseModel(pw.Model):
    class Meta:
        database = db
        legacy_table_names = False


class Organisation(BaseModel):
    """A police force, a council or any other body; `kind` says whether its people are
    officials (police, council) or not (other: residents' groups, schools, charities)."""

    name = NameField(unique=True)
    kind = pw.CharField(default="other")


class OrganisationAlias(BaseModel):
    """Another name that means the organisation wherever names are typed ("Met")."""

    organisation = pw.ForeignKeyField(Organisation, backref="aliases", on_delete="CASCADE")
    alias = pw.CharField()
    key = pw.CharField(unique=True)  # the alias casefolded, so "MET" and "met" are one


class Panel(BaseModel):
    name = NameField(unique=True)
    ward = pw.CharField(default="")
    borough = pw.CharField(default="")
    created_at = pw.DateTimeField(default=now)
    # How residents are printed in published documents: named, initials or withheld.
    publish_residents = pw.CharField(default="initials")
    code = pw.CharField(default="")  # the prefix of its action references, e.g. "HS"
    # The number of the last action reference it gave; only ever goes up (0007).
    last_action_number = pw.IntegerField(default=0)
    council = pw.ForeignKeyField(Organisation, null=True, on_delete="SET NULL")


class Person(BaseModel):
    """Anyone who attends, asks, answers or owns an action.

    Whether they are a resident or an official is decided in wardpanel.core.people. A
    post nobody filled ("the Borough Commander") is a person with a role and no name.
    `named`: a resident who has agreed to be named in published documents.
    """

    name = NameField(index=True)
    role = pw.CharField(default="")
    organisation = pw.ForeignKeyField(Organisation, null=True, backref="people")
    named = pw.BooleanField(default=False)


class Meeting(BaseModel):
    panel = pw.ForeignKeyField(Panel, backref="meetings", on_delete="CASCADE")
    title = pw.CharField(default="Ward panel meeting")
    date = pw.DateField(index=True)
    start = pw.CharField(default="")
    venue = pw.CharField(default="")
    chair = NameField(default="")
    status = pw.CharField(default="draft")
    next_meeting = pw.DateField(null=True)
    created_at = pw.DateTimeField(default=now)
    updated_at = pw.DateTimeField(default=now)
    approved_on = pw.DateField(null=True)
    approved_by = pw.CharField(default="")
    # The previous meeting's minutes agreed as a correct record at this one (None: not said).
    previous_agreed = pw.BooleanField(null=True)
    previous_amendments = pw.TextField(default="")

    class Meta:
        indexes = ((("panel", "date", "title"), True),)


class MeetingEvent(BaseModel):
    """The trail of a meeting's minutes: approved (by whom) and reopened (and why)."""

    meeting = pw.ForeignKeyField(Meeting, backref="events", on_delete="CASCADE")
    kind = pw.CharField()
    at = pw.DateTimeField(default=now)
    by = pw.CharField(default="")
    reason = pw.TextField(default="")


class Attendance(BaseModel):
    meeting = pw.ForeignKeyField(Meeting, backref="attendance", on_delete="CASCADE")
    person = pw.ForeignKeyField(Person, backref="attendance")
    status = pw.CharField(default="present")
    reason = pw.TextField(default="")  # the reason given, for apologies or an absence
    substitute_for = pw.ForeignKeyField(
        Person, null=True, backref="substituted", on_delete="SET NULL"
    )
    arrived = pw.CharField(default="")  # HH:MM, for a late arrival
    departed = pw.CharField(default="")  # HH:MM, for an early departure
    first_time = pw.BooleanField(default=False)
    absence_category = pw.CharField(default="")

    class Meta:
        indexes = ((("meeting", "person"), True),)


class Question(BaseModel):
    meeting = pw.ForeignKeyField(Meeting, backref="questions", on_delete="CASCADE")
    asker = pw.ForeignKeyField(Person, null=True, backref="questions")
    anonymous = pw.BooleanField(default=False)
    topic = pw.CharField(default="")
    text = pw.TextField(default="")
    kind = pw.CharField(default="question")  # or a statement from the floor
    outcome = pw.CharField(default="")  # "" until the chair records one
    referred_to = pw.CharField(default="")
    internal = pw.BooleanField(default=False)  # kept out of published minutes


class Response(BaseModel):
    question = pw.ForeignKeyField(Question, backref="responses", on_delete="CASCADE")
    organisation = pw.ForeignKeyField(Organisation, null=True, backref="responses")
    responder = pw.ForeignKeyField(Person, null=True, backref="responses")
    text = pw.TextField(default="")
    internal = pw.BooleanField(default=False)


class Priority(BaseModel):
    """A policing priority of the panel, set at a meeting by the police or by the panel."""

    panel = pw.ForeignKeyField(Panel, backref="priorities", on_delete="CASCADE")
    meeting = pw.ForeignKeyField(Meeting, null=True, backref="priorities", on_delete="SET NULL")
    text = pw.TextField()
    status = pw.CharField(default="active")
    set_by = pw.CharField(default="panel")
    lead = pw.ForeignKeyField(Organisation, null=True, backref="led", on_delete="SET NULL")
    measure = pw.TextField(default="")
    review_by = pw.DateField(null=True)


class PriorityReview(BaseModel):
    """What a later meeting decided about a priority: keep, replace, achieved or dropped."""

    priority = pw.ForeignKeyField(Priority, backref="reviews", on_delete="CASCADE")
    meeting = pw.ForeignKeyField(Meeting, backref="priority_reviews", on_delete="CASCADE")
    outcome = pw.CharField(default="keep")
    note = pw.TextField(default="")
    replaced_by = pw.ForeignKeyField(Priority, null=True, backref="replacing", on_delete="SET NULL")
    created_at = pw.DateTimeField(default=now)

    class Meta:
        indexes = ((("priority", "meeting"), True),)


class Action(BaseModel):
    meeting = pw.ForeignKeyField(Meeting, backref="actions", on_delete="CASCADE")
    question = pw.ForeignKeyField(Question, null=True, backref="actions", on_delete="SET NULL")
    text = pw.TextField()
    owner = pw.ForeignKeyField(Person, null=True, backref="actions")
    organisation = pw.ForeignKeyField(Organisation, null=True, backref="actions")
    due = pw.DateField(null=True)
    status = pw.CharField(default="open")
    created_at = pw.DateTimeField(default=now)
    # The priority this action is reported against, if any.
    priority = pw.ForeignKeyField(Priority, null=True, backref="actions", on_delete="SET NULL")
    internal = pw.BooleanField(default=False)
    # As agreed at the meeting: the minutes print these, whatever happens later.
    agreed_due = pw.DateField(null=True)
    agreed_owner = pw.ForeignKeyField(
        Person, null=True, backref="agreed_actions", on_delete="SET NULL"
    )
    agreed_organisation = pw.ForeignKeyField(
        Organisation, null=True, backref="agreed_actions", on_delete="SET NULL"
    )
    ref = pw.CharField(default="", index=True)  # its reference as printed, e.g. "HS-12"

    class Meta:
        indexes = ((("status", "due"), False),)

    @property
    def is_open(self) -> bool:
        return self.status in OPEN_ACTION_STATUSES

    def is_overdue(self, today: dt.date) -> bool:
        return self.is_open and self.due is not None and self.due < today


class ActionUpdate(BaseModel):
    action = pw.ForeignKeyField(Action, backref="updates", on_delete="CASCADE")
    date = pw.DateField()
    text = pw.TextField(default="")
    status = pw.CharField(null=True)
    meeting = pw.ForeignKeyField(
        Meeting, null=True, backref="reported_updates", on_delete="SET NULL"
    )
    created_at = pw.DateTimeField(default=now)
    kind = pw.CharField(default="report")


class Note(BaseModel):
    meeting = pw.ForeignKeyField(Meeting, backref="notes", on_delete="CASCADE")
    heading = pw.CharField(default="")
    text = pw.TextField(default="")
    internal = pw.BooleanField(default=False)


class Recommendation(BaseModel):
    """Something put to an organisation that has not agreed to it: never an agreed action.

    It awaits the organisation's response until `status` says otherwise; overdue while
    it awaits one after `response_due` (`response_due_as_said` keeps the words used,
    "in the autumn").
    """

    meeting = pw.ForeignKeyField(Meeting, backref="recommendations", on_delete="CASCADE")
    text = pw.TextField()
    to_organisation = pw.ForeignKeyField(Organisation, null=True, backref="recommendations")
    from_body = pw.CharField(default="")
    response_due = pw.DateField(null=True)
    response_due_as_said = pw.CharField(default="")
    status = pw.CharField(default="awaiting_response")
    response = pw.TextField(default="")

    class Meta:
        indexes = ((("status", "response_due"), False),)


class RecommendationUpdate(BaseModel):
    recommendation = pw.ForeignKeyField(Recommendation, backref="updates", on_delete="CASCADE")
    date = pw.DateField()
    text = pw.TextField(default="")
    status = pw.CharField(null=True)
    created_at = pw.DateTimeField(default=now)


class Figure(BaseModel):
    """A number reported at a meeting, kept as written ("43", "-3.5") so it reads back
    exactly; `previous` is the last period's value, for the change."""

    meeting = pw.ForeignKeyField(Meeting, backref="figures", on_delete="CASCADE")
    category = pw.CharField(index=True)
    value = pw.CharField()
    previous = pw.CharField(null=True)
    period = pw.CharField(default="")
    unit = pw.CharField(default="")
    note = pw.TextField(default="")


class Correction(BaseModel):
    """A merge, rename or alias of a person or an organisation, as it was made."""

    kind = pw.CharField()
    text = pw.TextField()
    at = pw.DateTimeField(default=now)


class Draft(BaseModel):
    """Text typed in an open editor, kept until it is saved or discarded."""

    key = pw.CharField(unique=True)
    meeting = pw.ForeignKeyField(Meeting, null=True, backref="drafts", on_delete="CASCADE")
    label = pw.CharField(default="")
    payload = pw.TextField()
    updated_at = pw.DateTimeField(default=now)


ALL_MODELS = (
    Organisation,
    OrganisationAlias,
    Panel,
    Person,
    Meeting,
    MeetingEvent,
    Attendance,
    Question,
    Response,
    Action,
    ActionUpdate,
    Note,
    Priority,
    PriorityReview,
    Recommendation,
    RecommendationUpdate,
    Figure,
    Correction,
    Draft,
)
