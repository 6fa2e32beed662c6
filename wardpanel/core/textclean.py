"""Cleaning text at the one boundary where it enters the database.

Whatever the chair pastes is stored as the chair meant it: line breaks and tabs are
kept, while terminal escape sequences, control characters, NUL bytes, lone surrogates
and the two non-characters U+FFFE and U+FFFF (which PostgreSQL, Word documents and
terminals refuse) are removed.

Two smaller helpers serve the same boundary: `storable` keeps a draft exactly as typed
less what no database can hold (NUL, lone surrogates: SQLite's driver and PostgreSQL
both refuse them outright), and `excerpt` and `quoted` show a value inside a message safely.
"""

from __future__ import annotations

import re
import unicodedata

# CSI, OSC and other ESC-introduced sequences a terminal paste may carry. A string
# sequence (OSC, DCS...) goes only with its terminator: one left open is a stray byte,
# and taking it to the end would take every word after it; its ESC and introducer go
# as a two-byte escape instead, and the words stay.
_ESCAPE_SEQUENCE = re.compile(
    r"""
    \x1b\[[0-?]*[ -/]*[@-~]          # CSI ... final byte
    | \x1b\][^\x07\x1b]*(?:\x07|\x1b\\)    # OSC ... BEL or ST
    | \x1b[PX^_][^\x1b]*\x1b\\       # DCS, SOS, PM, APC ... ST
    | \x1b[@-Z\\-_]                  # two-byte escapes
    | \x9b[0-?]*[ -/]*[@-~]          # 8-bit CSI
    """,
    re.VERBOSE,
)
_CONTROL = re.compile(r"[\x00-\x08\x0b\x0c\x0e-\x1f\x7f-\x9f]")
# Lone surrogates, and the two code points XML 1.0 (hence Word) cannot hold.
_NOT_TEXT = re.compile(r"[\ud800-\udfff\ufffe\uffff]")
_UNSTORABLE = re.compile(r"[\x00\ud800-\udfff]")
_SHOWN_CHARACTERS = 60
_SPACES_BEFORE_NEWLINE = re.compile(r"[ \t]+\n")
_MANY_BLANK_LINES = re.compile(r"\n{3,}")


def without_terminal_codes(value: str) -> str:
    """Text exactly as pasted, less terminal escape sequences, control characters and
    what no text can hold; line breaks (as \\n) and tabs are kept."""
    text = value.replace("\r\n", "\n").replace("\r", "\n")
    text = _ESCAPE_SEQUENCE.sub("", text)
    text = _CONTROL.sub("", text)
    return _NOT_TEXT.sub("", text)


def clean_text(value: str | None) -> str:
    """Text for a multi-line field: paragraphs kept, junk removed, ends trimmed."""
    if value is None:
        return ""
    text = unicodedata.normalize("NFC", without_terminal_codes(value))
    text = _SPACES_BEFORE_NEWLINE.sub("\n", text)
    text = _MANY_BLANK_LINES.sub("\n\n", text)
    return text.strip()


def clean_line(value: str | None) -> str:
    """Text for a one-line field such as a name: whitespace runs become one space."""
    text = clean_text(value)
    return " ".join(text.split())


def paragraphs(text: str) -> list[str]:
    """The paragraphs of a stored text, split on blank lines."""
    return [part.strip() for part in text.split("\n\n") if part.strip()]


def storable(value: str) -> str:
    """Text as typed, less the characters no database can store (NUL, lone surrogates)."""
    return _UNSTORABLE.sub("", value)


def excerpt(value: object, limit: int = _SHOWN_CHARACTERS) -> str:
    """A value as a one-line message shows it: short, every character printable (the
    rest written as \\uXXXX, so a pasted escape sequence shows but cannot act)."""
    try:
        text = str(value)
    except ValueError:  # an integer too long for Python to write out (over 4,300 digits)
        return "a number too long to show"
    if len(text) > limit:
        text = text[: limit - 1] + "…"
    return "".join(ch if ch.isprintable() else f"\\u{ord(ch):04x}" for ch in text)


def quoted(value: object, limit: int = _SHOWN_CHARACTERS) -> str:
    """`excerpt` in single quotes: how a message quotes a value it refuses."""
    return f"'{excerpt(value, limit)}'"
