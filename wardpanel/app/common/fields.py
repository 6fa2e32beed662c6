"""What a form is made of, and where its text goes when the database will not take it.

`Field` describes one field of a form; `offered` reads a field's suggestions without
ever keeping a form from opening; `unsaved_copy` writes a form's text to a file of its
own when neither the record nor its draft can be stored.
"""

from __future__ import annotations

import datetime as dt
import logging
from collections.abc import Callable, Sequence
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from wardpanel.core import paths
from wardpanel.core.files import WriteError, make_private_folder, write_numbered
from wardpanel.core.storage.targets import DATABASE_FAULTS

log = logging.getLogger("wardpanel.form")


def offered(read: Callable[..., Sequence[str]], *args: Any, **kwargs: Any) -> Sequence[str]:
    """Suggestions for a field, or none when the database cannot be read just now: a form
    must open even while the server is away."""
    try:
        return read(*args, **kwargs)
    except DATABASE_FAULTS as error:
        log.warning("suggestions left out: %s", type(error).__name__)
        return ()


def unsaved_copy(title: str, fields: Sequence[Field], values: dict[str, Any]) -> Path | None:
    """Write what a form holds to a file of its own (owner-only, beside the error log),
    for when neither the record nor its draft can be stored; None if that fails too."""
    lines = [title, ""]
    for field in fields:
        value = values.get(field.name)
        if field.kind == "flag":
            value = "yes" if value else "no"
        lines += [f"{field.label}:", str(value or ""), ""]
    stamp = dt.datetime.now().strftime("%Y-%m-%d-%H%M%S")
    folder = paths.log_file().parent
    try:
        make_private_folder(folder)
        return write_numbered(folder / f"wardpanel-unsaved-{stamp}.txt", "\n".join(lines).encode())
    except WriteError as error:
        log.warning("unsaved copy not written: %s", type(error).__name__)
        return None


@dataclass(frozen=True)
class Field:
    """One field of a form. kind: line, text (several paragraphs), choice or flag.

    `drafted` False leaves the field out of drafts: a draft brings back words, never a
    decision such as approving the minutes.
    """

    name: str
    label: str
    kind: str = "line"
    required: bool = False
    choices: Sequence[tuple[str, str]] = ()
    placeholder: str = ""
    suggestions: Sequence[str] = ()
    drafted: bool = True


SaveCallback = Callable[[dict[str, Any], str | None], Any]
# Reads the item an edit form shows, as the form's values, as stored now (None: gone).
CurrentValues = Callable[[], dict[str, Any] | None]
# Where a draft of an edit form keeps the values the form opened with (no field's name).
OPENED = "_opened"
