"""What is typed in an open editor, kept until it is saved or discarded.

An editor's save runs through `save_dropping_draft`, which drops the editor's draft in
the same transaction as the change itself: the use cases know nothing of drafts.
"""

from __future__ import annotations

import json
from collections.abc import Callable
from typing import Any, TypeVar

from wardpanel.core.fields import MAX_LINE
from wardpanel.core.models import Draft, now
from wardpanel.core.textclean import storable
from wardpanel.services.transactions import transaction

T = TypeVar("T")


def _drop_draft(key: str | None) -> None:
    """Remove the draft kept under `key`, if any, inside the caller's transaction."""
    if key:
        Draft.delete().where(Draft.key == key).execute()


@transaction
def save_draft(
    key: str, fields: dict[str, Any], label: str = "", meeting_id: int | None = None
) -> None:
    """Keep what is typed in an open editor; replaced on every save of the same key."""
    # Drafts are stored raw (not cleaned) so the chair gets back exactly what was typed,
    # less what the database itself cannot hold: a lone surrogate (a NUL is escaped).
    payload = storable(json.dumps(fields, ensure_ascii=False))
    updated = (
        Draft.update(payload=payload, label=label[:MAX_LINE], updated_at=now())
        .where(Draft.key == key)
        .execute()
    )
    if not updated:
        Draft.create(key=key, payload=payload, label=label[:MAX_LINE], meeting=meeting_id)


def load_draft(key: str) -> dict[str, Any] | None:
    """The fields last kept under `key`, as they were typed; None when there is none."""
    draft = Draft.get_or_none(Draft.key == key)
    return json.loads(draft.payload) if draft else None


@transaction
def discard_draft(key: str) -> None:
    """Forget the draft kept under `key`: the editor was closed without saving."""
    _drop_draft(key)


def save_dropping_draft(save: Callable[[], T], key: str | None) -> T:
    """Run an editor's save and drop its draft in one transaction, so a draft never
    outlives the record it became (nor comes back to undo it after a crash)."""

    @transaction
    def saving() -> T:
        result = save()
        _drop_draft(key)
        return result

    return saving()
