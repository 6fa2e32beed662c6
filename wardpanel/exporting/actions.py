"""The follow-up action list: every chosen action by organisation, then owner.

For each group the counts ("5 actions: 3 open (2 overdue), 2 done") and its actions
overdue first, then open, then done, each by due date; for each action its
reference, text, due date with an OVERDUE mark (judged on the list's "as of" day),
status, the meeting that raised it and its latest update. Landscape A4, so the
table has room for the long texts officers write.
"""

from __future__ import annotations

import dataclasses
import datetime as dt
from collections.abc import Callable, Iterator, Sequence
from dataclasses import dataclass
from itertools import groupby, islice

from wardpanel.core.people import FULL_RECORD, Naming
from wardpanel.core.words import (
    long_date,
    plural,
    response_due_words,
    short_date,
    status_lower,
    status_words,
    was_due,
)
from wardpanel.exporting.titles import RECORD_MARK
from wardpanel.exporting.widths import ROWS_LOOKED_AT, fitted, text_width_cm
from wardpanel.exporting.worddoc import BOLD, PLAIN, Column, Look, Span, WordDocument
from wardpanel.queries.actions import ActionFilter, ActionRow
from wardpanel.queries.people import text_names_across
from wardpanel.queries.recommendations import RecommendationOnDay

NO_ORGANISATION = "No organisation"
NO_OWNER = "No owner named"
OVERDUE = "OVERDUE"
LABEL_WIDTH_CM = 2.8  # "Produced" in bold 12 pt, with room before its value

COLUMNS = (
    Column("Ref", 1.4),
    Column("Action", 8.6),
    Column("Due", 2.6, (PLAIN, Look(bold=True, colour="C00000", break_before=True))),
    Column("Status", 2.2),
    Column("Raised at", 3.9, (PLAIN, Look(break_before=True))),
    Column("Latest update", 7.0),
)


@dataclass
class Counts:
    """How many actions of a group are open (overdue among them), done and dropped."""

    open: int = 0
    overdue: int = 0
    done: int = 0
    dropped: int = 0
    total: int = 0

    def add(self, row: ActionRow) -> None:
        self.total += 1
        if row.is_open:
            self.open += 1
            if row.overdue:
                self.overdue += 1
        elif row.status == "done":
            self.done += 1
        elif row.status == "dropped":
            self.dropped += 1

    def describe(self) -> str:
        """'5 actions: 3 open (2 overdue), 2 done': the parts add up to the whole."""
        parts = [f"{self.open:,} open" + (f" ({self.overdue:,} overdue)" if self.overdue else "")]
        parts.append(f"{self.done:,} done")
        if self.dropped:
            parts.append(f"{self.dropped:,} dropped")
        return f"{plural(self.total, 'action')}: {', '.join(parts)}"


def standing_order(row: ActionRow) -> int:
    """Overdue first, then open, then done, then dropped: what needs chasing leads."""
    if row.is_open:
        return 0 if row.overdue else 1
    return 2 if row.status == "done" else 3


def _text_key(value: str | None) -> tuple[bool, str]:
    # Named groups alphabetically, whatever the case; the unnamed group last.
    return (value is None, (value or "").casefold())


def table_rows(
    rows: list[ActionRow], typed: Callable[[str], str] = str
) -> Iterator[tuple[str, ...]]:
    """One value per table slot (see COLUMNS) for each action; typed text goes through
    `typed` (residents' names printed as the document prints them)."""
    for row in rows:
        if row.latest_date is None:
            latest = "No update yet."
        else:
            said = typed(row.latest_text) or (
                f"Status changed to {status_lower(row.latest_status)}."
            )
            latest = f"{short_date(row.latest_date)}: {said}"
        yield (
            row.ref,
            typed(row.text),
            (short_date(row.due) + was_due(row.agreed_due, row.due)) if row.due else "None set",
            OVERDUE if row.overdue else "",
            status_words(row.status),
            row.panel,
            short_date(row.meeting_date),
            latest,
        )


def action_list_document(
    rows: Sequence[ActionRow],
    filters: ActionFilter,
    naming: Naming = FULL_RECORD,
    awaiting: Sequence[RecommendationOnDay] = (),
    *,
    record: bool = False,
) -> bytes:
    """The follow-up list of `rows` (already filtered) as the bytes of a .docx file,
    owners named as `naming` says, then the recommendations `awaiting` a response;
    `record` marks every page as the panel's record."""
    as_of = filters.day()
    if not naming.record:
        rows = [row for row in rows if not row.internal]  # internal items stay in the record
    meetings = {row.meeting_id for row in rows}
    meetings |= {found.recommendation.meeting_id for found in awaiting}
    typed = text_names_across(naming, meetings)
    if filters.owner and not naming.record:
        # The owner asked for is printed as the list prints them, never as typed.
        shown = rows[0].owner_name(naming) if rows else "the owner asked for"
        filters = dataclasses.replace(filters, owner=shown)

    rows = in_list_order(rows, naming)
    doc = WordDocument(landscape=True)
    scope = filters.panel or "All panels"
    doc.set_header(
        [Span("Follow-up action list", BOLD), f"  ·  {scope}  ·  as of {short_date(as_of)}"],
        Span(RECORD_MARK, Look(bold=True, colour="C00000")) if record else "",
    )
    doc.set_page_numbers()
    doc.set_properties(
        title=f"Follow-up action list as of {as_of.isoformat()}",
        subject=f"Filters: {filters.describe()}",
        keywords="actions, follow-up",
    )
    totals = Counts()
    for row in rows:
        totals.add(row)
    doc.heading("Follow-up action list", 0)
    produced = dt.datetime.now()
    details = (
        ("As of", f"{long_date(as_of)} (overdue: open, with a due date before this day)"),
        ("Filters", filters.describe()),
        ("Actions", totals.describe()),
        ("Produced", f"{long_date(produced.date())} at {produced:%H:%M}"),
    )
    for label, value in details:
        doc.paragraph(
            [Span(label, BOLD), "\t", value],
            hanging_cm=LABEL_WIDTH_CM,
            tab_cm=LABEL_WIDTH_CM,
            space_after_pt=2,
        )
    if awaiting:
        late = sum(1 for found in awaiting if found.overdue)
        doc.paragraph(
            [
                Span("Recommendations", BOLD),
                "\t",
                f"{len(awaiting)} awaiting a response, {late} overdue",
            ],
            hanging_cm=LABEL_WIDTH_CM,
            tab_cm=LABEL_WIDTH_CM,
            space_after_pt=2,
        )
    if not rows:
        doc.paragraph("No actions match these filters.", space_before_pt=12)
    else:
        write_groups(doc, rows, naming, typed)
    if awaiting:
        recommendations_awaiting(doc, awaiting, typed)
    return doc.to_bytes()


def in_list_order(rows: Sequence[ActionRow], naming: Naming) -> list[ActionRow]:
    """By organisation, then owner (named ones alphabetically, the unnamed last), then
    overdue, open, done and dropped, each by due date."""

    def order(row: ActionRow) -> tuple:
        return (
            _text_key(row.organisation),
            _text_key(row.owner_name(naming)),
            row.owner_id or 0,
            row.owner_anonymous,
            standing_order(row),
            row.due is None,
            row.due or dt.date.min,
            row.id,
        )

    return sorted(rows, key=order)


def write_groups(
    doc: WordDocument,
    rows: Sequence[ActionRow],
    naming: Naming,
    typed: Callable[[str], str] = str,
) -> None:
    """The list's body: `rows` (in list order) by organisation (Heading 1) and owner
    (Heading 2), each with its counts and a table of its actions; typed text goes through
    `typed` (residents' names printed as the document prints them)."""

    def owner(row: ActionRow) -> str:
        return row.owner_name(naming) or NO_OWNER

    # One set of widths for every table of the list, so the columns line up.
    sample = list(table_rows(list(islice(rows, ROWS_LOOKED_AT)), typed))
    columns = fitted(COLUMNS, sample, text_width_cm(doc))
    for organisation, in_organisation in groupby(rows, key=lambda r: r.organisation):
        members = list(in_organisation)
        counts = Counts()
        for row in members:
            counts.add(row)
        doc.heading(organisation or NO_ORGANISATION, 1)
        doc.paragraph(counts.describe(), keep_with_next=True, space_after_pt=4)
        for _, owned in groupby(members, key=lambda r: (r.owner_id, r.owner_anonymous)):
            owned_rows = list(owned)
            owner_counts = Counts()
            for row in owned_rows:
                owner_counts.add(row)
            doc.heading(owner(owned_rows[0]), 2)
            doc.paragraph(owner_counts.describe(), keep_with_next=True, space_after_pt=4)
            doc.table(
                columns,
                table_rows(owned_rows, typed),
                caption=f"Actions of {owner(owned_rows[0])}",
            )


RECOMMENDATION_COLUMNS = (
    Column("Recommendation", 10.6, (PLAIN, Look(colour="595959"))),
    Column("Put to", 4.0),
    Column("Made at", 4.2, (PLAIN, Look(break_before=True))),
    Column("Response due", 3.6, (PLAIN, Look(bold=True, colour="C00000", break_before=True))),
    Column("Latest", 3.3),
)


def recommendations_awaiting(
    doc: WordDocument,
    awaiting: Sequence[RecommendationOnDay],
    typed: Callable[[str], str] = str,
) -> None:
    """Recommendations put to organisations and still awaiting their response: not
    actions anyone agreed, so listed apart, each overdue after its response date; typed
    text goes through `typed` (residents' names printed as the document prints them)."""
    doc.heading("Recommendations awaiting a response", 1)
    doc.paragraph(
        "Put to the organisation for its response; not actions it agreed to.",
        keep_with_next=True,
        space_after_pt=4,
    )
    rows = []
    for found in awaiting:
        item = found.recommendation
        latest = found.latest
        from_body = " ".join(item.from_body.split())
        rows.append(
            (
                typed(item.text),
                f"\nFrom {typed(from_body)}" if from_body else "",
                found.to or NO_ORGANISATION,
                found.panel,
                short_date(found.meeting_date),
                response_due_words(item.response_due_as_said, item.response_due) or "None set",
                OVERDUE if found.overdue else "",
                f"{short_date(latest.date)}: {typed(latest.text)}" if latest else "No update yet.",
            )
        )
    doc.table(
        fitted(RECOMMENDATION_COLUMNS, rows, text_width_cm(doc)),
        rows,
        caption="Recommendations awaiting a response",
    )
