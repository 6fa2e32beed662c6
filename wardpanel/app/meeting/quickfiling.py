"""The meeting screen's quick-entry line: a line read as it is typed (what it will
become), refused in the box with its fault marked, asked about (a due date in the past,
an organisation that may be one already known), filed, and kept as a draft meanwhile.

MeetingScreen builds on QuickEntryScreen; the sections, the tabs and the meeting's own
details stay there.
"""

from __future__ import annotations

import datetime as dt
import logging
import re

import peewee
from rich.text import Text
from textual import on
from textual.screen import Screen
from textual.timer import Timer
from textual.widgets import Static, TabbedContent

from wardpanel import services
from wardpanel.app.common.draftkeeper import DRAFT_INTERVAL, keeper
from wardpanel.app.meeting.quickline import QuickLine
from wardpanel.app.meeting.section import LOCKED, approved_now
from wardpanel.core.models import UNFILED_HEADING
from wardpanel.core.storage.database import friendly_error
from wardpanel.core.storage.postgres import ConnectionLost
from wardpanel.core.words import day_date

log = logging.getLogger("wardpanel.meeting")


class QuickEntryScreen(Screen[None]):
    """A meeting's screen with the chair's quick-entry line (docs/quick-entry.md). The
    screen built on it gives `section(name)`, `refresh_section(name, select)` and
    `reread_meeting()` (after a line changed the meeting itself)."""

    def __init__(self, meeting_id: int) -> None:
        super().__init__()
        self.meeting_id = meeting_id
        self._quick_timer: Timer | None = None
        self._quick_draft_kept = False
        self._refused = ""  # a line refused once: Enter again keeps it as unfiled text
        self._save_refused = False  # the last line was not saved: its message stays
        # New organisations the chair agreed to create for the line being filed.
        self._agreed_new: set[str] = set()

    @property
    def _quick_key(self) -> str:
        return f"meeting{self.meeting_id}:quick"

    @property
    def quick_line(self) -> QuickLine:
        return self.query_one("#quick-entry", QuickLine)

    def action_quick_entry(self) -> None:
        if approved_now(self.meeting_id):
            self.notify(LOCKED, severity="warning", markup=False)
            return
        box = self.quick_line
        box.add_class("open")
        self.query_one("#quick-message").add_class("open")
        box.focus()

    @on(QuickLine.Changed, "#quick-entry")
    def _quick_changed(self, event: QuickLine.Changed) -> None:
        # Written at most a second after a keystroke, off the UI thread, as forms do.
        if self._quick_timer is None:
            self._quick_timer = self.set_timer(DRAFT_INTERVAL, self._write_quick_draft)
        self._show_preview(event.text_area.text)

    def _show_preview(self, line: str) -> None:
        """What the line will become, as it is typed: above all the date an action's
        "due …" was read as, so a slip shows before Enter."""
        from wardpanel.quickentry import preview

        if line == self._refused:
            return
        shown = preview(line, self.today())
        if shown is None:
            return
        text, past = shown
        self._quick_message(Text(f"→ {text}", "bold red" if past else "dim"))

    def today(self) -> dt.date:
        """The day the chair is typing on (the app's; a test may fix it)."""
        return self.app.today()

    def _write_quick_draft(self) -> None:
        self._quick_timer = None
        value = self.quick_line.value
        if value.strip():
            keeper.keep(
                self._quick_key,
                {"line": value},
                "Quick entry",
                self.meeting_id,
                failed=self._quick_draft_failed,
            )
            self._quick_draft_kept = True
        elif self._quick_draft_kept:
            keeper.settle()
            services.discard_draft(self._quick_key)
            self._quick_draft_kept = False

    def _quick_draft_failed(self, reason: str) -> None:
        # A draft written before a refused save fails for the same reason, and later:
        # the "Not saved" message already says what the chair needs to know.
        if not self._save_refused:
            self._quick_message(Text(f"Draft not kept: {reason}", "bold red"))

    def keep_typed_text(self) -> bool:
        """Keep the quick-entry line as a draft now: the app calls this when an unexpected
        error strikes. False if it could not be kept."""
        if self._quick_timer is not None:
            self._quick_timer.stop()
            self._quick_timer = None
        keeper.settle()
        value = self.quick_line.value
        if not value.strip():
            return True
        try:
            services.save_draft(self._quick_key, {"line": value}, "Quick entry", self.meeting_id)
        except peewee.DatabaseError:
            return False
        self._quick_draft_kept = True
        return True

    def _quick_message(self, text: Text) -> None:
        self.query_one("#quick-message", Static).update(text)

    @on(QuickLine.Submitted, "#quick-entry")
    def _quick_submitted(self, event: QuickLine.Submitted) -> None:
        from wardpanel import quickentry

        line = event.value
        if not line.strip():
            return
        box = self.quick_line
        box.remember(line)
        if line != self._refused:
            # Read first (no database): a line that cannot be understood stays in the
            # box, its fault marked, for the chair to correct.
            try:
                entry = quickentry.parse(line, self.today())
            except quickentry.QuickEntryError as error:
                self._refuse(line, error.message, error.fault)
                return
            due = getattr(entry, "due", None)
            if due is not None and due < self.today():
                self._ask_about_past_due(line, due)
                return
            self._check_names(line)
            return
        self._file(line)

    def _check_names(self, line: str) -> None:
        """File the line, after asking about each organisation it would create that may
        be one already known under another name; a name that fits two people is refused
        in the box, with both, and nothing stored (the filing itself finds it)."""
        from wardpanel import quickentry
        from wardpanel.app.meeting.new_names import CREATE, NewOrganisationDialog
        from wardpanel.quickentry.names import new_organisations

        try:
            entry = quickentry.parse(line, self.today())
            # Only a name that may mean a known organisation is asked about: one like
            # nothing known is plainly new, and the chair is not stopped for it.
            new = [
                found
                for found in new_organisations(self.meeting_id, entry)
                if found.suggestions and found.typed.casefold() not in self._agreed_new
            ]
        except (quickentry.QuickEntryError, services.InputError) as error:
            fault = getattr(error, "fault", "") or getattr(error, "typed", "")
            self._refuse(line, error.message, fault)
            return
        if not new:
            self._file(line, refuse_ambiguous=True)
            return

        def answered(choice: str | None) -> None:
            self.quick_line.focus()
            if choice is None:
                self.quick_line.mark(new[0].typed)
                self._quick_message(
                    Text(f"Not filed: nothing created. Correct '{new[0].typed}'.", "yellow")
                )
            elif choice == CREATE:
                self._agreed_new.add(new[0].typed.casefold())
                self._check_names(line)
            else:
                self._check_names(_replaced(line, new[0].typed, choice))

        self.app.push_screen(NewOrganisationDialog(new[0]), answered)

    def _refuse(self, line: str, message: str, fault: str) -> None:
        self._refused = line
        self.quick_line.mark(fault)
        text = Text(f"Not filed: {message}", "bold red")
        text.append(
            "\nCorrect the line, or press Enter again to keep it as it is in the notes "
            f"under '{UNFILED_HEADING}'.",
            "yellow",
        )
        self._quick_message(text)

    def _ask_about_past_due(self, line: str, due: dt.date) -> None:
        from wardpanel.app.common.confirm import ConfirmScreen

        def answered(yes: bool | None) -> None:
            if yes:
                self._check_names(line)
            else:
                self._refused = ""
                self.quick_line.mark(self._due_words(line))
                self._quick_message(Text("Not filed: correct the due date.", "yellow"))
            self.quick_line.focus()

        self.app.push_screen(
            ConfirmScreen(
                f"The due date, {day_date(due)}, is in the past. File the action anyway?",
                line,
                yes="File it",
                no="Correct it",
            ),
            answered,
        )

    @staticmethod
    def _due_words(line: str) -> str:
        lowered = line.lower()
        at = max(lowered.rfind(" due "), lowered.rfind(" by "))
        return line[at + 1 :] if at >= 0 else ""

    def _file(self, line: str, *, refuse_ambiguous: bool = False) -> None:
        """File the line. With `refuse_ambiguous`, a name in it that fits two people is
        refused in the box; without (Enter again on a refused line), the line is kept as
        typed in the notes."""
        from wardpanel import quickentry

        self._refused = ""
        self._save_refused = False
        if self._quick_timer is not None:
            self._quick_timer.stop()
            self._quick_timer = None
        keeper.settle()
        try:
            outcome = quickentry.apply(
                self.meeting_id, line, self.today(), refuse_ambiguous=refuse_ambiguous
            )
        except services.AmbiguousName as error:
            box = self.quick_line
            if box.value != line:  # an organisation the chair chose in the dialog
                box.value = line
            self._write_quick_draft()  # the line stays in the box, kept as typed
            self._refuse(line, error.message, error.typed)
            return
        except peewee.DatabaseError as error:
            log.warning("quick entry not saved: %s", type(error).__name__)
            self._save_refused = True
            self.keep_typed_text()
            # A server lost during COMMIT cannot tell if it saved; its message says so.
            unsure = isinstance(error, ConnectionLost) and error.saved is None
            verdict = "" if unsure else "Not saved: "
            self._quick_message(
                Text(f"{verdict}{friendly_error(error)} The line is kept.", "bold red")
            )
            return
        box = self.quick_line
        if not outcome.saved:
            self._quick_message(Text(outcome.message, "bold red"))
            return
        box.value = ""
        # New organisations agreed to stay agreed while the chair corrects the line
        # (a name refused after the question was answered), not for the next line.
        self._agreed_new = set()
        if self._quick_draft_kept:
            services.discard_draft(self._quick_key)
            self._quick_draft_kept = False
        style = "green" if outcome.understood else "bold yellow"
        self._quick_message(Text(outcome.message, style))
        if outcome.section == "meeting":  # the previous minutes: shown above the tabs
            self.reread_meeting()
            box.focus()
            return
        section = outcome.section or "notes"
        select = self._row_key(section, outcome)
        # The section's tab first, so that the item is shown with its detail at once.
        self.query_one(TabbedContent).active = section
        if select is not None and outcome.kind == "question":
            self.section(section).show_new(select)
        else:
            self.refresh_section(section, select=select)
        box.focus()

    @staticmethod
    def _row_key(section: str, outcome) -> str | None:
        if outcome.item_id is None:
            return None
        if section == "questions":
            prefix = "r" if getattr(outcome, "kind", "") == "response" else "q"
            return f"{prefix}{outcome.item_id}"
        return str(outcome.item_id)

    def _close_quick_entry(self) -> bool:
        box = self.quick_line
        if not box.has_class("open"):
            return False
        if self._quick_timer is not None:
            self._quick_timer.stop()
            self._quick_timer = None
        self._write_quick_draft()
        box.remove_class("open")
        self.query_one("#quick-message").remove_class("open")
        active = self.query_one(TabbedContent).active
        self.section(active).focus_table()
        return True


def _replaced(line: str, typed: str, chosen: str) -> str:
    """The line with the organisation as typed replaced by the one chosen (any case)."""
    found = re.search(re.escape(typed), line, re.IGNORECASE)
    if found is None:
        return line
    return line[: found.start()] + chosen + line[found.end() :]
