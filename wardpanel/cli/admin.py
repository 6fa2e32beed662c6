"""Looking after the records: copying and backing up a database, and erasing residents'
personal data (one person, or everything before a date)."""

from __future__ import annotations

import datetime as dt
import json
import sys
from pathlib import Path
from typing import TYPE_CHECKING

import click

from wardpanel.cli import RECORD_ID, connect, database_of, db_option, fail, force_option, main, say
from wardpanel.core import paths

if TYPE_CHECKING:
    from wardpanel.privacy import ForgetReport, PurgeReport


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
    say(report.summary())


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
    from wardpanel.core.files import shown_path
    from wardpanel.core.storage.backup import back_up, database_file
    from wardpanel.core.storage.targets import shown

    # A refusal (a WriteError: the destination, or no database there) ends the command
    # in WardpanelGroup, with its status.
    target = paths.database_target(database_of(ctx, db))
    database = database_file(target)
    if database is None:
        url = shown(target)
        fail(
            f"{url} is a PostgreSQL database: back it up with the server's own tool, "
            f"pg_dump --format=custom --file=wardpanel.dump '{url}', or copy it into "
            f"a SQLite file with wardpanel copy '{url}' wardpanel-copy.db"
        )
    made = back_up(database, file, force=force)
    say(f"Backed up {shown_path(database)} to {shown_path(made.path)} ({_size_words(made.size)}).")


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
    say(preview)
    if not click.confirm(question, default=False):
        say("Nothing was changed.")
        sys.exit(1)


def _privacy_done(report: ForgetReport | PurgeReport, as_json: bool, target: str) -> None:
    """Print what changed (the summary, or JSON for scripts), and where the erased data
    may still be."""
    from wardpanel.core.storage.backup import backups_beside, database_file

    if as_json:
        counts = {"dry_run": report.dry_run, **report.counts()}
        say(json.dumps(counts, ensure_ascii=False, indent=2))
    else:
        say(report.summary() + ".")
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
@click.option("--id", "person_id", type=RECORD_ID, metavar="ID", help="The person's id, as listed.")
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
    target = paths.database_target(database_of(ctx, db))
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
                    say(_where_they_appear(preview))
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
        # "No such thing" is the user's to put right, as for every other command.
        fail(f"{error}. Nothing was changed.", error.status)
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
    target = paths.database_target(database_of(ctx, db))
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
