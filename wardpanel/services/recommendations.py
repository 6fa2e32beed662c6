"""Recommendations put to an organisation at a meeting (a citizens' assembly's, a panel's
request): never actions agreed. They await the organisation's response; its answer and
what follows are dated updates."""

from __future__ import annotations

import datetime as dt
from typing import Any

from wardpanel.core.fields import choice, date_value, get_or_refuse, line, long_text
from wardpanel.core.models import (
    RECOMMENDATION_STATUSES,
    Recommendation,
    RecommendationUpdate,
)
from wardpanel.services.locking import meeting_to_change, refuse_if_approved
from wardpanel.services.people import organisation_named
from wardpanel.services.transactions import transaction

# The update a response is dated by; the response itself is kept with the recommendation.
RESPONSE_RECEIVED = "Response received."


def _read(
    text: str,
    to: str | None,
    from_body: str,
    response_due: dt.date | str | None,
    as_said: str,
    status: str | None,
    response: str,
) -> dict[str, Any]:
    """A recommendation's fields as stored; InputError names the field at fault."""
    return {
        "text": long_text(text, "recommendation", required=True),
        "to_organisation": organisation_named(line(to, "put to") or None),
        "from_body": line(from_body, "from"),
        "response_due": date_value(response_due, "response due"),
        "response_due_as_said": line(as_said, "response due as said"),
        "status": choice(status, RECOMMENDATION_STATUSES, "status", "awaiting_response"),
        "response": long_text(response, "response"),
    }


@transaction
def add_recommendation(
    meeting_id: int,
    text: str,
    to: str | None = None,
    from_body: str = "",
    response_due: dt.date | str | None = None,
    as_said: str = "",
    status: str | None = None,
    response: str = "",
) -> Recommendation:
    """A recommendation made at the meeting to an organisation, awaiting its response."""
    meeting = meeting_to_change(meeting_id)
    fields = _read(text, to, from_body, response_due, as_said, status, response)
    recommendation = Recommendation.create(meeting=meeting, **fields)
    return recommendation


@transaction
def update_recommendation(
    recommendation_id: int,
    text: str,
    to: str | None = None,
    from_body: str = "",
    response_due: dt.date | str | None = None,
    as_said: str = "",
    status: str | None = None,
    response: str = "",
) -> Recommendation:
    """Correct a recommendation, or record the organisation's response and its status.
    Once the minutes are approved, what was recommended, to whom and by whom is theirs;
    the response, its date and the status still move on."""
    recommendation = get_or_refuse(Recommendation, recommendation_id, "recommendation")
    fields = _read(text, to, from_body, response_due, as_said, status, response)
    to_id = fields["to_organisation"].id if fields["to_organisation"] else None
    made = (fields["text"], to_id, fields["from_body"])
    if made != (recommendation.text, recommendation.to_organisation_id, recommendation.from_body):
        refuse_if_approved(recommendation.meeting_id)
    for name, stored in fields.items():
        setattr(recommendation, name, stored)
    recommendation.save()
    return recommendation


@transaction
def add_recommendation_update(
    recommendation_id: int,
    text: str,
    status: str | None = None,
    date: dt.date | str | None = None,
) -> RecommendationUpdate:
    """What the organisation said or did since, dated (today by default); a new status
    moves the recommendation to it."""
    recommendation = get_or_refuse(Recommendation, recommendation_id, "recommendation")
    new_status = (
        choice(status, RECOMMENDATION_STATUSES, "status", recommendation.status) if status else None
    )
    update = RecommendationUpdate.create(
        recommendation=recommendation,
        date=date_value(date, "date") or dt.date.today(),
        text=long_text(text, "update", required=not new_status),
        status=new_status,
    )
    if new_status:
        recommendation.status = new_status
        recommendation.save()
    return update


@transaction
def delete_recommendation(recommendation_id: int) -> None:
    """Remove a recommendation entered by mistake, with its updates."""
    recommendation = get_or_refuse(Recommendation, recommendation_id, "recommendation")
    refuse_if_approved(recommendation.meeting_id)
    recommendation.delete_instance(recursive=True)


@transaction
def record_recommendation_response(
    recommendation_id: int,
    response: str,
    status: str | None = None,
    date: dt.date | str | None = None,
) -> Recommendation:
    """The organisation's response, kept with the recommendation, and the status it gives
    it. The response is also a dated update (today by default), so the recommendation
    still reads as awaiting a response on any day before it came."""
    recommendation = get_or_refuse(Recommendation, recommendation_id, "recommendation")
    words = long_text(response, "response", required=True)
    new_status = choice(status, RECOMMENDATION_STATUSES, "status", recommendation.status)
    RecommendationUpdate.create(
        recommendation=recommendation,
        date=date_value(date, "date") or dt.date.today(),
        text=RESPONSE_RECEIVED,
        status=new_status if new_status != recommendation.status else None,
    )
    recommendation.response = words
    recommendation.status = new_status
    recommendation.save()
    return recommendation
