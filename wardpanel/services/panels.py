"""Creating a ward panel, correcting its name, ward, borough and code, and putting
panels right: one panel recorded twice merged into one, one started by mistake deleted.

A panel's code begins its action references ("HS" of "HS-12"): made from its name's
initials when it is created (wardpanel.services.references), and the clerk's to change.
"""

from __future__ import annotations

from wardpanel.core.errors import InputError
from wardpanel.core.fields import get_or_refuse, line, name_value
from wardpanel.core.models import Correction, Meeting, Panel, Priority
from wardpanel.core.people import same_name
from wardpanel.core.words import plural, short_date
from wardpanel.services.locking import refuse_if_any_approved
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


def _meetings_of(panel: Panel) -> dict[tuple[object, str], Meeting]:
    return {(m.date, m.title.casefold()): m for m in panel.meetings}


@transaction
def merge_panels(panel_id: int, into_id: int) -> Panel:
    """Make panel `panel_id` one with `into_id`: its meetings (with everything recorded
    at them) and its priorities move to the panel kept, which takes the council it
    lacks; the panel merged is deleted and the merge recorded as a Correction.

    Action references stay as they were printed. Refused for a panel merged into
    itself, for one whose meetings include approved minutes (they print its name), and
    where both panels have a meeting of the same date and title (delete or
    retitle one first), so that nothing is lost or doubled.
    """
    if panel_id == into_id:
        raise InputError("panel", "a panel cannot be merged into itself")
    gone = get_or_refuse(Panel, panel_id, "panel")
    kept = get_or_refuse(Panel, into_id, "panel")
    theirs = _meetings_of(kept)
    for key, meeting in sorted(_meetings_of(gone).items(), key=lambda item: str(item[0])):
        if key in theirs:
            raise InputError(
                "panel",
                f"both panels have a meeting on {short_date(meeting.date)} called "
                f"'{meeting.title}': delete or retitle one of them first",
            )
    # Approved minutes print the panel merged away: locked until reopened. Merging the
    # other way keeps them as printed when the panel kept has only draft minutes.
    kept_locked = Meeting.select().where(Meeting.panel == kept.id, Meeting.status == "approved")
    refuse_if_any_approved(
        (m.id for m in gone.meetings),
        "" if kept_locked.exists() else f"or merge the other way, {kept.name} into {gone.name}",
    )
    moved = gone.meetings.count()
    for field in Panel._meta.backrefs:
        field.model.update({field: kept.id}).where(field == gone.id).execute()
    if kept.council_id is None and gone.council_id is not None:
        kept.council = gone.council_id
        kept.save()
    gone.delete_instance()
    Correction.create(
        kind="merge_panel",
        text=f"{gone.name} merged into {kept.name} ({plural(moved, 'meeting')} moved)",
    )
    return kept


@transaction
def delete_panel(panel_id: int) -> None:
    """Delete a panel with no meetings and no priorities (started by mistake); refused
    otherwise, saying what it still holds. Recorded as a Correction."""
    panel = get_or_refuse(Panel, panel_id, "panel")
    meetings = panel.meetings.count()
    priorities = Priority.select().where(Priority.panel == panel.id).count()
    if meetings or priorities:
        held = " and ".join(
            plural(count, noun, many)
            for count, noun, many in (
                (meetings, "meeting", "meetings"),
                (priorities, "priority", "priorities"),
            )
            if count
        )
        raise InputError(
            "panel",
            f"{panel.name} still has {held}: merge it into another panel instead",
        )
    panel.delete_instance()
    Correction.create(kind="delete_panel", text=f"{panel.name} deleted")
