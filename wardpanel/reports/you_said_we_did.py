"""You said, we did: every commitment of a panel's meetings in a period, followed from
what was said to what was committed (responses, outcomes, actions), what was done
(updates) and where it stands now: each question or statement, each recommendation put
to an organisation, each priority set or reviewed, and the other actions agreed.
"""

from __future__ import annotations

import dataclasses
import datetime as dt
from collections.abc import Iterable
from dataclasses import dataclass

import peewee as pw

from wardpanel.core.models import (
    OPEN_ACTION_STATUSES,
    Action,
    Meeting,
    Panel,
    Priority,
    PriorityReview,
    Question,
    Response,
)
from wardpanel.core.people import ANONYMOUS, Naming, residents_printed
from wardpanel.queries import (
    ActionOnDay,
    actions_on,
    priority_status_on,
    responses_query,
    reviews_of,
)
from wardpanel.queries.people import naming_for, someones
from wardpanel.queries.recommendations import RecommendationOnDay, recommendations_on
from wardpanel.reports.common import check_period, meetings_in, panel_by_id

# The order a report counts questions in, by where they stand (words: core.words): from
# their actions, else from the outcome recorded at the meeting.
STANDINGS = (
    "overdue", "open", "in_progress", "done", "dropped", "unanswered", "written_reply",
    "taken_away", "referred", "answered", "statement", "no_action",
)  # fmt: skip


@dataclass(frozen=True)
class Commitment:
    """One organisation's response to a question."""

    organisation: str  # "" when none was named
    responder: str  # as this report prints them; "" when none was named
    text: str


@dataclass(frozen=True)
class TrackedAction:
    """An action as it stood on the "as of" day (its status then, whether overdue, the
    updates reported by then), with its owner as this report prints them."""

    on_day: ActionOnDay
    owner: str  # "" when none

    @property
    def action(self):  # an ActionRow: id, ref, text, due, meeting_date...
        return self.on_day.action

    @property
    def organisation(self) -> str:
        return self.on_day.action.organisation or ""

    @property
    def status(self) -> str:
        return self.on_day.status

    @property
    def overdue(self) -> bool:
        return self.on_day.overdue

    @property
    def updates(self):
        return self.on_day.updates

    @property
    def standing(self) -> str:
        """Its status on the "as of" day, or "overdue" when it was open past its due date."""
        return self.on_day.standing


@dataclass(frozen=True)
class QuestionRecord:
    """You said (the question), we committed (responses, actions), we did (updates)."""

    question: Question
    meeting: Meeting
    number: int  # its number in that meeting's minutes
    asked_by: str  # "A resident" when asked anonymously; "" when nobody was named
    topic: str
    text: str
    responses: tuple[Commitment, ...]
    actions: tuple[TrackedAction, ...]
    standing: str  # see question_standing
    kind: str = "question"  # or "statement", from the floor
    outcome: str = ""  # as recorded at the meeting (QUESTION_OUTCOMES), "" for none
    referred_to: str = ""


@dataclass(frozen=True)
class PriorityRecord:
    """A priority set or reviewed in the period, its reviews and the actions against it."""

    priority: Priority
    set_at: Meeting | None
    set_by: str  # panel | police
    reviews: tuple[PriorityReview, ...]  # at meetings up to the "as of" day, oldest first
    actions: tuple[TrackedAction, ...]
    standing: str  # active | achieved | dropped | replaced, on the "as of" day
    replaced_by: Priority | None  # when its standing is "replaced"
    replaces: Priority | None = None  # when it was set as another's replacement


@dataclass(frozen=True)
class SaidDid:
    """The report for a panel and a period, followed up to the "as of" day."""

    panel: Panel
    date_from: dt.date | None
    date_to: dt.date | None
    as_of: dt.date
    meetings: tuple[Meeting, ...]
    questions: tuple[QuestionRecord, ...]
    priorities: tuple[PriorityRecord, ...]
    recommendations: tuple[RecommendationOnDay, ...] = ()
    other_actions: tuple[TrackedAction, ...] = ()  # agreed with no question or priority

    def question_counts(self) -> dict[str, int]:
        """How many questions stand each way, in STANDINGS order, zeros left out."""
        counts = {key: 0 for key in STANDINGS}
        for record in self.questions:
            counts[record.standing] += 1
        return {key: number for key, number in counts.items() if number}


def question_standing(
    actions: Iterable[TrackedAction], outcome: str = "", kind: str = "question"
) -> str:
    """Where a question stands, from the actions raised from it.

    With none raised: the outcome recorded at the meeting (answered, taken_away,
    referred, written_reply, unanswered), "statement" for a statement from the floor,
    else no_action. Otherwise overdue: one is open past its due date; in_progress:
    some are still open and work has started on them or others are closed; open:
    nothing reported yet; done: all are closed, at least one done; dropped: all dropped.
    """
    tracked = list(actions)
    if not tracked:
        return outcome or ("statement" if kind == "statement" else "no_action")
    if any(a.overdue for a in tracked):
        return "overdue"
    statuses = {a.status for a in tracked}
    if statuses & set(OPEN_ACTION_STATUSES):
        return "open" if statuses == {"open"} else "in_progress"
    return "done" if "done" in statuses else "dropped"


def _track(action_ids: list[int], as_of: dt.date, naming: Naming) -> dict[int, TrackedAction]:
    """The actions as they stood at the end of `as_of`, owners printed by `naming` as for
    the meeting that agreed each one."""
    return {
        found.action.id: TrackedAction(found, found.action.owner_name(naming) or "")
        for found in actions_on(action_ids, as_of, through=True)
    }


def _action_ids(naming: Naming, *conditions: pw.Expression) -> list[int]:
    """The actions meeting `conditions`, in meeting order; a published report (not the
    panel's record) leaves out those marked internal."""
    if not naming.record:
        conditions = (*conditions, Action.internal == False)  # noqa: E712 (SQL, not Python)
    return [
        action_id
        for (action_id,) in Action.select(Action.id)
        .join(Meeting, on=(Action.meeting == Meeting.id))
        .where(*conditions)
        .order_by(Meeting.date, Action.id)
        .tuples()
    ]


def _questions(meetings: list[Meeting], as_of: dt.date, naming: Naming) -> list[QuestionRecord]:
    if not meetings:
        return []
    by_id = {m.id: m for m in meetings}
    order = {m.id: position for position, m in enumerate(meetings)}

    # The asker is read as a Someone, printed through `naming`.
    # A published report leaves out what was marked internal; the record keeps it.
    def shown(item: Question | Response) -> bool:
        return naming.record or not item.internal

    questions = sorted(
        (q for q in Question.select().where(Question.meeting.in_(list(by_id))) if shown(q)),
        key=lambda q: (order[q.meeting_id], q.id),
    )
    if not questions:
        return []
    meeting_of = {q.id: q.meeting_id for q in questions}
    responses = [
        r for r in responses_query().where(Response.question.in_(list(meeting_of))) if shown(r)
    ]
    people = someones(
        [q.asker_id for q in questions if q.asker_id]
        + [r.responder_id for r in responses if r.responder_id]
    )
    answers: dict[int, list[Commitment]] = {q.id: [] for q in questions}
    for response in responses:
        answers[response.question_id].append(
            Commitment(
                organisation=response.organisation.name if response.organisation else "",
                responder=naming.name(
                    people.get(response.responder_id), meeting_of[response.question_id]
                ),
                text=response.text,
            )
        )
    action_ids = _action_ids(naming, Action.question.in_(list(meeting_of)))
    tracked = _track(action_ids, as_of, naming)
    raised: dict[int, list[TrackedAction]] = {}
    for action_id in action_ids:
        found = tracked[action_id]
        raised.setdefault(found.action.question_id, []).append(found)

    records = []
    numbers: dict[int, int] = {}
    for question in questions:
        numbers[question.meeting_id] = numbers.get(question.meeting_id, 0) + 1
        asker = people.get(question.asker_id) if question.asker_id else None
        asked_by = naming.name(asker, question.meeting_id)
        if question.anonymous:
            asked_by = ANONYMOUS
        mine = tuple(raised.get(question.id, ()))
        records.append(
            QuestionRecord(
                question=question,
                meeting=by_id[question.meeting_id],
                number=numbers[question.meeting_id],
                asked_by=asked_by,
                topic=question.topic,
                text=question.text,
                responses=tuple(answers[question.id]),
                actions=mine,
                standing=question_standing(mine, question.outcome, question.kind),
                kind=question.kind,
                outcome=question.outcome,
                referred_to=question.referred_to,
            )
        )
    return records


def _priorities(
    panel: Panel, meetings: list[Meeting], as_of: dt.date, naming: Naming
) -> list[PriorityRecord]:
    if not meetings:
        return []
    ids = [m.id for m in meetings]
    reviewed_in_period = PriorityReview.select(PriorityReview.priority).where(
        PriorityReview.meeting.in_(ids)
    )
    SetAt = Meeting.alias()
    priorities = sorted(
        Priority.select(Priority, SetAt)
        .join(SetAt, pw.JOIN.LEFT_OUTER, on=(Priority.meeting == SetAt.id))
        .where(
            Priority.panel == panel.id,
            Priority.meeting.in_(ids) | Priority.id.in_(reviewed_in_period),
        ),
        key=lambda p: (p.meeting.date if p.meeting_id else dt.date.min, p.id),
    )
    reviews = reviews_of(p.id for p in priorities)
    replaced = {
        review.replaced_by_id: review.priority
        for review in PriorityReview.select(PriorityReview, Priority)
        .join(Priority, on=(PriorityReview.priority == Priority.id))
        .where(PriorityReview.replaced_by.in_([p.id for p in priorities]))
    }
    action_ids = _action_ids(
        naming, Action.priority.in_([p.id for p in priorities]), Meeting.date <= as_of
    )
    tracked = _track(action_ids, as_of, naming)
    against: dict[int, list[TrackedAction]] = {}
    for action_id in action_ids:
        found = tracked[action_id]
        against.setdefault(found.action.priority_id, []).append(found)

    records = []
    for priority in priorities:
        history = reviews[priority.id]
        known = tuple(r for r in history if r.meeting.date <= as_of)
        standing = priority_status_on(priority, history, as_of, through=True)
        records.append(
            PriorityRecord(
                priority=priority,
                set_at=priority.meeting if priority.meeting_id else None,
                set_by=priority.set_by,
                reviews=known,
                actions=tuple(against.get(priority.id, ())),
                standing=standing,
                replaced_by=known[-1].replaced_by if standing == "replaced" else None,
                replaces=replaced.get(priority.id),
            )
        )
    return records


def _other_actions(meetings: list[Meeting], as_of: dt.date, naming: Naming) -> list[TrackedAction]:
    """Actions agreed at the period's meetings with neither a question nor a priority.

    Their owners are printed as no one who asked anonymously at any of the report's
    meetings could be recognised: such an owner is "A resident" here, at whichever
    meeting the action was agreed, since the same report prints that question.
    """
    if not meetings:
        return []
    anyone_hidden = frozenset().union(*naming.hidden.values()) if naming.hidden else frozenset()
    naming = dataclasses.replace(
        naming, hidden={**naming.hidden, **{m.id: anyone_hidden for m in meetings}}
    )
    action_ids = _action_ids(
        naming,
        Action.meeting.in_([m.id for m in meetings]),
        Action.question.is_null(),
        Action.priority.is_null(),
    )
    tracked = _track(action_ids, as_of, naming)
    return [tracked[action_id] for action_id in action_ids]


def _earlier_meetings(meetings: list[Meeting]) -> list[int]:
    """The panel's meetings before the period: a priority reviewed in it may carry
    actions agreed at them, whose owners they may hide."""
    if not meetings:
        return []
    return [
        meeting_id
        for (meeting_id,) in Meeting.select(Meeting.id)
        .where(Meeting.panel == meetings[0].panel_id, Meeting.date < meetings[0].date)
        .tuples()
    ]


def said_did(
    panel_id: int,
    date_from: dt.date | None = None,
    date_to: dt.date | None = None,
    as_of: dt.date | None = None,
    naming: Naming | None = None,
    *,
    residents: str | None = None,
    record: bool = False,
) -> SaidDid:
    """You said, we did: the period's commitments, followed up to `as_of`.

    Questions put at the panel's meetings in the period, in meeting order, each with
    the responses, the actions raised from it as they stood on `as_of` (default:
    today) with the updates reported by then, and where it stands (question_standing).
    Then the priorities set or reviewed at those meetings, with their reviews and the
    actions reported against them, the same way; the recommendations made at those
    meetings as they stood on `as_of` (overdue while awaiting a response past their
    date); and the actions agreed with no question or priority. InputError for an unknown panel or a
    period that ends before it starts.

    People are printed by `naming` (core.people); without one, as a published document
    prints them (`residents`, by default the panel's choice; or the panel's full
    `record`), and anyone who asked anonymously at a meeting is "A resident" for
    everything of that meeting.
    """
    panel = panel_by_id(panel_id)
    check_period(date_from, date_to)
    day = as_of or dt.date.today()
    meetings = meetings_in(panel.id, date_from, date_to)
    if naming is None:
        chosen = residents_printed(residents, panel.publish_residents)
        found = naming_for([m.id for m in meetings] + _earlier_meetings(meetings), residents=chosen)
        naming = Naming(residents=found.residents, record=record, hidden=found.hidden)
    return SaidDid(
        panel=panel,
        date_from=date_from,
        date_to=date_to,
        as_of=day,
        meetings=tuple(meetings),
        questions=tuple(_questions(meetings, day, naming)),
        priorities=tuple(_priorities(panel, meetings, day, naming)),
        recommendations=tuple(
            recommendations_on(day, meeting_ids=[m.id for m in meetings]) if meetings else ()
        ),
        other_actions=tuple(_other_actions(meetings, day, naming)),
    )
