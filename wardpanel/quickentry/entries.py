"""What a quick-entry line means: the entries `parse` returns and `apply` files.

Plain frozen dataclasses, shared by the grammar (which builds them from a line, touching
no database) and the filing (which stores them through the services).
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass
from typing import ClassVar


@dataclass(frozen=True)
class PersonRef:
    """Someone named on a line: a name, optionally their role and organisation.

    On an attendance line also: who they stood in for, and whether it is their first
    meeting; a `name` of "" with a `role` is an expected post nobody filled."""

    name: str
    role: str = ""
    organisation: str = ""
    substitute_for: str = ""
    first_time: bool = False


@dataclass(frozen=True)
class Entry:
    """One understood line; `section` names where it is filed."""

    section: ClassVar[str] = ""


@dataclass(frozen=True)
class AttendanceEntry(Entry):
    section: ClassVar[str] = "attendance"
    status: str  # present, apologies or absent
    people: tuple[PersonRef, ...]
    reason: str = ""
    arrived: str = ""  # HH:MM: a late arrival ("late 19:40: …")
    departed: str = ""  # HH:MM: an early departure ("left 20:30: …")


@dataclass(frozen=True)
class QuestionEntry(Entry):
    section: ClassVar[str] = "questions"
    text: str
    asker: str = ""
    anonymous: bool = False
    topic: str = ""
    internal: bool = False  # "#internal": left out of published minutes


@dataclass(frozen=True)
class ResponseEntry(Entry):
    """A response; `question` is the question's number in the meeting, None for the latest."""

    section: ClassVar[str] = "questions"
    text: str
    organisation: str
    responder: PersonRef | None = None
    question: int | None = None
    internal: bool = False  # "#internal": left out of published minutes


@dataclass(frozen=True)
class ResponseMoreEntry(Entry):
    """More paragraphs for the meeting's latest response (``r+ …``)."""

    section: ClassVar[str] = "questions"
    text: str
    internal: bool = False  # "#internal": left out of published minutes


@dataclass(frozen=True)
class ActionEntry(Entry):
    """An action; linked to question number `question`, or the latest when asked."""

    section: ClassVar[str] = "actions"
    text: str
    owner: PersonRef | None = None
    due: dt.date | None = None
    question: int | None = None
    latest_question: bool = False
    priority: int | None = None  # "#p2": the meeting's priority 2, as the minutes list them
    internal: bool = False  # "#internal": left out of published minutes


@dataclass(frozen=True)
class NoteEntry(Entry):
    section: ClassVar[str] = "notes"
    text: str
    heading: str = ""
    internal: bool = False  # "#internal": left out of published minutes


@dataclass(frozen=True)
class PriorityEntry(Entry):
    section: ClassVar[str] = "priorities"
    text: str


@dataclass(frozen=True)
class StatementEntry(Entry):
    """A statement from the floor: read like a question, no answer expected."""

    section: ClassVar[str] = "questions"
    text: str
    speaker: str = ""
    anonymous: bool = False
    topic: str = ""
    internal: bool = False  # "#internal": left out of published minutes


@dataclass(frozen=True)
class OutcomeEntry(Entry):
    """What came of question number `question` (None: the latest)."""

    section: ClassVar[str] = "questions"
    outcome: str
    referred_to: str = ""
    question: int | None = None


@dataclass(frozen=True)
class FigureEntry(Entry):
    """A number reported at the meeting, its digits as typed ("43", "-38")."""

    section: ClassVar[str] = "figures"
    category: str
    value: str
    previous: str | None = None
    period: str = ""
    unit: str = ""
    note: str = ""


@dataclass(frozen=True)
class PreviousMinutesEntry(Entry):
    """Whether the previous meeting's minutes were agreed as a correct record at this
    one, with any amendments ("minutes agreed: …")."""

    section: ClassVar[str] = "meeting"
    agreed: bool
    amendments: str = ""
