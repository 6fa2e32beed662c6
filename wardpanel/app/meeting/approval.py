"""Approving a meeting's minutes (which locks them) and reopening them with a reason,
and recording whether the meeting agreed the previous minutes, from the meeting
screen's keys and the command palette."""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

from textual.screen import Screen

from wardpanel import queries, services
from wardpanel.app.common.confirm import ConfirmScreen
from wardpanel.app.common.form import Field, FormScreen
from wardpanel.core.models import Meeting, Person


def ask_to_approve(screen: Screen[Any], meeting: Meeting, done: Callable[[], None]) -> None:
    """Ask, then approve the minutes as approved by the chair today; `done` after."""

    def answered(yes: bool | None) -> None:
        if not yes:
            return
        try:
            services.approve_meeting(meeting.id)
        except services.InputError as error:
            screen.notify(error.reason, severity="error", markup=False)
            return
        done()

    by = f" by {meeting.chair} (the chair)" if meeting.chair else ""
    screen.app.push_screen(
        ConfirmScreen(
            "Approve these minutes?",
            f"They will be recorded as approved{by} today, and locked: no key or "
            "command can change them until they are reopened, with a reason.",
            yes="Approve",
            no="Not yet",
        ),
        answered,
    )


def ask_to_reopen(screen: Screen[Any], meeting: Meeting, done: Callable[[], None]) -> None:
    """Ask why, then reopen the minutes, the reason kept in the meeting's trail."""

    def save(values: dict[str, Any], draft_key: str | None) -> Meeting:
        return services.reopen_meeting(meeting.id, values["reason"], by=values["by"])

    def saved(reopened: Meeting | None) -> None:
        if reopened is not None:
            done()

    screen.app.push_screen(
        FormScreen(
            "Reopen the approved minutes",
            [
                Field("reason", "Reason", "text", required=True, drafted=False),
                Field("by", "Reopened by", placeholder="who asked for the correction"),
            ],
            {"reason": "", "by": _who_is_using_the_app()},
            save=save,
            intro="Why they are reopened is kept in the meeting's record.",
        ),
        saved,
    )


def _who_is_using_the_app() -> str:
    """The name of the person this user said they are (the Actions view's "me"), or ""."""
    from wardpanel.core import settings

    person_id = settings.current_person_id()
    person = queries.record_by_id(Person, person_id) if person_id is not None else None
    return person.name if person is not None else ""


def ask_previous_minutes(screen: Screen[Any], meeting: Meeting, done: Callable[[], None]) -> None:
    """The two fields of the meeting's details about the previous minutes, on their own
    (the same as `minutes agreed: …` typed in quick entry); `done` after saving."""
    from wardpanel.app.home.panels import (
        PREVIOUS_AGREED_OF,
        PREVIOUS_CHOICE_OF,
        PREVIOUS_CHOICES,
    )

    def current() -> dict[str, Any] | None:
        fresh = queries.meeting_with_panel(meeting.id)
        if fresh is None:
            return None
        return {
            "previous_agreed": PREVIOUS_CHOICE_OF[fresh.previous_agreed],
            "previous_amendments": fresh.previous_amendments,
        }

    def save(values: dict[str, Any], draft_key: str | None) -> Meeting:
        return services.record_previous_minutes(
            meeting.id,
            PREVIOUS_AGREED_OF[values["previous_agreed"]],
            values["previous_amendments"],
        )

    def saved(recorded: Meeting | None) -> None:
        if recorded is not None:
            done()

    screen.app.push_screen(
        FormScreen(
            "The previous meeting's minutes",
            [
                Field("previous_agreed", "At this meeting, the previous minutes were", "choice",
                      choices=PREVIOUS_CHOICES),
                Field("previous_amendments", "Amendments", "text",
                      placeholder="e.g. Item 4: the fun day is on 14 June, not 12 June"),
            ],
            current() or {},
            save=save,
            draft_key=f"meeting{meeting.id}:previous-minutes",
            meeting_id=meeting.id,
            current=current,
            intro="This meeting's minutes will say so, under \"Minutes of the previous meeting\".",
        ),
        saved,
    )  # fmt: skip
