"""Killing a saving process at random moments never loses an acknowledged save.

SQLite only: the test is about what SQLite's file, WAL and fsyncs leave on disk when a
process dies mid-write, which a PostgreSQL server (a separate process) does not face.

A child process (tests/safety/saver.py) saves questions, responses, actions and notes,
one service call each, and acknowledges each one once the call has returned. The test
kills it with SIGKILL at a random moment, 200 times, restarting it on the same file
(each saver is started while the one before it saves, and told to begin once that one
is dead). Then every acknowledged item must be stored with its exact text, and
SQLite's integrity and foreign key checks must find nothing wrong.

The savers are forked from multiprocessing's fork server, which has imported the data
layer once: each is still a process of its own with its own connection to the file,
killed as any other, but it starts in milliseconds rather than in the 0.15 s of CPU a
new Python and its imports take, which two hundred times over were most of the test.

The moments are drawn from a seed printed at the start (run with `pytest -s` to see
it); WARDPANEL_KILL_SEED=N replays a run.
"""

from __future__ import annotations

import json
import multiprocessing
import os
import random
import signal
import sqlite3
import threading
from dataclasses import dataclass, field
from multiprocessing.connection import Connection
from pathlib import Path

import pytest

from tests.safety import saver

KILLS = 200
# Most kills land while saves are under way; a few during start-up (opening the file,
# checking migrations, creating the test's meeting on the first runs).
DURING_START_UP = 0.1
LONGEST_START_UP = 0.05  # seconds after the word to begin, at most, for those kills
LONGEST_WAIT = 0.12  # seconds after `ready`, at most, for the others
START_UP_LIMIT = 60  # seconds: a child that is not ready by then has hung
KINDS = ("question", "response", "action", "note")  # each kind's table has its name
# Forked from a server process that imported the saver once; never from the test's
# own process, whose threads may hold locks at the moment of a fork.
FORKS = multiprocessing.get_context("forkserver")


@dataclass
class Child:
    """One run of the saver, its acknowledgements read as they come."""

    process: multiprocessing.Process
    orders: Connection
    acks: Connection
    reader: threading.Thread | None = None
    lines: list[str] = field(default_factory=list)
    ready: threading.Event = field(default_factory=threading.Event)
    started: bool = False  # it said `ready` before it was killed

    def read(self) -> None:
        while True:
            try:
                message = self.acks.recv_bytes()
            except (EOFError, OSError):
                break  # the child is gone; a message cut short was never acknowledged
            if message == b"ready":
                self.started = True
                self.ready.set()
            else:
                self.lines.append(message.decode())
        self.ready.set()  # the child is gone: stop waiting for it

    def begin(self) -> None:
        self.orders.send_bytes(b"go")

    def end(self) -> None:
        """Wait for the killed child."""
        self.process.join(timeout=START_UP_LIMIT)
        assert self.reader is not None
        self.reader.join(timeout=START_UP_LIMIT)
        self.orders.close()
        self.acks.close()


def start(db_path: Path, seed: int) -> Child:
    orders, their_orders = FORKS.Pipe(duplex=False)
    their_acks, acks = FORKS.Pipe(duplex=False)
    process = FORKS.Process(
        target=saver.main, args=(str(db_path), seed, orders, acks), name="saver"
    )
    process.start()
    # Only the child writes acknowledgements: with our copy closed, its death ends them.
    orders.close()
    acks.close()
    child = Child(process, their_orders, their_acks)
    child.reader = threading.Thread(target=child.read, daemon=True)
    child.reader.start()
    return child


def kill_at_random(child: Child, rng: random.Random) -> None:
    if rng.random() < DURING_START_UP:
        child.ready.wait(timeout=rng.uniform(0.0, LONGEST_START_UP))
    else:
        assert child.ready.wait(timeout=START_UP_LIMIT), "the saver never became ready"
        threading.Event().wait(rng.uniform(0.0, LONGEST_WAIT))
    child.process.kill()  # SIGKILL


def stored(db_path: Path) -> dict[tuple[str, int], tuple[str, str]]:
    """Every item of the four kinds as the file holds it: (kind, id) -> (text, heading)."""
    connection = sqlite3.connect(db_path)
    try:
        items = {}
        for kind in KINDS:
            heading = "heading" if kind == "note" else "''"
            for item_id, text, head in connection.execute(
                f"SELECT id, text, {heading} FROM {kind}"
            ):
                items[(kind, item_id)] = (text, head)
        return items
    finally:
        connection.close()


def checks(db_path: Path) -> tuple[list[str], list[tuple]]:
    connection = sqlite3.connect(db_path)
    try:
        integrity = [row[0] for row in connection.execute("PRAGMA integrity_check")]
        foreign = connection.execute("PRAGMA foreign_key_check").fetchall()
        return integrity, foreign
    finally:
        connection.close()


@pytest.mark.long(seconds=18)
def test_every_acknowledged_save_survives_200_kills(db_path: Path) -> None:
    seed = int(os.environ.get("WARDPANEL_KILL_SEED") or random.randrange(2**32))
    print(f"\nkill test seed: {seed} (WARDPANEL_KILL_SEED={seed} replays it)")
    FORKS.set_forkserver_preload(["tests.safety.saver"])
    rng = random.Random(seed)
    acknowledged: dict[tuple[str, int], tuple[str, str]] = {}
    killed_starting = 0
    children = [start(db_path, rng.randrange(2**32))]
    try:
        for run in range(KILLS):
            child = children[-1]
            child.begin()
            if run + 1 < KILLS:
                children.append(start(db_path, rng.randrange(2**32)))
            kill_at_random(child, rng)
            child.end()
            assert child.process.exitcode == -signal.SIGKILL, (
                f"run {run} (seed {seed}): the saver stopped by itself "
                f"(status {child.process.exitcode}) before it was killed; its traceback "
                "is in the captured stderr"
            )
            killed_starting += not child.started
            for text in child.lines:
                item = json.loads(text)
                key = (item["kind"], item["id"])
                assert key not in acknowledged, f"run {run} (seed {seed}): {key} twice"
                acknowledged[key] = (item["text"], item["heading"])
    finally:
        for leftover in children:  # none is left saving if the test stops early
            if leftover.process.is_alive():
                leftover.process.kill()
                leftover.process.join()

    found = stored(db_path)
    print(
        f"{KILLS} kills ({killed_starting} during start-up); {len(acknowledged)} saves "
        f"acknowledged, {len(found) - len(acknowledged)} more stored but not acknowledged"
    )
    lost = sorted(key for key in acknowledged if key not in found)
    assert not lost, f"seed {seed}: acknowledged but not stored: {lost[:10]}"
    changed = sorted(key for key, value in acknowledged.items() if found[key] != value)
    assert not changed, f"seed {seed}: stored with other text than acknowledged: {changed[:10]}"
    # A kill between the commit and the print leaves at most one unacknowledged item.
    assert len(found) - len(acknowledged) <= KILLS
    integrity, foreign = checks(db_path)
    assert integrity == ["ok"], f"seed {seed}: {integrity[:5]}"
    assert foreign == [], f"seed {seed}: {foreign[:5]}"
    # Enough saves were under way to make the kills mean something.
    assert len(acknowledged) >= KILLS
