"""What the names typed in a filter mean: the panels, organisations and people they
stand for (whatever the case, an organisation's alias, a person's rank), and which
names matched nothing. The Actions view, `wardpanel actions`, the Word list and the
recommendations awaiting a response all read a filter's names here."""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass

from wardpanel.core.models import Organisation, Panel, Person
from wardpanel.core.people import organisation_matches, same_name
from wardpanel.queries.people import known_organisations, people_meant


@dataclass(frozen=True)
class NamedIds:
    """The ids each named filter stands for (None: not filtered) and the names not found."""

    panel: tuple[int, ...] | None = None
    organisation: tuple[int, ...] | None = None
    owner: tuple[int, ...] | None = None
    missing: tuple[str, ...] = ()


def _ids_named(rows: Sequence[tuple[int, str]], name: str) -> tuple[int, ...]:
    # Compared in Python with casefold, so every script and ß/SS match as people expect.
    return tuple(row_id for row_id, row_name in rows if same_name(row_name, name))


def _organisations_meant(typed: str) -> tuple[int, ...]:
    """The organisations a typed name means by an alias ("Met") or a generic word."""
    return tuple(org.id for org in organisation_matches(typed, known_organisations()))


def publish_choice_of(panel_name: str | None) -> str | None:
    """How the panel of this name prints residents in published documents (named,
    initials or withheld); None for no name, or a name no single panel has."""
    if not panel_name:
        return None
    ids = resolve_names(panel=panel_name).panel or ()
    if len(ids) != 1:
        return None
    return Panel.select(Panel.publish_residents).where(Panel.id == ids[0]).scalar()


def resolve_names(
    panel: str | None = None, organisation: str | None = None, owner: str | None = None
) -> NamedIds:
    """The ids of the panels, organisations and people of these names, whatever the case.

    A blank name is no filter. Several people may share a name: all of them match.
    """
    found: dict[str, tuple[int, ...] | None] = {}
    missing = []
    for key, name, model in (
        ("panel", panel, Panel),
        ("organisation", organisation, Organisation),
        ("owner", owner, Person),
    ):
        if not name or not name.strip():
            found[key] = None
            continue
        # Read through the cursor: Peewee's row conversion would take longer than the
        # comparison itself, on every call, for thousands of people.
        names = model._meta.database.execute(model.select(model.id, model.name))
        ids = _ids_named(names.fetchall(), name)
        if not ids and model is Person:
            ids = people_meant(name)
        elif not ids and model is Organisation:
            ids = _organisations_meant(name)
        found[key] = ids
        if not ids:
            missing.append(key)
    return NamedIds(**found, missing=tuple(missing))
