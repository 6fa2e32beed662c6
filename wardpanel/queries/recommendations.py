"""Recommendations put to organisations, as they stood on a day.

A recommendation is never an action agreed: it awaits the organisation's response
until an update (or its own status) says otherwise, and is overdue while it awaits one
after its response date (`core.words.recommendation_overdue`). Nothing here writes.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterable
from dataclasses import dataclass

import peewee as pw

from wardpanel.core.models import (
    Meeting,
    Organisation,
    Panel,
    Recommendation,
    RecommendationUpdate,
)
from wardpanel.core.words import recommendation_overdue


@dataclass(frozen=True)
class RecommendationOnDay:
    """A recommendation as it stood on a day: its status then (from the updates dated
    before it, else its own), overdue then, and the updates known by then."""

    recommendation: Recommendation
    to: str
    panel: str
    meeting_date: dt.date
    status: str
    overdue: bool
    updates: tuple[RecommendationUpdate, ...]

    @property
    def latest(self) -> RecommendationUpdate | None:
        """The last update known that day."""
        return self.updates[-1] if self.updates else None

    @property
    def standing(self) -> str:
        """Overdue, or its status."""
        return "overdue" if self.overdue else self.status


def _status_on(
    recommendation: Recommendation, updates: list[RecommendationUpdate], day: dt.date
) -> str:
    """Its status at the end of `day`: a later change of status shows it was still
    awaiting a response then; with none, its stored status holds."""
    with_status = [u for u in updates if u.status]
    known = [u for u in with_status if u.date <= day]
    if known:
        return known[-1].status
    if with_status:
        return "awaiting_response"
    return recommendation.status


def recommendations_on(
    day: dt.date,
    *,
    meeting_ids: Iterable[int] | None = None,
    panel_ids: Iterable[int] | None = None,
    organisation_ids: Iterable[int] | None = None,
    raised_by: dt.date | None = None,
) -> list[RecommendationOnDay]:
    """Recommendations (of these meetings, panels or organisations, when given) as they
    stood on `day`, in the order they were made; only those made on or before
    `raised_by`, when given."""
    query = (
        Recommendation.select(Recommendation, Organisation, Meeting, Panel)
        .join(Organisation, pw.JOIN.LEFT_OUTER)
        .switch(Recommendation)
        .join(Meeting)
        .join(Panel)
    )
    if meeting_ids is not None:
        query = query.where(Recommendation.meeting.in_(list(meeting_ids)))
    if panel_ids is not None:
        query = query.where(Meeting.panel.in_(list(panel_ids)))
    if organisation_ids is not None:
        query = query.where(Recommendation.to_organisation.in_(list(organisation_ids)))
    if raised_by is not None:
        query = query.where(Meeting.date <= raised_by)
    found = list(query.order_by(Meeting.date, Recommendation.id))
    history: dict[int, list[RecommendationUpdate]] = {r.id: [] for r in found}
    if found:
        updates = RecommendationUpdate.select().where(
            RecommendationUpdate.recommendation.in_(list(history))
        )
        for update in updates.order_by(RecommendationUpdate.date, RecommendationUpdate.id):
            history[update.recommendation_id].append(update)
    result = []
    for item in found:
        updates = history[item.id]
        status = _status_on(item, updates, day)
        result.append(
            RecommendationOnDay(
                recommendation=item,
                to=item.to_organisation.name if item.to_organisation_id else "",
                panel=item.meeting.panel.name,
                meeting_date=item.meeting.date,
                status=status,
                overdue=recommendation_overdue(status, item.response_due, day),
                updates=tuple(u for u in updates if u.date <= day),
            )
        )
    return result


def recommendations_of(meeting: Meeting) -> list[RecommendationOnDay]:
    """The recommendations made at a meeting, as they stood on its day."""
    return recommendations_on(meeting.date, meeting_ids=[meeting.id])
