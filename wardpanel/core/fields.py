"""Reading one field of the record from what a user typed or a file held.

Every writer (the services a chair's screen calls, the meeting-file importer) reads
its input through these, so a name, a paragraph, a date, a time or a status is
accepted, cleaned and refused in the same way wherever it comes from. A refusal is an
InputError naming the field, raised before anything is written.
"""

from __future__ import annotations

import datetime as dt
from typing import Any

import peewee as pw

from wardpanel.core.dates import DateError, parse_date, parse_time
from wardpanel.core.errors import InputError
from wardpanel.core.textclean import clean_line, clean_text, quoted

# A one-line field is a VARCHAR(255) column (Peewee's CharField), which PostgreSQL
# enforces and SQLite does not: the limit is the same on both.
MAX_LINE = 255
MAX_TEXT = 2_000_000


def line(value: str | None, field: str, *, required: bool = False) -> str:
    """A cleaned one-line value; InputError when required and empty or too long."""
    text = clean_line(value)
    if required and not text:
        raise InputError(field, "cannot be empty")
    if len(text) > MAX_LINE:
        raise InputError(field, f"is {len(text):,} characters long; the limit is {MAX_LINE}")
    return text


def long_text(value: str | None, field: str, *, required: bool = False) -> str:
    """A cleaned multi-line value with its paragraphs kept."""
    text = clean_text(value)
    if required and not text:
        raise InputError(field, "cannot be empty")
    if len(text) > MAX_TEXT:
        raise InputError(field, f"is {len(text):,} characters long; the limit is {MAX_TEXT:,}")
    return text


def date_value(
    value: dt.date | str | None, field: str, *, required: bool = False, ahead: bool = False
) -> dt.date | None:
    """A date from a date object or typed text; None for empty when allowed. `ahead`: a
    date that can only lie ahead (a due date), read as core.dates.parse_date says."""
    if isinstance(value, dt.date):
        return value
    if value is None or not str(value).strip():
        if required:
            raise InputError(field, "a date is needed")
        return None
    try:
        return parse_date(str(value), ahead=ahead)
    except DateError as error:
        raise InputError(field, str(error)) from None


def time_value(value: str | None, field: str = "start") -> str:
    """A typed time (19:00, 7pm, 7.30pm) as HH:MM; "" for none."""
    if value is None or not str(value).strip():
        return ""
    try:
        return parse_time(str(value))
    except DateError as error:
        raise InputError(field, str(error)) from None


def choice(value: str | None, allowed: tuple[str, ...], field: str, default: str) -> str:
    """One of `allowed`, read in any case with spaces or hyphens for underscores;
    `default` when nothing is given."""
    text = (value or default).strip().lower().replace(" ", "_").replace("-", "_")
    if text not in allowed:
        raise InputError(field, f"{quoted(value)} is not one of {', '.join(allowed)}")
    return text


def get_or_refuse(model: type[pw.Model], item_id: int, what: str) -> Any:
    """The row of `model` with that id; InputError naming `what` when there is none."""
    try:
        return model.get_by_id(item_id)
    except model.DoesNotExist:
        raise InputError(what, f"no {what} with id {item_id}") from None
