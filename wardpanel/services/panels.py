"""Creating a ward panel and correcting its name, ward and borough."""

from __future__ import annotations

from wardpanel.core.errors import InputError
from wardpanel.core.fields import get_or_refuse, line, name_value
from wardpanel.core.models import Panel
from wardpanel.core.people import same_name
from wardpanel.services.transactions import transaction


@transaction
def create_panel(name: str, ward: str = "", borough: str = "") -> Panel:
    """A new panel; its name must be unique."""
    name = name_value(name, "panel name", required=True)
    if _panel_called(name) is not None:
        raise InputError("panel name", f"a panel called '{name}' already exists")
    return Panel.create(name=name, ward=line(ward, "ward"), borough=line(borough, "borough"))


@transaction
def update_panel(panel_id: int, name: str, ward: str = "", borough: str = "") -> Panel:
    """Correct a panel's name, ward and borough; the name stays unique."""
    panel = get_or_refuse(Panel, panel_id, "panel")
    name = name_value(name, "panel name", required=True)
    if _panel_called(name, but_not=panel.id) is not None:
        raise InputError("panel name", f"a panel called '{name}' already exists")
    panel.name, panel.ward, panel.borough = name, line(ward, "ward"), line(borough, "borough")
    panel.save()
    return panel


def _panel_called(name: str, but_not: int | None = None) -> int | None:
    """The id of another panel whose name is this one to a reader (any case, however
    written), or None."""
    for panel_id, stored in Panel.select(Panel.id, Panel.name).tuples():
        if panel_id != but_not and same_name(stored, name):
            return panel_id
    return None
