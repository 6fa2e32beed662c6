"""Opening databases: safe settings, migrations, and plain words when it cannot be done."""

from __future__ import annotations

import sqlite3
import stat
import subprocess
import sys

import peewee
import pytest

from wardpanel import services
from wardpanel.core.models import ALL_MODELS, Question
from wardpanel.core.storage import database as database_module
from wardpanel.core.storage.database import DatabaseUnavailable, db, open_database


@pytest.fixture
def sqlite_database(db_path):
    """A new SQLite file, opened and bound: for tests about the file and SQLite's own
    settings and locks, which a PostgreSQL server does not have."""
    handle = open_database(str(db_path))
    yield db_path
    handle.close()
    db.initialize(None)


def test_a_new_database_is_private_and_durable(sqlite_database):
    """SQLite only: the file's mode and SQLite's PRAGMAs."""
    mode = stat.S_IMODE(sqlite_database.stat().st_mode)
    assert mode == 0o600
    pragma = {
        name: db.execute_sql(f"PRAGMA {name}").fetchone()[0]
        for name in ("journal_mode", "synchronous", "foreign_keys", "secure_delete")
    }
    assert pragma == {
        "journal_mode": "wal",
        "synchronous": 2,
        "foreign_keys": 1,
        "secure_delete": 1,
    }


@pytest.fixture
def brand_new_database(make_target):
    """A database opened for the first time: a new SQLite file or an empty server
    database, migrated from nothing as it is opened (not a copy of the template)."""
    handle = open_database(make_target(migrated=False))
    yield
    handle.close()
    db.initialize(None)


def test_migrations_create_every_table_once(brand_new_database):
    tables = set(db.get_tables())
    assert {m._meta.table_name for m in ALL_MODELS} <= tables
    assert database_module.migrate(db.obj) == []  # nothing left to apply
    applied = [row[0] for row in db.execute_sql("SELECT name FROM schema_migration")]
    files = sorted(path.stem for path in database_module.MIGRATIONS_DIR.glob("[0-9]*.py"))
    assert applied == files
    assert applied[0] == "0001_initial"


def test_a_file_that_is_not_a_database_is_refused_and_left_alone(tmp_path):
    """SQLite only: a file given as the database (a server has no such thing)."""
    notes = tmp_path / "notes.txt"
    notes.write_text("minutes of the last meeting " * 100)
    before = notes.read_bytes()
    with pytest.raises(DatabaseUnavailable, match="not a wardpanel database"):
        open_database(str(notes))
    assert notes.read_bytes() == before


def test_a_folder_that_cannot_be_made_is_explained(tmp_path):
    """SQLite only: the folder of the database file."""
    blocker = tmp_path / "file"
    blocker.write_text("")
    with pytest.raises(DatabaseUnavailable, match="Cannot create the folder"):
        open_database(str(blocker / "db" / "wardpanel.db"))


def test_an_unknown_url_scheme_is_explained():
    with pytest.raises(DatabaseUnavailable, match="Unknown database URL scheme 'mysql'"):
        open_database("mysql://localhost/ward")


def test_a_locked_database_refuses_the_save_and_keeps_what_was_stored(sqlite_database):
    """SQLite only: another program holding the file's write lock."""
    panel = services.create_panel("Panel")
    meeting = services.create_meeting(panel.id, "2026-04-10")
    services.add_question(meeting.id, "First question")
    db.obj.timeout = 0.2  # the save gives up after 0.2 s, not the chair's 10
    other = sqlite3.connect(sqlite_database, isolation_level=None)
    other.execute("BEGIN IMMEDIATE")
    try:
        with pytest.raises(peewee.OperationalError) as error:
            services.add_question(meeting.id, "Second question")
        assert "The database is busy" in database_module.friendly_error(error.value)
    finally:
        other.execute("ROLLBACK")
        other.close()
    assert [q.text for q in Question.select()] == ["First question"]
    services.add_question(meeting.id, "Second question")
    assert Question.select().count() == 2


def test_the_busy_timeout_is_read_from_the_environment_when_a_database_is_opened(
    tmp_path, monkeypatch
):
    """SQLite only: a server has no busy timeout. The variable is read at each open, not
    once at import, so a program (or a test) may change it as it runs."""
    monkeypatch.delenv(database_module.BUSY_TIMEOUT_VARIABLE, raising=False)
    first = database_module.make_database(str(tmp_path / "first.db"))
    assert first.timeout == database_module.DEFAULT_BUSY_TIMEOUT_SECONDS
    monkeypatch.setenv(database_module.BUSY_TIMEOUT_VARIABLE, "0.25")
    handle = open_database(str(tmp_path / "second.db"))
    try:
        assert handle.timeout == 0.25
        assert db.execute_sql("PRAGMA busy_timeout").fetchone()[0] == 250
    finally:
        handle.close()
        db.initialize(None)
    given = database_module.make_database(str(tmp_path / "third.db"), busy_timeout=1.5)
    assert given.timeout == 1.5  # a caller's own value comes before the environment's


@pytest.mark.parametrize("value", ["soon", "-1", "nan", "inf"])
def test_a_busy_timeout_that_is_not_a_number_of_seconds_is_explained(tmp_path, monkeypatch, value):
    monkeypatch.setenv(database_module.BUSY_TIMEOUT_VARIABLE, value)
    with pytest.raises(DatabaseUnavailable, match="must be a number of seconds"):
        open_database(str(tmp_path / "ward.db"))


def test_the_command_line_explains_a_bad_database_without_a_traceback(tmp_path):
    """SQLite only: a damaged database file."""
    bad = tmp_path / "bad.db"
    bad.write_bytes(b"\x00garbage" * 512)
    result = subprocess.run(
        [sys.executable, "-m", "wardpanel.cli", "meetings", "--db", str(bad)],
        capture_output=True,
        text=True,
        check=False,
    )
    assert result.returncode == 2
    assert "not a wardpanel database" in result.stderr
    assert "Traceback" not in result.stderr


def test_a_command_on_a_locked_database_says_so_without_a_traceback(tmp_path):
    """SQLite only: another program holding the file's write lock."""
    target = tmp_path / "ward.db"
    handle = open_database(str(target))
    handle.close()
    db.initialize(None)
    meeting_file = tmp_path / "meeting.json"
    meeting_file.write_text(
        '{"format": "wardpanel-meeting", "version": 1, "panel": {"name": "P"},'
        ' "meeting": {"date": "2026-04-10"}}'
    )
    holder = sqlite3.connect(target, isolation_level=None)
    holder.execute("BEGIN EXCLUSIVE")
    try:
        result = subprocess.run(
            [
                sys.executable,
                "-m",
                "wardpanel.cli",
                "import",
                str(meeting_file),
                "--db",
                str(target),
            ],
            capture_output=True,
            text=True,
            check=False,
            env={**__import__("os").environ, "WARDPANEL_BUSY_TIMEOUT": "0.2"},
            timeout=60,
        )
    finally:
        holder.execute("ROLLBACK")
        holder.close()
    assert result.returncode == 1
    assert "busy" in result.stderr
    assert "Traceback" not in result.stderr


# -- --db pointed at something that is not wardpanel's: checked first, nothing changed ---


def run_command(*args: str, cwd=None) -> subprocess.CompletedProcess:
    return subprocess.run(
        [sys.executable, "-m", "wardpanel.cli", *args],
        capture_output=True,
        text=True,
        check=False,
        timeout=120,
        cwd=cwd,
    )


def test_a_file_that_is_not_a_database_keeps_its_permissions_and_gets_no_backups(tmp_path):
    """SQLite only: a document given as --db must come out exactly as it went in."""
    notes = tmp_path / "notes.txt"
    notes.write_text("minutes of the last meeting " * 100)
    notes.chmod(0o644)
    for command in (["meetings"], ["backup"]):
        result = run_command(*command, "--db", str(notes))
        assert result.returncode == 2, result.stderr
        assert "not a wardpanel database" in result.stderr
        assert "Traceback" not in result.stderr
    assert stat.S_IMODE(notes.stat().st_mode) == 0o644
    assert sorted(p.name for p in tmp_path.iterdir()) == ["notes.txt"]


def test_another_programs_sqlite_database_is_refused_and_left_alone(tmp_path):
    """SQLite only: a SQLite file of some other program (no schema_migration table)."""
    other = tmp_path / "contacts.sqlite"
    with sqlite3.connect(other) as connection:
        connection.execute("CREATE TABLE contact (name TEXT)")
        connection.execute("INSERT INTO contact VALUES ('Jo Bright')")
    other.chmod(0o644)
    before = other.read_bytes()
    with pytest.raises(DatabaseUnavailable, match="another program's SQLite database"):
        open_database(str(other))
    result = run_command("meetings", "--db", str(other))
    assert result.returncode == 2 and "another program's" in result.stderr
    assert other.read_bytes() == before
    assert stat.S_IMODE(other.stat().st_mode) == 0o644
    assert sorted(p.name for p in tmp_path.iterdir()) == ["contacts.sqlite"]


@pytest.mark.parametrize("kind", ["fifo", "device"])
def test_a_pipe_or_a_device_is_never_opened_as_the_database(tmp_path, kind):
    """SQLite only: --db naming a FIFO or a device node (made here, not the real /dev)."""
    import os

    node = tmp_path / kind
    if kind == "fifo":
        os.mkfifo(node)
    else:
        if os.geteuid() != 0:
            pytest.skip("making a device node needs root")
        os.mknod(node, 0o666 | stat.S_IFCHR, os.makedev(1, 3))  # as /dev/null
    node.chmod(0o666)
    result = run_command("meetings", "--db", str(node))
    assert result.returncode == 2
    assert "not a file that can hold a database" in result.stderr
    mode = node.lstat().st_mode
    assert stat.S_ISFIFO(mode) if kind == "fifo" else stat.S_ISCHR(mode)
    assert stat.S_IMODE(mode) == 0o666


def _written_by_a_newer_version(target: str) -> None:
    handle = open_database(target)
    services.create_panel("Hoe Street Ward Panel")
    handle.execute_sql(
        "INSERT INTO schema_migration (name, applied) VALUES ('0099_from_the_future', "
        f"{handle.param})",
        ("2030-01-01 00:00:00",),
    )
    handle.close()
    db.initialize(None)


def test_a_database_written_by_a_newer_wardpanel_is_refused_and_left_as_it_was(db_target):
    _written_by_a_newer_version(db_target)
    before = None if "://" in db_target else open(db_target, "rb").read()  # noqa: SIM115
    with pytest.raises(database_module.NewerDatabase) as refused:
        open_database(db_target)
    assert refused.value.status == 2
    assert "written by a newer wardpanel" in str(refused.value)
    assert "0099_from_the_future" in str(refused.value)
    result = run_command("meetings", "--db", db_target)
    assert result.returncode == 2
    assert result.stderr.count("\n") == 1 and "written by a newer wardpanel" in result.stderr
    assert "Traceback" not in result.stderr
    if before is not None:
        assert open(db_target, "rb").read() == before  # noqa: SIM115
    else:
        handle = database_module.make_database(db_target)
        handle.connect()
        applied = [row[0] for row in handle.execute_sql("SELECT name FROM schema_migration")]
        panels = handle.execute_sql("SELECT name FROM panel").fetchall()
        handle.close()
        assert "0099_from_the_future" in applied
        assert panels == [("Hoe Street Ward Panel",)]


# -- a server's password is never shown -------------------------------------------------


def test_a_database_url_is_shown_without_its_password():
    from wardpanel.core.storage.targets import shown

    assert shown("postgresql://clerk:s3cr%40t@db.example.org:5432/ward?sslmode=require") == (
        "postgresql://clerk@db.example.org:5432/ward?sslmode=require"
    )
    assert shown("postgresql://db.example.org/ward?password=s3cret&sslmode=require") == (
        "postgresql://db.example.org/ward?sslmode=require"
    )
    assert shown("postgresql://:s3cret@db.example.org/ward") == "postgresql://db.example.org/ward"
    assert shown("db/wardpanel.db") == "db/wardpanel.db"


def test_a_failure_never_repeats_the_password_even_when_the_driver_did():
    target = "postgresql://clerk:Tr0ub4dor%263@db.example.org/ward"
    said = peewee.OperationalError('invalid dsn: missing "=" after "Tr0ub4dor&3"')
    message = database_module.friendly_error(said, target)
    assert "Tr0ub4dor" not in message and "***" in message
    # Once a database is opened, its password is taken out of every later message too.
    from wardpanel.core.storage import targets

    targets.remember_secrets(target)
    assert "Tr0ub4dor" not in database_module.friendly_error(said)


def test_a_command_on_an_unreachable_server_names_it_without_the_password(tmp_path):
    result = run_command("meetings", "--db", "postgresql://clerk:s3cretpw@127.0.0.1:1/ward")
    assert result.returncode == 1
    assert "s3cretpw" not in result.stderr + result.stdout
    assert "Traceback" not in result.stderr
