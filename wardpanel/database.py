"""Opening the database named by a path or URL, with safe settings and migrations.

SQLite is the default: one file, WAL, synchronous=FULL (a save survives power loss),
foreign keys, a busy timeout and IMMEDIATE write transactions so that two programs
on one file queue rather than fail. PostgreSQL serves a borough that shares a server.
"""

from __future__ import annotations

import os
from pathlib import Path
from urllib.parse import unquote, urlparse

import peewee

db = peewee.DatabaseProxy()

MIGRATIONS_DIR = Path(__file__).parent / "migrations"
# How long a save waits for another program's write to finish before giving up.
BUSY_TIMEOUT_SECONDS = float(os.environ.get("WARDPANEL_BUSY_TIMEOUT", "10"))
SQLITE_PRAGMAS = (
    ("journal_mode", "wal"),
    ("synchronous", 2),  # FULL: the WAL is synced at every commit
    ("foreign_keys", 1),
    ("busy_timeout", int(BUSY_TIMEOUT_SECONDS * 1000)),
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
    if "could not connect" in text or "connection" in text or "server closed" in text:
        return f"The database server cannot be reached{where}."
    return f"The database reported an error{where}: {error}"


def _sqlite_path(target: str) -> Path:
    if target.startswith("sqlite:///"):
        return Path(unquote(target[len("sqlite:///") :]))
    if target.startswith("sqlite://"):
        raise DatabaseUnavailable(f"'{target}' has no path: write sqlite:///path/to/file.db")
    return Path(target)


def _prepare_sqlite_file(path: Path) -> None:
    """Create the folder and an owner-only file before SQLite opens it."""
    if path.is_dir():
        raise DatabaseUnavailable(f"{path} is a folder, not a database file.")
    try:
        path.parent.mkdir(parents=True, exist_ok=True)
    except OSError as error:
        raise DatabaseUnavailable(
            f"Cannot create the folder {path.parent}: {error.strerror or error}."
        ) from None
    if path.exists():
        return
    old_umask = os.umask(0o077)
    try:
        os.close(os.open(path, os.O_CREAT | os.O_WRONLY, 0o600))
    except OSError as error:
        raise DatabaseUnavailable(
            f"Cannot create the database {path}: {error.strerror or error}."
        ) from None
    finally:
        os.umask(old_umask)


def make_database(target: str) -> peewee.Database:
    """A configured, unconnected database for a path or URL (no migrations run)."""
    if is_url(target) and not target.startswith("sqlite:"):
        parsed = urlparse(target)
        if parsed.scheme not in ("postgres", "postgresql"):
            raise DatabaseUnavailable(
                f"Unknown database URL scheme '{parsed.scheme}': use a file path, "
                "sqlite:///path or postgresql://user:pass@host:port/name."
            )
        return peewee.PostgresqlDatabase(
            unquote(parsed.path.lstrip("/")),
            user=unquote(parsed.username) if parsed.username else None,
            password=unquote(parsed.password) if parsed.password else None,
            host=parsed.hostname,
            port=parsed.port,
            autoconnect=True,
        )
    path = _sqlite_path(target)
    _prepare_sqlite_file(path)
    database = peewee.SqliteDatabase(
        str(path),
        pragmas=SQLITE_PRAGMAS,
        timeout=BUSY_TIMEOUT_SECONDS,
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
    """Bring the schema up to date in place; returns the names of migrations applied."""
    if _migration_names() <= _applied_names(database):
        return []  # the usual start: nothing to do, and no need to load the runner
    from playhouse.migrations import Runner

    return Runner(database, directory=str(MIGRATIONS_DIR)).up()


def open_database(target: str) -> peewee.Database:
    """Open (creating if needed) and migrate the database, and bind the models to it.

    Raises DatabaseUnavailable with a plain message when the file or server is
    unusable: not a database, locked, read-only, missing driver, unreachable.
    """
    database = make_database(target)
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
