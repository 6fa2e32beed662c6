"""Who is who, read from the record for wardpanel.core.people's rules to apply.

`anonymous_askers` answers "who asked anonymously where" (`naming_for` makes it a
document's Naming); `someone` and `someones` read what printing a person needs (name,
role, organisation and its kind, consent).
"""

from __future__ import annotations

import dataclasses
from collections.abc import Iterable

import peewee as pw

from wardpanel.core.models import (
    Action,
    Attendance,
    Meeting,
    Organisation,
    OrganisationAlias,
    Person,
    Question,
    Response,
)
from wardpanel.core.people import (
    ANONYMOUS,
    Candidate,
    KnownOrganisation,
    Naming,
    Someone,
    name_key,
    person_matches,
)
from wardpanel.core.textnames import TextNames


def anonymous_askers(meeting_ids: Iterable[int]) -> dict[int, frozenset[int]]:
    """For each of these meetings, the people who asked a question anonymously at it
    (meetings where nobody did are left out)."""
    ids = list(dict.fromkeys(meeting_ids))
    found: dict[int, set[int]] = {}
    for start in range(0, len(ids), 500):  # SQLite takes at most 32,766 parameters
        rows = (
            Question.select(Question.meeting, Question.asker)
            .where(
                Question.meeting.in_(ids[start : start + 500]),
                Question.anonymous == True,  # noqa: E712 (peewee builds SQL from ==)
                Question.asker.is_null(False),
            )
            .tuples()
        )
        for meeting_id, asker_id in rows:
            found.setdefault(meeting_id, set()).add(asker_id)
    return {meeting_id: frozenset(people) for meeting_id, people in found.items()}


def naming_for(meeting_ids: Iterable[int], *, residents: str = "named") -> Naming:
    """How a published document covering these meetings prints people: residents as
    `residents` says (core.people.Naming), and whoever asked anonymously at one of the
    meetings as "A resident" for everything of that meeting."""
    ids = list(dict.fromkeys(meeting_ids))
    return Naming(residents=residents, hidden=anonymous_askers(ids), chairs=chairs_of(ids))


def chairs_of(meeting_ids: Iterable[int]) -> frozenset[str]:
    """The name keys of the chairs of these meetings (a chair is always named)."""
    ids = list(dict.fromkeys(meeting_ids))
    found: set[str] = set()
    for start in range(0, len(ids), 500):
        chunk = ids[start : start + 500]
        query = Meeting.select(Meeting.chair).where(Meeting.id.in_(chunk), Meeting.chair != "")
        found |= {name_key(chair) for (chair,) in query.tuples()}
    return frozenset(found)


def someone(person: Person | None) -> Someone | None:
    """A person (with their organisation loaded, or not) as printing needs them."""
    if person is None:
        return None
    organisation = person.organisation if person.organisation_id is not None else None
    return Someone(
        id=person.id,
        name=person.name,
        role=person.role,
        organisation=organisation.name if organisation is not None else "",
        organisation_kind=organisation.kind if organisation is not None else None,
        named=bool(person.named),
        organisation_id=person.organisation_id,
    )


def someones(person_ids: Iterable[int]) -> dict[int, Someone]:
    """Several people at once, by id."""
    ids = list(dict.fromkeys(i for i in person_ids if i is not None))
    people: dict[int, Someone] = {}
    for start in range(0, len(ids), 500):
        query = (
            Person.select(
                Person.id,
                Person.name,
                Person.role,
                Person.named,
                Organisation.name,
                Organisation.kind,
                Organisation.id,
            )
            .join(Organisation, pw.JOIN.LEFT_OUTER)
            .where(Person.id.in_(ids[start : start + 500]))
            .tuples()
        )
        for person_id, name, role, named, org_name, org_kind, org_id in query:
            people[person_id] = Someone(
                person_id, name, role, org_name or "", org_kind, bool(named), org_id
            )
    return people


def question_number(question: Question) -> int:
    """A question's number within its meeting, as printed everywhere: its place among
    the meeting's questions and statements in the order they were entered, from 1."""
    asked = Question.select().where(
        Question.meeting == question.meeting_id, Question.id <= question.id
    )
    return asked.count()


def question_number_sql(question: type[Question]) -> pw.Node:
    """The same number as an SQL expression over `question` (a Question or an alias)."""
    Earlier = Question.alias()
    return Earlier.select(pw.fn.COUNT(Earlier.id)).where(
        Earlier.meeting == question.meeting, Earlier.id <= question.id
    )


def question_numbers(meeting_id: int) -> dict[int, int]:
    """Every question's number in a meeting, by question id."""
    ids = Question.select(Question.id).where(Question.meeting == meeting_id).order_by(Question.id)
    return {question_id: n for n, (question_id,) in enumerate(ids.tuples(), start=1)}


def known_organisations() -> list[KnownOrganisation]:
    """Every organisation with its aliases, as core.people's matching needs them."""
    aliases: dict[int, list[str]] = {}
    for org_id, alias in OrganisationAlias.select(
        OrganisationAlias.organisation, OrganisationAlias.alias
    ).tuples():
        aliases.setdefault(org_id, []).append(alias)
    return [
        KnownOrganisation(org_id, name, kind, tuple(aliases.get(org_id, ())))
        for org_id, name, kind in Organisation.select(
            Organisation.id, Organisation.name, Organisation.kind
        ).tuples()
    ]


def people_meant(typed: str) -> tuple[int, ...]:
    """Everyone a typed name means by core.people's matching, anywhere in the record:
    "Tom Reid" or "Sgt Reid" finds Sgt Tom Reid (for filters and "who am I", where a
    name is looked up rather than recorded)."""
    rows = Person.select(Person.id, Person.name, Person.role).where(Person.name != "").tuples()
    return tuple(c.id for c in person_matches(typed, (Candidate(*row) for row in rows)))


def people_of_meetings(meeting_ids: Iterable[int]) -> dict[int, set[int]]:
    """For each meeting, the people it recorded: attendees, askers, responders and the
    owners of its actions."""
    ids = list(dict.fromkeys(meeting_ids))
    found: dict[int, set[int]] = {meeting_id: set() for meeting_id in ids}
    for start in range(0, len(ids), 500):
        chunk = ids[start : start + 500]
        queries = (
            Attendance.select(Attendance.meeting, Attendance.person).where(
                Attendance.meeting.in_(chunk)
            ),
            Question.select(Question.meeting, Question.asker).where(
                Question.meeting.in_(chunk), Question.asker.is_null(False)
            ),
            Action.select(Action.meeting, Action.owner).where(
                Action.meeting.in_(chunk), Action.owner.is_null(False)
            ),
            Response.select(Question.meeting, Response.responder)
            .join(Question)
            .where(Question.meeting.in_(chunk), Response.responder.is_null(False)),
        )
        for query in queries:
            for meeting_id, person_id in query.tuples():
                found[meeting_id].add(person_id)
    return found


def text_names_for(naming: Naming, meeting_ids: Iterable[int]) -> dict[int, TextNames]:
    """For each meeting, how its typed text prints the residents it recorded: each
    name the document does not print in full is replaced by what it prints instead
    (core.people.TextNames)."""
    return {
        meeting_id: TextNames(printed)
        for meeting_id, printed in _printed_names(naming, meeting_ids).items()
    }


def text_names_across(naming: Naming, meeting_ids: Iterable[int]) -> TextNames:
    """One TextNames for typed text from any of these meetings (a document that lists
    several, such as the action list): a resident anonymous at one of them is "A
    resident" wherever their name was typed, the safe side."""
    merged: dict[str, str] = {}
    for printed in _printed_names(naming, meeting_ids).values():
        for name, shown in printed.items():
            if merged.get(name) != ANONYMOUS:
                merged[name] = shown
    return TextNames(merged)


def _printed_names(naming: Naming, meeting_ids: Iterable[int]) -> dict[int, dict[str, str]]:
    """For each meeting, each name it recorded that `naming` does not print as stored,
    with what it prints instead. Whoever asked anonymously at a meeting is hidden even
    when the naming given does not say so."""
    ids = list(dict.fromkeys(meeting_ids))
    if not naming.hidden:
        naming = dataclasses.replace(naming, hidden=anonymous_askers(ids))
    recorded = people_of_meetings(ids)
    people = someones(person_id for found in recorded.values() for person_id in found)
    printed: dict[int, dict[str, str]] = {}
    for meeting_id, found in recorded.items():
        shown_here: dict[str, str] = {}
        for person_id in found:
            person = people.get(person_id)
            if person is None or not person.name:
                continue
            shown = naming.name(person, meeting_id)
            if shown != person.name:
                shown_here[person.name] = shown
        printed[meeting_id] = shown_here
    return printed


def meetings_naming(model: type[pw.Model], ids: Iterable[int]) -> set[int]:
    """The meetings whose record names any of these people or organisations (`model`
    Person or Organisation): every column that points at them, through questions for
    responses and through its people for an organisation."""
    ids = list(ids)
    found: set[int] = set()
    if not ids:
        return found
    for field in model._meta.backrefs:
        source = field.model
        if "meeting" in source._meta.fields:
            query = source.select(source.meeting).where(field.in_(ids))
        elif source is Response:
            query = Response.select(Question.meeting).join(Question).where(field.in_(ids))
        elif source is Person:
            people = [row[0] for row in Person.select(Person.id).where(field.in_(ids)).tuples()]
            found |= meetings_naming(Person, people)
            continue
        else:
            continue  # aliases, a panel's council: not what a meeting printed
        found |= {meeting_id for (meeting_id,) in query.tuples() if meeting_id is not None}
    return found
