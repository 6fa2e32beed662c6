"""The minutes' own record, outside the app: "#internal" and "minutes agreed" read and
filed by quick entry (as `wardpanel enter` files them), the previous minutes refused
once approved, and the trail in `wardpanel meetings --json`."""

from __future__ import annotations

import datetime as dt
import json

import pytest
from click.testing import CliRunner

from wardpanel import quickentry, services
from wardpanel.cli import main
from wardpanel.core.models import Action, Meeting, Note, Question, Response
from wardpanel.core.words import trail_line
from wardpanel.quickentry import PreviousMinutesEntry, QuickEntryError, parse


@pytest.mark.parametrize(
    ("line", "text"),
    [
        ("q Jo Bright: Who watches the camera? #internal", "Who watches the camera?"),
        ("q Jo Bright: Who watches #INTERNAL the camera?", "Who watches the camera?"),
        ("a Sgt Lee: check the camera #internal due 1 May 2030", "check the camera"),
        ("n Police: a warrant // more soon #internal", "a warrant\n\nmore soon"),
        ("r Metropolitan Police: We will look. #internal", "We will look."),
        ("r+ The team visits on Friday. #internal", "The team visits on Friday."),
        ("s Jo Bright: The lights are out. #internal", "The lights are out."),
    ],
)  # fmt: skip
def test_internal_is_read_from_any_item_line_and_left_out_of_its_text(line, text) -> None:
    entry = parse(line, dt.date(2026, 12, 2))
    assert entry.internal is True
    assert entry.text == text


@pytest.mark.parametrize(
    "line",
    [
        "n Lessons from #internals",
        "n the tag #internal-only",
        "q Jo: is x#internal?",
        "n #Internal2",
    ],
)
def test_internal_is_a_word_of_its_own_not_part_of_another(line) -> None:
    assert parse(line).internal is False


@pytest.mark.parametrize(
    "line",
    ["p: Phone thefts #internal", "present+ Jo Bright #internal", "fig Burglary 14 #internal"],
)
def test_internal_on_a_line_that_cannot_be_internal_is_refused(line) -> None:
    with pytest.raises(QuickEntryError) as refused:
        parse(line)
    assert "#internal marks a question, a response, an action or a note" in str(refused.value)
    assert refused.value.fault == "#internal"


@pytest.mark.parametrize(
    ("line", "agreed", "amendments"),
    [
        ("minutes agreed", True, ""),
        ("Minutes: agreed as a correct record", True, ""),
        ("previous minutes agreed", True, ""),
        ("minutes approved: item 4 reads Tannery Estate", True, "item 4 reads Tannery Estate"),
        ("minutes agreed with amendments: fun day 14 June", True, "fun day 14 June"),
        ("minutes agreed, as amended: item 2 // item 5", True, "item 2\n\nitem 5"),
        ("minutes not agreed: no police update", False, "no police update"),
        ("minutes not agreed", False, ""),
    ],
)  # fmt: skip
def test_the_previous_minutes_line(line, agreed, amendments) -> None:
    assert parse(line) == PreviousMinutesEntry(agreed=agreed, amendments=amendments)


@pytest.mark.parametrize(
    ("line", "said"),
    [
        ("minutes", "say whether the previous minutes were agreed"),
        ("minutes read out", "say whether the previous minutes were agreed"),
        ("minutes agreed with amendments", "write the amendments after a colon"),
    ],
)
def test_a_previous_minutes_line_that_says_too_little_is_refused(line, said) -> None:
    with pytest.raises(QuickEntryError, match=said):
        parse(line)


def _meeting() -> Meeting:
    panel = services.create_panel("Grove Green Ward Panel")
    meeting = services.create_meeting(panel.id, "2026-10-08", chair="Dev Anand")
    services.record_attendance(meeting.id, "Tom Reid", "Sgt", "Metropolitan Police")
    return meeting


def test_lines_marked_internal_are_filed_internal(database) -> None:
    meeting = _meeting()
    day = dt.date(2026, 10, 8)
    for line in (
        "q Ann Wu: Who watches the camera? #internal",
        "r Metropolitan Police: We will say in private. #internal",
        "q Ann Wu: When are the lights fixed?",
        "r Metropolitan Police: Next month.",
        "r+ The contractor is booked. #internal",
        "a Tom Reid: check the camera #internal",
        "n Police update: a warrant is planned #internal",
    ):
        outcome = quickentry.apply(meeting.id, line, day)
        assert outcome.understood, outcome.message
        if "#internal" in line:
            assert outcome.message.endswith("internal (left out of published minutes)")
    internal = {
        "questions": [q.internal for q in Question.select().order_by(Question.id)],
        "responses": [r.internal for r in Response.select().order_by(Response.id)],
        "actions": [a.internal for a in Action.select()],
        "notes": [n.internal for n in Note.select()],
    }
    assert internal == {
        "questions": [True, False],
        "responses": [True, True],  # r+ marks the response it adds to
        "actions": [True],
        "notes": [True],
    }
    assert not Note.select().where(Note.text.contains("#internal")).exists()


def test_the_previous_minutes_are_filed_and_refused_once_approved(database) -> None:
    meeting = _meeting()
    outcome = quickentry.apply(meeting.id, "minutes agreed: item 4 should read Tannery Estate")
    assert outcome.understood and outcome.kind == "previous_minutes"
    assert outcome.message == "Previous minutes agreed, amended: item 4 should read Tannery Estate"
    stored = Meeting.get_by_id(meeting.id)
    assert (stored.previous_agreed, stored.previous_amendments) == (
        True,
        "item 4 should read Tannery Estate",
    )
    with pytest.raises(services.InputError, match="say whether the previous minutes were agreed"):
        services.record_previous_minutes(meeting.id, None, "item 4")
    services.approve_meeting(meeting.id)
    with pytest.raises(services.InputError, match="approved: reopen them first"):
        services.record_previous_minutes(meeting.id, False, "")
    stored = Meeting.get_by_id(meeting.id)
    assert (stored.previous_agreed, stored.previous_amendments) == (
        True,
        "item 4 should read Tannery Estate",
    )


def test_enter_files_the_previous_minutes_as_the_app_does(database, tmp_path) -> None:
    meeting = _meeting()
    lines = tmp_path / "lines.txt"
    lines.write_text("minutes not agreed: the police update was left out\n")
    result = CliRunner().invoke(main, ["enter", str(meeting.id), str(lines), "--db", database])
    assert result.exit_code == 0, result.output
    assert "Previous minutes not agreed" in result.output
    assert Meeting.get_by_id(meeting.id).previous_agreed is False


def test_the_trail_is_in_meetings_json_after_the_five_keys(database) -> None:
    meeting = _meeting()
    other = services.create_meeting(meeting.panel_id, "2026-11-12")
    services.approve_meeting(meeting.id, by="Jo Bright")
    services.reopen_meeting(meeting.id, "Item 3 named the wrong street.", by="Sam Clerk")
    services.approve_meeting(meeting.id)
    services.record_previous_minutes(other.id, True, "Item 3: Grove Road.")
    result = CliRunner().invoke(main, ["meetings", "--json", "--db", database])
    assert result.exit_code == 0, result.output
    listed = {row["id"]: row for row in json.loads(result.output)}
    row = listed[meeting.id]
    assert list(row)[:5] == ["id", "date", "panel", "title", "status"]
    assert row["approved"] == {"on": dt.date.today().isoformat(), "by": "Dev Anand"}
    assert [(e["kind"], e["by"], e["reason"]) for e in row["trail"]] == [
        ("approved", "Jo Bright", ""),
        ("reopened", "Sam Clerk", "Item 3 named the wrong street."),
        ("approved", "Dev Anand", ""),
    ]
    assert dt.datetime.fromisoformat(row["trail"][0]["at"]).date() == dt.date.today()
    assert listed[other.id]["approved"] is None and listed[other.id]["trail"] == []
    assert listed[other.id]["previous_minutes"] == {
        "agreed": True,
        "amendments": "Item 3: Grove Road.",
    }


def test_a_trail_line_reads_as_a_clerk_would_write_it() -> None:
    at = dt.datetime(2026, 12, 2, 19, 40)
    assert trail_line("approved", "Jo Bright", at) == "Approved by Jo Bright, 2 Dec 2026 19:40"
    assert (
        trail_line("reopened", "", at, "A name was misspelt.")
        == "Reopened, 2 Dec 2026 19:40: A name was misspelt."
    )
