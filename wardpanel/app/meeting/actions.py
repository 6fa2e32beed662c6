"""Actions agreed at this meeting: what, who, which organisation, by when."""

from __future__ import annotations

import datetime as dt
from typing import Any

from rich.text import Text
from textual.binding import Binding

from wardpanel import queries, services
from wardpanel.app.common.form import Field, FormScreen
from wardpanel.app.meeting.section import Row, Section, cell, plural
from wardpanel.core.dates import format_date
from wardpanel.core.models import ACTION_STATUSES, Action, ActionUpdate
from wardpanel.queries import actions as followup

STATUS_STYLE = {"open": "", "in_progress": "cyan", "done": "green", "dropped": "dim"}
STATUS_CHOICES = tuple((s, s.replace("_", " ").capitalize()) for s in ACTION_STATUSES)


def ref(action: Action) -> str:
    return f"A{action.id}"


def owner_label(action: Action) -> str:
    return action.owner.name if action.owner_id else ""


def org_label(action: Action) -> str:
    return action.organisation.name if action.organisation_id else ""


def due_cell(action: Action, today: dt.date) -> Text:
    if action.due is None:
        return Text("—", style="dim")
    if action.is_overdue(today):
        return Text(f"{action.due} OVERDUE", style="bold red")
    return Text(str(action.due))


def status_cell(status: str) -> Text:
    return Text(status.replace("_", " "), style=STATUS_STYLE.get(status, ""))


def action_form(
    meeting_id: int, title: str, values: dict[str, Any], save, draft_key: str, intro: str = ""
) -> FormScreen:
    fields = [
        Field("text", "Action", "text", required=True),
        Field("owner", "Owner (a person)", suggestions=queries.person_names(limit=500)),
        Field("organisation", "Organisation", suggestions=queries.organisation_names()),
        Field("due", "Due", placeholder="2026-05-01, 1/5, friday, in 2 weeks"),
        Field("status", "Status", "choice", choices=STATUS_CHOICES),
    ]
    return FormScreen(
        title, fields, values, save=save, draft_key=draft_key, meeting_id=meeting_id, intro=intro
    )


def update_form(action: Action, meeting_id: int, closing: bool = False) -> FormScreen:
    """Progress on an action (and a new status), reported at this meeting."""
    fields = [
        Field("text", "What happened", "text", required=not closing),
        Field("status", "Status now", "choice", choices=STATUS_CHOICES),
    ]

    def save(v: dict[str, Any], draft_key: str | None) -> ActionUpdate:
        return services.add_action_update(
            action.id, v["text"], v["status"], meeting_id=meeting_id, draft_key=draft_key
        )

    values = {"status": "done" if closing else action.status}
    return FormScreen(
        f"{'Close' if closing else 'Update'} {ref(action)}",
        fields,
        values,
        save=save,
        draft_key=f"action{action.id}:update",
        meeting_id=meeting_id,
        intro=action.text[:300],
    )


def history_text(history: followup.ActionHistory, today: dt.date) -> Text:
    """An action's whole life, as an officer reads it before updating it."""
    action = history.action
    text = Text()
    text.append(f"A{action.id}  ", "bold")
    text.append(action.text + "\n\n")
    text.append("Owner: ")
    who = [part for part in (history.owner, history.organisation) if part]
    text.append(", ".join(who) or "not assigned")
    text.append("\nDue: ")
    if action.due is None:
        text.append("no date", "dim")
    elif action.is_overdue(today):
        text.append(f"{format_date(action.due)}  OVERDUE", "bold red")
    else:
        text.append(format_date(action.due))
    text.append("\nStatus: ")
    text.append_text(status_cell(action.status))
    text.append(f"\nRaised at: {history.panel}, {format_date(history.meeting_date)}")
    if history.question_number is not None:
        text.append(f"\nFrom question {history.question_number}: ", "italic")
        text.append(history.question_text[:300], "italic")
    text.append("\n\nHistory\n", "bold")
    if not history.updates:
        text.append("No updates yet: press u to add one.", "dim")
    for update in history.updates:
        text.append(f"{update.date}  ", "cyan")
        if update.status:
            text.append(f"[{update.status.replace('_', ' ')}] ", "italic")
        text.append(update.text or "")
        if update.meeting_date:
            text.append(f"  (reported at the meeting of {update.meeting_date})", "dim")
        text.append("\n")
    return text


class ActionsSection(Section):
    title = "Actions"
    columns = ("Ref", "Action", "Owner", "Organisation", "Due", "Status")
    empty_hint = "No actions yet: press a to add one, t on a question, or : then  action …"
    needs_selection = frozenset({"edit", "delete", "update", "close"})
    BINDINGS = [
        Binding("a", "add", "Add action"),
        Binding("u", "update", "Update"),
        Binding("c", "close", "Close"),
        Binding("e", "edit", "Edit"),
        Binding("d,delete", "delete", "Delete", key_display="d"),
    ]

    def load(self) -> list[Row]:
        today = dt.date.today()
        rows = []
        for action in queries.actions_of(self.meeting.id):
            key = str(action.id)
            self.items[key] = action
            rows.append(
                (
                    key,
                    (
                        Text(ref(action), style="bold"),
                        cell(action.text, 60),
                        cell(owner_label(action), 24),
                        cell(org_label(action), 26),
                        due_cell(action, today),
                        status_cell(action.status),
                    ),
                )
            )
        return rows

    def summary(self) -> Text:
        today = dt.date.today()
        actions = list(self.items.values())
        open_ = [a for a in actions if a.is_open]
        overdue = [a for a in actions if a.is_overdue(today)]
        text = Text(f"{plural(len(actions), 'action')} · {len(open_)} open")
        if overdue:
            text.append(f" · {len(overdue)} overdue", "bold red")
        return text

    def detail(self, key: str) -> Text:
        action: Action = self.items[key]
        return history_text(followup.action_history(action.id), dt.date.today())

    def action_add(self) -> None:
        def save(v: dict[str, Any], draft_key: str | None) -> Action:
            return services.add_action(
                self.meeting.id,
                v["text"],
                v["owner"],
                v["organisation"],
                v["due"],
                v["status"],
                draft_key=draft_key,
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
        values = {
            "text": action.text,
            "owner": owner_label(action),
            "organisation": org_label(action),
            "due": action.due.isoformat() if action.due else "",
            "status": action.status,
        }

        def save(v: dict[str, Any], draft_key: str | None) -> Action:
            return services.update_action(
                action.id,
                v["text"],
                v["owner"],
                v["organisation"],
                v["due"],
                v["status"],
                draft_key=draft_key,
            )

        self.app.push_screen(
            action_form(
                self.meeting.id, f"Edit {ref(action)}", values, save, f"action{action.id}:edit"
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
