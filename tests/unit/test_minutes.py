"""The minutes document, read back by python-docx, the raw zip, and (twice) docx2python."""

from __future__ import annotations

import datetime as dt
import re
import zipfile
from pathlib import Path

import docx
import pytest
from docx.shared import Cm

from tests.engines import storable
from tests.render_check import (
    ANONYMOUS_ASKER,
    COUNCIL,
    MET,
    NEVER_MARKED,
    PANEL,
    RTL_RESIDENT,
    Block,
    all_parts_text,
    read_blocks,
    section,
)
from tests.sample_cache import fresh_sample
from tests.unit.test_interchange import FIXTURES
from wardpanel import services
from wardpanel.core.models import Action, Note, Question, Response
from wardpanel.core.people import initials_of
from wardpanel.core.words import long_date
from wardpanel.exporting import ExportError, export_minutes
from wardpanel.exporting.worddoc import Column, WordDocument
from wardpanel.interchange import import_files

SECTIONS = [
    "Present",
    "Apologies",
    "Absent",
    "Matters arising",
    "Notes and police update",
    "Questions and responses",
    "Actions agreed",
    "Priorities",
    "Date of next meeting",
]


@pytest.fixture
def sample(database: str):
    return fresh_sample()


def export(meeting_id: int, tmp_path: Path, name: str = "minutes.docx", **options) -> Path:
    """The minutes naming residents (`--residents named`) unless the test says otherwise:
    these tests are about the document's shape; naming has tests of its own."""
    if not options.get("initials"):
        options.setdefault("residents", "named")
    return export_minutes(meeting_id, tmp_path / name, **options)


def texts(blocks: list[Block], style: str | None = None) -> list[str]:
    return [b.text for b in blocks if b.kind == "p" and (style is None or b.style == style)]


def test_sections_come_in_the_order_of_the_brief(sample, tmp_path: Path) -> None:
    blocks = read_blocks(export(sample.meeting_id, tmp_path))
    assert blocks[0].style == "Title"
    assert blocks[0].text == PANEL
    assert texts(blocks, "Heading 1") == SECTIONS


def test_title_block_gives_date_time_venue_and_chair(sample, tmp_path: Path) -> None:
    blocks = read_blocks(export(sample.meeting_id, tmp_path))
    head = texts(blocks[: blocks.index(next(b for b in blocks if b.text == "Present"))])
    assert "Ward panel meeting: minutes" in head
    # Time, venue and chair were carried forward from the panel's previous meeting.
    assert "Date\tFriday 10 April 2026" in head
    assert "Time\t19:00" in head
    assert "Venue\tCommunity hall, Orford Road" in head
    assert "Chair\tDelia Marsh" in head
    assert "Status\tDraft, not yet approved" in head


def test_present_is_grouped_by_organisation_with_residents_last(sample, tmp_path: Path) -> None:
    present = section(read_blocks(export(sample.meeting_id, tmp_path)), "Present")
    # Real headings, so a screen-reader user can jump from group to group.
    labels = [b.text for b in present if b.style == "Heading 2"]
    assert labels == [MET, COUNCIL, "Residents"]
    groups: dict[str, list[str]] = {}
    current = ""
    for block in present:
        if block.style == "Heading 2":
            current = block.text
        else:
            assert block.style == "List Bullet"
            groups.setdefault(current, []).append(block.text)
    assert groups[MET] == ["Ken Kavanagh, Inspector", "Ayesha Rahman, Police Constable"]
    assert groups[COUNCIL] == [
        "Marcus Ode, Anti-social behaviour officer",
        "Hana Petrov, Ward councillor",
    ]
    assert groups["Residents"] == [
        "Delia Marsh, Chair",
        "Sunita Mills",
        "Omar Haddad",
        RTL_RESIDENT,
    ]


def test_apologies_and_absent_officers_with_the_reason_given(sample, tmp_path: Path) -> None:
    blocks = read_blocks(export(sample.meeting_id, tmp_path))
    assert texts(section(blocks, "Apologies")) == [
        MET,
        "Tom Breck, Sergeant",
        "Residents",
        "Bea Okafor",
    ]
    assert texts(section(blocks, "Absent")) == [
        MET,
        "Joel Barnard, Detective Constable (reason given: At a police briefing)",
        "Priya Lowe, Chief Inspector (reason given: At a police briefing)",
    ]


def test_an_expected_post_nobody_filled_is_absent_under_its_role(
    database: str, tmp_path: Path
) -> None:
    """A meeting file's post with no one in it ("Borough Commander") is printed by its
    role, beside the named officers who stayed away; the kind of each absence follows
    the reason given, when the reason does not already say it."""
    [meeting_id] = import_files([FIXTURES / "v2_stop_and_search.json"])

    absent = texts(section(read_blocks(export(meeting_id, tmp_path)), "Absent"))

    assert absent == [
        MET,
        "Helen Marsh, Chief Inspector (reason given: At a police briefing; abstracted to "
        "other duties)",
        "Aaron Stokes, Detective Constable (reason given: At a police briefing; abstracted "
        "to other duties)",
        "Borough Commander (reason given: No officer sent and no apology received)",
    ]


def test_people_carried_over_and_never_marked_are_not_printed(sample, tmp_path: Path) -> None:
    path = export(sample.meeting_id, tmp_path)
    assert NEVER_MARKED not in all_parts_text(path)


def test_matters_arising_are_earlier_open_actions_with_their_latest_update(
    sample, tmp_path: Path
) -> None:
    matters = section(read_blocks(export(sample.meeting_id, tmp_path)), "Matters arising")
    (table,) = [b for b in matters if b.kind == "table"]
    assert table.rows[0] == ("Ref", "Action", "Owner", "Due", "Status and latest update")
    # The patrol map was done since the last meeting: reported once, as done.
    assert len(table.rows) == 3
    assert table.rows[2][4] == "Done. 10 Feb 2026: Map circulated."
    ref, action, owner, due, latest = table.rows[1]
    assert ref == Action.get_by_id(sample.matter_action_id).ref == "HS-1"
    assert action.startswith("Report back on the Section 60")
    assert action.endswith("Raised 15 Jan 2026")
    assert owner == f"Ken Kavanagh\n{MET}"
    assert due == "28 Feb 2026\nOVERDUE"
    assert latest == "In progress. 1 Feb 2026: Figures requested from the borough command."


def test_an_action_closed_after_the_meeting_is_still_a_matter_arising(
    sample, tmp_path: Path
) -> None:
    services.close_action(sample.matter_action_id, "Figures circulated.")  # dated today
    matters = section(read_blocks(export(sample.meeting_id, tmp_path)), "Matters arising")
    (table,) = [b for b in matters if b.kind == "table"]
    assert table.rows[1][4].startswith("In progress.")


def test_notes_keep_paragraphs_and_line_breaks(sample, tmp_path: Path) -> None:
    notes = section(read_blocks(export(sample.meeting_id, tmp_path)), "Notes and police update")
    assert texts(notes, "Heading 2") == ["Police update", "Violence reduction partnership"]
    police = notes[1:4]
    assert [b.style for b in police] == ["Normal"] * 3
    assert police[1].text.startswith("A Section 60 authorisation was in place on 29 March")
    assert "weapon.\nAuthorisations are reviewed" in police[1].text
    assert "70 arrests, 15 knife seizures and a 38 % fall" in notes[5].text


def test_questions_are_numbered_in_the_text_with_each_response_under_its_organisation(
    sample, tmp_path: Path
) -> None:
    path = export(sample.meeting_id, tmp_path)
    questions = section(read_blocks(path), "Questions and responses")
    headings = texts(questions, "Heading 2")
    assert headings[:3] == ["1. Police visibility", "2. Phone thefts", "3. Drugs"]
    # No topic: the heading is the start of the question.
    assert headings[3].startswith("4. How often has a Section 60 been authorised")
    document = zipfile.ZipFile(path).read("word/document.xml").decode()
    assert "<w:numPr>" not in document  # numbers are text, never Word list numbering

    start = questions.index(next(b for b in questions if b.text == "2. Phone thefts"))
    end = questions.index(next(b for b in questions if b.text == "3. Drugs"))
    phones = texts(questions[start + 1 : end])
    assert phones[0] == "Asked by A resident"
    police = phones.index(f"Response from {MET} (Ayesha Rahman, Police Constable)")
    council = phones.index(f"Response from {COUNCIL} (Marcus Ode, Anti-social behaviour officer)")
    assert council - police == 5  # the police answer's four paragraphs sit under it
    assert phones[police + 1].startswith("Officers are patrolling the hot spots")
    assert "evenings.\nA mobile police station" in phones[police + 2]
    assert len(phones[council + 1 : council + 3]) == 2
    assert phones[-1] == "Actions agreed: HS-3, HS-4 (see Actions agreed)"

    drugs = texts(questions[end + 1 :])
    assert f"Response from {MET}" in drugs  # no responder named
    assert f"Response from {COUNCIL} (Hana Petrov, Ward councillor)" in drugs


def test_actions_agreed_is_a_bordered_table(sample, tmp_path: Path) -> None:
    path = export(sample.meeting_id, tmp_path)
    agreed = section(read_blocks(path), "Actions agreed")
    (table,) = [b for b in agreed if b.kind == "table"]
    # Word's Table Grid, with the font size set in the style rather than in every cell.
    assert table.style == "Table Grid 11pt"
    style = docx.Document(str(path)).styles["Table Grid 11pt"].element.xml
    for border in ("top", "left", "bottom", "right", "insideH", "insideV"):
        assert f'<w:{border} w:val="single"' in style
    assert '<w:sz w:val="22"/>' in style
    assert table.rows[0] == ("Ref", "Action", "Owner", "Organisation", "Due")
    rows = table.rows[1:]
    assert len(rows) == 12
    assert rows[0] == (
        "HS-3",
        "Circulate phone-theft figures for the station area before the next meeting."
        "\nFrom question 2",
        "Ayesha Rahman",
        MET,
        "1 May 2026",
    )
    recommendations = rows[2:]
    assert [r[1].split(" of ")[0] for r in recommendations] == [
        f"Recommendation {n}" for n in range(1, 11)
    ]
    assert {(r[2], r[3], r[4]) for r in recommendations} == {("", MET, "31 Oct 2026")}
    assert all("in the autumn" in r[1] for r in recommendations)


def test_priorities_and_date_of_next_meeting(sample, tmp_path: Path) -> None:
    blocks = read_blocks(export(sample.meeting_id, tmp_path))
    priorities = section(blocks, "Priorities")
    assert {b.style for b in priorities} == {"List Bullet"}
    assert (
        priorities[0].text == "Phone snatching near the station (set at this meeting by the panel)"
    )
    assert texts(section(blocks, "Date of next meeting")) == ["Friday 10 July 2026"]


def test_an_anonymous_askers_name_is_nowhere_in_the_file(sample, tmp_path: Path) -> None:
    path = export(sample.meeting_id, tmp_path)
    everything = all_parts_text(path)
    assert "Asked by A resident" in everything
    for fragment in (ANONYMOUS_ASKER, "Quartermaine", "Zelda"):
        assert fragment not in everything
    initials = export(sample.meeting_id, tmp_path, "initials.docx", initials=True)
    assert "Quartermaine" not in all_parts_text(initials)
    assert initials_of(ANONYMOUS_ASKER) not in all_parts_text(initials)


def test_an_anonymous_asker_who_attended_or_owns_an_action_is_still_a_resident(
    sample, tmp_path: Path
) -> None:
    services.record_attendance(sample.meeting_id, ANONYMOUS_ASKER)
    question = Question.get(Question.meeting == sample.meeting_id, Question.anonymous == True)  # noqa: E712
    services.add_action(
        sample.meeting_id,
        "Send the asker the crime map.",
        owner=ANONYMOUS_ASKER,
        question_id=question.id,
    )
    path = export(sample.meeting_id, tmp_path)
    assert "Quartermaine" not in all_parts_text(path)
    blocks = read_blocks(path)
    # Counted with the other unnamed residents, never a line of their own.
    assert texts(section(blocks, "Present"))[-1] == "and 1 other resident"
    (table,) = [b for b in section(blocks, "Actions agreed") if b.kind == "table"]
    assert table.rows[-1][2] == "A resident"


def test_initials_print_residents_by_their_initials_everywhere_and_the_chair_as_chair(
    sample, tmp_path: Path
) -> None:
    path = export(sample.meeting_id, tmp_path, initials=True)
    everything = all_parts_text(path)
    for resident in ("Sunita Mills", "Omar Haddad", "Bea Okafor", RTL_RESIDENT):
        assert resident not in everything
    blocks = read_blocks(path)
    assert "Chair\tDelia Marsh" in texts(blocks)
    assert texts(section(blocks, "Present"))[-4:] == [
        "Delia Marsh, Chair",
        "SM",
        "OH",
        initials_of(RTL_RESIDENT),
    ]
    assert "Asked by SM" in texts(blocks)
    assert "Asked by OH" in texts(blocks)
    # Officers keep their names.
    assert "Ken Kavanagh, Inspector" in texts(blocks)
    assert "Bea Okafor" not in "".join(texts(section(blocks, "Apologies")))


def test_initials_of() -> None:
    assert initials_of("Sandra Miller") == "SM"
    assert initials_of("Mary-Jane O'Neil") == "MJO"
    assert initials_of("  ") == "?"


def test_draft_minutes_say_draft_in_the_header_and_approved_ones_do_not(
    sample, tmp_path: Path
) -> None:
    draft = docx.Document(str(export(sample.meeting_id, tmp_path, "draft.docx")))
    header = draft.sections[0].header.paragraphs[0].text
    assert header.startswith(PANEL)
    assert header.endswith("Draft: not yet approved")
    services.set_meeting_status(sample.meeting_id, "approved")
    approved = export(sample.meeting_id, tmp_path, "approved.docx")
    assert "Draft" not in all_parts_text(approved)
    header = docx.Document(str(approved)).sections[0].header.paragraphs[0].text
    assert PANEL in header
    # Who approved them (the chair, by default) and when.
    on = long_date(dt.date.today())
    assert f"Status\tApproved on {on} by Delia Marsh" in texts(read_blocks(approved))


def test_footer_carries_page_number_fields(sample, tmp_path: Path) -> None:
    path = export(sample.meeting_id, tmp_path)
    with zipfile.ZipFile(path) as archive:
        footers = [n for n in archive.namelist() if re.match(r"word/footer\d*\.xml", n)]
        footer = archive.read(footers[0]).decode()
    assert re.search(r"<w:instrText[^>]*> PAGE </w:instrText>", footer)
    assert re.search(r"<w:instrText[^>]*> NUMPAGES </w:instrText>", footer)
    assert "Page " in footer and " of " in footer


def test_page_is_a4_with_margins_and_core_properties_are_ours(sample, tmp_path: Path) -> None:
    document = docx.Document(str(export(sample.meeting_id, tmp_path)))
    page = document.sections[0]
    assert (round(page.page_width.cm, 1), round(page.page_height.cm, 1)) == (21.0, 29.7)
    assert page.left_margin == page.right_margin
    assert Cm(1.5) < page.left_margin < Cm(3)
    props = document.core_properties
    assert props.title == f"Minutes: {PANEL}, 10 Apr 2026"
    assert props.author == "wardpanel"
    assert props.last_modified_by == "wardpanel"
    assert "python-docx" not in (props.comments or "")
    created = props.created.replace(tzinfo=None)
    assert abs(created - dt.datetime.now(dt.UTC).replace(tzinfo=None)) < dt.timedelta(minutes=5)
    assert props.language == "en-GB"


def test_unknown_meeting_is_the_users_mistake(database: str, tmp_path: Path) -> None:
    with pytest.raises(ExportError) as caught:
        export_minutes(999, tmp_path / "x.docx")
    assert caught.value.status == 2
    assert "999" in str(caught.value)
    assert not (tmp_path / "x.docx").exists()


def test_an_empty_meeting_says_none_recorded(database: str, tmp_path: Path) -> None:
    panel = services.create_panel("Empty Panel")
    meeting = services.create_meeting(panel.id, "2026-03-01")
    blocks = read_blocks(export(meeting.id, tmp_path))
    assert texts(blocks, "Heading 1") == SECTIONS
    assert texts(section(blocks, "Present")) == ["None recorded."]
    assert texts(section(blocks, "Date of next meeting")) == ["To be confirmed."]


HOSTILE = (
    "Bell\x07 NUL\x00 form-feed\x0c escape \x1b[31mred\x1b[0m lone  surrogate\r\n"
    "next line\rold Mac line\x7f\x85 and a tab\there 🚓🏳️‍🌈 שלום עליכם"
)
READ_BACK = (
    "Bell NUL form-feed escape [31mred[0m lone  surrogate\n"
    "next line\nold Mac line and a tab\there 🚓🏳️‍🌈 שלום עליכם"
)


def test_stored_text_of_any_kind_exports_and_reads_back_as_typed(sample, tmp_path: Path) -> None:
    # Written past the services (which clean on the way in) to test the export boundary.
    # (A lone surrogate cannot even be stored, nor a NUL on PostgreSQL: see the next test.)
    hostile = storable(HOSTILE)
    note = Note.get(Note.meeting == sample.meeting_id, Note.heading == "Police update")
    Note.update(heading=hostile[:200], text=hostile + "\n\n" + "Second paragraph.").where(
        Note.id == note.id
    ).execute()
    Response.update(text=hostile).where(Response.id == 1).execute()
    path = export(sample.meeting_id, tmp_path)
    blocks = read_blocks(path)
    notes = texts(section(blocks, "Notes and police update"))
    assert notes[0] == READ_BACK  # the heading
    assert notes[1] == READ_BACK
    assert notes[2] == "Second paragraph."
    assert READ_BACK in texts(section(blocks, "Questions and responses"))


def test_the_word_boundary_drops_what_xml_cannot_hold(tmp_path: Path) -> None:
    document = WordDocument()
    text = HOSTILE.replace("lone  ", "lone \ud800\udfff ")
    document.paragraph(text)
    document.table([Column("One", 5), Column("Two", 5)], [(text, "plain"), ("x\ud83d", text)])
    path = tmp_path / "hostile.docx"
    path.write_bytes(document.to_bytes())
    blocks = read_blocks(path)
    assert blocks[0].text == READ_BACK
    assert blocks[1].rows[1:] == ((READ_BACK, "plain"), ("x", READ_BACK))


def test_a_one_megabyte_note_exports_whole(sample, tmp_path: Path) -> None:
    sentence = "Patrols on the high street continued every evening this quarter. "
    big = (sentence * 80 + "\n\n") * 200
    assert len(big) > 1_000_000
    services.add_note(sample.meeting_id, "Long appendix", big)
    blocks = read_blocks(export(sample.meeting_id, tmp_path))
    notes = section(blocks, "Notes and police update")
    start = texts(notes).index("Long appendix")
    appendix = texts(notes)[start + 1 :]
    assert len(appendix) == 200
    assert sum(len(p) for p in appendix) == len(big.replace("\n\n", "")) - 200


def test_output_names_a_file_refused_when_it_exists(sample, tmp_path: Path) -> None:
    target = tmp_path / "minutes.docx"
    target.write_bytes(b"earlier")
    with pytest.raises(ExportError) as caught:
        export_minutes(sample.meeting_id, target)
    assert caught.value.status == 2
    assert target.read_bytes() == b"earlier"
    export_minutes(sample.meeting_id, target, force=True)
    assert zipfile.is_zipfile(target)


# -- the independent reader ------------------------------------------------------------


def test_docx2python_reads_the_minutes_in_order(sample, tmp_path: Path) -> None:
    from docx2python import docx2python

    with docx2python(str(export(sample.meeting_id, tmp_path))) as read:
        body = read.text
        header = read.header
        footer = read.footer
        properties = read.core_properties
    positions = [body.index(f"\n{heading}\n") for heading in SECTIONS]
    assert positions == sorted(positions)
    assert "Asked by A resident" in body
    assert ANONYMOUS_ASKER not in body
    assert "1. Police visibility" in body and "4. How often" in body
    assert "Recommendation 10 of the citizens' assembly" in body
    assert "Draft: not yet approved" in str(header)
    assert "Page" in str(footer)
    assert properties["creator"] == "wardpanel"
    assert not properties["created"].startswith("2013")


def test_docx2python_reads_initials_and_the_actions_table(sample, tmp_path: Path) -> None:
    from docx2python import docx2python

    path = export(sample.meeting_id, tmp_path, initials=True)
    with docx2python(str(path)) as read:
        body = read.text
        tables = [t for t in read.body if len(t) > 1 and t[0][0] == ["Ref"]]
    assert "Sunita Mills" not in body and "Asked by SM" in body
    agreed = tables[-1]
    assert [cell[0] for cell in agreed[0]] == ["Ref", "Action", "Owner", "Organisation", "Due"]
    assert len(agreed) == 13


def test_a_priority_reviewed_at_the_meeting_shows_the_outcome(tmp_path: Path, database) -> None:
    panel = services.create_panel("Marsh Lane Ward Panel")
    june = services.create_meeting(panel.id, "2026-06-11")
    old = services.add_priority(june.id, "Phone snatching near the station", set_by="police")
    september = services.create_meeting(panel.id, "2026-09-17")
    services.review_priority(
        old.id, september.id, "replace", "Moved up the road.", "Phone snatching on the high street"
    )
    blocks = read_blocks(export(september.id, tmp_path))
    lines = [b.text for b in section(blocks, "Priorities")]
    assert lines == [
        "Phone snatching near the station (replaced by: Phone snatching on the high street; "
        "Moved up the road.)",
        "No action reported against this priority since its last review.",
        "Phone snatching on the high street (set at this meeting by the police)",
    ]
