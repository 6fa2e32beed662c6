"""The people and organisations screen: a clerk puts names right with keys."""

from __future__ import annotations

from tests.ui.conftest import SIZE, paste_text, screen_text
from wardpanel import services
from wardpanel.app.common.form import FormScreen
from wardpanel.app.people.screen import PeopleScreen
from wardpanel.core.models import Action, Correction, Organisation, OrganisationAlias, Person


def _twice_recorded() -> tuple[int, int]:
    panel = services.create_panel("Hoe Street Ward Panel")
    meeting = services.create_meeting(panel.id, "2026-11-20").id
    met = Organisation.create(name="Metropolitan Police", kind="police")
    ranked = Person.create(name="Sgt Tom Reid", role="Sergeant", organisation=met)
    plain = Person.create(name="Tom Reid")
    services.record_attendance(meeting, "Jane Doe")
    Action.create(meeting=meeting, text="Walk the estate", owner=plain)
    return plain.id, ranked.id


async def test_merging_a_person_from_the_people_screen(app_factory):
    app = app_factory()
    plain, ranked = _twice_recorded()
    async with app.run_test(size=SIZE) as pilot:
        await pilot.pause()
        await pilot.press("o")
        await pilot.pause()
        assert isinstance(app.screen, PeopleScreen)
        assert "Tom Reid" in screen_text(app)
        table = app.screen.query_one("#people-table")
        table.move_cursor(row=table.get_row_index(f"p{plain}"))
        await pilot.press("m")
        await pilot.pause()
        assert isinstance(app.screen, FormScreen)
        await paste_text(pilot, str(ranked))
        await pilot.press("ctrl+s")
        await pilot.pause()
        assert isinstance(app.screen, PeopleScreen)
    assert not Person.select().where(Person.id == plain).exists()
    assert Action.get().owner_id == ranked
    assert Correction.get().kind == "merge_person"


async def test_an_alias_and_a_refused_self_merge_from_the_organisations_tab(app_factory):
    app = app_factory()
    _twice_recorded()
    async with app.run_test(size=SIZE) as pilot:
        await pilot.pause()
        await pilot.press("o")
        await pilot.pause()
        await pilot.press("2")
        await pilot.pause()
        await pilot.press("l")
        await pilot.pause()
        await paste_text(pilot, "Met")
        await pilot.press("ctrl+s")
        await pilot.pause()
        assert isinstance(app.screen, PeopleScreen)
        assert "Met" in screen_text(app)
        await pilot.press("m")
        await pilot.pause()
        await paste_text(pilot, "the met")
        await pilot.press("ctrl+s")
        await pilot.pause()
        assert isinstance(app.screen, FormScreen)  # refused: the form stays, saying why
        assert "cannot be merged into itself" in screen_text(app)
    assert [(a.alias, a.organisation.name) for a in OrganisationAlias.select()] == [
        ("Met", "Metropolitan Police")
    ]
    assert Organisation.select().count() == 1
