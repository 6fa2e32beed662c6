"""Putting people and organisations right: merges, aliases, renames and deletions, as a
clerk runs them from the command line, on both engines."""

from __future__ import annotations

import json
from pathlib import Path

import pytest
from click.testing import CliRunner, Result

from tests.unit.test_cli_import_dump import close_database_afterwards, table_counts
from wardpanel import services
from wardpanel.cli import main
from wardpanel.core.models import (
    Action,
    Attendance,
    Correction,
    Note,
    Organisation,
    OrganisationAlias,
    Person,
    Question,
    Response,
)
from wardpanel.core.storage.database import db, open_database
from wardpanel.queries.search import search

__all__ = ["close_database_afterwards"]  # its autouse fixture closes each command's database


def run(*args: str, given: str | None = None) -> Result:
    return CliRunner().invoke(main, list(args), input=given)


def twice_recorded(target: str) -> tuple[int, int, int]:
    """Two meetings where one officer was recorded twice: 'Tom Reid' (no organisation)
    at the first, 'Sgt Tom Reid' of the Met at the second, and both on the second's
    list. Returns the two people's ids and the first meeting's."""
    handle = open_database(target)
    panel = services.create_panel("Hoe Street Ward Panel")
    first = services.create_meeting(panel.id, "2026-04-10").id
    second = services.create_meeting(panel.id, "2026-07-10").id
    plain = Person.create(name="Tom Reid")
    Attendance.create(meeting=first, person=plain, status="present")
    Attendance.create(meeting=second, person=plain, status="present", arrived="19:40")
    question = services.add_question(first, "Why are the lights out?", "Jane Doe")
    Response.create(question=question, text="Patrols", responder=plain)
    services.add_action(first, "Walk the estate with residents", "Tom Reid")
    # Made directly, as an older version of the app made it: typed today, the name
    # would find Tom Reid.
    met = Organisation.create(name="Metropolitan Police", kind="police")
    ranked = Person.create(name="Sgt Tom Reid", role="Sergeant", organisation=met)
    Attendance.create(meeting=second, person=ranked, status="present")
    handle.close()
    db.initialize(None)
    return plain.id, ranked.id, first


def test_people_merge_moves_everything_and_is_recorded(db_target: str) -> None:
    plain, ranked, _ = twice_recorded(db_target)

    result = run("people", "merge", str(plain), str(ranked), "--db", db_target)

    assert result.exit_code == 0, result.stderr
    open_database(db_target)
    assert not Person.select().where(Person.id == plain).exists()
    entries = list(Attendance.select().where(Attendance.person == ranked))
    assert len(entries) == 2  # one a meeting: the second meeting's two entries are one
    assert {e.arrived for e in entries} == {"", "19:40"}
    assert Action.get().owner_id == ranked
    assert Response.get().responder_id == ranked
    assert Correction.get().kind == "merge_person"
    # The action was indexed under "Tom Reid": search now finds it by the name kept.
    assert {hit.kind for hit in search("Sgt")} >= {"action", "response"}


def test_people_list_and_json(db_target: str) -> None:
    twice_recorded(db_target)
    listed = json.loads(run("people", "--json", "--db", db_target).stdout)
    by_name = {row["name"]: row for row in listed}
    assert by_name["Tom Reid"]["meetings"] == 2
    assert by_name["Sgt Tom Reid"]["organisation"] == "Metropolitan Police"


@pytest.mark.parametrize(
    ("args", "expected"),
    [
        (("people", "merge", "1", "1"), "cannot be merged into themselves"),
        (("people", "merge", "1", "999"), "no person with id 999"),
        (("people", "delete", "1"), "still named in the record"),
    ],
)
def test_people_refusals_change_nothing(
    db_target: str, args: tuple[str, ...], expected: str
) -> None:
    twice_recorded(db_target)
    before = table_counts(db_target)
    result = run(*args, "--db", db_target)
    assert result.exit_code == 2
    assert expected in result.stderr
    assert "Traceback" not in result.stderr
    assert table_counts(db_target) == before


def test_organisation_alias_then_typing_it_finds_the_organisation(db_target: str) -> None:
    _, _, first = twice_recorded(db_target)
    assert (
        run("organisations", "alias", "metropolitan police", "Met", "--db", db_target).exit_code
        == 0
    )
    refused = run("organisations", "alias", "Metropolitan Police", "MET", "--db", db_target)
    assert refused.exit_code == 2 and "already means Metropolitan Police" in refused.stderr
    entered = run("enter", str(first), "--db", db_target, given="r the met: Patrols weekly\n")
    assert entered.exit_code == 0, entered.stdout + entered.stderr
    open_database(db_target)
    assert [o.name for o in Organisation.select()] == ["Metropolitan Police"]
    assert Response.select().where(Response.organisation.is_null(False)).count() == 1


def test_organisation_merge_moves_people_and_keeps_the_old_name_as_an_alias(
    db_target: str,
) -> None:
    _, _, first = twice_recorded(db_target)
    open_database(db_target)
    services.add_action(first, "Check the CCTV", None, "Met Police Service")
    db.obj.close()
    db.initialize(None)

    result = run(
        "organisations", "merge", "Met Police Service", "Metropolitan Police", "--db", db_target
    )
    assert result.exit_code == 0, result.stderr
    again = run(
        "organisations", "merge", "Met Police Service", "Metropolitan Police", "--db", db_target
    )
    assert again.exit_code == 2 and "cannot be merged into itself" in again.stderr
    listed = json.loads(run("organisations", "--json", "--db", db_target).stdout)
    assert [(o["name"], o["aliases"], o["actions"]) for o in listed] == [
        ("Metropolitan Police", ["Met Police Service"], 1)
    ]
    open_database(db_target)
    assert OrganisationAlias.select().count() == 1
    assert Correction.get().kind == "merge_organisation"


def test_enter_files_every_line_and_exits_2_on_an_ambiguous_name(
    db_target: str, tmp_path: Path
) -> None:
    _, _, first = twice_recorded(db_target)
    lines = tmp_path / "meeting.txt"
    lines.write_text(
        "present: Jane Doe\n\nq Jane Doe: When will the lights be fixed?\napologies: Reid\n",
        encoding="utf-8",
    )
    result = run("enter", str(first), str(lines), "--db", db_target)
    assert result.exit_code == 2
    assert result.stdout.splitlines()[0] == "1: Present: Jane Doe"
    assert "4: Not filed" in result.stdout
    assert "Tom Reid" in result.stdout and "Sgt Tom Reid" in result.stdout
    assert "1 line was not filed" in result.stderr
    open_database(db_target)
    assert Question.select().where(Question.meeting == first).count() == 2
    assert Attendance.select().where(Attendance.status == "apologies").count() == 0


def test_enter_refuses_an_unknown_meeting(db_target: str) -> None:
    result = run("enter", "42", "--db", db_target, given="present: Jane Doe\n")
    assert result.exit_code == 2
    assert "no meeting with id 42" in result.stderr


def test_enter_on_approved_minutes_files_nothing_and_says_so(db_target: str) -> None:
    _, _, first = twice_recorded(db_target)
    open_database(db_target)
    services.approve_meeting(first, by="Ann Lee")
    result = run("enter", str(first), "--db", db_target, given="n Parking: Cars on the kerb\n")
    assert result.exit_code == 2
    assert f"the minutes of meeting {first} are approved: reopen them first" in result.stderr
    assert "kept" not in result.stderr  # nothing was kept as unfiled either
    open_database(db_target)
    assert not Note.select().where(Note.meeting == first).exists()


def test_a_correction_that_would_change_approved_minutes_is_refused(database: str) -> None:
    """Approved minutes are locked against corrections of names too: merging away,
    renaming a person or an organisation they print exits 2 with the lock's words;
    merging the other way, into the name the approved minutes print, is allowed."""
    import pytest

    from wardpanel import services
    from wardpanel.core.models import Person
    from wardpanel.services.locking import MinutesApproved

    panel = services.create_panel("Markhouse Ward Panel")
    first = services.create_meeting(panel.id, "2026-01-10", chair="Ann Lee")
    services.record_attendance(first.id, "Sgt Tom Reid", organisation="Metropolitan Police")
    services.approve_meeting(first.id, by="Ann Lee")
    second = services.create_meeting(panel.id, "2026-03-10", chair="Ann Lee")
    duplicate = Person.create(name="Thomas Reid", role="Sergeant")
    services.record_attendance(second.id, "Thomas Reid")
    printed = Person.get(Person.name.contains("Tom Reid"))

    with pytest.raises(MinutesApproved, match=f"minutes of meeting {first.id} are approved"):
        services.merge_people(printed.id, duplicate.id)
    with pytest.raises(MinutesApproved):
        services.rename_person(printed.id, "Tommy Reid")
    with pytest.raises(MinutesApproved):
        services.rename_organisation("Metropolitan Police", "The Met")
    assert Person.get_by_id(printed.id).name == printed.name  # nothing changed

    kept = services.merge_people(duplicate.id, printed.id)
    assert kept.id == printed.id and not Person.select().where(Person.name == "Thomas Reid")
