"""One person, one record: a name typed again in any rank, title or case variant finds
the person already on the meeting's list, never a second one."""

from __future__ import annotations

from hypothesis import given
from hypothesis import strategies as st

from tests.property.conftest import one_example
from wardpanel.core.models import Person
from wardpanel.quickentry import apply

FIRST = st.sampled_from(["Tom", "Ayesha", "Zoë", "Siobhán", "Kwame", "Li"])
SURNAME = st.sampled_from(["Reyes", "O'Neil", "Okafor", "Nguyen", "Smith-Jones", "Ó Briain"])
RANK = st.sampled_from(
    ["", "Sgt", "sgt.", "Sergeant", "Police Sergeant", "PS", "PC", "Insp", "Cllr", "Dr", "Ms"]
)
STATUS_WORDS = st.sampled_from(["present:", "present+", "regrets:", "apologies:", "late 19:40:"])


def _cased(draw: st.DrawFn, text: str) -> str:
    return draw(st.sampled_from([text, text.upper(), text.lower(), text.title()]))


@st.composite
def typed_twice(draw: st.DrawFn) -> tuple[str, str]:
    """The same person as typed the first time and the second: the second with any
    rank (the same rank, when the first had one and the second uses only the surname),
    of someone not yet in the record (whose recorded rank would decide otherwise),
    the full name or the surname alone, in any case."""
    first, surname = draw(FIRST), draw(SURNAME)
    rank = draw(RANK)
    once = " ".join(part for part in (rank, first, surname) if part)
    again_rank = draw(RANK) if draw(st.booleans()) else rank
    full = draw(st.booleans()) or not again_rank
    again_rank = again_rank if full else (rank or again_rank)
    again = " ".join(part for part in (again_rank, first if full else "", surname) if part)
    return _cased(draw, once), _cased(draw, again)


@given(names=typed_twice(), word=STATUS_WORDS, again_word=STATUS_WORDS)
def test_a_name_typed_twice_never_makes_a_second_person(record, names, word, again_word):
    once, again = names
    with one_example():
        first = apply(record.later.id, f"{word} {once}")
        assert first.understood, first.message
        people = Person.select().count()
        second = apply(record.later.id, f"{again_word} {again}")
        assert second.understood, (once, again, second.message)
        assert Person.select().count() == people, (once, again)
