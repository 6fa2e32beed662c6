"""Saving a form that was opened a while ago, without undoing what changed meanwhile.

A chair may leave an edit form open while a clerk runs `wardpanel forget`, or while an
officer changes the same action from another laptop. Saving that form as it stands
would put back what it showed when it opened: a forgotten person's name as the asker,
an old owner, a text from before. So an edited item is saved by comparing three
versions of each field: as the form opened (`opened`), as the user left it (`typed`),
and as stored now (`now`):

- a field the user did not touch takes its value now, whatever happened to it (so an
  erased asker stays erased, and another user's change stays);
- a field the user changed, and nobody else did, takes the user's value;
- a field both changed, differently, is a clash: nothing is saved, and
  `ChangedElsewhere` says which fields, with the item as it is now.

An item deleted (or its person erased) since the form opened is not saved either.
The reading and the saving run in one transaction, so nothing can change in between.
"""

from __future__ import annotations

from collections.abc import Callable, Mapping
from typing import Any, TypeVar

from wardpanel.core.errors import UserError
from wardpanel.services.transactions import transaction

T = TypeVar("T")
Values = Mapping[str, Any]


class ChangedElsewhere(UserError):
    """The item changed, or went, since the form was opened; nothing was saved.

    `now`: the item's values as stored now (None: it no longer exists); `clashes`: the
    fields both the user and someone else changed, differently.
    """

    def __init__(self, message: str, *, now: Values | None, clashes: tuple[str, ...]) -> None:
        super().__init__(message)
        self.now = now
        self.clashes = clashes


def _plain(value: Any) -> Any:
    """A field's value as compared: nothing and "" are alike, and so are 7 and "7"."""
    if value is None:
        return ""
    return value if isinstance(value, bool) else str(value)


def merge_edit(opened: Values, typed: Values, now: Values) -> tuple[dict[str, Any], list[str]]:
    """The values to save, field by field (see the module docstring), and the fields
    that clash. A field the form did not show when it opened counts as untouched."""
    merged: dict[str, Any] = {}
    clashes: list[str] = []
    for field, value in typed.items():
        was = _plain(opened.get(field, value))
        stored = _plain(now.get(field, opened.get(field, value)))
        if _plain(value) == was:
            merged[field] = now.get(field, value)  # untouched here: as it is now
        elif stored in (was, _plain(value)):
            merged[field] = value
        else:
            merged[field] = value
            clashes.append(field)
    return merged, clashes


@transaction
def save_edit(
    read_now: Callable[[], Values | None],
    opened: Values,
    typed: Values,
    save: Callable[[dict[str, Any]], T],
) -> T:
    """Save an edit form's values with `save`, merged with what changed since the form
    opened (`read_now` reads the item as the form shows it; None when it is gone).

    Raises ChangedElsewhere, saving nothing, when the item is gone or a field clashes.
    """
    now = read_now()
    if now is None:
        raise ChangedElsewhere(
            "it was deleted, or its person's records erased, since this form was opened",
            now=None,
            clashes=(),
        )
    merged, clashes = merge_edit(opened, typed, now)
    if clashes:
        raise ChangedElsewhere(
            f"{', '.join(clashes)} changed elsewhere since this form was opened",
            now=now,
            clashes=tuple(clashes),
        )
    return save(merged)
