"""Meeting file version 2 (docs/meeting-file.md), against a real database on each engine:
every key stored where the record keeps it and dumped back exactly, every refusal naming
its key path, and version 1 files keeping their meaning."""

from __future__ import annotations

import copy
import datetime as dt
import json
from collections.abc import Callable
from pathlib import Path
from typing import Any

import pytest

from tests.unit.test_interchange import (
    FIXTURE_FILES,
    FIXTURES,
    BadFile,
    assert_refused_changing_nothing,
    changed,
    removed,
    round_trip,
    row_counts,
    second_database,
    write_json,
)
from wardpanel.core.models import (
    Action,
    Attendance,
    Figure,
    Meeting,
    Note,
    Organisation,
    Panel,
    Person,
    Priority,
    Question,
    Recommendation,
    RecommendationUpdate,
    Response,
)
from wardpanel.interchange import InterchangeError, dump_meeting, dump_text, import_files

V2_FIXTURES = ("v2_stop_and_search.json", "v2_citizens_assembly.json", "v2_partnership.json")


def full_meeting() -> dict[str, Any]:
    """A version 2 file using every key of the format, written as a dump writes it."""
    return {
        "format": "wardpanel-meeting",
        "version": 2,
        "panel": {
            "name": "Lea Bridge Ward Panel",
            "ward": "Lea Bridge",
            "borough": "Waltham Forest",
            "publish_residents": "named",
        },
        "meeting": {
            "title": "Ward panel meeting",
            "date": "2026-10-08",
            "start": "19:00",
            "venue": "Lea Bridge Library",
            "chair": "Hannah Price",
            "status": "approved",
            "next_meeting": "2027-01-14",
            "approved": {"on": "2026-10-20", "by": "Hannah Price"},
            "previous_minutes": {"agreed": False, "amendments": "The date of the fun day."},
        },
        "attendance": [
            {"name": "Hannah Price", "role": "Panel chair", "status": "present", "named": True},
            {
                "name": "Owen Blake",
                "role": "Sergeant",
                "organisation": "Metropolitan Police",
                "status": "absent",
                "reason": "At a court hearing",
                "absence_category": "abstracted",
            },
            {
                "name": "Rita Okoye",
                "role": "PC",
                "organisation": "Metropolitan Police",
                "status": "present",
                "for": "Owen Blake",
                "arrived": "19:25",
                "left": "20:40",
            },
            {
                "role": "Borough Commander",
                "organisation": "Metropolitan Police",
                "status": "absent",
            },
            {
                "name": "Cllr Dev Patel",
                "organisation": "Waltham Forest Council",
                "status": "apologies",
                "reason": "Family illness",
                "absence_category": "sickness",
            },
            {"name": "Joy Mensah", "status": "present", "first_time": True},
        ],
        "notes": [
            {"heading": "Police update", "text": "Quiet month."},
            {"heading": "Operation Jigsaw", "text": "Details withheld.", "internal": True},
        ],
        "questions": [
            {
                "asked_by": "Joy Mensah",
                "anonymous": False,
                "topic": "Bus stop robberies",
                "text": "What is being done?",
                "responses": [
                    {
                        "organisation": "Metropolitan Police",
                        "responder": "Rita Okoye",
                        "text": "Patrols.",
                    },
                    {
                        "organisation": "Waltham Forest Council",
                        "text": "Cameras.",
                        "internal": True,
                    },
                ],
                "outcome": "answered",
            },
            {
                "anonymous": True,
                "text": "Who sets the priorities?",
                "responses": [],
                "outcome": "referred",
                "referred_to": "the borough's engagement team",
            },
            {
                "asked_by": "Joy Mensah",
                "anonymous": False,
                "text": "Thank you to the team.",
                "responses": [],
                "kind": "statement",
                "internal": True,
            },
            {
                "anonymous": False,
                "text": "Why no inspector?",
                "responses": [],
                "outcome": "unanswered",
            },
        ],
        "actions": [
            {
                "text": "Patrol the bus stops on Lea Bridge Road",
                "owner": "Rita Okoye",
                "organisation": "Metropolitan Police",
                "due": "2026-12-01",
                "status": "in_progress",
                "question": 1,
                "updates": [
                    {"date": "2026-11-02", "text": "Patrols started", "status": "in_progress"}
                ],
                "agreed_due": "2026-11-01",
                "priority": 2,
            },
            {
                "text": "Check the intelligence picture",
                "organisation": "Metropolitan Police",
                "due": "2026-11-15",
                "status": "open",
                "updates": [],
                "internal": True,
            },
        ],
        "priorities": [
            {"text": "Drug dealing in the park", "status": "active"},
            {
                "text": "Robbery at bus stops",
                "status": "active",
                "set_by": "police",
                "lead": "Metropolitan Police",
                "measure": "Robberies reported each month",
                "review_by": "2027-01-14",
            },
        ],
        "recommendations": [
            {
                "text": "Greatly improve the visibility of officers on the streets",
                "to": "Metropolitan Police",
                "from": "Waltham Forest Citizens' Assembly",
                "response_due": "2026-11-30",
                "response_due_as_said": "in the autumn",
                "status": "partly_accepted",
                "response": "More foot patrols at peak times.",
                "updates": [
                    {
                        "date": "2026-12-10",
                        "text": "Response published",
                        "status": "partly_accepted",
                    }
                ],
            },
            {"text": "Keep the library open late", "status": "awaiting_response", "updates": []},
        ],
        "figures": [
            {
                "category": "Section 60 stop and search",
                "value": 43,
                "period": "12 hours",
                "note": "14 arrests",
            },
            {"category": "Knife crime", "value": -38, "unit": "%", "period": "six months"},
            {"category": "Response time", "value": 38.5, "previous": 41.25, "unit": "minutes"},
            {"category": "Arrests", "value": 0, "previous": 70},
        ],
    }


def write(tmp_path: Path, data: dict[str, Any], name: str = "meeting.json") -> Path:
    return write_json(tmp_path / name, data)


def imported(tmp_path: Path, data: dict[str, Any]) -> int:
    [meeting_id] = import_files([write(tmp_path, data)])
    return meeting_id


# -- every key, round trip ------------------------------------------------------------------


def test_a_file_using_every_key_is_its_own_dump_and_round_trips(
    database: str, make_target, tmp_path: Path
) -> None:
    path = write(tmp_path, full_meeting())

    first, second = round_trip(path, tmp_path, make_target())

    assert json.loads(first) == full_meeting()
    assert second == first


# Each version 2 key on its own, in a small version 2 file: (path to set, value).
KEYS_ALONE: dict[str, tuple[tuple[Any, ...], Any]] = {
    "panel.publish_residents": (("panel", "publish_residents"), "withheld"),
    "meeting.approved": (("meeting", "approved"), {"on": "2026-10-20", "by": "A Clerk"}),
    "meeting.approved.on": (("meeting", "approved"), {"on": "2026-10-20"}),
    "meeting.previous_minutes.agreed": (("meeting", "previous_minutes"), {"agreed": True}),
    "meeting.previous_minutes.amendments": (
        ("meeting", "previous_minutes"),
        {"amendments": "Item 2 corrected."},
    ),
    "attendance.for": (("attendance", 0, "for"), "Sam Absent"),
    "attendance.arrived": (("attendance", 0, "arrived"), "19:45"),
    "attendance.left": (("attendance", 0, "left"), "20:05"),
    "attendance.reason (apologies)": (("attendance", 1, "reason"), "On holiday"),
    "attendance.absence_category": (("attendance", 1, "absence_category"), "training"),
    "attendance.first_time": (("attendance", 0, "first_time"), True),
    "attendance.named": (("attendance", 1, "named"), True),
    "questions.kind": (("questions", 0, "kind"), "statement"),
    "questions.outcome": (("questions", 0, "outcome"), "written_reply"),
    "questions.referred_to": (
        ("questions", 0),
        {
            "anonymous": False,
            "text": "Q",
            "responses": [],
            "outcome": "referred",
            "referred_to": "101",
        },
    ),
    "questions.internal": (("questions", 0, "internal"), True),
    "questions.responses.internal": (
        ("questions", 0, "responses"),
        [{"text": "A", "internal": True}],
    ),
    "notes.internal": (("notes", 0, "internal"), True),
    "actions.priority": (("actions", 0, "priority"), 1),
    "actions.agreed_due": (("actions", 0, "agreed_due"), "2026-10-01"),
    "actions.internal": (("actions", 0, "internal"), True),
    "priorities.lead": (("priorities", 0, "lead"), "Metropolitan Police"),
    "priorities.measure": (("priorities", 0, "measure"), "Fewer reports"),
    "priorities.review_by": (("priorities", 0, "review_by"), "2027-01-01"),
    "recommendations": (
        ("recommendations",),
        [
            {
                "text": "More patrols",
                "to": "Metropolitan Police",
                "status": "accepted",
                "updates": [{"date": "2026-12-01", "status": "implemented"}],
            }
        ],
    ),
    "figures": (("figures",), [{"category": "Arrests", "value": 14, "previous": 9}]),
}


def small_meeting() -> dict[str, Any]:
    """A version 2 file with one of each list entry and no version 2 key."""
    return {
        "format": "wardpanel-meeting",
        "version": 2,
        "panel": {"name": "Small Panel"},
        "meeting": {"title": "Ward panel meeting", "date": "2026-10-08", "status": "approved"},
        "attendance": [
            {"name": "Ann Officer", "organisation": "Metropolitan Police", "status": "present"},
            {"name": "Bo Resident", "status": "apologies"},
        ],
        "notes": [{"heading": "Police update", "text": "Quiet."}],
        "questions": [{"anonymous": False, "text": "Q", "responses": [{"text": "A"}]}],
        "actions": [{"text": "Do it", "due": "2026-11-01", "status": "open", "updates": []}],
        "priorities": [{"text": "Burglary", "status": "active"}],
        "recommendations": [],
        "figures": [],
    }


@pytest.mark.parametrize("key", KEYS_ALONE)
def test_each_version_2_key_round_trips_exactly(
    database: str, make_target, tmp_path: Path, key: str
) -> None:
    data = small_meeting()
    where, value = KEYS_ALONE[key]
    changed(where, value)(data)

    first, second = round_trip(write(tmp_path, data), tmp_path, make_target())

    assert json.loads(first) == data
    assert second == first


# -- what is stored ---------------------------------------------------------------------------


def test_every_key_is_stored_where_the_record_keeps_it(database: str, tmp_path: Path) -> None:
    meeting = Meeting.get_by_id(imported(tmp_path, full_meeting()))

    assert meeting.panel.publish_residents == "named"
    assert (meeting.approved_on, meeting.approved_by) == (dt.date(2026, 10, 20), "Hannah Price")
    assert (meeting.previous_agreed, meeting.previous_amendments) == (
        False,
        "The date of the fun day.",
    )
    roll = list(Attendance.select().where(Attendance.meeting == meeting).order_by(Attendance.id))
    chair, absent, substitute, post, councillor, newcomer = roll
    assert chair.person.named and not newcomer.person.named
    assert (absent.reason, absent.absence_category) == ("At a court hearing", "abstracted")
    assert substitute.substitute_for_id == absent.person_id
    assert (substitute.arrived, substitute.departed) == ("19:25", "20:40")
    assert (post.person.name, post.person.role, post.person.organisation.name) == (
        "",
        "Borough Commander",
        "Metropolitan Police",
    )
    assert (councillor.status, councillor.reason, councillor.absence_category) == (
        "apologies",
        "Family illness",
        "sickness",
    )
    assert newcomer.first_time and not substitute.first_time
    assert [n.internal for n in Note.select().order_by(Note.id)] == [False, True]
    questions = list(Question.select().order_by(Question.id))
    assert [(q.kind, q.outcome, q.internal) for q in questions] == [
        ("question", "answered", False),
        ("question", "referred", False),
        ("statement", "", True),
        ("question", "unanswered", False),
    ]
    assert questions[1].referred_to == "the borough's engagement team"
    assert [r.internal for r in Response.select().order_by(Response.id)] == [False, True]
    first, second = Action.select().order_by(Action.id)
    assert (first.due, first.agreed_due) == (dt.date(2026, 12, 1), dt.date(2026, 11, 1))
    assert (first.agreed_owner_id, first.agreed_organisation_id) == (
        first.owner_id,
        first.organisation_id,
    )
    assert first.priority.text == "Robbery at bus stops"
    assert second.agreed_due == second.due == dt.date(2026, 11, 15)  # agreed as it stands
    assert second.internal and not first.internal
    lead = Priority.get(Priority.text == "Robbery at bus stops")
    assert (lead.set_by, lead.lead.name, lead.measure, lead.review_by) == (
        "police",
        "Metropolitan Police",
        "Robberies reported each month",
        dt.date(2027, 1, 14),
    )
    assembly = Recommendation.select().order_by(Recommendation.id).first()
    assert (assembly.to_organisation.name, assembly.from_body, assembly.response_due) == (
        "Metropolitan Police",
        "Waltham Forest Citizens' Assembly",
        dt.date(2026, 11, 30),
    )
    assert (assembly.response_due_as_said, assembly.status) == ("in the autumn", "partly_accepted")
    [update] = RecommendationUpdate.select()
    assert (update.recommendation_id, update.status) == (assembly.id, "partly_accepted")
    stored = [
        (f.category, f.value, f.previous, f.unit) for f in Figure.select().order_by(Figure.id)
    ]
    assert stored == [
        ("Section 60 stop and search", "43", None, ""),
        ("Knife crime", "-38", None, "%"),
        ("Response time", "38.5", "41.25", "minutes"),
        ("Arrests", "0", "70", ""),
    ]


def test_organisations_named_in_a_file_get_their_kind(database: str, tmp_path: Path) -> None:
    data = full_meeting()
    data["recommendations"][1]["to"] = "Lea Bridge Residents' Association"
    imported(tmp_path, data)

    kinds = {o.name: o.kind for o in Organisation.select()}
    assert kinds == {
        "Metropolitan Police": "police",
        "Waltham Forest Council": "council",
        "Lea Bridge Residents' Association": "other",
    }


def test_an_expected_post_is_one_person_for_its_role_and_organisation(
    database: str, tmp_path: Path
) -> None:
    first = full_meeting()
    later = full_meeting()
    later["meeting"]["date"] = "2027-01-14"
    later["attendance"].append(
        {"role": "Borough Commander", "organisation": "Transport for London", "status": "absent"}
    )
    later["attendance"][3]["role"] = "borough commander"  # the same post, whatever the case
    import_files([write(tmp_path, first, "a.json"), write(tmp_path, later, "b.json")])

    posts = {(p.role, p.organisation.name) for p in Person.select().where(Person.name == "")}
    assert posts == {
        ("Borough Commander", "Metropolitan Police"),
        ("Borough Commander", "Transport for London"),
    }
    assert Attendance.select().join(Person).where(Person.name == "").count() == 3


def test_a_substitute_stands_in_for_a_post_or_someone_not_listed(
    database: str, tmp_path: Path
) -> None:
    data = small_meeting()
    data["attendance"] += [
        {"role": "Borough Commander", "organisation": "Metropolitan Police", "status": "absent"},
        {
            "name": "Kevin Kane",
            "organisation": "Metropolitan Police",
            "status": "present",
            "for": "Borough Commander",
        },
        {
            "name": "Pat Hill",
            "organisation": "Metropolitan Police",
            "status": "present",
            "for": "Tom Reid",
        },
    ]
    meeting_id = imported(tmp_path, data)

    stood_in_for = {
        a.person.name: a.substitute_for
        for a in Attendance.select().where(Attendance.substitute_for.is_null(False))
    }
    assert (stood_in_for["Kevin Kane"].name, stood_in_for["Kevin Kane"].role) == (
        "",
        "Borough Commander",
    )
    reid = stood_in_for["Pat Hill"]
    assert (reid.name, reid.organisation.name) == ("Tom Reid", "Metropolitan Police")
    dumped = dump_meeting(meeting_id)["attendance"]
    assert [entry.get("for") for entry in dumped[-2:]] == ["Borough Commander", "Tom Reid"]


def test_consent_to_be_named_is_kept_and_never_withdrawn_by_a_file(
    database: str, tmp_path: Path
) -> None:
    consenting = small_meeting()
    consenting["attendance"][1]["named"] = True
    older = small_meeting()
    older["meeting"]["date"] = "2026-01-08"
    older["attendance"][1]["named"] = False
    import_files([write(tmp_path, consenting, "a.json"), write(tmp_path, older, "b.json")])

    assert Person.get(Person.name == "Bo Resident").named is True


def test_an_existing_panel_keeps_its_own_choice_of_naming(database: str, tmp_path: Path) -> None:
    first = small_meeting()
    first["panel"]["publish_residents"] = "withheld"
    later = small_meeting()
    later["meeting"]["date"] = "2027-01-14"
    later["panel"]["publish_residents"] = "named"
    import_files([write(tmp_path, first, "a.json")])
    import_files([write(tmp_path, later, "b.json")])

    assert Panel.get().publish_residents == "withheld"


def test_agreed_due_is_dumped_only_when_the_due_date_has_moved(
    database: str, tmp_path: Path
) -> None:
    data = small_meeting()
    data["actions"] = [
        {"text": "Same", "due": "2026-11-01", "agreed_due": "2026-11-01", "status": "open"},
        {"text": "Moved", "due": "2026-12-01", "agreed_due": "2026-11-01", "status": "open"},
        {"text": "None agreed", "status": "open"},
    ]
    dumped = dump_meeting(imported(tmp_path, data))["actions"]

    assert ["agreed_due" in action for action in dumped] == [False, True, False]
    assert dumped[1]["agreed_due"] == "2026-11-01"


# -- figures ----------------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("written", "stored", "dumped"),
    [
        (b"43", "43", "43"),
        (b"38.5", "38.5", "38.5"),
        (b"-3", "-3", "-3"),
        (b"0.001", "0.001", "0.001"),
        (b"-0.75", "-0.75", "-0.75"),
        (b"100.0", "100.0", "100.0"),
        (b"999999999999999", "999999999999999", "999999999999999"),
        (b"1e3", "1000.0", "1000.0"),
        (b"38.50", "38.50", "38.5"),
    ],
)
def test_a_figure_is_kept_as_the_number_written(
    database: str, tmp_path: Path, written: bytes, stored: str, dumped: str
) -> None:
    """Whole numbers stay whole and decimals decimal: `43` never comes back as `43.0`."""
    path = tmp_path / "figures.json"
    data = json.dumps(small_meeting()).encode()
    figure = b'{"category": "Arrests", "value": ' + written + b', "previous": ' + written + b"}"
    path.write_bytes(data.replace(b'"figures": []', b'"figures": [' + figure + b"]"))
    [meeting_id] = import_files([path])

    assert (Figure.get().value, Figure.get().previous) == (stored, stored)
    text = dump_text(meeting_id)
    assert f'"value": {dumped},\n' in text and f'"previous": {dumped}\n' in text
    assert json.loads(text)["figures"][0]["value"] == json.loads(written)


def figure_file(value: bytes) -> bytes:
    data = json.dumps(small_meeting()).encode()
    return data.replace(
        b'"figures": []',
        b'"figures": [{"category": "Arrests", "value": 14}, {"category": "Knives", "value": '
        + value
        + b"}]",
    )


FIGURE_REFUSALS = [
    (b"true", "true should be a number such as 43 or 38.5"),
    (b"false", "false should be a number such as 43 or 38.5"),
    (b'"43"', "'43' should be a number without quotes, e.g. 43 or 38.5"),
    (b"[43]", "a list should be a number such as 43 or 38.5"),
    (b"{}", "an object should be a number such as 43 or 38.5"),
    (b"NaN", "NaN is not a number a figure can be: write the number"),
    (b"Infinity", "Infinity is not a number a figure can be: write the number"),
    (b"-Infinity", "-Infinity is not a number a figure can be: write the number"),
    (b"1" * 5000, "a number of 5,000 characters is too large for a figure (at most 15 digits)"),
    (b"1e400", "1e400 is too large for a figure (at most 15 digits)"),
    (b"1e-400", "1e-400 has too many digits for a figure (at most 15)"),
    (b"1234567890123456", "1234567890123456 is too large for a figure (at most 15 digits)"),
    (b"0.1234567890123456", "0.1234567890123456 has too many digits for a figure (at most 15)"),
]


@pytest.mark.parametrize(
    ("value", "problem"), FIGURE_REFUSALS, ids=[v[:12].decode() for v, _ in FIGURE_REFUSALS]
)
def test_a_value_that_is_not_a_figure_is_refused_naming_it(
    database: str, tmp_path: Path, value: bytes, problem: str
) -> None:
    path = tmp_path / "figures.json"
    path.write_bytes(figure_file(value))

    with pytest.raises(InterchangeError) as refused:
        import_files([path])

    assert str(refused.value) == f"{path}: figures[2].value: {problem}"
    assert refused.value.key == "figures[2].value"
    assert row_counts() == dict.fromkeys(row_counts(), 0)


def test_a_figure_of_thousands_of_digits_is_refused_without_reading_it_as_a_number(
    database: str, tmp_path: Path
) -> None:
    """Python refuses to turn more than 4,300 digits into an int (a ValueError, not a
    user's message): the digits must never reach int()."""
    path = tmp_path / "figures.json"
    path.write_bytes(figure_file(b"-" + b"9" * 100_000))

    with pytest.raises(InterchangeError) as refused:
        import_files([path])

    assert str(refused.value) == (
        f"{path}: figures[2].value: a number of 100,001 characters is too large for a figure "
        "(at most 15 digits)"
    )


# -- refusals, each naming its key path -------------------------------------------------------


def v2_bad(name: str, change: Callable[[dict[str, Any]], None], key: str, problem: str) -> BadFile:
    """A bad version 2 file: `full_meeting()` with one fault."""

    def content(data: dict[str, Any]) -> None:
        data.clear()
        data.update(full_meeting())
        change(data)

    return BadFile(name, content, key, problem)


ABSENCES = "abstracted, training, leave, sickness, incident, other"
BAD_V2_FILES = [
    v2_bad(
        "publish-residents",
        changed(("panel", "publish_residents"), "full"),
        "panel.publish_residents",
        "'full' is not one of named, initials, withheld",
    ),
    v2_bad(
        "approved-on-a-draft",
        changed(("meeting", "status"), "draft"),
        "meeting.approved",
        "is given, but meeting.status is 'draft': only approved minutes record an approval "
        '("status": "approved")',
    ),
    v2_bad(
        "approved-not-object",
        changed(("meeting", "approved"), "2026-10-20"),
        "meeting.approved",
        "'2026-10-20' should be an object {...}",
    ),
    v2_bad(
        "approved-impossible-date",
        changed(("meeting", "approved", "on"), "2026-02-29"),
        "meeting.approved.on",
        "'2026-02-29' is not a real date",
    ),
    v2_bad(
        "approved-unknown-key",
        changed(("meeting", "approved", "at"), "19:00"),
        "meeting.approved.at",
        "unknown key (expected one of: on, by)",
    ),
    v2_bad(
        "previous-agreed-text",
        changed(("meeting", "previous_minutes", "agreed"), "yes"),
        "meeting.previous_minutes.agreed",
        "'yes' should be true or false",
    ),
    v2_bad(
        "arrived-pm",
        changed(("attendance", 2, "arrived"), "7.25pm"),
        "attendance[3].arrived",
        "'7.25pm' is not a time in HH:MM form, e.g. 19:00",
    ),
    v2_bad(
        "left-impossible",
        changed(("attendance", 2, "left"), "20:61"),
        "attendance[3].left",
        "'20:61' is not a real time",
    ),
    v2_bad(
        "arrived-but-absent",
        changed(("attendance", 1, "arrived"), "19:30"),
        "attendance[2].arrived",
        "'19:30': arrival and leaving times are kept only for status 'present' "
        "(this entry is 'absent')",
    ),
    v2_bad(
        "reason-when-present",
        changed(("attendance", 2, "reason"), "Traffic"),
        "attendance[3].reason",
        "'Traffic': a reason is kept only for status 'apologies' or 'absent' "
        "(this entry is 'present')",
    ),
    v2_bad(
        "absence-category",
        changed(("attendance", 1, "absence_category"), "holiday"),
        "attendance[2].absence_category",
        f"'holiday' is not one of {ABSENCES}",
    ),
    v2_bad(
        "absence-category-when-present",
        changed(("attendance", 0, "absence_category"), "leave"),
        "attendance[1].absence_category",
        "'leave': an absence's kind is kept only for status 'apologies' or 'absent' "
        "(this entry is 'present')",
    ),
    v2_bad(
        "first-time-text",
        changed(("attendance", 5, "first_time"), "yes"),
        "attendance[6].first_time",
        "'yes' should be true or false",
    ),
    v2_bad(
        "named-number",
        changed(("attendance", 5, "named"), 1),
        "attendance[6].named",
        "1 should be true or false",
    ),
    v2_bad(
        "for-not-text",
        changed(("attendance", 2, "for"), ["Owen Blake"]),
        "attendance[3].for",
        "a list should be text in quotes",
    ),
    v2_bad(
        "neither-name-nor-role",
        removed(("attendance", 3, "role")),
        "attendance[4].name",
        "is required but missing (an expected post nobody filled has a role instead)",
    ),
    v2_bad(
        "same-post-twice",
        changed(
            ("attendance", 0),
            {
                "role": "borough commander",
                "organisation": "Metropolitan Police",
                "status": "absent",
            },
        ),
        "attendance[4].role",
        "'Borough Commander' is already listed at attendance[1]",
    ),
    v2_bad(
        "question-kind",
        changed(("questions", 0, "kind"), "comment"),
        "questions[1].kind",
        "'comment' is not one of question, statement",
    ),
    v2_bad(
        "question-outcome",
        changed(("questions", 0, "outcome"), "dodged"),
        "questions[1].outcome",
        "'dodged' is not one of answered, taken_away, referred, written_reply, unanswered",
    ),
    v2_bad(
        "referred-to-without-referral",
        changed(("questions", 0, "referred_to"), "101"),
        "questions[1].referred_to",
        "'101': where a question was referred is kept only with outcome 'referred' "
        "(this question's outcome is 'answered')",
    ),
    v2_bad(
        "internal-text",
        changed(("questions", 2, "internal"), "true"),
        "questions[3].internal",
        "'true' should be true or false",
    ),
    v2_bad(
        "response-internal-number",
        changed(("questions", 0, "responses", 1, "internal"), 0),
        "questions[1].responses[2].internal",
        "0 should be true or false",
    ),
    v2_bad(
        "note-internal",
        changed(("notes", 1, "internal"), "no"),
        "notes[2].internal",
        "'no' should be true or false",
    ),
    v2_bad(
        "action-priority-past-end",
        changed(("actions", 0, "priority"), 3),
        "actions[1].priority",
        "3 is not a priority in this file (priorities count from 1; the file has 2)",
    ),
    v2_bad(
        "action-priority-zero",
        changed(("actions", 1, "priority"), 0),
        "actions[2].priority",
        "0 is not a priority in this file (priorities count from 1; the file has 2)",
    ),
    v2_bad(
        "action-priority-text",
        changed(("actions", 0, "priority"), "2"),
        "actions[1].priority",
        "'2' should be a priority's position in this file, from 1",
    ),
    v2_bad(
        "action-priority-decimal",
        changed(("actions", 0, "priority"), 1.5),
        "actions[1].priority",
        "1.5 should be a priority's position in this file, from 1",
    ),
    v2_bad(
        "agreed-due",
        changed(("actions", 0, "agreed_due"), "2026-11-31"),
        "actions[1].agreed_due",
        "'2026-11-31' is not a real date",
    ),
    v2_bad(
        "priority-lead",
        changed(("priorities", 1, "lead"), {"name": "Met"}),
        "priorities[2].lead",
        "an object should be text in quotes",
    ),
    v2_bad(
        "review-by",
        changed(("priorities", 1, "review_by"), "January 2027"),
        "priorities[2].review_by",
        "'January 2027' is not a date in YYYY-MM-DD form",
    ),
    v2_bad(
        "set-by",
        changed(("priorities", 1, "set_by"), "council"),
        "priorities[2].set_by",
        "'council' is not one of panel, police",
    ),
    v2_bad(
        "recommendations-not-list",
        changed(("recommendations",), {"text": "x"}),
        "recommendations",
        "an object should be a list [...]",
    ),
    v2_bad(
        "recommendation-without-text",
        removed(("recommendations", 1, "text")),
        "recommendations[2].text",
        "is required but missing",
    ),
    v2_bad(
        "recommendation-unknown-key",
        changed(("recommendations", 0, "owner"), "Sgt Reid"),
        "recommendations[1].owner",
        "unknown key (expected one of: text, to, from, response_due, response_due_as_said, "
        "status, response, updates)",
    ),
    v2_bad(
        "response-due",
        changed(("recommendations", 0, "response_due"), "in the autumn"),
        "recommendations[1].response_due",
        "'in the autumn' is not a date in YYYY-MM-DD form",
    ),
    v2_bad(
        "recommendation-status",
        changed(("recommendations", 1, "status"), "open"),
        "recommendations[2].status",
        "'open' is not one of awaiting_response, accepted, partly_accepted, rejected, implemented",
    ),
    v2_bad(
        "recommendation-update-date",
        changed(("recommendations", 0, "updates", 0, "date"), "2026-12-32"),
        "recommendations[1].updates[1].date",
        "'2026-12-32' is not a real date",
    ),
    v2_bad(
        "recommendation-update-status",
        changed(("recommendations", 0, "updates", 0, "status"), "done"),
        "recommendations[1].updates[1].status",
        "'done' is not one of awaiting_response, accepted, partly_accepted, rejected, implemented",
    ),
    v2_bad(
        "empty-recommendation-update",
        changed(("recommendations", 0, "updates", 0), {"date": "2026-12-10"}),
        "recommendations[1].updates[1]",
        "an update needs some text or a status",
    ),
    v2_bad(
        "figure-without-category",
        removed(("figures", 1, "category")),
        "figures[2].category",
        "is required but missing",
    ),
    v2_bad(
        "figure-without-value",
        changed(("figures", 2, "value"), None),
        "figures[3].value",
        "is required but missing",
    ),
    v2_bad(
        "figure-previous-text",
        changed(("figures", 2, "previous"), "41"),
        "figures[3].previous",
        "'41' should be a number without quotes, e.g. 43 or 38.5",
    ),
    v2_bad(
        "figure-unknown-key",
        changed(("figures", 0, "change"), -10),
        "figures[1].change",
        "unknown key (expected one of: category, value, previous, period, unit, note)",
    ),
    v2_bad(
        "figures-not-list",
        changed(("figures",), 43),
        "figures",
        "43 should be a list [...]",
    ),
]


@pytest.mark.parametrize("bad", BAD_V2_FILES, ids=lambda bad: bad.name)
def test_a_bad_version_2_file_is_refused_naming_its_key_path(
    database: str, tmp_path: Path, bad: BadFile
) -> None:
    imported(tmp_path, small_meeting())
    assert_refused_changing_nothing(bad, tmp_path)


def test_the_bad_version_2_files_differ_from_a_good_one_only_by_their_fault(
    database: str, tmp_path: Path
) -> None:
    assert Meeting.get_by_id(imported(tmp_path, full_meeting())).title == "Ward panel meeting"


# -- version 1 --------------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("key", "value"),
    [
        (("figures",), []),
        (("panel", "publish_residents"), "named"),
        (("attendance", 0, "arrived"), "19:30"),
        (("questions", 0, "outcome"), "answered"),
        (("actions", 0, "priority"), 1),
    ],
    ids=lambda value: ".".join(map(str, value)) if isinstance(value, tuple) else None,
)
def test_a_version_2_key_in_a_version_1_file_is_refused_with_the_way_out(
    database: str, tmp_path: Path, key: tuple[Any, ...], value: Any
) -> None:
    data = small_meeting()
    data["version"] = 1
    del data["recommendations"], data["figures"]
    changed(key, value)(data)
    path = write(tmp_path, data)
    where = ".".join(str(part) for part in key if not isinstance(part, int))
    where = where.replace("attendance.", "attendance[1].").replace("questions.", "questions[1].")
    where = where.replace("actions.", "actions[1].")

    with pytest.raises(InterchangeError) as refused:
        import_files([path])

    assert str(refused.value) == (
        f'{path}: {where}: is a version 2 key, but this file says "version": 1 '
        '(write "version": 2 to use it)'
    )


def test_a_version_1_file_keeps_its_meaning(database: str, tmp_path: Path) -> None:
    """What version 1 said is stored as it always was, and the new columns take the
    meaning version 1 gave them: no outcome said, nothing internal, agreed as it stands."""
    version_1 = json.loads((FIXTURES / "stop_and_search.json").read_text(encoding="utf-8"))
    meeting = Meeting.get_by_id(imported(tmp_path, version_1))

    assert meeting.panel.publish_residents == "initials"
    assert (meeting.approved_on, meeting.approved_by, meeting.previous_agreed) == (None, "", None)
    assert {(q.kind, q.outcome, q.internal) for q in Question.select()} == {("question", "", False)}
    for action in Action.select():
        assert (action.agreed_due, action.agreed_owner_id, action.agreed_organisation_id) == (
            action.due,
            action.owner_id,
            action.organisation_id,
        )
    absent = Attendance.select().where(Attendance.status == "absent")
    assert {(a.reason, a.absence_category) for a in absent} == {("At a police briefing", "")}


def test_a_version_1_reason_for_apologies_is_still_refused(database: str, tmp_path: Path) -> None:
    data = small_meeting()
    data["version"] = 1
    del data["recommendations"], data["figures"]
    data["attendance"][1]["reason"] = "Away"
    path = write(tmp_path, data)

    with pytest.raises(InterchangeError) as refused:
        import_files([path])

    assert str(refused.value).endswith(
        "attendance[2].reason: 'Away': a reason is kept only for status 'absent' "
        "(this entry is 'apologies')"
    )


# -- the fixtures from real reports -----------------------------------------------------------


@pytest.mark.parametrize("name", V2_FIXTURES)
def test_version_2_fixture_is_its_own_dump_and_round_trips(
    database: str, make_target, tmp_path: Path, name: str
) -> None:
    path = FIXTURES / name

    first, second = round_trip(path, tmp_path, make_target())

    assert json.loads(first) == json.loads(path.read_text(encoding="utf-8"))
    assert first == path.read_text(encoding="utf-8")  # written as a dump writes it
    assert second == first


def test_all_fixtures_load_together_and_each_dumps_as_it_loaded(
    database: str, tmp_path: Path
) -> None:
    """Version 1 and 2 files in one import: every meeting dumps as its own file says."""
    names = [*FIXTURE_FILES, *V2_FIXTURES]
    ids = import_files([FIXTURES / name for name in names])

    for name, meeting_id in zip(names, ids, strict=True):
        written = json.loads((FIXTURES / name).read_text(encoding="utf-8"))
        dumped = dump_meeting(meeting_id)
        assert dumped["meeting"] == written["meeting"], name
        assert len(dumped["questions"]) == len(written["questions"]), name


def test_a_dump_imported_elsewhere_copies_the_meeting_not_the_database(
    database: str, make_target, tmp_path: Path
) -> None:
    """Consent, a post and a substitute are the people of this meeting: a dump carries
    them to an empty database as they were."""
    meeting_id = imported(tmp_path, full_meeting())
    path = tmp_path / "dumped.json"
    path.write_text(dump_text(meeting_id), encoding="utf-8")

    with second_database(make_target()):
        [again] = import_files([path])
        assert Person.get(Person.name == "Hannah Price").named
        assert Person.select().where(Person.name == "").count() == 1
        assert dump_meeting(again) == copy.deepcopy(full_meeting())
