"""The follow-up action list: every chosen action by organisation, then owner.

For each group the counts of open, overdue and done actions; for each action its
reference, text, due date with an OVERDUE mark (judged on the list's "as of" day),
status, the meeting that raised it and its latest update. Landscape A4, so the
table has room for the long texts officers write.
"""

from __future__ import annotations

import dataclasses
import datetime as dt
from collections.abc import Callable, Iterator, Sequence
from dataclasses import dataclass
from itertools import groupby

from wardpanel.core.people import FULL_RECORD, Naming
from wardpanel.core.words import long_date, short_date, status_lower, status_words, was_due
from wardpanel.exporting.titles import RECORD_MARK
from wardpanel.exporting.worddoc import BOLD, ITALIC, PLAIN, Column, Look, Span, WordDocument
from wardpanel.queries.actions import ActionFilter, ActionRow
from wardpanel.queries.people import text_names_across

NO_ORGANISATION = "No organisation"
NO_OWNER = "No owner named"
OVERDUE = "OVERDUE"
LABEL_WIDTH_CM = 2.6

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
        text = f"{self.open} open, {self.overdue} overdue, {self.done} done"
        return text + (f", {self.dropped} dropped" if self.dropped else "")


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
    *,
    record: bool = False,
) -> bytes:
    """The follow-up list of `rows` (already filtered) as the bytes of a .docx file,
    owners named as `naming` says; `record` marks every page as the panel's record."""
    as_of = filters.day()
    if not naming.record:
        rows = [row for row in rows if not row.internal]  # internal items stay in the record
    typed = text_names_across(naming, {row.meeting_id for row in rows})
    if filters.owner and not naming.record:
        # The owner asked for is printed as the list prints them, never as typed.
        shown = rows[0].owner_name(naming) if rows else "the owner asked for"
        filters = dataclasses.replace(filters, owner=shown)

    def owner(row: ActionRow) -> str:
        return row.owner_name(naming) or NO_OWNER

    def order(row: ActionRow) -> tuple:
        return (
            _text_key(row.organisation),
            _text_key(row.owner_name(naming)),
            row.owner_id or 0,
            row.owner_anonymous,
            row.due is None,
            row.due or dt.date.min,
            row.id,
        )

    rows = sorted(rows, key=order)
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
        ("Actions", f"{totals.total}: {totals.describe()}"),
        ("Produced", f"{long_date(produced.date())} at {produced:%H:%M}"),
    )
    for label, value in details:
        doc.paragraph(
            [Span(label, BOLD), "\t", value],
            hanging_cm=LABEL_WIDTH_CM,
            tab_cm=LABEL_WIDTH_CM,
            space_after_pt=2,
        )
    if not rows:
        doc.paragraph(Span("No actions match these filters.", ITALIC), space_before_pt=12)
        return doc.to_bytes()

    for organisation, in_organisation in groupby(rows, key=lambda r: r.organisation):
        members = list(in_organisation)
        counts = Counts()
        for row in members:
            counts.add(row)
        doc.heading(organisation or NO_ORGANISATION, 1)
        doc.paragraph(Span(counts.describe(), ITALIC), keep_with_next=True, space_after_pt=4)
        for _, owned in groupby(members, key=lambda r: (r.owner_id, r.owner_anonymous)):
            owned_rows = list(owned)
            owner_counts = Counts()
            for row in owned_rows:
                owner_counts.add(row)
            doc.heading(owner(owned_rows[0]), 2)
            doc.paragraph(
                Span(owner_counts.describe(), ITALIC), keep_with_next=True, space_after_pt=4
            )
            doc.table(COLUMNS, table_rows(owned_rows, typed), font_pt=9.5)
    return doc.to_bytes()
