"""A chair keeps taking questions while the borough's PostgreSQL server restarts, and a
save while it is down keeps the form open with the text and says it was not saved.

The server here is the tests' own restartable one (tests/server_faults.py).
"""

from __future__ import annotations

from collections.abc import Iterator

import pytest
from textual.widgets import Static, TextArea

from tests.pgserver import Server
from tests.server_faults import CommitFault, restartable_server
from tests.ui.conftest import SIZE, paste_text, screen_text
from wardpanel import services
from wardpanel.app.common.form import FormScreen
from wardpanel.app.launch import make_app
from wardpanel.app.meeting.screen import MeetingScreen
from wardpanel.core.models import Question
from wardpanel.core.storage import postgres
from wardpanel.core.storage.database import db


@pytest.fixture
def server(monkeypatch: pytest.MonkeyPatch) -> Iterator[Server]:
    monkeypatch.setattr(postgres, "RECONNECT_PATIENCE", 1.0)
    server = restartable_server()
    yield server
    if not server.is_running():
        server.start()
    if db.obj is not None:
        db.close()
    db.initialize(None)


def _a_meeting_on(server: Server):
    app = make_app(server.new_database())
    panel = services.create_panel("Marsh Lane Ward Panel", "Marsh Lane", "Waltham Forest")
    services.create_meeting(panel.id, "2026-09-17", chair="Ada Okafor")
    return app


async def _ask(pilot, asker: str, topic: str, text: str) -> None:
    """Open the question form and type a question (asker, anonymous box, topic, text)."""
    await pilot.press("a")
    assert isinstance(pilot.app.screen, FormScreen)
    await paste_text(pilot, asker)
    await pilot.press("tab", "tab")
    await paste_text(pilot, topic)
    await pilot.press("tab")
    await paste_text(pilot, text)


async def test_questions_before_and_after_a_server_restart_are_both_kept(server):
    app = _a_meeting_on(server)
    async with app.run_test(size=SIZE) as pilot:
        await pilot.pause()
        await pilot.press("enter", "2")
        assert isinstance(app.screen, MeetingScreen)
        await _ask(pilot, "Jo Bright", "Phone thefts", "Who patrols the station at night?")
        await pilot.press("ctrl+s")
        await pilot.pause()
        assert isinstance(app.screen, MeetingScreen)

        server.restart()  # the server's administrator restarts it mid-meeting

        await _ask(pilot, "Sam Idowu", "Fly-tipping", "When is Mill Lane cleared?")
        await pilot.press("ctrl+s")
        await pilot.pause()
        assert isinstance(app.screen, MeetingScreen)
        shown = screen_text(app)
        assert "Phone thefts" in shown
        assert "Fly-tipping" in shown
    texts = [question.text for question in Question.select().order_by(Question.id)]
    assert texts == ["Who patrols the station at night?", "When is Mill Lane cleared?"]


async def test_a_save_while_the_server_is_down_keeps_the_form_and_the_text(server):
    app = _a_meeting_on(server)
    async with app.run_test(size=SIZE) as pilot:
        await pilot.pause()
        await pilot.press("enter", "2")
        await _ask(pilot, "Jo Bright", "Lighting", "Why is the underpass still dark?")

        server.stop()

        await pilot.press("ctrl+s")
        await pilot.pause()
        form = app.screen
        assert isinstance(form, FormScreen)
        assert form.query_one("#field-text", TextArea).text == "Why is the underpass still dark?"
        message = str(form.query_one("#form-error", Static).render())
        assert message.startswith("Not saved.")
        assert "server cannot be reached" in message
        assert "Traceback" not in message

        server.start()

        await pilot.press("ctrl+s")  # the chair tries again once it is back
        await pilot.pause()
        assert isinstance(app.screen, MeetingScreen)
        assert "Lighting" in screen_text(app)
    assert [q.text for q in Question.select()] == ["Why is the underpass still dark?"]


async def test_a_save_whose_outcome_is_unknown_says_so_instead_of_not_saved(server, monkeypatch):
    app = _a_meeting_on(server)
    async with app.run_test(size=SIZE) as pilot:
        await pilot.pause()
        await pilot.press("enter", "2")
        await _ask(pilot, "Jo Bright", "Parking", "Who enforces the school keep-clear lines?")
        form = app.screen
        assert form.keep_draft()  # what is typed is kept now, before the fault below
        # COMMIT reaches the server, then the connection and the server go away.
        fault = CommitFault(db.obj, server, when="after", then=server.stop)
        monkeypatch.setattr(db.obj, "commit", fault)

        await pilot.press("ctrl+s")
        await pilot.pause()
        assert app.screen is form
        message = str(form.query_one("#form-error", Static).render())
        assert "may or may not have been saved" in message
        assert not message.startswith("Not saved")
        assert form.query_one("#field-text", TextArea).text.startswith("Who enforces")
    server.start()
    assert [q.text for q in Question.select()] == ["Who enforces the school keep-clear lines?"]


async def test_opening_a_form_while_the_server_is_down_keeps_the_app_and_the_form(server):
    """The README promises "Not saved" with the form kept open, never a closed app."""
    app = _a_meeting_on(server)
    async with app.run_test(size=SIZE) as pilot:
        await pilot.pause()
        await pilot.press("enter", "2")
        assert isinstance(app.screen, MeetingScreen)

        server.stop()

        await _ask(pilot, "Jo Bright", "Lighting", "Why is the underpass still dark?")
        await pilot.pause()
        assert app.return_code is None and app.is_running
        form = app.screen
        assert isinstance(form, FormScreen)
        assert form.query_one("#field-text", TextArea).text == "Why is the underpass still dark?"
        await pilot.press("ctrl+s")
        await pilot.pause()
        assert app.screen is form
        message = str(form.query_one("#form-error", Static).render())
        assert message.startswith("Not saved.") and "server cannot be reached" in message
        assert "Something went wrong" not in screen_text(app)

        server.start()
        await pilot.press("ctrl+s")
        await pilot.pause()
        assert isinstance(app.screen, MeetingScreen)
    assert [q.text for q in Question.select()] == ["Why is the underpass still dark?"]
