"""The app as the `wardpanel` command starts it: quick to paint, and nothing left paused."""

from __future__ import annotations

import gc
from pathlib import Path

from wardpanel.cli import start_app
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
