"""Officers' follow-up: every action across meetings, filtered, sorted, paged and counted,
each with its whole history; reassigning and moving due dates write to that history."""

from __future__ import annotations

import dataclasses
import datetime as dt
from pathlib import Path

import peewee as pw
import pytest
from docx import Document

from tests.engines import as_drafts, changing_approved, skip_syncing
from wardpanel import services
from wardpanel.core.models import ACTION_STATUSES, Action, ActionUpdate, Person, Question
from wardpanel.exporting import export_actions
from wardpanel.interchange import import_files
from wardpanel.queries.action_history import action_history
from wardpanel.queries.actions import (
    ANONYMOUS,
    ActionFilter,
    ActionRow,
    QueryError,
    find_actions,
)

FIXTURES = Path(__file__).resolve().parent.parent / "fixtures"
ASSEMBLY = "Waltham Forest Safer Neighbourhood Board"
WEBINAR = "Waltham Forest Community Safety Webinar"
MET = "Metropolitan Police"
COUNCIL = "Waltham Forest Council"
AUTUMN = dt.date(2026, 10, 31)
JUNE = dt.date(2026, 6, 1)
EVERY = ACTION_STATUSES


@pytest.fixture
def seeds(database: str) -> dict[str, int]:
    """The citizens' assembly (ten recommendations for the Met, due in the autumn) and
    the webinar (two council actions done, two of the Met's open), with one action more
    owned by the webinar's anonymous asker and one with no due date."""
    skip_syncing()  # test data need not survive a power cut
    assembly, webinar = import_files(
        [FIXTURES / "citizens_assembly.json", FIXTURES / "webinar.json"]
    )
    harassment = Question.get(Question.meeting == webinar, Question.anonymous)
    with changing_approved():
        anonymous = services.add_action(
            webinar,
            "Tell the asker which streets the patrols will cover.",
            owner="Farida Qureshi",
            due="2025-07-15",
            question_id=harassment.id,
        )
        undated = services.add_action(webinar, "Find a venue for a women's safety walk.")
    return {
        "assembly": assembly,
        "webinar": webinar,
        "anonymous": anonymous.id,
        "undated": undated.id,
    }


def ids(page) -> list[int]:
    return [row.id for row in page.rows]


def everything(**filters) -> list[int]:
    """Every matching id, in order, read in one long page."""
    return ids(find_actions(ActionFilter(**filters), limit=1000))


def action_id(text_start: str) -> int:
    return Action.get(Action.text.startswith(text_start)).id


# -- the default view, statuses and counts ------------------------------------------------


def test_done_and_dropped_leave_the_default_view_but_stay_findable(seeds) -> None:
    published = action_id("Publish the questions")
    default = find_actions(ActionFilter(as_of=JUNE), limit=100)
    assert {row.status for row in default.rows} == {"open", "in_progress"}
    assert published not in ids(default)
    assert default.total == len(default.rows) == 14
    every = find_actions(ActionFilter(statuses=EVERY, as_of=JUNE), limit=100)
    assert published in ids(every)
    assert every.total == 16
    done = find_actions(ActionFilter(statuses=("done",), as_of=JUNE))
    assert ids(done) == [published, action_id("Send a direct reply")]  # by due date
    services.close_action(action_id("Make officers far more visible"), dropped=True)
    dropped = find_actions(ActionFilter(statuses=("dropped",), as_of=JUNE))
    assert [row.text for row in dropped.rows] == [
        "Make officers far more visible on the borough's streets."
    ]
    assert find_actions(ActionFilter(as_of=JUNE), limit=100).total == 13


def test_counts_break_down_every_status_under_the_other_filters(seeds) -> None:
    page = find_actions(ActionFilter(as_of=JUNE), limit=1)
    assert page.counts == {"open": 13, "in_progress": 1, "overdue": 3, "done": 2, "dropped": 0}
    assert len(page.rows) == 1 and page.total == 14
    met = find_actions(ActionFilter(organisation=MET, statuses=("done",), as_of=JUNE))
    assert met.total == 0  # the Met has nothing done...
    assert met.counts == {"open": 11, "in_progress": 1, "overdue": 2, "done": 0, "dropped": 0}
    overdue = find_actions(ActionFilter(overdue=True, as_of=JUNE))
    assert overdue.total == 3
    assert overdue.counts == page.counts  # overdue is what the counts break down


def test_an_unknown_status_an_empty_choice_or_a_bad_page_is_refused(seeds) -> None:
    for bad, page, field in (
        (ActionFilter(statuses=("closed",)), {}, "statuses"),
        (ActionFilter(statuses=()), {}, "statuses"),
        (ActionFilter(), {"limit": 0}, "limit"),
        (ActionFilter(), {"offset": -1}, "offset"),
        (ActionFilter(due_from=AUTUMN, due_to=JUNE), {}, "due_to"),
    ):
        with pytest.raises(QueryError) as refused:
            find_actions(bad, **page)
        assert refused.value.field == field


# -- sorting and paging ---------------------------------------------------------------------


def test_sorted_by_due_date_then_id_with_no_due_date_last(seeds) -> None:
    rows = find_actions(ActionFilter(statuses=EVERY, as_of=JUNE), limit=100).rows
    dated = [row for row in rows if row.due is not None]
    assert [(row.due, row.id) for row in dated] == sorted((row.due, row.id) for row in dated)
    assert rows[-1].id == seeds["undated"] and rows[-1].due is None
    assert rows[0].text.startswith("Publish the questions")  # due 9 May 2025
    assembly = [row.id for row in rows if row.due == AUTUMN]
    assert assembly == sorted(assembly) and len(assembly) == 10


def test_pages_follow_one_another_without_gaps_or_repeats(seeds) -> None:
    whole = everything(statuses=EVERY, as_of=JUNE)
    pages = []
    for offset in range(0, 20, 3):
        page = find_actions(ActionFilter(statuses=EVERY, as_of=JUNE), limit=3, offset=offset)
        assert page.total == 16
        assert page.has_more == (offset + 3 < 16)
        pages += ids(page)
    assert pages == whole
    beyond = find_actions(ActionFilter(statuses=EVERY), offset=40)
    assert beyond.rows == () and beyond.total == 16


# -- filters ---------------------------------------------------------------------------------


def test_panel_organisation_and_owner_match_whatever_their_case(seeds) -> None:
    assembly = everything(panel=ASSEMBLY.upper(), as_of=JUNE)
    assert len(assembly) == 10
    assert {Action.get_by_id(i).meeting_id for i in assembly} == {seeds["assembly"]}
    council = everything(organisation="waltham FOREST council", statuses=EVERY)
    assert [Action.get_by_id(i).text[:20] for i in council] == [
        "Publish the question",
        "Send a direct reply ",
    ]
    martin = everything(owner="  MARTIN   oyelaran ")
    assert [Action.get_by_id(i).owner.name for i in martin] == ["Martin Oyelaran"] * 2


def test_names_beyond_ascii_match_whatever_their_case(seeds) -> None:
    with changing_approved():
        action = services.add_action(seeds["webinar"], "Ask the café owners.", owner="Zoë Ångström")
    assert everything(owner="ZOË ÅNGSTRÖM") == [action.id]


def test_a_name_that_matches_nobody_matches_nothing_and_says_which(seeds) -> None:
    page = find_actions(ActionFilter(owner="Nobody Known", organisation="Nowhere Council"))
    assert page.rows == () and page.total == 0
    assert page.unknown == ("organisation", "owner")
    assert page.counts == dict.fromkeys(page.counts, 0)


def test_overdue_is_judged_on_the_as_of_day(seeds) -> None:
    before_autumn = find_actions(ActionFilter(overdue=True, as_of=JUNE))
    assert [row.text[:12] for row in before_autumn.rows] == [
        "Send webinar",
        "Share figure",
        "Tell the ask",
    ]
    assert all(row.overdue for row in before_autumn.rows)
    after = find_actions(ActionFilter(overdue=True, as_of=dt.date(2026, 11, 1)), limit=100)
    assert after.total == 13
    on_the_day = find_actions(ActionFilter(panel=ASSEMBLY, overdue=True, as_of=AUTUMN))
    assert on_the_day.total == 0  # due that very day: not yet overdue
    rows = find_actions(ActionFilter(panel=ASSEMBLY, as_of=dt.date(2026, 11, 1))).rows
    assert all(row.overdue for row in rows)
    done = find_actions(ActionFilter(statuses=("done",), as_of=dt.date(2030, 1, 1))).rows
    assert not any(row.overdue for row in done)  # done is never overdue


def test_due_dates_between_two_days(seeds) -> None:
    may = everything(due_from=dt.date(2025, 5, 1), due_to=dt.date(2025, 5, 31), statuses=EVERY)
    assert [Action.get_by_id(i).due.isoformat() for i in may] == [
        "2025-05-09",
        "2025-05-23",
        "2025-05-31",
    ]
    assert everything(due_from=AUTUMN) == everything(panel=ASSEMBLY)


def test_text_is_found_in_the_action_and_in_its_updates(seeds) -> None:
    vehicle = action_id("Share figures on vehicle crime")
    assert everything(text="vehicle") == [vehicle]
    assert everything(text="performance team") == [vehicle]  # only in its update
    assert everything(text="PERFORMANCE") == [vehicle]
    assert everything(text="replies", statuses=EVERY) == [action_id("Send a direct reply")]
    assert everything(text="replies") == []  # done: out of the default view
    assert everything(text="performance zebra") == []  # every word must be there
    assert everything(text="?!…") == []  # no word: nothing, never an error
    counted = find_actions(ActionFilter(text="recruit OR officers", as_of=JUNE))
    assert counted.total == 0  # OR is a word like any other, not an operator


def test_text_follows_edits_of_the_action_and_its_updates(seeds) -> None:
    vehicle = action_id("Share figures on vehicle crime")
    as_drafts()  # the webinar's minutes are approved: editing what was agreed needs this
    services.update_action(vehicle, "Share figures on bicycle theft.", "Martin Oyelaran", MET)
    assert everything(text="vehicle") == []
    assert everything(text="bicycle") == [vehicle]
    services.add_action_update(vehicle, "Asked the cycle hub for its data.")
    assert everything(text="cycle hub") == [vehicle]
    services.delete_action(vehicle)
    assert everything(text="bicycle") == everything(text="performance") == []


def test_text_combines_with_the_other_filters_and_counts(seeds) -> None:
    page = find_actions(ActionFilter(text="officers", organisation=MET, as_of=JUNE))
    texts = [row.text for row in page.rows]
    assert texts and all("officer" in t.lower() for t in texts)
    assert page.total == len(texts)
    assert page.counts["open"] == len(texts)
    assert find_actions(ActionFilter(text="officers", organisation=COUNCIL)).total == 0


def test_the_word_list_holds_exactly_what_the_follow_up_view_lists(seeds, tmp_path) -> None:
    day = dt.date(2026, 11, 1)
    for panel, organisation, owner, status, overdue in [
        (None, None, None, None, False),
        (ASSEMBLY, None, None, None, False),
        (None, MET, None, "open", False),
        (None, None, "Joanne Pryce", "done", False),
        (None, MET, None, None, True),
        (WEBINAR.lower(), None, None, "in_progress", True),
    ]:
        statuses = (status,) if status else EVERY
        filters = ActionFilter(panel, organisation, owner, statuses, overdue, as_of=day)
        path = export_actions(tmp_path / f"{len(list(tmp_path.iterdir()))}.docx", filters)
        cells = {cell.text for table in Document(path).tables for row in table.rows[1:]
                 for cell in row.cells[:1]}  # fmt: skip
        listed = everything(
            panel=panel,
            organisation=organisation,
            owner=owner,
            statuses=statuses,
            overdue=overdue,
            as_of=day,
        )
        assert cells == {Action.get_by_id(action_id).ref for action_id in listed}, filters
        assert sum(len(table.rows) - 1 for table in Document(path).tables) == len(listed)


def test_my_actions_come_first_then_my_organisations_then_the_rest(seeds) -> None:
    martin = Person.get(Person.name == "Martin Oyelaran")
    rows = find_actions(ActionFilter(me=martin.id, as_of=JUNE), limit=100).rows
    ranks = [row.rank for row in rows]
    assert ranks == sorted(ranks)
    assert [row.owner_name() for row in rows if row.mine] == ["Martin Oyelaran"] * 2
    assert [row.organisation for row in rows if row.rank == 1] == [MET] * 10
    rest = [row for row in rows if row.rank == 2]
    assert [row.id for row in rest] == [seeds["anonymous"], seeds["undated"]]
    for part in (0, 1, 2):  # each part sorted as the whole list is
        dated = [(r.due, r.id) for r in rows if r.rank == part and r.due]
        assert dated == sorted(dated)
    plain = find_actions(ActionFilter(as_of=JUNE), limit=100)
    assert {row.id for row in plain.rows} == {row.id for row in rows}
    assert all(row.rank == 2 for row in plain.rows)


def test_mine_first_pages_cut_across_the_parts_cleanly(seeds) -> None:
    martin = Person.get(Person.name == "Martin Oyelaran").id
    whole = everything(me=martin, statuses=EVERY)
    for size in (1, 2, 5, 7):
        paged = []
        for offset in range(0, len(whole), size):
            page = find_actions(ActionFilter(me=martin, statuses=EVERY), limit=size, offset=offset)
            assert page.total == len(whole)
            paged += ids(page)
        assert paged == whole


def test_mine_first_for_a_resident_and_for_someone_unknown(seeds) -> None:
    farida = Person.get(Person.name == "Farida Qureshi").id
    rows = find_actions(ActionFilter(me=farida), limit=100).rows
    assert rows[0].id == seeds["anonymous"] and rows[0].mine
    assert {row.rank for row in rows[1:]} == {2}  # a resident has no organisation
    assert everything(me=999_999) == everything()


def test_mine_first_with_a_text_filter(seeds) -> None:
    martin = Person.get(Person.name == "Martin Oyelaran").id
    rows = find_actions(ActionFilter(me=martin, text="officers OR figures", as_of=JUNE)).rows
    assert rows == ()
    rows = find_actions(ActionFilter(me=martin, text="figures", as_of=JUNE)).rows
    assert [(row.text[:18], row.rank) for row in rows] == [("Share figures on v", 0)]


# -- what a row holds ------------------------------------------------------------------------


def test_rows_are_light_and_hold_what_the_view_shows(seeds) -> None:
    vehicle = action_id("Share figures on vehicle crime")
    (row,) = find_actions(ActionFilter(text="vehicle", as_of=JUNE)).rows
    assert isinstance(row, ActionRow) and not isinstance(row, pw.Model)
    assert dataclasses.is_dataclass(row)
    with pytest.raises(dataclasses.FrozenInstanceError):
        row.status = "done"  # type: ignore[misc]
    assert (row.id, row.ref) == (vehicle, "WFCS-4")  # the fourth of its panel
    assert (row.owner_name(), row.organisation) == ("Martin Oyelaran", MET)
    assert (row.due, row.status, row.overdue) == (dt.date(2025, 6, 30), "in_progress", True)
    assert (row.panel, row.meeting_id, row.meeting_date) == (
        WEBINAR,
        seeds["webinar"],
        dt.date(2025, 4, 24),
    )
    assert row.question_number == 5  # "Car theft", the fifth question of the webinar
    assert (row.latest_date, row.latest_text) == (
        dt.date(2025, 6, 12),
        "Figures requested from the performance team.",
    )
    undated = find_actions(ActionFilter(text="venue")).rows[0]
    assert (undated.question_number, undated.latest_date, undated.latest_text) == (None, None, "")


def test_the_latest_update_is_the_latest_by_date_not_by_entry(seeds) -> None:
    vehicle = action_id("Share figures on vehicle crime")
    services.add_action_update(vehicle, "Entered late, dated early.", date="2025-06-01")
    (row,) = find_actions(ActionFilter(text="vehicle")).rows
    assert row.latest_text == "Figures requested from the performance team."
    services.add_action_update(vehicle, "Figures sent.", date="2025-07-01")
    (row,) = find_actions(ActionFilter(text="vehicle")).rows
    assert (row.latest_date, row.latest_text) == (dt.date(2025, 7, 1), "Figures sent.")


def test_an_anonymous_asker_who_owns_the_action_stays_a_resident(seeds) -> None:
    rows = find_actions(ActionFilter(), limit=100).rows
    (row,) = [row for row in rows if row.id == seeds["anonymous"]]
    assert row.owner_name() == ANONYMOUS
    assert row.question_number == 7
    assert "Farida" not in repr(rows)


# -- an action's history ------------------------------------------------------------------


def test_history_is_complete_after_reassigning_moving_and_updating(seeds) -> None:
    visible = action_id("Make officers far more visible")
    services.reassign_action(visible, "Eleanor Quist", MET)
    services.change_due_date(visible, "2026-11-30")
    services.add_action_update(
        visible, "Patrol plan drafted.", status="in_progress", date="2026-06-15"
    )
    services.reassign_action(visible, None, COUNCIL)
    history = action_history(visible)
    today = dt.date.today()
    met = "Metropolitan Police"
    expected = [
        (today, f"Reassigned from {met} to Eleanor Quist ({met}).", None),
        (today, "Due date changed from 31 Oct 2026 to 30 Nov 2026.", None),
        (dt.date(2026, 6, 15), "Patrol plan drafted.", "in_progress"),
        (today, f"Reassigned from Eleanor Quist ({met}) to Waltham Forest Council.", None),
    ]
    # In date order, and in the order written within a day.
    assert [(u.date, u.text, u.status) for u in history.updates] == sorted(
        expected, key=lambda u: u[0]
    )
    assert history.owner is None and history.organisation == COUNCIL
    assert history.action.due == dt.date(2026, 11, 30)
    assert (history.panel, history.meeting_date) == (ASSEMBLY, dt.date(2026, 5, 21))
    assert history.question_number == 1
    assert history.question_topic == "Will the recommendations be carried out?"
    assert history.question_text.startswith("Does the Met have to carry out")
    assert history.asker == "Kwame Boateng"
    assert history.ref == Action.get_by_id(visible).ref == "WFB-1"


def test_history_names_the_meeting_an_update_was_reported_at(seeds) -> None:
    vehicle = action_id("Share figures on vehicle crime")
    services.add_action_update(vehicle, "Reported.", meeting_id=seeds["assembly"])
    entries = action_history(vehicle).updates
    assert [(e.text, e.meeting_id, e.meeting_date) for e in entries] == [
        ("Figures requested from the performance team.", None, None),
        ("Reported.", seeds["assembly"], dt.date(2026, 5, 21)),
    ]


def test_history_never_names_an_anonymous_asker(seeds) -> None:
    history = action_history(seeds["anonymous"])
    assert history.asker == ANONYMOUS
    assert history.owner == ANONYMOUS
    assert history.question_topic == "Violence against women and girls"
    shown = [history.asker, history.owner, history.question_text, history.question_topic]
    shown += [entry.text for entry in history.updates]
    assert not any("Farida" in text for text in shown if text)


def test_history_of_an_unknown_action_is_refused(seeds) -> None:
    with pytest.raises(QueryError) as refused:
        action_history(999_999)
    assert refused.value.field == "action"


# -- reassigning and moving due dates --------------------------------------------------


def test_reassigning_to_a_person_brings_their_organisation(seeds) -> None:
    publish = action_id("Publish the questions")
    action = services.reassign_action(publish, "Martin Oyelaran")
    assert (action.owner.name, action.organisation.name) == ("Martin Oyelaran", MET)
    latest = (
        ActionUpdate.select()
        .where(ActionUpdate.action == publish)
        .order_by(ActionUpdate.id.desc())[0]
    )
    assert latest.text == (
        "Reassigned from Joanne Pryce (Waltham Forest Council) to "
        "Martin Oyelaran (Metropolitan Police)."
    )
    assert latest.status is None  # the status stays as it was
    assert Action.get_by_id(publish).status == "done"


def test_reassigning_away_from_an_anonymous_asker_keeps_them_anonymous(seeds) -> None:
    services.reassign_action(seeds["anonymous"], "Joanne Pryce", COUNCIL)
    (entry,) = action_history(seeds["anonymous"]).updates
    assert entry.text == "Reassigned from A resident to Joanne Pryce (Waltham Forest Council)."


def test_reassigning_refuses_nobody_no_change_and_unknown_actions(seeds) -> None:
    vehicle = action_id("Share figures on vehicle crime")
    before = ActionUpdate.select().count()
    for owner, organisation, field in (
        ("", None, "owner"),
        ("  ", "", "owner"),
        ("Martin Oyelaran", MET, "owner"),
        ("x" * 400, None, "owner"),
    ):
        with pytest.raises(services.InputError) as refused:
            services.reassign_action(vehicle, owner, organisation)
        assert refused.value.field == field
    with pytest.raises(services.InputError) as refused:
        services.reassign_action(999_999, "Martin Oyelaran")
    assert refused.value.field == "action"
    assert ActionUpdate.select().count() == before
    assert Action.get_by_id(vehicle).owner.name == "Martin Oyelaran"


def test_moving_setting_and_removing_a_due_date_is_written_down(seeds) -> None:
    undated = seeds["undated"]
    services.change_due_date(undated, "1/12/2026")
    services.change_due_date(undated, dt.date(2027, 1, 15))
    services.change_due_date(undated, "")
    assert Action.get_by_id(undated).due is None
    assert [entry.text for entry in action_history(undated).updates] == [
        "Due date set to 1 Dec 2026.",
        "Due date changed from 1 Dec 2026 to 15 Jan 2027.",
        "Due date removed (it was 15 Jan 2027).",
    ]


def test_a_bad_or_unchanged_due_date_is_refused_and_nothing_written(seeds) -> None:
    visible = action_id("Make officers far more visible")
    before = ActionUpdate.select().count()
    for due in ("31/02/2026", "someday", "2026-10-31", AUTUMN):
        with pytest.raises(services.InputError) as refused:
            services.change_due_date(visible, due)
        assert refused.value.field == "due"
    with pytest.raises(services.InputError):
        services.change_due_date(seeds["undated"], None)
    assert ActionUpdate.select().count() == before
    assert Action.get_by_id(visible).due == AUTUMN
