"""Word documents for the clerk: a meeting's minutes and the follow-up action list.

Importing this package is cheap: python-docx (about 180 ms to import) is loaded only
when a document is actually built, so the app starts quickly.

Each document is read inside one read snapshot (database.read_snapshot): it shows the
database as it was at one moment, even while a chair and an officer go on saving.

Destinations: with no path given, documents go to `exports/` under the current folder
with a name made from the date (and panel), numbered `-2`, `-3`... rather than ever
replacing an earlier document. A path given explicitly is replaced only with `force`.
"""

from __future__ import annotations

import dataclasses
import datetime as dt
import re
import unicodedata
from collections.abc import Sequence
from pathlib import Path

from wardpanel.core import paths
from wardpanel.core.files import (
    USER_FAULT,
    ExportError,
    check_destination,
    make_private_folder,
    write_atomically,
    write_numbered,
)
from wardpanel.core.models import Meeting, Panel
from wardpanel.core.people import FULL_RECORD, Naming, residents_printed
from wardpanel.core.storage.database import read_snapshot
from wardpanel.exporting.template import template_used
from wardpanel.queries.actions import ActionFilter

__all__ = [
    "ActionFilter",
    "ExportError",
    "default_actions_path",
    "default_minutes_path",
    "export_actions",
    "export_attendance",
    "export_minutes",
    "export_pack",
    "export_said_did",
    "write_atomically",
]

MAX_SLUG = 60
# How a filter's name that matches nothing is told, by the option it came from.
UNKNOWN_NAME = {
    "panel": "no panel called",
    "organisation": "no organisation called",
    "owner": "nobody called",
}


def slug(text: str) -> str:
    """A file-name-safe form of a name: 'Hoe Street Ward Panel' -> 'hoe-street-ward-panel'."""
    ascii_text = unicodedata.normalize("NFKD", text).encode("ascii", "ignore").decode("ascii")
    words = re.sub(r"[^a-z0-9]+", "-", ascii_text.lower()).strip("-")
    return words[:MAX_SLUG].rstrip("-") or "panel"


def default_minutes_path(meeting: Meeting) -> Path:
    """exports/<date>-<panel-slug>-minutes.docx under the current folder (before numbering)."""
    return (
        paths.exports_dir() / f"{meeting.date.isoformat()}-{slug(meeting.panel.name)}-minutes.docx"
    )


def default_actions_path(as_of: dt.date) -> Path:
    """exports/<date>-actions.docx under the current folder (before numbering)."""
    return paths.exports_dir() / f"{as_of.isoformat()}-actions.docx"


def export_minutes(
    meeting_id: int,
    output: Path | None = None,
    *,
    residents: str | None = None,
    record: bool = False,
    initials: bool = False,
    force: bool = False,
    template: Path | None = None,
) -> Path:
    """Write a meeting's minutes as .docx and return the path written.

    Published minutes by default: residents printed as `residents` says (named,
    initials or withheld; `initials` is the older way of saying initials; without
    either, the panel's own choice), internal items and unfiled lines left out.
    `record` writes the panel's full record instead. Raises ExportError: status 2 for
    an unknown meeting or a destination the user must fix.
    """
    from wardpanel.queries import meeting_with_panel

    if output is not None:
        check_destination(Path(output), force=force)
    styles = _template(template)
    from wardpanel.exporting.minutes import minutes_document

    with read_snapshot(), template_used(styles):
        meeting = meeting_with_panel(meeting_id)
        if meeting is None:
            raise ExportError(f"meeting {meeting_id}: there is no meeting with that id", USER_FAULT)
        chosen = "initials" if initials and residents is None else residents
        data = minutes_document(meeting, residents=chosen, record=record)
        destination = default_minutes_path(meeting)
    return _deliver(data, output, destination, force=force)


def document_naming(panel_id: int | None, residents: str | None, record: bool) -> Naming:
    """How a document prints residents: the panel's full record, or published as
    `residents` says, else as the panel chooses (initials when no panel is given)."""
    if record:
        return FULL_RECORD
    chosen = residents
    if chosen is None and panel_id is not None:
        chosen = Panel.select(Panel.publish_residents).where(Panel.id == panel_id).scalar()
    return Naming(residents=residents_printed(chosen, None))


def export_actions(
    output: Path | None,
    filters: ActionFilter,
    *,
    as_of: dt.date | None = None,
    force: bool = False,
    residents: str | None = None,
    record: bool = False,
    template: Path | None = None,
) -> Path:
    """Write the follow-up action list of the actions `filters` picks (overdue judged on
    `as_of`, else on the filter's own day); return the path written. Residents who own
    actions are printed as `residents` says (else as the panel of `--panel` chooses,
    else by initials), or named in the panel's full `record`.

    The list holds exactly what the Actions view shows for the same filter. Raises
    ExportError: status 2 for a filter naming no panel, organisation or person, a
    status that does not exist, or a destination the user must fix.
    """
    if as_of is not None:
        filters = dataclasses.replace(filters, as_of=as_of)
    if output is not None:
        check_destination(Path(output), force=force)
    styles = _template(template)
    from wardpanel.exporting.actions import action_list_document
    from wardpanel.queries.actions import QueryError, all_actions
    from wardpanel.queries.people import chairs_of

    try:
        with read_snapshot():
            page = all_actions(filters)
    except QueryError as error:
        option = "status" if error.field == "statuses" else error.field.replace("_", "-")
        raise ExportError(f"--{option}: {error.message}", USER_FAULT) from None
    for key in page.unknown:
        name = " ".join((getattr(filters, key) or "").split())
        raise ExportError(f"--{key}: {UNKNOWN_NAME[key]} '{name}'", USER_FAULT)
    awaiting = _awaiting_response(filters, page.as_of)
    panel_ids = {row.panel_id for row in page.rows}
    naming = document_naming(
        next(iter(panel_ids)) if len(panel_ids) == 1 and filters.panel else None, residents, record
    )
    naming = dataclasses.replace(naming, chairs=chairs_of(row.meeting_id for row in page.rows))
    with template_used(styles):
        data = action_list_document(
            page.rows,
            dataclasses.replace(filters, as_of=page.as_of),
            naming,
            awaiting=awaiting,
            record=record,
        )
    return _deliver(data, output, default_actions_path(page.as_of), force=force)


def _awaiting_response(filters: ActionFilter, day: dt.date) -> list:
    """The recommendations awaiting a response that the follow-up list carries: those of
    the filter's panel and organisation, unless it asks for an owner (a recommendation
    has none) or only closed actions."""
    from wardpanel.queries.actions import resolve_names
    from wardpanel.queries.recommendations import recommendations_on

    statuses = set(filters.statuses or ("open", "in_progress"))
    if filters.owner or not statuses & {"open", "in_progress"} or filters.text:
        return []
    named = resolve_names(panel=filters.panel, organisation=filters.organisation)
    with read_snapshot():
        found = recommendations_on(
            day, panel_ids=named.panel, organisation_ids=named.organisation, raised_by=day
        )
    return [
        r for r in found if r.status == "awaiting_response" and (r.overdue or not filters.overdue)
    ]


def default_pack_path(meeting: Meeting) -> Path:
    """exports/<date>-<panel-slug>-pack.docx under the current folder (before numbering)."""
    return paths.exports_dir() / f"{meeting.date.isoformat()}-{slug(meeting.panel.name)}-pack.docx"


def export_pack(
    meeting_id: int,
    output: Path | None = None,
    *,
    as_of: dt.date | None = None,
    residents: str | None = None,
    record: bool = False,
    force: bool = False,
    template: Path | None = None,
) -> Path:
    """Write the meeting pack for the papers of the meeting after `meeting_id` (its
    minutes, the panel's open actions as of `as_of` (default today), its
    recommendations and the meeting's figures) as one .docx; return the path written.
    People are printed as in the published minutes (`residents`, else the panel's
    choice), or named in the panel's full `record`.

    Raises ExportError: status 2 for an unknown meeting or a destination the user must
    fix; TemplateError (status 2) for a template that cannot be built on.
    """
    from wardpanel.queries import meeting_with_panel

    if output is not None:
        check_destination(Path(output), force=force)
    styles = _template(template)
    from wardpanel.exporting.pack import pack_document
    from wardpanel.queries.actions import all_actions

    day = as_of or dt.date.today()
    with read_snapshot(), template_used(styles):
        meeting = meeting_with_panel(meeting_id)
        if meeting is None:
            raise ExportError(f"meeting {meeting_id}: there is no meeting with that id", USER_FAULT)
        # By the panel's id, not its name: two panels may share a name on a borough
        # server; and only what was agreed by this meeting, for a pack made later.
        open_actions = [
            row
            for row in all_actions(ActionFilter(panel=meeting.panel.name, as_of=day)).rows
            if row.panel_id == meeting.panel_id and row.meeting_date <= meeting.date
        ]
        chosen = residents_printed(residents, meeting.panel.publish_residents)
        data = pack_document(meeting, open_actions, day, residents=chosen, record=record)
        destination = default_pack_path(meeting)
    return _deliver(data, output, destination, force=force)


def _period_path(
    panel_name: str,
    kind: str,
    date_from: dt.date | None,
    date_to: dt.date | None,
    meetings: Sequence[Meeting],
) -> Path:
    """exports/<from>-<to>-<panel-slug>-<kind>.docx; an open end is the first or last
    meeting's date in the period (today when there is none)."""
    today = dt.date.today()
    start = date_from or (meetings[0].date if meetings else today)
    end = date_to or (meetings[-1].date if meetings else today)
    name = f"{start.isoformat()}-{end.isoformat()}-{slug(panel_name)}-{kind}.docx"
    return paths.exports_dir() / name


def _report_inputs(
    panel_name_or_id: str | int, date_from: dt.date | None, date_to: dt.date | None
) -> int:
    """The panel's id; ExportError (status 2) naming the option for an unknown panel or a
    period that ends before it starts."""
    from wardpanel.core.errors import InputError
    from wardpanel.reports import check_period, find_panel

    try:
        panel = find_panel(panel_name_or_id)
        check_period(date_from, date_to)
    except InputError as error:
        raise ExportError(f"--{error.field}: {error.message}", USER_FAULT) from None
    return panel.id


def export_attendance(
    panel_name_or_id: str | int,
    output: Path | None = None,
    *,
    date_from: dt.date | None = None,
    date_to: dt.date | None = None,
    force: bool = False,
    residents: str | None = None,
    record: bool = False,
    template: Path | None = None,
) -> Path:
    """Write the panel's attendance record for the period as .docx; return the path.
    Residents printed as `residents` says (by default the panel's choice), or named in
    the panel's full `record`.

    The panel is given by name (any case) or id; both ends of the period are included
    and either may be open. Without `output`, the document goes to exports/ as
    `<from>-<to>-<panel-slug>-attendance.docx` (see _period_path), numbered rather than
    replacing an earlier one. Raises ExportError: status 2 for an unknown panel, a
    period ending before it starts, or a destination the user must fix.
    """
    if output is not None:
        check_destination(Path(output), force=force)
    styles = _template(template)
    from wardpanel.exporting.attendance import attendance_document
    from wardpanel.queries.people import text_names_across
    from wardpanel.reports import attendance_record

    with read_snapshot(), template_used(styles):
        panel_id = _report_inputs(panel_name_or_id, date_from, date_to)
        naming = document_naming(panel_id, residents, record)
        kept = attendance_record(panel_id, date_from, date_to, naming)
        typed = text_names_across(naming, [m.id for m in kept.meetings])
        data = attendance_document(kept, record=record, typed=typed)
    default = _period_path(kept.panel.name, "attendance", date_from, date_to, kept.meetings)
    return _deliver(data, output, default, force=force)


def export_said_did(
    panel_name_or_id: str | int,
    output: Path | None = None,
    *,
    date_from: dt.date | None = None,
    date_to: dt.date | None = None,
    as_of: dt.date | None = None,
    force: bool = False,
    residents: str | None = None,
    record: bool = False,
    template: Path | None = None,
) -> Path:
    """Write "You said, we did" for the panel's meetings in the period as .docx,
    residents printed as `residents` says (by default the panel's choice), or named in
    the panel's full `record`.

    Where each question, action and priority stands is judged on `as_of` (default:
    today). Default destination `<from>-<to>-<panel-slug>-said-did.docx` in exports/;
    otherwise as export_attendance, errors included.
    """
    if output is not None:
        check_destination(Path(output), force=force)
    styles = _template(template)
    from wardpanel.exporting.said_did import said_did_document
    from wardpanel.reports import said_did

    with read_snapshot(), template_used(styles):
        panel_id = _report_inputs(panel_name_or_id, date_from, date_to)
        report = said_did(panel_id, date_from, date_to, as_of, residents=residents, record=record)
        data = said_did_document(report, record=record, residents=residents)
    default = _period_path(report.panel.name, "said-did", date_from, date_to, report.meetings)
    return _deliver(data, output, default, force=force)


def _template(template: Path | None) -> bytes | None:
    """The council's template checked before anything is read or written (TemplateError,
    status 2, when it cannot be built on)."""
    if template is None:
        return None
    from wardpanel.exporting.template import read_template

    return read_template(Path(template))


def _deliver(data: bytes, output: Path | None, default: Path, *, force: bool) -> Path:
    if output is not None:
        return write_atomically(Path(output), data, force=force)
    # Documents hold residents' names: the folder made for them is the owner's only.
    make_private_folder(default.parent)
    return write_numbered(default, data)
