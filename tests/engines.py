"""What the tests need to know about the engine under them (see conftest.py)."""

from __future__ import annotations

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
