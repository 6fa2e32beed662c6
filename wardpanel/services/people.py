"""People and organisations as a chair names them: found when known, made when new.

`organisation_named` and `person_named` run inside the caller's transaction (every
use case that records who asked, answered or holds something goes through them);
`update_person` corrects one person everywhere they appear.
"""

from __future__ import annotations

from wardpanel.core.fields import get_or_refuse, line, name_value
from wardpanel.core.models import Organisation, Person
from wardpanel.services import indexing
from wardpanel.services.transactions import transaction


def organisation_named(name: str | None) -> Organisation | None:
    """The organisation of that name (any case), created if new; None for no name."""
    name = name_value(name, "organisation")
    if not name:
        return None
    found = Organisation.get_or_none(Organisation.name == name) or Organisation.get_or_none(
        Organisation.name.same_as(name)
    )
    return found or Organisation.create(name=name)


def person_named(
    name: str | None,
    role: str | None = "",
    organisation: str | None = None,
    *,
    strict: bool = False,
) -> Person | None:
    """The person of that name, reused when known, created when new; None for no name.

    With an organisation, the match is on name and organisation. Without one, a strict
    match (as imports need) looks only at residents; a lenient one (for typing in a
    meeting) reuses the only person of that name, whatever their organisation.
    """
    name = name_value(name, "name")
    if not name:
        return None
    role = line(role, "role")
    org = organisation_named(organisation)
    exact = Person.select().where(Person.name == name)
    any_case = Person.select().where(Person.name.same_as(name))
    same_name = exact if exact.exists() else any_case
    same_name = same_name.order_by(Person.id)
    if org is not None:
        person = same_name.where(Person.organisation == org).first()
    else:
        person = same_name.where(Person.organisation.is_null()).first()
        if person is None and not strict:
            candidates = list(same_name.limit(2))
            person = candidates[0] if len(candidates) == 1 else None
    if person is None:
        return Person.create(name=name, role=role, organisation=org)
    if role and person.role != role:
        person.role = role
        person.save()
    return person


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
