"""What a chair and a clerk do in the app to make minutes safe to publish: mark an item
internal as they type it, record whether the previous minutes were agreed, see the
minutes' trail, and choose how residents are printed in every document written."""

from __future__ import annotations

import docx
from textual.widgets import Select, TextArea

from tests.ui.conftest import SIZE, paste_text, screen_text
from wardpanel import services
from wardpanel.app.actions.to_word import ListToWordScreen
from wardpanel.app.common.form import FormScreen
from wardpanel.app.meeting.screen import MeetingScreen
from wardpanel.app.meeting.trail import MinutesRecordScreen
from wardpanel.app.reports.export import ReportExportScreen
from wardpanel.core.models import Action, Meeting, MeetingEvent, Note, Priority, Question
from wardpanel.exporting import export_minutes


def _meeting() -> Meeting:
    panel = services.create_panel("Hoe Street Ward Panel", "Hoe Street", "Waltham Forest")
    meeting = services.create_meeting(panel.id, "2026-09-17", venue="Hall", chair="Dev Anand")
    services.record_attendance(meeting.id, "Sgt Tom Reid", "Sergeant", "Metropolitan Police")
    services.record_attendance(meeting.id, "Sunita Kapoor")
    return meeting


def _text(path) -> str:
    document = docx.Document(str(path))
    parts = [paragraph.text for paragraph in document.paragraphs]
    parts += [cell.text for table in document.tables for row in table.rows for cell in row.cells]
    for section in document.sections:
        parts += [paragraph.text for paragraph in section.header.paragraphs]
    return "\n".join(parts)


async def _on_meeting_screen(pilot, meeting: Meeting) -> None:
    pilot.app.push_screen(MeetingScreen(meeting.id))
    await pilot.pause()


async def _quick(pilot, line: str) -> None:
    await pilot.press("colon")
    await paste_text(pilot, line)
    await pilot.press("enter")
    await pilot.pause()


async def _written(pilot, app, dialog: type) -> None:
    for _ in range(100):  # the document is written off the UI thread
        await pilot.pause(0.05)
        if not isinstance(app.screen, dialog):
            return
    raise AssertionError(f"still open: {screen_text(app)}")


async def test_a_line_typed_with_internal_is_kept_out_of_the_published_minutes(
    app_factory, tmp_path
) -> None:
    app = app_factory()
    meeting = _meeting()
    async with app.run_test(size=SIZE) as pilot:
        await _on_meeting_screen(pilot, meeting)
        await _quick(pilot, "q Sunita Kapoor [CCTV]: Who watches the camera feed? #internal")
        assert "internal" in screen_text(app)
        await pilot.press("escape")
        await _quick(pilot, "a Sgt Tom Reid: check the camera at the underpass #internal")
        await pilot.press("escape")
        await _quick(pilot, "n Police update: a warrant is planned for Friday #internal")
        await pilot.press("escape")
        await _quick(pilot, "n Police update: burglary is down by a third")
    question = Question.get()
    action = Action.get()
    notes = {note.text: note.internal for note in Note.select()}
    assert (question.text, question.internal) == ("Who watches the camera feed?", True)
    assert (action.text, action.internal) == ("check the camera at the underpass", True)
    assert notes == {"a warrant is planned for Friday": True, "burglary is down by a third": False}
    published = _text(export_minutes(meeting.id, tmp_path / "published.docx"))
    assert "burglary is down by a third" in published
    for kept_back in ("camera feed", "camera at the underpass", "warrant", "#internal"):
        assert kept_back not in published
    record = _text(export_minutes(meeting.id, tmp_path / "record.docx", record=True))
    assert "camera feed" in record and "warrant is planned" in record


async def test_internal_on_a_line_that_cannot_be_internal_is_refused_in_the_box(
    app_factory,
) -> None:
    app = app_factory()
    meeting = _meeting()
    async with app.run_test(size=SIZE) as pilot:
        await _on_meeting_screen(pilot, meeting)
        await _quick(pilot, "p: Phone thefts near the station #internal")
        assert "#internal marks a question, a response, an action or a note" in screen_text(app)
        assert app.screen.quick_line.value == "p: Phone thefts near the station #internal"
    assert Priority.select().count() == 0


async def test_the_previous_minutes_are_agreed_by_a_line_and_by_the_details_form(
    app_factory, tmp_path
) -> None:
    app = app_factory()
    meeting = _meeting()
    async with app.run_test(size=SIZE) as pilot:
        await _on_meeting_screen(pilot, meeting)
        await _quick(pilot, "minutes agreed: item 4 should read Tannery Estate")
        stored = Meeting.get_by_id(meeting.id)
        assert (stored.previous_agreed, stored.previous_amendments) == (
            True,
            "item 4 should read Tannery Estate",
        )
        title = str(app.screen.query_one("#meeting-title").render())
        assert "Previous minutes agreed, amended" in title
        await pilot.press("escape")

        # Corrected in the meeting's details: not agreed after all, with the reason.
        await pilot.press("m")
        form = app.screen
        assert isinstance(form, FormScreen)
        assert form.query_one("#field-previous_agreed", Select).value == "agreed"
        form.query_one("#field-previous_agreed", Select).value = "not_agreed"
        amendments = form.query_one("#field-previous_amendments", TextArea)
        amendments.text = ""
        amendments.focus()
        await paste_text(pilot, "The police update was left out.")
        await pilot.press("ctrl+s")
        await pilot.pause()
        assert isinstance(app.screen, MeetingScreen)
        assert "Previous minutes not agreed" in str(app.screen.query_one("#meeting-title").render())
    stored = Meeting.get_by_id(meeting.id)
    assert (stored.previous_agreed, stored.previous_amendments) == (
        False,
        "The police update was left out.",
    )
    minutes = _text(export_minutes(meeting.id, tmp_path / "minutes.docx"))
    assert "The minutes of the previous meeting were not agreed as a correct record" in minutes
    assert "The police update was left out." in minutes


async def test_the_previous_minutes_cannot_be_changed_once_approved(app_factory) -> None:
    app = app_factory()
    meeting = _meeting()
    services.approve_meeting(meeting.id)
    async with app.run_test(size=SIZE) as pilot:
        await _on_meeting_screen(pilot, meeting)
        await pilot.press("colon")  # refused: the line does not even open
        await pilot.pause()
        assert not app.screen.quick_line.has_class("open")
    assert Meeting.get_by_id(meeting.id).previous_agreed is None


async def test_t_lists_the_minutes_trail_with_who_when_and_why(app_factory) -> None:
    app = app_factory()
    meeting = _meeting()
    services.approve_meeting(meeting.id, by="Jo Bright")
    services.reopen_meeting(meeting.id, "Item 3 named the wrong street.", by="Sam Clerk")
    services.approve_meeting(meeting.id)
    approved_at = MeetingEvent.select().order_by(MeetingEvent.id).first().at
    async with app.run_test(size=SIZE) as pilot:
        await _on_meeting_screen(pilot, meeting)
        await pilot.press("T")
        await pilot.pause()
        assert isinstance(app.screen, MinutesRecordScreen)
        shown = screen_text(app)
        when = f"{approved_at.day} {approved_at:%b %Y} {approved_at:%H:%M}"
        assert f"Approved by Jo Bright, {when}" in shown
        assert "Reopened by Sam Clerk, " in shown and ": Item 3 named the wrong street." in shown
        assert "Approved by Dev Anand" in shown  # the chair, as approved last
        assert "Not recorded" in shown  # the previous minutes
        await pilot.press("escape")
        assert isinstance(app.screen, MeetingScreen)


async def test_reopening_from_the_app_says_who_reopened(app_factory) -> None:
    app = app_factory()
    meeting = _meeting()
    services.approve_meeting(meeting.id)
    async with app.run_test(size=SIZE) as pilot:
        await _on_meeting_screen(pilot, meeting)
        await pilot.press("R")
        await pilot.pause()
        form = app.screen
        assert isinstance(form, FormScreen)
        form.query_one(TextArea).focus()
        await paste_text(pilot, "A name was misspelt.")
        await pilot.press("tab")
        await paste_text(pilot, "Sam Clerk")
        await pilot.press("ctrl+s")
        await pilot.pause()
        assert isinstance(app.screen, MeetingScreen)
    reopened = services.trail_of(meeting.id)[-1]
    assert (reopened.kind, reopened.by, reopened.reason) == (
        "reopened",
        "Sam Clerk",
        "A name was misspelt.",
    )


def _residents_choice(app, value: str = "", record: bool = False) -> None:
    app.screen.query_one("#residents", Select).value = value
    app.screen.query_one("#record").value = record


async def test_the_reports_are_written_with_residents_as_chosen(app_factory, in_tmp_cwd) -> None:
    app = app_factory()
    meeting = _meeting()
    question = services.add_question(meeting.id, "When will the lights be fixed?", "Sunita Kapoor")
    services.add_action(meeting.id, "Fix the lights", organisation="Waltham Forest Council",
                        question_id=question.id)  # fmt: skip
    exports = in_tmp_cwd / "exports"
    async with app.run_test(size=SIZE) as pilot:
        await pilot.pause()
        await pilot.press("r")
        await pilot.pause()
        # The attendance record, residents withheld.
        await pilot.press("1", "x")
        assert isinstance(app.screen, ReportExportScreen)
        shown = screen_text(app)
        assert "Export to Word: Attendance record" in shown
        assert "Residents by their initials (the panel's choice)" in shown
        _residents_choice(app, "withheld")
        await pilot.press("ctrl+s")
        await _written(pilot, app, ReportExportScreen)
        (attendance,) = exports.glob("*attendance.docx")
        text = _text(attendance)
        assert "Sunita Kapoor" not in text and "SK" not in text
        assert "Tom Reid" in text  # officials are always named

        # "You said, we did": the panel's full record names the resident.
        await pilot.press("2", "x")
        _residents_choice(app, record=True)
        await pilot.press("ctrl+s")
        await _written(pilot, app, ReportExportScreen)
        (said_did,) = exports.glob("*said-did.docx")
        text = _text(said_did)
        assert "Sunita Kapoor" in text and "NOT FOR PUBLICATION" in text

        # And by default, the panel's choice: initials.
        await pilot.press("2", "x")
        await pilot.press("ctrl+s")
        await _written(pilot, app, ReportExportScreen)
        latest = max(exports.glob("*said-did*.docx"), key=lambda p: p.stat().st_mtime_ns)
        text = _text(latest)
        assert "Sunita Kapoor" not in text and "SK" in text


async def test_the_actions_list_is_written_with_residents_as_chosen(
    app_factory, tmp_path, monkeypatch
) -> None:
    monkeypatch.setenv("WARDPANEL_SETTINGS", str(tmp_path / "settings.json"))
    app = app_factory()
    meeting = _meeting()
    services.add_action(meeting.id, "Bring the leaflets", "Sunita Kapoor", None, "2026-10-01")
    async with app.run_test(size=SIZE) as pilot:
        await pilot.pause()
        for choice, record, name in (
            ("named", False, "named.docx"),
            ("", False, "initials.docx"),
            ("withheld", True, "record.docx"),
        ):
            await pilot.press("ctrl+o")
            await pilot.pause()
            await pilot.press("x")
            await pilot.pause()
            assert isinstance(app.screen, ListToWordScreen)
            assert "Residents by their initials (the default)" in screen_text(app)
            _residents_choice(app, choice, record)
            app.screen.query_one("#destination").focus()
            await paste_text(pilot, str(tmp_path / name))
            await pilot.press("ctrl+s")
            await _written(pilot, app, ListToWordScreen)
            await pilot.press("escape")
    assert "Sunita Kapoor" in _text(tmp_path / "named.docx")
    initials = _text(tmp_path / "initials.docx")
    assert "Sunita Kapoor" not in initials and "SK" in initials
    record = _text(tmp_path / "record.docx")
    assert "Sunita Kapoor" in record and "NOT FOR PUBLICATION" in record


async def test_the_previous_minutes_give_way_above_the_tabs_in_a_narrow_window(
    app_factory,
) -> None:
    """Narrower than 100 columns the title would take a row from the tabs for the whole
    meeting: the previous minutes leave it (T still shows them), even when the window
    narrowed while a dialog was open."""
    app = app_factory()
    panel = services.create_panel("Marsh Lane Ward Panel")
    meeting = services.create_meeting(
        panel.id, "2026-09-17", start="19:00", venue="Marsh Lane Community Centre, Hall 2",
        chair="Margaret Osei",
    )  # fmt: skip
    services.record_previous_minutes(meeting.id, True, "Item 4: Tannery Estate.")
    async with app.run_test(size=(120, 36)) as pilot:
        await _on_meeting_screen(pilot, meeting)
        title = app.screen.query_one("#meeting-title")
        assert "Previous minutes agreed, amended" in str(title.render())
        await pilot.press("T")
        await pilot.pause()
        await pilot.resize_terminal(80, 24)
        await pilot.pause()
        await pilot.press("escape")
        await pilot.pause()
        title = app.screen.query_one("#meeting-title")
        assert "Previous minutes" not in str(title.render())
        assert title.size.height == 2  # the text's two rows, no empty third one
        await pilot.resize_terminal(120, 36)
        await pilot.pause()
        assert "Previous minutes agreed, amended" in str(title.render())


async def test_p_records_the_previous_minutes_on_their_own(app_factory) -> None:
    app = app_factory()
    meeting = _meeting()
    async with app.run_test(size=SIZE) as pilot:
        await _on_meeting_screen(pilot, meeting)
        await pilot.press("P")
        await pilot.pause()
        form = app.screen
        assert isinstance(form, FormScreen)
        assert form.query_one("#field-previous_agreed", Select).value == ""
        # Amendments without saying whether they were agreed: refused, nothing lost.
        form.query_one("#field-previous_amendments", TextArea).focus()
        await paste_text(pilot, "Item 2: PC Hill, not PC Hall.")
        await pilot.press("ctrl+s")
        await pilot.pause()
        assert isinstance(app.screen, FormScreen)
        assert "say whether the previous minutes were agreed" in screen_text(app)
        form.query_one("#field-previous_agreed", Select).value = "agreed"
        await pilot.press("ctrl+s")
        await pilot.pause()
        assert isinstance(app.screen, MeetingScreen)
        title = str(app.screen.query_one("#meeting-title").render())
        assert "Previous minutes agreed, amended" in title
    stored = Meeting.get_by_id(meeting.id)
    assert (stored.previous_agreed, stored.previous_amendments) == (
        True,
        "Item 2: PC Hill, not PC Hall.",
    )
