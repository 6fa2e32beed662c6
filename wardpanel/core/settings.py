"""This user's preferences, kept in a small file beside the database.

For now one: who is using the app (a person), so that their actions and their
organisation's come first. A file rather than a table, because two officers may share
one database while each has their own login and folder.
"""

from __future__ import annotations

import json
import os
from pathlib import Path

from wardpanel.core import paths


def _read(path: Path) -> dict:
    try:
        data = json.loads(path.read_text(encoding="utf-8"))
    except (OSError, ValueError):
        return {}
    return data if isinstance(data, dict) else {}


# Ids are 64-bit integers on both engines: anything else in the file names nobody.
_LARGEST_ID = 2**63 - 1


def current_person_id(path: Path | None = None) -> int | None:
    """The person this user said they are, or None (also for a file edited by hand into
    something that cannot be an id: a negative, a fraction, a number too large)."""
    value = _read(path or paths.settings_file()).get("person_id")
    if isinstance(value, bool) or not isinstance(value, int):
        return None
    return value if 1 <= value <= _LARGEST_ID else None


def set_current_person(person_id: int | None, path: Path | None = None) -> None:
    """Remember (or forget, with None) who is using the app. Raises OSError if the
    settings file cannot be written."""
    target = path or paths.settings_file()
    data = _read(target)
    data["person_id"] = person_id
    target.parent.mkdir(parents=True, exist_ok=True)
    temporary = target.with_name(f".{target.name}.tmp")
    temporary.write_text(json.dumps(data, indent=2), encoding="utf-8")
    os.replace(temporary, target)
