"""`wardpanel copy SRC DST`: a whole database moved between SQLite and PostgreSQL, in
either direction, with every row kept and the copy checked.

The PostgreSQL side is the suite's server (WARDPANEL_TEST_POSTGRES) when there is one,
else the tests' own throwaway server (tests/server_faults.py).
"""

from __future__ import annotations

import os
import shutil
import socket
import sqlite3
from collections.abc import Callable, Iterator
from pathlib import Path

import pytest
from click.testing import CliRunner, Result

from tests.engines import as_drafts
from tests.server_faults import restartable_server
from wardpanel import services
from wardpanel.cli import main
from wardpanel.core.models import (
    Correction,
    Meeting,
    MeetingEvent,
    Organisation,
    OrganisationAlias,
    Question,
)
from wardpanel.core.storage.database import db, open_database
from wardpanel.interchange import copying, dump_meeting, import_files
from wardpanel.interchange.copying import CopyError, copy_database
from wardpanel.queries import search
from wardpanel.sample import load_sample

FIXTURES = Path(__file__).parent.parent / "fixtures"
NOT_COPIED = ("schema_migration",)  # and the search index, search_entry*


@pytest.fixture
def new_postgres(request: pytest.FixtureRequest) -> Iterator[Callable[[], str]]:
    """Makes new, empty databases on a PostgreSQL server; yields the maker."""
    if not os.environ.get("WARDPANEL_TEST_POSTGRES", "").strip():
        yield restartable_server().new_database
        return
    databases = request.getfixturevalue("postgres_databases")
    made: list[str] = []

    def make() -> str:
        made.append(databases.fresh(migrated=False))
        return made[-1]

    yield make
    for url in made:
        databases.discard(url)


@pytest.fixture
def unbound() -> Iterator[None]:
    """Leaves the models unbound after the test, whatever it opened."""
    yield
    if db.obj is not None:
        db.close()
    db.initialize(None)


def _bound_to(target: str) -> None:
    if db.obj is not None:
        db.close()
    open_database(target)


def fill_like_a_borough(path: Path) -> None:
    """A SQLite file holding the sample, the fixture meetings (versions 1 and 2: with
    recommendations and figures), and a meeting with every awkward thing: emoji,
    right-to-left names, several paragraphs, an anonymous asker, actions with updates, a
    priority replaced at a review, a draft; and the records no meeting file holds: an
    organisation's aliases, the approval trail of a meeting, corrections."""
    _bound_to(str(path))
    load_sample()
    import_files(sorted(FIXTURES.glob("*.json")))
    met = Organisation.get(Organisation.name == "Metropolitan Police")
    for alias in ("Met", "the police 🚓"):
        OrganisationAlias.create(organisation=met, alias=alias, key=alias.casefold())
    june = Meeting.select().order_by(Meeting.date).first()
    MeetingEvent.create(meeting=june, kind="approved", by="Margaret Osei")
    MeetingEvent.create(meeting=june, kind="reopened", by="Clerk", reason="Wrong date for item 3")
    Correction.create(kind="alias", text="'Met' now means Metropolitan Police")
    panel = services.create_panel("Hoe Street Ward Panel 🚲", "Hoe Street", "Waltham Forest")
    first = services.create_meeting(panel.id, "2026-10-01", chair="ليلى حداد")
    services.record_attendance(first.id, "ليلى حداد")
    services.record_attendance(first.id, "Zoë Ōkafor", "PCSO", "Metropolitan Police")
    services.record_attendance(
        first.id, "Ray Osei", "Inspector", "Metropolitan Police", "absent", "At a briefing"
    )
    question = services.add_question(
        first.id,
        "Why are e-bikes 🚲 stolen outside the library? 📚",
        asker="דוד כהן",
        anonymous=True,
        topic="Bike thefts 🚲",
    )
    services.add_response(
        question.id,
        "Marking events every month.\n\nA patrol at closing time.\n\nReport thefts online.",
        "Metropolitan Police",
        "Zoë Ōkafor",
    )
    services.add_response(
        question.id, "Lockers by the door.", "Waltham Forest Council", "نادية يوسف"
    )
    action = services.add_action(
        first.id,
        "Hold a bike-marking event",
        "Zoë Ōkafor",
        "Metropolitan Police",
        "2026-11-01",
        question_id=question.id,
    )
    services.add_action_update(action.id, "Booked for 20 October", "in_progress", "2026-10-10")
    services.add_action_update(action.id, "112 bikes marked 🎉", "done", "2026-10-21")
    priority = services.add_priority(first.id, "Bike theft near the library")
    second = services.create_meeting(panel.id, "2027-01-14")
    services.review_priority(
        priority.id, second.id, "replace", "Thefts fell by a third", "Drug dealing on stairs"
    )
    services.save_draft(
        f"meeting{second.id}:questions:add", {"text": "half typed 📝"}, "Add question", second.id
    )
    db.close()
    db.initialize(None)


def rows_of(path: Path) -> dict[str, list[tuple]]:
    """Every row of every table of a SQLite file, read straight from the file."""
    with sqlite3.connect(path) as connection:
        tables = [
            name
            for (name,) in connection.execute("SELECT name FROM sqlite_master WHERE type='table'")
            if name not in NOT_COPIED and not name.startswith("search_entry")
        ]
        return {
            table: connection.execute(f'SELECT * FROM "{table}" ORDER BY id').fetchall()
            for table in tables
        }


def every_dump(target: str) -> dict[int, dict]:
    _bound_to(target)
    return {meeting.id: dump_meeting(meeting.id) for meeting in Meeting.select()}


@pytest.fixture
def borough(tmp_path: Path, unbound: None) -> Path:
    path = tmp_path / "laptop.db"
    fill_like_a_borough(path)
    return path


def run(*args: str) -> Result:
    return CliRunner().invoke(main, list(args))


def test_sqlite_to_postgresql_and_back_keeps_every_row(borough, tmp_path, new_postgres):
    server = new_postgres()
    there = copy_database(str(borough), server)
    back = tmp_path / "back" / "wardpanel.db"
    returned = copy_database(server, str(back))
    original = rows_of(borough)
    assert rows_of(back) == original
    expected = {table: len(rows) for table, rows in original.items()}
    assert there.counts == expected
    assert returned.counts == expected
    assert there.meetings_compared == expected["meeting"]
    assert not there.differences


def test_the_copy_on_the_server_reads_and_searches_like_the_original(
    borough, new_postgres, unbound
):
    server = new_postgres()
    copy_database(str(borough), server)
    assert every_dump(server) == every_dump(str(borough))

    _bound_to(server)
    found = search.search("bikes")
    assert {hit.kind for hit in found} >= {"question", "update"}
    assert search.search("Zoë")  # a responder's name
    assert search.search("כהן") == []  # asked anonymously: never in the index
    assert [hit.kind for hit in search.search("نادية")] == ["response"]  # right to left
    # New records carry on after the copied ids.
    highest = Question.select().order_by(Question.id.desc()).first().id
    meeting = Meeting.select().order_by(Meeting.id).first()
    as_drafts()  # the copied meetings' minutes are approved; this adds to one
    assert services.add_question(meeting.id, "A new question").id == highest + 1


def test_the_copy_holds_what_version_2_records_and_the_records_no_file_holds(
    borough, tmp_path, new_postgres
):
    server = new_postgres()
    report = copy_database(str(borough), server)
    back = tmp_path / "back.db"
    copy_database(server, str(back))
    original, returned = rows_of(borough), rows_of(back)
    for table in (
        "recommendation",
        "recommendation_update",
        "figure",
        "organisation_alias",
        "meeting_event",
        "correction",
    ):
        assert original[table], f"the borough has no {table} to copy"
        assert returned[table] == original[table]
        assert report.counts[table] == len(original[table])
    assert "figures" in report.summary() and "organisation aliases" in report.summary()
    assert report.meetings_compared == len(original["meeting"])


def test_sqlite_to_sqlite_keeps_every_row_and_the_search(borough, tmp_path, unbound):
    copy = tmp_path / "copy.db"
    report = copy_database(str(borough), str(copy))
    assert rows_of(copy) == rows_of(borough)
    assert report.search_entries > 0
    _bound_to(str(copy))
    assert {hit.kind for hit in search.search("bikes")} >= {"question", "update"}


def test_the_command_reports_what_it_copied(borough, new_postgres):
    server = new_postgres()
    result = run("copy", str(borough), server)
    assert result.exit_code == 0, result.stderr
    counts = {table: len(rows) for table, rows in rows_of(borough).items()}
    panels = f"{counts['panel']} panels"
    meetings = f"{counts['meeting']} meetings"
    assert result.stdout.startswith(f"Copied {panels}, {meetings}, ")
    assert f"{counts['action_update']} action updates" in result.stdout
    assert f"counts match in all {len(counts)} tables" in result.stdout
    assert f"{counts['meeting']} meeting dumps identical" in result.stdout


def test_a_destination_that_holds_meetings_is_refused_and_left_as_it_was(
    borough, tmp_path, new_postgres
):
    server = new_postgres()
    copy_database(str(borough), server)
    again = run("copy", str(borough), server)
    assert again.exit_code == 1
    assert again.stderr.startswith("wardpanel: DST: ")
    assert f"already holds {len(rows_of(borough)['meeting'])} meetings" in again.stderr
    assert again.stderr.count("\n") == 1
    # What the server held is untouched: copying it back gives the original again.
    back = tmp_path / "back.db"
    copy_database(server, str(back))
    assert rows_of(back) == rows_of(borough)


def test_a_copy_that_does_not_match_is_reported_and_keeps_nothing(
    borough, new_postgres, monkeypatch, unbound
):
    server = new_postgres()
    real = copying._copy_table

    def losing_a_response(src, dst, table):
        copied = real(src, dst, table)
        if table == "response":  # a fault: one row goes missing on the way
            dst.execute_sql('DELETE FROM "response" WHERE id = (SELECT MAX(id) FROM response)')
        return copied

    monkeypatch.setattr(copying, "_copy_table", losing_a_response)
    with pytest.raises(CopyError) as mismatch:
        copy_database(str(borough), server)
    message = str(mismatch.value)
    assert "does not match" in message
    assert "response: " in message and "rows in SRC" in message
    assert ".responses" in message  # the meeting whose dump lost it, and where
    assert "\n" not in message
    _bound_to(server)
    assert Meeting.select().count() == 0  # rolled back whole

    monkeypatch.setattr(copying, "_copy_table", real)
    assert copy_database(str(borough), server).meetings_compared == len(rows_of(borough)["meeting"])


def _closed_port() -> int:
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        return probe.getsockname()[1]


def test_bad_sources_get_one_plain_line(tmp_path, new_postgres, unbound):
    missing = tmp_path / "missing.db"
    not_sqlite = FIXTURES / "webinar.json"
    other_sqlite = tmp_path / "other.db"
    with sqlite3.connect(other_sqlite) as connection:
        connection.execute("CREATE TABLE recipe (id INTEGER PRIMARY KEY, name TEXT)")
    older = tmp_path / "older.db"  # made by the first version, never upgraded
    shutil.copy(FIXTURES / "schema-0001.db", older)
    unreachable = f"postgresql://wardpanel@127.0.0.1:{_closed_port()}/wardpanel"
    cases = {
        str(missing): "does not exist",
        str(not_sqlite): "is not a wardpanel database",
        str(other_sqlite): "is not a wardpanel database",
        str(older): "earlier version of wardpanel",
        unreachable: "cannot be reached",
        new_postgres().rsplit("/", 1)[0] + "/no_such_database": "has no such database",
    }
    for source, problem in cases.items():
        destination = tmp_path / "dst.db"
        result = run("copy", source, str(destination))
        assert result.exit_code == 1, source
        assert result.stderr.startswith("wardpanel: SRC: "), result.stderr
        assert problem in result.stderr
        assert result.stderr.count("\n") == 1 and "Traceback" not in result.stderr
    assert not missing.exists()  # a missing source is never created
    with sqlite3.connect(other_sqlite) as connection:
        tables = {name for (name,) in connection.execute("SELECT name FROM sqlite_master")}
    assert tables == {"recipe"}  # nor is a stranger's file changed
