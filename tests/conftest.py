"""Shared fixtures: every test works on a real, freshly migrated database.

The suite runs twice: on a SQLite file and on a PostgreSQL server. `db_target` is the
database a test works on, as `--db` takes it (a file path or a URL), parametrised over
the two engines, so each test's name ends in `[sqlite]` or `[postgresql]`. The server is
named by WARDPANEL_TEST_POSTGRES (a URL whose role may create databases;
`scripts/postgres-for-tests start` prints one). Without it the PostgreSQL half is left
out (deselected; the report's header says why); under CI (CI=true) it fails instead,
because CI must run it.

Migrating a new database takes longer than copying one, so each engine migrates a
template once per session (per worker under pytest-xdist) and every test gets a copy:
on SQLite a copy of the template file, on PostgreSQL `CREATE DATABASE ... TEMPLATE`.

`db_path` stays a SQLite file path, not yet created, for the tests whose subject is
SQLite itself (file modes, WAL, PRAGMAs, raw bytes) or a brand-new file; opening it
migrates from scratch, as a chair's first start does.
"""

from __future__ import annotations

import gc
import itertools
import os
from collections.abc import Callable, Iterator
from concurrent.futures import Future, ThreadPoolExecutor
from pathlib import Path
from urllib.parse import urlparse

import pytest

from wardpanel.core.storage.database import db, make_database, migrate, open_database

POSTGRES_URL_VARIABLE = "WARDPANEL_TEST_POSTGRES"
ENGINES = ("sqlite", "postgresql")


def postgres_url() -> str:
    return os.environ.get(POSTGRES_URL_VARIABLE, "").strip()


def under_ci() -> bool:
    return os.environ.get("CI", "").lower() == "true"


def pytest_configure(config: pytest.Config) -> None:
    """Python's cycle collector runs less often in the test processes.

    A Pilot test builds an app of tens of thousands of objects, and with the usual
    threshold the collector walks them again every few hundred allocations: about a
    fifth of the UI tests' CPU time. The app itself pauses the collector at start-up
    for the same reason (`start_app`); here it runs one collection in 50,000 new objects.
    """
    gc.set_threshold(50_000, 20, 20)


def runs_on_postgresql(item: pytest.Item) -> bool:
    """Whether a test is the PostgreSQL run of one parametrised over ENGINES."""
    callspec = getattr(item, "callspec", None)
    return callspec is not None and "postgresql" in callspec.params.values()


@pytest.hookimpl(trylast=True)  # after tests/ui/conftest.py has left its own out
def pytest_collection_modifyitems(config: pytest.Config, items: list[pytest.Item]) -> None:
    """Without a server (and outside CI, where that fails), the PostgreSQL runs are left
    out at once rather than each set up to be skipped: some 850 of them, 5 s of CPU.
    Under pytest-xdist the long tests are then spread over the workers."""
    if not (postgres_url() or under_ci()):
        left_out = [item for item in items if runs_on_postgresql(item)]
        if left_out:
            config.hook.pytest_deselected(items=left_out)
            items[:] = [item for item in items if not runs_on_postgresql(item)]
    workerinput = getattr(config, "workerinput", None)
    if workerinput is not None:
        items[:] = spread_long_tests(items, workerinput["workercount"])


def spread_long_tests(items: list[pytest.Item], workers: int) -> list[pytest.Item]:
    """The tests marked `long` put first in the workers' shares, longest first.

    pytest-xdist's worksteal deals the tests out in order, a share of equal length to
    each worker, and a worker left idle later takes tests from the end of the longest
    share. So a test that runs for many seconds ends the run late if it starts late, and
    the three safety tests of 15 to 20 s each, side by side in the order, went one after
    another to the same worker, which finished 10 s after the rest. Here each share
    begins with the long tests dealt to it in turn. Every worker works the order out
    alike (xdist checks that they agree); were xdist to deal differently, only the
    spread would suffer.
    """
    marked = [item for item in items if item.get_closest_marker("long")]
    if not marked or workers < 2:
        return items
    marked.sort(key=lambda item: -item.get_closest_marker("long").kwargs["seconds"])
    shares: list[list[pytest.Item]] = [[] for _ in range(workers)]
    for number, item in enumerate(marked):
        shares[number % workers].append(item)
    rest = iter([item for item in items if not item.get_closest_marker("long")])
    left = len(items)
    for number, share in enumerate(shares):
        size = left // (workers - number)  # as worksteal sizes the shares
        left -= size
        share.extend(itertools.islice(rest, max(0, size - len(share))))
    return [item for share in shares for item in share] + list(rest)


def pytest_collection_finish(session: pytest.Session) -> None:
    """What collection imported (Textual, the app, the tests) lives as long as the
    process: frozen, the collector never walks it again."""
    gc.collect()
    gc.freeze()


def pytest_report_header(config: pytest.Config) -> str:
    url = postgres_url()
    if url:
        parsed = urlparse(url)
        return f"database engines: sqlite, postgresql on {parsed.hostname}:{parsed.port}"
    return f"database engines: sqlite only ({POSTGRES_URL_VARIABLE} is not set)"


class PostgresDatabases:
    """Fresh databases on the test server, each a copy of one migrated template.

    Migrating takes longer than copying, so the session migrates a template once and
    every test gets `CREATE DATABASE ... TEMPLATE` of it. Dropping a used database runs
    on a worker thread while the next test goes on.
    """

    def __init__(self, url: str) -> None:
        import psycopg2

        self._psycopg2 = psycopg2
        self.url = url
        self.prefix = f"wardpanel_test_{os.getpid()}"
        self.template = f"{self.prefix}_template"
        self._numbers = itertools.count(1)
        self._admin = self._connect()
        # A test's database is small: copying its files (PostgreSQL 15's FILE_COPY) takes
        # half the time of writing every page to the WAL, the default since 15.
        self._strategy = " STRATEGY FILE_COPY" if self._admin.server_version >= 150000 else ""
        self._dropper = ThreadPoolExecutor(max_workers=1, thread_name_prefix="drop-database")
        self._dropper_connection = self._connect()
        self._drops: list[Future] = []
        self._run(f'DROP DATABASE IF EXISTS "{self.template}"')
        self._run(f'CREATE DATABASE "{self.template}"')
        open_database(self.url_of(self.template)).close()
        db.initialize(None)

    def _connect(self):
        connection = self._psycopg2.connect(self.url, connect_timeout=10)
        connection.autocommit = True
        return connection

    def _run(self, sql: str, connection=None) -> None:
        with (connection or self._admin).cursor() as cursor:
            cursor.execute(sql)

    def url_of(self, name: str) -> str:
        return urlparse(self.url)._replace(path=f"/{name}").geturl()

    def fresh(self, migrated: bool = True) -> str:
        """The URL of a new database: migrated like a new wardpanel one, or empty."""
        name = f"{self.prefix}_{next(self._numbers)}"
        source = self.template if migrated else "template0"
        self._run(f'CREATE DATABASE "{name}" TEMPLATE "{source}"{self._strategy}')
        return self.url_of(name)

    def discard(self, url: str) -> None:
        """Drop a database made by fresh(), ending any session a test left open on it."""
        name = urlparse(url).path.lstrip("/")
        self._drops.append(self._dropper.submit(self._drop, name))

    def _drop(self, name: str) -> str | None:
        """Drop one database; its name if it could not be dropped yet."""
        try:
            self._run(f'DROP DATABASE IF EXISTS "{name}" WITH (FORCE)', self._dropper_connection)
        except self._psycopg2.Error:
            return name  # a session the role may not end: tried again at the end
        return None

    def close(self) -> None:
        left = [name for drop in self._drops if (name := drop.result())]
        self._dropper.shutdown()
        for name in left:
            self._run(f'DROP DATABASE IF EXISTS "{name}" WITH (FORCE)')
        self._run(f'DROP DATABASE IF EXISTS "{self.template}" WITH (FORCE)')
        self._dropper_connection.close()
        self._admin.close()


@pytest.fixture(scope="session")
def postgres_databases() -> Iterator[PostgresDatabases]:
    """The test server, or a skip (a failure under CI) saying why there is none."""
    url = postgres_url()
    if not url:
        reason = (
            f"{POSTGRES_URL_VARIABLE} is not set: no PostgreSQL server to test against "
            "(make test-postgres starts one)"
        )
        if under_ci():
            pytest.fail(f"CI must run the suite on PostgreSQL too, but {reason}", pytrace=False)
        pytest.skip(reason)
    try:
        import psycopg2
    except ImportError:
        pytest.fail(
            f"{POSTGRES_URL_VARIABLE} is set but the PostgreSQL driver is not installed: "
            "pip install -e '.[postgres]'",
            pytrace=False,
        )
    try:
        databases = PostgresDatabases(url)
    except psycopg2.Error as error:
        first_line = str(error).strip().splitlines()[0] if str(error).strip() else error
        pytest.fail(
            f"the PostgreSQL test server ({POSTGRES_URL_VARIABLE}) cannot be used: {first_line}",
            pytrace=False,
        )
    yield databases
    databases.close()


class SqliteTemplate:
    """A SQLite file migrated once, copied for every test that needs a migrated one."""

    def __init__(self, folder: Path) -> None:
        self.path = folder / "template.db"
        # Not bound to the models: a test may already be using them when it asks for a
        # second database. Closing the last connection checkpoints the WAL into the file.
        database = make_database(str(self.path))
        try:
            database.connect()
            migrate(database)
        finally:
            database.close()
        self.content = self.path.read_bytes()

    def copy_to(self, path: Path) -> Path:
        """A migrated database at `path`, as private as open_database makes a new one."""
        path.parent.mkdir(mode=0o700, parents=True, exist_ok=True)
        descriptor = os.open(path, os.O_CREAT | os.O_EXCL | os.O_WRONLY, 0o600)
        with os.fdopen(descriptor, "wb") as copy:
            copy.write(self.content)
        return path


@pytest.fixture(scope="session")
def sqlite_template(tmp_path_factory: pytest.TempPathFactory) -> SqliteTemplate:
    return SqliteTemplate(tmp_path_factory.mktemp("sqlite-template"))


@pytest.fixture(scope="session", autouse=True)
def files_the_app_writes_stay_out_of_the_checkout(
    tmp_path_factory: pytest.TempPathFactory,
) -> Iterator[None]:
    """The error log and a form's unsaved copies go beside WARDPANEL_LOG: a temporary
    folder for the whole run (a test that reads them sets its own), never the checkout's
    db/ folder. Commands run in subprocesses inherit it."""
    before = os.environ.get("WARDPANEL_LOG")
    os.environ["WARDPANEL_LOG"] = str(tmp_path_factory.mktemp("logs") / "wardpanel.log")
    yield
    if before is None:
        os.environ.pop("WARDPANEL_LOG", None)
    else:
        os.environ["WARDPANEL_LOG"] = before


@pytest.fixture
def db_path(tmp_path: Path) -> Path:
    """A SQLite file path (not yet created), for tests about SQLite itself."""
    return tmp_path / "db" / "wardpanel.db"


@pytest.fixture(params=ENGINES)
def db_target(request: pytest.FixtureRequest, tmp_path: Path) -> Iterator[str]:
    """A fresh, migrated database on each engine, as `--db` takes it."""
    if request.param == "sqlite":
        template: SqliteTemplate = request.getfixturevalue("sqlite_template")
        yield str(template.copy_to(tmp_path / "db" / "wardpanel.db"))
        return
    databases: PostgresDatabases = request.getfixturevalue("postgres_databases")
    url = databases.fresh()
    yield url
    databases.discard(url)


@pytest.fixture
def make_target(
    request: pytest.FixtureRequest, db_target: str, tmp_path: Path
) -> Iterator[Callable[..., str]]:
    """Makes more fresh databases on the same engine as `db_target`, for tests that
    need a second one: `make_target()` is migrated (as a new wardpanel database is once
    opened), `make_target(migrated=False)` is empty (on SQLite, not yet created)."""
    made: list[str] = []
    numbers = itertools.count(1)
    on_sqlite = "://" not in db_target
    template: SqliteTemplate | None = (
        request.getfixturevalue("sqlite_template") if on_sqlite else None
    )

    def make(migrated: bool = True) -> str:
        if template is not None:
            path = tmp_path / f"other-{next(numbers)}.db"
            if migrated:
                template.copy_to(path)
            return str(path)
        databases: PostgresDatabases = request.getfixturevalue("postgres_databases")
        made.append(databases.fresh(migrated=migrated))
        return made[-1]

    yield make
    if made:
        databases = request.getfixturevalue("postgres_databases")
        for url in made:
            databases.discard(url)


@pytest.fixture
def database(db_target: str) -> Iterator[str]:
    """Open a new database and bind the models to it; yields its path or URL."""
    handle = open_database(db_target)
    yield db_target
    handle.close()
    db.initialize(None)


@pytest.fixture
def in_tmp_cwd(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    """Run with the current folder in tmp_path, so default db/ and exports/ land there."""
    monkeypatch.chdir(tmp_path)
    monkeypatch.delenv("WARDPANEL_DB", raising=False)
    return tmp_path
