"""What a quick-entry line will become, said while it is typed.

It reads nothing from the database (the line is only parsed), and puts dates and counts
in words as every screen does (core.words), which is why it sits beside the grammar
rather than inside its no-database import contract.

Above all the date an action's "due …" was read as: "1/10" typed on 2 December is next
October, and the chair sees "due Fri 1 Oct 2027" before pressing Enter.
"""

from __future__ import annotations

import datetime as dt

from wardpanel.core.textclean import paragraphs
from wardpanel.core.words import day_date, plural, previous_minutes_short, status_lower
from wardpanel.quickentry.entries import (
    ActionEntry,
    AttendanceEntry,
    Entry,
    FigureEntry,
    NoteEntry,
    OutcomeEntry,
    PreviousMinutesEntry,
    PriorityEntry,
    QuestionEntry,
    ResponseEntry,
    ResponseMoreEntry,
    StatementEntry,
)
from wardpanel.quickentry.errors import QuickEntryError
from wardpanel.quickentry.grammar import parse


def preview(line: str, today: dt.date) -> tuple[str, bool] | None:
    """How the line reads so far, and whether its due date is in the past; None while
    it cannot be read yet (a line half typed is not an error)."""
    if not line.strip():
        return None
    try:
        entry = parse(line, today)
    except QuickEntryError:
        return None
    text = _describe(entry)
    past = False
    if isinstance(entry, ActionEntry):
        if entry.due is None:
            text += ", no due date"
        else:
            past = entry.due < today
            text += f", due {day_date(entry.due)}" + (" (in the past)" if past else "")
    if getattr(entry, "internal", False):
        text += ", internal (not published)"
    body = getattr(entry, "text", "")
    if len(paragraphs(body)) > 1:
        text += f" · {plural(len(paragraphs(body)), 'paragraph')}"
    return text, past


def _describe(entry: Entry) -> str:
    if isinstance(entry, AttendanceEntry):
        return f"{status_lower(entry.status)}: {plural(len(entry.people), 'person', 'people')}"
    if isinstance(entry, QuestionEntry):
        kind = "anonymous question" if entry.anonymous else "question"
        who = f" from {entry.asker}" if entry.asker and not entry.anonymous else ""
        topic = f" on {entry.topic}" if entry.topic else ""
        return f"{kind}{who}{topic}"
    if isinstance(entry, ResponseEntry):
        to = f"question {entry.question}" if entry.question else "the latest question"
        return f"response from {entry.organisation} to {to}"
    if isinstance(entry, ResponseMoreEntry):
        return "more of the latest response"
    if isinstance(entry, ActionEntry):
        owner = entry.owner
        who = f" for {owner.name}" if owner is not None else ""
        against = f", against priority {entry.priority}" if entry.priority else ""
        return f"action{who}{against}"
    if isinstance(entry, NoteEntry):
        return f"note '{entry.heading}'" if entry.heading else "note"
    if isinstance(entry, PriorityEntry):
        return "priority"
    if isinstance(entry, StatementEntry):
        return f"statement from {entry.speaker}" if entry.speaker else "statement from the floor"
    if isinstance(entry, OutcomeEntry):
        of = f"question {entry.question}" if entry.question else "the latest question"
        return f"outcome of {of}: {status_lower(entry.outcome)}"
    if isinstance(entry, PreviousMinutesEntry):
        return previous_minutes_short(entry.agreed, entry.amendments).lower()
    if isinstance(entry, FigureEntry):
        return f"figure: {entry.category} {entry.value}{entry.unit}"
    return ""
