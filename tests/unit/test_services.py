"""The chair's changes, one transaction each, refused cleanly when input is bad."""

from __future__ import annotations

import datetime as dt

import pytest

from wardpanel import queries, services
from wardpanel.core import fields
from wardpanel.core.models import (
    Action,
    ActionUpdate,
    Attendance,
    Meeting,
    Note,
    Person,
    Question,
    Response,
)


@pytest.fixture
def panel(database):
    return services.create_panel("Hoe Street Ward Panel", "Hoe Street", "Waltham Forest")


@pytest.fixture
def meeting(panel):
    return services.create_meeting(panel.id, "2026-04-10", start="7pm", venue="Town Hall")


def test_panel_names_are_unique_whatever_the_case(panel):
    with pytest.raises(services.InputError) as refused:
        services.create_panel("hoe street ward panel")
    assert refused.value.field == "panel name"


def test_a_new_meeting_carries_forward_the_roll_venue_and_time(panel, meeting):
    services.record_attendance(meeting.id, "Kevin Kane", "Inspector", "Metropolitan Police")
    services.record_attendance(meeting.id, "Sandra Miller", status="apologies")
    later = services.create_meeting(panel.id, "2026-07-10")
    assert (later.venue, later.start) == ("Town Hall", "19:00")
    roll = queries.attendance_of(later.id)
    assert [(a.person.name, a.status) for a in roll] == [
        ("Kevin Kane", services.EXPECTED),
        ("Sandra Miller", services.EXPECTED),
    ]


def test_the_same_meeting_twice_is_refused(panel, meeting):
    with pytest.raises(services.InputError, match="already has a meeting"):
        services.create_meeting(panel.id, dt.date(2026, 4, 10))


def test_impossible_and_unreadable_dates_are_refused_by_name(panel):
    with pytest.raises(services.InputError, match="'2026-02-30' is not a real date"):
        services.create_meeting(panel.id, "2026-02-30")
    with pytest.raises(services.InputError, match="not a date I can read"):
        services.create_meeting(panel.id, "next blue moon")
    assert Meeting.select().count() == 0


def test_marking_someone_again_updates_their_entry(meeting):
    first = services.record_attendance(meeting.id, "James B", "DC", "Metropolitan Police")
    again = services.record_attendance(
        meeting.id, "James B", "DC", "Metropolitan Police", "absent", "At a police briefing"
    )
    assert first.id == again.id
    entry = Attendance.get_by_id(first.id)
    assert (entry.status, entry.reason) == ("absent", "At a police briefing")
    services.set_attendance(entry.id, "present")
    assert Attendance.get_by_id(first.id).reason == ""


def test_people_are_reused_by_name_and_organisation(meeting):
    services.record_attendance(meeting.id, "Kevin Kane", "Inspector", "Metropolitan Police")
    question = services.add_question(meeting.id, "Why?", "Sam Lee")
    services.add_response(question.id, "Because.", "Metropolitan Police", "kevin kane")
    assert Person.select().where(Person.name == "Kevin Kane").count() == 1


def test_an_anonymous_question_keeps_the_name_for_follow_up(meeting):
    question = services.add_question(meeting.id, "Who deals drugs here?", "Jo Bright", True)
    stored = Question.get_by_id(question.id)
    assert stored.anonymous and stored.asker.name == "Jo Bright"


def test_long_answers_keep_their_paragraphs_and_lose_terminal_junk(meeting):
    question = services.add_question(meeting.id, "Phones?")
    pasted = "First para\x1b[31m red\x1b[0m.\r\n\r\nSecond\x00 para\x07.\r\n"
    response = services.add_response(question.id, pasted, "Metropolitan Police")
    assert Response.get_by_id(response.id).text == "First para red.\n\nSecond para."


def test_emoji_and_right_to_left_names_are_stored_as_typed(meeting):
    entry = services.record_attendance(meeting.id, "مريم الحسن 🌟", "Resident")
    assert Attendance.get_by_id(entry.id).person.name == "مريم الحسن 🌟"


def test_a_one_megabyte_paste_is_kept_and_a_huge_one_refused(meeting):
    big = ("word " * 200_000).strip()
    note = services.add_note(meeting.id, "Figures", big)
    assert len(Note.get_by_id(note.id).text) == len(big)
    with pytest.raises(services.InputError, match="limit"):
        services.add_note(meeting.id, "Too much", "x" * (services.MAX_TEXT + 1))
    assert Note.select().count() == 1


def test_empty_required_fields_are_refused_and_nothing_stored(meeting):
    with pytest.raises(services.InputError, match="cannot be empty"):
        services.add_question(meeting.id, "  \n ")
    with pytest.raises(services.InputError):
        services.add_action(meeting.id, "")
    with pytest.raises(services.InputError):
        services.record_attendance(meeting.id, "\x1b[2J")
    assert Question.select().count() == Action.select().count() == Attendance.select().count() == 0


def test_an_action_takes_its_organisation_from_its_owner(meeting):
    services.record_attendance(meeting.id, "Kevin Kane", "Inspector", "Metropolitan Police")
    action = services.add_action(meeting.id, "Report back", "Kevin Kane", due="1/5/2026")
    assert action.organisation.name == "Metropolitan Police"
    assert action.due == dt.date(2026, 5, 1)


def test_a_change_of_status_is_written_to_the_history(meeting):
    action = services.add_action(meeting.id, "Fix the lights", organisation="Council")
    services.update_action(action.id, "Fix the lights", organisation="Council", status="done")
    history = list(ActionUpdate.select().where(ActionUpdate.action == action))
    assert [u.status for u in history] == ["done"]
    assert Action.get_by_id(action.id).status == "done"


def test_an_update_with_nothing_in_it_is_refused(meeting):
    action = services.add_action(meeting.id, "Fix the lights")
    with pytest.raises(services.InputError, match="write what happened"):
        services.add_action_update(action.id, "  ")


def test_matters_arising_are_worked_out_as_of_each_meeting(panel, meeting):
    kept_open = services.add_action(meeting.id, "Patrol the park", "Tom Reid")
    closed_early = services.add_action(meeting.id, "Send the leaflet")
    closed_late = services.add_action(meeting.id, "Meet the school")
    services.add_action_update(closed_early.id, "Sent", "done", date="2026-05-01")
    services.add_action_update(kept_open.id, "Plan agreed", "in_progress", date="2026-06-01")
    july = services.create_meeting(panel.id, "2026-07-10")
    # Closed after July's meeting: July's matters arising still show it, open then.
    services.add_action_update(closed_late.id, "Met them", "done", date="2026-08-01")
    matters = queries.matters_arising(july)
    # Closed since April's meeting: reported once, done, at July's.
    assert [m.action.text for m in matters] == [
        "Patrol the park",
        "Send the leaflet",
        "Meet the school",
    ]
    latest = [m.latest.text if m.latest else None for m in matters]
    assert latest == ["Plan agreed", "Sent", None]
    october = services.create_meeting(panel.id, "2026-10-10")
    # By October the leaflet is old news; the school visit was done since July.
    assert [m.action.text for m in queries.matters_arising(october)] == [
        "Patrol the park",
        "Meet the school",
    ]
    # The panel's first meeting has nothing to report on.
    assert queries.matters_arising(meeting) == []


def test_an_unfiled_line_is_appended_not_lost(meeting):
    services.keep_unfiled(meeting.id, "zz what was that")
    services.keep_unfiled(meeting.id, "and this")
    note = Note.get(Note.heading == services.UNFILED_HEADING)
    assert note.text == "zz what was that\n\nand this"


def test_a_draft_goes_in_the_same_transaction_as_the_save(meeting):
    key = f"meeting{meeting.id}:questions:add"
    services.save_draft(key, {"text": "Half a quest"}, "New question", meeting.id)
    assert services.load_draft(key) == {"text": "Half a quest"}
    services.save_draft(key, {"text": "Half a question"}, "New question", meeting.id)
    assert services.load_draft(key) == {"text": "Half a question"}
    # A refused save keeps the draft: what was typed is not lost with the refusal.
    with pytest.raises(services.InputError):
        services.save_dropping_draft(lambda: services.add_question(meeting.id, "  "), key)
    assert services.load_draft(key) == {"text": "Half a question"}
    assert Question.select().count() == 0
    question = services.save_dropping_draft(
        lambda: services.add_question(meeting.id, "Half a question"), key
    )
    assert Question.get_by_id(question.id).text == "Half a question"
    assert services.load_draft(key) is None


def test_deleting_a_question_keeps_its_action_unlinked(meeting):
    question = services.add_question(meeting.id, "Lights?")
    services.add_response(question.id, "Soon.", "Council")
    action = services.add_action(meeting.id, "Fix lights", question_id=question.id)
    services.delete_question(question.id)
    assert Response.select().count() == 0
    assert Action.get_by_id(action.id).question_id is None


def test_deleting_a_meeting_removes_what_was_recorded_at_it(panel, meeting):
    services.add_question(meeting.id, "Lights?")
    services.add_action(meeting.id, "Fix lights")
    services.delete_meeting(meeting.id)
    assert Question.select().count() == Action.select().count() == 0


def test_names_in_any_script_match_whatever_their_case(meeting):
    first = services.organisation_named("École Sainte-Marie")
    again = services.organisation_named("école sainte-marie")
    assert first.id == again.id
    one = services.record_attendance(meeting.id, "Élodie Ωmega")
    two = services.record_attendance(meeting.id, "élodie ωmega")
    assert one.person_id == two.person_id


def test_a_full_unfiled_note_starts_another(meeting, monkeypatch):
    # The limit lives in core.fields, where keep_unfiled (and long_text) read it.
    monkeypatch.setattr(fields, "MAX_TEXT", 30)
    services.keep_unfiled(meeting.id, "first line of twenty")
    services.keep_unfiled(meeting.id, "second line of twenty")
    notes = Note.select().where(Note.heading == services.UNFILED_HEADING).order_by(Note.id)
    assert [n.text for n in notes] == ["first line of twenty", "second line of twenty"]


def test_an_edit_keeps_what_changed_elsewhere_in_fields_left_alone():
    from wardpanel.services.edits import merge_edit

    opened = {"asker": "Jo Bright", "topic": "Lights", "text": "Dark underpass", "anonymous": False}
    now = {"asker": "", "topic": "Lighting", "text": "Dark underpass", "anonymous": True}
    typed = {**opened, "text": "Dark underpass and car park"}
    merged, clashes = merge_edit(opened, typed, now)
    assert clashes == []
    assert merged == {
        "asker": "",
        "topic": "Lighting",
        "text": "Dark underpass and car park",
        "anonymous": True,
    }
    both = merge_edit(opened, {**typed, "topic": "Street lights"}, now)
    assert both[1] == ["topic"]
    same_change = merge_edit(opened, {**opened, "topic": "Lighting"}, now)
    assert same_change[1] == [] and same_change[0]["topic"] == "Lighting"
