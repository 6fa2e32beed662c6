"""A panel's attendance record and "You said, we did", on screen and in Word."""

from __future__ import annotations

from textual.widgets import DataTable, Input

from tests.ui.conftest import SIZE, paste_text, screen_text
from wardpanel import services
from wardpanel.app.reports.export import ReportExportScreen
from wardpanel.app.reports.screen import ReportsScreen


def _two_meetings():
    panel = services.create_panel("Marsh Lane Ward Panel")
    for day, status, reason in (
        ("2026-06-11", "absent", "At a police briefing"),
        ("2026-09-17", "absent", "Called to an incident"),
    ):
        meeting = services.create_meeting(panel.id, day)
        services.record_attendance(meeting.id, "Tom Reid", "Sergeant", "Metropolitan Police")
        services.record_attendance(
            meeting.id, "Graham Lowe", "Inspector", "Metropolitan Police", status, reason
        )
    question = services.add_question(meeting.id, "When will the lights be fixed?", "Jo B", True)
    services.add_response(question.id, "They are on order.", "Fernbridge Council")
    action = services.add_action(
        meeting.id, "Fix the lights", organisation="Fernbridge Council", question_id=question.id
    )
    services.add_action_update(action.id, "Two of three lamps lit", "in_progress")
    return panel


async def test_the_record_shows_a_pattern_of_absence_with_reasons(app_factory, in_tmp_cwd):
    app = app_factory()
    _two_meetings()
    async with app.run_test(size=SIZE) as pilot:
        await pilot.pause()
        await pilot.press("r")
        assert isinstance(app.screen, ReportsScreen)
        table = app.screen.query_one("#attendance-table", DataTable)
        rows = [[c.plain for c in table.get_row(key)] for key in table.rows]
        lowe = next(row for row in rows if row[0].strip() == "Graham Lowe")
        assert lowe[2:6] == ["2", "0", "0", "2"]
        assert "At a police briefing" in lowe[7] and "Called to an incident" in lowe[7]

        await pilot.press("2")
        shown = screen_text(app)
        assert "You said" in shown and "Two of three lamps lit" in shown
        assert "Jo B" not in shown  # asked anonymously

        # Only the September meeting: one absence.
        await pilot.press("p")
        await paste_text(pilot, "2026-09-01")
        await pilot.press("enter")
        await pilot.pause()
        table = app.screen.query_one("#attendance-table", DataTable)
        rows = [[c.plain for c in table.get_row(key)] for key in table.rows]
        lowe = next(row for row in rows if row[0].strip() == "Graham Lowe")
        assert lowe[2:6] == ["1", "0", "0", "1"]

        await pilot.press("1", "x")
        assert isinstance(app.screen, ReportExportScreen)
        await pilot.press("ctrl+s")
        for _ in range(100):
            await pilot.pause(0.05)
            if list((in_tmp_cwd / "exports").glob("*attendance.docx")):
                break
        assert len(list((in_tmp_cwd / "exports").glob("*attendance.docx"))) == 1


async def test_a_period_that_cannot_be_read_is_explained(app_factory):
    app = app_factory()
    _two_meetings()
    async with app.run_test(size=SIZE) as pilot:
        await pilot.pause()
        await pilot.press("r", "p")
        await paste_text(pilot, "2026-02-30")
        await pilot.press("enter")
        await pilot.pause()
        assert "not a real date" in screen_text(app)
        assert app.screen.query_one("#from", Input).value == "2026-02-30"
