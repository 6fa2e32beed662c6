"""Backups: a consistent copy while the database is in use, and one before every upgrade.

SQLite only: the subject is SQLite's online backup of a database file (a PostgreSQL
database is backed up by pg_dump, which the command points to).
"""

from __future__ import annotations

import os
import shutil
import sqlite3
import stat
import subprocess
import sys
import textwrap
import time
from collections.abc import Iterator
from pathlib import Path

import pytest
from click.testing import CliRunner, Result

from tests.fixtures.build_schema_0001 import FIRST_MIGRATION, FIXTURE
from wardpanel import services
from wardpanel.cli import main
from wardpanel.core.storage.backup import BackupError, back_up
from wardpanel.core.storage.database import DatabaseUnavailable, db, open_database
from wardpanel.queries import search
from wardpanel.sample import load_sample

REPOSITORY = Path(__file__).resolve().parents[2]


@pytest.fixture(autouse=True)
def let_go_of_the_database() -> Iterator[None]:
    yield
    if db.obj is not None:
        db.obj.close()
        db.initialize(None)


@pytest.fixture
def sample_file(db_path: Path) -> Path:
    """A SQLite file holding the sample meetings, closed."""
    open_database(str(db_path))
    load_sample()
    db.obj.close()
    db.initialize(None)
    return db_path


def run(*args: str) -> Result:
    return CliRunner().invoke(main, list(args))


def contents(path: Path) -> list[str]:
    """Every table's schema and rows, as SQL: equal lists mean equal contents."""
    connection = sqlite3.connect(f"file:{path}?mode=ro", uri=True)
    try:
        return list(connection.iterdump())
    finally:
        connection.close()


def integrity(path: Path) -> str:
    connection = sqlite3.connect(path)
    try:
        return connection.execute("PRAGMA integrity_check").fetchone()[0]
    finally:
        connection.close()


def count(path: Path, sql: str) -> int:
    connection = sqlite3.connect(path)
    try:
        return connection.execute(sql).fetchone()[0]
    finally:
        connection.close()


def mode_of(path: Path) -> int:
    return stat.S_IMODE(path.stat().st_mode)


# -- wardpanel backup ------------------------------------------------------------------


def test_backup_writes_a_private_copy_under_backups_and_says_where(
    in_tmp_cwd: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    database = in_tmp_cwd / "db" / "wardpanel.db"
    open_database(str(database))
    load_sample()
    db.obj.close()
    db.initialize(None)
    old_umask = os.umask(0o022)  # a permissive umask must not make the copy readable
    try:
        result = run("backup")
    finally:
        os.umask(old_umask)
    assert result.exit_code == 0, result.output
    [copy] = list((in_tmp_cwd / "db" / "backups").glob("wardpanel-*.db"))
    assert f"to {copy} (" in result.output
    assert f"{copy.stat().st_size / 1000:.1f} kB" in result.output
    assert mode_of(copy) == 0o600
    assert mode_of(copy.parent) == 0o700
    assert contents(copy) == contents(database)
    assert integrity(copy) == "ok"


def test_backup_refuses_to_overwrite_a_file_unless_forced(sample_file: Path, tmp_path: Path):
    target = tmp_path / "copy.db"
    target.write_bytes(b"an earlier backup")
    refused = run("backup", str(target), "--db", str(sample_file))
    assert refused.exit_code == 2
    assert "already exists: use --force" in refused.output
    assert target.read_bytes() == b"an earlier backup"
    assert not [p for p in tmp_path.iterdir() if p.name.startswith(".copy.db")]
    forced = run("backup", str(target), "--force", "--db", str(sample_file))
    assert forced.exit_code == 0, forced.output
    assert contents(target) == contents(sample_file)


def test_backup_of_a_missing_database_says_so_and_creates_nothing(tmp_path: Path) -> None:
    missing = tmp_path / "db" / "wardpanel.db"
    result = run("backup", "--db", str(missing))
    assert result.exit_code == 1
    assert f"There is no database at {missing}" in result.output
    assert not missing.parent.exists()


def test_backup_into_a_folder_that_cannot_be_made_is_explained(sample_file: Path, tmp_path):
    blocker = tmp_path / "not-a-folder"
    blocker.write_text("")
    result = run("backup", str(blocker / "copy.db"), "--db", str(sample_file))
    assert result.exit_code == 2
    assert "part of that path is a file, not a folder" in result.output
    assert "Traceback" not in result.output


def test_backup_of_a_file_that_is_not_a_database_is_refused(tmp_path: Path) -> None:
    notes = tmp_path / "notes.db"
    notes.write_text("minutes of the last meeting " * 200)
    result = run("backup", str(tmp_path / "copy.db"), "--db", str(notes))
    assert result.exit_code == 2
    assert "not a wardpanel database" in result.output
    assert not (tmp_path / "copy.db").exists()


def test_backup_of_a_postgresql_database_points_to_pg_dump_without_the_password() -> None:
    result = run("backup", "--db", "postgresql://clerk:s3cret@127.0.0.1:1/ward")
    assert result.exit_code == 2
    assert "pg_dump" in result.output and "wardpanel copy" in result.output
    assert "postgresql://clerk@127.0.0.1:1/ward" in result.output
    assert "s3cret" not in result.output


# -- a copy of one moment, while others write -----------------------------------------


def test_backup_goes_ahead_while_another_program_holds_a_write_transaction(
    sample_file: Path, tmp_path: Path
) -> None:
    committed = count(sample_file, "SELECT COUNT(*) FROM question")
    writer = sqlite3.connect(sample_file, isolation_level=None)
    try:
        writer.execute("BEGIN IMMEDIATE")
        writer.execute(
            "INSERT INTO question (meeting_id, anonymous, topic, text) "
            "VALUES (1, 0, 'Unsaved', 'Not yet committed')"
        )
        made = back_up(sample_file, tmp_path / "copy.db")
    finally:
        writer.execute("COMMIT")
        writer.close()
    assert integrity(made.path) == "ok"
    assert count(made.path, "SELECT COUNT(*) FROM question") == committed
    assert count(sample_file, "SELECT COUNT(*) FROM question") == committed + 1


WRITER = textwrap.dedent(
    """
    import sys
    from pathlib import Path
    from wardpanel import services
    from wardpanel.core.storage.database import db, open_database

    path, stop = sys.argv[1], Path(sys.argv[2])
    open_database(path)
    meeting = services.create_meeting(services.create_panel("Busy panel").id, "2026-04-10")
    for number in range(1, 20_001):
        # A question and its answer in one transaction: a copy holds both or neither.
        with db.atomic():
            question = services.add_question(meeting.id, f"Question {number}")
            services.add_response(question.id, f"Answer {number}", organisation="Council")
        if stop.exists():
            break
    """
)


def test_backup_while_items_are_being_saved_holds_every_item_committed_before_it(
    db_path: Path, tmp_path: Path
) -> None:
    open_database(str(db_path)).close()
    db.initialize(None)
    stop = tmp_path / "stop"
    writer = subprocess.Popen(
        [sys.executable, "-c", WRITER, str(db_path), str(stop)], cwd=REPOSITORY
    )
    try:
        waited = 0.0
        while count(db_path, "SELECT COUNT(*) FROM question") < 50 and waited < 60:
            assert writer.poll() is None, "the writer stopped early"
            time.sleep(0.05)
            waited += 0.05
        before = count(db_path, "SELECT COUNT(*) FROM question")
        assert before >= 50, "the writer did not get going"
        made = back_up(db_path, tmp_path / "copy.db")
    finally:
        stop.touch()
        writer.wait(timeout=60)
    assert writer.returncode == 0
    assert integrity(made.path) == "ok"
    copied = count(made.path, "SELECT COUNT(*) FROM question")
    assert copied >= before
    # One moment: questions 1..n, each with its answer, and nothing half-saved.
    assert count(made.path, "SELECT MAX(id) FROM question") == copied
    assert count(made.path, "SELECT COUNT(*) FROM response") == copied
    assert count(db_path, "SELECT COUNT(*) FROM question") >= copied


# -- before an upgrade -----------------------------------------------------------------


def first_version_copy(tmp_path: Path) -> Path:
    path = tmp_path / "db" / "wardpanel.db"
    path.parent.mkdir()
    shutil.copyfile(FIXTURE, path)
    return path


def test_an_upgrade_first_backs_up_the_database_as_it_was(tmp_path: Path) -> None:
    database = first_version_copy(tmp_path)
    open_database(str(database))
    [copy] = list((database.parent / "backups").glob("wardpanel-before-0002-*.db"))
    assert mode_of(copy) == 0o600
    assert contents(copy) == contents(FIXTURE)
    assert integrity(copy) == "ok"
    # ...and the upgraded database itself works.
    assert ("question", 1) in {(hit.kind, hit.item_id) for hit in search.search("snatched")}
    services.add_question(2, "Are the new cameras at the station working?")
    assert [hit.kind for hit in search.search("cameras working")] == ["question"]


def test_an_upgrade_that_cannot_back_up_first_changes_nothing(tmp_path: Path) -> None:
    database = first_version_copy(tmp_path)
    (database.parent / "backups").write_text("a file where the backups folder would go")
    with pytest.raises(DatabaseUnavailable) as refused:
        open_database(str(database))
    message = str(refused.value)
    assert "needs an upgrade" in message and "left as it was" in message
    assert contents(database) == contents(FIXTURE)
    applied = count(database, "SELECT COUNT(*) FROM schema_migration")
    assert applied == 1 and FIRST_MIGRATION.startswith("0001")


def test_the_command_line_refuses_an_upgrade_without_a_backup_in_one_line(tmp_path: Path):
    database = first_version_copy(tmp_path)
    (database.parent / "backups").write_text("")
    result = subprocess.run(
        [sys.executable, "-m", "wardpanel.cli", "meetings", "--db", str(database)],
        capture_output=True,
        text=True,
        check=False,
        cwd=REPOSITORY,
        timeout=120,
    )
    assert result.returncode == 1
    assert "a backup is taken first" in result.stderr
    assert "Traceback" not in result.stderr
    assert contents(database) == contents(FIXTURE)


def test_no_backup_is_taken_of_a_new_or_an_up_to_date_database(db_path: Path) -> None:
    open_database(str(db_path))
    load_sample()
    db.obj.close()
    open_database(str(db_path))
    assert not (db_path.parent / "backups").exists()


def test_back_up_names_the_missing_database(tmp_path: Path) -> None:
    with pytest.raises(BackupError, match="There is no database"):
        back_up(tmp_path / "absent.db")
    assert not (tmp_path / "absent.db").exists()
