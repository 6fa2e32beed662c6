"""The follow-up action list: grouping, counts, overdue marks, filters, read back."""

from __future__ import annotations

import datetime as dt
from pathlib import Path

import docx
import pytest

from tests.engines import storable
from tests.render_check import (
    ANONYMOUS_ASKER,
    COUNCIL,
    MET,
    PANEL,
    Block,
    all_parts_text,
    read_blocks,
)
from tests.sample_cache import fresh_sample
from wardpanel import services
from wardpanel.core.models import ACTION_STATUSES as EVERY
from wardpanel.core.models import Action, Question
from wardpanel.exporting import ExportError, export_actions
from wardpanel.exporting.actions import COLUMNS
from wardpanel.queries.actions import ActionFilter

AS_OF = dt.date(2026, 6, 1)
HEADINGS = tuple(column.title for column in COLUMNS)


@pytest.fixture
def sample(database: str):
    sample = fresh_sample()
    other = services.create_panel("Lea Bridge Ward Panel")
    meeting = services.create_meeting(other.id, "2026-03-05", venue="Library")
    services.add_action(
        meeting.id,
        "Survey the lighting on the towpath.",
        owner="Marcus Ode",
        organisation=COUNCIL,
        due="2026-03-30",
    )
    services.add_action(meeting.id, "Invite the youth service to the next meeting.")
    return sample


def export(tmp_path: Path, filters: ActionFilter | None = None, *, as_of=AS_OF, name="a.docx"):
    return export_actions(tmp_path / name, filters or ActionFilter(statuses=EVERY), as_of=as_of)


def outline(blocks: list[Block]) -> list[tuple[str, str]]:
    """Headings and the counts line under each, in order."""
    found = []
    for index, block in enumerate(blocks):
        if block.style in ("Heading 1", "Heading 2"):
            found.append((block.text, blocks[index + 1].text))
    return found


def tables_under(blocks: list[Block], heading: str) -> list[Block]:
    start = next(i for i, b in enumerate(blocks) if b.text == heading)
    level = blocks[start].style
    found = []
    for block in blocks[start + 1 :]:
        if block.style == level or (level == "Heading 2" and block.style == "Heading 1"):
            break
        if block.kind == "table":
            found.append(block)
    return found


def test_grouped_by_organisation_then_owner_with_counts(sample, tmp_path: Path) -> None:
    blocks = read_blocks(export(tmp_path))
    assert blocks[0].style == "Title"
    assert outline(blocks) == [
        (MET, "13 actions: 12 open (2 overdue), 1 done"),
        ("Ayesha Rahman", "1 action: 1 open (1 overdue), 0 done"),
        ("Ken Kavanagh", "2 actions: 1 open (1 overdue), 1 done"),
        ("No owner named", "10 actions: 10 open, 0 done"),
        (COUNCIL, "2 actions: 2 open (1 overdue), 0 done"),
        ("Marcus Ode", "2 actions: 2 open (1 overdue), 0 done"),
        ("No organisation", "1 action: 1 open, 0 done"),
        ("No owner named", "1 action: 1 open, 0 done"),
    ]


def test_each_action_has_ref_text_due_overdue_status_meeting_and_latest_update(
    sample, tmp_path: Path
) -> None:
    blocks = read_blocks(export(tmp_path))
    (kavanagh,) = tables_under(blocks, "Ken Kavanagh")
    assert kavanagh.style == "Table Grid 11pt"
    assert kavanagh.rows[0] == HEADINGS
    assert kavanagh.rows[1] == (
        Action.get_by_id(sample.matter_action_id).ref,
        "Report back on the Section 60 authorisations of the last quarter, with figures.",
        "28 Feb 2026\nOVERDUE",
        "In progress",
        f"{PANEL}\n15 Jan 2026",
        "1 Feb 2026: Figures requested from the borough command.",
    )
    assert kavanagh.rows[2][2:] == (
        "None set",
        "Done",
        f"{PANEL}\n15 Jan 2026",
        "10 Feb 2026: Map circulated.",
    )
    (ode,) = tables_under(blocks, "Marcus Ode")
    # Earliest due first; no update yet says so.
    assert [row[2] for row in ode.rows[1:]] == ["30 Mar 2026\nOVERDUE", "1 Jun 2026"]
    assert ode.rows[1][4] == "Lea Bridge Ward Panel\n5 Mar 2026"
    assert ode.rows[2][5] == "No update yet."


def test_overdue_is_judged_on_the_as_of_day(sample, tmp_path: Path) -> None:
    early = read_blocks(export(tmp_path, as_of=dt.date(2026, 4, 15), name="early.docx"))
    (rahman,) = tables_under(early, "Ayesha Rahman")
    assert rahman.rows[1][2] == "1 May 2026"
    assert (MET, "13 actions: 12 open (1 overdue), 1 done") in outline(early)
    late = read_blocks(export(tmp_path, as_of=dt.date(2026, 11, 1), name="late.docx"))
    (rahman,) = tables_under(late, "Ayesha Rahman")
    assert rahman.rows[1][2] == "1 May 2026\nOVERDUE"
    assert ("No owner named", "10 actions: 10 open (10 overdue), 0 done") in outline(late)


def test_title_block_says_which_filters_and_day_were_used(sample, tmp_path: Path) -> None:
    filters = ActionFilter(
        panel="hoe street ward panel", organisation="METROPOLITAN police", statuses=EVERY
    )
    blocks = read_blocks(export(tmp_path, filters))
    head = [b.text for b in blocks[1:5]]
    assert head[0].startswith("As of\tMonday 1 June 2026")
    assert head[1] == ("Filters\tpanel hoe street ward panel; organisation METROPOLITAN police")
    assert head[2] == "Actions\t13 actions: 12 open (2 overdue), 1 done"
    unfiltered = read_blocks(export(tmp_path, name="all.docx"))
    assert unfiltered[2].text == "Filters\tnone (every action)"


def test_filters_match_names_whatever_their_case(sample, tmp_path: Path) -> None:
    def headings(filters: ActionFilter, name: str) -> list[str]:
        return [h for h, _ in outline(read_blocks(export(tmp_path, filters, name=name)))]

    assert headings(ActionFilter(panel="LEA BRIDGE ward panel", statuses=EVERY), "p.docx") == [
        COUNCIL,
        "Marcus Ode",
        "No organisation",
        "No owner named",
    ]
    assert headings(
        ActionFilter(organisation="waltham forest council", statuses=EVERY), "o.docx"
    ) == [
        COUNCIL,
        "Marcus Ode",
    ]
    assert headings(ActionFilter(owner="ken KAVANAGH", statuses=EVERY), "w.docx") == [
        MET,
        "Ken Kavanagh",
    ]
    assert headings(ActionFilter(statuses=("done",)), "s.docx") == [MET, "Ken Kavanagh"]
    assert headings(ActionFilter(overdue=True, statuses=EVERY), "d.docx") == [
        MET,
        "Ayesha Rahman",
        "Ken Kavanagh",
        COUNCIL,
        "Marcus Ode",
    ]
    overdue_rows = [
        row
        for block in read_blocks(tmp_path / "d.docx")
        if block.kind == "table"
        for row in block.rows[1:]
    ]
    assert all(row[2].endswith("OVERDUE") for row in overdue_rows)
    assert len(overdue_rows) == 3


def test_combined_filters_and_nothing_matching(sample, tmp_path: Path) -> None:
    blocks = read_blocks(
        export(tmp_path, ActionFilter(organisation=COUNCIL, statuses=("done",), overdue=True))
    )
    assert outline(blocks) == []
    assert blocks[-1].text == "No actions match these filters."


@pytest.mark.parametrize(
    ("filters", "named"),
    [
        (ActionFilter(panel="Nowhere Panel", statuses=EVERY), "--panel"),
        (ActionFilter(organisation="Fire Brigade", statuses=EVERY), "--organisation"),
        (ActionFilter(owner="Nobody Atall", statuses=EVERY), "--owner"),
        (ActionFilter(statuses=("closed",)), "--status"),
    ],
)
def test_a_filter_naming_nothing_is_the_users_mistake(
    sample, tmp_path: Path, filters: ActionFilter, named: str
) -> None:
    with pytest.raises(ExportError) as caught:
        export(tmp_path, filters)
    assert caught.value.status == 2
    assert str(caught.value).startswith(named)
    assert not (tmp_path / "a.docx").exists()


def test_an_action_owned_by_its_anonymous_asker_shows_a_resident(sample, tmp_path: Path) -> None:
    question = Question.get(Question.anonymous == True)  # noqa: E712
    services.add_action(
        sample.meeting_id,
        "Meet the asker at the station.",
        owner=ANONYMOUS_ASKER,
        question_id=question.id,
    )
    path = export(tmp_path)
    assert "Quartermaine" not in all_parts_text(path)
    assert ("A resident", "1 action: 1 open, 0 done") in outline(read_blocks(path))


def test_header_footer_and_properties(sample, tmp_path: Path) -> None:
    path = export(tmp_path, ActionFilter(panel=PANEL, statuses=EVERY))
    document = docx.Document(str(path))
    page = document.sections[0]
    assert page.page_width > page.page_height  # landscape A4
    assert round(page.page_width.cm, 1) == 29.7
    assert "as of 1 Jun 2026" in page.header.paragraphs[0].text
    footer = page.footer.paragraphs[0]._p.xml
    assert " PAGE " in footer and " NUMPAGES " in footer
    props = document.core_properties
    assert props.title == "Follow-up action list as of 2026-06-01"
    assert props.author == "wardpanel"
    assert props.created.year >= 2025


def test_long_and_hostile_texts_in_many_rows(sample, tmp_path: Path) -> None:
    hostile = storable("Line one\r\nline two\x00\x1b[1m bold?\x0b \ttabbed 🚓 مرحبا")
    rows = [
        {
            "meeting": sample.meeting_id,
            "text": f"Action {n}: {hostile}",
            "organisation": None,
            "owner": None,
            "due": dt.date(2026, 1, 1) + dt.timedelta(days=n % 300),
            "status": "open",
        }
        for n in range(600)
    ]
    Action.insert_many(rows).execute()  # raw, past the cleaning services do
    blocks = read_blocks(export(tmp_path))
    tables = tables_under(blocks, "No organisation")
    texts = [row[1] for block in tables for row in block.rows[1:]]
    assert len(texts) == 601
    assert "Action 7: Line one\nline two[1m bold? \ttabbed 🚓 مرحبا" in texts


def test_docx2python_reads_the_action_list(sample, tmp_path: Path) -> None:
    from docx2python import docx2python

    with docx2python(str(export(tmp_path, ActionFilter(organisation=MET, statuses=EVERY)))) as read:
        body = read.text
        tables = [t for t in read.body if len(t) > 1 and t[0][0] == ["Ref"]]
    assert body.index(MET) < body.index("Ayesha Rahman") < body.index("Ken Kavanagh")
    assert COUNCIL not in body
    assert len(tables) == 3
    assert [cell[0] for cell in tables[0][0]] == list(HEADINGS)
    assert "OVERDUE" in "".join(tables[1][1][2])
