"""Forms shared by home and welcome: a panel, a meeting's details."""

from __future__ import annotations

import datetime as dt
from typing import Any

from wardpanel import queries, services
from wardpanel.app.common.fields import Field, offered
from wardpanel.app.common.form import FormScreen
from wardpanel.core.models import MEETING_STATUSES, Meeting, Panel
from wardpanel.core.words import status_words


def panel_form(panel: Panel | None = None) -> FormScreen:
    """Start a panel, or correct one's name, ward, borough and the code its action
    references start with."""
    fields = [
        Field("name", "Panel name", required=True, placeholder="e.g. Hoe Street Ward Panel"),
        Field("ward", "Ward", placeholder="e.g. Hoe Street"),
        Field("borough", "Borough", placeholder="e.g. Waltham Forest"),
        Field(
            "code",
            "Code for action references",
            required=panel is not None,
            placeholder="e.g. HS, for HS-1, HS-2... (blank: the name's initials)"
            if panel is None
            else "e.g. HS: new actions are HS-1, HS-2...",
        ),
    ]

    def save(values: dict[str, Any], draft_key: str | None) -> Panel:
        name, ward, borough = values["name"], values["ward"], values["borough"]
        code = values["code"]
        if panel is None:
            return services.create_panel(name, ward, borough, code=code.strip() or None)
        return services.update_panel(panel.id, name, ward, borough, code=code)

    if panel is None:
        return FormScreen("New panel", fields, {}, save=save)

    def now() -> dict[str, Any] | None:
        fresh = queries.record_by_id(Panel, panel.id)
        return (
            None
            if fresh is None
            else {
                "name": fresh.name,
                "ward": fresh.ward,
                "borough": fresh.borough,
                "code": fresh.code,
            }
        )

    return FormScreen(
        "Edit panel",
        fields,
        now() or {},
        save=save,
        current=now,
        intro="A new code is used for new actions only: references already given stay as "
        "they were printed.",
    )


def merge_panel_form(panel: Panel, others: list[Panel]) -> FormScreen:
    """Choose the panel another is merged into; dismisses with the chosen panel's id
    (nothing is changed until the merge is confirmed)."""
    fields = [
        Field(
            "into",
            "The panel to keep",
            "choice",
            choices=tuple((str(other.id), other.name) for other in others),
        )
    ]

    def chosen(values: dict[str, Any], draft_key: str | None) -> int:
        return int(values["into"])

    return FormScreen(
        f"Merge {panel.name} into…",
        fields,
        {},
        save=chosen,
        intro="Its meetings, with everything recorded at them, and its priorities move to "
        "the panel kept; then it is deleted.",
    )


def _meeting_fields() -> list[Field]:
    return [
        Field("date", "Date", required=True, placeholder="e.g. 2026-04-10, 10/4, next thursday"),
        Field("title", "Title", placeholder="e.g. Ward panel meeting"),
        Field("start", "Start time", placeholder="e.g. 19:00 or 7pm"),
        Field("venue", "Venue", placeholder="e.g. Community hall"),
        Field("chair", "Chair", suggestions=offered(queries.person_names, limit=200)),
        Field("next_meeting", "Date of next meeting", placeholder="e.g. 2026-07-10"),
    ]


def new_meeting_form(panel: Panel) -> FormScreen:
    """A new meeting pre-filled from the panel's last one (attendance included)."""
    previous = services.previous_meeting(panel.id)
    values = {"date": dt.date.today().isoformat(), "title": "Ward panel meeting"}
    intro = "First meeting of this panel."
    if previous is not None:
        values.update(
            start=previous.start,
            venue=previous.venue,
            chair=previous.chair,
            title=previous.title,
        )
        if previous.next_meeting and previous.next_meeting > previous.date:
            values["date"] = previous.next_meeting.isoformat()
        intro = (
            f"Pre-filled from the meeting of {previous.date}: its attendance list is "
            "carried over, ready to mark."
        )

    def save(v: dict[str, Any], draft_key: str | None) -> Meeting:
        return services.create_meeting(
            panel.id, v["date"], v["title"], v["start"], v["venue"], v["chair"], v["next_meeting"]
        )

    return FormScreen(
        f"New meeting: {panel.name}",
        _meeting_fields(),
        values,
        save=save,
        draft_key=f"panel{panel.id}:new-meeting",
        intro=intro,
        draft_label=f"New meeting of {panel.name}",
    )


def meeting_values(meeting: Meeting | None) -> dict[str, Any] | None:
    """A meeting's details as their form shows them; None for none."""
    if meeting is None:
        return None
    return {
        "date": meeting.date.isoformat(),
        "title": meeting.title,
        "start": meeting.start,
        "venue": meeting.venue,
        "chair": meeting.chair,
        "next_meeting": meeting.next_meeting.isoformat() if meeting.next_meeting else "",
        "status": meeting.status,
        "previous_agreed": PREVIOUS_CHOICE_OF[meeting.previous_agreed],
        "previous_amendments": meeting.previous_amendments,
    }


# The previous meeting's minutes, as the details form offers them, by what is stored.
PREVIOUS_CHOICES = (
    ("", "Not recorded"),
    ("agreed", "Agreed as a correct record"),
    ("not_agreed", "Not agreed as a correct record"),
)
PREVIOUS_CHOICE_OF = {None: "", True: "agreed", False: "not_agreed"}
# And back: what a choice of the form stores.
PREVIOUS_AGREED_OF = {key: stored for stored, key in PREVIOUS_CHOICE_OF.items()}


def meeting_details_form(meeting: Meeting) -> FormScreen:
    def now() -> dict[str, Any] | None:
        return meeting_values(queries.meeting_with_panel(meeting.id))

    values = now() or meeting_values(meeting) or {}
    fields = [
        *_meeting_fields(),
        # Never drafted: a draft brings back words, not an approval or its withdrawal.
        Field(
            "status",
            "Minutes",
            "choice",
            choices=tuple((status, status_words(status)) for status in MEETING_STATUSES),
            drafted=False,
        ),
        Field("previous_agreed", "Previous meeting's minutes", "choice", choices=PREVIOUS_CHOICES),
        Field(
            "previous_amendments",
            "Amendments to the previous minutes",
            "text",
            placeholder="e.g. Item 4: the fun day is on 14 June, not 12 June",
        ),
    ]

    @services.transaction  # the details, the previous minutes and approving: all or none
    def save(v: dict[str, Any], draft_key: str | None) -> Meeting:
        services.update_meeting(
            meeting.id,
            date=v["date"],
            title=v["title"],
            start=v["start"],
            venue=v["venue"],
            chair=v["chair"],
            next_meeting=v["next_meeting"],
        )
        services.record_previous_minutes(
            meeting.id, PREVIOUS_AGREED_OF[v["previous_agreed"]], v["previous_amendments"]
        )
        return services.set_meeting_status(meeting.id, v["status"])

    return FormScreen(
        "Meeting details",
        fields,
        values,
        save=save,
        draft_key=f"meeting{meeting.id}:details",
        meeting_id=meeting.id,
        current=now,
    )
