"""Who came, who sent apologies, and which expected officers stayed away (and why)."""

from __future__ import annotations

from typing import Any

from rich.text import Text
from textual.binding import Binding

from wardpanel import queries, services
from wardpanel.app.common.form import Field, FormScreen
from wardpanel.app.meeting.section import Row, Section, cell
from wardpanel.core.models import Attendance
from wardpanel.core.words import status_words

STATUS_STYLES = {
    "present": "green",
    "apologies": "yellow",
    "absent": "bold red",
    services.EXPECTED: "dim",
}
STATUS_LABELS = {status: (status_words(status), style) for status, style in STATUS_STYLES.items()}
STATUS_CHOICES = (("present", "Present"), ("apologies", "Apologies"), ("absent", "Absent"))


class AttendanceSection(Section):
    title = "Attendance"
    short_title = "People"
    columns = ("Name", "Role", "Organisation", "Attendance", "Reason given")
    widths = (18, 14, 18, 10, 0)
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
                        cell(person.name, self.fit(18)),
                        cell(person.role, self.fit(14)),
                        cell(org, self.fit(18), "" if person.organisation_id else "dim"),
                        Text(label, style=style),
                        cell(entry.reason, self.flex()),
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
            text.append(f"\nAbsent: {entry.person.name}", "bold red")
            text.append(f" — {reason}")
        return text

    def count_text(self) -> str:
        return f"{self.counts()['present']}/{len(self.items)}"

    def detail(self, key: str) -> Text:
        entry: Attendance = self.items[key]
        person = entry.person
        text = Text()
        text.append(person.name, "bold")
        if person.role:
            text.append(f", {person.role}")
        text.append(f"\n{person.organisation.name if person.organisation_id else 'Resident'}\n")
        label, style = STATUS_LABELS.get(entry.status, (entry.status, ""))
        text.append(label, style)
        if entry.reason:
            text.append(f": {entry.reason}")
        return text

    # -- commands --------------------------------------------------------------------

    def _form(self, title: str, values: dict[str, Any], save, draft_key: str) -> FormScreen:
        fields = [
            Field(
                "name",
                "Name",
                required=True,
                placeholder="e.g. Ada Okafor",
                suggestions=queries.person_names(limit=500),
            ),
            Field("role", "Role or rank", placeholder="e.g. PCSO, Sergeant, Councillor"),
            Field(
                "organisation",
                "Organisation (empty for a resident)",
                placeholder="e.g. Metropolitan Police",
                suggestions=queries.organisation_names(),
            ),
            Field("status", "Attendance", "choice", choices=STATUS_CHOICES),
            Field("reason", "Reason given, if absent", placeholder="e.g. at a police briefing"),
        ]
        return FormScreen(
            title, fields, values, save=save, draft_key=draft_key, meeting_id=self.meeting.id
        )

    def action_add(self) -> None:
        def save(v: dict[str, Any], draft_key: str | None) -> Attendance:
            return services.record_attendance(
                self.meeting.id,
                v["name"],
                v["role"],
                v["organisation"],
                v["status"],
                v["reason"],
                draft_key=draft_key,
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
        person = entry.person
        values = {
            "name": person.name,
            "role": person.role,
            "organisation": person.organisation.name if person.organisation_id else "",
            "status": entry.status if entry.status != services.EXPECTED else "present",
            "reason": entry.reason,
        }

        def save(v: dict[str, Any], draft_key: str | None) -> Attendance:
            services.update_attendee(entry.id, v["name"], v["role"], v["organisation"])
            return services.set_attendance(entry.id, v["status"], v["reason"])

        def done(saved: Attendance | None) -> None:
            if saved is not None:
                self.saved(str(saved.id), "Attendance saved")

        self.app.push_screen(
            self._form("Edit attendance", values, save, f"attendance{entry.id}:edit"), done
        )

    def action_mark(self, status: str) -> None:
        entry: Attendance | None = self.selected()
        if entry is None:
            return
        services.set_attendance(entry.id, status)
        row = self.table.cursor_row
        self.reload(select=str(entry.id))
        # Marking a list in order: move on to the next person.
        if row + 1 < self.table.row_count:
            self.table.move_cursor(row=row + 1, animate=False)

    def action_absent(self) -> None:
        entry: Attendance | None = self.selected()
        if entry is None:
            return
        fields = [Field("reason", f"Reason given for {entry.person.name}'s absence")]

        def save(v: dict[str, Any], draft_key: str | None) -> Attendance:
            return services.set_attendance(entry.id, "absent", v["reason"])

        def done(saved: Attendance | None) -> None:
            if saved is not None:
                self.saved(str(saved.id), f"{entry.person.name}: absent (saved)")

        self.app.push_screen(
            FormScreen("Absent", fields, {"reason": entry.reason}, save=save), done
        )

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
