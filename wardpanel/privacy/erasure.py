"""Carrying an erasure out: one transaction or a dry run, then the index and the file.

Each erasure is one transaction, and a dry run makes the same changes, counts them and
rolls them back, so what it reports is exactly what would change. After a real change
the search index is brought in step, and on SQLite the erased words are made to leave
the file itself (`clear_erased_words`).
"""

from __future__ import annotations

from collections.abc import Callable, Iterable
from typing import TypeVar

import peewee as pw

from wardpanel.core.storage.database import db
from wardpanel.privacy.reports import ErasureReport
from wardpanel.services import indexing

# Above this many meetings, the search index is rebuilt whole rather than meeting by meeting.
REINDEX_ALL_FROM = 200

Report = TypeVar("Report", bound=ErasureReport)


class _RollBack(Exception):
    """Raised inside a dry run's transaction to undo it, carrying the report out."""

    def __init__(self, report: ErasureReport) -> None:
        self.report = report


def carry_out(change: Callable[[], Report], *, dry_run: bool) -> Report:
    """Make `change` as one transaction and return its report; with `dry_run`, undo it
    and return the report marked as a dry run. A refusal raised by `change` undoes it."""
    try:
        with db.atomic():
            report = change()
            if dry_run:
                report.dry_run = True
                raise _RollBack(report)
    except _RollBack as undone:
        return undone.report  # type: ignore[return-value]
    report.words_may_linger = not clear_erased_words()
    return report


def reindex(meeting_ids: Iterable[int]) -> None:
    """Bring the search index in step with these meetings' text (whole, for very many)."""
    ids = sorted(set(meeting_ids))
    if len(ids) >= REINDEX_ALL_FROM:
        indexing.rebuild_index()
        return
    for meeting_id in ids:
        indexing.index_meeting(meeting_id)


def clear_erased_words() -> bool:
    """Make erased words leave the database file itself; False if some may linger.

    SQLite (secure_delete on) overwrites deleted rows, but the full-text index keeps a
    deleted item's words in its older segments until they are merged: 'optimize' merges
    them all now. A checkpoint then moves every change into the database file and
    empties the WAL, which holds earlier copies of changed pages; while another program
    has the database open the WAL may not be emptied (False), and it is emptied when the
    last program closes it. On PostgreSQL nothing is done here: the server keeps old
    row versions until VACUUM reclaims their space.
    """
    if not isinstance(db.obj, pw.SqliteDatabase):
        return True
    with db.atomic():
        db.execute_sql("INSERT INTO search_entry(search_entry) VALUES ('optimize')")
    busy, _, _ = db.execute_sql("PRAGMA wal_checkpoint(TRUNCATE)").fetchone()
    return not busy
