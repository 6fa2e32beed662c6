"""The check before publishing as a list the clerk goes through: each finding, under
its kind, opens the item it is about."""

from __future__ import annotations

from rich.text import Text
from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import Vertical
from textual.screen import ModalScreen
from textual.widgets import Label, OptionList, Static
from textual.widgets.option_list import Option

from wardpanel.reports import Finding


class FindingsScreen(ModalScreen[Finding | None]):
    """What would be wrong to publish; Enter opens the item, Escape closes."""

    CSS_PATH = "../common/dialogs.tcss"
    BINDINGS = [Binding("escape", "close", "Close")]

    def __init__(self, findings: list[Finding]) -> None:
        super().__init__()
        self.findings = findings

    def compose(self) -> ComposeResult:
        with Vertical(id="export-box"):
            count = len(self.findings)
            yield Label(
                f"Before publishing: {count} thing{'' if count == 1 else 's'} to look at",
                id="export-title",
            )
            options: list[Option | None] = []
            heading = ""
            for number, finding in enumerate(self.findings):
                if finding.heading != heading:
                    heading = finding.heading
                    options.append(Option(Text(heading, "bold"), disabled=True))
                options.append(Option(Text(f"  {finding.said}"), id=str(number)))
            yield OptionList(*options, id="findings")
            yield Static("[b]enter[/] open the item   [b]esc[/] close", id="form-hint")

    def on_mount(self) -> None:
        found = self.query_one(OptionList)
        found.focus()
        found.action_first()

    def on_option_list_option_selected(self, event: OptionList.OptionSelected) -> None:
        if event.option.id is not None:
            self.dismiss(self.findings[int(event.option.id)])

    def action_close(self) -> None:
        self.dismiss(None)
