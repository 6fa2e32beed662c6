"""What the properties are fed: any text, any date, any size, and the nastiest pastes.

Text is drawn from every code point (controls, NUL, lone surrogates and unassigned ones
included) mixed with fragments a real paste brings: terminal escape sequences (colour,
clear screen, window title, hyperlinks, 8-bit CSI), Windows line ends, right-to-left
marks and overrides, emoji sequences, combining accents, and the punctuation the
quick-entry grammar reads.
"""

from __future__ import annotations

import datetime as dt

from hypothesis import strategies as st

from wardpanel.services import MAX_LINE, MAX_TEXT

EVERY_CHARACTER = st.characters(codec=None, exclude_categories=())

FRAGMENTS = (
    "\x00",
    "\x1b[31m",
    "\x1b[2J\x1b[H",
    "\x1b]0;window title\x07",
    "\x1b]8;;https://example.org\x1b\\link\x1b]8;;\x1b\\",
    "\x1bP+q544e\x1b\\",
    "\x9b1m",
    "\x1b",
    "\x7f",
    "\x85",
    "\r\n",
    "\r",
    "\t",
    "\n",
    "\n\n",
    "\u200f",
    "\u202e",
    "\u2028",
    "\ufeff",
    "\ufffe",
    "\uffff",
    "\ud800",
    "\udfff",
    "🚓",
    "👩🏽‍⚖️",
    "שלום",
    "مرحبا",
    "e\u0301",
    "Ａｌｉ",
    "İstanbul",
    "Straße",
    "  ",
    "'",
    '"',
    ":",
    "(",
    ")",
    "[",
    "]",
    ",",
    ";",
    " - ",
    " and ",
    " due ",
    " by ",
    "anon ",
    "#",
    "^",
    "Jo Bright",
    "Metropolitan Police",
)


def text(max_pieces: int = 12) -> st.SearchStrategy[str]:
    """Arbitrary text: runs of any characters and nasty fragments, in any order."""
    piece = st.one_of(st.text(EVERY_CHARACTER, max_size=8), st.sampled_from(FRAGMENTS))
    return st.lists(piece, max_size=max_pieces).map("".join)


def around(limit: int) -> st.SearchStrategy[str]:
    """Text just under, at and just over a length limit, counted before or after
    cleaning: a repeated unit (some of which cleaning shrinks) and a nasty tail."""
    units = st.sampled_from(["a", "é", "🚓", "e\u0301", "a\x00", "a ", "\u202e"])
    return st.builds(
        lambda unit, extra, tail: unit * (limit + extra) + tail,
        units,
        st.integers(-2, 2),
        text(3),
    )


def line_input() -> st.SearchStrategy[str]:
    """What may be typed into a one-line field (a name, a title, a topic)."""
    return st.one_of(text(), around(MAX_LINE))


def long_input() -> st.SearchStrategy[str]:
    """What may be typed or pasted into a long-text field."""
    return text(24)


def huge_input() -> st.SearchStrategy[str]:
    """A paste right around the two-million-character limit of a long-text field."""
    return around(MAX_TEXT)


def optional(strategy: st.SearchStrategy) -> st.SearchStrategy:
    return st.one_of(st.none(), strategy)


def status_input(allowed: tuple[str, ...]) -> st.SearchStrategy[str]:
    """An enumeration as typed: exact, in other cases and spellings, or anything."""
    spelled = st.sampled_from(allowed).flatmap(
        lambda value: st.sampled_from(
            [value, value.upper(), value.replace("_", " "), value.replace("_", "-"), f" {value} "]
        )
    )
    return st.one_of(spelled, text(4))


ODD_DATES = (
    *("today", "tomorrow", "friday", "next fri", "29 feb", "31/2", "0/0", "31 June 2026"),
    *("٣/٤/٢٠٢٦", "2026-04-10\n", "２０２６-０４-１０", " ", ""),
)


def date_input() -> st.SearchStrategy[object]:
    """A date as a chair or a program gives it: a date, typed forms, nonsense."""
    day = st.dates()
    return st.one_of(
        st.none(),
        day,
        day.map(dt.date.isoformat),
        day.map(lambda d: f"{d.day}/{d.month}/{d.year}"),
        day.map(lambda d: f"{d.day} {d:%B} {d.year}"),
        day.map(lambda d: f"{d:%b} {d.day}, {d.year}"),
        st.tuples(st.integers(0, 99), st.integers(0, 99), st.integers(0, 99_999)).map(
            lambda t: f"{t[0]}/{t[1]}/{t[2]}"
        ),
        st.integers(0, 99_999).map(lambda n: f"in {n} weeks"),
        st.integers(0, 99_999).map(lambda n: f"+{n}d"),
        st.sampled_from(ODD_DATES),
        text(6),
    )


def time_input() -> st.SearchStrategy[str]:
    return st.one_of(
        st.sampled_from(["19:00", "7pm", "7.30pm", "12am", "24:00", "19:60", "１９:００", ""]),
        st.tuples(st.integers(0, 99), st.integers(0, 99)).map(lambda t: f"{t[0]}:{t[1]:02d}"),
        text(4),
    )
