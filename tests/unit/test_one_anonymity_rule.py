"""One anonymity rule across every output (BRIEF "One truth": anonymity is a person's).

A resident asks anonymously at a meeting, and at the same meeting takes on an action
raised from someone else's question. Anyone holding two documents must not be able to
unmask them: the minutes of that meeting, the follow-up action list, the next
meeting's matters arising, "You said, we did", the attendance record and the command
line's JSON all call them "A resident" in connection with that meeting, while a
meeting where they asked openly still names them.
"""

from __future__ import annotations

import datetime as dt
import json
import subprocess
import sys
from pathlib import Path

import pytest

from tests.engines import skip_syncing
from tests.render_check import all_parts_text
from wardpanel import services
from wardpanel.core.people import ANONYMOUS
from wardpanel.exporting import export_actions, export_attendance, export_minutes, export_said_did
from wardpanel.queries.actions import EVERY_STATUS, ActionFilter, find_actions

RESIDENT = "Philippa Quennell"
SURNAME = "Quennell"
PANEL = "Leyton Ward Panel"


@pytest.fixture
def two_meetings(database: str) -> dict[str, int]:
    skip_syncing()
    return make_meetings()


def make_meetings() -> dict[str, int]:
    """May: she asks anonymously and owns an action from another question. July: the
    action is a matter arising. September: she asks openly, and owns another action."""
    panel = services.create_panel(PANEL)
    may = services.create_meeting(panel.id, "2026-05-14", chair="Dev Anand")
    july = services.create_meeting(panel.id, "2026-07-09", chair="Dev Anand")
    september = services.create_meeting(panel.id, "2026-09-10", chair="Dev Anand")
    services.record_attendance(may.id, RESIDENT)
    services.add_question(may.id, "Who deals with the drug litter?", RESIDENT, anonymous=True)
    other = services.add_question(may.id, "Can the alley gate be fixed?", "Tom Price")
    services.add_action(
        may.id,
        "Walk the alley with the council and report back.",
        owner=RESIDENT,
        due="2026-06-30",
        question_id=other.id,
    )
    services.add_question(september.id, "Thanks for the new lights.", RESIDENT)
    services.add_action(september.id, "Count the lights that work.", owner=RESIDENT)
    return {"may": may.id, "july": july.id, "september": september.id, "panel": panel.id}


def _text(path: Path) -> str:
    return all_parts_text(path)


@pytest.mark.parametrize("initials", [False, True])
def test_every_document_calls_her_a_resident_for_the_meeting_where_she_asked_anonymously(
    two_meetings, tmp_path: Path, initials: bool
) -> None:
    may_minutes = export_minutes(two_meetings["may"], tmp_path / "may.docx", initials=initials)
    july_minutes = export_minutes(two_meetings["july"], tmp_path / "july.docx", initials=initials)
    may_list = export_actions(
        tmp_path / "may-actions.docx",
        ActionFilter(panel=PANEL, statuses=EVERY_STATUS),
        as_of=dt.date(2026, 7, 1),
        residents="named",  # even a list naming residents never names her for May
    )
    said = export_said_did(
        PANEL, tmp_path / "said.docx", date_to=dt.date(2026, 7, 31), as_of=dt.date(2026, 8, 1)
    )
    attendance = export_attendance(
        PANEL, tmp_path / "attendance.docx", date_to=dt.date(2026, 7, 31)
    )
    for document in (may_minutes, july_minutes, said, attendance):
        assert SURNAME not in _text(document), document.name
    # The list holds September's action too, where she asked openly: named there only.
    listed = _text(may_list)
    # Once as the owner's heading, once as the caption of the owner's table.
    assert listed.count(SURNAME) == 2 and "Count the lights" in listed
    # The July minutes still report the action, owned by "A resident".
    assert "Walk the alley" in _text(july_minutes) and ANONYMOUS in _text(july_minutes)
    assert ANONYMOUS in _text(may_list)


def test_a_meeting_where_she_asked_openly_still_names_her(two_meetings, tmp_path: Path) -> None:
    september = export_minutes(
        two_meetings["september"], tmp_path / "september.docx", residents="named"
    )
    assert RESIDENT in _text(september)
    record = export_minutes(two_meetings["september"], tmp_path / "record.docx", record=True)
    assert RESIDENT in _text(record)
    rows = find_actions(ActionFilter(statuses=EVERY_STATUS)).rows
    owners = {row.text: row.owner_name() for row in rows}
    assert owners["Walk the alley with the council and report back."] == ANONYMOUS
    assert owners["Count the lights that work."] == RESIDENT


def test_the_command_lines_json_hides_her_as_the_documents_do(two_meetings, database: str) -> None:
    command = ["actions", "--status", "all", "--json", "--db", database]
    result = subprocess.run(
        [sys.executable, "-m", "wardpanel.cli", *command],
        capture_output=True,
        text=True,
        timeout=60,
    )
    assert result.returncode == 0, result.stderr
    listed = json.loads(result.stdout)["actions"]
    by_text = {item["text"]: item for item in listed}
    assert by_text["Walk the alley with the council and report back."]["owner"] == ANONYMOUS
    assert by_text["Count the lights that work."]["owner"] == RESIDENT


def test_filtering_the_list_by_her_name_does_not_unmask_her(two_meetings, tmp_path: Path) -> None:
    """An owner filter finds only what the list would print under her name: listing her
    actions must not reveal that she holds the May one."""
    mine = export_actions(
        tmp_path / "hers.docx", ActionFilter(owner=RESIDENT, statuses=EVERY_STATUS)
    )
    listed = _text(mine)
    assert "Count the lights" in listed and "Walk the alley" not in listed
    rows = find_actions(ActionFilter(owner=RESIDENT, statuses=EVERY_STATUS)).rows
    assert [row.text for row in rows] == ["Count the lights that work."]


def test_search_never_finds_her_by_name_in_what_the_may_meeting_recorded(
    two_meetings, database: str
) -> None:
    command = ["search", RESIDENT, "--json", "--db", database]
    result = subprocess.run(
        [sys.executable, "-m", "wardpanel.cli", *command],
        capture_output=True,
        text=True,
        timeout=60,
    )
    assert result.returncode == 0, result.stderr
    found = json.loads(result.stdout)
    # Found where she asked openly (September), never in May's record.
    assert found and {hit["meeting_date"] for hit in found} == {"2026-09-10"}
