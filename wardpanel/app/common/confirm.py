"""Asking before anything is deleted, or before typed text is left behind."""

from __future__ import annotations

from typing import TYPE_CHECKING

from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import Horizontal, Vertical
from textual.screen import ModalScreen
from textual.widgets import Button, Label, Static

if TYPE_CHECKING:
    from wardpanel.app.common.form import FormScreen


class ChoiceDialog(ModalScreen):
    """A question answered with buttons: arrows move between them, Enter presses one."""

    CSS_PATH = "dialogs.tcss"
    BINDINGS = [
        Binding("left,up", "app.focus_previous", "Previous", show=False),
        Binding("right,down", "app.focus_next", "Next", show=False),
    ]

    def on_button_pressed(self, event: Button.Pressed) -> None:
        self.dismiss(self.answer_for(event.button.id or ""))

    def answer_for(self, button_id: str) -> object:
        return button_id


class ConfirmScreen(ChoiceDialog):
    """A yes/no question; y or Enter on Yes confirms, n or Escape declines."""

    BINDINGS = [
        Binding("y", "answer(True)", "Yes"),
        Binding("n", "answer(False)", "No"),
        Binding("escape", "answer(False)", "Cancel"),
    ]

    def __init__(
        self, question: str, detail: str = "", yes: str = "Delete", no: str = "Keep"
    ) -> None:
        super().__init__()
        self.question = question
        self.detail = detail
        self.yes = yes
        self.no = no

    def compose(self) -> ComposeResult:
        with Vertical(id="confirm-box"):
            yield Label(self.question, id="confirm-question", markup=False)
            if self.detail:
                yield Static(self.detail, id="confirm-detail", markup=False)
            with Horizontal(id="confirm-buttons"):
                yield Button(f"{self.yes} (y)", variant="error", id="yes")
                yield Button(f"{self.no} (n)", id="no")

    def on_mount(self) -> None:
        self.query_one("#no", Button).focus()

    def answer_for(self, button_id: str) -> bool:
        return button_id == "yes"

    def action_answer(self, answer: bool) -> None:
        self.dismiss(answer)


class KeepOrDiscardScreen(ChoiceDialog):
    """Closing a form with changes: keep them as a draft, discard them, or go back.
    Dismisses with "keep", "discard" or None (back to the form)."""

    BINDINGS = [
        Binding("k", "answer('keep')", "Keep as a draft"),
        Binding("d", "answer('discard')", "Discard"),
        Binding("escape", "answer('')", "Back to the form"),
    ]

    def __init__(self, form_title: str) -> None:
        super().__init__()
        self.form_title = form_title

    def compose(self) -> ComposeResult:
        with Vertical(id="confirm-box"):
            yield Label(
                f"{self.form_title}: close without saving?", id="confirm-question", markup=False
            )
            yield Static(
                "Keep what you typed as a draft (it comes back when you open this again), "
                "or discard it.",
                id="confirm-detail",
            )
            with Horizontal(id="confirm-buttons"):
                yield Button("Keep as a draft (k)", variant="primary", id="keep")
                yield Button("Discard (d)", variant="error", id="discard")
                yield Button("Back (esc)", id="back")

    def on_mount(self) -> None:
        self.query_one("#keep", Button).focus()

    def answer_for(self, button_id: str) -> str | None:
        return button_id if button_id in ("keep", "discard") else None

    def action_answer(self, answer: str) -> None:
        self.dismiss(answer or None)


def ask_before_closing(form: FormScreen) -> None:
    """Escape on a form: close at once when nothing changed; otherwise ask whether to
    keep what is typed as a draft or drop it (or, for a form without drafts, whether to
    close and lose it)."""
    if not form.changed():
        form.close_discarding()
        return
    if not form.draft_key:

        def answered(leave: bool | None) -> None:
            if leave:
                form.close_discarding()

        lose = ConfirmScreen(
            "Close without saving?",
            "What you typed here will be lost.",
            yes="Close",
            no="Back to the form",
        )
        form.app.push_screen(lose, answered)
        return

    def chosen(choice: str | None) -> None:
        if choice == "keep":
            form.close_keeping()
        elif choice == "discard":
            form.close_discarding()

    form.app.push_screen(KeepOrDiscardScreen(form.form_title), chosen)
