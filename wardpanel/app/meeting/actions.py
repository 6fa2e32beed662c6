"""Actions agreed at this meeting: what, who, which organisation, by when."""

from __future__ import annotations

from typing import Any

from rich.text import Text
from textual.binding import Binding

from wardpanel import queries, services
from wardpanel.app.actions.forms import action_form, action_values, chosen_priority, update_form
from wardpanel.app.actions.history import (
    history_text,
    ref,
    standing_cell,
    who_label,
)
from wardpanel.app.meeting.section import Row, Section, cell, plural
from wardpanel.core.models import Action
from wardpanel.core.words import short_date
from wardpanel.queries.action_history import action_history


class ActionsSection(Section):
    title = "Actions"
    short_title = "Acts"
    columns = ("Ref", "Action", "Owner", "Due", "Status")
    widths = (6, 0, 20, 11, 11)
    empty_hint = "No actions yet: press a to add one, t on a question, or : then  action …"
    needs_selection = frozenset({"edit", "delete", "update", "close", "internal"})
    internal_kind = "action"
    BINDINGS = [
        Binding("a", "add", "Add action"),
        Binding("u", "update", "Update"),
        Binding("c", "close", "Close"),
        Binding("e", "edit", "Edit"),
        Binding("d,delete", "delete", "Delete", key_display="d"),
        Binding("i", "internal", "Internal or public", show=False),
    ]

    def load(self) -> list[Row]:
        today = self.app.today()
        rows = []
        for action in queries.actions_of(self.meeting.id):
            key = str(action.id)
            self.items[key] = action
            rows.append(
                (
                    key,
                    (
                        Text(ref(action), style="bold"),
                        cell(action.text, self.flex()),
                        cell(who_label(action), self.fit(20)),
                        Text(short_date(action.due) or "—", style="" if action.due else "dim"),
                        standing_cell(action, today),
                    ),
                )
            )
        return rows

    def summary(self) -> Text:
        today = self.app.today()
        actions = list(self.items.values())
        open_ = [a for a in actions if a.is_open]
        overdue = [a for a in actions if a.is_overdue(today)]
        text = Text(f"{plural(len(actions), 'action')} · {len(open_)} open")
        if overdue:
            text.append(f" · {len(overdue)} overdue", "bold red")
        return text

    def detail(self, key: str) -> Text:
        action: Action = self.items[key]
        return history_text(action_history(action.id), self.app.today())

    def action_add(self) -> None:
        def save(v: dict[str, Any], draft_key: str | None) -> Action:
            return services.add_action(
                self.meeting.id,
                v["text"],
                v["owner"],
                v["organisation"],
                v["due"],
                v["status"],
                priority_id=chosen_priority(v),
            )

        self.app.push_screen(
            action_form(
                self.meeting.id, "New action", {}, save, f"meeting{self.meeting.id}:actions:add"
            ),
            lambda a: a and self.saved(str(a.id), f"Action {ref(a)} saved"),
        )

    def action_edit(self) -> None:
        action: Action | None = self.selected()
        if action is None:
            return

        def now() -> dict[str, Any] | None:
            return action_values(queries.action_with_names(action.id))

        if (values := self.fresh(now)) is None:
            return

        def save(v: dict[str, Any], draft_key: str | None) -> Action:
            return services.update_action(
                action.id,
                v["text"],
                v["owner"],
                v["organisation"],
                v["due"],
                v["status"],
                priority_id=chosen_priority(v),
            )

        self.app.push_screen(
            action_form(
                self.meeting.id,
                f"Edit {ref(action)}",
                values,
                save,
                f"action{action.id}:edit",
                current=now,
            ),
            lambda a: a and self.saved(str(a.id), f"Action {ref(a)} saved"),
        )

    def action_update(self, closing: bool = False) -> None:
        action: Action | None = self.selected()
        if action is None:
            return
        self.app.push_screen(
            update_form(action, self.meeting.id, closing),
            lambda u: u and self.saved(str(action.id), f"Update to {ref(action)} saved"),
        )

    def action_close(self) -> None:
        self.action_update(closing=True)

    def action_delete(self) -> None:
        action: Action | None = self.selected()
        if action is None:
            return
        self.confirm_delete(
            f"Delete action {ref(action)} and its history?",
            action.text[:300],
            lambda: services.delete_action(action.id),
            f"Action {ref(action)} deleted",
        )
