"""Importing meeting files: every file checked first, then all written in one transaction.

All or nothing: a file refused, or a failure while writing, leaves the database as it
was. The write transaction holds the database's write lock (on SQLite, the only one:
the chair's app and other programs wait for it, and give up after the busy timeout),
so the work done inside it is kept short: the files are read and checked before it
begins, and the rows of each meeting are written and indexed in bulk
(wardpanel.interchange.writing says who is who).
"""

from __future__ import annotations

import datetime as dt
from pathlib import Path

import peewee as pw

from wardpanel.core.models import Meeting, Panel
from wardpanel.core.storage.database import db
from wardpanel.interchange.contents import MeetingFile
from wardpanel.interchange.format import DEFAULT_TITLE, InterchangeError
from wardpanel.interchange.reading import read_meeting_file
from wardpanel.interchange.writing import write_meeting
from wardpanel.services import indexing


def find_meeting(panel_name: str, date: dt.date, title: str = DEFAULT_TITLE) -> int | None:
    """The id of the panel's meeting with that date and title, or None."""
    panel = Panel.get_or_none(pw.fn.lower(Panel.name) == pw.fn.lower(panel_name))
    if panel is None:
        return None
    found = Meeting.get_or_none(
        Meeting.panel == panel, Meeting.date == date, Meeting.title == title
    )
    return found.id if found else None


def _refuse_duplicates(files: list[MeetingFile]) -> None:
    """No meeting may be in the database already, nor twice among the files."""
    first_seen: dict[tuple[str, dt.date, str], str] = {}
    for parsed in files:
        same = f"{parsed.panel_name} already has a meeting '{parsed.title}' on that date"
        identity = (parsed.panel_name.lower(), parsed.date, parsed.title)
        if identity in first_seen:
            raise InterchangeError(
                f"{parsed.label}: meeting.date: '{parsed.date.isoformat()}': the same meeting "
                f"({parsed.panel_name}, '{parsed.title}') is also in {first_seen[identity]}",
                file=parsed.label,
                key="meeting.date",
            )
        first_seen[identity] = parsed.label
        existing = find_meeting(parsed.panel_name, parsed.date, parsed.title)
        if existing is not None:
            raise InterchangeError(
                f"{parsed.label}: meeting.date: '{parsed.date.isoformat()}': {same} "
                f"(meeting {existing})",
                file=parsed.label,
                key="meeting.date",
            )


def import_files(paths: list[Path]) -> list[int]:
    """Load meeting files, all or nothing; the new meetings' ids, in the files' order.

    Every file is read and checked completely before anything is written, then all of
    them are written in one transaction. Refused (InterchangeError, nothing written):
    an unreadable file, text that is not UTF-8 or not JSON, a wrong `format` or
    `version`, an unknown key, a wrong type, an unknown enumeration value, an impossible
    date or time, a dangling `question` or `priority` position, a number that is not a
    figure, a person listed twice in the attendance, and a meeting that already exists
    (same panel, date and title) or comes twice. Anything that is not a regular file
    of at most MAX_FILE_BYTES (a FIFO, a device, a folder) is refused unread.
    """
    parsed = [read_meeting_file(Path(path)) for path in paths]
    with db.atomic():
        # Checked inside the write transaction, so no other program can slip the same
        # meeting in between the check and the write.
        _refuse_duplicates(parsed)
        meeting_ids = [write_meeting(meeting_file) for meeting_file in parsed]
        # Rows written here directly, so indexed here, in the same transaction, each
        # meeting in a few statements.
        for meeting_id in meeting_ids:
            indexing.index_meeting(meeting_id)
        return meeting_ids
