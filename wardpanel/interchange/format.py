"""The `wardpanel-meeting` format itself: its name, version, keys and refusals.

Everything the reader and the writer of meeting files must agree on lives here, so
that a key added to version 1 is added once (INTERFACES.md, section 2).
"""

from __future__ import annotations

import json
from typing import Any

from wardpanel.core.errors import UserError

FORMAT = "wardpanel-meeting"
VERSION = 1
DEFAULT_TITLE = "Ward panel meeting"

# The keys each object of a file may hold, in the order a dump writes them.
TOP_KEYS = ("format", "version", "panel", "meeting", "attendance", "notes", "questions",
            "actions", "priorities")  # fmt: skip
PANEL_KEYS = ("name", "ward", "borough")
MEETING_KEYS = ("title", "date", "start", "venue", "chair", "status", "next_meeting")
ATTENDEE_KEYS = ("name", "role", "organisation", "status", "reason")
NOTE_KEYS = ("heading", "text")
QUESTION_KEYS = ("asked_by", "anonymous", "topic", "text", "responses")
RESPONSE_KEYS = ("organisation", "responder", "text")
ACTION_KEYS = ("text", "owner", "organisation", "due", "status", "question", "updates")
UPDATE_KEYS = ("date", "text", "status")
PRIORITY_KEYS = ("text", "status", "set_by")

# A quoted value longer than this is cut: a message stays one readable line.
SHOWN_CHARACTERS = 60


class InterchangeError(UserError):
    """A meeting file refused, or a meeting that cannot be dumped.

    The message is one line naming the file, the key path (list positions counted
    from 1) and the value at fault: `meeting.json: actions[3].due: '2026-02-30' is
    not a real date`. `file` and `key` hold those parts on their own.
    """

    def __init__(self, message: str, *, file: str = "", key: str = "") -> None:
        super().__init__(message)
        self.file = file
        self.key = key


def printable(text: str) -> str:
    """Text safe to print on any terminal: control characters and surrogates escaped."""
    return "".join(ch if ch.isprintable() else f"\\u{ord(ch):04x}" for ch in text)


def show(value: Any) -> str:
    """A value as a message quotes it: short, on one line, printable."""
    if isinstance(value, dict):
        return "an object"
    if isinstance(value, list):
        return "a list"
    if isinstance(value, str):
        text = value
        if len(text) > SHOWN_CHARACTERS:
            text = text[: SHOWN_CHARACTERS - 3] + "..."
        return f"'{printable(text)}'"
    return printable(json.dumps(value))


def child(path: str, key: str) -> str:
    """The key path of `key` inside the object at `path` ('' is the file's top level)."""
    return f"{path}.{key}" if path else key
