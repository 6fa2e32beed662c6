"""A PostgreSQL server that tests may stop, start and restart, and faults at COMMIT.

The suite's shared server (WARDPANEL_TEST_POSTGRES) must stay up for every other test,
so the tests about a server going away start their own (tests/pgserver.py): one per
test session (per worker under pytest-xdist), on 127.0.0.1 and a free port, deleted at
exit. Without PostgreSQL's programs or driver the tests that need it are skipped,
saying why; under CI (CI=true) they fail instead, as CI must exercise them.
"""

from __future__ import annotations

import atexit
import os
import tempfile
from collections.abc import Callable
from pathlib import Path

import peewee
import pytest

from tests.pgserver import Server, ServerUnavailable, find_bin

_server: Server | None = None


def _unavailable(reason: str) -> None:
    if os.environ.get("CI") == "true":
        pytest.fail(f"CI must run the PostgreSQL restart tests, but {reason}")
    pytest.skip(reason)


def restartable_server() -> Server:
    """The session's own server, started on first use and running when returned."""
    global _server
    try:
        import psycopg2  # noqa: F401
    except ImportError:
        _unavailable("the PostgreSQL driver is not installed: pip install -e '.[postgres]'")
    if _server is None:
        try:
            find_bin()
        except ServerUnavailable as error:
            _unavailable(str(error))
        server = Server(Path(tempfile.mkdtemp(prefix="wardpanel-restartable-")))
        atexit.register(server.destroy)
        # On disk, not in memory: a worker that dies leaves a folder behind, not memory.
        server.create(in_memory=False)
        _server = server
    if not _server.is_running():
        _server.start()
    return _server


class CommitFault:
    """Replaces the database's COMMIT, once, with COMMIT and a lost connection around it.

    `before`: the connection is ended before COMMIT reaches the server (it rolls back).
    `after`: COMMIT succeeds, then the connection is ended before the app hears so.
    `then`: run after the connection is ended (e.g. stop the server).
    """

    def __init__(
        self,
        database: peewee.PostgresqlDatabase,
        server: Server,
        *,
        when: str,
        then: Callable[[], None] = lambda: None,
    ) -> None:
        self.database = database
        self.server = server
        self.when = when
        self.then = then
        self.real_commit = database.commit
        self.calls = 0

    def end_connection(self, backend: int) -> None:
        import psycopg2

        side = psycopg2.connect(self.server.url(), connect_timeout=10)
        try:
            side.autocommit = True
            with side.cursor() as cursor:
                # Waits (up to 10 s) until the server process has ended.
                cursor.execute("SELECT pg_terminate_backend(%s, 10000)", (backend,))
        finally:
            side.close()
        self.then()

    def __call__(self) -> None:
        self.calls += 1
        if self.calls > 1:
            return self.real_commit()
        cursor = self.database.connection().cursor()
        cursor.execute("SELECT pg_backend_pid()")
        backend = cursor.fetchone()[0]
        if self.when == "before":
            self.end_connection(backend)
            return self.real_commit()
        self.real_commit()
        self.end_connection(backend)
        # The app now uses its connection and learns it is gone.
        peewee.PostgresqlDatabase.execute_sql(self.database, "SELECT 1")
