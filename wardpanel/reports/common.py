"""What both reports share: the panel and the period asked for, and the meetings in it.

People are printed by the one rule of wardpanel.core.people: whoever asked anonymously
at a meeting is "A resident" for everything of that meeting, and their stored name is
never handed out; residents otherwise as the report's `Naming` says.
"""

from __future__ import annotations

import datetime as dt

from wardpanel.core.errors import InputError
from wardpanel.core.models import Meeting, Panel
from wardpanel.core.people import same_name
from wardpanel.core.textclean import quoted


def find_panel(name_or_id: str | int) -> Panel:
    """The panel with that id, or that name whatever its case; InputError("panel") if none."""
    if isinstance(name_or_id, int):
        panel = Panel.get_or_none(Panel.id == name_or_id)
        if panel is None:
            raise InputError("panel", f"no panel with id {name_or_id}")
        return panel
    for panel in Panel.select().order_by(Panel.id):
        if same_name(panel.name, str(name_or_id)):
            return panel
    raise InputError("panel", f"no panel called {quoted(' '.join(str(name_or_id).split()))}")


def panel_by_id(panel_id: int) -> Panel:
    """The panel with that id; InputError("panel") if none."""
    panel = Panel.get_or_none(Panel.id == panel_id)
    if panel is None:
        raise InputError("panel", f"no panel with id {panel_id}")
    return panel


def check_period(date_from: dt.date | None, date_to: dt.date | None) -> None:
    """InputError("to") when the period ends before it starts."""
    if date_from is not None and date_to is not None and date_to < date_from:
        raise InputError(
            "to",
            f"{date_to.isoformat()} is before the start of the period, {date_from.isoformat()}",
        )


def meetings_in(
    panel_id: int, date_from: dt.date | None = None, date_to: dt.date | None = None
) -> list[Meeting]:
    """The panel's meetings from `date_from` to `date_to` (both included), oldest first."""
    query = Meeting.select().where(Meeting.panel == panel_id)
    if date_from is not None:
        query = query.where(Meeting.date >= date_from)
    if date_to is not None:
        query = query.where(Meeting.date <= date_to)
    return list(query.order_by(Meeting.date, Meeting.id))
