"""Creating a ward panel and correcting its name, ward and borough."""

from __future__ import annotations

import peewee as pw

from wardpanel.core.errors import InputError
from wardpanel.core.fields import get_or_refuse, line
from wardpanel.core.models import Panel
from wardpanel.services.transactions import transaction


@transaction
def create_panel(name: str, ward: str = "", borough: str = "") -> Panel:
    """A new panel; its name must be unique."""
    name = line(name, "panel name", required=True)
    if Panel.select().where(pw.fn.lower(Panel.name) == pw.fn.lower(name)).exists():
        raise InputError("panel name", f"a panel called '{name}' already exists")
    return Panel.create(name=name, ward=line(ward, "ward"), borough=line(borough, "borough"))


@transaction
def update_panel(panel_id: int, name: str, ward: str = "", borough: str = "") -> Panel:
    """Correct a panel's name, ward and borough; the name stays unique."""
    panel = get_or_refuse(Panel, panel_id, "panel")
    name = line(name, "panel name", required=True)
    clash = Panel.select().where(pw.fn.lower(Panel.name) == pw.fn.lower(name), Panel.id != panel.id)
    if clash.exists():
        raise InputError("panel name", f"a panel called '{name}' already exists")
    panel.name, panel.ward, panel.borough = name, line(ward, "ward"), line(borough, "borough")
    panel.save()
    return panel
