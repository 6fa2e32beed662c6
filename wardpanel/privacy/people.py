"""Who is who when erasing: residents and officials, and the one person a name or id means.

Who is a resident: the one rule of wardpanel.core.people (not of a police or council
organisation, and no official role or rank); a councillor typed with no organisation is
still an official.
Officers', councillors' and organisations' records are what the public holds them to,
so they stay.
"""

from __future__ import annotations

from wardpanel.core import people
from wardpanel.core.models import (
    Action,
    Attendance,
    Meeting,
    Organisation,
    Panel,
    Person,
    Question,
    Response,
)
from wardpanel.core.people import normal_name
from wardpanel.core.textclean import quoted
from wardpanel.privacy.errors import AmbiguousName, UnknownPerson
from wardpanel.privacy.reports import count_of


def is_official(person: Person) -> bool:
    """An officer or a councillor, by the one rule of wardpanel.core.people: of a police
    or council organisation, or with an official role; everyone else is a resident."""
    kind = person.organisation.kind if person.organisation_id is not None else None
    return people.is_official(person.role, kind)


def people_named(name: str) -> list[Person]:
    """Everyone called `name`, whatever the case, spacing and apostrophe (' or ’), and
    however either was written (invisible characters, fullwidth letters: names are
    stored and compared in their normal form), oldest record first."""
    if not normal_name(name):
        return []
    return list(Person.select().where(Person.name.same_as(name)).order_by(Person.id))


def who(person: Person) -> str:
    """'Sam Lee, PCSO, Metropolitan Police': the name with the role and organisation."""
    organisation = Organisation.get_or_none(Organisation.id == person.organisation_id)
    parts = (person.name, person.role, organisation.name if organisation else "")
    return ", ".join(part for part in parts if part)


def describe_person(person: Person) -> str:
    """'#12 Sam Lee, PCSO, Metropolitan Police: 3 meetings of Hoe Street Ward Panel'."""
    meetings = meetings_taken_part_in(person.id)
    panels = Panel.select(Panel.name).join(Meeting).where(Meeting.id.in_(meetings))
    names = sorted({name for (name,) in panels.tuples()})
    where = count_of(len(meetings), "meeting") + (f" of {', '.join(names)}" if names else "")
    return f"#{person.id} {who(person)}: {where}"


def find_person(name: str | None = None, person_id: int | None = None) -> Person:
    """The one person a name or an id means; UnknownPerson or AmbiguousName otherwise."""
    if person_id is not None:
        person = Person.get_or_none(Person.id == person_id)
        if person is None:
            raise UnknownPerson(f"there is nobody with id {person_id}")
        return person
    found = people_named(name or "")
    if not found:
        raise UnknownPerson(f"there is nobody called {quoted(' '.join((name or '').split()))}")
    if len(found) > 1:
        raise AmbiguousName(found[0].name, [describe_person(person) for person in found])
    return found[0]


def meetings_taken_part_in(person_id: int) -> list[int]:
    """Every meeting at which the person attended, asked, answered or was given an action."""
    queries = (
        Attendance.select(Attendance.meeting).where(Attendance.person == person_id),
        Question.select(Question.meeting).where(Question.asker == person_id),
        Question.select(Question.meeting).join(Response).where(Response.responder == person_id),
        Action.select(Action.meeting).where(Action.owner == person_id),
    )
    return sorted({row[0] for query in queries for row in query.tuples()})
