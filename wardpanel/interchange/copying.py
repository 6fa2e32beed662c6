"""Moving a whole database to another engine or place: `wardpanel copy SRC DST`.

A borough moving a laptop's SQLite file onto its PostgreSQL server, or taking a server's
records back into a file, needs every record to arrive, and proof that it did.

- SRC is read in one snapshot (a read transaction), so the app may go on writing to it
  meanwhile: the copy is SRC as it was at one moment. Nothing is written to SRC.
- DST must hold no records (it is created if it is a new file); its schema is brought up
  to date first, then every table is written in one transaction, parents before the
  tables that refer to them, each row keeping its id. On PostgreSQL the id sequences are
  then moved past the copied ids, and the search index is built afresh from the copied
  records (the index is kept differently on each engine: wardpanel.services.indexing).
- Before that transaction commits, the copy is checked: the number of rows of every
  table, and the meeting file (wardpanel.interchange) of every meeting, must be the same
  in SRC and DST. If anything differs, the transaction is rolled back, so DST keeps
  nothing, and CopyError says what differed.

Tables are found in the databases themselves, not in the models: a table added by a
later migration is copied without a change here.
"""

from __future__ import annotations

import contextlib
import time
from collections.abc import Iterator, Sequence
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any
from urllib.parse import unquote

import peewee

from wardpanel.core.storage.bulk import ROWS_PER_INSERT, SQLITE_VARIABLES
from wardpanel.core.storage.database import db, make_database, migrate
from wardpanel.core.storage.targets import DatabaseUnavailable, friendly_error, is_url
from wardpanel.core.storage.targets import shown as describe
from wardpanel.interchange.dumping import dump_meeting
from wardpanel.services import indexing

# Kept by each database for itself, never copied: the migrations applied, and the search
# index (on SQLite an FTS5 table and its shadow tables search_entry_*).
OWN_TABLES = ("schema_migration",)
INDEX_PREFIX = "search_entry"
# What a table's rows are called in the report (one, several), in the report's order.
NAMES = {
    "panel": ("panel", "panels"),
    "meeting": ("meeting", "meetings"),
    "meeting_event": ("approval or reopening", "approvals and reopenings"),
    "person": ("person", "people"),
    "organisation": ("organisation", "organisations"),
    "organisation_alias": ("organisation alias", "organisation aliases"),
    "attendance": ("attendance record", "attendance records"),
    "question": ("question", "questions"),
    "response": ("response", "responses"),
    "action": ("action", "actions"),
    "action_update": ("action update", "action updates"),
    "note": ("note", "notes"),
    "priority": ("priority", "priorities"),
    "priority_review": ("priority review", "priority reviews"),
    "recommendation": ("recommendation", "recommendations"),
    "recommendation_update": ("recommendation update", "recommendation updates"),
    "figure": ("figure", "figures"),
    "correction": ("correction", "corrections"),
    "draft": ("draft", "drafts"),
}
SQLITE_HEADER = b"SQLite format 3\x00"
DIFFERENCES_SHOWN = 5
NO_DRIVER = "PostgreSQL needs its driver: pip install 'wardpanel[postgres]'."


class CopyError(Exception):
    """The copy was refused or failed; the message says why in one line. DST keeps no
    record of a copy that failed (its schema may have been brought up to date)."""


@dataclass
class CopyReport:
    """What was copied (rows per table, in the order written) and what the check found."""

    counts: dict[str, int]
    meetings_compared: int
    search_entries: int
    seconds: float
    differences: list[str] = field(default_factory=list)

    def summary(self) -> str:
        known = list(NAMES)
        in_order = sorted(self.counts, key=lambda t: (known.index(t) if t in NAMES else 99, t))
        copied = ", ".join(
            _rows(self.counts[table], table) for table in in_order if self.counts[table]
        )
        return (
            f"Copied {copied or 'an empty database'} in {self.seconds:.1f} s "
            f"— counts match in all {len(self.counts)} tables, "
            f"{self.meetings_compared:,} meeting dumps identical; "
            f"search index rebuilt ({self.search_entries:,} entries)."
        )


def copy_database(source: str, destination: str) -> CopyReport:
    """Copy every record of SRC into DST and check the copy (see the module docstring).

    `source` and `destination` are file paths or URLs, as `--db` takes them. Raises
    CopyError, saying which side is at fault: a missing or unreadable SRC, a SRC that is
    not a wardpanel database or was made by another version, an unreachable server, a
    DST that already holds records, and any difference found by the check.
    """
    started = time.perf_counter()
    src = _open_source(source)
    try:
        dst = _open_destination(destination)
        try:
            report = _copy(src, dst, source, destination)
        finally:
            _close(dst)
    finally:
        _close(src)
    report.seconds = time.perf_counter() - started
    return report


# -- opening both sides ---------------------------------------------------------------


def _side_error(side: str, error: BaseException, target: str) -> CopyError:
    return CopyError(f"{side}: {friendly_error(error, target)}")


def _open_source(source: str) -> peewee.Database:
    """SRC, connected, checked to be a wardpanel database; never created or changed."""
    if is_url(source) and not source.startswith("sqlite:"):
        try:
            database = make_database(source)
        except DatabaseUnavailable as error:
            raise CopyError(f"SRC: {error}") from None
    else:
        database = _existing_sqlite(source)
    try:
        database.connect()
        tables = set(database.get_tables())
    except (ImportError, peewee.ImproperlyConfigured):
        raise CopyError(f"SRC: {NO_DRIVER}") from None
    except (peewee.DatabaseError, peewee.InterfaceError) as error:
        _close(database)
        raise _side_error("SRC", error, source) from None
    if not {"schema_migration", "meeting", "panel"} <= tables:
        _close(database)
        raise CopyError(f"SRC: {describe(source)} is not a wardpanel database.")
    return database


def _existing_sqlite(source: str) -> peewee.SqliteDatabase:
    """A SQLite SRC opened as it is: no file created, no setting changed, no write."""
    if source.startswith("sqlite:") and not source.startswith("sqlite:///"):
        raise CopyError(f"SRC: '{source}' has no path: write sqlite:///path/to/file.db")
    path = Path(unquote(source[len("sqlite:///") :]) if source.startswith("sqlite:") else source)
    if not path.is_file():
        what = "is a folder, not a database file" if path.is_dir() else "does not exist"
        raise CopyError(f"SRC: {path} {what}.")
    try:
        with path.open("rb") as file:
            header = file.read(len(SQLITE_HEADER))
    except OSError as error:
        raise CopyError(f"SRC: {path} cannot be read: {error.strerror or error}.") from None
    if header != SQLITE_HEADER:
        raise CopyError(f"SRC: {path} is not a wardpanel database.")
    # query_only: nothing this copy does can change SRC, whatever goes wrong.
    return peewee.SqliteDatabase(str(path), pragmas=(("query_only", 1),), timeout=10)


def _open_destination(destination: str) -> peewee.Database:
    """DST, connected and migrated to the current schema; refused if it holds records."""
    try:
        database = make_database(destination)
    except DatabaseUnavailable as error:
        raise CopyError(f"DST: {error}") from None
    try:
        database.connect()
        held = _records_held(database)
        if held:
            raise CopyError(
                f"DST: {describe(destination)} already holds {held}: copy only into a new, "
                "empty database, so that nothing in it is mixed up or overwritten."
            )
        migrate(database)
    except (ImportError, peewee.ImproperlyConfigured):
        _close(database)
        raise CopyError(f"DST: {NO_DRIVER}") from None
    except DatabaseUnavailable as error:
        _close(database)
        raise CopyError(f"DST: {error}") from None
    except (peewee.DatabaseError, peewee.InterfaceError) as error:
        _close(database)
        raise _side_error("DST", error, destination) from None
    except CopyError:
        _close(database)
        raise
    return database


def _close(database: peewee.Database) -> None:
    with contextlib.suppress(peewee.PeeweeException):
        database.close()


def _data_tables(database: peewee.Database) -> list[str]:
    return [
        table
        for table in database.get_tables()
        if table not in OWN_TABLES and not table.startswith(INDEX_PREFIX)
    ]


def _rows(count: int, table: str) -> str:
    """'1 panel', '14 meetings', '3 rows of some_table'."""
    one, several = NAMES.get(table, (f"row of {table}", f"rows of {table}"))
    return f"{count:,} {one if count == 1 else several}"


def _records_held(database: peewee.Database) -> str:
    """What a database holds, in a few words ('' when it holds no record): its meetings,
    or else the first kind of record found."""
    filled = [
        table
        for table in _data_tables(database)
        if database.execute_sql(f'SELECT 1 FROM "{table}" LIMIT 1').fetchone()
    ]
    if not filled:
        return ""
    first = "meeting" if "meeting" in filled else filled[0]
    return _rows(_count(database, first), first)


def _count(database: peewee.Database, table: str) -> int:
    return database.execute_sql(f'SELECT COUNT(*) FROM "{table}"').fetchone()[0]


def _applied(database: peewee.Database) -> set[str]:
    return {row[0] for row in database.execute_sql("SELECT name FROM schema_migration")}


# -- copying --------------------------------------------------------------------------


@contextlib.contextmanager
def _using(database: peewee.Database) -> Iterator[None]:
    """Point the models (and the search index) at `database` for a while."""
    before = db.obj
    db.initialize(database)
    try:
        yield
    finally:
        db.initialize(before)


@contextlib.contextmanager
def _snapshot(database: peewee.Database) -> Iterator[None]:
    """One read transaction: every read inside sees the database as at one moment."""
    if isinstance(database, peewee.PostgresqlDatabase):
        with database.atomic(isolation_level="REPEATABLE READ"):
            database.execute_sql("SET TRANSACTION READ ONLY")
            yield
    else:
        with database.atomic():
            yield


def _copy(src: peewee.Database, dst: peewee.Database, source: str, destination: str) -> CopyReport:
    unknown_here = _applied(src) - _applied(dst)
    not_yet_in_src = _applied(dst) - _applied(src)
    if unknown_here:
        raise CopyError(
            f"SRC: {describe(source)} was made by a newer version of wardpanel "
            f"({', '.join(sorted(unknown_here))}): copy it with that version."
        )
    if not_yet_in_src:
        raise CopyError(
            f"SRC: {describe(source)} was made by an earlier version of wardpanel: bring it "
            f"up to date first (wardpanel meetings --db {describe(source)}), then copy it."
        )
    tables = _in_dependency_order(dst, _data_tables(dst))
    if set(tables) != set(_data_tables(src)):
        raise CopyError("SRC and DST have different tables: they are not the same schema.")
    try:
        with _snapshot(src), dst.atomic():
            _refuse_if_filled(dst, destination)
            counts = {table: _copy_table(src, dst, table) for table in tables}
            _move_sequences_on(dst, tables)
            with _using(dst):
                indexing.rebuild_index()
            _gather_statistics_on(dst, tables)
            report = CopyReport(
                counts=counts,
                meetings_compared=0,
                search_entries=_count(dst, INDEX_PREFIX),
                seconds=0.0,
            )
            _check(src, dst, tables, report)
            if report.differences:
                raise _Mismatch(report)
    except _Mismatch as mismatch:
        shown = "; ".join(mismatch.report.differences[:DIFFERENCES_SHOWN])
        more = len(mismatch.report.differences) - DIFFERENCES_SHOWN
        extra = f" (and {more} more)" if more > 0 else ""
        raise CopyError(
            f"The copy does not match SRC, so DST keeps nothing of it: {shown}{extra}."
        ) from None
    except (peewee.DatabaseError, peewee.InterfaceError) as error:
        raise CopyError(
            f"The copy failed and DST keeps nothing of it: {friendly_error(error)}"
        ) from None
    return report


class _Mismatch(Exception):
    def __init__(self, report: CopyReport) -> None:
        super().__init__("mismatch")
        self.report = report


def _refuse_if_filled(dst: peewee.Database, destination: str) -> None:
    """Checked again inside the write transaction: no one may have filled DST meanwhile."""
    held = _records_held(dst)
    if held:
        raise CopyError(f"DST: {describe(destination)} already holds {held}: nothing copied.")


def _in_dependency_order(database: peewee.Database, tables: Sequence[str]) -> list[str]:
    """Tables ordered so that each comes after every table its foreign keys point to."""
    parents = {
        table: {
            key.dest_table
            for key in database.get_foreign_keys(table)
            if key.dest_table != table and key.dest_table in tables
        }
        for table in tables
    }
    ordered: list[str] = []
    while len(ordered) < len(tables):
        ready = sorted(t for t in tables if t not in ordered and parents[t] <= set(ordered))
        if not ready:
            raise CopyError("The tables refer to each other in a circle: they cannot be copied.")
        ordered.extend(ready)
    return ordered


def _columns(database: peewee.Database, table: str) -> list[peewee.ColumnMetadata]:
    return list(database.get_columns(table))


def _copy_table(src: peewee.Database, dst: peewee.Database, table: str) -> int:
    """Copy one table's rows in id order, keeping every value; returns the rows copied."""
    columns = _columns(dst, table)
    names = [column.name for column in columns]
    if set(names) != {column.name for column in _columns(src, table)}:
        raise CopyError(f"The table {table} has different columns in SRC and DST.")
    flags = [
        index
        for index, column in enumerate(columns)
        if isinstance(dst, peewee.PostgresqlDatabase) and column.data_type == "boolean"
    ]
    quoted = ", ".join(f'"{name}"' for name in names)
    order = ", ".join(f'"{key}"' for key in src.get_primary_keys(table)) or quoted
    rows = src.execute_sql(f'SELECT {quoted} FROM "{table}" ORDER BY {order}')
    per_insert = ROWS_PER_INSERT
    if isinstance(dst, peewee.SqliteDatabase):
        per_insert = max(1, min(per_insert, SQLITE_VARIABLES // len(names)))
    one_row = "(" + ", ".join([dst.param] * len(names)) + ")"
    copied = 0
    while batch := rows.fetchmany(per_insert):
        values: list[Any] = []
        for row in batch:
            row = list(row)
            # SQLite keeps a flag as 0 or 1; a PostgreSQL boolean column wants True/False.
            for index in flags:
                if row[index] is not None:
                    row[index] = bool(row[index])
            values.extend(row)
        sql = f'INSERT INTO "{table}" ({quoted}) VALUES ' + ", ".join([one_row] * len(batch))
        try:
            dst.execute_sql(sql, values)
        except ValueError as error:  # psycopg2 refuses a NUL character before sending
            raise CopyError(
                f"A text in the table {table} cannot be stored in DST: {error}."
            ) from None
        copied += len(batch)
    return copied


def _move_sequences_on(dst: peewee.Database, tables: Sequence[str]) -> None:
    """On PostgreSQL, make each id sequence continue after the highest id copied."""
    if not isinstance(dst, peewee.PostgresqlDatabase):
        return  # SQLite gives a new row the highest id plus one by itself
    for table in tables:
        for column in _columns(dst, table):
            found = dst.execute_sql(
                "SELECT pg_get_serial_sequence(%s, %s)", (f'"{table}"', column.name)
            ).fetchone()[0]
            if found:
                dst.execute_sql(
                    f'SELECT setval(%s, COALESCE(MAX("{column.name}"), 0) + 1, false) '
                    f'FROM "{table}"',
                    (found,),
                )


def _gather_statistics_on(dst: peewee.Database, tables: Sequence[str]) -> None:
    """On PostgreSQL, let the planner know the tables just filled: without statistics it
    takes them for nearly empty and reads whole tables, for the check and afterwards."""
    if isinstance(dst, peewee.PostgresqlDatabase):
        for table in (*tables, INDEX_PREFIX):
            dst.execute_sql(f'ANALYZE "{table}"')


# -- checking -------------------------------------------------------------------------


def _check(
    src: peewee.Database, dst: peewee.Database, tables: Sequence[str], report: CopyReport
) -> None:
    """Compare row counts and every meeting's dump; differences go into the report."""
    for table in tables:
        expected, copied = _count(src, table), _count(dst, table)
        if expected != copied:
            report.differences.append(f"{table}: {expected:,} rows in SRC, {copied:,} in DST")
    meeting_ids = [row[0] for row in src.execute_sql('SELECT id FROM "meeting" ORDER BY id')]
    for meeting_id in meeting_ids:
        with _using(src):
            original = dump_meeting(meeting_id)
        with _using(dst):
            copy = dump_meeting(meeting_id)
        if original != copy:
            where = _first_difference(original, copy, "")
            report.differences.append(f"meeting {meeting_id} differs at {where}")
    report.meetings_compared = len(meeting_ids)


def _first_difference(original: Any, copy: Any, path: str) -> str:
    """Where two dumps first differ, as a key path like `questions[3].text`."""
    if isinstance(original, dict) and isinstance(copy, dict):
        for key in sorted(set(original) | set(copy)):
            if original.get(key) != copy.get(key):
                return _first_difference(original.get(key), copy.get(key), f"{path}.{key}")
    if isinstance(original, list) and isinstance(copy, list):
        for number, (a, b) in enumerate(zip(original, copy, strict=False), start=1):
            if a != b:
                return _first_difference(a, b, f"{path}[{number}]")
        where = path.lstrip(".") or "the top"
        return f"{where} ({len(original)} entries in SRC, {len(copy)} in DST)"
    return path.lstrip(".") or "the top"
