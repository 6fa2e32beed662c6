"""The quick-entry line, fed anything a chair could type or paste into it.

Properties:
- `parse` returns an entry or raises `QuickEntryError` (a message on one plain line,
  saying what to type instead), and nothing else;
- `apply` never raises for any text (only a failure of the database itself would): a
  line it cannot file is kept word for word in the meeting's notes, so every word of
  every line that holds one is stored; an empty line changes nothing;
- everything stored is clean, and the message shown to the chair is one plain line;
- lines written in the grammar read back as written.
"""

from __future__ import annotations

import datetime as dt

from hypothesis import given
from hypothesis import strategies as st

from tests.property.conftest import (
    LONGEST_MESSAGE,
    assert_everything_stored_is_clean,
    is_one_plain_line,
    one_example,
    snapshot,
)
from tests.property.strategies import FRAGMENTS, text
from wardpanel import quickentry
from wardpanel.core.models import Note
from wardpanel.core.textclean import clean_line, clean_text
from wardpanel.quickentry import ActionEntry, NoteEntry, QuestionEntry, QuickEntryError
from wardpanel.services import UNFILED_HEADING

KEYWORDS = tuple(quickentry._READERS)  # every word the grammar starts a line with


def grammar_line() -> st.SearchStrategy[str]:
    """A line that starts like quick entry and goes on with anything, brackets, colons,
    reasons and due dates among it, so every reader is reached."""
    start = st.tuples(
        st.sampled_from(KEYWORDS),
        st.sampled_from(["", " ", ":", " 2", " #3", "^", "0", " 99999"]),
    ).map("".join)
    parts = st.lists(st.one_of(text(3), st.sampled_from(FRAGMENTS)), max_size=10)
    return st.tuples(start, parts).map(lambda t: t[0] + " " + "".join(t[1]))


LINES = st.one_of(text(), grammar_line())
TODAY = st.dates(min_value=dt.date(1900, 1, 1), max_value=dt.date(9000, 12, 31))


@given(line=LINES, today=TODAY)
def test_a_line_is_read_or_refused_with_a_plain_message(line, today):
    try:
        quickentry.parse(line, today)
    except QuickEntryError as error:
        message = str(error)
        assert is_one_plain_line(message) and len(message) <= 2 * LONGEST_MESSAGE


@given(line=LINES, today=TODAY)
def test_every_line_is_filed_or_kept_and_never_raises(record, line, today):
    with one_example():
        before = snapshot()
        outcome = quickentry.apply(record.meeting.id, line, today)
        assert is_one_plain_line(outcome.message)
        assert_everything_stored_is_clean()
        if not clean_text(line):
            assert not outcome.saved
            assert snapshot() == before
            return
        assert outcome.saved and snapshot() != before
        if not outcome.understood:
            kept = (
                Note.select()
                .where(Note.meeting == record.meeting.id, Note.heading == UNFILED_HEADING)
                .order_by(Note.id)
            )
            assert "\n\n".join(note.text for note in kept).endswith(clean_text(line))


# -- lines in the grammar read back as written -----------------------------------------------

# Words without the characters the grammar gives a meaning to.
PLAIN = st.text(
    st.characters(
        codec="utf-8",
        categories=("L", "N", "Zs"),
        exclude_characters="()[]:,;&#^?+-–—",
    ),
    min_size=1,
    max_size=30,
).filter(lambda s: any(ch.isalpha() for ch in s) and len(s.split()) <= 6)
SENTENCE = st.text(
    st.characters(codec="utf-8", exclude_categories=("Cc", "Cs", "Zl", "Zp")),
    min_size=1,
    max_size=80,
).filter(lambda s: clean_text(s) and ":" not in s)


@given(asker=PLAIN, topic=PLAIN, question=SENTENCE)
def test_a_question_line_reads_back_as_written(asker, topic, question):
    if clean_line(asker).split()[0].lower() in ("anon", "anonymous"):
        return
    entry = quickentry.parse(f"q {asker} [{topic}]: {question}")
    assert isinstance(entry, QuestionEntry)
    assert (entry.asker, entry.topic, entry.text) == (
        clean_line(asker),
        clean_line(topic),
        clean_text(question),
    )


@given(owner=PLAIN, organisation=PLAIN, action=SENTENCE, due=st.dates())
def test_an_action_line_reads_back_with_its_owner_and_due_date(owner, organisation, action, due):
    if clean_line(organisation).lower() in ("resident", "residents"):
        return
    line = f"a {owner} (Sergeant, {organisation}): {action} due {due.isoformat()}"
    entry = quickentry.parse(line)
    assert isinstance(entry, ActionEntry)
    assert entry.due == due
    assert (entry.owner.name, entry.owner.organisation) == (
        clean_line(owner),
        clean_line(organisation),
    )


@given(heading=PLAIN, note=SENTENCE)
def test_a_note_line_reads_back_under_its_heading(heading, note):
    entry = quickentry.parse(f"n {heading}: {note}")
    assert isinstance(entry, NoteEntry)
    if len(clean_line(heading)) <= quickentry.MAX_HEADING:
        assert (entry.heading, entry.text) == (clean_line(heading), clean_text(note))
