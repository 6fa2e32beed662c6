"""Whole screens as a chair sees them, at 80x24 (a small laptop, SSH) and 120x36.

Each test draws a screen of the sample meeting and compares it with the picture kept
under tests/ui/__snapshots__/ (pytest-textual-snapshot), so a change of layout (a form
that no longer fits, a column cut to "op") fails the build until a person has looked at
it and accepted it (`pytest tests/ui/test_snapshots.py --snapshot-update`). The day is
fixed and the sample's dates are fixed, so the pictures do not change with the calendar.

SQLite only: what is drawn does not depend on the engine.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable, Iterator
from pathlib import Path

import pytest
from textual.pilot import Pilot

from tests.sample_cache import fresh_app_sample
from wardpanel.app.application import WardpanelApp
from wardpanel.app.launch import make_app
from wardpanel.app.meeting.screen import MeetingScreen
from wardpanel.core.storage.database import db

SIZES = {"80x24": (80, 24), "120x36": (120, 36)}
TODAY = dt.date(2026, 12, 2)

# A form of the meeting screen: the tab it is opened from and its key.
FORMS = {
    "add-person": ("1", "a"),
    "new-question": ("2", "a"),
    "response": ("2", "r"),
    "new-action": ("3", "a"),
    "action-update": ("3", "u"),
    "new-note": ("4", "a"),
    "new-priority": ("5", "a"),
    "meeting-details": ("1", "m"),
}


@pytest.fixture
def sample_app(db_path: Path) -> Iterator[Callable[[], tuple[WardpanelApp, int]]]:
    """The app on the sample meetings, its day fixed and its database named plainly."""

    def build() -> tuple[WardpanelApp, int]:
        app = make_app(str(db_path))
        meeting_id = fresh_app_sample()
        app.fixed_today = TODAY
        app.database_label = "wardpanel.db"
        return app, meeting_id

    yield build
    if db.obj is not None:
        db.close()
    db.initialize(None)


async def _settled(pilot: Pilot) -> None:
    """Let the screen finish drawing, however busy the machine, with the text cursor
    steady: a blinking one is drawn or not depending on the moment of the picture."""
    await pilot.pause(0.2)
    for _ in range(5):
        await pilot.wait_for_scheduled_animations()
        await pilot.pause()
    for widget in pilot.app.screen.query("Input, TextArea"):
        # Textual's own way to stop a blink with the cursor shown (no public one draws a
        # long text's cursor steadily).
        widget._pause_blink(visible=widget.has_focus)
        widget.refresh()
    await pilot.pause()


def _meeting_then(meeting_id: int, *keys: str) -> Callable[[Pilot], object]:
    async def run_before(pilot: Pilot) -> None:
        await pilot.pause()
        pilot.app.push_screen(MeetingScreen(meeting_id))
        await pilot.pause()
        if keys:
            await pilot.press(*keys)
        await _settled(pilot)

    return run_before


@pytest.mark.parametrize("size", SIZES)
def test_meeting_screen(snap_compare, sample_app, size: str) -> None:
    app, meeting_id = sample_app()
    assert snap_compare(app, terminal_size=SIZES[size], run_before=_meeting_then(meeting_id))


@pytest.mark.parametrize("size", SIZES)
def test_meeting_actions_tab(snap_compare, sample_app, size: str) -> None:
    app, meeting_id = sample_app()
    run_before = _meeting_then(meeting_id, "3")
    assert snap_compare(app, terminal_size=SIZES[size], run_before=run_before)


@pytest.mark.parametrize("size", SIZES)
def test_matters_arising_tab(snap_compare, sample_app, size: str) -> None:
    app, meeting_id = sample_app()
    run_before = _meeting_then(meeting_id, "6")
    assert snap_compare(app, terminal_size=SIZES[size], run_before=run_before)


@pytest.mark.parametrize("size", SIZES)
@pytest.mark.parametrize("form", FORMS)
def test_form(snap_compare, sample_app, form: str, size: str) -> None:
    app, meeting_id = sample_app()
    run_before = _meeting_then(meeting_id, *FORMS[form])
    assert snap_compare(app, terminal_size=SIZES[size], run_before=run_before)


@pytest.mark.parametrize("size", SIZES)
def test_new_meeting_form(snap_compare, sample_app, size: str) -> None:
    app, _ = sample_app()

    async def run_before(pilot: Pilot) -> None:
        await pilot.pause()
        await pilot.press("n")
        await _settled(pilot)

    assert snap_compare(app, terminal_size=SIZES[size], run_before=run_before)


@pytest.mark.parametrize("size", SIZES)
def test_quick_entry_with_a_long_line(snap_compare, sample_app, size: str) -> None:
    app, meeting_id = sample_app()

    async def run_before(pilot: Pilot) -> None:
        await _meeting_then(meeting_id, "colon")(pilot)
        box = pilot.app.screen.query_one("#quick-entry")
        box.value = (
            "a Ruth Adeyemi (Metropolitan Police): report back on the patrol plan for the "
            "station and the stairwell, with figures for each week, due 1/10"
        )
        await _settled(pilot)

    assert snap_compare(app, terminal_size=SIZES[size], run_before=run_before)


@pytest.mark.parametrize("size", SIZES)
def test_actions_view(snap_compare, sample_app, size: str) -> None:
    app, _ = sample_app()

    async def run_before(pilot: Pilot) -> None:
        await pilot.pause()
        await pilot.press("ctrl+o")
        await _settled(pilot)

    assert snap_compare(app, terminal_size=SIZES[size], run_before=run_before)
