"""A meeting's minutes as a Word document, in the order a ward panel reads them.

Title block; Present (by organisation, residents last); Apologies; Absent (with the
reason given); Matters arising; Notes and police update; Questions and responses;
Actions agreed; Recommendations (when any were made: never actions agreed); Priorities,
each with the actions reported against it since its last review; Figures (when any
were reported); Date of next meeting.

Published minutes (the default) print people as core.people.Naming says for the
panel's choice (`residents`: named, initials or withheld), everywhere in the document,
properties and typed text included: an anonymous asker is "A resident", and a resident
the document does not name is printed the same way where their name was typed in a
note, a question, an answer or an action. Items marked internal and the chair's unfiled
quick-entry lines are left out. The panel's full record (`record`) names every resident
but an anonymous asker, keeps every item, and says on every page that it is not for
publication. Actions agreed are printed as agreed at the meeting, whatever has moved
since.
"""

from __future__ import annotations

from collections.abc import Sequence

from wardpanel import queries
from wardpanel.core.models import (
    EXPECTED,
    UNFILED_HEADING,
    Action,
    Meeting,
    Response,
)
from wardpanel.core.people import ANONYMOUS, Naming, residents_printed
from wardpanel.core.words import (
    action_ref,
    long_date,
    outcome_sentence,
    previous_minutes_sentence,
    short_date,
    status_words,
    was_due,
)
from wardpanel.exporting.attendees import NONE_RECORDED, AttendeeSections
from wardpanel.exporting.commitments import (
    write_figures,
    write_priority_actions,
    write_recommendations,
)
from wardpanel.exporting.titles import RECORD_MARK
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
from wardpanel.queries.people import naming_for, someone, text_names_for

RED_BOLD = Look(bold=True, colour="C00000")
LABEL_WIDTH_CM = 2.2
RESPONSE_INDENT_CM = 0.6
TOPIC_FROM_TEXT = 70


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
        self,
        meeting: Meeting,
        *,
        residents: str,
        record: bool = False,
        doc: WordDocument | None = None,
    ) -> None:
        self.meeting = meeting
        self.panel = meeting.panel
        self.record = record
        self.attendance = [a for a in queries.attendance_of(meeting.id) if a.status != EXPECTED]
        self.questions = [q for q in queries.questions_of(meeting.id) if self.shown(q)]
        self.actions = [a for a in queries.actions_of(meeting.id) if self.shown(a)]
        self.matters = queries.matters_arising(meeting)
        if not record:
            self.matters = [m for m in self.matters if not m.action.internal]
        # Whoever asked anonymously here, or at the meeting that agreed a matter arising,
        # is "A resident" for everything of that meeting (core.people).
        meetings = [meeting.id, *(m.action.meeting_id for m in self.matters)]
        earlier = naming_for(meetings, residents=residents)
        self.naming = Naming(
            residents=earlier.residents, record=record, hidden=earlier.hidden, chair=meeting.chair
        )
        self.names = text_names_for(self.naming, meetings)
        self.doc = doc or WordDocument()

    def shown(self, item: object) -> bool:
        """Whether an item is printed: the record shows all, published minutes none
        marked internal."""
        return self.record or not getattr(item, "internal", False)

    def typed(self, text: str, meeting_id: int | None = None) -> str:
        """Typed text as this document prints it: residents' names as it prints them."""
        names = self.names.get(meeting_id or self.meeting.id)
        return names(text) if names is not None else text

    def write(self) -> bytes:
        meeting, doc = self.meeting, self.doc
        draft = meeting.status != "approved"
        marks = [RECORD_MARK] if self.record else []
        if draft:
            marks.append("Draft: not yet approved")
        doc.set_header(
            [Span(self.panel.name, BOLD), f"  ·  Minutes of {long_date(meeting.date)}"],
            Span(" · ".join(marks), Look(bold=True, colour="C00000")) if marks else "",
        )
        doc.set_page_numbers()
        kind = "Full record" if self.record else "Minutes"
        doc.set_properties(
            title=f"{kind}: {self.panel.name}, {short_date(meeting.date)}",
            subject=meeting.title,
            keywords=", ".join(
                part for part in (self.panel.name, self.panel.ward, self.panel.borough) if part
            ),
        )
        self.body(draft)
        return doc.to_bytes()

    def body(self, draft: bool, *, in_pack: bool = False) -> None:
        """Everything under the header: the title block and every section. In a meeting
        pack, the panel's name is not the document's title, and the recommendations and
        figures are left to the pack's own parts, which show where each stands."""
        titled = not in_pack
        self.title_block(draft, titled=titled)
        self.attendance_sections()
        self.previous_minutes()
        self.matters_arising()
        self.notes()
        self.questions_and_responses()
        self.actions_agreed()
        if not in_pack:
            self.recommendations()
        self.priorities()
        if not in_pack:
            self.figures()
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
            ("Status", "Draft, not yet approved" if draft else self.approval()),
        ]
        if self.record:
            details.append(("Record", "The panel's full record, not for publication"))
        for label, value in details:
            if value:
                doc.paragraph(
                    [Span(label, BOLD), "\t", value],
                    hanging_cm=LABEL_WIDTH_CM,
                    tab_cm=LABEL_WIDTH_CM,
                    space_after_pt=2,
                )

    def approval(self) -> str:
        meeting = self.meeting
        said = "Approved"
        if meeting.approved_on:
            said += f" on {long_date(meeting.approved_on)}"
        if meeting.approved_by:
            said += f" by {meeting.approved_by}"
        return said

    def previous_minutes(self) -> None:
        """Whether this meeting agreed the previous minutes as a correct record."""
        meeting = self.meeting
        if meeting.previous_agreed is None:
            return
        doc = self.doc
        doc.heading("Minutes of the previous meeting", 1)
        said = previous_minutes_sentence(meeting.previous_agreed)
        amendments = self.typed(meeting.previous_amendments.strip())
        doc.paragraph(said + (", with these amendments:" if amendments else "."))
        if amendments:
            doc.text_block(amendments)

    def attendance_sections(self) -> None:
        AttendeeSections(
            self.doc, self.meeting.id, self.attendance, self.naming, self.typed
        ).write()

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
                said = (
                    self.typed(latest.text, action.meeting_id)
                    or f"status changed to {status_words(latest.status).lower()}"
                )
                update = f" {short_date(latest.date)}: {said}"
            else:
                update = " No update recorded."
            rows.append(
                (
                    action.ref,
                    self.typed(action.text, action.meeting_id),
                    f"\nRaised {short_date(action.meeting_date)}",
                    action.owner_name(self.naming) or "",
                    ("\n" if action.owner else "") + (action.organisation or ""),
                    short_date(action.due) + was_due(action.agreed_due, action.due),
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
        notes = [
            note
            for note in queries.notes_of(self.meeting.id)
            if self.record or (not note.internal and note.heading != UNFILED_HEADING)
        ]
        if not notes:
            doc.paragraph(NONE_RECORDED)
            return
        for note in notes:
            doc.heading(self.internal_mark(note.heading or "Note", note), 2)
            doc.text_block(self.typed(note.text))

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
            topic = self.typed(topic_of(question.text, question.topic))
            doc.heading(self.internal_mark(f"{number}. {topic}", question), 2)
            asker = (
                ANONYMOUS
                if question.anonymous
                else self.naming.name(someone(question.asker), self.meeting.id)
            )
            statement = question.kind == "statement"
            if statement:
                said = "Statement from the floor" + (f" by {asker}" if asker else "")
            else:
                said = f"Asked by {asker}" if asker else "Question"
            doc.paragraph(said, keep_with_next=True, space_after_pt=2)
            doc.text_block(self.typed(question.text))
            outcome = outcome_sentence(question.outcome, self.typed(question.referred_to))
            answers = [r for r in question.answers if self.shown(r)]
            if not answers and not statement and not outcome:
                doc.paragraph(Span("No response recorded.", NONE_RECORDED.look))
            for response in answers:
                doc.paragraph(
                    self.response_label(response),
                    style="Heading3",
                    space_before_pt=4,
                    space_after_pt=2,
                    indent_cm=RESPONSE_INDENT_CM,
                )
                doc.text_block(self.typed(response.text), indent_cm=RESPONSE_INDENT_CM)
            if outcome:
                doc.paragraph([Span("Outcome: ", BOLD), outcome], indent_cm=RESPONSE_INDENT_CM)
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

    def internal_mark(self, heading: str, item: object) -> str:
        """In the record, an internal item's heading says so."""
        return f"{heading} (internal)" if getattr(item, "internal", False) else heading

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
        rows = []
        for action in self.actions:
            # As agreed at the meeting: an owner, organisation or date moved since is
            # the follow-up list's news, not the record's.
            owner = action.agreed_owner if action.agreed_owner_id else action.owner
            organisation = (
                action.agreed_organisation if action.agreed_organisation_id else action.organisation
            )
            due = action.agreed_due if action.agreed_due is not None else action.due
            rows.append(
                (
                    action_ref(action.id, action.ref),
                    self.internal_mark(self.typed(action.text), action),
                    f"\nFrom question {numbers[action.question_id]}"
                    if action.question_id in numbers
                    else "",
                    self.naming.name(someone(owner), self.meeting.id),
                    organisation.name if organisation is not None else "",
                    short_date(due),
                )
            )
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
            doc.bullet(parts, keep_with_next=True)
            write_priority_actions(doc, entry, self.naming, self.typed)

    def recommendations(self) -> None:
        write_recommendations(self.doc, self.meeting, self.typed)

    def figures(self) -> None:
        write_figures(self.doc, self.meeting, self.typed)

    def next_meeting(self) -> None:
        doc = self.doc
        doc.heading("Date of next meeting", 1)
        day = self.meeting.next_meeting
        doc.paragraph(long_date(day) if day else "To be confirmed.")


def minutes_document(
    meeting: Meeting, *, residents: str | None = None, record: bool = False
) -> bytes:
    """The minutes of `meeting` (its panel loaded) as the bytes of a .docx file:
    published (residents printed as `residents` says, by default the panel's choice),
    or the panel's full `record`."""
    chosen = residents_printed(residents, meeting.panel.publish_residents)
    return MinutesWriter(meeting, residents=chosen, record=record).write()
