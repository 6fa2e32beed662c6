"""What the next meeting's papers hold beyond the minutes: recommendations and figures."""

from __future__ import annotations

import peewee as pw

from wardpanel.core.models import Figure, Meeting, Organisation, Recommendation


def recommendations_up_to(meeting: Meeting) -> list[Recommendation]:
    """The panel's recommendations made at this meeting or before it, oldest first, each
    with its meeting and the organisation it went to loaded."""
    made_at = Meeting.alias()
    return list(
        Recommendation.select(Recommendation, made_at, Organisation)
        .join(made_at, on=(Recommendation.meeting == made_at.id))
        .switch(Recommendation)
        .join(Organisation, pw.JOIN.LEFT_OUTER)
        .where(made_at.panel == meeting.panel_id, made_at.date <= meeting.date)
        .order_by(made_at.date, Recommendation.id)
    )


def figures_of(meeting_id: int) -> list[Figure]:
    """The figures reported at a meeting, in the order they were recorded."""
    return list(Figure.select().where(Figure.meeting == meeting_id).order_by(Figure.id))
