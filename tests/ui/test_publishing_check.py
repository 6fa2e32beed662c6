"""The check before publishing in the app: the export dialog says what it found, ctrl+k
lists it, and Enter on a finding opens the item it is about."""

from __future__ import annotations

from textual.widgets import OptionList, TextArea

from tests.ui.conftest import SIZE
from wardpanel import services
from wardpanel.app.common.form import FormScreen
from wardpanel.app.meeting.export import ExportScreen
from wardpanel.app.meeting.findings import FindingsScreen
from wardpanel.app.meeting.screen import MeetingScreen


async def test_the_export_dialog_lists_findings_and_opens_the_item(app_factory) -> None:
    app = app_factory()
    panel = services.create_panel("Marsh Lane Ward Panel")
    meeting = services.create_meeting(panel.id, "2026-09-17", chair="Dev Anand")
    services.record_attendance(meeting.id, "Sunita Kapoor")
    services.add_note(meeting.id, "Any other business", "Sunita Kapoor offered to help.")
    services.keep_unfiled(meeting.id, "zz what did the sergeant say")
    async with app.run_test(size=SIZE) as pilot:
        app.push_screen(MeetingScreen(meeting.id))
        await pilot.pause()
        await pilot.press("w")
        await pilot.pause()
        assert isinstance(app.screen, ExportScreen)
        summary = str(app.screen.query_one("#check-summary").render())
        assert "Check: 2 things to look at" in summary
        await pilot.press("ctrl+k")
        await pilot.pause()
        assert isinstance(app.screen, FindingsScreen)
        listed = app.screen.query_one(OptionList)
        shown = [str(listed.get_option_at_index(i).prompt) for i in range(listed.option_count)]
        assert shown == [
            "Unfiled quick-entry line",
            "  zz what did the sergeant say",
            "Resident's name in text",
            "  Note 'Any other business': 'Sunita Kapoor' is printed as 'SK'",
        ]
        await pilot.press("down", "enter")  # the second finding: the note naming her
        await pilot.pause()
        form = app.screen
        assert isinstance(form, FormScreen)
        assert form.query_one(TextArea).text == "Sunita Kapoor offered to help."
