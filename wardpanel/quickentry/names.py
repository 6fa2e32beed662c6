"""Before a line is filed: the organisations in it that would be new.

An organisation nobody knows by that name or alias is returned with the known ones it
may have meant, so that the app can ask ("New organisation 'Met Police Service'? Did you
mean Metropolitan Police?") before creating it. (A person's name that fits two people is
refused by the filing itself: quickentry.apply with refuse_ambiguous.)
"""

from __future__ import annotations

from dataclasses import dataclass

from wardpanel import services
from wardpanel.core.people import KnownOrganisation, organisation_suggestions, split_title
from wardpanel.queries.people import known_organisations
from wardpanel.quickentry.entries import (
    ActionEntry,
    AttendanceEntry,
    Entry,
    PersonRef,
    ResponseEntry,
)


@dataclass(frozen=True)
class NewOrganisation:
    """An organisation a line would create: the name typed, and the known ones (names)
    it may have meant, best first."""

    typed: str
    suggestions: tuple[str, ...]


def new_organisations(meeting_id: int, entry: Entry) -> list[NewOrganisation]:
    """The organisations filing `entry` would create, each once, with suggestions."""
    organisations = _organisations_in(meeting_id, entry)
    # Every organisation and alias is read only for a name nobody knows: most lines
    # (a question, an action for someone known) name none, and reading them all cost
    # a third of Enter with 200 organisations.
    known: list[KnownOrganisation] | None = None
    found: dict[str, NewOrganisation] = {}
    for typed in organisations:
        if typed.casefold() in found or services.find_organisation(typed, meeting_id):
            continue
        known = known if known is not None else known_organisations()
        suggestions = tuple(org.name for org in organisation_suggestions(typed, known))
        found[typed.casefold()] = NewOrganisation(typed, suggestions)
    return list(found.values())


def _organisations_in(meeting_id: int, entry: Entry) -> list[str]:
    """The organisations' names as the line types them."""
    organisations: list[str] = []

    def add(ref: PersonRef | None) -> None:
        if ref is not None and ref.organisation:
            organisations.append(ref.organisation)

    if isinstance(entry, AttendanceEntry):
        for ref in entry.people:
            add(ref)
    elif isinstance(entry, ResponseEntry):
        add(entry.responder)
        if entry.responder is not None or not _reads_as_person(meeting_id, entry.organisation):
            organisations.append(entry.organisation)
    elif isinstance(entry, ActionEntry):
        add(entry.owner)
    return organisations


def _reads_as_person(meeting_id: int, typed: str) -> bool:
    """Whether `r X:` names a person known at the meeting (as filing reads it)."""
    title, bare = split_title(typed)
    if not (title or " " in bare):
        return False
    return services.find_person_in_meeting(typed, meeting_id) is not None
