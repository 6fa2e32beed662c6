"""Panels put right: one panel recorded twice merged into one, one started by mistake
deleted, on both engines; and what the attendance services say of each entry."""

from __future__ import annotations

import pytest

from wardpanel import queries, services
from wardpanel.core.models import (
    Action,
    Attendance,
    Correction,
    Meeting,
    Organisation,
    Panel,
    Person,
    Priority,
)
from wardpanel.services import InputError


def _two_panels() -> tuple[Panel, Panel]:
    """'Hoe Street Ward Panel' with one meeting, and 'Hoe St Panel' (the same panel typed
    again) with two meetings, an action and a priority of its own."""
    kept = services.create_panel("Hoe Street Ward Panel")
    services.create_meeting(kept.id, "2026-04-10")
    twice = services.create_panel("Hoe St Panel")
    council = Organisation.create(name="Waltham Forest Council", kind="council")
    Panel.update(council=council).where(Panel.id == twice.id).execute()
    first = services.create_meeting(twice.id, "2026-07-10")
    services.create_meeting(twice.id, "2026-10-09")
    services.record_attendance(first.id, "Jane Doe")
    services.add_action(first.id, "Walk the estate with residents", "Jane Doe")
    services.add_priority(first.id, "Phone snatching near the station")
    return kept, twice


def test_merging_a_panel_moves_its_meetings_and_priorities_and_is_recorded(database) -> None:
    kept, twice = _two_panels()
    reference = Action.get().ref
    merged = services.merge_panels(twice.id, kept.id)
    assert merged.id == kept.id
    assert [p.name for p in Panel.select()] == ["Hoe Street Ward Panel"]
    dates = [str(m.date) for m in Meeting.select().order_by(Meeting.date)]
    assert dates == ["2026-04-10", "2026-07-10", "2026-10-09"]
    assert {m.panel_id for m in Meeting.select()} == {kept.id}
    assert Priority.get().panel_id == kept.id
    # The council the kept panel lacked comes with the merge; references stay printed.
    assert Panel.get_by_id(kept.id).council.name == "Waltham Forest Council"
    assert Action.get().ref == reference
    assert Attendance.select().count() == 1
    correction = Correction.get()
    assert correction.kind == "merge_panel"
    assert correction.text == "Hoe St Panel merged into Hoe Street Ward Panel (2 meetings moved)"
    assert [s.meetings for s in queries.panel_summaries()] == [3]


def test_a_merge_that_would_double_a_meeting_is_refused_and_changes_nothing(database) -> None:
    kept, twice = _two_panels()
    services.create_meeting(kept.id, "2026-07-10")
    with pytest.raises(InputError) as refused:
        services.merge_panels(twice.id, kept.id)
    assert "both panels have a meeting on 10 Jul 2026" in refused.value.message
    assert Panel.select().count() == 2
    assert Meeting.select().where(Meeting.panel == twice.id).count() == 2
    assert Correction.select().count() == 0


def test_approved_minutes_keep_the_panel_they_print_until_reopened(database) -> None:
    kept, twice = _two_panels()
    approved = Meeting.get(Meeting.panel == twice.id, Meeting.date == "2026-07-10")
    services.approve_meeting(approved.id, by="Ann Lee")
    with pytest.raises(InputError) as refused:
        services.merge_panels(twice.id, kept.id)
    assert f"the minutes of meeting {approved.id} are approved: reopen them first" in str(
        refused.value
    )
    assert "or merge the other way, Hoe Street Ward Panel into Hoe St Panel" in str(refused.value)
    assert Meeting.select().where(Meeting.panel == twice.id).count() == 2
    assert Correction.select().count() == 0
    # The other way, the approved minutes keep printing the panel they print.
    services.merge_panels(kept.id, twice.id)
    assert Meeting.get_by_id(approved.id).panel.name == "Hoe St Panel"
    assert [p.name for p in Panel.select()] == ["Hoe St Panel"]


def test_a_panel_is_not_merged_into_itself(database) -> None:
    kept, _ = _two_panels()
    with pytest.raises(InputError, match="cannot be merged into itself"):
        services.merge_panels(kept.id, kept.id)
    assert Panel.select().count() == 2


def test_only_a_panel_with_nothing_recorded_is_deleted(database) -> None:
    kept, twice = _two_panels()
    mistake = services.create_panel("Hoe Stret Ward Panel")
    with pytest.raises(InputError, match="still has 2 meetings and 1 priority: merge it"):
        services.delete_panel(twice.id)
    with pytest.raises(InputError, match="still has 1 meeting"):
        services.delete_panel(kept.id)
    services.delete_panel(mistake.id)
    assert sorted(p.name for p in Panel.select()) == ["Hoe St Panel", "Hoe Street Ward Panel"]
    assert Correction.get().text == "Hoe Stret Ward Panel deleted"


# -- what the attendance services say of each entry --------------------------------------


@pytest.fixture
def meeting(database: str) -> int:
    panel = services.create_panel("Hoe Street Ward Panel")
    meeting_id = services.create_meeting(panel.id, "2026-04-10").id
    services.record_attendance(
        meeting_id, "Sgt Tom Reid", "Sergeant", "Metropolitan Police", "apologies", "training"
    )
    services.record_attendance(
        meeting_id, "", "Borough Commander", "Metropolitan Police", "absent", "other duties"
    )
    return meeting_id


def test_a_substitute_stands_in_for_an_expected_post_by_its_title(meeting: int) -> None:
    entry = services.record_attendance(
        meeting, "Insp Ola Kane", "Inspector", "Met", "present", substitute_for="borough commander"
    )
    post = entry.substitute_for
    assert (post.name, post.role) == ("", "Borough Commander")
    assert Person.select().where(Person.name == "").count() == 1


def test_apologies_keep_their_reason_and_only_someone_present_has_times(meeting: int) -> None:
    reid = Attendance.get(Attendance.person == Person.get(Person.name == "Sgt Tom Reid"))
    services.set_attendance(reid.id, "apologies", absence_category="training")
    kept = Attendance.get_by_id(reid.id)
    assert (kept.reason, kept.absence_category) == ("training", "training")
    with pytest.raises(InputError) as refused:
        services.set_attendance(reid.id, "apologies", arrived="19:40")
    assert refused.value.field == "arrived"
    assert "only someone present arrives late" in refused.value.message
    present = services.set_attendance(reid.id, "present", arrived="7.40pm", departed="20:30")
    assert (present.arrived, present.departed, present.reason) == ("19:40", "20:30", "")
    assert present.absence_category == ""
    with pytest.raises(InputError) as backwards:
        services.set_attendance(reid.id, "present", departed="19:00")
    assert backwards.value.field == "left"
    assert Attendance.get_by_id(reid.id).departed == "20:30"


def test_a_time_that_is_not_one_is_refused_naming_the_field(meeting: int) -> None:
    with pytest.raises(InputError) as refused:
        services.record_attendance(meeting, "Jane Doe", arrived="25:00")
    assert refused.value.field == "arrived"
    assert "25:00" in refused.value.message
    assert not Person.select().where(Person.name == "Jane Doe").exists()
