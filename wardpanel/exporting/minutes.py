"""A meeting's minutes as a Word document, in the order a ward panel reads them.

Title block; Present (by organisation, residents last); Apologies; Absent (with the
reason given); Matters arising; Notes and police update; Questions and responses;
Actions agreed; Priorities; Date of next meeting.

Two rules about people hold everywhere in the document, properties included: an
anonymous asker is "A resident" and their stored name is never written; with
`initials`, residents (people with no organisation) appear by their initials.
"""

from __future__ import annotations

from collections.abc import Iterable, Sequence

from wardpanel import queries
from wardpanel.core.models import (
    EXPECTED,
    Action,
    Attendance,
    Meeting,
    Response,
)
from wardpanel.core.people import ANONYMOUS, Naming
from wardpanel.core.words import action_ref, long_date, short_date, status_words
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
from wardpanel.queries.people import naming_for, someone

RESIDENTS = "Residents"
NONE_RECORDED = Span("None recorded.", Look(colour="595959"))
RED_BOLD = Look(bold=True, colour="C00000")
LABEL_WIDTH_CM = 2.2
RESPONSE_INDENT_CM = 0.6
TOPIC_FROM_TEXT = 70


def by_organisation(entries: Iterable[Attendance]) -> list[tuple[str, list[Attendance]]]:
    """Entries grouped by organisation in the order first met, residents last."""
    groups: dict[str, list[Attendance]] = {}
    residents: list[Attendance] = []
    for entry in entries:
        organisation = entry.person.organisation
        if organisation is None:
            residents.append(entry)
        else:
            groups.setdefault(organisation.name, []).append(entry)
    ordered = list(groups.items())
    if residents:
        ordered.append((RESIDENTS, residents))
    return ordered


def topic_of(question_text: str, topic: str) -> str:
    """A question's heading: its topic, else the start of its text."""
    if topic:
        return topic
    first = " ".join(question_text.split())
    if len(first) <= TOPIC_FROM_TEXT:
        return first or "Question"
    return first[:TOPIC_FROM_TEXT].rsplit(" ", 1)[0] + "…"


class MinutesWriter:
    """Writes one meeting's minutes, section by section, into a WordDocument."""

    def __init__(
        self, meeting: Meeting, *, initials: bool, doc: WordDocument | None = None
    ) -> None:
        self.meeting = meeting
        self.panel = meeting.panel
        self.attendance = [a for a in queries.attendance_of(meeting.id) if a.status != EXPECTED]
        self.questions = queries.questions_of(meeting.id)
        self.actions = queries.actions_of(meeting.id)
        self.matters = queries.matters_arising(meeting)
        # Whoever asked anonymously here, or at the meeting that agreed a matter arising,
        # is "A resident" for everything of that meeting (core.people).
        earlier = naming_for(
            [meeting.id, *(m.action.meeting_id for m in self.matters)],
            residents="initials" if initials else "named",
        )
        self.naming = Naming(
            residents=earlier.residents, hidden=earlier.hidden, chair=meeting.chair
        )
        self.doc = doc or WordDocument()

    def write(self) -> bytes:
        meeting, doc = self.meeting, self.doc
        draft = meeting.status != "approved"
        doc.set_header(
            [Span(self.panel.name, BOLD), f"  ·  Minutes of {long_date(meeting.date)}"],
            Span("Draft: not yet approved", Look(bold=True, colour="C00000")) if draft else "",
        )
        doc.set_page_numbers()
        doc.set_properties(
            title=f"Minutes: {self.panel.name}, {short_date(meeting.date)}",
            subject=meeting.title,
            keywords=", ".join(
                part for part in (self.panel.name, self.panel.ward, self.panel.borough) if part
            ),
        )
        self.body(draft)
        return doc.to_bytes()

    def body(self, draft: bool, *, titled: bool = True) -> None:
        """Everything under the header: the title block and every section (`titled`:
        with the panel's name as the document's title)."""
        self.title_block(draft, titled=titled)
        self.attendance_sections()
        self.matters_arising()
        self.notes()
        self.questions_and_responses()
        self.actions_agreed()
        self.priorities()
        self.next_meeting()

    # -- sections ----------------------------------------------------------------------

    def title_block(self, draft: bool, *, titled: bool = True) -> None:
        meeting, doc = self.meeting, self.doc
        if titled:
            doc.heading(self.panel.name, 0)
            doc.paragraph(
                Span(f"{meeting.title}: minutes", Look(bold=True, size_pt=14, colour="17365D")),
                space_after_pt=8,
            )
        details = [
            ("Date", long_date(meeting.date)),
            ("Time", meeting.start),
            ("Venue", meeting.venue),
            ("Chair", meeting.chair),
            ("Status", "Draft, not yet approved" if draft else "Approved"),
        ]
        for label, value in details:
            if value:
                doc.paragraph(
                    [Span(label, BOLD), "\t", value],
                    hanging_cm=LABEL_WIDTH_CM,
                    tab_cm=LABEL_WIDTH_CM,
                    space_after_pt=2,
                )

    def attendance_sections(self) -> None:
        doc = self.doc
        sections = (
            ("Present", "present"),
            ("Apologies", "apologies"),
            ("Absent", "absent"),
        )
        for heading, status in sections:
            doc.heading(heading, 1)
            entries = [a for a in self.attendance if a.status == status]
            if not entries:
                doc.paragraph(NONE_RECORDED)
                continue
            for organisation, members in by_organisation(entries):
                doc.paragraph(organisation, style="Heading2", space_after_pt=0)
                for position, entry in enumerate(members, start=1):
                    doc.bullet(self.attendee(entry, status), keep_with_next=position < len(members))

    def attendee(self, entry: Attendance, status: str) -> list[str | Span]:
        parts: list[str | Span] = [self.naming.with_role(someone(entry.person), self.meeting.id)]
        if status == "absent":
            reason = " ".join(entry.reason.split())
            parts.append(f" (reason given: {reason})" if reason else " (no reason given)")
        return parts

    def matters_arising(self) -> None:
        doc = self.doc
        doc.heading("Matters arising", 1)
        matters = self.matters
        if not matters:
            doc.paragraph(Span("No open actions from earlier meetings.", NONE_RECORDED.look))
            return
        doc.paragraph(
            "Actions from earlier meetings still open on the day of this meeting, and "
            "those completed since the previous meeting, with the latest update known then.",
            keep_with_next=True,
            space_after_pt=6,
        )
        columns = (
            Column("Ref", 1.3),
            Column("Action", 6.2, (PLAIN, Look(colour="595959"))),
            Column("Owner", 3.3, (PLAIN, Look(colour="595959"))),
            Column("Due", 2.2, (PLAIN, RED_BOLD)),
            Column("Status and latest update", 4.0, (BOLD, PLAIN)),
        )
        rows = []
        for matter in matters:
            action = matter.action
            latest = matter.latest
            if latest is not None:
                said = latest.text or f"status changed to {status_words(latest.status).lower()}"
                update = f" {short_date(latest.date)}: {said}"
            else:
                update = " No update recorded."
            rows.append(
                (
                    action.ref,
                    action.text,
                    f"\nRaised {short_date(action.meeting_date)}",
                    action.owner_name(self.naming) or "",
                    ("\n" if action.owner else "") + (action.organisation or ""),
                    short_date(action.due),
                    "\nOVERDUE" if matter.overdue else "",
                    status_words(matter.status) + ".",
                    update,
                )
            )
        doc.table(fitted(columns, rows, text_width_cm(doc)), rows, caption="Matters arising")

    @staticmethod
    def organisation_line(action: Action) -> str:
        if action.organisation is None:
            return ""
        return ("\n" if action.owner_id else "") + action.organisation.name

    def notes(self) -> None:
        doc = self.doc
        doc.heading("Notes and police update", 1)
        notes = queries.notes_of(self.meeting.id)
        if not notes:
            doc.paragraph(NONE_RECORDED)
            return
        for note in notes:
            doc.heading(note.heading or "Note", 2)
            doc.text_block(note.text)

    def questions_and_responses(self) -> None:
        doc = self.doc
        doc.heading("Questions and responses", 1)
        if not self.questions:
            doc.paragraph(NONE_RECORDED)
            return
        raised: dict[int, list[str]] = {}
        for action in self.actions:
            if action.question_id:
                raised.setdefault(action.question_id, []).append(action_ref(action.id, action.ref))
        for number, question in enumerate(self.questions, start=1):
            # The number is part of the text: Word's list numbering would run on
            # across separate lists and renumber when the document is edited.
            doc.heading(f"{number}. {topic_of(question.text, question.topic)}", 2)
            asker = (
                ANONYMOUS
                if question.anonymous
                else self.naming.name(someone(question.asker), self.meeting.id)
            )
            doc.paragraph(
                f"Asked by {asker}" if asker else "Question",
                keep_with_next=True,
                space_after_pt=2,
            )
            doc.text_block(question.text)
            if not question.answers:
                doc.paragraph(Span("No response recorded.", NONE_RECORDED.look))
            for response in question.answers:
                doc.paragraph(
                    self.response_label(response),
                    style="Heading3",
                    space_before_pt=4,
                    space_after_pt=2,
                    indent_cm=RESPONSE_INDENT_CM,
                )
                doc.text_block(response.text, indent_cm=RESPONSE_INDENT_CM)
            if question.id in raised:
                refs = ", ".join(raised[question.id])
                doc.paragraph(
                    [Span("Actions agreed: ", BOLD), refs, " (see Actions agreed)"],
                    indent_cm=RESPONSE_INDENT_CM,
                )

    def response_label(self, response: Response) -> Sequence[str | Span]:
        organisation = response.organisation
        responder = self.naming.with_role(someone(response.responder), self.meeting.id)
        if organisation is not None:
            label: list[str | Span] = [Span(f"Response from {organisation.name}", BOLD)]
            if responder:
                label.append(f" ({responder})")
            return label
        if responder:
            return [Span(f"Response from {responder}", BOLD)]
        return [Span("Response", BOLD)]

    def actions_agreed(self) -> None:
        doc = self.doc
        doc.heading("Actions agreed", 1)
        if not self.actions:
            doc.paragraph(NONE_RECORDED)
            return
        numbers = {q.id: n for n, q in enumerate(self.questions, start=1)}
        columns = (
            Column("Ref", 1.3),
            Column("Action", 7.1, (PLAIN, Look(colour="595959"))),
            Column("Owner", 3.2),
            Column("Organisation", 3.2),
            Column("Due", 2.2),
        )
        rows = [
            (
                action_ref(action.id, action.ref),
                action.text,
                f"\nFrom question {numbers[action.question_id]}"
                if action.question_id in numbers
                else "",
                self.naming.name(someone(action.owner), self.meeting.id),
                action.organisation.name if action.organisation else "",
                short_date(action.due),
            )
            for action in self.actions
        ]
        doc.table(fitted(columns, rows, text_width_cm(doc)), rows, caption="Actions agreed")

    def priorities(self) -> None:
        doc = self.doc
        doc.heading("Priorities", 1)
        entries = queries.priorities_under_review(self.meeting)
        if not entries:
            doc.paragraph(NONE_RECORDED)
            return
        outcomes = {"keep": "kept", "achieved": "achieved", "dropped": "dropped"}
        for entry in entries:
            priority = entry.priority
            parts: list[str | Span] = [" ".join(split_paragraphs(priority.text))]
            notes = []
            if entry.set_here:
                notes.append(f"set at this meeting by the {priority.set_by}")
            if entry.review is not None:
                review = entry.review
                if review.outcome == "replace" and review.replaced_by_id:
                    notes.append(f"replaced by: {review.replaced_by.text}")
                else:
                    notes.append(outcomes.get(review.outcome, review.outcome))
                if review.note:
                    notes.append(" ".join(split_paragraphs(review.note)))
            if notes:
                parts.append(f" ({'; '.join(notes)})")
            doc.bullet(parts)

    def next_meeting(self) -> None:
        doc = self.doc
        doc.heading("Date of next meeting", 1)
        day = self.meeting.next_meeting
        doc.paragraph(long_date(day) if day else "To be confirmed.")


def minutes_document(meeting: Meeting, *, initials: bool = False) -> bytes:
    """The minutes of `meeting` (its panel loaded) as the bytes of a .docx file."""
    return MinutesWriter(meeting, initials=initials).write()
