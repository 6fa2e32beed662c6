"""Driving the real app: built by the same factory as `wardpanel`, on a real database."""

from __future__ import annotations

from collections.abc import Iterator

import pytest
from textual.pilot import Pilot

from wardpanel.cli import make_app
from wardpanel.core.storage.database import db

SIZE = (150, 45)


@pytest.fixture
def app_factory(db_target: str) -> Iterator:
    """Builds apps on one database (each engine in turn); closes it afterwards."""

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
