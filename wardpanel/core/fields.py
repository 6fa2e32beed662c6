"""Reading one field of the record from what a user typed or a file held.

Every writer (the services a chair's screen calls, the meeting-file importer) reads
its input through these, so a name, a paragraph, a date, a time or a status is
accepted, cleaned and refused in the same way wherever it comes from. A refusal is an
InputError naming the field, raised before anything is written.
"""

from __future__ import annotations

import datetime as dt
import re
from decimal import Decimal, InvalidOperation
from typing import Any

import peewee as pw

from wardpanel.core.dates import DateError, parse_date, parse_time
from wardpanel.core.errors import InputError
from wardpanel.core.people import normal_name
from wardpanel.core.textclean import clean_line, clean_text, quoted

# A one-line field is a VARCHAR(255) column (Peewee's CharField), which PostgreSQL
# enforces and SQLite does not: the limit is the same on both.
MAX_LINE = 255
MAX_TEXT = 2_000_000
# A figure has at most this many digits in all, before and after the point: every such
# number survives being held as a double (as JSON readers and spreadsheets hold
# numbers) and reads back with the same digits.
FIGURE_DIGITS = 15
# A number as JSON writes it: 43, -3, 38.5, 1.2e3.
_NUMBER = re.compile(r"-?(?:0|[1-9][0-9]*)(\.[0-9]+)?([eE][+-]?[0-9]+)?")
_LONGEST_NUMBER = 40


def line(value: str | None, field: str, *, required: bool = False) -> str:
    """A cleaned one-line value; InputError when required and empty or too long."""
    text = clean_line(value)
    if required and not text:
        raise InputError(field, "cannot be empty")
    if len(text) > MAX_LINE:
        raise InputError(field, f"is {len(text):,} characters long; the limit is {MAX_LINE}")
    return text


def name_value(value: str | None, field: str, *, required: bool = False) -> str:
    """A person's, an organisation's or a panel's name as it is stored: a cleaned line in
    its normal form (wardpanel.core.people.normal_name: NFKC, invisible format
    characters such as U+200B or U+FEFF removed), so that names which look alike are
    one name, found and erased as one."""
    text = normal_name(line(value, field))
    if required and not text:
        raise InputError(field, "cannot be empty")
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


def figure_value(value: str | None, field: str, *, required: bool = False) -> str | None:
    """A figure (43, 38.5, -3) as stored: the digits of a whole number, or a decimal in
    plain notation with its point ("38.50", "1000.0" for 1e3), so that it reads back as
    the same number of the same kind. None for nothing when allowed; InputError for
    text that is not a number or has more than FIGURE_DIGITS digits."""
    text = (value or "").strip()
    if not text:
        if required:
            raise InputError(field, "a number is needed")
        return None
    too_large = f"is too large for a figure (at most {FIGURE_DIGITS} digits)"
    if len(text) > _LONGEST_NUMBER and text.lstrip("-").isdigit():
        raise InputError(field, too_large)
    if len(text) > _LONGEST_NUMBER or not _NUMBER.fullmatch(text):
        raise InputError(field, "is not a number such as 43, 38.5 or -3")
    try:
        _, digits, exponent = Decimal(text).as_tuple()
    except InvalidOperation:  # an exponent past what any decimal can hold
        raise InputError(field, too_large) from None
    assert isinstance(exponent, int)  # a finite number, by the pattern above
    before_point = max(len(digits) + exponent, 0)
    after_point = max(-exponent, 0)
    if before_point > FIGURE_DIGITS:
        raise InputError(field, too_large)
    if before_point + after_point > FIGURE_DIGITS:
        raise InputError(field, f"has too many digits for a figure (at most {FIGURE_DIGITS})")
    if text.lstrip("-").isdigit():
        return str(int(text))
    plain = format(Decimal(text), "f")
    return plain if "." in plain else f"{plain}.0"


def get_or_refuse(model: type[pw.Model], item_id: int, what: str) -> Any:
    """The row of `model` with that id; InputError naming `what` when there is none."""
    try:
        return model.get_by_id(item_id)
    except model.DoesNotExist:
        raise InputError(what, f"no {what} with id {item_id}") from None
