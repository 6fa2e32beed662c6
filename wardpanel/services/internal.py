"""Marking an item internal: kept in the panel's record, left out of published minutes."""

from __future__ import annotations

from wardpanel.core.fields import get_or_refuse
from wardpanel.core.models import Action, Note, Question, Response
from wardpanel.services.locking import refuse_if_approved
from wardpanel.services.transactions import transaction

# What can be marked internal, by the name a section gives it.
INTERNAL_KINDS = {"question": Question, "response": Response, "note": Note, "action": Action}


@transaction
def set_internal(kind: str, item_id: int, internal: bool) -> bool:
    """Mark a question, response, note or action internal (or public again); returns the
    new value. Refused once the meeting's minutes are approved."""
    model = INTERNAL_KINDS[kind]
    item = get_or_refuse(model, item_id, kind)
    meeting_id = (
        Question.select(Question.meeting).where(Question.id == item.question_id).scalar()
        if isinstance(item, Response)
        else item.meeting_id
    )
    refuse_if_approved(meeting_id)
    item.internal = bool(internal)
    item.save()
    return item.internal
