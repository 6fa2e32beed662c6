"""A database made by the first version of wardpanel upgrades with nothing lost.

tests/fixtures/schema-0001.db holds a panel's first year as the first schema stored it
(built by tests/fixtures/build_schema_0001.py, migration 0001 only). On PostgreSQL the
same script's `build` makes the same database on a fresh server database. Each test
upgrades it the way a user does, by opening it, and checks every row and every text
against what the script inserted, then uses the features added since on the old data.
"""

from __future__ import annotations

import datetime as dt
import shutil
import sqlite3
from collections.abc import Iterator
from pathlib import Path

import peewee
import pytest
from docx import Document
from playhouse.migrations import Runner

from tests.conftest import ENGINES
from tests.fixtures.build_schema_0001 import FIRST_MIGRATION, FIXTURE, ROWS, build
from wardpanel import queries, services
from wardpanel.core.models import Action, Meeting, Panel, Person, Priority, Question
from wardpanel.core.storage.database import MIGRATIONS_DIR, db, make_database, open_database
from wardpanel.exporting import export_minutes
from wardpanel.queries import search

ALL_MIGRATIONS = sorted(path.stem for path in MIGRATIONS_DIR.glob("[0-9]*.py"))


def copy_of_fixture(folder: Path) -> Path:
    target = folder / "db" / "wardpanel.db"
    target.parent.mkdir()
    shutil.copyfile(FIXTURE, target)
    return target


@pytest.fixture(params=ENGINES)
def first_version(request: pytest.FixtureRequest, tmp_path: Path) -> Iterator[str]:
    """The first version's database on each engine, not yet opened, as --db names it."""
    if request.param == "sqlite":
        yield str(copy_of_fixture(tmp_path))
        return
    databases = request.getfixturevalue("postgres_databases")
    url = databases.fresh(migrated=False)
    build(make_database(url))
    yield url
    databases.discard(url)


@pytest.fixture
def upgraded(first_version: str) -> Iterator[str]:
    """The first version's database, opened (and so upgraded) as the app opens it."""
    handle = open_database(first_version)
    yield first_version
    handle.close()
    db.initialize(None)


def plain(value: object) -> object:
    """A stored value as the script wrote it, whichever engine read it back."""
    if isinstance(value, bool):
        return int(value)
    if isinstance(value, dt.datetime):
        return value.strftime("%Y-%m-%d %H:%M:%S")
    if isinstance(value, dt.date):
        return value.isoformat()
    return value


def stored_rows(database: peewee.Database, table: str, columns: list[str]) -> list[dict]:
    names = ", ".join(f'"{column}"' for column in columns)
    cursor = database.execute_sql(f'SELECT {names} FROM "{table}" ORDER BY id')
    return [dict(zip(columns, map(plain, row), strict=True)) for row in cursor]


def expected_rows(table: str) -> list[dict]:
    return [{key: plain(value) for key, value in row.items()} for row in ROWS[table]]


def assert_first_version_intact(database: peewee.Database) -> None:
    for table, rows in ROWS.items():
        assert stored_rows(database, table, list(rows[0])) == expected_rows(table), table


def applied_migrations(database: peewee.Database) -> list[str]:
    return [row[0] for row in database.execute_sql("SELECT name FROM schema_migration")]


def test_the_fixture_is_a_first_version_database_holding_the_scripts_rows() -> None:
    connection = sqlite3.connect(FIXTURE)
    try:
        names = [row[0] for row in connection.execute("SELECT name FROM schema_migration")]
        tables = {row[0] for row in connection.execute("SELECT name FROM sqlite_master")}
    finally:
        connection.close()
    assert names == [FIRST_MIGRATION]
    assert "search_entry" not in tables and "priority_review" not in tables
    fixture = peewee.SqliteDatabase(str(FIXTURE))
    with fixture.connection_context():
        assert_first_version_intact(fixture)


def test_every_row_and_text_of_the_first_version_survives_the_upgrade(upgraded: str) -> None:
    assert applied_migrations(db.obj) == ALL_MIGRATIONS
    assert_first_version_intact(db.obj)
    # Columns added since take the values the first version's records always meant.
    assert {p.set_by for p in Priority.select()} == {"panel"}
    assert (
        db.execute_sql("SELECT COUNT(*) FROM action WHERE priority_id IS NOT NULL").fetchone()[0]
        == 0
    )


def test_reopening_an_upgraded_database_changes_nothing_more(first_version: str) -> None:
    open_database(first_version).close()
    handle = open_database(first_version)
    try:
        assert applied_migrations(handle) == ALL_MIGRATIONS
        assert_first_version_intact(handle)
    finally:
        handle.close()
        db.initialize(None)


def test_each_migration_applies_in_turn_keeping_every_record(first_version: str) -> None:
    database = make_database(first_version)
    items = sum(len(ROWS[t]) for t in ("question", "response", "action", "action_update", "note"))
    with database.connection_context():
        runner = Runner(database, directory=str(MIGRATIONS_DIR))
        for number, name in enumerate(ALL_MIGRATIONS[1:], start=2):
            assert runner.up(name) == [name]
            assert applied_migrations(database) == ALL_MIGRATIONS[:number]
            assert_first_version_intact(database)
            tables = set(database.get_tables())
            if name.startswith("0002"):
                # Everything said at the two meetings is in the new search index.
                count = database.execute_sql("SELECT COUNT(*) FROM search_entry").fetchone()[0]
                assert count == items
                assert "priority_review" not in tables
            if name.startswith("0003"):
                assert "priority_review" in tables
                set_by = database.execute_sql("SELECT DISTINCT set_by FROM priority").fetchall()
                assert set_by == [("panel",)]


def test_search_finds_what_was_said_before_the_upgrade(upgraded: str) -> None:
    found = {(hit.kind, hit.item_id) for hit in search.search("snatched")}
    assert ("question", 1) in found
    answers = {(hit.kind, hit.item_id) for hit in search.search("property register")}
    assert answers == {("response", 1)}
    # The asker of a question is found by name, in any script...
    asker = next(p for p in ROWS["person"] if p["id"] == 6)["name"]
    assert ("question", 1) in {(hit.kind, hit.item_id) for hit in search.search(str(asker))}
    # ...except at a meeting where they asked anonymously.
    anonymous = next(q for q in ROWS["question"] if q["anonymous"])
    named = next(p for p in ROWS["person"] if p["id"] == anonymous["asker_id"])["name"]
    by_name = {(hit.kind, hit.item_id) for hit in search.search(str(named))}
    assert ("question", anonymous["id"]) not in by_name
    assert ("question", 3) in by_name  # asked openly at the second meeting


def test_matters_arising_at_the_second_meeting_come_from_the_first(upgraded: str) -> None:
    second = Meeting.get_by_id(2)
    matters = queries.matters_arising(second)
    raised_at_first = [a["id"] for a in ROWS["action"] if a["meeting_id"] == 1]
    assert [matter.action.id for matter in matters] == raised_at_first
    latest = {m.action.id: m.latest.text if m.latest else None for m in matters}
    for action_id in raised_at_first:
        updates = [u for u in ROWS["action_update"] if u["action_id"] == action_id]
        known = [u for u in updates if str(u["date"]) <= second.date.isoformat()]
        newest = max(known, key=lambda u: (u["date"], u["id"]))["text"] if known else None
        assert latest[action_id] == newest


def test_priorities_set_before_the_upgrade_can_be_reviewed(upgraded: str) -> None:
    second = Meeting.get_by_id(2)
    under_review = {item.priority.id for item in queries.priorities_under_review(second)}
    active = {p["id"] for p in ROWS["priority"] if p["status"] == "active"}
    assert active <= under_review
    services.review_priority(1, second.id, "achieved", note="Thefts down by a quarter")
    review = services.review_priority(
        2, second.id, "replace", replacement="Drug dealing by the school gates"
    )
    assert Priority.get_by_id(1).status == "achieved"
    assert Priority.get_by_id(2).status == "dropped"
    successor = Priority.get_by_id(review.replaced_by_id)
    # A new row after the upgrade takes a new id, after those the first version used.
    assert successor.id > max(p["id"] for p in ROWS["priority"])
    assert successor.meeting_id == second.id


def test_new_records_and_minutes_work_on_the_upgraded_data(upgraded: str, tmp_path: Path) -> None:
    question = services.add_question(2, "Will the street lights on Orchard Row be fixed?")
    assert question.id > max(q["id"] for q in ROWS["question"])
    assert ("question", question.id) in {(h.kind, h.item_id) for h in search.search("Orchard")}
    minutes = export_minutes(1, tmp_path / "first.docx")
    text = "\n".join(paragraph.text for paragraph in Document(str(minutes)).paragraphs)
    for paragraph in str(ROWS["response"][0]["text"]).split("\n\n"):
        assert paragraph in text
    assert "At a police briefing" in text
    assert "Asked by A resident" in text
    hidden = next(p for p in ROWS["person"] if p["id"] == Question.get_by_id(2).asker_id)
    assert str(hidden["name"]) not in text


def test_the_upgraded_sqlite_file_passes_its_checks(tmp_path: Path) -> None:
    """SQLite only: integrity_check and foreign_key_check are SQLite's own."""
    path = copy_of_fixture(tmp_path)
    open_database(str(path)).close()
    db.initialize(None)
    connection = sqlite3.connect(path)
    try:
        assert connection.execute("PRAGMA integrity_check").fetchone()[0] == "ok"
        assert connection.execute("PRAGMA foreign_key_check").fetchall() == []
    finally:
        connection.close()


def test_names_stored_with_invisible_characters_are_made_one_name(first_version: str) -> None:
    """Migration 0006: names stored before they were normalised (an invisible mark after
    a name, fullwidth letters, a zero-width space) are put in their normal form, and the
    person is then found, searched and forgotten by the plain name."""
    database = make_database(first_version)
    with database.connection_context():
        mark = database.param
        database.execute_sql(
            f"INSERT INTO person (name, role) VALUES ({mark}, ''), ({mark}, '')",
            ("Jo Bright\u200e", "\ufeffＡｍｉｒ\u200b Khan"),
        )
        database.execute_sql(
            f"UPDATE meeting SET chair = {mark} WHERE id = 1", ("Helen\u00ad Achterberg",)
        )
    handle = open_database(first_version)
    try:
        names = {name for (name,) in handle.execute_sql("SELECT name FROM person")}
        assert {"Jo Bright", "Amir Khan"} <= names
        assert not any("\u200e" in name or "\u200b" in name for name in names)
        assert Meeting.get_by_id(1).chair == "Helen Achterberg"
        before = Person.select().count()
        assert services.person_named("jo bright").name == "Jo Bright"
        assert services.person_named("Amir Khan").name == "Amir Khan"
        assert Person.select().count() == before  # found, not made again
    finally:
        handle.close()
        db.initialize(None)


def test_every_action_keeps_the_reference_it_was_printed_with(first_version: str) -> None:
    """Migration 0007: every action made before references were per panel keeps "A" and
    its id, also one a version between 0005 and 0007 saved with no reference stored;
    the panel gets a code from its name, and its new actions are numbered from 1."""
    database = make_database(first_version)
    with database.connection_context():
        runner = Runner(database, directory=str(MIGRATIONS_DIR))
        for name in ALL_MIGRATIONS[1:6]:  # up to 0006
            runner.up(name)
        last = database.execute_sql("SELECT MAX(id) FROM action").fetchone()[0]
        database.execute_sql(f"UPDATE action SET ref = '' WHERE id = {last}")
    handle = open_database(first_version)
    try:
        stored = list(Action.select(Action.id, Action.ref).order_by(Action.id).tuples())
        assert len(stored) == len(ROWS["action"])
        assert all(ref == f"A{action_id}" for action_id, ref in stored)
        panel = Panel.get_by_id(1)
        assert (panel.name, panel.code, panel.last_action_number) == (
            "Eastbrook Ward Panel",
            "E",
            0,
        )
        meeting = Meeting.select().order_by(Meeting.date.desc()).first()
        assert services.add_action(meeting.id, "The first of the new kind").ref == "E-1"
    finally:
        handle.close()
        db.initialize(None)
