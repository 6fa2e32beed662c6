"""The demo a new user loads from the welcome screen: two meetings of an invented panel.

Marsh Lane, Fernbridge and everyone in these files are made up. The June meeting
leaves actions open that come back as matters arising in September; the September
meeting is the one the demo opens, with questions answered by the police and the
council, actions (some overdue by late 2026), a police update with figures and the
panel's priorities. The files are ordinary `wardpanel-meeting` files, loaded by the
same import a clerk uses.
"""

from __future__ import annotations

import datetime as dt
import json
from importlib import resources
from pathlib import Path

from wardpanel.interchange import DEFAULT_TITLE, find_meeting, import_files

# Oldest first; the last is the meeting the demo opens.
SAMPLE_FILES = ("marsh-lane-2026-06-11.json", "marsh-lane-2026-09-17.json")


def _sample_paths() -> list[Path]:
    folder = resources.files(__name__)
    return [Path(str(folder.joinpath(name))) for name in SAMPLE_FILES]


def _already_loaded(path: Path) -> int | None:
    """The id of the meeting this file describes, if the database has it."""
    data = json.loads(path.read_text(encoding="utf-8"))
    meeting = data["meeting"]
    return find_meeting(
        data["panel"]["name"],
        dt.date.fromisoformat(meeting["date"]),
        meeting.get("title") or DEFAULT_TITLE,
    )


def load_sample() -> int:
    """Load the sample meetings (those not loaded yet) and return the main meeting's id.

    Loading it twice is harmless: meetings already in the database are left alone and
    the existing main meeting's id is returned.
    """
    paths = _sample_paths()
    missing = [path for path in paths if _already_loaded(path) is None]
    if missing:
        import_files(missing)
    main_id = _already_loaded(paths[-1])
    assert main_id is not None  # just imported, or already there
    return main_id
