"""You said, we did: each question put at a panel's meetings in a period, and each
priority set or reviewed in it, followed from what was said to what was committed
(responses, actions), what was done (updates) and where it stands now.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterable
from dataclasses import dataclass

import peewee as pw

from wardpanel.core.models import (
    OPEN_ACTION_STATUSES,
    Action,
    ActionUpdate,
    Meeting,
    Organisation,
    Panel,
    Person,
    Priority,
    PriorityReview,
    Question,
    Response,
)
from wardpanel.queries import responses_query, reviews_of, status_on, updates_of
from wardpanel.reports.common import (
    ANONYMOUS,
    anonymous_askers,
    check_period,
    meetings_in,
    panel_by_id,
    printed_name,
)

# Where a question, an action or a priority stands, and the words for it.
STANDING_WORDS = {
    "overdue": "Overdue",
    "open": "Open",
    "in_progress": "In progress",
    "done": "Done",
    "dropped": "Dropped",
    "no_action": "No action raised",
    "active": "Active",
    "achieved": "Achieved",
    "replaced": "Replaced",
}
_STANDING_AFTER_REVIEW = {
    "keep": "active",
    "replace": "replaced",
    "achieved": "achieved",
    "dropped": "dropped",
}


@dataclass(frozen=True)
class Commitment:
    """One organisation's response to a question."""

    organisation: str  # "" when none was named
    responder: str  # as printed; "" when none was named
    text: str


@dataclass(frozen=True)
class TrackedAction:
    """An action as it stood on the "as of" day, with what was reported by then."""

    action: Action
    raised_at: Meeting
    owner: str  # as printed; "" when none
    organisation: str  # "" when none
    status: str  # open | in_progress | done | dropped, on the "as of" day
    overdue: bool  # still open with its due date before the "as of" day
    updates: tuple[ActionUpdate, ...]  # dated on or before the "as of" day, oldest first

    @property
    def standing(self) -> str:
        """Its status on the "as of" day, or "overdue" when it was open past its due date."""
        return "overdue" if self.overdue else self.status


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

    def question_counts(self) -> dict[str, int]:
        """How many questions stand each way, in STANDING_WORDS order, zeros left out."""
        counts = {key: 0 for key in STANDING_WORDS}
        for record in self.questions:
            counts[record.standing] += 1
        return {key: number for key, number in counts.items() if number}


def question_standing(actions: Iterable[TrackedAction]) -> str:
    """Where a question stands, from the actions raised from it.

    no_action: none was raised; overdue: one is open past its due date; in_progress:
    some are still open and work has started on them or others are closed; open:
    nothing reported yet; done: all are closed, at least one done; dropped: all dropped.
    """
    tracked = list(actions)
    if not tracked:
        return "no_action"
    if any(a.overdue for a in tracked):
        return "overdue"
    statuses = {a.status for a in tracked}
    if statuses & set(OPEN_ACTION_STATUSES):
        return "open" if statuses == {"open"} else "in_progress"
    return "done" if "done" in statuses else "dropped"


def _track(actions: list[Action], as_of: dt.date, hidden: set[int]) -> dict[int, TrackedAction]:
    history = updates_of(a.id for a in actions)
    # The end of `as_of` is the start of the next day; the calendar's last day has none.
    end_of_day = as_of + dt.timedelta(days=1) if as_of < dt.date.max else as_of
    tracked = {}
    for action in actions:
        updates = history[action.id]
        status = status_on(action, updates, end_of_day)
        tracked[action.id] = TrackedAction(
            action=action,
            raised_at=action.meeting,
            owner=printed_name(action.owner, hidden),
            organisation=action.organisation.name if action.organisation else "",
            status=status,
            overdue=status in OPEN_ACTION_STATUSES
            and action.due is not None
            and action.due < as_of,
            updates=tuple(u for u in updates if u.date <= as_of),
        )
    return tracked


def _actions(*conditions: pw.Expression) -> list[Action]:
    Owner = Person.alias()
    return list(
        Action.select(Action, Owner, Organisation, Meeting)
        .join(Owner, pw.JOIN.LEFT_OUTER, on=(Action.owner == Owner.id))
        .switch(Action)
        .join(Organisation, pw.JOIN.LEFT_OUTER, on=(Action.organisation == Organisation.id))
        .switch(Action)
        .join(Meeting, on=(Action.meeting == Meeting.id))
        .where(*conditions)
        .order_by(Meeting.date, Action.id)
    )


def _questions(meetings: list[Meeting], as_of: dt.date, hidden: set[int]) -> list[QuestionRecord]:
    if not meetings:
        return []
    by_id = {m.id: m for m in meetings}
    order = {m.id: position for position, m in enumerate(meetings)}
    # The asker is not loaded: an anonymous asker's name stays in the database.
    questions = sorted(
        Question.select().where(Question.meeting.in_(list(by_id))),
        key=lambda q: (order[q.meeting_id], q.id),
    )
    if not questions:
        return []
    asker_names = dict(
        Person.select(Person.id, Person.name)
        .where(Person.id.in_([q.asker_id for q in questions if q.asker_id and not q.anonymous]))
        .tuples()
    )
    answers: dict[int, list[Commitment]] = {q.id: [] for q in questions}
    responses = responses_query().where(Response.question.in_(list(answers)))
    for response in responses:
        answers[response.question_id].append(
            Commitment(
                organisation=response.organisation.name if response.organisation else "",
                responder=printed_name(response.responder, hidden),
                text=response.text,
            )
        )
    actions = _actions(Action.question.in_(list(answers)))
    tracked = _track(actions, as_of, hidden)
    raised: dict[int, list[TrackedAction]] = {}
    for action in actions:
        raised.setdefault(action.question_id, []).append(tracked[action.id])

    records = []
    numbers: dict[int, int] = {}
    for question in questions:
        numbers[question.meeting_id] = numbers.get(question.meeting_id, 0) + 1
        if question.anonymous:
            asked_by = ANONYMOUS
        elif question.asker_id in hidden:
            asked_by = ANONYMOUS  # they asked anonymously elsewhere: never named
        else:
            asked_by = asker_names.get(question.asker_id, "")
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
                standing=question_standing(mine),
            )
        )
    return records


def _priorities(
    panel: Panel, meetings: list[Meeting], as_of: dt.date, hidden: set[int]
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
    actions = _actions(Action.priority.in_([p.id for p in priorities]), Meeting.date <= as_of)
    tracked = _track(actions, as_of, hidden)
    against: dict[int, list[TrackedAction]] = {}
    for action in actions:
        against.setdefault(action.priority_id, []).append(tracked[action.id])

    records = []
    for priority in priorities:
        history = reviews[priority.id]
        known = tuple(r for r in history if r.meeting.date <= as_of)
        if known:
            standing = _STANDING_AFTER_REVIEW[known[-1].outcome]
        elif history:
            standing = "active"  # every review came later: it was still active then
        else:
            standing = priority.status
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


def said_did(
    panel_id: int,
    date_from: dt.date | None = None,
    date_to: dt.date | None = None,
    as_of: dt.date | None = None,
) -> SaidDid:
    """You said, we did: the period's questions and priorities, followed up to `as_of`.

    Questions put at the panel's meetings in the period, in meeting order, each with
    the responses, the actions raised from it as they stood on `as_of` (default:
    today) with the updates reported by then, and where it stands (question_standing).
    Then the priorities set or reviewed at those meetings, with their reviews and the
    actions reported against them, the same way. InputError for an unknown panel or a
    period that ends before it starts.
    """
    panel = panel_by_id(panel_id)
    check_period(date_from, date_to)
    day = as_of or dt.date.today()
    meetings = meetings_in(panel.id, date_from, date_to)
    hidden = anonymous_askers()
    return SaidDid(
        panel=panel,
        date_from=date_from,
        date_to=date_to,
        as_of=day,
        meetings=tuple(meetings),
        questions=tuple(_questions(meetings, day, hidden)),
        priorities=tuple(_priorities(panel, meetings, day, hidden)),
    )
