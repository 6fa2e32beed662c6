"""The chair in the three-process test: enters items into meetings as fast as it can.

Run as a child process:  python chair.py DB SEED COUNT MEETING_ID [MEETING_ID ...]

Each item (a question, a response, an action or a note) is saved together with the
meeting's "Tally" note in one transaction, so the tally always states what the meeting
holds: a document read at one moment must show exactly as many items as its tally
says. After each commit one JSON line goes to stdout, flushed:

    {"kind": "question", "id": 12, "meeting": 1, "text": "..."}

Any exception (a "database is locked" included) ends the process with a traceback on
stderr, which the test reports.
"""

from __future__ import annotations

import json
import random
import sys

from wardpanel import services
from wardpanel.core.models import Note, Question
from wardpanel.core.storage.database import db, open_database

TALLY = "Tally"
KINDS = ("question", "response", "action", "note")
WORDS = ("patrols", "lighting", "gate", "bus", "scooters", "café", "Łódź", "CCTV", "arch")


def tally_text(counts: dict[str, int]) -> str:
    return "; ".join(f"{kind}s {counts[kind]}" for kind in KINDS)


def counts_in(tally: Note) -> dict[str, int]:
    """What the tally says now (the chair is the only one adding to these meetings)."""
    counts = dict.fromkeys(KINDS, 0)
    for part in tally.text.split("; "):
        kind, number = part.rsplit(" ", 1)
        counts[kind.removesuffix("s")] = int(number)
    return counts


def save_item(rng: random.Random, meeting_id: int, number: int) -> tuple[str, int, str]:
    """One item and the tally, in one transaction."""
    words = " ".join(rng.choice(WORDS) for _ in range(rng.randint(3, 40)))
    text = f"Item {number} from the chair: {words}."
    with db.atomic():
        tally = Note.get(Note.meeting == meeting_id, Note.heading == TALLY)
        counts = counts_in(tally)
        kind = rng.choice(KINDS)
        questions = [
            q.id for q in Question.select(Question.id).where(Question.meeting == meeting_id)
        ]
        if kind == "response" and not questions:
            kind = "question"
        if kind == "question":
            item = services.add_question(meeting_id, text, asker="Jo Bright")
        elif kind == "response":
            item = services.add_response(rng.choice(questions), text, "Metropolitan Police")
        elif kind == "action":
            item = services.add_action(
                meeting_id, text, owner="Dana Shah", organisation="Metropolitan Police"
            )
        else:
            item = services.add_note(meeting_id, f"Note {number}", text)
        counts[kind] += 1
        services.update_note(tally.id, TALLY, tally_text(counts))
    return kind, item.id, text


def main(db_path: str, seed: int, count: int, meeting_ids: list[int]) -> None:
    rng = random.Random(seed)
    open_database(db_path)
    for number in range(1, count + 1):
        meeting_id = rng.choice(meeting_ids)
        kind, item_id, text = save_item(rng, meeting_id, number)
        line = {"kind": kind, "id": item_id, "meeting": meeting_id, "text": text}
        sys.stdout.write(json.dumps(line) + "\n")
        sys.stdout.flush()


if __name__ == "__main__":
    main(sys.argv[1], int(sys.argv[2]), int(sys.argv[3]), [int(a) for a in sys.argv[4:]])
