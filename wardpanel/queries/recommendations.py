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
from wardpanel.queries.actions import ActionFilter
from wardpanel.queries.names_meant import resolve_names


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
    awaiting_only: bool = False,
) -> list[RecommendationOnDay]:
    """Recommendations (of these meetings, panels or organisations, when given) as they
    stood on `day`, in the order they were made; only those made on or before
    `raised_by`, when given; only those awaiting a response on `day` with
    `awaiting_only`."""
    # The names on one row object: building an organisation, a meeting and a panel for
    # each recommendation cost the Actions view more than the rest of its reading.
    query = (
        Recommendation.select(
            Recommendation,
            Organisation.name.alias("to_name"),
            Meeting.date.alias("meeting_date"),
            Panel.name.alias("panel_name"),
        )
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
    if awaiting_only:
        # Those that may have awaited a response on `day`: awaiting now, or moved on by
        # an update (which may be dated after `day`). Their status on the day is below.
        moved = RecommendationUpdate.select(RecommendationUpdate.recommendation).where(
            RecommendationUpdate.status.is_null(False)
        )
        query = query.where(
            (Recommendation.status == "awaiting_response") | Recommendation.id.in_(moved)
        )
    found = list(query.order_by(Meeting.date, Recommendation.id).objects())
    history: dict[int, list[RecommendationUpdate]] = {r.id: [] for r in found}
    if found:
        # The same conditions as a subquery: hundreds of ids, each a parameter, would
        # cost more to send than the updates themselves.
        updates = RecommendationUpdate.select().where(
            RecommendationUpdate.recommendation.in_(query.select(Recommendation.id))
        )
        for update in updates.order_by(RecommendationUpdate.date, RecommendationUpdate.id):
            history[update.recommendation_id].append(update)
    result = []
    for item in found:
        updates = history[item.id]
        status = _status_on(item, updates, day)
        if awaiting_only and status != "awaiting_response":
            continue
        result.append(
            RecommendationOnDay(
                recommendation=item,
                to=item.to_name or "",
                panel=item.panel_name,
                meeting_date=item.meeting_date,
                status=status,
                overdue=recommendation_overdue(status, item.response_due, day),
                updates=tuple(u for u in updates if u.date <= day),
            )
        )
    return result


def recommendations_of(meeting: Meeting) -> list[RecommendationOnDay]:
    """The recommendations made at a meeting, as they stood on its day."""
    return recommendations_on(meeting.date, meeting_ids=[meeting.id])


def awaiting_response(filters: ActionFilter, day: dt.date) -> list[RecommendationOnDay]:
    """The recommendations awaiting a response that go with a list of actions: those of
    the filter's panel and organisation, made by `day`, still awaiting a response then
    (only the overdue ones when the filter asks for overdue actions). None when the
    filter asks for an owner (a recommendation has none), words (they are looked for in
    actions) or only closed actions. The Actions view and the follow-up list in Word
    both show exactly these."""
    statuses = set(filters.statuses or ("open", "in_progress"))
    if filters.owner or not statuses & {"open", "in_progress"} or filters.text:
        return []
    named = resolve_names(panel=filters.panel, organisation=filters.organisation)
    if named.missing:
        return []
    found = recommendations_on(
        day,
        panel_ids=named.panel,
        organisation_ids=named.organisation,
        raised_by=day,
        awaiting_only=True,
    )
    return [r for r in found if r.overdue or not filters.overdue]
