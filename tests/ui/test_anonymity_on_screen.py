"""The Actions view applies the one anonymity rule (tests/unit/test_one_anonymity_rule.py
covers the documents and the command line): an officer's list never names a resident
with the matters of a meeting at which she asked anonymously."""

from __future__ import annotations

import html
import re

from tests.ui.conftest import SIZE
from tests.unit.test_one_anonymity_rule import SURNAME, make_meetings
from wardpanel.app.actions.screen import ActionsScreen


def painted(app) -> str:
    """Every character on the screen as painted, the list's own lines included."""
    svg = app.export_screenshot()
    return html.unescape(re.sub(r"<[^>]+>", "", svg)).replace("\xa0", " ")


async def test_the_actions_view_names_her_only_where_she_asked_openly(app_factory) -> None:
    app = app_factory()
    make_meetings()
    async with app.run_test(size=SIZE) as pilot:
        await pilot.pause()
        await pilot.press("ctrl+o")
        await pilot.pause()
        assert isinstance(app.screen, ActionsScreen)
        shown = painted(app)
        assert "Walk the alley" in shown and "Count the lights" in shown
        # The May action (first, by due date, and selected: its history below) is
        # "A resident"'s in the list and in its history; her name stands only on the
        # September action's row.
        assert shown.count("A resident") >= 2
        assert shown.count(SURNAME) == 1
