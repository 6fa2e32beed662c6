"""A panel's attendance record as a Word document, officers first, residents after.

Title block (panel, period, meetings); a summary table of each organisation's totals;
then a section per organisation with a table of its people: role, meetings expected,
present, apologies, absent (and not recorded, when any entry was never marked), and
the reasons given for each absence. Counts, not percentages: over three meetings,
"absent 2" of "expected 3" says more than "67 %". Someone who has asked a question
anonymously is "A resident" (see wardpanel.reports), here as everywhere.
"""

from __future__ import annotations

from collections.abc import Callable

from wardpanel.core.words import ABSENCE_WORDS, period_words, short_date
from wardpanel.exporting.minutes import NONE_RECORDED, RED_BOLD
from wardpanel.exporting.titles import (
    GREY,
    RECORD_MARK,
    meetings_line,
    panel_keywords,
    produced_now,
    title_block,
)
from wardpanel.exporting.widths import text_width_cm
from wardpanel.exporting.worddoc import BOLD, PLAIN, Column, Look, Span, WordDocument
from wardpanel.reports import (
    AttendanceRecord,
    Counts,
    OrganisationAttendance,
    PersonAttendance,
)

NO_REASON = "no reason given"
REASONS_WIDTH_CM = 8.0
PEOPLE_WIDTH_CM = 2.2
ORGANISATION_WIDTH_CM = 8.0
EXPLANATION = (
    "Expected: the meetings at which the person was on the list. Present, apologies and "
    "absent count those meetings as the chair marked them; each absence is listed with "
    "the reason given."
)
NOT_RECORDED_EXPLANATION = (
    " Not recorded: carried over from the previous meeting's list and never marked, so "
    "neither attendance nor absence is claimed."
)


class AttendanceWriter:
    """Writes one attendance record into a WordDocument."""

    def __init__(
        self,
        record: AttendanceRecord,
        *,
        full_record: bool = False,
        typed: Callable[[str], str] = str,
    ) -> None:
        self.record = record
        self.full_record = full_record
        self.typed = typed  # reasons as typed, residents' names printed as the record does
        # Landscape, like the action list: names, roles and reasons need the width.
        self.doc = WordDocument(landscape=True)
        # The "not recorded" column appears only when some entry was never marked.
        self.with_not_recorded = record.totals.not_recorded > 0

    def write(self) -> bytes:
        record, doc = self.record, self.doc
        panel = record.panel
        period = period_words(record.date_from, record.date_to)
        doc.set_header(
            [Span(panel.name, BOLD), f"  ·  Attendance record  ·  {period}"],
            Span(RECORD_MARK, Look(bold=True, colour="C00000")) if self.full_record else "",
        )
        doc.set_page_numbers()
        doc.set_properties(
            title=f"Attendance record: {panel.name}, {period}",
            subject="Attendance record",
            keywords=panel_keywords(panel),
        )
        title_block(
            doc,
            panel.name,
            "Attendance record",
            [
                ("Period", period),
                ("Meetings", meetings_line(record.meetings)),
                ("Produced", produced_now()),
            ],
        )
        if not record.organisations:
            doc.paragraph(
                Span("No attendance was recorded in this period.", NONE_RECORDED.look),
                space_before_pt=12,
            )
            return doc.to_bytes()
        explanation = EXPLANATION + (NOT_RECORDED_EXPLANATION if self.with_not_recorded else "")
        doc.paragraph(Span(explanation, GREY), space_before_pt=6)
        self.summary()
        for group in record.organisations:
            self.organisation(group)
        return doc.to_bytes()

    def count_columns(self) -> list[Column]:
        columns = [
            # Wide enough for each heading in bold 11 pt without breaking the word.
            Column("Expected", 2.5),
            Column("Present", 2.3),
            Column("Apologies", 2.6),
            # Two slots: a plain 0, or the number of absences in red.
            Column("Absent", 2.1, (PLAIN, RED_BOLD)),
        ]
        if self.with_not_recorded:
            columns.append(Column("Not recorded", 2.5))
        return columns

    def count_values(self, counts: Counts) -> list[str]:
        values = [
            str(counts.expected),
            str(counts.present),
            str(counts.apologies),
            "" if counts.absent else "0",
            str(counts.absent) if counts.absent else "",
        ]
        if self.with_not_recorded:
            values.append(str(counts.not_recorded))
        return values

    def summary(self) -> None:
        doc, record = self.doc, self.record
        doc.heading("Summary by organisation", 1)
        counts = self.count_columns()
        # Two slots in the first column: plain for an organisation, bold for the total.
        columns = [
            Column("Organisation", ORGANISATION_WIDTH_CM, (PLAIN, BOLD)),
            Column("People", PEOPLE_WIDTH_CM),
            *counts,
        ]
        rows = [
            [group.name, "", str(len(group.people)), *self.count_values(group.totals)]
            for group in record.organisations
        ]
        everyone = sum(len(group.people) for group in record.organisations)
        rows.append(["", "All", str(everyone), *self.count_values(record.totals)])
        doc.table(columns, rows)
        by_kind = [(group.name, absence_kinds(group.totals)) for group in record.organisations]
        by_kind = [(name, kinds) for name, kinds in by_kind if kinds]
        if by_kind:
            doc.heading("Absences by kind", 2)
            for name, kinds in by_kind:
                doc.bullet([Span(f"{name}: ", BOLD), kinds])

    def organisation(self, group: OrganisationAttendance) -> None:
        doc = self.doc
        doc.heading(group.name, 1)
        totals = group.totals
        noun = "person" if len(group.people) == 1 else "people"
        line = (
            f"{len(group.people)} {noun}; {totals.expected} expected: {totals.present} present, "
            f"{totals.apologies} apologies, {totals.absent} absent"
        )
        if self.with_not_recorded:
            line += f", {totals.not_recorded} not recorded"
        kinds = absence_kinds(totals)
        if kinds:
            line += f". Absences by kind: {kinds}"
        doc.paragraph(line + ".", keep_with_next=True, space_after_pt=4)
        counts = self.count_columns()
        rest = text_width_cm(doc) - REASONS_WIDTH_CM - sum(c.width_cm for c in counts)
        columns = [
            Column("Person", round(rest * 0.55, 2)),
            Column("Role", round(rest * 0.45, 2)),
            *counts,
            Column("Reasons given for absence and apologies", REASONS_WIDTH_CM),
        ]
        doc.table(columns, (self.person_row(person) for person in group.people))

    def person_row(self, person: PersonAttendance) -> list[str]:
        reasons = "\n".join(
            f"{short_date(mark.meeting.date)}, {mark.status}: "
            f"{self.typed(' '.join(mark.reason.split())) or NO_REASON}"
            for mark in person.reasons_given
        )
        return [person.name, person.role, *self.count_values(person.counts), reasons]


def absence_kinds(counts: Counts) -> str:
    """'abstracted to other duties 3, training 1, kind not recorded 2': the absences
    counted by kind, most first; "" when none had a kind recorded."""
    if not any(kind for kind in counts.absent_by_kind):
        return ""
    ordered = sorted(counts.absent_by_kind.items(), key=lambda item: (-item[1], item[0] == ""))
    return ", ".join(
        f"{ABSENCE_WORDS.get(kind, kind) if kind else 'kind not recorded'} {count}"
        for kind, count in ordered
    )


def attendance_document(
    attendance: AttendanceRecord, *, record: bool = False, typed: Callable[[str], str] = str
) -> bytes:
    """The attendance record as the bytes of a .docx file; `record` marks every page as
    the panel's full record; reasons as typed go through `typed`."""
    return AttendanceWriter(attendance, full_record=record, typed=typed).write()
