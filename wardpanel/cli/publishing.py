"""The clerk's commands before publishing: approving minutes, reopening them, and the
check of what would be wrong to publish."""

from __future__ import annotations

import click

from wardpanel.cli import RECORD_ID, connect, database_of, db_option, main, say


@main.command("approve")
@click.argument("meeting", type=RECORD_ID)
@click.option("--by", metavar="NAME", help="Who approved them (default: the meeting's chair).")
@db_option
@click.pass_context
def approve_command(ctx: click.Context, meeting: int, by: str | None, db: str | None) -> None:
    """Approve a meeting's minutes; approved minutes are locked."""
    connect(database_of(ctx, db))
    from wardpanel import services
    from wardpanel.core.words import long_date

    approved = services.approve_meeting(meeting, by=by or "")
    who = f" by {approved.approved_by}" if approved.approved_by else ""
    say(f"meeting {approved.id}: minutes approved{who} on {long_date(approved.approved_on)}")


@main.command("reopen")
@click.argument("meeting", type=RECORD_ID)
@click.option("--reason", required=True, metavar="TEXT", help="Why they are reopened.")
@click.option("--by", metavar="NAME", help="Who reopened them.")
@db_option
@click.pass_context
def reopen_command(
    ctx: click.Context, meeting: int, reason: str, by: str | None, db: str | None
) -> None:
    """Unlock approved minutes; the reopening and its reason are recorded."""
    connect(database_of(ctx, db))
    from wardpanel import services

    reopened = services.reopen_meeting(meeting, reason, by=by or "")
    say(f"meeting {reopened.id}: minutes reopened, now a draft")


FINDINGS = 3  # exit status of `check` when there is something to look at


@main.command("check")
@click.argument("meeting", type=RECORD_ID)
@click.option("--json", "as_json", is_flag=True, help="Print the findings as JSON.")
@db_option
@click.pass_context
def check_command(ctx: click.Context, meeting: int, as_json: bool, db: str | None) -> None:
    """List what would be wrong to publish; exit 0 when nothing, 3 with findings."""
    connect(database_of(ctx, db))
    from wardpanel.reports import check_meeting

    findings = check_meeting(meeting)
    if as_json:
        import json

        say(json.dumps([f.as_dict() for f in findings], ensure_ascii=False, indent=2))
    elif not findings:
        say(f"meeting {meeting}: nothing found that would be wrong to publish")
    else:
        heading = ""
        for finding in findings:
            if finding.heading != heading:
                heading = finding.heading
                say(f"{heading}:")
            say(f"  {finding.said}")
        count = len(findings)
        say(f"{count} finding{'' if count == 1 else 's'}: look at these before publishing")
    if findings:
        ctx.exit(FINDINGS)
