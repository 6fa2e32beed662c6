"""How a document prints residents: one choice, offered in the same words by every
dialog that writes a document (minutes, the meeting pack, the action list, the
attendance record, "You said, we did").

The choice goes to the exporting functions as they take it: `residents` (named,
initials, withheld; None for the panel's own choice) and `record` (the panel's full
record, not for publication, where everyone but an anonymous asker is named).
"""

from __future__ import annotations

from textual.app import ComposeResult
from textual.containers import Vertical
from textual.widgets import Checkbox, Select

from wardpanel.core.people import residents_printed

NAMING_WORDS = {
    "named": "Residents named",
    "initials": "Residents by their initials",
    "withheld": 'Residents withheld ("a resident")',
}
FULL_RECORD_WORDS = "Full record, not for publication"


class ResidentsChoice(Vertical):
    """A list (the panel's choice first, then each way of printing residents) and the
    full record's checkbox; the list greys out while the full record is chosen, since
    the record names every resident."""

    DEFAULT_CSS = """
    ResidentsChoice {
        height: auto;
    }
    """

    def __init__(self, panel_choice: str | None, *, id: str | None = None) -> None:
        """`panel_choice`: how the document's panel prints residents; None when the
        document is not one panel's (then initials, the default)."""
        super().__init__(id=id)
        self.panel_choice = panel_choice

    def compose(self) -> ComposeResult:
        default = residents_printed(None, self.panel_choice)
        whose = "the panel's choice" if self.panel_choice else "the default"
        yield Select(
            [
                (f"{NAMING_WORDS[default]} ({whose})", ""),
                *((words, key) for key, words in NAMING_WORDS.items()),
            ],
            value="",
            allow_blank=False,
            id="residents",
        )
        yield Checkbox(FULL_RECORD_WORDS, id="record")

    def on_checkbox_changed(self, event: Checkbox.Changed) -> None:
        if event.checkbox.id == "record":
            self.query_one("#residents", Select).disabled = event.value

    @property
    def residents(self) -> str | None:
        """named, initials or withheld as chosen; None for the panel's own choice."""
        value = self.query_one("#residents", Select).value
        return value if isinstance(value, str) and value else None

    @property
    def record(self) -> bool:
        """Whether the panel's full record was chosen instead of published words."""
        return self.query_one("#record", Checkbox).value
