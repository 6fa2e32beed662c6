"""The cycle collector kept off a chair's keystrokes (app/collector.py): the oldest
generation is collected when the app is idle, never in the middle of typing, and the
collector's settings are handed back when the app stops."""

from __future__ import annotations

import gc
import weakref
from pathlib import Path

from wardpanel.app import collector
from wardpanel.app.launch import start_app
from wardpanel.core.storage.database import db
from wardpanel.sample import load_sample

from .conftest import SIZE


class Cyclic:
    """Garbage only a cycle collection frees: it refers to itself."""

    def __init__(self) -> None:
        self.me = self


def cyclic_garbage_in_the_oldest_generation() -> weakref.ref:
    garbage = Cyclic()
    alive = weakref.ref(garbage)
    gc.collect(1)  # it survives two collections, into the oldest generation
    gc.collect(1)
    del garbage
    gc.collect(1)  # a middle collection does not reach it
    assert alive() is not None
    return alive


def test_the_oldest_generation_is_collected_only_when_no_key_came_for_a_while():
    before = gc.get_threshold()
    was_enabled = gc.isenabled()
    idle = collector.IdleCollector()
    try:
        idle.start()
        assert gc.get_threshold()[2] == collector.NEVER
        alive = cyclic_garbage_in_the_oldest_generation()

        idle.saw_input()  # the chair is typing
        assert not idle.collect_if_idle()
        assert alive() is not None

        idle.last_input -= collector.IDLE_AFTER + 0.1  # and then listens for a while
        assert idle.collect_if_idle()
        assert alive() is None
        assert not idle.collect_if_idle(), "nothing new to collect since"
    finally:
        idle.stop()
        gc.unfreeze()
        if not was_enabled:
            gc.disable()
    assert gc.get_threshold() == before


async def test_the_app_collects_when_idle_and_hands_the_collector_back(db_path: Path):
    before = gc.get_threshold()
    try:
        app = start_app(str(db_path))
        load_sample()
        async with app.run_test(size=SIZE) as pilot:
            await pilot.pause()
            assert gc.isenabled() and gc.get_threshold()[2] == collector.NEVER
            alive = cyclic_garbage_in_the_oldest_generation()
            await pilot.press("down", "up")
            assert alive() is not None, "no full collection while keys come"
            app.collector.last_input -= collector.IDLE_AFTER + 0.1
            app.collector.collect_if_idle()  # as the app's timer calls it
            assert alive() is None
        assert gc.get_threshold() == before
    finally:
        gc.enable()
        gc.unfreeze()
        db.close()
        db.initialize(None)
