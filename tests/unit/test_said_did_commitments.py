""" "You said, we did" covers every commitment: recommendations awaiting a response
(overdue only after their date), question outcomes and statements, actions agreed with
no question or priority, and priorities whose standing needs no contradicting review."""

from __future__ import annotations

import datetime as dt
import json
from pathlib import Path

from tests.render_check import read_blocks, section
from tests.unit.test_interchange import FIXTURES
from wardpanel.core.models import Panel
from wardpanel.exporting import export_said_did
from wardpanel.interchange import import_files
from wardpanel.reports import said_did

ASSEMBLY_BOARD = "Waltham Forest Safer Neighbourhood Board"
STOP_AND_SEARCH = "Walthamstow Stop and Search Community Monitoring Group"


def panel_id(name: str) -> int:
    return Panel.get(Panel.name == name).id


def test_the_assemblys_ten_recommendations_are_listed_and_overdue_only_after_their_date(
    database: str, tmp_path: Path
) -> None:
    import_files([FIXTURES / "v2_citizens_assembly.json"])

    before = said_did(panel_id(ASSEMBLY_BOARD), as_of=dt.date(2026, 11, 30))
    after = said_did(panel_id(ASSEMBLY_BOARD), as_of=dt.date(2026, 12, 1))

    assert len(before.recommendations) == 10
    assert {r.standing for r in before.recommendations} == {"awaiting_response"}
    assert {r.standing for r in after.recommendations} == {"overdue"}
    blocks = read_blocks(
        export_said_did(ASSEMBLY_BOARD, tmp_path / "said.docx", as_of=dt.date(2026, 12, 1))
    )
    listed = [b.text for b in section(blocks, "Recommendations") if b.style == "Heading 2"]
    assert len(listed) == 10
    stands = [b.text for b in section(blocks, "Recommendations") if b.text.startswith("Overdue")]
    assert stands == ["Overdue: response due 30 Nov 2026, still awaited"] * 10
    summary = next(b.text for b in blocks if b.text.startswith("Recommendations\t"))
    assert summary == "Recommendations\t10: 10 overdue"


def test_questions_stand_by_their_outcome_when_no_action_was_raised(
    database: str, tmp_path: Path
) -> None:
    import_files([FIXTURES / "v2_stop_and_search.json"])

    report = said_did(panel_id(STOP_AND_SEARCH), as_of=dt.date(2026, 4, 20))

    by_kind = {(r.kind, r.outcome): r.standing for r in report.questions if not r.actions}
    assert by_kind == {
        ("statement", ""): "statement",
        ("question", "referred"): "referred",
    }
    blocks = read_blocks(
        export_said_did(STOP_AND_SEARCH, tmp_path / "said.docx", as_of=dt.date(2026, 4, 20))
    )
    questions = [b.text for b in section(blocks, "Questions")]
    assert "Outcome: Not answered at the meeting." in questions
    assert any(text.startswith("Said from the floor by ") for text in questions)


def meeting_file(tmp_path: Path, content: dict) -> Path:
    path = tmp_path / "meeting.json"
    base = {"format": "wardpanel-meeting", "version": 2, "panel": {"name": "Hoe Street"}}
    path.write_text(json.dumps({**base, **content}), encoding="utf-8")
    return path


def test_actions_with_no_question_or_priority_are_other_actions_agreed(
    database: str, tmp_path: Path
) -> None:
    import_files(
        [
            meeting_file(
                tmp_path,
                {
                    "meeting": {"date": "2026-04-10"},
                    "actions": [{"text": "Clear the alley behind the shops", "due": "2026-05-01"}],
                },
            )
        ]
    )

    blocks = read_blocks(
        export_said_did("Hoe Street", tmp_path / "said.docx", as_of=dt.date(2026, 6, 1))
    )

    other = [b.text for b in section(blocks, "Other actions agreed")]
    assert any("Clear the alley behind the shops" in text for text in other)
    assert any(text.endswith("Overdue: due 1 May 2026, still open") for text in other)


def test_a_priority_recorded_as_achieved_without_a_review_is_not_also_not_reviewed(
    database: str, tmp_path: Path
) -> None:
    import_files(
        [
            meeting_file(
                tmp_path,
                {
                    "meeting": {"date": "2026-04-10"},
                    "priorities": [{"text": "Phone snatching", "status": "achieved"}],
                },
            )
        ]
    )

    blocks = read_blocks(
        export_said_did("Hoe Street", tmp_path / "said.docx", as_of=dt.date(2026, 6, 1))
    )

    priorities = [b.text for b in section(blocks, "Priorities")]
    assert "Not reviewed yet." not in priorities
    assert "Not reviewed at a meeting; recorded as achieved." in priorities
    assert "Achieved" in priorities
