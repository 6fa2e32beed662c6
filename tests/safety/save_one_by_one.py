"""A chair saving questions one by one until the database refuses: run as a child.

    python save_one_by_one.py DB MEETING_ID COUNT

The test runs it where saving must fail (a file size limit, a read-only folder). For
each save that returned, one JSON line with its id and text goes to stdout; at the
first refusal it prints `refused: ` and the plain message a chair would be shown, and
stops. Both are flushed at once. Exit status 0 either way: a refusal is not a crash.
"""

from __future__ import annotations

import json
import sys

import peewee

from wardpanel import services
from wardpanel.core.storage.database import DatabaseUnavailable, friendly_error, open_database


def main(db_path: str, meeting_id: int, count: int) -> None:
    try:
        open_database(db_path)
        for number in range(1, count + 1):
            text = f"Question {number}: when will the lights on the towpath be mended?"
            question = services.add_question(meeting_id, text, asker="Jo Bright")
            print(json.dumps({"id": question.id, "text": text}), flush=True)
    except DatabaseUnavailable as error:
        print(f"refused: {error}", flush=True)
    except peewee.DatabaseError as error:
        print(f"refused: {friendly_error(error)}", flush=True)


if __name__ == "__main__":
    main(sys.argv[1], int(sys.argv[2]), int(sys.argv[3]))
