"""Property-based tests: arbitrary text, dates and sizes against what the chair relies on.

Profiles (choose with HYPOTHESIS_PROFILE; `ci` by default):
- `ci`: a bounded number of examples, derandomised (the same examples every run, so a
  failure is reproducible from the test's name alone), no deadline (a shared CI machine
  is slow at times, and a timing is never a pass/fail criterion here);
- `thorough`: many random examples, for a night's run; a failure prints the seed and a
  blob to replay it with `@reproduce_failure`.

State between examples: every test takes the `record` fixture once (a fresh database
per engine, holding one meeting with one of everything), and each example runs inside
`one_example()`, a transaction rolled back at the end, so no example sees another's
rows. That is why Hypothesis's warning about function-scoped fixtures is switched off
in these profiles: the fixture is shared on purpose and its state is reset by rollback.
The services' own transactions nest inside as savepoints, which roll back on a refusal
exactly as their top-level transactions do.
"""

from __future__ import annotations

import os
import unicodedata
from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import dataclass
from typing import Any

import peewee as pw
import pytest
from hypothesis import HealthCheck, settings

from wardpanel import services
from wardpanel.core.models import (
    ALL_MODELS,
    Action,
    Attendance,
    Draft,
    Meeting,
    Note,
    Panel,
    Priority,
    Question,
    Response,
)
from wardpanel.core.storage.database import db

# too_slow: some examples build texts of two million characters on purpose.
_SHARED = {
    "deadline": None,
    "suppress_health_check": [HealthCheck.function_scoped_fixture, HealthCheck.too_slow],
}
settings.register_profile(
    "ci", max_examples=40, derandomize=True, database=None, print_blob=True, **_SHARED
)
settings.register_profile("thorough", max_examples=1_000, print_blob=True, **_SHARED)
settings.load_profile(os.environ.get("HYPOTHESIS_PROFILE", "ci"))

# The longest message a refusal may print: one line on any terminal.
LONGEST_MESSAGE = 240


@dataclass
class Record:
    """The record an example starts from: a panel's meeting with one of everything."""

    panel: Panel
    meeting: Meeting
    later: Meeting
    attendance: Attendance
    question: Question
    response: Response
    action: Action
    note: Note
    priority: Priority


@pytest.fixture
def record(database: str) -> Record:
    """A meeting with one of everything, stored once for the whole test."""
    panel = services.create_panel("Marsh Lane Ward Panel", "Marsh Lane", "Waltham Forest")
    meeting = services.create_meeting(panel.id, "2026-09-17", venue="Community centre")
    question = services.add_question(meeting.id, "Who mends the lights?", "Ada Okafor")
    return Record(
        panel=panel,
        meeting=meeting,
        later=services.create_meeting(panel.id, "2026-12-10"),
        attendance=services.record_attendance(
            meeting.id, "Tom Reid", "Sergeant", "Metropolitan Police"
        ),
        question=question,
        response=services.add_response(question.id, "The council will.", "Marsh Council"),
        action=services.add_action(
            meeting.id, "Report back on patrols", "Tom Reid", "Metropolitan Police"
        ),
        note=services.add_note(meeting.id, "Police update", "Two arrests."),
        priority=services.add_priority(meeting.id, "Phone thefts at the station"),
    )


@contextmanager
def one_example() -> Iterator[None]:
    """One example's changes, in a transaction rolled back when the example ends."""
    with db.atomic() as transaction:
        yield
        transaction.rollback()


def snapshot() -> dict[str, list[str]]:
    """Every row of every table (the search index and migrations' table included)."""
    rows = {}
    for table in sorted(db.get_tables()):
        cursor = db.execute_sql(f'SELECT * FROM "{table}"')
        rows[table] = sorted(repr(row) for row in cursor.fetchall())
    return rows


# -- what "clean" means ---------------------------------------------------------------


def is_clean_text(value: str) -> bool:
    """Stored multi-line text: no control character but newline and tab, no lone
    surrogate or XML-invalid character, NFC, no whitespace at either end."""
    for char in value:
        if char in "\n\t":
            continue
        if unicodedata.category(char) in ("Cc", "Cs") or char in "\ufffe\uffff":
            return False
    return unicodedata.is_normalized("NFC", value) and value == value.strip()


def is_clean_line(value: str) -> bool:
    """Stored one-line text: clean, on one line, single spaces only."""
    return is_clean_text(value) and value == " ".join(value.split())


def assert_everything_stored_is_clean() -> None:
    """Every text column of every record is clean (drafts are kept raw by design)."""
    for model in ALL_MODELS:
        if model is Draft:
            continue
        fields = [
            field
            for field in model._meta.sorted_fields
            if isinstance(field, (pw.CharField, pw.TextField))
        ]
        for row in model.select(*fields).tuples():
            for field, value in zip(fields, row, strict=True):
                if value is None:
                    continue
                check = is_clean_line if isinstance(field, pw.CharField) else is_clean_text
                assert check(value), f"{model.__name__}.{field.name} holds {value!r}"


def is_one_plain_line(message: str) -> bool:
    """A message fit for any terminal: one line, no control character, no surrogate
    (format characters such as a right-to-left mark in a name are kept, as typed)."""
    return not any(unicodedata.category(char) in ("Cc", "Cs", "Zl", "Zp") for char in message)


def assert_clearly_refused(error: services.InputError) -> None:
    """A refusal names its field and says what is wrong on one plain line."""
    assert error.field and error.message
    text = f"{error.field}: {error.message}"
    assert is_one_plain_line(text), f"not one plain line: {text!r}"
    assert len(text) <= LONGEST_MESSAGE, f"a refusal of {len(text)} characters"


def attempt(call: Any) -> Any:
    """Run a service. Refused: the refusal is clear and nothing stored changed (None is
    returned). Accepted: everything stored is clean, and the result is returned."""
    before = snapshot()
    try:
        result = call()
    except services.InputError as error:
        assert_clearly_refused(error)
        assert snapshot() == before, "a refused input changed what is stored"
        return None
    assert_everything_stored_is_clean()
    return result
