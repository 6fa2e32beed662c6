"""The follow-up action list: every chosen action by organisation, then owner.

For each group the counts of open, overdue and done actions; for each action its
reference, text, due date with an OVERDUE mark (judged on the list's "as of" day),
status, the meeting that raised it and its latest update. Landscape A4, so the
table has room for the long texts officers write.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterator
from dataclasses import dataclass
from itertools import groupby

from wardpanel.exporting.minutes import ANONYMOUS, action_ref, long_date, short_date
from wardpanel.exporting.selection import ActionFilter, ActionRow
from wardpanel.exporting.worddoc import BOLD, ITALIC, PLAIN, Column, Look, Span, WordDocument

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

    def add(self, row: ActionRow, as_of: dt.date) -> None:
        self.total += 1
        if row.is_open:
            self.open += 1
            if row.is_overdue(as_of):
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


def _order(row: ActionRow) -> tuple:
    return (
        _text_key(row.organisation),
        _text_key(row.owner),
        row.owner_id or 0,
        row.asked_anonymously_by_owner,
        row.due is None,
        row.due or dt.date.min,
        row.id,
    )


def owner_name(row: ActionRow) -> str:
    """The owner's heading: an anonymous asker who owns the action stays "A resident"."""
    if row.owner is None:
        return NO_OWNER
    return ANONYMOUS if row.asked_anonymously_by_owner else row.owner


def _status_words(status: str) -> str:
    return status.replace("_", " ").capitalize()


def table_rows(rows: list[ActionRow], as_of: dt.date) -> Iterator[tuple[str, ...]]:
    """One value per table slot (see COLUMNS) for each action."""
    for row in rows:
        if row.latest_date is None:
            latest = "No update yet."
        else:
            changed = (row.latest_status or "").replace("_", " ")
            said = row.latest_text or f"Status changed to {changed}."
            latest = f"{short_date(row.latest_date)}: {said}"
        yield (
            action_ref(row.id),
            row.text,
            short_date(row.due) if row.due else "None set",
            OVERDUE if row.is_overdue(as_of) else "",
            _status_words(row.status),
            row.panel,
            short_date(row.meeting_date),
            latest,
        )


def action_list_document(rows: list[ActionRow], filters: ActionFilter, as_of: dt.date) -> bytes:
    """The follow-up list of `rows` (already filtered) as the bytes of a .docx file."""
    rows = sorted(rows, key=_order)
    doc = WordDocument(landscape=True)
    scope = filters.panel or "All panels"
    doc.set_header(
        [Span("Follow-up action list", BOLD), f"  ·  {scope}  ·  as of {short_date(as_of)}"]
    )
    doc.set_page_numbers()
    doc.set_properties(
        title=f"Follow-up action list as of {as_of.isoformat()}",
        subject=f"Filters: {filters.describe()}",
        keywords="actions, follow-up",
    )
    totals = Counts()
    for row in rows:
        totals.add(row, as_of)
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
            counts.add(row, as_of)
        doc.heading(organisation or NO_ORGANISATION, 1)
        doc.paragraph(Span(counts.describe(), ITALIC), keep_with_next=True, space_after_pt=4)
        for _, owned in groupby(members, key=lambda r: (r.owner_id, r.asked_anonymously_by_owner)):
            owned_rows = list(owned)
            owner_counts = Counts()
            for row in owned_rows:
                owner_counts.add(row, as_of)
            doc.heading(owner_name(owned_rows[0]), 2)
            doc.paragraph(
                Span(owner_counts.describe(), ITALIC), keep_with_next=True, space_after_pt=4
            )
            doc.table(COLUMNS, table_rows(owned_rows, as_of), font_pt=9.5)
    return doc.to_bytes()
