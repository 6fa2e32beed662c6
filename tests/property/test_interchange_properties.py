"""The meeting-file importer, fed any bytes and any values in any place.

Properties:
- `import_files` returns the new meetings' ids or raises `InterchangeError`, whose
  message is one plain line starting with the file's name; nothing else escapes;
- a refused file changes nothing stored (every row of every table compared);
- an accepted file is stored cleaned (as `services.line` and `services.long_text`
  clean typed text), times as HH:MM, and its text reads back as written, cleaned;
- what a dump writes imports again to the same dump: cleaned text round-trips;
- version 2: any value in any of its keys is imported whole or refused whole, and a
  well-formed version 2 file dumps to itself, every figure the same number of the same
  kind (whole or decimal) as written.
"""

from __future__ import annotations

import json
import re
from pathlib import Path
from typing import Any

import pytest
from hypothesis import event, example, given
from hypothesis import strategies as st

from tests.engines import as_drafts
from tests.property.conftest import (
    assert_everything_stored_is_clean,
    is_one_plain_line,
    one_example,
    snapshot,
)
from tests.property.strategies import ODD_DATES, text
from wardpanel import services
from wardpanel.core.models import (
    ABSENCE_CATEGORIES,
    ACTION_STATUSES,
    ATTENDANCE_STATUSES,
    MEETING_STATUSES,
    PRIORITY_SETTERS,
    PRIORITY_STATUSES,
    PUBLISH_RESIDENTS,
    QUESTION_KINDS,
    QUESTION_OUTCOMES,
    RECOMMENDATION_STATUSES,
    Meeting,
)
from wardpanel.core.people import normal_name
from wardpanel.core.textclean import clean_line, clean_text
from wardpanel.interchange import FORMAT, InterchangeError, dump_meeting, import_files

HH_MM = re.compile(r"(?:[01][0-9]|2[0-3]):[0-5][0-9]", re.ASCII)
NAMES = ("Ann Officer", "ann officer", "Tom Reid", "Metropolitan Police", "Marsh Council")


def rarely(good: st.SearchStrategy, bad: st.SearchStrategy) -> st.SearchStrategy:
    """Mostly a well-formed value, now and then a wrong one, so that many files are
    imported whole and the rest are refused at any depth."""
    return st.integers(0, 24).flatmap(lambda n: bad if n == 24 else good)


WRONG_TYPE = st.one_of(
    st.none(), st.integers(), st.floats(), st.booleans(), st.just([]), st.just({})
)
WORDS = rarely(
    st.one_of(
        text(6), st.sampled_from(NAMES), st.tuples(st.sampled_from(NAMES), text(3)).map("".join)
    ),
    WRONG_TYPE,
)
DAY = rarely(
    st.dates().map(lambda d: d.isoformat()), st.one_of(st.sampled_from(ODD_DATES), text(3))
)
TIME = rarely(
    st.tuples(st.integers(0, 23), st.integers(0, 59)).map(lambda t: f"{t[0]:02d}:{t[1]:02d}"),
    st.sampled_from(["19:00\n", "１９:００", "7pm", "24:00", "19:60", " 19:00", ""]),
)


def enum(allowed: tuple[str, ...]) -> st.SearchStrategy:
    return rarely(st.sampled_from(allowed), st.one_of(text(2), WRONG_TYPE))


def listing(item: st.SearchStrategy) -> st.SearchStrategy:
    return rarely(st.lists(item, max_size=3), WRONG_TYPE)


ATTENDEE = st.fixed_dictionaries(
    {"name": WORDS},
    optional={
        "role": WORDS,
        "organisation": WORDS,
        "status": enum(ATTENDANCE_STATUSES),
        "reason": WORDS,
    },
)
RESPONSE = st.fixed_dictionaries(
    {"text": WORDS}, optional={"organisation": WORDS, "responder": WORDS}
)
QUESTION = st.fixed_dictionaries(
    {"text": WORDS},
    optional={
        "asked_by": WORDS,
        "anonymous": rarely(st.booleans(), WRONG_TYPE),
        "topic": WORDS,
        "responses": listing(RESPONSE),
    },
)
UPDATE = st.fixed_dictionaries(
    {"date": DAY}, optional={"text": WORDS, "status": enum(ACTION_STATUSES)}
)
ACTION = st.fixed_dictionaries(
    {"text": WORDS},
    optional={
        "owner": WORDS,
        "organisation": WORDS,
        "due": DAY,
        "status": enum(ACTION_STATUSES),
        "question": rarely(st.integers(1, 3), st.one_of(st.integers(-1, 9), WRONG_TYPE)),
        "updates": listing(UPDATE),
    },
)
FILE_OF_ANY_VALUES = st.fixed_dictionaries(
    {
        "format": rarely(st.just(FORMAT), st.one_of(text(3), WRONG_TYPE)),
        "version": rarely(st.just(1), st.one_of(st.integers(), st.just(1.0), WRONG_TYPE)),
        "panel": st.fixed_dictionaries({"name": WORDS}, optional={"ward": WORDS, "borough": WORDS}),
        "meeting": st.fixed_dictionaries(
            {"date": DAY},
            optional={
                "title": WORDS,
                "start": TIME,
                "venue": WORDS,
                "chair": WORDS,
                "status": enum(MEETING_STATUSES),
                "next_meeting": DAY,
            },
        ),
    },
    optional={
        "attendance": listing(ATTENDEE),
        "notes": listing(st.fixed_dictionaries({}, optional={"heading": WORDS, "text": WORDS})),
        "questions": listing(QUESTION),
        "actions": listing(ACTION),
        "priorities": listing(
            st.fixed_dictionaries(
                {"text": WORDS},
                optional={"status": enum(PRIORITY_STATUSES), "set_by": enum(PRIORITY_SETTERS)},
            )
        ),
    },
)

# Version 2: the same file with every key version 2 added, any value in each.
FLAG = rarely(st.booleans(), WRONG_TYPE)
FIGURE_VALUE = rarely(
    st.one_of(st.integers(-(10**15) + 1, 10**15 - 1), st.decimals(places=3, allow_nan=False,
              allow_infinity=False, min_value=-(10**9), max_value=10**9).map(float)),
    st.one_of(
        st.booleans(), text(2), st.just(float("nan")), st.just(float("inf")),
        st.integers().filter(lambda n: abs(n) >= 10**15), st.just(-(10**40)),
        st.floats(min_value=1e16), st.just([]),
    ),
)  # fmt: skip
UPDATE_V2 = st.fixed_dictionaries(
    {"date": DAY}, optional={"text": WORDS, "status": enum(RECOMMENDATION_STATUSES)}
)
FILE_V2_OF_ANY_VALUES = st.fixed_dictionaries(
    {
        "format": st.just(FORMAT),
        "version": rarely(st.just(2), st.one_of(st.just(1), st.just(3), WRONG_TYPE)),
        "panel": st.fixed_dictionaries(
            {"name": WORDS}, optional={"publish_residents": enum(PUBLISH_RESIDENTS)}
        ),
        "meeting": st.fixed_dictionaries(
            {"date": DAY},
            optional={
                "status": enum(MEETING_STATUSES),
                "approved": rarely(
                    st.fixed_dictionaries({}, optional={"on": DAY, "by": WORDS}), WRONG_TYPE
                ),
                "previous_minutes": rarely(
                    st.fixed_dictionaries({}, optional={"agreed": FLAG, "amendments": WORDS}),
                    WRONG_TYPE,
                ),
            },
        ),
    },
    optional={
        "attendance": listing(
            st.fixed_dictionaries(
                {},
                optional={
                    "name": WORDS,
                    "role": WORDS,
                    "organisation": WORDS,
                    "status": enum(ATTENDANCE_STATUSES),
                    "reason": WORDS,
                    "for": WORDS,
                    "arrived": TIME,
                    "left": TIME,
                    "absence_category": enum(ABSENCE_CATEGORIES),
                    "first_time": FLAG,
                    "named": FLAG,
                },
            )
        ),
        "notes": listing(st.fixed_dictionaries({"text": WORDS}, optional={"internal": FLAG})),
        "questions": listing(
            st.fixed_dictionaries(
                {"text": WORDS},
                optional={
                    "kind": enum(QUESTION_KINDS),
                    "outcome": enum(QUESTION_OUTCOMES),
                    "referred_to": WORDS,
                    "internal": FLAG,
                    "responses": listing(
                        st.fixed_dictionaries({"text": WORDS}, optional={"internal": FLAG})
                    ),
                },
            )
        ),
        "actions": listing(
            st.fixed_dictionaries(
                {"text": WORDS},
                optional={
                    "due": DAY,
                    "agreed_due": DAY,
                    "priority": rarely(
                        st.integers(1, 2), st.one_of(st.integers(-1, 9), WRONG_TYPE)
                    ),
                    "internal": FLAG,
                },
            )
        ),
        "priorities": listing(
            st.fixed_dictionaries(
                {"text": WORDS}, optional={"lead": WORDS, "measure": WORDS, "review_by": DAY}
            )
        ),
        "recommendations": listing(
            st.fixed_dictionaries(
                {"text": WORDS},
                optional={
                    "to": WORDS,
                    "from": WORDS,
                    "response_due": DAY,
                    "response_due_as_said": WORDS,
                    "status": enum(RECOMMENDATION_STATUSES),
                    "response": WORDS,
                    "updates": listing(UPDATE_V2),
                },
            )
        ),
        "figures": listing(
            st.fixed_dictionaries(
                {"category": WORDS, "value": FIGURE_VALUE},
                optional={
                    "previous": FIGURE_VALUE,
                    "period": WORDS,
                    "unit": WORDS,
                    "note": WORDS,
                },
            )
        ),
    },
)

MEETING_FILE = st.one_of(FILE_OF_ANY_VALUES, FILE_V2_OF_ANY_VALUES).flatmap(
    lambda data: rarely(st.just(data), WORDS.map(lambda w: {**data, "an unknown key": w}))
)

# Words that stay words when cleaned, with anything around them.
SOME_WORDS = st.tuples(text(2), st.sampled_from(NAMES), text(2)).map("".join)


@st.composite
def valid_file(draw) -> dict[str, Any]:
    """A file the importer should take: every value well formed, the text anything
    that still holds a word."""
    iso = st.dates().map(lambda d: d.isoformat())
    attendees = draw(
        st.lists(
            st.fixed_dictionaries(
                {"name": SOME_WORDS, "status": st.sampled_from(["present", "apologies"])},
                optional={"role": text(3), "organisation": SOME_WORDS},
            ),
            max_size=3,
            unique_by=lambda a: (
                normal_name(clean_line(a["name"])).lower(),
                normal_name(clean_line(a.get("organisation"))).lower(),
            ),
        )
    )
    if attendees and draw(st.booleans()):
        attendees[0] = {**attendees[0], "status": "absent", "reason": draw(text(6))}
    questions = draw(
        st.lists(
            st.fixed_dictionaries(
                {"text": SOME_WORDS},
                optional={
                    "asked_by": text(3),
                    "anonymous": st.booleans(),
                    "topic": text(3),
                    "responses": st.lists(
                        st.fixed_dictionaries(
                            {"text": SOME_WORDS},
                            optional={"organisation": text(3), "responder": text(3)},
                        ),
                        max_size=2,
                    ),
                },
            ),
            max_size=3,
        )
    )
    links = {"question": st.integers(1, len(questions))} if questions else {}
    action = st.fixed_dictionaries(
        {"text": SOME_WORDS},
        optional={
            "owner": text(3),
            "organisation": text(3),
            "due": iso,
            "status": st.sampled_from(ACTION_STATUSES),
            "updates": st.lists(
                st.fixed_dictionaries(
                    {"date": iso, "text": SOME_WORDS},
                    optional={"status": st.sampled_from(ACTION_STATUSES)},
                ),
                max_size=2,
            ),
            **links,
        },
    )
    return {
        "format": FORMAT,
        "version": 1,
        "panel": draw(st.fixed_dictionaries({"name": SOME_WORDS}, optional={"ward": text(3)})),
        "meeting": draw(
            st.fixed_dictionaries(
                {"date": iso},
                optional={
                    "title": SOME_WORDS,
                    "start": st.sampled_from(["19:00", "07:30", "23:59", "00:00"]),
                    "venue": text(4),
                    "chair": text(3),
                    "status": st.sampled_from(MEETING_STATUSES),
                    "next_meeting": iso,
                },
            )
        ),
        "attendance": attendees,
        "notes": draw(st.lists(st.fixed_dictionaries({"heading": SOME_WORDS, "text": text(8)}))),
        "questions": questions,
        "actions": draw(st.lists(action, max_size=2)),
        "priorities": draw(
            st.lists(
                st.fixed_dictionaries({"text": SOME_WORDS}, optional={"set_by": st.just("police")})
            )
        ),
    }


# A figure as a file may write it: a whole number, or a decimal of at most 15 digits
# (written by json.dumps as the shortest form that reads back as the same double).
FIGURE = st.one_of(
    st.integers(-(10**15) + 1, 10**15 - 1),
    st.tuples(st.integers(-(10**9), 10**9), st.integers(0, 6)).map(lambda t: t[0] / 10 ** t[1]),
)


@st.composite
def valid_v2_file(draw) -> dict[str, Any]:
    """A well-formed version 2 file: a valid version 1 file given every version 2 key."""
    data = draw(valid_file())
    data["version"] = 2
    iso = st.dates().map(lambda d: d.isoformat())
    data["panel"]["publish_residents"] = draw(st.sampled_from(PUBLISH_RESIDENTS))
    if draw(st.booleans()):
        data["meeting"]["status"] = "approved"
        data["meeting"]["approved"] = {"on": draw(iso), "by": draw(SOME_WORDS)}
    data["meeting"]["previous_minutes"] = {"agreed": draw(st.booleans())}
    for attendee in data["attendance"]:
        if attendee["status"] == "present":
            attendee["arrived"] = draw(st.sampled_from(["19:10", "19:45"]))
            attendee["first_time"] = draw(st.booleans())
        else:
            attendee["absence_category"] = draw(st.sampled_from(ABSENCE_CATEGORIES))
        attendee["named"] = draw(st.booleans())
    data["attendance"].append({"role": draw(SOME_WORDS), "status": "absent"})
    for question in data["questions"]:
        question["outcome"] = draw(st.sampled_from(QUESTION_OUTCOMES))
        if question["outcome"] == "referred":
            question["referred_to"] = draw(SOME_WORDS)
        question["internal"] = draw(st.booleans())
    data["priorities"].append({"text": draw(SOME_WORDS), "lead": draw(SOME_WORDS)})
    for action in data["actions"]:
        action["priority"] = len(data["priorities"])
        action["agreed_due"] = draw(iso)
    data["recommendations"] = draw(
        st.lists(
            st.fixed_dictionaries(
                {"text": SOME_WORDS, "status": st.sampled_from(RECOMMENDATION_STATUSES)},
                optional={"to": SOME_WORDS, "response_due": iso, "response_due_as_said": text(3)},
            ),
            max_size=2,
        )
    )
    data["figures"] = draw(
        st.lists(
            st.fixed_dictionaries(
                {"category": SOME_WORDS, "value": FIGURE},
                optional={"previous": FIGURE, "unit": st.sampled_from(["%", "£", "arrests"])},
            ),
            max_size=3,
        )
    )
    return data


def write(path: Path, data: Any) -> Path:
    # ASCII-escaped JSON, so lone surrogates and NULs reach the importer as JSON holds them.
    path.write_text(json.dumps(data), encoding="ascii")
    return path


def attempt_import(path: Path) -> list[int] | None:
    """Import one file: refused, nothing changes and the refusal is one plain line."""
    before = snapshot()
    try:
        ids = import_files([path])
    except InterchangeError as error:
        message = str(error)
        assert message.startswith(f"{path}: ") and is_one_plain_line(message), message
        assert snapshot() == before, "a refused file changed what is stored"
        event(f"refused at {error.key or 'the file itself'}")
        return None
    assert_everything_stored_is_clean()
    event("imported")
    return ids


@given(
    content=st.one_of(
        st.binary(max_size=200),
        st.just(b"\xef\xbb\xbf{}"),
        text(8).map(lambda s: s.encode("utf-8", "surrogatepass")),
    )
)
def test_any_bytes_are_imported_or_refused_plainly(record, tmp_path, content):
    path = tmp_path / "meeting.json"
    path.write_bytes(content)
    with one_example():
        attempt_import(path)


def minimal_file(**meeting: str) -> dict[str, Any]:
    return {
        "format": FORMAT,
        "version": 1,
        "panel": {"name": "Hoe Street Ward Panel"},
        "meeting": {"date": "2026-04-10", **meeting},
    }


@given(data=MEETING_FILE)
@example(data=minimal_file(start="19:00\n"))
@example(data=minimal_file(start="１９:００"))
@example(data=minimal_file(date="２０２６-０４-１０"))
@example(  # one person to PostgreSQL's lower(), two to Python's (final sigma)
    data={
        **minimal_file(),
        "attendance": [{"name": "ΟΔΟΣ"}, {"name": "οδοσ"}],
    }
)
def test_any_meeting_file_is_imported_whole_or_refused_whole(record, tmp_path, data):
    path = write(tmp_path / "meeting.json", data)
    with one_example():
        ids = attempt_import(path)
        if ids is not None:
            stored = Meeting.get_by_id(ids[0])
            assert stored.start == "" or HH_MM.fullmatch(stored.start), stored.start


@given(data=valid_file())
# PostgreSQL's lower() and Python's differ on İ: a panel's name must still match itself.
@example(
    data={
        **minimal_file(),
        "panel": {"name": "Ann Officerİ"},
        **{key: [] for key in ("attendance", "notes", "questions", "actions", "priorities")},
    }
)
def test_a_well_formed_file_reads_back_cleaned_and_dumps_to_itself(record, tmp_path, data):
    path = write(tmp_path / "meeting.json", data)
    # As the importer reads it: in JSON, "\ud800\udfff" is one character, not two.
    data = json.loads(path.read_text(encoding="ascii"))
    with one_example():
        ids = attempt_import(path)
        assert ids is not None, "a well-formed file was refused"
        (meeting_id,) = ids
        dumped = dump_meeting(meeting_id)
        # A name is stored in its normal form (wardpanel.core.people.normal_name).
        panel_name = normal_name(clean_line(data["panel"]["name"]))
        assert dumped["panel"]["name"].lower() == panel_name.lower()
        assert [note["text"] for note in dumped["notes"] if "text" in note] == [
            clean_text(note["text"]) for note in data["notes"] if clean_text(note["text"])
        ]
        for written, read in zip(data["questions"], dumped["questions"], strict=True):
            assert read["text"] == clean_text(written["text"])
            assert [r["text"] for r in read["responses"]] == [
                clean_text(r["text"]) for r in written.get("responses", [])
            ]

        # The dump, imported in the meeting's place, dumps the same.
        as_drafts()  # an approved meeting is deleted only once reopened
        services.delete_meeting(meeting_id)
        (again,) = import_files([write(tmp_path / "dumped.json", dumped)])
        assert dump_meeting(again) == dumped


@pytest.mark.long(seconds=8)
@given(data=valid_v2_file())
def test_a_well_formed_version_2_file_dumps_to_itself(record, tmp_path, data):
    path = write(tmp_path / "meeting.json", data)
    data = json.loads(path.read_text(encoding="ascii"))
    with one_example():
        ids = attempt_import(path)
        assert ids is not None, "a well-formed version 2 file was refused"
        (meeting_id,) = ids
        dumped = dump_meeting(meeting_id)
        for written, read in zip(data["figures"], dumped["figures"], strict=True):
            for key in ("value", "previous"):
                assert type(read.get(key)) is type(written.get(key)), (written, read)
                assert read.get(key) == written.get(key)
        assert [q.get("outcome") for q in dumped["questions"]] == [
            q["outcome"] for q in data["questions"]
        ]
        assert dumped["attendance"][-1]["role"] == clean_line(data["attendance"][-1]["role"])
        assert dumped["meeting"].get("approved", {}).get("on") == data["meeting"].get(
            "approved", {}
        ).get("on")

        as_drafts()  # an approved meeting is deleted only once reopened
        services.delete_meeting(meeting_id)
        (again,) = import_files([write(tmp_path / "dumped.json", dumped)])
        assert dump_meeting(again) == dumped
