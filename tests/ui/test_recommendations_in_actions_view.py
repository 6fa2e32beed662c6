"""The officer's Actions view lists the recommendations awaiting their organisation's
response apart from the actions, by the same rule as the follow-up list in Word, and
records the organisation's updates and response from the keyboard."""

from __future__ import annotations

import datetime as dt
from pathlib import Path

from textual.widgets import Input, Select

from tests.render_check import read_blocks, section
from tests.ui.conftest import SIZE, paste_text, screen_text
from wardpanel import services
from wardpanel.app.actions.action_list import ActionList
from wardpanel.app.actions.filters import ActionFilterDialog
from wardpanel.app.actions.recommendations import AwaitingList
from wardpanel.app.actions.screen import ActionsScreen
from wardpanel.app.common.form import FormScreen
from wardpanel.core.models import Action, Recommendation, RecommendationUpdate
from wardpanel.exporting import export_actions

TODAY = dt.date.today()
HEADING = "Recommendations awaiting a response"


def _assembly() -> dict[str, int]:
    """An assembly's recommendations to the police and the council, and one action."""
    panel = services.create_panel("Marsh Lane Ward Panel")
    meeting = services.create_meeting(panel.id, TODAY - dt.timedelta(days=60))
    services.add_action(
        meeting.id,
        "Patrol the towpath at school closing time",
        "Tom Reid",
        "Metropolitan Police",
        due=TODAY + dt.timedelta(days=10),
    )
    made = {}
    for key, text, to, due in (
        ("late", "Tell the panel whenever a Section 60 is authorised", "Metropolitan Police", -5),
        (
            "waiting",
            "Train every officer on exploitation",
            "Metropolitan Police",
            30,
        ),
        ("council", "Light the underpass at night", "Fernbridge Council", -2),
        ("answered", "Publish the stop and search figures monthly", "Metropolitan Police", -9),
    ):
        recommendation = services.add_recommendation(
            meeting.id,
            text,
            to,
            "the citizens' assembly",
            TODAY + dt.timedelta(days=due),
            "in the autumn",
        )
        made[key] = recommendation.id
    services.add_recommendation_update(made["answered"], "Agreed in full.", "accepted", TODAY)
    return made


def _awaiting(app) -> AwaitingList:
    view = next(s for s in reversed(app.screen_stack) if isinstance(s, ActionsScreen))
    return view.query_one(AwaitingList)


def _shown(app) -> set[int]:
    return {item.recommendation.id for item in _awaiting(app).found.values()}


def _in_word(tmp_path: Path, app) -> list[tuple[str, ...]]:
    """The recommendation rows of the follow-up list written for the view's filters."""
    view = next(s for s in reversed(app.screen_stack) if isinstance(s, ActionsScreen))
    path = export_actions(tmp_path / f"list-{len(list(tmp_path.iterdir()))}.docx",
                          view.current_filter(), as_of=TODAY)  # fmt: skip
    blocks = read_blocks(path)
    if HEADING not in [b.text for b in blocks]:
        return []
    tables = [b for b in section(blocks, HEADING) if b.kind == "table"]
    # The first cell is the recommendation, then who made it on a line of its own.
    return [(row[0].split("\n")[0], *row[1:]) for table in tables for row in table.rows[1:]]


async def test_an_officer_sees_and_answers_what_awaits_their_organisations_response(
    app_factory, tmp_path, monkeypatch
):
    monkeypatch.setenv("WARDPANEL_SETTINGS", str(tmp_path / "settings.json"))
    exports = tmp_path / "exports"
    exports.mkdir()
    app = app_factory()
    made = _assembly()
    async with app.run_test(size=SIZE) as pilot:
        await pilot.pause()
        await pilot.press("ctrl+o")
        assert isinstance(app.screen, ActionsScreen)

        # Every organisation's, apart from the one action; none is an action.
        assert _shown(app) == {made["late"], made["waiting"], made["council"]}
        assert [row.text for row in app.screen.query_one(ActionList).rows] == [
            "Patrol the towpath at school closing time"
        ]
        assert f"{HEADING} (not actions agreed): 3 · 2 overdue" in screen_text(app)
        assert len(_in_word(exports, app)) == 3

        # The police's only, as the follow-up list for the same filter has them.
        await pilot.press("f", "tab")
        assert isinstance(app.screen, ActionFilterDialog)
        await paste_text(pilot, "metropolitan police")
        await pilot.press("enter")
        await pilot.pause()
        assert _shown(app) == {made["late"], made["waiting"]}
        in_word = _in_word(exports, app)
        assert sorted(row[0] for row in in_word) == sorted(
            Recommendation.get_by_id(i).text for i in _shown(app)
        )

        # Overdue only: the one past its response date, on screen and in Word alike.
        await pilot.press("exclamation_mark")
        await pilot.pause()
        assert _shown(app) == {made["late"]}
        assert [row[0] for row in _in_word(exports, app)] == [
            "Tell the panel whenever a Section 60 is authorised"
        ]
        await pilot.press("exclamation_mark")
        await pilot.pause()

        # Tab reaches them; the pane below says what the one under the cursor is.
        await pilot.press("tab")
        assert _awaiting(app).has_focus
        await pilot.pause()
        assert "Recommendation (not an action agreed)" in screen_text(app)
        assert "Tell the panel whenever a Section 60 is authorised" in screen_text(app)

        # u: a dated update, the status unchanged.
        await pilot.press("u")
        assert isinstance(app.screen, FormScreen)
        await paste_text(pilot, "The inspector will reply after the borough meeting.")
        await pilot.press("ctrl+s")
        await pilot.pause()
        assert isinstance(app.screen, ActionsScreen)
        [update] = RecommendationUpdate.select().where(
            RecommendationUpdate.recommendation == made["late"]
        )
        assert (update.text, update.status, update.date) == (
            "The inspector will reply after the borough meeting.",
            None,
            TODAY,
        )
        assert "The inspector will reply after the borough meeting." in screen_text(app)

        # p: the police's response, accepting it; it leaves the list (and the document).
        await pilot.press("p")
        assert isinstance(app.screen, FormScreen)
        await paste_text(pilot, "We will email the chair within a day of any authorisation.")
        status = app.screen.query_one(Select)
        assert status.value == "accepted"
        await pilot.press("ctrl+s")
        await pilot.pause()
        assert isinstance(app.screen, ActionsScreen)
        answered = Recommendation.get_by_id(made["late"])
        assert (answered.status, answered.response) == (
            "accepted",
            "We will email the chair within a day of any authorisation.",
        )
        assert _shown(app) == {made["waiting"]}
        assert [row[0] for row in _in_word(exports, app)] == ["Train every officer on exploitation"]
        assert f"{HEADING} (not actions agreed): 1" in screen_text(app)
        assert _awaiting(app).has_focus  # the cursor stays among the recommendations

        # When none is left the list goes, and the cursor is back on the actions.
        await pilot.press("p")
        await paste_text(pilot, "Not accepted: training is set nationally.")
        app.screen.query_one(Select).value = "rejected"
        await pilot.press("ctrl+s")
        await pilot.pause()
        assert _shown(app) == set()
        assert not app.screen.query_one("#awaiting").display
        assert app.screen.query_one(ActionList).has_focus
        towpath = Action.get(Action.text.startswith("Patrol the towpath"))
        assert f"{towpath.ref}  Patrol the towpath" in screen_text(app)  # its history, below


async def test_words_or_an_owner_show_no_recommendations_on_screen_or_in_word(
    app_factory, tmp_path, monkeypatch
):
    monkeypatch.setenv("WARDPANEL_SETTINGS", str(tmp_path / "settings.json"))
    app = app_factory()
    _assembly()
    async with app.run_test(size=SIZE) as pilot:
        await pilot.pause()
        await pilot.press("ctrl+o")
        await pilot.press("slash")
        assert app.screen.query_one("#filter-text", Input).has_focus
        await paste_text(pilot, "towpath")
        await pilot.press("enter")
        await pilot.pause()
        assert _shown(app) == set()
        assert _in_word(tmp_path, app) == []
        assert not app.screen.query_one("#awaiting").display


async def test_o_opens_the_meeting_that_made_it_on_its_recommendations(
    app_factory, tmp_path, monkeypatch
):
    from textual.widgets import TabbedContent

    from wardpanel.app.meeting.screen import MeetingScreen

    monkeypatch.setenv("WARDPANEL_SETTINGS", str(tmp_path / "settings.json"))
    app = app_factory()
    made = _assembly()
    async with app.run_test(size=SIZE) as pilot:
        await pilot.pause()
        await pilot.press("ctrl+o", "tab", "o")
        await pilot.pause()
        assert isinstance(app.screen, MeetingScreen)
        assert app.screen.meeting_id == Recommendation.get_by_id(made["late"]).meeting_id
        assert app.screen.query_one(TabbedContent).active == "recommendations"
