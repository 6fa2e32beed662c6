"""Attendance lines: who was there, exactly.

    present: Jane Doe, PC Dan Hill (Metropolitan Police) for Sgt Tom Reid
    present: Sam Okoro (Hoe Street Residents, first time)
    late 19:40: Cllr Marsh             (present, arrived 19:40)
    left 20:30: Insp Kane              (present, left at 20:30)
    regrets: Cllr Ann Lee - at another meeting
    absent: Borough Commander (Metropolitan Police) - abstracted to other duties

A "name" that is only a post or a rank ("Borough Commander", "Sgt") is an expected post
nobody filled: allowed for apologies and absences, refused for someone present. The
reason after " - " is kept for apologies and absences, and the kind of absence it says
(abstracted, training, leave, sickness, incident) is recorded with it when filed
(core.words.absence_category_of).
Pure text: nothing here reads the database.
"""

from __future__ import annotations

import datetime as dt
import re

from wardpanel.core.people import is_post
from wardpanel.quickentry.entries import AttendanceEntry, PersonRef
from wardpanel.quickentry.errors import QuickEntryError
from wardpanel.quickentry.pieces import (
    NAME_SEPARATOR,
    REASON_SEPARATOR,
    bracket_depths,
    drop_leading_colon,
    person_ref,
    shortened,
    top_level,
)

# More names than this on one line is a paste of something else.
MAX_PEOPLE = 60
ATTENDANCE_WORDS = {
    "present": "present",
    "regrets": "apologies",
    "apologies": "apologies",
    "apology": "apologies",
    "apols": "apologies",
    "absent": "absent",
    "late": "present",
    "left": "present",
}
_EXAMPLES = {
    "present": "present+ Jane Doe, PC Dan Hill (Metropolitan Police) for Sgt Tom Reid",
    "apologies": "regrets+ Cllr Ann Lee (Lambeth Council) - at another meeting",
    "absent": "absent: Borough Commander (Metropolitan Police) - abstracted to other duties",
    "late": "late 19:40: Cllr Marsh",
    "left": "left 20:30: Insp Kane",
}
_CLOCK = re.compile(r"\s*(?:at\s+)?([01]?\d|2[0-3])[:.]([0-5]\d)\s*(?::|\s|$)", re.IGNORECASE)
_STANDING_IN = re.compile(r"\s+(?:for|standing in for|instead of)\s+", re.IGNORECASE)
FIRST_TIME_WORDS = frozenset({"first time", "first meeting", "new", "first-time"})


def read_attendance(word: str, rest: str, today: dt.date | None) -> AttendanceEntry:
    """Read the names (and, for late/left, the time) after an attendance word."""
    keyword = word.rstrip("+")
    status = ATTENDANCE_WORDS[keyword]
    example = _EXAMPLES.get(keyword, _EXAMPLES[status])
    arrived = departed = ""
    if keyword in ("late", "left"):
        clock = _CLOCK.match(rest)
        if clock is None:
            raise QuickEntryError(f"write the time after '{keyword}': {example}")
        at = f"{int(clock[1]):02d}:{clock[2]}"
        arrived, departed = (at, "") if keyword == "late" else ("", at)
        rest = rest[clock.end() :]
    rest = drop_leading_colon(rest)
    positions, depths, balanced = bracket_depths(rest)
    if not balanced:
        raise QuickEntryError(f"a bracket is not closed or not opened: {example}")
    reason = ""
    separator = next(top_level(REASON_SEPARATOR, rest, positions, depths), None)
    if separator is not None:
        if status == "present":
            raise QuickEntryError(
                "only apologies and absences take a reason; write just the names: "
                f"{example}, or absent: Name - reason"
            )
        reason = rest[separator.end() :].strip()
        rest = rest[: separator.start()]
    names = []
    start = 0
    for match in top_level(NAME_SEPARATOR, rest, positions, depths):
        names.append(rest[start : match.start()])
        start = match.end()
    names.append(rest[start:])
    names = [name for name in names if name.strip()]
    if not names:
        raise QuickEntryError(f"write who, after the word: {example}")
    if len(names) > MAX_PEOPLE:
        raise QuickEntryError(
            f"{len(names)} names on one line is too many (at most {MAX_PEOPLE}): split them "
            "over several lines"
        )
    people = tuple(_attendee(name, status, example) for name in names)
    return AttendanceEntry(
        status=status,
        people=people,
        reason=reason,
        arrived=arrived,
        departed=departed,
    )


def _attendee(spec: str, status: str, example: str) -> PersonRef:
    """One attendee: ``Name (Role, Organisation, first time) for Someone Else``."""
    positions, depths, _ = bracket_depths(spec)
    standing_in = next(top_level(_STANDING_IN, spec, positions, depths), None)
    stood_in_for = ""
    if standing_in is not None:
        stood_in_for = person_ref(spec[standing_in.end() :]).name
        spec = spec[: standing_in.start()]
        if status != "present":
            raise QuickEntryError(f"only someone present stands in for another: {example}")
    first_time = False
    opening = spec.find("(")
    if opening >= 0 and spec.rstrip().endswith(")"):
        parts = [part.strip() for part in spec[opening + 1 : spec.rstrip().rfind(")")].split(",")]
        kept = [part for part in parts if part.casefold() not in FIRST_TIME_WORDS]
        if len(kept) < len(parts):
            first_time = True
            spec = spec[:opening] + (f"({', '.join(kept)})" if any(kept) else "")
    ref = person_ref(spec)
    if is_post(ref.name):
        if status == "present":
            raise QuickEntryError(
                f"'{shortened(ref.name)}' is a post, not a person: write who came, as in "
                f"{_EXAMPLES['present']}",
                fault=ref.name,
            )
        # An expected post nobody filled: its title is its role.
        return PersonRef("", ref.name, ref.organisation)
    return PersonRef(ref.name, ref.role, ref.organisation, stood_in_for, first_time)
