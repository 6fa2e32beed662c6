"""Quick entry in the meeting screen: a line typed, the item filed where it belongs."""

from __future__ import annotations

from textual.widgets import Input, TabbedContent

from tests.ui.conftest import SIZE, paste_text, screen_text, type_text
from wardpanel import services
from wardpanel.app.meeting.screen import MeetingScreen
from wardpanel.core.models import Action, Attendance, Note, Question, Response


def _meeting():
    panel = services.create_panel("Marsh Lane Ward Panel")
    return services.create_meeting(panel.id, "2026-09-17", venue="Community centre")


async def _enter(pilot, line: str, *, typed: bool = False) -> None:
    """A line put in the box (typed key by key if `typed`), then enter."""
    await (type_text if typed else paste_text)(pilot, line)
    await pilot.press("enter")
    await pilot.pause()


async def test_quick_entry_files_each_line_in_its_section(app_factory):
    app = app_factory()
    meeting = _meeting()
    async with app.run_test(size=SIZE) as pilot:
        await pilot.pause()
        await pilot.press("enter")
        assert isinstance(app.screen, MeetingScreen)
        await pilot.press("colon")
        box = app.screen.query_one("#quick-entry", Input)
        assert box.has_focus

        await _enter(pilot, "present: Ada Okafor, Tom Reid (Sergeant, Metropolitan Police)")
        await _enter(
            pilot, "absent: Ray Osei (Inspector, Metropolitan Police) - at a police briefing"
        )
        await _enter(pilot, "q Jo Bright [Phone thefts]: What is being done at the station?")
        await _enter(pilot, "r Tom Reid (Metropolitan Police): Extra patrols at peak times.")
        await _enter(
            pilot, "a Tom Reid (Metropolitan Police): report back on patrols due 1/10/2026"
        )
        # One line typed as a chair types it, each key reaching the box and not the
        # meeting screen's own keys (q, a, r, ...).
        await _enter(pilot, "q anon: Who deals with the stairwell?", typed=True)

        entries = {
            a.person.name: (a.status, a.reason)
            for a in Attendance.select().where(Attendance.meeting == meeting)
        }
        assert entries == {
            "Ada Okafor": ("present", ""),
            "Tom Reid": ("present", ""),
            "Ray Osei": ("absent", "at a police briefing"),
        }
        first, second = Question.select().order_by(Question.id)
        assert (first.asker.name, first.topic) == ("Jo Bright", "Phone thefts")
        assert second.anonymous
        response = Response.get()
        assert (response.question_id, response.organisation.name) == (
            first.id,
            "Metropolitan Police",
        )
        action = Action.get()
        assert (action.owner.name, str(action.due)) == ("Tom Reid", "2026-10-01")
        assert app.screen.query_one(TabbedContent).active == "questions"
        assert "Who deals with the stairwell?" in screen_text(app)
        assert box.value == "" and box.has_focus  # ready for the next line


async def test_a_line_not_understood_is_kept_and_explained(app_factory):
    app = app_factory()
    meeting = _meeting()
    async with app.run_test(size=SIZE) as pilot:
        await pilot.pause()
        await pilot.press("enter", "colon")
        await _enter(pilot, "r Metropolitan Police: an answer with no question yet")
        await _enter(pilot, "zebra crossing outside the school please")
        notes = Note.select().where(Note.meeting == meeting)
        kept = [n.text for n in notes if n.heading == services.UNFILED_HEADING]
        assert kept == [
            "r Metropolitan Police: an answer with no question yet\n\n"
            "zebra crossing outside the school please"
        ]
        shown = str(app.screen.query_one("#quick-message").render())
        assert "kept" in shown.lower()
        assert Response.select().count() == 0
        assert app.screen.query_one(TabbedContent).active == "notes"
        await pilot.press("escape")
        assert not app.screen.query_one("#quick-entry", Input).has_class("open")


async def test_a_response_to_an_earlier_question_is_shown_under_it(app_factory):
    app = app_factory()
    _meeting()
    async with app.run_test(size=SIZE) as pilot:
        await pilot.pause()
        await pilot.press("enter", "colon")
        await _enter(pilot, "q Jo Bright: First question?")
        await _enter(pilot, "q Sam Lee: Second question?")
        await _enter(pilot, "r1 Fernbridge Council: An answer to the first.")
        await _enter(pilot, "r Metropolitan Police: An answer to the second.")
        table = app.screen.query_one("#section-questions DataTable")
        first, second = Question.select().order_by(Question.id)
        by_question = {r.text: r.question_id for r in Response.select()}
        assert by_question == {
            "An answer to the first.": first.id,
            "An answer to the second.": second.id,
        }
        keys = [key.value for key in table.rows]
        responses = {r.question_id: f"r{r.id}" for r in Response.select()}
        assert keys == [f"q{first.id}", responses[first.id], f"q{second.id}", responses[second.id]]
        assert "2 questions · 2 responses" in screen_text(app)
