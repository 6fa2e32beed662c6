"""The quick-entry line that says whether the previous meeting's minutes were agreed as
a correct record at this one, and with which amendments. Pure reading, like
wardpanel.quickentry.grammar (which hands these lines here)::

    minutes agreed
    minutes agreed: item 4 should read "Tannery Estate", not "Tannery Road"
    minutes agreed with amendments: the fun day is on 14 June
    previous minutes not agreed: the police update was left out
"""

from __future__ import annotations

import re

from wardpanel.quickentry.entries import PreviousMinutesEntry
from wardpanel.quickentry.errors import QuickEntryError

PREVIOUS_EXAMPLE = "minutes agreed, minutes agreed: item 4 should read …, or minutes not agreed"
_VERDICT = re.compile(
    r"^(?:minutes\s+)?(?P<not>not\s+)?(?:agreed|approved|accepted)"
    r"(?:\s+as\s+(?:a\s+)?(?:correct|true|accurate)\s+record)?"
    r"(?P<amended>,?\s*(?:(?:with\s+(?:the\s+|these\s+|an?\s+|one\s+)?amendments?)|as\s+amended|amended))?"
    r"\s*(?::\s*|\s+|$)",
    re.IGNORECASE,
)


def read_previous_minutes(rest: str) -> PreviousMinutesEntry:
    """`minutes [not] agreed [with amendments][: AMENDMENTS]`."""
    text = rest.strip()
    if text.startswith(":"):
        text = text[1:].strip()
    match = _VERDICT.match(text)
    if match is None:
        raise QuickEntryError(f"say whether the previous minutes were agreed: {PREVIOUS_EXAMPLE}")
    amendments = text[match.end() :].strip()
    if match["amended"] and not amendments:
        raise QuickEntryError(
            "write the amendments after a colon: minutes agreed: item 4 should read …"
        )
    return PreviousMinutesEntry(agreed=not match["not"], amendments=amendments)
