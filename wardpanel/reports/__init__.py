"""Holding the panel's partners to account: who came, and what was done about what was said.

`attendance_record` counts, for a period, how often each person and organisation was
expected at the panel's meetings and how often they came, sent apologies or stayed
away, with the reasons given for each absence. `said_did` follows each question put
at the panel's meetings in a period, and each priority set or reviewed in it, from
what was said to what was committed (responses, actions), what was done (updates) and
where it stands now.

Both are worked out from the record as it is, never copied, and both print people by
a `core.people.Naming`: by default as a published document does, where whoever asked
anonymously at a meeting is "A resident" for everything of that meeting. The strings
here (`name`, `asked_by`, `owner`, `responder`) are what a document or screen may print.

What both share is in `common`; each report has its module (`attendance`,
`you_said_we_did`), and every name is gathered here. Nothing here writes, and nothing
imports Textual or python-docx.
"""

from __future__ import annotations

from wardpanel.reports.attendance import (
    NOT_RECORDED,
    AttendanceRecord,
    Counts,
    Mark,
    OrganisationAttendance,
    PersonAttendance,
    attendance_record,
)
from wardpanel.reports.common import check_period, find_panel, meetings_in
from wardpanel.reports.publishing_check import KINDS, Finding, check_meeting
from wardpanel.reports.you_said_we_did import (
    STANDINGS,
    Commitment,
    PriorityRecord,
    QuestionRecord,
    SaidDid,
    TrackedAction,
    question_standing,
    said_did,
)

__all__ = [
    "KINDS",
    "NOT_RECORDED",
    "STANDINGS",
    "AttendanceRecord",
    "Commitment",
    "Counts",
    "Finding",
    "Mark",
    "OrganisationAttendance",
    "PersonAttendance",
    "PriorityRecord",
    "QuestionRecord",
    "SaidDid",
    "TrackedAction",
    "attendance_record",
    "check_meeting",
    "check_period",
    "find_panel",
    "meetings_in",
    "question_standing",
    "said_did",
]
