"""The first schema: every table of the product's first version.

The models here are a frozen copy: later changes to wardpanel.core.models never alter what
this migration creates, so a database made by any version upgrades the same way.
"""

import datetime

from peewee import (
    BooleanField,
    CharField,
    DateField,
    DateTimeField,
    ForeignKeyField,
    Model,
    TextField,
)


def up(migrator, db):
    class Base(Model):
        class Meta:
            database = db
            legacy_table_names = False

    class Organisation(Base):
        name = CharField(unique=True)

    class Panel(Base):
        name = CharField(unique=True)
        ward = CharField(default="")
        borough = CharField(default="")
        created_at = DateTimeField(default=datetime.datetime.now)

    class Person(Base):
        name = CharField(index=True)
        role = CharField(default="")
        organisation = ForeignKeyField(Organisation, null=True)

    class Meeting(Base):
        panel = ForeignKeyField(Panel, on_delete="CASCADE")
        title = CharField(default="Ward panel meeting")
        date = DateField(index=True)
        start = CharField(default="")
        venue = CharField(default="")
        chair = CharField(default="")
        status = CharField(default="draft")
        next_meeting = DateField(null=True)
        created_at = DateTimeField(default=datetime.datetime.now)
        updated_at = DateTimeField(default=datetime.datetime.now)

        class Meta:
            indexes = ((("panel", "date", "title"), True),)

    class Attendance(Base):
        meeting = ForeignKeyField(Meeting, on_delete="CASCADE")
        person = ForeignKeyField(Person)
        status = CharField(default="present")
        reason = TextField(default="")

        class Meta:
            indexes = ((("meeting", "person"), True),)

    class Question(Base):
        meeting = ForeignKeyField(Meeting, on_delete="CASCADE")
        asker = ForeignKeyField(Person, null=True)
        anonymous = BooleanField(default=False)
        topic = CharField(default="")
        text = TextField(default="")

    class Response(Base):
        question = ForeignKeyField(Question, on_delete="CASCADE")
        organisation = ForeignKeyField(Organisation, null=True)
        responder = ForeignKeyField(Person, null=True)
        text = TextField(default="")

    class Action(Base):
        meeting = ForeignKeyField(Meeting, on_delete="CASCADE")
        question = ForeignKeyField(Question, null=True, on_delete="SET NULL")
        text = TextField()
        owner = ForeignKeyField(Person, null=True)
        organisation = ForeignKeyField(Organisation, null=True)
        due = DateField(null=True)
        status = CharField(default="open")
        created_at = DateTimeField(default=datetime.datetime.now)

        class Meta:
            indexes = ((("status", "due"), False),)

    class ActionUpdate(Base):
        action = ForeignKeyField(Action, on_delete="CASCADE")
        date = DateField()
        text = TextField(default="")
        status = CharField(null=True)
        meeting = ForeignKeyField(Meeting, null=True, on_delete="SET NULL")
        created_at = DateTimeField(default=datetime.datetime.now)

    class Note(Base):
        meeting = ForeignKeyField(Meeting, on_delete="CASCADE")
        heading = CharField(default="")
        text = TextField(default="")

    class Priority(Base):
        panel = ForeignKeyField(Panel, on_delete="CASCADE")
        meeting = ForeignKeyField(Meeting, null=True, on_delete="SET NULL")
        text = TextField()
        status = CharField(default="active")

    class Draft(Base):
        key = CharField(unique=True)
        meeting = ForeignKeyField(Meeting, null=True, on_delete="CASCADE")
        label = CharField(default="")
        payload = TextField()
        updated_at = DateTimeField(default=datetime.datetime.now)

    db.create_tables(
        [
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
            Draft,
        ]
    )
