"""A chair, an officer and a clerk on one SQLite file at the same moment.

SQLite only: the subject is several programs sharing one file (WAL, locks, the busy
timeout); on a PostgreSQL server the server does the queueing.

Three child processes run at once: the chair (tests/safety/chair.py) enters questions,
responses, actions and notes into three meetings; the officer (officer.py) adds
progress to the chair's actions and closes them; the clerk (clerk.py) keeps running
`wardpanel export minutes`, `wardpanel export actions` and `wardpanel dump` until both
have finished. Then:

- no process saw an error ("database is locked" or any other): each exits 0 and
  writes nothing to stderr;
- everything the chair and the officer were told was saved is stored, as saved;
- every document is one moment's picture. The writers keep two facts true inside
  each of their transactions, and each document must show them true:
    * a meeting's "Tally" note states how many questions, responses, actions and
      notes the meeting holds (the chair saves each item and the tally together);
    * an action is open with no update, in progress with a "Progress" update last,
      or done with the officer's closing update last (closing is one service call).
  A document read in pieces while others save (questions at one moment, notes at the
  next) breaks them.
"""

from __future__ import annotations

import json
import os
import random
import sqlite3
import subprocess
import sys
import time
import zipfile
from dataclasses import dataclass
from pathlib import Path

import pytest
from lxml import etree

from wardpanel import services
from wardpanel.core.storage.database import db, open_database

HERE = Path(__file__).parent
CHAIR_ITEMS = 1500
OFFICER_UPDATES = 1200
WAIT = 600  # seconds: far beyond a normal run; a child still going then has hung
PANELS = ("Marsh Lane Ward Panel", "Hoe Street Ward Panel", "Lea Bridge Ward Panel")
KINDS = ("question", "response", "action", "note")
TALLY = "Tally"
W = "{http://schemas.openxmlformats.org/wordprocessingml/2006/main}"


def tally_text(counts: dict[str, int]) -> str:
    return "; ".join(f"{kind}s {counts[kind]}" for kind in KINDS)


def set_up_meetings(db_path: Path) -> list[int]:
    """Three panels with a meeting each, each meeting with its tally at zero."""
    handle = open_database(str(db_path))
    try:
        ids = []
        for name in PANELS:
            panel = services.create_panel(name)
            meeting = services.create_meeting(panel.id, "2026-05-14", carry_forward=False)
            services.add_note(meeting.id, TALLY, tally_text(dict.fromkeys(KINDS, 0)))
            ids.append(meeting.id)
        return ids
    finally:
        handle.close()
        db.initialize(None)


def child(program: str, args: list[str], folder: Path) -> subprocess.Popen:
    """A child process whose stdout and stderr go to files (no pipe to fill up)."""
    out = open(folder / f"{program}.out", "w", encoding="utf-8")  # noqa: SIM115
    err = open(folder / f"{program}.err", "w", encoding="utf-8")  # noqa: SIM115
    with out, err:
        return subprocess.Popen(
            [sys.executable, str(HERE / f"{program}.py"), *args], stdout=out, stderr=err
        )


def finished(process: subprocess.Popen, program: str, folder: Path) -> list[dict]:
    """Its acknowledgements, after checking it ended well and said nothing on stderr."""
    status = process.wait(timeout=WAIT)
    errors = (folder / f"{program}.err").read_text(encoding="utf-8")
    assert status == 0 and errors == "", f"the {program} saw an error (status {status}):\n{errors}"
    lines = (folder / f"{program}.out").read_text(encoding="utf-8").splitlines()
    return [json.loads(line) for line in lines]


# -- reading the documents back ----------------------------------------------------------


@dataclass
class Paragraph:
    style: str
    text: str


@dataclass
class Table:
    rows: list[list[str]]  # body rows, the heading row left out


def _text(element: etree._Element) -> str:
    parts = []
    for node in element.iter(f"{W}t", f"{W}br", f"{W}tab"):
        parts.append(
            node.text or "" if node.tag == f"{W}t" else "\n" if node.tag == f"{W}br" else "\t"
        )
    return "".join(parts)


def read_body(path: Path) -> list[Paragraph | Table]:
    """A .docx file's body, paragraph by paragraph and table by table."""
    with zipfile.ZipFile(path) as package:
        body = etree.fromstring(package.read("word/document.xml")).find(f"{W}body")
    blocks: list[Paragraph | Table] = []
    for element in body:
        if element.tag == f"{W}p":
            style = element.find(f"{W}pPr/{W}pStyle")
            blocks.append(
                Paragraph(style.get(f"{W}val") if style is not None else "", _text(element))
            )
        elif element.tag == f"{W}tbl":
            rows = [
                [_text(cell) for cell in row.findall(f"{W}tc")] for row in element.findall(f"{W}tr")
            ]
            blocks.append(Table(rows[1:]))
    return blocks


def minutes_counts(path: Path) -> tuple[str, dict[str, int]]:
    """The tally printed in the minutes, and what the minutes actually list."""
    counts = dict.fromkeys(KINDS, 0)
    section, tally, tally_next = "", None, False
    for block in read_body(path):
        if isinstance(block, Table):
            if section == "Actions agreed":
                counts["action"] += len(block.rows)
            continue
        if block.style == "Heading1":
            section = block.text
        elif section == "Notes and police update" and block.style == "Heading2":
            tally_next = block.text == TALLY
            counts["note"] += not tally_next
        elif tally_next:
            tally, tally_next = block.text, False
        elif section == "Questions and responses" and block.style == "Heading2":
            counts["question"] += 1
        elif section == "Questions and responses" and block.text.startswith("Response from"):
            counts["response"] += 1
    assert tally is not None, f"{path.name}: no tally note in the minutes"
    return tally, counts


def action_state_is_whole(status: str, latest: str) -> bool:
    """The officer's rule: the status and the latest update were saved together."""
    if status == "open":
        return latest == ""
    if status == "in_progress":
        return latest.startswith("Progress")
    return status == "done" and latest.startswith("Closed by the officer")


def action_list_breaks(path: Path) -> list[str]:
    """Rows of the follow-up list whose status and latest update disagree."""
    broken = []
    for block in read_body(path):
        if not isinstance(block, Table):
            continue
        for ref, _action, _due, status, _raised, latest in block.rows:
            said = "" if latest == "No update yet." else latest.split(": ", 1)[1]
            status = status.lower().replace(" ", "_")
            if not action_state_is_whole(status, said):
                broken.append(f"{ref}: {status} / {latest}")
    return broken


def dump_breaks(path: Path) -> list[str]:
    """What in a meeting file disagrees with its tally or with the officer's rule."""
    data = json.loads(path.read_text(encoding="utf-8"))
    notes = data.get("notes", [])
    questions = data.get("questions", [])
    counts = {
        "question": len(questions),
        "response": sum(len(q.get("responses", [])) for q in questions),
        "action": len(data.get("actions", [])),
        "note": len(notes) - 1,
    }
    tally = next(note["text"] for note in notes if note.get("heading") == TALLY)
    broken = [f"tally '{tally}', listed {counts}"] if tally != tally_text(counts) else []
    for number, action in enumerate(data.get("actions", []), start=1):
        updates = action.get("updates", [])
        latest = updates[-1].get("text", "") if updates else ""
        if not action_state_is_whole(action["status"], latest):
            broken.append(f"actions[{number}]: {action['status']} / {latest}")
    return broken


# -- the test ----------------------------------------------------------------------------


@pytest.mark.long(seconds=20)
def test_a_chair_an_officer_and_a_clerk_at_once(db_path: Path, tmp_path: Path) -> None:
    seed = int(os.environ.get("WARDPANEL_SHARING_SEED") or random.randrange(2**32))
    print(f"\nthree-process test seed: {seed} (WARDPANEL_SHARING_SEED={seed} replays it)")
    meetings = [str(m) for m in set_up_meetings(db_path)]
    out = tmp_path / "exports"
    out.mkdir()
    chair_done, stop = tmp_path / "chair-done", tmp_path / "stop"
    started = time.monotonic()
    chair = child("chair", [str(db_path), str(seed), str(CHAIR_ITEMS), *meetings], tmp_path)
    officer = child(
        "officer", [str(db_path), str(seed + 1), str(OFFICER_UPDATES), str(chair_done)], tmp_path
    )
    clerk = child("clerk", [str(db_path), str(seed + 2), str(out), str(stop), *meetings], tmp_path)
    try:
        items = finished(chair, "chair", tmp_path)
        chair_done.touch()
        updates = finished(officer, "officer", tmp_path)
        stop.touch()
        exports = finished(clerk, "clerk", tmp_path)
    finally:
        chair_done.touch()
        stop.touch()
        for process in (chair, officer, clerk):
            if process.poll() is None:
                process.kill()
                process.wait()
    elapsed = time.monotonic() - started

    # Everything acknowledged is stored, as it was saved.
    connection = sqlite3.connect(db_path)
    try:
        for item in items:
            row = connection.execute(
                f"SELECT text FROM {item['kind']} WHERE id = ?", (item["id"],)
            ).fetchone()
            assert row == (item["text"],), f"{item['kind']} {item['id']} lost or changed"
        last_status = {}
        for update in updates:
            row = connection.execute(
                "SELECT text FROM action_update WHERE id = ?", (update["update"],)
            ).fetchone()
            assert row == (update["text"],), f"update {update['update']} lost or changed"
            last_status[update["action"]] = update["status"]
        for action_id, status in last_status.items():
            stored = connection.execute("SELECT status FROM action WHERE id = ?", (action_id,))
            assert stored.fetchone() == (status,), f"action {action_id} is not {status}"
        assert connection.execute("PRAGMA integrity_check").fetchall() == [("ok",)]
        assert connection.execute("PRAGMA foreign_key_check").fetchall() == []
    finally:
        connection.close()

    # Every document is a picture of one moment.
    tallies = set()
    for export in exports:
        path = Path(export["file"])
        if export["kind"] == "minutes":
            tally, counts = minutes_counts(path)
            assert tally == tally_text(counts), f"{path.name}: tally '{tally}', listed {counts}"
            tallies.add(tally)
        elif export["kind"] == "actions":
            assert action_list_breaks(path) == [], path.name
        else:
            assert dump_breaks(path) == [], path.name
    kinds = {
        kind: sum(e["kind"] == kind for e in exports) for kind in ("minutes", "actions", "dump")
    }
    print(
        f"{len(items)} chair saves, {len(updates)} officer updates, {len(exports)} exports "
        f"{kinds} in {elapsed:.1f} s"
    )
    assert all(kinds.values()), f"the clerk did not try every kind of export: {kinds}"
    # The clerk's minutes caught the meetings at different moments, so the clerk really
    # was reading while the chair was writing.
    assert len(tallies) > 1
