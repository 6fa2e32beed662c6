"""Residents' privacy: forget one person, purge past a retention date, private files.

The forget and purge tests run on both engines (the `database` fixture); those whose
subject is SQLite itself (file modes, secure_delete, raw file bytes) say so.
"""

from __future__ import annotations

import datetime as dt
import os
import pty
import re
import select
import shutil
import sqlite3
import stat
import subprocess
import sys
from collections.abc import Iterator
from pathlib import Path

import pytest
from click.testing import CliRunner, Result
from docx import Document

from tests.engines import as_drafts
from tests.fixtures.build_schema_0001 import FIXTURE, ROWS
from wardpanel import privacy, services
from wardpanel.cli import main
from wardpanel.core.models import Action, Attendance, Meeting, Person, Question, Response
from wardpanel.core.storage.database import db, open_database
from wardpanel.exporting import export_minutes
from wardpanel.interchange import dump_text, import_files
from wardpanel.queries import search
from wardpanel.sample import load_sample

REPOSITORY = Path(__file__).resolve().parents[2]
IMPORTED = sorted((REPOSITORY / "tests" / "fixtures").glob("*.json"))
# Tables whose free text may name someone (not the person table itself, nor the index).
NOT_FREE_TEXT = ("person", "organisation", "panel", "schema_migration", "search_entry")


@pytest.fixture(autouse=True)
def let_go_of_the_database() -> Iterator[None]:
    """A command binds the models to its own handle: close it after the test."""
    yield
    if db.obj is not None:
        db.obj.close()
        db.initialize(None)


def run(*args: str) -> Result:
    return CliRunner().invoke(main, list(args))


# -- reading everything back ---------------------------------------------------------


def every_row() -> dict[str, list[tuple]]:
    """Every row of every table, search index included: equal snapshots, equal data."""
    rows = {}
    for table in db.get_tables():
        found = db.execute_sql(f'SELECT * FROM "{table}"').fetchall()
        rows[table] = sorted((tuple(row) for row in found), key=repr)
    return rows


def texts(tables: Iterator[str] | list[str] | None = None) -> list[str]:
    """Every text value in these tables (by default all, search index included)."""
    found = []
    for table in tables if tables is not None else db.get_tables():
        for row in db.execute_sql(f'SELECT * FROM "{table}"'):
            found += [value for value in row if isinstance(value, str)]
    return found


def free_text_tables() -> list[str]:
    return [t for t in db.get_tables() if not t.startswith(NOT_FREE_TEXT)]


def mentions_of(name: str) -> int:
    """How often the name is written in free text, whatever the case and spacing."""
    wanted = name.lower()
    return sum(" ".join(text.split()).lower().count(wanted) for text in texts(free_text_tables()))


def word_anywhere(word: str) -> bool:
    """The word, whole and in any case, in any text of any table: the search index keeps
    names as lower-case words (PostgreSQL's tsvector) or in its own rows (SQLite)."""
    pattern = re.compile(rf"(?<!\w){re.escape(word)}(?!\w)", re.IGNORECASE)
    return any(pattern.search(text) for text in texts())


def document_text(path: Path) -> str:
    document = Document(str(path))
    parts = [paragraph.text for paragraph in document.paragraphs]
    for table in document.tables:
        parts += [cell.text for row in table.rows for cell in row.cells]
    for section in document.sections:
        parts += [paragraph.text for paragraph in section.footer.paragraphs]
        parts += [paragraph.text for paragraph in section.header.paragraphs]
    properties = document.core_properties
    parts += [properties.title or "", properties.subject or "", properties.author or ""]
    return "\n".join(parts)


def minutes_text(meeting_id: int, folder: Path) -> str:
    path = export_minutes(meeting_id, folder / f"minutes-{meeting_id}.docx", force=True)
    return document_text(path)


def expected_forget(person: Person) -> dict[str, int]:
    """What forgetting should change, counted straight from the records."""
    return {
        "questions": Question.select().where(Question.asker == person).count(),
        "attendance": Attendance.select().where(Attendance.person == person).count(),
        "actions": Action.select().where(Action.owner == person).count(),
        "responses": Response.select().where(Response.responder == person).count(),
        "mentions": mentions_of(person.name),
    }


def officers_records() -> list[tuple]:
    """Every official's person record and attendance entries."""
    rows = []
    for person in Person.select().order_by(Person.id):
        if privacy.is_official(person):
            entries = Attendance.select().where(Attendance.person == person).order_by(Attendance.id)
            attended = [(e.meeting_id, e.status, e.reason) for e in entries]
            rows.append((person.id, person.name, person.role, person.organisation_id, attended))
    return rows


# -- forget ----------------------------------------------------------------------------


def test_forget_erases_a_resident_everywhere_and_reports_what_changed(
    database: str, tmp_path: Path
) -> None:
    main_meeting = load_sample()
    person = privacy.find_person("leon fraser")
    first = Meeting.select().order_by(Meeting.date).first()
    # Mentions in free text, as a clerk might have typed them.
    as_drafts()  # the sample's minutes are approved; this test changes them
    services.add_note(
        first.id,
        "Any other business",
        "Leon Fraser asked for the figures.\n\nThey went to LEON FRASER.",
    )
    action = Action.select().where(Action.meeting == main_meeting).first()
    services.add_action_update(action.id, "Discussed with leon  fraser by phone.")
    expected = expected_forget(person)
    assert expected["questions"] > 0 and expected["attendance"] > 0 and expected["mentions"] >= 3
    assert word_anywhere("Fraser")
    asked = [q.id for q in Question.select().where(Question.asker == person)]
    officers = officers_records()

    report = privacy.forget_person(person.id)

    assert report.counts() == expected
    assert report.summary().startswith(
        f"Forgot Leon Fraser: {expected['questions']} questions now asked by a resident, "
        f"{expected['attendance']} attendance entries removed"
    )
    assert not word_anywhere("Fraser")
    assert search.search("Leon Fraser") == []
    assert Person.get_or_none(Person.id == person.id) is None
    for question in Question.select().where(Question.id.in_(asked)):
        assert question.anonymous and question.asker_id is None
    # Their questions are still found by what they said.
    question = Question.get_by_id(asked[0])
    words = " ".join(question.text.split()[:4])
    assert ("question", question.id) in {(h.kind, h.item_id) for h in search.search(words)}
    note = next(n for n in texts(["note"]) if "asked for the figures" in n)
    assert note.startswith("A resident asked for the figures.")
    assert officers_records() == officers
    for meeting in Meeting.select():
        text = minutes_text(meeting.id, tmp_path)
        assert "Fraser" not in text
        assert "Fraser" not in dump_text(meeting.id)
    assert "Asked by A resident" in minutes_text(question.meeting_id, tmp_path)


def test_a_dry_run_reports_the_same_and_changes_nothing(database: str) -> None:
    load_sample()
    person = privacy.find_person("Bernard Cole")
    before = every_row()
    preview = privacy.forget_person(person.id, dry_run=True)
    assert every_row() == before
    assert preview.summary().startswith("Would forget Bernard Cole:")
    report = privacy.forget_person(person.id)
    assert report.counts() == preview.counts()
    assert every_row() != before


def test_an_officer_is_refused_unless_asked_for_by_name(database: str) -> None:
    load_sample()
    officer = privacy.find_person("Tom Whitfield")
    before = every_row()
    with pytest.raises(privacy.NotAResident):
        privacy.forget_person(officer.id)
    assert every_row() == before
    as_drafts()  # the sample's minutes are approved; this test changes them
    services.add_note(Meeting.select().first().id, "Follow-up", "Tom Whitfield will report back.")
    report = privacy.forget_person(officer.id, officer=True)
    assert report.actions > 0 and report.mentions >= 1
    assert not word_anywhere("Whitfield")
    assert "An officer will report back." in texts(["note"])


def test_a_councillor_without_an_organisation_is_an_official(database: str) -> None:
    meeting = services.create_meeting(services.create_panel("Panel").id, "2026-03-05")
    services.record_attendance(meeting.id, "Dev Mistry", role="Ward Councillor")
    services.record_attendance(meeting.id, "Orla Finnegan", role="Neighbourhood Watch")
    services.record_attendance(meeting.id, "Stella Creasy", role="MP")
    assert privacy.is_official(privacy.find_person("Dev Mistry"))
    assert not privacy.is_official(privacy.find_person("Orla Finnegan"))
    # Officials are police, council officers and councillors: an MP is a resident.
    assert not privacy.is_official(privacy.find_person("Stella Creasy"))


def test_forget_on_imported_meetings_of_several_panels(database: str, tmp_path: Path) -> None:
    import_files(IMPORTED)
    person = privacy.find_person("MARCIA THOMPSON")
    expected = expected_forget(person)
    assert expected["actions"] == 1 and expected["mentions"] >= 1  # the chair, at least
    officers = officers_records()
    report = privacy.forget_person(person.id)
    assert report.counts() == expected
    assert not word_anywhere("Thompson")
    assert officers_records() == officers
    for meeting in Meeting.select():
        assert "Thompson" not in minutes_text(meeting.id, tmp_path)
        assert "Thompson" not in dump_text(meeting.id)


def test_the_command_forgets_with_yes_and_says_what_changed(database: str) -> None:
    load_sample()
    expected = expected_forget(privacy.find_person("Leon Fraser"))
    result = run("forget", "leon FRASER", "--yes", "--db", database)
    assert result.exit_code == 0, result.output
    assert result.output.strip() == (
        f"Forgot Leon Fraser: {expected['questions']} questions now asked by a resident, "
        f"{expected['attendance']} attendance entries removed, "
        f"{expected['actions']} action owners cleared, "
        f"{expected['mentions']} mentions replaced."
    )
    assert privacy.people_named("Leon Fraser") == []


def test_the_command_changes_nothing_when_it_must_not(database: str) -> None:
    load_sample()
    as_drafts()  # the sample's minutes are approved; this test changes them
    services.record_attendance(
        Meeting.select().first().id, "Tom Whitfield", organisation="Fernbridge Council"
    )
    before = every_row()
    # No terminal to ask at, and no --yes.
    unconfirmed = run("forget", "Leon Fraser", "--db", database)
    assert unconfirmed.exit_code == 2
    assert "add --yes" in unconfirmed.output
    dry = run("forget", "Leon Fraser", "--dry-run", "--db", database)
    assert dry.exit_code == 0 and dry.output.startswith("Would forget Leon Fraser:")
    unknown = run("forget", "Nobody Atall", "--yes", "--db", database)
    assert unknown.exit_code == 2
    assert "nobody called 'Nobody Atall'" in unknown.output
    officer = run("forget", "Ruth Adeyemi", "--yes", "--db", database)
    assert officer.exit_code == 2
    assert "--officer" in officer.output
    ambiguous = run("forget", "tom whitfield", "--yes", "--db", database)
    assert ambiguous.exit_code == 2
    ids = [p.id for p in privacy.people_named("Tom Whitfield")]
    assert len(ids) == 2
    for person_id in ids:
        assert f"#{person_id} Tom Whitfield" in ambiguous.output
    assert "--id" in ambiguous.output
    assert every_row() == before
    chosen = run("forget", "--id", str(ids[1]), "--officer", "--yes", "--db", database)
    assert chosen.exit_code == 0, chosen.output
    assert [p.id for p in privacy.people_named("Tom Whitfield")] == ids[:1]


def ask_at_a_terminal(args: list[str], answer: bytes) -> tuple[int, str]:
    """Run the command with a terminal as its input, answer its question, and return its
    exit status and everything it printed."""
    primary, secondary = pty.openpty()
    process = subprocess.Popen(
        [sys.executable, "-m", "wardpanel.cli", *args],
        stdin=secondary,
        stdout=secondary,
        stderr=secondary,
        cwd=REPOSITORY,
    )
    os.close(secondary)
    output = b""
    answered = False
    try:
        while True:
            ready, _, _ = select.select([primary], [], [], 60)
            if not ready:
                break  # the command is stuck: the assertions below say so
            try:
                chunk = os.read(primary, 4096)
            except OSError:  # the command has ended and closed the terminal
                break
            if not chunk:
                break
            output += chunk
            if not answered and b"[y/N]" in output:
                os.write(primary, answer + b"\n")
                answered = True
    finally:
        os.close(primary)
        status = process.wait(timeout=60)
    return status, output.decode("utf-8", "replace")


def test_at_a_terminal_the_command_asks_first(database: str) -> None:
    load_sample()
    before = every_row()
    status, output = ask_at_a_terminal(["forget", "Leon Fraser", "--db", database], b"n")
    assert status == 1, output
    assert "Would forget Leon Fraser:" in output and "Nothing was changed." in output
    assert every_row() == before
    status, output = ask_at_a_terminal(["forget", "Leon Fraser", "--db", database], b"y")
    assert status == 0, output
    assert "Forgot Leon Fraser:" in output
    assert privacy.people_named("Leon Fraser") == []


# -- purge ------------------------------------------------------------------------------


def meeting_people(meeting_id: int) -> set[int]:
    people = set()
    for query in (
        Attendance.select(Attendance.person).where(Attendance.meeting == meeting_id),
        Question.select(Question.asker).where(Question.meeting == meeting_id),
        Action.select(Action.owner).where(Action.meeting == meeting_id),
        Response.select(Response.responder).join(Question).where(Question.meeting == meeting_id),
    ):
        people |= {row[0] for row in query.tuples() if row[0] is not None}
    return people


def meeting_record(meeting_id: int) -> list[tuple]:
    attendance = Attendance.select().where(Attendance.meeting == meeting_id)
    questions = Question.select().where(Question.meeting == meeting_id)
    return sorted(
        [("attendance", a.person_id, a.status, a.reason) for a in attendance]
        + [("question", q.asker_id, q.anonymous, q.text) for q in questions],
        key=repr,
    )


def test_purge_removes_residents_data_from_meetings_before_the_date_only(database: str):
    load_sample()
    june, september = Meeting.select().order_by(Meeting.date)
    # Someone who came only in June, and a councillor with no organisation.
    as_drafts()  # the sample's minutes are approved; this test changes them
    services.record_attendance(june.id, "Orla Finnegan")
    services.add_question(june.id, "Orla Finnegan asks about the bins.", asker="Orla Finnegan")
    services.record_attendance(june.id, "Dev Mistry", role="Ward Councillor")
    residents = {p.id for p in Person.select() if not privacy.is_official(p)}
    old_residents = meeting_people(june.id) & residents
    expected = {
        "meetings": 1,
        "attendance": Attendance.select()
        .where(Attendance.meeting == june, Attendance.person.in_(old_residents))
        .count(),
        "questions": Question.select()
        .where(Question.meeting == june, Question.asker.in_(old_residents))
        .count(),
        "people": len(old_residents - meeting_people(september.id)),
    }
    assert all(expected.values())
    september_before = meeting_record(september.id)
    officers = officers_records()
    before = every_row()

    preview = privacy.purge_before(dt.date(2026, 7, 1), dry_run=True)
    assert every_row() == before
    report = privacy.purge_before(dt.date(2026, 7, 1))

    assert report.counts() == preview.counts()
    assert {key: report.counts()[key] for key in expected} == expected
    assert meeting_people(june.id) & old_residents == set()
    assert meeting_record(september.id) == september_before
    assert officers_records() == officers
    assert privacy.people_named("Orla Finnegan") == []
    assert not word_anywhere("Finnegan")
    assert privacy.people_named("Dev Mistry") != []
    askers = Question.select().where(Question.meeting == june, Question.asker.is_null(False))
    assert all(privacy.is_official(question.asker) for question in askers)


def test_purge_on_imported_meetings_keeps_newer_ones_whole(database: str, tmp_path: Path):
    import_files(IMPORTED)
    cutoff = dt.date(2026, 1, 1)
    newer = [m.id for m in Meeting.select().where(Meeting.date >= cutoff)]
    older = [m.id for m in Meeting.select().where(Meeting.date < cutoff)]
    assert newer and older
    kept = {meeting_id: meeting_record(meeting_id) for meeting_id in newer}
    dumps = {meeting_id: dump_text(meeting_id) for meeting_id in newer}
    officers = officers_records()
    report = privacy.purge_before(cutoff)
    assert report.meetings == len(older)
    assert {meeting_id: meeting_record(meeting_id) for meeting_id in newer} == kept
    assert {meeting_id: dump_text(meeting_id) for meeting_id in newer} == dumps
    assert officers_records() == officers
    for meeting_id in older:
        people = Person.select().where(Person.id.in_(list(meeting_people(meeting_id))))
        assert all(privacy.is_official(person) for person in people)
        minutes_text(meeting_id, tmp_path)  # the minutes still export


def days_ago(days: int) -> str:
    return (dt.date.today() - dt.timedelta(days=days)).isoformat()


def test_the_purge_command_asks_for_yes_and_reads_dates_as_the_app_does(database: str):
    panel = services.create_panel("Retention panel")
    old = services.create_meeting(panel.id, days_ago(800))
    services.record_attendance(old.id, "Orla Finnegan")
    recent = services.create_meeting(panel.id, days_ago(10), carry_forward=False)
    services.record_attendance(recent.id, "Bríd Ní Bhriain")
    before = every_row()
    for args, status, words in (
        (["--before", "30/02/2020"], 2, "--before: '30/02/2020' is not a real date"),
        (["--before", "someday"], 2, "--before: 'someday' is not a date I can read"),
        (["--before", "in 2 weeks"], 2, "is in the future"),
        (["--before", days_ago(365)], 2, "add --yes"),
    ):
        result = run("purge", *args, "--db", database)
        assert result.exit_code == status and words in result.output, result.output
    dry = run("purge", "--before", days_ago(365), "--dry-run", "--json", "--db", database)
    assert dry.exit_code == 0
    assert '"attendance": 1' in dry.output and '"people": 1' in dry.output
    assert every_row() == before
    done = run("purge", "--before", days_ago(365), "--yes", "--db", database)
    assert done.exit_code == 0, done.output
    assert "1 attendance entry removed" in done.output and "1 resident deleted" in done.output
    assert privacy.people_named("Orla Finnegan") == []
    assert privacy.people_named("Bríd Ní Bhriain") != []


# -- files readable by their owner only (SQLite) -----------------------------------------


@pytest.mark.parametrize("umask", [0o022, 0o002])
def test_the_database_and_its_wal_and_shm_are_private_whatever_the_umask(db_path: Path, umask):
    """SQLite only: the -wal and -shm files are SQLite's."""
    old = os.umask(umask)
    try:
        open_database(str(db_path))
        load_sample()
        files = [db_path, Path(f"{db_path}-wal"), Path(f"{db_path}-shm")]
        assert all(path.exists() for path in files)
        assert {path.name: stat.S_IMODE(path.stat().st_mode) for path in files} == {
            path.name: 0o600 for path in files
        }
        assert stat.S_IMODE(db_path.parent.stat().st_mode) == 0o700
    finally:
        os.umask(old)


def test_an_existing_database_readable_by_others_is_made_private(tmp_path: Path) -> None:
    """SQLite only: a file made by an earlier version or copied in with a wide mode."""
    path = tmp_path / "ward.db"
    shutil.copyfile(FIXTURE, path)
    os.chmod(path, 0o644)
    open_database(str(path))
    as_drafts()  # the sample's minutes are approved; this test changes them
    services.add_note(1, "Any other business", "Written after the upgrade.")
    for name in (path, Path(f"{path}-wal"), Path(f"{path}-shm")):
        assert stat.S_IMODE(name.stat().st_mode) == 0o600, name


# -- erased words leave the file (SQLite) -----------------------------------------------


def raw_bytes(path: Path) -> bytes:
    """The database file and its WAL as stored on disk, lower-cased (ASCII)."""
    wal = Path(f"{path}-wal")
    return (path.read_bytes() + (wal.read_bytes() if wal.exists() else b"")).lower()


def test_secure_delete_overwrites_erased_text(db_path: Path) -> None:
    """SQLite only: raw file bytes. Neither drafts nor reasons for absence are indexed,
    so nothing but secure_delete decides whether their words linger."""
    open_database(str(db_path))
    meeting = services.create_meeting(services.create_panel("Panel").id, "2026-04-10")
    services.save_draft("question:1", {"text": "quimbleflax draft"}, meeting_id=meeting.id)
    entry = services.record_attendance(
        meeting.id, "A. Officer", organisation="Police", status="absent", reason="zorblatt duty"
    )
    db.execute_sql("PRAGMA wal_checkpoint(TRUNCATE)")
    assert b"quimbleflax" in raw_bytes(db_path) and b"zorblatt" in raw_bytes(db_path)
    services.discard_draft("question:1")
    services.set_attendance(entry.id, "present")
    db.execute_sql("PRAGMA wal_checkpoint(TRUNCATE)")
    assert b"quimbleflax" not in raw_bytes(db_path)
    assert b"zorblatt" not in raw_bytes(db_path)


def test_without_secure_delete_the_erased_text_would_linger(db_path: Path) -> None:
    """SQLite only: the control for the test above, so that it can fail."""
    open_database(str(db_path))
    db.execute_sql("PRAGMA secure_delete = 0")
    services.save_draft("question:1", {"text": "quimbleflax draft"})
    services.discard_draft("question:1")
    db.execute_sql("PRAGMA wal_checkpoint(TRUNCATE)")
    assert b"quimbleflax" in raw_bytes(db_path)


def test_a_deleted_questions_words_leave_the_file_once_erased_words_are_cleared(db_path: Path):
    """SQLite only: raw file bytes, and the FTS5 index's segments."""
    open_database(str(db_path))
    meeting = services.create_meeting(services.create_panel("Panel").id, "2026-04-10")
    for number in range(30):
        services.add_question(meeting.id, f"Ordinary question number {number}")
    # The index keeps words stemmed ("zyxwhistl") and shares the start of a word with
    # the word before it: no other word here starts with a z.
    marked = services.add_question(meeting.id, "What about the zyxwhistle gang?")
    services.delete_question(marked.id)
    db.execute_sql("PRAGMA wal_checkpoint(TRUNCATE)")
    assert b"zyxwhistl" in raw_bytes(db_path)  # still in the index's older segments
    assert privacy.clear_erased_words()
    assert b"zyxwhistl" not in raw_bytes(db_path)
    assert search.search("ordinary question")  # the index still works


def closed(path: Path) -> bytes:
    """Let go of the database, then read its bytes."""
    if db.obj is not None:
        db.obj.close()
        db.initialize(None)
    return raw_bytes(path)


def test_after_forget_the_name_is_not_in_the_file(db_path: Path) -> None:
    """SQLite only: raw file bytes after the command, which clears erased words."""
    open_database(str(db_path))
    main_meeting = load_sample()
    # A name whose words start with letters no other word of the sample starts with, so
    # that the index's words are found whole in the file if they are there at all.
    services.record_attendance(main_meeting, "Xanthe Zyborski")
    services.add_question(main_meeting, "Is the crossing safe?", asker="Xanthe Zyborski")
    services.add_note(main_meeting, "Any other business", "Xanthe Zyborski offered to help.")
    assert b"xanthe zyborski" in closed(db_path) and b"zyborski" in closed(db_path)
    result = run("forget", "Xanthe Zyborski", "--yes", "--db", str(db_path))
    assert result.exit_code == 0, result.output
    assert b"zyborski" not in closed(db_path) and b"xanth" not in closed(db_path)
    result = run("forget", "Leon Fraser", "--yes", "--db", str(db_path))
    assert result.exit_code == 0, result.output
    assert b"leon fraser" not in closed(db_path)


def test_after_purge_the_names_are_not_in_the_file(db_path: Path) -> None:
    """SQLite only: raw file bytes after the command, which clears erased words."""
    open_database(str(db_path))
    panel = services.create_panel("Retention panel")
    old = services.create_meeting(panel.id, days_ago(800))
    services.record_attendance(old.id, "Xavier Zwolinski")
    services.add_question(old.id, "Could the bins be emptied weekly?", asker="Xavier Zwolinski")
    services.add_note(old.id, "Any other business", "Xavier Zwolinski thanked the team.")
    services.create_meeting(panel.id, days_ago(5))  # Xavier is carried forward as expected
    assert b"zwolinsk" in closed(db_path)
    result = run("purge", "--before", days_ago(365), "--yes", "--db", str(db_path))
    assert result.exit_code == 0, result.output
    assert b"zwolinsk" in closed(db_path)  # still expected at the recent meeting
    result = run("purge", "--before", days_ago(0), "--yes", "--db", str(db_path))
    assert result.exit_code == 0, result.output
    assert "1 resident deleted" in result.output
    assert b"zwolinsk" not in closed(db_path)


def test_a_first_version_database_forgets_a_name_in_another_script(tmp_path: Path) -> None:
    """SQLite only: an upgraded file, then the raw bytes of a non-ASCII name."""
    path = tmp_path / "db" / "wardpanel.db"
    path.parent.mkdir()
    shutil.copyfile(FIXTURE, path)
    [person] = [p for p in ROWS["person"] if p["name"] == "ليلى حداد"]
    name = str(person["name"])
    assert all(word.encode() in raw_bytes(path) for word in name.split())
    open_database(str(path))
    report = privacy.forget_person(privacy.find_person(name).id)
    assert report.questions == sum(q["asker_id"] == person["id"] for q in ROWS["question"])
    assert report.attendance == sum(a["person_id"] == person["id"] for a in ROWS["attendance"])
    closed(path)
    connection = sqlite3.connect(path)
    try:
        assert connection.execute("PRAGMA integrity_check").fetchone()[0] == "ok"
        assert connection.execute("PRAGMA foreign_key_check").fetchall() == []
    finally:
        connection.close()
    for word in name.split():
        assert word.encode() not in raw_bytes(path)


def test_forget_says_that_backups_still_hold_the_erased_data(tmp_path: Path) -> None:
    """SQLite only: backups are files beside a SQLite database (here the one the upgrade
    of a first-version database took)."""
    path = tmp_path / "db" / "wardpanel.db"
    path.parent.mkdir()
    shutil.copyfile(FIXTURE, path)
    result = run("forget", "siobhán o’neill", "--yes", "--db", str(path))
    assert result.exit_code == 0, result.output
    assert result.output.startswith("Forgot Siobhán O'Neill:")
    [backup] = (path.parent / "backups").glob("*.db")
    assert f"1 backup(s) in {backup.parent} still hold the erased data" in result.output
    assert "Siobhán".encode() in backup.read_bytes()
