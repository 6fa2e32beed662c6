"""The minutes say what a meeting committed to, and nothing false about it: question
outcomes and statements, recommendations under their own heading (never actions
agreed), priorities with their lead, measure and actions, and a table of figures.
The seeds' meetings (tests/fixtures/v2_*.json) are the test."""

from __future__ import annotations

from pathlib import Path

from tests.render_check import read_blocks, section
from tests.unit.test_interchange import FIXTURES
from wardpanel.exporting import export_minutes
from wardpanel.interchange import import_files


def minutes_of(fixture: str, tmp_path: Path):
    [meeting_id] = import_files([FIXTURES / f"{fixture}.json"])
    return read_blocks(export_minutes(meeting_id, tmp_path / f"{fixture}.docx"))


def tables(blocks) -> list:
    return [b for b in blocks if b.kind == "table"]


def paragraphs(blocks) -> list[str]:
    return [b.text for b in blocks if b.kind == "p"]


def test_the_assemblys_ten_recommendations_are_never_actions_agreed(
    database: str, tmp_path: Path
) -> None:
    blocks = minutes_of("v2_citizens_assembly", tmp_path)

    [recommendations] = tables(section(blocks, "Recommendations"))
    header, *rows = recommendations.rows
    assert header == ("No.", "Recommendation", "Put to", "Response due", "Status")
    assert len(rows) == 10
    assert {row[2] for row in rows} == {"Metropolitan Police"}
    assert all(row[3].startswith("in the autumn (by ") for row in rows)
    # On the day of the meeting none was overdue yet: they await a response.
    assert {row[4] for row in rows} == {"Awaiting a response"}
    [agreed] = tables(section(blocks, "Actions agreed"))
    agreed_text = " ".join(" ".join(row) for row in agreed.rows)
    for row in rows:
        first_words = row[1].split("\n")[0][:40]
        assert first_words not in agreed_text


def test_question_outcomes_and_statements_are_printed_as_recorded(
    database: str, tmp_path: Path
) -> None:
    questions = paragraphs(
        section(minutes_of("v2_stop_and_search", tmp_path), "Questions and responses")
    )

    outcomes = [text for text in questions if text.startswith("Outcome: ")]
    assert outcomes == [
        "Outcome: Not answered at the meeting.",
        "Outcome: Taken away: an answer will come back to the panel.",
        "Outcome: Answered at the meeting.",
        "Outcome: Referred to the borough's stop and search scrutiny panel.",
    ]
    assert any(text.startswith("Statement from the floor by ") for text in questions)


def test_priorities_print_lead_measure_review_and_the_actions_against_them(
    database: str, tmp_path: Path
) -> None:
    priorities = paragraphs(section(minutes_of("v2_partnership", tmp_path), "Priorities"))

    assert any(
        text.startswith("Lead: Metropolitan Police  ·  Measure: Knife crime offences")
        and "Review by: Thursday 3 September 2026" in text
        for text in priorities
    )
    # The three actions the file links to priorities 1, 2 and 4, each under its own.
    stop_violence = next(i for i, t in enumerate(priorities) if t.startswith("Stop violence"))
    treat = next(i for i, t in enumerate(priorities) if t.startswith("Treat those exposed"))
    between = priorities[stop_violence + 1 : treat]
    assert len([t for t in between if t.startswith("A")]) == 1
    assert "No action has been reported" not in " ".join(priorities)


def test_the_figures_table_gives_this_period_previous_and_change(
    database: str, tmp_path: Path
) -> None:
    [figures] = tables(section(minutes_of("v2_citizens_assembly", tmp_path), "Figures"))

    header, *rows = figures.rows
    assert header == ("Category", "This period", "Previous", "Change", "Note")
    trust = next(row for row in rows if row[0].startswith("People describing"))
    assert trust[1:4] == ("48%", "56%", "-8%")
    members = next(row for row in rows if row[0].startswith("Assembly members"))
    assert members[1:4] == ("44", "", "")


def test_a_meeting_without_recommendations_or_figures_has_no_such_headings(
    database: str, tmp_path: Path
) -> None:
    blocks = minutes_of("v2_partnership", tmp_path)

    headings = [b.text for b in blocks if b.style == "Heading 1"]
    assert "Recommendations" not in headings
    assert "Figures" in headings


def test_a_reply_that_came_later_is_news_for_the_pack_not_the_minutes(
    database: str, tmp_path: Path
) -> None:
    """The minutes speak for the meeting's day: a recommendation then awaiting a response
    is printed so, without the reply recorded months later; the pack, made after the
    reply, prints the reply and the status it brought."""
    import datetime as dt

    from wardpanel import services
    from wardpanel.core.models import Recommendation
    from wardpanel.exporting import export_pack

    [meeting_id] = import_files([FIXTURES / "v2_citizens_assembly.json"])
    first = Recommendation.select().where(Recommendation.meeting == meeting_id).first()
    meeting_day = first.meeting.date
    services.add_recommendation_update(
        first.id, "More training from January.", status="partly_accepted",
        date=meeting_day + dt.timedelta(days=60),
    )  # fmt: skip
    services.update_recommendation(
        first.id, first.text, to="Metropolitan Police", from_body=first.from_body,
        response_due=first.response_due, as_said=first.response_due_as_said,
        status="partly_accepted", response="More training from January.",
    )  # fmt: skip

    minutes = read_blocks(export_minutes(meeting_id, tmp_path / "m.docx"))
    [table] = tables(section(minutes, "Recommendations"))
    assert table.rows[1][4] == "Awaiting a response"
    assert not any("More training" in text for text in paragraphs(minutes))

    pack = read_blocks(
        export_pack(meeting_id, tmp_path / "p.docx", as_of=meeting_day + dt.timedelta(days=90))
    )
    [table] = tables(section(pack, "3. Recommendations"))
    assert table.rows[1][0] == "1" and table.rows[1][5].startswith("Partly accepted")
    assert "Response to recommendation 1: More training from January." in paragraphs(pack)
