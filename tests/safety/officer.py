"""The officer in the three-process test: works through the actions the chair agrees.

Run as a child process:  python officer.py DB SEED COUNT CHAIR_DONE_FILE

An open action gets a first progress update that puts it in progress; an action in
progress gets more progress, or is closed. Each is one service call, and closing
(status done plus its closing update) is one transaction. So at any moment:

    open         <=>  no update yet
    in progress  <=>  the latest update is a "Progress ..." one
    done         <=>  the latest update is the "Closed by the officer ..." one

After each commit one JSON line goes to stdout, flushed:

    {"update": 7, "action": 3, "text": "...", "status": "done"}

The officer stops after COUNT updates, or once the chair has finished (the file
CHAIR_DONE_FILE exists) and no action is left open. Any exception ends the process
with a traceback on stderr, which the test reports.
"""

from __future__ import annotations

import json
import random
import sys
import time
from pathlib import Path

import peewee as pw

from wardpanel import services
from wardpanel.core.models import OPEN_ACTION_STATUSES, Action
from wardpanel.core.storage.database import open_database

CLOSE_CHANCE = 0.35
IDLE = 0.005  # seconds to wait when the chair has agreed no new action yet


def next_action() -> Action | None:
    return (
        Action.select(Action.id, Action.status)
        .where(Action.status.in_(OPEN_ACTION_STATUSES))
        .order_by(pw.fn.random())
        .first()
    )


def work_on(rng: random.Random, action: Action, number: int) -> tuple[int, str, str]:
    if action.status == "open":
        text, status = f"Progress {number}: officers visited.", "in_progress"
        update = services.add_action_update(action.id, text, status=status)
    elif rng.random() < CLOSE_CHANCE:
        text, status = f"Closed by the officer ({number}).", "done"
        update = services.close_action(action.id, text)
    else:
        text, status = f"Progress {number}: still in hand.", "in_progress"
        update = services.add_action_update(action.id, text)
    return update.id, text, status


def main(db_path: str, seed: int, count: int, chair_done: Path) -> None:
    rng = random.Random(seed)
    open_database(db_path)
    done = 0
    while done < count:
        action = next_action()
        if action is None:
            if chair_done.exists():
                break
            time.sleep(IDLE)
            continue
        done += 1
        update_id, text, status = work_on(rng, action, done)
        line = {"update": update_id, "action": action.id, "text": text, "status": status}
        sys.stdout.write(json.dumps(line) + "\n")
        sys.stdout.flush()


if __name__ == "__main__":
    main(sys.argv[1], int(sys.argv[2]), int(sys.argv[3]), Path(sys.argv[4]))
