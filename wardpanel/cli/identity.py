"""Who is who: typing a meeting's lines offline (`enter`), and putting people and
organisations right (`people`, `organisations` and their merge, alias, rename and
delete sub-commands). Every change is one transaction and is recorded."""

from __future__ import annotations

import json
import sys
from dataclasses import asdict
from pathlib import Path
from types import ModuleType

import click

from wardpanel.cli import RECORD_ID, connect, database_of, db_option, fail, main, say
from wardpanel.core.words import plural


def _services(ctx: click.Context, db: str | None) -> ModuleType:
    """The use cases, on the command's database."""
    connect(database_of(ctx, db))
    from wardpanel import services

    return services


json_option = click.option("--json", "as_json", is_flag=True, help="Print JSON for scripts.")


@main.command("enter")
@click.argument("meeting", type=RECORD_ID)
@click.argument("file", required=False, type=click.Path(dir_okay=False, path_type=Path))
@db_option
@click.pass_context
def enter_command(ctx: click.Context, meeting: int, file: Path | None, db: str | None) -> None:
    """File quick-entry lines from FILE (or stdin) in MEETING, as the app files them."""
    if file is not None:
        try:
            text = file.read_bytes().decode("utf-8-sig")
        except OSError as error:
            fail(f"{file}: {error.strerror or error}")
        except UnicodeDecodeError:
            fail(f"{file}: is not UTF-8 text")
    else:
        text = sys.stdin.read()
    connect(database_of(ctx, db))
    from wardpanel.core.models import Meeting
    from wardpanel.quickentry import apply

    if Meeting.get_or_none(Meeting.id == meeting) is None:
        fail(f"MEETING: no meeting with id {meeting}")
    from wardpanel.services import MinutesApproved, refuse_if_approved

    try:
        refuse_if_approved(meeting)  # nothing can be filed, nor kept as unfiled
    except MinutesApproved as locked:
        fail(locked.reason, locked.status)
    refused = 0
    for number, typed in enumerate(text.splitlines(), start=1):
        if not typed.strip():
            continue
        outcome = apply(meeting, typed)
        if not outcome.understood or not outcome.saved:
            refused += 1
        say(f"{number}: {outcome.message}")
    if refused:
        fail(
            f"{refused} line{'s were' if refused != 1 else ' was'} not filed "
            "(kept in the meeting's notes under 'Unfiled quick entry')"
        )


@main.group("people", invoke_without_command=True)
@json_option
@db_option
@click.pass_context
def people_group(ctx: click.Context, as_json: bool, db: str | None) -> None:
    """List people: id, name, role, organisation, meetings attended."""
    ctx.obj["db"] = database_of(ctx, db)
    if ctx.invoked_subcommand is not None:
        return
    connect(ctx.obj["db"])
    from wardpanel.queries.directory import people_directory

    people = people_directory()
    if as_json:
        say(json.dumps([asdict(p) for p in people], ensure_ascii=False, indent=2))
        return
    if not people:
        say("Nobody yet.")
        return
    for p in people:
        name = p.name or f"({p.role}: post not filled)"
        role = f", {p.role}" if p.role and p.name else ""
        org = f", {p.organisation}" if p.organisation else ""
        say(f"{p.id:>6}  {name}{role}{org}  [{plural(p.meetings, 'meeting')}]")


@people_group.command("merge")
@click.argument("person", type=RECORD_ID, metavar="ID")
@click.argument("into", type=RECORD_ID, metavar="INTO_ID")
@db_option
@click.pass_context
def people_merge(ctx: click.Context, person: int, into: int, db: str | None) -> None:
    """One person recorded twice becomes one: everything of ID moves to INTO_ID."""
    services = _services(ctx, db)
    kept = services.merge_people(person, into)
    say(f"Merged #{person} into #{kept.id} {kept.name}")


@people_group.command("rename")
@click.argument("person", type=RECORD_ID, metavar="ID")
@click.argument("name")
@click.option("--role", default=None, help="Their role or rank as well.")
@db_option
@click.pass_context
def people_rename(
    ctx: click.Context, person: int, name: str, role: str | None, db: str | None
) -> None:
    """Correct how a person's name is written, everywhere."""
    services = _services(ctx, db)
    renamed = services.rename_person(person, name, role)
    say(f"#{renamed.id} is now {renamed.name}")


@people_group.command("delete")
@click.argument("person", type=RECORD_ID, metavar="ID")
@db_option
@click.pass_context
def people_delete(ctx: click.Context, person: int, db: str | None) -> None:
    """Delete a person nothing in the record names (typed by mistake)."""
    services = _services(ctx, db)
    services.delete_person(person)
    say(f"Deleted #{person}")


@main.group("organisations", invoke_without_command=True)
@json_option
@db_option
@click.pass_context
def organisations_group(ctx: click.Context, as_json: bool, db: str | None) -> None:
    """List organisations with their aliases and counts."""
    ctx.obj["db"] = database_of(ctx, db)
    if ctx.invoked_subcommand is not None:
        return
    connect(ctx.obj["db"])
    from wardpanel.queries.directory import organisation_directory

    organisations = organisation_directory()
    if as_json:
        rows = [asdict(o) | {"aliases": list(o.aliases)} for o in organisations]
        say(json.dumps(rows, ensure_ascii=False, indent=2))
        return
    if not organisations:
        say("No organisations yet.")
        return
    for o in organisations:
        aliases = f" (also: {', '.join(o.aliases)})" if o.aliases else ""
        say(
            f"{o.id:>6}  {o.name}{aliases}  [{o.kind}; {plural(o.people, 'person', 'people')}, "
            f"{plural(o.responses, 'response')}, {plural(o.actions, 'action')}]"
        )


@organisations_group.command("alias")
@click.argument("name")
@click.argument("alias")
@db_option
@click.pass_context
def organisations_alias(ctx: click.Context, name: str, alias: str, db: str | None) -> None:
    """ALIAS now means NAME everywhere names are typed."""
    services = _services(ctx, db)
    made = services.add_organisation_alias(name, alias)
    say(f"'{made.alias}' now means {made.organisation.name}")


@organisations_group.command("merge")
@click.argument("name")
@click.argument("into")
@db_option
@click.pass_context
def organisations_merge(ctx: click.Context, name: str, into: str, db: str | None) -> None:
    """NAME's people, responses and actions move to INTO; NAME becomes its alias."""
    services = _services(ctx, db)
    kept = services.merge_organisations(name, into)
    say(f"Merged {name} into {kept.name}")


@organisations_group.command("rename")
@click.argument("name")
@click.argument("new_name")
@db_option
@click.pass_context
def organisations_rename(ctx: click.Context, name: str, new_name: str, db: str | None) -> None:
    """Correct an organisation's name; the old name stays as an alias."""
    services = _services(ctx, db)
    renamed = services.rename_organisation(name, new_name)
    say(f"{name} is now {renamed.name}")


@organisations_group.command("delete")
@click.argument("name")
@db_option
@click.pass_context
def organisations_delete(ctx: click.Context, name: str, db: str | None) -> None:
    """Delete an organisation nothing in the record names."""
    services = _services(ctx, db)
    services.delete_organisation(name)
    say(f"Deleted {name}")
