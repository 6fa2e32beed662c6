"""Stored text made fit for Word, once, on its way into a document's XML.

python-docx (and Word) refuse characters XML 1.0 cannot hold; carriage returns would
become two line breaks. Callers hand over stored text as it is; the document builder
(exporting.worddoc) cleans it here and nowhere else.
"""

from __future__ import annotations

import re

# Characters XML 1.0 (hence Word) cannot hold, and C1 controls nobody can type or see.
_NOT_FOR_WORD = re.compile("[\x00-\x08\x0b\x0c\x0e-\x1f\x7f-\x9f\ud800-\udfff\ufffe\uffff]")
# What word_text must act on: the above and carriage returns (not "\n" or tabs).
_NEEDS_CLEANING = re.compile("[\x00-\x08\x0b-\x1f\x7f-\x9f\ud800-\udfff\ufffe\uffff]")
# What makes a table value leave the fast path: all that, and line ends and tabs.
NEEDS_CARE = re.compile("[\x00-\x1f\x7f-\x9f\ud800-\udfff\ufffe\uffff]")
LINE_OR_TAB = re.compile("(\n|\t)")
_BLANK_LINE = re.compile(r"\n[ \t]*\n")


def word_text(value: object) -> str:
    """Text as Word can hold it: line ends made `\\n`, XML-invalid characters removed."""
    if value is None:
        return ""
    text = value if isinstance(value, str) else str(value)
    if not _NEEDS_CLEANING.search(text):
        return text
    if "\r" in text:
        text = text.replace("\r\n", "\n").replace("\r", "\n")
    return _NOT_FOR_WORD.sub("", text)


def split_paragraphs(text: str) -> list[str]:
    """Stored text's paragraphs: separated by a blank line; a single `\\n` stays a break."""
    return [part.strip("\n") for part in _BLANK_LINE.split(word_text(text)) if part.strip()]
