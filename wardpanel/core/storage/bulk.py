"""Writing many rows at once, inside one write transaction, on either engine.

A long meeting file holds tens of thousands of rows; written one `Model.create` at a
time they keep the database's write lock for many seconds, while the chair's app and
other programs wait (and give up after the busy timeout). Here ids are reserved first
(`new_ids`), so rows can refer to each other before they are written, and then rows
go in with a few multi-row INSERT statements (`insert_rows`).
"""

from __future__ import annotations

import sqlite3
from collections.abc import Iterable, Sequence
from typing import Any

import peewee as pw

from wardpanel.core.storage.database import db

# SQLite's limit on the values of one statement (999 before version 3.32).
SQLITE_VARIABLES = 32_000 if sqlite3.sqlite_version_info >= (3, 32) else 990
ROWS_PER_INSERT = 1_000


def _is_postgres() -> bool:
    return isinstance(db.obj, pw.PostgresqlDatabase)


def new_ids(model: type[pw.Model], count: int) -> list[int]:
    """`count` ids for new rows of `model`, which no other writer will take.

    Call inside a write transaction. On SQLite that transaction holds the database's
    only write lock, so the ids after the highest in the table are free until it ends
    (and they are what SQLite itself would give). On PostgreSQL they are taken from
    the table's sequence, as every other insert takes them, so writers at the same
    time get others.
    """
    if count <= 0:
        return []
    table = model._meta.table_name
    if _is_postgres():
        rows = db.execute_sql(
            "SELECT nextval(pg_get_serial_sequence(%s, 'id')) FROM generate_series(1, %s)",
            (f'"{table}"', count),
        )
        return [row[0] for row in rows]
    if not db.in_transaction():
        raise RuntimeError("new_ids needs the write transaction that will use them")
    highest = db.execute_sql(f'SELECT COALESCE(MAX("id"), 0) FROM "{table}"').fetchone()[0]
    return list(range(highest + 1, highest + 1 + count))


def insert_rows(
    model: type[pw.Model], fields: Sequence[pw.Field], rows: Iterable[Sequence[Any]]
) -> int:
    """Insert rows holding the values of `fields`, in order, in a few statements.

    Values go to the driver as Python values (str, int, bool, None, dates), as peewee
    passes them. Returns the number of rows written.
    """
    columns = ", ".join(f'"{field.column_name}"' for field in fields)
    one_row = "(" + ", ".join([db.param] * len(fields)) + ")"
    per_insert = ROWS_PER_INSERT
    if not _is_postgres():
        per_insert = max(1, min(per_insert, SQLITE_VARIABLES // len(fields)))
    start = f'INSERT INTO "{model._meta.table_name}" ({columns}) VALUES '
    written = 0
    batch: list[Sequence[Any]] = []

    def flush() -> None:
        values = [value for row in batch for value in row]
        db.execute_sql(start + ", ".join([one_row] * len(batch)), values)

    for row in rows:
        batch.append(row)
        if len(batch) == per_insert:
            flush()
            written += len(batch)
            batch = []
    if batch:
        flush()
        written += len(batch)
    return written
