"""A meeting's minutes as a Word document, in the order a ward panel reads them.

Title block; Present (by organisation, residents last); Apologies; Absent (with the
reason given); Matters arising; Notes and police update; Questions and responses;
Actions agreed; Priorities; Date of next meeting.

Two rules about people hold everywhere in the document, properties included: an
anonymous asker is "A resident" and their stored name is never written; with
`initials`, residents (people with no organisation) appear by their initials.
"""

from __future__ import annotations

import datetime as dt
import functools
import re
from collections.abc import Iterable, Sequence

from wardpanel import queries
from wardpanel.core.models import (
    EXPECTED,
    OPEN_ACTION_STATUSES,
    Action,
    Attendance,
    Meeting,
    Person,
    Response,
)
from wardpanel.core.people import FULL_RECORD
from wardpanel.core.words import ABSENCE_WORDS
from wardpanel.exporting.worddoc import (
    BOLD,
    ITALIC,
    PLAIN,
    Column,
    Look,
    Span,
    WordDocument,
    split_paragraphs,
)
from wardpanel.queries.people import someone

ANONYMOUS = "A resident"
RESIDENTS = "Residents"
NONE_RECORDED = Span("None recorded.", Look(italic=True, colour="595959"))
RED_BOLD = Look(bold=True, colour="C00000")
LABEL_WIDTH_CM = 2.2
RESPONSE_INDENT_CM = 0.6
TOPIC_FROM_TEXT = 70


def long_date(day: dt.date | None) -> str:
    """'Friday 10 April 2026'."""
    return f"{day:%A} {day.day} {day:%B %Y}" if day else ""


@functools.lru_cache(maxsize=4096)  # a long action list repeats the same few hundred days
def short_date(day: dt.date | None) -> str:
    """'10 Apr 2026'."""
    return f"{day.day} {day:%b %Y}" if day else ""


def action_ref(action_id: int) -> str:
    """An action's reference, the same in minutes, action lists and the app."""
    return f"A{action_id}"


def initials_of(name: str) -> str:
    """'Sandra Miller' -> 'SM'; 'Mary-Jane O'Neil' -> 'MJO'."""
    letters = [match[0] for match in re.findall(r"\w+", name.replace("'", "").replace("’", ""))]
    return "".join(letters).upper() or "?"


class NamePrinter:
    """How each person is written in this document (anonymity, initials)."""

    def __init__(self, *, hidden: set[int], initials: bool) -> None:
        self.hidden = hidden
        self.initials = initials

    def name(self, person: Person | None) -> str:
        """The person as this document names them; "" for nobody."""
        if person is None:
            return ""
        if not person.name:  # an expected post nobody filled, from a meeting file
            return FULL_RECORD.name(someone(person), None)
        if person.id in self.hidden:
            return ANONYMOUS
        if self.initials and person.organisation_id is None:
            return initials_of(person.name)
        return person.name

    def with_role(self, person: Person | None) -> str:
        """'Name, Role' (an anonymous asker never gets a role that could identify them)."""
        if person is None:
            return ""
        name = self.name(person)
        if name == ANONYMOUS or not person.role or not person.name:
            return name
        return f"{name}, {person.role}"

    def chair(self, chair: str) -> str:
        """The chair (free text): by initials too when they are a resident."""
        if not chair or not self.initials:
            return chair
        is_official = (
            Person.select()
            .where(
                Person.name.same_as(chair),
                Person.organisation.is_null(False),
            )
            .exists()
        )
        return chair if is_official else initials_of(chair)


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

    def __init__(self, meeting: Meeting, *, initials: bool) -> None:
        self.meeting = meeting
        self.panel = meeting.panel
        self.attendance = [a for a in queries.attendance_of(meeting.id) if a.status != EXPECTED]
        self.questions = queries.questions_of(meeting.id)
        self.actions = queries.actions_of(meeting.id)
        hidden = {q.asker_id for q in self.questions if q.anonymous and q.asker_id}
        self.names = NamePrinter(hidden=hidden, initials=initials)
        self.doc = WordDocument()

    def write(self) -> bytes:
        meeting, doc = self.meeting, self.doc
        draft = meeting.status != "approved"
        doc.set_header(
            [Span(self.panel.name, BOLD), f"  ·  Minutes of {long_date(meeting.date)}"],
            Span("DRAFT", Look(bold=True, colour="C00000")) if draft else "",
        )
        doc.set_page_numbers()
        doc.set_properties(
            title=f"Minutes: {self.panel.name}, {short_date(meeting.date)}",
            subject=meeting.title,
            keywords=", ".join(
                part for part in (self.panel.name, self.panel.ward, self.panel.borough) if part
            ),
        )
        self.title_block(draft)
        self.attendance_sections()
        self.matters_arising()
        self.notes()
        self.questions_and_responses()
        self.actions_agreed()
        self.priorities()
        self.next_meeting()
        return doc.to_bytes()

    # -- sections ----------------------------------------------------------------------

    def title_block(self, draft: bool) -> None:
        meeting, doc = self.meeting, self.doc
        doc.heading(self.panel.name, 0)
        doc.paragraph(
            Span(f"{meeting.title}: minutes", Look(bold=True, size_pt=14, colour="17365D")),
            space_after_pt=8,
        )
        details = [
            ("Date", long_date(meeting.date)),
            ("Time", meeting.start),
            ("Venue", meeting.venue),
            ("Chair", self.names.chair(meeting.chair)),
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
                doc.paragraph(Span(organisation, BOLD), keep_with_next=True, space_after_pt=0)
                for position, entry in enumerate(members, start=1):
                    doc.bullet(self.attendee(entry, status), keep_with_next=position < len(members))
            if status == "present":
                self.first_timers()

    def attendee(self, entry: Attendance, status: str) -> list[str | Span]:
        """'PC Dan Hill (for Sgt Tom Reid), arrived 19:40'; an absence or apology with
        the reason given and its kind."""
        parts: list[str | Span] = [self.names.with_role(entry.person)]
        if entry.substitute_for_id is not None:
            parts.append(f" (for {self.names.name(entry.substitute_for)})")
        times = [
            f"arrived {entry.arrived}" if entry.arrived else "",
            f"left {entry.departed}" if entry.departed else "",
        ]
        if status == "present" and any(times):
            parts.append(Span(", " + ", ".join(t for t in times if t), ITALIC))
        reason = " ".join(entry.reason.split())
        kind = ABSENCE_WORDS.get(entry.absence_category, "")
        if status == "absent" or reason:
            said = f"reason given: {reason}" if reason else "no reason given"
            if kind and entry.absence_category not in reason.casefold():
                said += f"; {kind}"
            parts.append(Span(f" ({said})", ITALIC))
        return parts

    def first_timers(self) -> None:
        """'First time: Sam Okoro, Ann Lee', under Present, when anyone came first."""
        names = [
            self.names.name(entry.person)
            for entry in self.attendance
            if entry.first_time and entry.status == "present"
        ]
        if names:
            self.doc.paragraph([Span("First time: ", BOLD), ", ".join(names)])

    def matters_arising(self) -> None:
        doc, meeting = self.doc, self.meeting
        doc.heading("Matters arising", 1)
        matters = queries.matters_arising(meeting)
        if not matters:
            doc.paragraph(Span("No open actions from earlier meetings.", NONE_RECORDED.look))
            return
        # The whole history: status_on needs to see changes made after the meeting too.
        history = queries.updates_of(m.action.id for m in matters)
        doc.paragraph(
            "Actions from earlier meetings still open on the day of this meeting, and "
            "those completed since the previous meeting, with the latest update known then.",
            keep_with_next=True,
            space_after_pt=6,
        )
        columns = (
            Column("Ref", 1.3),
            Column("Action", 6.2, (PLAIN, Look(italic=True, colour="595959"))),
            Column("Owner", 3.3, (PLAIN, Look(colour="595959"))),
            Column("Due", 2.2, (PLAIN, RED_BOLD)),
            Column("Status and latest update", 4.0, (BOLD, PLAIN)),
        )
        rows = []
        for matter in matters:
            action = matter.action
            status = queries.status_on(action, history[action.id], meeting.date)
            overdue = (
                status in OPEN_ACTION_STATUSES
                and action.due is not None
                and action.due < meeting.date
            )
            latest = matter.latest
            if latest is not None:
                said = latest.text or f"status changed to {(latest.status or '').replace('_', ' ')}"
                update = f" {short_date(latest.date)}: {said}"
            else:
                update = " No update recorded."
            rows.append(
                (
                    action_ref(action.id),
                    action.text,
                    f"\nRaised {short_date(action.meeting.date)}",
                    self.names.name(action.owner),
                    self.organisation_line(action),
                    short_date(action.due),
                    "\nOVERDUE" if overdue else "",
                    status.replace("_", " ").capitalize() + ".",
                    update,
                )
            )
        doc.table(columns, rows)

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
                raised.setdefault(action.question_id, []).append(action_ref(action.id))
        for number, question in enumerate(self.questions, start=1):
            # The number is part of the text: Word's list numbering would run on
            # across separate lists and renumber when the document is edited.
            doc.heading(f"{number}. {topic_of(question.text, question.topic)}", 2)
            asker = ANONYMOUS if question.anonymous else self.names.name(question.asker)
            doc.paragraph(
                Span(f"Asked by {asker}" if asker else "Question", ITALIC),
                keep_with_next=True,
                space_after_pt=2,
            )
            doc.text_block(question.text)
            if not question.answers:
                doc.paragraph(Span("No response recorded.", NONE_RECORDED.look))
            for response in question.answers:
                doc.paragraph(
                    self.response_label(response),
                    keep_with_next=True,
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
        responder = self.names.with_role(response.responder)
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
            Column("Action", 7.1, (PLAIN, Look(italic=True, colour="595959"))),
            Column("Owner", 3.2),
            Column("Organisation", 3.2),
            Column("Due", 2.2),
        )
        rows = (
            (
                action_ref(action.id),
                action.text,
                f"\nFrom question {numbers[action.question_id]}"
                if action.question_id in numbers
                else "",
                self.names.name(action.owner),
                action.organisation.name if action.organisation else "",
                short_date(action.due),
            )
            for action in self.actions
        )
        doc.table(columns, rows)

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
                parts.append(Span(f" ({'; '.join(notes)})", ITALIC))
            doc.bullet(parts)

    def next_meeting(self) -> None:
        doc = self.doc
        doc.heading("Date of next meeting", 1)
        day = self.meeting.next_meeting
        doc.paragraph(long_date(day) if day else "To be confirmed.")


def minutes_document(meeting: Meeting, *, initials: bool = False) -> bytes:
    """The minutes of `meeting` (its panel loaded) as the bytes of a .docx file."""
    return MinutesWriter(meeting, initials=initials).write()
