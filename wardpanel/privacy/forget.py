"""Forgetting one person on request: their personal data erased everywhere.

Their record and name go, and their attendance entries; their questions stay in the
minutes as asked by "A resident"; actions they held and answers they gave stay, naming
nobody; and wherever their full name is written in the free text of the panels they
took part in (questions, answers, actions, updates, notes, reasons for absence, the
chair, priorities, drafts), it becomes "a resident" ("an officer" for an official).
"""

from __future__ import annotations

from wardpanel.core.models import (
    Action,
    Attendance,
    Draft,
    Meeting,
    Panel,
    Priority,
    Question,
    Response,
)
from wardpanel.privacy.erasure import carry_out, reindex
from wardpanel.privacy.errors import NotAResident
from wardpanel.privacy.names import (
    OFFICER_WORDS,
    RESIDENT_WORDS,
    meeting_texts,
    name_pattern,
    probe_word,
    replace_names,
)
from wardpanel.privacy.people import find_person, is_official, meetings_taken_part_in, who
from wardpanel.privacy.reports import ForgetReport


def forget_person(person_id: int, *, officer: bool = False, dry_run: bool = False) -> ForgetReport:
    """Erase one person's personal data everywhere, as one transaction.

    Raises UnknownPerson for an unknown id, and NotAResident for an officer or councillor
    unless `officer` is true (their name in text then becomes "an officer"). With
    `dry_run`, nothing changes and the report says what would.
    """
    return carry_out(lambda: _forget(person_id, officer=officer), dry_run=dry_run)


def _forget(person_id: int, *, officer: bool) -> ForgetReport:
    person = find_person(person_id=person_id)
    official = is_official(person)
    if official and not officer:
        raise NotAResident(who(person))
    report = ForgetReport(person.name)
    meeting_ids = meetings_taken_part_in(person.id)
    dated = (
        Meeting.select(Meeting.date, Panel.name)
        .join(Panel)
        .where(Meeting.id.in_(meeting_ids))
        .order_by(Meeting.date, Meeting.id)
    )
    report.meetings = list(dated.tuples())
    report.questions = (
        Question.update(asker=None, anonymous=True).where(Question.asker == person).execute()
    )
    report.responses = Response.update(responder=None).where(Response.responder == person).execute()
    report.actions = Action.update(owner=None).where(Action.owner == person).execute()
    report.attendance = Attendance.delete().where(Attendance.person == person).execute()
    # Their name in the text of every panel they took part in.
    panels = Meeting.select(Meeting.panel).where(Meeting.id.in_(meeting_ids))
    in_panels = Meeting.select(Meeting.id).where(Meeting.panel.in_(panels))
    pattern = (name_pattern(person.name), OFFICER_WORDS if official else RESIDENT_WORDS)
    texts = meeting_texts(in_panels, probe=probe_word(person.name))
    priorities = Priority.select(Priority.id, Priority.meeting, Priority.text)
    texts.append((Priority, (Priority.text,), priorities.where(Priority.panel.in_(panels))))
    drafts = Draft.select(Draft.id, Draft.meeting, Draft.label, Draft.payload)
    in_drafts = drafts.where(Draft.meeting.in_(in_panels) | Draft.meeting.is_null())
    texts.append((Draft, (Draft.label, Draft.payload), in_drafts))
    report.mentions, changed = replace_names(texts, lambda _: [pattern])
    reindex(set(meeting_ids) | changed)
    person.delete_instance()
    return report
