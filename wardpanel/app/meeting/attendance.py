"""Who came, who sent apologies, and which expected officers stayed away (and why)."""

from __future__ import annotations

from typing import Any

from rich.text import Text
from textual.binding import Binding

from wardpanel import queries, services
from wardpanel.app.common.fields import Field
from wardpanel.app.common.form import FormScreen
from wardpanel.app.meeting.attendance_form import (
    KIND_CHOICES,
    absence_kind,
    asking_about_new_names,
    attendance_fields,
    details,
    entry_values,
)
from wardpanel.app.meeting.section import Row, Section, cell
from wardpanel.core.models import Attendance, Person
from wardpanel.core.people import FULL_RECORD
from wardpanel.core.words import ABSENCE_WORDS, status_words
from wardpanel.queries.people import someone

STATUS_STYLES = {
    "present": "green",
    "apologies": "yellow",
    "absent": "bold red",
    services.EXPECTED: "dim",
}
STATUS_LABELS = {status: (status_words(status), style) for status, style in STATUS_STYLES.items()}
UNFILLED = "post not filled"


def who(person: Person) -> str:
    """The person as the panel's own record names them: an expected post nobody filled
    (a person with no name, from a meeting file) by its role."""
    return FULL_RECORD.name(someone(person), None)


def said_of(entry: Attendance) -> str:
    """What the list says of an entry beyond its status, in a few words: 'for Sgt Tom
    Reid · late 19:40 · first time'; 'at a briefing (training)' for an absence."""
    if entry.status == "present":
        parts = [
            f"for {who(entry.substitute_for)}" if entry.substitute_for_id else "",
            # "late", as quick entry types it: the column is narrow.
            f"late {entry.arrived}" if entry.arrived else "",
            f"left {entry.departed}" if entry.departed else "",
            "first time" if entry.first_time else "",
        ]
        return " · ".join(part for part in parts if part)
    kind = ABSENCE_WORDS.get(entry.absence_category, "")
    said = entry.reason or ("no reason given" if entry.status == "absent" else "")
    if kind and entry.absence_category != "other" and kind.casefold() not in said.casefold():
        said = f"{said} ({kind})" if said else kind.capitalize()
    return said


class AttendanceSection(Section):
    title = "Attendance"
    short_title = "Who"
    columns = ("Name", "Role", "Organisation", "Attendance", "Details")
    widths = (17, 14, 16, 10, 0)
    empty_hint = "No one listed yet: press a to add a person, or : for quick entry."
    needs_selection = frozenset({"edit", "delete", "mark", "absent"})
    BINDINGS = [
        Binding("a", "add", "Add person"),
        Binding("p", "mark('present')", "Present"),
        Binding("s", "mark('apologies')", "Apologies"),
        Binding("x", "absent", "Absent"),
        Binding("e", "edit", "Edit"),
        Binding("d,delete", "delete", "Remove", key_display="d"),
    ]

    def load(self) -> list[Row]:
        rows = []
        for entry in queries.attendance_of(self.meeting.id):
            person = entry.person
            label, style = STATUS_LABELS.get(entry.status, (entry.status, ""))
            org = person.organisation.name if person.organisation_id else "resident"
            key = str(entry.id)
            self.items[key] = entry
            rows.append(
                (
                    key,
                    (
                        cell(who(person), self.fit(17)),
                        cell(
                            person.role if person.name else UNFILLED,
                            self.fit(14),
                            "" if person.name else "dim",
                        ),
                        cell(org, self.fit(16), "" if person.organisation_id else "dim"),
                        Text(label, style=style),
                        cell(said_of(entry), self.flex()),
                    ),
                )
            )
        return rows

    def counts(self) -> dict[str, int]:
        counts = dict.fromkeys(STATUS_LABELS, 0)
        for entry in self.items.values():
            counts[entry.status] = counts.get(entry.status, 0) + 1
        return counts

    def summary(self) -> Text:
        counts = self.counts()
        text = Text()
        text.append(f"{counts['present']} present", "green")
        text.append(f" · {counts['apologies']} apologies", "yellow")
        text.append(f" · {counts['absent']} absent", "bold red" if counts["absent"] else "")
        if counts[services.EXPECTED]:
            text.append(f" · {counts[services.EXPECTED]} not yet marked (p/s/x)", "dim")
        absent = [e for e in self.items.values() if e.status == "absent"]
        for entry in absent:
            reason = entry.reason or "no reason given"
            text.append(f"\nAbsent: {who(entry.person)}", "bold red")
            text.append(f" — {reason}")
        return text

    def count_text(self) -> str:
        return f"{self.counts()['present']}/{len(self.items)}"

    def detail(self, key: str) -> Text:
        entry: Attendance = self.items[key]
        person = entry.person
        text = Text()
        text.append(who(person), "bold")
        text.append(f", {person.role}" if person.name and person.role else "")
        text.append("" if person.name else f" ({UNFILLED})")
        text.append(f"\n{person.organisation.name if person.organisation_id else 'Resident'}\n")
        label, style = STATUS_LABELS.get(entry.status, (entry.status, ""))
        text.append(label, style)
        if entry.reason:
            text.append(f": {entry.reason}")
        details = [
            f"Standing in for {who(entry.substitute_for)}" if entry.substitute_for_id else "",
            f"Arrived {entry.arrived}" if entry.arrived else "",
            f"Left {entry.departed}" if entry.departed else "",
            "First meeting" if entry.first_time else "",
            f"Kind of absence: {ABSENCE_WORDS.get(entry.absence_category, '')}"
            if entry.absence_category
            else "",
            "Agreed to be named in published minutes" if person.named else "",
        ]
        for line in filter(None, details):
            text.append(f"\n{line}")
        return text

    # -- commands --------------------------------------------------------------------

    def _form(
        self, title: str, values: dict[str, Any], save, draft_key: str, current=None
    ) -> FormScreen:
        screen: FormScreen | None = None

        def form() -> FormScreen:
            assert screen is not None
            return screen

        checked = asking_about_new_names(form, self.meeting.id, save)
        fields = attendance_fields(self.meeting.id)
        screen = self.form(title, fields, values, checked, draft_key, current)
        return screen

    def action_add(self) -> None:
        def save(v: dict[str, Any], draft_key: str | None) -> Attendance:
            return services.record_attendance(
                self.meeting.id,
                v["name"],
                v["role"],
                v["organisation"],
                v["status"],
                v["reason"],
                **details(v),
            )

        def done(entry: Attendance | None) -> None:
            if entry is not None:
                self.saved(str(entry.id), f"{entry.person.name}: {entry.status} (saved)")

        draft_key = f"meeting{self.meeting.id}:attendance:add"
        self.app.push_screen(self._form("Add a person", {}, save, draft_key), done)

    def action_edit(self) -> None:
        entry: Attendance | None = self.selected()
        if entry is None:
            return

        def now() -> dict[str, Any] | None:
            return entry_values(queries.attendance_entry(entry.id))

        if (values := self.fresh(now)) is None:
            return

        def save(v: dict[str, Any], draft_key: str | None) -> Attendance:
            services.update_attendee(entry.id, v["name"], v["role"], v["organisation"])
            return services.set_attendance(entry.id, v["status"], v["reason"], **details(v))

        def done(saved: Attendance | None) -> None:
            if saved is not None:
                self.saved(str(saved.id), "Attendance saved")

        self.app.push_screen(
            self._form("Edit attendance", values, save, f"attendance{entry.id}:edit", now), done
        )

    def action_mark(self, status: str) -> None:
        entry: Attendance | None = self.selected()
        if entry is None:
            return
        try:
            services.set_attendance(entry.id, status)
        except services.InputError as error:
            self.notify(error.message, severity="warning", markup=False)
            return
        row = self.table.cursor_row
        self.reload(select=str(entry.id))
        # Marking a list in order: move on to the next person.
        if row + 1 < self.table.row_count:
            self.table.move_cursor(row=row + 1, animate=False)

    def action_absent(self) -> None:
        entry: Attendance | None = self.selected()
        if entry is None:
            return
        name = who(entry.person)
        fields = [
            Field("reason", f"Reason given for {name}'s absence"),
            Field("absence_category", "Kind of absence", "choice", choices=KIND_CHOICES),
        ]

        def save(v: dict[str, Any], draft_key: str | None) -> Attendance:
            kind = absence_kind(v)
            return services.set_attendance(entry.id, "absent", v["reason"], absence_category=kind)

        def done(saved: Attendance | None) -> None:
            if saved is not None:
                self.saved(str(saved.id), f"{name}: absent (saved)")

        def now() -> dict[str, Any] | None:
            fresh = queries.attendance_entry(entry.id)
            if fresh is None:
                return None
            return {"reason": fresh.reason, "absence_category": fresh.absence_category}

        if (values := self.fresh(now)) is None:
            return
        self.app.push_screen(FormScreen("Absent", fields, values, save=save, current=now), done)

    def action_delete(self) -> None:
        entry: Attendance | None = self.selected()
        if entry is None:
            return
        self.confirm_delete(
            f"Remove {entry.person.name} from this meeting's list?",
            "They stay known for later meetings.",
            lambda: services.remove_attendance(entry.id),
            f"{entry.person.name} removed from the list",
        )
