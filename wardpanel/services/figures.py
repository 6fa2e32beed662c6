"""Figures reported at a meeting: a category, this period's number, and the previous
period's when the meeting gave it (otherwise it is read from the panel's last meeting
with the same category, wardpanel.queries.figures)."""

from __future__ import annotations

from typing import Any

from wardpanel.core.fields import figure_value, get_or_refuse, line, long_text
from wardpanel.core.models import Figure
from wardpanel.services.locking import meeting_to_change, refuse_if_approved
from wardpanel.services.transactions import transaction

Number = str | int | float


def _read(
    category: str, value: Number, previous: Number | None, period: str, unit: str, note: str
) -> dict[str, Any]:
    """A figure's fields as stored; InputError names the field at fault."""
    return {
        "category": line(category, "category", required=True),
        "value": figure_value(str(value), "value", required=True),
        "previous": figure_value(None if previous is None else str(previous), "previous"),
        "period": line(period, "period"),
        "unit": line(unit, "unit"),
        "note": long_text(note, "note"),
    }


@transaction
def add_figure(
    meeting_id: int,
    category: str,
    value: Number,
    previous: Number | None = None,
    period: str = "",
    unit: str = "",
    note: str = "",
) -> Figure:
    """A number reported at the meeting; InputError names the field at fault."""
    meeting = meeting_to_change(meeting_id)
    figure = Figure.create(meeting=meeting, **_read(category, value, previous, period, unit, note))
    return figure


@transaction
def update_figure(
    figure_id: int,
    category: str,
    value: Number,
    previous: Number | None = None,
    period: str = "",
    unit: str = "",
    note: str = "",
) -> Figure:
    """Correct a figure; InputError names the field at fault and nothing changes."""
    figure = get_or_refuse(Figure, figure_id, "figure")
    refuse_if_approved(figure.meeting_id)
    for name, stored in _read(category, value, previous, period, unit, note).items():
        setattr(figure, name, stored)
    figure.save()
    return figure


@transaction
def delete_figure(figure_id: int) -> None:
    """Remove a figure entered by mistake."""
    figure = get_or_refuse(Figure, figure_id, "figure")
    refuse_if_approved(figure.meeting_id)
    figure.delete_instance()
