"""Copies of a SQLite database taken while it is in use, and the one taken before an upgrade.

SQLite's online backup reads the whole database as one snapshot: something saved at the
same moment is either wholly in the copy or not in it at all, and the chair's saves carry
on meanwhile (in WAL mode a reader never blocks a writer). The copy is written as every
file holding names is (wardpanel.core.files): in a hidden temporary file beside its
destination, checked, flushed to the disk and only then given its name, so a failed
backup never leaves half a file under a backup's name; an existing file is replaced
only when asked, and never a device; backups are readable by their owner only, like
the database itself, and a failure is told in the same words and with the same exit
status as for any other file.

A PostgreSQL database is backed up by its server's own tool, pg_dump.
"""

from __future__ import annotations

import contextlib
import datetime as dt
import sqlite3
from dataclasses import dataclass
from pathlib import Path
from urllib.parse import quote

from wardpanel.core.errors import OTHER_FAILURE, USER_FAULT
from wardpanel.core.files import (
    WriteError,
    check_destination,
    make_private_folder,
    place_file,
    place_numbered,
    remove_empty_folder,
    shown_path,
)
from wardpanel.core.storage.targets import is_server, refuse_unless_sqlite_file, sqlite_path

BACKUPS_FOLDER = "backups"
# How long the copy waits for a program that is opening or recovering the database.
BUSY_TIMEOUT_SECONDS = 10.0
WHAT = "the backup"

# A backup that cannot be taken is told like any other file that cannot be written.
BackupError = WriteError


@dataclass(frozen=True)
class Backup:
    """A backup written: where, and how many bytes."""

    path: Path
    size: int


def database_file(target: str) -> Path | None:
    """The SQLite file a database target (a path or URL, as --db takes it) names; None for
    a PostgreSQL URL. Raises DatabaseUnavailable for a sqlite:// URL without a path."""
    if is_server(target):
        return None
    return sqlite_path(target)


def backups_beside(database: Path) -> list[Path]:
    """The backups in the folder where `wardpanel backup` and upgrades put them."""
    folder = Path(database).parent / BACKUPS_FOLDER
    return sorted(folder.glob("*.db")) if folder.is_dir() else []


def default_backup_path(database: Path, label: str = "", when: dt.datetime | None = None) -> Path:
    """`<database folder>/backups/<name>[-<label>]-<date>-<time>.db`, e.g.
    db/backups/wardpanel-2026-04-10-193005.db for db/wardpanel.db."""
    stamp = (when or dt.datetime.now()).strftime("%Y-%m-%d-%H%M%S")
    name = "-".join(part for part in (database.stem, label, stamp) if part)
    return database.parent / BACKUPS_FOLDER / f"{name}.db"


def back_up(database: Path, destination: Path | None = None, *, force: bool = False) -> Backup:
    """Copy the SQLite database at `database` to `destination` (by default a new file under
    backups/ beside it), consistently even while other programs are writing to it.

    Raises BackupError when there is no database there, the destination exists (unless
    `force`) or cannot be written; the database itself is never changed, and nothing is
    left behind, not even an empty backups folder.
    """
    database = Path(database)
    _refuse_unless_database(database)
    if destination is not None:
        check_destination(Path(destination), force=force, what=WHAT)
    try:
        source = sqlite3.connect(
            f"file:{quote(str(database.resolve()))}?mode=ro",
            uri=True,
            timeout=BUSY_TIMEOUT_SECONDS,
        )
    except sqlite3.Error as error:
        raise BackupError(f"Cannot read the database {shown_path(database)}: {error}.") from None
    try:
        return write_backup(source, destination, force=force, database=database)
    finally:
        source.close()


def _refuse_unless_database(database: Path) -> None:
    """BackupError, before anything is made, unless `database` is a SQLite file."""
    if not database.exists():
        raise BackupError(f"There is no database at {shown_path(database)}: check --db.")
    refuse_unless_sqlite_file(database)


def write_backup(
    source: sqlite3.Connection,
    destination: Path | None,
    *,
    force: bool = False,
    database: Path,
    label: str = "",
) -> Backup:
    """Write a consistent copy of the database open on `source` to `destination`, or
    (None) to a new name under backups/ beside `database`.

    The backups folder is created (owner-only) when missing, and taken away again if the
    copy fails. Raises BackupError, leaving nothing behind, when the copy cannot be
    written or the destination exists without `force`.
    """
    target = Path(destination) if destination is not None else None
    folder = target.parent if target is not None else database.parent / BACKUPS_FOLDER
    made = make_private_folder(folder, WHAT) if target is None else False

    def fill(temp: Path) -> None:
        _copy_into(source, temp, shown_path(database))

    try:
        if target is None:
            written = place_numbered(default_backup_path(database, label), fill, what=WHAT)
        else:
            written = place_file(target, fill, force=force, what=WHAT)
    except BaseException:
        if made:
            remove_empty_folder(folder)
        raise
    return Backup(written, written.stat().st_size)


def back_up_before_upgrade(
    connection: sqlite3.Connection, database: Path, first_change: str
) -> Backup:
    """The copy taken before migrations change an existing database, named after the
    first migration to run: backups/wardpanel-before-0004-<date>-<time>.db."""
    label = f"before-{first_change.split('_')[0]}"
    return write_backup(connection, None, database=Path(database), label=label)


def _copy_into(source: sqlite3.Connection, temp: Path, what: str) -> None:
    """The whole database, as of one moment, in `temp` (a new empty file), checked."""
    copy = sqlite3.connect(temp)
    try:
        # One step (pages=-1): the whole database is read under one read transaction,
        # which is what makes the copy a picture of a single moment.
        source.backup(copy, pages=-1)
        verdict = copy.execute("PRAGMA quick_check").fetchone()[0]
    except sqlite3.Error as error:
        raise _explain_sqlite(error, what) from None
    finally:
        copy.close()
        for suffix in ("-journal", "-wal", "-shm"):
            with contextlib.suppress(OSError):
                temp.with_name(temp.name + suffix).unlink()
    if verdict != "ok":
        raise BackupError(f"The copy of {what} failed its check ({verdict}); nothing was kept.")


def _explain_sqlite(error: sqlite3.Error, what: str) -> BackupError:
    text = str(error).lower()
    if "not a database" in text or "malformed" in text:
        return BackupError(f"{what} is not a wardpanel database, or it is damaged.", USER_FAULT)
    if "full" in text:
        return BackupError(f"cannot write the backup of {what}: the disk is full.", OTHER_FAILURE)
    if "readonly" in text or "unable to open" in text:
        return BackupError(
            f"cannot write the backup of {what}: its folder is read-only or not yours.",
            USER_FAULT,
        )
    return BackupError(f"The backup of {what} failed: {error}.")
