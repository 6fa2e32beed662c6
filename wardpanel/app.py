"""The wardpanel app: home, meetings and dialogs, driven from the keyboard.

No SQL and no document code here: screens call wardpanel.services and
wardpanel.queries, and exports run in wardpanel.exporting off the UI thread.
"""

from __future__ import annotations

import logging
from collections.abc import Iterable

from textual.app import App, SystemCommand
from textual.binding import Binding
from textual.screen import Screen

from wardpanel import queries

log = logging.getLogger("wardpanel.app")


class WardpanelApp(App[None]):
    """A ward panel's meetings, kept open by the chair for the whole meeting."""

    CSS_PATH = "app.tcss"
    TITLE = "wardpanel"
    BINDINGS = [
        Binding("ctrl+o", "actions", "Actions", priority=True),
        Binding("ctrl+f", "search", "Search", priority=True),
        Binding("question_mark", "keys", "Keys", key_display="?"),
        Binding("f1", "keys", "Keys", show=False),
        Binding("ctrl+q", "quit", "Quit", priority=True),
    ]

    def __init__(self, database_label: str = "") -> None:
        super().__init__()
        self.database_label = database_label

    def on_mount(self) -> None:
        from wardpanel.screens.home import HomeScreen
        from wardpanel.screens.welcome import WelcomeScreen

        self.sub_title = self.database_label
        if queries.has_panels():
            self.push_screen(HomeScreen())
        else:
            self.push_screen(WelcomeScreen())
        if queries.drafts():
            from wardpanel.screens.drafts import DraftsScreen

            self.push_screen(DraftsScreen())

    def _leave_dialogs_alone(self) -> bool:
        """True (and a word) when a dialog is open: it is finished or closed first."""
        from textual.screen import ModalScreen

        if isinstance(self.screen, ModalScreen):
            self.notify("Save or close this dialog first.", timeout=2)
            return True
        return False

    def action_actions(self) -> None:
        from wardpanel.screens.actions import ActionsScreen

        if self._leave_dialogs_alone() or isinstance(self.screen, ActionsScreen):
            return
        self.push_screen(ActionsScreen())

    def action_search(self) -> None:
        from wardpanel.screens.search import SearchScreen

        if self._leave_dialogs_alone() or isinstance(self.screen, SearchScreen):
            return
        self.push_screen(SearchScreen())

    def action_keys(self) -> None:
        from wardpanel.screens.keys import KeysScreen

        if not isinstance(self.screen, KeysScreen):
            self.push_screen(KeysScreen(self.screen))

    def get_system_commands(self, screen: Screen) -> Iterable[SystemCommand]:
        """Every key of the current screen is also a command in the palette."""
        seen: set[str] = set()
        for active in screen.active_bindings.values():
            binding = active.binding
            if not active.enabled or not binding.description or binding.action in seen:
                continue
            seen.add(binding.action)
            node = active.node
            key = binding.key_display or self.get_key_display(binding)
            yield SystemCommand(
                binding.description,
                binding.tooltip or f"Key: {key}",
                lambda node=node, action=binding.action: self.call_later(node.run_action, action),
            )
        yield from getattr(screen, "extra_commands", lambda: ())()
        yield from super().get_system_commands(screen)
