"""`wardpanel actions` and `wardpanel search`: tables, counts, JSON, and one clear line
with exit status 2 for every mistake."""

from __future__ import annotations

import json
from pathlib import Path

import pytest
from click.testing import CliRunner, Result

from tests.engines import as_drafts, skip_syncing
from wardpanel import services
from wardpanel.cli import main
from wardpanel.core.models import Action
from wardpanel.interchange import import_files

FIXTURES = Path(__file__).resolve().parent.parent / "fixtures"
ASSEMBLY = "Waltham Forest Safer Neighbourhood Board"
WEBINAR = "Waltham Forest Community Safety Webinar"


@pytest.fixture
def seeded(database: str) -> str:
    skip_syncing()  # test data need not survive a power cut
    import_files([FIXTURES / "citizens_assembly.json", FIXTURES / "webinar.json"])
    return database


def run(database: str, *args: str) -> Result:
    return CliRunner().invoke(main, [*args, "--db", str(database)], catch_exceptions=False)


def refused(result: Result, starts: str) -> None:
    assert result.exit_code == 2, result.output
    assert "Traceback" not in result.output
    assert result.stdout == ""
    lines = result.stderr.strip().splitlines()
    assert len(lines) == 1
    assert lines[0].startswith(f"wardpanel: {starts}"), lines[0]


# -- actions ------------------------------------------------------------------------------


def test_actions_prints_an_aligned_table_and_the_counts(seeded) -> None:
    result = run(seeded, "actions", "--as-of", "2026-06-01")
    assert result.exit_code == 0, result.output
    lines = result.stdout.splitlines()
    header, rows, summary = lines[0], lines[1:-1], lines[-1]
    assert header.split() == [
        "Ref", "Due", "Status", "Owner", "Organisation", "Panel", "Raised", "Action"
    ]  # fmt: skip
    assert len(rows) == 12  # ten recommendations and the Met's two webinar actions
    assert summary == (
        "12 listed, as of 2026-06-01. All statuses: 11 open, 1 in progress (2 overdue), "
        "2 done, 0 dropped."
    )
    starts = [header.index(title) for title in ("Due", "Owner", "Panel", "Action")]
    for row in rows:  # every column starts where its title does
        assert all(row[start - 2 : start] == "  " for start in starts)
    first = rows[0]
    assert first.startswith("WFCS-3 ")
    assert "2025-05-31" in first and "OVERDUE" in first and "Martin Oyelaran" in first
    assert all("…" in row or len(row) < 250 for row in rows)
    assert "OVERDUE" not in rows[-1]  # the recommendations are due in the autumn


def test_status_is_repeatable_and_all_means_every_status(seeded) -> None:
    done = run(seeded, "actions", "--status", "done")
    assert done.stdout.splitlines()[-1].startswith("2 listed")
    both = run(seeded, "actions", "--status", "done", "--status", "in_progress")
    assert both.stdout.splitlines()[-1].startswith("3 listed")
    every = run(seeded, "actions", "--status", "all")
    assert every.stdout.splitlines()[-1].startswith("14 listed")


def test_filters_by_panel_organisation_owner_dates_and_text(seeded) -> None:
    def listed(*args: str) -> int:
        result = run(seeded, "actions", "--json", *args)
        assert result.exit_code == 0, result.output
        return json.loads(result.stdout)["total"]

    assert listed("--panel", ASSEMBLY.lower()) == 10
    assert listed("--organisation", "WALTHAM FOREST COUNCIL", "--status", "all") == 2
    assert listed("--owner", "martin oyelaran") == 2
    assert listed("--overdue", "--as-of", "2026-06-01") == 2
    assert listed("--overdue", "--as-of", "2026-11-01") == 12
    assert listed("--due-from", "2025-06-01", "--due-to", "2025-12-31") == 1
    assert listed("--text", "recommendations OR nothing") == 0
    assert listed("--text", "diverse candidates") == 1


def test_json_holds_each_action_with_its_latest_update(seeded) -> None:
    result = run(seeded, "actions", "--json", "--text", "vehicle", "--as-of", "2026-06-01")
    report = json.loads(result.stdout)
    assert report["as_of"] == "2026-06-01"
    assert report["total"] == 1
    assert report["counts"] == {
        "open": 0,
        "in_progress": 1,
        "overdue": 1,
        "done": 0,
        "dropped": 0,
    }
    (action,) = report["actions"]
    vehicle = Action.get(Action.text.startswith("Share figures on vehicle")).id
    assert action == {
        "id": vehicle,
        "ref": "WFCS-4",
        "text": "Share figures on vehicle crime arrests and outcomes for the borough "
        "with residents who asked.",
        "owner": "Martin Oyelaran",
        "organisation": "Metropolitan Police",
        "due": "2025-06-30",
        "status": "in_progress",
        "overdue": True,
        "panel": WEBINAR,
        "meeting_id": action["meeting_id"],
        "meeting_date": "2025-04-24",
        "question": 5,
        "latest_update": {
            "date": "2025-06-12",
            "text": "Figures requested from the performance team.",
            "status": None,
        },
    }


def test_nothing_matching_is_said_plainly(seeded) -> None:
    result = run(seeded, "actions", "--text", "zebra crossing")
    assert result.exit_code == 0
    assert result.stdout.splitlines()[0] == "No actions match."


@pytest.mark.parametrize(
    ("args", "starts"),
    [
        (("--owner", "Nobody Known"), "--owner: nobody called 'Nobody Known'"),
        (("--panel", "No Panel"), "--panel: no panel called 'No Panel'"),
        (("--organisation", "No Org"), "--organisation: no organisation called 'No Org'"),
        (("--due-from", "2026-02-30"), "--due-from: '2026-02-30'"),
        (("--due-to", "tomorrow"), "--due-to: 'tomorrow'"),
        (("--due-from", "2026-12-01", "--due-to", "2026-01-01"), "--due-to:"),
        (("--as-of", "1/6/2026"), "--as-of:"),
        (("--text", "?!"), "--text: '?!' holds no word"),
    ],
)
def test_actions_mistakes_name_the_option_and_exit_2(seeded, args, starts) -> None:
    refused(run(seeded, "actions", *args), starts)


def test_an_unknown_status_is_a_usage_error(seeded) -> None:
    result = run(seeded, "actions", "--status", "closed")
    assert result.exit_code == 2
    assert "--status" in result.output and "Traceback" not in result.output


# -- search --------------------------------------------------------------------------------


def test_search_prints_where_each_match_was_said(seeded) -> None:
    result = run(seeded, "search", "Whipps Cross")
    assert result.exit_code == 0, result.output
    header, line = result.stdout.splitlines()
    assert header.split() == ["Kind", "Meeting", "Date", "Panel", "Found"]
    assert line.split()[0] == "response"
    assert "2025-04-24" in line and "Whipps Cross" in line


def test_search_json_limit_and_panel(seeded) -> None:
    result = run(seeded, "search", "police", "--json", "--limit", "2", "--panel", ASSEMBLY)
    hits = json.loads(result.stdout)
    assert len(hits) == 2
    assert {hit["panel"] for hit in hits} == {ASSEMBLY}
    assert set(hits[0]) == {
        "kind",
        "id",
        "meeting_id",
        "panel",
        "meeting_date",
        "action_id",
        "ref",
        "snippet",
        "highlights",
    }
    for hit in hits:
        assert all(hit["snippet"][a:b].lower().startswith("polic") for a, b in hit["highlights"])


def test_search_finds_update_and_names_its_action(seeded) -> None:
    result = run(seeded, "search", "performance team")
    vehicle = Action.get(Action.text.startswith("Share figures on vehicle")).id
    assert result.stdout.splitlines()[1].startswith("update WFCS-4")
    assert Action.get_by_id(vehicle).ref == "WFCS-4"


def test_search_follows_changes_made_in_the_app(seeded) -> None:
    as_drafts()  # the sample's minutes are approved; this test changes them
    note = services.add_note(1, "Fireworks", "Fireworks in the park after midnight.")
    assert "Fireworks in the park" in run(seeded, "search", "midnight").stdout
    services.delete_note(note.id)
    assert run(seeded, "search", "midnight").stdout == "Nothing found.\n"


def test_search_never_finds_an_anonymous_asker(seeded) -> None:
    result = run(seeded, "search", "Farida", "--json")
    assert json.loads(result.stdout) == []


@pytest.mark.parametrize(
    ("args", "starts"),
    [
        (("...",), "TEXT: '...' holds no word"),
        (("police", "--panel", "Nowhere"), "--panel: no panel called 'Nowhere'"),
    ],
)
def test_search_mistakes_name_what_is_wrong_and_exit_2(seeded, args, starts) -> None:
    refused(run(seeded, "search", *args), starts)


def test_search_limit_must_be_positive(seeded) -> None:
    result = run(seeded, "search", "police", "--limit", "0")
    assert result.exit_code == 2
    assert "--limit" in result.output and "Traceback" not in result.output
