"""The render-check sample (tests/render_check.build_sample), built once per process.

Building it makes some 1,100 service calls (a third of a second), and the tests that
read documents made from it each want it fresh. On SQLite the first build in a test
process is kept as its database file's bytes, and each later test gets a copy of them
in its own database file: the same rows, ids, references and search index, written in a
couple of milliseconds. On PostgreSQL it is built each time.
"""

from __future__ import annotations

from pathlib import Path

import peewee

from tests.engines import skip_syncing
from tests.render_check import Sample, build_sample
from wardpanel.core.storage.database import db

_kept: tuple[bytes, Sample] | None = None


def fresh_sample() -> Sample:
    """The sample in the open database, which must be a new, empty one."""
    global _kept
    skip_syncing()  # test data need not survive a power cut
    database = db.obj
    if not isinstance(database, peewee.SqliteDatabase):
        return build_sample()
    path = Path(database.database)
    if _kept is None:
        sample = build_sample()
        busy, _, _ = database.execute_sql("PRAGMA wal_checkpoint(TRUNCATE)").fetchone()
        assert busy == 0, "the sample's last writes are not all in its file yet"
        _kept = (path.read_bytes(), sample)
        return sample
    content, sample = _kept
    database.close()
    for suffix in ("-wal", "-shm"):
        Path(f"{path}{suffix}").unlink(missing_ok=True)
    path.write_bytes(content)  # the same file (same inode): the app's identity check holds
    database.connect()
    skip_syncing()
    return sample
