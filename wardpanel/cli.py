"""The `wardpanel` command: the app with no sub-command, and the clerk's batch commands.

Exit status: 0 success; 2 bad input or usage (one line on stderr naming what is at
fault, nothing written); 1 any other failure. A user mistake never shows a traceback.
"""

from __future__ import annotations

import datetime as dt
import json
import sys
from pathlib import Path
from typing import TYPE_CHECKING, NoReturn

import click

from wardpanel import paths

if TYPE_CHECKING:
    from wardpanel.app import WardpanelApp

DB_HELP = "SQLite file or database URL (default: $WARDPANEL_DB, else db/wardpanel.db)."


def fail(message: str, status: int = 2) -> NoReturn:
    click.echo(f"wardpanel: {message}", err=True)
    sys.exit(status)


def connect(db: str | None) -> None:
    """Open the database for a command, or exit with a plain message."""
    from wardpanel.database import DatabaseUnavailable, open_database

    try:
        open_database(paths.database_target(db))
    except DatabaseUnavailable as error:
        fail(str(error), 1)


def make_app(db: str | None = None) -> WardpanelApp:
    """The app, on an opened and migrated database: used by `wardpanel` and the tests."""
    connect(db)
    from wardpanel.app import WardpanelApp

    return WardpanelApp(database_label=paths.database_target(db))


db_option = click.option("--db", "db", metavar="DB", help=DB_HELP)


class WardpanelGroup(click.Group):
    """Commands whose database failures (locked, read-only, disk full, server gone)
    end in one plain line and exit status 1, never a traceback."""

    def invoke(self, ctx: click.Context):
        import peewee

        from wardpanel.database import friendly_error

        try:
            return super().invoke(ctx)
        except (peewee.DatabaseError, peewee.InterfaceError) as error:
            fail(friendly_error(error), 1)


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
        from wardpanel.terminal import run_app

        sys.exit(run_app(make_app(db)))


def _db(ctx: click.Context, db: str | None) -> str | None:
    return db or ctx.obj.get("db")


@main.command("meetings")
@db_option
@click.option("--json", "as_json", is_flag=True, help="Print JSON for scripts.")
@click.pass_context
def meetings_command(ctx: click.Context, db: str | None, as_json: bool) -> None:
    """List meetings: id, date, panel, title, status."""
    connect(_db(ctx, db))
    from wardpanel.queries import meetings_of

    meetings = meetings_of()
    if as_json:
        rows = [
            {
                "id": m.id,
                "date": m.date.isoformat(),
                "panel": m.panel.name,
                "title": m.title,
                "status": m.status,
            }
            for m in meetings
        ]
        click.echo(json.dumps(rows, ensure_ascii=False, indent=2))
        return
    if not meetings:
        click.echo(
            "No meetings yet. Open the app with `wardpanel` or load files with `wardpanel import`."
        )
        return
    width = max(len(m.panel.name) for m in meetings)
    for m in meetings:
        click.echo(
            f"{m.id:>5}  {m.date.isoformat()}  {m.panel.name:<{width}}  {m.title}  [{m.status}]"
        )


@main.command("import")
@click.argument("files", nargs=-1, required=True, type=click.Path(dir_okay=False, path_type=Path))
@db_option
@click.pass_context
def import_command(ctx: click.Context, files: tuple[Path, ...], db: str | None) -> None:
    """Load meeting files; print each new meeting's id."""
    connect(_db(ctx, db))
    from wardpanel.interchange import InterchangeError, import_files

    try:
        ids = import_files(list(files))
    except InterchangeError as error:
        fail(str(error))
    for meeting_id in ids:
        click.echo(meeting_id)


@main.command("dump")
@click.argument("meeting", type=int)
@click.option(
    "-o", "output", type=click.Path(dir_okay=False, path_type=Path), help="File to write."
)
@click.option("--force", is_flag=True, help="Overwrite an existing file.")
@db_option
@click.pass_context
def dump_command(
    ctx: click.Context, meeting: int, output: Path | None, force: bool, db: str | None
) -> None:
    """Write one meeting as a meeting file (stdout by default)."""
    connect(_db(ctx, db))
    from wardpanel.interchange import InterchangeError, dump_text

    try:
        text = dump_text(meeting)
    except InterchangeError as error:
        fail(str(error))
    if output is None:
        click.echo(text, nl=False)
        return
    from wardpanel.exporting.files import ExportError, write_atomically

    try:
        write_atomically(output, text.encode("utf-8"), force=force)
    except ExportError as error:
        fail(str(error), error.status)


@main.group("export")
def export_group() -> None:
    """Write minutes or a follow-up action list as a Word document."""


def _as_of(value: str | None) -> dt.date:
    if not value:
        return dt.date.today()
    try:
        return dt.date.fromisoformat(value)
    except ValueError:
        fail(f"--as-of: '{value}' is not a date in YYYY-MM-DD form")


@export_group.command("minutes")
@click.argument("meeting", type=int)
@click.option(
    "-o", "output", type=click.Path(dir_okay=False, path_type=Path), help="File to write."
)
@click.option("--initials", is_flag=True, help="Print residents by their initials.")
@click.option("--force", is_flag=True, help="Overwrite an existing file.")
@db_option
@click.pass_context
def export_minutes_command(
    ctx: click.Context,
    meeting: int,
    output: Path | None,
    initials: bool,
    force: bool,
    db: str | None,
) -> None:
    """Write a meeting's minutes as .docx."""
    connect(_db(ctx, db))
    from wardpanel.exporting import ExportError, export_minutes

    try:
        written = export_minutes(meeting, output, initials=initials, force=force)
    except ExportError as error:
        fail(str(error), error.status)
    click.echo(str(written))


@export_group.command("actions")
@click.option(
    "-o", "output", type=click.Path(dir_okay=False, path_type=Path), help="File to write."
)
@click.option("--panel", help="Only this panel's actions.")
@click.option("--organisation", help="Only actions of this organisation.")
@click.option("--owner", help="Only actions owned by this person.")
@click.option("--status", type=click.Choice(["open", "in_progress", "done", "dropped"]))
@click.option("--overdue", is_flag=True, help="Only overdue actions.")
@click.option("--as-of", "as_of", metavar="DATE", help="Judge 'overdue' against this day.")
@click.option("--force", is_flag=True, help="Overwrite an existing file.")
@db_option
@click.pass_context
def export_actions_command(
    ctx: click.Context,
    output: Path | None,
    panel: str | None,
    organisation: str | None,
    owner: str | None,
    status: str | None,
    overdue: bool,
    as_of: str | None,
    force: bool,
    db: str | None,
) -> None:
    """Write the follow-up action list as .docx."""
    day = _as_of(as_of)
    connect(_db(ctx, db))
    from wardpanel.exporting import ActionFilter, ExportError, export_actions

    filters = ActionFilter(
        panel=panel, organisation=organisation, owner=owner, status=status, overdue=overdue
    )
    try:
        written = export_actions(output, filters, as_of=day, force=force)
    except ExportError as error:
        fail(str(error), error.status)
    click.echo(str(written))


if __name__ == "__main__":
    main()
