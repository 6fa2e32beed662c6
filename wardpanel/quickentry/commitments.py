"""Quick-entry lines for what a meeting commits to beyond questions and actions:
figures, question outcomes and statements from the floor; and an action's ``#p2``.
Pure reading, like wardpanel.quickentry.grammar (which hands these lines here)::

    fig Burglary 14 was 20
    fig Section 60 searches 43 (12 hours) note 14 arrests
    fig Knife crime -38% (six months)
    o unanswered                      the latest question
    o2 referred to the council's ASB team
    o3 written reply
    s Jane Doe [Parking]: Cars block the school gates every morning.
"""

from __future__ import annotations

import re

from wardpanel.quickentry.entries import FigureEntry, OutcomeEntry
from wardpanel.quickentry.errors import QuickEntryError

FIGURE_EXAMPLE = "fig Burglary 14 was 20, or fig Section 60 searches 43 (12 hours) note 14 arrests"
OUTCOME_EXAMPLE = "o answered, o2 taken away, o referred to 101, o written reply, o unanswered"

_NUMBER = r"[-+−]?\d[\d,]*(?:\.\d+)?"
_FIGURE = re.compile(
    rf"^(?P<category>.+?)\s+(?P<value>{_NUMBER})\s*(?P<unit>%)?"
    r"(?:\s*\((?P<period>[^()]*)\))?"
    rf"(?:\s*,?\s+(?:was|previously|previous|prev)\s+(?P<previous>{_NUMBER})\s*%?)?$",
    re.IGNORECASE,
)
_NOTE = re.compile(r"\s+(?:note|notes)\s*:?\s+", re.IGNORECASE)
_OUTCOME_WORDS = {
    "answered": "answered",
    "answer": "answered",
    "taken away": "taken_away",
    "taken_away": "taken_away",
    "take away": "taken_away",
    "away": "taken_away",
    "referred": "referred",
    "refer": "referred",
    "written reply": "written_reply",
    "written_reply": "written_reply",
    "written": "written_reply",
    "reply to follow": "written_reply",
    "unanswered": "unanswered",
    "not answered": "unanswered",
}
_PRIORITY_TAG = re.compile(r"(?:^|\s)#p\s?(\d{1,4})\b", re.IGNORECASE)


def _digits(text: str) -> str:
    """A typed number as stored: no thousands commas, a plain minus sign, no plus."""
    return text.replace(",", "").replace("−", "-").lstrip("+")


def read_figure(rest: str) -> FigureEntry:
    """`fig CATEGORY VALUE[%] [(PERIOD)] [was PREVIOUS] [note TEXT]`."""
    text = rest.strip()
    if text.startswith(":"):
        text = text[1:].strip()
    note = ""
    split = _NOTE.search(text)
    if split is not None:
        text, note = text[: split.start()], text[split.end() :].strip()
    match = _FIGURE.match(text.strip())
    if match is None:
        raise QuickEntryError(f"a figure is a category, then its number: {FIGURE_EXAMPLE}")
    previous = match["previous"]
    return FigureEntry(
        category=" ".join(match["category"].rstrip(":").split()),
        value=_digits(match["value"]),
        previous=_digits(previous) if previous else None,
        period=" ".join((match["period"] or "").split()),
        unit="%" if match["unit"] else "",
        note=note,
    )


def read_outcome(number: int | None, rest: str) -> OutcomeEntry:
    """`o [N] answered | taken away | referred [to] WHERE | written reply | unanswered`."""
    words = " ".join(rest.strip().lstrip(":").split())
    lowered = words.lower()
    for phrase in sorted(_OUTCOME_WORDS, key=len, reverse=True):
        if lowered == phrase or lowered.startswith(phrase + " "):
            outcome = _OUTCOME_WORDS[phrase]
            after = words[len(phrase) :].strip()
            if outcome != "referred":
                if after:
                    raise QuickEntryError(
                        f"only a referral takes more words ('{phrase}' is all): {OUTCOME_EXAMPLE}"
                    )
                return OutcomeEntry(outcome=outcome, question=number)
            if after.lower().startswith("to "):
                after = after[3:].strip()
            return OutcomeEntry(outcome=outcome, referred_to=after, question=number)
    raise QuickEntryError(f"say what came of the question: {OUTCOME_EXAMPLE}")


def take_priority_tag(text: str) -> tuple[str, int | None]:
    """An action's text without its ``#p2``, and the priority number (None without)."""
    match = _PRIORITY_TAG.search(text)
    if match is None:
        return text, None
    number = int(match[1])
    if number < 1:
        raise QuickEntryError("priorities are numbered from 1, as the minutes list them: #p1")
    return (text[: match.start()].rstrip() + " " + text[match.end() :].lstrip()).strip(), number
