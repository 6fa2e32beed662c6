"""What people type, as Word would have it: "- " and "1. " lines as real lists, web
addresses and e-mail addresses as links.

A paragraph of stored text is cut into runs of ordinary lines and runs of list items;
ordinary lines stay one paragraph with line breaks, as typed. A numbered list gets
its own numbering, starting at the first number typed, so one list never carries on
counting from another (python-docx's List Number does).
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field

from docx.opc.constants import RELATIONSHIP_TYPE
from lxml import etree

W_NS = "http://schemas.openxmlformats.org/wordprocessingml/2006/main"
R_ID = "{http://schemas.openxmlformats.org/officeDocument/2006/relationships}id"

_ITEM = re.compile(r"^[ \t]*(?:(?P<bullet>[-•*])|(?P<number>\d{1,3})[.)])[ \t]+(?P<text>\S.*)$")
# An address ends before trailing punctuation that closes the sentence around it.
_LINK = re.compile(
    r"(?P<url>\b(?:https?://|www\.)[^\s<>\"]*[^\s<>\".,;:!?)\]'’])"
    r"|(?P<email>\b[\w.+-]+@[\w-]+(?:\.[\w-]+)*\.[A-Za-z]{2,}\b)"
)


def _w(tag: str) -> str:
    return f"{{{W_NS}}}{tag}"


@dataclass
class Block:
    """Ordinary lines ("text"), or the items of a "bullet" or "number" list."""

    kind: str
    lines: list[str] = field(default_factory=list)
    first_number: int = 1


def typed_blocks(paragraph: str) -> list[Block]:
    """One paragraph of stored text cut into ordinary lines and lists, in order.

    A single typed line is a list item only beside another one: "- 5 officers" alone,
    or "1. " at the start of a sentence, stays text as typed.
    """
    lines = paragraph.split("\n")
    items = [_ITEM.match(line) for line in lines]
    blocks: list[Block] = []
    for line, item in zip(lines, items, strict=True):
        kind = "text" if item is None else ("bullet" if item["bullet"] else "number")
        if blocks and blocks[-1].kind == kind:
            blocks[-1].lines.append(item["text"] if item else line)
        elif item is None:
            blocks.append(Block("text", [line]))
        else:
            blocks.append(Block(kind, [item["text"]], int(item["number"] or 1)))
    # A lone item is text: nothing to list it with.
    for block in blocks:
        if block.kind != "text" and len(block.lines) == 1:
            marker = "- " if block.kind == "bullet" else f"{block.first_number}. "
            block.kind, block.lines = "text", [marker + block.lines[0]]
    merged: list[Block] = []
    for block in blocks:
        if merged and block.kind == "text" and merged[-1].kind == "text":
            merged[-1].lines.extend(block.lines)
        else:
            merged.append(block)
    return merged


def link_pieces(text: str) -> list[tuple[str, str]]:
    """`text` as (piece, target) pairs: target is the link's address, or "" for text."""
    pieces: list[tuple[str, str]] = []
    position = 0
    for found in _LINK.finditer(text):
        if found.start() > position:
            pieces.append((text[position : found.start()], ""))
        shown = found.group()
        if found["email"]:
            target = f"mailto:{shown}"
        else:
            target = shown if "://" in shown else f"https://{shown}"
        pieces.append((shown, target))
        position = found.end()
    if position < len(text):
        pieces.append((text[position:], ""))
    return pieces


def hyperlink(part, p: etree._Element, target: str) -> etree._Element:
    """A w:hyperlink in paragraph `p` to the external `target`; its runs go inside."""
    rid = part.relate_to(target, RELATIONSHIP_TYPE.HYPERLINK, is_external=True)
    link = etree.SubElement(p, _w("hyperlink"))
    link.set(R_ID, rid)
    link.set(_w("history"), "1")
    return link


def fresh_numbering(part, style_element: etree._Element | None, start: int) -> str | None:
    """A new numbering instance of the List Number style's list, starting at `start`;
    None when the style has no numbering (a council's template may not)."""
    if style_element is None:
        return None
    num_id = style_element.find(f"{_w('pPr')}/{_w('numPr')}/{_w('numId')}")
    if num_id is None:
        return None
    numbering = part.numbering_part.element
    base = numbering.find(f"{_w('num')}[@{_w('numId')}='{num_id.get(_w('val'))}']")
    if base is None:
        return None
    abstract = base.find(_w("abstractNumId")).get(_w("val"))
    taken = [int(n.get(_w("numId"))) for n in numbering.findall(_w("num"))]
    new_id = str(max(taken, default=0) + 1)
    num = etree.SubElement(numbering, _w("num"))
    num.set(_w("numId"), new_id)
    etree.SubElement(num, _w("abstractNumId")).set(_w("val"), abstract)
    override = etree.SubElement(num, _w("lvlOverride"))
    override.set(_w("ilvl"), "0")
    etree.SubElement(override, _w("startOverride")).set(_w("val"), str(start))
    return new_id
