"""An officer's morning: the Actions view across meetings, an update, a closure, and the
closed action reported in the next meeting's matters arising."""

from __future__ import annotations

import datetime as dt

from textual.widgets import Checkbox, DataTable, Select

from tests.ui.conftest import SIZE, screen_text, type_text
from wardpanel import services, settings
from wardpanel.models import Action, ActionUpdate
from wardpanel.screens.actions import ActionsScreen
from wardpanel.screens.form import FormScreen
from wardpanel.screens.meeting import MeetingScreen

TODAY = dt.date.today()


def _panel_with_actions():
    panel = services.create_panel("Marsh Lane Ward Panel")
    september = services.create_meeting(panel.id, TODAY - dt.timedelta(days=60))
    services.record_attendance(september.id, "Tom Reid", "Sergeant", "Metropolitan Police")
    overdue = services.add_action(
        september.id,
        "Patrol the towpath at school closing time",
        "Tom Reid",
        "Metropolitan Police",
        due=TODAY - dt.timedelta(days=10),
    )
    services.add_action(
        september.id,
        "Share the stop and search figures",
        "Tom Reid",
        "Metropolitan Police",
        due=TODAY + dt.timedelta(days=20),
    )
    services.add_action(
        september.id,
        "Fix the lights on Coldharbour Path",
        organisation="Fernbridge Council",
        due=TODAY - dt.timedelta(days=5),
    )
    december = services.create_meeting(panel.id, TODAY + dt.timedelta(days=20))
    return overdue, december


def _table(app) -> DataTable:
    return app.screen.query_one("#action-table", DataTable)


def _refs(app) -> list[str]:
    table = _table(app)
    return [table.get_row(key)[0].plain for key in table.rows]


async def test_an_officer_updates_and_closes_an_overdue_action(app_factory, tmp_path, monkeypatch):
    monkeypatch.setenv("WARDPANEL_SETTINGS", str(tmp_path / "settings.json"))
    app = app_factory()
    overdue, december = _panel_with_actions()
    async with app.run_test(size=SIZE) as pilot:
        await pilot.pause()
        await pilot.press("ctrl+o")
        assert isinstance(app.screen, ActionsScreen)
        assert len(_refs(app)) == 3
        assert "3 actions" in screen_text(app)

        # Filter to the Metropolitan Police, then to overdue, by keyboard.
        await pilot.press("f", "tab")
        assert app.screen.query_one("#filter-organisation", Select).has_focus
        await pilot.press("enter", "down", "down", "enter")  # Fernbridge, then the Met
        await pilot.pause()
        assert app.screen.query_one("#filter-organisation", Select).value == "Metropolitan Police"
        assert len(_refs(app)) == 2
        await pilot.press("tab", "tab", "space")
        await pilot.pause()
        assert app.screen.query_one("#filter-overdue", Checkbox).value is True
        assert _refs(app) == [f"A{overdue.id}"]

        # An update, then the closure, from the table.
        _table(app).focus()
        await pilot.press("u")
        assert isinstance(app.screen, FormScreen)
        await type_text(pilot, "Patrols agreed with the school")
        await pilot.press("ctrl+s")
        await pilot.pause()
        assert isinstance(app.screen, ActionsScreen)
        assert "Patrols agreed with the school" in screen_text(app)  # the history pane
        await pilot.press("c")
        await type_text(pilot, "Two weeks of patrols done; no incidents since")
        await pilot.press("ctrl+s")
        await pilot.pause()

        updates = [
            (u.text, u.status)
            for u in ActionUpdate.select().where(ActionUpdate.action == overdue.id)
        ]
        assert updates == [
            ("Patrols agreed with the school", None),
            ("Two weeks of patrols done; no incidents since", "done"),
        ]
        assert Action.get_by_id(overdue.id).status == "done"
        assert _refs(app) == []  # done actions leave the default view...

        await pilot.press("f", "tab", "tab")  # ...and stay findable under every status
        await pilot.press("enter", "end", "enter", "tab", "space")  # (not only overdue)
        await pilot.pause()
        assert f"A{overdue.id}" in _refs(app)

        # The next meeting reports it, done, with its update.
        await pilot.press("escape", "escape")
        app.push_screen(MeetingScreen(december.id))
        await pilot.pause()
        await pilot.press("6")
        matters = app.screen.query_one("#section-matters DataTable", DataTable)
        row = matters.get_row(str(overdue.id))
        assert row[6].plain == "done"
        assert "Two weeks of patrols done" in row[7].plain


async def test_the_users_own_actions_come_first(app_factory, tmp_path, monkeypatch):
    monkeypatch.setenv("WARDPANEL_SETTINGS", str(tmp_path / "settings.json"))
    app = app_factory()
    _panel_with_actions()
    async with app.run_test(size=SIZE) as pilot:
        await pilot.pause()
        await pilot.press("ctrl+o", "i")
        assert isinstance(app.screen, FormScreen)
        await type_text(pilot, "Fernbridge Council")
        await pilot.press("ctrl+s")
        await pilot.pause()
        assert isinstance(app.screen, FormScreen)  # not a person: refused, explained
        assert "nobody called" in screen_text(app)
        app.screen.query_one("#field-name").value = ""
        await type_text(pilot, "tom reid")
        await pilot.press("ctrl+s")
        await pilot.pause()
        assert isinstance(app.screen, ActionsScreen)
        assert settings.current_person_id() is not None
        first, second, third = (Action.get_by_id(int(ref[1:])) for ref in _refs(app))
        assert first.owner.name == second.owner.name == "Tom Reid"
        assert third.organisation.name == "Fernbridge Council"
        assert "Tom Reid's first" in screen_text(app)
