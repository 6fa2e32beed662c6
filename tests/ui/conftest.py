"""Driving the real app: built by the same factory as `wardpanel`, on a real database.

The app is the same on either engine; what differs below it (the SQL, a server going
away) is tested without a terminal in tests/unit. So Pilot tests run on SQLite only,
except those marked `postgresql_too`, whose subject is the app facing a server.

Pilot types a key in about 60 ms (it waits for the app to settle after each). Tests
whose subject is typing itself press real keys (`type_text`); the others put their
words in at once with `paste_text`, as a terminal delivers a paste, and then press the
real keys to save.
"""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path

import pytest
import textual.constants
from textual import events
from textual.pilot import Pilot
from textual.widgets import Input, TextArea

from tests.conftest import runs_on_postgresql
from wardpanel.app.launch import make_app
from wardpanel.core.storage.database import db

SIZE = (150, 45)
HERE = Path(__file__).parent


def pytest_collection_modifyitems(config: pytest.Config, items: list[pytest.Item]) -> None:
    """Leave out the PostgreSQL runs of the Pilot tests here that are not about it."""
    kept, left_out = [], []
    for item in items:
        if (
            runs_on_postgresql(item)
            and item.path.is_relative_to(HERE)
            and item.get_closest_marker("postgresql_too") is None
        ):
            left_out.append(item)
        else:
            kept.append(item)
    if left_out:
        config.hook.pytest_deselected(items=left_out)
        items[:] = kept


@pytest.fixture(autouse=True)
def no_animations(monkeypatch: pytest.MonkeyPatch) -> None:
    """Apps made here move at once instead of animating (tabs' underline, scrolling).

    Pilot waits for every animation to finish after each key, and the app's own code
    never animates (it scrolls with animate=False), so only Textual's cosmetic
    movements are left out. Apps in a real terminal (the pty tests) still animate.
    """
    monkeypatch.setattr(textual.constants, "TEXTUAL_ANIMATIONS", "none")


@pytest.fixture
def app_factory(db_target: str) -> Iterator:
    """Builds apps on one database; closes it afterwards."""

    def build():
        return make_app(db_target)

    yield build
    if db.obj is not None:
        db.close()
    db.initialize(None)


async def type_text(pilot: Pilot, text: str) -> None:
    """Type as a chair would, one key at a time (newline is Enter)."""
    keys = ["enter" if ch == "\n" else ch for ch in text]
    await pilot.press(*keys)


async def paste_text(pilot: Pilot, text: str) -> None:
    """Put text into the focused box at the cursor, at once, as a terminal delivers a
    paste; the app handles it as any paste it is sent. Newlines are kept in a text area;
    a one-line box has no place for them, so they are refused here rather than lost."""
    await pilot.pause()  # a focus() just called takes effect first, as before a key
    focused = pilot.app.focused
    assert isinstance(focused, (Input, TextArea)), f"nothing to paste into: {focused!r}"
    if isinstance(focused, Input):
        assert "\n" not in text, "a one-line box: press enter instead of pasting a newline"
    pilot.app.post_message(events.Paste(text))
    await pilot.pause()


def screen_text(app) -> str:
    """Everything the screen shows in its text widgets, as plain text."""
    from textual.widgets import DataTable, Static

    parts = []
    for widget in app.screen.query(Static):
        parts.append(str(widget.render()))
    for table in app.screen.query(DataTable):
        for row_key in table.rows:
            parts.append(" | ".join(str(c) for c in table.get_row(row_key)))
    return "\n".join(parts)
