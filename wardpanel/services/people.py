"""People and organisations as a chair names them: found when known, made when new.

`organisation_named`, `person_named` and `post_named` run inside the caller's
transaction (every use case that records who asked, answered or holds something goes
through them);
`update_person` corrects one person everywhere they appear.
"""

from __future__ import annotations

import peewee as pw

from wardpanel.core.fields import get_or_refuse, line, name_value
from wardpanel.core.models import Organisation, Person
from wardpanel.core.people import kind_for_organisation
from wardpanel.services import indexing
from wardpanel.services.transactions import transaction


def organisation_named(name: str | None) -> Organisation | None:
    """The organisation of that name (any case), created if new, with the kind its name
    gives it (police, council or other); None for no name."""
    name = name_value(name, "organisation")
    if not name:
        return None
    found = Organisation.get_or_none(Organisation.name == name) or Organisation.get_or_none(
        Organisation.name.same_as(name)
    )
    return found or Organisation.create(name=name, kind=kind_for_organisation(name))


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
