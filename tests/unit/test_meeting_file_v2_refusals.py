"""Meeting file version 2 refused, on each engine: every refusal names its key path and
changes nothing; figures that are not numbers a record can keep; version 1 files that use
version 2's keys. Figures kept as written are here too, beside their refusals."""

from __future__ import annotations

import json
from collections.abc import Callable
from pathlib import Path
from typing import Any

import pytest

from tests.unit.test_interchange import (
    FIXTURES,
    BadFile,
    assert_refused_changing_nothing,
    changed,
    removed,
    row_counts,
)
from tests.unit.v2_meetings import full_meeting, imported, small_meeting, write
from wardpanel.core.models import Action, Attendance, Figure, Meeting, Question
from wardpanel.interchange import InterchangeError, dump_text, import_files

# -- figures ----------------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("written", "stored", "dumped"),
    [
        (b"43", "43", "43"),
        (b"38.5", "38.5", "38.5"),
        (b"-3", "-3", "-3"),
        (b"0.001", "0.001", "0.001"),
        (b"-0.75", "-0.75", "-0.75"),
        (b"100.0", "100.0", "100.0"),
        (b"999999999999999", "999999999999999", "999999999999999"),
        (b"1e3", "1000.0", "1000.0"),
        (b"38.50", "38.50", "38.5"),
    ],
)
def test_a_figure_is_kept_as_the_number_written(
    database: str, tmp_path: Path, written: bytes, stored: str, dumped: str
) -> None:
    """Whole numbers stay whole and decimals decimal: `43` never comes back as `43.0`."""
    path = tmp_path / "figures.json"
    data = json.dumps(small_meeting()).encode()
    figure = b'{"category": "Arrests", "value": ' + written + b', "previous": ' + written + b"}"
    path.write_bytes(data.replace(b'"figures": []', b'"figures": [' + figure + b"]"))
    [meeting_id] = import_files([path])

    assert (Figure.get().value, Figure.get().previous) == (stored, stored)
    text = dump_text(meeting_id)
    assert f'"value": {dumped},\n' in text and f'"previous": {dumped}\n' in text
    assert json.loads(text)["figures"][0]["value"] == json.loads(written)


def figure_file(value: bytes) -> bytes:
    data = json.dumps(small_meeting()).encode()
    return data.replace(
        b'"figures": []',
        b'"figures": [{"category": "Arrests", "value": 14}, {"category": "Knives", "value": '
        + value
        + b"}]",
    )


FIGURE_REFUSALS = [
    (b"true", "true should be a number such as 43 or 38.5"),
    (b"false", "false should be a number such as 43 or 38.5"),
    (b'"43"', "'43' should be a number without quotes, e.g. 43 or 38.5"),
    (b"[43]", "a list should be a number such as 43 or 38.5"),
    (b"{}", "an object should be a number such as 43 or 38.5"),
    (b"NaN", "NaN is not a number a figure can be: write the number"),
    (b"Infinity", "Infinity is not a number a figure can be: write the number"),
    (b"-Infinity", "-Infinity is not a number a figure can be: write the number"),
    (b"1" * 5000, "a number of 5,000 characters is too large for a figure (at most 15 digits)"),
    (b"1e400", "1e400 is too large for a figure (at most 15 digits)"),
    (b"1e-400", "1e-400 has too many digits for a figure (at most 15)"),
    (b"1234567890123456", "1234567890123456 is too large for a figure (at most 15 digits)"),
    (b"0.1234567890123456", "0.1234567890123456 has too many digits for a figure (at most 15)"),
]


@pytest.mark.parametrize(
    ("value", "problem"), FIGURE_REFUSALS, ids=[v[:12].decode() for v, _ in FIGURE_REFUSALS]
)
def test_a_value_that_is_not_a_figure_is_refused_naming_it(
    database: str, tmp_path: Path, value: bytes, problem: str
) -> None:
    path = tmp_path / "figures.json"
    path.write_bytes(figure_file(value))

    with pytest.raises(InterchangeError) as refused:
        import_files([path])

    assert str(refused.value) == f"{path}: figures[2].value: {problem}"
    assert refused.value.key == "figures[2].value"
    assert row_counts() == dict.fromkeys(row_counts(), 0)


def test_a_figure_of_thousands_of_digits_is_refused_without_reading_it_as_a_number(
    database: str, tmp_path: Path
) -> None:
    """Python refuses to turn more than 4,300 digits into an int (a ValueError, not a
    user's message): the digits must never reach int()."""
    path = tmp_path / "figures.json"
    path.write_bytes(figure_file(b"-" + b"9" * 100_000))

    with pytest.raises(InterchangeError) as refused:
        import_files([path])

    assert str(refused.value) == (
        f"{path}: figures[2].value: a number of 100,001 characters is too large for a figure "
        "(at most 15 digits)"
    )


# -- refusals, each naming its key path -------------------------------------------------------


def v2_bad(name: str, change: Callable[[dict[str, Any]], None], key: str, problem: str) -> BadFile:
    """A bad version 2 file: `full_meeting()` with one fault."""

    def content(data: dict[str, Any]) -> None:
        data.clear()
        data.update(full_meeting())
        change(data)

    return BadFile(name, content, key, problem)


ABSENCES = "abstracted, training, leave, sickness, incident, other"
BAD_V2_FILES = [
    v2_bad(
        "publish-residents",
        changed(("panel", "publish_residents"), "full"),
        "panel.publish_residents",
        "'full' is not one of named, initials, withheld",
    ),
    v2_bad(
        "approved-on-a-draft",
        changed(("meeting", "status"), "draft"),
        "meeting.approved",
        "is given, but meeting.status is 'draft': only approved minutes record an approval "
        '("status": "approved")',
    ),
    v2_bad(
        "approved-not-object",
        changed(("meeting", "approved"), "2026-10-20"),
        "meeting.approved",
        "'2026-10-20' should be an object {...}",
    ),
    v2_bad(
        "approved-impossible-date",
        changed(("meeting", "approved", "on"), "2026-02-29"),
        "meeting.approved.on",
        "'2026-02-29' is not a real date",
    ),
    v2_bad(
        "approved-unknown-key",
        changed(("meeting", "approved", "at"), "19:00"),
        "meeting.approved.at",
        "unknown key (expected one of: on, by)",
    ),
    v2_bad(
        "previous-agreed-text",
        changed(("meeting", "previous_minutes", "agreed"), "yes"),
        "meeting.previous_minutes.agreed",
        "'yes' should be true or false",
    ),
    v2_bad(
        "arrived-pm",
        changed(("attendance", 2, "arrived"), "7.25pm"),
        "attendance[3].arrived",
        "'7.25pm' is not a time in HH:MM form, e.g. 19:00",
    ),
    v2_bad(
        "left-impossible",
        changed(("attendance", 2, "left"), "20:61"),
        "attendance[3].left",
        "'20:61' is not a real time",
    ),
    v2_bad(
        "arrived-but-absent",
        changed(("attendance", 1, "arrived"), "19:30"),
        "attendance[2].arrived",
        "'19:30': arrival and leaving times are kept only for status 'present' "
        "(this entry is 'absent')",
    ),
    v2_bad(
        "reason-when-present",
        changed(("attendance", 2, "reason"), "Traffic"),
        "attendance[3].reason",
        "'Traffic': a reason is kept only for status 'apologies' or 'absent' "
        "(this entry is 'present')",
    ),
    v2_bad(
        "absence-category",
        changed(("attendance", 1, "absence_category"), "holiday"),
        "attendance[2].absence_category",
        f"'holiday' is not one of {ABSENCES}",
    ),
    v2_bad(
        "absence-category-when-present",
        changed(("attendance", 0, "absence_category"), "leave"),
        "attendance[1].absence_category",
        "'leave': an absence's kind is kept only for status 'apologies' or 'absent' "
        "(this entry is 'present')",
    ),
    v2_bad(
        "first-time-text",
        changed(("attendance", 5, "first_time"), "yes"),
        "attendance[6].first_time",
        "'yes' should be true or false",
    ),
    v2_bad(
        "named-number",
        changed(("attendance", 5, "named"), 1),
        "attendance[6].named",
        "1 should be true or false",
    ),
    v2_bad(
        "for-not-text",
        changed(("attendance", 2, "for"), ["Owen Blake"]),
        "attendance[3].for",
        "a list should be text in quotes",
    ),
    v2_bad(
        "stands-in-for-themselves",
        changed(("attendance", 2, "for"), "rita okoye"),
        "attendance[3].for",
        "'rita okoye' is this attendee: `for` names the person they stood in for",
    ),
    v2_bad(
        "neither-name-nor-role",
        removed(("attendance", 3, "role")),
        "attendance[4].name",
        "is required but missing (an expected post nobody filled has a role instead)",
    ),
    v2_bad(
        "same-post-twice",
        changed(
            ("attendance", 0),
            {
                "role": "borough commander",
                "organisation": "Metropolitan Police",
                "status": "absent",
            },
        ),
        "attendance[4].role",
        "'Borough Commander' is already listed at attendance[1]",
    ),
    v2_bad(
        "question-kind",
        changed(("questions", 0, "kind"), "comment"),
        "questions[1].kind",
        "'comment' is not one of question, statement",
    ),
    v2_bad(
        "question-outcome",
        changed(("questions", 0, "outcome"), "dodged"),
        "questions[1].outcome",
        "'dodged' is not one of answered, taken_away, referred, written_reply, unanswered",
    ),
    v2_bad(
        "referred-to-without-referral",
        changed(("questions", 0, "referred_to"), "101"),
        "questions[1].referred_to",
        "'101': where a question was referred is kept only with outcome 'referred' "
        "(this question's outcome is 'answered')",
    ),
    v2_bad(
        "internal-text",
        changed(("questions", 2, "internal"), "true"),
        "questions[3].internal",
        "'true' should be true or false",
    ),
    v2_bad(
        "response-internal-number",
        changed(("questions", 0, "responses", 1, "internal"), 0),
        "questions[1].responses[2].internal",
        "0 should be true or false",
    ),
    v2_bad(
        "note-internal",
        changed(("notes", 1, "internal"), "no"),
        "notes[2].internal",
        "'no' should be true or false",
    ),
    v2_bad(
        "action-priority-past-end",
        changed(("actions", 0, "priority"), 3),
        "actions[1].priority",
        "3 is not a priority in this file (priorities count from 1; the file has 2)",
    ),
    v2_bad(
        "action-priority-zero",
        changed(("actions", 1, "priority"), 0),
        "actions[2].priority",
        "0 is not a priority in this file (priorities count from 1; the file has 2)",
    ),
    v2_bad(
        "action-priority-text",
        changed(("actions", 0, "priority"), "2"),
        "actions[1].priority",
        "'2' should be a priority's position in this file, from 1",
    ),
    v2_bad(
        "action-priority-decimal",
        changed(("actions", 0, "priority"), 1.5),
        "actions[1].priority",
        "1.5 should be a priority's position in this file, from 1",
    ),
    v2_bad(
        "agreed-due",
        changed(("actions", 0, "agreed_due"), "2026-11-31"),
        "actions[1].agreed_due",
        "'2026-11-31' is not a real date",
    ),
    v2_bad(
        "priority-lead",
        changed(("priorities", 1, "lead"), {"name": "Met"}),
        "priorities[2].lead",
        "an object should be text in quotes",
    ),
    v2_bad(
        "review-by",
        changed(("priorities", 1, "review_by"), "January 2027"),
        "priorities[2].review_by",
        "'January 2027' is not a date in YYYY-MM-DD form",
    ),
    v2_bad(
        "set-by",
        changed(("priorities", 1, "set_by"), "council"),
        "priorities[2].set_by",
        "'council' is not one of panel, police",
    ),
    v2_bad(
        "recommendations-not-list",
        changed(("recommendations",), {"text": "x"}),
        "recommendations",
        "an object should be a list [...]",
    ),
    v2_bad(
        "recommendation-without-text",
        removed(("recommendations", 1, "text")),
        "recommendations[2].text",
        "is required but missing",
    ),
    v2_bad(
        "recommendation-unknown-key",
        changed(("recommendations", 0, "owner"), "Sgt Reid"),
        "recommendations[1].owner",
        "unknown key (expected one of: text, to, from, response_due, response_due_as_said, "
        "status, response, updates)",
    ),
    v2_bad(
        "response-due",
        changed(("recommendations", 0, "response_due"), "in the autumn"),
        "recommendations[1].response_due",
        "'in the autumn' is not a date in YYYY-MM-DD form",
    ),
    v2_bad(
        "recommendation-status",
        changed(("recommendations", 1, "status"), "open"),
        "recommendations[2].status",
        "'open' is not one of awaiting_response, accepted, partly_accepted, rejected, implemented",
    ),
    v2_bad(
        "recommendation-update-date",
        changed(("recommendations", 0, "updates", 0, "date"), "2026-12-32"),
        "recommendations[1].updates[1].date",
        "'2026-12-32' is not a real date",
    ),
    v2_bad(
        "recommendation-update-status",
        changed(("recommendations", 0, "updates", 0, "status"), "done"),
        "recommendations[1].updates[1].status",
        "'done' is not one of awaiting_response, accepted, partly_accepted, rejected, implemented",
    ),
    v2_bad(
        "empty-recommendation-update",
        changed(("recommendations", 0, "updates", 0), {"date": "2026-12-10"}),
        "recommendations[1].updates[1]",
        "an update needs some text or a status",
    ),
    v2_bad(
        "figure-without-category",
        removed(("figures", 1, "category")),
        "figures[2].category",
        "is required but missing",
    ),
    v2_bad(
        "figure-without-value",
        changed(("figures", 2, "value"), None),
        "figures[3].value",
        "is required but missing",
    ),
    v2_bad(
        "figure-previous-text",
        changed(("figures", 2, "previous"), "41"),
        "figures[3].previous",
        "'41' should be a number without quotes, e.g. 43 or 38.5",
    ),
    v2_bad(
        "figure-unknown-key",
        changed(("figures", 0, "change"), -10),
        "figures[1].change",
        "unknown key (expected one of: category, value, previous, period, unit, note)",
    ),
    v2_bad(
        "figures-not-list",
        changed(("figures",), 43),
        "figures",
        "43 should be a list [...]",
    ),
]


@pytest.mark.parametrize("bad", BAD_V2_FILES, ids=lambda bad: bad.name)
def test_a_bad_version_2_file_is_refused_naming_its_key_path(
    database: str, tmp_path: Path, bad: BadFile
) -> None:
    imported(tmp_path, small_meeting())
    assert_refused_changing_nothing(bad, tmp_path)


def test_the_bad_version_2_files_differ_from_a_good_one_only_by_their_fault(
    database: str, tmp_path: Path
) -> None:
    assert Meeting.get_by_id(imported(tmp_path, full_meeting())).title == "Ward panel meeting"


# -- version 1 --------------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("key", "value"),
    [
        (("figures",), []),
        (("panel", "publish_residents"), "named"),
        (("attendance", 0, "arrived"), "19:30"),
        (("questions", 0, "outcome"), "answered"),
        (("actions", 0, "priority"), 1),
    ],
    ids=lambda value: ".".join(map(str, value)) if isinstance(value, tuple) else None,
)
def test_a_version_2_key_in_a_version_1_file_is_refused_with_the_way_out(
    database: str, tmp_path: Path, key: tuple[Any, ...], value: Any
) -> None:
    data = small_meeting()
    data["version"] = 1
    del data["recommendations"], data["figures"], data["panel"]["code"], data["actions"][0]["ref"]
    changed(key, value)(data)
    path = write(tmp_path, data)
    where = ".".join(str(part) for part in key if not isinstance(part, int))
    where = where.replace("attendance.", "attendance[1].").replace("questions.", "questions[1].")
    where = where.replace("actions.", "actions[1].")

    with pytest.raises(InterchangeError) as refused:
        import_files([path])

    assert str(refused.value) == (
        f'{path}: {where}: is a version 2 key, but this file says "version": 1 '
        '(write "version": 2 to use it)'
    )


def test_a_version_1_file_keeps_its_meaning(database: str, tmp_path: Path) -> None:
    """What version 1 said is stored as it always was, and the new columns take the
    meaning version 1 gave them: no outcome said, nothing internal, agreed as it stands."""
    version_1 = json.loads((FIXTURES / "stop_and_search.json").read_text(encoding="utf-8"))
    meeting = Meeting.get_by_id(imported(tmp_path, version_1))

    assert meeting.panel.publish_residents == "initials"
    assert (meeting.approved_on, meeting.approved_by, meeting.previous_agreed) == (None, "", None)
    assert {(q.kind, q.outcome, q.internal) for q in Question.select()} == {("question", "", False)}
    for action in Action.select():
        assert (action.agreed_due, action.agreed_owner_id, action.agreed_organisation_id) == (
            action.due,
            action.owner_id,
            action.organisation_id,
        )
    absent = Attendance.select().where(Attendance.status == "absent")
    assert {(a.reason, a.absence_category) for a in absent} == {("At a police briefing", "")}


def test_a_version_1_reason_for_apologies_is_still_refused(database: str, tmp_path: Path) -> None:
    data = small_meeting()
    data["version"] = 1
    del data["recommendations"], data["figures"], data["panel"]["code"], data["actions"][0]["ref"]
    data["attendance"][1]["reason"] = "Away"
    path = write(tmp_path, data)

    with pytest.raises(InterchangeError) as refused:
        import_files([path])

    assert str(refused.value).endswith(
        "attendance[2].reason: 'Away': a reason is kept only for status 'absent' "
        "(this entry is 'apologies')"
    )
