"""The wardpanel app: home, meetings and dialogs, driven from the keyboard.

No SQL and no document code here: screens call wardpanel.services and
wardpanel.queries, and exports run in wardpanel.exporting off the UI thread.

An unexpected error (a bug) never shows Textual's crash report, which prints local
variables (residents' names, question text) to the screen. Instead the text typed in
every open form and the quick-entry line is written as a draft, the error goes to the
log file without names or text (wardpanel.core.errorlog), and the screen shows one plain
notice. An error in a key's action is caught before it reaches Textual, so the app
carries on; anywhere else Textual has already stopped the widget whose handler failed,
so carrying on would leave a dead screen, and the app closes cleanly instead (so does
the third error of a session, and one at start-up).
"""

from __future__ import annotations

import datetime as dt
import gc
import logging
from collections.abc import Iterable, Mapping
from pathlib import Path
from typing import Any

from textual import events
from textual.app import App, SystemCommand
from textual.binding import Binding
from textual.dom import DOMNode
from textual.screen import Screen

from wardpanel import queries
from wardpanel.app import collector
from wardpanel.core.errorlog import log_location, log_unexpected
from wardpanel.core.storage.database import friendly_error
from wardpanel.core.storage.targets import DATABASE_FAULTS

log = logging.getLogger("wardpanel.app.application")


# Errors met in a session before the next one closes the app: a bug that keeps coming
# back is better met by a fresh start, which offers the drafts back.
MOST_ERRORS_CARRIED = 2


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
        # Set when an unexpected error closes the app: the line `wardpanel` prints after.
        self.closing_notice: str | None = None
        self._errors_carried = 0
        # The day the app works on: None is the real today; snapshot tests fix it.
        self.fixed_today: dt.date | None = None
        self.collector = collector.IdleCollector()

    def today(self) -> dt.date:
        """The day against which the screens judge "overdue" and read typed dates."""
        return self.fixed_today or dt.date.today()

    def on_mount(self) -> None:
        from wardpanel.app.home.home import HomeScreen
        from wardpanel.app.home.welcome import WelcomeScreen

        self.sub_title = self.database_label
        self.call_after_refresh(self._read_screen_sheets)
        if not gc.isenabled():  # paused by app.launch.start_app for a quicker start
            self.call_after_refresh(self._resume_collector)
        if queries.has_panels():
            self.push_screen(HomeScreen())
        else:
            self.push_screen(WelcomeScreen())
        if queries.drafts():
            from wardpanel.app.home.drafts import DraftsScreen

            self.push_screen(DraftsScreen())

    def _read_screen_sheets(self) -> None:
        """After the first paint, read the style sheets of the other screens (meeting,
        dialogs, lists) while the chair looks at home. A screen that brings a sheet not
        yet read makes Textual parse every sheet again and restyle every widget: some
        45 ms at the first meeting, and again at the first form, of each session."""
        sheets = self.stylesheet
        unread = [
            path
            for path in sorted(Path(__file__).resolve().parent.glob("*/*.tcss"))
            if not sheets.has_source(str(path), "")
        ]
        if unread:
            for path in unread:
                sheets.read(path)
            sheets.update(self)  # the app and the screen in front
            for screen in self.screen_stack:  # home under a welcome or drafts dialog
                if screen is not self.screen:
                    sheets.update(screen)

    def _resume_collector(self) -> None:
        self.collector.start()
        self.set_interval(collector.CHECK_EVERY, self.collector.collect_if_idle)

    async def on_event(self, event: events.Event) -> None:
        if isinstance(event, events.InputEvent):
            self.collector.saw_input()
        await super().on_event(event)

    def on_unmount(self) -> None:
        self.collector.stop()

    # -- unexpected errors (see the module docstring) ------------------------------------

    async def run_action(
        self,
        action: Any,
        default_namespace: DOMNode | None = None,
        namespaces: Mapping[str, DOMNode] | None = None,
    ) -> bool:
        """Every key binding and palette command runs through here: a bug in one is met
        here, while Textual's message loop is still whole, so the app can carry on."""
        try:
            return await super().run_action(action, default_namespace, namespaces)
        except DATABASE_FAULTS as error:
            # Not a bug: the server is away, the disk is full, the file was replaced, or
            # a refusal. Said plainly; the app carries on as it was.
            self.notify(friendly_error(error), title="Not done", severity="error", markup=False)
            return True
        except Exception as error:
            if self.closing_notice is not None or self._errors_carried >= MOST_ERRORS_CARRIED:
                self._handle_exception(error)
                return True
            self._errors_carried += 1
            self._tell_test_harness(error)
            notice = self._keep_work_and_log(error, "in an action: the app carried on")
            self.notify(notice, title="Unexpected error", severity="error", markup=False)
            return True

    def _handle_exception(self, error: Exception) -> None:
        """Textual's last resort for an error nothing caught (a message handler, a timer,
        a worker, start-up). Its own version closes the app with a traceback that shows
        local variables; this one keeps the work, logs safely and closes cleanly."""
        if self.closing_notice is not None:
            log_unexpected(error, "while closing after an earlier one")
            return
        self._tell_test_harness(error, stop_waiting=True)
        self.closing_notice = self._keep_work_and_log(error, "outside an action: the app closed")
        self.exit(return_code=1)

    def _tell_test_harness(self, error: Exception, *, stop_waiting: bool = False) -> None:
        """Under Pilot (App.run_test), Textual re-raises the first unhandled error when the
        test ends, so that a bug never passes a test silently. In a terminal nothing reads
        these. Only a closing app stops Pilot's waits, as Textual itself does."""
        if self._exception is None:
            self._exception = error
            if stop_waiting:
                self._exception_event.set()

    def _keep_work_and_log(self, error: Exception, outcome: str) -> str:
        """Write every open form and the quick-entry line as drafts, log the error, and
        return the notice for the chair."""
        kept = True
        try:
            screens = list(self.screen_stack)
        except Exception:
            screens = []
        for screen in screens:
            keep = getattr(screen, "keep_typed_text", None)
            if keep is None:
                continue
            try:
                kept = bool(keep()) and kept
            except Exception as failure:
                log_unexpected(failure, "while keeping typed text as a draft")
                kept = False
        logged = log_unexpected(error, outcome)
        if not kept:
            start = "Something went wrong and typed text could not be kept as a draft"
        else:
            start = "Something went wrong; your work is kept"
        if logged:
            return f"{start}; details in {log_location()}"
        return f"{start} (the log file could not be written)"

    def _leave_dialogs_alone(self) -> bool:
        """True (and a word) when a dialog is open: it is finished or closed first."""
        from textual.screen import ModalScreen

        if isinstance(self.screen, ModalScreen):
            self.notify("Save or close this dialog first.", timeout=2)
            return True
        return False

    def action_actions(self) -> None:
        from wardpanel.app.actions.screen import ActionsScreen

        if self._leave_dialogs_alone() or isinstance(self.screen, ActionsScreen):
            return
        self.push_screen(ActionsScreen())

    def action_search(self) -> None:
        from wardpanel.app.search.screen import SearchScreen

        if self._leave_dialogs_alone() or isinstance(self.screen, SearchScreen):
            return
        self.push_screen(SearchScreen())

    def action_keys(self) -> None:
        from wardpanel.app.common.keys import KeysScreen

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
