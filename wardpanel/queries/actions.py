"""Between meetings: every action of every meeting and panel, filtered, a page at a time.

What an officer asks: what is open for me and my organisation, what is overdue, what
did we say about the street lights, and what has happened to A123 since it was agreed.

`find_actions` reads one page of lightweight rows however many actions match, with
the number that match and counts by status. It stays fast with 100,000 actions:
names are resolved to ids first, every condition is one an index answers
(`status IN (...)`, never `!=`), the page is read in index order in segments (your
actions, your organisation's, the rest; then those with no due date), and the latest
update, the question number and the names are looked up for the page's rows only.
The Word action list (wardpanel.exporting.selection) chooses its actions with the same
`resolve_names` and `action_conditions`, so a filter means the same in both.
"""

from __future__ import annotations

import datetime as dt
import itertools
from collections.abc import Sequence
from dataclasses import dataclass, field

import peewee as pw

from wardpanel.core.errors import InputError
from wardpanel.core.models import (
    ACTION_STATUSES,
    OPEN_ACTION_STATUSES,
    Action,
    ActionUpdate,
    Meeting,
    Organisation,
    Panel,
    Person,
    Question,
)
from wardpanel.queries import search

ANONYMOUS = "A resident"  # as the minutes and the action list print an anonymous asker
COUNT_KEYS = ("open", "in_progress", "overdue", "done", "dropped")
CHUNK = 500
# Ranks of a row when the query names who is asking ("me").
MINE, MY_ORGANISATION, OTHERS = 0, 1, 2


class QueryError(InputError):
    """A query that cannot be run as asked; `field` names the part at fault."""


@dataclass(frozen=True)
class ActionQuery:
    """Which actions to list, and which page of them.

    Names (panel, organisation, owner) match whatever their case. `statuses` defaults to
    the open ones: done and dropped actions leave the default view but stay findable.
    `overdue` keeps open actions due before `as_of` (today by default). `text` looks for
    words in the action's text (and its owner's name) and in its updates' texts. With
    `me` (a person's id), that person's actions come first, then their organisation's.
    """

    panel: str | None = None
    organisation: str | None = None
    owner: str | None = None
    statuses: tuple[str, ...] = OPEN_ACTION_STATUSES
    overdue: bool = False
    due_from: dt.date | None = None
    due_to: dt.date | None = None
    text: str | None = None
    as_of: dt.date | None = None
    me: int | None = None
    limit: int = 50
    offset: int = 0

    def day(self) -> dt.date:
        """The day against which "overdue" is judged."""
        return self.as_of or dt.date.today()

    def check(self) -> None:
        """QueryError for a status, a page or a date range that cannot be."""
        if not self.statuses:
            raise QueryError("statuses", "choose at least one status")
        for status in self.statuses:
            if status not in ACTION_STATUSES:
                raise QueryError(
                    "statuses", f"'{status}' is not one of {', '.join(ACTION_STATUSES)}"
                )
        if self.limit < 1:
            raise QueryError("limit", "must be at least 1")
        if self.offset < 0:
            raise QueryError("offset", "cannot be negative")
        if self.due_from and self.due_to and self.due_from > self.due_to:
            raise QueryError(
                "due_to", f"{self.due_to} is before the first due date, {self.due_from}"
            )


@dataclass(frozen=True)
class ActionSummary:
    """One action as the follow-up view lists it (plain values, not a model instance).

    `owner` is "A resident" when the owner asked the question the action answers
    anonymously. `rank` is 0 for the asker's ("me") own actions, 1 for their
    organisation's, 2 for the rest (2 for every row when no one is named).
    """

    id: int
    text: str
    owner: str | None
    owner_id: int | None
    organisation: str | None
    organisation_id: int | None
    due: dt.date | None
    status: str
    overdue: bool
    panel: str
    meeting_id: int
    meeting_date: dt.date
    question_number: int | None
    latest_date: dt.date | None
    latest_text: str
    latest_status: str | None
    rank: int = OTHERS

    @property
    def ref(self) -> str:
        return f"A{self.id}"

    @property
    def mine(self) -> bool:
        return self.rank == MINE

    @property
    def is_open(self) -> bool:
        return self.status in OPEN_ACTION_STATUSES


@dataclass(frozen=True)
class ActionPage:
    """One page of matching actions, how many match, and counts by status.

    `counts` (open, in_progress, overdue, done, dropped) cover the same filters as the
    rows except the statuses and `overdue`, which they break down. `unknown` names the
    filters (panel, organisation, owner) whose name matched nobody: nothing matches then.
    """

    rows: tuple[ActionSummary, ...]
    total: int
    counts: dict[str, int]
    offset: int
    limit: int
    as_of: dt.date
    unknown: tuple[str, ...] = ()

    @property
    def has_more(self) -> bool:
        return self.offset + len(self.rows) < self.total


@dataclass(frozen=True)
class HistoryEntry:
    """One update in an action's history."""

    id: int
    date: dt.date
    text: str
    status: str | None
    meeting_id: int | None
    meeting_date: dt.date | None


@dataclass(frozen=True)
class ActionHistory:
    """An action's whole life: where it was raised, what it answers, every update.

    `action` is the model instance (owner and organisation loaded), for editing; show
    `owner`, which keeps an anonymous asker anonymous. `asker` is "A resident" for a
    question asked anonymously.
    """

    action: Action
    owner: str | None
    organisation: str | None
    panel: str
    meeting_id: int
    meeting_date: dt.date
    question_id: int | None
    question_number: int | None
    question_topic: str
    question_text: str
    asker: str | None
    updates: tuple[HistoryEntry, ...] = field(default_factory=tuple)

    @property
    def ref(self) -> str:
        return f"A{self.action.id}"


# -- what a filter means (shared with the Word action list) ------------------------------


@dataclass(frozen=True)
class NamedIds:
    """The ids each named filter stands for (None: not filtered) and the names not found."""

    panel: tuple[int, ...] | None = None
    organisation: tuple[int, ...] | None = None
    owner: tuple[int, ...] | None = None
    missing: tuple[str, ...] = ()


def _ids_named(rows: Sequence[tuple[int, str]], name: str) -> tuple[int, ...]:
    # Compared in Python with casefold, so every script and ß/SS match as people expect.
    wanted = " ".join(name.split()).casefold()
    return tuple(row_id for row_id, row_name in rows if row_name.casefold() == wanted)


def resolve_names(
    panel: str | None = None, organisation: str | None = None, owner: str | None = None
) -> NamedIds:
    """The ids of the panels, organisations and people of these names, whatever the case.

    A blank name is no filter. Several people may share a name: all of them match.
    """
    found: dict[str, tuple[int, ...] | None] = {}
    missing = []
    for key, name, model in (
        ("panel", panel, Panel),
        ("organisation", organisation, Organisation),
        ("owner", owner, Person),
    ):
        if not name or not name.strip():
            found[key] = None
            continue
        # Read through the cursor: Peewee's row conversion would take longer than the
        # comparison itself, on every call, for thousands of people.
        names = model._meta.database.execute(model.select(model.id, model.name))
        ids = _ids_named(names.fetchall(), name)
        found[key] = ids
        if not ids:
            missing.append(key)
    return NamedIds(**found, missing=tuple(missing))


def action_conditions(
    named: NamedIds,
    *,
    due_from: dt.date | None = None,
    due_to: dt.date | None = None,
    matching: pw.Node | None = None,
) -> list[pw.Expression]:
    """Conditions on Action alone (no join needed) for the named filters and due dates.

    Statuses and "overdue" are left to `status_conditions`, so counts can break them down.
    """
    conditions: list[pw.Expression] = []
    if named.panel is not None:
        meetings = Meeting.select(Meeting.id).where(Meeting.panel.in_(named.panel))
        conditions.append(Action.meeting.in_(meetings))
    if named.organisation is not None:
        conditions.append(Action.organisation.in_(named.organisation))
    if named.owner is not None:
        conditions.append(Action.owner.in_(named.owner))
    if due_from is not None:
        conditions.append(Action.due >= due_from)
    if due_to is not None:
        conditions.append(Action.due <= due_to)
    if matching is not None:
        conditions.append(Action.id.in_(matching))
    return conditions


def status_conditions(
    statuses: Sequence[str], overdue: bool, as_of: dt.date
) -> list[pw.Expression]:
    """`status IN (...)` (which an index can answer, unlike `!=`) and, for overdue, the
    open statuses among them with a due date before `as_of`."""
    if overdue:
        statuses = [s for s in statuses if s in OPEN_ACTION_STATUSES]
        return [Action.status.in_(statuses), Action.due < as_of]
    return [Action.status.in_(list(statuses))]


def is_overdue(status: str, due: dt.date | None, as_of: dt.date) -> bool:
    return status in OPEN_ACTION_STATUSES and due is not None and due < as_of


# -- finding actions -----------------------------------------------------------------------


def _count(*conditions: pw.Expression) -> pw.ModelSelect:
    return Action.select(pw.fn.COUNT(pw.SQL("*"))).where(*conditions)


def _tally_of(*conditions: pw.Expression) -> pw.Node:
    """SQL: how many rows of a group meet all the conditions."""
    if not conditions:
        return pw.fn.COUNT(pw.SQL("*"))
    met = conditions[0]
    for condition in conditions[1:]:
        met = met & condition
    return pw.fn.SUM(pw.Case(None, [(met, 1)], 0))


@dataclass(frozen=True)
class _Segment:
    """A run of the listing read in index order: due date then id (or id alone)."""

    conditions: tuple[pw.Expression, ...]
    size: int
    rank: int
    undated: bool


class _Tally:
    """The numbers a page needs, as keys: each status; "overdue:<open status>"; and,
    among the chosen actions (statuses and overdue), "undated", and "mine", "org" (my
    organisation's), "org&mine", each also with ":undated"."""

    def __init__(self, query: ActionQuery, base: list[pw.Expression], me: Person | None):
        self.as_of = query.day()
        self.base = base
        self.chosen = status_conditions(query.statuses, query.overdue, self.as_of)
        self.chosen_statuses = {
            s for s in query.statuses if not query.overdue or s in OPEN_ACTION_STATUSES
        }
        self.overdue = query.overdue
        self.me = me
        self.mine = Action.owner == me.id if me is not None else None
        self.my_org = (
            Action.organisation == me.organisation_id
            if me is not None and me.organisation_id is not None
            else None
        )
        self.values: dict[str, int] = dict.fromkeys(
            [*ACTION_STATUSES, *(f"overdue:{s}" for s in OPEN_ACTION_STATUSES), "undated"], 0
        )
        for key in ("mine", "org", "org&mine"):
            self.values[key] = self.values[f"{key}:undated"] = 0

    def _subsets(self) -> dict[str, tuple[pw.Expression, ...]]:
        undated = Action.due.is_null()
        subsets: dict[str, tuple[pw.Expression, ...]] = {"undated": (undated,)}
        if self.mine is not None:
            subsets["mine"] = (self.mine,)
            subsets["mine:undated"] = (self.mine, undated)
        if self.my_org is not None:
            subsets["org"] = (self.my_org,)
            subsets["org:undated"] = (self.my_org, undated)
            subsets["org&mine"] = (self.my_org, self.mine)
            subsets["org&mine:undated"] = (self.my_org, self.mine, undated)
        return subsets

    def count_by_index(self) -> None:
        """Each number a count of its own that an index answers by a range of entries,
        all in one statement; for a filter of few rows or none (scanning them would
        mean reading every row of the table)."""
        scalars: dict[str, pw.ModelSelect] = {}
        for status in ACTION_STATUSES:
            scalars[status] = _count(*self.base, Action.status == status)
        for status in OPEN_ACTION_STATUSES:
            scalars[f"overdue:{status}"] = _count(
                *self.base, Action.status == status, Action.due < self.as_of
            )
        scalars["undated"] = _count(*self.base, *self.chosen, Action.due.is_null())
        if self.my_org is not None:
            scalars["org"] = _count(*self.base, *self.chosen, self.my_org)
            scalars["org:undated"] = _count(
                *self.base, *self.chosen, self.my_org, Action.due.is_null()
            )
        names = list(scalars)
        statement = pw.Select(columns=[scalars[name].alias(name) for name in names])
        row = next(iter(statement.bind(Action._meta.database).tuples()))
        self.values.update(zip(names, row, strict=True))
        if self.mine is not None:
            # Read from the person's own rows, which the owner index lists: counting
            # "my organisation's and mine" in one go would start from the organisation's.
            mine = Action.select(
                _tally_of(),
                _tally_of(Action.due.is_null()),
                _tally_of(self.my_org) if self.my_org is not None else pw.Value(0),
                _tally_of(self.my_org, Action.due.is_null())
                if self.my_org is not None
                else pw.Value(0),
            ).where(*self.base, *self.chosen, self.mine)
            keys = ("mine", "mine:undated", "org&mine", "org&mine:undated")
            self.values.update(zip(keys, (n or 0 for n in next(iter(mine.tuples()))), strict=True))

    def count_by_group(self) -> None:
        """Every number from one pass over the filtered rows, grouped by status; for a
        filter that names few rows but no index can count (words found in the text)."""
        chosen_extra = (Action.due < self.as_of,) if self.overdue else ()
        subsets = self._subsets()
        columns = [
            Action.status,
            _tally_of(),
            _tally_of(Action.due < self.as_of),
            *(_tally_of(*chosen_extra, *conditions) for conditions in subsets.values()),
        ]
        query = Action.select(*columns).where(*self.base).group_by(Action.status)
        for status, number, overdue, *parts in query.tuples():
            self.values[status] = number
            if status in OPEN_ACTION_STATUSES:
                self.values[f"overdue:{status}"] = overdue or 0
            if status in self.chosen_statuses:
                for key, part in zip(subsets, parts, strict=True):
                    self.values[key] += part or 0

    def counts(self) -> dict[str, int]:
        values = self.values
        counts = {status: values[status] for status in ACTION_STATUSES}
        counts["overdue"] = sum(values[f"overdue:{s}"] for s in OPEN_ACTION_STATUSES)
        return {key: counts[key] for key in COUNT_KEYS}

    def total(self) -> int:
        if self.overdue:
            return sum(self.values[f"overdue:{s}"] for s in self.chosen_statuses)
        return sum(self.values[s] for s in self.chosen_statuses)

    def segments(self) -> list[_Segment]:
        """The listing's runs in order: mine, my organisation's, the rest (each dated
        first, then undated); or simply dated, then undated."""
        values = self.values
        total = self.total()
        runs: list[tuple[tuple[pw.Expression, ...], int, int, int]] = []
        if self.me is None:
            runs.append(((), OTHERS, total, values["undated"]))
        else:
            not_mine = Action.owner.is_null() | (Action.owner != self.me.id)
            rest: tuple[pw.Expression, ...] = (not_mine,)
            runs.append(((self.mine,), MINE, values["mine"], values["mine:undated"]))
            ours = values["org"] - values["org&mine"]
            ours_undated = values["org:undated"] - values["org&mine:undated"]
            if self.my_org is not None:
                runs.append(((self.my_org, not_mine), MY_ORGANISATION, ours, ours_undated))
                not_ours = Action.organisation.is_null() | (
                    Action.organisation != self.me.organisation_id
                )
                rest = (not_ours, not_mine)
            runs.append(
                (
                    rest,
                    OTHERS,
                    total - values["mine"] - ours,
                    values["undated"] - values["mine:undated"] - ours_undated,
                )
            )
        segments = []
        for conditions, rank, size, size_undated in runs:
            chosen = (*self.base, *self.chosen, *conditions)
            segments.append(
                _Segment((*chosen, Action.due.is_null(False)), size - size_undated, rank, False)
            )
            segments.append(_Segment((*chosen, Action.due.is_null()), size_undated, rank, True))
        return segments


def _page_ids(segments: list[_Segment], offset: int, limit: int) -> list[tuple[int, int]]:
    """(action id, rank) of the page, reading only the segments it overlaps."""
    found: list[tuple[int, int]] = []
    skip = offset
    for segment in segments:
        wanted = limit - len(found)
        if wanted <= 0:
            break
        if skip >= segment.size:
            skip -= segment.size
            continue
        order = (Action.id,) if segment.undated else (Action.due, Action.id)
        query = (
            Action.select(Action.id)
            .where(*segment.conditions)
            .order_by(*order)
            .limit(wanted)
            .offset(skip)
        )
        found.extend((row[0], segment.rank) for row in query.tuples())
        skip = 0
    return found


def _summaries(ranked: list[tuple[int, int]], as_of: dt.date) -> tuple[ActionSummary, ...]:
    """The rows of these actions, in this order, with everything the view shows."""
    if not ranked:
        return ()
    Owner = Person.alias()
    Earlier = Question.alias()
    Latest = ActionUpdate.alias()
    latest_id = (
        Latest.select(Latest.id)
        .where(Latest.action == Action.id)
        .order_by(Latest.date.desc(), Latest.id.desc())
        .limit(1)
    )
    number = Earlier.select(pw.fn.COUNT(Earlier.id)).where(
        Earlier.meeting == Question.meeting, Earlier.id <= Question.id
    )
    details = (
        Action.select(
            Action.id,
            Action.text,
            Action.owner,
            Owner.name,
            Action.organisation,
            Organisation.name,
            Action.due,
            Action.status,
            Panel.name,
            Meeting.id,
            Meeting.date,
            Question.id,
            Question.anonymous,
            Question.asker,
            number.alias("number"),
            ActionUpdate.date,
            ActionUpdate.text,
            ActionUpdate.status,
        )
        .join(Owner, pw.JOIN.LEFT_OUTER, on=(Action.owner == Owner.id))
        .switch(Action)
        .join(Organisation, pw.JOIN.LEFT_OUTER, on=(Action.organisation == Organisation.id))
        .switch(Action)
        .join(Meeting, on=(Action.meeting == Meeting.id))
        .join(Panel, on=(Meeting.panel == Panel.id))
        .switch(Action)
        .join(Question, pw.JOIN.LEFT_OUTER, on=(Action.question == Question.id))
        .switch(Action)
        .join(ActionUpdate, pw.JOIN.LEFT_OUTER, on=(ActionUpdate.id == latest_id))
    )
    ids = [action_id for action_id, _ in ranked]
    # In chunks: SQLite takes at most 32,766 parameters in one statement.
    rows = itertools.chain.from_iterable(
        details.where(Action.id.in_(ids[start : start + CHUNK])).tuples()
        for start in range(0, len(ids), CHUNK)
    )
    by_id = {}
    for (
        action_id,
        text,
        owner_id,
        owner,
        organisation_id,
        organisation,
        due,
        status,
        panel,
        meeting_id,
        meeting_date,
        question_id,
        anonymous,
        asker_id,
        question_number,
        latest_date,
        latest_text,
        latest_status,
    ) in rows:
        hidden = bool(anonymous) and owner_id is not None and asker_id == owner_id
        by_id[action_id] = dict(
            id=action_id,
            text=text,
            owner=ANONYMOUS if hidden else owner,
            owner_id=owner_id,
            organisation=organisation,
            organisation_id=organisation_id,
            due=due,
            status=status,
            overdue=is_overdue(status, due, as_of),
            panel=panel,
            meeting_id=meeting_id,
            meeting_date=meeting_date,
            question_number=question_number if question_id is not None else None,
            latest_date=latest_date,
            latest_text=latest_text or "",
            latest_status=latest_status,
        )
    return tuple(
        ActionSummary(**by_id[action_id], rank=rank)
        for action_id, rank in ranked
        if action_id in by_id
    )


def find_actions(query: ActionQuery) -> ActionPage:
    """One page of the actions `query` chooses, sorted by due date (none last) then id.

    With `query.me`, that person's actions come first, then their organisation's, each
    part sorted the same way. QueryError for statuses or a page that cannot be; a name
    that matches nobody, or text without a word, matches nothing (see `unknown`).
    """
    query.check()
    as_of = query.day()
    named = resolve_names(query.panel, query.organisation, query.owner)
    matching = None
    if query.text is not None and query.text.strip():
        matching = search.matching_actions(query.text)
        if matching is None:
            return _empty(query, as_of)
    if named.missing:
        return _empty(query, as_of, named.missing)
    base = action_conditions(named, due_from=query.due_from, due_to=query.due_to, matching=matching)
    me = Person.get_or_none(Person.id == query.me) if query.me is not None else None
    tally = _Tally(query, base, me)
    if matching is None:
        tally.count_by_index()
    else:
        tally.count_by_group()
    ranked = _page_ids(tally.segments(), query.offset, query.limit)
    return ActionPage(
        rows=_summaries(ranked, as_of),
        total=tally.total(),
        counts=tally.counts(),
        offset=query.offset,
        limit=query.limit,
        as_of=as_of,
    )


def _empty(query: ActionQuery, as_of: dt.date, unknown: tuple[str, ...] = ()) -> ActionPage:
    return ActionPage(
        rows=(),
        total=0,
        counts=dict.fromkeys(COUNT_KEYS, 0),
        offset=query.offset,
        limit=query.limit,
        as_of=as_of,
        unknown=unknown,
    )


# -- one action's history --------------------------------------------------------------------


def action_history(action_id: int) -> ActionHistory:
    """Where the action was raised, the question it answers, and every update in order.

    An anonymous asker is "A resident", and so is the owner when they are that asker.
    QueryError when there is no such action.
    """
    Owner = Person.alias()
    action = (
        Action.select(Action, Owner, Organisation, Meeting, Panel)
        .join(Owner, pw.JOIN.LEFT_OUTER, on=(Action.owner == Owner.id))
        .switch(Action)
        .join(Organisation, pw.JOIN.LEFT_OUTER, on=(Action.organisation == Organisation.id))
        .switch(Action)
        .join(Meeting, on=(Action.meeting == Meeting.id))
        .join(Panel, on=(Meeting.panel == Panel.id))
        .where(Action.id == action_id)
        .first()
    )
    if action is None:
        raise QueryError("action", f"no action with id {action_id}")
    question = None
    number = None
    if action.question_id is not None:
        Asker = Person.alias()
        question = (
            Question.select(Question, Asker)
            .join(Asker, pw.JOIN.LEFT_OUTER, on=(Question.asker == Asker.id))
            .where(Question.id == action.question_id)
            .first()
        )
        number = (
            Question.select()
            .where(Question.meeting == question.meeting_id, Question.id <= question.id)
            .count()
        )
    asker = None
    hidden = False
    if question is not None and question.asker_id is not None:
        hidden = question.anonymous and question.asker_id == action.owner_id
        asker = ANONYMOUS if question.anonymous else question.asker.name
    elif question is not None and question.anonymous:
        asker = ANONYMOUS
    Reported = Meeting.alias()
    updates = (
        ActionUpdate.select(
            ActionUpdate.id,
            ActionUpdate.date,
            ActionUpdate.text,
            ActionUpdate.status,
            ActionUpdate.meeting,
            Reported.date,
        )
        .join(Reported, pw.JOIN.LEFT_OUTER, on=(ActionUpdate.meeting == Reported.id))
        .where(ActionUpdate.action == action.id)
        .order_by(ActionUpdate.date, ActionUpdate.id)
        .tuples()
    )
    return ActionHistory(
        action=action,
        owner=(ANONYMOUS if hidden else action.owner.name) if action.owner_id else None,
        organisation=action.organisation.name if action.organisation_id else None,
        panel=action.meeting.panel.name,
        meeting_id=action.meeting_id,
        meeting_date=action.meeting.date,
        question_id=question.id if question else None,
        question_number=number,
        question_topic=question.topic if question else "",
        question_text=question.text if question else "",
        asker=asker,
        updates=tuple(HistoryEntry(*row) for row in updates),
    )
