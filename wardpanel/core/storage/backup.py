"""Copies of a SQLite database taken while it is in use, and the one taken before an upgrade.

SQLite's online backup reads the whole database as one snapshot: something saved at the
same moment is either wholly in the copy or not in it at all, and the chair's saves carry
on meanwhile (in WAL mode a reader never blocks a writer). The copy is made in a hidden
temporary file beside its destination, checked, flushed to the disk and only then given
its name, so a failed backup never leaves half a file under a backup's name, and an
existing file is replaced only when asked. Backups are readable by their owner only,
like the database itself.

A PostgreSQL database is backed up by its server's own tool, pg_dump.
"""

from __future__ import annotations

import contextlib
import datetime as dt
import errno
import os
import secrets
import sqlite3
from dataclasses import dataclass
from pathlib import Path
from urllib.parse import quote, urlparse

BACKUPS_FOLDER = "backups"
USER_FAULT = 2
OTHER_FAILURE = 1
# How long the copy waits for a program that is opening or recovering the database.
BUSY_TIMEOUT_SECONDS = 10.0


class BackupError(Exception):
    """A backup could not be taken; the message says why in plain words.

    `status` is the exit status a command should end with: 2 when the user can fix what
    they asked for (the file exists, the folder is a file), 1 otherwise.
    """

    def __init__(self, message: str, status: int = OTHER_FAILURE) -> None:
        super().__init__(message)
        self.status = status


@dataclass(frozen=True)
class Backup:
    """A backup written: where, and how many bytes."""

    path: Path
    size: int


def database_file(target: str) -> Path | None:
    """The SQLite file a database target (a path or URL, as --db takes it) names; None for
    a PostgreSQL URL. Raises BackupError for a sqlite:// URL without a path."""
    from wardpanel.core.storage.database import DatabaseUnavailable, _sqlite_path, is_url

    if is_url(target) and not target.startswith("sqlite:"):
        return None
    try:
        return _sqlite_path(target)
    except DatabaseUnavailable as error:
        raise BackupError(str(error), USER_FAULT) from None


def backups_beside(database: Path) -> list[Path]:
    """The backups in the folder where `wardpanel backup` and upgrades put them."""
    folder = Path(database).parent / BACKUPS_FOLDER
    return sorted(folder.glob("*.db")) if folder.is_dir() else []


def without_password(url: str) -> str:
    """A database URL with its password left out, to show in a command to copy."""
    parsed = urlparse(url)
    if parsed.password is None:
        return url
    user = f"{parsed.username}@" if parsed.username else ""
    host = parsed.netloc.rsplit("@", 1)[1]
    return parsed._replace(netloc=user + host).geturl()


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
    `force`) or cannot be written; the database itself is never changed.
    """
    database = Path(database)
    if not database.is_file():
        if database.is_dir():
            raise BackupError(f"{database} is a folder, not a database file.", USER_FAULT)
        raise BackupError(f"There is no database at {database}: check --db.", OTHER_FAILURE)
    if destination is None:
        target = unused_name(default_backup_path(database))
    else:
        target = Path(destination)
        _check_destination(target, force=force)
    try:
        source = sqlite3.connect(
            f"file:{quote(str(database.resolve()))}?mode=ro",
            uri=True,
            timeout=BUSY_TIMEOUT_SECONDS,
        )
    except sqlite3.Error as error:
        raise BackupError(f"Cannot read the database {database}: {error}.") from None
    try:
        return write_backup(source, target, force=force, what=str(database))
    finally:
        source.close()


def write_backup(
    source: sqlite3.Connection, destination: Path, *, force: bool = False, what: str = ""
) -> Backup:
    """Write a consistent copy of the database open on `source` to `destination`.

    The folder is created (owner-only) when missing. Raises BackupError, leaving nothing
    behind, when the copy cannot be written or the destination exists without `force`.
    """
    destination = Path(destination)
    _make_folder(destination.parent)
    temp = destination.with_name(f".{destination.name}.{secrets.token_hex(4)}.part")
    try:
        _write_copy(source, temp, destination, what or "the database")
        try:
            if force:
                os.replace(temp, destination)
            else:
                _place_without_replacing(temp, destination)
        except FileExistsError:
            raise BackupError(
                f"{destination} already exists: use --force to replace it", USER_FAULT
            ) from None
        except OSError as error:
            raise _explain(error, destination) from None
    finally:
        _remove_quietly(temp)
        for suffix in ("-journal", "-wal", "-shm"):
            _remove_quietly(temp.with_name(temp.name + suffix))
    _sync_folder(destination.parent)
    return Backup(destination, destination.stat().st_size)


def back_up_before_upgrade(
    connection: sqlite3.Connection, database: Path, first_change: str
) -> Backup:
    """The copy taken before migrations change an existing database, named after the
    first migration to run: backups/wardpanel-before-0004-<date>-<time>.db."""
    label = f"before-{first_change.split('_')[0]}"
    target = unused_name(default_backup_path(Path(database), label))
    return write_backup(connection, target, what=str(database))


def unused_name(path: Path) -> Path:
    """`path`, or `name-2.db`, `name-3.db`... when two backups fall in the same second."""
    candidate, number = path, 1
    while candidate.exists():
        number += 1
        candidate = path.with_name(f"{path.stem}-{number}{path.suffix}")
    return candidate


def _check_destination(path: Path, *, force: bool) -> None:
    """Refuse at once, before any copying, a destination the user must change."""
    if path.is_dir():
        raise BackupError(f"{path} is a folder: give a file name for the backup", USER_FAULT)
    if path.exists() and not force:
        raise BackupError(f"{path} already exists: use --force to replace it", USER_FAULT)


def _make_folder(folder: Path) -> None:
    if folder.is_dir():
        return
    try:
        folder.mkdir(mode=0o700, parents=True, exist_ok=True)
    except OSError as error:
        raise _explain(error, folder / "backup") from None


def _write_copy(source: sqlite3.Connection, temp: Path, destination: Path, what: str) -> None:
    """The copy in `temp` (owner-only), checked and flushed to the disk."""
    try:
        # Created before SQLite opens it, so that it is private whatever the umask.
        os.close(os.open(temp, os.O_WRONLY | os.O_CREAT | os.O_EXCL, 0o600))
    except OSError as error:
        raise _explain(error, destination) from None
    copy = sqlite3.connect(temp)
    try:
        # One step (pages=-1): the whole database is read under one read transaction,
        # which is what makes the copy a picture of a single moment.
        source.backup(copy, pages=-1)
        verdict = copy.execute("PRAGMA quick_check").fetchone()[0]
    except sqlite3.Error as error:
        raise _explain_sqlite(error, what, destination) from None
    finally:
        copy.close()
    if verdict != "ok":
        raise BackupError(f"The copy of {what} failed its check ({verdict}); nothing was kept.")
    try:
        with open(temp, "rb+") as handle:
            os.fsync(handle.fileno())
    except OSError as error:
        raise _explain(error, destination) from None


def _place_without_replacing(temp: Path, path: Path) -> None:
    """Give the finished copy its name; FileExistsError when the name is taken."""
    try:
        os.link(temp, path)
    except FileExistsError:
        raise
    except OSError as error:
        # Some file systems (FAT on a memory stick, some network shares) have no hard links.
        if error.errno not in (errno.EPERM, errno.ENOTSUP, errno.EOPNOTSUPP, errno.EXDEV):
            raise
        if path.exists():
            raise FileExistsError(errno.EEXIST, "exists", str(path)) from None
        os.replace(temp, path)


def _explain(error: OSError, path: Path) -> BackupError:
    folder = path.parent
    code = error.errno
    if code in (errno.ENOTDIR, errno.EEXIST):
        return BackupError(
            f"Cannot write the backup {path}: part of that path is a file, not a folder.",
            USER_FAULT,
        )
    if code in (errno.EACCES, errno.EPERM, errno.EROFS):
        return BackupError(
            f"Cannot write the backup {path}: the folder {folder} is read-only or not yours."
        )
    if code in (errno.ENOSPC, getattr(errno, "EDQUOT", errno.ENOSPC)):
        return BackupError(f"Cannot write the backup {path}: the disk is full.")
    return BackupError(f"Cannot write the backup {path}: {error.strerror or error}.")


def _explain_sqlite(error: sqlite3.Error, what: str, destination: Path) -> BackupError:
    text = str(error).lower()
    if "not a database" in text or "malformed" in text:
        return BackupError(f"{what} is not a wardpanel database, or it is damaged.", USER_FAULT)
    if "full" in text:
        return BackupError(f"Cannot write the backup {destination}: the disk is full.")
    if "readonly" in text or "unable to open" in text:
        return BackupError(
            f"Cannot write the backup {destination}: the folder {destination.parent} is "
            "read-only or not yours."
        )
    return BackupError(f"The backup of {what} failed: {error}.")


def _sync_folder(folder: Path) -> None:
    """Flush the folder entry, so that the backup's name survives a power cut."""
    try:
        fd = os.open(folder, os.O_RDONLY)
    except OSError:
        return
    with contextlib.suppress(OSError):
        os.fsync(fd)
    os.close(fd)


def _remove_quietly(path: Path) -> None:
    with contextlib.suppress(OSError):
        os.unlink(path)
