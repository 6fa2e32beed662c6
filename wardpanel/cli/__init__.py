"""The `wardpanel` command: the app with no sub-command, and the clerk's batch commands.

Exit status: 0 success; 2 bad input or usage (one line on stderr naming what is at
fault, nothing written); 1 any other failure. A user mistake never shows a traceback.

The group, its shared options and its one error handler live here; the commands are
grouped by who uses them: `listing` (meetings, actions, search: what people look up),
`files` (import, dump, export: documents and files) and `admin` (copy, backup, forget,
purge: looking after the records). Importing this package registers them all.
"""

from __future__ import annotations

import datetime as dt
import gc
import sys
from pathlib import Path
from typing import TYPE_CHECKING, NoReturn

import click

from wardpanel.core import paths

if TYPE_CHECKING:
    from wardpanel.app.application import WardpanelApp

DB_HELP = "SQLite file or database URL (default: $WARDPANEL_DB, else db/wardpanel.db)."


def fail(message: str, status: int = 2) -> NoReturn:
    """End the command with `wardpanel: message` on stderr and the exit status."""
    click.echo(f"wardpanel: {message}", err=True)
    sys.exit(status)


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
        fail(f"--as-of: '{value}' is not a date in YYYY-MM-DD form")


def optional_date(value: str | None, option: str) -> dt.date | None:
    """An optional date option; a bad one ends the command naming the option."""
    if not value:
        return None
    try:
        return dt.date.fromisoformat(value)
    except ValueError:
        fail(f"{option}: '{value}' is not a date in YYYY-MM-DD form")


# Each module adds its commands to `main` as it is imported: after everything above,
# which they use.
from wardpanel.cli import admin, files, listing  # noqa: E402, F401
