"""What the record means: identity, attendance, publishing, commitments and figures.

Columns (each with its default in the column itself, so existing rows are filled by
the ALTER TABLE alone, with no table rebuild on SQLite):
- `organisation.kind`: police, council or other. Existing organisations whose names
  say police or council get that kind; an official is someone of a police or council
  organisation, or with an official role or rank.
- `organisation_alias`: other names for an organisation ("Met", "police"), unique
  whatever their case (`key` holds the casefolded form).
- `panel.publish_residents` (named, initials, withheld; default initials), `panel.code`
  (the prefix of the panel's action references, e.g. "HS"), `panel.council_id` (the
  organisation "council" means when the panel's chair types it).
- `person.named`: a resident has agreed to be named in published documents.
- `meeting.approved_on`, `approved_by`, `previous_agreed`, `previous_amendments`; and
  `meeting_event`: the trail of approvals and reopenings, with who, when and why.
- `attendance.substitute_for_id`, `arrived`, `departed`, `first_time`, `absence_category`.
  An expected post nobody filled ("the Borough Commander") is a person with no name and
  that role.
- `question.kind` (question or statement), `outcome`, `referred_to`, `internal`;
  `response.internal`, `note.internal`, `action.internal`.
- `action.agreed_due`, `agreed_owner_id`, `agreed_organisation_id`: the action as agreed
  at its meeting, whatever happens to it later; `action.ref`: its reference as printed.
  Existing actions keep the reference they were printed with ("A" and their id), and
  their due date as agreed is read back from their history ("Due date changed from
  4 Dec 2026 to ..."), so minutes printed before and after this version agree.
- `action_update.kind`: report (what an officer said), or a history line the app wrote
  itself: status, due or owner. Existing lines are sorted by the words the app wrote.
- `priority.lead_id`, `measure`, `review_by`.
Tables: `recommendation` and `recommendation_update` (put to an organisation, awaiting
its response), `figure` (numbers reported at a meeting), `correction` (merges, renames
and aliases of people and organisations, recorded).

The models here are a frozen copy (see 0001).
"""

import datetime
import re

from peewee import (
    SQL,
    BooleanField,
    CharField,
    DateField,
    DateTimeField,
    ForeignKeyField,
    Model,
    TextField,
)

MONTHS = {
    name: number
    for number, name in enumerate(
        ("jan", "feb", "mar", "apr", "may", "jun", "jul", "aug", "sep", "oct", "nov", "dec"),
        start=1,
    )
}
# The first words of the history lines the app wrote itself, before this version.
HISTORY_LINES = (
    ("status", re.compile(r"^Status changed to ")),
    ("due", re.compile(r"^Due date (changed|set|removed)")),
    ("owner", re.compile(r"^Reassigned from ")),
)
_DAY = r"(\d{1,2}) ([A-Z][a-z]{2}) (\d{4})"
AGREED_DUE = (
    re.compile(rf"^Due date changed from {_DAY} to "),
    re.compile(rf"^Due date removed \(it was {_DAY}\)"),
)


def _default(value: str):
    return [SQL(f"DEFAULT {value}")]


def up(migrator, db):
    class Base(Model):
        class Meta:
            database = db
            legacy_table_names = False

    class Organisation(Base):
        class Meta:
            table_name = "organisation"

    class Person(Base):
        class Meta:
            table_name = "person"

    class Meeting(Base):
        class Meta:
            table_name = "meeting"

    class OrganisationAlias(Base):
        organisation = ForeignKeyField(Organisation, on_delete="CASCADE")
        alias = CharField()
        key = CharField(unique=True)

        class Meta:
            table_name = "organisation_alias"

    class MeetingEvent(Base):
        meeting = ForeignKeyField(Meeting, on_delete="CASCADE")
        kind = CharField()
        at = DateTimeField(default=datetime.datetime.now)
        by = CharField(default="")
        reason = TextField(default="")

        class Meta:
            table_name = "meeting_event"

    class Recommendation(Base):
        meeting = ForeignKeyField(Meeting, on_delete="CASCADE")
        text = TextField()
        to_organisation = ForeignKeyField(Organisation, null=True)
        from_body = CharField(default="")
        response_due = DateField(null=True)
        response_due_as_said = CharField(default="")
        status = CharField(default="awaiting_response")
        response = TextField(default="")

        class Meta:
            table_name = "recommendation"
            indexes = ((("status", "response_due"), False),)

    class RecommendationUpdate(Base):
        recommendation = ForeignKeyField(Recommendation, on_delete="CASCADE")
        date = DateField()
        text = TextField(default="")
        status = CharField(null=True)
        created_at = DateTimeField(default=datetime.datetime.now)

        class Meta:
            table_name = "recommendation_update"

    class Figure(Base):
        meeting = ForeignKeyField(Meeting, on_delete="CASCADE")
        category = CharField()
        value = CharField()
        previous = CharField(null=True)
        period = CharField(default="")
        unit = CharField(default="")
        note = TextField(default="")

        class Meta:
            table_name = "figure"
            indexes = ((("category",), False),)

    class Correction(Base):
        kind = CharField()
        text = TextField()
        at = DateTimeField(default=datetime.datetime.now)

        class Meta:
            table_name = "correction"

    def org_fk(**kwargs):
        return ForeignKeyField(
            Organisation, field=Organisation.id, null=True, on_delete="SET NULL", **kwargs
        )

    def person_fk():
        return ForeignKeyField(Person, field=Person.id, null=True, on_delete="SET NULL", index=True)

    text_default = _default("''")
    false_default = _default("FALSE")
    migrator.migrate(
        migrator.add_column(
            "organisation",
            "kind",
            CharField(default="other", constraints=_default("'other'")),
            allow_not_null=True,
        ),
        migrator.add_column(
            "panel",
            "publish_residents",
            CharField(default="initials", constraints=_default("'initials'")),
            allow_not_null=True,
        ),
        migrator.add_column(
            "panel", "code", CharField(default="", constraints=text_default), allow_not_null=True
        ),
        migrator.add_column("panel", "council_id", org_fk(index=True)),
        migrator.add_column(
            "person",
            "named",
            BooleanField(default=False, constraints=false_default),
            allow_not_null=True,
        ),
        migrator.add_column("meeting", "approved_on", DateField(null=True)),
        migrator.add_column(
            "meeting",
            "approved_by",
            CharField(default="", constraints=text_default),
            allow_not_null=True,
        ),
        migrator.add_column("meeting", "previous_agreed", BooleanField(null=True)),
        migrator.add_column(
            "meeting",
            "previous_amendments",
            TextField(default="", constraints=text_default),
            allow_not_null=True,
        ),
        migrator.add_column("attendance", "substitute_for_id", person_fk()),
        migrator.add_column(
            "attendance",
            "arrived",
            CharField(default="", constraints=text_default),
            allow_not_null=True,
        ),
        migrator.add_column(
            "attendance",
            "departed",
            CharField(default="", constraints=text_default),
            allow_not_null=True,
        ),
        migrator.add_column(
            "attendance",
            "first_time",
            BooleanField(default=False, constraints=false_default),
            allow_not_null=True,
        ),
        migrator.add_column(
            "attendance",
            "absence_category",
            CharField(default="", constraints=text_default),
            allow_not_null=True,
        ),
        migrator.add_column(
            "question",
            "kind",
            CharField(default="question", constraints=_default("'question'")),
            allow_not_null=True,
        ),
        migrator.add_column(
            "question",
            "outcome",
            CharField(default="", constraints=text_default),
            allow_not_null=True,
        ),
        migrator.add_column(
            "question",
            "referred_to",
            CharField(default="", constraints=text_default),
            allow_not_null=True,
        ),
        *(
            migrator.add_column(
                table,
                "internal",
                BooleanField(default=False, constraints=false_default),
                allow_not_null=True,
            )
            for table in ("question", "response", "note", "action")
        ),
        migrator.add_column("action", "agreed_due", DateField(null=True)),
        migrator.add_column("action", "agreed_owner_id", person_fk()),
        migrator.add_column("action", "agreed_organisation_id", org_fk(index=True)),
        migrator.add_column(
            "action", "ref", CharField(default="", constraints=text_default), allow_not_null=True
        ),
        migrator.add_column(
            "action_update",
            "kind",
            CharField(default="report", constraints=_default("'report'")),
            allow_not_null=True,
        ),
        migrator.add_column("priority", "lead_id", org_fk(index=True)),
        migrator.add_column(
            "priority",
            "measure",
            TextField(default="", constraints=text_default),
            allow_not_null=True,
        ),
        migrator.add_column("priority", "review_by", DateField(null=True)),
    )
    db.create_tables(
        [OrganisationAlias, MeetingEvent, Recommendation, RecommendationUpdate, Figure, Correction]
    )
    migrator.migrate(
        migrator.add_index("action", ("ref",), False),
        migrator.add_index("figure", ("meeting_id", "category"), False),
    )
    _fill(db)


def _fill(db):
    """What the existing rows already say, written into the new columns."""
    p = db.param
    for kind, words in (("police", ("police", "constabulary")), ("council", ("council",))):
        for word in words:
            db.execute_sql(
                f"UPDATE organisation SET kind = {p} WHERE kind = 'other' AND lower(name) LIKE {p}",
                (kind, f"%{word}%"),
            )
    # Every reference printed so far was "A" and the action's id: it stays so.
    db.execute_sql(
        "UPDATE action SET ref = 'A' || CAST(id AS VARCHAR(20)), agreed_due = due, "
        "agreed_owner_id = owner_id, agreed_organisation_id = organisation_id"
    )
    updates = db.execute_sql(
        "SELECT id, action_id, text FROM action_update ORDER BY action_id, date, id"
    ).fetchall()
    first_due_change: dict[int, str] = {}
    for update_id, action_id, text in updates:
        for kind, pattern in HISTORY_LINES:
            if pattern.match(text or ""):
                db.execute_sql(
                    f"UPDATE action_update SET kind = {db.param} WHERE id = {db.param}",
                    (kind, update_id),
                )
                if kind == "due" and action_id not in first_due_change:
                    first_due_change[action_id] = text
                break
    for action_id, text in first_due_change.items():
        agreed = _agreed_due(text)
        db.execute_sql(
            f"UPDATE action SET agreed_due = {db.param} WHERE id = {db.param}",
            (agreed, action_id),
        )


def _agreed_due(text: str):
    """The due date an action had before its first change: None when it had none."""
    for pattern in AGREED_DUE:
        found = pattern.match(text)
        if found:
            day, month, year = found.groups()
            return datetime.date(int(year), MONTHS[month.lower()], int(day))
    return None  # "Due date set to ...": there was none


def down(migrator, db):
    for table in (
        "correction",
        "figure",
        "recommendation_update",
        "recommendation",
        "meeting_event",
        "organisation_alias",
    ):
        db.execute_sql(f'DROP TABLE "{table}"')
    migrator.migrate(
        migrator.drop_index("action", "action_ref"),
        migrator.drop_index("action", "action_agreed_owner_id"),
        migrator.drop_index("action", "action_agreed_organisation_id"),
        migrator.drop_index("attendance", "attendance_substitute_for_id"),
        migrator.drop_index("panel", "panel_council_id"),
        migrator.drop_index("priority", "priority_lead_id"),
    )
    columns = {
        "organisation": ("kind",),
        "panel": ("publish_residents", "code", "council_id"),
        "person": ("named",),
        "meeting": ("approved_on", "approved_by", "previous_agreed", "previous_amendments"),
        "attendance": (
            "substitute_for_id",
            "arrived",
            "departed",
            "first_time",
            "absence_category",
        ),
        "question": ("kind", "outcome", "referred_to", "internal"),
        "response": ("internal",),
        "note": ("internal",),
        "action": (
            "internal",
            "agreed_due",
            "agreed_owner_id",
            "agreed_organisation_id",
            "ref",
        ),
        "action_update": ("kind",),
        "priority": ("lead_id", "measure", "review_by"),
    }
    migrator.migrate(
        *(
            migrator.drop_column(table, column)
            for table, names in columns.items()
            for column in names
        )
    )
