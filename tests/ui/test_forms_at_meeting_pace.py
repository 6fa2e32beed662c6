"""Forms at meeting pace: every form fits 80x24 and says why it refused a save where the
eye is; keys that arrive in one burst (as over SSH) land in the fields they were typed
for; Escape on a changed form asks before anything is kept or lost."""

from __future__ import annotations

import pytest
from textual import events
from textual.keys import _character_to_key
from textual.widgets import Input, Select, TextArea

from wardpanel import services
from wardpanel.app.common.confirm import KeepOrDiscardScreen
from wardpanel.app.common.form import FormScreen
from wardpanel.app.meeting.screen import MeetingScreen
from wardpanel.core.models import Action, Attendance, Draft, Meeting, Panel, Question

SMALL = (80, 24)


def _meeting() -> Meeting:
    panel = services.create_panel("Hoe Street Ward Panel", "Hoe Street", "Waltham Forest")
    meeting = services.create_meeting(panel.id, "2026-09-17", start="19:00", venue="Hall")
    question = services.add_question(meeting.id, "When will the lights be fixed?", "Jo Bright")
    services.add_response(question.id, "Next month.", "Waltham Forest Council")
    services.add_action(meeting.id, "Report back on the lights", "Tom Reid", None, None)
    services.record_attendance(meeting.id, "Ada Okafor")
    return meeting


def _visible(screen, widget) -> bool:
    """The widget is drawn, whole, inside the window."""
    region = widget.region
    return widget.display and region.height > 0 and screen.region.contains_region(region)


async def _meeting_screen(pilot, meeting: Meeting) -> None:
    pilot.app.push_screen(MeetingScreen(meeting.id))
    await pilot.pause()


async def _open(pilot, tab: str, key: str) -> FormScreen:
    await pilot.press(tab)
    await pilot.press(key)
    await pilot.pause()
    form = pilot.app.screen
    assert isinstance(form, FormScreen)
    return form


def _fill(form: FormScreen, **values: str) -> None:
    """Set fields directly: typing is not the subject here."""
    for name, value in values.items():
        widget = form.query_one(f"#field-{name}")
        if isinstance(widget, TextArea):
            widget.load_text(value)
        elif isinstance(widget, Input | Select):
            widget.value = value


# Each form of the meeting screen, a value it must refuse, and what it must say.
REFUSALS = [
    ("1", "a", {"name": ""}, "Name: "),
    ("2", "a", {"text": ""}, "Question: cannot be empty"),
    ("2", "r", {"organisation": "Metropolitan Police", "text": "   "}, "Response: "),
    ("3", "a", {"text": "Patrol the station", "due": "2026-02-30"}, "'2026-02-30' is not a"),
    ("3", "e", {"due": "31/2/2027"}, "is not a real date"),
    ("3", "u", {"text": ""}, "write what happened"),
    ("4", "a", {"heading": "", "text": ""}, ""),
    ("5", "a", {"text": ""}, "cannot be empty"),
]


@pytest.mark.long(seconds=8)
async def test_every_form_at_80x24_shows_why_a_save_was_refused(app_factory):
    app = app_factory()
    meeting = _meeting()
    async with app.run_test(size=SMALL) as pilot:
        await _meeting_screen(pilot, meeting)
        for tab, key, values, expected in REFUSALS:
            form = await _open(pilot, tab, key)
            _fill(form, **values)
            await pilot.press("ctrl+s")
            await pilot.pause()
            assert app.screen is form, f"{form.form_title}: the refused form stayed open"
            error = form.query_one("#form-error")
            assert _visible(form, error), f"{form.form_title}: the message is on screen"
            assert expected in str(error.render())
            # The field at fault (or the one being typed in) is in view too, with the keys.
            assert _visible(form, form.focused)
            assert _visible(form, form.query_one("#form-hint"))
            form.close_discarding()
            await pilot.pause()


async def test_new_meeting_form_at_80x24_scrolls_to_every_field(app_factory):
    app = app_factory()
    _meeting()
    async with app.run_test(size=SMALL) as pilot:
        await pilot.pause()
        await pilot.press("n")
        form = app.screen
        assert isinstance(form, FormScreen)
        for _ in form.fields:
            assert _visible(form, form.focused), f"{form.focused.id} is in view as it is typed in"
            await pilot.press("tab")
        form.query_one("#field-next_meeting", Input).value = "2026-02-30"
        form.query_one("#field-next_meeting", Input).focus()
        await pilot.pause()
        await pilot.press("ctrl+s")
        await pilot.pause()
        error = form.query_one("#form-error")
        assert _visible(form, error)
        # The message took rows from the fields: the field at fault is still in view.
        assert form.focused.id == "field-next_meeting"
        assert _visible(form, form.focused)
        assert "'2026-02-30' is not a real date" in str(error.render())


def _keys_of(text: str) -> list[events.Key]:
    keys = []
    for char in text:
        if char == "\t":
            keys.append(events.Key("tab", "\t"))
        else:
            keys.append(events.Key(_character_to_key(char), char))
    return keys


async def test_keys_posted_in_one_batch_land_in_their_fields(app_factory):
    app = app_factory()
    meeting = _meeting()
    async with app.run_test(size=SMALL) as pilot:
        await _meeting_screen(pilot, meeting)
        await pilot.press("1", "a")
        await pilot.pause()
        assert isinstance(app.screen, FormScreen)
        # A whole form's keys at once, as a burst over SSH delivers them: Tab among them.
        burst = _keys_of("Tom Reid\tSergeant\tMetropolitan Police")
        for key in [*burst, events.Key("ctrl+s", None)]:
            app.post_message(key)
        await pilot.pause(0.5)
        assert isinstance(app.screen, MeetingScreen)
        tom = (
            Attendance.select()
            .where(Attendance.meeting == meeting)
            .order_by(Attendance.id.desc())[0]
            .person
        )
        assert (tom.name, tom.role, tom.organisation.name) == (
            "Tom Reid",
            "Sergeant",
            "Metropolitan Police",
        )
        # The question form: a name, a checkbox passed over, a topic, then the long text.
        await pilot.press("2", "a")
        await pilot.pause()
        burst = _keys_of("Jo Bright\t\tPhone thefts\tWhat is being done at the station?")
        for key in [*burst, events.Key("ctrl+s", None)]:
            app.post_message(key)
        await pilot.pause(0.5)
        asked = Question.select().order_by(Question.id.desc()).first()
        assert (asked.asker.name, asked.topic, asked.text) == (
            "Jo Bright",
            "Phone thefts",
            "What is being done at the station?",
        )
        # The cursor is on the question just saved, its text in full below.
        assert app.screen.section("questions").selected_key() == f"q{asked.id}"


async def test_a_burst_after_tab_in_the_panel_form_does_not_run_fields_together(app_factory):
    app = app_factory()
    _meeting()
    async with app.run_test(size=SMALL) as pilot:
        await pilot.pause()
        await pilot.press("p")
        await pilot.pause()
        for key in _keys_of("Stop and Search Monitoring Group\tBorough-wide\tWaltham Forest"):
            app.post_message(key)
        app.post_message(events.Key("ctrl+s", None))
        await pilot.pause(0.5)
        panel = Panel.get(Panel.name == "Stop and Search Monitoring Group")
        assert (panel.ward, panel.borough) == ("Borough-wide", "Waltham Forest")
        assert panel.code == "SSM"  # no code typed: the name's initials


async def test_the_panel_form_changes_the_code_for_new_actions_only(app_factory):
    """A clerk gives the panel the code the council uses; a code that will not do is
    refused in one line, the form staying open with what was typed."""
    app = app_factory()
    meeting = _meeting()
    given = Action.get(Action.meeting == meeting)
    assert given.ref == "HS-1"
    async with app.run_test(size=SMALL) as pilot:
        await pilot.pause()
        await pilot.press("e")
        await pilot.pause()
        form = app.screen
        assert isinstance(form, FormScreen)
        assert form.query_one("#field-code", Input).value == "HS"
        _fill(form, code="H S")
        await pilot.press("ctrl+s")
        await pilot.pause()
        assert app.screen is form
        assert "Code: 'H S' should be letters and digits only" in str(
            form.query_one("#form-error").render()
        )
        _fill(form, code="hsw")
        await pilot.press("ctrl+s")
        await pilot.pause()
        assert not isinstance(app.screen, FormScreen)
    assert Panel.get_by_id(meeting.panel_id).code == "HSW"
    assert Action.get_by_id(given.id).ref == "HS-1"
    assert services.add_action(meeting.id, "Another").ref == "HSW-2"


async def test_escape_on_a_changed_form_asks_keep_or_discard(app_factory):
    app = app_factory()
    meeting = _meeting()
    async with app.run_test(size=SMALL) as pilot:
        await _meeting_screen(pilot, meeting)
        # Unchanged: Escape just closes, and leaves no draft behind.
        await _open(pilot, "4", "a")
        await pilot.press("escape")
        await pilot.pause()
        assert isinstance(app.screen, MeetingScreen)
        assert Draft.select().count() == 0
        # Changed, then discarded: nothing comes back next time.
        form = await _open(pilot, "4", "a")
        _fill(form, heading="Police update", text="Junk typed by mistake")
        await pilot.press("escape")
        await pilot.pause()
        assert isinstance(app.screen, KeepOrDiscardScreen)
        await pilot.press("d")
        await pilot.pause()
        assert isinstance(app.screen, MeetingScreen)
        assert Draft.select().count() == 0
        form = await _open(pilot, "4", "a")
        assert form.query_one("#field-text", TextArea).text == ""
        # Changed, then kept: it comes back when the form is opened again.
        _fill(form, text="Burglary is down 12%")
        await pilot.press("escape")
        await pilot.pause()
        await pilot.press("k")
        await pilot.pause()
        assert Draft.select().count() == 1
        form = await _open(pilot, "4", "a")
        assert form.query_one("#field-text", TextArea).text == "Burglary is down 12%"
        # Saved: the draft goes in the same transaction.
        await pilot.press("ctrl+s")
        await pilot.pause()
        assert Draft.select().count() == 0


async def test_meeting_details_draft_never_brings_back_a_status(app_factory):
    app = app_factory()
    meeting = _meeting()
    # A draft left by a crash while someone was about to approve the minutes in the form.
    services.save_draft(
        f"meeting{meeting.id}:details",
        {"venue": "Library", "status": "approved"},
        "Meeting details",
        meeting.id,
    )
    async with app.run_test(size=SMALL) as pilot:
        await _meeting_screen(pilot, meeting)
        await pilot.press("m")
        await pilot.pause()
        form = app.screen
        assert form.query_one("#field-venue", Input).value == "Library"
        assert form.query_one("#field-status", Select).value == "draft"
        await pilot.press("ctrl+s")
        await pilot.pause()
        saved = Meeting.get_by_id(meeting.id)
        assert (saved.venue, saved.status) == ("Library", "draft")
        assert Draft.select().count() == 0  # deleted with the save
        # Approved minutes: the details are locked, and a draft cannot reach them.
        services.approve_meeting(meeting.id)
        services.save_draft(
            f"meeting{meeting.id}:details", {"venue": "Hall", "status": "draft"}, "Meeting details",
            meeting.id,
        )  # fmt: skip
        await pilot.press("m")
        await pilot.pause()
        assert isinstance(app.screen, MeetingScreen)
        saved = Meeting.get_by_id(meeting.id)
        assert (saved.venue, saved.status) == ("Library", "approved")
