"""What the screens, documents and commands read: overviews and worked-out lists.

Nothing here writes. The read side is split by what is read:

- `meetings`: panels, meetings, attendance, questions with their responses, the
  actions agreed, notes, drafts, and names to suggest;
- `matters`: actions' histories as of a day, and the matters arising at a meeting;
- `priorities`: priorities, their reviews and the actions reported against them;
- `actions`: the officers' list of actions across panels; `search`: full-text search.

The names of the first three are gathered here, so `from wardpanel import queries` and
`queries.questions_of(...)` read the same whichever module holds them.
"""

from __future__ import annotations

from wardpanel.queries.matters import (
    ActionOnDay,
    MatterArising,
    actions_on,
    closed_on,
    matters_arising,
    status_on,
    updates_of,
)
from wardpanel.queries.meetings import (
    PanelSummary,
    action_with_names,
    actions_of,
    attendance_entry,
    attendance_of,
    drafts,
    has_panels,
    meeting_with_panel,
    meetings_of,
    minutes_approved,
    notes_of,
    organisation_names,
    panel_summaries,
    person_by_name,
    person_names,
    question_with_asker,
    questions_of,
    record_by_id,
    response_with_names,
    responses_query,
    trails_of,
)
from wardpanel.queries.people import question_number, question_numbers
from wardpanel.queries.priorities import (
    PriorityUnderReview,
    ReportedAction,
    priorities_of,
    priorities_under_review,
    priority_status_on,
    reported_actions,
    reviews_of,
)

__all__ = [
    "ActionOnDay",
    "MatterArising",
    "PanelSummary",
    "PriorityUnderReview",
    "ReportedAction",
    "action_with_names",
    "actions_of",
    "actions_on",
    "attendance_entry",
    "attendance_of",
    "closed_on",
    "drafts",
    "has_panels",
    "matters_arising",
    "meeting_with_panel",
    "meetings_of",
    "minutes_approved",
    "notes_of",
    "organisation_names",
    "panel_summaries",
    "person_by_name",
    "person_names",
    "priorities_of",
    "priorities_under_review",
    "priority_status_on",
    "question_number",
    "question_numbers",
    "question_with_asker",
    "questions_of",
    "record_by_id",
    "reported_actions",
    "response_with_names",
    "responses_query",
    "reviews_of",
    "status_on",
    "trails_of",
    "updates_of",
]
