"""Names that look alike are one name: stored as one person, found and forgotten as one.

Invisible format characters (a zero-width space, a direction mark, a byte-order mark, a
soft hyphen, a word joiner, a tag character...) and compatibility forms (fullwidth
letters) slip into names pasted from web pages and messengers. Whatever of them a name
carries, wherever they sit in it, it is stored in its normal form
(wardpanel.core.people.normal_name), means the same person as the plain name, and
`forget` of the plain name erases that person and the name in the text, however it
was written there.
"""

from __future__ import annotations

import sys
import unicodedata
from functools import cache

from hypothesis import example, given
from hypothesis import strategies as st

from tests.property.conftest import one_example
from wardpanel import privacy, services
from wardpanel.core.models import Person

NAME = "Jo Bright"


@cache
def format_characters() -> tuple[str, ...]:
    """Every Unicode format character (category Cf) Python knows."""
    return tuple(
        chr(code) for code in range(sys.maxunicode + 1) if unicodedata.category(chr(code)) == "Cf"
    )


@st.composite
def look_alike(draw, name: str = NAME) -> str:
    """`name` with format characters put anywhere in it (before, inside, after)."""
    invisible = st.text(st.sampled_from(format_characters()), max_size=3)
    pieces = [draw(invisible)]
    for char in name:
        pieces += [char, draw(invisible)]
    return "".join(pieces)


@given(typed=look_alike())
@example(typed="Jo Bright\u200e")
@example(typed="\ufeffJo\u00ad Bri\u200bght\u2060")
@example(typed="Jo\u200b Bright\U000e0001")
def test_a_name_with_format_characters_is_the_same_person(record, typed):
    with one_example():
        plain = services.record_attendance(record.meeting.id, NAME).person
        again = services.record_attendance(record.later.id, typed).person
        assert again.id == plain.id
        assert Person.get_by_id(again.id).name == NAME
        asked = services.add_question(record.meeting.id, "Who mends the lights?", typed)
        assert asked.asker_id == plain.id


@given(typed=look_alike(), in_text=look_alike())
@example(typed="Jo Bright\u200e", in_text="Jo\u200b Bright")
def test_forget_of_the_plain_name_leaves_no_look_alike_behind(record, typed, in_text):
    with one_example():
        services.record_attendance(record.meeting.id, typed)
        services.add_question(record.later.id, "Lights?", typed)
        services.add_note(record.meeting.id, "Any other business", f"{in_text} asked.")
        # A dry run makes every change, counts it and rolls it back: exactly what a real
        # forget would do (tests/unit/test_privacy.py forgets for real).
        report = privacy.forget_person(privacy.find_person(NAME).id, dry_run=True)
        assert (report.attendance, report.questions, report.mentions) == (1, 1, 1)


@given(text=look_alike())
def test_a_name_in_text_is_replaced_however_it_was_written(text):
    replaced, count = privacy.replace_name(
        f"Thanks to {text}. {text} will report back.", privacy.name_pattern(NAME), "a resident"
    )
    assert count == 2
    assert replaced == "Thanks to a resident. A resident will report back."
