"""Priorities set at one meeting and reviewed at the next, from the meeting screen."""

from __future__ import annotations

from textual.widgets import DataTable, Select

from tests.ui.conftest import SIZE, paste_text, screen_text
from wardpanel import services
from wardpanel.app.common.form import FormScreen
from wardpanel.app.meeting.screen import MeetingScreen
from wardpanel.core.models import Priority, PriorityReview


async def test_a_priority_is_replaced_at_the_next_meeting(app_factory):
    app = app_factory()
    panel = services.create_panel("Marsh Lane Ward Panel")
    june = services.create_meeting(panel.id, "2026-06-11")
    old = services.add_priority(june.id, "Phone snatching near the station", set_by="police")
    september = services.create_meeting(panel.id, "2026-09-17")
    async with app.run_test(size=SIZE) as pilot:
        await pilot.pause()
        app.push_screen(MeetingScreen(september.id))
        await pilot.pause()
        await pilot.press("5")
        assert "1 to review" in screen_text(app)
        await pilot.press("v")
        assert isinstance(app.screen, FormScreen)
        outcome = app.screen.query_one("#field-outcome", Select)
        outcome.focus()
        await pilot.press("enter", "down", "enter")  # Keep -> Replace
        assert outcome.value == "replace"
        await pilot.press("tab")
        await paste_text(pilot, "Snatches fell by a third; the high street is the new hot spot.")
        await pilot.press("tab")
        await paste_text(pilot, "Phone snatching on the high street")
        await pilot.press("ctrl+s")
        await pilot.pause()
        assert isinstance(app.screen, MeetingScreen)

        review = PriorityReview.get()
        assert (review.priority_id, review.meeting_id, review.outcome) == (
            old.id,
            september.id,
            "replace",
        )
        assert Priority.get_by_id(old.id).status == "dropped"
        new = Priority.get(Priority.text == "Phone snatching on the high street")
        assert new.meeting_id == september.id
        table = app.screen.query_one("#section-priorities DataTable", DataTable)
        assert table.get_row(str(old.id))[4].plain == "replace"
        assert str(new.id) in {key.value for key in table.rows}
