"""The quick-entry line: one typed line, filed in the right section of a meeting.

- `grammar`: the chair's one-line grammar (its docstring is the full description);
  `parse` reads a line into an entry and touches no database;
- `attendance`: attendance lines (substitutes, late arrivals, early departures, first
  times, posts nobody filled, reasons); `pieces`: what lines share (names in brackets);
- `entries`: what a line means, the entries `parse` returns;
- `preview`: what a line will become, said while it is typed;
- `due`, `errors`: an action's due date; the error a refused line carries;
- `filing`: `apply` files a line in one transaction, and keeps a line it cannot file
  word for word in the meeting's notes under "Unfiled quick entry".

See docs/quick-entry.md for the chair's version.
"""

from wardpanel.quickentry.attendance import MAX_PEOPLE
from wardpanel.quickentry.due import DUE_WINDOW
from wardpanel.quickentry.entries import (
    ActionEntry,
    AttendanceEntry,
    Entry,
    FigureEntry,
    NoteEntry,
    OutcomeEntry,
    PersonRef,
    PreviousMinutesEntry,
    PriorityEntry,
    QuestionEntry,
    ResponseEntry,
    ResponseMoreEntry,
    StatementEntry,
)
from wardpanel.quickentry.errors import QuickEntryError
from wardpanel.quickentry.filing import Outcome, apply

# Every word a line may start with; the tests walk them all.
from wardpanel.quickentry.grammar import _READERS as _READERS
from wardpanel.quickentry.grammar import (
    ANONYMOUS_WORDS,
    GRAMMAR_HELP,
    MAX_HEADING,
    SECTIONS,
    parse,
)
from wardpanel.quickentry.pieces import (
    MAX_NAME_WORDS,
    NO_ORGANISATION_WORDS,
    ROLE_PHRASES,
    ROLE_WORDS,
)
from wardpanel.quickentry.preview import preview

__all__ = [
    "ANONYMOUS_WORDS",
    "DUE_WINDOW",
    "GRAMMAR_HELP",
    "MAX_HEADING",
    "MAX_NAME_WORDS",
    "MAX_PEOPLE",
    "NO_ORGANISATION_WORDS",
    "ROLE_PHRASES",
    "ROLE_WORDS",
    "SECTIONS",
    "ActionEntry",
    "AttendanceEntry",
    "Entry",
    "FigureEntry",
    "NoteEntry",
    "Outcome",
    "OutcomeEntry",
    "PersonRef",
    "PreviousMinutesEntry",
    "PriorityEntry",
    "QuestionEntry",
    "QuickEntryError",
    "ResponseEntry",
    "ResponseMoreEntry",
    "StatementEntry",
    "apply",
    "parse",
    "preview",
]
