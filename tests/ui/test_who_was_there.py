"""A chair typing names the way chairs talk: one officer, one force, and a question
before a look-alike organisation is created."""

from __future__ import annotations

from tests.ui.conftest import SIZE, paste_text, screen_text
from wardpanel import services
from wardpanel.app.meeting.new_names import NewOrganisationDialog
from wardpanel.app.meeting.quickline import QuickLine
from wardpanel.core.models import Action, Attendance, Organisation, Person, Response


def _meeting_with_sergeant() -> int:
    panel = services.create_panel("Hoe Street Ward Panel")
    meeting = services.create_meeting(panel.id, "2026-11-20")
    services.record_attendance(
        meeting.id, "Sgt Tom Reid", "Sergeant", "Metropolitan Police", "present"
    )
    return meeting.id


async def _enter(pilot, line: str) -> None:
    await paste_text(pilot, line)
    await pilot.press("enter")
    await pilot.pause()


async def test_a_chair_types_the_lines_and_the_record_holds_one_of_each(app_factory):
    app = app_factory()
    meeting = _meeting_with_sergeant()
    async with app.run_test(size=SIZE) as pilot:
        await pilot.pause()
        await pilot.press("enter", "colon")
        for line in (
            "present: Tom Reid, Jane Doe",
            "apologies: Sgt Reid",
            "present: PC Dan Hill (Metropolitan Police) for Sgt Tom Reid",
            "late 19:40: Cllr Marsh",
            "q Jane Doe [Phones]: What is being done about phone snatching?",
            "r Sgt Tom Reid: Extra patrols at the station.",
            "r police: We will report back.",
            "a Sgt Tom Reid: report back on patrols",
        ):
            await _enter(pilot, line)
        box = app.screen.query_one("#quick-entry", QuickLine)
        assert box.value == ""
        assert "Action" in screen_text(app)
    reid = Person.get(Person.name == "Sgt Tom Reid")
    assert Person.select().where(Person.name.contains("Reid")).count() == 1
    assert [o.name for o in Organisation.select()] == ["Metropolitan Police"]
    statuses = {a.person.name: a.status for a in Attendance.select()}
    assert statuses == {
        "Sgt Tom Reid": "apologies",
        "Jane Doe": "present",
        "PC Dan Hill": "present",
        "Cllr Marsh": "present",
    }
    hill = Attendance.get(Attendance.person == Person.get(Person.name == "PC Dan Hill"))
    assert hill.substitute_for_id == reid.id
    assert Attendance.get(Attendance.arrived == "19:40").person.name == "Cllr Marsh"
    assert {r.organisation.name for r in Response.select()} == {"Metropolitan Police"}
    assert Response.select().where(Response.responder == reid).count() == 1
    assert Action.get().owner_id == reid.id
    assert Attendance.select().where(Attendance.meeting == meeting).count() == 4


async def test_the_did_you_mean_dialog_creates_nothing_when_refused(app_factory):
    app = app_factory()
    _meeting_with_sergeant()
    async with app.run_test(size=SIZE) as pilot:
        await pilot.pause()
        await pilot.press("enter", "colon")
        await _enter(pilot, "q Jane Doe: Why are the lights out?")
        people = Person.select().count()
        await _enter(pilot, "r Met Police Service: We will look.")
        assert isinstance(app.screen, NewOrganisationDialog)
        assert "Did you mean Metropolitan Police?" in screen_text(app)
        await pilot.press("escape")
        await pilot.pause()
        box = app.screen.query_one("#quick-entry", QuickLine)
        assert box.value == "r Met Police Service: We will look."
        assert "nothing created" in screen_text(app)
        assert [o.name for o in Organisation.select()] == ["Metropolitan Police"]
        assert Response.select().count() == 0
        assert Person.select().count() == people

        # Enter again, and Tab takes the suggestion: filed against the known force.
        await pilot.press("enter")
        await pilot.pause()
        await pilot.press("tab")
        await pilot.pause()
        assert box.value == ""
    assert [o.name for o in Organisation.select()] == ["Metropolitan Police"]
    assert Response.get().organisation.name == "Metropolitan Police"


async def test_creating_the_new_organisation_when_the_chair_means_it(app_factory):
    app = app_factory()
    _meeting_with_sergeant()
    async with app.run_test(size=SIZE) as pilot:
        await pilot.pause()
        await pilot.press("enter", "colon")
        await _enter(pilot, "present: Ann Lee (British Transport Police)")
        assert isinstance(app.screen, NewOrganisationDialog)
        await pilot.press("c")
        await pilot.pause()
    assert Attendance.get(Attendance.person == Person.get(Person.name == "Ann Lee"))
    assert Organisation.select().count() == 2


async def test_a_name_that_fits_two_people_stays_in_the_box_with_both(app_factory):
    app = app_factory()
    _meeting_with_sergeant()
    async with app.run_test(size=SIZE) as pilot:
        await pilot.pause()
        await pilot.press("enter", "colon")
        await _enter(pilot, "present: Tom Hart")
        before = {a.person_id: a.status for a in Attendance.select()}
        await _enter(pilot, "apologies: Tom")
        box = app.screen.query_one("#quick-entry", QuickLine)
        assert box.value == "apologies: Tom"
        shown = screen_text(app)
        assert "Sgt Tom Reid" in shown and "Tom Hart" in shown
    assert {a.person_id: a.status for a in Attendance.select()} == before
