"""The `wardpanel-meeting` format itself: its name, versions, keys, limits and refusals.

Everything the reader and the writer of meeting files must agree on lives here, so
that a key is added once (docs/meeting-file.md describes the format for people).

Version 2 adds keys to version 1's objects and two lists; a version 1 file keeps its
meaning, and a version 2 key in a file that says it is version 1 is refused (its
writer did not know the key). A dump writes version 2.
"""

from __future__ import annotations

import json
from dataclasses import dataclass
from typing import Any

from wardpanel.core.errors import UserError

FORMAT = "wardpanel-meeting"
VERSION = 2  # what a dump writes
VERSIONS = (1, 2)  # what an import reads
DEFAULT_TITLE = "Ward panel meeting"

# How large a file may be. The largest value the format holds is a text of 2,000,000
# characters (core.fields.MAX_TEXT); written with a JSON escape for every character
# (\u00e9, six bytes) it takes 12 MB. A file may hold five such texts' worth (64 MiB):
# more than any panel's meeting (70,000 questions with two answers each take about
# 50 MB), read with a few hundred MB of memory, while a file that never ends (/dev/zero,
# a log written to as it is read) is refused before it fills the machine.
MAX_FILE_BYTES = 64 * 1024 * 1024

# A number literal longer than this is never turned into a Python int: converting
# thousands of digits is slow (Python refuses past 4,300), and no key needs one so long
# (a figure has at most FIGURE_DIGITS digits: wardpanel.core.fields).
LONGEST_NUMBER = 40


@dataclass(frozen=True)
class Keys:
    """The keys one kind of object may hold: version 1's, then those version 2 added,
    each in the order a dump writes them."""

    first: tuple[str, ...]
    added: tuple[str, ...] = ()

    def of(self, version: int) -> tuple[str, ...]:
        """The keys a file of that version may use."""
        return self.first + self.added if version >= 2 else self.first


TOP = Keys(
    ("format", "version", "panel", "meeting", "attendance", "notes", "questions", "actions",
     "priorities"),
    ("recommendations", "figures"),
)  # fmt: skip
PANEL = Keys(("name", "ward", "borough"), ("publish_residents", "code"))
MEETING = Keys(
    ("title", "date", "start", "venue", "chair", "status", "next_meeting"),
    ("approved", "previous_minutes"),
)
# Objects found only in version 2 files list all their keys as `first`.
APPROVED = Keys(("on", "by"))
PREVIOUS_MINUTES = Keys(("agreed", "amendments"))
ATTENDEE = Keys(
    ("name", "role", "organisation", "status", "reason"),
    ("for", "arrived", "left", "absence_category", "first_time", "named"),
)
NOTE = Keys(("heading", "text"), ("internal",))
QUESTION = Keys(
    ("asked_by", "anonymous", "topic", "text", "responses"),
    ("kind", "outcome", "referred_to", "internal"),
)
RESPONSE = Keys(("organisation", "responder", "text"), ("internal",))
ACTION = Keys(
    ("text", "owner", "organisation", "due", "status", "question", "updates"),
    ("agreed_due", "priority", "internal", "ref"),
)
UPDATE = Keys(("date", "text", "status"))
PRIORITY = Keys(("text", "status", "set_by"), ("lead", "measure", "review_by"))
RECOMMENDATION = Keys(
    ("text", "to", "from", "response_due", "response_due_as_said", "status", "response",
     "updates")
)  # fmt: skip
FIGURE = Keys(("category", "value", "previous", "period", "unit", "note"))

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


@dataclass(frozen=True)
class JsonNumber:
    """A number of a file kept as the file wrote it (`38.5`, `1e3`, a thousand digits),
    for the keys that take decimals to check, and never converted where it is wrong."""

    literal: str


@dataclass(frozen=True)
class JsonConstant:
    """`NaN`, `Infinity` or `-Infinity`: Python's JSON reader takes them, JSON does not.
    Kept so that the key holding one is named when it is refused."""

    name: str


def printable(text: str) -> str:
    """Text safe to print on any terminal: control characters and surrogates escaped."""
    return "".join(ch if ch.isprintable() else f"\\u{ord(ch):04x}" for ch in text)


def shortened(text: str) -> str:
    if len(text) > SHOWN_CHARACTERS:
        return text[: SHOWN_CHARACTERS - 3] + "..."
    return text


def show(value: Any) -> str:
    """A value as a message quotes it: short, on one line, printable."""
    if isinstance(value, dict):
        return "an object"
    if isinstance(value, list):
        return "a list"
    if isinstance(value, str):
        return f"'{printable(shortened(value))}'"
    if isinstance(value, JsonNumber):
        if len(value.literal) > SHOWN_CHARACTERS:
            return f"a number of {len(value.literal):,} characters"
        return value.literal
    if isinstance(value, JsonConstant):
        return value.name
    return printable(shortened(json.dumps(value)))


def child(path: str, key: str) -> str:
    """The key path of `key` inside the object at `path` ('' is the file's top level)."""
    return f"{path}.{key}" if path else key
