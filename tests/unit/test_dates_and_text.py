"""Reading what chairs type: dates, times, pasted text."""

from __future__ import annotations

import datetime as dt

import pytest

from wardpanel.core.dates import DateError, parse_date, parse_time
from wardpanel.core.textclean import clean_line, clean_text

TODAY = dt.date(2026, 11, 21)  # a Saturday


@pytest.mark.parametrize(
    ("typed", "expected"),
    [
        ("2026-05-01", dt.date(2026, 5, 1)),
        ("1/5/2026", dt.date(2026, 5, 1)),
        ("01.05.26", dt.date(2026, 5, 1)),
        ("1/5/26", dt.date(2026, 5, 1)),
        ("1 May 2026", dt.date(2026, 5, 1)),
        ("1st May", dt.date(2027, 5, 1)),
        ("May 1, 2026", dt.date(2026, 5, 1)),
        ("today", TODAY),
        ("tomorrow", dt.date(2026, 11, 22)),
        ("friday", dt.date(2026, 11, 27)),
        ("next sat", dt.date(2026, 11, 28)),
        ("in 2 weeks", dt.date(2026, 12, 5)),
        ("+10d", dt.date(2026, 12, 1)),
    ],
)
def test_dates_as_chairs_type_them(typed, expected):
    assert parse_date(typed, TODAY) == expected


@pytest.mark.parametrize(
    ("typed", "message"),
    [
        ("2026-02-30", "not a real date"),
        ("31/4/2026", "not a real date"),
        ("soonish", "not a date I can read"),
        ("", "a date is needed"),
    ],
)
def test_bad_dates_say_what_is_wrong(typed, message):
    with pytest.raises(DateError, match=message):
        parse_date(typed, TODAY)


@pytest.mark.parametrize(
    ("typed", "expected"),
    [("19:00", "19:00"), ("7pm", "19:00"), ("7.30pm", "19:30"), ("9", "09:00")],
)
def test_times(typed, expected):
    assert parse_time(typed) == expected


def test_impossible_time():
    with pytest.raises(DateError):
        parse_time("25:00")


def test_terminal_escapes_and_control_characters_are_removed_paragraphs_kept():
    pasted = (
        "\x1b]0;title\x07Line one\x1b[1;31m\r\nline two\x0c\r\n\r\n\r\n\r\nNext\ud800 para\t end"
    )
    assert clean_text(pasted) == "Line one\nline two\n\nNext para\t end"


def test_one_line_fields_fold_whitespace():
    assert clean_line("  Kevin \n  Kane\t") == "Kevin Kane"


def test_a_date_without_a_year_is_the_nearest_one():
    assert parse_date("5 Jan", TODAY) == dt.date(2027, 1, 5)
    assert parse_date("2/1", TODAY) == dt.date(2027, 1, 2)
    assert parse_date("1 Nov", TODAY) == dt.date(2026, 11, 1)
    with pytest.raises(DateError, match="not a real date"):
        parse_date("30 Feb", TODAY)
