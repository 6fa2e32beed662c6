"""Runs of text in Word's XML: how a piece of text looks (Look, Span) and the runs,
line breaks and tabs it becomes. The document builder (exporting.worddoc) and the
typed-text writer (exporting.typed) share them.
"""

from __future__ import annotations

from collections.abc import Iterable, Sequence
from dataclasses import dataclass

from lxml import etree

from wardpanel.exporting.wordtext import LINE_OR_TAB, word_text

W_NS = "http://schemas.openxmlformats.org/wordprocessingml/2006/main"
XML_SPACE = "{http://www.w3.org/XML/1998/namespace}space"


def _w(tag: str) -> str:
    return f"{{{W_NS}}}{tag}"


P, PPR, PSTYLE, R, RPR, T, BR, TAB = (
    _w(t) for t in ("p", "pPr", "pStyle", "r", "rPr", "t", "br", "tab")
)
VAL = _w("val")


@dataclass(frozen=True)
class Look:
    """How a run of text looks beyond its paragraph's style."""

    bold: bool = False
    italic: bool = False
    colour: str = ""  # hex RGB, e.g. "C00000"
    size_pt: float = 0  # 0: the style's size
    break_before: bool = False  # in table slots: start on a new line (when not empty)


PLAIN = Look()
BOLD = Look(bold=True)
ITALIC = Look(italic=True)


@dataclass(frozen=True)
class Span:
    """A piece of a paragraph's text with its look."""

    text: str
    look: Look = PLAIN


Content = str | Span | Sequence[str | Span]


def run_properties(parent: etree._Element, look: Look) -> None:
    """A run's rPr for `look`; none at all when it is plain."""
    if not (look.bold or look.italic or look.colour or look.size_pt):
        return
    rpr = etree.SubElement(parent, RPR)
    if look.bold:
        etree.SubElement(rpr, _w("b"))
    if look.italic:
        etree.SubElement(rpr, _w("i"))
    if look.colour:
        etree.SubElement(rpr, _w("color")).set(VAL, look.colour)
    if look.size_pt:
        half_points = str(round(look.size_pt * 2))
        etree.SubElement(rpr, _w("sz")).set(VAL, half_points)
        etree.SubElement(rpr, _w("szCs")).set(VAL, half_points)


def put_text(run: etree._Element, text: str) -> None:
    """Append `text` to a run: `\\n` becomes a line break, a tab a tab. `text` is clean."""
    for piece in LINE_OR_TAB.split(text):
        if piece == "\n":
            etree.SubElement(run, BR)
        elif piece == "\t":
            etree.SubElement(run, TAB)
        elif piece:
            t = etree.SubElement(run, T)
            t.text = piece
            t.set(XML_SPACE, "preserve")


def append_run(p: etree._Element, text: str, look: Look) -> None:
    """A run of `text` (cleaned for Word) at the end of paragraph `p`."""
    text = word_text(text)
    if not text:
        return
    run = etree.SubElement(p, R)
    run_properties(run, look)
    put_text(run, text)


def spans_of(content: Content) -> Iterable[Span]:
    """Content as Spans: a string is one plain span."""
    if isinstance(content, Span):
        return (content,)
    if isinstance(content, str):
        return (Span(content),)
    return (part if isinstance(part, Span) else Span(part) for part in content)


def merged_look(base: Look, extra: Look) -> Look:
    """`base` with what `extra` adds: either's bold or italic, `extra`'s colour and size first."""
    return Look(
        bold=base.bold or extra.bold,
        italic=base.italic or extra.italic,
        colour=extra.colour or base.colour,
        size_pt=extra.size_pt or base.size_pt,
    )
