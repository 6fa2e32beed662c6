"""The clerk's export from the app: the dialog, the document, and what it says."""

from __future__ import annotations

import zipfile

from textual.widgets import Input

from tests.ui.conftest import SIZE, paste_text
from wardpanel import services
from wardpanel.app.common.form import FormScreen
from wardpanel.app.meeting.export import ExportScreen
from wardpanel.app.meeting.screen import MeetingScreen


def _header_text(path) -> str:
    with zipfile.ZipFile(path) as docx:
        return " ".join(
            docx.read(name).decode("utf-8")
            for name in docx.namelist()
            if name.startswith("word/header")
        )


async def _export_minutes(pilot, app, destination: str = "") -> None:
    await pilot.press("w")
    assert isinstance(app.screen, ExportScreen)
    if destination:
        app.screen.query_one("#destination", Input).focus()
        await paste_text(pilot, destination)
    await pilot.press("ctrl+s")
    for _ in range(100):  # the document is written off the UI thread
        await pilot.pause(0.05)
        if not isinstance(app.screen, ExportScreen):
            break


async def test_minutes_from_the_app_say_draft_until_approved(app_factory, in_tmp_cwd):
    app = app_factory()
    panel = services.create_panel("Marsh Lane Ward Panel")
    meeting = services.create_meeting(panel.id, "2026-09-17", venue="Community centre")
    question = services.add_question(meeting.id, "Lights?", "Jo Bright", anonymous=True)
    services.add_response(question.id, "On order.", "Fernbridge Council")
    async with app.run_test(size=SIZE) as pilot:
        await pilot.pause()
        await pilot.press("enter")
        assert isinstance(app.screen, MeetingScreen)
        await _export_minutes(pilot, app)
        first = in_tmp_cwd / "exports" / "2026-09-17-marsh-lane-ward-panel-minutes.docx"
        assert first.exists()
        assert "Draft: not yet approved" in _header_text(first)
        with zipfile.ZipFile(first) as docx:
            everything = b"".join(docx.read(n) for n in docx.namelist())
        assert b"Jo Bright" not in everything
        assert b"A resident" in everything

        # Approve the minutes in the meeting details, then export again.
        await pilot.press("m")
        assert isinstance(app.screen, FormScreen)
        app.screen.query_one("#field-status").value = "approved"
        await pilot.press("ctrl+s")
        await pilot.pause()
        assert app.screen.meeting.status == "approved"
        await _export_minutes(pilot, app)
        second = in_tmp_cwd / "exports" / "2026-09-17-marsh-lane-ward-panel-minutes-2.docx"
        assert second.exists(), "an existing document is never overwritten"
        assert "Draft: not yet approved" not in _header_text(second)
        assert "Draft: not yet approved" in _header_text(first)


async def test_a_destination_that_cannot_be_written_is_shown_plainly(app_factory, in_tmp_cwd):
    app = app_factory()
    panel = services.create_panel("Marsh Lane Ward Panel")
    services.create_meeting(panel.id, "2026-09-17")
    blocker = in_tmp_cwd / "not-a-folder"
    blocker.write_text("a file where a folder should be")
    async with app.run_test(size=SIZE) as pilot:
        await pilot.pause()
        await pilot.press("enter")
        await pilot.press("w")
        app.screen.query_one("#destination", Input).focus()
        await paste_text(pilot, str(blocker / "minutes.docx"))
        await pilot.press("ctrl+s")
        for _ in range(100):
            await pilot.pause(0.05)
            if "Not written" in str(app.screen.query_one("#export-result").render()):
                break
        assert isinstance(app.screen, ExportScreen)  # still open, to fix the path
        shown = str(app.screen.query_one("#export-result").render())
        assert "Not written" in shown and "not-a-folder" in shown
        assert blocker.read_text() == "a file where a folder should be"


async def test_the_meeting_pack_and_its_pdf_from_the_dialog(app_factory, in_tmp_cwd, monkeypatch):
    # No LibreOffice here: the pack is written all the same and the clerk is told why.
    monkeypatch.setenv("WARDPANEL_SOFFICE", str(in_tmp_cwd / "no-soffice"))
    app = app_factory()
    panel = services.create_panel("Marsh Lane Ward Panel")
    meeting = services.create_meeting(panel.id, "2026-05-06", venue="Library")
    services.add_action(meeting.id, "Walk the towpath with the council.", due="2026-06-01")
    async with app.run_test(size=SIZE) as pilot:
        await pilot.press("enter")
        assert isinstance(app.screen, MeetingScreen)
        await pilot.press("w")
        assert isinstance(app.screen, ExportScreen)
        app.screen.query_one("#pack").value = True
        app.screen.query_one("#pdf").value = True
        await pilot.pause()
        await pilot.press("ctrl+s")
        for _ in range(100):  # the document is written off the UI thread
            await pilot.pause(0.05)
            if not isinstance(app.screen, ExportScreen):
                break
        assert not isinstance(app.screen, ExportScreen)
        messages = [n.message for n in app._notifications]
    (written,) = (in_tmp_cwd / "exports").glob("*-pack.docx")
    assert written.name == "2026-05-06-marsh-lane-ward-panel-pack.docx"
    with zipfile.ZipFile(written) as docx:
        assert b"Walk the towpath with the council." in docx.read("word/document.xml")
    assert not list((in_tmp_cwd / "exports").glob("*.pdf"))
    assert any("LibreOffice is not installed" in m for m in messages)
