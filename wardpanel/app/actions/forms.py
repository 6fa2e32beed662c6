"""The forms an action is written and followed up with: the action itself, an update."""

from __future__ import annotations

from typing import Any

from wardpanel import queries, services
from wardpanel.app.actions.history import org_label, owner_label, ref
from wardpanel.app.common.fields import CurrentValues, Field, offered
from wardpanel.app.common.form import FormScreen
from wardpanel.core import settings
from wardpanel.core.models import ACTION_STATUSES, Action, ActionUpdate, Person, Priority
from wardpanel.core.words import status_words
from wardpanel.quickentry.pieces import shortened

STATUS_CHOICES = tuple((s, status_words(s)) for s in ACTION_STATUSES)


def action_values(action: Action | None) -> dict[str, Any] | None:
    """An action as its edit form shows it; None for none."""
    if action is None:
        return None
    return {
        "text": action.text,
        "owner": owner_label(action),
        "organisation": org_label(action),
        "due": action.due.isoformat() if action.due else "",
        "status": action.status,
        "priority": str(action.priority_id) if action.priority_id else "",
    }


def priority_choices(meeting_id: int, linked: int | None = None) -> tuple[tuple[str, str], ...]:
    """The priorities an action of this meeting can be reported against, numbered as
    the minutes list them (and as quick entry's #p2 counts them); the one it is linked
    to now is kept among them even when the meeting no longer reviews it."""
    meeting = queries.meeting_with_panel(meeting_id)
    listed = [entry.priority for entry in queries.priorities_under_review(meeting)]
    choices = [("", "None")]
    choices += [(str(p.id), f"#p{n}  {shortened(p.text, 60)}") for n, p in enumerate(listed, 1)]
    if linked is not None and linked not in {p.id for p in listed}:
        earlier = Priority.get_or_none(Priority.id == linked)
        if earlier is not None:
            choices.append((str(earlier.id), f"{shortened(earlier.text, 60)} (not under review)"))
    return tuple(choices)


def chosen_priority(values: dict[str, Any]) -> int | None:
    """The priority chosen in the action form, as an id (None: none)."""
    chosen = values.get("priority") or ""
    return int(chosen) if chosen else None


def action_form(
    meeting_id: int,
    title: str,
    values: dict[str, Any],
    save,
    draft_key: str,
    intro: str = "",
    current: CurrentValues | None = None,
) -> FormScreen:
    """The form an action is written or edited with at its meeting."""
    linked = values.get("priority")
    priorities = priority_choices(meeting_id, int(linked) if linked else None)
    fields = [
        Field("text", "Action", "text", required=True),
        Field(
            "owner",
            "Owner (a person)",
            placeholder="e.g. Sgt Ruth Adeyemi",
            suggestions=offered(queries.person_names, limit=500),
        ),
        Field(
            "organisation",
            "Organisation",
            placeholder="e.g. Metropolitan Police",
            suggestions=offered(queries.organisation_names),
        ),
        Field("due", "Due", placeholder="e.g. 2026-05-01, 1/5, friday, in 2 weeks"),
        Field("status", "Status", "choice", choices=STATUS_CHOICES),
        Field("priority", "Reported against priority", "choice", choices=priorities),
    ]
    return FormScreen(
        title,
        fields,
        values,
        save=save,
        draft_key=draft_key,
        meeting_id=meeting_id,
        intro=intro,
        current=current,
    )


def update_form(action: Action, meeting_id: int, closing: bool = False) -> FormScreen:
    """Progress on an action (and a new status), reported at this meeting."""
    fields = [
        Field("text", "What happened", "text", required=not closing),
        Field("status", "Status now", "choice", choices=STATUS_CHOICES),
    ]

    def save(v: dict[str, Any], draft_key: str | None) -> ActionUpdate:
        return services.add_action_update(action.id, v["text"], v["status"], meeting_id=meeting_id)

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


def identity_form(me: int | None) -> FormScreen:
    """Who is using wardpanel: their actions, then their organisation's, come first. The
    form answers with the person's id, or 0 for nobody."""
    fields = [
        Field(
            "name",
            "Your name, as recorded (empty to stop putting anyone first)",
            suggestions=offered(queries.person_names, limit=1000),
        )
    ]

    def save(v: dict[str, Any], draft_key: str | None) -> int:
        name = " ".join(v["name"].split())
        if not name:
            settings.set_current_person(None)
            return 0
        person = queries.person_by_name(name)
        if person is None:
            raise services.InputError("name", f"nobody called '{name}' is recorded yet")
        try:
            settings.set_current_person(person.id)
        except OSError as error:
            raise services.InputError("name", f"could not be remembered: {error}") from None
        return person.id

    current = Person.get_or_none(Person.id == me) if me else None
    return FormScreen(
        "Who is using wardpanel?",
        fields,
        {"name": current.name if current else ""},
        save=save,
        intro="Your actions and your organisation's are then shown first.",
    )
