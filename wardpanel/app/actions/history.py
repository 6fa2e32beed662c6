"""An action's life as the officer and the chair read it on screen, and its status words.

Shown in the Actions view and in a meeting's Actions and Matters arising tabs.
"""

from __future__ import annotations

import datetime as dt

from rich.text import Text

from wardpanel.core.models import Action
from wardpanel.core.words import action_ref, day_date, is_overdue, status_lower, status_words
from wardpanel.queries.action_history import ActionHistory

STATUS_STYLE = {"open": "", "in_progress": "cyan", "done": "green", "dropped": "dim"}


def ref(action: Action) -> str:
    return action_ref(action.id, action.ref)


def owner_label(action: Action) -> str:
    return action.owner.name if action.owner_id else ""


def org_label(action: Action) -> str:
    return action.organisation.name if action.organisation_id else ""


def status_cell(status: str) -> Text:
    return Text(status_lower(status), style=STATUS_STYLE.get(status, ""))


def standing_cell(action: Action, today: dt.date) -> Text:
    """Where an action stands, in words that fit a narrow column: its status, or
    "Overdue" (in red) when it is still open after its due date."""
    if is_overdue(action.status, action.due, today):
        return Text(status_words("overdue"), style="bold red")
    return Text(status_words(action.status), style=STATUS_STYLE.get(action.status, ""))


def who_label(action: Action) -> str:
    """Who an action is with, in one short cell: the owner, else the organisation."""
    return owner_label(action) or org_label(action)


def history_text(history: ActionHistory, today: dt.date) -> Text:
    """An action's whole life, as an officer reads it before updating it."""
    action = history.action
    text = Text()
    text.append(f"{history.ref}  ", "bold")
    text.append(action.text + "\n\n")
    text.append("Owner: ")
    who = [part for part in (history.owner, history.organisation) if part]
    text.append(", ".join(who) or "not assigned")
    text.append("\nDue: ")
    if action.due is None:
        text.append("no date", "dim")
    elif is_overdue(action.status, action.due, today):
        text.append(f"{day_date(action.due)}  OVERDUE", "bold red")
    else:
        text.append(day_date(action.due))
    text.append("\nStatus: ")
    text.append_text(status_cell(action.status))
    text.append(f"\nRaised at: {history.panel}, {day_date(history.meeting_date)}")
    if history.question_number is not None:
        text.append(f"\nFrom question {history.question_number}: ", "italic")
        text.append(history.question_text[:300], "italic")
    if history.priority:
        text.append("\nReported against the priority: ")
        text.append(history.priority[:300], "bold")
    text.append("\n\nHistory\n", "bold")
    if not history.updates:
        text.append("No updates yet: press u to add one.", "dim")
    for update in history.updates:
        text.append(f"{update.date}  ", "cyan")
        if update.status:
            text.append(f"[{status_lower(update.status)}] ", "italic")
        text.append(update.text or "")
        if update.meeting_date:
            text.append(f"  (reported at the meeting of {update.meeting_date})", "dim")
        text.append("\n")
    return text
