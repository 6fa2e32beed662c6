"""A small Word document builder on python-docx's default template, fast for long documents.

Everything is written with the template's built-in styles (Title, Heading 1-2, List
Bullet; tables in a copy of Table Grid carrying their font size) so Word's navigation
pane and tables of contents work. Paragraphs and tables are built as XML and placed
before the final section properties in one step each: python-docx's own
`add_paragraph` searches the body every time, and its `add_row`/`cell` API is slow,
so long tables copy one prepared row instead.

Text is made fit for Word (`word_text`) here, on its way into the XML, and nowhere
else: callers hand over stored text as it is.
"""

from __future__ import annotations

import copy
import datetime as dt
import io
from collections.abc import Iterable, Sequence
from dataclasses import dataclass

from docx.opc.constants import RELATIONSHIP_TYPE
from docx.oxml.parser import oxml_parser
from lxml import etree

from wardpanel.exporting.typed import fresh_numbering, hyperlink, link_pieces, typed_blocks
from wardpanel.exporting.wordbase import base_document, table_style
from wardpanel.exporting.wordruns import (
    BOLD as BOLD,
)
from wardpanel.exporting.wordruns import (
    BR,
    PPR,
    PSTYLE,
    RPR,
    VAL,
    XML_SPACE,
    Content,
    P,
    R,
    T,
    _w,
    append_run,
    merged_look,
    put_text,
    run_properties,
    spans_of,
)
from wardpanel.exporting.wordruns import ITALIC as ITALIC
from wardpanel.exporting.wordruns import PLAIN as PLAIN
from wardpanel.exporting.wordruns import Look as Look
from wardpanel.exporting.wordruns import Span as Span
from wardpanel.exporting.wordtext import NEEDS_CARE, word_text
from wardpanel.exporting.wordtext import split_paragraphs as split_paragraphs  # for writers

TWIPS_PER_CM = 566.93
A4_SHORT, A4_LONG = 11906, 16838  # twips
MARGIN = 1134  # 2 cm
HEADER_DISTANCE = 567  # 1 cm
CORE_PROPERTY_LIMIT = 255  # python-docx refuses longer core properties


def cm(value: float) -> int:
    """Centimetres in twips, Word's unit for page and table measures."""
    return round(value * TWIPS_PER_CM)


@dataclass(frozen=True)
class Column:
    """A table column: heading, width, and the looks of the text slots in each cell.

    A row gives one value per slot, column after column; an empty value leaves its
    slot empty, so a cell can carry, say, a date and an optional bold mark.
    """

    title: str
    width_cm: float
    slots: tuple[Look, ...] = (PLAIN,)


class WordDocument:
    """One document being built: page set-up, header, footer, body, properties."""

    def __init__(self, *, landscape: bool = False) -> None:
        self.document, self.on_template = base_document()
        body = self.document.element.body
        self._end = body.sectPr  # everything goes just before the section properties
        self._set_page(landscape)
        self._drop_template_thumbnail()
        self.text_width = self._page_width - 2 * MARGIN
        # Headings written from here on go this many levels deeper (Title becomes
        # Heading N): how a document is nested as one part of the meeting pack.
        self.heading_shift = 0

    def new_section(self, *, landscape: bool) -> None:
        """Start a new section on a new page, landscape or portrait; header and footer
        carry on. The section just ended keeps its own page set-up."""
        p = oxml_parser.makeelement(P)
        etree.SubElement(p, PPR).append(copy.deepcopy(self._end))
        self._place(p)
        self._set_page(landscape)
        self.text_width = self._page_width - 2 * MARGIN

    # -- page, header, footer, properties ---------------------------------------------

    def _set_page(self, landscape: bool) -> None:
        sect = self._end
        for child in list(sect):
            if child.tag in (_w("pgSz"), _w("pgMar")):
                sect.remove(child)
        width, height = (A4_LONG, A4_SHORT) if landscape else (A4_SHORT, A4_LONG)
        self._page_width = width
        size = oxml_parser.makeelement(_w("pgSz"))
        size.set(_w("w"), str(width))
        size.set(_w("h"), str(height))
        if landscape:
            size.set(_w("orient"), "landscape")
        margins = oxml_parser.makeelement(_w("pgMar"))
        for side in ("top", "right", "bottom", "left"):
            margins.set(_w(side), str(MARGIN))
        margins.set(_w("header"), str(HEADER_DISTANCE))
        margins.set(_w("footer"), str(HEADER_DISTANCE))
        margins.set(_w("gutter"), "0")
        # Schema order: header/footer references, then pgSz, then pgMar.
        sect.insert(0, margins)
        sect.insert(0, size)
        for ref in sect.findall(_w("headerReference")) + sect.findall(_w("footerReference")):
            sect.insert(0, ref)

    def _drop_template_thumbnail(self) -> None:
        # The template carries a picture of an empty page; a file browser would show it.
        rels = self.document.part.package.rels
        for rid, rel in list(rels.items()):
            if rel.reltype == RELATIONSHIP_TYPE.THUMBNAIL:
                del rels[rid]

    def set_header(self, left: Content, right: Content = "") -> None:
        """Header on every page: `left` at the margin, `right` against the right margin."""
        header = self.document.sections[0].header
        header.is_linked_to_previous = False
        if self.on_template and any(par.text.strip() for par in header.paragraphs):
            # The council's letterhead stays; our line goes beneath it.
            p = header.add_paragraph()._p
        else:
            p = _fresh_paragraph(header.paragraphs[0]._p)
        ppr = etree.SubElement(p, PPR)
        etree.SubElement(ppr, PSTYLE).set(VAL, "Header")
        # Schema order matters to Word: the border comes before the tab stops.
        border = etree.SubElement(etree.SubElement(ppr, _w("pBdr")), _w("bottom"))
        for key, value in (("val", "single"), ("sz", "4"), ("space", "4"), ("color", "808080")):
            border.set(_w(key), value)
        tabs = etree.SubElement(ppr, _w("tabs"))
        for position in (4680, 9360):  # the template's Letter-size stops
            stop = etree.SubElement(tabs, _w("tab"))
            stop.set(VAL, "clear")
            stop.set(_w("pos"), str(position))
        stop = etree.SubElement(tabs, _w("tab"))
        stop.set(VAL, "right")
        stop.set(_w("pos"), str(self.text_width))
        small = Look(size_pt=9, colour="404040")
        for span in spans_of(left):
            append_run(p, span.text, merged_look(small, span.look))
        if right:
            append_run(p, "\t", small)
            for span in spans_of(right):
                append_run(p, span.text, merged_look(small, span.look))

    def set_page_numbers(self) -> None:
        """'Page N of M' centred in the footer, from Word's PAGE and NUMPAGES fields."""
        footer = self.document.sections[0].footer
        footer.is_linked_to_previous = False
        if self.on_template and any(par.text.strip() for par in footer.paragraphs):
            p = footer.add_paragraph()._p
        else:
            p = _fresh_paragraph(footer.paragraphs[0]._p)
        ppr = etree.SubElement(p, PPR)
        etree.SubElement(ppr, PSTYLE).set(VAL, "Footer")
        etree.SubElement(ppr, _w("jc")).set(VAL, "center")
        small = Look(size_pt=9, colour="404040")
        append_run(p, "Page ", small)
        self._field(p, "PAGE", small)
        append_run(p, " of ", small)
        self._field(p, "NUMPAGES", small)

    @staticmethod
    def _field(p: etree._Element, instruction: str, look: Look) -> None:
        def run() -> etree._Element:
            r = etree.SubElement(p, R)
            run_properties(r, look)
            return r

        etree.SubElement(run(), _w("fldChar")).set(_w("fldCharType"), "begin")
        instr = etree.SubElement(run(), _w("instrText"))
        instr.text = f" {instruction} "
        instr.set(XML_SPACE, "preserve")
        etree.SubElement(run(), _w("fldChar")).set(_w("fldCharType"), "separate")
        etree.SubElement(run(), T).text = "1"
        etree.SubElement(run(), _w("fldChar")).set(_w("fldCharType"), "end")

    def set_properties(
        self, *, title: str, subject: str = "", keywords: str = "", author: str = "wardpanel"
    ) -> None:
        """Core properties: our title and author, created now (not the template's 2013)."""
        stamp = dt.datetime.now(dt.UTC).replace(tzinfo=None, microsecond=0)
        props = self.document.core_properties
        props.title = _property(title)
        props.subject = _property(subject)
        props.keywords = _property(keywords)
        props.author = _property(author)
        props.last_modified_by = _property(author)
        props.comments = ""
        props.category = ""
        props.language = "en-GB"
        props.created = stamp
        props.modified = stamp
        props.revision = 1

    # -- body --------------------------------------------------------------------------

    def _place(self, element: etree._Element) -> etree._Element:
        self._end.addprevious(element)
        return element

    def paragraph(
        self,
        content: Content = "",
        *,
        style: str = "",
        keep_with_next: bool = False,
        indent_cm: float = 0,
        hanging_cm: float = 0,
        tab_cm: float = 0,
        space_before_pt: float | None = None,
        space_after_pt: float | None = None,
    ) -> etree._Element:
        """One paragraph in a built-in style (by style id, e.g. "Heading1")."""
        p = oxml_parser.makeelement(P)
        ppr = etree.SubElement(p, PPR)
        if style and self.heading_shift:
            style = _shifted(style, self.heading_shift)
        if style:
            etree.SubElement(ppr, PSTYLE).set(VAL, style)
        if keep_with_next:
            etree.SubElement(ppr, _w("keepNext"))
        if tab_cm:
            stop = etree.SubElement(etree.SubElement(ppr, _w("tabs")), _w("tab"))
            stop.set(VAL, "left")
            stop.set(_w("pos"), str(cm(tab_cm)))
        if space_before_pt is not None or space_after_pt is not None:
            spacing = etree.SubElement(ppr, _w("spacing"))
            if space_before_pt is not None:
                spacing.set(_w("before"), str(round(space_before_pt * 20)))
            if space_after_pt is not None:
                spacing.set(_w("after"), str(round(space_after_pt * 20)))
        if indent_cm or hanging_cm:
            ind = etree.SubElement(ppr, _w("ind"))
            ind.set(_w("left"), str(cm(indent_cm + hanging_cm)))
            if hanging_cm:
                ind.set(_w("hanging"), str(cm(hanging_cm)))
        if not len(ppr):
            p.remove(ppr)
        for span in spans_of(content):
            append_run(p, span.text, span.look)
        return self._place(p)

    def heading(self, text: str, level: int = 1) -> etree._Element:
        """Title (level 0) or Heading 1, 2...: what the navigation pane lists."""
        style = "Title" if level == 0 else f"Heading{level}"
        return self.paragraph(text, style=style)

    def text_block(
        self, text: str, *, indent_cm: float = 0, look: Look = PLAIN, style: str = ""
    ) -> int:
        """Stored text as paragraphs (blank lines between them); returns how many.

        Lines typed as "- item" or "1. item" become Word lists; web and e-mail
        addresses become links (exporting.typed).
        """
        parts = split_paragraphs(text)
        for part in parts:
            for block in typed_blocks(part):
                if block.kind == "text":
                    p = self.paragraph(indent_cm=indent_cm, style=style)
                    self._linked_text(p, "\n".join(block.lines), look)
                    continue
                numbering = None
                if block.kind == "number":
                    numbering = fresh_numbering(
                        self.document.part, self._style("ListNumber"), block.first_number
                    )
                for number, line in enumerate(block.lines, start=block.first_number):
                    list_style = "ListBullet" if block.kind == "bullet" else "ListNumber"
                    if block.kind == "number" and numbering is None:
                        list_style, line = style, f"{number}. {line}"  # numbered in the text
                    p = self.paragraph(style=list_style, indent_cm=indent_cm, hanging_cm=0.63)
                    if numbering is not None:
                        num_pr = oxml_parser.makeelement(_w("numPr"))
                        etree.SubElement(num_pr, _w("ilvl")).set(VAL, "0")
                        etree.SubElement(num_pr, _w("numId")).set(VAL, numbering)
                        p.find(PPR).find(PSTYLE).addnext(num_pr)  # schema order
                    self._linked_text(p, line, look)
        return len(parts)

    def _style(self, style_id: str) -> etree._Element | None:
        styles = self.document.styles.element
        return styles.find(f"{_w('style')}[@{_w('styleId')}='{style_id}']")

    def _linked_text(self, p: etree._Element, text: str, look: Look) -> None:
        for piece, target in link_pieces(word_text(text)):
            if not target:
                append_run(p, piece, look)
                continue
            run = etree.SubElement(hyperlink(self.document.part, p, target), R)
            run_properties(run, look)
            rpr = run.find(RPR)
            if rpr is None:
                rpr = etree.SubElement(run, RPR)
            rpr.insert(0, oxml_parser.makeelement(_w("rStyle")))
            rpr[0].set(VAL, "Hyperlink")
            put_text(run, piece)

    def bullet(self, content: Content, *, keep_with_next: bool = False) -> etree._Element:
        """An item in Word's List Bullet style."""
        return self.paragraph(content, style="ListBullet", keep_with_next=keep_with_next)

    def table(
        self,
        columns: Sequence[Column],
        rows: Iterable[Sequence[str]],
        *,
        font_pt: float = 11,
        caption: str = "",
    ) -> int:
        """A bordered table with a repeating heading row; returns the number of rows.

        No row breaks across a page (unless it is longer than a page), so an action's
        text is never separated from its overdue mark. `caption` is the table's title
        for screen readers (Word's Alt Text title).

        Each row gives one value per slot (see Column). Rows are copies of one prepared
        row whose texts are then set, which is what keeps long lists fast; the font
        size and spacing come from the table's style, so each cell stays as lean as
        python-docx's own: a paragraph, a run and its text.
        """
        total = sum(cm(c.width_cm) for c in columns)
        tbl = oxml_parser.makeelement(_w("tbl"))
        tblpr = etree.SubElement(tbl, _w("tblPr"))
        etree.SubElement(tblpr, _w("tblStyle")).set(VAL, table_style(self.document, font_pt))
        width = etree.SubElement(tblpr, _w("tblW"))
        width.set(_w("w"), str(total))
        width.set(_w("type"), "dxa")
        etree.SubElement(tblpr, _w("tblLayout")).set(_w("type"), "fixed")
        look = etree.SubElement(tblpr, _w("tblLook"))
        for key, value in (("val", "04A0"), ("firstRow", "1"), ("noVBand", "1")):
            look.set(_w(key), value)
        if caption:
            etree.SubElement(tblpr, _w("tblCaption")).set(VAL, _property(caption))
        grid = etree.SubElement(tbl, _w("tblGrid"))
        for column in columns:
            etree.SubElement(grid, _w("gridCol")).set(_w("w"), str(cm(column.width_cm)))

        heading = etree.SubElement(tbl, _w("tr"))
        trpr = etree.SubElement(heading, _w("trPr"))
        etree.SubElement(trpr, _w("cantSplit"))
        etree.SubElement(trpr, _w("tblHeader"))
        for column in columns:
            tc = etree.SubElement(heading, _w("tc"))
            tcpr = etree.SubElement(tc, _w("tcPr"))
            cell_width = etree.SubElement(tcpr, _w("tcW"))
            cell_width.set(_w("w"), str(cm(column.width_cm)))
            cell_width.set(_w("type"), "dxa")
            fill = etree.SubElement(tcpr, _w("shd"))
            fill.set(VAL, "clear")
            fill.set(_w("color"), "auto")
            fill.set(_w("fill"), "D9E2F3")
            append_run(etree.SubElement(tc, P), column.title, BOLD)

        # Widths come from the grid (fixed layout), so body cells need no properties.
        template = oxml_parser.makeelement(_w("tr"))
        etree.SubElement(etree.SubElement(template, _w("trPr")), _w("cantSplit"))
        for column in columns:
            p = etree.SubElement(etree.SubElement(template, _w("tc")), P)
            for slot in column.slots:
                run = etree.SubElement(p, R)
                run_properties(run, slot)
                if slot.break_before:
                    etree.SubElement(run, BR)
                etree.SubElement(run, T)
        self._place(tbl)

        count = 0
        clone, append, needs_care = template.__copy__, tbl.append, NEEDS_CARE.search
        careful: list[tuple[etree._Element, str]] = []
        for values in rows:
            row = clone()
            for t, value in zip(row.iter(T), values, strict=True):
                # Spaces at either end or two together are kept by Word only when told.
                if (
                    value
                    and value[0] != " "
                    and value[-1] != " "
                    and "  " not in value
                    and not needs_care(value)
                ):
                    t.text = value
                else:
                    careful.append((t, value))  # changes the row: not while iterating it
            while careful:
                _set_careful(*careful.pop())
            append(row)
            count += 1
        return count

    # -- output ------------------------------------------------------------------------

    def to_bytes(self) -> bytes:
        """The finished .docx file."""
        buffer = io.BytesIO()
        self.document.save(buffer)
        return buffer.getvalue()


def _shifted(style: str, shift: int) -> str:
    if style == "Title":
        return f"Heading{shift}"
    if style.startswith("Heading") and style[7:].isdigit():
        return f"Heading{min(int(style[7:]) + shift, 9)}"
    return style


def _fresh_paragraph(p: etree._Element) -> etree._Element:
    for child in list(p):
        p.remove(child)
    return p


def _set_careful(t: etree._Element, value: str) -> None:
    """Set a slot's text that is empty or has breaks, tabs, edge spaces or bad characters."""
    text = word_text(value)
    run = t.getparent()
    if not text:
        run.getparent().remove(run)  # an empty slot leaves no run (nor line break) behind
        return
    if "\n" not in text and "\t" not in text:
        t.text = text
        if text[0] == " " or text[-1] == " " or "  " in text:
            t.set(XML_SPACE, "preserve")
        return
    run.remove(t)
    put_text(run, text)


def _property(value: str) -> str:
    text = " ".join(word_text(value).split())
    if len(text) > CORE_PROPERTY_LIMIT:
        text = text[: CORE_PROPERTY_LIMIT - 1] + "…"
    return text
