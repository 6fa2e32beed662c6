"""`wardpanel import` and `wardpanel dump` as a clerk's script runs them
(docs/meeting-file.md)."""

from __future__ import annotations

import json
import subprocess
import sys
from collections.abc import Iterator
from pathlib import Path

import pytest
from click.testing import CliRunner, Result

from tests.unit.test_interchange import (
    BAD_FILES,
    FIXTURE_FILES,
    FIXTURES,
    BadFile,
    as_version_2,
    good_meeting,
    write_json,
)
from tests.unit.test_meeting_file_v2_refusals import BAD_V2_FILES
from wardpanel.cli import main
from wardpanel.core.models import ALL_MODELS
from wardpanel.core.storage.database import db, make_database


@pytest.fixture(autouse=True)
def close_database_afterwards() -> Iterator[None]:
    """Each command binds the models to its database; let go of it after the test."""
    yield
    if db.obj is not None:
        db.obj.close()
        db.initialize(None)


def run(*args: str) -> Result:
    return CliRunner().invoke(main, list(args))


def table_counts(target: str) -> dict[str, int]:
    """Rows in every model's table, read on a connection of its own, not the command's."""
    connection = make_database(target)
    try:
        return {
            model._meta.table_name: connection.execute_sql(
                f'SELECT COUNT(*) FROM "{model._meta.table_name}"'
            ).fetchone()[0]
            for model in ALL_MODELS
        }
    finally:
        connection.close()


def test_import_prints_each_new_meeting_id_in_file_order(db_target: str, tmp_path: Path) -> None:
    later = good_meeting()
    later["meeting"]["date"] = "2026-07-10"
    first = write_json(tmp_path / "april.json", good_meeting())
    second = write_json(tmp_path / "july.json", later)

    result = run("import", str(first), str(second), "--db", db_target)

    assert result.exit_code == 0, result.stderr
    assert result.stdout == "1\n2\n"
    assert result.stderr == ""
    listed = run("meetings", "--json", "--db", db_target)
    assert [(m["id"], m["date"]) for m in json.loads(listed.stdout)] == [
        (2, "2026-07-10"),
        (1, "2026-04-10"),
    ]


def test_the_group_db_option_works_too(make_target, tmp_path: Path) -> None:
    """On a database that is new (a file not yet made, an empty server database): the
    first command makes and migrates it."""
    path = write_json(tmp_path / "april.json", good_meeting())
    target = make_target(migrated=False)

    result = run("--db", target, "import", str(path))

    assert (result.exit_code, result.stdout) == (0, "1\n")
    assert table_counts(target)["meeting"] == 1


@pytest.mark.parametrize("bad", BAD_FILES + BAD_V2_FILES, ids=lambda bad: bad.name)
def test_a_bad_file_exits_2_with_one_line_and_writes_nothing(
    db_target: str, tmp_path: Path, bad: BadFile
) -> None:
    earlier = write_json(tmp_path / "earlier.json", good_meeting())
    assert run("import", str(earlier), "--db", db_target).exit_code == 0
    before = table_counts(db_target)
    later = good_meeting()
    later["meeting"]["date"] = "2026-07-10"
    fine = write_json(tmp_path / "fine.json", later)
    path = bad.write(tmp_path)

    result = run("import", str(fine), str(path), "--db", db_target)

    assert result.exit_code == 2
    assert result.stderr == f"wardpanel: {bad.message(path)}\n"
    assert result.stdout == ""
    assert table_counts(db_target) == before


def test_a_meeting_already_loaded_exits_2(db_target: str, tmp_path: Path) -> None:
    path = write_json(tmp_path / "april.json", good_meeting())
    run("import", str(path), "--db", db_target)
    before = table_counts(db_target)

    result = run("import", str(path), "--db", db_target)

    assert result.exit_code == 2
    assert result.stderr == (
        f"wardpanel: {path}: meeting.date: '2026-04-10': Test Ward Panel already has a meeting "
        "'Ward panel meeting' on that date (meeting 1)\n"
    )
    assert table_counts(db_target) == before


def test_a_missing_file_exits_2(db_target: str, tmp_path: Path) -> None:
    missing = tmp_path / "typo.json"

    result = run("import", str(missing), "--db", db_target)

    assert result.exit_code == 2
    assert result.stderr == f"wardpanel: {missing}: no such file\n"
    assert sum(table_counts(db_target).values()) == 0


def test_import_without_files_is_a_usage_error(db_target: str) -> None:
    result = run("import", "--db", db_target)

    assert result.exit_code == 2
    assert "Missing argument 'FILES...'" in result.stderr


def test_dump_writes_the_meeting_to_stdout(db_target: str) -> None:
    fixture = FIXTURES / "webinar.json"
    assert run("import", str(fixture), "--db", db_target).stdout == "1\n"

    result = run("dump", "1", "--db", db_target)

    assert result.exit_code == 0, result.stderr
    assert result.stdout.endswith("}\n")
    assert json.loads(result.stdout) == as_version_2(
        json.loads(fixture.read_text(encoding="utf-8"))
    )
    assert "£1 million" in result.stdout  # written as UTF-8, not \u escapes


def test_dump_with_o_writes_the_file_and_nothing_on_stdout(db_target: str, tmp_path: Path) -> None:
    fixture = FIXTURES / "stop_and_search.json"
    run("import", str(fixture), "--db", db_target)
    target = tmp_path / "out" / "meeting.json"
    target.parent.mkdir()

    result = run("dump", "1", "-o", str(target), "--db", db_target)

    assert result.exit_code == 0, result.stderr
    assert result.stdout == ""
    assert json.loads(target.read_text(encoding="utf-8")) == as_version_2(
        json.loads(fixture.read_text(encoding="utf-8"))
    )
    assert target.read_text(encoding="utf-8") == run("dump", "1", "--db", db_target).stdout


def test_dump_to_a_missing_folder_exits_2(db_target: str, tmp_path: Path) -> None:
    run("import", str(FIXTURES / "partnership.json"), "--db", db_target)
    target = tmp_path / "no-such-folder" / "meeting.json"

    result = run("dump", "1", "-o", str(target), "--db", db_target)

    assert result.exit_code == 2
    assert str(target) in result.stderr
    assert not target.parent.exists()


def test_dump_of_an_unknown_meeting_exits_2(db_target: str) -> None:
    result = run("dump", "7", "--db", db_target)

    assert result.exit_code == 2
    assert result.stderr == (
        "wardpanel: meeting 7: there is no meeting with that id (`wardpanel meetings` lists them)\n"
    )
    assert result.stdout == ""


@pytest.mark.parametrize("name", FIXTURE_FILES)
def test_round_trip_through_the_commands(
    db_target: str, make_target, tmp_path: Path, name: str
) -> None:
    first_db, second_db = db_target, make_target()
    assert run("import", str(FIXTURES / name), "--db", first_db).exit_code == 0
    dumped = tmp_path / "dumped.json"
    assert run("dump", "1", "-o", str(dumped), "--db", first_db).exit_code == 0

    imported = run("import", str(dumped), "--db", second_db)
    again = run("dump", imported.stdout.strip(), "--db", second_db)

    assert again.exit_code == 0
    assert again.stdout == dumped.read_text(encoding="utf-8")


def test_a_real_process_reports_a_bad_file_without_a_traceback(
    db_target: str, tmp_path: Path
) -> None:
    data = good_meeting()
    data["actions"][0]["due"] = "2026-02-30"
    path = write_json(tmp_path / "meeting.json", data)

    script = Path(sys.executable).with_name("wardpanel")  # the installed command
    command = [str(script)] if script.exists() else [sys.executable, "-m", "wardpanel.cli"]

    done = subprocess.run(
        [*command, "import", "meeting.json", "--db", db_target],
        cwd=tmp_path,
        capture_output=True,
        text=True,
        check=False,
    )

    assert path.exists()
    assert done.returncode == 2, done.stderr
    assert (
        done.stderr == "wardpanel: meeting.json: actions[1].due: '2026-02-30' is not a real date\n"
    )
    assert "Traceback" not in done.stderr


def test_dump_never_overwrites_a_file_without_force(db_target: str, tmp_path: Path) -> None:
    run("import", str(FIXTURES / "partnership.json"), "--db", db_target)
    target = tmp_path / "meeting.json"
    target.write_text("the clerk's own edits")

    refused = run("dump", "1", "-o", str(target), "--db", db_target)
    assert refused.exit_code == 2
    assert str(target) in refused.stderr
    assert target.read_text() == "the clerk's own edits"

    forced = run("dump", "1", "-o", str(target), "--force", "--db", db_target)
    assert forced.exit_code == 0
    assert json.loads(target.read_text(encoding="utf-8"))["format"] == "wardpanel-meeting"
