"""Holding the panel's partners to account: who came, and what was done about what was said.

`attendance_record` counts, for a period, how often each person and organisation was
expected at the panel's meetings and how often they came, sent apologies or stayed
away, with the reasons given for each absence. `said_did` follows each question put
at the panel's meetings in a period, and each priority set or reviewed in it, from
what was said to what was committed (responses, actions), what was done (updates) and
where it stands now.

Both are worked out from the record as it is, never copied, and both apply the rule
every exported document keeps: a person who has ever asked a question anonymously is
"A resident", and their stored name is never handed out. The strings here (`name`,
`asked_by`, `owner`, `responder`) are what a document or screen may print.

Nothing here writes, and nothing imports Textual or python-docx.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterable
from dataclasses import dataclass, field

import peewee as pw

from wardpanel.core.errors import InputError
from wardpanel.core.models import (
    EXPECTED,
    OPEN_ACTION_STATUSES,
    Action,
    ActionUpdate,
    Attendance,
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

ANONYMOUS = "A resident"
RESIDENTS = "Residents"
# A carried-over attendee the chair never marked: on the list, but nothing recorded.
NOT_RECORDED = "not_recorded"

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


# -- the panel, the period, the people -----------------------------------------------------


def find_panel(name_or_id: str | int) -> Panel:
    """The panel with that id, or that name whatever its case; InputError("panel") if none."""
    if isinstance(name_or_id, int):
        panel = Panel.get_or_none(Panel.id == name_or_id)
        if panel is None:
            raise InputError("panel", f"no panel with id {name_or_id}")
        return panel
    wanted = " ".join(str(name_or_id).split()).casefold()
    # Compared in Python: SQLite's lower() folds only ASCII letters.
    for panel in Panel.select().order_by(Panel.id):
        if panel.name.casefold() == wanted:
            return panel
    raise InputError("panel", f"no panel called '{' '.join(str(name_or_id).split())}'")


def _panel(panel_id: int) -> Panel:
    panel = Panel.get_or_none(Panel.id == panel_id)
    if panel is None:
        raise InputError("panel", f"no panel with id {panel_id}")
    return panel


def check_period(date_from: dt.date | None, date_to: dt.date | None) -> None:
    """InputError("to") when the period ends before it starts."""
    if date_from is not None and date_to is not None and date_to < date_from:
        raise InputError(
            "to",
            f"{date_to.isoformat()} is before the start of the period, {date_from.isoformat()}",
        )


def meetings_in(
    panel_id: int, date_from: dt.date | None = None, date_to: dt.date | None = None
) -> list[Meeting]:
    """The panel's meetings from `date_from` to `date_to` (both included), oldest first."""
    query = Meeting.select().where(Meeting.panel == panel_id)
    if date_from is not None:
        query = query.where(Meeting.date >= date_from)
    if date_to is not None:
        query = query.where(Meeting.date <= date_to)
    return list(query.order_by(Meeting.date, Meeting.id))


def anonymous_askers() -> set[int]:
    """Everyone who has asked a question anonymously, at any meeting of any panel."""
    query = Question.select(Question.asker).where(
        Question.anonymous == True,  # noqa: E712 (peewee builds SQL from ==)
        Question.asker.is_null(False),
    )
    return {asker_id for (asker_id,) in query.tuples()}


def printed_name(person: Person | None, hidden: set[int]) -> str:
    """A person as a document prints them: "A resident" for an anonymous asker."""
    if person is None:
        return ""
    return ANONYMOUS if person.id in hidden else person.name


# -- attendance ---------------------------------------------------------------------------


@dataclass
class Counts:
    """How many meetings someone was expected at, and what happened at each.

    `expected` counts every meeting where they were on the list, whatever their status,
    so it is present + apologies + absent + not_recorded. `not_recorded` counts the
    meetings where they were carried over from the previous meeting's list and the
    chair never marked them: neither attendance nor absence can be claimed.
    """

    expected: int = 0
    present: int = 0
    apologies: int = 0
    absent: int = 0
    not_recorded: int = 0

    def add(self, status: str) -> None:
        self.expected += 1
        setattr(self, status, getattr(self, status) + 1)

    def add_counts(self, other: Counts) -> None:
        for name in ("expected", "present", "apologies", "absent", "not_recorded"):
            setattr(self, name, getattr(self, name) + getattr(other, name))


@dataclass(frozen=True)
class Mark:
    """One meeting on someone's record: present, apologies, absent or not_recorded."""

    meeting: Meeting
    status: str
    reason: str = ""  # the reason given, for an absence


@dataclass(frozen=True)
class PersonAttendance:
    person_id: int
    name: str  # as printed: "A resident" for an anonymous asker
    role: str  # empty for an anonymous asker
    counts: Counts
    marks: tuple[Mark, ...]  # oldest meeting first

    @property
    def absences(self) -> tuple[Mark, ...]:
        """The meetings they did not attend without apologies, with the reason given."""
        return tuple(mark for mark in self.marks if mark.status == "absent")


@dataclass(frozen=True)
class OrganisationAttendance:
    name: str  # the organisation's name, or "Residents"
    organisation_id: int | None  # None for residents (people with no organisation)
    people: tuple[PersonAttendance, ...]
    totals: Counts


@dataclass(frozen=True)
class AttendanceRecord:
    """A panel's attendance over a period: organisations by name, residents last."""

    panel: Panel
    date_from: dt.date | None
    date_to: dt.date | None
    meetings: tuple[Meeting, ...]
    organisations: tuple[OrganisationAttendance, ...]
    totals: Counts = field(default_factory=Counts)

    @property
    def officers(self) -> tuple[OrganisationAttendance, ...]:
        return tuple(o for o in self.organisations if o.organisation_id is not None)

    @property
    def residents(self) -> OrganisationAttendance | None:
        return next((o for o in self.organisations if o.organisation_id is None), None)


def attendance_record(
    panel_id: int, date_from: dt.date | None = None, date_to: dt.date | None = None
) -> AttendanceRecord:
    """Who was expected at the panel's meetings in the period, and who came.

    For each person on any meeting's list: meetings expected, present, apologies,
    absent and not recorded (see Counts), each absence with the reason given; grouped
    by organisation (by name), residents last, with each organisation's totals.
    InputError for an unknown panel or a period that ends before it starts.
    """
    panel = _panel(panel_id)
    check_period(date_from, date_to)
    meetings = meetings_in(panel.id, date_from, date_to)
    by_id = {m.id: m for m in meetings}
    hidden = anonymous_askers()
    marks: dict[int, list[Mark]] = {}
    if meetings:
        rows = (
            Attendance.select(
                Attendance.person, Attendance.meeting, Attendance.status, Attendance.reason
            )
            .where(Attendance.meeting.in_(list(by_id)))
            .tuples()
        )
        for person_id, meeting_id, status, reason in rows:
            status = NOT_RECORDED if status == EXPECTED else status
            mark = Mark(by_id[meeting_id], status, reason if status == "absent" else "")
            marks.setdefault(person_id, []).append(mark)
    people = (
        list(
            Person.select(Person, Organisation)
            .join(Organisation, pw.JOIN.LEFT_OUTER)
            .where(Person.id.in_(list(marks)))
        )
        if marks
        else []
    )
    order = {m.id: position for position, m in enumerate(meetings)}
    groups: dict[int | None, tuple[str, list[PersonAttendance]]] = {}
    for person in people:
        mine = sorted(marks[person.id], key=lambda mark: order[mark.meeting.id])
        counts = Counts()
        for mark in mine:
            counts.add(mark.status)
        is_hidden = person.id in hidden
        entry = PersonAttendance(
            person_id=person.id,
            name=printed_name(person, hidden),
            role="" if is_hidden else person.role,
            counts=counts,
            marks=tuple(mine),
        )
        org = person.organisation
        key = org.id if org is not None else None
        groups.setdefault(key, (org.name if org is not None else RESIDENTS, []))[1].append(entry)

    organisations = []
    totals = Counts()
    for key, (name, members) in sorted(
        groups.items(), key=lambda item: (item[0] is None, item[1][0].casefold())
    ):
        members.sort(key=lambda p: (p.name == ANONYMOUS, p.name.casefold(), p.person_id))
        group_totals = Counts()
        for member in members:
            group_totals.add_counts(member.counts)
        totals.add_counts(group_totals)
        organisations.append(OrganisationAttendance(name, key, tuple(members), group_totals))
    return AttendanceRecord(
        panel, date_from, date_to, tuple(meetings), tuple(organisations), totals
    )


# -- you said, we did ---------------------------------------------------------------------


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
    end_of_day = as_of + dt.timedelta(days=1)
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
    panel = _panel(panel_id)
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
