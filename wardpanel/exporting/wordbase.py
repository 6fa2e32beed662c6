"""The document every export starts from: wardpanel's house style or a council's template.

House style (no template): what UK public bodies are asked to publish (GOV.UK
"Publishing accessible documents", WCAG 2.2 AA): a sans-serif face at 12 pt for body
text, headings dark enough for 4.5:1 contrast on white, no italics in the heading
styles, British English throughout.

A council's template (`--template FILE`, see exporting.template): its styles, fonts,
colours and letterhead are used as they are; a built-in style the document needs and
the template lacks is copied in from python-docx's default so nothing falls back to
plain text.

Either way the file is made to look like what Word itself saves: compatibility mode
15 (no "[Compatibility Mode]" in the title bar), no claim that spelling was checked,
the application named as wardpanel and no made-up page or word counts.
"""

from __future__ import annotations

import copy
import io

import docx
from docx.document import Document
from lxml import etree

from wardpanel.exporting.template import chosen_template

W_NS = "http://schemas.openxmlformats.org/wordprocessingml/2006/main"
LANGUAGE = "en-GB"
HOUSE_FONT = "Arial"
BODY_HALF_POINTS = "24"  # 12 pt
# Every coloured style (headings, title, caption) in one dark blue: 12.2:1 on white,
# where the template's accent blue (4F81BD) gave Heading 2 only 4.0:1.
HEADING_COLOUR = "1F3864"
# The styles documents are written with: a template without them gets python-docx's.
NEEDED_STYLES = (
    "Normal",
    "Title",
    "Heading1",
    "Heading2",
    "Heading3",
    "Heading4",
    "ListBullet",
    "ListNumber",
    "TableGrid",
    "Header",
    "Footer",
    "Hyperlink",
)
APP_XML = (
    b'<?xml version="1.0" encoding="UTF-8" standalone="yes"?>\n'
    b'<Properties xmlns="http://schemas.openxmlformats.org/officeDocument/2006/extended-properties"'
    b' xmlns:vt="http://schemas.openxmlformats.org/officeDocument/2006/docPropsVTypes">'
    b"<Application>wardpanel</Application><DocSecurity>0</DocSecurity>"
    b"<ScaleCrop>false</ScaleCrop><LinksUpToDate>false</LinksUpToDate>"
    b"<SharedDoc>false</SharedDoc><HyperlinksChanged>false</HyperlinksChanged>"
    b"</Properties>"
)


def _w(tag: str) -> str:
    return f"{{{W_NS}}}{tag}"


def base_document() -> tuple[Document, bool]:
    """A fresh document and whether it came from a council's template."""
    template = chosen_template()
    if template is None:
        document = docx.Document()
        _house_style(document)
    else:
        document = docx.Document(io.BytesIO(template))
        _empty_body(document)
        _add_missing_styles(document)
    _word_native(document)
    return document, template is not None


def _style(styles: etree._Element, style_id: str) -> etree._Element | None:
    return styles.find(f"{_w('style')}[@{_w('styleId')}='{style_id}']")


def _house_style(document: Document) -> None:
    styles = document.styles.element
    for fonts in styles.iter(_w("rFonts")):
        for key in list(fonts.attrib):
            del fonts.attrib[key]
        for key in ("ascii", "hAnsi", "eastAsia", "cs"):
            fonts.set(_w(key), HOUSE_FONT)
    defaults = styles.find(f"{_w('docDefaults')}/{_w('rPrDefault')}/{_w('rPr')}")
    for tag in ("sz", "szCs"):
        size = defaults.find(_w(tag))
        if size is not None:
            size.set(_w("val"), BODY_HALF_POINTS)
    for style in styles.iter(_w("style")):
        rpr = style.find(_w("rPr"))
        if rpr is None:
            continue
        colour = rpr.find(_w("color"))
        if colour is not None and colour.get(_w("val"), "auto") != "auto":
            # Theme colours (accent1 is 4F81BD, 4.0:1) are replaced, not shaded.
            for key in ("themeColor", "themeShade", "themeTint"):
                colour.attrib.pop(_w(key), None)
            colour.set(_w("val"), HEADING_COLOUR)
        for italic in rpr.findall(_w("i")) + rpr.findall(_w("iCs")):
            rpr.remove(italic)


def _empty_body(document: Document) -> None:
    body = document.element.body
    for child in list(body):
        if child.tag != _w("sectPr"):
            body.remove(child)


def _add_missing_styles(document: Document) -> None:
    styles = document.styles.element
    ours = docx.Document().styles.element
    for style_id in NEEDED_STYLES:
        if _style(styles, style_id) is None and (mine := _style(ours, style_id)) is not None:
            styles.append(copy.deepcopy(mine))


def _hyperlink_style(document: Document) -> None:
    """Word's Hyperlink character style, which python-docx's default lacks: blue (5.9:1
    on white) and underlined, so a link is told by more than its colour."""
    styles = document.styles.element
    if _style(styles, "Hyperlink") is not None:
        return
    style = etree.SubElement(styles, _w("style"))
    style.set(_w("type"), "character")
    style.set(_w("styleId"), "Hyperlink")
    etree.SubElement(style, _w("name")).set(_w("val"), "Hyperlink")
    etree.SubElement(style, _w("basedOn")).set(_w("val"), "DefaultParagraphFont")
    etree.SubElement(style, _w("uiPriority")).set(_w("val"), "99")
    etree.SubElement(style, _w("unhideWhenUsed"))
    rpr = etree.SubElement(style, _w("rPr"))
    etree.SubElement(rpr, _w("color")).set(_w("val"), "0563C1")
    etree.SubElement(rpr, _w("u")).set(_w("val"), "single")


def _word_native(document: Document) -> None:
    _hyperlink_style(document)
    for lang in document.styles.element.iter(_w("lang")):
        lang.set(_w("val"), LANGUAGE)
    settings = document.settings.element
    for proof in settings.findall(_w("proofState")):
        settings.remove(proof)
    for setting in settings.iter(_w("compatSetting")):
        if setting.get(_w("name")) == "compatibilityMode":
            setting.set(_w("val"), "15")
    for theme_lang in settings.findall(_w("themeFontLang")):
        theme_lang.set(_w("val"), LANGUAGE)
    for part in document.part.package.iter_parts():
        if str(part.partname) == "/docProps/app.xml":
            part._blob = APP_XML
    # Word 2010's shadow copy of the styles: Word 2013 on ignore it, and a copy that
    # differs from styles.xml (as ours would) is reported as unreadable content.
    rels = document.part.rels
    for rid, rel in list(rels.items()):
        if rel.reltype.endswith("/stylesWithEffects"):
            del rels[rid]


def table_style(document: Document, font_pt: float) -> str:
    """A table style like Table Grid, with this font size and no space after paragraphs."""
    style_id = f"TableGrid{font_pt:g}pt".replace(".", "_")
    styles = document.styles.element
    if styles.find(f"{_w('style')}[@{_w('styleId')}='{style_id}']") is not None:
        return style_id
    base = styles.find(f"{_w('style')}[@{_w('styleId')}='TableGrid']")
    style = copy.deepcopy(base)
    style.set(_w("styleId"), style_id)
    style.set(_w("customStyle"), "1")
    style.find(_w("name")).set(_w("val"), f"Table Grid {font_pt:g}pt")
    for child in style.findall(_w("rsid")):
        style.remove(child)
    rpr = etree.SubElement(style, _w("rPr"))
    half_points = str(round(font_pt * 2))
    etree.SubElement(rpr, _w("sz")).set(_w("val"), half_points)
    etree.SubElement(rpr, _w("szCs")).set(_w("val"), half_points)
    # Schema order inside a style: ... pPr, rPr, tblPr ...
    tblpr = style.find(_w("tblPr"))
    if tblpr is None:  # a council's Table Grid may be bare
        tblpr = etree.SubElement(style, _w("tblPr"))
    tblpr.addprevious(rpr)
    margins = tblpr.find(_w("tblCellMar"))
    if margins is None:
        return style_id
    for side, size in (("top", "40"), ("left", "85"), ("bottom", "40"), ("right", "85")):
        if (margin := margins.find(_w(side))) is not None:
            margin.set(_w("w"), size)
    base.addnext(style)
    return style_id
