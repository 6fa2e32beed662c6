"""Saving one item, as the chair does it, against a bare committed row in sqlite3.

The real app is driven with Pilot on a copy of the generated database: open the newest
meeting, go to Questions, press `a`, type an asker and a question, then time from
ctrl+s until the new row is in the questions table (the service has committed by then),
and on to the next paint of the screen. The quick-entry line is timed the same way,
from Enter. Keys are sent to the driver as Pilot sends them, but without Pilot's
idle-waits, which sleep in steps of 20 ms and would swamp a figure of a few ms.
"""

from __future__ import annotations

import asyncio
import sqlite3
import statistics
import time
import unicodedata
from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path
from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from textual.app import App
    from textual.pilot import Pilot
    from textual.screen import Screen
    from textual.widgets import DataTable

SIZE = (160, 48)
ASKER = "Jane Doe"
QUESTION = "Why are the street lights on Acre Lane still out, three months after the last report?"
QUICK_LINE = "q Jane Doe: What is being done about phone thefts near the station?"


@dataclass(frozen=True)
class Timings:
    """Seconds per save: until the row is in the table, and until it has been painted."""

    in_table: list[float]
    painted: list[float]


def median_ms(values: list[float]) -> float:
    return statistics.median(values) * 1000


def p95_ms(values: list[float]) -> float:
    ordered = sorted(values)
    return ordered[min(len(ordered) - 1, round(0.95 * (len(ordered) - 1)))] * 1000


# -- the baseline ------------------------------------------------------------------------


def sqlite_baseline(path: Path, rows: int = 200) -> list[float]:
    """Seconds to insert and commit one question-sized row with the app's pragmas."""
    for suffix in ("", "-wal", "-shm"):
        Path(f"{path}{suffix}").unlink(missing_ok=True)
    # Autocommit mode: the transaction is ours to begin and commit, as Peewee does it.
    connection = sqlite3.connect(path, isolation_level=None)
    try:
        connection.execute("PRAGMA journal_mode=wal")
        connection.execute("PRAGMA synchronous=FULL")
        connection.execute(
            "CREATE TABLE question (id INTEGER PRIMARY KEY, meeting_id INTEGER NOT NULL, "
            "asker_id INTEGER, anonymous INTEGER NOT NULL, topic TEXT NOT NULL, text TEXT)"
        )
        timings = []
        for _ in range(rows):
            began = time.perf_counter()
            connection.execute("BEGIN IMMEDIATE")
            connection.execute(
                "INSERT INTO question (meeting_id, asker_id, anonymous, topic, text) "
                "VALUES (?, ?, 0, '', ?)",
                (1, 1, QUESTION),
            )
            connection.execute("COMMIT")
            timings.append(time.perf_counter() - began)
        return timings
    finally:
        connection.close()


# -- driving the app ----------------------------------------------------------------------


def _key_name(character: str) -> str:
    """The key Textual reports for a typed character (space, colon, full_stop...)."""
    if character.isalnum():
        return character
    return unicodedata.name(character).lower().replace(" ", "_").replace("-", "_")


def send_key(app: App, key: str, character: str | None = None) -> None:
    from textual import events

    event = events.Key(key, character)
    event.set_sender(app)
    app._driver.send_message(event)


def type_text(app: App, text: str) -> None:
    for character in text:
        send_key(app, _key_name(character), character)


async def _until(condition: Callable[[], bool], timeout: float = 10.0) -> None:
    """Yield to the app until `condition()` holds; polling, so the delay is microseconds."""
    deadline = time.perf_counter() + timeout
    while not condition():
        if time.perf_counter() > deadline:
            raise TimeoutError("the app did not get there in time")
        await asyncio.sleep(0)


async def _next_paint(screen: Screen) -> float:
    """Wait for the screen's next frame; return the moment its compositor finished
    drawing it (where Textual hands the frame to the terminal; headless, it stops
    there). Work the app queued for after the frame (a save's "saved" notice) is not
    counted: it comes after the frame the chair sees. Until 3 December this waited for
    a callback queued after the refresh, which ran only after such work."""
    painted: asyncio.Future[float] = asyncio.get_running_loop().create_future()
    draw = screen._compositor_refresh

    def drawn() -> None:
        draw()
        if not painted.done():
            painted.set_result(time.perf_counter())

    screen._compositor_refresh = drawn  # this screen's next frames only
    try:
        return await painted
    finally:
        del screen._compositor_refresh


async def _timed(
    app: App, table: DataTable, key: str, character: str | None, timings: Timings
) -> None:
    """Press one key and record how long until a new row is in `table`, and painted."""
    expected = table.row_count + 1
    began = time.perf_counter()
    send_key(app, key, character)
    await _until(lambda: table.row_count >= expected)
    in_table = time.perf_counter()
    painted = await _next_paint(app.screen)
    timings.in_table.append(in_table - began)
    timings.painted.append(painted - began)


async def _open_questions(app: App, pilot: Pilot) -> DataTable:
    from wardpanel.app.home.home import HomeScreen
    from wardpanel.app.meeting.screen import MeetingScreen

    await _until(lambda: isinstance(app.screen, HomeScreen))
    await pilot.pause()
    await pilot.press("enter")  # the newest meeting of the first panel is selected
    await _until(lambda: isinstance(app.screen, MeetingScreen))
    await pilot.press("2")
    await pilot.pause()
    return app.screen.section("questions").table


def _focused_id(app: App) -> str | None:
    return app.focused.id if app.focused is not None else None


async def _question_saves(
    app: App, pilot: Pilot, table: DataTable, saves: int, warmups: int
) -> Timings:
    from textual.widgets import Input, TextArea

    from wardpanel.app.common.form import FormScreen

    timings = Timings([], [])
    for number in range(warmups + saves):
        send_key(app, "a", "a")
        await _until(lambda: isinstance(app.screen, FormScreen))
        await _until(lambda: _focused_id(app) == "field-asker")
        asker = app.screen.query_one("#field-asker", Input)
        type_text(app, ASKER)
        # Focus moves at once while typed keys queue at the widget: let each step land.
        await _until(lambda field=asker: field.value == ASKER)
        for _ in range(3):  # past "Anonymous" and "Topic" to the question
            send_key(app, "tab")
        await _until(lambda: _focused_id(app) == "field-text")
        question = f"{QUESTION} ({number})"
        area = app.screen.query_one("#field-text", TextArea)
        type_text(app, question)
        await _until(lambda field=area, text=question: field.text == text)
        # Settle first (the last save's repaint, suggestions, layout): only the save is timed.
        await pilot.pause()
        await _timed(app, table, "ctrl+s", None, timings)
        if number < warmups:
            timings.in_table.clear()
            timings.painted.clear()
    return timings


async def _quick_entries(
    app: App, pilot: Pilot, table: DataTable, saves: int, warmups: int
) -> Timings:
    timings = Timings([], [])
    box = app.screen.query_one("#quick-entry")
    for number in range(warmups + saves):
        # A line filed from another tab leaves the focus on that tab's table: the chair
        # must press ":" again there, and so do we.
        if _focused_id(app) != "quick-entry":
            send_key(app, "colon", ":")
            await _until(lambda: _focused_id(app) == "quick-entry")
        line = f"{QUICK_LINE} ({number})"
        type_text(app, line)
        await _until(lambda text=line: box.value == text)
        await pilot.pause()
        await _timed(app, table, "enter", "\r", timings)
        if number < warmups:
            timings.in_table.clear()
            timings.painted.clear()
    return timings


@dataclass(frozen=True)
class SavingResults:
    form: Timings
    quick_entry: Timings | None


async def _drive(
    database: Path, saves: int, warmups: int, size: tuple[int, int] = SIZE
) -> SavingResults:
    from wardpanel.app.launch import start_app
    from wardpanel.core.storage.database import db

    app = start_app(str(database))  # as `wardpanel` starts it (collector paused, then frozen)
    try:
        async with app.run_test(size=size, notifications=True) as pilot:
            table = await _open_questions(app, pilot)
            form = await _question_saves(app, pilot, table, saves, warmups)
            quick = None
            if _has_quick_entry():
                quick = await _quick_entries(app, pilot, table, saves, warmups)
            await pilot.press("escape")
    finally:
        db.close()
        db.initialize(None)
    return SavingResults(form=form, quick_entry=quick)


def _has_quick_entry() -> bool:
    import importlib.util

    return importlib.util.find_spec("wardpanel.quickentry") is not None


def measure(
    database: Path, saves: int = 50, warmups: int = 3, size: tuple[int, int] = SIZE
) -> SavingResults:
    """Time `saves` question forms and quick-entry lines on `database` (it is written to),
    in a terminal of `size` (columns, lines)."""
    return asyncio.run(_drive(database, saves, warmups, size))
