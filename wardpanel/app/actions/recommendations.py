"""Recommendations awaiting an organisation's response, as the officer and the chair read
them on screen, and the forms that record what the organisation said.

A recommendation is never an action agreed: in the Actions view they have a list of
their own under the actions, with its own heading, and a meeting shows them in their
own tab. Which ones the view shows is `queries.recommendations.awaiting_response`, the
rule the follow-up list in Word follows too.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Sequence
from typing import Any

from rich.text import Text
from textual.binding import Binding
from textual.content import Content
from textual.message import Message

from wardpanel import services
from wardpanel.app.common.fields import Field
from wardpanel.app.common.form import FormScreen
from wardpanel.app.common.rowlist import Row, RowList
from wardpanel.core.dates import format_date
from wardpanel.core.models import RECOMMENDATION_STATUSES, Recommendation
from wardpanel.core.words import response_due_words, short_date, status_words
from wardpanel.queries.recommendations import RecommendationOnDay

STATUS_CHOICES = tuple((status, status_words(status)) for status in RECOMMENDATION_STATUSES)
UPDATE_CHOICES = (("", "No change"), *STATUS_CHOICES)
# What a response usually says; the form still offers every status.
ANSWERED_CHOICES = (
    *(c for c in STATUS_CHOICES if c[0] != "awaiting_response"),
    ("awaiting_response", status_words("awaiting_response") + " (an interim reply)"),
)


def due_words(item: Recommendation) -> str:
    """When its response is due, as said and by date: 'in the autumn (by 30 Sep 2026)'."""
    return response_due_words(item.response_due_as_said, item.response_due)


def recommendation_text(found: RecommendationOnDay, *, where: bool = False) -> Text:
    """A recommendation in full: to whom and from whom, where it stands, what it says,
    when the response is due, the response and every update. With `where`, the panel
    and meeting that made it too (the Actions view lists every panel's)."""
    item = found.recommendation
    text = Text()
    text.append("Recommendation", "bold magenta")
    text.append(" (not an action agreed)  ", "dim")
    text.append(f"to {found.to or 'no organisation named'}", "bold")
    if item.from_body:
        text.append(f", from {item.from_body}", "bold")
    text.append(f"   {status_words(found.standing)}\n", "bold red" if found.overdue else "")
    if where:
        text.append(f"{found.panel}, meeting of {format_date(found.meeting_date)}\n", "dim")
    text.append("\n" + item.text + "\n")
    due = due_words(item)
    if due:
        text.append(f"\nResponse due: {due}\n", "dim")
    if item.response:
        text.append("\nResponse\n", "bold cyan")
        text.append(item.response + "\n")
    for update in found.updates:
        status = f" (now {status_words(update.status).lower()})" if update.status else ""
        text.append(f"\n{format_date(update.date)}: ", "bold")
        text.append(f"{update.text}{status}\n")
    return text


def update_form(
    found: RecommendationOnDay, today: dt.date, meeting_id: int | None = None
) -> FormScreen:
    """What the organisation said or did since, dated, and perhaps a new status."""
    rec_id = found.recommendation.id
    fields = [
        Field("text", "What the organisation said or did", "text"),
        Field("status", "Status now", "choice", choices=UPDATE_CHOICES),
        Field("date", "Date (empty: today)", placeholder="e.g. 10/12/2026"),
    ]

    def save(v: dict[str, Any], draft_key: str | None) -> Any:
        return services.add_recommendation_update(
            rec_id, v["text"], v["status"] or None, v["date"] or today
        )

    place = f"meeting{meeting_id}:recommendations" if meeting_id else "recommendation"
    return FormScreen(
        "Recommendation update",
        fields,
        {},
        save=save,
        draft_key=f"{place}:update{rec_id}",
        meeting_id=meeting_id,
        intro=found.recommendation.text[:200],
    )


def response_form(found: RecommendationOnDay, today: dt.date) -> FormScreen:
    """The organisation's response, the status it gives the recommendation, and its date."""
    rec_id = found.recommendation.id
    fields = [
        Field("response", "The organisation's response", "text", required=True),
        Field("status", "Status now", "choice", choices=ANSWERED_CHOICES),
        Field("date", "Date of the response (empty: today)", placeholder="e.g. 10/12/2026"),
    ]

    def save(v: dict[str, Any], draft_key: str | None) -> Recommendation:
        return services.record_recommendation_response(
            rec_id, v["response"], v["status"], v["date"] or today
        )

    values = {"response": found.recommendation.response, "status": ANSWERED_CHOICES[0][0]}
    return FormScreen(
        f"Response from {found.to or 'the organisation'}",
        fields,
        values,
        save=save,
        draft_key=f"recommendation{rec_id}:response",
        intro=found.recommendation.text[:200],
    )


def awaiting_heading(found: Sequence[RecommendationOnDay], focused: bool) -> Content:
    """The line above the list: what it is, how many, how many overdue, how to reach it
    (once there, the key bar gives the keys)."""
    late = sum(1 for item in found if item.overdue)
    parts: list[str | tuple[str, str]] = [
        ("Recommendations awaiting a response", "bold $text-accent"),
        (" (not actions agreed)", "dim"),
        f": {len(found):,}",
    ]
    if late:
        parts.append((f" · {late:,} overdue", "bold $text-error"))
    if not focused:
        parts.append(("   tab to reach them", "dim"))
    return Content.assemble(*parts)


def awaiting_row(found: RecommendationOnDay) -> Row:
    """One line: overdue or not, the response date, to whom, what it says (the words
    used for the date, "in the autumn", are in the pane below)."""
    item = found.recommendation
    # Every one awaits a response (the heading says so): only the overdue are marked.
    standing = status_words("overdue") if found.overdue else ""
    line = Content.assemble(
        (f"{standing:<7}", "bold $text-error"),
        " ",
        (f"{short_date(item.response_due) or 'no date':<11}", "dim"),
        " ",
        (found.to or "no organisation", "$text-primary"),
        " · ",
        " ".join(item.text.split()),
    )
    return Row(str(item.id), (line,))


class AwaitingList(RowList):
    """The recommendations the view's filters pick, still awaiting a response: u adds a
    dated update, p (or Enter) records the response, o opens the meeting that made it."""

    BINDINGS = [
        Binding("u", "update", "Update"),
        Binding("p", "response", "Response"),
        Binding("o", "open_meeting", "Open meeting"),
    ]

    class Saved(Message):
        """A response or an update was saved: the list and the detail are read again."""

        def __init__(self, awaiting: AwaitingList, message: str) -> None:
            super().__init__()
            self.awaiting = awaiting
            self.message = message

    def __init__(self, *, id: str | None = None) -> None:
        super().__init__(id=id)
        self.found: dict[str, RecommendationOnDay] = {}

    def show(self, found: Sequence[RecommendationOnDay], keep: str | None = None) -> None:
        """Show these recommendations; the cursor stays on `keep` if it is still here."""
        self.found = {str(item.recommendation.id): item for item in found}
        self.set_rows([awaiting_row(item) for item in found], select=keep)

    @property
    def current(self) -> RecommendationOnDay | None:
        """The recommendation under the cursor, if any."""
        key = self.highlighted_key
        return self.found.get(key) if key else None

    def _saved(self, message: str):
        def done(result: object) -> None:
            if result is not None:
                self.post_message(self.Saved(self, message))

        return done

    def action_update(self) -> None:
        found = self.current
        if found is not None:
            self.app.push_screen(
                update_form(found, self.app.today()), self._saved("Recommendation updated")
            )

    def action_response(self) -> None:
        found = self.current
        if found is not None:
            self.app.push_screen(
                response_form(found, self.app.today()), self._saved("Response recorded")
            )

    def action_choose(self) -> None:
        self.action_response()

    def action_open_meeting(self) -> None:
        from wardpanel.app.meeting.screen import MeetingScreen

        found = self.current
        if found is None:
            return
        # On its Recommendations tab, where it was made.
        self.app.push_screen(
            MeetingScreen(found.recommendation.meeting_id, section="recommendations")
        )
