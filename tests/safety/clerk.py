"""The clerk in the three-process test: exports again and again while others save.

Run as a child process:  python clerk.py DB SEED OUT_DIR STOP_FILE MEETING_ID [...]

Each export is a `wardpanel` command run as a clerk's script would run it (minutes,
the follow-up action list, or a meeting file from `wardpanel dump`), through the
command line's own entry point, into OUT_DIR. After each one, one JSON line goes to
stdout, flushed:

    {"kind": "minutes", "meeting": 2, "file": "/.../0007-minutes.docx"}

The clerk stops once STOP_FILE exists (the chair and the officer have finished), or
after MOST_EXPORTS. A command that fails ends the process: its message (or a
traceback) is on stderr, which the test reports.
"""

from __future__ import annotations

import contextlib
import io
import json
import random
import sys
from pathlib import Path

from wardpanel.cli import main as wardpanel
from wardpanel.core.storage.database import db

MOST_EXPORTS = 400
AS_OF = "2026-06-01"


def run(*args: str) -> None:
    """One `wardpanel` command in this process; its usual output is not needed."""
    with contextlib.redirect_stdout(io.StringIO()):
        wardpanel.main(args=list(args), prog_name="wardpanel", standalone_mode=False)
    db.close()  # each command opens the database afresh, as a new process would


def main(db_path: str, seed: int, out: Path, stop: Path, meeting_ids: list[int]) -> None:
    rng = random.Random(seed)
    for number in range(1, MOST_EXPORTS + 1):
        if stop.exists():
            break
        kind = rng.choice(("minutes", "actions", "dump"))
        meeting = rng.choice(meeting_ids)
        if kind == "minutes":
            target = out / f"{number:04d}-minutes.docx"
            run("--db", db_path, "export", "minutes", str(meeting), "-o", str(target))
        elif kind == "actions":
            target = out / f"{number:04d}-actions.docx"
            run("--db", db_path, "export", "actions", "--as-of", AS_OF, "-o", str(target))
        else:
            target = out / f"{number:04d}-dump.json"
            run("--db", db_path, "dump", str(meeting), "-o", str(target))
        line = {"kind": kind, "meeting": meeting, "file": str(target)}
        sys.stdout.write(json.dumps(line) + "\n")
        sys.stdout.flush()


if __name__ == "__main__":
    main(
        sys.argv[1],
        int(sys.argv[2]),
        Path(sys.argv[3]),
        Path(sys.argv[4]),
        [int(a) for a in sys.argv[5:]],
    )
