"""Opening the database named by a path or URL, with safe settings and migrations.

SQLite is the default: one file, WAL, synchronous=FULL (a save survives power loss),
foreign keys, a busy timeout and IMMEDIATE write transactions so that two programs
on one file queue rather than fail. PostgreSQL serves a borough that shares a server.
"""

from __future__ import annotations

import contextlib
import math
import os
import random
import sqlite3
import stat
import time
from collections.abc import Iterator
from pathlib import Path
from urllib.parse import parse_qsl, quote, unquote, urlparse

import peewee

from wardpanel.core.errors import USER_FAULT, WardpanelError
from wardpanel.core.storage.targets import (
    DatabaseReplaced,
    DatabaseUnavailable,
    NewerDatabase,
    NotOurDatabase,
    friendly_error,
    is_server,
    refuse_unless_sqlite_file,
    remember_secrets,
    shown,
    sqlite_path,
)
from wardpanel.core.textclean import quoted

# Re-exported: callers name them from here, where a database is opened.
__all__ = ["DatabaseUnavailable", "db", "friendly_error", "open_database", "read_snapshot"]

db = peewee.DatabaseProxy()

MIGRATIONS_DIR = Path(__file__).parent / "migrations"
# How long a save waits for another program's write to finish before giving up, unless
# the environment or the caller says otherwise (see busy_timeout_seconds).
BUSY_TIMEOUT_VARIABLE = "WARDPANEL_BUSY_TIMEOUT"
DEFAULT_BUSY_TIMEOUT_SECONDS = 10.0
# The busy timeout is not among these: sqlite3.connect sets it from the database's
# `timeout`, which can change while the program runs.
SQLITE_PRAGMAS = (
    ("journal_mode", "wal"),
    ("synchronous", 2),  # FULL: the WAL is synced at every commit
    ("foreign_keys", 1),
    ("secure_delete", 1),  # erased text is overwritten, not left in free pages
)


def busy_timeout_seconds() -> float:
    """The busy timeout the environment asks for (WARDPANEL_BUSY_TIMEOUT, in seconds),
    else the default; read at every call, so a change takes effect at the next open.

    Raises DatabaseUnavailable for a value that is not a number of seconds.
    """
    raw = os.environ.get(BUSY_TIMEOUT_VARIABLE, "").strip()
    if not raw:
        return DEFAULT_BUSY_TIMEOUT_SECONDS
    try:
        seconds = float(raw)
    except ValueError:
        seconds = math.nan
    if not math.isfinite(seconds) or seconds < 0:
        raise DatabaseUnavailable(
            f"{BUSY_TIMEOUT_VARIABLE} must be a number of seconds (such as 10), not '{raw}'."
        )
    return seconds


def _prepare_sqlite_file(path: Path) -> None:
    """Make sure `path` is (or will be) a wardpanel database before SQLite opens it.

    A new file is created owner-only, in a folder created owner-only. An existing one is
    first checked, changing nothing, to be a SQLite database that is wardpanel's and no
    newer than this version (see `_check_existing`); only then are it and its -wal and
    -shm files made owner-only if they were not. SQLite gives the -wal and -shm files it
    creates the database file's own mode, so a private database keeps them private.
    """
    if path.exists():
        _check_existing(path)
        _make_private(path)
        return
    try:
        path.parent.mkdir(mode=0o700, parents=True, exist_ok=True)
    except OSError as error:
        raise DatabaseUnavailable(
            f"Cannot create the folder {path.parent}: {error.strerror or error}."
        ) from None
    try:
        # The mode given here is only ever narrowed by the umask, never widened. O_EXCL:
        # a file that appeared meanwhile is not taken over unchecked.
        os.close(os.open(path, os.O_CREAT | os.O_EXCL | os.O_WRONLY, 0o600))
    except FileExistsError:
        _check_existing(path)
        _make_private(path)
    except OSError as error:
        raise DatabaseUnavailable(
            f"Cannot create the database {path}: {error.strerror or error}."
        ) from None


def _check_existing(path: Path) -> None:
    """Refuse, having changed nothing, a file that is not a wardpanel database: not a
    regular file (a device, a pipe), not SQLite, another program's SQLite database, or
    one a newer wardpanel has upgraded. An empty file is a database yet to be made."""
    if not refuse_unless_sqlite_file(path):
        return
    tables, applied = _tables_and_migrations(path)
    if tables is None:
        return  # SQLite cannot read it now (busy, damaged): opening it will say why
    if tables and "schema_migration" not in tables:
        raise NotOurDatabase(
            f"{path} is another program's SQLite database, not a wardpanel database: "
            "give wardpanel a file of its own. It was left as it was.",
            USER_FAULT,
        )
    refuse_if_newer(applied, shown(str(path)))


def _tables_and_migrations(path: Path) -> tuple[set[str] | None, set[str]]:
    """The tables of an existing SQLite file and its migrations applied, read without
    changing it; (None, set()) when SQLite cannot read it at this moment."""
    try:
        reader = sqlite3.connect(f"file:{quote(str(path.resolve()))}?mode=ro", uri=True)
    except sqlite3.Error:
        return None, set()
    try:
        tables = {
            row[0] for row in reader.execute("SELECT name FROM sqlite_master WHERE type='table'")
        }
        applied: set[str] = set()
        if "schema_migration" in tables:
            applied = {row[0] for row in reader.execute("SELECT name FROM schema_migration")}
        return tables, applied
    except sqlite3.Error:
        return None, set()
    finally:
        reader.close()


def refuse_if_newer(applied: set[str], where: str) -> None:
    """NewerDatabase when migrations this version does not know were applied to it."""
    unknown = sorted(applied - _migration_names())
    if unknown:
        raise NewerDatabase(
            f"{where}: this database was written by a newer wardpanel (it has "
            f"{_named_briefly(unknown)}): use that version or a later one. Nothing was changed."
        )


def _named_briefly(names: list[str]) -> str:
    shown_names = ", ".join(quoted(name, 40) for name in names[:3])
    more = f" and {len(names) - 3} more" if len(names) > 3 else ""
    return f"migration {shown_names}{more}"


def _make_private(path: Path) -> None:
    """Take away the group's and others' access to the database files, where we may."""
    for file in (path, path.with_name(f"{path.name}-wal"), path.with_name(f"{path.name}-shm")):
        # Missing, or another user's file: left as it is (SQLite says if it is unusable).
        with contextlib.suppress(OSError):
            mode = stat.S_IMODE(file.stat().st_mode)
            if mode & 0o077:
                os.chmod(file, mode & 0o700)


def make_database(target: str, busy_timeout: float | None = None) -> peewee.Database:
    """A configured, unconnected database for a path or URL (no migrations run).

    On SQLite a save waits up to `busy_timeout` seconds for another program's write
    (None: busy_timeout_seconds()); the database's `timeout` changes it later on.
    """
    remember_secrets(target)
    if is_server(target):
        parsed = urlparse(target)
        if parsed.scheme not in ("postgres", "postgresql"):
            raise DatabaseUnavailable(
                f"Unknown database URL scheme '{parsed.scheme}': use a file path, "
                "sqlite:///path or postgresql://user:pass@host:port/name."
            )
        from wardpanel.core.storage.postgres import CONNECT_TIMEOUT, ServerDatabase

        # Options in the URL (?sslmode=require&connect_timeout=10) go to the driver.
        options = {"connect_timeout": CONNECT_TIMEOUT, **dict(parse_qsl(parsed.query))}
        return ServerDatabase(
            unquote(parsed.path.lstrip("/")),
            user=unquote(parsed.username) if parsed.username else None,
            password=unquote(parsed.password) if parsed.password else None,
            host=parsed.hostname,
            port=parsed.port,
            autoconnect=True,
            **options,
        )
    if busy_timeout is None:
        busy_timeout = busy_timeout_seconds()
    path = sqlite_path(target)
    _prepare_sqlite_file(path)
    database = SharedSqliteDatabase(
        str(path),
        pragmas=SQLITE_PRAGMAS,
        timeout=busy_timeout,
        lock_type="IMMEDIATE",
        autoconnect=True,
    )
    # SQLite's own lower() folds ASCII only: "École" and "école" would be two people.
    # PostgreSQL's lower() already folds every script, so both engines now agree.
    database.register_function(_unicode_lower, "lower", 1, deterministic=True)
    return database


def _identity(path: str) -> tuple[int, int] | None:
    """What makes a file itself whatever its name: its device and inode (None: no file
    there, or an in-memory database)."""
    if path == ":memory:" or path.startswith("file:"):
        return None
    try:
        info = os.stat(path)
    except OSError:
        return None
    return info.st_dev, info.st_ino


def _unicode_lower(value: object) -> object:
    return value.lower() if isinstance(value, str) else value


def _migration_names() -> set[str]:
    return {path.stem for path in MIGRATIONS_DIR.glob("[0-9]*.py")}


def _applied_names(database: peewee.Database) -> set[str]:
    if "schema_migration" not in database.get_tables():
        return set()
    return {row[0] for row in database.execute_sql("SELECT name FROM schema_migration")}


def migrate(database: peewee.Database) -> list[str]:
    """Bring the schema up to date in place; returns the names of migrations applied.

    Before migrations change a SQLite database that already holds records, a copy of it
    is written beside it (backups/<name>-before-<number>-<date>-<time>.db). If that copy
    cannot be written, nothing is migrated and DatabaseUnavailable says why. (On
    PostgreSQL every migration runs in a transaction; the server's own backups apply.)
    """
    applied = _applied_names(database)
    refuse_if_newer(applied, _name_of(database))
    pending = sorted(_migration_names() - applied)
    if not pending:
        return []  # the usual start: nothing to do, and no need to load the runner
    if applied and isinstance(database, peewee.SqliteDatabase) and _holds_records(database):
        _back_up_before_upgrade(database, pending[0])
    from playhouse.migrations import Runner

    return Runner(database, directory=str(MIGRATIONS_DIR)).up()


def _name_of(database: peewee.Database) -> str:
    if isinstance(database, peewee.SqliteDatabase):
        return str(database.database)
    return f"the server database {quoted(database.database, 60)}"


def _holds_records(database: peewee.Database) -> bool:
    tables = [table for table in database.get_tables() if table != "schema_migration"]
    return any(
        database.execute_sql(f'SELECT 1 FROM "{table}" LIMIT 1').fetchone() for table in tables
    )


def _back_up_before_upgrade(database: peewee.SqliteDatabase, first_change: str) -> None:
    """The copy of the database as it was, or DatabaseUnavailable and no upgrade."""
    # Loaded only for an upgrade: an ordinary start needs none of the backup code.
    from wardpanel.core.storage.backup import back_up_before_upgrade

    if database.database == ":memory:":
        return
    path = Path(database.database)
    try:
        back_up_before_upgrade(database.connection(), path, first_change)
    except WardpanelError as error:
        raise DatabaseUnavailable(
            f"{path} needs an upgrade for this version of wardpanel, and a backup is taken "
            f"first, but it could not be written: {error} The database was left as it was."
        ) from None


def open_database(target: str, busy_timeout: float | None = None) -> peewee.Database:
    """Open (creating if needed) and migrate the database, and bind the models to it.

    `busy_timeout` is as make_database takes it. Raises DatabaseUnavailable with a plain
    message when the file or server is unusable: not a database, locked, read-only,
    missing driver, unreachable.
    """
    database = make_database(target, busy_timeout)
    try:
        database.connect(reuse_if_open=True)
        migrate(database)
    except DatabaseUnavailable:
        database.close()
        raise
    except (peewee.DatabaseError, peewee.InterfaceError, OSError) as error:
        if not database.is_closed():
            database.close()
        raise DatabaseUnavailable(friendly_error(error, target)) from None
    db.initialize(database)
    return database


@contextlib.contextmanager
def read_snapshot() -> Iterator[None]:
    """Read everything inside as of one moment, while others go on saving.

    A clerk's export makes many queries; inside this they all see the database as it
    was at one instant, so a document never shows half of someone's save. On SQLite
    it is a deferred transaction: WAL keeps its snapshot from the first read and never
    holds up a writer. On PostgreSQL it is a REPEATABLE READ, READ ONLY transaction.
    Inside a transaction already open, that transaction is the snapshot.
    """
    if db.in_transaction():
        yield
        return
    if isinstance(db.obj, peewee.PostgresqlDatabase):
        with db.transaction(isolation_level="REPEATABLE READ"):
            db.execute_sql("SET TRANSACTION READ ONLY")
            yield
    else:
        # The database opens writes with BEGIN IMMEDIATE; a reader must not take the
        # write lock, or exports would queue behind the chair and hold up their saves.
        with db.transaction(lock_type="DEFERRED"):
            yield


@contextlib.contextmanager
def time_limit(seconds: float) -> Iterator[None]:
    """Stop any statement inside that runs longer than `seconds`, on either engine.

    For reads whose cost depends on what was typed (a search): whatever slips past the
    limits on input, the database stops working on it. On PostgreSQL the statement
    timeout is set for a transaction of its own, and the server is told to check, every
    second, that the client is still there: a query whose program died or gave up
    (ctrl+c, a killed process, a closed laptop) is stopped rather than left running. On
    SQLite a progress handler interrupts the statement. A statement stopped raises
    peewee.OperationalError ("took too long", in friendly_error's words).
    """
    database = db.obj
    if isinstance(database, peewee.PostgresqlDatabase):
        if database.in_transaction():
            yield  # the transaction already open has its own settings
            return
        with database.atomic():
            database.execute_sql(f"SET LOCAL statement_timeout = {int(seconds * 1000)}")
            if database.server_version >= 140000:
                database.execute_sql("SET LOCAL client_connection_check_interval = 1000")
            yield
        return
    connection = database.connection()
    deadline = time.monotonic() + seconds
    # Called every few thousand steps of SQLite's machine: a non-zero answer stops it.
    connection.set_progress_handler(lambda: int(time.monotonic() > deadline), 10_000)
    try:
        yield
    finally:
        connection.set_progress_handler(None, 0)


def interrupt(connection: object) -> None:
    """Stop the statement another thread is running on `connection` (a SQLite or a
    PostgreSQL driver's connection), as when a newer search replaces it; the server
    stops working on it too."""
    stop = getattr(connection, "interrupt", None) or getattr(connection, "cancel", None)
    if stop is not None:
        with contextlib.suppress(Exception):  # finished or closed meanwhile: nothing to stop
            stop()


class SharedSqliteDatabase(peewee.SqliteDatabase):
    """SQLite as wardpanel uses it: several programs on one file, on a disk that may fill.

    Fair turns. SQLite's own busy handler backs off to one try every 100 ms, so a
    program saving without pause (an import, quick entry at speed) takes the write lock
    again and again while another waits out its whole busy timeout and fails with
    "database is locked". Here a write transaction that finds the lock taken tries
    again within a millisecond, at a random moment, until the busy timeout (`timeout`)
    has passed: each writer soon finds the moment between two of the others' transactions.

    The real reason for a failure. After a full disk or an I/O error SQLite may roll
    the whole transaction back by itself; peewee's own ROLLBACK (or ROLLBACK TO
    SAVEPOINT) would then fail with "no transaction is active", and that message, not
    "database or disk is full", would reach the chair.

    The same file. A sync tool, or someone putting a backup back, may delete or replace
    the file while the app has it open. SQLite would go on writing to the file it opened,
    now nameless or elsewhere, and every save would be lost at the next start. So each
    write transaction, once it holds the lock, checks that the path still names the very
    file opened (same device, same inode) and refuses with DatabaseReplaced otherwise.
    """

    def __init__(self, database: str, *args: object, **kwargs: object) -> None:
        super().__init__(database, *args, **kwargs)
        self._opened_file = _identity(database)

    def begin(self, lock_type: str | None = None) -> None:
        if (lock_type or self._lock_type or "").upper() != "IMMEDIATE":
            super().begin(lock_type)
            return
        deadline = time.monotonic() + self.timeout
        self.execute_sql("PRAGMA busy_timeout = 0")
        try:
            while True:
                try:
                    super().begin(lock_type)
                    self._refuse_if_replaced()
                    return
                except peewee.OperationalError as error:
                    text = str(error).lower()
                    waiting = "locked" in text or "busy" in text
                    if not waiting or time.monotonic() >= deadline:
                        raise
                time.sleep(random.uniform(0.0002, 0.001))
        finally:
            self.execute_sql(f"PRAGMA busy_timeout = {int(self.timeout * 1000)}")

    def _refuse_if_replaced(self) -> None:
        """Inside a write transaction just begun: undo it and raise DatabaseReplaced if the
        path no longer names the file this connection has open."""
        if self._opened_file is None or _identity(self.database) == self._opened_file:
            return
        super().execute_sql("ROLLBACK")
        raise DatabaseReplaced(
            f"The database file {self.database} is no longer the one wardpanel opened: it "
            "was deleted, moved or replaced (by a sync tool, or a backup put back?), so "
            "nothing more can be saved to it. Start wardpanel again to use the file there now."
        )

    def _rolled_back_by_sqlite(self) -> bool:
        return not self.is_closed() and not self.connection().in_transaction

    def rollback(self) -> None:
        if not self._rolled_back_by_sqlite():
            super().rollback()

    def execute_sql(self, sql: str, params: object = None):
        if sql.startswith("ROLLBACK TO SAVEPOINT") and self._rolled_back_by_sqlite():
            return None  # the whole transaction is gone already; nothing to undo
        return super().execute_sql(sql, params)
