"""Recommendations: put to an organisation at this meeting, awaiting its response; never
actions agreed. The organisation's response and what follows are dated updates."""

from __future__ import annotations

from typing import Any

from rich.text import Text
from textual.binding import Binding

from wardpanel import queries, services
from wardpanel.app.actions.recommendations import (
    STATUS_CHOICES,
    due_words,
    recommendation_text,
    update_form,
)
from wardpanel.app.common.fields import Field, offered
from wardpanel.app.meeting.section import Row, Section, cell, plural
from wardpanel.core.dates import format_date
from wardpanel.core.models import Recommendation
from wardpanel.core.words import status_words
from wardpanel.queries.recommendations import RecommendationOnDay, recommendations_on


class RecommendationsSection(Section):
    title = "Recommendations"
    short_title = "Rec"
    columns = ("#", "Recommendation", "Put to", "Response due", "Status")
    widths = (3, 18, 14, 12)
    empty_hint = "No recommendations: press a for one put to an organisation for its response."
    needs_selection = frozenset({"edit", "delete", "update"})
    BINDINGS = [
        Binding("a", "add", "Add"),
        Binding("e", "edit", "Edit / response"),
        Binding("u", "update", "Update"),
        Binding("d,delete", "delete", "Delete", key_display="d"),
    ]

    def load(self) -> list[Row]:
        rows = []
        found = recommendations_on(self.app.today(), meeting_ids=[self.meeting.id])
        for number, item in enumerate(found, start=1):
            key = str(item.recommendation.id)
            self.items[key] = item
            standing = item.standing
            rows.append(
                (
                    key,
                    (
                        Text(str(number), style="bold"),
                        cell(item.recommendation.text, self.flex()),
                        cell(item.to, self.fit(18), "cyan"),
                        cell(due_words(item.recommendation), self.fit(14)),
                        cell(status_words(standing), 12, "bold red" if item.overdue else ""),
                    ),
                )
            )
        return rows

    def summary(self) -> Text:
        items: list[RecommendationOnDay] = list(self.items.values())
        text = Text(plural(len(items), "recommendation"))
        waiting = sum(1 for i in items if i.status == "awaiting_response")
        late = sum(1 for i in items if i.overdue)
        if waiting:
            text.append(f" · awaiting a response: {waiting}", "yellow")
        if late:
            text.append(f" · overdue: {late}", "bold red")
        return text

    def detail(self, key: str) -> Text:
        return recommendation_text(self.items[key])

    def _form(self, title: str, values: dict[str, Any], save, draft_key: str, current=None):
        fields = [
            Field("text", "Recommendation", "text", required=True),
            Field(
                "to",
                "Put to (organisation)",
                placeholder="e.g. Metropolitan Police",
                suggestions=offered(queries.organisation_names),
            ),
            Field("from_body", "From", placeholder="e.g. the citizens' assembly"),
            Field("as_said", "Response due, in the words used", placeholder="e.g. in the autumn"),
            Field("response_due", "Response due by (date)", placeholder="e.g. 30/11/2026"),
            Field("status", "Status", "choice", choices=STATUS_CHOICES),
            Field("response", "The organisation's response", "text"),
        ]
        return self.form(title, fields, values, save, draft_key, current)

    @staticmethod
    def _typed(v: dict[str, Any]) -> tuple[Any, ...]:
        return (
            v["text"], v["to"], v["from_body"], v["response_due"], v["as_said"], v["status"],
            v["response"],
        )  # fmt: skip

    def action_add(self) -> None:
        def save(v: dict[str, Any], draft_key: str | None) -> Recommendation:
            return services.add_recommendation(self.meeting.id, *self._typed(v))

        self.app.push_screen(
            self._form(
                "New recommendation",
                {"status": "awaiting_response"},
                save,
                f"meeting{self.meeting.id}:recommendations:add",
            ),
            lambda r: r and self.saved(str(r.id), "Recommendation saved"),
        )

    def action_edit(self) -> None:
        found: RecommendationOnDay | None = self.selected()
        if found is None:
            return
        rec_id = found.recommendation.id

        def now() -> dict[str, Any] | None:
            fresh = Recommendation.get_or_none(Recommendation.id == rec_id)
            if fresh is None:
                return None
            return {
                "text": fresh.text,
                "to": fresh.to_organisation.name if fresh.to_organisation_id else "",
                "from_body": fresh.from_body,
                "as_said": fresh.response_due_as_said,
                "response_due": format_date(fresh.response_due) if fresh.response_due else "",
                "status": fresh.status,
                "response": fresh.response,
            }

        def save(v: dict[str, Any], draft_key: str | None) -> Recommendation:
            return services.update_recommendation(rec_id, *self._typed(v))

        if (values := self.fresh(now)) is None:
            return
        form = self._form("Edit recommendation", values, save, f"recommendation{rec_id}:edit", now)
        self.app.push_screen(form, lambda r: r and self.saved(str(r.id), "Recommendation saved"))

    def action_update(self) -> None:
        found: RecommendationOnDay | None = self.selected()
        if found is None:
            return
        rec_id = found.recommendation.id
        form = update_form(found, self.app.today(), self.meeting.id)
        self.app.push_screen(form, lambda u: u and self.saved(str(rec_id), "Update saved"))

    def action_delete(self) -> None:
        found: RecommendationOnDay | None = self.selected()
        if found is None:
            return
        rec_id = found.recommendation.id
        self.confirm_delete(
            "Delete this recommendation and its updates?",
            found.recommendation.text[:300],
            lambda: services.delete_recommendation(rec_id),
            "Recommendation deleted",
        )
