"""One identity per person and organisation: names typed the way chairs talk find the
people and organisations already known, and attendance says exactly what happened."""

from __future__ import annotations

import pytest

from wardpanel import services
from wardpanel.core.models import Action, Attendance, Note, Organisation, Person, Response
from wardpanel.quickentry import apply, parse
from wardpanel.quickentry.errors import QuickEntryError
from wardpanel.services import UNFILED_HEADING


@pytest.fixture
def meeting(database: str) -> int:
    panel = services.create_panel("Hoe Street Ward Panel")
    meeting_id = services.create_meeting(panel.id, "2026-04-10").id
    services.record_attendance(
        meeting_id, "Sgt Tom Reid", "Sergeant", "Metropolitan Police", "present"
    )
    return meeting_id


def unfiled(meeting_id: int) -> list[str]:
    notes = Note.select().where(Note.meeting == meeting_id, Note.heading == UNFILED_HEADING)
    return [note.text for note in notes]


def test_a_chair_typing_as_chairs_talk_makes_one_officer_and_one_force(meeting: int) -> None:
    lines = [
        "present: Tom Reid",
        "apologies: Sgt Reid",
        "q Jane Doe [Phones]: What is being done about phone snatching?",
        "r Sgt Tom Reid: Extra patrols started in March.",
        "r police: We will report back.",
        "a Sgt Tom Reid: report back on patrols due 1 May",
    ]
    for line in lines:
        outcome = apply(meeting, line)
        assert outcome.understood, (line, outcome.message)
    assert unfiled(meeting) == []
    assert [p.name for p in Person.select().order_by(Person.id)] == ["Sgt Tom Reid", "Jane Doe"]
    assert [o.name for o in Organisation.select()] == ["Metropolitan Police"]
    reid = Person.get(Person.name == "Sgt Tom Reid")
    assert Attendance.get(Attendance.person == reid).status == "apologies"
    first, second = Response.select().order_by(Response.id)
    assert (first.responder_id, first.organisation.name) == (reid.id, "Metropolitan Police")
    assert second.organisation.name == "Metropolitan Police"
    action = Action.get()
    assert (action.owner_id, action.organisation.name) == (reid.id, "Metropolitan Police")


def test_an_alias_finds_its_organisation_in_any_case(meeting: int) -> None:
    services.add_organisation_alias("Metropolitan Police", "Met")
    apply(meeting, "q Jane Doe: Why?")
    outcome = apply(meeting, "r MET: Because.")
    assert outcome.understood
    assert Response.get().organisation.name == "Metropolitan Police"
    assert Organisation.select().count() == 1


def test_a_name_that_fits_two_people_is_refused_with_both_and_nothing_stored(
    meeting: int,
) -> None:
    apply(meeting, "present: Tom Hart")
    people_before = Person.select().count()
    outcome = apply(meeting, "apologies: Tom")
    assert not outcome.understood
    assert "Sgt Tom Reid" in outcome.message and "Tom Hart" in outcome.message
    assert Person.select().count() == people_before
    assert {row.status for row in Attendance.select()} == {"present"}
    assert unfiled(meeting) == ["apologies: Tom"]


def test_an_organisation_settles_a_name_only_by_naming_someones_own(meeting: int) -> None:
    """'Tom (Council)' with Sgt Tom Reid of the Met and Tom Hart of no organisation could
    still mean Tom Hart: refused as 'Tom' is, rather than making a resident the Council's.
    'Tom (Metropolitan Police)' names Sgt Tom Reid's own, and finds him."""
    apply(meeting, "present: Tom Hart")
    outcome = apply(meeting, "apologies: Tom (Waltham Forest Council)")
    assert not outcome.understood
    assert "Sgt Tom Reid" in outcome.message and "Tom Hart" in outcome.message
    assert Person.get(Person.name == "Tom Hart").organisation is None
    assert not Organisation.select().where(Organisation.name.contains("Council")).exists()
    outcome = apply(meeting, "apologies: Tom (Metropolitan Police)")
    assert outcome.understood, outcome.message
    reid = Person.get(Person.name == "Sgt Tom Reid")
    assert Attendance.get(Attendance.person == reid).status == "apologies"


def test_a_first_name_alone_finds_the_only_one_who_fits(meeting: int) -> None:
    apply(meeting, "left 20:30: Tom")
    row = Attendance.get()
    assert (row.person.name, row.status, row.departed) == ("Sgt Tom Reid", "present", "20:30")


def test_the_attendance_vocabulary_is_stored(meeting: int) -> None:
    for line in (
        "apologies: Sgt Tom Reid",
        "present: PC Dan Hill (Metropolitan Police) for Sgt Tom Reid",
        "late 19:40: Cllr Marsh (Waltham Forest Council)",
        "present: Sam Okoro (Hoe Street Residents, first time)",
        "absent: Borough Commander (Metropolitan Police) - abstracted to other duties",
        "regrets: Ann Lee - on annual leave",
    ):
        outcome = apply(meeting, line)
        assert outcome.understood, (line, outcome.message)
    by_name = {(row.person.name or row.person.role): row for row in Attendance.select()}
    hill = by_name["PC Dan Hill"]
    assert hill.substitute_for.name == "Sgt Tom Reid"
    assert by_name["Cllr Marsh"].arrived == "19:40"
    assert by_name["Sam Okoro"].first_time
    assert by_name["Sam Okoro"].person.organisation.name == "Hoe Street Residents"
    post = by_name["Borough Commander"]
    assert (post.person.name, post.status, post.absence_category) == ("", "absent", "abstracted")
    assert post.reason == "abstracted to other duties"
    ann = by_name["Ann Lee"]
    assert (ann.status, ann.reason, ann.absence_category) == (
        "apologies",
        "on annual leave",
        "leave",
    )


@pytest.mark.parametrize(
    ("line", "expected"),
    [
        ("present: Sgt", "is a post, not a person"),
        ("present: Borough Commander (Metropolitan Police)", "is a post, not a person"),
        ("late: Cllr Marsh", "write the time after 'late'"),
        ("regrets: Jo for Ann", "only someone present stands in for another"),
        ("present: Jo - unwell", "only apologies and absences take a reason"),
    ],
)
def test_attendance_lines_that_cannot_be_read(line: str, expected: str) -> None:
    with pytest.raises(QuickEntryError, match=expected):
        parse(line)


def test_standing_in_for_oneself_is_refused(meeting: int) -> None:
    outcome = apply(meeting, "present: Tom Reid for Sgt Reid")
    assert not outcome.understood
    assert "cannot stand in for themselves" in outcome.message
    assert Attendance.get().substitute_for is None


@pytest.mark.parametrize("name", ["Ṣọlá Adéyẹmí", "مريم الحسن", "Zoë 🙂 Park", "N" * 300])
def test_unusual_names_are_found_again_not_duplicated(meeting: int, name: str) -> None:
    first = apply(meeting, f"present: {name}")
    if not first.understood:  # too long for a name: refused, kept, nothing made
        assert Person.select().count() == 1
        return
    apply(meeting, f"regrets: {name.upper()}")
    assert Person.select().where(Person.name != "Sgt Tom Reid").count() == 1


def test_the_attendance_record_counts_absences_by_kind_and_organisation(meeting: int) -> None:
    from wardpanel.core.models import Meeting
    from wardpanel.exporting.attendance import absence_kinds
    from wardpanel.reports.attendance import attendance_record

    for line in (
        "absent: Insp Kane (Metropolitan Police) - abstracted to other duties",
        "absent: DC Ray Osei (Metropolitan Police) - on a training course",
        "absent: Borough Commander (Metropolitan Police) - called away to cover a protest",
        "absent: Cllr Ann Lee (Waltham Forest Council)",
    ):
        assert apply(meeting, line).understood
    record = attendance_record(Meeting.get_by_id(meeting).panel_id)
    by_name = {group.name: group.totals.absent_by_kind for group in record.organisations}
    assert by_name["Metropolitan Police"] == {"abstracted": 2, "training": 1}
    assert by_name["Waltham Forest Council"] == {"": 1}
    assert record.totals.absent_by_kind == {"abstracted": 2, "training": 1, "": 1}
    assert absence_kinds(record.totals) == (
        "abstracted to other duties 2, training 1, kind not recorded 1"
    )


def test_the_actions_filter_finds_an_owner_without_the_rank_and_a_force_by_alias(
    meeting: int,
) -> None:
    from wardpanel.queries.actions import ActionFilter, find_actions

    services.add_organisation_alias("Metropolitan Police", "Met")
    apply(meeting, "a Sgt Tom Reid: report back on patrols")
    for owner in ("Tom Reid", "Sgt Reid", "sgt tom reid"):
        found = find_actions(ActionFilter(owner=owner))
        assert [row.owner_name() for row in found.rows] == ["Sgt Tom Reid"], owner
    by_alias = find_actions(ActionFilter(organisation="the Met"))
    assert len(by_alias.rows) == 1
    assert find_actions(ActionFilter(owner="Tom Hart")).rows == ()


def test_a_substitute_stands_in_only_for_someone_away(meeting: int) -> None:
    with pytest.raises(
        services.InputError, match="cannot stand in for Sgt Tom Reid, who is marked present"
    ):
        services.record_attendance(
            meeting, "PC Dan Hill", "Police Constable", "Metropolitan Police",
            substitute_for="Sgt Tom Reid",
        )  # fmt: skip
    assert not Person.select().where(Person.name.contains("Dan Hill")).exists()
    services.record_attendance(meeting, "Sgt Tom Reid", status="apologies")
    entry = services.record_attendance(
        meeting, "PC Dan Hill", "Police Constable", "Metropolitan Police",
        substitute_for="Sgt Tom Reid",
    )  # fmt: skip
    assert entry.substitute_for.name.endswith("Tom Reid")
