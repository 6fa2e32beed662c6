"""The `wardpanel` command line: the clerk's batch commands, and the app with no command.

(`wardpanel` and `wardpanel --db DB` open the app without coming here: see
wardpanel.command.)

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
import os
import sys
from pathlib import Path
from typing import Any, NoReturn

import click

from wardpanel.core import paths
from wardpanel.core.textclean import quoted

DB_HELP = "SQLite file or database URL (default: $WARDPANEL_DB, else db/wardpanel.db)."


def fail(message: str, status: int = 2) -> NoReturn:
    """End the command with `wardpanel: message` on stderr (core.failures.failure_line:
    printable, cut short) and the exit status."""
    from wardpanel.core.failures import failure_line

    click.echo(failure_line(message), err=True)
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
        from wardpanel.core.failures import explain

        try:
            return super().invoke(ctx)
        except (click.ClickException, click.exceptions.Abort, click.exceptions.Exit):
            raise  # usage errors, ctrl+c and exits: click reports them itself
        except Exception as error:
            command = ctx.invoked_subcommand
            message, status = explain(
                error, f"in `wardpanel {command}`" if command else "in the app"
            )
            fail(message, status)


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
        from wardpanel.app.launch import open_app

        sys.exit(open_app(db))


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
