"""One meeting, live: attendance, questions, actions, notes, priorities, matters arising,
figures, recommendations."""

from __future__ import annotations

import datetime as dt
import logging
import re

import peewee
from rich.text import Text
from textual import on
from textual.app import ComposeResult
from textual.binding import Binding
from textual.screen import Screen
from textual.timer import Timer
from textual.widgets import Header, Static, TabbedContent, TabPane

from wardpanel import queries, services
from wardpanel.app.common.draftkeeper import DRAFT_INTERVAL, keeper
from wardpanel.app.common.keybar import KeyBar
from wardpanel.app.meeting.actions import ActionsSection
from wardpanel.app.meeting.attendance import AttendanceSection
from wardpanel.app.meeting.figures import FiguresSection
from wardpanel.app.meeting.matters import MattersSection
from wardpanel.app.meeting.notes import NotesSection
from wardpanel.app.meeting.priorities import PrioritiesSection
from wardpanel.app.meeting.questions import QuestionsSection
from wardpanel.app.meeting.quickline import QuickLine
from wardpanel.app.meeting.recommendations import RecommendationsSection
from wardpanel.app.meeting.section import LOCKED, Section, approved_now
from wardpanel.app.meeting.strip import meeting_strip
from wardpanel.core.dates import format_date
from wardpanel.core.models import UNFILED_HEADING
from wardpanel.core.storage.database import friendly_error
from wardpanel.core.storage.postgres import ConnectionLost
from wardpanel.core.words import day_date

log = logging.getLogger("wardpanel.meeting")
APPROVED = "Minutes approved: they are locked until reopened."
REOPENED = "Minutes reopened: a draft again, the reason recorded."

SECTIONS = (
    ("attendance", AttendanceSection),
    ("questions", QuestionsSection),
    ("actions", ActionsSection),
    ("notes", NotesSection),
    ("priorities", PrioritiesSection),
    ("matters", MattersSection),
    ("figures", FiguresSection),
    ("recommendations", RecommendationsSection),
)
# Below this many columns the tabs go by their short names, so all the tabs fit.
NARROW = 126
# Below this many, one space between them.
TIGHT = 100
_DRAFT_KEY = re.compile(r"^meeting\d+:(?P<section>\w+):(?P<verb>[a-z_]+)(?P<item>\d+)?$")


class MeetingScreen(Screen[None]):
    """The chair's screen for the whole meeting."""

    CSS_PATH = "meeting.tcss"
    # Kept in the key bar however narrow the window: every key, quick entry, export.
    keybar_first = ("?", ":", "w", "m")

    BINDINGS = [
        Binding("colon", "quick_entry", "Quick entry", key_display=":", priority=True),
        Binding("m", "details", "Meeting details"),
        Binding("w", "export", "Export to Word"),
        Binding("escape", "back", "Back"),
        # After Back: in a narrow window these give way first.
        Binding("A", "approve", "Approve minutes", key_display="A"),
        Binding("R", "reopen", "Reopen minutes", key_display="R"),
        *(
            Binding(str(number), f"show_section('{name}')", cls.title, show=False)
            for number, (name, cls) in enumerate(SECTIONS, start=1)
        ),
    ]

    def __init__(
        self, meeting_id: int, reopen_draft: str | None = None, section: str | None = None
    ) -> None:
        super().__init__()
        self.meeting_id = meeting_id
        self.first_section = section  # the tab to open on, when not the attendance
        self.meeting = queries.meeting_with_panel(meeting_id)
        self.reopen_draft = reopen_draft
        self._quick_timer: Timer | None = None
        self._quick_draft_kept = False
        self._refused = ""  # a line refused once: Enter again keeps it as unfiled text
        self._save_refused = False  # the last line was not saved: its message stays
        # New organisations the chair agreed to create for the line being filed.
        self._agreed_new: set[str] = set()
        self._strip_drawn: tuple[object, ...] = ()

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
        yield Static("", id="meeting-strip")
        with TabbedContent(id="sections", initial=self.first_section or ""):
            for number, (name, cls) in enumerate(SECTIONS, start=1):
                with TabPane(f"{number} {cls.title}", id=name):
                    yield cls(self.meeting, id=f"section-{name}")
        yield Static("", id="quick-message")
        yield QuickLine(
            id="quick-entry",
            placeholder="e.g. q Name [Topic]: question · r Org: answer · a Name (Org): … due fri",
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
            text.append(" APPROVED · LOCKED ", "bold black on green")
            said = " ".join(
                part
                for part in (
                    f"by {m.approved_by}" if m.approved_by else "",
                    f"on {format_date(m.approved_on)}" if m.approved_on else "",
                )
                if part
            )
            if said:
                text.append(f" {said}")
        else:
            text.append(" DRAFT ", "bold black on yellow")
        return text

    def on_mount(self) -> None:
        self.title = self.meeting.panel.name
        self.sub_title = f"{self.meeting.title}, {self.meeting.date}"
        self.update_tab_labels()
        self.section(self.first_section or "attendance").focus_table()
        if self.reopen_draft:
            self.call_after_refresh(self._reopen, self.reopen_draft)
        restored = services.load_draft(self._quick_key)
        if restored and restored.get("line"):
            self._quick_draft_kept = True
            self.quick_line.value = restored["line"]
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
        if not self.quick_line.has_class("open"):
            self.section(event.pane.id).focus_table()

    @on(Section.Changed)
    def update_tab_labels(self) -> None:
        tabs = self.query_one(TabbedContent)
        width = self.size.width or self.app.size.width
        short = width < NARROW
        tabs.set_class(width < TIGHT, "-tight")
        for number, (name, _) in enumerate(SECTIONS, start=1):
            try:
                section = self.section(name)
            except Exception:
                continue
            label = f"{number} {section.count_label(short)}"
            tab = tabs.get_tab(name)
            if tab.label_text != label:  # an unchanged label costs no new layout
                tab.label = label
        self._show_strip()

    def _show_strip(self) -> None:
        """One line, the same on every tab: who is here and who is not, and what is
        still to do (questions without an answer, actions without an owner)."""
        try:
            attendance = self.section("attendance")
            questions = self.section("questions")
            actions = self.section("actions")
        except Exception:
            return
        strip = meeting_strip(attendance, questions, actions)
        drawn = (strip.plain, *strip.spans)
        if drawn != self._strip_drawn:  # an unchanged strip costs no new layout
            self._strip_drawn = drawn
            self.query_one("#meeting-strip", Static).update(strip)

    def on_resize(self) -> None:
        self.update_tab_labels()

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

    @property
    def quick_line(self) -> QuickLine:
        return self.query_one("#quick-entry", QuickLine)

    def check_action(self, action: str, parameters: tuple[object, ...]) -> bool | None:
        # Approve while a draft, reopen once approved: the other is out of the key bar.
        if action == "approve":
            return self.meeting.status != "approved"
        if action == "reopen":
            return self.meeting.status == "approved"
        # ":" is read as it arrives (a priority key), so the words typed straight after it
        # land in the line; inside the line it is just a colon.
        return not (action == "quick_entry" and self.focused is self.quick_line)

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
            self._agreed_new = set()
            self._check_names(line)
            return
        self._file(line)

    def _check_names(self, line: str) -> None:
        """File the line, after asking about each organisation it would create that may
        be one already known under another name; a name that fits two people is refused
        in the box, with both, and nothing stored."""
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
            self._refuse(line, error.message, getattr(error, "fault", ""))
            return
        if not new:
            self._file(line)
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
                self._agreed_new = set()
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

    def _file(self, line: str) -> None:
        from wardpanel import quickentry

        self._refused = ""
        self._save_refused = False
        if self._quick_timer is not None:
            self._quick_timer.stop()
            self._quick_timer = None
        keeper.settle()
        try:
            outcome = quickentry.apply(self.meeting_id, line, self.today())
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
        if self._quick_draft_kept:
            services.discard_draft(self._quick_key)
            self._quick_draft_kept = False
        style = "green" if outcome.understood else "bold yellow"
        self._quick_message(Text(outcome.message, style))
        section = outcome.section or "notes"
        select = self._row_key(section, outcome)
        if select is not None and outcome.kind == "question":
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

    # -- commands --------------------------------------------------------------------

    def action_back(self) -> None:
        if not self._close_quick_entry():
            self.app.pop_screen()

    def _meeting_changed(self, message: str) -> None:
        """After the meeting itself changed (details, approval): read it again everywhere."""
        self.meeting = queries.meeting_with_panel(self.meeting_id)
        for name, _ in SECTIONS:
            self.section(name).meeting = self.meeting
            self.section(name).reload()
        self.query_one("#meeting-title", Static).update(self._title_text())
        self.refresh_bindings()
        self.notify(message, markup=False)

    def action_approve(self) -> None:
        from wardpanel.app.meeting.approval import ask_to_approve

        ask_to_approve(self, self.meeting, lambda: self._meeting_changed(APPROVED))

    def action_reopen(self) -> None:
        from wardpanel.app.meeting.approval import ask_to_reopen

        ask_to_reopen(self, self.meeting, lambda: self._meeting_changed(REOPENED))

    def action_details(self) -> None:
        from wardpanel.app.home.panels import meeting_details_form

        if approved_now(self.meeting_id):
            self.notify(LOCKED, severity="warning", markup=False)
            return

        def saved(meeting) -> None:
            if meeting is not None:
                self._meeting_changed("Meeting details saved")

        self.app.push_screen(meeting_details_form(self.meeting), saved)

    def open_finding(self, finding) -> None:
        """Open the item a finding of the check before publishing is about."""
        self.action_show_section(finding.section)
        self.section(finding.section).open_form("edit", finding.item_id)

    def action_export(self) -> None:
        from wardpanel.app.meeting.export import ExportScreen

        self.app.push_screen(ExportScreen(self.meeting))


def _replaced(line: str, typed: str, chosen: str) -> str:
    """The line with the organisation as typed replaced by the one chosen (any case)."""
    found = re.search(re.escape(typed), line, re.IGNORECASE)
    if found is None:
        return line
    return line[: found.start()] + chosen + line[found.end() :]
