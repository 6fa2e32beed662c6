"""Reading the dates and times a chair actually types.

Accepted: ISO dates (2026-05-01), UK day-first dates (1/5/2026, 01.05.26), a day and
month name (1 May, 1 May 2026, May 1), weekday names (friday, this fri, next fri), and
the words today, tomorrow, "in 2 weeks", "+10d".

Without a year, the nearest such date is meant; for a date that can only lie ahead (a
due date, the next meeting: `ahead=True`) the next such date, so "1/10" typed on
2 December is next October, never one already past. "friday" and "this friday" are the
coming Friday; "next friday" is the Friday of next week (typed on a Wednesday, nine
days on, not two).
"""

from __future__ import annotations

import datetime as dt
import re

from wardpanel.core.textclean import quoted

DATE_HELP = "use YYYY-MM-DD, DD/MM/YYYY, '1 May 2026', 'friday' or 'in 2 weeks'"

_MONTHS = {
    name: number
    for number, names in enumerate(
        [
            ("jan", "january"),
            ("feb", "february"),
            ("mar", "march"),
            ("apr", "april"),
            ("may",),
            ("jun", "june"),
            ("jul", "july"),
            ("aug", "august"),
            ("sep", "sept", "september"),
            ("oct", "october"),
            ("nov", "november"),
            ("dec", "december"),
        ],
        start=1,
    )
    for name in names
}
_WEEKDAYS = {
    name: number
    for number, names in enumerate(
        [
            ("mon", "monday"),
            ("tue", "tues", "tuesday"),
            ("wed", "wednesday"),
            ("thu", "thur", "thurs", "thursday"),
            ("fri", "friday"),
            ("sat", "saturday"),
            ("sun", "sunday"),
        ]
    )
    for name in names
}
_ISO = re.compile(r"^(\d{4})-(\d{1,2})-(\d{1,2})$")
_DAY_FIRST = re.compile(r"^(\d{1,2})[/.](\d{1,2})(?:[/.](\d{2}|\d{4}))?$")
_DAY_MONTH = re.compile(r"^(\d{1,2})(?:st|nd|rd|th)?\s+([a-z]+)\.?(?:\s+(\d{4}))?$")
_MONTH_DAY = re.compile(r"^([a-z]+)\.?\s+(\d{1,2})(?:st|nd|rd|th)?(?:,?\s+(\d{4}))?$")
_RELATIVE = re.compile(r"^(?:in\s+|\+)(\d{1,3})\s*(d|day|days|w|wk|week|weeks)$")
_TIME = re.compile(r"^(\d{1,2})(?:[:.](\d{2}))?\s*(am|pm)?$")


class DateError(ValueError):
    """A date or time that could not be read; the message says what to type."""


def _build(year: int, month: int, day: int, original: str) -> dt.date:
    try:
        return dt.date(year, month, day)
    except ValueError:
        raise DateError(f"{quoted(original)} is not a real date") from None


def _without_year(month: int, day: int, today: dt.date, original: str, ahead: bool) -> dt.date:
    """A day and month typed without a year: the one nearest today (5 Jan in December
    is next month, not eleven months ago), or with `ahead` the next one from today."""
    candidates = []
    # Ahead: up to four years on, so 29 February always has a year to fall in.
    years = range(today.year, today.year + 5) if ahead else range(today.year - 1, today.year + 2)
    for year in years:
        try:
            candidates.append(dt.date(year, month, day))
        except ValueError:
            continue
    if not candidates:
        raise DateError(f"{quoted(original)} is not a real date")
    if ahead:
        return min(d for d in candidates if d >= today)
    return min(candidates, key=lambda d: (abs((d - today).days), d < today))


def parse_date(text: str, today: dt.date | None = None, *, ahead: bool = False) -> dt.date:
    """Read a typed date; raise DateError naming the text when it cannot be read.

    `ahead`: the date can only lie ahead (a due date), so a date typed without a year
    is the next such date rather than the nearest.
    """
    today = today or dt.date.today()
    original = text.strip()
    value = " ".join(original.lower().replace(",", " ").split())
    if not value:
        raise DateError("a date is needed")
    if value in ("today", "tonight"):
        return today
    if value == "tomorrow":
        return today + dt.timedelta(days=1)
    if match := _ISO.match(value):
        year, month, day = (int(part) for part in match.groups())
        return _build(year, month, day, original)
    if match := _DAY_FIRST.match(value):
        day, month = int(match[1]), int(match[2])
        if not match[3]:
            return _without_year(month, day, today, original, ahead)
        year = int(match[3])
        if year < 100:
            year += 2000
        return _build(year, month, day, original)
    if match := _RELATIVE.match(value):
        count = int(match[1])
        days = count * 7 if match[2].startswith("w") else count
        return today + dt.timedelta(days=days)
    for pattern, day_group, month_group in ((_DAY_MONTH, 1, 2), (_MONTH_DAY, 2, 1)):
        if (match := pattern.match(value)) and match[month_group] in _MONTHS:
            month = _MONTHS[match[month_group]]
            day = int(match[day_group])
            if not match[3]:
                return _without_year(month, day, today, original, ahead)
            return _build(int(match[3]), month, day, original)
    weekday = value.removeprefix("next ").removeprefix("this ")
    if weekday in _WEEKDAYS:
        if value.startswith("next "):
            # The named day of next week (weeks start on Monday).
            next_monday = today + dt.timedelta(days=7 - today.weekday())
            return next_monday + dt.timedelta(days=_WEEKDAYS[weekday])
        days = (_WEEKDAYS[weekday] - today.weekday()) % 7 or 7
        return today + dt.timedelta(days=days)
    raise DateError(f"{quoted(original)} is not a date I can read: {DATE_HELP}")


def parse_time(text: str) -> str:
    """Read a typed time (19:00, 7pm, 7.30pm) and return it as HH:MM."""
    original = text.strip()
    match = _TIME.match(original.lower().replace(" ", ""))
    if not match:
        raise DateError(f"{quoted(original)} is not a time I can read: use HH:MM, e.g. 19:00")
    hour, minute = int(match[1]), int(match[2] or 0)
    if match[3] == "pm" and hour < 12:
        hour += 12
    elif match[3] == "am" and hour == 12:
        hour = 0
    if hour > 23 or minute > 59:
        raise DateError(f"{quoted(original)} is not a real time")
    return f"{hour:02d}:{minute:02d}"


def format_date(value: dt.date | None) -> str:
    """A date as people read it in minutes: 'Fri 10 Apr 2026'."""
    return f"{value:%a} {value.day} {value:%b %Y}" if value else ""
