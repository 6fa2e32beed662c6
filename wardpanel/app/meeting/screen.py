"""One meeting, live: attendance, questions, actions, notes, priorities, matters arising."""

from __future__ import annotations

import logging
import re

import peewee
from rich.text import Text
from textual import on
from textual.app import ComposeResult
from textual.binding import Binding
from textual.screen import Screen
from textual.timer import Timer
from textual.widgets import Header, Input, Static, TabbedContent, TabPane

from wardpanel import queries, services
from wardpanel.app.common.keybar import KeyBar
from wardpanel.app.meeting.actions import ActionsSection
from wardpanel.app.meeting.attendance import AttendanceSection
from wardpanel.app.meeting.matters import MattersSection
from wardpanel.app.meeting.notes import NotesSection
from wardpanel.app.meeting.priorities import PrioritiesSection
from wardpanel.app.meeting.questions import QuestionsSection
from wardpanel.app.meeting.section import Section
from wardpanel.core.dates import format_date
from wardpanel.core.storage.database import friendly_error
from wardpanel.core.storage.postgres import ConnectionLost

log = logging.getLogger("wardpanel.meeting")

SECTIONS = (
    ("attendance", AttendanceSection),
    ("questions", QuestionsSection),
    ("actions", ActionsSection),
    ("notes", NotesSection),
    ("priorities", PrioritiesSection),
    ("matters", MattersSection),
)
_DRAFT_KEY = re.compile(r"^meeting\d+:(?P<section>\w+):(?P<verb>[a-z_]+)(?P<item>\d+)?$")


class MeetingScreen(Screen[None]):
    """The chair's screen for the whole meeting."""

    CSS_PATH = "meeting.tcss"

    BINDINGS = [
        Binding("colon", "quick_entry", "Quick entry", key_display=":"),
        Binding("m", "details", "Meeting details"),
        Binding("w", "export", "Export to Word"),
        Binding("escape", "back", "Back"),
        *(
            Binding(str(number), f"show_section('{name}')", cls.title, show=False)
            for number, (name, cls) in enumerate(SECTIONS, start=1)
        ),
    ]

    def __init__(self, meeting_id: int, reopen_draft: str | None = None) -> None:
        super().__init__()
        self.meeting_id = meeting_id
        self.meeting = queries.meeting_with_panel(meeting_id)
        self.reopen_draft = reopen_draft
        self._quick_timer: Timer | None = None
        self._quick_draft_kept = False

    @property
    def KEYS_HELP(self) -> str:
        from wardpanel.quickentry import GRAMMAR_HELP

        return (
            "\n[b]1[/]–[b]6[/]  Attendance, Questions, Actions, Notes, Priorities, "
            "Matters arising\n\n[b]Quick entry[/] (press [b]:[/])\n" + Text(GRAMMAR_HELP).markup
        )

    def compose(self) -> ComposeResult:
        yield Header()
        yield Static(self._title_text(), id="meeting-title")
        with TabbedContent(id="sections"):
            for number, (name, cls) in enumerate(SECTIONS, start=1):
                with TabPane(f"{number} {cls.title}", id=name):
                    yield cls(self.meeting, id=f"section-{name}")
        yield Static("", id="quick-message")
        yield Input(
            id="quick-entry",
            placeholder="q Name [Topic]: question · r Org: answer · a Name (Org): … due fri",
        )
        yield KeyBar()

    def _title_text(self) -> Text:
        m = self.meeting
        text = Text()
        text.append(m.panel.name, "bold")
        text.append(f"  ·  {m.title}  ·  {format_date(m.date)}")
        for part in (m.start, m.venue):
            if part:
                text.append(f"  ·  {part}")
        if m.chair:
            text.append(f"  ·  Chair: {m.chair}")
        text.append("   ")
        if m.status == "approved":
            text.append(" APPROVED ", "bold black on green")
        else:
            text.append(" DRAFT ", "bold black on yellow")
        return text

    def on_mount(self) -> None:
        self.title = self.meeting.panel.name
        self.sub_title = f"{self.meeting.title}, {self.meeting.date}"
        self.update_tab_labels()
        self.section("attendance").focus_table()
        if self.reopen_draft:
            self.call_after_refresh(self._reopen, self.reopen_draft)
        restored = services.load_draft(self._quick_key)
        if restored and restored.get("line"):
            self._quick_draft_kept = True
            self.query_one("#quick-entry", Input).value = restored["line"]
            self.action_quick_entry()

    # -- sections ------------------------------------------------------------------

    def section(self, name: str) -> Section:
        return self.query_one(f"#section-{name}", Section)

    def action_show_section(self, name: str) -> None:
        self.query_one(TabbedContent).active = name
        self.section(name).focus_table()

    @on(TabbedContent.TabActivated)
    def _tab_activated(self, event: TabbedContent.TabActivated) -> None:
        # While the chair is typing quick-entry lines, the line keeps the keyboard.
        if not self.query_one("#quick-entry", Input).has_class("open"):
            self.section(event.pane.id).focus_table()

    @on(Section.Changed)
    def update_tab_labels(self) -> None:
        tabs = self.query_one(TabbedContent)
        for number, (name, _) in enumerate(SECTIONS, start=1):
            try:
                section = self.section(name)
            except Exception:
                continue
            tabs.get_tab(name).label = f"{number} {section.count_label()}"

    def refresh_section(self, name: str, select: str | None = None) -> None:
        self.section(name).reload(select=select)

    def _reopen(self, key: str) -> None:
        match = _DRAFT_KEY.match(key)
        if match and match["section"] in dict(SECTIONS):
            self.action_show_section(match["section"])
            item = int(match["item"]) if match["item"] else None
            self.section(match["section"]).open_form(match["verb"], item)
        else:
            self.notify("Open the same form again to get your text back.", markup=False)

    # -- quick entry -----------------------------------------------------------------

    @property
    def _quick_key(self) -> str:
        return f"meeting{self.meeting_id}:quick"

    def action_quick_entry(self) -> None:
        box = self.query_one("#quick-entry", Input)
        box.add_class("open")
        self.query_one("#quick-message").add_class("open")
        box.focus()

    @on(Input.Changed, "#quick-entry")
    def _quick_changed(self, event: Input.Changed) -> None:
        if self._quick_timer is not None:
            self._quick_timer.stop()
        self._quick_timer = self.set_timer(0.5, self._keep_quick_draft)

    def keep_typed_text(self) -> bool:
        """Keep the quick-entry line as a draft now: the app calls this when an unexpected
        error strikes. False if it could not be kept."""
        if self._quick_timer is not None:
            self._quick_timer.stop()
        self._keep_quick_draft()
        return self._quick_draft_kept or not self.query_one("#quick-entry", Input).value.strip()

    def _keep_quick_draft(self) -> None:
        value = self.query_one("#quick-entry", Input).value
        try:
            if value.strip():
                services.save_draft(
                    self._quick_key, {"line": value}, "Quick entry", self.meeting_id
                )
                self._quick_draft_kept = True
            elif self._quick_draft_kept:
                services.discard_draft(self._quick_key)
                self._quick_draft_kept = False
        except peewee.DatabaseError as error:
            self._quick_message(Text(f"Draft not kept: {friendly_error(error)}", "bold red"))

    def _quick_message(self, text: Text) -> None:
        self.query_one("#quick-message", Static).update(text)

    @on(Input.Submitted, "#quick-entry")
    def _quick_submitted(self, event: Input.Submitted) -> None:
        from wardpanel import quickentry

        line = event.value
        if not line.strip():
            return
        if self._quick_timer is not None:
            self._quick_timer.stop()
        try:
            outcome = quickentry.apply(self.meeting_id, line)
        except peewee.DatabaseError as error:
            log.warning("quick entry not saved: %s", type(error).__name__)
            self._keep_quick_draft()
            # A server lost during COMMIT cannot tell if it saved; its message says so.
            unsure = isinstance(error, ConnectionLost) and error.saved is None
            verdict = "" if unsure else "Not saved: "
            self._quick_message(
                Text(f"{verdict}{friendly_error(error)} The line is kept.", "bold red")
            )
            return
        box = self.query_one("#quick-entry", Input)
        if not outcome.saved:
            self._quick_message(Text(outcome.message, "bold red"))
            return
        box.value = ""
        if self._quick_draft_kept:
            services.discard_draft(self._quick_key)
            self._quick_draft_kept = False
        style = "green" if outcome.understood else "bold yellow"
        self._quick_message(Text(outcome.message, style))
        section = outcome.section or "notes"
        select = self._row_key(section, outcome)
        if select is not None and outcome.kind in ("question", "response"):
            self.section(section).show_new(select)
        else:
            self.refresh_section(section, select=select)
        self.query_one(TabbedContent).active = section
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
        box = self.query_one("#quick-entry", Input)
        if not box.has_class("open"):
            return False
        self._keep_quick_draft()
        box.remove_class("open")
        self.query_one("#quick-message").remove_class("open")
        active = self.query_one(TabbedContent).active
        self.section(active).focus_table()
        return True

    # -- commands --------------------------------------------------------------------

    def action_back(self) -> None:
        if not self._close_quick_entry():
            self.app.pop_screen()

    def action_details(self) -> None:
        from wardpanel.app.home.panels import meeting_details_form

        def saved(meeting) -> None:
            if meeting is not None:
                self.meeting = queries.meeting_with_panel(self.meeting_id)
                for name, _ in SECTIONS:
                    self.section(name).meeting = self.meeting
                    self.section(name).reload()
                self.query_one("#meeting-title", Static).update(self._title_text())
                self.notify("Meeting details saved", markup=False)

        self.app.push_screen(meeting_details_form(self.meeting), saved)

    def action_export(self) -> None:
        from wardpanel.app.meeting.export import ExportScreen

        self.app.push_screen(ExportScreen(self.meeting))
