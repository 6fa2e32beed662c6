"""A meeting imported from a version 2 file, as the chair then sees its attendance."""

from __future__ import annotations

from tests.ui.conftest import SIZE, screen_text
from tests.unit.test_interchange import FIXTURES
from wardpanel.app.meeting.screen import MeetingScreen
from wardpanel.interchange import import_files


async def test_a_post_nobody_filled_and_a_substitute_are_shown_as_the_file_says(app_factory):
    app = app_factory()
    [meeting_id] = import_files([FIXTURES / "v2_stop_and_search.json"])
    async with app.run_test(size=SIZE) as pilot:
        await pilot.pause()
        app.push_screen(MeetingScreen(meeting_id))
        await pilot.pause()

        shown = screen_text(app)
        assert "Absent: Borough Commander — No officer sent and no apology received" in shown
        assert "Borough Commander | post not filled | Metropolitan Police" in shown

        await pilot.press("down")  # the inspector who stood in
        await pilot.pause()
        detail = screen_text(app)
        assert "Kieran Walsh, Inspector" in detail
        assert "Standing in for Helen Marsh" in detail

        await pilot.press("down", "down", "down")  # the post itself
        await pilot.pause()
        detail = screen_text(app)
        assert "Borough Commander (post not filled)" in detail
        assert "Kind of absence: other reason" in detail

        await pilot.press("down")  # the MP, who came late
        await pilot.pause()
        assert "Arrived 19:05" in screen_text(app)
