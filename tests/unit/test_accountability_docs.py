"""The attendance record and "You said, we did" documents, read back, and their commands."""

from __future__ import annotations

import datetime as dt
import zipfile
from dataclasses import dataclass
from pathlib import Path

import docx
import pytest
from click.testing import CliRunner, Result

from tests.render_check import (
    ANONYMOUS_ASKER,
    COUNCIL,
    MET,
    PANEL,
    Block,
    all_parts_text,
    read_blocks,
    section,
)
from tests.sample_cache import fresh_sample
from wardpanel import services
from wardpanel.cli import main
from wardpanel.core.models import Action, Priority
from wardpanel.exporting import ExportError, export_attendance, export_said_did

AS_OF = dt.date(2026, 11, 5)
SLUG = "hoe-street-ward-panel"
REPLACEMENT = "Drug dealing around the estate car parks"


@dataclass(frozen=True)
class Reports:
    panel_id: int
    july_id: int
    stalls_id: int


@pytest.fixture
def reports(database: str) -> Reports:
    """The render-check sample, and a July meeting that reviews its priorities.

    In July the detective constable and the chief inspector are absent again (each with
    a reason), the sergeant absent without one, and the resident who asked anonymously
    in April attends and takes on an action: she must stay "A resident" throughout.
    """
    sample = fresh_sample()
    july = services.create_meeting(sample.panel_id, "2026-07-10", next_meeting="2026-10-09")
    for name, role, organisation, status, reason in (
        ("Ken Kavanagh", "Inspector", MET, "present", ""),
        ("Joel Barnard", "Detective Constable", MET, "absent", "At a police briefing"),
        ("Priya Lowe", "Chief Inspector", MET, "absent", "Covering a major incident"),
        ("Tom Breck", "Sergeant", MET, "absent", ""),
        ("Delia Marsh", "Chair", None, "present", ""),
        (ANONYMOUS_ASKER, "", None, "present", ""),
    ):
        services.record_attendance(july.id, name, role, organisation, status, reason)
    phones, drugs, patrols = Priority.select().order_by(Priority.id)
    circulate, stalls = Action.select().where(Action.meeting == sample.meeting_id).limit(2)
    services.link_action_to_priority(circulate.id, phones.id)
    services.add_action_update(circulate.id, "Figures circulated.", "done", "2026-04-28")
    services.add_action_update(stalls.id, "First stall held.", "in_progress", "2026-05-15")
    services.review_priority(phones.id, july.id, "achieved", "Thefts down by a third.")
    services.review_priority(drugs.id, july.id, "replace", "It moved.", replacement=REPLACEMENT)
    services.review_priority(patrols.id, july.id, "keep")
    services.add_action(july.id, "Start a street WhatsApp group.", owner=ANONYMOUS_ASKER)
    return Reports(sample.panel_id, july.id, stalls.id)


def attendance(tmp_path: Path, **options) -> Path:
    return export_attendance(PANEL, tmp_path / "attendance.docx", **options)


def said_did(tmp_path: Path, **options) -> Path:
    options.setdefault("as_of", AS_OF)
    return export_said_did(PANEL, tmp_path / "said-did.docx", **options)


def texts(blocks: list[Block], style: str | None = None) -> list[str]:
    return [b.text for b in blocks if b.kind == "p" and (style is None or b.style == style)]


def under_heading2(blocks: list[Block], heading: str) -> list[Block]:
    start = next(i for i, b in enumerate(blocks) if b.style == "Heading 2" and b.text == heading)
    end = next(
        (i for i in range(start + 1, len(blocks)) if blocks[i].style in ("Heading 1", "Heading 2")),
        len(blocks),
    )
    return blocks[start + 1 : end]


# -- the attendance record ---------------------------------------------------------------------


def test_attendance_has_a_table_per_organisation_officers_first(reports, tmp_path) -> None:
    blocks = read_blocks(attendance(tmp_path))
    assert (blocks[0].style, blocks[0].text) == ("Title", PANEL)
    assert blocks[1].text == "Attendance record"
    head = texts(blocks[:6])
    assert "Period\tAll meetings" in head
    assert "Meetings\t3: 15 Jan 2026 (draft), 10 Apr 2026 (draft), 10 Jul 2026 (draft)" in head
    assert texts(blocks, "Heading 1") == ["Summary by organisation", MET, COUNCIL, "Residents"]

    [summary] = [b for b in section(blocks, "Summary by organisation") if b.kind == "table"]
    assert summary.rows[0] == (
        "Organisation",
        "People",
        "Expected",
        "Present",
        "Apologies",
        "Absent",
        "Not recorded",
    )
    assert summary.rows[1] == (MET, "5", "11", "4", "1", "5", "1")
    assert summary.rows[-1][:2] == ("All", "14")  # 12 named, 1 unmarked, "A resident"

    met = section(blocks, MET)
    assert met[0].text == "5 people; 11 expected: 4 present, 1 apologies, 5 absent, 1 not recorded."
    [table] = [b for b in met if b.kind == "table"]
    assert table.style == "Table Grid 11pt"
    rows = {row[0]: row for row in table.rows[1:]}
    assert list(rows) == [
        "Ayesha Rahman",
        "Joel Barnard",
        "Ken Kavanagh",
        "Priya Lowe",
        "Tom Breck",
    ]
    assert rows["Joel Barnard"] == (
        "Joel Barnard",
        "Detective Constable",
        "2",
        "0",
        "0",
        "2",
        "0",
        "10 Apr 2026, absent: At a police briefing\n10 Jul 2026, absent: At a police briefing",
    )
    assert rows["Priya Lowe"][-1].endswith("10 Jul 2026, absent: Covering a major incident")
    assert rows["Tom Breck"][2:] == (
        "2",
        "0",
        "1",
        "1",
        "0",
        "10 Jul 2026, absent: no reason given",
    )
    assert rows["Ken Kavanagh"][2:7] == ("3", "3", "0", "0", "0")


def test_attendance_counts_absences_in_red_and_explains_not_recorded(reports, tmp_path) -> None:
    document = docx.Document(str(attendance(tmp_path)))
    met_table = document.tables[1]
    joel = next(row for row in met_table.rows if row.cells[0].text == "Joel Barnard")
    [run] = joel.cells[5].paragraphs[0].runs
    assert (run.text, run.bold, str(run.font.color.rgb)) == ("2", True, "C00000")
    body = "\n".join(p.text for p in document.paragraphs)
    assert "Not recorded: carried over from the previous meeting's list" in body


def test_attendance_for_a_period_and_for_one_without_meetings(reports, tmp_path) -> None:
    blocks = read_blocks(
        attendance(tmp_path, date_from=dt.date(2026, 7, 1), date_to=dt.date(2026, 7, 31))
    )
    assert "Period\t1 Jul 2026 to 31 Jul 2026" in texts(blocks)
    met = next(b for b in section(blocks, MET) if b.kind == "table")
    counted = {row[0]: row[2:7] for row in met.rows[1:]}
    assert counted["Joel Barnard"] == ("1", "0", "0", "1", "0")
    # Carried over from April to July and never marked there.
    assert counted["Ayesha Rahman"] == ("1", "0", "0", "0", "1")

    # January's list was typed in full: no "not recorded" column, nor its explanation.
    january = read_blocks(
        export_attendance(PANEL, tmp_path / "january.docx", date_to=dt.date(2026, 1, 31))
    )
    [met] = [b for b in section(january, MET) if b.kind == "table"]
    assert met.rows == (
        (
            "Person",
            "Role",
            "Expected",
            "Present",
            "Apologies",
            "Absent",
            "Reasons given for absence and apologies",
        ),
        ("Ken Kavanagh", "Inspector", "1", "1", "0", "0", ""),
    )
    assert not any("Not recorded" in text for text in texts(january))

    empty = read_blocks(
        export_attendance(PANEL, tmp_path / "empty.docx", date_from=dt.date(2030, 1, 1))
    )
    assert "No attendance was recorded in this period." in texts(empty)
    assert "Meetings\tNone in this period" in texts(empty)


# -- you said, we did -------------------------------------------------------------------------


def test_said_did_follows_each_question_from_what_was_said_to_where_it_stands(
    reports, tmp_path
) -> None:
    blocks = read_blocks(said_did(tmp_path))
    assert (blocks[0].style, blocks[0].text, blocks[1].text) == ("Title", PANEL, "You said, we did")
    head = texts(blocks[:10])
    assert (
        "As of\tThursday 5 November 2026 (overdue: still open, with a due date before this day)"
        in head
    )
    assert "Questions\t4: 1 overdue, 3 no action raised" in head
    assert texts(blocks, "Heading 1") == ["Questions", "Priorities", "Other actions agreed"]
    assert texts(section(blocks, "Questions"), "Heading 2")[:2] == [
        "1. Police visibility",
        "2. Phone thefts",
    ]

    phones = texts(under_heading2(blocks, "2. Phone thefts"))
    order = [
        phones.index(label)
        for label in ("You said", "We committed", "We did", "Where it stands now")
    ]
    assert order == sorted(order)
    assert "Asked by A resident at the meeting of 10 Apr 2026 (question 2 in its minutes)" in phones
    assert "Metropolitan Police (Ayesha Rahman)" in phones
    assert "Waltham Forest Council (Marcus Ode)" in phones
    assert any(t.startswith("HS-3 Circulate phone-theft figures") for t in phones)
    assert "HS-3, 28 Apr 2026: Figures circulated. (now done)" in phones
    assert "HS-4, 15 May 2026: First stall held. (now in progress)" in phones
    standing = phones[phones.index("Where it stands now") + 1 :]
    assert standing == ["Overdue", "HS-3 Done", "HS-4 Overdue: due 1 Jun 2026, still in progress"]

    visibility = texts(under_heading2(blocks, "1. Police visibility"))
    assert "No action was raised." in visibility
    assert visibility[-1] == "No action raised"


def test_said_did_follows_priorities_through_their_reviews(reports, tmp_path) -> None:
    blocks = read_blocks(said_did(tmp_path))
    priorities = section(blocks, "Priorities")
    assert texts(priorities, "Heading 2") == [
        "1. Phone snatching near the station",
        "2. Drug dealing in the alleys off the high street",
        "3. Visible patrols after dark",
        f"4. {REPLACEMENT}",
    ]
    phones = texts(under_heading2(blocks, "1. Phone snatching near the station"))
    assert "By the panel at the meeting of 10 Apr 2026" in phones
    assert "10 Jul 2026: Achieved. Thefts down by a third." in phones
    assert phones[-2:] == ["Achieved", "HS-3 Done"]
    drugs = texts(under_heading2(blocks, "2. Drug dealing in the alleys off the high street"))
    assert f"10 Jul 2026: Replaced by “{REPLACEMENT}”. It moved." in drugs
    assert drugs[-1] == f"Replaced by “{REPLACEMENT}”"
    new = texts(under_heading2(blocks, f"4. {REPLACEMENT}"))
    assert new[1] == (
        "By the panel at the meeting of 10 Jul 2026, replacing "
        "“Drug dealing in the alleys off the high street”"
    )
    assert "Not reviewed yet." in new and new[-1] == "Active"


def test_said_did_read_by_docx2python(reports, tmp_path) -> None:
    from docx2python import docx2python

    with docx2python(str(said_did(tmp_path))) as read:
        body = read.text
        header = str(read.header)
        footer = str(read.footer)
        properties = read.core_properties
    assert body.index("\nQuestions\n") < body.index("\nPriorities\n")
    assert "Asked by A resident" in body and ANONYMOUS_ASKER not in body
    # Raised from no question, by the anonymous asker: an other action, not theirs by name.
    assert "Start a street WhatsApp group. (A resident; no due date; agreed 10 Jul 2026)" in body
    assert "As of 5 Nov 2026" in header and PANEL in header
    assert "Page" in footer
    assert properties["title"] == f"You said, we did: {PANEL}, All meetings"
    assert properties["creator"] == "wardpanel"


@pytest.mark.parametrize("kind", ["attendance", "said-did"])
def test_the_anonymous_asker_is_never_named_anywhere_in_the_file(reports, tmp_path, kind) -> None:
    path = attendance(tmp_path) if kind == "attendance" else said_did(tmp_path)
    whole = all_parts_text(path)
    assert ANONYMOUS_ASKER not in whole
    assert ANONYMOUS_ASKER.split()[0] not in whole
    assert "A resident" in whole


@pytest.mark.parametrize(("kind", "landscape"), [("attendance", True), ("said-did", False)])
def test_page_header_footer_and_properties_are_the_minutes_own(
    reports, tmp_path, kind, landscape
) -> None:
    path = attendance(tmp_path) if kind == "attendance" else said_did(tmp_path)
    document = docx.Document(str(path))
    page = document.sections[0]
    size = sorted((round(page.page_width.cm, 1), round(page.page_height.cm, 1)))
    assert size == [21.0, 29.7]
    assert (page.page_width > page.page_height) == landscape
    assert PANEL in page.header.paragraphs[0].text
    with zipfile.ZipFile(path) as archive:
        footers = [archive.read(n).decode() for n in archive.namelist() if "footer" in n]
    assert any(" PAGE " in f and " NUMPAGES " in f for f in footers)
    props = document.core_properties
    assert props.author == "wardpanel" and props.created.year >= 2025
    assert PANEL in props.title and props.language == "en-GB"


def test_an_unknown_panel_or_a_backwards_period_is_refused_before_writing(
    reports, tmp_path
) -> None:
    with pytest.raises(ExportError) as refused:
        export_attendance("Nowhere Ward Panel", tmp_path / "a.docx")
    assert (str(refused.value), refused.value.status) == (
        "--panel: no panel called 'Nowhere Ward Panel'",
        2,
    )
    with pytest.raises(ExportError) as refused:
        export_said_did(
            reports.panel_id,
            tmp_path / "b.docx",
            date_from=dt.date(2026, 7, 1),
            date_to=dt.date(2026, 6, 1),
        )
    assert str(refused.value).startswith("--to: 2026-06-01 is before the start")
    assert list(tmp_path.glob("*.docx")) == []


# -- the commands ------------------------------------------------------------------------------


def run(database: str, *args: str) -> Result:
    return CliRunner().invoke(main, [*args, "--db", str(database)], catch_exceptions=False)


def one_line_error(result: Result, starts: str) -> None:
    assert result.exit_code == 2
    assert "Traceback" not in result.output
    assert result.stderr.strip().splitlines() == [result.stderr.strip()]
    assert result.stderr.startswith(f"wardpanel: {starts}")


def test_commands_write_to_exports_with_dated_names_never_overwriting(
    database, reports, in_tmp_cwd: Path
) -> None:
    names = []
    for _ in range(2):
        result = run(database, "export", "attendance", "--panel", PANEL.lower())
        assert result.exit_code == 0, result.output
        names.append(Path(result.stdout.strip()).name)
    assert names == [
        f"2026-01-15-2026-07-10-{SLUG}-attendance.docx",
        f"2026-01-15-2026-07-10-{SLUG}-attendance-2.docx",
    ]
    result = run(
        database,
        "export",
        "said-did",
        "--panel",
        PANEL,
        "--from",
        "2026-04-01",
        "--to",
        "2026-06-30",
        "--as-of",
        "2026-11-05",
    )
    assert result.exit_code == 0, result.output
    written = Path(result.stdout.strip())
    assert written == in_tmp_cwd / "exports" / f"2026-04-01-2026-06-30-{SLUG}-said-did.docx"
    assert "Period\t1 Apr 2026 to 30 Jun 2026" in texts(read_blocks(written))


@pytest.mark.parametrize(
    ("args", "starts"),
    [
        (["attendance", "--panel", "Nowhere"], "--panel: no panel called 'Nowhere'"),
        (["attendance", "--panel", PANEL, "--from", "10/04/2026"], "--from: '10/04/2026' is not"),
        (["said-did", "--panel", PANEL, "--to", "2026-02-30"], "--to: '2026-02-30' is not"),
        (["said-did", "--panel", PANEL, "--as-of", "soon"], "--as-of: 'soon' is not"),
        (
            ["said-did", "--panel", PANEL, "--from", "2026-07-01", "--to", "2026-06-01"],
            "--to: 2026-06-01 is before the start of the period, 2026-07-01",
        ),
    ],
)
def test_a_bad_panel_or_date_exits_2_naming_the_option(
    database, reports, in_tmp_cwd: Path, args, starts
) -> None:
    one_line_error(run(database, "export", *args), starts)
    assert not (in_tmp_cwd / "exports").exists()


def test_an_explicit_file_is_replaced_only_with_force(database, reports, tmp_path) -> None:
    target = tmp_path / "record.docx"
    target.write_bytes(b"earlier document")
    refused = run(database, "export", "attendance", "--panel", PANEL, "-o", str(target))
    one_line_error(refused, f"{target} already exists: use --force")
    assert target.read_bytes() == b"earlier document"
    forced = run(database, "export", "said-did", "--panel", PANEL, "-o", str(target), "--force")
    assert forced.exit_code == 0, forced.output
    assert zipfile.is_zipfile(target)


def test_the_attendance_record_names_the_chairs_and_gives_apologies_reasons(
    database: str, tmp_path
) -> None:
    """A published attendance record prints residents by initials, but the chair of each
    meeting by name, as the minutes do; an apology's reason is listed beside absences."""
    from wardpanel import services

    panel = services.create_panel("Leyton Ward Panel")
    first = services.create_meeting(panel.id, "2026-02-05", chair="Ann Lee")
    second = services.create_meeting(panel.id, "2026-05-07", chair="Raj Patel")
    for meeting in (first, second):
        services.record_attendance(meeting.id, "Ann Lee")
        services.record_attendance(meeting.id, "Raj Patel")
        services.record_attendance(meeting.id, "Cathy Moss")
    services.record_attendance(second.id, "Cathy Moss", status="apologies", reason="On leave")

    blocks = read_blocks(export_attendance("Leyton Ward Panel", tmp_path / "a.docx"))
    [table] = [b for b in section(blocks, "Residents") if b.kind == "table"]
    rows = {row[0]: row for row in table.rows[1:]}
    assert {"Ann Lee", "Raj Patel", "CM"} == set(rows)
    assert rows["CM"][-1] == "7 May 2026, apologies: On leave"
