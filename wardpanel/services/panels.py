"""Creating a ward panel and correcting its name, ward, borough and code.

A panel's code begins its action references ("HS" of "HS-12"): made from its name's
initials when it is created (wardpanel.services.references), and the clerk's to change.
"""

from __future__ import annotations

from wardpanel.core.errors import InputError
from wardpanel.core.fields import get_or_refuse, line, name_value
from wardpanel.core.models import Panel
from wardpanel.core.people import same_name
from wardpanel.services.references import checked_panel_code, new_panel_code
from wardpanel.services.transactions import transaction


@transaction
def create_panel(name: str, ward: str = "", borough: str = "", code: str | None = None) -> Panel:
    """A new panel; its name must be unique, and so must its code (its name's initials
    unless one is given)."""
    name = name_value(name, "panel name", required=True)
    if _panel_called(name) is not None:
        raise InputError("panel name", f"a panel called '{name}' already exists")
    ward, borough = line(ward, "ward"), line(borough, "borough")
    code = new_panel_code(name) if code is None else checked_panel_code(code)
    return Panel.create(name=name, ward=ward, borough=borough, code=code)


@transaction
def update_panel(
    panel_id: int, name: str, ward: str = "", borough: str = "", code: str | None = None
) -> Panel:
    """Correct a panel's name, ward, borough and (given) code; the name and the code
    stay unique. References already given keep the code they were given with."""
    panel = get_or_refuse(Panel, panel_id, "panel")
    name = name_value(name, "panel name", required=True)
    if _panel_called(name, but_not=panel.id) is not None:
        raise InputError("panel name", f"a panel called '{name}' already exists")
    panel.name, panel.ward, panel.borough = name, line(ward, "ward"), line(borough, "borough")
    if code is not None:
        panel.code = checked_panel_code(code, panel.id)
    panel.save()
    return panel


def _panel_called(name: str, but_not: int | None = None) -> int | None:
    """The id of another panel whose name is this one to a reader (any case, however
    written), or None."""
    for panel_id, stored in Panel.select(Panel.id, Panel.name).tuples():
        if panel_id != but_not and same_name(stored, name):
            return panel_id
    return None
