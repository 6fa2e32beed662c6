"""Everyone and every organisation the record knows, for putting them right: the people
list (`wardpanel people`) and the organisations list with their aliases and counts."""

from __future__ import annotations

from dataclasses import dataclass

import peewee as pw

from wardpanel.core.models import (
    Action,
    Attendance,
    Organisation,
    OrganisationAlias,
    Person,
    Response,
)


@dataclass(frozen=True)
class PersonListed:
    id: int
    name: str
    role: str
    organisation: str
    meetings: int  # meetings they are on the list of (present, apologies or absent)


@dataclass(frozen=True)
class OrganisationListed:
    id: int
    name: str
    kind: str
    aliases: tuple[str, ...]
    people: int
    responses: int
    actions: int


def people_directory() -> list[PersonListed]:
    """Every person (posts nobody filled included), by name, with how many meetings'
    lists they are on."""
    attended = (
        Attendance.select(Attendance.person, pw.fn.COUNT(Attendance.id).alias("n"))
        .group_by(Attendance.person)
        .alias("attended")
    )
    rows = (
        Person.select(
            Person.id,
            Person.name,
            Person.role,
            Organisation.name.alias("organisation"),
            pw.fn.COALESCE(attended.c.n, 0).alias("meetings"),
        )
        .join(Organisation, pw.JOIN.LEFT_OUTER, on=Person.organisation == Organisation.id)
        .join(attended, pw.JOIN.LEFT_OUTER, on=attended.c.person_id == Person.id)
        .order_by(pw.fn.lower(Person.name), Person.role, Person.id)
        .dicts()
    )
    return [
        PersonListed(r["id"], r["name"], r["role"], r["organisation"] or "", r["meetings"])
        for r in rows
    ]


def _counts(model: type[pw.Model], field: pw.Field) -> dict[int, int]:
    query = model.select(field, pw.fn.COUNT(model.id)).where(field.is_null(False)).group_by(field)
    return dict(query.tuples())


def organisation_directory() -> list[OrganisationListed]:
    """Every organisation, by name, with its aliases and how many people, responses
    and actions name it."""
    aliases: dict[int, list[str]] = {}
    for alias in OrganisationAlias.select().order_by(OrganisationAlias.id):
        aliases.setdefault(alias.organisation_id, []).append(alias.alias)
    people = _counts(Person, Person.organisation)
    responses = _counts(Response, Response.organisation)
    actions = _counts(Action, Action.organisation)
    return [
        OrganisationListed(
            org.id,
            org.name,
            org.kind,
            tuple(aliases.get(org.id, ())),
            people.get(org.id, 0),
            responses.get(org.id, 0),
            actions.get(org.id, 0),
        )
        for org in Organisation.select().order_by(pw.fn.lower(Organisation.name))
    ]
