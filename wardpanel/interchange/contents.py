"""What a meeting file holds once read and checked: plain values, no database.

Text is cleaned, dates are dates, times are HH:MM, enumerations are spelled as stored,
positions (`question`, `priority`) are 1-based and known to exist in the same file,
and figures are kept as the digits the file wrote. `importing` writes these.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass, field


@dataclass
class Attendee:
    """One entry of the attendance. No `name` but a `role`: an expected post nobody
    filled ("Borough Commander")."""

    name: str
    role: str
    organisation: str
    status: str
    reason: str = ""
    stands_in_for: str = ""
    arrived: str = ""
    departed: str = ""
    absence_category: str = ""
    first_time: bool = False
    named: bool = False


@dataclass
class Response:
    organisation: str
    responder: str
    text: str
    internal: bool = False


@dataclass
class Question:
    asked_by: str
    anonymous: bool
    topic: str
    text: str
    responses: list[Response]
    kind: str = "question"
    outcome: str = ""
    referred_to: str = ""
    internal: bool = False


@dataclass
class Update:
    """An update of an action or of a recommendation."""

    date: dt.date
    text: str
    status: str | None


@dataclass
class Action:
    text: str
    owner: str
    organisation: str
    due: dt.date | None
    status: str
    question: int | None
    updates: list[Update]
    agreed_due: dt.date | None = None  # the due date agreed, when `due` has moved since
    priority: int | None = None
    internal: bool = False
    ref: str = ""  # its reference as printed ("HS-12"); "" for the panel's next one


@dataclass
class Note:
    heading: str
    text: str
    internal: bool = False


@dataclass
class Priority:
    text: str
    status: str
    set_by: str = "panel"
    lead: str = ""
    measure: str = ""
    review_by: dt.date | None = None


@dataclass
class Recommendation:
    text: str
    to: str
    source: str  # `from`: who made it
    response_due: dt.date | None
    response_due_as_said: str
    status: str
    response: str
    updates: list[Update]


@dataclass
class Figure:
    """A number reported at the meeting; `value` and `previous` are the digits as stored
    ("43", "38.5", "-3"), which a dump writes back as the same JSON numbers."""

    category: str
    value: str
    previous: str | None
    period: str
    unit: str
    note: str


@dataclass
class MeetingFile:
    """One file, read and checked: what `importing` writes; `label` names it in messages."""

    label: str
    version: int
    panel_name: str
    ward: str
    borough: str
    title: str
    date: dt.date
    start: str
    venue: str
    chair: str
    status: str
    next_meeting: dt.date | None
    publish_residents: str | None = None  # None: the file does not say
    panel_code: str = ""  # "" when the file does not say
    approved_on: dt.date | None = None
    approved_by: str = ""
    previous_agreed: bool | None = None
    previous_amendments: str = ""
    attendance: list[Attendee] = field(default_factory=list)
    notes: list[Note] = field(default_factory=list)
    questions: list[Question] = field(default_factory=list)
    actions: list[Action] = field(default_factory=list)
    priorities: list[Priority] = field(default_factory=list)
    recommendations: list[Recommendation] = field(default_factory=list)
    figures: list[Figure] = field(default_factory=list)
