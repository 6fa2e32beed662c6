"""An action's due date, written at the end of its quick-entry line ("due 1 May")."""

from __future__ import annotations

import datetime as dt
import re

from wardpanel.core.dates import DATE_HELP, DateError, parse_date
from wardpanel.quickentry.errors import QuickEntryError

# "due"/"by" is looked for this near the end of an action, so a long paste stays fast.
DUE_WINDOW = 60

_DUE_WORD = re.compile(r"(?<![^\s,;(])(?:due|by)(?:\s*:\s*|\s+)", re.IGNORECASE)
_NUMERIC_DATE = re.compile(r"\d{1,4}(?:[-/.]\d{1,4}){1,2}")
_MONTH_WORDS = frozenset(
    (
        *("jan", "january", "feb", "february", "mar", "march", "apr", "april", "may"),
        *("jun", "june", "jul", "july", "aug", "august", "sep", "sept", "september"),
        *("oct", "october", "nov", "november", "dec", "december"),
    )
)


def looks_like_a_date(text: str) -> bool:
    value = text.lower()
    if _NUMERIC_DATE.fullmatch(value):
        return True
    words = value.replace(",", " ").split()
    return (
        len(words) <= 3
        and any(char.isdigit() for char in value)
        and any(word.rstrip(".") in _MONTH_WORDS for word in words)
    )


def split_due(body: str, today: dt.date | None) -> tuple[str, dt.date | None]:
    """An action's text and the due date written at its end ("due 1 May", "by friday")."""
    window = max(0, len(body) - DUE_WINDOW)
    candidates = list(_DUE_WORD.finditer(body, window))
    impossible: DateError | None = None
    impossible_text = ""
    for match in reversed(candidates):
        when = body[match.end() :].strip().rstrip(".)").strip()
        if when.lower().startswith("the "):
            when = when[4:]
        if not when:
            continue
        try:
            due = parse_date(when, today, ahead=True)
        except DateError as error:
            if impossible is None and looks_like_a_date(when):
                impossible, impossible_text = error, when
            continue
        return body[: match.start()].rstrip(" ,;(-–—"), due
    if impossible is not None:
        raise QuickEntryError(f"the due date: {impossible}; {DATE_HELP}", fault=impossible_text)
    return body, None
