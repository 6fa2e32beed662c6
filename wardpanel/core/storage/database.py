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
import stat
import time
from collections.abc import Iterator
from pathlib import Path
from urllib.parse import parse_qsl, unquote, urlparse

import peewee

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


class DatabaseUnavailable(Exception):
    """The database cannot be opened or written; the message says why, in plain words."""


def is_url(target: str) -> bool:
    return "://" in target


def describe(target: str) -> str:
    """The target as it may be shown to a user: a URL loses its password."""
    if not is_url(target):
        return target
    parsed = urlparse(target)
    if parsed.password:
        netloc = parsed.netloc.replace(f":{parsed.password}@", ":***@")
        return parsed._replace(netloc=netloc).geturl()
    return target


def friendly_error(error: BaseException, target: str = "") -> str:
    """A one-line explanation of a database failure that a chair can act on."""
    if isinstance(error, DatabaseUnavailable):
        return str(error)  # already plain, e.g. a server that went away during a save
    text = str(error).lower()
    where = f" ({describe(target)})" if target else ""
    if "locked" in text or "busy" in text:
        return f"The database is busy: another program is writing to it{where}. Try again."
    if "readonly" in text or "read-only" in text:
        return f"The database cannot be written: the file or its folder is read-only{where}."
    if "not a database" in text or "malformed" in text:
        return f"That file is not a wardpanel database, or it is damaged{where}."
    if "unable to open" in text:
        return f"The database file cannot be opened{where}: check the path and permissions."
    if "disk" in text and ("full" in text or "i/o" in text):
        return f"The disk is full or failing: nothing more can be saved{where}."
    # A server's refusals arrive as "connection to server ... failed: FATAL: ...".
    if "password authentication failed" in text or ("role" in text and "does not exist" in text):
        return f"The database server refused the user name or password{where}."
    if "database" in text and "does not exist" in text:
        return f"The server has no such database{where}: create it first (createdb NAME)."
    if "pg_hba.conf" in text:
        return f"The database server does not let this user in from here{where}: ask its admin."
    if "could not connect" in text or "connection" in text or "server closed" in text:
        return f"The database server cannot be reached{where}: it may be restarting."
    first_line = str(error).strip().splitlines()[0] if str(error).strip() else type(error).__name__
    return f"The database reported an error{where}: {first_line}"


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


def _sqlite_path(target: str) -> Path:
    if target.startswith("sqlite:///"):
        return Path(unquote(target[len("sqlite:///") :]))
    if target.startswith("sqlite://"):
        raise DatabaseUnavailable(f"'{target}' has no path: write sqlite:///path/to/file.db")
    return Path(target)


def _prepare_sqlite_file(path: Path) -> None:
    """Create the folder (owner-only when new) and an owner-only file before SQLite opens
    it; an existing database and its -wal and -shm files become owner-only if they were
    not. SQLite gives the -wal and -shm files it creates the database file's own mode, so
    a private database file keeps them private whatever the umask."""
    if path.is_dir():
        raise DatabaseUnavailable(f"{path} is a folder, not a database file.")
    try:
        path.parent.mkdir(mode=0o700, parents=True, exist_ok=True)
    except OSError as error:
        raise DatabaseUnavailable(
            f"Cannot create the folder {path.parent}: {error.strerror or error}."
        ) from None
    if path.exists():
        _make_private(path)
        return
    try:
        # The mode given here is only ever narrowed by the umask, never widened.
        os.close(os.open(path, os.O_CREAT | os.O_WRONLY, 0o600))
    except OSError as error:
        raise DatabaseUnavailable(
            f"Cannot create the database {path}: {error.strerror or error}."
        ) from None


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
    if is_url(target) and not target.startswith("sqlite:"):
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
    path = _sqlite_path(target)
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
    pending = sorted(_migration_names() - applied)
    if not pending:
        return []  # the usual start: nothing to do, and no need to load the runner
    if applied and isinstance(database, peewee.SqliteDatabase) and _holds_records(database):
        _back_up_before_upgrade(database, pending[0])
    from playhouse.migrations import Runner

    return Runner(database, directory=str(MIGRATIONS_DIR)).up()


def _holds_records(database: peewee.Database) -> bool:
    tables = [table for table in database.get_tables() if table != "schema_migration"]
    return any(
        database.execute_sql(f'SELECT 1 FROM "{table}" LIMIT 1').fetchone() for table in tables
    )


def _back_up_before_upgrade(database: peewee.SqliteDatabase, first_change: str) -> None:
    """The copy of the database as it was, or DatabaseUnavailable and no upgrade."""
    from wardpanel.core.storage.backup import BackupError, back_up_before_upgrade

    if database.database == ":memory:":
        return
    path = Path(database.database)
    try:
        back_up_before_upgrade(database.connection(), path, first_change)
    except BackupError as error:
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
    except ImportError:
        raise DatabaseUnavailable(
            "PostgreSQL needs its driver: pip install 'wardpanel[postgres]'."
        ) from None
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
    """

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
                    return
                except peewee.OperationalError as error:
                    text = str(error).lower()
                    waiting = "locked" in text or "busy" in text
                    if not waiting or time.monotonic() >= deadline:
                        raise
                time.sleep(random.uniform(0.0002, 0.001))
        finally:
            self.execute_sql(f"PRAGMA busy_timeout = {int(self.timeout * 1000)}")

    def _rolled_back_by_sqlite(self) -> bool:
        return not self.is_closed() and not self.connection().in_transaction

    def rollback(self) -> None:
        if not self._rolled_back_by_sqlite():
            super().rollback()

    def execute_sql(self, sql: str, params: object = None):
        if sql.startswith("ROLLBACK TO SAVEPOINT") and self._rolled_back_by_sqlite():
            return None  # the whole transaction is gone already; nothing to undo
        return super().execute_sql(sql, params)
