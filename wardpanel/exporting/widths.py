"""Table column widths from what the columns hold, so long texts get the room.

Fixed widths gave the matters-arising update column 4 cm beside a 6 cm action column
(300 matters took 52 pages). Here each column first gets room for its longest word
(a date, a reference, a status never breaks mid-word); the page's width is shared
among the others in proportion to how much they hold on average.
"""

from __future__ import annotations

import dataclasses
from collections.abc import Sequence
from itertools import islice

from wardpanel.exporting.worddoc import TWIPS_PER_CM, Column, WordDocument

# An average character of an 11 pt sans serif; the widest a word's characters run
# (capitals, digits and bold, as in "OVERDUE" or "A126"); a cell's side margins; in cm.
# Words are measured generously: a substitute face (LibreOffice has no Arial) runs
# wider, and a word that does not fit breaks mid-word.
CHARACTER_CM = 0.21
WORD_LOWER_CM = 0.245
WORD_CHARACTER_CM = 0.33
CELL_MARGINS_CM = 0.45
LONGEST_WORD_CM = 4.0  # beyond this a word may break: no column starves the others
ROWS_LOOKED_AT = 400  # enough to judge a long list by


def fitted(
    columns: Sequence[Column], rows: Sequence[Sequence[str]], width_cm: float
) -> tuple[Column, ...]:
    """`columns` with widths shared out of `width_cm` by what `rows` hold (one value
    per slot, as Column says); the titles count as content too."""
    starts, position = [], 0
    for column in columns:
        starts.append(position)
        position += len(column.slots)
    least, share = [], []
    for column, start in zip(columns, starts, strict=True):
        words = column.title.split()
        lengths = []
        for row in islice(rows, ROWS_LOOKED_AT):
            text = " ".join(v for v in row[start : start + len(column.slots)] if v)
            words.extend(text.split())
            lengths.append(len(text))
        longest = max((_word_cm(w) for w in words), default=WORD_CHARACTER_CM)
        least.append(min(longest, LONGEST_WORD_CM) + CELL_MARGINS_CM)
        share.append(max(sum(lengths) / len(lengths), 1.0) if lengths else 1.0)
    if sum(least) >= width_cm:
        return tuple(columns)  # too many columns to fit: keep the written widths
    # Share the width by what each column holds on average; a column whose share is
    # less than its longest word gets that much, and the others share what is left.
    widths: dict[int, float] = {}
    while True:
        free = [i for i in range(len(columns)) if i not in widths]
        left = width_cm - sum(widths.values())
        total = sum(share[i] for i in free) or 1.0
        starved = [i for i in free if left * share[i] / total < least[i]]
        if not starved:
            break
        for i in starved:
            widths[i] = least[i]
    for i in free:
        widths[i] = left * share[i] / total
    return tuple(
        dataclasses.replace(column, width_cm=round(widths[i], 2))
        for i, column in enumerate(columns)
    )


def _word_cm(word: str) -> float:
    return sum(WORD_CHARACTER_CM if c.isupper() or c.isdigit() else WORD_LOWER_CM for c in word)


def text_width_cm(doc: WordDocument) -> float:
    """The width between the margins, for tables that fill it."""
    return doc.text_width / TWIPS_PER_CM
