"""A throwaway PostgreSQL server that tests may stop, start and restart at will.

The suite's shared server (scripts/postgres-for-tests, or WARDPANEL_TEST_POSTGRES) must
stay up for every other test, so the tests about a server going away start their own:
one per test session, on 127.0.0.1 and a free port, deleted at exit. PostgreSQL refuses
to run as root, so under root it runs as the 'postgres' user (or 'nobody').

Without PostgreSQL's programs the tests that need this server are skipped, saying why;
under CI (CI=true) they fail instead, as CI must exercise them.
"""

from __future__ import annotations

import atexit
import contextlib
import glob
import os
import pwd
import shutil
import socket
import subprocess
import tempfile
import uuid
from collections.abc import Callable
from pathlib import Path

import peewee
import pytest

ADMIN = "postgres"


def _find_bin() -> Path | None:
    """The folder holding initdb and pg_ctl: PGBIN, Debian's newest, or PATH."""
    if os.environ.get("PGBIN"):
        return Path(os.environ["PGBIN"])
    debian = sorted(
        glob.glob("/usr/lib/postgresql/*/bin"), key=lambda p: int(p.split("/")[-2]), reverse=True
    )
    for folder in debian:
        if (Path(folder) / "pg_ctl").exists():
            return Path(folder)
    found = shutil.which("pg_ctl")
    return Path(found).parent if found else None


def _owner() -> str | None:
    """Whom the server runs as: None for ourselves; under root an unprivileged user."""
    if os.geteuid() != 0:
        return None
    for name in ("postgres", "nobody"):
        try:
            pwd.getpwnam(name)
        except KeyError:
            continue
        return name
    return None


def _free_port() -> int:
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        return probe.getsockname()[1]


class RestartableServer:
    """One PostgreSQL server in a temporary folder, with its own port."""

    def __init__(self, bin_dir: Path) -> None:
        self.bin_dir = bin_dir
        self.user = _owner()
        self.folder = Path(tempfile.mkdtemp(prefix="wardpanel-restartable-"))
        self.data = self.folder / "data"
        self.log = self.folder / "server.log"
        self.port = _free_port()
        if self.user:
            entry = pwd.getpwnam(self.user)
            os.chown(self.folder, entry.pw_uid, entry.pw_gid)

    def _run(self, *args: str) -> None:
        command = [str(self.bin_dir / args[0]), *args[1:]]
        if self.user:
            command = ["runuser", "-u", self.user, "--", *command]
        # Output to a file, not a pipe: the server started by pg_ctl inherits it and
        # would hold a pipe open for as long as it runs.
        with tempfile.TemporaryFile("w+") as output:
            done = subprocess.run(command, stdout=output, stderr=output, timeout=120)
            output.seek(0)
            said = output.read().strip()
        if done.returncode != 0:
            log = self.log.read_text(errors="replace")[-2000:] if self.log.exists() else ""
            raise RuntimeError(f"{' '.join(args[:2])} failed: {said}\n{log}")

    def create(self) -> None:
        self._run("initdb", "-D", str(self.data), "-U", ADMIN, "--auth=trust", "-E", "UTF8",
                  "--locale=C.UTF-8")  # fmt: skip
        settings = (
            f"listen_addresses = '127.0.0.1'\nport = {self.port}\n"
            f"unix_socket_directories = '{self.folder}'\n"
            "fsync = off\nfull_page_writes = off\n"
        )
        with (self.data / "postgresql.conf").open("a") as conf:
            conf.write(settings)
        self.start()

    def start(self) -> None:
        self._run("pg_ctl", "start", "-w", "-t", "60", "-D", str(self.data), "-l", str(self.log))

    def stop(self) -> None:
        """A fast shutdown, as an administrator's restart does: open sessions are ended."""
        self._run("pg_ctl", "stop", "-w", "-t", "60", "-m", "fast", "-D", str(self.data))

    def restart(self) -> None:
        self._run("pg_ctl", "restart", "-w", "-t", "60", "-m", "fast", "-D", str(self.data),
                  "-l", str(self.log))  # fmt: skip

    def is_running(self) -> bool:
        command = [str(self.bin_dir / "pg_ctl"), "status", "-D", str(self.data)]
        if self.user:
            command = ["runuser", "-u", self.user, "--", *command]
        return subprocess.run(command, capture_output=True).returncode == 0

    def url(self, database: str = ADMIN) -> str:
        return f"postgresql://{ADMIN}@127.0.0.1:{self.port}/{database}"

    def new_database(self) -> str:
        """A new, empty database on this server; its URL."""
        import psycopg2

        name = f"wardpanel_{uuid.uuid4().hex[:12]}"
        connection = psycopg2.connect(self.url(), connect_timeout=10)
        try:
            connection.autocommit = True
            with connection.cursor() as cursor:
                cursor.execute(f"CREATE DATABASE {name}")
        finally:
            connection.close()
        return self.url(name)

    def destroy(self) -> None:
        if self.data.exists() and self.is_running():
            with contextlib.suppress(RuntimeError, subprocess.TimeoutExpired):
                self.stop()
        shutil.rmtree(self.folder, ignore_errors=True)


_server: RestartableServer | None = None


def _unavailable(reason: str) -> None:
    if os.environ.get("CI") == "true":
        pytest.fail(f"CI must run the PostgreSQL restart tests, but {reason}")
    pytest.skip(reason)


def restartable_server() -> RestartableServer:
    """The session's own server, started on first use and running when returned."""
    global _server
    try:
        import psycopg2  # noqa: F401
    except ImportError:
        _unavailable("the PostgreSQL driver is not installed: pip install -e '.[postgres]'")
    if _server is None:
        bin_dir = _find_bin()
        if bin_dir is None or not (bin_dir / "initdb").exists():
            _unavailable("no PostgreSQL server programs (initdb, pg_ctl) are installed")
        server = RestartableServer(bin_dir)
        atexit.register(server.destroy)
        server.create()
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
        server: RestartableServer,
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
