"""Every document kind is one a council can publish as it is: valid OOXML, accessible
(contrast, headings, table header rows, rows that never split, language, title, no
italics, no empty paragraphs) and Word-native (what Word itself would save)."""

from __future__ import annotations

import datetime as dt
import itertools
import re
import zipfile
from collections.abc import Callable
from pathlib import Path

import pytest
from lxml import etree
from openxml_audit import OpenXmlValidator

from tests.engines import skip_syncing
from tests.render_check import PANEL, read_blocks
from tests.sample_cache import fresh_sample
from wardpanel.core.models import ACTION_STATUSES
from wardpanel.exporting import (
    export_actions,
    export_attendance,
    export_minutes,
    export_pack,
    export_said_did,
)
from wardpanel.queries.actions import ActionFilter

W = "{http://schemas.openxmlformats.org/wordprocessingml/2006/main}"
AS_OF = dt.date(2026, 6, 1)
WHITE = "FFFFFF"
AA_NORMAL_TEXT = 4.5


@pytest.fixture
def sample(database: str):
    return fresh_sample()


def _minutes(sample, folder: Path) -> Path:
    return export_minutes(sample.meeting_id, folder / "minutes.docx")


def _actions(sample, folder: Path) -> Path:
    return export_actions(
        folder / "actions.docx", ActionFilter(statuses=ACTION_STATUSES), as_of=AS_OF
    )


def _attendance(sample, folder: Path) -> Path:
    return export_attendance(PANEL, folder / "attendance.docx")


def _said_did(sample, folder: Path) -> Path:
    return export_said_did(PANEL, folder / "said-did.docx", as_of=AS_OF)


def _pack(sample, folder: Path) -> Path:
    return export_pack(sample.meeting_id, folder / "pack.docx", as_of=AS_OF)


KINDS: dict[str, Callable[..., Path]] = {
    "pack": _pack,
    "minutes": _minutes,
    "actions": _actions,
    "attendance": _attendance,
    "said-did": _said_did,
}


@pytest.fixture(params=sorted(KINDS))
def document(request, sample, tmp_path: Path) -> Path:
    return KINDS[request.param](sample, tmp_path)


def part(path: Path, name: str) -> etree._Element:
    with zipfile.ZipFile(path) as package:
        return etree.fromstring(package.read(name))


def used_styles(path: Path) -> list[etree._Element]:
    """The styles the document uses, with the styles they are based on."""
    styles = {s.get(f"{W}styleId"): s for s in part(path, "word/styles.xml").iter(f"{W}style")}
    wanted = {"Normal"}
    for name in ("word/document.xml", "word/header1.xml", "word/footer1.xml"):
        with zipfile.ZipFile(path) as package:
            if name not in package.namelist():
                continue
        for tag in ("pStyle", "rStyle", "tblStyle"):
            wanted |= {e.get(f"{W}val") for e in part(path, name).iter(f"{W}{tag}")}
    found, queue = {}, list(wanted)
    while queue:
        style = styles.get(queue.pop())
        if style is None or style.get(f"{W}styleId") in found:
            continue
        found[style.get(f"{W}styleId")] = style
        for link in ("basedOn", "link"):
            if (ref := style.find(f"{W}{link}")) is not None:
                queue.append(ref.get(f"{W}val"))
    return list(found.values())


def luminance(colour: str) -> float:
    def channel(value: int) -> float:
        c = value / 255
        return c / 12.92 if c <= 0.03928 else ((c + 0.055) / 1.055) ** 2.4

    r, g, b = (int(colour[i : i + 2], 16) for i in (0, 2, 4))
    return 0.2126 * channel(r) + 0.7152 * channel(g) + 0.0722 * channel(b)


def contrast(foreground: str, background: str) -> float:
    light, dark = sorted((luminance(foreground), luminance(background)), reverse=True)
    return (light + 0.05) / (dark + 0.05)


def test_every_document_kind_passes_the_ooxml_schema_validator(document: Path) -> None:
    result = OpenXmlValidator().validate(document)
    assert [str(error) for error in result.errors] == []


def test_every_text_colour_passes_wcag_aa_on_its_background(document: Path) -> None:
    with zipfile.ZipFile(document) as package:
        names = [
            n
            for n in package.namelist()
            if re.match(r"word/(document|header\d*|footer\d*)\.xml$", n)
        ]
    roots = [(name, part(document, name)) for name in names]
    roots += [(style.get(f"{W}styleId"), style) for style in used_styles(document)]
    checked = 0
    for name, root in roots:
        for colour in root.iter(f"{W}color"):
            value = colour.get(f"{W}val")
            if value in (None, "auto"):
                continue
            cell = next((a for a in colour.iterancestors(f"{W}tc")), None)
            fill = cell.find(f"{W}tcPr/{W}shd") if cell is not None else None
            background = fill.get(f"{W}fill") if fill is not None else WHITE
            assert contrast(value, background) >= AA_NORMAL_TEXT, (name, value, background)
            checked += 1
    assert checked  # headings at least are coloured


def test_headings_go_down_one_level_at_a_time(document: Path) -> None:
    levels = []
    for p in part(document, "word/document.xml").iter(f"{W}p"):
        style = p.find(f"{W}pPr/{W}pStyle")
        name = style.get(f"{W}val") if style is not None else ""
        if name == "Title":
            levels.append(0)
        elif name.startswith("Heading"):
            levels.append(int(name.removeprefix("Heading")))
    assert levels[0] == 0
    for before, after in itertools.pairwise(levels):
        assert after <= before + 1, levels


def test_tables_have_repeating_header_rows_and_rows_that_never_split(document: Path) -> None:
    tables = list(part(document, "word/document.xml").iter(f"{W}tbl"))
    assert tables or document.name == "said-did.docx"  # prose only
    for table in tables:
        rows = table.findall(f"{W}tr")
        assert rows[0].find(f"{W}trPr/{W}tblHeader") is not None
        for row in rows:
            assert row.find(f"{W}trPr/{W}cantSplit") is not None


def test_language_title_type_and_no_italics_or_empty_paragraphs(document: Path) -> None:
    styles = part(document, "word/styles.xml")
    defaults = styles.find(f"{W}docDefaults/{W}rPrDefault/{W}rPr")
    assert defaults.find(f"{W}lang").get(f"{W}val") == "en-GB"
    assert defaults.find(f"{W}sz").get(f"{W}val") == "24"  # 12 pt
    assert defaults.find(f"{W}rFonts").get(f"{W}ascii") == "Arial"
    assert {lang.get(f"{W}val") for lang in styles.iter(f"{W}lang")} == {"en-GB"}
    body = part(document, "word/document.xml")
    assert list(body.iter(f"{W}i")) == []
    assert [
        s.get(f"{W}styleId") for s in used_styles(document) if s.find(f".//{W}i") is not None
    ] == []
    for p in body.find(f"{W}body").findall(f"{W}p"):
        if p.find(f"{W}pPr/{W}sectPr") is not None:
            continue  # a section break (the pack's landscape action update)
        assert "".join(p.itertext()).strip(), etree.tostring(p)
    core = part(document, "docProps/core.xml")
    title = core.find("{http://purl.org/dc/elements/1.1/}title").text
    language = core.find("{http://purl.org/dc/elements/1.1/}language").text
    assert title and language == "en-GB"


def test_word_native_settings_and_application(document: Path) -> None:
    settings = part(document, "word/settings.xml")
    assert settings.find(f"{W}proofState") is None
    modes = [
        s.get(f"{W}val")
        for s in settings.iter(f"{W}compatSetting")
        if s.get(f"{W}name") == "compatibilityMode"
    ]
    assert modes == ["15"]
    assert settings.find(f"{W}themeFontLang").get(f"{W}val") == "en-GB"
    app = etree.tostring(part(document, "docProps/app.xml")).decode()
    assert "<Application>wardpanel</Application>" in app
    assert "Macintosh" not in app and "<Pages>" not in app and "<Words>" not in app


def test_follow_up_list_leads_with_overdue_then_open_then_done(sample, tmp_path: Path) -> None:
    blocks = read_blocks(_actions(sample, tmp_path))
    tables = [b for b in blocks if b.kind == "table"]
    mixed = 0
    for table in tables:
        standing = [
            0 if row[2].endswith("OVERDUE") else 2 if row[3] == "Done" else 1
            for row in table.rows[1:]
        ]
        assert standing == sorted(standing), table.rows
        mixed += len(set(standing)) > 1
    assert mixed  # the sample has an owner with both overdue and done actions


def test_pack_holds_minutes_action_update_recommendations_and_figures(
    sample, tmp_path: Path
) -> None:
    blocks = read_blocks(_pack(sample, tmp_path))
    parts = [b.text for b in blocks if b.style == "Heading 1"]
    assert parts == [
        "1. Minutes of the meeting of Friday 10 April 2026",
        "2. Action update",
        "3. Recommendations",
        "4. Figures",
        "5. Priorities under review",
    ]
    # The minutes' own sections sit one level below their part.
    level2 = [b.text for b in blocks if b.style == "Heading 2"]
    assert "Matters arising" in level2 and "Questions and responses" in level2
    update = next(b.text for b in blocks if b.text.startswith("The panel's open actions"))
    assert "(overdue: open, with a due date before this day)" in update
    with zipfile.ZipFile(tmp_path / "pack.docx") as package:
        body = package.read("word/document.xml")
    assert body.count(b'w:orient="landscape"') == 1  # the action update only


def test_typed_lists_and_addresses_become_word_lists_and_links(database, tmp_path: Path) -> None:
    from wardpanel import services

    skip_syncing()
    panel = services.create_panel("Lea Bridge Ward Panel")
    meeting = services.create_meeting(panel.id, "2026-03-05", venue="Library")
    services.add_note(
        meeting.id,
        "Police update",
        "We agreed:\n- more patrols\n- brighter lights\n\n"
        "Steps:\n1. survey the towpath\n2. report back\n\n"
        "See https://example.gov.uk/safety. or write to safer@example.gov.uk",
    )
    path = export_minutes(meeting.id, tmp_path / "m.docx")
    body = part(path, "word/document.xml")
    styled = [
        (p.find(f"{W}pPr/{W}pStyle").get(f"{W}val"), "".join(p.itertext()))
        for p in body.iter(f"{W}p")
        if p.find(f"{W}pPr/{W}pStyle") is not None
    ]
    assert ("ListBullet", "more patrols") in styled and ("ListBullet", "brighter lights") in styled
    numbered = [p for p in body.iter(f"{W}p") if "".join(p.itertext()) == "survey the towpath"]
    assert numbered[0].find(f"{W}pPr/{W}numPr/{W}numId") is not None  # its own numbering
    links = body.findall(f".//{W}hyperlink")
    assert ["".join(link.itertext()) for link in links] == [
        "https://example.gov.uk/safety",
        "safer@example.gov.uk",
    ]
    with zipfile.ZipFile(path) as package:
        rels = package.read("word/_rels/document.xml.rels").decode()
    assert 'Target="mailto:safer@example.gov.uk" TargetMode="External"' in rels
    assert not OpenXmlValidator().validate(path).errors
