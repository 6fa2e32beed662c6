"""An officer's morning: the Actions view across meetings, an update, a closure, and the
closed action reported in the next meeting's matters arising."""

from __future__ import annotations

import datetime as dt

import pytest
from textual.widgets import Checkbox, DataTable, Input, Select

from tests.ui.conftest import SIZE, paste_text, screen_text, type_text
from wardpanel import services
from wardpanel.app.actions.action_list import ActionList
from wardpanel.app.actions.filters import ActionFilterDialog
from wardpanel.app.actions.screen import ActionsScreen
from wardpanel.app.common.form import FormScreen
from wardpanel.app.meeting.screen import MeetingScreen
from wardpanel.core import settings
from wardpanel.core.models import Action, ActionUpdate

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


def _list(app) -> ActionList:
    """The Actions view's list, also while a dialog is open over the view."""
    view = next(s for s in reversed(app.screen_stack) if isinstance(s, ActionsScreen))
    return view.query_one("#action-list", ActionList)


def _refs(app) -> list[str]:
    return [row.ref for row in _list(app).rows]


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

        # Filter to the Metropolitan Police (the start of the name is enough), then to
        # overdue, by keyboard.
        await pilot.press("f", "tab")
        assert isinstance(app.screen, ActionFilterDialog)
        assert app.screen.query_one("#filter-organisation", Input).has_focus
        await paste_text(pilot, "metro")
        await pilot.press("enter")
        await pilot.pause()
        assert isinstance(app.screen, ActionsScreen)
        assert app.screen.filters.organisation == "Metropolitan Police"
        assert len(_refs(app)) == 2
        await pilot.press("exclamation_mark")
        await pilot.pause()
        assert app.screen.filters.overdue is True
        assert _refs(app) == [overdue.ref]
        shown = screen_text(app)
        assert "Metropolitan Police" in shown and "overdue only" in shown

        # An update, then the closure, from the list.
        assert _list(app).has_focus
        await pilot.press("u")
        assert isinstance(app.screen, FormScreen)
        await paste_text(pilot, "Patrols agreed with the school")
        await pilot.press("ctrl+s")
        await pilot.pause()
        assert isinstance(app.screen, ActionsScreen)
        assert "Patrols agreed with the school" in screen_text(app)  # the history pane
        await pilot.press("c")
        await paste_text(pilot, "Two weeks of patrols done; no incidents since")
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

        await pilot.press("f", "tab", "tab", "tab")  # ...and stay findable under every status
        assert app.screen.query_one("#filter-status", Select).has_focus
        await pilot.press("enter", "end", "enter", "tab", "space")  # (not only overdue)
        assert app.screen.query_one("#filter-overdue", Checkbox).value is False
        await pilot.press("ctrl+s")
        await pilot.pause()
        assert isinstance(app.screen, ActionsScreen)
        assert overdue.ref in _refs(app)

        # The next meeting reports it, done, with its update.
        await pilot.press("escape")
        assert not isinstance(app.screen, ActionsScreen)
        app.push_screen(MeetingScreen(december.id))
        await pilot.pause()
        await pilot.press("6")
        matters = app.screen.query_one("#section-matters DataTable", DataTable)
        row = matters.get_row(str(overdue.id))
        assert row[3].plain == "Done"  # Ref, Action, Owner, Status, Latest update
        assert "Two weeks of patrols done" in row[4].plain


async def test_the_users_own_actions_come_first(app_factory, tmp_path, monkeypatch):
    monkeypatch.setenv("WARDPANEL_SETTINGS", str(tmp_path / "settings.json"))
    app = app_factory()
    _panel_with_actions()
    async with app.run_test(size=SIZE) as pilot:
        await pilot.pause()
        await pilot.press("ctrl+o", "i")
        assert isinstance(app.screen, FormScreen)
        await paste_text(pilot, "Fernbridge Council")
        await pilot.press("ctrl+s")
        await pilot.pause()
        assert isinstance(app.screen, FormScreen)  # not a person: refused, explained
        assert "nobody called" in screen_text(app)
        app.screen.query_one("#field-name").value = ""
        await paste_text(pilot, "tom reid")
        await pilot.press("ctrl+s")
        await pilot.pause()
        assert isinstance(app.screen, ActionsScreen)
        assert settings.current_person_id() is not None
        first, second, third = (Action.get(Action.ref == ref) for ref in _refs(app))
        assert first.owner.name == second.owner.name == "Tom Reid"
        assert third.organisation.name == "Fernbridge Council"
        assert "Tom Reid's first" in screen_text(app)


async def test_the_officer_moves_through_pages_of_actions(app_factory, tmp_path, monkeypatch):
    """A hundred actions a page; the rest of a page arrives as the officer moves down."""
    monkeypatch.setenv("WARDPANEL_SETTINGS", str(tmp_path / "settings.json"))
    app = app_factory()
    panel = services.create_panel("Marsh Lane Ward Panel")
    meeting = services.create_meeting(panel.id, TODAY - dt.timedelta(days=30))
    actions = [
        services.add_action(
            meeting.id, f"Check the street light by house {n}", due=TODAY + dt.timedelta(days=n)
        )
        for n in range(1, 131)
    ]
    refs = [a.ref for a in actions]  # in due order
    async with app.run_test(size=SIZE) as pilot:
        await pilot.pause()
        await pilot.press("ctrl+o")
        assert "130 actions (showing 1–100" in screen_text(app)
        assert _refs(app) == refs[: len(_refs(app))]

        # The scroll bar, clicked at its foot, shows the end of the page.
        action_list = _list(app)
        width, height = action_list.size
        await pilot.click("#action-list", offset=(width - 1, height - 1))
        await pilot.pause()
        assert refs[99] in action_list.render_line(height - 1).text

        await pilot.press("end")
        await pilot.pause()
        assert _refs(app) == refs[:100]
        assert _list(app).current.ref == refs[99]
        assert "Check the street light by house 100" in screen_text(app)  # its history

        await pilot.press("right_square_bracket")
        await pilot.pause()
        assert "showing 101–130" in screen_text(app)
        assert _refs(app) == refs[100:]
        await pilot.press("left_square_bracket", "pagedown", "pagedown")
        await pilot.pause()
        assert "showing 1–100" in screen_text(app)
        assert _list(app).current.ref in refs[2:100]


@pytest.mark.long(seconds=7)
async def test_filters_by_words_status_dates_and_the_dialog(app_factory, tmp_path, monkeypatch):
    monkeypatch.setenv("WARDPANEL_SETTINGS", str(tmp_path / "settings.json"))
    app = app_factory()
    overdue, _december = _panel_with_actions()
    share, lights = (
        Action.get(Action.text.startswith(start)) for start in ("Share the", "Fix the lights")
    )
    services.add_action_update(share.id, "Figures promised for the autumn", "in_progress")
    async with app.run_test(size=SIZE) as pilot:
        await pilot.pause()
        await pilot.press("ctrl+o")

        # Words, in the actions or in their updates.
        await pilot.press("slash")
        await paste_text(pilot, "autumn")
        await pilot.press("enter")
        await pilot.pause()
        assert _refs(app) == [share.ref]
        assert _list(app).has_focus
        await pilot.press("slash", "home", "ctrl+k", "enter")  # words cleared
        await pilot.pause()
        assert len(_refs(app)) == 3
        # A reference as the minutes print it, typed in any case, finds that action.
        await pilot.press("slash")
        await paste_text(pilot, "ml-2")
        await pilot.press("enter")
        await pilot.pause()
        assert _refs(app) == [share.ref] == ["ML-2"]
        await pilot.press("slash", "home", "ctrl+k", "enter")
        await pilot.pause()
        assert len(_refs(app)) == 3

        # One key for the next status: open only, then in progress only.
        await pilot.press("s")
        await pilot.pause()
        assert sorted(_refs(app)) == sorted([overdue.ref, lights.ref])
        await pilot.press("s")
        await pilot.pause()
        assert _refs(app) == [share.ref]
        assert "in progress" in screen_text(app)
        await pilot.press("s", "s", "s", "s")  # done, dropped, every status, and back
        await pilot.pause()
        assert app.screen.filters.statuses == ("open", "in_progress")

        # A due date that cannot be read is explained, and changes nothing.
        await pilot.press("f", "tab", "tab", "tab", "tab", "tab")
        assert app.screen.query_one("#filter-from", Input).has_focus
        await paste_text(pilot, "31/02/2026")
        await pilot.press("enter")
        await pilot.pause()
        assert isinstance(app.screen, ActionFilterDialog)
        assert "Due from" in screen_text(app)
        app.screen.query_one("#filter-from", Input).value = ""
        await paste_text(pilot, "today")
        await pilot.press("tab")
        await paste_text(pilot, "in 3 weeks")
        await pilot.press("enter")
        await pilot.pause()
        assert isinstance(app.screen, ActionsScreen)
        assert _refs(app) == [share.ref]  # due in 20 days; the others have passed

        # The list follows the dialog as the officer types; esc puts the filters back.
        await pilot.press("f", "ctrl+r", "tab")
        await type_text(pilot, "fern")  # key by key: the list follows each change
        await pilot.pause(0.5)
        assert _refs(app) == [lights.ref]  # seen behind the dialog
        await pilot.press("escape")
        await pilot.pause()
        assert isinstance(app.screen, ActionsScreen)
        assert _refs(app) == [share.ref]
        assert not app.screen.filters.organisation


async def test_the_mouse_chooses_actions_and_opens_the_filters(app_factory, tmp_path, monkeypatch):
    monkeypatch.setenv("WARDPANEL_SETTINGS", str(tmp_path / "settings.json"))
    app = app_factory()
    _panel_with_actions()
    async with app.run_test(size=SIZE) as pilot:
        await pilot.pause()
        await pilot.press("ctrl+o")
        second = _refs(app)[1]
        await pilot.click("#action-list", offset=(3, 2))  # line 0 holds the headings
        await pilot.pause()
        assert _list(app).current.ref == second
        assert Action.get(Action.ref == second).text in screen_text(app)
        await pilot.click("#action-list", offset=(3, 2))  # again: the update dialog
        await pilot.pause()
        assert isinstance(app.screen, FormScreen)
        await pilot.press("escape")
        await pilot.pause()
        await pilot.click("#filter-summary")
        await pilot.pause()
        assert isinstance(app.screen, ActionFilterDialog)


async def test_a_narrow_terminal_keeps_the_columns_an_officer_needs(
    app_factory, tmp_path, monkeypatch
):
    monkeypatch.setenv("WARDPANEL_SETTINGS", str(tmp_path / "settings.json"))
    app = app_factory()
    overdue, _december = _panel_with_actions()
    async with app.run_test(size=(100, 30)) as pilot:
        await pilot.pause()
        await pilot.press("ctrl+o")
        await pilot.pause()
        headings = _list(app).render_line(0).text
        line = _list(app).render_line(1).text
    for heading in ("Ref", "Due", "Status", "Action", "Owner", "Organisation"):
        assert heading in headings
    assert "Panel" not in headings  # it gives way first; the pane below still says it
    assert overdue.ref in line and str(overdue.due) in line
    assert "Patrol the towpath" in line and "Tom Reid" in line and "Metropolitan" in line


async def test_the_list_as_filtered_is_written_to_word_with_exactly_its_actions(
    app_factory, tmp_path, monkeypatch
):
    """x writes every action the view's filters pick, and no other, to the follow-up
    list; the view's words and "overdue only" count as much as the filter dialog's."""
    import docx

    monkeypatch.setenv("WARDPANEL_SETTINGS", str(tmp_path / "settings.json"))
    app = app_factory()
    _panel_with_actions()
    target = tmp_path / "overdue.docx"
    async with app.run_test(size=SIZE) as pilot:
        await pilot.pause()
        await pilot.press("ctrl+o", "exclamation_mark")  # overdue only: two of three
        await pilot.pause()
        shown = _refs(app)
        assert len(shown) == 2
        await pilot.press("x")
        await pilot.pause()
        assert "2 actions" in screen_text(app) and "overdue only" in screen_text(app)
        await paste_text(pilot, str(target))
        await pilot.press("ctrl+s")
        for _ in range(50):  # written on a thread of its own
            await pilot.pause(0.1)
            if isinstance(app.screen, ActionsScreen):
                break
        assert isinstance(app.screen, ActionsScreen)
    cells = [
        cell.text
        for table in docx.Document(str(target)).tables
        for row in table.rows
        for cell in row.cells
    ]
    listed = {ref for ref in shown if any(text.startswith(ref) for text in cells)}
    assert listed == set(shown)
    assert not any("Share the stop and search figures" in text for text in cells)
