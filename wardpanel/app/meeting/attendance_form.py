"""The attendance form: everything quick entry can say of someone on the list.

Who they are (name, role, organisation) and their attendance; for someone present, whom
they stood in for, when they arrived late or left early, and whether it is their first
meeting; for apologies and absences, the reason given and its kind.

Before it saves, the form asks about a name that would create someone or something new,
as quick entry does (app/meeting/new_names): whom a substitute stood in for is matched
among the meeting's people, its expected posts and the panel's regulars ("Nobody called
'Tom Reed' here. Did you mean Sgt Tom Reid?"), and an organisation like a known one is
offered it. Tab takes the suggestion, c creates the name as typed, Escape goes back to
the form with nothing saved.
"""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

from textual.widgets import Input

from wardpanel import queries, services
from wardpanel.app.common.fields import Field, SaveCallback, offered
from wardpanel.app.common.form import FormScreen
from wardpanel.app.meeting.new_names import CREATE, NewOrganisationDialog
from wardpanel.core.models import ABSENCE_CATEGORIES, Attendance
from wardpanel.core.people import is_post, organisation_suggestions, person_suggestions
from wardpanel.core.words import ABSENCE_WORDS, absence_category_of
from wardpanel.queries.people import known_organisations
from wardpanel.quickentry.names import NewOrganisation

STATUS_CHOICES = (("present", "Present"), ("apologies", "Apologies"), ("absent", "Absent"))
# "" reads the kind from the reason given, as quick entry does.
KIND_CHOICES = (
    ("", "As the reason says"),
    *((kind, ABSENCE_WORDS[kind].capitalize()) for kind in ABSENCE_CATEGORIES),
)


def entry_values(entry: Attendance | None) -> dict[str, Any] | None:
    """An entry of the list as its edit form shows it; None for none."""
    if entry is None:
        return None
    person = entry.person
    stood_in = entry.substitute_for if entry.substitute_for_id else None
    return {
        "name": person.name,
        "role": person.role,
        "organisation": person.organisation.name if person.organisation_id else "",
        "status": entry.status if entry.status != services.EXPECTED else "present",
        "substitute_for": (stood_in.name or stood_in.role) if stood_in else "",
        "arrived": entry.arrived,
        "departed": entry.departed,
        "first_time": entry.first_time,
        "reason": entry.reason,
        "absence_category": entry.absence_category,
    }


def listed_names(meeting_id: int) -> list[str]:
    """Who a substitute may have stood in for, as the field suggests them: the names on
    the meeting's list, and its expected posts by their title."""
    return [entry.person.name or entry.person.role for entry in queries.attendance_of(meeting_id)]


def attendance_fields(meeting_id: int) -> list[Field]:
    """The fields of the attendance form, in the order a chair fills them."""
    return [
        Field(
            "name",
            "Name (empty for a post nobody filled: give its role)",
            placeholder="e.g. Ada Okafor",
            suggestions=offered(queries.person_names, limit=500),
        ),
        Field("role", "Role or rank", placeholder="e.g. PCSO, Sergeant, Councillor"),
        Field(
            "organisation",
            "Organisation (empty for a resident)",
            placeholder="e.g. Metropolitan Police",
            suggestions=offered(queries.organisation_names),
        ),
        Field("status", "Attendance", "choice", choices=STATUS_CHOICES),
        Field(
            "substitute_for",
            "Present in place of (someone away)",
            placeholder="e.g. Sgt Tom Reid, or Borough Commander",
            suggestions=offered(listed_names, meeting_id),
        ),
        Field("arrived", "Arrived late at", placeholder="e.g. 19:40"),
        Field("departed", "Left early at", placeholder="e.g. 20:30"),
        Field("first_time", "First time at this panel", "flag"),
        Field(
            "reason",
            "Reason given (apologies or absent)",
            placeholder="e.g. abstracted to other duties",
        ),
        Field("absence_category", "Kind of absence", "choice", choices=KIND_CHOICES),
    ]


def absence_kind(values: dict[str, Any]) -> str:
    """The kind of absence a form says: the one chosen, else the one its reason says."""
    return values["absence_category"] or absence_category_of(values["reason"] or "")


def details(values: dict[str, Any]) -> dict[str, Any]:
    """What the form says beyond who and their status, as the services take it: for
    apologies and absences the kind (read from the reason when not chosen)."""
    return {
        "substitute_for": values["substitute_for"],
        "arrived": values["arrived"],
        "departed": values["departed"],
        "first_time": bool(values["first_time"]),
        "absence_category": "" if values["status"] == "present" else absence_kind(values),
    }


def _new_names(meeting_id: int, values: dict[str, Any]) -> list[tuple[str, NewOrganisation]]:
    """(field, the name with what it may have meant) for each name the form would make
    new that the chair is asked about; a name fitting two people is refused here."""
    asked: list[tuple[str, NewOrganisation]] = []
    typed_org = (values.get("organisation") or "").strip()
    if typed_org and services.find_organisation(typed_org, meeting_id) is None:
        like = organisation_suggestions(typed_org, known_organisations())
        if like:
            asked.append(("organisation", NewOrganisation(typed_org, tuple(o.name for o in like))))
    stood_in = (values.get("substitute_for") or "").strip()
    if not stood_in or values.get("status") != "present":
        return asked
    if is_post(stood_in) or services.listed_post(stood_in, meeting_id) is not None:
        return asked
    if services.find_person_in_meeting(stood_in, meeting_id) is None:
        like = person_suggestions(stood_in, services.people_in_view(meeting_id))
        asked.append(("substitute_for", NewOrganisation(stood_in, tuple(like))))
    return asked


def asking_about_new_names(
    form: Callable[[], FormScreen], meeting_id: int, save: SaveCallback
) -> SaveCallback:
    """A form's save that first asks about each new name (`_new_names`), saving only
    once every one is answered; `form` gives the open form, to fill in a suggestion."""
    agreed: set[tuple[str, str]] = set()

    def ask(field: str, new: NewOrganisation) -> None:
        def answered(choice: str | None) -> None:
            screen = form()
            if choice is None:
                screen.query_one(f"#field-{field}", Input).focus()
                return
            if choice == CREATE:
                agreed.add((field, new.typed.casefold()))
            else:
                screen.query_one(f"#field-{field}", Input).value = choice
            screen.call_later(screen.run_action, "save")

        if field == "organisation":
            dialog = NewOrganisationDialog(new)
        else:
            dialog = NewOrganisationDialog(
                new,
                create="Add them",
                question=f"Nobody called '{new.typed}' is known at this meeting. Add them?",
                unknown="Nobody on the list or among the panel's regulars has a name like "
                "it. Add them, or go back and correct it.",
            )
        form().app.push_screen(dialog, answered)

    def checked(values: dict[str, Any], draft_key: str | None) -> Any:
        for field, new in _new_names(meeting_id, values):
            if (field, new.typed.casefold()) not in agreed:
                ask(field, new)
                label = "stood in for" if field == "substitute_for" else field
                raise services.InputError(
                    label, f"'{new.typed}' is new here: nothing is saved until you choose"
                )
        return save(values, draft_key)

    return checked
