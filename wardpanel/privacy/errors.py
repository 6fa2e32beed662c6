"""Requests to erase personal data that are refused before anything changes.

Each is a `UserError` (exit status 2): the person named is unknown, ambiguous, or an
official whose record stays unless the user says otherwise. They remain `ValueError`s
too, as they were before the one hierarchy in `wardpanel.core.errors`, so code that
caught them that way still does.
"""

from __future__ import annotations

from wardpanel.core.errors import UserError


class PrivacyError(UserError, ValueError):
    """A request refused before anything changed; the message says why."""


class UnknownPerson(PrivacyError):
    """Nobody has that name or id."""


class AmbiguousName(PrivacyError):
    """Several people have that name: `candidates` describes each, to choose one by id."""

    def __init__(self, name: str, candidates: list[str]) -> None:
        super().__init__(f"{len(candidates)} people are called '{name}'")
        self.candidates = candidates


class NotAResident(PrivacyError):
    """The person is an officer or a councillor; `person` says who."""

    def __init__(self, person: str) -> None:
        super().__init__(f"{person} is an officer or councillor, not a resident")
        self.person = person
