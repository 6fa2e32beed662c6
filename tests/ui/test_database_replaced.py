"""The database file is deleted, or a backup put in its place, while the chair types.

A sync tool or a hurried restore can do either under a running app. SQLite would go on
writing to the file it opened, now nameless or elsewhere, and the next start would have
lost every save the app had announced. The app must notice before each save, refuse in
plain words, and keep the typed text: on screen, and in a file of its own.

SQLite only: a PostgreSQL server has no file to replace.
"""

from __future__ import annotations

import os
import shutil
import sqlite3
from pathlib import Path

import pytest
from textual.widgets import Static, TextArea

from tests.ui.conftest import SIZE, screen_text, type_text
from wardpanel import services
from wardpanel.app.common.form import FormScreen
from wardpanel.app.launch import make_app
from wardpanel.app.meeting.screen import MeetingScreen
from wardpanel.core.storage.database import db

NOTE = "Burglary down 12% since June; 14 arrests on the estate."


@pytest.fixture
def chair_app(db_path: Path, tmp_path: Path, monkeypatch: pytest.MonkeyPatch):
    monkeypatch.setenv("WARDPANEL_LOG", str(tmp_path / "logs" / "wardpanel.log"))
    app = make_app(str(db_path))
    panel = services.create_panel("Marsh Lane Ward Panel", "Marsh Lane", "Waltham Forest")
    services.create_meeting(panel.id, "2026-09-17", chair="Ada Okafor")
    yield app
    if db.obj is not None:
        db.close()
    db.initialize(None)


def _notes_in(path: Path) -> list[str]:
    with sqlite3.connect(path) as connection:
        return [row[0] for row in connection.execute("SELECT text FROM note")]


def _delete(path: Path) -> None:
    for suffix in ("", "-wal", "-shm"):
        Path(f"{path}{suffix}").unlink(missing_ok=True)


def _put_back_an_earlier_copy(path: Path, tmp_path: Path) -> None:
    earlier = tmp_path / "earlier.db"
    with sqlite3.connect(path) as source, sqlite3.connect(earlier) as copy:
        source.backup(copy)
    for suffix in ("-wal", "-shm"):
        Path(f"{path}{suffix}").unlink(missing_ok=True)
    os.replace(earlier, path)  # as a restore or a sync tool does: a new file, same name


@pytest.mark.long(seconds=7)
@pytest.mark.parametrize("fault", ["deleted", "replaced"])
async def test_a_save_after_the_file_changed_is_refused_and_the_text_kept(
    chair_app, db_path: Path, tmp_path: Path, fault: str
) -> None:
    app = chair_app
    async with app.run_test(size=SIZE) as pilot:
        await pilot.pause()
        await pilot.press("enter", "4", "a")
        assert isinstance(app.screen, FormScreen)
        await type_text(pilot, "Police update")
        await pilot.press("tab")
        await type_text(pilot, NOTE)

        if fault == "deleted":
            _delete(db_path)
        else:
            _put_back_an_earlier_copy(db_path, tmp_path)

        await pilot.press("ctrl+s")
        await pilot.pause()
        form = app.screen
        assert isinstance(form, FormScreen), "the form must stay open"
        assert form.query_one("#field-text", TextArea).text == NOTE
        message = str(form.query_one("#form-error", Static).render())
        assert message.startswith("Not saved.")
        assert "no longer the one wardpanel opened" in message
        assert "Note saved" not in screen_text(app)
        [copy] = list((tmp_path / "logs").glob("wardpanel-unsaved-*.txt"))
        assert str(copy.name) in message
        assert NOTE in copy.read_text(encoding="utf-8")
        assert oct(copy.stat().st_mode & 0o777) == oct(0o600)

        await pilot.press("ctrl+s")  # trying again never writes to the lost file
        await pilot.pause()
        assert app.screen is form
        await pilot.press("escape", "d")  # the text is in the copy: close the form
        await pilot.pause()
        assert isinstance(app.screen, MeetingScreen)
    # What is at the path now never got a note, and never will from this app.
    if db_path.exists():
        assert _notes_in(db_path) == []


async def test_quick_entry_after_the_file_was_deleted_keeps_the_line(
    chair_app, db_path: Path
) -> None:
    app = chair_app
    async with app.run_test(size=SIZE) as pilot:
        await pilot.pause()
        await pilot.press("enter", "colon")
        await type_text(pilot, "note Police update: 14 arrests")
        for suffix in ("", "-wal", "-shm"):  # a sync tool moves the database away
            if Path(f"{db_path}{suffix}").exists():
                shutil.move(f"{db_path}{suffix}", db_path.with_name(f"moved-away.db{suffix}"))
        await pilot.press("enter")
        await pilot.pause()
        shown = screen_text(app)
        assert "Not saved" in shown and "no longer the one wardpanel opened" in shown
        assert app.screen.query_one("#quick-entry").value == "note Police update: 14 arrests"
    db.close()
    assert _notes_in(db_path.with_name("moved-away.db")) == []
