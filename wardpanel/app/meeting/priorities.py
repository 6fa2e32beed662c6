"""The panel's priorities under review at this meeting: set here, kept, replaced, achieved.

Each row is a priority as the meeting sees it: how it stood when the meeting began, the
outcome decided here (if any), and the police actions reported against it.
"""

from __future__ import annotations

from typing import Any

from rich.text import Text
from textual.binding import Binding

from wardpanel import queries, services
from wardpanel.app.common.fields import Field, offered
from wardpanel.app.common.form import FormScreen
from wardpanel.app.meeting.section import Row, Section, cell, plural
from wardpanel.core.dates import format_date
from wardpanel.core.models import PRIORITY_STATUSES, Priority
from wardpanel.core.words import status_lower

STATUS_CHOICES = tuple((s, s.capitalize()) for s in PRIORITY_STATUSES)
SET_BY_CHOICES = (("panel", "The panel"), ("police", "The police"))
OUTCOME_CHOICES = (
    ("keep", "Keep it"),
    ("replace", "Replace it with a new priority"),
    ("achieved", "Achieved"),
    ("dropped", "Dropped"),
)
STATUS_STYLE = {"active": "bold", "achieved": "green", "dropped": "dim"}
OUTCOME_STYLE = {"keep": "cyan", "replace": "yellow", "achieved": "green", "dropped": "dim"}


def _substance(v: dict[str, Any]) -> dict[str, Any]:
    """Who set the priority, who leads on it, its measure and review date, from the form."""
    return {
        "set_by": v["set_by"],
        "lead": v["lead"],
        "measure": v["measure"],
        "review_by": v["review_by"],
    }


class PrioritiesSection(Section):
    title = "Priorities"
    short_title = "Prio"
    columns = ("Priority", "Set by", "Set at", "Standing", "Decided here", "Actions")
    widths = (0, 6, 12, 9, 12, 7)
    empty_hint = "No priorities yet: press a to set one."
    needs_selection = frozenset({"edit", "delete", "review"})
    BINDINGS = [
        Binding("a", "add", "Set priority"),
        Binding("v", "review", "Review"),
        Binding("e", "edit", "Edit"),
        Binding("d,delete", "delete", "Delete", key_display="d"),
    ]

    def load(self) -> list[Row]:
        rows = []
        for entry in queries.priorities_under_review(self.meeting):
            priority = entry.priority
            key = str(priority.id)
            self.items[key] = entry
            set_at = (
                "this meeting"
                if entry.set_here
                else (str(entry.set_at.date) if entry.set_at else "—")
            )
            outcome = entry.review.outcome if entry.review else ""
            rows.append(
                (
                    key,
                    (
                        cell(priority.text, self.flex()),
                        Text(priority.set_by),
                        Text(set_at, style="" if entry.set_here else "dim"),
                        Text(entry.status, style=STATUS_STYLE.get(entry.status, "")),
                        Text(outcome, style=OUTCOME_STYLE.get(outcome, "")),
                        Text(str(len(entry.actions)) if entry.actions else "—"),
                    ),
                )
            )
        return rows

    def summary(self) -> str:
        entries = list(self.items.values())
        here = sum(1 for e in entries if e.set_here)
        reviewed = sum(1 for e in entries if e.review)
        waiting = sum(1 for e in entries if not e.set_here and not e.review)
        text = f"{plural(len(entries), 'priority', 'priorities')} · {here} set here"
        text += f" · {reviewed} reviewed here"
        if waiting:
            text += f" · {waiting} to review (v)"
        return text

    def detail(self, key: str) -> Text:
        entry = self.items[key]
        priority: Priority = entry.priority
        text = Text(priority.text + "\n\n", style="bold")
        text.append(f"Set by the {priority.set_by}")
        if entry.set_at is not None:
            text.append(f" at the meeting of {format_date(entry.set_at.date)}")
        if entry.replaces is not None:
            text.append(f", replacing: {entry.replaces.text}", "italic")
        if priority.lead_id:
            text.append(f"\nLead: {priority.lead.name}")
        if priority.measure:
            text.append(f"\nMeasure: {priority.measure}")
        if priority.review_by:
            text.append(f"\nReview by: {format_date(priority.review_by)}")
        text.append("\nStanding when this meeting began: ")
        text.append(entry.status, STATUS_STYLE.get(entry.status, ""))
        if entry.reviews:
            text.append("\n\nReviews\n", "bold")
            for review in entry.reviews:
                text.append(f"{review.meeting.date}  ", "cyan")
                text.append(review.outcome, OUTCOME_STYLE.get(review.outcome, ""))
                if review.note:
                    text.append(f": {review.note}")
                if review.replaced_by_id:
                    text.append(f" (replaced by: {review.replaced_by.text})", "italic")
                text.append("\n")
        if entry.actions:
            text.append("\nActions reported against it\n", "bold")
            for reported in entry.actions:
                action = reported.action
                text.append(f"{action.ref} ", "bold")
                text.append(f"[{status_lower(reported.status)}] ", "italic")
                text.append(action.text[:200])
                if reported.latest is not None:
                    text.append(f"\n    {reported.latest.date}: {reported.latest.text}", "dim")
                text.append("\n")
        elif not entry.set_here:
            text.append("\n\nNo police actions reported against it yet.", "dim")
        return text

    # -- forms -----------------------------------------------------------------------

    def _form(
        self, title: str, values: dict[str, Any], save, draft_key: str, current=None
    ) -> FormScreen:
        fields = [
            Field("text", "Priority", "text", required=True),
            Field("set_by", "Set by", "choice", choices=SET_BY_CHOICES),
            Field("status", "Status", "choice", choices=STATUS_CHOICES),
            Field(
                "lead",
                "Lead organisation",
                placeholder="e.g. Metropolitan Police",
                suggestions=offered(queries.organisation_names),
            ),
            Field("measure", "How success is judged", placeholder="e.g. knife crime offences"),
            Field("review_by", "Review by (date)", placeholder="e.g. 3/9/2026"),
        ]
        return self.form(title, fields, values, save, draft_key, current)

    def action_add(self) -> None:
        def save(v: dict[str, Any], draft_key: str | None) -> Priority:
            return services.add_priority(self.meeting.id, v["text"], v["status"], **_substance(v))

        self.app.push_screen(
            self._form("New priority", {}, save, f"meeting{self.meeting.id}:priorities:add"),
            lambda p: p and self.saved(str(p.id), "Priority saved"),
        )

    def action_edit(self) -> None:
        entry = self.selected()
        if entry is None:
            return
        priority: Priority = entry.priority

        def save(v: dict[str, Any], draft_key: str | None) -> Priority:
            return services.update_priority(priority.id, v["text"], v["status"], **_substance(v))

        def now() -> dict[str, Any] | None:
            fresh = queries.record_by_id(Priority, priority.id)
            if fresh is None:
                return None
            return {
                "text": fresh.text,
                "status": fresh.status,
                "set_by": fresh.set_by,
                "lead": fresh.lead.name if fresh.lead_id else "",
                "measure": fresh.measure,
                "review_by": format_date(fresh.review_by) if fresh.review_by else "",
            }

        if (values := self.fresh(now)) is None:
            return
        self.app.push_screen(
            self._form("Edit priority", values, save, f"priority{priority.id}:edit", now),
            lambda p: p and self.saved(str(p.id), "Priority saved"),
        )

    def action_review(self) -> None:
        entry = self.selected()
        if entry is None:
            return
        priority: Priority = entry.priority
        fields = [
            Field("outcome", "Outcome at this meeting", "choice", choices=OUTCOME_CHOICES),
            Field("note", "What was said", "text"),
            Field("replacement", "The new priority, if replaced", "text"),
        ]
        values: dict[str, Any] = {"outcome": "keep"}
        if entry.review is not None:
            values = {"outcome": entry.review.outcome, "note": entry.review.note}
            if entry.review.replaced_by_id:
                values["replacement"] = entry.review.replaced_by.text

        def save(v: dict[str, Any], draft_key: str | None):
            replacement = v["replacement"] if v["outcome"] == "replace" else None
            return services.review_priority(
                priority.id, self.meeting.id, v["outcome"], v["note"], replacement
            )

        self.app.push_screen(
            self.form(
                "Review priority",
                fields,
                values,
                save,
                f"priority{priority.id}:review{self.meeting.id}",
                intro=priority.text[:300],
            ),
            lambda r: r and self.saved(str(priority.id), f"Review saved: {r.outcome}"),
        )

    def action_delete(self) -> None:
        entry = self.selected()
        if entry is None:
            return
        priority: Priority = entry.priority
        self.confirm_delete(
            "Delete this priority and its reviews?",
            priority.text[:300],
            lambda: services.delete_priority(priority.id),
            "Priority deleted",
        )
