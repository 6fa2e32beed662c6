"""Actions as everyone reads them: one filter, one query, one row.

What an officer asks (what is open for me and my organisation, what is overdue, what
did we say about the street lights) is an `ActionFilter`; `find_actions` reads one page
of `ActionRow`s for it, however many actions match, with how many match and counts by
status. The Actions view, `wardpanel actions --json` and the follow-up list in Word all
read through here, so a filter means the same in each, and so does a row: its
reference, its owner (an owner who asked anonymously at the meeting that raised the
action is "A resident"), whether it is overdue, its latest update.

The page is found by wardpanel.queries.action_paging, which stays fast at 100,000
actions: names are resolved to ids first, every condition is one an index answers,
and only the page's rows are read in full, here, by `action_rows`.
"""

from __future__ import annotations

import dataclasses
import datetime as dt
import itertools
from collections.abc import Iterable
from contextlib import nullcontext
from dataclasses import dataclass

import peewee as pw

from wardpanel.core.errors import InputError
from wardpanel.core.models import (
    ACTION_STATUSES,
    HISTORY_KINDS,
    OPEN_ACTION_STATUSES,
    Action,
    ActionUpdate,
    Meeting,
    Organisation,
    Panel,
    Person,
    Question,
)
from wardpanel.core.people import (
    ANONYMOUS,
    FULL_RECORD,
    Naming,
    Someone,
)
from wardpanel.core.storage.database import time_limit
from wardpanel.core.words import action_ref, is_overdue, refs_typed, status_lower
from wardpanel.queries import search
from wardpanel.queries.action_paging import (
    COUNT_KEYS,
    MINE,
    OTHERS,
    Tally,
    page_ids,
)
from wardpanel.queries.names_meant import NamedIds, resolve_names
from wardpanel.queries.people import (
    anonymous_askers,
    question_number_sql,
)

CHUNK = 500
EVERY_STATUS = ACTION_STATUSES
EVERY_ROW = 2**31 - 1  # a page as long as any list can be


class QueryError(InputError):
    """A filter or page that cannot be read as asked; `field` names the part at fault."""


@dataclass(frozen=True)
class ActionFilter:
    """Which actions to list.

    Names (panel, organisation, owner) match whatever their case. `statuses` defaults
    to the open ones: done and dropped actions leave the default list but stay
    findable. `overdue` keeps open actions due before `as_of` (today by default).
    `text` looks for words in the action's text (and its owner's name) and in its
    updates, and for references ("HS-12", "hs-12", "A21") among them. With `me` (a
    person's id), that person's actions come first, then their organisation's.
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

    def day(self) -> dt.date:
        """The day against which "overdue" is judged."""
        return self.as_of or dt.date.today()

    def check(self) -> None:
        """QueryError for a status or a date range that cannot be."""
        if not self.statuses:
            raise QueryError("statuses", "choose at least one status")
        for status in self.statuses:
            if status not in ACTION_STATUSES:
                raise QueryError(
                    "statuses", f"'{status}' is not one of {', '.join(ACTION_STATUSES)}"
                )
        if self.due_from and self.due_to and self.due_from > self.due_to:
            raise QueryError(
                "due_to", f"{self.due_to} is before the first due date, {self.due_from}"
            )

    def describe(self) -> str:
        """The filters in words, for a list's heading: 'organisation Met; open, in progress'."""
        parts = [
            f"{label} {value}"
            for label, value in (
                ("panel", self.panel),
                ("organisation", self.organisation),
                ("owner", self.owner),
                ("words", self.text),
            )
            if value and value.strip()
        ]
        if set(self.statuses) != set(ACTION_STATUSES):
            parts.append(", ".join(status_lower(s) for s in self.statuses))
        if self.overdue:
            parts.append("overdue only")
        if self.due_from or self.due_to:
            parts.append(f"due {self.due_from or '…'} to {self.due_to or '…'}")
        return "; ".join(parts) if parts else "none (every action)"


@dataclass(frozen=True)
class ActionRow:
    """One action as every list shows it (plain values, not a model instance).

    `owner_anonymous`: the owner asked a question anonymously at the meeting that
    raised the action, so no output names them with it. `rank` is 0 for the asker's
    ("me") own actions, 1 for their organisation's, 2 for the rest.
    """

    id: int
    ref: str
    text: str
    owner: Someone | None
    owner_anonymous: bool
    organisation: str | None
    organisation_id: int | None
    due: dt.date | None
    agreed_due: dt.date | None
    status: str
    overdue: bool
    internal: bool
    panel: str
    panel_id: int
    meeting_id: int
    meeting_date: dt.date
    question_id: int | None
    question_number: int | None
    priority_id: int | None
    latest_date: dt.date | None
    latest_text: str
    latest_status: str | None
    rank: int = OTHERS

    @property
    def owner_id(self) -> int | None:
        return self.owner.id if self.owner is not None else None

    @property
    def mine(self) -> bool:
        return self.rank == MINE

    @property
    def is_open(self) -> bool:
        return self.status in OPEN_ACTION_STATUSES

    def owner_name(self, naming: Naming = FULL_RECORD) -> str | None:
        """The owner as an output names them: "A resident" for an anonymous asker, a
        resident as `naming` says (the panel's record by default); None for nobody."""
        if self.owner is None:
            return None
        if self.owner_anonymous:
            return ANONYMOUS
        return naming.name(self.owner, self.meeting_id)


@dataclass(frozen=True)
class ActionPage:
    """One page of matching actions, how many match, and counts by status.

    `counts` (open, in_progress, overdue, done, dropped) cover the same filters as the
    rows except the statuses and `overdue`, which they break down. `unknown` names the
    filters (panel, organisation, owner) whose name matched nobody: nothing matches then.
    """

    rows: tuple[ActionRow, ...]
    total: int
    counts: dict[str, int]
    offset: int
    limit: int
    as_of: dt.date
    unknown: tuple[str, ...] = ()

    @property
    def has_more(self) -> bool:
        return self.offset + len(self.rows) < self.total


# -- what a filter means ---------------------------------------------------------------------


def action_conditions(named: NamedIds, chosen: ActionFilter, matching: pw.Node | None) -> list:
    """Conditions on Action alone (no join needed) for the names, dates and words.

    Statuses and "overdue" are left to the paging, so counts can break them down.
    """
    conditions: list[pw.Expression] = []
    if named.panel is not None:
        meetings = Meeting.select(Meeting.id).where(Meeting.panel.in_(named.panel))
        conditions.append(Action.meeting.in_(meetings))
    if named.organisation is not None:
        conditions.append(Action.organisation.in_(named.organisation))
    if named.owner is not None:
        conditions.append(Action.owner.in_(named.owner))
        # Found by a name only where the list would print that name: an action of a
        # meeting at which its owner asked anonymously is not theirs to a filter, or
        # filtering by a name would unmask them (core.people).
        asked = Question.alias()
        conditions.append(
            ~pw.fn.EXISTS(
                asked.select(asked.id).where(
                    asked.meeting == Action.meeting,
                    asked.asker == Action.owner,
                    asked.anonymous == True,  # noqa: E712 (peewee builds SQL from ==)
                )
            )
        )
    if chosen.due_from is not None:
        conditions.append(Action.due >= chosen.due_from)
    if chosen.due_to is not None:
        conditions.append(Action.due <= chosen.due_to)
    if matching is not None:
        found = Action.id.in_(matching)
        # "HS-12" typed among the words finds that action by its reference too.
        refs = refs_typed(chosen.text or "")
        if refs:
            # Two lists of ids, so the database still starts from the matches alone.
            found = found | Action.id.in_(Action.select(Action.id).where(Action.ref.in_(refs)))
        conditions.append(found)
    return conditions


# -- finding actions -------------------------------------------------------------------------


def find_actions(chosen: ActionFilter, *, offset: int = 0, limit: int = 50) -> ActionPage:
    """One page of the actions `chosen` picks, by due date (none last) then id.

    With `chosen.me`, that person's actions come first, then their organisation's, each
    part sorted the same way. QueryError for statuses or a page that cannot be; a name
    that matches nobody, or text without a word, matches nothing (see `unknown`).
    """
    chosen.check()
    if limit < 1:
        raise QueryError("limit", "must be at least 1")
    if offset < 0:
        raise QueryError("offset", "cannot be negative")
    as_of = chosen.day()

    def empty(unknown: tuple[str, ...] = ()) -> ActionPage:
        counts = dict.fromkeys(COUNT_KEYS, 0)
        return ActionPage((), 0, counts, offset, limit, as_of, unknown)

    named = resolve_names(chosen.panel, chosen.organisation, chosen.owner)
    matching = None
    if chosen.text is not None and chosen.text.strip():
        try:
            matching = search.matching_actions(chosen.text)
        except search.QueryTooLong as error:
            raise QueryError("text", error.message) from None
        if matching is None:
            return empty()
    if named.missing:
        return empty(named.missing)
    # Words cost what they cost: the database stops a search that runs on and on.
    bounded = time_limit(search.SEARCH_SECONDS) if matching is not None else nullcontext()
    with bounded:
        return _page_of(chosen, named, matching, as_of, offset, limit)


def _page_of(
    chosen: ActionFilter,
    named: NamedIds,
    matching: pw.Node | None,
    as_of: dt.date,
    offset: int,
    limit: int,
) -> ActionPage:
    base = action_conditions(named, chosen, matching)
    me = Person.get_or_none(Person.id == chosen.me) if chosen.me is not None else None
    tally = Tally(chosen.statuses, chosen.overdue, as_of, base, me)
    if matching is None:
        tally.count_by_index()
    else:
        tally.count_by_group()
    ranked = page_ids(tally.segments(), offset, limit)
    return ActionPage(
        rows=action_rows([i for i, _ in ranked], as_of, dict(ranked)),
        total=tally.total(),
        counts=tally.counts(),
        offset=offset,
        limit=limit,
        as_of=as_of,
    )


def all_actions(chosen: ActionFilter) -> ActionPage:
    """Every action `chosen` picks, in the order of `find_actions` (for documents)."""
    return find_actions(chosen, limit=EVERY_ROW)


def action_rows(
    ids: Iterable[int], as_of: dt.date, ranks: dict[int, int] | None = None
) -> tuple[ActionRow, ...]:
    """The rows of these actions, in this order, with everything any list shows."""
    ids = list(ids)
    if not ids:
        return ()
    Owner = Person.alias()
    OwnerOrganisation = Organisation.alias()
    Latest = ActionUpdate.alias()
    latest_id = (
        Latest.select(Latest.id)
        .where(Latest.action == Action.id, Latest.kind.not_in(HISTORY_KINDS))
        .order_by(Latest.date.desc(), Latest.id.desc())
        .limit(1)
    )
    details = (
        Action.select(
            Action.id,
            Action.ref,
            Action.text,
            Owner.id,
            Owner.name,
            Owner.role,
            Owner.named,
            Owner.organisation,
            OwnerOrganisation.name,
            OwnerOrganisation.kind,
            Action.organisation,
            Organisation.name,
            Action.due,
            Action.agreed_due,
            Action.status,
            Action.internal,
            Panel.id,
            Panel.name,
            Meeting.id,
            Meeting.date,
            Question.id,
            question_number_sql(Question).alias("number"),
            Action.priority,
            ActionUpdate.date,
            ActionUpdate.text,
            ActionUpdate.status,
        )
        .join(Owner, pw.JOIN.LEFT_OUTER, on=(Action.owner == Owner.id))
        .join(
            OwnerOrganisation,
            pw.JOIN.LEFT_OUTER,
            on=(Owner.organisation == OwnerOrganisation.id),
        )
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
    # In chunks: SQLite takes at most 32,766 parameters in one statement.
    found = list(
        itertools.chain.from_iterable(
            details.where(Action.id.in_(ids[start : start + CHUNK])).tuples()
            for start in range(0, len(ids), CHUNK)
        )
    )
    ranks = ranks or {}
    by_id = {}
    for values in found:
        (
            action_id, ref, text, owner_id, owner_name, owner_role, owner_named, owner_org_id,
            owner_org, owner_kind, organisation_id, organisation, due, agreed_due, status, internal,
            panel_id, panel, meeting_id, meeting_date, question_id, number, priority_id,
            latest_date, latest_text, latest_status,
        ) = values  # fmt: skip
        owner = None
        if owner_id is not None:
            owner = Someone(
                owner_id,
                owner_name,
                owner_role,
                owner_org or "",
                owner_kind,
                bool(owner_named),
                owner_org_id,
            )
        by_id[action_id] = ActionRow(
            id=action_id,
            ref=action_ref(action_id, ref),
            text=text,
            owner=owner,
            owner_anonymous=False,
            organisation=organisation,
            organisation_id=organisation_id,
            due=due,
            agreed_due=agreed_due,
            status=status,
            overdue=is_overdue(status, due, as_of),
            internal=bool(internal),
            panel=panel,
            panel_id=panel_id,
            meeting_id=meeting_id,
            meeting_date=meeting_date,
            question_id=question_id,
            question_number=number if question_id is not None else None,
            priority_id=priority_id,
            latest_date=latest_date,
            latest_text=latest_text or "",
            latest_status=latest_status,
            rank=ranks.get(action_id, OTHERS),
        )
    # The anonymity rule (wardpanel.core.people): whoever asked anonymously at the
    # meeting that raised an action is never named with it.
    owned = {row.meeting_id for row in by_id.values() if row.owner is not None}
    hidden = anonymous_askers(owned) if owned else {}
    for action_id, row in by_id.items():
        if row.owner_id in hidden.get(row.meeting_id, ()):
            # Their stored name is not even handed out: only that someone owns it.
            unnamed = Someone(row.owner_id, ANONYMOUS)
            by_id[action_id] = dataclasses.replace(row, owner=unnamed, owner_anonymous=True)
    return tuple(by_id[i] for i in ids if i in by_id)
