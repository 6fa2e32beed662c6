"""The Actions view's list, exactly as filtered, written to Word for a meeting or an email."""

from __future__ import annotations

import dataclasses
import datetime as dt
from pathlib import Path

from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import Vertical
from textual.content import Content
from textual.screen import ModalScreen
from textual.widgets import Input, Label, Static

from wardpanel.app.actions.filters import describe
from wardpanel.app.common.residents import ResidentsChoice
from wardpanel.app.common.writing import destination_fields, destination_of, write_in_background
from wardpanel.core.words import plural
from wardpanel.queries.actions import ActionFilter
from wardpanel.queries.names_meant import publish_choice_of


class ListToWordScreen(ModalScreen[None]):
    """Write every action the view's filters pick (all pages, not only the one shown)
    as the follow-up action list, judged "overdue" against the same day."""

    CSS_PATH = "../common/dialogs.tcss"
    BINDINGS = [
        Binding("ctrl+s", "export", "Write document"),
        Binding("enter", "export", "Write document", show=False),
        Binding("escape", "close", "Close"),
    ]

    def __init__(self, filters: ActionFilter, total: int, today: dt.date) -> None:
        super().__init__()
        # Who is asking orders the view; the document lists by due date for everyone.
        self.filters = dataclasses.replace(filters, me=None)
        self.total = total
        self.today = today

    def compose(self) -> ComposeResult:
        with Vertical(id="export-box"):
            yield Label("Write this list to Word", id="export-title")
            more = f"\n{plural(self.total, 'action')}, every page of the list"
            if self.filters.text:
                more += f", with the words “{self.filters.text}”"
            yield Static(
                Content.assemble(describe(self.filters, lead="Actions ", hint=""), more),
                id="export-summary",
            )
            yield ResidentsChoice(publish_choice_of(self.filters.panel))
            yield from destination_fields()

    def on_mount(self) -> None:
        self.query_one("#destination", Input).focus()

    def action_close(self) -> None:
        self.dismiss(None)

    def action_export(self) -> None:
        output = destination_of(self)
        filters, today = self.filters, self.filters.as_of or self.today
        choice = self.query_one(ResidentsChoice)
        residents, record = choice.residents, choice.record

        def write() -> Path:
            from wardpanel.exporting import export_actions

            return export_actions(output, filters, as_of=today, residents=residents, record=record)

        write_in_background(self, write)
