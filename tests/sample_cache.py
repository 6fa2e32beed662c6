"""The samples tests read, each built once per process: the render-check sample
(tests/render_check.build_sample) and the app's own (wardpanel.sample.load_sample).

Building the render-check sample makes some 1,100 service calls (a third of a second),
and the tests that read documents made from it each want it fresh; the snapshot tests
each want the app's sample. On SQLite the first build in a test process is kept as its
database file's bytes, and each later test gets a copy of them in its own database
file: the same rows, ids, references and search index, written in a couple of
milliseconds. On PostgreSQL it is built each time.
"""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path
from typing import Any, TypeVar

import peewee

from tests.engines import skip_syncing
from tests.render_check import Sample, build_sample
from wardpanel.core.storage.database import db

T = TypeVar("T")

_kept: dict[str, tuple[bytes, Any]] = {}


def fresh_sample() -> Sample:
    """The render-check sample in the open database, which must be a new, empty one."""
    return _fresh("render-check", build_sample)


def fresh_app_sample() -> int:
    """The app's sample meetings in the open database, which must be a new, empty one;
    returns the id of the meeting load_sample returns."""
    from wardpanel.sample import load_sample

    return _fresh("app", load_sample)


def _fresh(name: str, build: Callable[[], T]) -> T:
    skip_syncing()  # test data need not survive a power cut
    database = db.obj
    if not isinstance(database, peewee.SqliteDatabase):
        return build()
    path = Path(database.database)
    if name not in _kept:
        built = build()
        busy, _, _ = database.execute_sql("PRAGMA wal_checkpoint(TRUNCATE)").fetchone()
        assert busy == 0, "the sample's last writes are not all in its file yet"
        _kept[name] = (path.read_bytes(), built)
        return built
    content, built = _kept[name]
    database.close()
    for suffix in ("-wal", "-shm"):
        Path(f"{path}{suffix}").unlink(missing_ok=True)
    path.write_bytes(content)  # the same file (same inode): the app's identity check holds
    database.connect()
    skip_syncing()
    return built
