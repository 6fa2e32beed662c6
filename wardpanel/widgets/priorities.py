"""The panel's priorities: set at this meeting, or earlier ones still under review."""

from __future__ import annotations

from typing import Any

from rich.text import Text

from wardpanel import queries, services
from wardpanel.models import PRIORITY_STATUSES, Priority
from wardpanel.screens.form import Field, FormScreen
from wardpanel.widgets.section import Row, Section, cell, plural

STATUS_CHOICES = tuple((s, s.capitalize()) for s in PRIORITY_STATUSES)
STATUS_STYLE = {"active": "bold", "achieved": "green", "dropped": "dim"}


class PrioritiesSection(Section):
    title = "Priorities"
    columns = ("Priority", "Status", "Set at")
    empty_hint = "No priorities yet: press a to set one."

    def load(self) -> list[Row]:
        rows = []
        for priority in queries.priorities_of(self.meeting):
            key = str(priority.id)
            self.items[key] = priority
            here = priority.meeting_id == self.meeting.id
            set_at = (
                "this meeting"
                if here
                else (str(priority.meeting.date) if priority.meeting_id else "—")
            )
            rows.append(
                (
                    key,
                    (
                        cell(priority.text, 80),
                        Text(priority.status, style=STATUS_STYLE.get(priority.status, "")),
                        Text(set_at, style="" if here else "dim"),
                    ),
                )
            )
        return rows

    def summary(self) -> str:
        here = sum(1 for p in self.items.values() if p.meeting_id == self.meeting.id)
        count = plural(len(self.items), "priority", "priorities")
        return f"{count} under review · {here} set at this meeting"

    def detail(self, key: str) -> Text:
        priority: Priority = self.items[key]
        text = Text(priority.text + "\n\n")
        text.append(f"Status: {priority.status}", STATUS_STYLE.get(priority.status, ""))
        return text

    def _form(self, title: str, values: dict[str, Any], save, draft_key: str) -> FormScreen:
        fields = [
            Field("text", "Priority", "text", required=True),
            Field("status", "Status", "choice", choices=STATUS_CHOICES),
        ]
        return FormScreen(
            title, fields, values, save=save, draft_key=draft_key, meeting_id=self.meeting.id
        )

    def action_add(self) -> None:
        def save(v: dict[str, Any], draft_key: str | None) -> Priority:
            return services.add_priority(
                self.meeting.id, v["text"], v["status"], draft_key=draft_key
            )

        self.app.push_screen(
            self._form("New priority", {}, save, f"meeting{self.meeting.id}:priorities:add"),
            lambda p: p and self.saved(str(p.id), "Priority saved"),
        )

    def action_edit(self) -> None:
        priority: Priority | None = self.selected()
        if priority is None:
            return

        def save(v: dict[str, Any], draft_key: str | None) -> Priority:
            return services.update_priority(
                priority.id, v["text"], v["status"], draft_key=draft_key
            )

        self.app.push_screen(
            self._form(
                "Review priority",
                {"text": priority.text, "status": priority.status},
                save,
                f"priority{priority.id}:edit",
            ),
            lambda p: p and self.saved(str(p.id), "Priority saved"),
        )

    def action_delete(self) -> None:
        priority: Priority | None = self.selected()
        if priority is None:
            return
        self.confirm_delete(
            "Delete this priority?",
            priority.text[:300],
            lambda: services.delete_priority(priority.id),
            "Priority deleted",
        )
