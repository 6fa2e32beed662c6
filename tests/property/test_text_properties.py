"""Cleaning text at the boundary, and describing errors for the log, for any text.

Properties of wardpanel.core.textclean:
- `clean_text` and `clean_line` give clean text for any input (no control character
  but newline and tab, no lone surrogate, nothing XML or Word refuses, NFC, trimmed),
  cleaning twice changes nothing (so a dump imported again stays the same), and what
  was typed in letters, digits, punctuation, symbols, spaces and format marks (emoji,
  right-to-left marks) is kept, word for word, even after an escape sequence left open;
- `storable` removes exactly NUL and lone surrogates, and its result can be encoded;
- `quoted` shows any value on one plain, short line.

Property of wardpanel.app.terminal: an error's description for the log holds the message
of no exception but the interpreter's code-naming errors, and even then no quoted text
that is not an identifier.
"""

from __future__ import annotations

import re
import unicodedata

import docx
from hypothesis import example, given
from hypothesis import strategies as st

from tests.property.conftest import is_clean_line, is_clean_text, is_one_plain_line
from tests.property.strategies import text
from wardpanel.app.terminal import describe_error
from wardpanel.core.textclean import clean_line, clean_text, quoted, storable

SURROGATE = re.compile("[\ud800-\udfff]")
# What a chair types: every category but controls, surrogates, private use and
# unassigned code points; line and paragraph separators are not typed either.
TYPED = st.text(
    st.characters(
        codec=None,
        exclude_categories=("Cc", "Cs", "Co", "Cn", "Zl", "Zp"),
        exclude_characters="\ufffe\uffff",
    ),
    max_size=40,
)
WORD_DOCUMENT = docx.Document()


@given(value=text(24))
@example(value="Phone thefts\uffff at the station\ufffe")
def test_cleaned_text_is_clean_and_cleaning_again_changes_nothing(value):
    cleaned = clean_text(value)
    assert is_clean_text(cleaned)
    assert clean_text(cleaned) == cleaned
    line = clean_line(value)
    assert is_clean_line(line)
    assert clean_line(line) == line
    cleaned.encode("utf-8")  # strict: nothing a database or a file refuses
    WORD_DOCUMENT.add_paragraph(cleaned)  # python-docx refuses XML-invalid text


@given(value=TYPED)
def test_what_is_typed_is_kept_word_for_word(value):
    typed = unicodedata.normalize("NFC", value)
    assert clean_line(value) == " ".join(typed.split())
    assert clean_text(value).split() == typed.split()


PLAIN_WORDS = st.lists(
    st.text(st.characters(codec="utf-8", categories=("L", "N")), min_size=1, max_size=10),
    min_size=1,
    max_size=8,
).map(" ".join)


@given(
    before=PLAIN_WORDS,
    # String sequences and a bare ESC. (An open CSI is different: "CSI SP t" is a whole
    # control sequence to a terminal, so its final byte goes with it, as on screen.)
    stray=st.sampled_from(["\x1b]", "\x1bP", "\x1bX", "\x1b^", "\x1b_", "\x1b"]),
    after=PLAIN_WORDS,
)
@example(before="Phone", stray="\x1b]", after="thefts at the station")
def test_a_stray_escape_never_takes_the_words_after_it(before, stray, after):
    """An escape sequence left open (a paste cut short) loses no word after it."""
    cleaned = clean_text(f"{before} {stray} {after}")
    expected = unicodedata.normalize("NFC", f"{before} {after}")
    assert cleaned.split() == expected.split()


@given(value=text(24))
def test_a_draft_loses_only_what_no_database_can_hold(value):
    kept = storable(value)
    assert kept == SURROGATE.sub("", value).replace("\x00", "")
    kept.encode("utf-8")


@given(value=st.one_of(text(24), st.integers(), st.none()))
def test_a_quoted_value_is_one_short_plain_line(value):
    shown = quoted(value)
    assert is_one_plain_line(shown) and shown.isprintable()
    # At most 60 characters shown, each written at worst as \\u10ffff, in quotes.
    assert len(shown) <= 2 + 60 * 8


WORD = st.text(st.characters(codec="utf-8", categories=("L", "N")), min_size=4, max_size=12)
# A resident's name or words of a question: at least two words, so never an identifier.
SECRET = st.tuples(WORD, WORD).map(" ".join)


@given(secret=SECRET, kind=st.sampled_from([ValueError, KeyError, RuntimeError, OSError]))
def test_the_log_never_holds_a_data_error_message(secret, kind):
    try:
        raise kind(f"could not store {secret}")
    except Exception as error:
        described = describe_error(error)
    assert secret not in described
    assert kind.__name__ in described


@given(secret=SECRET)
def test_the_log_blanks_quoted_text_in_a_code_error(secret):
    try:
        raise AttributeError(f"'{secret}' object has no attribute 'text'")
    except AttributeError as error:
        described = describe_error(error)
    assert secret not in described
    assert "has no attribute 'text'" in described
