"""The cycle collector kept off a chair's keystrokes (app/collector.py): the oldest
generation is collected when the app is idle, never in the middle of typing, and the
collector's settings are handed back when the app stops. What closed screens drew is
let go, however Textual caches it."""

from __future__ import annotations

import gc
import weakref
from pathlib import Path

from wardpanel.app import collector
from wardpanel.app.common.form import FormScreen
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


async def test_a_closed_form_is_let_go_when_the_app_is_idle_and_when_it_stops(db_path: Path):
    """Textual 8.2 keeps every widget's style cache, with the lines it drew, in a cache
    of its own long after the widget is gone: the app empties it."""
    try:
        app = start_app(str(db_path))
        load_sample()
        async with app.run_test(size=SIZE) as pilot:
            await pilot.pause()
            drawn = []
            for _ in range(2):
                await pilot.press("n")  # the new-meeting form, drawn, then closed
                await pilot.pause()
                assert isinstance(app.screen, FormScreen)
                drawn.append(weakref.ref(app.screen.query_one("#field-date")._styles_cache))
                await pilot.press("escape")
                await pilot.pause()
                assert not isinstance(app.screen, FormScreen)
            app.collector.last_input -= collector.IDLE_AFTER + 0.1
            app.collector.collect_if_idle()  # as the app's timer calls it
            gc.collect()  # as the collector does, sooner or later
            assert [ref() for ref in drawn] == [None, None], "let go while idle"
            await pilot.press("n")
            await pilot.pause()
            drawn.append(weakref.ref(app.screen.query_one("#field-date")._styles_cache))
        gc.collect()
        assert drawn[2]() is None, "let go when the app stopped"
    finally:
        gc.enable()
        gc.unfreeze()
        db.close()
        db.initialize(None)
