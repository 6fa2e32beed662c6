"""The minutes' Present, Apologies and Absent sections: who came, who sent apologies,
who stayed away and why, by organisation with the residents last.

Residents a document does not name are counted, not listed ("and 4 other residents"),
so that counting lines identifies nobody; substitutes, late arrivals, early departures,
first-time attendees and the kind of each absence are printed as BRIEF.md describes.
"""

from __future__ import annotations

from collections.abc import Callable, Iterable, Sequence

from wardpanel.core.models import Attendance
from wardpanel.core.people import RESIDENTS, Naming
from wardpanel.core.words import ABSENCE_WORDS
from wardpanel.exporting.worddoc import BOLD, Look, Span, WordDocument
from wardpanel.queries.people import someone

NONE_RECORDED = Span("None recorded.", Look(colour="595959"))
SECTIONS = (("Present", "present"), ("Apologies", "apologies"), ("Absent", "absent"))


def by_organisation(entries: Iterable[Attendance]) -> list[tuple[str, list[Attendance]]]:
    """Entries grouped by organisation in the order first met, residents last."""
    groups: dict[str, list[Attendance]] = {}
    residents: list[Attendance] = []
    for entry in entries:
        organisation = entry.person.organisation
        if organisation is None:
            residents.append(entry)
        else:
            groups.setdefault(organisation.name, []).append(entry)
    ordered = list(groups.items())
    if residents:
        ordered.append((RESIDENTS, residents))
    return ordered


def others(withheld: int, after_names: bool) -> str:
    """How residents left unnamed are counted: 'and 2 other residents' after names, '3
    residents' or 'A resident' alone."""
    noun = "resident" if withheld == 1 else "residents"
    if after_names:
        return f"{withheld} other {noun}"
    return f"{withheld} {noun}" if withheld > 1 else "A resident"


class AttendeeSections:
    """Writes a meeting's attendance sections into a document."""

    def __init__(
        self,
        doc: WordDocument,
        meeting_id: int,
        attendance: Sequence[Attendance],
        naming: Naming,
        typed: Callable[[str], str] = str,
    ) -> None:
        self.doc = doc
        self.meeting_id = meeting_id
        self.attendance = attendance
        self.naming = naming
        self.typed = typed  # reasons as typed, residents' names printed as the document does

    def write(self) -> None:
        doc = self.doc
        for heading, status in SECTIONS:
            doc.heading(heading, 1)
            entries = [a for a in self.attendance if a.status == status]
            if not entries:
                doc.paragraph(NONE_RECORDED)
                continue
            for organisation, members in by_organisation(entries):
                doc.paragraph(organisation, style="Heading2", space_after_pt=0)
                lines = self.lines(members, status)
                for position, words in enumerate(lines, start=1):
                    doc.bullet(words, keep_with_next=position < len(lines))
            if status == "present":
                self.first_timers()

    def withheld(self, entry: Attendance) -> bool:
        person = someone(entry.person)
        return person is not None and self.naming.withholds(person, self.meeting_id)

    def lines(self, members: list[Attendance], status: str) -> list[list[str | Span]]:
        """One line per attendee; the residents this document does not name as one line
        at the end."""
        lines = [self.attendee(entry, status) for entry in members if not self.withheld(entry)]
        unnamed = sum(1 for entry in members if self.withheld(entry))
        if unnamed:
            lines.append([("and " if lines else "") + others(unnamed, bool(lines))])
        return lines

    def attendee(self, entry: Attendance, status: str) -> list[str | Span]:
        """'PC Dan Hill (for Sgt Tom Reid), arrived 19:40'; an absence or apology with
        the reason given and its kind."""
        naming, meeting_id = self.naming, self.meeting_id
        parts: list[str | Span] = [naming.with_role(someone(entry.person), meeting_id)]
        if entry.substitute_for_id is not None:
            parts.append(f" (for {naming.name(someone(entry.substitute_for), meeting_id)})")
        times = [
            f"arrived {entry.arrived}" if entry.arrived else "",
            f"left {entry.departed}" if entry.departed else "",
        ]
        if status == "present" and any(times):
            parts.append(", " + ", ".join(t for t in times if t))
        reason = self.typed(" ".join(entry.reason.split()))
        kind = ABSENCE_WORDS.get(entry.absence_category, "")
        if status == "absent" or reason:
            said = f"reason given: {reason}" if reason else "no reason given"
            if kind and entry.absence_category not in ("other", *reason.casefold().split()):
                said += f"; {kind}"
            parts.append(f" ({said})")
        return parts

    def first_timers(self) -> None:
        """'First time: Sam Okoro, Ann Lee', under Present, when anyone came first; the
        residents this document does not name are counted, not listed."""
        first = [e for e in self.attendance if e.first_time and e.status == "present"]
        named = [
            self.naming.name(someone(e.person), self.meeting_id)
            for e in first
            if not self.withheld(e)
        ]
        unnamed = len(first) - len(named)
        if unnamed:
            named.append(others(unnamed, bool(named)))
        if named:
            self.doc.paragraph([Span("First time: ", BOLD), ", ".join(named)])
