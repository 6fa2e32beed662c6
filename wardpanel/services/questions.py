"""Residents' questions and the answers organisations give to them.

A question's asker may be anonymous: the name is kept for follow-up only, and search
is told whenever who is hidden at a meeting may have changed.
"""

from __future__ import annotations

from wardpanel.core.fields import choice, get_or_refuse, line, long_text
from wardpanel.core.models import QUESTION_OUTCOMES, Question, Response
from wardpanel.services import indexing
from wardpanel.services.locking import meeting_to_change, refuse_if_approved
from wardpanel.services.people import organisation_named, person_named
from wardpanel.services.transactions import transaction


@transaction
def add_question(
    meeting_id: int,
    text: str,
    asker: str | None = None,
    anonymous: bool = False,
    topic: str = "",
) -> Question:
    """A resident's question. An anonymous asker's name is kept for follow-up only."""
    meeting = meeting_to_change(meeting_id)
    text = long_text(text, "question", required=True)
    # A question asked by name hides nobody: only an anonymous one may change who the
    # meeting's search rows must not name.
    hidden_before = indexing.anonymous_askers(meeting.id) if anonymous else None
    question = Question.create(
        meeting=meeting,
        text=text,
        topic=line(topic, "topic"),
        asker=person_named(asker, meeting_id=meeting.id),
        anonymous=bool(anonymous),
    )
    indexing.index_question(question.id)
    if hidden_before is not None:
        indexing.refresh_names(meeting.id, hidden_before)
    return question


@transaction
def update_question(
    question_id: int,
    text: str,
    asker: str | None = None,
    anonymous: bool = False,
    topic: str = "",
) -> Question:
    """Edit a question's text, topic, asker and whether the asker is anonymous."""
    question = get_or_refuse(Question, question_id, "question")
    refuse_if_approved(question.meeting_id)
    hidden_before = indexing.anonymous_askers(question.meeting_id)
    question.text = long_text(text, "question", required=True)
    question.topic = line(topic, "topic")
    question.asker = person_named(asker, meeting_id=question.meeting_id)
    question.anonymous = bool(anonymous)
    question.save()
    indexing.index_question(question.id)
    indexing.refresh_names(question.meeting_id, hidden_before)
    return question


@transaction
def delete_question(question_id: int) -> None:
    """Remove a question and its responses; actions raised from it stay, unlinked."""
    question = get_or_refuse(Question, question_id, "question")
    refuse_if_approved(question.meeting_id)
    hidden_before = indexing.anonymous_askers(question.meeting_id)
    indexing.unindex_question(question.id)
    question.delete_instance(recursive=True, delete_nullable=False)
    indexing.refresh_names(question.meeting_id, hidden_before)


@transaction
def add_response(
    question_id: int,
    text: str,
    organisation: str | None = None,
    responder: str | None = None,
) -> Response:
    """One organisation's answer to a question, in as many paragraphs as it takes."""
    question = get_or_refuse(Question, question_id, "question")
    refuse_if_approved(question.meeting_id)
    text = long_text(text, "response", required=True)
    org = organisation_named(organisation, question.meeting_id)
    response = Response.create(
        question=question,
        text=text,
        organisation=org,
        responder=person_named(
            responder, organisation=org.name if org else None, meeting_id=question.meeting_id
        ),
    )
    indexing.index_response(response.id)
    return response


@transaction
def update_response(
    response_id: int,
    text: str,
    organisation: str | None = None,
    responder: str | None = None,
) -> Response:
    """Edit a response's text, organisation and who gave it."""
    response = get_or_refuse(Response, response_id, "response")
    refuse_if_approved(_meeting_of(response))
    response.text = long_text(text, "response", required=True)
    meeting_id = response.question.meeting_id
    response.organisation = organisation_named(organisation, meeting_id)
    org_name = response.organisation.name if response.organisation else None
    response.responder = person_named(responder, organisation=org_name, meeting_id=meeting_id)
    response.save()
    indexing.index_response(response.id)
    return response


@transaction
def append_to_response(response_id: int, text: str) -> Response:
    """Add paragraphs to the end of a response: an answer that went on after the
    chair filed its start."""
    response = get_or_refuse(Response, response_id, "response")
    refuse_if_approved(_meeting_of(response))
    more = long_text(text, "response", required=True)
    response.text = long_text(f"{response.text}\n\n{more}", "response", required=True)
    response.save()
    indexing.index_response(response.id)
    return response


@transaction
def delete_response(response_id: int) -> None:
    """Remove one response; its question stays."""
    response = get_or_refuse(Response, response_id, "response")
    refuse_if_approved(_meeting_of(response))
    indexing.unindex_response(response.id)
    response.delete_instance()


@transaction
def record_outcome(
    question_id: int,
    outcome: str | None,
    referred_to: str = "",
    statement: bool | None = None,
) -> Question:
    """What came of a question at the meeting: answered, taken away, referred (to
    `referred_to`), a written reply to follow or unanswered; None or "" clears it.
    `statement` True or False marks it a statement from the floor or a question."""
    question = get_or_refuse(Question, question_id, "question")
    refuse_if_approved(question.meeting_id)
    if statement is not None:
        question.kind = "statement" if statement else "question"
    if outcome:
        question.outcome = choice(outcome, QUESTION_OUTCOMES, "outcome", "")
    else:
        question.outcome = ""
    place = line(referred_to, "referred to")
    question.referred_to = place if question.outcome == "referred" else ""
    question.save()
    return question


@transaction
def mark_statement(question_id: int, statement: bool = True) -> Question:
    """A statement from the floor (no answer expected), or back to a question."""
    question = get_or_refuse(Question, question_id, "question")
    refuse_if_approved(question.meeting_id)
    question.kind = "statement" if statement else "question"
    question.save()
    return question


def _meeting_of(response: Response) -> int | None:
    return Question.select(Question.meeting).where(Question.id == response.question_id).scalar()
