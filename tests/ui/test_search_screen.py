"""Search in the app (ctrl+f): off the UI thread, bounded, and never the app's end.

An attack tour fed the search box 132 KB as separate keystrokes and the app froze for
minutes; a slow search froze it too, as it ran on the UI thread.
"""

from __future__ import annotations

import threading
from pathlib import Path

import peewee

from tests.ui.conftest import SIZE, screen_text, type_text
from wardpanel.app.meeting.screen import MeetingScreen
from wardpanel.app.search.screen import SearchScreen
from wardpanel.interchange import import_files
from wardpanel.queries import search

FIXTURES = Path(__file__).resolve().parent.parent / "fixtures"


def _filled(app_factory):
    app = app_factory()
    import_files([FIXTURES / "citizens_assembly.json", FIXTURES / "webinar.json"])
    return app


async def _searched(pilot, words: str) -> SearchScreen:
    await pilot.press("ctrl+f")
    screen = pilot.app.screen
    assert isinstance(screen, SearchScreen)
    await type_text(pilot, words)
    await pilot.press("enter")
    await pilot.app.workers.wait_for_complete()
    await pilot.pause()
    return screen


async def test_words_are_found_and_enter_opens_the_meeting(app_factory) -> None:
    app = _filled(app_factory)
    async with app.run_test(size=SIZE) as pilot:
        await pilot.pause()
        await _searched(pilot, "Whipps Cross")
        assert "found for 'Whipps Cross'" in screen_text(app)
        await pilot.press("enter")
        await pilot.pause()
        assert isinstance(app.screen, MeetingScreen)


async def test_a_flood_of_keys_stops_at_what_a_search_takes(app_factory) -> None:
    app = _filled(app_factory)
    async with app.run_test(size=SIZE) as pilot:
        await pilot.pause()
        await pilot.press("ctrl+f")
        box = app.screen.query_one("#search-box")
        # Typed up to a few keys short of the limit (key by key it takes half a minute),
        # then a flood of keys across it: typing stops at what a search takes.
        near = search.MAX_QUERY_CHARACTERS - 6
        box.value = ("police " * 100)[:near]
        box.cursor_position = near
        await pilot.press(*(["p", "o", "l", "i", "c", "e", "space"] * 10))  # 70 keys
        assert len(box.value) == search.MAX_QUERY_CHARACTERS
        await pilot.press("enter")
        await app.workers.wait_for_complete()
        await pilot.pause()
        assert "found for 'police police" in screen_text(app)  # one word, looked for once


async def test_too_many_words_are_refused_on_the_screen(app_factory) -> None:
    app = _filled(app_factory)
    async with app.run_test(size=SIZE) as pilot:
        await pilot.pause()
        await _searched(pilot, " ".join(f"w{n}" for n in range(search.MAX_QUERY_WORDS + 4)))
        assert f"20 words are more than a search takes ({search.MAX_QUERY_WORDS}" in (
            screen_text(app)
        )
        assert app.is_running


async def test_the_screen_answers_keys_while_a_slow_search_runs(app_factory, monkeypatch) -> None:
    app = _filled(app_factory)
    release = threading.Event()
    started = threading.Event()
    real = search.search

    def slow(words: str, **options):
        started.set()
        release.wait(timeout=30)  # a database taking its time
        return real(words, **options)

    monkeypatch.setattr(search, "search", slow)
    async with app.run_test(size=SIZE) as pilot:
        await pilot.pause()
        await pilot.press("ctrl+f")
        await type_text(pilot, "police")
        await pilot.press("enter")
        assert started.wait(timeout=10)
        assert "Searching" in screen_text(app)
        await pilot.press("escape")  # answered at once: the search is not on this thread
        await pilot.pause()
        assert not isinstance(app.screen, SearchScreen)
        release.set()
        await app.workers.wait_for_complete()


async def test_a_database_that_cannot_answer_is_said_plainly(app_factory, monkeypatch) -> None:
    app = _filled(app_factory)

    def failing(words: str, **options):
        raise peewee.OperationalError("canceling statement due to statement timeout")

    monkeypatch.setattr(search, "search", failing)
    async with app.run_test(size=SIZE) as pilot:
        await pilot.pause()
        await _searched(pilot, "police")
        shown = screen_text(app)
        assert "Not searched: The database took too long to answer" in shown
        assert app.is_running and "Something went wrong" not in shown
