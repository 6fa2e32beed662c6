"""The meeting pack: one document for the next meeting's papers.

1. the minutes of the meeting (with the priorities it reviewed), ready to be agreed;
2. the action update: the panel's open actions as they stand today, by organisation
   and owner, overdue ones first (in a landscape section, as in the action list);
3. the recommendations the panel has made up to the meeting, with where each stands;
4. the figures reported at the meeting.

Each part starts on a new page under a Heading 1; the parts' own headings sit one
level below it, so the navigation pane shows the pack as one outline.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterator, Sequence

from wardpanel.core.models import Figure, Meeting, Recommendation
from wardpanel.core.people import FULL_RECORD
from wardpanel.core.words import (
    long_date,
    recommendation_overdue,
    short_date,
    status_words,
)
from wardpanel.exporting.actions import OVERDUE, Counts, in_list_order, write_groups
from wardpanel.exporting.minutes import NONE_RECORDED, RED_BOLD, MinutesWriter
from wardpanel.exporting.widths import fitted, text_width_cm
from wardpanel.exporting.worddoc import BOLD, PLAIN, Column, Look, Span, WordDocument
from wardpanel.queries.actions import ActionRow

PARTS = ("Minutes", "Action update", "Recommendations", "Figures")

RECOMMENDATION_COLUMNS = (
    Column("Made", 2.4),
    Column("Recommendation", 6.0),
    Column("To", 3.0),
    Column("Response due", 2.6, (PLAIN, Look(bold=True, colour="C00000", break_before=True))),
    Column("Where it stands", 3.0, (BOLD, Look(break_before=True))),
)
FIGURE_COLUMNS = (
    Column("Measure", 4.8),
    Column("This time", 2.8),
    Column("Before", 2.8),
    Column("Period", 2.8),
    Column("Note", 3.8),
)


def pack_document(meeting: Meeting, open_actions: Sequence[ActionRow], as_of: dt.date) -> bytes:
    """The meeting pack of `meeting` as the bytes of a .docx file; `open_actions` are the
    panel's open actions as of `as_of` (queries.actions.all_actions)."""
    from wardpanel.queries.papers import figures_of, recommendations_up_to

    panel = meeting.panel
    draft = meeting.status != "approved"
    doc = WordDocument()
    doc.set_header(
        [Span(panel.name, BOLD), f"  ·  Meeting pack  ·  after {long_date(meeting.date)}"],
        Span("Minutes not yet approved", RED_BOLD) if draft else "",
    )
    doc.set_page_numbers()
    doc.set_properties(
        title=f"Meeting pack: {panel.name}, after {short_date(meeting.date)}",
        subject="Papers for the next meeting",
        keywords=", ".join(part for part in (panel.name, panel.ward, panel.borough) if part),
    )
    doc.heading(f"{panel.name}: meeting pack", 0)
    doc.paragraph(
        f"Papers for the panel's next meeting, following the meeting of "
        f"{long_date(meeting.date)}. Produced {long_date(as_of)}.",
        space_after_pt=6,
    )
    doc.paragraph(Span("Contents", BOLD), keep_with_next=True, space_after_pt=2)
    for number, part in enumerate(PARTS, start=1):
        doc.paragraph(f"{number}. {part}", indent_cm=0.6, space_after_pt=0)

    doc.new_section(landscape=False)
    doc.heading(f"1. Minutes of the meeting of {long_date(meeting.date)}", 1)
    writer = MinutesWriter(meeting, initials=False, doc=doc)
    doc.heading_shift = 1
    writer.body(draft, titled=False)
    doc.heading_shift = 0

    doc.new_section(landscape=True)
    action_update(doc, open_actions, as_of)

    doc.new_section(landscape=False)
    doc.heading("3. Recommendations", 1)
    recommendations = recommendations_up_to(meeting)
    if recommendations:
        rows = list(recommendation_rows(recommendations, as_of))
        doc.table(
            fitted(RECOMMENDATION_COLUMNS, rows, text_width_cm(doc)),
            rows,
            caption="Recommendations made by the panel",
        )
    else:
        doc.paragraph(Span("No recommendations made.", NONE_RECORDED.look))

    doc.heading("4. Figures", 1)
    figures = figures_of(meeting.id)
    if figures:
        doc.table(
            FIGURE_COLUMNS,
            figure_rows(figures),
            caption=f"Figures reported on {long_date(meeting.date)}",
        )
    else:
        doc.paragraph(Span("No figures reported at this meeting.", NONE_RECORDED.look))
    return doc.to_bytes()


def action_update(doc: WordDocument, rows: Sequence[ActionRow], as_of: dt.date) -> None:
    """Part 2: the open actions by organisation and owner, with their counts."""
    doc.heading("2. Action update", 1)
    counts = Counts()
    for row in rows:
        counts.add(row)
    doc.paragraph(
        f"The panel's open actions as of {long_date(as_of)} (overdue: open, with a due date "
        f"before this day): {counts.describe()}.",
        space_after_pt=6,
    )
    if not rows:
        return
    doc.heading_shift = 1
    write_groups(doc, in_list_order(rows, FULL_RECORD), FULL_RECORD)
    doc.heading_shift = 0


def recommendation_rows(
    recommendations: Sequence[Recommendation], as_of: dt.date
) -> Iterator[tuple[str, ...]]:
    """One value per slot of RECOMMENDATION_COLUMNS for each recommendation."""
    for rec in recommendations:
        due = rec.response_due_as_said or (short_date(rec.response_due) if rec.response_due else "")
        overdue = recommendation_overdue(rec.status, rec.response_due, as_of)
        to = rec.to_organisation.name if rec.to_organisation else "Not named"
        yield (
            short_date(rec.meeting.date),
            rec.text,
            to,
            due or "None set",
            OVERDUE if overdue else "",
            status_words(rec.status),
            rec.response,
        )


def figure_rows(figures: Sequence[Figure]) -> Iterator[tuple[str, ...]]:
    """One value per slot of FIGURE_COLUMNS for each figure."""
    for figure in figures:
        unit = f" {figure.unit}" if figure.unit else ""
        yield (
            figure.category,
            f"{figure.value}{unit}",
            f"{figure.previous}{unit}" if figure.previous else "",
            figure.period,
            figure.note,
        )
