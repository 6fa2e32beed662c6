"""Panels put right from home: one panel typed twice merged into the other, one started
by mistake deleted; keys and the palette, each confirmed first."""

from __future__ import annotations

from textual.widgets import Select

from tests.ui.conftest import SIZE, screen_text
from tests.ui.test_keys_and_palette import _palette
from wardpanel import services
from wardpanel.app.common.confirm import ConfirmScreen
from wardpanel.app.common.form import FormScreen
from wardpanel.app.home.home import HomeScreen
from wardpanel.core.models import Correction, Meeting, Panel


def _panels() -> tuple[int, int]:
    """'Hoe St Panel' (first on the list, so selected) with one meeting, and the panel
    it should have been, 'Hoe Street Ward Panel', with another."""
    twice = services.create_panel("Hoe St Panel")
    services.create_meeting(twice.id, "2026-10-01")
    kept = services.create_panel("Hoe Street Ward Panel")
    services.create_meeting(kept.id, "2026-11-20")
    return twice.id, kept.id


async def test_merging_a_panel_into_another_from_home(app_factory):
    app = app_factory()
    twice, kept = _panels()
    async with app.run_test(size=SIZE) as pilot:
        await pilot.pause()
        assert "Meetings of Hoe St Panel" in screen_text(app)
        await pilot.press("m")
        await pilot.pause()
        form = app.screen
        assert isinstance(form, FormScreen)
        assert form.form_title == "Merge Hoe St Panel into…"
        assert form.query_one("#field-into", Select).value == str(kept)
        await pilot.press("ctrl+s")
        await pilot.pause()
        assert isinstance(app.screen, ConfirmScreen)
        assert "Merge Hoe St Panel into Hoe Street Ward Panel?" in screen_text(app)
        await pilot.press("n")  # kept apart: nothing changes
        await pilot.pause()
        assert Panel.select().count() == 2
        await pilot.press("m")
        await pilot.pause()
        await pilot.press("ctrl+s")
        await pilot.pause()
        await pilot.press("y")
        await pilot.pause()
        assert isinstance(app.screen, HomeScreen)
        assert "Meetings of Hoe Street Ward Panel" in screen_text(app)
    assert Panel.get_or_none(Panel.id == twice) is None
    assert [p.name for p in Panel.select()] == ["Hoe Street Ward Panel"]
    assert {m.panel_id for m in Meeting.select()} == {kept}
    assert Meeting.select().count() == 2
    assert Correction.get().kind == "merge_panel"


async def test_a_panel_is_deleted_only_when_it_has_no_meetings(app_factory):
    app = app_factory()
    _panels()
    mistake = services.create_panel("Hoe Stret Ward Panel")
    async with app.run_test(size=SIZE) as pilot:
        await pilot.pause()
        await _palette(pilot, app, "Delete panel")
        # Hoe St Panel has a meeting: refused, saying what to do instead.
        assert isinstance(app.screen, HomeScreen)
        said = [n.message for n in app._notifications]
        assert any("Hoe St Panel has 1 meeting" in m and "m to merge" in m for m in said)
        assert Panel.select().count() == 3
        await pilot.press("shift+tab", "down", "down")  # to the panel with none
        await pilot.pause()
        assert "Meetings of Hoe Stret Ward Panel" in screen_text(app)
        await pilot.press("D")
        await pilot.pause()
        assert isinstance(app.screen, ConfirmScreen)
        await pilot.press("y")
        await pilot.pause()
    assert Panel.get_or_none(Panel.id == mistake.id) is None
    assert Panel.select().count() == 2
    assert Correction.get().text == "Hoe Stret Ward Panel deleted"
