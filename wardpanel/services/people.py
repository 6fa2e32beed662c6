"""People and organisations as a chair names them: found when known, made when new.

`organisation_named`, `person_named` and `post_named` run inside the caller's
transaction (every use case that records who asked, answered or holds something goes
through them);
`update_person` corrects one person everywhere they appear.

Typed names are matched before anything is created (core.people decides how): within a
meeting, a person is looked for among its attendees and its panel's regulars, so "Tom
Reid", "Sgt Reid" and "Sgt Tom Reid" are one officer; an organisation by its name or an
alias ("Met", "the police"). A name that fits two people is refused with both.
"""

from __future__ import annotations

import peewee as pw

from wardpanel.core.errors import InputError
from wardpanel.core.fields import get_or_refuse, line, name_value
from wardpanel.core.models import (
    Attendance,
    Meeting,
    Organisation,
    Panel,
    Person,
)
from wardpanel.core.people import (
    Candidate,
    kind_for_organisation,
    organisation_matches,
    person_matches,
    split_title,
)
from wardpanel.queries.people import known_organisations
from wardpanel.services import indexing
from wardpanel.services.transactions import transaction


def find_organisation(name: str | None, meeting_id: int | None = None) -> Organisation | None:
    """The one organisation a typed name means (its name or an alias, any case; "the
    council" for the meeting's panel's council), or None when none does.

    A name that could mean two organisations is refused with both."""
    name = name_value(name, "organisation")
    if not name:
        return None
    found = Organisation.get_or_none(Organisation.name == name)
    if found is not None:
        return found
    council_id = None
    if meeting_id is not None:
        council_id = (
            Panel.select(Panel.council).join(Meeting).where(Meeting.id == meeting_id).scalar()
        )
    matches = organisation_matches(name, known_organisations(), council_id)
    if len(matches) > 1:
        names = " or ".join(org.name for org in matches[:4])
        raise InputError("organisation", f"'{name}' could mean {names}: type the full name")
    return Organisation.get_by_id(matches[0].id) if matches else None


def organisation_named(name: str | None, meeting_id: int | None = None) -> Organisation | None:
    """The organisation a typed name means (find_organisation), created with the kind its
    name gives it (police, council or other) when none does; None for no name."""
    name = name_value(name, "organisation")
    if not name:
        return None
    found = find_organisation(name, meeting_id)
    return found or Organisation.create(name=name, kind=kind_for_organisation(name))


def people_in_view(meeting_id: int, typed: str = "") -> list[Candidate]:
    """Who a name typed in a meeting may mean: its attendees, then its panel's regulars
    (anyone on the list of another of the panel's meetings), each once.

    With `typed`, only those whose name holds every word of it (a title aside): every
    kind of match core.people.person_matches makes needs them, so the few it looks at
    are picked by the database however large the panel's roster. Words of ASCII letters
    only: both engines compare those in any case.
    """
    panel = Meeting.select(Meeting.panel).where(Meeting.id == meeting_id)
    meetings = Meeting.select(Meeting.id).where(Meeting.panel.in_(panel))
    rows = (
        Person.select(Person.id, Person.name, Person.role, Person.organisation)
        .join(Attendance, on=Attendance.person == Person.id)
        .where(Attendance.meeting.in_(meetings), Person.name != "")
        .distinct()
        .order_by(Person.id)
    )
    for word in split_title(typed)[1].split():
        if word.isascii():
            rows = rows.where(Person.name.contains(word))
    return [Candidate(*row) for row in rows.tuples()]


class AmbiguousName(InputError):
    """A name typed that fits two people or more (the message names them); `typed` is
    the name as typed."""

    def __init__(self, typed: str, message: str) -> None:
        super().__init__("name", message)
        self.typed = typed


def _ambiguous(typed: str, matches: list[Candidate]) -> AmbiguousName:
    orgs = {
        org.id: org.name
        for org in Organisation.select().where(
            Organisation.id.in_([m.organisation_id for m in matches if m.organisation_id])
        )
    }
    shown = [
        f"{m.name} ({orgs[m.organisation_id]})" if m.organisation_id in orgs else m.name
        for m in matches[:4]
    ]
    more = f" and {len(matches) - 4} more" if len(matches) > 4 else ""
    could_be = " or ".join(shown)
    return AmbiguousName(typed, f"'{typed}' could be {could_be}{more}: type the full name")


def find_person_in_meeting(
    typed: str, meeting_id: int, organisation: Organisation | None = None
) -> Person | None:
    """The one person among the meeting's people and its panel's regulars that a typed
    name means (core.people.person_matches), None when nobody fits; a name that fits
    two people is refused with both candidates."""
    matches = person_matches(typed, people_in_view(meeting_id, typed))
    if organisation is not None:
        # The organisation settles it only by naming someone's own: "Tom (Council)"
        # with Tom Reid of the Met and Tom Reilly of none could still be Tom Reilly,
        # who would then be made the Council's, so it is as ambiguous as "Tom".
        of_it = [m for m in matches if m.organisation_id == organisation.id]
        unattached = [m for m in matches if m.organisation_id is None]
        if of_it:
            matches = of_it
        elif not unattached or len(matches) == 1:
            matches = unattached
    if len(matches) > 1:
        raise _ambiguous(typed, matches)
    return Person.get_by_id(matches[0].id) if matches else None


def person_named(
    name: str | None,
    role: str | None = "",
    organisation: str | None = None,
    *,
    strict: bool = False,
    meeting_id: int | None = None,
) -> Person | None:
    """The person of that name, reused when known, created when new; None for no name.

    Typed in a meeting (`meeting_id`), the name is first matched among the meeting's
    people and its panel's regulars, by full name, surname with a rank or first name
    (find_person_in_meeting). Otherwise, with an organisation, the match is on name and
    organisation; without one, a strict match (as imports need) looks only at
    residents, a lenient one reuses the only person of that name.
    """
    name = name_value(name, "name")
    if not name:
        return None
    role = line(role, "role")
    org = organisation_named(organisation, meeting_id)
    if meeting_id is not None:
        known = find_person_in_meeting(name, meeting_id, org)
        if known is not None:
            if role and not known.role:
                known.role = role
                known.save()
            if org is not None and known.organisation_id is None:
                known.organisation = org
                known.save()
            return known
    # Everyone of that name, spelt exactly so, else in any case: a few people at most,
    # read at once.
    same_name = list(Person.select().where(Person.name == name).order_by(Person.id)) or list(
        Person.select().where(Person.name.same_as(name)).order_by(Person.id)
    )
    if org is not None:
        person = next((p for p in same_name if p.organisation_id == org.id), None)
    else:
        person = next((p for p in same_name if p.organisation_id is None), None)
        if person is None and not strict and len(same_name) == 1:
            person = same_name[0]
    if person is None:
        return Person.create(name=name, role=role, organisation=org)
    if role and person.role != role:
        person.role = role
        person.save()
    return person


def post_named(role: str, organisation: str | None = None) -> Person:
    """An expected post nobody filled ("Borough Commander" of the Metropolitan Police): a
    person with no name and that role, the same one for the same role (any case) and
    organisation, created when new. Runs inside the caller's transaction."""
    role = line(role, "role", required=True)
    org = organisation_named(organisation)
    same_post = Person.select().where(
        Person.name == "", pw.fn.lower(Person.role) == pw.fn.lower(role)
    )
    if org is None:
        same_post = same_post.where(Person.organisation.is_null())
    else:
        same_post = same_post.where(Person.organisation == org)
    found = same_post.order_by(Person.id).first()
    return found or Person.create(name="", role=role, organisation=org)


@transaction
def update_person(
    person_id: int, name: str, role: str = "", organisation: str | None = None
) -> Person:
    """Correct a person's name, role and organisation, and what search finds them by."""
    person = get_or_refuse(Person, person_id, "person")
    person.name = name_value(name, "name", required=True)
    person.role = line(role, "role")
    person.organisation = organisation_named(organisation)
    person.save()
    indexing.index_person(person.id)
    return person
