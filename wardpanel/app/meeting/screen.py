"""One meeting, live: attendance, questions, actions, notes, priorities, matters arising,
figures, recommendations."""

from __future__ import annotations

import logging
import re

from rich.text import Text
from textual import on
from textual.app import ComposeResult
from textual.binding import Binding
from textual.widgets import Header, Static, TabbedContent, TabPane, Tabs

from wardpanel import queries, services
from wardpanel.app.common.keybar import KeyBar
from wardpanel.app.meeting.actions import ActionsSection
from wardpanel.app.meeting.attendance import AttendanceSection
from wardpanel.app.meeting.figures import FiguresSection
from wardpanel.app.meeting.matters import MattersSection
from wardpanel.app.meeting.notes import NotesSection
from wardpanel.app.meeting.priorities import PrioritiesSection
from wardpanel.app.meeting.questions import QuestionsSection
from wardpanel.app.meeting.quickfiling import QuickEntryScreen
from wardpanel.app.meeting.quickline import QuickLine
from wardpanel.app.meeting.recommendations import RecommendationsSection
from wardpanel.app.meeting.section import LOCKED, Section, approved_now
from wardpanel.app.meeting.strip import meeting_strip
from wardpanel.core.dates import format_date
from wardpanel.core.words import previous_minutes_short

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


class MeetingScreen(QuickEntryScreen):
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
        Binding("T", "minutes_record", "Trail of the minutes", key_display="T"),
        Binding("P", "previous_minutes", "Previous minutes agreed", key_display="P"),
        *(
            Binding(str(number), f"show_section('{name}')", cls.title, show=False)
            for number, (name, cls) in enumerate(SECTIONS, start=1)
        ),
    ]

    def __init__(
        self, meeting_id: int, reopen_draft: str | None = None, section: str | None = None
    ) -> None:
        super().__init__(meeting_id)
        # The tab to open on, when not the attendance: a reopened draft's own, so the
        # keyboard goes straight there rather than by way of the attendance.
        self.first_section = section or _draft_section(reopen_draft)
        self.meeting = queries.meeting_with_panel(meeting_id)
        self.reopen_draft = reopen_draft
        self._strip_drawn: tuple[object, ...] = ()
        self._title_was_wide = True
        self._title_width = 0  # the window's width when the title was last fitted

    @property
    def KEYS_HELP(self) -> str:
        from wardpanel.quickentry import GRAMMAR_HELP

        return (
            "\n[b]1[/]–[b]8[/]  Attendance, Questions, Actions, Notes, Priorities, "
            "Matters arising, Figures, Recommendations\n\n[b]Quick entry[/] (press [b]:[/])\n"
            + Text(GRAMMAR_HELP).markup
        )

    def compose(self) -> ComposeResult:
        yield Header()
        yield Static(self._title_text(), id="meeting-title")
        yield Static("", id="meeting-strip")
        front = self.first_section or SECTIONS[0][0]
        with TabbedContent(id="sections", initial=front):
            for number, (name, cls) in enumerate(SECTIONS, start=1):
                with TabPane(f"{number} {cls.title}", id=name):
                    yield cls(self.meeting, id=f"section-{name}", in_front=name == front)
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
        previous = previous_minutes_short(m.previous_agreed, m.previous_amendments)
        # Narrower, it would take a row from the tabs for the whole meeting: T shows it.
        if previous and self._wide_title():
            text.append(f"  ·  {previous}", "" if m.previous_agreed else "yellow")
        return text

    def on_mount(self) -> None:
        self.title = self.meeting.panel.name
        self.sub_title = f"{self.meeting.title}, {self.meeting.date}"
        self._title_width = self.size.width or self.app.size.width  # composed at this width
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
        """A tab chosen on the tab strip (a click, or the arrows there) hands the
        keyboard to its table. Every other change of tab comes with the keyboard already
        where it belongs: keys 1 to 8 and a filed quick-entry line focus the table
        themselves, a table focused inside its pane brings its tab to the front, and the
        quick-entry line keeps the keyboard while the chair types. Moving it again here
        let two changes chase each other: reopening a draft flipped the screen behind
        the form between two tabs, sometimes for seconds."""
        section = self.section(event.pane.id)
        section.build()  # before the tab is drawn
        if isinstance(self.focused, Tabs):
            section.focus_table()

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

    def _wide_title(self) -> bool:
        return (self.size.width or self.app.size.width) >= TIGHT

    def on_resize(self) -> None:
        self.update_tab_labels()
        self._fit_title()

    def on_screen_resume(self) -> None:
        # A resize under a dialog is laid out only now: the title's rows with it.
        self._fit_title(force=True)

    def _fit_title(self, *, force: bool = False) -> None:
        """The title again when the window crossed the width that shows the previous
        minutes in it."""
        width = self.size.width or self.app.size.width
        crossed = self._wide_title() != self._title_was_wide
        # On resuming (after every save in a form) only a window resized meanwhile needs
        # the title laid out again: a layout of the whole screen delays the saved row.
        if crossed or (force and width != self._title_width):
            self._title_was_wide = self._wide_title()
            self._title_width = width
            title = self.query_one("#meeting-title", Static)
            title.update(self._title_text())
            title.refresh(layout=True)

    def refresh_section(self, name: str, select: str | None = None) -> None:
        self.section(name).reload(select=select)

    def _reopen(self, key: str) -> None:
        match = _DRAFT_KEY.match(key)
        if match and _draft_section(key):
            item = int(match["item"]) if match["item"] else None
            self.section(match["section"]).open_form(match["verb"], item)
        else:
            self.notify("Open the same form again to get your text back.", markup=False)

    def check_action(self, action: str, parameters: tuple[object, ...]) -> bool | None:
        # Approve while a draft, reopen once approved: the other is out of the key bar.
        if action == "approve":
            return self.meeting.status != "approved"
        if action == "reopen":
            return self.meeting.status == "approved"
        # ":" is read as it arrives (a priority key), so the words typed straight after it
        # land in the line; inside the line it is just a colon.
        return not (action == "quick_entry" and self.focused is self.quick_line)

    # -- commands --------------------------------------------------------------------

    def action_back(self) -> None:
        if not self._close_quick_entry():
            self.app.pop_screen()

    def _meeting_changed(self, message: str) -> None:
        """After the meeting itself changed (details, approval): read it again everywhere."""
        self.reread_meeting()
        self.notify(message, markup=False)

    def reread_meeting(self) -> None:
        """Read the meeting again, and show it again on every tab and above them."""
        self.meeting = queries.meeting_with_panel(self.meeting_id)
        for name, _ in SECTIONS:
            self.section(name).meeting = self.meeting
            self.section(name).reload()
        self.query_one("#meeting-title", Static).update(self._title_text())
        self.refresh_bindings()

    def action_approve(self) -> None:
        from wardpanel.app.meeting.approval import ask_to_approve

        ask_to_approve(self, self.meeting, lambda: self._meeting_changed(APPROVED))

    def action_reopen(self) -> None:
        from wardpanel.app.meeting.approval import ask_to_reopen

        ask_to_reopen(self, self.meeting, lambda: self._meeting_changed(REOPENED))

    def action_minutes_record(self) -> None:
        from wardpanel.app.meeting.trail import MinutesRecordScreen

        self.app.push_screen(MinutesRecordScreen(queries.meeting_with_panel(self.meeting_id)))

    def action_previous_minutes(self) -> None:
        from wardpanel.app.meeting.approval import ask_previous_minutes

        if approved_now(self.meeting_id):
            self.notify(LOCKED, severity="warning", markup=False)
            return
        ask_previous_minutes(
            self, self.meeting, lambda: self._meeting_changed("Previous minutes recorded")
        )

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


def _draft_section(key: str | None) -> str | None:
    """The tab whose form a draft's key names, or None."""
    match = _DRAFT_KEY.match(key or "")
    return match["section"] if match and match["section"] in dict(SECTIONS) else None
