"""The app as the `wardpanel` command starts it: quick to paint, and nothing left paused."""

from __future__ import annotations

import gc
from pathlib import Path

from wardpanel.app.launch import start_app
from wardpanel.core.storage.database import db
from wardpanel.sample import load_sample

from .conftest import SIZE, screen_text


async def test_the_collector_paused_for_start_up_runs_again_once_home_is_shown(
    db_path: Path,
) -> None:
    """A chair keeps the app open for hours: cyclic garbage must be collected again."""
    try:
        app = start_app(str(db_path))
        load_sample()
        assert not gc.isenabled(), "start-up runs with the collector paused"
        async with app.run_test(size=SIZE) as pilot:
            await pilot.pause()
            assert "Marsh Lane" in screen_text(app)
            assert gc.isenabled()
    finally:
        gc.enable()
        gc.unfreeze()
        db.close()
        db.initialize(None)


async def test_the_title_bar_and_welcome_never_show_the_servers_password(db_target: str) -> None:
    """A chair's screen is often projected: the database is named, its password never."""
    from urllib.parse import urlparse

    from wardpanel.app.launch import make_app

    if "://" not in db_target:
        db_target_with_secret = f"sqlite:///{db_target}"
        secret = None
    else:
        db_target_with_secret = db_target
        secret = urlparse(db_target).password
        assert secret, "the test server's URL carries a password"
    app = make_app(db_target_with_secret)
    try:
        async with app.run_test(size=SIZE) as pilot:
            await pilot.pause()
            # The whole screen as drawn, title bar included (the SVG holds its text).
            shown = f"{app.sub_title}\n{screen_text(app)}\n{app.export_screenshot()}"
            assert "wardpanel.db" in shown or urlparse(db_target).hostname in shown
            if secret:
                assert secret not in shown
                assert secret not in app.sub_title
                assert "@" in app.sub_title  # the user and host are still named
    finally:
        db.close()
        db.initialize(None)


async def _actions_view_placeholder_style(app, *, form_first: bool):
    """The style of the Actions view's filter placeholder, opened straight from home or
    after a meeting's form was opened and closed."""
    from textual.widgets import Input

    from wardpanel.app.actions.screen import ActionsScreen

    async with app.run_test(size=SIZE) as pilot:
        await pilot.pause()
        if form_first:
            await pilot.press("enter", "2", "a")
            await pilot.pause()
            await pilot.press("escape")
            await pilot.pause()
        await pilot.press("ctrl+o")
        await pilot.pause()
        assert isinstance(app.screen, ActionsScreen)
        box = app.screen.query_one("#filter-text", Input)
        return box.get_component_rich_style("input--placeholder")


async def test_a_screen_looks_the_same_whichever_screens_came_before(app_factory) -> None:
    """Each screen's style sheet is read once the app starts, not when the screen first
    opens: a form's rules (placeholders set apart from values) once reached the Actions
    view only after a form had been opened in the session."""
    from wardpanel import services

    first = app_factory()
    panel = services.create_panel("Marsh Lane Ward Panel")
    services.create_meeting(panel.id, "2026-09-17")
    straight = await _actions_view_placeholder_style(first, form_first=False)
    after_a_form = await _actions_view_placeholder_style(app_factory(), form_first=True)
    assert straight == after_a_form
    assert straight.italic  # as every form's placeholders are
