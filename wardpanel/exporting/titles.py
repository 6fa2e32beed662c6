"""What the accountability documents share: the title block and the period in words.

The attendance record and "You said, we did" open like the minutes: the panel's name
in Word's Title style, the document's name under it, then label-and-value lines.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Sequence

from wardpanel.core.models import Meeting
from wardpanel.core.words import long_date, short_date
from wardpanel.exporting.worddoc import BOLD, Look, Span, WordDocument

LABEL_WIDTH_CM = 2.8  # "Produced" in bold 12 pt, with room before its value
SUBTITLE = Look(bold=True, size_pt=14, colour="17365D")
GREY = Look(colour="595959")

# In the header of every page of a document that is the panel's full record (its
# title block says "the panel's full record"); short, so the header keeps to one line.
RECORD_MARK = "NOT FOR PUBLICATION"


def meetings_line(meetings: Sequence[Meeting]) -> str:
    """'3: 15 Jan 2026, 10 Apr 2026 (draft), 10 Jul 2026'."""
    if not meetings:
        return "None in this period"
    dates = ", ".join(
        short_date(m.date) + ("" if m.status == "approved" else " (draft)") for m in meetings
    )
    return f"{len(meetings)}: {dates}"


def produced_now() -> str:
    """'Friday 10 April 2026 at 21:05': when the document was made."""
    produced = dt.datetime.now()
    return f"{long_date(produced.date())} at {produced:%H:%M}"


def title_block(
    doc: WordDocument, panel_name: str, subtitle: str, details: Sequence[tuple[str, str]]
) -> None:
    """The panel as the Title, the document's name, then the non-empty details."""
    doc.heading(panel_name, 0)
    doc.paragraph(Span(subtitle, SUBTITLE), space_after_pt=8)
    for label, value in details:
        if value:
            doc.paragraph(
                [Span(label, BOLD), "\t", value],
                hanging_cm=LABEL_WIDTH_CM,
                tab_cm=LABEL_WIDTH_CM,
                space_after_pt=2,
            )


def panel_keywords(panel: object) -> str:
    """Panel, ward and borough, for the document's keywords."""
    parts = (getattr(panel, "name", ""), getattr(panel, "ward", ""), getattr(panel, "borough", ""))
    return ", ".join(part for part in parts if part)
