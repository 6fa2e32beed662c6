"""The records of a ward panel's life: panels, meetings, people and what they said.

Lists keep the order they were entered in: every query orders by id.
"""

from __future__ import annotations

import datetime as dt

import peewee as pw

from wardpanel.core.storage.database import db

ATTENDANCE_STATUSES = ("present", "apologies", "absent")
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


class BaseModel(pw.Model):
    class Meta:
        database = db
        legacy_table_names = False


class Organisation(BaseModel):
    name = pw.CharField(unique=True)


class Panel(BaseModel):
    name = pw.CharField(unique=True)
    ward = pw.CharField(default="")
    borough = pw.CharField(default="")
    created_at = pw.DateTimeField(default=now)


class Person(BaseModel):
    """Anyone who attends, asks, answers or owns an action. No organisation: a resident."""

    name = pw.CharField(index=True)
    role = pw.CharField(default="")
    organisation = pw.ForeignKeyField(Organisation, null=True, backref="people")

    @property
    def is_resident(self) -> bool:
        return self.organisation_id is None


class Meeting(BaseModel):
    panel = pw.ForeignKeyField(Panel, backref="meetings", on_delete="CASCADE")
    title = pw.CharField(default="Ward panel meeting")
    date = pw.DateField(index=True)
    start = pw.CharField(default="")
    venue = pw.CharField(default="")
    chair = pw.CharField(default="")
    status = pw.CharField(default="draft")
    next_meeting = pw.DateField(null=True)
    created_at = pw.DateTimeField(default=now)
    updated_at = pw.DateTimeField(default=now)

    class Meta:
        indexes = ((("panel", "date", "title"), True),)


class Attendance(BaseModel):
    meeting = pw.ForeignKeyField(Meeting, backref="attendance", on_delete="CASCADE")
    person = pw.ForeignKeyField(Person, backref="attendance")
    status = pw.CharField(default="present")
    reason = pw.TextField(default="")

    class Meta:
        indexes = ((("meeting", "person"), True),)


class Question(BaseModel):
    meeting = pw.ForeignKeyField(Meeting, backref="questions", on_delete="CASCADE")
    asker = pw.ForeignKeyField(Person, null=True, backref="questions")
    anonymous = pw.BooleanField(default=False)
    topic = pw.CharField(default="")
    text = pw.TextField(default="")


class Response(BaseModel):
    question = pw.ForeignKeyField(Question, backref="responses", on_delete="CASCADE")
    organisation = pw.ForeignKeyField(Organisation, null=True, backref="responses")
    responder = pw.ForeignKeyField(Person, null=True, backref="responses")
    text = pw.TextField(default="")


class Priority(BaseModel):
    """A policing priority of the panel, set at a meeting by the police or by the panel."""

    panel = pw.ForeignKeyField(Panel, backref="priorities", on_delete="CASCADE")
    meeting = pw.ForeignKeyField(Meeting, null=True, backref="priorities", on_delete="SET NULL")
    text = pw.TextField()
    status = pw.CharField(default="active")
    set_by = pw.CharField(default="panel")


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


class Note(BaseModel):
    meeting = pw.ForeignKeyField(Meeting, backref="notes", on_delete="CASCADE")
    heading = pw.CharField(default="")
    text = pw.TextField(default="")


class Draft(BaseModel):
    """Text typed in an open editor, kept until it is saved or discarded."""

    key = pw.CharField(unique=True)
    meeting = pw.ForeignKeyField(Meeting, null=True, backref="drafts", on_delete="CASCADE")
    label = pw.CharField(default="")
    payload = pw.TextField()
    updated_at = pw.DateTimeField(default=now)


ALL_MODELS = (
    Organisation,
    Panel,
    Person,
    Meeting,
    Attendance,
    Question,
    Response,
    Action,
    ActionUpdate,
    Note,
    Priority,
    PriorityReview,
    Draft,
)
