"""The attendance record: how often each person and organisation was expected at a
panel's meetings in a period, and how often they came, sent apologies or stayed away,
with the reasons given for each absence.
"""

from __future__ import annotations

import dataclasses
import datetime as dt
from dataclasses import dataclass, field

from wardpanel.core.models import EXPECTED, Attendance, Meeting, Panel
from wardpanel.core.people import ANONYMOUS, FULL_RECORD, RESIDENTS, Naming
from wardpanel.queries.people import anonymous_askers, chairs_of, someones
from wardpanel.reports.common import check_period, meetings_in, panel_by_id

# A carried-over attendee the chair never marked: on the list, but nothing recorded.
NOT_RECORDED = "not_recorded"


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
    # Absences by their kind (models.ABSENCE_CATEGORIES; "" when the chair gave none).
    absent_by_kind: dict[str, int] = field(default_factory=dict, compare=False)

    def add(self, status: str, kind: str = "") -> None:
        """Count one more meeting expected at, what happened there and, for an
        absence, its kind."""
        self.expected += 1
        setattr(self, status, getattr(self, status) + 1)
        if status == "absent":
            self.absent_by_kind[kind] = self.absent_by_kind.get(kind, 0) + 1

    def add_counts(self, other: Counts) -> None:
        """Add another's counts to these, as an organisation's totals are made."""
        for name in ("expected", "present", "apologies", "absent", "not_recorded"):
            setattr(self, name, getattr(self, name) + getattr(other, name))
        for kind, count in other.absent_by_kind.items():
            self.absent_by_kind[kind] = self.absent_by_kind.get(kind, 0) + count


@dataclass(frozen=True)
class Mark:
    """One meeting on someone's record: present, apologies, absent or not_recorded."""

    meeting: Meeting
    status: str
    reason: str = ""  # the reason given, for an absence or an apology
    kind: str = ""  # the kind of absence (models.ABSENCE_CATEGORIES), when recorded


@dataclass(frozen=True)
class PersonAttendance:
    """One person's record over the period, as a document may print it."""

    person_id: int
    name: str  # as printed: "A resident" for an anonymous asker
    role: str  # empty for an anonymous asker
    counts: Counts
    marks: tuple[Mark, ...]  # oldest meeting first

    @property
    def absences(self) -> tuple[Mark, ...]:
        """The meetings they did not attend without apologies, with the reason given."""
        return tuple(mark for mark in self.marks if mark.status == "absent")

    @property
    def reasons_given(self) -> tuple[Mark, ...]:
        """Every absence (with its reason or none) and every apology that gave a reason,
        oldest first: what the attendance record lists for a person."""
        return tuple(
            mark
            for mark in self.marks
            if mark.status == "absent" or (mark.status == "apologies" and mark.reason.strip())
        )


@dataclass(frozen=True)
class OrganisationAttendance:
    """An organisation's people (or the residents) and their totals."""

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
        """The organisations, without the residents."""
        return tuple(o for o in self.organisations if o.organisation_id is not None)

    @property
    def residents(self) -> OrganisationAttendance | None:
        """The residents (people with no organisation), if any were expected."""
        return next((o for o in self.organisations if o.organisation_id is None), None)


def attendance_record(
    panel_id: int,
    date_from: dt.date | None = None,
    date_to: dt.date | None = None,
    naming: Naming = FULL_RECORD,
) -> AttendanceRecord:
    """Who was expected at the panel's meetings in the period, and who came.

    For each person on any meeting's list: meetings expected, present, apologies,
    absent and not recorded (see Counts), each absence with the reason given; grouped
    by organisation (by name), residents last, with each organisation's totals. People
    are named as `naming` says; whoever asked anonymously at one of these meetings is
    "A resident" here, since the record covers that meeting. InputError for an unknown
    panel or a period that ends before it starts.
    """
    panel = panel_by_id(panel_id)
    check_period(date_from, date_to)
    meetings = meetings_in(panel.id, date_from, date_to)
    by_id = {m.id: m for m in meetings}
    hidden = frozenset().union(*anonymous_askers(by_id).values())
    # The chairs of the period's meetings are named, as each meeting's minutes name them.
    naming = dataclasses.replace(naming, chairs=naming.chairs | chairs_of(by_id))
    marks: dict[int, list[Mark]] = {}
    if meetings:
        rows = (
            Attendance.select(
                Attendance.person,
                Attendance.meeting,
                Attendance.status,
                Attendance.reason,
                Attendance.absence_category,
            )
            .where(Attendance.meeting.in_(list(by_id)))
            .tuples()
        )
        for person_id, meeting_id, status, reason, kind in rows:
            status = NOT_RECORDED if status == EXPECTED else status
            away = status in ("absent", "apologies")
            mark = Mark(by_id[meeting_id], status, reason if away else "", kind if away else "")
            marks.setdefault(person_id, []).append(mark)
    people = someones(marks)
    order = {m.id: position for position, m in enumerate(meetings)}
    groups: dict[str, tuple[int | None, list[PersonAttendance]]] = {}
    for person_id, person in people.items():
        mine = sorted(marks[person_id], key=lambda mark: order[mark.meeting.id])
        counts = Counts()
        for mark in mine:
            counts.add(mark.status, mark.kind)
        is_hidden = person_id in hidden
        entry = PersonAttendance(
            person_id=person_id,
            name=ANONYMOUS if is_hidden else naming.name(person, None),
            role="" if is_hidden or naming.withholds(person, None) else person.role,
            counts=counts,
            marks=tuple(mine),
        )
        group = person.organisation or RESIDENTS
        key = person.organisation_id
        groups.setdefault(group, (key, []))[1].append(entry)

    organisations = []
    totals = Counts()
    for name, (key, members) in sorted(
        groups.items(), key=lambda item: (item[1][0] is None, item[0].casefold())
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
