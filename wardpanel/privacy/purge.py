"""Applying a retention date: residents' personal data removed from older meetings.

In meetings held before the date, residents' attendance entries go, their questions
become anonymous, actions and answers stop naming them, their names in those meetings'
text become "a resident", unsaved drafts of those meetings are discarded, and a
resident who then appears nowhere is deleted. Officers', councillors' and
organisations' records stay.
"""

from __future__ import annotations

import datetime as dt

import peewee as pw

from wardpanel.core.models import Action, Attendance, Draft, Meeting, Person, Question, Response
from wardpanel.privacy.erasure import carry_out, reindex
from wardpanel.privacy.names import RESIDENT_WORDS, meeting_texts, name_pattern, replace_names
from wardpanel.privacy.people import is_official
from wardpanel.privacy.reports import PurgeReport


def purge_before(day: dt.date, *, dry_run: bool = False) -> PurgeReport:
    """Remove residents' personal data from the meetings held before `day`, as one
    transaction; officers', councillors' and organisations' records stay. With
    `dry_run`, nothing changes and the report says what would."""
    return carry_out(lambda: _purge(day), dry_run=dry_run)


def _purge(day: dt.date) -> PurgeReport:
    report = PurgeReport(day)
    old_meetings = Meeting.select(Meeting.id).where(Meeting.date < day)
    report.meetings = old_meetings.count()
    if not report.meetings:
        return report
    involved = _taking_part(old_meetings)
    candidates = Person.select().where(Person.id.in_(list(involved)))
    residents = [person for person in candidates if not is_official(person)]
    ids = [person.id for person in residents]
    old_questions = Question.select(Question.id).where(Question.meeting.in_(old_meetings))
    report.attendance = (
        Attendance.delete()
        .where(Attendance.meeting.in_(old_meetings), Attendance.person.in_(ids))
        .execute()
    )
    report.questions = (
        Question.update(asker=None, anonymous=True)
        .where(Question.id.in_(old_questions), Question.asker.in_(ids))
        .execute()
    )
    report.responses = (
        Response.update(responder=None)
        .where(Response.question.in_(old_questions), Response.responder.in_(ids))
        .execute()
    )
    report.actions = (
        Action.update(owner=None)
        .where(Action.meeting.in_(old_meetings), Action.owner.in_(ids))
        .execute()
    )
    report.drafts = Draft.delete().where(Draft.meeting.in_(old_meetings)).execute()
    # In each meeting's text, the names of the residents who took part in it.
    names: dict[int, list[str]] = {}
    for person in residents:
        for meeting_id in involved[person.id]:
            names.setdefault(meeting_id, []).append(person.name)
    names_at = {m: [(name_pattern(*people), RESIDENT_WORDS)] for m, people in names.items()}
    texts = meeting_texts(list(names_at))
    report.mentions, _ = replace_names(texts, lambda meeting_id: names_at.get(meeting_id, []))
    reindex(row[0] for row in old_meetings.tuples())
    report.people = _delete_unreferenced(ids)
    return report


def _taking_part(meetings: pw.Query) -> dict[int, set[int]]:
    """Each person who attended, asked, answered or held an action at these meetings,
    with the meetings they did so at."""
    queries = (
        Attendance.select(Attendance.person, Attendance.meeting).where(
            Attendance.meeting.in_(meetings)
        ),
        Question.select(Question.asker, Question.meeting).where(
            Question.meeting.in_(meetings), Question.asker.is_null(False)
        ),
        Response.select(Response.responder, Question.meeting)
        .join(Question)
        .where(Question.meeting.in_(meetings), Response.responder.is_null(False)),
        Action.select(Action.owner, Action.meeting).where(
            Action.meeting.in_(meetings), Action.owner.is_null(False)
        ),
    )
    involved: dict[int, set[int]] = {}
    for query in queries:
        for person_id, meeting_id in query.tuples():
            involved.setdefault(person_id, set()).add(meeting_id)
    return involved


def _delete_unreferenced(person_ids: list[int]) -> int:
    """Delete those of these people who no longer appear in any record; how many."""
    if not person_ids:
        return 0
    references = (
        (Attendance, Attendance.person),
        (Question, Question.asker),
        (Response, Response.responder),
        (Action, Action.owner),
    )
    kept = {
        row[0]
        for model, column in references
        for row in model.select(column).where(column.in_(person_ids)).tuples()
    }
    gone = [person_id for person_id in person_ids if person_id not in kept]
    if not gone:
        return 0
    return Person.delete().where(Person.id.in_(gone)).execute()
