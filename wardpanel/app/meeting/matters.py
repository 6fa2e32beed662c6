"""Matters arising: actions from the panel's earlier meetings still open at this one."""

from __future__ import annotations

from rich.text import Text
from textual.binding import Binding

from wardpanel import queries
from wardpanel.app.actions.forms import update_form
from wardpanel.app.actions.history import history_text, ref, standing_cell
from wardpanel.app.meeting.section import Row, Section, cell, plural
from wardpanel.core.dates import format_date
from wardpanel.core.words import is_overdue
from wardpanel.queries.action_history import action_history


class MattersSection(Section):
    title = "Matters arising"
    short_title = "Arising"
    columns = ("Ref", "Action", "Owner", "Status", "Latest update")
    widths = (6, 0, 18, 11, 0)
    empty_hint = "No actions were left open by this panel's earlier meetings."
    needs_selection = frozenset({"update", "close"})
    BINDINGS = [
        Binding("u", "update", "Add update"),
        Binding("c", "close", "Close action"),
        Binding("enter", "update", "Add update", show=False),
    ]

    def load(self) -> list[Row]:
        today = self.app.today()
        rows = []
        for matter in queries.matters_arising(self.meeting):
            action = matter.action
            key = str(action.id)
            self.items[key] = matter
            latest = matter.latest.text if matter.latest else ""
            rows.append(
                (
                    key,
                    (
                        Text(ref(action), style="bold"),
                        cell(action.text, self.flex(0.5)),
                        cell(action.owner_name() or action.organisation or "", self.fit(18)),
                        standing_cell(action, today),
                        cell(latest or "no update yet", self.flex(0.5), "" if latest else "dim"),
                    ),
                )
            )
        return rows

    def summary(self) -> Text:
        today = self.app.today()
        matters = list(self.items.values())
        overdue = [m for m in matters if is_overdue(m.action.status, m.action.due, today)]
        closed_here = [m for m in matters if not m.action.is_open]
        text = Text(f"{plural(len(matters), 'action')} open from earlier meetings")
        if overdue:
            text.append(f" · {len(overdue)} overdue", "bold red")
        if closed_here:
            text.append(f" · {len(closed_here)} closed since", "green")
        return text

    def detail(self, key: str) -> Text:
        matter = self.items[key]
        action = matter.action
        text = history_text(action_history(action.id), self.app.today())
        text.append(f"\nRaised at the meeting of {format_date(action.meeting_date)}.", "dim")
        return text

    def action_update(self, closing: bool = False) -> None:
        matter = self.selected()
        if matter is None:
            return
        action = matter.action
        self.app.push_screen(
            update_form(action, self.meeting.id, closing),
            lambda u: u and self.saved(str(action.id), f"Update to {ref(action)} saved"),
        )

    def action_close(self) -> None:
        self.action_update(closing=True)
