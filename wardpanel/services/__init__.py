"""The changes a chair, an officer or a clerk makes, one transaction each.

Every function validates and cleans its input first and raises InputError (naming the
field) before anything is written; when it returns, the change is committed.

One module per thing a user changes; every use case is named here too, so callers
write `services.add_question(...)` without knowing which module holds it:

- panels: creating and correcting a panel and its code, merging two, deleting one unused
- references: the panel's code and numbers that make an action's reference (HS-12)
- people: people and organisations as named, correcting a person
- meetings: creating (carried forward), correcting, approving and deleting meetings
- attendance: who came, sent apologies or was absent
- questions: residents' questions and the responses to them
- actions: actions, their updates, closing, reassigning and due dates
- notes: notes, and the quick-entry lines that could not be filed
- priorities: priorities, their reviews, and actions reported against them
- figures: numbers reported at a meeting
- recommendations: recommendations put to organisations, their responses and updates
- drafts: what is typed in an open editor
- edits: saving an edit form opened a while ago without undoing what changed meanwhile
- transactions: the `transaction` decorator every use case runs in

How input is read (`line`, `long_text`, `date_value`...) is a rule of the record
shared with the importer: it lives in wardpanel.core.fields.
"""

from wardpanel.core.errors import InputError
from wardpanel.core.fields import (
    MAX_LINE,
    MAX_TEXT,
    choice,
    date_value,
    line,
    long_text,
    time_value,
)
from wardpanel.core.models import EXPECTED, UNFILED_HEADING
from wardpanel.services.actions import (
    add_action,
    add_action_update,
    change_due_date,
    close_action,
    delete_action,
    reassign_action,
    update_action,
)
from wardpanel.services.attendance import (
    listed_post,
    record_attendance,
    remove_attendance,
    set_attendance,
    update_attendee,
)
from wardpanel.services.drafts import (
    discard_draft,
    load_draft,
    save_draft,
    save_dropping_draft,
)
from wardpanel.services.edits import ChangedElsewhere, save_edit
from wardpanel.services.figures import add_figure, delete_figure, update_figure
from wardpanel.services.identity import (
    add_organisation_alias,
    corrections,
    delete_organisation,
    delete_person,
    merge_organisations,
    merge_people,
    rename_organisation,
    rename_person,
)
from wardpanel.services.internal import set_internal
from wardpanel.services.locking import MinutesApproved, refuse_if_approved
from wardpanel.services.meetings import (
    approve_meeting,
    create_meeting,
    delete_meeting,
    previous_meeting,
    record_previous_minutes,
    reopen_meeting,
    set_meeting_status,
    trail_of,
    update_meeting,
)
from wardpanel.services.notes import add_note, delete_note, keep_unfiled, update_note
from wardpanel.services.panels import create_panel, delete_panel, merge_panels, update_panel
from wardpanel.services.people import (
    AmbiguousName,
    find_organisation,
    find_person_in_meeting,
    organisation_named,
    people_in_view,
    person_named,
    post_named,
    update_person,
)
from wardpanel.services.priorities import (
    add_priority,
    delete_priority,
    delete_priority_review,
    link_action_to_priority,
    review_priority,
    update_priority,
)
from wardpanel.services.questions import (
    add_question,
    add_response,
    append_to_response,
    delete_question,
    delete_response,
    mark_statement,
    record_outcome,
    update_question,
    update_response,
)
from wardpanel.services.recommendations import (
    add_recommendation,
    add_recommendation_update,
    delete_recommendation,
    record_recommendation_response,
    update_recommendation,
)
from wardpanel.services.transactions import transaction

__all__ = [
    "EXPECTED",
    "MAX_LINE",
    "MAX_TEXT",
    "UNFILED_HEADING",
    "AmbiguousName",
    "ChangedElsewhere",
    "InputError",
    "MinutesApproved",
    "add_action",
    "add_action_update",
    "add_figure",
    "add_note",
    "add_organisation_alias",
    "add_priority",
    "add_question",
    "add_recommendation",
    "add_recommendation_update",
    "add_response",
    "append_to_response",
    "approve_meeting",
    "change_due_date",
    "choice",
    "close_action",
    "corrections",
    "create_meeting",
    "create_panel",
    "date_value",
    "delete_action",
    "delete_figure",
    "delete_meeting",
    "delete_note",
    "delete_organisation",
    "delete_panel",
    "delete_person",
    "delete_priority",
    "delete_priority_review",
    "delete_question",
    "delete_recommendation",
    "delete_response",
    "discard_draft",
    "find_organisation",
    "find_person_in_meeting",
    "keep_unfiled",
    "line",
    "link_action_to_priority",
    "listed_post",
    "load_draft",
    "long_text",
    "mark_statement",
    "merge_organisations",
    "merge_panels",
    "merge_people",
    "organisation_named",
    "people_in_view",
    "person_named",
    "post_named",
    "previous_meeting",
    "reassign_action",
    "record_attendance",
    "record_outcome",
    "record_previous_minutes",
    "record_recommendation_response",
    "refuse_if_approved",
    "remove_attendance",
    "rename_organisation",
    "rename_person",
    "reopen_meeting",
    "review_priority",
    "save_draft",
    "save_dropping_draft",
    "save_edit",
    "set_attendance",
    "set_internal",
    "set_meeting_status",
    "time_value",
    "trail_of",
    "transaction",
    "update_action",
    "update_attendee",
    "update_figure",
    "update_meeting",
    "update_note",
    "update_panel",
    "update_person",
    "update_priority",
    "update_question",
    "update_recommendation",
    "update_response",
]
