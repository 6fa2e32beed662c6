"""Steady typing, then a kill: the draft holds everything typed up to a second before.

SQLite only (a file this process can read after the kill). A child process
(tests/safety/typist.py) types into a new question's form at 150 ms a key, without the
pause a debounced draft would wait for, and prints each key once it is handled. The test
kills it with SIGKILL after 3 to 6 seconds of typing, at a moment drawn from a seed
(WARDPANEL_KILL_SEED=N replays a run), and reads the draft straight from the file.
"""

from __future__ import annotations

import json
import os
import random
import signal
import sqlite3
import subprocess
import sys
import threading
import time
from pathlib import Path

import pytest

from tests.safety.typist import TEXT
from wardpanel import services
from wardpanel.core.storage.database import db, open_database

TYPIST = Path(__file__).with_name("typist.py")
KILLS = 2
AT_MOST_LOST = 1.0  # seconds of typing a kill may cost, at most
MUST_KEEP_AT_LEAST = 10  # keys typed before that last second, for the kill to test much
START_UP_LIMIT = 60


def _meeting(path: Path) -> int:
    open_database(str(path))
    try:
        panel = services.create_panel("Hoe Street Ward Panel")
        return services.create_meeting(panel.id, "2026-12-02").id
    finally:
        db.close()
        db.initialize(None)


def _type_and_kill(
    path: Path, meeting_id: int, after: float
) -> tuple[list[tuple[float, int]], float]:
    """Run the typist, kill it `after` seconds into its typing; each key's count with
    the moment it was reported, and the moment of the kill."""
    process = subprocess.Popen(
        [sys.executable, str(TYPIST), str(path), str(meeting_id)],
        stdout=subprocess.PIPE,
        stderr=subprocess.PIPE,
        text=True,
        cwd=path.parent,
        env={**os.environ, "PYTHONPATH": str(Path(__file__).parents[2])},
    )
    reports: list[tuple[float, int]] = []
    ready = threading.Event()

    def read() -> None:
        assert process.stdout is not None
        for line in process.stdout:
            if line == "ready\n":
                ready.set()
            elif line.endswith("\n"):
                reports.append((time.monotonic(), int(line)))
        ready.set()

    reader = threading.Thread(target=read, daemon=True)
    reader.start()
    assert ready.wait(START_UP_LIMIT), "the typist never opened its form"
    time.sleep(after)
    # On a loaded machine the typist may fall behind its 150 ms a key: the kill waits
    # until it has typed enough for the test to mean something (MUST_KEEP_AT_LEAST keys
    # more than AT_MOST_LOST seconds ago), so a slow run is as strict as a quick one.
    deadline = time.monotonic() + START_UP_LIMIT
    while time.monotonic() < deadline and _typed_by(reports, time.monotonic()) < MUST_KEEP_AT_LEAST:
        time.sleep(0.02)
    killed_at = time.monotonic()
    process.send_signal(signal.SIGKILL)
    process.wait(timeout=START_UP_LIMIT)
    reader.join(timeout=START_UP_LIMIT)
    errors = process.stderr.read() if process.stderr else ""
    assert reports, f"the typist typed nothing: {errors[-2000:]}"
    return reports, killed_at


def _typed_by(reports: list[tuple[float, int]], killed_at: float) -> int:
    """How many keys the typist had reported more than AT_MOST_LOST seconds before."""
    typed = [count for moment, count in list(reports) if moment <= killed_at - AT_MOST_LOST]
    return typed[-1] if typed else 0


def _drafted(path: Path) -> str:
    connection = sqlite3.connect(path)
    try:
        rows = connection.execute("SELECT payload FROM draft").fetchall()
    finally:
        connection.close()
    assert len(rows) == 1, f"one draft, not {len(rows)}"
    return json.loads(rows[0][0])["text"]


@pytest.mark.long(seconds=16)
def test_a_kill_after_steady_typing_loses_at_most_the_last_second(tmp_path: Path) -> None:
    seed = int(os.environ.get("WARDPANEL_KILL_SEED", random.randrange(1_000_000)))
    print(f"WARDPANEL_KILL_SEED={seed}")
    rng = random.Random(seed)
    for run in range(KILLS):
        path = tmp_path / f"typing-{run}.db"
        meeting_id = _meeting(path)
        reports, killed_at = _type_and_kill(path, meeting_id, rng.uniform(3.0, 6.0))
        must_keep = _typed_by(reports, killed_at)
        assert must_keep >= MUST_KEEP_AT_LEAST, "the typist typed long before the kill"
        kept = _drafted(path)
        assert TEXT.startswith(kept), "the draft is what was typed, in order"
        assert len(kept) >= must_keep, (
            f"seed {seed}: {must_keep} characters were typed more than a second before "
            f"the kill; the draft kept {len(kept)}"
        )
