"""An edit form left open while the record changes elsewhere never undoes that change.

The worst case: a clerk runs `wardpanel forget` while the chair has a question open for
editing; saving the form must not bring the forgotten person back. In general, a save
keeps what others changed in the fields the chair did not touch, and stops to ask when
both changed the same field.
"""

from __future__ import annotations

import subprocess
import sys

from textual.widgets import Input, Static, TextArea

from tests.ui.conftest import SIZE, screen_text, type_text
from wardpanel import services
from wardpanel.app.common.form import FormScreen
from wardpanel.app.meeting.screen import MeetingScreen
from wardpanel.core.models import Person, Question


def _meeting_with_a_question(asker: str, text: str) -> Question:
    panel = services.create_panel("Marsh Lane Ward Panel", "Marsh Lane", "Waltham Forest")
    meeting = services.create_meeting(panel.id, "2026-09-17", chair="Ada Okafor")
    services.record_attendance(meeting.id, asker)
    return services.add_question(meeting.id, text, asker, topic="Lighting")


def _forget_from_another_program(db_target: str, name: str) -> None:
    result = subprocess.run(
        [sys.executable, "-m", "wardpanel.cli", "forget", name, "--yes", "--db", db_target],
        capture_output=True,
        text=True,
        check=False,
        timeout=120,
    )
    assert result.returncode == 0, result.stderr


async def _edit_first_question(pilot) -> FormScreen:
    await pilot.press("enter", "2", "e")
    await pilot.pause()
    form = pilot.app.screen
    assert isinstance(form, FormScreen)
    return form


async def _add_to_the_text(pilot, form: FormScreen, words: str) -> TextArea:
    """Type at the end of the form's long text, as the chair would."""
    area = form.query_one("#field-text", TextArea)
    area.focus()
    area.move_cursor(area.document.end)
    await type_text(pilot, words)
    return area


async def test_saving_a_form_opened_before_forget_never_brings_the_person_back(
    app_factory, db_target: str
) -> None:
    app = app_factory()
    question = _meeting_with_a_question("Jo Bright", "Why is the underpass still dark?")
    async with app.run_test(size=SIZE) as pilot:
        await pilot.pause()
        form = await _edit_first_question(pilot)
        assert form.query_one("#field-asker", Input).value == "Jo Bright"

        _forget_from_another_program(db_target, "Jo Bright")

        await pilot.press("ctrl+s")  # the chair saves the form as it is
        await pilot.pause()
        assert isinstance(app.screen, MeetingScreen)
    stored = Question.get_by_id(question.id)
    assert stored.asker_id is None and stored.anonymous
    assert stored.text == "Why is the underpass still dark?"
    assert not Person.select().where(Person.name.same_as("Jo Bright")).exists()


async def test_a_text_both_changed_is_not_saved_until_the_chair_says_so(
    app_factory, db_target: str
) -> None:
    app = app_factory()
    question = _meeting_with_a_question("Jo Bright", "Jo Bright asks why the underpass is dark.")
    async with app.run_test(size=SIZE) as pilot:
        await pilot.pause()
        form = await _edit_first_question(pilot)
        area = await _add_to_the_text(pilot, form, " And the car park.")

        _forget_from_another_program(db_target, "Jo Bright")

        await pilot.press("ctrl+s")
        await pilot.pause()
        assert app.screen is form
        message = str(form.query_one("#form-error", Static).render())
        assert message.startswith("Not saved: while this form was open")
        assert "'Question' changed elsewhere" in message
        # The asker the chair never touched now shows what is stored: nobody.
        assert form.query_one("#field-asker", Input).value == ""
        assert area.text.endswith("And the car park.")
        assert Question.get_by_id(question.id).text == "A resident asks why the underpass is dark."

        await pilot.press("ctrl+s")  # told, the chair keeps their version of the text
        await pilot.pause()
        assert isinstance(app.screen, MeetingScreen)
    stored = Question.get_by_id(question.id)
    assert stored.text.endswith("And the car park.") and stored.asker_id is None
    assert not Person.select().where(Person.name.same_as("Jo Bright")).exists()


async def test_another_users_change_to_a_field_the_chair_left_alone_is_kept(app_factory) -> None:
    app = app_factory()
    question = _meeting_with_a_question("Sam Idowu", "When is Mill Lane cleared?")
    async with app.run_test(size=SIZE) as pilot:
        await pilot.pause()
        form = await _edit_first_question(pilot)
        await _add_to_the_text(pilot, form, " It has been a month.")

        # Meanwhile a clerk corrects the topic.
        services.update_question(
            question.id, "When is Mill Lane cleared?", "Sam Idowu", topic="Fly-tipping"
        )

        await pilot.press("ctrl+s")
        await pilot.pause()
        assert isinstance(app.screen, MeetingScreen)
        assert "Fly-tipping" in screen_text(app)
    stored = Question.get_by_id(question.id)
    assert (stored.topic, stored.text) == (
        "Fly-tipping",
        "When is Mill Lane cleared? It has been a month.",
    )


async def test_a_form_whose_item_was_deleted_meanwhile_saves_nothing(app_factory) -> None:
    app = app_factory()
    question = _meeting_with_a_question("Sam Idowu", "When is Mill Lane cleared?")
    async with app.run_test(size=SIZE) as pilot:
        await pilot.pause()
        form = await _edit_first_question(pilot)
        services.delete_question(question.id)
        await pilot.press("ctrl+s")
        await pilot.pause()
        assert app.screen is form
        message = str(form.query_one("#form-error", Static).render())
        assert "no longer exists" in message
    assert Question.select().count() == 0


async def test_an_attendance_form_opened_before_forget_saves_nothing(
    app_factory, db_target: str
) -> None:
    app = app_factory()
    _meeting_with_a_question("Jo Bright", "Why is the underpass still dark?")
    async with app.run_test(size=SIZE) as pilot:
        await pilot.pause()
        await pilot.press("enter", "1", "e")
        await pilot.pause()
        form = app.screen
        assert isinstance(form, FormScreen)
        assert form.query_one("#field-name", Input).value == "Jo Bright"

        _forget_from_another_program(db_target, "Jo Bright")

        await pilot.press("ctrl+s")
        await pilot.pause()
        assert app.screen is form
        assert "no longer exists" in str(form.query_one("#form-error", Static).render())
    assert not Person.select().where(Person.name.same_as("Jo Bright")).exists()


async def test_a_draft_kept_before_forget_and_saved_after_names_nobody(
    app_factory, db_target: str
) -> None:
    """The draft keeps what the form opened with; forget rewrites both, so the save
    that finishes the draft later still knows the asker was never touched."""
    app = app_factory()
    question = _meeting_with_a_question("Jo Bright", "Why is the underpass still dark?")
    async with app.run_test(size=SIZE) as pilot:
        await pilot.pause()
        form = await _edit_first_question(pilot)
        await _add_to_the_text(pilot, form, " And the car park.")
        await pilot.press("escape", "k")  # closed, the text kept as a draft
        await pilot.pause()

        _forget_from_another_program(db_target, "Jo Bright")

        await pilot.press("e")  # the same form again: the draft comes back
        await pilot.pause()
        form = app.screen
        assert isinstance(form, FormScreen)
        assert form.query_one("#field-text", TextArea).text.endswith("And the car park.")
        await pilot.press("ctrl+s")
        await pilot.pause()
        assert isinstance(app.screen, MeetingScreen)
    stored = Question.get_by_id(question.id)
    assert stored.text == "Why is the underpass still dark? And the car park."
    assert stored.asker_id is None and stored.anonymous
    assert Person.select().count() == 0  # nobody, not even someone called "A resident"
