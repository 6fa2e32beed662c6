"""What `--db` names, and how it and the failures met opening it are told to a user.

A target is a SQLite path, `sqlite:///path`, or a `postgresql://user:pass@host/name`
URL. A chair's screen is often projected, and commands' output goes into scripts' logs:
a password is never shown anywhere, so every message about a target goes through
`shown` (the target without its password) and `friendly_error` (which also takes the
password out of whatever the driver said).

This module imports nothing else of the storage package: database.py, postgres.py and
backup.py all use it, and none of them needs another to explain a failure.
"""

from __future__ import annotations

import stat
from pathlib import Path
from urllib.parse import parse_qsl, unquote, urlencode, urlparse

import peewee

from wardpanel.core.errors import OTHER_FAILURE, USER_FAULT, WardpanelError
from wardpanel.core.textclean import quoted

SQLITE_HEADER = b"SQLite format 3\x00"
HIDDEN = "***"
# Options a URL may pass to the driver that hold a secret.
_SECRET_OPTIONS = frozenset({"password", "sslpassword"})
# The passwords of every target opened in this process: taken out of every message,
# whether or not the code reporting a failure knows which database it came from.
_opened_secrets: set[str] = set()


class DatabaseUnavailable(WardpanelError):
    """The database cannot be opened or written; the message says why, in plain words."""

    status = OTHER_FAILURE


class DatabaseReplaced(DatabaseUnavailable, peewee.OperationalError):
    """The database file was deleted or replaced under the running app: nothing more is
    saved to the file it opened. A peewee OperationalError too, so every screen that
    reports a failed save (and keeps the typed text) reports this one."""


class NotOurDatabase(DatabaseUnavailable):
    """`--db` names something that is not a wardpanel database; nothing about it changed."""


class NewerDatabase(DatabaseUnavailable):
    """The database was brought up to date by a newer wardpanel than this one: using it
    could store what that version would misread, so nothing is done (status 2)."""

    status = USER_FAULT


# What a screen meets when the database cannot do what was asked (a server away, a full
# disk, a replaced file) or a refusal it can tell in plain words: never a bug.
DATABASE_FAULTS = (peewee.DatabaseError, peewee.InterfaceError, WardpanelError)


def refuse_unless_sqlite_file(path: Path) -> bool:
    """Check, reading only, that `path` is a file holding a SQLite database; False for an
    empty file (a database yet to be made). NotOurDatabase (status 2) for a folder, a
    device, a pipe or a file of something else; DatabaseUnavailable if it is unreadable."""
    try:
        info = path.stat()
        if stat.S_ISDIR(info.st_mode):
            raise NotOurDatabase(f"{path} is a folder, not a database file.", USER_FAULT)
        if not stat.S_ISREG(info.st_mode):
            raise NotOurDatabase(f"{path} is not a file that can hold a database.", USER_FAULT)
        if info.st_size == 0:
            return False
        with path.open("rb") as file:
            header = file.read(len(SQLITE_HEADER))
    except OSError as error:
        raise DatabaseUnavailable(
            f"The database file {path} cannot be read: {error.strerror or error}."
        ) from None
    if header != SQLITE_HEADER:
        raise NotOurDatabase(f"{path} is not a wardpanel database, or it is damaged.", USER_FAULT)
    return True


def is_url(target: str) -> bool:
    return "://" in target


def is_server(target: str) -> bool:
    """True for a database server's URL (PostgreSQL), False for a SQLite file."""
    return is_url(target) and not target.startswith("sqlite:")


def sqlite_path(target: str) -> Path:
    """The file a SQLite target names; DatabaseUnavailable for `sqlite://` with no path."""
    if target.startswith("sqlite:///"):
        return Path(unquote(target[len("sqlite:///") :]))
    if target.startswith("sqlite:"):
        raise DatabaseUnavailable(
            f"{shown_excerpt(target)} has no path: write sqlite:///path/to/file.db", USER_FAULT
        )
    return Path(target)


def shown(target: str) -> str:
    """The target as it may be shown or printed: a URL without its password (given in
    the URL or as an option after `?`), e.g. postgresql://ward@db.example.org/wardpanel."""
    if not is_url(target):
        return target
    parsed = urlparse(target)
    netloc = parsed.netloc
    if "@" in netloc:
        user_part, host = netloc.rsplit("@", 1)
        user = user_part.split(":", 1)[0]
        netloc = f"{user}@{host}" if user else host
    options = parse_qsl(parsed.query, keep_blank_values=True)
    query = urlencode([(k, v) for k, v in options if k.lower() not in _SECRET_OPTIONS])
    return parsed._replace(netloc=netloc, query=query).geturl()


def shown_excerpt(target: str, limit: int = 80) -> str:
    """`shown`, quoted and cut short, for a message about a target that makes no sense."""
    return quoted(shown(target), limit)


def secrets_of(target: str) -> list[str]:
    """The password(s) a target holds, as written and as decoded, longest first."""
    if not is_url(target):
        return []
    parsed = urlparse(target)
    found = []
    if "@" in parsed.netloc:
        user_part = parsed.netloc.rsplit("@", 1)[0]
        if ":" in user_part:
            found.append(user_part.split(":", 1)[1])
    found += [v for k, v in parse_qsl(parsed.query) if k.lower() in _SECRET_OPTIONS]
    every = {secret for raw in found for secret in (raw, unquote(raw)) if secret}
    return sorted(every, key=len, reverse=True)


def remember_secrets(target: str) -> None:
    """Note the target's password(s), so that no message of this process shows them."""
    _opened_secrets.update(secrets_of(target))


def without_secrets(text: str, target: str = "") -> str:
    """`text` with every password of `target`, and of every database opened, as ***."""
    for secret in sorted({*secrets_of(target), *_opened_secrets}, key=len, reverse=True):
        text = text.replace(secret, HIDDEN)
    return text


def friendly_error(error: BaseException, target: str = "") -> str:
    """A one-line explanation of a database failure that a chair can act on; never
    holding the target's password, even when the driver's own words did."""
    if isinstance(error, WardpanelError):
        # Already plain: a server that went away during a save, a refusal.
        return without_secrets(str(error), target)
    text = str(error).lower()
    where = f" ({shown(target)})" if target else ""
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
    if "statement timeout" in text or "canceling statement" in text or text == "interrupted":
        return f"The database took too long to answer and the request was stopped{where}."
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
    return without_secrets(f"The database reported an error{where}: {first_line[:200]}", target)
