"""The minutes' sections on what a meeting committed to beyond its actions agreed:
recommendations put to organisations, priorities with their substance and the actions
reported against them, and the figures reported, set beside the period before.
"""

from __future__ import annotations

from collections.abc import Callable, Sequence

from wardpanel.core.models import Meeting
from wardpanel.core.people import Naming
from wardpanel.core.words import long_date, short_date, status_lower, status_words
from wardpanel.exporting.widths import fitted, text_width_cm
from wardpanel.exporting.worddoc import (
    BOLD,
    PLAIN,
    Column,
    Look,
    Span,
    WordDocument,
    split_paragraphs,
)
from wardpanel.queries.figures import FigureRow, figures_of
from wardpanel.queries.matters import closed_on
from wardpanel.queries.priorities import PriorityUnderReview
from wardpanel.queries.recommendations import RecommendationOnDay, recommendations_of

GREY = Look(colour="595959")
RED_BOLD = Look(bold=True, colour="C00000")
DETAIL_INDENT_CM = 0.63
NO_ACTION_SINCE = "No action reported against this priority since its last review."


def one_line(text: str) -> str:
    return " ".join(split_paragraphs(text))


def response_due_words(as_said: str, due) -> str:
    """'in the autumn (by 30 Nov 2026)', 'by 30 Nov 2026', or ''."""
    said = " ".join(as_said.split())
    if said and due is not None:
        by = "" if said.lower().startswith("by ") else "by "
        return f"{said} ({by}{short_date(due)})"
    if due is not None:
        return f"by {short_date(due)}"
    return said


def write_recommendations(
    doc: WordDocument, meeting: Meeting, typed: Callable[[str], str] = str
) -> None:
    """Recommendations made at the meeting, under their own heading: put to an
    organisation that has not agreed to them, so never printed as actions agreed."""
    made = recommendations_of(meeting)
    if not made:
        return
    doc.heading("Recommendations", 1)
    doc.paragraph(
        "Put to the organisations named for their response. A recommendation is not an "
        "action agreed: the organisation decides whether to accept it.",
        keep_with_next=True,
        space_after_pt=6,
    )
    recommendations_table(doc, made, typed)


def recommendations_table(
    doc: WordDocument,
    made: Sequence[RecommendationOnDay],
    typed: Callable[[str], str] = str,
    *,
    dated: bool = False,
) -> None:
    """The recommendations as a table, numbered (and `dated` by the meeting that made
    them), then each response given by then; typed text goes through `typed` (residents'
    names printed as the document prints them)."""
    columns = (
        Column("No.", 1.1),
        *((Column("Made", 2.4),) if dated else ()),
        Column("Recommendation", 7.4, (PLAIN, GREY)),
        Column("Put to", 3.2),
        Column("Response due", 3.0),
        Column("Status", 2.3, (PLAIN, RED_BOLD)),
    )
    rows = []
    for number, found in enumerate(made, start=1):
        item = found.recommendation
        from_body = " ".join(item.from_body.split())
        rows.append(
            (
                str(number),
                *((short_date(found.meeting_date),) if dated else ()),
                typed(item.text),
                f"\nFrom {typed(from_body)}" if from_body else "",
                found.to or "Not named",
                response_due_words(item.response_due_as_said, item.response_due) or "None set",
                status_words(found.status),
                "\nOVERDUE" if found.overdue else "",
            )
        )
    doc.table(
        fitted(columns, rows, text_width_cm(doc)), rows, caption="Recommendations and their status"
    )
    for number, found in enumerate(made, start=1):
        response = found.recommendation.response.strip()
        # Only a response given by the day the table speaks for: the minutes of the
        # meeting that made it must not print beside "Awaiting a response" a reply that
        # came later.
        if response and found.status != "awaiting_response":
            label = Span(f"Response to recommendation {number}: ", BOLD)
            doc.paragraph([label, typed(one_line(response))])


def priority_details(priority) -> list[str | Span]:
    """Lead, measure and review date of a priority, as one line under it."""
    parts: list[str | Span] = []
    lead = priority.lead.name if priority.lead_id else ""
    for label, value in (
        ("Lead", lead),
        ("Measure", one_line(priority.measure)),
        ("Review by", long_date(priority.review_by) if priority.review_by else ""),
    ):
        if value:
            if parts:
                parts.append("  ·  ")
            parts.extend([Span(f"{label}: ", BOLD), value])
    return parts


def write_priority_actions(
    doc: WordDocument,
    entry: PriorityUnderReview,
    naming: Naming,
    typed: Callable[[str], str] = str,
) -> None:
    """Under a priority, the actions reported against it since it was last reviewed
    (or set): open then, or closed since (handbook item 3)."""
    priority = entry.priority
    details = priority_details(priority)
    if details:
        doc.paragraph(details, indent_cm=DETAIL_INDENT_CM, space_after_pt=2)
    since = entry.earlier_reviews[-1].meeting.date if entry.earlier_reviews else None
    if since is None and entry.set_at is not None:
        since = entry.set_at.date
    # Open when it was last reviewed, or raised or closed since.
    reported = [
        found
        for found in entry.actions
        if since is None or closed_on(list(found.updates), since) is None
    ]
    if not reported:
        if not entry.set_here:
            doc.paragraph(
                Span(NO_ACTION_SINCE, GREY),
                indent_cm=DETAIL_INDENT_CM,
            )
        return
    for found in reported:
        action = found.action
        owner = action.owner_name(naming) or ""
        who = ", ".join(part for part in (owner, action.organisation or "") if part)
        parts: list[str | Span] = [
            Span(action.ref or f"#{action.id}", BOLD),
            " ",
            typed(action.text),
        ]
        if who:
            parts.append(Span(f" ({who})", GREY))
        standing = "overdue" if found.overdue else found.status
        parts.append(Span(f". {status_words(standing)}", BOLD))
        latest = found.latest
        if latest is not None:
            said = latest.text or f"status changed to {status_lower(latest.status)}"
            parts.append(f"; {short_date(latest.date)}: {typed(one_line(said))}")
        doc.paragraph(parts, indent_cm=DETAIL_INDENT_CM, space_after_pt=2)


def write_figures(doc: WordDocument, meeting: Meeting, typed: Callable[[str], str] = str) -> None:
    """The figures reported, under their own heading (none: nothing)."""
    rows = figures_of(meeting)
    if rows:
        doc.heading("Figures", 1)
        figures_table(doc, rows, typed)


def figures_table(
    doc: WordDocument, rows: Sequence[FigureRow], typed: Callable[[str], str] = str
) -> None:
    """Figures as a table: category, this period, previous, change, note."""
    columns = (
        Column("Category", 5.8, (PLAIN, GREY)),
        Column("This period", 3.0, (BOLD, GREY)),
        Column("Previous", 2.6, (PLAIN, GREY)),
        Column("Change", 2.0),
        Column("Note", 3.6),
    )
    table = []
    for row in rows:
        unit = " ".join(row.unit.split())
        suffix = unit if unit == "%" else (f" {unit}" if unit else "")
        table.append(
            (
                row.category,
                f"\n{row.period}" if row.period else "",
                f"{row.value}{suffix}",
                "",
                f"{row.previous}{suffix}" if row.previous is not None else "",
                f"\nat {short_date(row.previous_from)}" if row.previous_from else "",
                f"{row.change}{suffix}" if row.change else "",
                typed(one_line(row.note)),
            )
        )
    doc.table(fitted(columns, table, text_width_cm(doc)), table, caption="Figures reported")
