"""Documents and files: meeting files in and out, and the Word documents a panel sends."""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path

import click

from wardpanel.cli import (
    RECORD_ID,
    as_of_date,
    connect,
    database_of,
    db_option,
    fail,
    force_option,
    main,
    optional_date,
    output_option,
    say,
    write_out,
)


@main.command("import")
# Any path is taken as it is: what is not a meeting file (a folder, a FIFO, a device) is
# refused by the importer in one line naming it, never by click's usage message.
@click.argument("files", nargs=-1, required=True, type=click.Path(path_type=Path))
@db_option
@click.pass_context
def import_command(ctx: click.Context, files: tuple[Path, ...], db: str | None) -> None:
    """Load meeting files; print each new meeting's id."""
    connect(database_of(ctx, db))
    from wardpanel.interchange import import_files

    # A refused file (InterchangeError) ends the command in WardpanelGroup, status 2.
    ids = import_files(list(files))
    for meeting_id in ids:
        say(str(meeting_id))


@main.command("dump")
@click.argument("meeting", type=RECORD_ID)
@output_option
@force_option
@db_option
@click.pass_context
def dump_command(
    ctx: click.Context, meeting: int, output: Path | None, force: bool, db: str | None
) -> None:
    """Write one meeting as a meeting file (stdout by default)."""
    connect(database_of(ctx, db))
    from wardpanel.interchange import dump_text

    text = dump_text(meeting)
    if output is None:
        write_out(text)
        return
    from wardpanel.core.files import ExportError, write_atomically

    try:
        write_atomically(output, text.encode("utf-8"), force=force)
    except ExportError as error:
        fail(str(error), error.status)


residents_option = click.option(
    "--residents",
    type=click.Choice(["named", "initials", "withheld"]),
    help="How residents are printed (default: the panel's choice, initials unless set).",
)
record_option = click.option(
    "--record", is_flag=True, help="The panel's full record, not for publication."
)


pdf_option = click.option(
    "--pdf", is_flag=True, help="Also write a tagged PDF beside the .docx (needs LibreOffice)."
)
template_option = click.option(
    "--template",
    type=click.Path(path_type=Path),
    metavar="FILE",
    help="Build on a council's own .docx/.dotx (its letterhead, fonts and colours).",
)


def document_options(command: Callable[..., None]) -> Callable[..., None]:
    """-o, --force, --pdf, --template and --db: what every export takes."""
    for option in (db_option, template_option, pdf_option, force_option, output_option):
        command = option(command)
    return command


def deliver(write: Callable[[], Path], *, pdf: bool, force: bool) -> None:
    """Write a document (`write` returns where it went), say where and, with --pdf, make
    the PDF beside it; the .docx stays whatever happens to the PDF. A refusal ends the
    command with its one line and exit status."""
    from wardpanel.core.files import ExportError
    from wardpanel.exporting.pdf import PdfError, write_pdf

    try:
        written = write()
    except ExportError as error:
        fail(str(error), error.status)
    say(str(written))
    if not pdf:
        return
    try:
        say(str(write_pdf(written, force=force)))
    except (PdfError, ExportError) as error:
        fail(str(error), error.status)


@main.group("export")
def export_group() -> None:
    """Write minutes, a meeting pack, a follow-up action list, an attendance record or
    "You said, we did"."""


@export_group.command("minutes")
@click.argument("meeting", type=RECORD_ID)
@residents_option
@click.option("--initials", is_flag=True, help="Same as --residents initials.")
@record_option
@document_options
@click.pass_context
def export_minutes_command(
    ctx: click.Context,
    meeting: int,
    output: Path | None,
    residents: str | None,
    initials: bool,
    record: bool,
    force: bool,
    pdf: bool,
    template: Path | None,
    db: str | None,
) -> None:
    """Write a meeting's published minutes (or its full record) as .docx."""
    if initials and residents not in (None, "initials"):
        fail(f"--initials: cannot be used with --residents {residents}")
    connect(database_of(ctx, db))
    from wardpanel.exporting import export_minutes

    deliver(
        lambda: export_minutes(
            meeting,
            output,
            residents=residents,
            record=record,
            initials=initials,
            force=force,
            template=template,
        ),
        pdf=pdf,
        force=force,
    )


@export_group.command("pack")
@click.argument("meeting", type=RECORD_ID)
@click.option("--as-of", "as_of", metavar="DATE", help="Judge 'overdue' against this day.")
@residents_option
@record_option
@document_options
@click.pass_context
def export_pack_command(
    ctx: click.Context,
    meeting: int,
    as_of: str | None,
    residents: str | None,
    record: bool,
    output: Path | None,
    force: bool,
    pdf: bool,
    template: Path | None,
    db: str | None,
) -> None:
    """Write the meeting pack for the next meeting's papers as one .docx: minutes, action
    update, recommendations, figures and the priorities it reviews."""
    day = as_of_date(as_of)
    connect(database_of(ctx, db))
    from wardpanel.exporting import export_pack

    deliver(
        lambda: export_pack(
            meeting,
            output,
            as_of=day,
            residents=residents,
            record=record,
            force=force,
            template=template,
        ),
        pdf=pdf,
        force=force,
    )


@export_group.command("actions")
@click.option("--panel", help="Only this panel's actions.")
@click.option("--organisation", help="Only actions of this organisation.")
@click.option("--owner", help="Only actions owned by this person.")
@click.option("--status", type=click.Choice(["open", "in_progress", "done", "dropped"]))
@click.option("--overdue", is_flag=True, help="Only overdue actions.")
@click.option("--as-of", "as_of", metavar="DATE", help="Judge 'overdue' against this day.")
@residents_option
@record_option
@document_options
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
    residents: str | None,
    record: bool,
    force: bool,
    pdf: bool,
    template: Path | None,
    db: str | None,
) -> None:
    """Write the follow-up action list as .docx."""
    day = as_of_date(as_of)
    connect(database_of(ctx, db))
    from wardpanel.core.models import ACTION_STATUSES
    from wardpanel.exporting import export_actions
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
    deliver(
        lambda: export_actions(
            output, filters, force=force, residents=residents, record=record, template=template
        ),
        pdf=pdf,
        force=force,
    )


panel_option = click.option("--panel", required=True, metavar="NAME", help="The panel.")
from_option = click.option("--from", "date_from", metavar="DATE", help="First day of the period.")
to_option = click.option("--to", "date_to", metavar="DATE", help="Last day of the period.")


@export_group.command("attendance")
@panel_option
@from_option
@to_option
@residents_option
@record_option
@document_options
@click.pass_context
def export_attendance_command(
    ctx: click.Context,
    panel: str,
    date_from: str | None,
    date_to: str | None,
    output: Path | None,
    residents: str | None,
    record: bool,
    force: bool,
    pdf: bool,
    template: Path | None,
    db: str | None,
) -> None:
    """Write a panel's attendance record (who was expected, who came) as .docx."""
    start, end = optional_date(date_from, "--from"), optional_date(date_to, "--to")
    connect(database_of(ctx, db))
    from wardpanel.exporting import export_attendance

    deliver(
        lambda: export_attendance(
            panel,
            output,
            date_from=start,
            date_to=end,
            force=force,
            residents=residents,
            record=record,
            template=template,
        ),
        pdf=pdf,
        force=force,
    )


@export_group.command("said-did")
@panel_option
@from_option
@to_option
@click.option("--as-of", "as_of", metavar="DATE", help="Judge where things stand on this day.")
@residents_option
@record_option
@document_options
@click.pass_context
def export_said_did_command(
    ctx: click.Context,
    panel: str,
    date_from: str | None,
    date_to: str | None,
    as_of: str | None,
    output: Path | None,
    residents: str | None,
    record: bool,
    force: bool,
    pdf: bool,
    template: Path | None,
    db: str | None,
) -> None:
    """Write "You said, we did" (questions, commitments, what was done) as .docx."""
    start, end = optional_date(date_from, "--from"), optional_date(date_to, "--to")
    day = as_of_date(as_of)
    connect(database_of(ctx, db))
    from wardpanel.exporting import export_said_did

    deliver(
        lambda: export_said_did(
            panel,
            output,
            date_from=start,
            date_to=end,
            as_of=day,
            force=force,
            residents=residents,
            record=record,
            template=template,
        ),
        pdf=pdf,
        force=force,
    )
