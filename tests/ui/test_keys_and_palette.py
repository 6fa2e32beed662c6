"""Every command has a key, `?` lists them, and the palette reaches each by name."""

from __future__ import annotations

from textual.command import CommandList, CommandPalette
from textual.widgets import TabbedContent

from tests.ui.conftest import SIZE, paste_text, screen_text
from wardpanel import services
from wardpanel.app.common.form import FormScreen
from wardpanel.app.common.keys import KeysScreen
from wardpanel.app.meeting.quickline import QuickLine
from wardpanel.app.meeting.screen import MeetingScreen


def _meeting():
    panel = services.create_panel("Marsh Lane Ward Panel")
    return services.create_meeting(panel.id, "2026-09-17")


async def _palette(pilot, app, words: str) -> None:
    await pilot.press("ctrl+p")
    assert isinstance(app.screen, CommandPalette)
    await paste_text(pilot, words)
    palette = app.screen
    for _ in range(200):  # the palette searches in the background: wait for its results
        await pilot.pause(0.01)
        searching = any(worker.node is palette and not worker.is_finished for worker in app.workers)
        if palette.query_one(CommandList).option_count and not searching:
            break
    await pilot.press("enter")
    await pilot.pause()
    await pilot.pause()


async def test_the_palette_opens_quick_entry_and_adds_a_question(app_factory):
    app = app_factory()
    _meeting()
    async with app.run_test(size=SIZE) as pilot:
        await pilot.pause()
        await pilot.press("enter")
        assert isinstance(app.screen, MeetingScreen)
        await _palette(pilot, app, "Quick entry")
        assert app.screen.query_one("#quick-entry", QuickLine).has_focus
        await pilot.press("escape")
        await pilot.press("2")
        await _palette(pilot, app, "Add question")
        assert isinstance(app.screen, FormScreen)
        assert app.screen.form_title == "New question"


async def test_keys_screen_lists_the_section_keys_and_the_grammar(app_factory):
    app = app_factory()
    _meeting()
    async with app.run_test(size=SIZE) as pilot:
        await pilot.pause()
        await pilot.press("enter", "1", "question_mark")
        assert isinstance(app.screen, KeysScreen)
        shown = screen_text(app)
        for description in ("Present", "Apologies", "Absent", "Quick entry", "Export to Word"):
            assert description in shown
        assert "absent:" in shown  # the quick-entry grammar
        await pilot.press("escape")
        assert isinstance(app.screen, MeetingScreen)
        assert app.screen.query_one(TabbedContent).active == "attendance"


async def test_keys_screen_shows_bracket_keys_as_keys(app_factory):
    """The Actions view's page keys are `[` and `]`: shown as typed, not read as markup."""
    app = app_factory()
    _meeting()
    async with app.run_test(size=SIZE) as pilot:
        await pilot.pause()
        await pilot.press("ctrl+o")
        await pilot.pause()
        await pilot.press("question_mark")
        assert isinstance(app.screen, KeysScreen)
        lines = screen_text(app).splitlines()
        assert any(line.strip() == "[  Previous page" for line in lines)
        assert any(line.strip() == "]  Next page" for line in lines)
