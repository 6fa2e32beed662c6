"""What a meeting commits to, typed in the meeting screen: figures, question outcomes,
statements from the floor and actions reported against a priority, by quick entry and
the Questions tab's outcome key; the Figures tab shows each against the previous."""

from __future__ import annotations

from textual.widgets import Select, TabbedContent

from tests.ui.conftest import SIZE, paste_text, screen_text
from wardpanel import services
from wardpanel.app.common.form import FormScreen
from wardpanel.core.models import Action, Figure, Question


def _meetings():
    panel = services.create_panel("Marsh Lane Ward Panel")
    earlier = services.create_meeting(panel.id, "2026-06-11")
    services.add_figure(earlier.id, "Burglary", 20)
    meeting = services.create_meeting(panel.id, "2026-09-17")
    services.add_priority(meeting.id, "Phone thefts at the station")
    services.add_priority(meeting.id, "Drug dealing in the alleys")
    return meeting


async def _enter(pilot, line: str) -> None:
    await paste_text(pilot, line)
    await pilot.press("enter")
    await pilot.pause()


async def test_quick_entry_files_figures_outcomes_statements_and_priority_links(app_factory):
    app = app_factory()
    meeting = _meetings()
    async with app.run_test(size=SIZE) as pilot:
        await pilot.pause()
        await pilot.press("enter")  # the September meeting, listed first
        await pilot.pause()
        await pilot.press("colon")

        await _enter(pilot, "fig Burglary 14")
        assert "Figure saved: Burglary 14 (previous 20 at " in screen_text(app)
        await _enter(pilot, "fig Section 60 searches 43 (12 hours) note 14 arrests")
        await _enter(pilot, "q Jo Bright: Why was the Section 60 authorised?")
        await _enter(pilot, "o referred to the borough's scrutiny panel")
        await _enter(pilot, "s Ann Lee: The underpass lights have been out for a month.")
        await _enter(pilot, "a Metropolitan Police: patrol the station at night #p1 due 1 Oct")
        await _enter(pilot, "a Metropolitan Police: close the alley #p3")

        figures = [
            (f.category, f.value, f.previous, f.period, f.note)
            for f in Figure.select().where(Figure.meeting == meeting.id)
        ]
        assert figures == [
            ("Burglary", "14", None, "", ""),
            ("Section 60 searches", "43", None, "12 hours", "14 arrests"),
        ]
        question, statement = (
            Question.select().where(Question.meeting == meeting.id).order_by(Question.id)
        )
        assert (question.kind, question.outcome, question.referred_to) == (
            "question", "referred", "the borough's scrutiny panel",
        )  # fmt: skip
        assert statement.kind == "statement"
        [action] = Action.select()
        assert action.priority.text == "Phone thefts at the station"
        # There is no priority 3: the line is kept, word for word, not lost.
        assert "there is no priority 3" in screen_text(app)

        await pilot.press("escape", "7")
        await pilot.pause()
        assert app.screen.query_one(TabbedContent).active == "figures"
        shown = screen_text(app)
        assert "Burglary" in shown and "-6" in shown


async def test_the_outcome_key_records_what_came_of_a_question(app_factory):
    app = app_factory()
    meeting = _meetings()
    question = services.add_question(meeting.id, "Who answers for the street lights?", "Jo Bright")
    async with app.run_test(size=SIZE) as pilot:
        await pilot.pause()
        await pilot.press("enter", "2")
        await pilot.pause()
        assert "awaiting a response: 1" in screen_text(app)
        await pilot.press("o")
        await pilot.pause()
        form = app.screen
        assert isinstance(form, FormScreen)
        form.query_one(Select).value = "unanswered"
        await pilot.press("ctrl+s")
        await pilot.pause()

        assert Question.get_by_id(question.id).outcome == "unanswered"
        shown = screen_text(app)
        assert "Outcome: Not answered at the meeting." in shown
        assert "unanswered: 1" in shown and "awaiting a response" not in shown
        # The meeting's strip counts it too, no longer as "without an answer".
        assert "1 question unanswered (1)" in shown and "without an answer" not in shown


async def test_a_recommendation_is_put_to_an_organisation_and_its_response_recorded(app_factory):
    from wardpanel.core.models import Recommendation

    app = app_factory()
    meeting = _meetings()
    app.fixed_today = meeting.date
    async with app.run_test(size=SIZE) as pilot:
        await pilot.pause()
        await pilot.press("enter", "8", "a")
        await pilot.pause()
        assert isinstance(app.screen, FormScreen)
        await paste_text(pilot, "Publish stop and search figures every month")
        await pilot.press("tab")
        await paste_text(pilot, "Metropolitan Police")
        await pilot.press("tab", "tab")
        await paste_text(pilot, "by the next meeting")
        await pilot.press("tab")
        await paste_text(pilot, "17/12/2026")
        await pilot.press("ctrl+s")
        await pilot.pause()

        stored = Recommendation.get()
        assert (stored.to_organisation.name, str(stored.response_due), stored.status) == (
            "Metropolitan Police", "2026-12-17", "awaiting_response",
        )  # fmt: skip
        assert "awaiting a response: 1" in screen_text(app)
        assert Action.select().count() == 0  # never an action agreed

        await pilot.press("u")
        await pilot.pause()
        form = app.screen
        await paste_text(pilot, "The Met agreed to publish them quarterly.")
        form.query_one(Select).value = "partly_accepted"
        await pilot.press("ctrl+s")
        await pilot.pause()

        assert Recommendation.get().status == "partly_accepted"
        shown = screen_text(app)
        assert "Partly accepted" in shown and "The Met agreed to publish them quarterly." in shown


async def test_a_priority_is_given_a_lead_a_measure_and_a_review_date(app_factory):
    from wardpanel.core.models import Priority

    app = app_factory()
    meeting = _meetings()
    async with app.run_test(size=SIZE) as pilot:
        await pilot.pause()
        await pilot.press("enter", "5", "e")
        await pilot.pause()
        assert isinstance(app.screen, FormScreen)
        await pilot.press("tab", "tab", "tab")
        await paste_text(pilot, "British Transport Police")
        await pilot.press("tab")
        await paste_text(pilot, "Phone thefts reported at the station, quarter by quarter")
        await pilot.press("tab")
        await paste_text(pilot, "3/12/2026")
        await pilot.press("ctrl+s")
        await pilot.pause()

        first = Priority.select().where(Priority.meeting == meeting.id).order_by(Priority.id)[0]
        assert (first.lead.name, str(first.review_by)) == ("British Transport Police", "2026-12-03")
        assert first.measure.startswith("Phone thefts reported")
        assert "Lead: British Transport Police" in screen_text(app)


async def test_the_action_form_reports_an_action_against_one_of_the_panels_priorities(
    app_factory,
):
    app = app_factory()
    meeting = _meetings()
    async with app.run_test(size=SIZE) as pilot:
        await pilot.pause()
        await pilot.press("enter", "3", "a")
        await paste_text(pilot, "Patrol the alleys behind the high street at night")
        priority = app.screen.query_one("#field-priority", Select)
        # Numbered as the minutes list them, as quick entry's #p2 counts them.
        assert [str(label) for label, _ in priority._options] == [
            "None",
            "#p1  Phone thefts at the station",
            "#p2  Drug dealing in the alleys",
        ]
        priority.focus()
        await pilot.press("enter", "down", "down", "enter")  # the overlay: #p2
        await pilot.press("ctrl+s")
        await pilot.pause()
        action = Action.get(Action.meeting == meeting.id)
        assert action.priority.text == "Drug dealing in the alleys"
        # The Actions tab's detail says which priority it is reported against.
        assert "Reported against the priority: Drug dealing in the alleys" in screen_text(app)

        # Edited: the form opens on it, and None unlinks it.
        await pilot.press("e")
        assert isinstance(app.screen, FormScreen)
        priority = app.screen.query_one("#field-priority", Select)
        assert priority.value == str(action.priority_id)
        priority.focus()
        await pilot.press("enter", "up", "up", "enter")
        await pilot.press("ctrl+s")
        await pilot.pause()
        assert Action.get_by_id(action.id).priority_id is None
        assert "Reported against the priority" not in screen_text(app)
