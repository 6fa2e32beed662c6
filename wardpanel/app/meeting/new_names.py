"""Asking before a typed name creates an organisation, or a person, nobody knows by it.

"New organisation 'Met Police Service'? Did you mean Metropolitan Police?": the chair
presses Tab or 1 to use the suggestion (the line or the form is saved with it), c to
create the new one, or Escape to go back to the line or the form, with nothing created.
The attendance form asks the same of whom a substitute stood in for ("Nobody called
'Tom Reed' here: did you mean Sgt Tom Reid?").
"""

from __future__ import annotations

from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import Horizontal, Vertical
from textual.widgets import Button, Label, Static

from wardpanel.app.common.confirm import ChoiceDialog
from wardpanel.quickentry.names import NewOrganisation

CREATE = ""  # the answer that means: create the organisation as typed


class NewOrganisationDialog(ChoiceDialog):
    """Dismisses with a suggested name (an organisation's, or a person's where the form
    asks of one), CREATE, or None (go back)."""

    CSS_PATH = "../common/dialogs.tcss"

    BINDINGS = [
        # Tab takes the suggestion, as it does in the app's fields; arrows move between
        # the buttons.
        Binding("tab", "use(0)", "Use the suggestion", show=False, priority=True),
        Binding("1", "use(0)", "Use the first", show=False),
        Binding("2", "use(1)", "Use the second", show=False),
        Binding("3", "use(2)", "Use the third", show=False),
        Binding("c", "create", "Create it"),
        Binding("escape", "back", "Back to the line"),
    ]

    def __init__(
        self,
        new: NewOrganisation,
        question: str = "",
        unknown: str = "Nobody is known by that name or alias. Create it, or go back and "
        "correct it.",
        create: str = "Create it",
    ) -> None:
        super().__init__()
        self.new = new
        self.question = question or f"New organisation '{new.typed}'?"
        self.unknown = unknown
        self.create_label = create

    def compose(self) -> ComposeResult:
        suggestions = self.new.suggestions
        with Vertical(id="confirm-box"):
            yield Label(self.question, id="confirm-question", markup=False)
            detail = f"Did you mean {' or '.join(suggestions)}?" if suggestions else self.unknown
            yield Static(detail, id="confirm-detail", markup=False)
            with Horizontal(id="confirm-buttons"):
                for number, name in enumerate(suggestions, start=1):
                    key = "tab" if number == 1 else str(number)
                    yield Button(f"{name} ({key})", variant="primary", id=f"use-{number - 1}")
                yield Button(f"{self.create_label} (c)", id="create")
                yield Button("Back (esc)", id="back")

    def on_mount(self) -> None:
        first = "#use-0" if self.new.suggestions else "#create"
        self.query_one(first, Button).focus()

    def answer_for(self, button_id: str) -> str | None:
        if button_id.startswith("use-"):
            return self.new.suggestions[int(button_id.removeprefix("use-"))]
        return CREATE if button_id == "create" else None

    def action_use(self, index: int) -> None:
        if index < len(self.new.suggestions):
            self.dismiss(self.new.suggestions[index])

    def action_create(self) -> None:
        self.dismiss(CREATE)

    def action_back(self) -> None:
        self.dismiss(None)
