"""The `wardpanel` command: the app with no sub-command, and the clerk's batch commands.

Exit status: 0 success; 2 bad input or usage (one line on stderr naming what is at
fault, nothing written); 1 any other failure. A user mistake never shows a traceback.
"""

from __future__ import annotations

import datetime as dt
import gc
import json
import os
import sys
from pathlib import Path
from typing import TYPE_CHECKING, NoReturn

import click

from wardpanel.core import paths
from wardpanel.core.words import status_lower

if TYPE_CHECKING:
    from wardpanel.app.application import WardpanelApp
    from wardpanel.privacy import ForgetReport, PurgeReport

DB_HELP = "SQLite file or database URL (default: $WARDPANEL_DB, else db/wardpanel.db)."


def fail(message: str, status: int = 2) -> NoReturn:
    click.echo(f"wardpanel: {message}", err=True)
    sys.exit(status)


def connect(db: str | None) -> None:
    """Open the database for a command, or exit with a plain message."""
    from wardpanel.core.storage.database import DatabaseUnavailable, open_database

    try:
        open_database(paths.database_target(db))
    except DatabaseUnavailable as error:
        fail(str(error), 1)


def make_app(db: str | None = None) -> WardpanelApp:
    """The app, on an opened and migrated database: used by `wardpanel` and the tests."""
    connect(db)
    from wardpanel.app.application import WardpanelApp

    return WardpanelApp(database_label=paths.database_target(db))


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
    """Commands whose database failures (locked, read-only, disk full, server gone)
    end in one plain line and exit status 1, never a traceback; so does any other
    unexpected error (a bug), written to the log file without names or meeting text."""

    def invoke(self, ctx: click.Context):
        import peewee

        from wardpanel.core.storage.database import friendly_error

        try:
            return super().invoke(ctx)
        except (peewee.DatabaseError, peewee.InterfaceError) as error:
            fail(friendly_error(error), 1)
        except (click.ClickException, click.exceptions.Abort, click.exceptions.Exit):
            raise  # usage errors, ctrl+c and exits: click reports them itself
        except Exception as error:
            from wardpanel.app.terminal import log_location, log_unexpected

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


STATUS_CHOICES = ("open", "in_progress", "done", "dropped", "all")
MISSING_NAME = {"panel": "no panel called", "organisation": "no organisation called",
                "owner": "nobody called"}  # fmt: skip


def _shorten(text: str | None, width: int) -> str:
    """One line of at most `width` characters, ending in … when cut."""
    flat = " ".join((text or "").split())
    return flat if len(flat) <= width else flat[: width - 1].rstrip() + "…"


def _aligned(rows: list[tuple[str, ...]]) -> list[str]:
    """Rows as lines of left-aligned columns, the last column left ragged."""
    widths = [max(len(row[i]) for row in rows) for i in range(len(rows[0]) - 1)]
    return [
        "  ".join([*(cell.ljust(w) for cell, w in zip(row, widths, strict=False)), row[-1]])
        for row in rows
    ]


@main.command("actions")
@click.option("--panel", metavar="NAME", help="Only this panel's actions.")
@click.option("--organisation", metavar="NAME", help="Only this organisation's actions.")
@click.option("--owner", metavar="NAME", help="Only actions owned by this person.")
@click.option(
    "--status",
    "statuses",
    multiple=True,
    type=click.Choice(STATUS_CHOICES),
    help="Repeatable; 'all' for every status (default: open and in_progress).",
)
@click.option("--overdue", is_flag=True, help="Only open actions past their due date.")
@click.option("--due-from", "due_from", metavar="DATE", help="Due on or after this day.")
@click.option("--due-to", "due_to", metavar="DATE", help="Due on or before this day.")
@click.option("--text", metavar="TEXT", help="Words in the action, its owner or its updates.")
@click.option("--as-of", "as_of", metavar="DATE", help="Judge 'overdue' against this day.")
@click.option("--json", "as_json", is_flag=True, help="Print JSON for scripts.")
@db_option
@click.pass_context
def actions_command(
    ctx: click.Context,
    panel: str | None,
    organisation: str | None,
    owner: str | None,
    statuses: tuple[str, ...],
    overdue: bool,
    due_from: str | None,
    due_to: str | None,
    text: str | None,
    as_of: str | None,
    as_json: bool,
    db: str | None,
) -> None:
    """List actions of every meeting and panel: due first, then the rest."""
    day = _as_of(as_of)
    start, end = _day(due_from, "--due-from"), _day(due_to, "--due-to")
    connect(_db(ctx, db))
    from wardpanel.queries import actions, search

    if text is not None and not search.phrases(text):
        fail(f"--text: '{text}' holds no word to look for")
    chosen = ("open", "in_progress") if not statuses else tuple(dict.fromkeys(statuses))
    if "all" in chosen:
        chosen = STATUS_CHOICES[:-1]
    action_filter = actions.ActionFilter(
        panel=panel,
        organisation=organisation,
        owner=owner,
        statuses=chosen,
        overdue=overdue,
        due_from=start,
        due_to=end,
        text=text,
        as_of=day,
    )
    try:
        page = actions.all_actions(action_filter)
    except actions.QueryError as error:
        fail(f"--{error.field.replace('_', '-')}: {error.message}")
    names = {"panel": panel, "organisation": organisation, "owner": owner}
    for key in page.unknown:
        fail(f"--{key}: {MISSING_NAME[key]} '{' '.join((names[key] or '').split())}'")
    counts = page.counts
    if as_json:
        report = {
            "as_of": day.isoformat(),
            "total": page.total,
            "counts": counts,
            "actions": [
                {
                    "id": row.id,
                    "ref": row.ref,
                    "text": row.text,
                    "owner": row.owner_name(),
                    "organisation": row.organisation,
                    "due": row.due.isoformat() if row.due else None,
                    "status": row.status,
                    "overdue": row.overdue,
                    "panel": row.panel,
                    "meeting_id": row.meeting_id,
                    "meeting_date": row.meeting_date.isoformat(),
                    "question": row.question_number,
                    "latest_update": (
                        {
                            "date": row.latest_date.isoformat(),
                            "text": row.latest_text,
                            "status": row.latest_status,
                        }
                        if row.latest_date
                        else None
                    ),
                }
                for row in page.rows
            ],
        }
        click.echo(json.dumps(report, ensure_ascii=False, indent=2))
        return
    if page.rows:
        table = [("Ref", "Due", "Status", "", "Owner", "Organisation", "Panel", "Raised", "Action")]
        table += [
            (
                row.ref,
                row.due.isoformat() if row.due else "-",
                status_lower(row.status),
                "OVERDUE" if row.overdue else "",
                _shorten(row.owner_name() or "-", 24),
                _shorten(row.organisation or "-", 24),
                _shorten(row.panel, 28),
                row.meeting_date.isoformat(),
                _shorten(row.text, 60),
            )
            for row in page.rows
        ]
        for text_line in _aligned(table):
            click.echo(text_line.rstrip())
    else:
        click.echo("No actions match.")
    click.echo(
        f"{page.total} listed, as of {day.isoformat()}. All statuses: {counts['open']} open, "
        f"{counts['in_progress']} in progress ({counts['overdue']} overdue), "
        f"{counts['done']} done, {counts['dropped']} dropped."
    )


@main.command("search")
@click.argument("text")
@click.option("--panel", metavar="NAME", help="Only this panel's meetings.")
@click.option(
    "--limit", type=click.IntRange(min=1), default=50, show_default=True, help="Most results."
)
@click.option("--json", "as_json", is_flag=True, help="Print JSON for scripts.")
@db_option
@click.pass_context
def search_command(
    ctx: click.Context, text: str, panel: str | None, limit: int, as_json: bool, db: str | None
) -> None:
    """Find words in the questions, responses, actions, updates and notes of every meeting."""
    connect(_db(ctx, db))
    from wardpanel.queries import actions as followup
    from wardpanel.queries import search

    if not search.phrases(text):
        fail(f"TEXT: '{text}' holds no word to look for")
    if panel is not None and followup.resolve_names(panel=panel).missing:
        fail(f"--panel: {MISSING_NAME['panel']} '{' '.join(panel.split())}'")
    hits = search.search(text, limit=limit, panel=panel)
    if as_json:
        found = [
            {
                "kind": hit.kind,
                "id": hit.item_id,
                "meeting_id": hit.meeting_id,
                "panel": hit.panel,
                "meeting_date": hit.meeting_date.isoformat(),
                "action_id": hit.action_id,
                "snippet": hit.snippet,
                "highlights": [list(span) for span in hit.highlights],
            }
            for hit in hits
        ]
        click.echo(json.dumps(found, ensure_ascii=False, indent=2))
        return
    if not hits:
        click.echo("Nothing found.")
        return
    table = [("Kind", "Meeting", "Date", "Panel", "Found")]
    table += [
        (
            hit.kind if hit.action_id is None else f"{hit.kind} A{hit.action_id}",
            str(hit.meeting_id),
            hit.meeting_date.isoformat(),
            _shorten(hit.panel, 28),
            _shorten(hit.snippet, 90),
        )
        for hit in hits
    ]
    for text_line in _aligned(table):
        click.echo(text_line.rstrip())


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


def _to_standard_output(text: str) -> None:
    """Print a command's whole output as UTF-8; a full disk or a closed pipe ends it
    plainly. Unbuffered (PYTHONUNBUFFERED), Python's text layer drops the rest of a
    write the disk took only part of: so the bytes go out in a loop until all are out."""
    data = memoryview(text.encode("utf-8"))
    try:
        sys.stdout.flush()
        while data:
            written = sys.stdout.buffer.write(data)
            data = data[written if written is not None else 0 :]
        sys.stdout.buffer.flush()
    except OSError as error:
        # Nothing more can go out: point stdout at nothing, so Python's own flush at
        # exit does not fail again with a second message.
        os.dup2(os.open(os.devnull, os.O_WRONLY), sys.stdout.fileno())
        fail(f"cannot write to standard output: {error.strerror or error}", 1)


@main.command("dump")
@click.argument("meeting", type=int)
@output_option
@force_option
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
        _to_standard_output(text)
        return
    from wardpanel.core.files import ExportError, write_atomically

    try:
        write_atomically(output, text.encode("utf-8"), force=force)
    except ExportError as error:
        fail(str(error), error.status)


@main.command("copy")
@click.argument("source", metavar="SRC")
@click.argument("destination", metavar="DST")
def copy_command(source: str, destination: str) -> None:
    """Copy a whole database into a new, empty one and check the copy.

    SRC and DST are SQLite files or database URLs, in either direction: for instance a
    laptop's db/wardpanel.db onto postgresql://user:pass@host/wardpanel. DST must hold no
    records; it is created if it is a new file. SRC is only read.
    """
    from wardpanel.interchange.copying import CopyError, copy_database

    try:
        report = copy_database(source, destination)
    except CopyError as error:
        fail(str(error), 1)
    click.echo(report.summary())


@main.group("export")
def export_group() -> None:
    """Write minutes, a follow-up action list, an attendance record or "You said, we did"."""


def _as_of(value: str | None) -> dt.date:
    if not value:
        return dt.date.today()
    try:
        return dt.date.fromisoformat(value)
    except ValueError:
        fail(f"--as-of: '{value}' is not a date in YYYY-MM-DD form")


def _day(value: str | None, option: str) -> dt.date | None:
    """An optional date option; a bad one ends the command naming the option."""
    if not value:
        return None
    try:
        return dt.date.fromisoformat(value)
    except ValueError:
        fail(f"{option}: '{value}' is not a date in YYYY-MM-DD form")


@export_group.command("minutes")
@click.argument("meeting", type=int)
@output_option
@click.option("--initials", is_flag=True, help="Print residents by their initials.")
@force_option
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
@output_option
@click.option("--panel", help="Only this panel's actions.")
@click.option("--organisation", help="Only actions of this organisation.")
@click.option("--owner", help="Only actions owned by this person.")
@click.option("--status", type=click.Choice(["open", "in_progress", "done", "dropped"]))
@click.option("--overdue", is_flag=True, help="Only overdue actions.")
@click.option("--as-of", "as_of", metavar="DATE", help="Judge 'overdue' against this day.")
@force_option
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
    from wardpanel.core.models import ACTION_STATUSES
    from wardpanel.exporting import ExportError, export_actions
    from wardpanel.queries.actions import ActionFilter

    # Without --status the list holds every action, done and dropped ones too.
    filters = ActionFilter(
        panel=panel,
        organisation=organisation,
        owner=owner,
        statuses=(status,) if status else ACTION_STATUSES,
        overdue=overdue,
        as_of=day,
    )
    try:
        written = export_actions(output, filters, force=force)
    except ExportError as error:
        fail(str(error), error.status)
    click.echo(str(written))


panel_option = click.option("--panel", required=True, metavar="NAME", help="The panel.")
from_option = click.option("--from", "date_from", metavar="DATE", help="First day of the period.")
to_option = click.option("--to", "date_to", metavar="DATE", help="Last day of the period.")


@export_group.command("attendance")
@panel_option
@from_option
@to_option
@output_option
@force_option
@db_option
@click.pass_context
def export_attendance_command(
    ctx: click.Context,
    panel: str,
    date_from: str | None,
    date_to: str | None,
    output: Path | None,
    force: bool,
    db: str | None,
) -> None:
    """Write a panel's attendance record (who was expected, who came) as .docx."""
    start, end = _day(date_from, "--from"), _day(date_to, "--to")
    connect(_db(ctx, db))
    from wardpanel.exporting import ExportError, export_attendance

    try:
        written = export_attendance(panel, output, date_from=start, date_to=end, force=force)
    except ExportError as error:
        fail(str(error), error.status)
    click.echo(str(written))


@export_group.command("said-did")
@panel_option
@from_option
@to_option
@click.option("--as-of", "as_of", metavar="DATE", help="Judge where things stand on this day.")
@output_option
@force_option
@db_option
@click.pass_context
def export_said_did_command(
    ctx: click.Context,
    panel: str,
    date_from: str | None,
    date_to: str | None,
    as_of: str | None,
    output: Path | None,
    force: bool,
    db: str | None,
) -> None:
    """Write "You said, we did" (questions, commitments, what was done) as .docx."""
    start, end, day = _day(date_from, "--from"), _day(date_to, "--to"), _as_of(as_of)
    connect(_db(ctx, db))
    from wardpanel.exporting import ExportError, export_said_did

    try:
        written = export_said_did(
            panel, output, date_from=start, date_to=end, as_of=day, force=force
        )
    except ExportError as error:
        fail(str(error), error.status)
    click.echo(str(written))


def _size_words(size: int) -> str:
    """'51.2 kB', '3.4 MB': a file's size as people read it."""
    for unit, scale in (("GB", 10**9), ("MB", 10**6), ("kB", 10**3)):
        if size >= scale:
            return f"{size / scale:.1f} {unit}"
    return f"{size} bytes"


@main.command("backup")
@click.argument("file", required=False, type=click.Path(dir_okay=False, path_type=Path))
@force_option
@db_option
@click.pass_context
def backup_command(ctx: click.Context, file: Path | None, force: bool, db: str | None) -> None:
    """Copy the database, consistently, even while the app is in use.

    FILE defaults to backups/ beside the database, named with the date and time
    (db/backups/wardpanel-2026-04-10-193005.db). The copy is readable by you only.
    To restore one, close every program using the database, remove the database's
    -wal and -shm files if they are there, and put the copy in its place.
    """
    from wardpanel.core.storage.backup import BackupError, back_up, database_file, without_password
    from wardpanel.core.storage.database import describe

    target = paths.database_target(_db(ctx, db))
    try:
        database = database_file(target)
    except BackupError as error:
        fail(str(error), error.status)
    if database is None:
        url = without_password(target)
        fail(
            f"{describe(target)} is a PostgreSQL database: back it up with the server's own "
            f"tool, pg_dump --format=custom --file=wardpanel.dump '{url}', or copy it into "
            f"a SQLite file with wardpanel copy '{url}' wardpanel-copy.db"
        )
    try:
        made = back_up(database, file, force=force)
    except BackupError as error:
        fail(str(error), error.status)
    click.echo(f"Backed up {database} to {made.path} ({_size_words(made.size)}).")


yes_option = click.option(
    "--yes", is_flag=True, help="Go ahead without asking (needed when not run at a terminal)."
)
dry_run_option = click.option(
    "--dry-run", "dry_run", is_flag=True, help="Show what would change, and change nothing."
)


def _must_ask(yes: bool, command: str) -> bool:
    """Whether to ask before changing records for good; a script must say --yes."""
    if yes:
        return False
    if not sys.stdin.isatty():
        fail(
            f"{command} changes records for good: add --yes to go ahead, or --dry-run to "
            "see what would change. Nothing was changed."
        )
    return True


def _confirm(preview: str, question: str) -> None:
    click.echo(preview)
    if not click.confirm(question, default=False):
        click.echo("Nothing was changed.")
        sys.exit(1)


def _privacy_done(report: ForgetReport | PurgeReport, as_json: bool, target: str) -> None:
    """Print what changed (the summary, or JSON for scripts), and where the erased data
    may still be."""
    from wardpanel.core.storage.backup import backups_beside, database_file

    if as_json:
        counts = {"dry_run": report.dry_run, **report.counts()}
        click.echo(json.dumps(counts, ensure_ascii=False, indent=2))
    else:
        click.echo(report.summary() + ".")
    if report.dry_run:
        return
    if report.words_may_linger:
        click.echo(
            "Another program has the database open: erased words stay in its -wal file "
            "until every program using it closes.",
            err=True,
        )
    database = database_file(target)
    backups = backups_beside(database) if database is not None else []
    if backups:
        click.echo(
            f"{len(backups)} backup(s) in {backups[0].parent} still hold the erased data: "
            "delete those you no longer need.",
            err=True,
        )


def _where_they_appear(report: ForgetReport, most: int = 20) -> str:
    """The meetings a person's records are in, a line each, for a preview."""
    lines = [f"Their records are in {len(report.meetings)} meeting(s):"]
    lines += [f"  {day.isoformat()}  {panel}" for day, panel in report.meetings[:most]]
    if len(report.meetings) > most:
        lines.append(f"  ...and {len(report.meetings) - most} more")
    return "\n".join(lines)


@main.command("forget")
@click.argument("person", required=False)
@click.option("--id", "person_id", type=int, metavar="ID", help="The person's id, as listed.")
@click.option(
    "--officer",
    is_flag=True,
    help="Forget them even though they are an officer or councillor (someone with an "
    "organisation or an official role).",
)
@dry_run_option
@yes_option
@click.option("--json", "as_json", is_flag=True, help="Print the counts as JSON for scripts.")
@db_option
@click.pass_context
def forget_command(
    ctx: click.Context,
    person: str | None,
    person_id: int | None,
    officer: bool,
    dry_run: bool,
    yes: bool,
    as_json: bool,
    db: str | None,
) -> None:
    """Erase a resident's personal data everywhere.

    PERSON is a name (any case); when several people share it they are listed with their
    ids: choose with --id. Their person record and attendance entries are deleted, their
    questions become "asked by a resident", actions and answers no longer name them, and
    their full name in the text of their panels' records becomes "a resident". Officers
    and councillors are refused unless --officer is given: the public record of what
    an organisation said and promised normally stays.
    """
    if person is None and person_id is None:
        fail("name the PERSON to forget, or give their --id")
    if person is not None and person_id is not None:
        fail("give the PERSON's name or --id, not both")
    target = paths.database_target(_db(ctx, db))
    connect(target)
    from wardpanel import privacy

    try:
        chosen = privacy.find_person(person, person_id)
        if privacy.is_official(chosen) and not officer:
            raise privacy.NotAResident(privacy.who(chosen))
        if dry_run or _must_ask(yes, "forget"):
            preview = privacy.forget_person(chosen.id, officer=officer, dry_run=True)
            if dry_run:
                _privacy_done(preview, as_json, target)
                if not as_json:
                    click.echo(_where_they_appear(preview))
                return
            _confirm(
                f"{preview.summary()}.\n{_where_they_appear(preview)}",
                f"Forget {preview.name}? This cannot be undone",
            )
        _privacy_done(privacy.forget_person(chosen.id, officer=officer), as_json, target)
    except privacy.AmbiguousName as error:
        listing = "\n".join(f"  {line}" for line in error.candidates)
        fail(f"{error}: choose one with --id. Nothing was changed.\n{listing}")
    except privacy.UnknownPerson as error:
        fail(f"{error}. Nothing was changed.", 1)
    except privacy.NotAResident as error:
        fail(
            f"{error.person} is an officer or councillor, not a resident: add --officer "
            "to forget them all the same. Nothing was changed."
        )


@main.command("purge")
@click.option(
    "--before",
    required=True,
    metavar="DATE",
    help="Meetings held before this day lose residents' personal data.",
)
@dry_run_option
@yes_option
@click.option("--json", "as_json", is_flag=True, help="Print the counts as JSON for scripts.")
@db_option
@click.pass_context
def purge_command(
    ctx: click.Context, before: str, dry_run: bool, yes: bool, as_json: bool, db: str | None
) -> None:
    """Remove residents' personal data from meetings held before a date (retention).

    In those meetings residents' attendance entries are deleted, their questions become
    "asked by a resident", actions and answers no longer name them, their names in the
    meetings' text become "a resident" and unsaved drafts are discarded; a resident who
    then appears nowhere is deleted. Officers', councillors' and organisations' records
    stay, and so does everything said and agreed.
    """
    from wardpanel.core.dates import DateError, parse_date

    try:
        day = parse_date(before)
    except DateError as error:
        fail(f"--before: {error}")
    if day > dt.date.today():
        fail(f"--before: {day.isoformat()} is in the future: purge only meetings already held")
    target = paths.database_target(_db(ctx, db))
    connect(target)
    from wardpanel import privacy

    if dry_run or _must_ask(yes, "purge"):
        preview = privacy.purge_before(day, dry_run=True)
        if dry_run:
            _privacy_done(preview, as_json, target)
            return
        _confirm(
            preview.summary() + ".",
            f"Remove residents' personal data from meetings before {day.isoformat()}? "
            "This cannot be undone",
        )
    _privacy_done(privacy.purge_before(day), as_json, target)


if __name__ == "__main__":
    main()
