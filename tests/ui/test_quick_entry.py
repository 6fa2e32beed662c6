"""Quick entry in the meeting screen: a line typed, the item filed where it belongs."""

from __future__ import annotations

import datetime as dt

import pytest
from textual.widgets import TabbedContent

from tests.ui.conftest import SIZE, paste_text, screen_text, type_text
from wardpanel import services
from wardpanel.app.common.confirm import ConfirmScreen
from wardpanel.app.meeting.quickline import QuickLine
from wardpanel.app.meeting.screen import MeetingScreen
from wardpanel.core.models import (
    Action,
    Attendance,
    Note,
    Organisation,
    Person,
    Question,
    Response,
)


def _meeting():
    panel = services.create_panel("Marsh Lane Ward Panel")
    return services.create_meeting(panel.id, "2026-09-17", venue="Community centre")


async def _open_quick_entry(pilot) -> QuickLine:
    """From home: open the first meeting and press ":"."""
    await pilot.pause()
    await pilot.press("enter", "colon")
    return pilot.app.screen.query_one("#quick-entry", QuickLine)


async def _enter(pilot, line: str, *, typed: bool = False) -> None:
    """A line put in the box (typed key by key if `typed`), then enter."""
    await (type_text if typed else paste_text)(pilot, line)
    await pilot.press("enter")
    await pilot.pause()


async def test_quick_entry_files_each_line_in_its_section(app_factory):
    app = app_factory()
    app.fixed_today = dt.date(2026, 9, 17)  # the meeting's day: "due 1/10/2026" is ahead
    meeting = _meeting()
    async with app.run_test(size=SIZE) as pilot:
        await pilot.pause()
        await pilot.press("enter")
        assert isinstance(app.screen, MeetingScreen)
        await pilot.press("colon")
        box = app.screen.query_one("#quick-entry", QuickLine)
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


async def test_a_line_not_understood_stays_to_be_corrected_or_is_kept_on_a_second_enter(
    app_factory,
):
    app = app_factory()
    meeting = _meeting()
    async with app.run_test(size=SIZE) as pilot:
        box = await _open_quick_entry(pilot)
        # Understood, but nothing to answer yet: kept in the notes, as before.
        await _enter(pilot, "r Metropolitan Police: an answer with no question yet")
        # Not understood: it stays in the line, its first word marked, nothing stored.
        await _enter(pilot, "zebra crossing outside the school please")
        assert box.value == "zebra crossing outside the school please"
        assert box.selected_text == "zebra"
        shown = str(app.screen.query_one("#quick-message").render())
        assert "Not filed" in shown and "'zebra' is not a quick-entry word" in shown
        unfiled = Note.select().where(
            Note.meeting == meeting, Note.heading == services.UNFILED_HEADING
        )
        assert [n.text for n in unfiled] == [
            "r Metropolitan Police: an answer with no question yet"
        ]
        # Enter again on the same line: the chair means it, so it is kept word for word.
        await pilot.press("enter")
        await pilot.pause()
        assert box.value == ""
        kept = [n.text for n in Note.select().where(Note.meeting == meeting)]
        assert kept == [
            "r Metropolitan Police: an answer with no question yet\n\n"
            "zebra crossing outside the school please"
        ]
        assert Response.select().count() == 0
        assert app.screen.query_one(TabbedContent).active == "notes"
        await pilot.press("escape")
        assert not box.has_class("open")


async def test_a_name_that_fits_two_people_stays_in_the_box_to_be_put_right(app_factory):
    app = app_factory()
    meeting = _meeting()
    met = Organisation.create(name="Metropolitan Police", kind="police")
    reid = Person.create(name="Tom Reid", role="Sergeant", organisation=met)
    reilly = Person.create(name="Tom Reilly")
    for person in (reid, reilly):
        Attendance.create(meeting=meeting, person=person, status="present")
    async with app.run_test(size=SIZE) as pilot:
        box = await _open_quick_entry(pilot)
        await _enter(pilot, "a Tom: walk the estate with residents")
        # Nothing stored, not even as unfiled text; the name marked, both people named.
        assert box.value == "a Tom: walk the estate with residents"
        assert box.selected_text == "Tom"
        shown = str(app.screen.query_one("#quick-message").render())
        assert "Not filed: 'Tom' could be Tom Reid (Metropolitan Police) or Tom Reilly" in shown
        assert Action.select().count() == 0 and Note.select().count() == 0
        await type_text(pilot, "Tom Reilly")  # typed over the mark
        await pilot.press("enter")
        await pilot.pause()
        action = Action.get()
        assert (action.owner_id, action.text) == (reilly.id, "walk the estate with residents")
        assert box.value == ""


async def test_a_refused_line_is_corrected_in_place(app_factory):
    app = app_factory()
    app.fixed_today = dt.date(2026, 12, 2)
    meeting = _meeting()
    async with app.run_test(size=SIZE) as pilot:
        box = await _open_quick_entry(pilot)
        await _enter(pilot, "a Tom Reid (Metropolitan Police): report back due 31/2")
        assert box.selected_text == "31/2"  # the fault, marked
        await type_text(pilot, "28/2")  # typed over the mark
        await pilot.press("enter")
        await pilot.pause()
        action = Action.get(Action.meeting == meeting)
        assert (action.text, action.due) == ("report back", dt.date(2027, 2, 28))
        shown = str(app.screen.query_one("#quick-message").render())
        assert f"Action {action.ref} saved" in shown and action.ref == "ML-1"


@pytest.mark.long(seconds=6)
async def test_dates_without_a_year_roll_forward_and_a_past_due_date_asks(app_factory):
    app = app_factory()
    app.fixed_today = dt.date(2026, 12, 2)  # a Wednesday
    meeting = _meeting()
    async with app.run_test(size=SIZE) as pilot:
        box = await _open_quick_entry(pilot)
        await type_text(pilot, "a Lena Marsh: check the lights due 1/10")
        await pilot.pause()
        shown = str(app.screen.query_one("#quick-message").render())
        assert "due Fri 1 Oct 2027" in shown  # read as typed, next October
        await pilot.press("enter")
        await pilot.pause()
        await _enter(pilot, "a Lena Marsh: write to the council by next fri")
        dues = [a.due for a in Action.select().where(Action.meeting == meeting).order_by(Action.id)]
        assert dues == [dt.date(2027, 10, 1), dt.date(2026, 12, 11)]

        # A date in the past, with its year: asked first; "n" leaves it to correct.
        await _enter(pilot, "a Lena Marsh: report on the lights due 1/10/2026")
        assert isinstance(app.screen, ConfirmScreen)
        await pilot.press("n")
        await pilot.pause()
        assert box.value == "a Lena Marsh: report on the lights due 1/10/2026"
        assert Action.select().where(Action.meeting == meeting).count() == 2
        # Asked again, and filed as typed when the chair says so.
        await pilot.press("enter")
        await pilot.pause()
        await pilot.press("y")
        await pilot.pause()
        assert Action.select().where(Action.due == dt.date(2026, 10, 1)).count() == 1


async def test_history_paragraphs_and_more_of_the_last_response(app_factory):
    app = app_factory()
    _meeting()
    async with app.run_test(size=(80, 24)) as pilot:
        box = await _open_quick_entry(pilot)
        await _enter(pilot, "q Jo Bright [Lights]: When will the lights be fixed?")
        await _enter(pilot, "r Waltham Forest Council: Ordered in May. // Fitted by June.")
        await _enter(pilot, "r+ The contractor will confirm the date.")
        response = Response.get()
        assert response.text == (
            "Ordered in May.\n\nFitted by June.\n\nThe contractor will confirm the date."
        )
        # Up walks back through the lines entered, down comes forward again.
        await type_text(pilot, "n half")
        await pilot.press("up")
        assert box.value == "r+ The contractor will confirm the date."
        await pilot.press("up", "up")
        assert box.value == "q Jo Bright [Lights]: When will the lights be fixed?"
        await pilot.press("down", "down", "down")
        assert box.value == "n half"  # what was being typed comes back
        # A long line wraps over several rows instead of scrolling out of sight.
        box.value = "n Police update: " + "burglaries are down across the ward " * 6
        await pilot.pause()
        assert box.size.height >= 3


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


async def test_rows_added_one_by_one_are_drawn_in_order_and_aligned(app_factory):
    """The meeting's tables keep the drawing of earlier rows when one is appended
    (app/common/table.py): each new row must still show, in its place, and a row that
    widens a column must move the cells of every row."""
    app = app_factory()
    _meeting()
    async with app.run_test(size=(100, 30)) as pilot:
        box = await _open_quick_entry(pilot)
        assert box.has_focus
        for topic in ("Lights", "Bins", "Parking on the verge by the school gates"):
            await _enter(pilot, f"q Jo Bright [{topic}]: What is being done?")
        table = app.screen.section("questions").table
        await pilot.pause()
        drawn = [table.render_line(y).text for y in range(1, 4)]
        assert [line.split()[0] for line in drawn] == ["1", "2", "3"]
        assert "Lights" in drawn[0] and "Bins" in drawn[1] and "Parking" in drawn[2]
        # Every row's asker starts in the same column, after the widest topic.
        starts = {line.index("Jo Bright") for line in drawn}
        assert len(starts) == 1


async def test_the_detail_pane_shows_each_saved_question_and_follows_the_cursor(app_factory):
    app = app_factory()
    _meeting()
    async with app.run_test(size=SIZE) as pilot:
        await _open_quick_entry(pilot)
        section = app.screen.query_one("#section-questions")

        def shown() -> str:  # the pane is built when the tab first comes to the front
            return str(section.query_one(".detail-text").render())

        await _enter(pilot, "q Jo Bright: Why are the lights still out on Acre Lane?")
        assert "Acre Lane" in shown()
        await _enter(pilot, "q Ada Okafor: When is the next street surgery?")
        assert "street surgery" in shown() and "Acre Lane" not in shown()
        section.table.focus()
        await pilot.press("up")
        await pilot.pause()
        assert "Acre Lane" in shown() and "street surgery" not in shown()
        await pilot.press("down")
        await pilot.pause()
        assert "street surgery" in shown() and "Acre Lane" not in shown()
