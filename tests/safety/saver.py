"""A chair saving items into one meeting without pause, until the process is killed.

Run as a child process by the kill test:  python saver.py DB SEED

It imports only the data layer (no Textual), so it starts quickly, and then waits for
a line on stdin before it opens the database: the test starts the next saver while the
previous one is still saving. It prints `ready` once the database is open, then, after
each save has returned (and so is committed), one JSON line naming what was saved,
flushed at once:

    {"kind": "question", "id": 12, "text": "...", "heading": ""}

Each save is one call to the services layer: a question, a response to an earlier
question, an action or a note. Texts vary from a few words to tens of thousands of
characters, in several paragraphs and several scripts, already in the form the
services store (so the stored text must equal the printed one exactly).
"""

from __future__ import annotations

import json
import random
import sys

from wardpanel import services
from wardpanel.core.models import Meeting, Panel
from wardpanel.core.storage.database import open_database

PANEL = "Kill Test Ward Panel"
MEETING_DATE = "2026-05-14"
WORDS = (
    "patrols", "lighting", "the", "park", "gate", "bus", "stop", "scooters", "café",
    "Łódź", "naïve", "résumé", "Straße", "Ōsaka", "شارع", "дорога", "道路", "🚲", "£40",
    "12%", "résidents", "alley", "CCTV", "knife", "arch", "youth", "club", "o'clock",
)  # fmt: skip
ASKERS = ("Jo Bright", "Sam Adeyemi", "Zofia Nowak", "")
# A safety bound: the test kills the process long before this.
MOST_SAVES = 100_000


def paragraph(rng: random.Random, words: int) -> str:
    return " ".join(rng.choice(WORDS) for _ in range(words)).capitalize() + "."


def some_text(rng: random.Random) -> str:
    """Mostly a few sentences; now and then a long answer (many pages of the file)."""
    long_one = rng.random() < 0.08
    paragraphs = rng.randint(3, 12) if long_one else rng.randint(1, 3)
    words = 600 if long_one else 25
    return "\n\n".join(paragraph(rng, rng.randint(1, words)) for _ in range(paragraphs))


def the_meeting() -> Meeting:
    """The test's meeting, created on the first run (each step is its own save)."""
    panel = Panel.get_or_none(Panel.name == PANEL) or services.create_panel(PANEL)
    meeting = Meeting.get_or_none(Meeting.panel == panel)
    return meeting or services.create_meeting(panel.id, MEETING_DATE, carry_forward=False)


def acknowledge(kind: str, item_id: int, text: str, heading: str = "") -> None:
    line = json.dumps({"kind": kind, "id": item_id, "text": text, "heading": heading})
    sys.stdout.write(line + "\n")
    sys.stdout.flush()


def save_one(rng: random.Random, meeting_id: int, questions: list[int]) -> None:
    kind = rng.choice(("question", "response", "action", "note"))
    text = some_text(rng)
    if kind == "response" and questions:
        response = services.add_response(
            rng.choice(questions), text, organisation="Metropolitan Police"
        )
        acknowledge("response", response.id, text)
    elif kind == "action":
        action = services.add_action(
            meeting_id, text, owner="Dana Shah", organisation="Waltham Forest Council"
        )
        acknowledge("action", action.id, text)
    elif kind == "note":
        heading = paragraph(rng, 3)[:-1]
        note = services.add_note(meeting_id, heading, text)
        acknowledge("note", note.id, text, heading)
    else:
        question = services.add_question(meeting_id, text, asker=rng.choice(ASKERS))
        questions.append(question.id)
        acknowledge("question", question.id, text)


def main(db_path: str, seed: int) -> None:
    rng = random.Random(seed)
    if not sys.stdin.readline():
        return  # the test has gone without giving the word to begin
    open_database(db_path)
    meeting = the_meeting()
    print("ready", flush=True)
    questions: list[int] = []
    for _ in range(MOST_SAVES):
        save_one(rng, meeting.id, questions)


if __name__ == "__main__":
    main(sys.argv[1], int(sys.argv[2]))
