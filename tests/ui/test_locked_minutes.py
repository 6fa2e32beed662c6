"""Approved minutes in the app: approving (A) records who and when and locks them;
every key that would change them is refused with a message and changes nothing;
reopening (R) needs a reason and is recorded; a leftover draft never changes a status."""

from __future__ import annotations

import datetime as dt

import pytest
from textual.widgets import TextArea

from tests.ui.conftest import SIZE, paste_text
from wardpanel import services
from wardpanel.app.common.confirm import ConfirmScreen
from wardpanel.app.common.form import FormScreen
from wardpanel.app.meeting.screen import MeetingScreen
from wardpanel.core.models import (
    Action,
    Attendance,
    Draft,
    Meeting,
    MeetingEvent,
    Note,
    Priority,
    Question,
    Response,
)


def _meeting() -> Meeting:
    panel = services.create_panel("Hoe Street Ward Panel", "Hoe Street", "Waltham Forest")
    meeting = services.create_meeting(panel.id, "2026-09-17", venue="Hall", chair="Dev Anand")
    question = services.add_question(meeting.id, "When will the lights be fixed?", "Jo Bright")
    services.add_response(question.id, "Next month.", "Waltham Forest Council")
    services.add_action(meeting.id, "Report back on the lights", "Tom Reid", None, "2026-10-01")
    services.record_attendance(meeting.id, "Ada Okafor")
    services.add_note(meeting.id, "Police update", "Burglary is down.")
    services.add_priority(meeting.id, "Lighting on the high street")
    return meeting


def _everything() -> tuple:
    return tuple(
        [row.__data__ for row in model.select().order_by(model.id)]
        for model in (Meeting, Attendance, Question, Response, Action, Note, Priority)
    )


async def test_approving_from_the_app_records_the_chair_and_today(app_factory) -> None:
    app = app_factory()
    meeting = _meeting()
    async with app.run_test(size=SIZE) as pilot:
        app.push_screen(MeetingScreen(meeting.id))
        await pilot.pause()
        await pilot.press("A")
        await pilot.pause()
        assert isinstance(app.screen, ConfirmScreen)
        await pilot.press("y")
        await pilot.pause()
        stored = Meeting.get_by_id(meeting.id)
        assert (stored.status, stored.approved_by, stored.approved_on) == (
            "approved",
            "Dev Anand",
            dt.date.today(),
        )
        assert "APPROVED · LOCKED" in str(app.screen.query_one("#meeting-title").render())
        assert [e.kind for e in MeetingEvent.select()] == ["approved"]


# Every key of every section that would change the minutes, and the screen's own.
CHANGING_KEYS = [
    ("1", "a"), ("1", "e"), ("1", "d"), ("1", "p"), ("1", "s"), ("1", "x"),
    ("2", "a"), ("2", "r"), ("2", "t"), ("2", "e"), ("2", "d"),
    ("3", "a"), ("3", "e"), ("3", "d"),
    ("4", "a"), ("4", "e"), ("4", "d"),
    ("5", "a"), ("5", "v"), ("5", "e"), ("5", "d"),
    ("1", "m"), ("1", "colon"), ("1", "P"),
]  # fmt: skip


@pytest.mark.postgresql_too
async def test_every_changing_key_is_refused_on_approved_minutes(app_factory) -> None:
    """Each key pressed in turn, in one sitting: each is refused with the message,
    leaves the chair on the meeting screen, and nothing is changed by any of them."""
    app = app_factory()
    meeting = _meeting()
    services.approve_meeting(meeting.id)
    before = _everything()
    async with app.run_test(size=SIZE) as pilot:
        app.push_screen(MeetingScreen(meeting.id))
        await pilot.pause()
        for tab, key in CHANGING_KEYS:
            app.clear_notifications()
            await pilot.press(tab, key)
            await pilot.pause()
            assert isinstance(app.screen, MeetingScreen), f"{tab} {key} opened {app.screen}"
            said = [n.message for n in app._notifications]
            assert any("approved and locked" in message for message in said), (tab, key, said)
    assert _everything() == before


async def test_reopening_asks_why_and_keeps_it(app_factory) -> None:
    app = app_factory()
    meeting = _meeting()
    services.approve_meeting(meeting.id)
    # A draft of the meeting details left from before: it never brings back a status.
    services.save_draft(
        f"meeting{meeting.id}:details", {"venue": "Library", "status": "draft"}, "Details",
        meeting.id,
    )  # fmt: skip
    async with app.run_test(size=SIZE) as pilot:
        app.push_screen(MeetingScreen(meeting.id))
        await pilot.pause()
        assert Meeting.get_by_id(meeting.id).status == "approved"
        await pilot.press("R")
        await pilot.pause()
        form = app.screen
        assert isinstance(form, FormScreen)
        await pilot.press("ctrl+s")  # no reason: refused, the minutes stay approved
        await pilot.pause()
        assert isinstance(app.screen, FormScreen)
        assert Meeting.get_by_id(meeting.id).status == "approved"
        form.query_one(TextArea).focus()
        await paste_text(pilot, "Ada Okafor's name was misspelt.")
        await pilot.press("ctrl+s")
        await pilot.pause()
        assert isinstance(app.screen, MeetingScreen)
    stored = Meeting.get_by_id(meeting.id)
    assert (stored.status, stored.approved_by) == ("draft", "")
    assert [(e.kind, e.reason) for e in services.trail_of(meeting.id)] == [
        ("approved", ""),
        ("reopened", "Ada Okafor's name was misspelt."),
    ]
    assert Draft.select().count() == 1  # the details draft is still there, unused


async def test_i_marks_a_note_internal_and_published_minutes_leave_it_out(
    app_factory, tmp_path
) -> None:
    from tests.render_check import all_parts_text
    from wardpanel.exporting import export_minutes

    app = app_factory()
    meeting = _meeting()
    async with app.run_test(size=SIZE) as pilot:
        app.push_screen(MeetingScreen(meeting.id))
        await pilot.pause()
        await pilot.press("4", "i")
        await pilot.pause()
    assert Note.get(Note.meeting == meeting.id).internal
    published = all_parts_text(export_minutes(meeting.id, tmp_path / "published.docx"))
    assert "Burglary is down." not in published
    record = all_parts_text(export_minutes(meeting.id, tmp_path / "record.docx", record=True))
    assert "Burglary is down." in record and "Police update (internal)" in record
