"""Word documents for the clerk: a meeting's minutes and the follow-up action list.

Importing this package is cheap: python-docx (about 180 ms to import) is loaded only
when a document is actually built, so the app starts quickly.

Destinations: with no path given, documents go to `exports/` under the current folder
with a name made from the date (and panel), numbered `-2`, `-3`... rather than ever
replacing an earlier document. A path given explicitly is replaced only with `force`.
"""

from __future__ import annotations

import datetime as dt
import re
import unicodedata
from pathlib import Path

from wardpanel import paths
from wardpanel.exporting.files import (
    OTHER_FAILURE,
    USER_FAULT,
    ExportError,
    check_destination,
    write_atomically,
    write_numbered,
)
from wardpanel.exporting.selection import ActionFilter
from wardpanel.models import Meeting

__all__ = [
    "ActionFilter",
    "ExportError",
    "default_actions_path",
    "default_minutes_path",
    "export_actions",
    "export_minutes",
    "write_atomically",
]

MAX_SLUG = 60


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
    meeting_id: int, output: Path | None = None, *, initials: bool = False, force: bool = False
) -> Path:
    """Write a meeting's minutes as .docx and return the path written.

    `initials` prints residents (people with no organisation) by their initials. Raises
    ExportError: status 2 for an unknown meeting or a destination the user must fix.
    """
    from wardpanel.queries import meeting_with_panel

    if output is not None:
        check_destination(Path(output), force=force)
    meeting = meeting_with_panel(meeting_id)
    if meeting is None:
        raise ExportError(f"meeting {meeting_id}: there is no meeting with that id", USER_FAULT)
    from wardpanel.exporting.minutes import minutes_document

    data = minutes_document(meeting, initials=initials)
    return _deliver(data, output, default_minutes_path(meeting), force=force)


def export_actions(
    output: Path | None,
    filters: ActionFilter,
    *,
    as_of: dt.date,
    force: bool = False,
) -> Path:
    """Write the follow-up action list (filtered; overdue as of `as_of`); return the path.

    Raises ExportError: status 2 for a filter naming no panel, organisation or person,
    or a destination the user must fix.
    """
    if output is not None:
        check_destination(Path(output), force=force)
    from wardpanel.exporting.actions import action_list_document
    from wardpanel.exporting.selection import select_actions

    rows = select_actions(filters, as_of)
    data = action_list_document(rows, filters, as_of)
    return _deliver(data, output, default_actions_path(as_of), force=force)


def _deliver(data: bytes, output: Path | None, default: Path, *, force: bool) -> Path:
    if output is not None:
        return write_atomically(Path(output), data, force=force)
    try:
        default.parent.mkdir(parents=True, exist_ok=True)
    except OSError as error:
        reason = error.strerror or str(error)
        raise ExportError(
            f"cannot create the folder {default.parent}: {reason}", OTHER_FAILURE
        ) from None
    return write_numbered(default, data)
