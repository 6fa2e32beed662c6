"""Holding the panel's partners to account: who came, and what was done about what was said.

`attendance_record` counts, for a period, how often each person and organisation was
expected at the panel's meetings and how often they came, sent apologies or stayed
away, with the reasons given for each absence. `said_did` follows each question put
at the panel's meetings in a period, and each priority set or reviewed in it, from
what was said to what was committed (responses, actions), what was done (updates) and
where it stands now.

Both are worked out from the record as it is, never copied, and both apply the rule
every exported document keeps: a person who has ever asked a question anonymously is
"A resident", and their stored name is never handed out. The strings here (`name`,
`asked_by`, `owner`, `responder`) are what a document or screen may print.

What both share is in `common`; each report has its module (`attendance`,
`said_did`), and every name is gathered here. Nothing here writes, and nothing
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
from wardpanel.reports.common import (
    ANONYMOUS,
    RESIDENTS,
    anonymous_askers,
    check_period,
    find_panel,
    meetings_in,
    printed_name,
)

# `said_did` here is the function, and as an attribute of the package it hides the module
# of the same name: reach the module with `from wardpanel.reports.said_did import ...`
# (`import wardpanel.reports.said_did as m` would give the function).
from wardpanel.reports.said_did import (
    STANDING_WORDS,
    Commitment,
    PriorityRecord,
    QuestionRecord,
    SaidDid,
    TrackedAction,
    question_standing,
    said_did,
)

__all__ = [
    "ANONYMOUS",
    "NOT_RECORDED",
    "RESIDENTS",
    "STANDING_WORDS",
    "AttendanceRecord",
    "Commitment",
    "Counts",
    "Mark",
    "OrganisationAttendance",
    "PersonAttendance",
    "PriorityRecord",
    "QuestionRecord",
    "SaidDid",
    "TrackedAction",
    "anonymous_askers",
    "attendance_record",
    "check_period",
    "find_panel",
    "meetings_in",
    "printed_name",
    "question_standing",
    "said_did",
]
