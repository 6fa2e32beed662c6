"""What people look up: meetings, actions and words, listed on the terminal or as JSON."""

from __future__ import annotations

import csv
import io
import json

import click

from wardpanel.cli import (
    WholeNumber,
    as_of_date,
    connect,
    database_of,
    db_option,
    fail,
    main,
    optional_date,
    say,
    write_out,
)
from wardpanel.core.textclean import quoted
from wardpanel.core.words import status_lower

STATUS_CHOICES = ("open", "in_progress", "done", "dropped", "all")
MOST_RESULTS = 1_000
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


@main.command("meetings")
@db_option
@click.option("--json", "as_json", is_flag=True, help="Print JSON for scripts.")
@click.pass_context
def meetings_command(ctx: click.Context, db: str | None, as_json: bool) -> None:
    """List meetings: id, date, panel, title, status."""
    connect(database_of(ctx, db))
    from wardpanel.queries import meetings_of, trails_of

    meetings = meetings_of()
    if as_json:
        # The five keys of INTERFACES.md first; after them, the minutes' own record.
        trails = trails_of([m.id for m in meetings])
        rows = [
            {
                "id": m.id,
                "date": m.date.isoformat(),
                "panel": m.panel.name,
                "title": m.title,
                "status": m.status,
                "approved": {"on": m.approved_on.isoformat() if m.approved_on else None,
                             "by": m.approved_by}
                if m.status == "approved" else None,
                "previous_minutes": None if m.previous_agreed is None
                else {"agreed": m.previous_agreed, "amendments": m.previous_amendments},
                "trail": [
                    {"kind": e.kind, "at": e.at.isoformat(timespec="minutes"), "by": e.by,
                     "reason": e.reason}
                    for e in trails[m.id]
                ],
            }
            for m in meetings
        ]  # fmt: skip
        say(json.dumps(rows, ensure_ascii=False, indent=2))
        return
    if not meetings:
        say("No meetings yet. Open the app with `wardpanel` or load files with `wardpanel import`.")
        return
    width = max(len(m.panel.name) for m in meetings)
    for m in meetings:
        say(f"{m.id:>5}  {m.date.isoformat()}  {m.panel.name:<{width}}  {m.title}  [{m.status}]")


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
@click.option(
    "--text",
    metavar="TEXT",
    help="Words in the action, its owner or its updates, or its reference (HS-12).",
)
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
    day = as_of_date(as_of)
    start, end = optional_date(due_from, "--due-from"), optional_date(due_to, "--due-to")
    connect(database_of(ctx, db))
    from wardpanel.queries import actions as followup
    from wardpanel.queries import search

    try:
        if text is not None and not search.phrases(text):
            fail(f"--text: {quoted(text)} holds no word to look for")
    except search.QueryTooLong as error:
        fail(f"--text: {error.message}")
    chosen = ("open", "in_progress") if not statuses else tuple(dict.fromkeys(statuses))
    if "all" in chosen:
        chosen = STATUS_CHOICES[:-1]
    chosen_filter = followup.ActionFilter(
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
        page = followup.all_actions(chosen_filter)
    except followup.QueryError as error:
        fail(f"--{error.field.replace('_', '-')}: {error.message}")
    names = {"panel": panel, "organisation": organisation, "owner": owner}
    for key in page.unknown:
        fail(f"--{key}: {MISSING_NAME[key]} {quoted(' '.join((names[key] or '').split()))}")
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
        say(json.dumps(report, ensure_ascii=False, indent=2))
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
            say(text_line.rstrip())
    else:
        say("No actions match.")
    say(
        f"{page.total} listed, as of {day.isoformat()}. All statuses: {counts['open']} open, "
        f"{counts['in_progress']} in progress ({counts['overdue']} overdue), "
        f"{counts['done']} done, {counts['dropped']} dropped."
    )


@main.command("search")
@click.argument("text")
@click.option("--panel", metavar="NAME", help="Only this panel's meetings.")
@click.option(
    "--limit",
    type=WholeNumber(1, MOST_RESULTS, "a number of results"),
    default=50,
    show_default=True,
    help=f"Most results (up to {MOST_RESULTS:,}).",
)
@click.option("--json", "as_json", is_flag=True, help="Print JSON for scripts.")
@db_option
@click.pass_context
def search_command(
    ctx: click.Context, text: str, panel: str | None, limit: int, as_json: bool, db: str | None
) -> None:
    """Find words in the questions, responses, actions, updates and notes of every meeting."""
    connect(database_of(ctx, db))
    from wardpanel.queries import search
    from wardpanel.queries.names_meant import resolve_names

    try:
        if not search.phrases(text):
            fail(f"TEXT: {quoted(text)} holds no word to look for")
    except search.QueryTooLong as error:
        fail(f"TEXT: {error.message}")
    if panel is not None and resolve_names(panel=panel).missing:
        fail(f"--panel: {MISSING_NAME['panel']} {quoted(' '.join(panel.split()))}")
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
                "ref": hit.ref or None,
                "snippet": hit.snippet,
                "highlights": [list(span) for span in hit.highlights],
            }
            for hit in hits
        ]
        say(json.dumps(found, ensure_ascii=False, indent=2))
        return
    if not hits:
        say("Nothing found.")
        return
    table = [("Kind", "Meeting", "Date", "Panel", "Found")]
    table += [
        (
            f"{hit.kind} {hit.ref}" if hit.ref else hit.kind,
            str(hit.meeting_id),
            hit.meeting_date.isoformat(),
            _shorten(hit.panel, 28),
            _shorten(hit.snippet, 90),
        )
        for hit in hits
    ]
    for text_line in _aligned(table):
        say(text_line.rstrip())


def _cell(text: str) -> str:
    """A CSV text cell a spreadsheet will show, never run: one starting as a formula
    would (=, +, -, @) gets a leading apostrophe."""
    return "'" + text if text[:1] in ("=", "+", "-", "@", "\t", "\r") else text


FIGURE_FIELDS = (
    "meeting", "date", "panel", "category", "value", "previous", "change", "period", "unit",
    "note",
)  # fmt: skip


@main.command("figures")
@click.argument("panel")
@click.option("--csv", "as_csv", is_flag=True, help="Print CSV for a spreadsheet.")
@click.option("--json", "as_json", is_flag=True, help="Print JSON for scripts.")
@db_option
@click.pass_context
def figures_command(
    ctx: click.Context, panel: str, as_csv: bool, as_json: bool, db: str | None
) -> None:
    """Every figure of a panel's meetings, one row per category and meeting.

    "previous" is what the meeting recorded, else the panel's last earlier meeting with
    the same category; "change" is this period less the previous.
    """
    if as_csv and as_json:
        fail("--csv and --json: choose one")
    connect(database_of(ctx, db))
    from wardpanel.queries.figures import figure_number, panel_figures
    from wardpanel.queries.names_meant import resolve_names

    named = resolve_names(panel=panel)
    if named.missing or not named.panel:
        fail(f"PANEL: {MISSING_NAME['panel']} {quoted(' '.join(panel.split()))}")
    rows = panel_figures(named.panel)
    if as_json:
        records = [
            {
                "meeting": row.meeting_id,
                "date": row.meeting_date.isoformat(),
                "panel": row.panel,
                "category": row.category,
                "value": figure_number(row.value),
                "previous": figure_number(row.previous) if row.previous is not None else None,
                "change": figure_number(row.change) if row.change else None,
                "period": row.period,
                "unit": row.unit,
                "note": row.note,
            }
            for row in rows
        ]
        say(json.dumps(records, ensure_ascii=False, indent=2))
        return
    if as_csv:
        out = io.StringIO()
        writer = csv.writer(out, lineterminator="\n")
        writer.writerow(FIGURE_FIELDS)
        writer.writerows(
            (
                row.meeting_id,
                row.meeting_date.isoformat(),
                _cell(row.panel),
                _cell(row.category),
                row.value,
                row.previous,
                row.change,
                _cell(row.period),
                _cell(row.unit),
                _cell(row.note),
            )
            for row in rows
        )
        write_out(out.getvalue())
        return
    if not rows:
        say("No figures recorded for this panel yet.")
        return
    table = [("Meeting", "Date", "Category", "Value", "Previous", "Change", "Period")]
    for row in rows:
        unit = row.unit if row.unit == "%" else (f" {row.unit}" if row.unit else "")
        table.append(
            (
                str(row.meeting_id),
                row.meeting_date.isoformat(),
                _shorten(row.category, 40),
                row.value + unit,
                row.previous + unit if row.previous is not None else "",
                row.change + unit if row.change else "",
                _shorten(row.period, 30),
            )
        )
    for text_line in _aligned(table):
        say(text_line.rstrip())
