"""Priorities and their life: set, reviewed at later meetings, actions reported against them."""

from __future__ import annotations

import datetime as dt
import json
from dataclasses import dataclass
from pathlib import Path

import peewee
import pytest
from playhouse.migrations import Runner

from tests.engines import skip_syncing
from wardpanel import queries, services
from wardpanel.core.models import Action, Meeting, Priority, PriorityReview
from wardpanel.core.storage.database import (
    MIGRATIONS_DIR,
    db,
    make_database,
    migrate,
    open_database,
)
from wardpanel.interchange import InterchangeError, dump_text, import_files
from wardpanel.services import InputError

FIXTURES = Path(__file__).parent.parent / "fixtures"
MET = "Metropolitan Police"


@pytest.fixture
def fast(database: str) -> str:
    skip_syncing()  # test data need not survive a power cut
    return database


@dataclass
class Panel:
    panel_id: int
    june: Meeting
    september: Meeting
    december: Meeting
    march: Meeting
    phones: Priority
    drugs: Priority


def build_panel() -> Panel:
    """Four meetings planned ahead; two priorities set at the first, one by the police."""
    panel = services.create_panel("Marsh Lane Ward Panel", "Marsh Lane", "Waltham Forest")
    meetings = [
        services.create_meeting(panel.id, day)
        for day in ("2026-06-11", "2026-09-17", "2026-12-10", "2027-03-11")
    ]
    phones = services.add_priority(
        meetings[0].id, "Phone snatching near the station", set_by="police"
    )
    drugs = services.add_priority(meetings[0].id, "Drug dealing in the alleys")
    return Panel(panel.id, *meetings, phones, drugs)


def under_review(meeting: Meeting) -> dict[str, queries.PriorityUnderReview]:
    return {entry.priority.text: entry for entry in queries.priorities_under_review(meeting)}


def row_counts() -> dict[str, int]:
    return {model.__name__: model.select().count() for model in (Priority, PriorityReview, Action)}


# -- setting priorities ----------------------------------------------------------------------


def test_a_priority_is_set_by_the_panel_unless_the_police_set_it(fast) -> None:
    p = build_panel()
    assert (p.phones.set_by, p.drugs.set_by) == ("police", "panel")
    assert Priority.get_by_id(p.drugs.id).set_by == "panel"
    with pytest.raises(InputError) as refused:
        services.add_priority(p.june.id, "Litter", set_by="council")
    assert refused.value.field == "set by"
    assert "police" in refused.value.message


def test_updating_a_priority_keeps_who_set_it_unless_told(fast) -> None:
    p = build_panel()
    services.update_priority(p.phones.id, "Phone snatching at the station", "active")
    assert Priority.get_by_id(p.phones.id).set_by == "police"
    services.update_priority(p.phones.id, "Phone snatching at the station", set_by="panel")
    updated = Priority.get_by_id(p.phones.id)
    assert (updated.text, updated.set_by) == ("Phone snatching at the station", "panel")


# -- reviewing them across meetings -----------------------------------------------------------


def review_across_three_meetings(p: Panel) -> Priority:
    """September keeps phones and replaces drugs; December finds phones achieved."""
    services.review_priority(p.phones.id, p.september.id, "keep", "Thefts still rising.")
    review = services.review_priority(
        p.drugs.id,
        p.september.id,
        "replace",
        "Dealing has moved.",
        replacement="Drug dealing around the estate car parks",
    )
    successor = Priority.get_by_id(review.replaced_by_id)
    services.review_priority(p.phones.id, p.december.id, "achieved", "Down by a third.")
    services.review_priority(successor.id, p.december.id, "keep")
    return successor


def test_keep_then_replace_then_achieved_worked_out_as_of_each_meeting(fast) -> None:
    p = build_panel()
    successor = review_across_three_meetings(p)
    assert successor.meeting_id == p.september.id
    assert successor.set_by == "panel"  # as the priority it replaced

    june = under_review(Meeting.get_by_id(p.june.id))
    assert list(june) == ["Phone snatching near the station", "Drug dealing in the alleys"]
    assert all(entry.set_here and entry.review is None for entry in june.values())
    assert june["Phone snatching near the station"].priority.set_by == "police"

    september = under_review(Meeting.get_by_id(p.september.id))
    assert list(september) == [
        "Phone snatching near the station",
        "Drug dealing in the alleys",
        "Drug dealing around the estate car parks",
    ]
    phones = september["Phone snatching near the station"]
    # Seen from September, phones is active: December's "achieved" came later.
    assert (phones.status, phones.set_here, phones.review.outcome) == ("active", False, "keep")
    assert phones.review.note == "Thefts still rising."
    assert phones.earlier_reviews == ()
    assert phones.set_at.date == dt.date(2026, 6, 11)
    drugs = september["Drug dealing in the alleys"]
    assert (drugs.status, drugs.review.outcome) == ("active", "replace")
    assert drugs.review.replaced_by.text == "Drug dealing around the estate car parks"
    new = september["Drug dealing around the estate car parks"]
    assert new.set_here and new.replaces.id == p.drugs.id

    december = under_review(Meeting.get_by_id(p.december.id))
    assert list(december) == [
        "Phone snatching near the station",
        "Drug dealing around the estate car parks",
    ]  # the replaced priority is gone
    phones = december["Phone snatching near the station"]
    assert [r.outcome for r in phones.earlier_reviews] == ["keep"]
    assert phones.review.outcome == "achieved"
    assert phones.status == "active"  # as December's meeting began; achieved at it
    assert [r.outcome for r in phones.reviews] == ["keep", "achieved"]
    assert december["Drug dealing around the estate car parks"].replaces is None

    march = under_review(Meeting.get_by_id(p.march.id))
    assert list(march) == ["Drug dealing around the estate car parks"]
    assert [r.outcome for r in march["Drug dealing around the estate car parks"].reviews] == [
        "keep"
    ]


def test_the_status_follows_the_latest_review_even_when_an_older_one_is_corrected(
    fast,
) -> None:
    p = build_panel()
    successor = review_across_three_meetings(p)
    statuses = {
        priority.text: priority.status for priority in Priority.select().order_by(Priority.id)
    }
    assert statuses == {
        "Phone snatching near the station": "achieved",
        "Drug dealing in the alleys": "dropped",
        "Drug dealing around the estate car parks": "active",
    }
    services.review_priority(p.phones.id, p.september.id, "keep", "Corrected note.")
    assert Priority.get_by_id(p.phones.id).status == "achieved"  # December still decides
    assert PriorityReview.select().where(PriorityReview.priority == p.phones.id).count() == 2
    services.review_priority(successor.id, p.march.id, "dropped")
    assert Priority.get_by_id(successor.id).status == "dropped"


def test_a_second_review_at_the_same_meeting_updates_the_first(fast) -> None:
    p = build_panel()
    first = services.review_priority(
        p.drugs.id, p.september.id, "replace", replacement="Dealing near the school"
    )
    second = services.review_priority(
        p.drugs.id, p.september.id, "replace", "Reworded.", replacement="Dealing by the school"
    )
    assert second.id == first.id and second.replaced_by_id == first.replaced_by_id
    assert Priority.get_by_id(second.replaced_by_id).text == "Dealing by the school"
    assert PriorityReview.select().count() == 1

    # Changing the outcome removes the replacement nobody has used yet.
    services.review_priority(p.drugs.id, p.september.id, "keep")
    assert Priority.get_or_none(Priority.id == first.replaced_by_id) is None
    assert Priority.get_by_id(p.drugs.id).status == "active"
    assert PriorityReview.get_by_id(first.id).replaced_by_id is None


def test_a_replacement_with_actions_against_it_survives_a_change_of_outcome(fast) -> None:
    p = build_panel()
    review = services.review_priority(
        p.drugs.id, p.september.id, "replace", replacement="Dealing near the school"
    )
    action = services.add_action(p.september.id, "Patrol the school gates", organisation=MET)
    services.link_action_to_priority(action.id, review.replaced_by_id)
    services.review_priority(p.drugs.id, p.september.id, "dropped", "Not a police matter.")
    kept = Priority.get_by_id(review.replaced_by_id)
    assert (kept.text, kept.meeting_id, kept.status) == (
        "Dealing near the school",
        p.september.id,
        "active",
    )
    assert Priority.get_by_id(p.drugs.id).status == "dropped"


def test_undoing_a_review_restores_the_status(fast) -> None:
    p = build_panel()
    keep = services.review_priority(p.phones.id, p.september.id, "keep")
    achieved = services.review_priority(p.phones.id, p.december.id, "achieved")
    services.delete_priority_review(achieved.id)
    assert Priority.get_by_id(p.phones.id).status == "active"
    services.review_priority(p.phones.id, p.december.id, "dropped")
    services.delete_priority_review(keep.id)
    assert Priority.get_by_id(p.phones.id).status == "dropped"


@pytest.mark.parametrize(
    ("change", "field", "words"),
    [
        (dict(meeting="june"), "meeting", "set this priority"),
        (dict(outcome="forgotten"), "outcome", "'forgotten' is not one of"),
        (dict(outcome=""), "outcome", "choose one of keep, replace, achieved, dropped"),
        (dict(outcome="replace"), "replacement", "write the priority that replaces"),
        (dict(replacement="Something else"), "replacement", "only when the outcome is replace"),
        (dict(priority=10_000), "priority", "no priority with id 10000"),
        (dict(other_panel=True), "meeting", "another panel"),
        (dict(earlier=True), "meeting", "is not after 2026-09-17"),
    ],
)
def test_a_bad_review_names_the_field_and_writes_nothing(fast, change, field, words) -> None:
    p = build_panel()
    priority_id = change.get("priority", p.phones.id)
    meeting_id = p.september.id
    if change.get("meeting") == "june":
        meeting_id = p.june.id
    if change.get("other_panel"):
        other = services.create_panel("Another panel")
        meeting_id = services.create_meeting(other.id, "2026-09-17").id
    if change.get("earlier"):
        priority_id = services.add_priority(p.september.id, "Set in September").id
        meeting_id = services.create_meeting(p.panel_id, "2026-07-01").id
    before = row_counts()
    with pytest.raises(InputError) as refused:
        services.review_priority(
            priority_id,
            meeting_id,
            change.get("outcome", "keep"),
            replacement=change.get("replacement"),
        )
    assert refused.value.field == field
    assert words in str(refused.value)
    assert row_counts() == before


# -- actions reported against priorities ------------------------------------------------------


def test_actions_against_a_priority_show_as_they_stood_at_each_meeting(fast) -> None:
    p = build_panel()
    patrols = services.add_action(
        p.june.id, "Weekly patrols at the station", "Ayesha Rahman", MET, "2026-08-01"
    )
    services.link_action_to_priority(patrols.id, p.phones.id)
    services.add_action_update(patrols.id, "Patrols started.", "in_progress", "2026-07-01")
    services.add_action_update(patrols.id, "Patrols ended; thefts down.", "done", "2026-10-01")
    later = services.add_action(p.december.id, "Report the figures", organisation=MET)
    services.link_action_to_priority(later.id, p.phones.id)

    at_june = under_review(Meeting.get_by_id(p.june.id))["Phone snatching near the station"]
    [reported] = at_june.actions
    assert (reported.status, reported.latest) == ("open", None)

    at_september = under_review(Meeting.get_by_id(p.september.id))
    [reported] = at_september["Phone snatching near the station"].actions
    assert reported.action.owner.name == "Ayesha Rahman"
    assert (reported.status, reported.latest.text) == ("in_progress", "Patrols started.")

    at_december = under_review(Meeting.get_by_id(p.december.id))
    phones = at_december["Phone snatching near the station"]
    assert [(r.action.text, r.status) for r in phones.actions] == [
        ("Weekly patrols at the station", "done"),
        ("Report the figures", "open"),
    ]
    assert phones.actions[0].latest.text == "Patrols ended; thefts down."
    assert at_december["Drug dealing in the alleys"].actions == ()


def test_linking_an_action_checks_the_panel_and_none_unlinks(fast) -> None:
    p = build_panel()
    action = services.add_action(p.june.id, "Patrols", organisation=MET)
    assert services.link_action_to_priority(action.id, p.phones.id).priority_id == p.phones.id
    other = services.create_panel("Another panel")
    elsewhere = services.add_priority(services.create_meeting(other.id, "2026-06-01").id, "X")
    with pytest.raises(InputError) as refused:
        services.link_action_to_priority(action.id, elsewhere.id)
    assert refused.value.field == "priority"
    assert Action.get_by_id(action.id).priority_id == p.phones.id
    services.link_action_to_priority(action.id, None)
    assert Action.get_by_id(action.id).priority_id is None
    with pytest.raises(InputError) as refused:
        services.link_action_to_priority(action.id, 10_000)
    assert refused.value.field == "priority"


def test_deleting_a_priority_takes_its_reviews_and_leaves_its_actions(fast) -> None:
    p = build_panel()
    action = services.add_action(p.june.id, "Patrols", organisation=MET)
    services.link_action_to_priority(action.id, p.phones.id)
    services.review_priority(p.phones.id, p.september.id, "keep")
    services.delete_priority(p.phones.id)
    assert PriorityReview.select().count() == 0
    assert Action.get_by_id(action.id).priority_id is None


def test_deleting_a_meeting_takes_the_reviews_made_at_it(fast) -> None:
    p = build_panel()
    services.review_priority(p.phones.id, p.september.id, "keep")
    services.review_priority(p.phones.id, p.december.id, "achieved")
    services.delete_meeting(p.september.id)
    [left] = PriorityReview.select()
    assert left.meeting_id == p.december.id
    assert Priority.get_by_id(p.phones.id).status == "achieved"
    services.delete_meeting(p.december.id)
    assert PriorityReview.select().count() == 0
    assert Priority.get_by_id(p.phones.id).status == "active"  # nothing says otherwise now


def test_partnership_aims_are_priorities_tracked_with_their_figures(fast) -> None:
    [launch_id] = import_files([FIXTURES / "partnership.json"])
    launch = Meeting.get_by_id(launch_id)
    aims = list(Priority.select().where(Priority.meeting == launch_id).order_by(Priority.id))
    assert len(aims) == 4 and {aim.set_by for aim in aims} == {"panel"}
    report = Action.get(Action.text.startswith("Report arrests, knife seizures"))
    services.link_action_to_priority(report.id, aims[0].id)
    review = services.create_meeting(launch.panel_id, "2019-05-09", title="First review")
    services.add_action_update(
        report.id,
        "Six months on St James Street: 70 arrests, 15 knife seizures, knife crime down 38 %.",
        "done",
        "2019-05-01",
        meeting_id=review.id,
    )
    services.review_priority(aims[0].id, review.id, "keep", "Keep pursuing the gangs.")
    services.review_priority(aims[3].id, review.id, "replace", replacement="Ten resident networks")

    entries = queries.priorities_under_review(Meeting.get_by_id(review.id))
    assert [entry.priority.id for entry in entries[:4]] == [aim.id for aim in aims]
    assert entries[4].priority.text == "Ten resident networks" and entries[4].set_here
    [reported] = entries[0].actions
    assert reported.status == "done" and "70 arrests" in reported.latest.text
    assert [entry.review.outcome if entry.review else None for entry in entries] == [
        "keep",
        None,
        None,
        "replace",
        None,
    ]


# -- meeting files ------------------------------------------------------------------------------


def test_a_meeting_file_carries_who_set_a_priority_and_dumps_it_back_exactly(
    fast, make_target, tmp_path: Path
) -> None:
    data = json.loads((FIXTURES / "stop_and_search.json").read_text(encoding="utf-8"))
    data["priorities"][0]["set_by"] = "police"
    data["priorities"][1]["set_by"] = "panel"
    source = tmp_path / "meeting.json"
    source.write_text(json.dumps(data), encoding="utf-8")
    [meeting_id] = import_files([source])
    setters = [p.set_by for p in Priority.select().order_by(Priority.id)]
    assert setters == ["police", "panel"]
    first = dump_text(meeting_id)
    # Written only for the police, so files from before the key dump unchanged.
    assert [p.get("set_by") for p in json.loads(first)["priorities"]] == ["police", None]

    copy = tmp_path / "dumped.json"
    copy.write_text(first, encoding="utf-8")
    first_db = db.obj
    second_db = open_database(make_target())
    try:
        [again] = import_files([copy])
        assert dump_text(again) == first
    finally:
        second_db.close()
        db.initialize(first_db)


def test_a_meeting_file_with_an_unknown_setter_is_refused(fast, tmp_path: Path) -> None:
    data = json.loads((FIXTURES / "partnership.json").read_text(encoding="utf-8"))
    data["priorities"][2]["set_by"] = "council"
    source = tmp_path / "meeting.json"
    source.write_text(json.dumps(data), encoding="utf-8")
    with pytest.raises(InterchangeError) as refused:
        import_files([source])
    assert refused.value.key == "priorities[3].set_by"
    assert "'council' is not one of panel, police" in str(refused.value)
    assert Priority.select().count() == 0


# -- migration 0003 ----------------------------------------------------------------------------


def _before_0003() -> str:
    runner_names = sorted(path.stem for path in MIGRATIONS_DIR.glob("[0-9]*.py"))
    return [name for name in runner_names if int(name[:4]) < 3][-1]


def test_migration_0003_upgrades_a_database_with_priorities_and_actions(make_target) -> None:
    target = make_target(migrated=False)
    old = make_database(target)
    old.connect()
    applied = Runner(old, directory=str(MIGRATIONS_DIR)).up(target=_before_0003())
    assert applied[0] == "0001_initial" and "0003_priority_reviews" not in applied
    for sql in (
        "INSERT INTO panel (name, ward, borough, created_at) VALUES ('Old panel', '', '', "
        "'2025-01-01 10:00:00')",
        "INSERT INTO meeting (panel_id, title, date, start, venue, chair, status, created_at, "
        "updated_at) VALUES (1, 'Ward panel meeting', '2025-01-09', '', '', '', 'approved', "
        "'2025-01-01 10:00:00', '2025-01-01 10:00:00')",
        "INSERT INTO meeting (panel_id, title, date, start, venue, chair, status, created_at, "
        "updated_at) VALUES (1, 'Ward panel meeting', '2025-04-10', '', '', '', 'draft', "
        "'2025-01-01 10:00:00', '2025-01-01 10:00:00')",
        "INSERT INTO priority (panel_id, meeting_id, text, status) VALUES (1, 1, 'Burglary', "
        "'active')",
        "INSERT INTO priority (panel_id, meeting_id, text, status) VALUES (1, 1, 'Speeding', "
        "'achieved')",
        "INSERT INTO action (meeting_id, text, due, status, created_at) VALUES (1, "
        "'Leaflet the estate', '2025-02-01', 'open', '2025-01-09 20:00:00')",
        "INSERT INTO action (meeting_id, text, status, created_at) VALUES (1, "
        "'Speed watch', 'done', '2025-01-09 20:00:00')",
        "INSERT INTO action_update (action_id, date, text, status, created_at) VALUES (2, "
        "'2025-03-01', 'Done', 'done', '2025-03-01 09:00:00')",
    ):
        old.execute_sql(sql)
    tables = ("panel", "meeting", "priority", "action", "action_update")
    # The columns each table had before 0003; later migrations add more of their own.
    columns = {table: [c.name for c in old.get_columns(table)] for table in tables}

    def rows(database: peewee.Database, table: str, extra: tuple[str, ...] = ()) -> list:
        names = ", ".join(f'"{name}"' for name in (*columns[table], *extra))
        return database.execute_sql(f'SELECT {names} FROM "{table}" ORDER BY id').fetchall()

    before = {table: rows(old, table) for table in tables}
    old.close()

    database = open_database(target)  # opening runs what is pending
    try:
        assert "0003_priority_reviews" in [
            row[0] for row in database.execute_sql("SELECT name FROM schema_migration")
        ]
        added = {"priority": ("set_by",), "action": ("priority_id",)}
        after = {table: rows(database, table, added.get(table, ())) for table in tables}
        # Every row kept, each with its new column at the end: set_by, priority_id.
        assert [row[:-1] for row in after["priority"]] == before["priority"]
        assert [row[-1] for row in after["priority"]] == ["panel", "panel"]
        assert [row[:-1] for row in after["action"]] == before["action"]
        assert [row[-1] for row in after["action"]] == [None, None]
        for table in ("panel", "meeting", "action_update"):
            assert after[table] == before[table]
        indexes = {index.name for index in database.get_indexes("action")}
        assert "action_priority_id" in indexes
        assert database.execute_sql("SELECT COUNT(*) FROM priority_review").fetchone() == (0,)

        # The upgraded database works through the services at once.
        services.link_action_to_priority(1, 1)
        services.review_priority(1, 2, "replace", replacement="Burglary on the estate")
        [burglary, speeding, successor] = Priority.select().order_by(Priority.id)
        assert (burglary.status, speeding.status, successor.meeting_id) == (
            "dropped",
            "achieved",
            2,
        )
        assert migrate(database) == []
    finally:
        database.close()
        db.initialize(None)


def test_migration_0003_can_be_reverted_and_applied_again(database: str) -> None:
    meeting = services.create_meeting(services.create_panel("P").id, "2026-01-01")
    priority = services.add_priority(meeting.id, "Burglary", set_by="police")
    runner = Runner(db.obj, directory=str(MIGRATIONS_DIR))
    reverted = runner.down(target="0003_priority_reviews")  # and every later one
    assert reverted[-1] == "0003_priority_reviews"
    assert "priority_review" not in db.get_tables()
    assert "set_by" not in {c.name for c in db.get_columns("priority")}
    assert "priority_id" not in {c.name for c in db.get_columns("action")}
    assert runner.up() == list(reversed(reverted))
    again = Priority.get_by_id(priority.id)
    assert (again.text, again.set_by) == ("Burglary", "panel")  # the default, once more


def test_an_action_is_written_and_edited_against_a_priority_in_one_change(fast) -> None:
    p = build_panel()
    other = services.create_panel("Hoe Street Ward Panel")
    elsewhere = services.add_priority(
        services.create_meeting(other.id, "2026-09-01").id, "Speeding on Hoe Street"
    )
    action = services.add_action(p.september.id, "Patrol the station", priority_id=p.phones.id)
    assert Action.get_by_id(action.id).priority_id == p.phones.id

    services.update_action(action.id, "Patrol the station at night", priority_id=p.drugs.id)
    assert Action.get_by_id(action.id).priority_id == p.drugs.id
    # Left out, the link stays as it is; None unlinks.
    services.update_action(action.id, "Patrol the station at night", status="in_progress")
    assert Action.get_by_id(action.id).priority_id == p.drugs.id
    services.update_action(action.id, "Patrol the station at night", priority_id=None)
    assert Action.get_by_id(action.id).priority_id is None

    # Another panel's priority is refused, and the edit with it: nothing changes.
    with pytest.raises(InputError, match="another panel"):
        services.update_action(action.id, "Changed words", priority_id=elsewhere.id)
    with pytest.raises(InputError, match="another panel"):
        services.add_action(p.september.id, "A new action", priority_id=elsewhere.id)
    unchanged = Action.get_by_id(action.id)
    assert (unchanged.text, unchanged.priority_id) == ("Patrol the station at night", None)
    assert Action.select().count() == 1
