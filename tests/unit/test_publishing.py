"""Published minutes and the panel's record (BRIEF "One truth": published minutes vs the
record; what was agreed stays agreed), read back with python-docx and docx2python."""

from __future__ import annotations

import json
import stat
from pathlib import Path

import pytest
from docx2python import docx2python

from tests.engines import skip_syncing
from tests.render_check import all_parts_text, read_blocks, section
from wardpanel import services
from wardpanel.core.models import Action
from wardpanel.core.textnames import TextNames
from wardpanel.exporting import export_minutes
from wardpanel.exporting.titles import RECORD_MARK
from wardpanel.interchange import import_files

RESIDENT = "Sunita Kapoor"
CONSENTING = "Gareth Llewellyn"
WITHHELD_TOO = ("Olu Adeyemi", "Rosa Pinheiro", "Ivo Marek")
SECRET_NOTE = "Discussed the informant's address privately."
UNFILED = "Q: ??? what did sgt say re parking"


def _meeting_file(tmp_path: Path, publish: str | None = None) -> Path:
    panel: dict = {"name": "Cann Hall Ward Panel", "ward": "Cann Hall"}
    if publish:
        panel["publish_residents"] = publish
    data = {
        "format": "wardpanel-meeting",
        "version": 2,
        "panel": panel,
        "meeting": {"date": "2026-10-01", "chair": "Dev Anand", "status": "draft"},
        "attendance": [
            {"name": "Dev Anand", "role": "Chair", "status": "present"},
            {"name": "Tom Reid", "role": "Sgt", "organisation": "Metropolitan Police",
             "status": "present"},
            {"name": RESIDENT, "status": "present"},
            {"name": CONSENTING, "status": "present", "named": True},
            *({"name": name, "status": "present"} for name in WITHHELD_TOO),
        ],
        "notes": [
            {"heading": "Any other business",
             "text": f"{RESIDENT} asked about the alley; sunita  kapoor will write. "
                     "Mrs Kapoor thanked PC Hill."},
            {"heading": "Private", "text": SECRET_NOTE, "internal": True},
        ],
        "questions": [
            {"asked_by": RESIDENT, "topic": "Parking", "text": "Cars on the pavement.",
             "responses": [
                 {"organisation": "Metropolitan Police", "responder": "Tom Reid",
                  "text": "We will patrol."},
                 {"organisation": "Metropolitan Police", "text": "Operation name withheld.",
                  "internal": True},
             ]},
            {"asked_by": CONSENTING, "topic": "Informant", "text": "Who told you?",
             "internal": True},
        ],
        "actions": [
            {"text": f"Write to {RESIDENT} about the alley.", "owner": "Tom Reid",
             "organisation": "Metropolitan Police", "due": "2026-12-04", "question": 1},
            {"text": "Check the informant is safe.", "owner": "Tom Reid",
             "organisation": "Metropolitan Police", "due": "2026-10-20", "internal": True},
        ],
    }  # fmt: skip
    path = tmp_path / "meeting.json"
    path.write_text(json.dumps(data), encoding="utf-8")
    return path


@pytest.fixture
def meeting_id(database: str, tmp_path: Path) -> int:
    skip_syncing()
    (found,) = import_files([_meeting_file(tmp_path)])
    services.keep_unfiled(found, UNFILED)
    return found


def _text(path: Path) -> str:
    return all_parts_text(path)


def test_published_minutes_print_residents_by_initials_and_leave_out_internal_items(
    meeting_id: int, tmp_path: Path
) -> None:
    path = export_minutes(meeting_id, tmp_path / "published.docx")
    everything = _text(path)
    for leaked in (RESIDENT, "Kapoor", "Sunita", SECRET_NOTE, "Operation name withheld",
                   "Who told you", "informant is safe", UNFILED, "Unfiled quick entry",
                   RECORD_MARK):  # fmt: skip
        assert leaked not in everything, leaked
    # The consenting resident, the officer and the chair keep their names.
    assert CONSENTING in everything and "Tom Reid" in everything and "Dev Anand" in everything
    blocks = read_blocks(path)
    assert "SK asked about the alley; SK will write. SK thanked PC Hill." in [
        b.text for b in section(blocks, "Notes and police update")
    ]
    (table,) = [b for b in section(blocks, "Actions agreed") if b.kind == "table"]
    assert [row[1] for row in table.rows[1:]] == ["Write to SK about the alley.\nFrom question 1"]


def test_withheld_residents_are_one_line_and_never_named_in_typed_text(
    meeting_id: int, tmp_path: Path
) -> None:
    path = export_minutes(meeting_id, tmp_path / "withheld.docx", residents="withheld")
    everything = _text(path)
    assert "Kapoor" not in everything and "SK" not in everything
    for name in WITHHELD_TOO:
        assert name not in everything
    present = [b.text for b in section(read_blocks(path), "Present")]
    assert present[-2:] == [CONSENTING, "and 4 other residents"]
    assert "A resident asked about the alley" in everything


def test_the_panels_choice_is_the_default_and_the_record_keeps_everything(
    database: str, tmp_path: Path
) -> None:
    skip_syncing()
    (found,) = import_files([_meeting_file(tmp_path, publish="withheld")])
    services.keep_unfiled(found, UNFILED)
    published = _text(export_minutes(found, tmp_path / "published.docx"))
    assert "and 4 other residents" in published and "SK" not in published
    record = export_minutes(found, tmp_path / "record.docx", record=True)
    text = _text(record)
    for kept in (RESIDENT, SECRET_NOTE, "Operation name withheld", "Who told you",
                 "informant is safe", UNFILED):  # fmt: skip
        assert kept in text, kept
    # Marked on every page (the header), in docx2python's reading too.
    with docx2python(record) as read:
        assert RECORD_MARK in str(read.header)
    assert "Informant (internal)" in text


def test_the_minutes_keep_the_due_date_agreed_and_matters_arising_say_it_moved(
    meeting_id: int, tmp_path: Path
) -> None:
    action = Action.get(Action.meeting == meeting_id, Action.internal == False)  # noqa: E712
    services.add_action_update(action.id, "Letter drafted.")
    services.change_due_date(action.id, "2027-01-15")
    blocks = read_blocks(export_minutes(meeting_id, tmp_path / "m.docx"))
    (table,) = [b for b in section(blocks, "Actions agreed") if b.kind == "table"]
    assert table.rows[1][-1] == "4 Dec 2026"
    meeting = services.create_meeting(action.meeting.panel_id, "2027-02-01")
    later = read_blocks(export_minutes(meeting.id, tmp_path / "next.docx"))
    (matters,) = [b for b in section(later, "Matters arising") if b.kind == "table"]
    (row,) = matters.rows[1:]
    assert "15 Jan 2027 (was due 4 Dec 2026)" in row[3]
    assert "Letter drafted." in row[4] and "Due date" not in row[4]
    # The follow-up list: where it stands now, and that it moved.
    from wardpanel.exporting import export_actions
    from wardpanel.queries.actions import ActionFilter

    listed = _text(export_actions(tmp_path / "list.docx", ActionFilter()))
    assert "15 Jan 2027 (was due 4 Dec 2026)" in listed
    assert "Letter drafted." in listed


def test_minutes_are_created_owner_only(meeting_id: int, tmp_path: Path) -> None:
    path = export_minutes(meeting_id, tmp_path / "m.docx")
    assert stat.S_IMODE(path.stat().st_mode) == 0o600


def test_text_names_find_full_names_and_courtesy_titles_only() -> None:
    names = TextNames({"Sunita Kapoor": "SK", "Dev Anand": "Dev Anand"})
    text, found = names.replace("Sunita\nKAPOOR met Ms Kapoor; Sunita left. Kapoorstraat.")
    assert text == "SK met SK; Sunita left. Kapoorstraat."
    assert [r.found for r in found] == ["Sunita\nKAPOOR", "Ms Kapoor"]
    assert names("Dev Anand chaired.") == "Dev Anand chaired."


@pytest.mark.parametrize("kind", ["minutes", "actions", "attendance", "said-did"])
def test_every_document_prints_residents_as_chosen(
    meeting_id: int, database: str, tmp_path: Path, kind: str
) -> None:
    """Every naming choice on every kind of document, through the command line, read
    back with docx2python: the resident in full only when named or in the record."""
    from click.testing import CliRunner

    from wardpanel.cli import main

    services.add_action(meeting_id, "Photograph the alley.", owner=RESIDENT, due="2026-12-01")
    target = {
        "minutes": [str(meeting_id)],
        "actions": ["--panel", "Cann Hall Ward Panel"],
        "attendance": ["--panel", "Cann Hall Ward Panel"],
        "said-did": ["--panel", "Cann Hall Ward Panel"],
    }[kind]
    texts = {}
    for choice in ("named", "initials", "withheld", "record"):
        option = ["--record"] if choice == "record" else ["--residents", choice]
        path = tmp_path / f"{kind}-{choice}.docx"
        result = CliRunner().invoke(
            main, ["export", kind, *target, *option, "-o", str(path), "--db", database]
        )
        assert result.exit_code == 0, result.output
        with docx2python(path) as read:
            texts[choice] = read.text + str(read.header)
    assert RESIDENT in texts["named"] and RESIDENT in texts["record"]
    assert RECORD_MARK in texts["record"] and RECORD_MARK not in texts["named"]
    for choice in ("initials", "withheld"):
        assert "Kapoor" not in texts[choice], choice
    assert "SK" in texts["initials"]
    assert "SK" not in texts["withheld"]


def test_text_names_find_a_name_however_its_words_are_joined() -> None:
    names = TextNames({"Mary-Jane O'Neil": "MJO"})
    text, found = names.replace("Mary Jane O’Neil, mary-jane o neil and Mary-Jane's sister")
    assert text == "MJO, MJO and Mary-Jane's sister"
    assert [r.name for r in found] == ["Mary-Jane O'Neil"] * 2


INTERNAL = (SECRET_NOTE, "Operation name withheld", "Who told you", "informant is safe")


@pytest.mark.parametrize("kind", ["minutes", "pack", "actions", "said-did"])
def test_no_published_document_prints_an_internal_item(
    meeting_id: int, tmp_path: Path, kind: str
) -> None:
    import datetime as dt

    from wardpanel.exporting import export_actions, export_pack, export_said_did
    from wardpanel.queries.actions import ActionFilter

    write = {
        "minutes": lambda **kw: export_minutes(meeting_id, tmp_path / "m.docx", **kw),
        "pack": lambda **kw: export_pack(
            meeting_id, tmp_path / "p.docx", as_of=dt.date(2026, 10, 2), **kw
        ),
        "actions": lambda **kw: export_actions(tmp_path / "a.docx", ActionFilter(), **kw),
        "said-did": lambda **kw: export_said_did(
            "Cann Hall Ward Panel", tmp_path / "s.docx", as_of=dt.date(2026, 10, 2), **kw
        ),
    }[kind]
    published = _text(write())
    for item in INTERNAL:
        assert item not in published, item
    # The panel's full record keeps what it holds of them.
    record = _text(write(record=True, force=True))
    assert any(item in record for item in INTERNAL)
