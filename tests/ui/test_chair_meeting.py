"""A chair's meeting, driven by keyboard through the real app."""

from __future__ import annotations

import datetime as dt

from textual.widgets import DataTable, Input, TabbedContent, TextArea

from tests.ui.conftest import SIZE, paste_text, screen_text, type_text
from wardpanel import services
from wardpanel.app.common.confirm import ConfirmScreen
from wardpanel.app.common.form import FormScreen
from wardpanel.app.home.home import HomeScreen
from wardpanel.app.meeting.screen import MeetingScreen
from wardpanel.core.models import Action, Attendance, Meeting, Note, Question, Response


def _previous_meeting() -> Meeting:
    panel = services.create_panel("Marsh Lane Ward Panel", "Marsh Lane", "Waltham Forest")
    meeting = services.create_meeting(
        panel.id, "2026-06-11", start="19:00", venue="St Saviour's Hall", chair="Ada Okafor"
    )
    services.record_attendance(meeting.id, "Ada Okafor")
    services.record_attendance(meeting.id, "Tom Reid", "Sergeant", "Metropolitan Police")
    services.record_attendance(meeting.id, "Ray Osei", "Inspector", "Metropolitan Police")
    services.record_attendance(meeting.id, "Lena Marsh", "ASB Officer", "Waltham Forest Council")
    return meeting


async def _open_new_meeting(pilot, app) -> Meeting:
    """From home: n, a date, save; returns the meeting created."""
    await pilot.press("n")
    assert isinstance(app.screen, FormScreen)
    date_box = app.screen.query_one("#field-date", Input)
    date_box.value = ""
    await paste_text(pilot, "2026-09-10")
    await pilot.press("ctrl+s")
    await pilot.pause()
    assert isinstance(app.screen, MeetingScreen)
    return Meeting.get(Meeting.date == dt.date(2026, 9, 10))


async def test_new_meeting_is_prefilled_from_the_last_one(app_factory):
    app = app_factory()
    _previous_meeting()
    async with app.run_test(size=SIZE) as pilot:
        await pilot.pause()
        assert isinstance(app.screen, HomeScreen)
        await pilot.press("n")
        form = app.screen
        assert form.query_one("#field-venue", Input).value == "St Saviour's Hall"
        assert form.query_one("#field-chair", Input).value == "Ada Okafor"
        await pilot.press("escape")
        meeting = await _open_new_meeting(pilot, app)
        assert meeting.venue == "St Saviour's Hall"
        assert meeting.start == "19:00"
        roll = Attendance.select().where(Attendance.meeting == meeting)
        assert sorted(a.person.name for a in roll) == [
            "Ada Okafor",
            "Lena Marsh",
            "Ray Osei",
            "Tom Reid",
        ]
        assert {a.status for a in roll} == {services.EXPECTED}
        assert "4 not yet marked" in screen_text(app)


async def test_marking_attendance_and_an_absent_officer_with_reason(app_factory):
    app = app_factory()
    _previous_meeting()
    async with app.run_test(size=SIZE) as pilot:
        await pilot.pause()
        meeting = await _open_new_meeting(pilot, app)
        # The list is in last meeting's order: Ada, Tom, Ray, Lena.
        await pilot.press("p")  # Ada present, cursor moves on
        await pilot.press("p")  # Tom present
        await pilot.press("x")  # Ray absent: the reason is asked for
        assert isinstance(app.screen, FormScreen)
        await paste_text(pilot, "At a police briefing")
        await pilot.press("ctrl+s")
        await pilot.pause()
        await pilot.press("down", "s")  # Lena sent apologies
        await pilot.pause()
        status = {
            a.person.name: (a.status, a.reason)
            for a in Attendance.select().where(Attendance.meeting == meeting)
        }
        assert status == {
            "Ada Okafor": ("present", ""),
            "Tom Reid": ("present", ""),
            "Ray Osei": ("absent", "At a police briefing"),
            "Lena Marsh": ("apologies", ""),
        }
        shown = screen_text(app)
        assert "Absent: Ray Osei" in shown
        assert "At a police briefing" in shown
        assert "2 present" in shown


async def test_questions_responses_from_two_organisations_and_an_action(app_factory):
    app = app_factory()
    previous = _previous_meeting()
    async with app.run_test(size=SIZE) as pilot:
        await pilot.pause()
        await pilot.press("enter")
        assert isinstance(app.screen, MeetingScreen)
        await pilot.press("2", "a")
        # Asker, anonymous box, topic, question text.
        await paste_text(pilot, "Jo Bright")
        await pilot.press("tab", "space", "tab")
        await paste_text(pilot, "Phone thefts")
        await pilot.press("tab")
        await paste_text(pilot, "What is being done about phone snatching by the station?")
        await pilot.press("ctrl+s")
        await pilot.pause()
        question = Question.get(Question.meeting == previous)
        assert question.anonymous is True
        assert question.asker.name == "Jo Bright"  # kept for follow-up only
        assert question.topic == "Phone thefts"

        for org, who, text in (
            (
                "Metropolitan Police",
                "Tom Reid",
                "Patrols at peak times.\n\nA mobile police station.",
            ),
            ("Waltham Forest Council", "", "Our ASB officers run pop-up events.\n\nMore soon."),
        ):
            await pilot.press("r")
            await paste_text(pilot, org)
            await pilot.press("tab")
            await paste_text(pilot, who)
            await pilot.press("tab")
            await paste_text(pilot, text)
            await pilot.press("ctrl+s")
            await pilot.pause()

        responses = list(
            Response.select().where(Response.question == question).order_by(Response.id)
        )
        assert [r.organisation.name for r in responses] == [
            "Metropolitan Police",
            "Waltham Forest Council",
        ]
        assert responses[0].text == "Patrols at peak times.\n\nA mobile police station."
        assert responses[0].responder.name == "Tom Reid"
        detail = screen_text(app)
        assert "Waltham Forest Council" in detail and "Patrols at peak times." in detail
        assert (
            "Jo Bright"
            not in app.screen.query_one("#section-questions DataTable")
            .get_row(f"q{question.id}")[2]
            .plain
        )

        # An action raised from the question.
        await pilot.press("t")
        await paste_text(pilot, "Report back on the patrol plan")
        await pilot.press("tab")
        await paste_text(pilot, "Tom Reid")
        await pilot.press("tab", "tab")
        await paste_text(pilot, "1/10/2026")
        await pilot.press("ctrl+s")
        await pilot.pause()
        action = Action.get(Action.meeting == previous)
        assert action.question_id == question.id
        assert action.owner.name == "Tom Reid"
        assert action.organisation.name == "Metropolitan Police"
        assert action.due == dt.date(2026, 10, 1)
        await pilot.press("3")
        table = app.screen.query_one("#section-actions DataTable", DataTable)
        assert table.row_count == 1


async def test_a_note_in_several_paragraphs(app_factory):
    app = app_factory()
    previous = _previous_meeting()
    async with app.run_test(size=SIZE) as pilot:
        await pilot.pause()
        await pilot.press("enter", "4", "a")
        await paste_text(pilot, "Police update")
        await pilot.press("tab")
        # Typed key by key: enter in the text makes a paragraph, it does not save.
        await type_text(pilot, "Burglary down 12%.\n\n14 arrests in the ward.")
        await pilot.press("ctrl+s")
        await pilot.pause()
        note = Note.get(Note.meeting == previous)
        assert (note.heading, note.text) == (
            "Police update",
            "Burglary down 12%.\n\n14 arrests in the ward.",
        )
        assert "14 arrests in the ward." in screen_text(app)


async def test_a_refused_form_stays_open_and_stores_nothing(app_factory):
    app = app_factory()
    previous = _previous_meeting()
    async with app.run_test(size=SIZE) as pilot:
        await pilot.pause()
        await pilot.press("enter", "3", "a")
        await paste_text(pilot, "Check the lighting on Marsh Lane")
        await pilot.press("tab", "tab", "tab")
        await paste_text(pilot, "2026-02-30")
        await pilot.press("ctrl+s")
        await pilot.pause()
        assert isinstance(app.screen, FormScreen)
        assert "not a real date" in screen_text(app)
        assert app.screen.query_one("#field-text", TextArea).text == (
            "Check the lighting on Marsh Lane"
        )
        assert Action.select().where(Action.meeting == previous).count() == 0


async def test_deleting_asks_first(app_factory):
    app = app_factory()
    previous = _previous_meeting()
    services.add_note(previous.id, "Any other business", "Fun day on the green.")
    async with app.run_test(size=SIZE) as pilot:
        await pilot.pause()
        await pilot.press("enter", "4", "d")
        assert isinstance(app.screen, ConfirmScreen)
        await pilot.press("n")
        assert Note.select().count() == 1
        await pilot.press("d")
        await pilot.press("y")
        await pilot.pause()
        assert Note.select().count() == 0
        await pilot.press("escape")
        assert isinstance(app.screen, HomeScreen)


async def test_text_typed_before_a_crash_is_offered_back(app_factory):
    app = app_factory()
    previous = _previous_meeting()
    async with app.run_test(size=SIZE) as pilot:
        await pilot.pause()
        await pilot.press("enter", "2", "a")
        await pilot.press("tab", "tab", "tab")
        await paste_text(pilot, "Why was the youth club closed?")
        await pilot.pause(0.8)  # the draft is written a moment after typing stops
        app.exit()  # the app goes away with the form still open, unsaved
    assert Question.select().count() == 0

    again = app_factory()
    async with again.run_test(size=SIZE) as pilot:
        await pilot.pause()
        assert "Unsaved text from last time" in screen_text(again)
        await pilot.press("enter")
        await pilot.pause()
        await pilot.pause()
        assert isinstance(again.screen, FormScreen)
        assert again.screen.query_one("#field-text", TextArea).text == (
            "Why was the youth club closed?"
        )
        await pilot.press("ctrl+s")
        await pilot.pause()
        assert Question.get(Question.meeting == previous).text == "Why was the youth club closed?"
        assert services.load_draft(f"meeting{previous.id}:questions:add") is None


async def test_a_reopened_draft_brings_its_tab_to_the_front_once(app_factory):
    """Behind the form that a draft reopens, the meeting settles on the draft's tab at
    once: it does not flip between tabs (it once did, for seconds, as two changes of
    tab chased each other)."""
    app = app_factory()
    previous = _previous_meeting()
    services.save_draft(
        f"meeting{previous.id}:questions:add",
        {"text": "Why was the youth club closed?"},
        label="New question",
        meeting_id=previous.id,
    )
    fronted: dict[int, str] = {}  # a message is seen at each widget it passes

    def watch(message) -> None:
        if isinstance(message, TabbedContent.TabActivated):
            fronted.setdefault(id(message), message.pane.id)

    async with app.run_test(size=SIZE, message_hook=watch) as pilot:
        await pilot.pause()
        assert "Unsaved text from last time" in screen_text(app)
        await pilot.press("enter")
        for _ in range(3):
            await pilot.pause()
        assert isinstance(app.screen, FormScreen)
        meeting_screen = app.screen_stack[-2]
        assert isinstance(meeting_screen, MeetingScreen)
        assert meeting_screen.query_one(TabbedContent).active == "questions"
        tabs = list(fronted.values())
        assert tabs[tabs.index("questions") :] == ["questions"], tabs


async def test_a_tab_clicked_hands_the_keyboard_to_its_table(app_factory):
    app = app_factory()
    _previous_meeting()
    async with app.run_test(size=SIZE) as pilot:
        await pilot.pause()
        await pilot.press("enter")
        assert isinstance(app.screen, MeetingScreen)
        await pilot.click("#--content-tab-actions")
        await pilot.pause()
        assert app.screen.query_one(TabbedContent).active == "actions"
        assert app.focused is app.screen.section("actions").table
        await pilot.press("a")  # the table's keys work at once: a new action
        await pilot.pause()
        assert isinstance(app.screen, FormScreen)


async def test_names_that_look_like_markup_are_shown_as_typed(app_factory):
    app = app_factory()
    panel = services.create_panel("[b]Ward[/b] Panel [x")
    meeting = services.create_meeting(panel.id, "2026-06-11", venue="Hall [1]")
    services.record_attendance(meeting.id, "Sam [red]Lee", "PC", "Police [Met]")
    services.add_question(meeting.id, "Is [link=x]this[/link] safe?", "Jo [i]B")
    async with app.run_test(size=SIZE) as pilot:
        await pilot.pause()
        assert "[b]Ward[/b] Panel [x" in screen_text(app)
        await pilot.press("enter")
        await pilot.pause()
        assert "Sam [red]Lee" in screen_text(app)
        await pilot.press("2", "r")  # the form's intro quotes the question text
        await pilot.pause()
        assert isinstance(app.screen, FormScreen)
        assert "Is [link=x]this[/link] safe?" in screen_text(app)


async def test_keys_arriving_in_one_batch_are_all_saved(app_factory):
    """Over a slow SSH link, a sentence and ctrl+s can arrive together: the save must
    wait for the last characters, not run ahead of them."""
    from textual import events

    app = app_factory()
    previous = _previous_meeting()
    async with app.run_test(size=SIZE) as pilot:
        await pilot.pause()
        await pilot.press("enter", "4", "a")
        assert isinstance(app.screen, FormScreen)
        typed = "Police update"
        for character in typed:
            app.post_message(events.Key(character, character))
        app.post_message(events.Key("ctrl+s", None))
        await pilot.pause()
        await pilot.pause()
        assert [n.heading for n in Note.select().where(Note.meeting == previous)] == [typed]
