"""Priorities and their life: who set them, how later meetings reviewed them.

- `priority.set_by`: "police" or "panel"; every existing priority becomes "panel", the
  value a priority typed at a meeting always had. The default is in the column itself,
  so existing rows are filled by the ALTER TABLE alone (no table rebuild on SQLite).
- `priority_review`: one row per priority and meeting that reviewed it (unique), with
  the outcome (keep, replace, achieved, dropped), a note, and the priority that
  replaced it.
- `action.priority_id`: the priority an action is reported against (optional, indexed;
  it becomes NULL if the priority is deleted).

The models here are a frozen copy (see 0001): stand-ins for the existing tables carry
only what the new columns and table refer to.
"""

import datetime

from peewee import SQL, CharField, DateTimeField, ForeignKeyField, Model, TextField


def up(migrator, db):
    class Base(Model):
        class Meta:
            database = db
            legacy_table_names = False

    class Meeting(Base):
        class Meta:
            table_name = "meeting"

    class Priority(Base):
        class Meta:
            table_name = "priority"

    class PriorityReview(Base):
        priority = ForeignKeyField(Priority, on_delete="CASCADE")
        meeting = ForeignKeyField(Meeting, on_delete="CASCADE")
        outcome = CharField(default="keep")
        note = TextField(default="")
        replaced_by = ForeignKeyField(Priority, null=True, on_delete="SET NULL")
        created_at = DateTimeField(default=datetime.datetime.now)

        class Meta:
            table_name = "priority_review"
            indexes = ((("priority", "meeting"), True),)

    set_by = CharField(default="panel", constraints=[SQL("DEFAULT 'panel'")])
    action_priority = ForeignKeyField(
        Priority, field=Priority.id, null=True, on_delete="SET NULL", index=True
    )
    migrator.migrate(
        migrator.add_column("priority", "set_by", set_by, allow_not_null=True),
        migrator.add_column("action", "priority_id", action_priority),
    )
    db.create_tables([PriorityReview])


def down(migrator, db):
    db.execute_sql('DROP TABLE "priority_review"')
    # The index first: SQLite refuses to drop an indexed column. It then (3.35 and later)
    # drops both columns in place, so triggers other migrations put on these tables stay.
    migrator.migrate(
        migrator.drop_index("action", "action_priority_id"),
        migrator.drop_column("action", "priority_id"),
        migrator.drop_column("priority", "set_by"),
    )
