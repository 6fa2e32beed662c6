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
    assert result.returncode == 1
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
