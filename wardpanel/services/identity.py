"""Putting people and organisations right: rename, alias, merge, delete when unused.

One person recorded twice ("Tom Reid" and "Sgt Tom Reid") becomes one by a merge:
everything that named the duplicate (attendance, questions, responses, actions, who
stood in for whom) moves to the record kept, the search index follows, and the merge
is recorded as a Correction. An organisation merge moves its people, responses,
actions, priorities and recommendations, and its name becomes an alias of the one kept,
so that typing the old name still finds it. Each is one transaction.
"""

from __future__ import annotations

from wardpanel.core.errors import InputError
from wardpanel.core.fields import get_or_refuse, line, name_value
from wardpanel.core.models import (
    Attendance,
    Correction,
    Organisation,
    OrganisationAlias,
    Person,
    Question,
)
from wardpanel.core.people import name_key
from wardpanel.queries.people import meetings_naming
from wardpanel.services import indexing
from wardpanel.services.locking import refuse_if_any_approved
from wardpanel.services.people import find_organisation
from wardpanel.services.transactions import transaction


def _who(person: Person) -> str:
    name = person.name or f"{person.role} (post)"
    org = f", {person.organisation.name}" if person.organisation_id else ""
    return f"#{person.id} {name}{org}"


def _organisation_called(name: str, field: str) -> Organisation:
    """The organisation a typed name means (its name or an alias); refused when none."""
    found = find_organisation(name_value(name, field, required=True))
    if found is None:
        raise InputError(field, f"no organisation called '{line(name, field)}'")
    return found


def _in_approved_minutes(model: type[Person] | type[Organisation], record_id: int) -> bool:
    try:
        refuse_if_any_approved(meetings_naming(model, [record_id]))
    except InputError:
        return True
    return False


# -- people ------------------------------------------------------------------------------


@transaction
def merge_people(person_id: int, into_id: int) -> Person:
    """Make `person_id` one with `into_id`: everything that names them moves, the record
    of `person_id` is deleted, the search index follows and the merge is recorded.

    On a meeting where both are listed, the entry of the person kept stays, taking what
    it lacks (an arrival time, a reason...) from the other. Refused for the same person
    twice, for a post nobody filled merged with a named person, and for two people of
    different organisations (put one's organisation right first).
    """
    if person_id == into_id:
        raise InputError("person", f"#{person_id} cannot be merged into themselves")
    gone = get_or_refuse(Person, person_id, "person")
    kept = get_or_refuse(Person, into_id, "person")
    if bool(gone.name) != bool(kept.name):
        raise InputError(
            "person", f"{_who(gone)} and {_who(kept)}: a post nobody filled is not a person"
        )
    both = gone.organisation_id and kept.organisation_id
    if both and gone.organisation_id != kept.organisation_id:
        raise InputError(
            "person",
            f"{_who(gone)} and {_who(kept)} are of different organisations: "
            "correct one of them first",
        )
    # Approved minutes print the name merged away: locked until reopened. Merging the
    # other way keeps them as printed when the one kept is only in draft minutes.
    other_way = not _in_approved_minutes(Person, kept.id)
    refuse_if_any_approved(
        meetings_naming(Person, [gone.id]),
        f"or merge the other way, #{kept.id} into #{gone.id}" if other_way else "",
    )
    description = f"{_who(gone)} merged into {_who(kept)}"
    hidden_at = {
        q.meeting_id
        for q in Question.select(Question.meeting).where(
            Question.asker == gone.id, Question.anonymous
        )
    }
    moving = indexing.items_naming(gone.id)
    _merge_attendance(gone, kept)
    for field in Person._meta.backrefs:
        if field.model is Attendance and field.name == "person":
            continue  # moved above, one meeting at a time
        field.model.update({field: kept.id}).where(field == gone.id).execute()
    if not kept.role and gone.role:
        kept.role = gone.role
    if kept.organisation_id is None and gone.organisation_id is not None:
        kept.organisation = gone.organisation_id
    kept.named = kept.named or gone.named
    kept.save()
    gone.delete_instance()
    indexing.index_person(kept.id, only=moving)
    for meeting_id in sorted(hidden_at):
        # Whoever asked anonymously at a meeting is hidden for all of it: now `kept` is.
        indexing.index_meeting(meeting_id)
    Correction.create(kind="merge_person", text=description)
    return kept


def _merge_attendance(gone: Person, kept: Person) -> None:
    """Move `gone`'s attendance to `kept`; where both are on one meeting's list, keep
    one entry with everything either said."""
    kept_entries = {
        entry.meeting_id: entry for entry in Attendance.select().where(Attendance.person == kept.id)
    }
    for entry in Attendance.select().where(Attendance.person == gone.id):
        other = kept_entries.get(entry.meeting_id)
        if other is None:
            entry.person = kept.id
            entry.save()
            continue
        for name in ("reason", "arrived", "departed", "absence_category"):
            if not getattr(other, name):
                setattr(other, name, getattr(entry, name))
        other.first_time = other.first_time or entry.first_time
        if other.substitute_for_id is None and entry.substitute_for_id != kept.id:
            other.substitute_for = entry.substitute_for_id
        other.save()
        entry.delete_instance()
    # Nobody stands in for themselves, even after a merge.
    Attendance.update(substitute_for=None).where(
        Attendance.person == kept.id, Attendance.substitute_for == gone.id
    ).execute()


@transaction
def rename_person(person_id: int, name: str, role: str | None = None) -> Person:
    """Correct how a person's name (and role) is written, everywhere; recorded."""
    person = get_or_refuse(Person, person_id, "person")
    before = _who(person)
    was = (person.name, person.role)
    person.name = name_value(name, "name", required=True)
    if role is not None:
        person.role = line(role, "role")
    if (person.name, person.role) != was:
        refuse_if_any_approved(meetings_naming(Person, [person.id]))
    person.save()
    indexing.index_person(person.id)
    Correction.create(kind="rename_person", text=f"{before} renamed {person.name}")
    return person


@transaction
def delete_person(person_id: int) -> None:
    """Delete a person nothing names any more (typed by mistake); refused otherwise."""
    person = get_or_refuse(Person, person_id, "person")
    for field in Person._meta.backrefs:
        if field.model.select().where(field == person.id).exists():
            raise InputError(
                "person",
                f"{_who(person)} is still named in the record ({field.model.__name__.lower()}): "
                "merge them into the right person instead",
            )
    person.delete_instance()
    Correction.create(kind="delete_person", text=f"{_who(person)} deleted")


# -- organisations --------------------------------------------------------------------------


@transaction
def add_organisation_alias(name: str, alias: str) -> OrganisationAlias:
    """Make `alias` mean the organisation `name` wherever names are typed; recorded.

    Refused when the alias is already the name or an alias of an organisation.
    """
    organisation = _organisation_called(name, "organisation")
    alias_text = name_value(alias, "alias", required=True)
    key = name_key(alias_text)
    if key == name_key(organisation.name):
        raise InputError("alias", f"'{alias_text}' is already the name of {organisation.name}")
    taken = Organisation.get_or_none(Organisation.name.same_as(alias_text))
    if taken is not None:
        raise InputError(
            "alias",
            f"'{alias_text}' is the name of another organisation: "
            f'wardpanel organisations merge "{taken.name}" "{organisation.name}"',
        )
    existing = OrganisationAlias.get_or_none(OrganisationAlias.key == key)
    if existing is not None:
        owner = existing.organisation.name
        raise InputError("alias", f"'{alias_text}' already means {owner}")
    made = OrganisationAlias.create(organisation=organisation, alias=alias_text, key=key)
    Correction.create(kind="alias", text=f"'{alias_text}' means {organisation.name}")
    return made


@transaction
def rename_organisation(name: str, new_name: str) -> Organisation:
    """Correct an organisation's name; its old name stays as an alias; recorded."""
    organisation = _organisation_called(name, "organisation")
    old = organisation.name
    new = name_value(new_name, "name", required=True)
    if new != old:
        refuse_if_any_approved(meetings_naming(Organisation, [organisation.id]))
    clash = Organisation.get_or_none(Organisation.name.same_as(new))
    if clash is not None and clash.id != organisation.id:
        raise InputError("name", f"'{new}' is another organisation: merge them instead")
    OrganisationAlias.delete().where(OrganisationAlias.key == name_key(new)).execute()
    organisation.name = new
    organisation.save()
    if name_key(old) != name_key(new):
        OrganisationAlias.create(organisation=organisation, alias=old, key=name_key(old))
    Correction.create(kind="rename_organisation", text=f"{old} renamed {new}")
    return organisation


@transaction
def merge_organisations(name: str, into: str) -> Organisation:
    """Move everything of organisation `name` (people, responses, actions, priorities,
    recommendations, a panel's council, aliases) to `into`, whose alias the old name
    becomes; recorded. Refused for one organisation named twice (a name and its alias)."""
    gone = _organisation_called(name, "organisation")
    kept = _organisation_called(into, "into")
    if gone.id == kept.id:
        raise InputError(
            "into",
            f"'{line(name, 'organisation')}' and '{line(into, 'into')}' are both "
            f"{kept.name}: an organisation cannot be merged into itself",
        )
    refuse_if_any_approved(meetings_naming(Organisation, [gone.id]))
    for field in Organisation._meta.backrefs:
        if field.model is OrganisationAlias:
            continue
        field.model.update({field: kept.id}).where(field == gone.id).execute()
    OrganisationAlias.update(organisation=kept.id).where(
        OrganisationAlias.organisation == gone.id
    ).execute()
    description = f"{gone.name} merged into {kept.name}"
    old_name = gone.name
    gone.delete_instance()
    OrganisationAlias.create(organisation=kept, alias=old_name, key=name_key(old_name))
    Correction.create(kind="merge_organisation", text=description)
    return kept


@transaction
def delete_organisation(name: str) -> None:
    """Delete an organisation nothing names any more; refused otherwise."""
    organisation = _organisation_called(name, "organisation")
    for field in Organisation._meta.backrefs:
        if field.model is OrganisationAlias:
            continue
        if field.model.select().where(field == organisation.id).exists():
            raise InputError(
                "organisation",
                f"{organisation.name} is still named in the record "
                f"({field.model.__name__.lower()}): merge it into the right one instead",
            )
    organisation.delete_instance()
    Correction.create(kind="delete_organisation", text=f"{organisation.name} deleted")


def corrections() -> list[Correction]:
    """Every merge, rename, alias and deletion, oldest first."""
    return list(Correction.select().order_by(Correction.id))
