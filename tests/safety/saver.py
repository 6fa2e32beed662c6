"""A chair saving items into one meeting without pause, until the process is killed.

Run by the kill test in a process of its own, forked from a server process that has
imported this module (and so the data layer) once: a new Python and its imports cost
about 0.15 s of CPU, two hundred times over, where a fork costs a few milliseconds.

The process waits for the word to begin (`go` on its orders pipe) before it opens the
database: the test starts the next saver while the previous one is still saving. It
sends `ready` on its acknowledgements pipe once the database is open, then, after each
save has returned (and so is committed), one message naming what was saved:

    {"kind": "question", "id": 12, "text": "...", "heading": ""}

A message cut short by the kill never arrives whole, and so is never acknowledged.

Each save is one call to the services layer: a question, a response to an earlier
question, an action or a note. Texts vary from a few words to tens of thousands of
characters, in several paragraphs and several scripts, already in the form the
services store (so the stored text must equal the acknowledged one exactly).
"""

from __future__ import annotations

import json
import random
from multiprocessing.connection import Connection

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


def acknowledge(acks: Connection, kind: str, item_id: int, text: str, heading: str = "") -> None:
    message = json.dumps({"kind": kind, "id": item_id, "text": text, "heading": heading})
    acks.send_bytes(message.encode())


def save_one(acks: Connection, rng: random.Random, meeting_id: int, questions: list[int]) -> None:
    kind = rng.choice(("question", "response", "action", "note"))
    text = some_text(rng)
    if kind == "response" and questions:
        response = services.add_response(
            rng.choice(questions), text, organisation="Metropolitan Police"
        )
        acknowledge(acks, "response", response.id, text)
    elif kind == "action":
        action = services.add_action(
            meeting_id, text, owner="Dana Shah", organisation="Waltham Forest Council"
        )
        acknowledge(acks, "action", action.id, text)
    elif kind == "note":
        heading = paragraph(rng, 3)[:-1]
        note = services.add_note(meeting_id, heading, text)
        acknowledge(acks, "note", note.id, text, heading)
    else:
        question = services.add_question(meeting_id, text, asker=rng.choice(ASKERS))
        questions.append(question.id)
        acknowledge(acks, "question", question.id, text)


def main(db_path: str, seed: int, orders: Connection, acks: Connection) -> None:
    rng = random.Random(seed)
    try:
        orders.recv_bytes()
    except EOFError:
        return  # the test has gone without giving the word to begin
    open_database(db_path)
    meeting = the_meeting()
    acks.send_bytes(b"ready")
    questions: list[int] = []
    for _ in range(MOST_SAVES):
        save_one(acks, rng, meeting.id, questions)
