"""Figures reported at meetings, set beside the period before.

The one place that says what a figure's "previous" is: the value the meeting recorded
as previous, else the panel's last earlier meeting with a figure of the same category;
and what its change is. Minutes, `wardpanel figures` and the app's trend all read it.
Nothing here writes.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterable
from dataclasses import dataclass
from decimal import Decimal

import peewee as pw

from wardpanel.core.models import Figure, Meeting, Panel


@dataclass(frozen=True)
class FigureRow:
    """One figure of one meeting. `value` and `previous` are as stored ("43", "-3.5");
    `previous_from` is the date of the meeting the previous value was taken from, or None
    when the meeting itself recorded it (or there is none)."""

    id: int
    meeting_id: int
    meeting_date: dt.date
    panel: str
    category: str
    value: str
    previous: str | None
    previous_from: dt.date | None
    period: str
    unit: str
    note: str

    @property
    def change(self) -> str:
        """This period less the previous, signed ("+3", "-6", "0"); "" with no previous."""
        return figure_change(self.value, self.previous)


def figure_change(value: str | None, previous: str | None) -> str:
    """The change from `previous` to `value` as a signed number: "+3", "-6", "0", "-0.5"."""
    if value is None or previous is None:
        return ""
    difference = Decimal(value) - Decimal(previous)
    if difference == 0:
        return "0"
    text = format(difference.normalize() if difference % 1 else difference.quantize(1), "f")
    return text if difference < 0 else f"+{text}"


def figure_number(text: str) -> int | float:
    """A stored figure as a JSON number: "43" -> 43, "+3" -> 3, "38.5" -> 38.5.
    ValueError for text that is not a number."""
    return float(text) if any(c in text for c in ".eE") else int(text)


def category_key(category: str) -> str:
    """Categories match whatever the case and spacing: 'Burglary ' is 'burglary'."""
    return " ".join(category.split()).casefold()


def _rows(query: pw.ModelSelect) -> list[FigureRow]:
    """Figures (oldest meeting first) with their previous values filled from the panel's
    earlier meetings where the meeting gave none."""
    last_seen: dict[tuple[int, str], tuple[dt.date, int, str]] = {}
    rows = []
    # Read through the cursor: Peewee's row conversion (three models per figure, or
    # a converter per column) would cost ten times the query over hundreds of meetings.
    # Only the date needs converting, once per meeting.
    days: dict[int, dt.date] = {}
    to_date = Meeting.date.python_value
    for (
        figure_id, meeting_id, stored_day, panel_id, panel, category, value, previous,
        period, unit, note,
    ) in Figure._meta.database.execute(query):  # fmt: skip
        day = days.get(meeting_id)
        if day is None:
            day = days[meeting_id] = to_date(stored_day)
        key = (panel_id, category_key(category))
        previous_from = None
        earlier = last_seen.get(key)
        if previous is None and earlier is not None and earlier[1] != meeting_id:
            previous_from, _, previous = earlier
        rows.append(
            FigureRow(
                id=figure_id,
                meeting_id=meeting_id,
                meeting_date=day,
                panel=panel,
                category=category,
                value=value,
                previous=previous,
                previous_from=previous_from,
                period=period,
                unit=unit,
                note=note,
            )
        )
        # A second figure of the same category at the same meeting is not "previous".
        if earlier is None or earlier[1] != meeting_id:
            last_seen[key] = (day, meeting_id, value)
    return rows


def _figures_query(panel_ids: Iterable[int], until: dt.date | None = None) -> pw.ModelSelect:
    query = (
        Figure.select(
            Figure.id,
            Meeting.id,
            Meeting.date,
            Meeting.panel,
            Panel.name,
            Figure.category,
            Figure.value,
            Figure.previous,
            Figure.period,
            Figure.unit,
            Figure.note,
        )
        .join(Meeting)
        .join(Panel)
        .where(Meeting.panel.in_(list(panel_ids)))
    )
    if until is not None:
        query = query.where(Meeting.date <= until)
    return query.order_by(Meeting.date, Meeting.id, Figure.id)


def panel_figures(panel_ids: Iterable[int]) -> list[FigureRow]:
    """Every figure of these panels' meetings, oldest meeting first, in the order entered."""
    return _rows(_figures_query(panel_ids))


def figures_of(meeting: Meeting) -> list[FigureRow]:
    """A meeting's figures in the order entered, each with its previous value."""
    rows = _rows(_figures_query([meeting.panel_id], meeting.date))
    return [row for row in rows if row.meeting_id == meeting.id]


def previous_figure(panel_id: int, category: str, before: Meeting) -> str | None:
    """The value of `category` at the panel's last meeting before `before`, if any:
    what a new figure's "previous" fills itself with."""
    wanted = category_key(category)
    candidates = (
        Figure.select(Figure.category, Figure.value)
        .join(Meeting)
        .where(
            Meeting.panel == panel_id,
            (Meeting.date < before.date)
            | ((Meeting.date == before.date) & (Meeting.id < before.id)),
        )
        .order_by(Meeting.date.desc(), Meeting.id.desc(), Figure.id.desc())
    )
    for found_category, value in candidates.tuples().iterator():
        if category_key(found_category) == wanted:
            return value
    return None


def trend(rows: Iterable[FigureRow], category: str) -> list[tuple[dt.date, Decimal]]:
    """The values of one category across the meetings, oldest first, one per meeting
    (the first given there), for a sparkline."""
    wanted = category_key(category)
    seen: set[int] = set()
    values = []
    for row in rows:
        if category_key(row.category) == wanted and row.meeting_id not in seen:
            seen.add(row.meeting_id)
            values.append((row.meeting_date, Decimal(row.value)))
    return values
