"""The follow-up action list carries the recommendations still awaiting a response,
apart from the actions (no one agreed to them), overdue after their response date."""

from __future__ import annotations

import datetime as dt
from pathlib import Path

from tests.render_check import read_blocks, section
from tests.unit.test_interchange import FIXTURES
from wardpanel.exporting import export_actions
from wardpanel.interchange import import_files
from wardpanel.queries.actions import ActionFilter

HEADING = "Recommendations awaiting a response"


def follow_up(tmp_path: Path, **filters) -> list:
    import_files([FIXTURES / "v2_citizens_assembly.json", FIXTURES / "v2_stop_and_search.json"])
    chosen = ActionFilter(**filters)
    return read_blocks(export_actions(tmp_path / "list.docx", chosen, as_of=dt.date(2026, 12, 2)))


def test_the_metropolitan_polices_list_ends_with_what_awaits_its_response(
    database: str, tmp_path: Path
) -> None:
    blocks = follow_up(tmp_path, organisation="metropolitan police")

    [table] = [b for b in section(blocks, HEADING) if b.kind == "table"]
    header, *rows = table.rows
    assert header == ("Recommendation", "Put to", "Made at", "Response due", "Latest")
    assert len(rows) == 11  # the assembly's ten and the monitoring group's one
    assert all(row[3].endswith("OVERDUE") for row in rows)
    assert "by the next meeting (21 May 2026)\nOVERDUE" in [row[3] for row in rows]
    summary = next(b.text for b in blocks if b.text.startswith("Recommendations\t"))
    assert summary == "Recommendations\t11 awaiting a response, 11 overdue"


def test_a_list_for_one_owner_or_another_organisation_has_none(
    database: str, tmp_path: Path
) -> None:
    blocks = follow_up(tmp_path, organisation="Waltham Forest Council")

    assert HEADING not in [b.text for b in blocks]
