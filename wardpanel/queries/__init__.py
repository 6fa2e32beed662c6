"""What the screens, documents and commands read: overviews and worked-out lists.

Nothing here writes. Matters arising are worked out from the actions' histories as of
a meeting's date, never copied, so meetings planned ahead stay right.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterable
from dataclasses import dataclass

import peewee as pw

from wardpanel.core.models import (
    OPEN_ACTION_STATUSES,
    STATUS_AFTER_REVIEW,
    Action,
    ActionUpdate,
    Attendance,
    Draft,
    Meeting,
    Note,
    Organisation,
    Panel,
    Person,
    Priority,
    PriorityReview,
    Question,
    Response,
)


@dataclass(frozen=True)
class PanelSummary:
    panel: Panel
    meetings: int
    latest: dt.date | None


def panel_summaries() -> list[PanelSummary]:
    """Every panel with its number of meetings and latest date, by name."""
    count = pw.fn.COUNT(Meeting.id)
    latest = pw.fn.MAX(Meeting.date)
    rows = (
        Panel.select(Panel, count.alias("n"), latest.alias("latest"))
        .join(Meeting, pw.JOIN.LEFT_OUTER)
        .group_by(Panel)
        .order_by(pw.fn.lower(Panel.name))
    )
    summaries = []
    for row in rows:
        latest_value = row.latest
        if isinstance(latest_value, str):
            latest_value = dt.date.fromisoformat(latest_value)
        summaries.append(PanelSummary(row, row.n, latest_value))
    return summaries


def has_panels() -> bool:
    return Panel.select().exists()


def meetings_of(panel_id: int | None = None) -> list[Meeting]:
    """Meetings newest first, with their panel loaded; all panels when none given."""
    query = Meeting.select(Meeting, Panel).join(Panel)
    if panel_id is not None:
        query = query.where(Meeting.panel == panel_id)
    return list(query.order_by(Meeting.date.desc(), Meeting.id.desc()))


def meeting_with_panel(meeting_id: int) -> Meeting | None:
    return Meeting.select(Meeting, Panel).join(Panel).where(Meeting.id == meeting_id).first()


def attendance_of(meeting_id: int) -> list[Attendance]:
    """The meeting's list in the order entered, people and organisations loaded."""
    return list(
        Attendance.select(Attendance, Person, Organisation)
        .join(Person)
        .join(Organisation, pw.JOIN.LEFT_OUTER)
        .where(Attendance.meeting == meeting_id)
        .order_by(Attendance.id)
    )


def responses_query() -> pw.ModelSelect:
    """Responses with their organisation and responder loaded, in the order given."""
    Responder = Person.alias()
    return (
        Response.select(Response, Organisation, Responder)
        .join(Organisation, pw.JOIN.LEFT_OUTER)
        .switch(Response)
        .join(Responder, pw.JOIN.LEFT_OUTER, on=(Response.responder == Responder.id))
        .order_by(Response.id)
    )


def questions_of(meeting_id: int) -> list[Question]:
    """Questions in order, each with `.answers` (responses in order) filled in."""
    questions = list(
        Question.select(Question, Person)
        .join(Person, pw.JOIN.LEFT_OUTER)
        .where(Question.meeting == meeting_id)
        .order_by(Question.id)
    )
    by_id = {q.id: q for q in questions}
    for q in questions:
        q.answers = []
    if questions:
        responses = responses_query().where(Response.question.in_(list(by_id)))
        for response in responses:
            by_id[response.question_id].answers.append(response)
    return questions


def question_number(question: Question) -> int:
    """A question's number within its meeting (1-based), as printed in the minutes."""
    asked = Question.select().where(
        Question.meeting == question.meeting_id, Question.id <= question.id
    )
    return asked.count()


def question_with_asker(question_id: int) -> Question | None:
    return (
        Question.select(Question, Person)
        .join(Person, pw.JOIN.LEFT_OUTER)
        .where(Question.id == question_id)
        .first()
    )


def response_with_names(response_id: int) -> Response | None:
    return responses_query().where(Response.id == response_id).first()


def _actions_query() -> pw.ModelSelect:
    Owner = Person.alias()
    return (
        Action.select(Action, Owner, Organisation, Meeting, Panel)
        .join(Owner, pw.JOIN.LEFT_OUTER, on=(Action.owner == Owner.id))
        .switch(Action)
        .join(Organisation, pw.JOIN.LEFT_OUTER, on=(Action.organisation == Organisation.id))
        .switch(Action)
        .join(Meeting, on=(Action.meeting == Meeting.id))
        .join(Panel)
    )


def actions_of(meeting_id: int) -> list[Action]:
    """Actions agreed at the meeting, in order, owners and organisations loaded."""
    return list(_actions_query().where(Action.meeting == meeting_id).order_by(Action.id))


def notes_of(meeting_id: int) -> list[Note]:
    return list(Note.select().where(Note.meeting == meeting_id).order_by(Note.id))


def priorities_of(meeting: Meeting) -> list[Priority]:
    """The priorities set at this meeting, then the panel's earlier ones still active."""
    set_here = Priority.meeting == meeting.id
    earlier = (
        Priority.select(Priority.id)
        .join(Meeting, pw.JOIN.LEFT_OUTER)
        .where(
            Priority.panel == meeting.panel_id,
            Priority.status == "active",
            (Meeting.date < meeting.date) | Priority.meeting.is_null(),
        )
    )
    return list(Priority.select().where(set_here | Priority.id.in_(earlier)).order_by(Priority.id))


def updates_of(
    action_ids: Iterable[int], until: dt.date | None = None
) -> dict[int, list[ActionUpdate]]:
    """Each action's updates in order (dated on or before `until`, when given)."""
    ids = list(action_ids)
    history: dict[int, list[ActionUpdate]] = {i: [] for i in ids}
    if not ids:
        return history
    query = ActionUpdate.select().where(ActionUpdate.action.in_(ids))
    if until is not None:
        query = query.where(ActionUpdate.date <= until)
    for update in query.order_by(ActionUpdate.date, ActionUpdate.id):
        history[update.action_id].append(update)
    return history


def status_on(action: Action, updates: list[ActionUpdate], day: dt.date) -> str:
    """The action's status as it stood at the start of `day`.

    `updates` must be the action's whole history: a status changed after `day` is what
    shows that it was still open then.
    """
    with_status = [u for u in updates if u.status]
    before = [u for u in with_status if u.date < day]
    if before:
        return before[-1].status
    if with_status:
        # Every change of status came on or after that day: it was still open then.
        return "open"
    return action.status


@dataclass(frozen=True)
class MatterArising:
    action: Action
    latest: ActionUpdate | None


def closed_on(updates: list[ActionUpdate], before: dt.date) -> dt.date | None:
    """The day an action was closed (done or dropped), judged before a day; None if open."""
    with_status = [u for u in updates if u.status and u.date < before]
    if not with_status or with_status[-1].status in OPEN_ACTION_STATUSES:
        return None
    return with_status[-1].date


def matters_arising(meeting: Meeting) -> list[MatterArising]:
    """Actions from the panel's earlier meetings to report on at this one: those still
    open when it is held, and those closed since the panel's previous meeting, so the
    panel hears that they were done. Worked out from the history, never copied."""
    previous = (
        Meeting.select(Meeting.date)
        .where(
            Meeting.panel == meeting.panel_id,
            (Meeting.date < meeting.date)
            | ((Meeting.date == meeting.date) & (Meeting.id < meeting.id)),
        )
        .order_by(Meeting.date.desc(), Meeting.id.desc())
        .first()
    )
    if previous is None:
        return []
    candidates = list(
        _actions_query()
        .where(Meeting.panel == meeting.panel_id, Meeting.date < meeting.date)
        .order_by(Meeting.date, Action.id)
    )
    history = updates_of(a.id for a in candidates)
    matters = []
    for action in candidates:
        updates = history[action.id]
        still_open = status_on(action, updates, meeting.date) in OPEN_ACTION_STATUSES
        closed = closed_on(updates, meeting.date)
        if still_open or (closed is not None and closed >= previous.date):
            known_then = [u for u in updates if u.date <= meeting.date]
            matters.append(MatterArising(action, known_then[-1] if known_then else None))
    return matters


def reviews_of(priority_ids: Iterable[int]) -> dict[int, list[PriorityReview]]:
    """Each priority's reviews, oldest meeting first, with `meeting` and `replaced_by` loaded."""
    ids = list(priority_ids)
    reviews: dict[int, list[PriorityReview]] = {i: [] for i in ids}
    if not ids:
        return reviews
    Successor = Priority.alias()
    query = (
        PriorityReview.select(PriorityReview, Meeting, Successor)
        .join(Meeting, on=(PriorityReview.meeting == Meeting.id))
        .switch(PriorityReview)
        .join(Successor, pw.JOIN.LEFT_OUTER, on=(PriorityReview.replaced_by == Successor.id))
        .where(PriorityReview.priority.in_(ids))
        .order_by(Meeting.date, Meeting.id)
    )
    for review in query:
        reviews[review.priority_id].append(review)
    return reviews


def priority_status_on(priority: Priority, reviews: list[PriorityReview], day: dt.date) -> str:
    """The priority's status as it stood at the start of `day` (like `status_on`).

    `reviews` must be all its reviews, meetings loaded: one held after `day` is what
    shows that the priority was still active then.
    """
    before = [r for r in reviews if r.meeting.date < day]
    if before:
        return STATUS_AFTER_REVIEW[before[-1].outcome]
    if reviews:
        return "active"
    return priority.status


@dataclass(frozen=True)
class ReportedAction:
    """An action reported against a priority, as it stood on a given day."""

    action: Action  # owner, organisation and the meeting that raised it loaded
    status: str
    latest: ActionUpdate | None  # the latest update known that day


@dataclass(frozen=True)
class PriorityUnderReview:
    """A priority as a meeting sees it: how it stood, how it was reviewed, what was done.

    `status` is how it stood as the meeting began (worked out from the reviews);
    `earlier_reviews` were at the panel's earlier meetings, oldest first; `review` is
    this meeting's, if any (`review.replaced_by` names the replacement); `replaces` is,
    for a priority set here as a replacement, the priority it replaced.
    """

    priority: Priority
    set_at: Meeting | None
    set_here: bool
    status: str
    earlier_reviews: tuple[PriorityReview, ...]
    review: PriorityReview | None
    replaces: Priority | None
    actions: tuple[ReportedAction, ...]

    @property
    def reviews(self) -> tuple[PriorityReview, ...]:
        """Its reviews up to and including this meeting's."""
        return self.earlier_reviews + ((self.review,) if self.review else ())


def reported_actions(priority_ids: Iterable[int], day: dt.date) -> dict[int, list[ReportedAction]]:
    """The actions reported against each priority, raised on or before `day`, as of `day`."""
    ids = list(priority_ids)
    reported: dict[int, list[ReportedAction]] = {i: [] for i in ids}
    if not ids:
        return reported
    actions = list(
        _actions_query()
        .where(Action.priority.in_(ids), Meeting.date <= day)
        .order_by(Meeting.date, Action.id)
    )
    history = updates_of(a.id for a in actions)
    for action in actions:
        updates = history[action.id]
        known = [u for u in updates if u.date <= day]
        reported[action.priority_id].append(
            ReportedAction(action, status_on(action, updates, day), known[-1] if known else None)
        )
    return reported


def priorities_under_review(meeting: Meeting) -> list[PriorityUnderReview]:
    """The priorities a meeting reviews, worked out as of its date like matters arising.

    The panel's priorities active when the meeting is held (set at an earlier meeting,
    or at none, and not achieved, dropped or replaced at a meeting before it), those
    reviewed at it whatever their state, then those set at it. Nothing is copied: a
    meeting planned ahead stays right as reviews are recorded.
    """
    SetAt = Meeting.alias()
    candidates = list(
        Priority.select(Priority, SetAt)
        .join(SetAt, pw.JOIN.LEFT_OUTER, on=(Priority.meeting == SetAt.id))
        .where(
            Priority.panel == meeting.panel_id,
            (Priority.meeting == meeting.id)
            | (SetAt.date < meeting.date)
            | Priority.meeting.is_null(),
        )
        .order_by(Priority.id)
    )
    reviews = reviews_of(p.id for p in candidates)
    here_reviews = {
        review.priority_id: review
        for found in reviews.values()
        for review in found
        if review.meeting_id == meeting.id
    }
    replaced = {
        review.replaced_by_id: review.priority_id
        for review in here_reviews.values()
        if review.replaced_by_id
    }
    by_id = {p.id: p for p in candidates}
    carried, set_here = [], []
    for priority in candidates:
        if priority.meeting_id == meeting.id:
            set_here.append(priority)
            continue
        history = reviews[priority.id]
        if (
            priority.id in here_reviews
            or priority_status_on(priority, history, meeting.date) == "active"
        ):
            carried.append(priority)
    chosen = carried + set_here
    actions = reported_actions((p.id for p in chosen), meeting.date)
    result = []
    for priority in chosen:
        here = priority.meeting_id == meeting.id
        history = reviews[priority.id]
        result.append(
            PriorityUnderReview(
                priority=priority,
                set_at=priority.meeting if priority.meeting_id else None,
                set_here=here,
                status=priority_status_on(priority, history, meeting.date),
                earlier_reviews=tuple(r for r in history if r.meeting.date < meeting.date),
                review=here_reviews.get(priority.id),
                replaces=by_id.get(replaced.get(priority.id, 0)),
                actions=tuple(actions[priority.id]),
            )
        )
    return result


def is_overdue(action: Action, today: dt.date | None = None) -> bool:
    return action.is_overdue(today or dt.date.today())


def drafts() -> list[Draft]:
    return list(Draft.select().order_by(Draft.updated_at.desc()))


def person_names(prefix: str = "", limit: int = 20) -> list[str]:
    query = Person.select(Person.name).distinct().order_by(Person.name).limit(limit)
    if prefix:
        query = query.where(Person.name.startswith(prefix))
    return [p.name for p in query]


def person_by_name(name: str) -> Person | None:
    """The person of that name (any case), preferring one who belongs to an organisation."""
    people = list(Person.select().where(Person.name == name)) or list(
        Person.select().where(pw.fn.lower(Person.name) == name.lower())
    )
    people.sort(key=lambda p: (p.organisation_id is None, p.id))
    return people[0] if people else None


def organisation_names() -> list[str]:
    return [o.name for o in Organisation.select(Organisation.name).order_by(Organisation.name)]
