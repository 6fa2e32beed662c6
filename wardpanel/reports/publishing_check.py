"""What would be wrong to publish: the check a clerk runs before sending minutes out.

Published minutes cannot be taken back once on a council's website, so before any
export `check_meeting` lists, for one meeting, what the clerk should look at: lines
the chair typed that were never filed, people never marked present or absent, residents'
names typed in text (with what the published minutes print instead), anonymous askers
named in text, actions with no owner or no due date, responses with no organisation,
and due dates agreed that had already passed at the meeting. Nothing here writes.
"""

from __future__ import annotations

from dataclasses import asdict, dataclass

from wardpanel import queries
from wardpanel.core.models import EXPECTED, UNFILED_HEADING, Meeting
from wardpanel.core.people import name_key, residents_printed
from wardpanel.core.textnames import TextNames
from wardpanel.core.words import action_ref, short_date
from wardpanel.queries.people import anonymous_askers, naming_for, someone, someones, text_names_for

# Each kind of finding, in the order they are listed, with the words that head it.
KINDS = {
    "unfiled": "Unfiled quick-entry line",
    "not_marked": "Never marked present, apologies or absent",
    "anonymous_named": "Anonymous asker named in text",
    "resident_named": "Resident's name in text",
    "no_owner": "Action with no owner",
    "no_due": "Action with no due date",
    "past_due": "Due date agreed in the past",
    "no_organisation": "Response with no organisation",
}


@dataclass(frozen=True)
class Finding:
    """One thing to look at before publishing: its kind (a key of KINDS), the part of
    the meeting it is in (attendance, questions, actions, notes) and the item's id,
    so a screen can open it, and one line saying what it is."""

    kind: str
    section: str
    item_id: int
    said: str

    @property
    def heading(self) -> str:
        return KINDS[self.kind]

    def as_dict(self) -> dict[str, object]:
        return asdict(self)


def check_meeting(meeting_id: int) -> list[Finding]:
    """Everything about the meeting that would be wrong to publish, as the published
    minutes (the panel's choice of how residents are printed) would show it; an empty
    list when nothing is. InputError for an unknown meeting."""
    from wardpanel.core.fields import get_or_refuse

    meeting = get_or_refuse(Meeting, meeting_id, "meeting")
    naming = naming_for(
        [meeting.id], residents=residents_printed(None, meeting.panel.publish_residents)
    )
    names = text_names_for(naming, [meeting.id])[meeting.id]
    # Whoever asked anonymously at any of the panel's meetings: their name typed here
    # could tie them to what they asked there.
    panel_meetings = Meeting.select(Meeting.id).where(Meeting.panel == meeting.panel_id)
    anywhere = anonymous_askers(m for (m,) in panel_meetings.tuples())
    askers = someones(frozenset().union(*anywhere.values()) if anywhere else ())
    hidden = {name_key(person.name) for person in askers.values()}
    findings: list[Finding] = []
    for entry in queries.attendance_of(meeting.id):
        if entry.status == EXPECTED:
            person = someone(entry.person)
            findings.append(
                Finding("not_marked", "attendance", entry.id, naming.with_role(person, None))
            )
    notes = queries.notes_of(meeting.id)
    for note in notes:
        if note.heading == UNFILED_HEADING:
            findings.append(Finding("unfiled", "notes", note.id, _one_line(note.text)))
    for note in notes:
        if note.heading != UNFILED_HEADING and not note.internal:
            where = f"Note '{note.heading or 'Note'}'"
            findings += _names_in(names, hidden, "notes", note.id, where, note.text)
    questions = [q for q in queries.questions_of(meeting.id) if not q.internal]
    for number, question in enumerate(questions, start=1):
        where = f"Question {number}"
        findings += _names_in(
            names, hidden, "questions", question.id, where, f"{question.topic}\n{question.text}"
        )
        for response in question.answers:
            if response.internal:
                continue
            findings += _names_in(
                names, hidden, "questions", question.id, f"{where}, a response", response.text
            )
            if response.organisation_id is None:
                findings.append(
                    Finding("no_organisation", "questions", question.id, f"{where}, a response")
                )
    for action in queries.actions_of(meeting.id):
        if action.internal:
            continue
        ref = action_ref(action.id, action.ref)
        findings += _names_in(names, hidden, "actions", action.id, ref, action.text)
        said = f"{ref}: {_one_line(action.text)}"
        if action.owner_id is None and action.organisation_id is None:
            findings.append(Finding("no_owner", "actions", action.id, said))
        due = action.agreed_due or action.due
        if due is None:
            findings.append(Finding("no_due", "actions", action.id, said))
        elif due < meeting.date:
            past = f"{ref}: due {short_date(due)}, before the meeting"
            findings.append(Finding("past_due", "actions", action.id, past))
    order = list(KINDS)
    return sorted(findings, key=lambda f: order.index(f.kind))


def _names_in(
    names: TextNames, hidden: set[str], section: str, item_id: int, where: str, text: str
) -> list[Finding]:
    """A finding for each resident's name typed in the text, saying what is printed."""
    _, found = names.replace(text)
    findings = []
    for replacement in found:
        anonymous = name_key(replacement.name) in hidden
        kind = "anonymous_named" if anonymous else "resident_named"
        said = f"{where}: '{_one_line(replacement.found)}' is printed as '{replacement.printed}'"
        findings.append(Finding(kind, section, item_id, said))
    return findings


def _one_line(text: str, most: int = 80) -> str:
    words = " ".join(text.split())
    return words if len(words) <= most else words[: most - 1].rstrip() + "…"
