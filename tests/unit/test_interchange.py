"""Meeting files in and out (docs/meeting-file.md), against a real database: version 1
here, version 2 in test_meeting_file_v2.py."""

from __future__ import annotations

import copy
import datetime as dt
import json
import subprocess
import sys
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import pytest

from tests.engines import as_drafts
from wardpanel import queries, sample, services
from wardpanel.core.models import (
    ALL_MODELS,
    Action,
    ActionUpdate,
    Attendance,
    Figure,
    Meeting,
    Organisation,
    Panel,
    Person,
    Priority,
    Question,
    Recommendation,
    Response,
)
from wardpanel.core.storage.database import db, open_database
from wardpanel.core.words import panel_code
from wardpanel.interchange import (
    InterchangeError,
    dump_meeting,
    dump_text,
    import_files,
    importing,
)
from wardpanel.sample import SAMPLE_FILES, load_sample

FIXTURES = Path(__file__).resolve().parents[1] / "fixtures"
FIXTURE_FILES = (
    "webinar.json",
    "stop_and_search.json",
    "citizens_assembly.json",
    "partnership.json",
)
# Version 2 fixtures, written from real reports in the shape of the seeds.
V2_FIXTURE_FILES = ("v2_stop_and_search.json", "v2_citizens_assembly.json", "v2_partnership.json")
SAMPLE_DIR = Path(sample.__file__).parent
# Version 2 files that are their own dumps, to the letter.
OWN_DUMPS = (
    *(SAMPLE_DIR / name for name in SAMPLE_FILES),
    *(FIXTURES / name for name in V2_FIXTURE_FILES),
)
TODAY = dt.date(2026, 11, 21)


# -- helpers shared with test_cli_import_dump.py ------------------------------------------


def row_counts() -> dict[str, int]:
    """Rows in every table of the bound database."""
    return {model.__name__: model.select().count() for model in ALL_MODELS}


def good_meeting() -> dict[str, Any]:
    """A small valid file that uses every list, every nesting and a question link."""
    return {
        "format": "wardpanel-meeting",
        "version": 1,
        "panel": {"name": "Test Ward Panel", "ward": "Test", "borough": "Testham"},
        "meeting": {"title": "Ward panel meeting", "date": "2026-04-10", "start": "19:00"},
        "attendance": [
            {
                "name": "Ann Officer",
                "role": "Sergeant",
                "organisation": "Metropolitan Police",
                "status": "present",
            },
            {"name": "Bob Resident", "status": "apologies"},
            {
                "name": "Cal Officer",
                "organisation": "Metropolitan Police",
                "status": "absent",
                "reason": "At a police briefing",
            },
        ],
        "notes": [{"heading": "Police update", "text": "Ten crimes.\n\nTwo arrests."}],
        "questions": [
            {
                "asked_by": "Bob Resident",
                "anonymous": False,
                "topic": "Phones",
                "text": "What about phones?",
                "responses": [
                    {
                        "organisation": "Metropolitan Police",
                        "responder": "Ann Officer",
                        "text": "A.",
                    },
                    {"organisation": "Testham Council", "text": "B."},
                ],
            },
            {"anonymous": True, "text": "Who decides?", "responses": []},
        ],
        "actions": [
            {
                "text": "Patrol the station",
                "owner": "Ann Officer",
                "organisation": "Metropolitan Police",
                "due": "2026-05-01",
                "status": "in_progress",
                "question": 1,
                "updates": [{"date": "2026-04-20", "text": "Started", "status": "in_progress"}],
            }
        ],
        "priorities": [{"text": "Phone snatching", "status": "active"}],
    }


def as_version_2(version_1: dict[str, Any]) -> dict[str, Any]:
    """A version 1 file as a dump writes it, imported into an empty database: the same
    content under "version": 2, with the lists version 2 added, empty, the panel's code
    (its initials) and the references its actions were given, numbered from 1."""
    code = panel_code(version_1["panel"]["name"])
    actions = [
        {**action, "ref": f"{code}-{number}"}
        for number, action in enumerate(version_1.get("actions") or [], start=1)
    ]
    return {
        **version_1,
        "version": 2,
        "panel": {**version_1["panel"], "code": code},
        "actions": actions,
        "recommendations": [],
        "figures": [],
    }


def write_json(path: Path, data: Any) -> Path:
    path.write_text(json.dumps(data, indent=2), encoding="utf-8")
    return path


def changed(key_path: tuple[Any, ...], value: Any) -> Callable[[dict[str, Any]], None]:
    """A change to a good file: set the value at that path (lists by 0-based index)."""

    def change(data: dict[str, Any]) -> None:
        holder = data
        for step in key_path[:-1]:
            holder = holder[step]
        holder[key_path[-1]] = value

    return change


def removed(key_path: tuple[Any, ...]) -> Callable[[dict[str, Any]], None]:
    def change(data: dict[str, Any]) -> None:
        holder = data
        for step in key_path[:-1]:
            holder = holder[step]
        del holder[key_path[-1]]

    return change


@dataclass(frozen=True)
class BadFile:
    """A file import must refuse: its content and the exact message expected.

    `content` is raw bytes, or a change applied to good_meeting(). The message is
    `<file>: <key>: <problem>`, or `<file>: <problem>` when key is empty.
    """

    name: str
    content: bytes | Callable[[dict[str, Any]], None]
    key: str
    problem: str

    def write(self, folder: Path) -> Path:
        path = folder / f"{self.name}.json"
        if isinstance(self.content, bytes):
            path.write_bytes(self.content)
        else:
            data = good_meeting()
            self.content(data)
            write_json(path, data)
        return path

    def message(self, path: Path) -> str:
        where = f"{self.key}: " if self.key else ""
        return f"{path}: {where}{self.problem}"


READS = "this wardpanel reads versions 1 and 2"
ENUMS = {
    "attendance": "present, apologies, absent",
    "action": "open, in_progress, done, dropped",
    "meeting": "draft, approved",
    "priority": "active, achieved, dropped",
}

BAD_FILES = [
    # unreadable, not UTF-8, not JSON
    BadFile(
        "not-utf8",
        b'{"format": "caf\xe9"}',
        "",
        "is not UTF-8 text (byte 0xe9 at position 15); save it as UTF-8",
    ),
    BadFile(
        "not-json",
        b'{"format": "wardpanel-meeting", "version": 1,',
        "",
        "is not valid JSON: Expecting property name enclosed in double quotes at line 1, column 46",
    ),
    BadFile(
        "nan-version",
        b'{"format": "wardpanel-meeting", "version": NaN}',
        "version",
        f"NaN should be a whole number: {READS}",
    ),
    BadFile("a-list", b"[1, 2]", "", "holds a list, not a wardpanel meeting object {...}"),
    BadFile(
        "repeated-key",
        b'{"format": "wardpanel-meeting", "version": 1, "panel": {"name": "A", "name": "B"},'
        b' "meeting": {"date": "2026-01-01"}}',
        "panel.name",
        "this key appears twice in the same object",
    ),
    # format and version
    BadFile(
        "no-format",
        removed(("format",)),
        "format",
        'is missing: a meeting file says "format": "wardpanel-meeting"',
    ),
    BadFile(
        "wrong-format",
        changed(("format",), "minutes"),
        "format",
        "'minutes' is not 'wardpanel-meeting'",
    ),
    BadFile("no-version", removed(("version",)), "version", f"is missing: {READS}"),
    BadFile(
        "version-3",
        changed(("version",), 3),
        "version",
        f"3 is not supported: {READS}",
    ),
    BadFile(
        "version-text",
        changed(("version",), "1"),
        "version",
        f"'1' should be a whole number: {READS}",
    ),
    BadFile(
        "version-decimal",
        b'{"format": "wardpanel-meeting", "version": 1.0}',
        "version",
        f"1.0 should be a whole number: {READS}",
    ),
    BadFile(
        "version-true",
        changed(("version",), True),
        "version",
        f"true should be a whole number: {READS}",
    ),
    # required keys
    BadFile("no-panel-name", removed(("panel", "name")), "panel.name", "is required but missing"),
    BadFile(
        "blank-panel-name",
        changed(("panel", "name"), " \t "),
        "panel.name",
        "' \\u0009 ' cannot be empty",
    ),
    BadFile("no-meeting", removed(("meeting",)), "meeting.date", "is required but missing"),
    BadFile(
        "null-meeting-date",
        changed(("meeting", "date"), None),
        "meeting.date",
        "is required but missing",
    ),
    BadFile(
        "update-without-date",
        removed(("actions", 0, "updates", 0, "date")),
        "actions[1].updates[1].date",
        "is required but missing",
    ),
    BadFile(
        "response-without-text",
        removed(("questions", 0, "responses", 1, "text")),
        "questions[1].responses[2].text",
        "is required but missing",
    ),
    BadFile(
        "action-without-text",
        changed(("actions", 0, "text"), ""),
        "actions[1].text",
        "'' cannot be empty",
    ),
    BadFile(
        "attendee-without-name",
        removed(("attendance", 1, "name")),
        "attendance[2].name",
        "is required but missing",
    ),
    # unknown keys, anywhere
    BadFile(
        "unknown-top-key",
        changed(("minutes",), "x"),
        "minutes",
        "unknown key (expected one of: format, version, panel, meeting, attendance, notes, "
        "questions, actions, priorities)",
    ),
    BadFile(
        "unknown-panel-key",
        changed(("panel", "area"), "x"),
        "panel.area",
        "unknown key (expected one of: name, ward, borough)",
    ),
    BadFile(
        "unknown-attendance-key",
        changed(("attendance", 1, "email"), "bob@example.org"),
        "attendance[2].email",
        "unknown key (expected one of: name, role, organisation, status, reason)",
    ),
    BadFile(
        "unknown-response-key",
        changed(("questions", 0, "responses", 1, "date"), "2026-04-10"),
        "questions[1].responses[2].date",
        "unknown key (expected one of: organisation, responder, text)",
    ),
    BadFile(
        "unknown-update-key",
        changed(("actions", 0, "updates", 0, "meeting"), 3),
        "actions[1].updates[1].meeting",
        "unknown key (expected one of: date, text, status)",
    ),
    # wrong types
    BadFile(
        "number-for-name",
        changed(("panel", "name"), 42),
        "panel.name",
        "42 should be text in quotes",
    ),
    BadFile(
        "panel-not-object",
        changed(("panel",), "Test Ward Panel"),
        "panel",
        "'Test Ward Panel' should be an object {...}",
    ),
    BadFile(
        "attendance-not-list",
        changed(("attendance",), {"name": "Ann"}),
        "attendance",
        "an object should be a list [...]",
    ),
    BadFile(
        "attendee-not-object",
        changed(("attendance", 1), "Bob Resident"),
        "attendance[2]",
        "'Bob Resident' should be an object {...}",
    ),
    BadFile(
        "anonymous-text",
        changed(("questions", 1, "anonymous"), "yes"),
        "questions[2].anonymous",
        "'yes' should be true or false",
    ),
    BadFile(
        "question-index-text",
        changed(("actions", 0, "question"), "1"),
        "actions[1].question",
        "'1' should be a question's position in this file, from 1",
    ),
    # unknown enumeration values
    BadFile(
        "expected-status",
        changed(("attendance", 1, "status"), "expected"),
        "attendance[2].status",
        f"'expected' is not one of {ENUMS['attendance']}",
    ),
    BadFile(
        "action-status",
        changed(("actions", 0, "status"), "closed"),
        "actions[1].status",
        f"'closed' is not one of {ENUMS['action']}",
    ),
    BadFile(
        "update-status",
        changed(("actions", 0, "updates", 0, "status"), "In progress"),
        "actions[1].updates[1].status",
        f"'In progress' is not one of {ENUMS['action']}",
    ),
    BadFile(
        "meeting-status",
        changed(("meeting", "status"), "final"),
        "meeting.status",
        f"'final' is not one of {ENUMS['meeting']}",
    ),
    BadFile(
        "priority-status",
        changed(("priorities", 0, "status"), "done"),
        "priorities[1].status",
        f"'done' is not one of {ENUMS['priority']}",
    ),
    # impossible or loosely written dates and times
    BadFile(
        "impossible-due",
        changed(("actions", 0, "due"), "2026-02-30"),
        "actions[1].due",
        "'2026-02-30' is not a real date",
    ),
    BadFile(
        "uk-date",
        changed(("meeting", "date"), "10/04/2026"),
        "meeting.date",
        "'10/04/2026' is not a date in YYYY-MM-DD form",
    ),
    BadFile(
        "word-date",
        changed(("meeting", "next_meeting"), "next friday"),
        "meeting.next_meeting",
        "'next friday' is not a date in YYYY-MM-DD form",
    ),
    BadFile(
        "update-date",
        changed(("actions", 0, "updates", 0, "date"), "2026-13-01"),
        "actions[1].updates[1].date",
        "'2026-13-01' is not a real date",
    ),
    BadFile(
        "pm-time",
        changed(("meeting", "start"), "7pm"),
        "meeting.start",
        "'7pm' is not a time in HH:MM form, e.g. 19:00",
    ),
    BadFile(
        "impossible-time",
        changed(("meeting", "start"), "24:30"),
        "meeting.start",
        "'24:30' is not a real time",
    ),
    # dangling question index
    BadFile(
        "question-past-end",
        changed(("actions", 0, "question"), 3),
        "actions[1].question",
        "3 is not a question in this file (questions count from 1; the file has 2)",
    ),
    BadFile(
        "question-zero",
        changed(("actions", 0, "question"), 0),
        "actions[1].question",
        "0 is not a question in this file (questions count from 1; the file has 2)",
    ),
    # what the record cannot hold without losing or doubling something
    BadFile(
        "too-long-name",
        changed(("panel", "name"), "P" * 301),
        "panel.name",
        f"'{'P' * 57}...' is 301 characters long; the limit is 255",
    ),
    BadFile(
        "attendee-twice",
        changed(
            ("attendance", 2),
            {"name": "ann officer", "organisation": "metropolitan police", "status": "absent"},
        ),
        "attendance[3].name",
        "'ann officer' is already listed at attendance[1]",
    ),
    BadFile(
        "reason-for-apologies",
        changed(("attendance", 1, "reason"), "On holiday"),
        "attendance[2].reason",
        "'On holiday': a reason is kept only for status 'absent' (this entry is 'apologies')",
    ),
    BadFile(
        "empty-note",
        changed(("notes", 0), {"heading": "", "text": None}),
        "notes[1]",
        "a note needs a heading or some text",
    ),
    BadFile(
        "empty-update",
        changed(("actions", 0, "updates", 0), {"date": "2026-04-20"}),
        "actions[1].updates[1]",
        "an update needs some text or a status",
    ),
    BadFile(
        "control-characters-in-key",
        changed(("meeting", "d\x1bte"), "x"),
        "meeting.d\\u001bte",
        "unknown key (expected one of: title, date, start, venue, chair, status, next_meeting)",
    ),
]


@contextmanager
def second_database(target: str) -> Iterator[None]:
    """Bind the models to another, empty database for the duration of the block."""
    first = db.obj
    handle = open_database(target)
    try:
        yield
    finally:
        handle.close()
        db.initialize(first)


def round_trip(path: Path, tmp_path: Path, empty: str) -> tuple[str, str]:
    """Import a file, dump it, import the dump into the empty database, dump again."""
    [meeting_id] = import_files([path])
    first = dump_text(meeting_id)
    copy_path = tmp_path / f"dumped-{path.name}"
    copy_path.write_text(first, encoding="utf-8")
    with second_database(empty):
        assert row_counts()["Meeting"] == 0
        [again_id] = import_files([copy_path])
        second = dump_text(again_id)
    return first, second


# -- refusing bad files ----------------------------------------------------------------------


def assert_refused_changing_nothing(bad: BadFile, folder: Path) -> None:
    """Importing the bad file fails with exactly its message and key, and no row of any
    table changes."""
    before = row_counts()
    path = bad.write(folder)

    with pytest.raises(InterchangeError) as refused:
        import_files([path])

    assert str(refused.value) == bad.message(path)
    assert refused.value.key == bad.key
    assert row_counts() == before


@pytest.mark.parametrize("bad", BAD_FILES, ids=lambda bad: bad.name)
def test_a_bad_file_is_refused_naming_file_key_and_value(
    database: str, tmp_path: Path, bad: BadFile
) -> None:
    import_files([write_json(tmp_path / "earlier.json", good_meeting())])
    assert_refused_changing_nothing(bad, tmp_path)


def test_every_bad_change_leaves_a_file_that_would_otherwise_load(
    database: str, tmp_path: Path
) -> None:
    """The bad files differ from a good one only by the fault named."""
    [meeting_id] = import_files([write_json(tmp_path / "good.json", good_meeting())])
    assert Meeting.get_by_id(meeting_id).panel.name == "Test Ward Panel"


def test_missing_file_and_folder_are_refused(database: str, tmp_path: Path) -> None:
    before = row_counts()
    with pytest.raises(InterchangeError, match=r"nowhere\.json: no such file$"):
        import_files([tmp_path / "nowhere.json"])
    with pytest.raises(InterchangeError, match=r": is a folder, not a meeting file$"):
        import_files([tmp_path])
    assert row_counts() == before


def test_one_bad_file_stops_the_whole_batch(database: str, tmp_path: Path) -> None:
    good = write_json(tmp_path / "good.json", good_meeting())
    other = good_meeting()
    other["meeting"]["date"] = "2026-07-10"
    other["actions"][0]["due"] = "2026-06-31"
    bad = write_json(tmp_path / "bad.json", other)
    before = row_counts()

    with pytest.raises(InterchangeError, match=r"bad\.json: actions\[1\]\.due: '2026-06-31'"):
        import_files([good, bad])

    assert row_counts() == before
    assert not Panel.select().exists()


def test_a_failure_while_writing_rolls_back_the_files_already_written(
    database: str, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    first = write_json(tmp_path / "first.json", good_meeting())
    later = good_meeting()
    later["meeting"]["date"] = "2026-07-10"
    second = write_json(tmp_path / "second.json", later)
    real_write = importing.write_meeting
    written: list[int] = []

    def write_then_fail(parsed: Any) -> int:
        if written:
            raise RuntimeError("disk full")
        written.append(real_write(parsed))
        return written[-1]

    monkeypatch.setattr(importing, "write_meeting", write_then_fail)
    with pytest.raises(RuntimeError):
        import_files([first, second])

    assert written  # the first meeting was written before the failure...
    assert row_counts() == dict.fromkeys(row_counts(), 0)  # ...and rolled back


def test_a_meeting_already_in_the_database_is_refused(database: str, tmp_path: Path) -> None:
    path = write_json(tmp_path / "meeting.json", good_meeting())
    [meeting_id] = import_files([path])
    again = good_meeting()
    again["panel"]["name"] = "TEST WARD PANEL"  # panels are matched by name, any case
    copy_path = write_json(tmp_path / "again.json", again)
    before = row_counts()

    with pytest.raises(InterchangeError) as refused:
        import_files([copy_path])

    assert str(refused.value) == (
        f"{copy_path}: meeting.date: '2026-04-10': TEST WARD PANEL already has a meeting "
        f"'Ward panel meeting' on that date (meeting {meeting_id})"
    )
    assert row_counts() == before


def test_the_same_meeting_twice_in_one_import_is_refused(database: str, tmp_path: Path) -> None:
    first = write_json(tmp_path / "a.json", good_meeting())
    second = write_json(tmp_path / "b.json", good_meeting())

    with pytest.raises(InterchangeError) as refused:
        import_files([first, second])

    assert str(refused.value) == (
        f"{second}: meeting.date: '2026-04-10': the same meeting "
        f"(Test Ward Panel, 'Ward panel meeting') is also in {first}"
    )
    assert row_counts() == dict.fromkeys(row_counts(), 0)


def test_same_date_with_another_title_is_a_different_meeting(database: str, tmp_path: Path) -> None:
    other = good_meeting()
    other["meeting"]["title"] = "Extraordinary meeting"
    ids = import_files(
        [write_json(tmp_path / "a.json", good_meeting()), write_json(tmp_path / "b.json", other)]
    )
    assert [Meeting.get_by_id(i).title for i in ids] == [
        "Ward panel meeting",
        "Extraordinary meeting",
    ]


# -- what an import writes -------------------------------------------------------------------


def test_ids_come_back_in_file_order(database: str, tmp_path: Path) -> None:
    paths = []
    for day in ("2026-09-01", "2026-03-01", "2026-06-01"):
        data = good_meeting()
        data["meeting"]["date"] = day
        paths.append(write_json(tmp_path / f"{day}.json", data))

    ids = import_files(paths)

    assert [Meeting.get_by_id(i).date.isoformat() for i in ids] == [
        "2026-09-01",
        "2026-03-01",
        "2026-06-01",
    ]


def test_import_writes_every_part_of_the_file(database: str, tmp_path: Path) -> None:
    [meeting_id] = import_files([write_json(tmp_path / "m.json", good_meeting())])
    meeting = Meeting.get_by_id(meeting_id)

    assert (meeting.title, meeting.start, meeting.status) == (
        "Ward panel meeting",
        "19:00",
        "draft",
    )
    roll = {a.person.name: (a.status, a.reason) for a in queries.attendance_of(meeting_id)}
    assert roll == {
        "Ann Officer": ("present", ""),
        "Bob Resident": ("apologies", ""),
        "Cal Officer": ("absent", "At a police briefing"),
    }
    [first, second] = queries.questions_of(meeting_id)
    assert first.asker.name == "Bob Resident" and first.asker.organisation is None
    assert [(r.organisation.name, r.text) for r in first.answers] == [
        ("Metropolitan Police", "A."),
        ("Testham Council", "B."),
    ]
    assert first.answers[0].responder.name == "Ann Officer"
    assert second.anonymous and second.asker is None
    [action] = queries.actions_of(meeting_id)
    assert action.question_id == first.id
    assert (action.owner.name, action.organisation.name) == ("Ann Officer", "Metropolitan Police")
    assert (action.due, action.status) == (dt.date(2026, 5, 1), "in_progress")
    [update] = action.updates
    assert (update.date, update.text, update.status) == (
        dt.date(2026, 4, 20),
        "Started",
        "in_progress",
    )
    assert update.meeting is None  # the format has no `meeting` for updates
    [priority] = Priority.select()
    assert (priority.meeting_id, priority.panel_id, priority.text) == (
        meeting_id,
        meeting.panel_id,
        "Phone snatching",
    )


def test_the_imported_meeting_has_no_carried_forward_attendees(
    database: str, tmp_path: Path
) -> None:
    """Unlike a meeting created in the app, an import lists only the file's attendance."""
    import_files([write_json(tmp_path / "april.json", good_meeting())])
    later = good_meeting()
    later["meeting"]["date"] = "2026-07-10"
    later["attendance"] = [{"name": "Dee Newcomer", "status": "present"}]
    [july] = import_files([write_json(tmp_path / "july.json", later)])

    assert [a.person.name for a in queries.attendance_of(july)] == ["Dee Newcomer"]


def test_people_are_matched_by_name_and_organisation(database: str, tmp_path: Path) -> None:
    officer = services.person_named("Sam Lee", "PC", "Metropolitan Police")
    resident = services.person_named("Sam Lee", strict=True)
    assert officer.id != resident.id
    data = good_meeting()
    data["attendance"] = [
        {"name": "SAM LEE", "organisation": "metropolitan police", "status": "present"},
        {"name": "sam lee", "status": "present"},
        {"name": "Sam Lee", "organisation": "Testham Council", "status": "present"},
    ]
    data["questions"] = []
    data["actions"] = []
    people_before = Person.select().count()

    [meeting_id] = import_files([write_json(tmp_path / "m.json", data)])

    people = [a.person for a in queries.attendance_of(meeting_id)]
    assert [p.id for p in people[:2]] == [officer.id, resident.id]
    assert people[2].organisation.name == "Testham Council"
    assert Person.select().count() == people_before + 1
    assert Person.get_by_id(officer.id).role == "PC"  # no role in the file: the old one stays
    assert Organisation.select().where(Organisation.name == "metropolitan police").count() == 0


def test_a_name_without_organisation_means_the_attendee_of_that_name(
    database: str, tmp_path: Path
) -> None:
    data = good_meeting()
    data["questions"] = [
        {
            "asked_by": "Ann Officer",
            "text": "A question from an officer",
            "responses": [{"responder": "Cal Officer", "text": "Answered without organisation"}],
        }
    ]
    data["actions"] = [
        {"text": "Owned by an attendee", "owner": "ann officer"},
        {"text": "Owned by a stranger", "owner": "Eve Stranger"},
    ]
    [meeting_id] = import_files([write_json(tmp_path / "m.json", data)])

    [question] = queries.questions_of(meeting_id)
    assert question.asker.organisation.name == "Metropolitan Police"
    assert question.answers[0].responder.name == "Cal Officer"
    assert question.answers[0].organisation is None  # the response keeps what the file said
    attendee, stranger = queries.actions_of(meeting_id)
    assert attendee.owner.name == "Ann Officer"
    assert attendee.organisation.name == "Metropolitan Police"  # taken from its owner
    assert stranger.owner.organisation is None and stranger.organisation is None


def test_an_existing_panel_keeps_its_ward_and_borough_unless_they_are_empty(
    database: str, tmp_path: Path
) -> None:
    services.create_panel("Test Ward Panel", ward="Old Ward", borough="")
    data = good_meeting()
    data["panel"] = {"name": "test ward panel", "ward": "New Ward", "borough": "Testham"}

    import_files([write_json(tmp_path / "m.json", data)])

    [panel] = Panel.select()
    assert (panel.name, panel.ward, panel.borough) == ("Test Ward Panel", "Old Ward", "Testham")


def test_an_anonymous_question_keeps_its_asker(database: str, tmp_path: Path) -> None:
    data = good_meeting()
    data["questions"][0]["anonymous"] = True
    [meeting_id] = import_files([write_json(tmp_path / "m.json", data)])

    question = queries.questions_of(meeting_id)[0]
    assert question.anonymous is True
    assert question.asker.name == "Bob Resident"
    assert dump_meeting(meeting_id)["questions"][0]["asked_by"] == "Bob Resident"


def test_text_is_cleaned_as_the_app_cleans_it(database: str, tmp_path: Path) -> None:
    data = good_meeting()
    data["panel"]["name"] = "  Test \x1b[31mWard\x1b[0m   Panel "
    data["notes"][0]["text"] = (
        "First line  \r\nstill first\r\n\r\n\r\n\r\nSecond\x00 paragraph\ud800"
    )
    [meeting_id] = import_files([write_json(tmp_path / "m.json", data)])

    assert Meeting.get_by_id(meeting_id).panel.name == "Test Ward Panel"
    [note] = queries.notes_of(meeting_id)
    assert note.text == "First line\nstill first\n\nSecond paragraph"


def test_null_blank_and_absent_optional_values_are_the_same(database: str, tmp_path: Path) -> None:
    data = {
        "format": "wardpanel-meeting",
        "version": 1,
        "panel": {"name": "Quiet Panel", "ward": None, "borough": ""},
        "meeting": {"date": "2026-04-10", "title": None, "start": " ", "next_meeting": ""},
        "attendance": None,
        "notes": [],
        "questions": [{"text": "Only text", "anonymous": None, "responses": None}],
        "actions": [{"text": "Only text", "status": "", "due": None, "question": None}],
    }
    [meeting_id] = import_files([write_json(tmp_path / "m.json", data)])

    meeting = Meeting.get_by_id(meeting_id)
    assert (meeting.title, meeting.start, meeting.next_meeting) == ("Ward panel meeting", "", None)
    [action] = Action.select()
    assert (action.status, action.due, action.question_id) == ("open", None, None)
    assert Question.get().anonymous is False


def test_a_byte_order_mark_is_accepted(database: str, tmp_path: Path) -> None:
    path = tmp_path / "windows.json"
    path.write_bytes(b"\xef\xbb\xbf" + json.dumps(good_meeting()).encode("utf-8"))
    assert len(import_files([path])) == 1


# -- dumping ---------------------------------------------------------------------------------


def test_dump_of_an_unknown_meeting_is_refused(database: str) -> None:
    with pytest.raises(InterchangeError) as refused:
        dump_meeting(99)
    assert str(refused.value) == (
        "meeting 99: there is no meeting with that id (`wardpanel meetings` lists them)"
    )
    with pytest.raises(InterchangeError):
        dump_text(99)


def test_dump_text_is_indented_unicode_json_ending_in_a_newline(
    database: str, tmp_path: Path
) -> None:
    data = good_meeting()
    data["notes"][0]["text"] = "Damage worth £40,000 — reported to the café"
    [meeting_id] = import_files([write_json(tmp_path / "m.json", data)])

    text = dump_text(meeting_id)

    assert text.endswith("}\n") and not text.endswith("\n\n")
    assert "£40,000 — reported to the café" in text
    assert text.startswith('{\n  "format": "wardpanel-meeting",\n  "version": 2,\n')
    assert json.loads(text) == dump_meeting(meeting_id)


def test_attendees_still_expected_are_left_out_of_a_dump(database: str) -> None:
    panel = services.create_panel("Carry Panel")
    first = services.create_meeting(panel.id, "2026-03-01")
    services.record_attendance(first.id, "Ann Officer", "Sergeant", "Metropolitan Police")
    services.record_attendance(first.id, "Bob Resident")
    second = services.create_meeting(panel.id, "2026-06-01")  # both carried forward, expected
    marked = Attendance.get(Attendance.meeting == second, Attendance.status == services.EXPECTED)
    services.set_attendance(marked.id, "apologies")

    attendance = dump_meeting(second.id)["attendance"]

    assert Attendance.select().where(Attendance.meeting == second).count() == 2
    assert attendance == [
        {"name": "Ann Officer", "role": "Sergeant", "organisation": "Metropolitan Police",
         "status": "apologies"}
    ]  # fmt: skip


def test_dump_keeps_entry_order_not_alphabetical_or_date_order(database: str) -> None:
    panel = services.create_panel("Order Panel")
    meeting = services.create_meeting(panel.id, "2026-03-01")
    for name in ("Zoe", "Adam", "Mia"):
        services.record_attendance(meeting.id, name)
    action = services.add_action(meeting.id, "Do it")
    services.add_action_update(action.id, "Later first", date="2026-05-01")
    services.add_action_update(action.id, "Earlier second", date="2026-04-01")

    dumped = dump_meeting(meeting.id)

    assert [a["name"] for a in dumped["attendance"]] == ["Zoe", "Adam", "Mia"]
    assert [u["text"] for u in dumped["actions"][0]["updates"]] == ["Later first", "Earlier second"]


def test_dump_holds_only_priorities_set_at_that_meeting(database: str) -> None:
    panel = services.create_panel("Priority Panel")
    june = services.create_meeting(panel.id, "2026-06-01")
    september = services.create_meeting(panel.id, "2026-09-01")
    services.add_priority(june.id, "Older priority")
    services.add_priority(september.id, "New priority", status="achieved")

    assert dump_meeting(september.id)["priorities"] == [
        {"text": "New priority", "status": "achieved"}
    ]
    assert dump_meeting(june.id)["priorities"] == [{"text": "Older priority", "status": "active"}]


def test_dump_of_an_empty_meeting_keeps_its_lists_and_leaves_out_empty_values(
    database: str,
) -> None:
    panel = services.create_panel("Bare Panel")
    meeting = services.create_meeting(panel.id, "2026-03-01")

    assert dump_meeting(meeting.id) == {
        "format": "wardpanel-meeting",
        "version": 2,
        "panel": {"name": "Bare Panel", "code": "B"},
        "meeting": {"title": "Ward panel meeting", "date": "2026-03-01", "status": "draft"},
        "attendance": [],
        "notes": [],
        "questions": [],
        "actions": [],
        "priorities": [],
        "recommendations": [],
        "figures": [],
    }


def test_updates_reported_at_a_later_meeting_are_dumped_with_the_action(
    database: str,
) -> None:
    panel = services.create_panel("Follow Panel")
    june = services.create_meeting(panel.id, "2026-06-01")
    september = services.create_meeting(panel.id, "2026-09-01")
    action = services.add_action(june.id, "Fix the lock", due="2026-07-01")
    services.add_action_update(
        action.id, "Fixed", status="done", date="2026-09-01", meeting_id=september.id
    )

    [dumped] = dump_meeting(june.id)["actions"]

    assert dumped["status"] == "done"
    assert dumped["updates"] == [{"date": "2026-09-01", "text": "Fixed", "status": "done"}]
    assert dump_meeting(september.id)["actions"] == []


# -- round trips -----------------------------------------------------------------------------


@pytest.mark.parametrize("name", FIXTURE_FILES)
def test_version_1_fixture_dumps_as_version_2_with_the_same_content_and_round_trips(
    database: str, make_target, tmp_path: Path, name: str
) -> None:
    path = FIXTURES / name
    written = json.loads(path.read_text(encoding="utf-8"))
    assert written["version"] == 1

    first, second = round_trip(path, tmp_path, make_target())

    assert json.loads(first) == as_version_2(written)
    assert second == first


@pytest.mark.parametrize("path", OWN_DUMPS, ids=lambda path: path.name)
def test_sample_and_version_2_fixture_are_their_own_dumps_and_round_trip(
    database: str, make_target, tmp_path: Path, path: Path
) -> None:
    first, second = round_trip(path, tmp_path, make_target())

    assert json.loads(first) == json.loads(path.read_text(encoding="utf-8"))
    assert first == path.read_text(encoding="utf-8")  # written as a dump writes it
    assert second == first


def test_an_untidy_file_settles_after_one_import(
    database: str, make_target, tmp_path: Path
) -> None:
    """Empty roles, nulls, missing lists and messy text: the first dump is the fixed point."""
    data = good_meeting()
    data["attendance"][0]["role"] = ""
    data["attendance"][1]["role"] = None
    data["attendance"][1]["organisation"] = ""
    data["attendance"][2]["reason"] = "  At a\r\npolice briefing  "
    data["questions"][1]["responses"] = None
    data["questions"][0]["topic"] = "   "
    data["actions"][0]["updates"][0]["status"] = None
    data["actions"][0]["owner"] = "ann officer"
    del data["priorities"]
    data["meeting"]["venue"] = ""
    path = write_json(tmp_path / "untidy.json", data)

    first, second = round_trip(path, tmp_path, make_target())

    assert second == first
    dumped = json.loads(first)
    assert dumped["attendance"][:2] == [
        {"name": "Ann Officer", "organisation": "Metropolitan Police", "status": "present"},
        {"name": "Bob Resident", "status": "apologies"},
    ]
    assert dumped["attendance"][2]["reason"] == "At a\npolice briefing"
    assert "topic" not in dumped["questions"][0]
    assert dumped["questions"][1]["responses"] == []
    assert dumped["actions"][0]["owner"] == "Ann Officer"
    assert dumped["actions"][0]["updates"] == [{"date": "2026-04-20", "text": "Started"}]
    assert dumped["priorities"] == []
    assert "venue" not in dumped["meeting"]


def test_a_role_given_as_empty_text_round_trips_like_no_role(database: str, tmp_path: Path) -> None:
    with_empty = good_meeting()
    with_empty["attendance"] = [{"name": "Rae Resident", "role": "", "status": "present"}]
    without = copy.deepcopy(with_empty)
    del without["attendance"][0]["role"]
    without["meeting"]["date"] = "2026-05-10"

    ids = import_files(
        [
            write_json(tmp_path / "empty.json", with_empty),
            write_json(tmp_path / "none.json", without),
        ]
    )

    dumps = [dump_meeting(i)["attendance"] for i in ids]
    assert dumps[0] == dumps[1] == [{"name": "Rae Resident", "status": "present"}]


def test_a_meeting_typed_in_the_app_round_trips(database: str, make_target, tmp_path: Path) -> None:
    panel = services.create_panel("Typed Panel", ward="Typed", borough="Borough")
    meeting = services.create_meeting(
        panel.id, "2026-03-05", start="7pm", venue="Hall", chair="Chair", next_meeting="2026-06-04"
    )
    services.record_attendance(meeting.id, "Ann Officer", "Sergeant", "Metropolitan Police")
    services.record_attendance(
        meeting.id, "Cal Officer", "PC", "Metropolitan Police", "absent", "Court"
    )
    services.record_attendance(meeting.id, "Bob Resident", status="apologies")
    question = services.add_question(meeting.id, "Why?\n\nReally why?", "Bob Resident", True, "Why")
    services.add_response(question.id, "Because.", "Metropolitan Police", "Ann Officer")
    services.add_response(question.id, "Also because.", "Borough Council")
    action = services.add_action(
        meeting.id, "Find out", "Ann Officer", due="2026-04-01", question_id=question.id
    )
    services.add_action_update(action.id, "Asked", status="in_progress", date="2026-03-20")
    services.add_action(meeting.id, "Resident job", "Bob Resident")
    services.add_note(meeting.id, "Police update", "Quiet month.")
    services.add_priority(meeting.id, "Burglary")
    services.set_meeting_status(meeting.id, "approved")
    first = dump_text(meeting.id)
    path = tmp_path / "typed.json"
    path.write_text(first, encoding="utf-8")

    with second_database(make_target()):
        [again] = import_files([path])
        assert dump_text(again) == first

    dumped = json.loads(first)
    assert dumped["meeting"]["start"] == "19:00"
    assert dumped["actions"][0]["organisation"] == "Metropolitan Police"
    assert dumped["actions"][0]["question"] == 1


# -- the sample meeting ------------------------------------------------------------------------


def test_load_sample_returns_the_september_meeting(database: str) -> None:
    main_id = load_sample()

    meeting = Meeting.get_by_id(main_id)
    assert meeting.date == dt.date(2026, 9, 17)
    assert meeting.panel.name == "Marsh Lane Ward Panel"
    assert Meeting.select().count() == 2


def test_load_sample_twice_returns_the_same_meeting_and_adds_nothing(database: str) -> None:
    main_id = load_sample()
    before = row_counts()

    assert load_sample() == main_id
    assert row_counts() == before


def test_load_sample_puts_back_a_deleted_earlier_meeting(database: str) -> None:
    main_id = load_sample()
    [june] = Meeting.select().where(Meeting.id != main_id)
    as_drafts()  # the sample's minutes are approved; this test changes them
    services.delete_meeting(june.id)

    assert load_sample() == main_id
    assert Meeting.select().count() == 2


def test_the_sample_has_the_shape_of_a_real_meeting(database: str) -> None:
    main = Meeting.get_by_id(load_sample())
    attendance = queries.attendance_of(main.id)
    by_status = {
        s: [a for a in attendance if a.status == s] for s in ("present", "absent", "apologies")
    }
    assert len(by_status["present"]) >= 10
    assert len(by_status["absent"]) == 3
    assert all(a.reason and a.absence_category and a.person.organisation.name
               == "Metropolitan Police" for a in by_status["absent"])  # fmt: skip
    [post] = [a.person for a in by_status["absent"] if not a.person.name]
    assert post.role == "Neighbourhood Chief Inspector"
    assert len(by_status["apologies"]) == 2
    [substitute] = [a for a in attendance if a.substitute_for_id]
    assert (substitute.person.name, substitute.substitute_for.name) == (
        "Ruth Adeyemi",
        "Graham Lowe",
    )
    assert [(a.person.name, a.arrived) for a in attendance if a.arrived] == [
        ("Patrick Byrne", "19:40")
    ]

    questions = queries.questions_of(main.id)
    assert len(questions) == 10
    assert sum(q.anonymous for q in questions) == 1
    assert [q.topic for q in questions if q.kind == "statement"] == [
        "Thanks for the quick response on Ferry Road"
    ]
    assert [q.topic for q in questions if q.outcome == "unanswered"] == [
        "Senior officers at the panel"
    ]
    answered_by_both = [
        q for q in questions
        if {r.organisation.name for r in q.answers} == {"Metropolitan Police", "Fernbridge Council"}
    ]  # fmt: skip
    assert len(answered_by_both) >= 3
    assert all(2 <= len(r.text.split("\n\n")) <= 4 for q in questions for r in q.answers)
    assert any("in the autumn" in r.text for q in questions for r in q.answers)

    actions = queries.actions_of(main.id)
    assert len(actions) == 6
    assert sum(a.question_id is not None for a in actions) >= 3
    assert sum(a.is_overdue(TODAY) for a in actions) >= 2
    assert [n.heading for n in queries.notes_of(main.id)] == ["Police update", "Any other business"]
    assert "38 %" in queries.notes_of(main.id)[0].text
    assert Priority.select().where(Priority.meeting == main).count() == 3
    assert main.next_meeting is not None
    recommendations = Recommendation.select().where(Recommendation.meeting == main)
    assert [(r.to_organisation.name, r.status) for r in recommendations] == [
        ("Fernbridge Council", "awaiting_response"),
        ("Metropolitan Police", "partly_accepted"),
    ]
    figures = {f.category: f for f in Figure.select().where(Figure.meeting == main)}
    assert (figures["Phone snatches"].value, figures["Phone snatches"].previous) == ("29", "47")
    assert (
        figures["Change in phone snatches"].value,
        figures["Change in phone snatches"].unit,
    ) == (
        "-38",
        "%",
    )


def test_the_sample_june_actions_arise_in_september(database: str) -> None:
    main = Meeting.get_by_id(load_sample())
    june = Meeting.get(Meeting.id != main.id)

    assert Action.select().where(Action.meeting == june).count() == 4
    assert ActionUpdate.select().join(Action).where(Action.meeting == june).count() >= 3
    arising = queries.matters_arising(main)
    assert [m.action.meeting_id for m in arising] == [june.id] * len(arising)
    assert len(arising) >= 2
    assert Priority.select().where(Priority.meeting == june).count() == 2


def test_the_sample_is_found_from_any_working_folder(db_target: str, tmp_path: Path) -> None:
    """Package data, not files beside the current folder: load it from elsewhere."""
    script = (
        "import sys; from wardpanel.core.storage.database import open_database; "
        "open_database(sys.argv[1]); from wardpanel.sample import load_sample; "
        "print(load_sample())"
    )
    done = subprocess.run(
        [sys.executable, "-c", script, db_target],
        cwd=tmp_path,
        capture_output=True,
        text=True,
        check=False,
    )
    assert done.returncode == 0, done.stderr
    assert done.stdout.strip() == "2"


def test_responses_keep_their_order_within_each_question(database: str, tmp_path: Path) -> None:
    data = good_meeting()
    data["questions"][0]["responses"].reverse()
    [meeting_id] = import_files([write_json(tmp_path / "m.json", data)])

    orgs = [r.organisation.name for r in Response.select().order_by(Response.id)]
    assert orgs == ["Testham Council", "Metropolitan Police"]
    assert [
        r["organisation"] for r in dump_meeting(meeting_id)["questions"][0]["responses"]
    ] == orgs
