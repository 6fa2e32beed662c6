"""Meeting file version 2 (docs/meeting-file.md), against a real database on each engine:
every key stored where the record keeps it and dumped back exactly, who is who, and the
version 2 fixtures written from real reports. Refusals: test_meeting_file_v2_refusals.py."""

from __future__ import annotations

import copy
import datetime as dt
import json
from pathlib import Path
from typing import Any

import pytest

from tests.unit.test_interchange import (
    FIXTURE_FILES,
    FIXTURES,
    V2_FIXTURE_FILES,
    changed,
    round_trip,
    second_database,
)
from tests.unit.v2_meetings import full_meeting, imported, small_meeting, write
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
from wardpanel.interchange import dump_meeting, dump_text, import_files

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
    for action in later["actions"]:
        del action["ref"]  # a later meeting's actions have references of their own
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
    del older["actions"][0]["ref"]
    import_files([write(tmp_path, consenting, "a.json"), write(tmp_path, older, "b.json")])

    assert Person.get(Person.name == "Bo Resident").named is True


def test_an_existing_panel_keeps_its_own_choice_of_naming(database: str, tmp_path: Path) -> None:
    first = small_meeting()
    first["panel"]["publish_residents"] = "withheld"
    later = small_meeting()
    later["meeting"]["date"] = "2027-01-14"
    later["panel"]["publish_residents"] = "named"
    del later["actions"][0]["ref"]
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


# -- the fixtures from real reports -----------------------------------------------------------


# Each is its own dump: test_interchange.py (with the sample meetings).


def test_all_fixtures_load_together_and_each_dumps_as_it_loaded(
    database: str, tmp_path: Path
) -> None:
    """Version 1 and 2 files in one import: every meeting dumps as its own file says."""
    names = [*FIXTURE_FILES, *V2_FIXTURE_FILES]
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
