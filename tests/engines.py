"""What the tests need to know about the engine under them (see conftest.py)."""

from __future__ import annotations

import contextlib
from collections.abc import Iterator

import peewee

from wardpanel.core.storage.database import db


def is_postgresql(target: str) -> bool:
    """Whether a `--db` target names a PostgreSQL server rather than a SQLite file."""
    return target.startswith(("postgresql:", "postgres:"))


def skip_syncing() -> None:
    """Test data need not survive a power cut: SQLite stops syncing each commit (the
    PostgreSQL test server already runs without fsync)."""
    if isinstance(db.obj, peewee.SqliteDatabase):
        db.execute_sql("PRAGMA synchronous=OFF")


def storable(text: str) -> str:
    """Text as the bound engine can hold it when written past the services' cleaning:
    PostgreSQL refuses a NUL character outright, where SQLite stores it."""
    if isinstance(db.obj, peewee.PostgresqlDatabase):
        return text.replace("\x00", "")
    return text


def as_drafts() -> None:
    """Test set-up: the meetings imported so far become drafts, as if reopened (without
    the trail), for tests that go on to change them. Meeting files and the sample mark
    their meetings approved, and approved minutes refuse every change."""
    from wardpanel.core.models import Meeting

    Meeting.update(status="draft").execute()


@contextlib.contextmanager
def changing_approved() -> Iterator[None]:
    """Test set-up: change meetings imported as approved, which are approved again after."""
    from wardpanel.core.models import Meeting

    approved = [m.id for m in Meeting.select(Meeting.id).where(Meeting.status == "approved")]
    Meeting.update(status="draft").where(Meeting.id.in_(approved)).execute()
    try:
        yield
    finally:
        Meeting.update(status="approved").where(Meeting.id.in_(approved)).execute()
