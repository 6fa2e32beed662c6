"""Action references per panel: a panel's code and a number ("HS-12"), stable once given.

Each panel numbers its own actions from 1; a number is never given twice (not after a
delete, not to two programs at once); a reference moves with its action through merges,
dumps and imports; a panel's new code is for new actions only; and every action made
before references were per panel keeps the "A" and id it was printed with.
"""

from __future__ import annotations

import json
import os
import subprocess
import sys
import textwrap
import time
from pathlib import Path

import docx
import peewee as pw
import pytest
from click.testing import CliRunner

from tests.unit.test_interchange import second_database
from tests.unit.v2_meetings import full_meeting, small_meeting, write
from wardpanel import services
from wardpanel.cli import main as cli
from wardpanel.core.errors import InputError
from wardpanel.core.models import Action, Meeting, Panel
from wardpanel.core.storage.database import db
from wardpanel.exporting import export_minutes
from wardpanel.interchange import InterchangeError, dump_meeting, import_files
from wardpanel.queries import search
from wardpanel.queries.actions import ActionFilter, find_actions

EVERY = ("open", "in_progress", "done", "dropped")


def _meeting(panel_name: str, day: str = "2026-04-10") -> Meeting:
    panel = Panel.get_or_none(Panel.name == panel_name) or services.create_panel(panel_name)
    return services.create_meeting(panel.id, day)


def _refs(meeting: Meeting, count: int, start: int = 1) -> list[str]:
    return [
        services.add_action(meeting.id, f"Action number {n}").ref
        for n in range(start, start + count)
    ]


def test_each_panel_numbers_its_own_actions_from_one(database: str) -> None:
    hoe = _meeting("Hoe Street Ward Panel")
    wood = _meeting("Wood Street Ward Panel")

    assert _refs(hoe, 2) == ["HS-1", "HS-2"]
    assert _refs(wood, 1) == ["WS-1"]
    assert _refs(hoe, 1, start=3) == ["HS-3"]
    # A later meeting of the same panel goes on counting.
    assert _refs(_meeting("Hoe Street Ward Panel", "2026-07-10"), 1) == ["HS-4"]


def test_a_deleted_actions_number_is_never_given_again(database: str) -> None:
    hoe = _meeting("Hoe Street Ward Panel")
    first, second = (services.add_action(hoe.id, text) for text in ("One", "Two"))
    services.delete_action(second.id)
    assert services.add_action(hoe.id, "Three").ref == "HS-3"
    services.delete_meeting(hoe.id)
    later = _meeting("Hoe Street Ward Panel", "2026-07-10")
    assert services.add_action(later.id, "Four").ref == "HS-4"
    assert first.ref == "HS-1"


def test_a_new_code_is_for_new_actions_only(database: str) -> None:
    hoe = _meeting("Hoe Street Ward Panel")
    given = services.add_action(hoe.id, "Before").id
    services.update_panel(hoe.panel_id, "Hoe Street Ward Panel", code="hst")

    assert Panel.get_by_id(hoe.panel_id).code == "HST"
    assert Action.get_by_id(given).ref == "HS-1"
    assert services.add_action(hoe.id, "After").ref == "HST-2"


@pytest.mark.parametrize(
    ("typed", "message"),
    [
        ("", "code: give a few letters for the panel's action references, such as HS"),
        ("  ", "code: give a few letters for the panel's action references, such as HS"),
        ("H S", "code: 'H S' should be letters and digits only, starting with a letter"),
        ("HS-", "code: 'HS-' should be letters and digits only, starting with a letter"),
        ("12", "code: '12' should be letters and digits only, starting with a letter"),
        ("ABCDEFG", "code: 'ABCDEFG' is too long: at most 6 letters or digits"),
        ("ws", "code: 'WS' is already the code of Wood Street Ward Panel"),
    ],
)
def test_a_code_that_will_not_do_is_refused_in_one_line(
    database: str, typed: str, message: str
) -> None:
    hoe = _meeting("Hoe Street Ward Panel")
    _meeting("Wood Street Ward Panel")

    with pytest.raises(InputError) as refused:
        services.update_panel(hoe.panel_id, "Hoe Street Ward Panel", code=typed)

    assert str(refused.value) == message
    assert Panel.get_by_id(hoe.panel_id).code == "HS"  # nothing changed


def test_codes_come_from_the_name_and_stay_unique(database: str) -> None:
    names = ("Hoe Street Ward Panel", "High Street Ward Panel", "Hale End and Highams Park")
    codes = [services.create_panel(name).code for name in names]
    assert codes == ["HS", "HS2", "HEHP"]
    with pytest.raises(InputError, match="'HS' is already the code of Hoe Street Ward Panel"):
        services.create_panel("Hatch Lane Ward Panel", code="hs")
    assert not Panel.select().where(Panel.name == "Hatch Lane Ward Panel").exists()
    # Even written past the services (two programs at once), the database keeps them one.
    with pytest.raises(pw.IntegrityError), db.atomic():
        Panel.create(name="Hatch Lane Ward Panel", code="hs")


def test_references_stay_with_their_actions_through_merges(database: str) -> None:
    hoe = _meeting("Hoe Street Ward Panel")
    first = services.add_action(hoe.id, "Patrol", "Tom Reid", "Metropolitan Police")
    second = services.add_action(hoe.id, "Report", "Thomas Reid", "Hoe Street Team")
    services.merge_organisations("Hoe Street Team", "Metropolitan Police")
    services.merge_people(second.owner_id, first.owner_id)

    assert [a.ref for a in Action.select().order_by(Action.id)] == ["HS-1", "HS-2"]


def test_a_dump_carries_the_references_and_an_import_keeps_them(
    database: str, make_target, tmp_path: Path
) -> None:
    hoe = _meeting("Hoe Street Ward Panel")
    _refs(hoe, 12)
    services.delete_action(Action.get(Action.ref == "HS-3").id)
    dumped = dump_meeting(hoe.id)
    assert [a["ref"] for a in dumped["actions"]][-2:] == ["HS-11", "HS-12"]
    assert dumped["panel"]["code"] == "HS"
    path = write(tmp_path, dumped, "hoe.json")

    with second_database(make_target()):
        [again] = import_files([path])
        assert dump_meeting(again) == dumped  # the same JSON, references and all
        # The panel counts on from the highest reference it was given.
        assert services.add_action(again, "Next").ref == "HS-13"


def test_an_import_numbers_the_actions_a_file_gives_no_reference(
    database: str, tmp_path: Path
) -> None:
    data = full_meeting()
    del data["actions"][1]["ref"]
    [meeting_id] = import_files([write(tmp_path, data)])

    refs = [a.ref for a in Action.select().where(Action.meeting == meeting_id)]
    # LB-7 is kept; the panel counts on after it.
    assert refs == ["LB-7", "LB-8"]
    later = services.create_meeting(Meeting.get_by_id(meeting_id).panel_id, "2026-12-10")
    assert services.add_action(later.id, "Later").ref == "LB-9"


def test_an_import_whose_reference_the_panel_holds_is_refused_naming_it(
    db_target: str, tmp_path: Path
) -> None:
    first = write(tmp_path, full_meeting(), "first.json")
    second_data = full_meeting()
    second_data["meeting"]["date"] = "2027-01-14"
    del second_data["actions"][0]["ref"]
    second_data["actions"][1]["ref"] = "lb-7"  # any case: it is LB-7
    second = write(tmp_path, second_data, "second.json")
    runner = CliRunner()
    assert runner.invoke(cli, ["import", str(first), "--db", db_target]).exit_code == 0

    result = runner.invoke(cli, ["import", str(second), "--db", db_target])

    assert result.exit_code == 2
    assert result.stderr.strip() == (
        f"wardpanel: {second}: actions[2].ref: 'LB-7' is already the reference of another "
        "action of Lea Bridge Ward Panel"
    )
    meetings = runner.invoke(cli, ["meetings", "--db", db_target]).stdout
    assert "2027-01-14" not in meetings  # nothing written


@pytest.mark.parametrize(
    ("ref", "message"),
    [
        ("HS 12", "'HS 12' is not a reference: letters, digits and hyphens, such as HS-12"),
        ("-12", "'-12' is not a reference: letters, digits and hyphens, such as HS-12"),
        ("X" * 25, "'XXXXXXXXXXXXXXXXXXXX...' is too long for a reference"),
    ],
)
def test_a_reference_that_is_not_one_is_refused(
    database: str, tmp_path: Path, ref: str, message: str
) -> None:
    data = small_meeting()
    data["actions"][0]["ref"] = ref
    path = write(tmp_path, data)
    with pytest.raises(InterchangeError) as refused:
        import_files([path])
    assert str(refused.value) == f"{path}: actions[1].ref: {message}"


def test_one_reference_twice_in_a_file_is_refused(database: str, tmp_path: Path) -> None:
    data = full_meeting()
    data["actions"][1]["ref"] = "LB-7"
    path = write(tmp_path, data)
    with pytest.raises(InterchangeError) as refused:
        import_files([path])
    assert str(refused.value) == (
        f"{path}: actions[2].ref: 'LB-7' is also the reference of actions[1]"
    )
    assert not Meeting.select().exists()


def test_the_actions_view_and_search_find_an_action_by_its_reference(database: str) -> None:
    hoe = _meeting("Hoe Street Ward Panel")
    _refs(hoe, 12)
    twelve = Action.get(Action.ref == "HS-12")

    for typed in ("HS-12", "hs-12", "(HS-12)"):
        rows = find_actions(ActionFilter(text=typed, statuses=EVERY)).rows
        assert [row.id for row in rows] == [twelve.id], typed
        hits = search.search(typed)
        assert (hits[0].kind, hits[0].item_id, hits[0].ref) == ("action", twelve.id, "HS-12")
    assert find_actions(ActionFilter(text="HS-99", statuses=EVERY)).rows == ()
    assert search.search("HS-12", panel="Wood Street Ward Panel") == []


def test_the_minutes_print_each_reference_as_given(database: str, tmp_path: Path) -> None:
    hoe = _meeting("Hoe Street Ward Panel")
    _refs(hoe, 12)
    path = export_minutes(hoe.id, tmp_path / "minutes.docx")

    document = docx.Document(str(path))
    first_cells = [row.cells[0].text for table in document.tables for row in table.rows]
    assert first_cells[-1] == "HS-12"
    assert [f"HS-{n}" for n in range(1, 13)] == [c for c in first_cells if c.startswith("HS-")]


def test_the_follow_up_list_and_the_json_use_the_reference(db_target: str, tmp_path: Path) -> None:
    runner = CliRunner()
    data = small_meeting()
    data["actions"][0]["ref"] = "SP-40"
    path = write(tmp_path, data)
    assert runner.invoke(cli, ["import", str(path), "--db", db_target]).exit_code == 0

    listed = json.loads(
        runner.invoke(cli, ["actions", "--json", "--text", "sp-40", "--db", db_target]).stdout
    )
    assert [a["ref"] for a in listed["actions"]] == ["SP-40"]
    out = tmp_path / "actions.docx"
    assert (
        runner.invoke(cli, ["export", "actions", "-o", str(out), "--db", db_target]).exit_code == 0
    )
    cells = [row.cells[0].text for t in docx.Document(str(out)).tables for row in t.rows]
    assert "SP-40" in cells


# -- two programs at once ------------------------------------------------------------------

WRITER = textwrap.dedent(
    """
    import json, os, sys, time
    from wardpanel import services
    from wardpanel.core.storage.database import open_database

    target, meeting_id, name, count, go = sys.argv[1:6]
    open_database(target)
    while not os.path.exists(go):
        time.sleep(0.005)
    refs = [services.add_action(int(meeting_id), f"{name} {n}").ref for n in range(int(count))]
    print(json.dumps(refs))
    """
)


def test_two_programs_adding_actions_at_once_never_share_a_reference(
    database: str, tmp_path: Path
) -> None:
    hoe = _meeting("Hoe Street Ward Panel")
    wood = _meeting("Wood Street Ward Panel")
    db.close()
    go = tmp_path / "go"
    count = 30
    env = {**os.environ, "WARDPANEL_BUSY_TIMEOUT": "30"}
    writers = [
        subprocess.Popen(
            [sys.executable, "-c", WRITER, database, str(meeting.id), name, str(count), str(go)],
            stdout=subprocess.PIPE,
            stderr=subprocess.PIPE,
            text=True,
            env=env,
        )
        for meeting, name in ((hoe, "first"), (hoe, "second"), (wood, "third"))
    ]
    time.sleep(1.0)  # every writer has opened the database and waits for the start
    go.touch()
    results = [writer.communicate(timeout=120) for writer in writers]
    for writer, (_, errors) in zip(writers, results, strict=True):
        assert writer.returncode == 0, errors
    first, second, third = (json.loads(out) for out, _ in results)

    assert sorted(first + second, key=lambda r: int(r[3:])) == [
        f"HS-{n}" for n in range(1, 2 * count + 1)
    ]
    assert third == [f"WS-{n}" for n in range(1, count + 1)]
    db.connect(reuse_if_open=True)
    stored = [a.ref for a in Action.select().where(Action.meeting == hoe.id)]
    assert sorted(stored) == sorted(first + second)


ONE_MORE = textwrap.dedent(
    """
    import sys
    from wardpanel import services
    from wardpanel.core.storage.database import open_database

    target, meeting_id = sys.argv[1:3]
    open_database(target)
    print("ready", flush=True)
    print(services.add_action(int(meeting_id), "From the other program").ref, flush=True)
    """
)


def test_a_second_program_waits_for_the_first_ones_number_to_be_saved(
    database: str, tmp_path: Path
) -> None:
    """The first program has taken HS-1 and not yet committed: the second one, adding an
    action to the same panel meanwhile, must not take HS-1 too."""
    hoe = _meeting("Hoe Street Ward Panel")
    env = {**os.environ, "WARDPANEL_BUSY_TIMEOUT": "30"}
    with db.atomic():
        assert services.add_action(hoe.id, "From this program").ref == "HS-1"
        other = subprocess.Popen(
            [sys.executable, "-c", ONE_MORE, database, str(hoe.id)],
            stdout=subprocess.PIPE,
            stderr=subprocess.PIPE,
            text=True,
            env=env,
        )
        assert other.stdout is not None
        assert other.stdout.readline().strip() == "ready"
        time.sleep(0.5)  # let it reach its reference while this transaction is open
    out, errors = other.communicate(timeout=60)

    assert other.returncode == 0, errors
    assert out.strip() == "HS-2"
    assert sorted(a.ref for a in Action.select()) == ["HS-1", "HS-2"]
