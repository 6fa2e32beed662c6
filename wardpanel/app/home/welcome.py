"""The first screen on an empty database: start a panel or look at a sample meeting."""

from __future__ import annotations

from rich.markup import escape
from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import Center, Vertical
from textual.screen import Screen
from textual.widgets import Button, Header, Static

from wardpanel.app.common.keybar import KeyBar

WELCOME = (
    "[b]wardpanel[/] keeps the record of a ward panel's meetings: who came, who sent "
    "apologies and which officers stayed away; every question and each organisation's "
    "answer; the actions agreed, followed up between meetings; and the minutes, in Word."
    "\n\nEverything is saved as you type it, in [b]{database}[/]."
)


class WelcomeScreen(Screen[None]):
    BINDINGS = [
        Binding("p", "new_panel", "Start a panel"),
        Binding("s", "sample", "Load the sample meeting"),
    ]

    def compose(self) -> ComposeResult:
        yield Header()
        with Center(), Vertical(id="welcome-box"):
            database = escape(self.app.database_label)
            yield Static(WELCOME.format(database=database), id="welcome-text")
            yield Button(
                "Start a panel and its first meeting  (p)", id="new-panel", variant="primary"
            )
            yield Button("Look around a sample meeting  (s)", id="sample")
        yield KeyBar()

    def on_mount(self) -> None:
        self.query_one("#new-panel", Button).focus()

    def on_button_pressed(self, event: Button.Pressed) -> None:
        if event.button.id == "new-panel":
            self.action_new_panel()
        else:
            self.action_sample()

    def action_new_panel(self) -> None:
        from wardpanel.app.home.panels import new_meeting_form, panel_form

        def panel_made(panel) -> None:
            if panel is not None:
                self.app.push_screen(new_meeting_form(panel), meeting_made)

        def meeting_made(meeting) -> None:
            if meeting is not None:
                self._leave_for(meeting.id)

        self.app.push_screen(panel_form(), panel_made)

    def action_sample(self) -> None:
        from wardpanel.sample import load_sample

        meeting_id = load_sample()
        self.notify(
            "The sample meeting is loaded: invented people, realistic content.", markup=False
        )
        self._leave_for(meeting_id)

    def _leave_for(self, meeting_id: int) -> None:
        from wardpanel.app.home.home import HomeScreen
        from wardpanel.app.meeting.screen import MeetingScreen

        self.app.switch_screen(HomeScreen(select_meeting=meeting_id))
        self.app.push_screen(MeetingScreen(meeting_id))
