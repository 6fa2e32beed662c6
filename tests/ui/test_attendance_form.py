"""The attendance form says everything quick entry can: whom someone stood in for (and a
did-you-mean before anyone new is made), late arrivals, early leavers, first-timers,
and the reason and kind of an absence; the Attendance tab shows it."""

from __future__ import annotations

from textual.widgets import Checkbox, Input, Select

from tests.ui.conftest import SIZE, paste_text, screen_text
from tests.ui.test_who_was_there import _meeting_with_sergeant
from wardpanel import services
from wardpanel.app.common.form import FormScreen
from wardpanel.app.meeting.new_names import NewOrganisationDialog
from wardpanel.core.models import Attendance, Organisation, Person


def _meeting() -> int:
    """The sergeant's meeting, his apologies sent."""
    meeting = _meeting_with_sergeant()
    services.set_attendance(Attendance.get(Attendance.meeting == meeting).id, "apologies")
    return meeting


async def _open(pilot) -> None:
    await pilot.pause()
    await pilot.press("enter")  # the meeting, on its Attendance tab
    await pilot.pause()


async def _form(pilot, key: str) -> FormScreen:
    """The form a key of the Attendance tab opens."""
    await pilot.press(key)
    await pilot.pause()
    form = pilot.app.screen
    assert isinstance(form, FormScreen)
    return form


async def _fill(pilot, field: str, text: str) -> None:
    box = pilot.app.screen.query_one(f"#field-{field}", Input)
    box.focus()
    box.value = ""
    await paste_text(pilot, text)


def _entry(name: str) -> Attendance:
    return Attendance.get(Attendance.person == Person.get(Person.name == name))


async def test_a_substitute_arriving_late_is_added_after_a_did_you_mean(app_factory):
    app = app_factory()
    meeting = _meeting()
    async with app.run_test(size=SIZE) as pilot:
        await _open(pilot)
        await _form(pilot, "a")
        await _fill(pilot, "name", "PC Dan Hill")
        await _fill(pilot, "organisation", "Metropolitan Police")
        await _fill(pilot, "substitute_for", "Tom Reed")
        await _fill(pilot, "arrived", "25:00")
        await pilot.press("ctrl+s")
        await pilot.pause()
        # Nobody here is called Tom Reed: asked, with the sergeant offered.
        assert isinstance(app.screen, NewOrganisationDialog)
        assert "Nobody called 'Tom Reed' is known at this meeting" in screen_text(app)
        assert "Did you mean Sgt Tom Reid?" in screen_text(app)
        await pilot.press("tab")
        await pilot.pause()
        # The suggestion is taken; the time is not one, said in one line.
        form = app.screen
        assert isinstance(form, FormScreen)
        assert form.query_one("#field-substitute_for", Input).value == "Sgt Tom Reid"
        assert "Arrived: '25:00' is not a real time" in screen_text(app)
        assert not Person.select().where(Person.name == "PC Dan Hill").exists()
        await _fill(pilot, "arrived", "7.40pm")
        await pilot.press("ctrl+s")
        await pilot.pause()
        assert not isinstance(app.screen, FormScreen)
        hill = _entry("PC Dan Hill")
        assert (hill.status, hill.arrived) == ("present", "19:40")
        assert hill.substitute_for.name == "Sgt Tom Reid"
        assert Person.select().where(Person.name.contains("Reid")).count() == 1
        shown = screen_text(app)
        assert "for Sgt Tom Reid · late 19:40" in shown
        assert "Standing in for Sgt Tom Reid" in shown  # the detail pane
    assert Attendance.select().where(Attendance.meeting == meeting).count() == 2


async def test_the_did_you_mean_refused_saves_nothing_and_add_them_makes_one(app_factory):
    app = app_factory()
    _meeting()
    async with app.run_test(size=SIZE) as pilot:
        await _open(pilot)
        await _form(pilot, "a")
        await _fill(pilot, "name", "Insp Ola Kane")
        await _fill(pilot, "substitute_for", "Supt Ray Mensah")
        await pilot.press("ctrl+s")
        await pilot.pause()
        assert isinstance(app.screen, NewOrganisationDialog)
        await pilot.press("escape")
        await pilot.pause()
        assert isinstance(app.screen, FormScreen)
        assert "'Supt Ray Mensah' is new here: nothing is saved" in screen_text(app)
        assert Person.select().count() == 1
        await pilot.press("ctrl+s")
        await pilot.pause()
        await pilot.press("c")  # add them
        await pilot.pause()
        assert not isinstance(app.screen, FormScreen)
    kane = _entry("Insp Ola Kane")
    assert kane.substitute_for.name == "Supt Ray Mensah"
    assert Person.select().count() == 3


async def test_an_absence_with_its_reason_and_kind_and_a_first_timer(app_factory):
    app = app_factory()
    _meeting()
    async with app.run_test(size=SIZE) as pilot:
        await _open(pilot)
        form = await _form(pilot, "e")  # the sergeant's apologies
        form.query_one("#field-status", Select).value = "absent"
        await _fill(pilot, "reason", "at a briefing")
        form.query_one("#field-absence_category", Select).value = "training"
        await pilot.press("ctrl+s")
        await pilot.pause()
        assert not isinstance(app.screen, FormScreen)
        reid = _entry("Sgt Tom Reid")
        assert (reid.status, reid.reason, reid.absence_category) == (
            "absent",
            "at a briefing",
            "training",
        )
        assert "at a briefing (training)" in screen_text(app)
        # A reason that says its kind needs no choosing: it is read from the words.
        form = await _form(pilot, "e")
        form.query_one("#field-absence_category", Select).value = ""
        await _fill(pilot, "reason", "on annual leave")
        await pilot.press("ctrl+s")
        await pilot.pause()
        assert _entry("Sgt Tom Reid").absence_category == "leave"
        await _form(pilot, "a")
        await _fill(pilot, "name", "Sam Okoro")
        app.screen.query_one("#field-first_time", Checkbox).value = True
        await _fill(pilot, "departed", "20:30")
        await pilot.press("ctrl+s")
        await pilot.pause()
        assert "left 20:30 · first time" in screen_text(app)
    okoro = _entry("Sam Okoro")
    assert (okoro.first_time, okoro.departed) == (True, "20:30")


async def test_times_for_someone_not_present_are_refused_in_one_line(app_factory):
    app = app_factory()
    _meeting()
    async with app.run_test(size=SIZE) as pilot:
        await _open(pilot)
        await _form(pilot, "e")
        await _fill(pilot, "arrived", "19:40")
        await pilot.press("ctrl+s")
        await pilot.pause()
        assert isinstance(app.screen, FormScreen)
        assert "Arrived: only someone present arrives late" in screen_text(app)
    reid = _entry("Sgt Tom Reid")
    assert (reid.status, reid.arrived) == ("apologies", "")


async def test_marking_absent_with_x_asks_the_reason_and_its_kind(app_factory):
    app = app_factory()
    _meeting()
    async with app.run_test(size=SIZE) as pilot:
        await _open(pilot)
        form = await _form(pilot, "x")
        await paste_text(pilot, "called away to an incident")
        form.query_one("#field-absence_category", Select).value = "abstracted"
        await pilot.press("enter")
        await pilot.pause()
        assert not isinstance(app.screen, FormScreen)
        assert "called away to an incident (abstracted to other duties)" in screen_text(app)
    reid = _entry("Sgt Tom Reid")
    assert (reid.status, reid.reason, reid.absence_category) == (
        "absent",
        "called away to an incident",
        "abstracted",
    )


async def test_an_organisation_like_a_known_one_is_asked_about_before_it_is_made(app_factory):
    app = app_factory()
    _meeting()
    async with app.run_test(size=SIZE) as pilot:
        await _open(pilot)
        await _form(pilot, "a")
        await _fill(pilot, "name", "PC Ann Cole")
        await _fill(pilot, "organisation", "Met Police Service")
        await pilot.press("ctrl+s")
        await pilot.pause()
        assert isinstance(app.screen, NewOrganisationDialog)
        assert "New organisation 'Met Police Service'?" in screen_text(app)
        assert "Did you mean Metropolitan Police?" in screen_text(app)
        await pilot.press("tab")
        await pilot.pause()
        assert not isinstance(app.screen, FormScreen)
    cole = Person.get(Person.name == "PC Ann Cole")
    assert cole.organisation.name == "Metropolitan Police"
    assert Organisation.select().count() == 1


async def test_a_post_nobody_filled_is_edited_without_a_name_and_is_never_present(app_factory):
    app = app_factory()
    meeting = _meeting()
    services.record_attendance(meeting, "", "Borough Commander", "Metropolitan Police", "absent")
    async with app.run_test(size=SIZE) as pilot:
        await _open(pilot)
        await pilot.press("down")
        form = await _form(pilot, "e")
        assert form.query_one("#field-name", Input).value == ""
        await _fill(pilot, "reason", "abstracted to the Notting Hill Carnival")
        await pilot.press("ctrl+s")
        await pilot.pause()
        assert not isinstance(app.screen, FormScreen)
        await pilot.press("p")
        await pilot.pause()
        said = [n.message for n in app._notifications]
        assert any("Borough Commander is a post nobody filled" in m for m in said)
    post = Attendance.get(Attendance.person == Person.get(Person.role == "Borough Commander"))
    assert (post.status, post.absence_category) == ("absent", "abstracted")
    assert post.reason == "abstracted to the Notting Hill Carnival"
    assert Person.select().where(Person.role == "Borough Commander").count() == 1
