"""The `wardpanel` command: the app with no sub-command, and the clerk's batch commands.

Exit status: 0 success; 2 bad input or usage (one line on stderr naming what is at
fault, nothing written); 1 any other failure. A user mistake never shows a traceback.

The group, its shared options and its one error handler live here; the commands are
grouped by who uses them: `listing` (meetings, actions, search: what people look up),
`files` (import, dump, export: documents and files) and `admin` (copy, backup, forget,
purge: looking after the records). Importing this package registers them all.
"""

from __future__ import annotations

import contextlib
import datetime as dt
import gc
import os
import sys
from pathlib import Path
from typing import TYPE_CHECKING, Any, NoReturn

import click

from wardpanel.core import paths
from wardpanel.core.textclean import excerpt, quoted

if TYPE_CHECKING:
    from wardpanel.app.application import WardpanelApp

# The longest line a message prints; longer ones (a pasted value, a path) are cut.
LONGEST_LINE = 600
DB_HELP = "SQLite file or database URL (default: $WARDPANEL_DB, else db/wardpanel.db)."


def fail(message: str, status: int = 2) -> NoReturn:
    """End the command with `wardpanel: message` on stderr and the exit status.

    Whatever the message quotes, each of its lines is shown printable and cut short: a
    value typed or read from a file can neither flood the terminal nor act on it.
    """
    shown = "\n".join(excerpt(line, LONGEST_LINE) for line in message.split("\n"))
    click.echo(f"wardpanel: {shown}", err=True)
    sys.exit(status)


def say(text: str = "") -> None:
    """Print a line of a command's output (a whole document for `dump`)."""
    write_out(text + "\n")


def write_out(text: str) -> None:
    """Print a command's output as UTF-8; a full disk or a closed pipe ends it plainly.
    Unbuffered (PYTHONUNBUFFERED), Python's text layer drops the rest of a write the disk
    took only part of: so the bytes go out in a loop until all are out."""
    buffer = getattr(sys.stdout, "buffer", None)
    try:
        sys.stdout.flush()
        if buffer is None:  # output captured in memory (a script calling main())
            sys.stdout.write(text)
            return
        data = memoryview(text.encode("utf-8", "replace"))
        while data:
            written = buffer.write(data)
            data = data[written if written is not None else 0 :]
        buffer.flush()
    except OSError as error:
        # Nothing more can go out: point stdout at nothing, so Python's own flush at
        # exit does not fail again with a second message.
        with contextlib.suppress(OSError, ValueError):
            os.dup2(os.open(os.devnull, os.O_WRONLY), sys.stdout.fileno())
        fail(f"cannot write to standard output: {error.strerror or error}", 1)


class WholeNumber(click.ParamType):
    """A whole number within bounds, read without ever echoing more than a short,
    printable excerpt of what was typed (a value of thousands of digits included)."""

    name = "integer"

    def __init__(self, low: int, high: int, what: str) -> None:
        self.low, self.high, self.what = low, high, what

    def convert(self, value: Any, param: click.Parameter | None, ctx: click.Context | None):
        text = str(value).strip() if not isinstance(value, int) else str(value)
        number = int(text) if text.isascii() and text.isdigit() and len(text) <= 20 else None
        if number is None or not self.low <= number <= self.high:
            self.fail(
                f"{quoted(value, 30)} is not {self.what}: give a whole number from "
                f"{self.low:,} to {self.high:,}",
                param,
                ctx,
            )
        return number


# Ids are 64-bit integers on both engines.
RECORD_ID = WholeNumber(1, 2**63 - 1, "an id")


def connect(db: str | None) -> None:
    """Open the database for a command, or exit with a plain message."""
    from wardpanel.core.storage.database import DatabaseUnavailable, open_database

    try:
        open_database(paths.database_target(db))
    except DatabaseUnavailable as error:
        fail(str(error), error.status)


def make_app(db: str | None = None) -> WardpanelApp:
    """The app, on an opened and migrated database: used by `wardpanel` and the tests."""
    connect(db)
    from wardpanel.app.application import WardpanelApp
    from wardpanel.core.storage.targets import shown

    # The title bar is often projected: a URL's password never reaches it.
    return WardpanelApp(database_label=shown(paths.database_target(db)))


def start_app(db: str | None = None) -> WardpanelApp:
    """The app as the `wardpanel` command starts it: with Python's cycle collector paused.

    Start-up makes a few hundred thousand objects that live as long as the app (modules,
    classes, styles, widgets), and the collector would walk them again and again: about
    45 ms before the first paint. The app resumes it once its first screen is painted,
    with those objects frozen out of later collections (WardpanelApp.on_mount).
    """
    gc.disable()
    return make_app(db)


db_option = click.option("--db", "db", metavar="DB", help=DB_HELP)
output_option = click.option(
    "-o", "output", type=click.Path(dir_okay=False, path_type=Path), help="File to write."
)
force_option = click.option("--force", is_flag=True, help="Overwrite an existing file.")


class WardpanelGroup(click.Group):
    """Commands whose refusals (a WardpanelError: its message and its status) and
    database failures (locked, read-only, disk full, server gone, status 1) end in one
    plain line, never a traceback; so does any other unexpected error (a bug), written
    to the log file without names or meeting text."""

    def invoke(self, ctx: click.Context):
        """Run the command, turning every error it raises into one line and a status."""
        import peewee

        from wardpanel.core.errors import WardpanelError
        from wardpanel.core.storage.database import friendly_error

        try:
            return super().invoke(ctx)
        except (peewee.DatabaseError, peewee.InterfaceError) as error:
            fail(friendly_error(error), 1)
        except WardpanelError as error:
            fail(str(error), error.status)
        except (click.ClickException, click.exceptions.Abort, click.exceptions.Exit):
            raise  # usage errors, ctrl+c and exits: click reports them itself
        except Exception as error:
            from wardpanel.core.errorlog import log_location, log_unexpected

            command = ctx.invoked_subcommand
            during = f"in `wardpanel {command}`" if command else "in the app"
            if log_unexpected(error, during):
                fail(f"something went wrong; details in {log_location()}", 1)
            fail("something went wrong (the log file could not be written)", 1)


@click.group(
    cls=WardpanelGroup,
    invoke_without_command=True,
    context_settings={"help_option_names": ["-h", "--help"]},
)
@db_option
@click.pass_context
def main(ctx: click.Context, db: str | None) -> None:
    """Run ward-panel meetings: with no command, open the app."""
    ctx.ensure_object(dict)
    ctx.obj["db"] = db
    if ctx.invoked_subcommand is None:
        from wardpanel.app.terminal import run_app

        sys.exit(run_app(start_app(db)))


def database_of(ctx: click.Context, db: str | None) -> str | None:
    """The command's --db, else the one given before the command name."""
    return db or ctx.obj.get("db")


def as_of_date(value: str | None) -> dt.date:
    """An --as-of option: today when not given; a bad one ends the command."""
    if not value:
        return dt.date.today()
    try:
        return dt.date.fromisoformat(value)
    except ValueError:
        fail(f"--as-of: {quoted(value)} is not a date in YYYY-MM-DD form")


def optional_date(value: str | None, option: str) -> dt.date | None:
    """An optional date option; a bad one ends the command naming the option."""
    if not value:
        return None
    try:
        return dt.date.fromisoformat(value)
    except ValueError:
        fail(f"{option}: {quoted(value)} is not a date in YYYY-MM-DD form")


# Each module adds its commands to `main` as it is imported: after everything above,
# which they use.
from wardpanel.cli import admin, files, identity, listing, publishing  # noqa: E402, F401
