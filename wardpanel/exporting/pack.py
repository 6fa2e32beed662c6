"""The meeting pack: one document for the next meeting's papers.

1. the minutes of the meeting (with the priorities it reviewed), ready to be agreed;
2. the action update: the panel's open actions as they stand today, by organisation
   and owner, overdue ones first (in a landscape section, as in the action list);
3. the recommendations the panel has made up to the meeting, with where each stands;
4. the figures reported at the meeting;
5. the priorities the next meeting reviews, with the actions reported against them
   since this one.

Each part starts on a new page under a Heading 1; the parts' own headings sit one
level below it, so the navigation pane shows the pack as one outline.
"""

from __future__ import annotations

import dataclasses
import datetime as dt
from collections.abc import Callable, Sequence

from wardpanel.core.models import Meeting
from wardpanel.core.people import Naming
from wardpanel.core.words import long_date, short_date
from wardpanel.exporting.actions import Counts, in_list_order, write_groups
from wardpanel.exporting.commitments import (
    figures_table,
    one_line,
    recommendations_table,
    write_priority_actions,
)
from wardpanel.exporting.minutes import NONE_RECORDED, RED_BOLD, MinutesWriter
from wardpanel.exporting.titles import RECORD_MARK
from wardpanel.exporting.worddoc import BOLD, Span, WordDocument
from wardpanel.queries.actions import ActionRow
from wardpanel.queries.figures import figures_of
from wardpanel.queries.people import text_names_across
from wardpanel.queries.priorities import priorities_under_review, reported_actions
from wardpanel.queries.recommendations import recommendations_on

PARTS = ("Minutes", "Action update", "Recommendations", "Figures", "Priorities under review")


def pack_document(
    meeting: Meeting,
    open_actions: Sequence[ActionRow],
    as_of: dt.date,
    *,
    residents: str,
    record: bool = False,
) -> bytes:
    """The meeting pack of `meeting` as the bytes of a .docx file; `open_actions` are the
    panel's open actions as of `as_of` (queries.actions.all_actions). People are printed
    as the published minutes print them (`residents`), or named in the full `record`."""
    panel = meeting.panel
    draft = meeting.status != "approved"
    doc = WordDocument()
    marks = [RECORD_MARK] if record else []
    if draft:
        marks.append("Minutes not yet approved")
    doc.set_header(
        [Span(panel.name, BOLD), f"  ·  Meeting pack  ·  after {long_date(meeting.date)}"],
        Span(" · ".join(marks), RED_BOLD) if marks else "",
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
    writer = MinutesWriter(meeting, residents=residents, record=record, doc=doc)
    doc.heading_shift = 1
    writer.body(draft, in_pack=True)
    doc.heading_shift = 0

    # The action update and the recommendations reach back to earlier meetings: a
    # resident anonymous at any of them is "A resident" wherever their name was typed.
    naming = Naming(residents=residents, record=record)
    if not record:
        open_actions = [row for row in open_actions if not row.internal]
    made = recommendations_on(as_of, panel_ids=[meeting.panel_id], raised_by=meeting.date)
    meetings = {row.meeting_id for row in open_actions}
    meetings |= {found.recommendation.meeting_id for found in made}
    typed = text_names_across(naming, meetings)

    doc.new_section(landscape=True)
    action_update(doc, open_actions, as_of, naming, typed)

    doc.new_section(landscape=False)
    doc.heading("3. Recommendations", 1)
    if made:
        doc.paragraph(
            f"Every recommendation the panel has made, where each stood on {long_date(as_of)}. "
            "A recommendation is not an action agreed: the organisation decides whether to "
            "accept it.",
            space_after_pt=6,
        )
        recommendations_table(doc, made, typed, dated=True)
    else:
        doc.paragraph(Span("No recommendations made.", NONE_RECORDED.look))

    doc.heading("4. Figures", 1)
    figures = figures_of(meeting)
    if figures:
        figures_table(doc, figures, typed)
    else:
        doc.paragraph(Span("No figures reported at this meeting.", NONE_RECORDED.look))

    priorities_for_review(doc, meeting, as_of, naming, typed)
    return doc.to_bytes()


def priorities_for_review(
    doc: WordDocument,
    meeting: Meeting,
    as_of: dt.date,
    naming: Naming,
    typed: Callable[[str], str],
) -> None:
    """Part 5: the priorities the next meeting reviews (those still active after this
    one), each with its lead, measure and review date and the actions reported against
    it since this meeting, as they stand on `as_of`."""
    doc.heading("5. Priorities under review", 1)
    still = [
        entry
        for entry in priorities_under_review(meeting)
        if (entry.review.outcome == "keep" if entry.review else entry.priority.status == "active")
    ]
    if not still:
        doc.paragraph(Span("No priority is active after this meeting.", NONE_RECORDED.look))
        return
    reported = reported_actions([entry.priority.id for entry in still], as_of)
    for entry in still:
        doc.bullet(typed(one_line(entry.priority.text)), keep_with_next=True)
        # Reported since this meeting, which reviewed (or set) it last.
        later = dataclasses.replace(
            entry,
            earlier_reviews=entry.reviews,
            review=None,
            set_at=meeting if entry.set_here else entry.set_at,
            actions=tuple(reported[entry.priority.id]),
        )
        write_priority_actions(doc, later, naming, typed)


def action_update(
    doc: WordDocument,
    rows: Sequence[ActionRow],
    as_of: dt.date,
    naming: Naming,
    typed: Callable[[str], str] = str,
) -> None:
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
    write_groups(doc, in_list_order(rows, naming), naming, typed)
    doc.heading_shift = 0
