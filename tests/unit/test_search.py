"""Full-text search over every meeting: each kind of item found, edits and deletions
followed, anonymous askers never findable, any input safe, and migration 0002
indexing a database that already holds meetings."""

from __future__ import annotations

import datetime as dt
import importlib.util
import subprocess
import sys
import time
from pathlib import Path

import peewee as pw
import pytest
from playhouse.migrations import Runner

from tests.engines import as_drafts, is_postgresql, skip_syncing
from wardpanel import services
from wardpanel.core.models import Action, ActionUpdate, Note, Person, Question, Response
from wardpanel.core.storage import database as database_module
from wardpanel.core.storage.database import db, friendly_error, open_database, time_limit
from wardpanel.interchange import InterchangeError, import_files
from wardpanel.queries import search
from wardpanel.services import indexing

FIXTURES = Path(__file__).resolve().parent.parent / "fixtures"
ASSEMBLY = "Waltham Forest Safer Neighbourhood Board"
WEBINAR = "Waltham Forest Community Safety Webinar"


@pytest.fixture
def seeds(database: str) -> dict[str, int | str]:
    skip_syncing()  # test data need not survive a power cut
    assembly, webinar = import_files(
        [FIXTURES / "citizens_assembly.json", FIXTURES / "webinar.json"]
    )
    as_drafts()  # these tests change the meetings
    return {"assembly": assembly, "webinar": webinar, "target": database}


def found(text: str, **options) -> list[tuple[str, int]]:
    return [(hit.kind, hit.item_id) for hit in search.search(text, **options)]


def index_rows() -> list[tuple]:
    return sorted(
        db.execute_sql(
            f"SELECT {search.entry_id_column()}, kind, item_id, meeting_id, action_id, title, "
            "body, names FROM search_entry"
        )
    )


# -- each kind is found ------------------------------------------------------------------


def test_text_is_found_in_every_kind_of_item(seeds) -> None:
    question = Question.get(Question.topic == "Car theft")
    response = Response.get(Response.text.contains("Safe Streets app"))
    action = Action.get(Action.text.startswith("Recruit officers"))
    update = ActionUpdate.get(ActionUpdate.text == "All 58 replies sent.")
    note = Note.get(Note.heading == "Background", Note.meeting == seeds["assembly"])
    assert found("car theft")[0] == ("question", question.id)
    assert ("response", response.id) in found("catcalling")
    assert found("diverse range of candidates") == [("action", action.id)]
    assert found('"all 58 replies"') == [("update", update.id)]
    assert found("Casey's review") == [("note", note.id)]


def test_a_hit_says_where_and_shows_the_words_around_the_match(seeds) -> None:
    (hit,) = search.search("Whipps Cross")
    assert (hit.kind, hit.panel, hit.meeting_id) == ("response", WEBINAR, seeds["webinar"])
    assert hit.meeting_date == dt.date(2025, 4, 24)
    assert hit.action_id is None and hit.rank == 0
    assert [hit.snippet[start:end] for start, end in hit.highlights] == ["Whipps", "Cross"]
    assert "\n" not in hit.snippet and "\x02" not in hit.snippet
    assert len(hit.snippet.split()) <= search.SNIPPET_TOKENS + 2
    (update,) = search.search("performance team")
    action = Action.get(Action.text.startswith("Share figures on vehicle crime"))
    assert (update.kind, update.action_id) == ("update", action.id)


def test_words_match_whatever_their_case_accents_and_endings(seeds) -> None:
    question = Question.get(Question.topic == "Phone thefts").id
    assert ("question", question) in found("PHONE THEFT")
    assert ("question", question) in found("phones thefts")
    services.add_note(seeds["webinar"], "Café", "Meeting moved to the café on the corner.")
    assert found("cafe") == found("CAFÉ") != []


def test_the_best_match_comes_first_and_the_limit_is_kept(seeds) -> None:
    question = Question.get(Question.topic == "Phone thefts").id
    assert found("phone thefts")[0] == ("question", question)  # in its topic: ranked first
    assert len(found("police", limit=3)) == 3
    assert found("police", limit=0) == []


def test_one_panel_only_whatever_its_case(seeds) -> None:
    everywhere = search.search("police")
    assert {hit.panel for hit in everywhere} == {ASSEMBLY, WEBINAR}
    one = search.search("police", panel=ASSEMBLY.upper(), limit=200)
    assert one and {hit.panel for hit in one} == {ASSEMBLY}
    assert search.search("police", panel="No Such Panel") == []


def test_the_newest_meetings_are_ranked_when_a_word_is_found_very_often(
    seeds, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setattr(search, "RANK_LIMIT", 3)
    hits = search.search("police", limit=50)
    assert len(hits) == 3
    assert {hit.meeting_id for hit in hits} == {seeds["webinar"]}  # the later id


# -- no input breaks a query -----------------------------------------------------------------


@pytest.mark.parametrize(
    "text",
    [
        '"',
        '""',
        '"unbalanced quote',
        "AND",
        "OR NOT",
        "NEAR(police, 2)",
        "police*",
        "^police",
        "title: police",
        "{title body}: police",
        "police -council",
        "'; DROP TABLE search_entry; --",
        "(police",
        "\x00police",
        "poli\u0301ce",
        "🚔",
    ],
)
def test_no_input_breaks_the_query(seeds, text: str) -> None:
    search.search(text)  # never raises
    search.search(text, panel=ASSEMBLY)
    assert db.execute_sql("SELECT count(*) FROM search_entry").fetchone()[0] > 0


@pytest.mark.parametrize("text", ["", "   ", "...", "?!", "—", '"  "', "*", "()", "-"])
def test_input_without_a_word_finds_nothing(seeds, text: str) -> None:
    assert search.search(text) == []
    assert search.phrases(text) == []


def test_operators_are_words_and_quotes_make_phrases(seeds) -> None:
    assert search.phrases('Section 60 "stop and search" OR') == [
        "Section",
        "60",
        "stop and search",
        "OR",
    ]
    assert found("police OR zebra") == []  # OR is a word to find, not an operator
    assert found('"recommendations will"') == []
    assert found('"the recommendations"') != []


# -- bounded: no query can keep the database busy ----------------------------------------


def test_a_word_given_many_times_is_looked_for_once(seeds) -> None:
    assert search.phrases("police Police POLICE police") == ["police"]
    assert search.phrases('"the the the the the" "bye bye"') == ["the the", "bye bye"]
    assert found("police " * 40) == found("police")  # 280 characters, one word


def test_a_query_longer_than_anyone_types_is_refused_before_the_database(seeds) -> None:
    many = " ".join(f"word{n}" for n in range(search.MAX_QUERY_WORDS + 1))
    for text in ("police " * 2_000, "x" * (search.MAX_QUERY_CHARACTERS + 1), many):
        with pytest.raises(search.QueryTooLong) as refused:
            search.search(text)
        assert len(refused.value.message) < 120
    most = " ".join(f"word{n}" for n in range(search.MAX_QUERY_WORDS))
    assert search.search(most) == []


def test_a_statement_running_past_its_time_limit_is_stopped(seeds) -> None:
    """The database itself stops a statement that runs on (on both engines), and the
    connection stays usable afterwards."""
    if is_postgresql(seeds["target"]):
        endless = "SELECT pg_sleep(30)"
    else:
        endless = (
            "WITH RECURSIVE n(i) AS (SELECT 1 UNION ALL SELECT i + 1 FROM n) SELECT count(*) FROM n"
        )
    with pytest.raises(pw.OperationalError) as stopped, time_limit(0.3):
        db.execute_sql(endless).fetchall()
    assert "took too long" in friendly_error(stopped.value)
    assert found("recommendations")  # the same connection goes on working


ABANDONED = """
import sys
from wardpanel.core.storage.database import db, open_database, time_limit
open_database(sys.argv[1])
with time_limit(300):
    print("started", flush=True)
    db.execute_sql("SELECT pg_sleep(300) /* abandoned by its program */")
"""


def _still_running(admin, marker: str) -> bool:
    with admin.cursor() as cursor:
        cursor.execute(
            "SELECT count(*) FROM pg_stat_activity WHERE state = 'active' "
            "AND pid <> pg_backend_pid() AND query LIKE %s",
            (f"%{marker}%",),
        )
        return cursor.fetchone()[0] > 0


def test_the_server_stops_a_search_whose_program_died(database: str) -> None:
    """PostgreSQL only: a search's program killed (ctrl+c twice, a closed laptop, kill -9)
    must not leave the server working on it for minutes."""
    if not is_postgresql(database):
        pytest.skip("a SQLite search dies with its program")
    import psycopg2

    admin = psycopg2.connect(database)
    admin.autocommit = True
    if admin.server_version < 140000:
        pytest.skip("PostgreSQL 14 or later checks that a client is still there")
    marker = "abandoned by its program"
    program = subprocess.Popen(
        [sys.executable, "-c", ABANDONED, database], stdout=subprocess.PIPE, text=True
    )
    try:
        assert program.stdout.readline().strip() == "started"
        for _ in range(200):  # until the server is running it
            if _still_running(admin, marker):
                break
            time.sleep(0.05)
        assert _still_running(admin, marker)
        program.kill()
        program.wait()
        for _ in range(300):  # the server notices within a second or two; 30 s at most
            if not _still_running(admin, marker):
                break
            time.sleep(0.1)
        assert not _still_running(admin, marker), "the server is still running the search"
    finally:
        if program.poll() is None:
            program.kill()
        admin.close()


# -- the index follows every change -------------------------------------------------------


def test_edits_replace_the_old_words_with_the_new(seeds) -> None:
    meeting = seeds["webinar"]
    question = services.add_question(meeting, "Why are the bollards down?", topic="Bollards")
    response = services.add_response(question.id, "The bollards are ordered.", "Council")
    action = services.add_action(meeting, "Replace the bollards on Hoe Street.")
    update = services.add_action_update(action.id, "Bollards delivered to the depot.")
    note = services.add_note(meeting, "Bollards", "A resident reported the bollards.")
    kinds = {kind for kind, _ in found("bollards", limit=100)}
    assert kinds == {"question", "response", "action", "update", "note"}

    services.update_question(question.id, "Why are the railings down?", topic="Railings")
    services.update_response(response.id, "The railings are ordered.", "Council")
    services.update_action(action.id, "Replace the railings on Hoe Street.")
    services.update_note(note.id, "Railings", "A resident reported the railings.")
    assert found("bollards") == [("update", update.id)]  # updates are not edited
    assert {kind for kind, _ in found("railings", limit=100)} == {
        "question",
        "response",
        "action",
        "note",
    }


def test_deletions_leave_nothing_behind(seeds) -> None:
    meeting = seeds["webinar"]
    question = services.add_question(meeting, "Are the kiosks licensed?")
    services.add_response(question.id, "The kiosks are licensed yearly.", "Council")
    action = services.add_action(meeting, "Check the kiosks' licences.", question_id=question.id)
    services.add_action_update(action.id, "Kiosks visited.")
    note = services.add_note(meeting, "Kiosks", "Three kiosks on the high road.")
    assert len(found("kiosks")) == 5
    services.delete_question(question.id)  # its responses go with it; the action stays
    assert {kind for kind, _ in found("kiosks")} == {"action", "update", "note"}
    services.delete_action(action.id)  # its updates go with it
    assert found("kiosks") == [("note", note.id)]
    services.delete_note(note.id)
    assert found("kiosks") == []
    response = services.add_response(
        Question.get(Question.topic == "Graffiti").id, "Kiosk walls cleaned.", "Council"
    )
    services.delete_response(response.id)
    assert found("kiosk") == []


def test_deleting_a_meeting_forgets_everything_said_at_it(seeds) -> None:
    before = len(index_rows())
    assert found("Baroness Casey")  # the citizens' assembly's note
    services.delete_meeting(seeds["assembly"])
    assert found("Baroness Casey") == []
    assert found("recommendations") == []
    remaining = index_rows()
    assert remaining and len(remaining) < before
    assert {row[3] for row in remaining} == {seeds["webinar"]}


def test_closing_an_action_and_changing_its_status_index_the_update(seeds) -> None:
    action = Action.get(Action.text.startswith("Recruit officers"))
    services.close_action(action.id, "Recruitment fair held in Leyton.")
    services.update_action(action.id, action.text, None, "Metropolitan Police", status="open")
    assert found("Leyton") and found("Leyton")[0][0] == "update"
    assert ("update", ActionUpdate.select().order_by(ActionUpdate.id.desc())[0].id) in found(
        "status changed"
    )


def test_a_renamed_person_is_found_by_their_new_name_only(seeds) -> None:
    eleanor = Person.get(Person.name == "Eleanor Quist")
    assert any(kind == "response" for kind, _ in found("Quist"))
    services.update_person(eleanor.id, "Eleanor Quist-Hale", eleanor.role, "Metropolitan Police")
    assert found("Quist-Hale") and found("Hale")
    services.update_person(eleanor.id, "Eleanor Marsh", eleanor.role, "Metropolitan Police")
    assert found("Quist") == []


def test_a_failed_import_indexes_nothing(seeds, tmp_path: Path) -> None:
    before = index_rows()
    broken = tmp_path / "broken.json"
    text = (FIXTURES / "stop_and_search.json").read_text(encoding="utf-8")
    broken.write_text(text.replace('"2026-04-30"', '"2026-02-30"'), encoding="utf-8")
    with pytest.raises(InterchangeError):
        import_files([FIXTURES / "partnership.json", broken])
    assert index_rows() == before
    assert found("Life Skills") == []
    import_files([FIXTURES / "partnership.json"])
    assert found("Life Skills")


# -- anonymous askers ---------------------------------------------------------------------


def test_an_anonymous_askers_name_is_never_searchable(seeds) -> None:
    assert found("Siobhan") == found("Reilly") == []  # asked anonymously at the assembly
    assert found("Farida Qureshi") == []  # asked anonymously at the webinar
    assert found("Kwame Boateng") == [
        ("question", Question.get(Question.topic.startswith("Will the")).id)
    ]
    names = " ".join(row[7] for row in index_rows())
    assert "Siobhan" not in names and "Farida" not in names


def test_they_stay_unfindable_in_everything_of_that_meeting(seeds) -> None:
    webinar = seeds["webinar"]
    harassment = Question.get(Question.meeting == webinar, Question.anonymous)
    action = services.add_action(webinar, "Walk the route again.", owner="Farida Qureshi")
    services.add_question(webinar, "And the lighting there?", asker="Farida Qureshi")
    assert found("Farida") == []
    # At another meeting, where she asked openly, her name is found.
    elsewhere = services.add_question(seeds["assembly"], "Any news?", asker="Farida Qureshi")
    assert found("Farida") == [("question", elsewhere.id)]
    # Once the webinar's question is no longer anonymous, her name is found there too.
    services.update_question(
        harassment.id, harassment.text, asker="Farida Qureshi", topic=harassment.topic
    )
    assert ("action", action.id) in found("Farida", limit=100)
    assert ("question", harassment.id) in found("Farida", limit=100)
    # And marked anonymous again, it is gone from every item of that meeting.
    services.update_question(
        harassment.id, harassment.text, "Farida Qureshi", anonymous=True, topic=harassment.topic
    )
    assert found("Farida") == [("question", elsewhere.id)]


def test_asking_anonymously_hides_a_name_already_indexed(seeds) -> None:
    assembly = seeds["assembly"]
    services.add_question(assembly, "Who checks progress?", asker="Kwame Boateng")
    assert len(found("Kwame")) == 2
    services.add_question(assembly, "A private worry.", asker="Kwame Boateng", anonymous=True)
    assert found("Kwame") == []
    anonymous = Question.get(Question.text == "A private worry.")
    services.delete_question(anonymous.id)
    assert len(found("Kwame")) == 2


# -- the index and the migration agree ------------------------------------------------------


def _migration_0002():
    path = database_module.MIGRATIONS_DIR / "0002_followup_and_search.py"
    spec = importlib.util.spec_from_file_location("migration_0002", path)
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    return module


def test_the_services_keep_the_index_as_a_fresh_fill_would_make_it(seeds) -> None:
    webinar = seeds["webinar"]
    question = services.add_question(webinar, "Noise at night?", "Ann Other", topic="Noise")
    services.add_response(question.id, "Noise team informed.", "Council", "Joanne Pryce")
    action = services.add_action(webinar, "Visit the flats.", "Ann Other", due="2026-01-01")
    services.reassign_action(action.id, "Joanne Pryce", "Waltham Forest Council")
    services.change_due_date(action.id, "2026-02-01")
    services.update_question(question.id, "Noise at night?", "Ann Other", anonymous=True)
    kept = index_rows()
    with db.atomic():
        indexing.rebuild_index()
    assert index_rows() == kept
    with db.atomic():
        db.execute_sql("DELETE FROM search_entry")
        for select in _migration_0002().FILL:
            db.execute_sql(
                f"INSERT INTO search_entry ({search.entry_id_column()}, kind, item_id, meeting_id, "
                f"action_id, title, body, names) {select}"
            )
    assert index_rows() == kept


# Rows as the first version stored them. No ids are given: in a new database each
# table's ids start at 1 on both engines, and the server's sequences stay in step.
ROWS_MADE_BY_0001 = (
    """INSERT INTO panel (name, ward, borough, created_at)
        VALUES ('Old Panel', 'Old Ward', 'Old Borough', '2024-01-01 10:00:00')""",
    "INSERT INTO organisation (name) VALUES ('Metropolitan Police')",
    """INSERT INTO person (name, role, organisation_id) VALUES
        ('Priya Named', '', NULL), ('Quentin Hidden', '', NULL),
        ('Sgt Olu Okafor', 'Sergeant', 1)""",
    """INSERT INTO meeting (panel_id, title, date, start, venue, chair, status,
                           created_at, updated_at)
        VALUES (1, 'Ward panel meeting', '2024-03-01', '19:00', 'Library', 'Chair',
                'approved', '2024-03-01 21:00:00', '2024-03-01 21:00:00')""",
    """INSERT INTO question (meeting_id, asker_id, anonymous, topic, text) VALUES
        (1, 1, FALSE, 'Scooters', 'Scooters on the pavement by the clinic.'),
        (1, 2, TRUE, 'Dealing', 'Dealing behind the laundrette.')""",
    """INSERT INTO response (question_id, organisation_id, responder_id, text)
        VALUES (1, 1, 3, 'Patrols by the clinic twice a week.')""",
    """INSERT INTO action (meeting_id, question_id, text, owner_id, organisation_id,
                          due, status, created_at)
        VALUES (1, 2, 'Visit the laundrette with the licensing team.', 2, 1,
                '2024-04-01', 'open', '2024-03-01 21:00:00')""",
    """INSERT INTO action_update (action_id, date, text, status, meeting_id, created_at)
        VALUES (1, '2024-03-20', 'Licensing team booked for April.', NULL, NULL,
                '2024-03-20 10:00:00')""",
    """INSERT INTO note (meeting_id, heading, text)
        VALUES (1, 'Police update', 'Burglaries fell by a third.')""",
)


def test_migration_0002_indexes_a_database_made_before_it(make_target) -> None:
    target = make_target(migrated=False)
    handle = database_module.make_database(target)
    Runner(handle, directory=str(database_module.MIGRATIONS_DIR)).up("0001_initial")
    assert "search_entry" not in handle.get_tables()
    with handle.atomic():
        for statement in ROWS_MADE_BY_0001:
            handle.execute_sql(statement)
    handle.close()

    handle = open_database(target)  # runs 0002 and every later migration
    try:
        applied = [row[0] for row in db.execute_sql("SELECT name FROM schema_migration")]
        assert "0002_followup_and_search" in applied
        assert found("scooters") == [("question", 1)]
        assert found("clinic twice") == [("response", 1)]
        assert set(found("laundrette")) == {("action", 1), ("question", 2)}
        assert found("booked for April") == [("update", 1)]
        assert found("burglaries") == [("note", 1)]
        assert found("Priya") == [("question", 1)]
        assert found("Okafor") == [("response", 1)]
        assert found("Quentin") == found("Hidden") == []  # asked anonymously
        indexes = {index.name for index in db.get_indexes("action")}
        assert {
            "action_organisation_id_status_due",
            "action_owner_id_status_due",
            "action_meeting_id_status_due",
        } <= indexes
        # And from now on the services keep it in step.
        as_drafts()  # the meeting is changed below
        services.add_note(1, "Any other business", "The clinic is moving.")
        assert len(found("clinic")) == 3
    finally:
        handle.close()
        db.initialize(None)
