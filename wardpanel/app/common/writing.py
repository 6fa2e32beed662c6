"""Writing a Word document from a dialog without freezing the screen.

Every export dialog hands `write_in_background` a function that writes the document
and returns where it went. The function runs on a thread of its own with its own
database connection; the dialog then closes, naming the file, or stays open with one
plain line saying why nothing was written.
"""

from __future__ import annotations

import logging
from collections.abc import Callable
from pathlib import Path

import peewee
from rich.text import Text
from textual.app import ComposeResult
from textual.content import Content
from textual.screen import ModalScreen
from textual.widgets import Input, Label, Static

from wardpanel.core.errors import WardpanelError
from wardpanel.core.storage.database import db, friendly_error

log = logging.getLogger("wardpanel.export")
WRITE_KEYS = "[b]ctrl+s[/] write   [b]esc[/] close"


def destination_fields(keys: str = WRITE_KEYS) -> ComposeResult:
    """The end of every export dialog: where to save, the line `write_in_background`
    reports in, and the dialog's keys (markup)."""
    yield Label("Save as (empty: the exports folder)")
    yield Input(placeholder="exports/…docx", id="destination")
    yield Static("", id="export-result")
    yield Static(Content.from_markup(keys), id="form-hint")


def destination_of(dialog: ModalScreen) -> Path | None:
    """Where the clerk asked the document to go; None for the exports folder."""
    typed = dialog.query_one("#destination", Input).value.strip()
    return Path(typed).expanduser() if typed else None


def write_in_background(
    dialog: ModalScreen, write: Callable[[], Path], *, pdf: bool = False
) -> None:
    """Run `write` off the screen's thread; report the outcome in `dialog`, whose
    `#export-result` line shows progress and failures. With `pdf`, a PDF goes beside
    the document; when it cannot be made the document stays and a warning says why."""
    dialog.query_one("#export-result", Static).update("Writing…")

    def work() -> None:
        try:
            with db.connection_context():
                path = write()
        except WardpanelError as error:  # an ExportError, a bad filter: already plain
            dialog.app.call_from_thread(_failed, dialog, str(error))
            return
        except (peewee.DatabaseError, peewee.InterfaceError) as error:
            dialog.app.call_from_thread(_failed, dialog, friendly_error(error))
            return
        except Exception as error:  # the screen must survive any failure
            # The type only: messages and tracebacks may quote residents' words.
            log.error("export failed: %s", type(error).__name__)
            message = f"The document could not be written: {type(error).__name__}"
            dialog.app.call_from_thread(_failed, dialog, message)
            return
        no_pdf = _pdf_beside(path) if pdf else ""
        dialog.app.call_from_thread(_written, dialog, path, no_pdf)

    dialog.run_worker(work, thread=True, exclusive=True, group="export")


def _pdf_beside(path: Path) -> str:
    """Make the PDF of `path`; why there is none, or "" when it was made."""
    from wardpanel.exporting.pdf import write_pdf

    try:
        write_pdf(path)
    except WardpanelError as error:  # no LibreOffice, it failed, the name is taken
        return str(error)
    return ""


def _written(dialog: ModalScreen, path: Path, no_pdf: str = "") -> None:
    dialog.app.notify(f"Written: {path}", title="Export", timeout=8, markup=False)
    if no_pdf:
        dialog.app.notify(no_pdf, title="No PDF", severity="warning", timeout=12, markup=False)
    dialog.dismiss(None)


def _failed(dialog: ModalScreen, message: str) -> None:
    result = Text("Not written. ", style="bold red")
    result.append(message)
    dialog.query_one("#export-result", Static).update(result)
    dialog.app.notify(message, title="Export failed", severity="error", timeout=8, markup=False)
