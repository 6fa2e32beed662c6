"""How the officers' action list reads one page of tens of thousands of actions quickly.

Every number the page needs (how many match, counts by status, how many are "mine" or
my organisation's) comes from counts an index can answer, and the page's ids are read
in index order, segment by segment (mine, my organisation's, the rest; each dated,
then undated), skipping whole segments that lie before the page. Only then are the
page's rows read in full (wardpanel.queries.actions). `status IN (...)` is used, never
`!=`, so an index can answer it.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Sequence
from dataclasses import dataclass

import peewee as pw

from wardpanel.core.models import ACTION_STATUSES, OPEN_ACTION_STATUSES, Action, Person

COUNT_KEYS = ("open", "in_progress", "overdue", "done", "dropped")
# Ranks of a row when the filter names who is asking ("me").
MINE, MY_ORGANISATION, OTHERS = 0, 1, 2


def status_conditions(
    statuses: Sequence[str], overdue: bool, as_of: dt.date
) -> list[pw.Expression]:
    """`status IN (...)` and, for overdue, the open statuses among them with a due date
    before `as_of`: "overdue" as wardpanel.core.words.is_overdue means it, in SQL."""
    if overdue:
        statuses = [s for s in statuses if s in OPEN_ACTION_STATUSES]
        return [Action.status.in_(statuses), Action.due < as_of]
    return [Action.status.in_(list(statuses))]


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
class Segment:
    """A run of the listing read in index order: due date then id (or id alone)."""

    conditions: tuple[pw.Expression, ...]
    size: int
    rank: int
    undated: bool


class Tally:
    """The numbers a page needs, as keys: each status; "overdue:<open status>"; and,
    among the chosen actions (statuses and overdue), "undated", and "mine", "org" (my
    organisation's), "org&mine", each also with ":undated"."""

    def __init__(
        self,
        statuses: Sequence[str],
        overdue: bool,
        as_of: dt.date,
        base: list[pw.Expression],
        me: Person | None,
    ) -> None:
        self.as_of = as_of
        self.base = base
        self.chosen = status_conditions(statuses, overdue, as_of)
        self.chosen_statuses = {s for s in statuses if not overdue or s in OPEN_ACTION_STATUSES}
        self.overdue = overdue
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

    def segments(self) -> list[Segment]:
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
                Segment((*chosen, Action.due.is_null(False)), size - size_undated, rank, False)
            )
            segments.append(Segment((*chosen, Action.due.is_null()), size_undated, rank, True))
        return segments


def page_ids(segments: list[Segment], offset: int, limit: int) -> list[tuple[int, int]]:
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
