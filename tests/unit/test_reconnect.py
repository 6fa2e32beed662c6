"""A PostgreSQL server restarting during a meeting loses no saved item and stores none
twice; a server that stays away gets a plain "not saved", and nothing half-stored.

These tests stop and restart a server, so they run on one of their own
(tests/server_faults.py), never on the suite's shared one. Faults at the moment of COMMIT
are injected by ending the connection's server process from a second connection.
"""

from __future__ import annotations

from collections.abc import Callable, Iterator

import peewee
import pytest

from tests.pgserver import Server
from tests.server_faults import CommitFault, restartable_server
from wardpanel import queries, quickentry, services
from wardpanel.core.models import Question
from wardpanel.core.storage import postgres
from wardpanel.core.storage.database import db, friendly_error, open_database
from wardpanel.core.storage.postgres import ConnectionLost, ServerDatabase
from wardpanel.queries import search
from wardpanel.services import indexing


@pytest.fixture
def server() -> Server:
    return restartable_server()


@pytest.fixture
def on_server(server: Server, monkeypatch: pytest.MonkeyPatch) -> Iterator[ServerDatabase]:
    """A new wardpanel database on the restartable server, bound to the models."""
    monkeypatch.setattr(postgres, "RECONNECT_PATIENCE", 1.0)
    handle = open_database(server.new_database())
    assert isinstance(handle, ServerDatabase)
    yield handle
    if not server.is_running():
        server.start()
    handle.close()
    db.initialize(None)


@pytest.fixture
def meeting_id(on_server: ServerDatabase) -> int:
    panel = services.create_panel("Marsh Lane Ward Panel")
    return services.create_meeting(panel.id, "2026-09-17").id


def stored(text: str) -> int:
    """How many questions hold exactly this text."""
    return Question.select().where(Question.text == text).count()


def found(word: str) -> int:
    return len(search.search(word))


def interrupt_indexing(monkeypatch: pytest.MonkeyPatch, fault: Callable[[], None]) -> list[int]:
    """Make the first question indexed run `fault` just before it is indexed (the
    question row is written by then, in the same transaction); returns the calls."""
    real = indexing.index_question
    calls: list[int] = []

    def index_question(question_id: int) -> None:
        calls.append(question_id)
        if len(calls) == 1:
            fault()
        real(question_id)

    monkeypatch.setattr(indexing, "index_question", index_question)
    return calls


def test_a_save_after_a_server_restart_is_stored_once(server, meeting_id):
    services.add_question(meeting_id, "Who patrols the towpath at night?")
    server.restart()
    services.add_question(meeting_id, "When will the underpass lights be mended?")
    assert stored("Who patrols the towpath at night?") == 1
    assert stored("When will the underpass lights be mended?") == 1
    assert found("underpass") == 1


def test_a_save_cut_off_by_a_restart_runs_again_and_is_stored_once(server, meeting_id, monkeypatch):
    calls = interrupt_indexing(monkeypatch, server.restart)
    services.add_question(meeting_id, "Are the CCTV cameras by the library working?")
    assert len(calls) == 2  # the first attempt was cut off and run again
    assert stored("Are the CCTV cameras by the library working?") == 1
    assert found("cameras") == 1


def test_a_quick_entry_line_cut_off_by_a_restart_is_filed_once(server, meeting_id, monkeypatch):
    calls = interrupt_indexing(monkeypatch, server.restart)
    outcome = quickentry.apply(meeting_id, "q Jo Bright [Buses]: Why do night buses skip us?")
    assert (outcome.understood, outcome.saved, outcome.kind) == (True, True, "question")
    assert len(calls) == 2
    assert stored("Why do night buses skip us?") == 1
    assert found("buses") == 1


def test_a_save_while_the_server_is_down_is_plainly_not_saved(server, meeting_id):
    services.add_question(meeting_id, "Before the outage")
    server.stop()
    with pytest.raises(ConnectionLost) as refused:
        services.add_question(meeting_id, "During the outage")
    error = refused.value
    assert error.saved is False
    # Screens report any peewee DatabaseError as "Not saved" and keep the text.
    assert isinstance(error, peewee.DatabaseError)
    message = friendly_error(error)
    assert "cannot be reached" in message and "\n" not in message
    server.start()
    assert stored("During the outage") == 0
    assert found("outage") == 1
    services.add_question(meeting_id, "After the outage")
    assert stored("After the outage") == 1


def test_a_server_lost_mid_save_leaves_nothing_half_stored(server, meeting_id, monkeypatch):
    entries_before = found("graffiti")
    interrupt_indexing(monkeypatch, server.stop)
    with pytest.raises(ConnectionLost) as refused:
        services.add_question(meeting_id, "Who cleans the graffiti off the bridge?")
    assert refused.value.saved is False
    server.start()
    assert stored("Who cleans the graffiti off the bridge?") == 0
    assert found("graffiti") == entries_before
    services.add_question(meeting_id, "Who cleans the graffiti off the bridge?")
    assert stored("Who cleans the graffiti off the bridge?") == 1


def test_reads_recover_after_a_restart(server, meeting_id):
    assert [m.id for m in queries.meetings_of()] == [meeting_id]
    server.restart()
    assert [m.id for m in queries.meetings_of()] == [meeting_id]
    server.stop()
    with pytest.raises(peewee.DatabaseError):
        queries.meetings_of()
    server.start()
    assert [m.id for m in queries.meetings_of()] == [meeting_id]


def test_a_connection_lost_after_commit_is_not_saved_twice(
    server, on_server, meeting_id, monkeypatch
):
    fault = CommitFault(on_server, server, when="after")
    monkeypatch.setattr(on_server, "commit", fault)
    question = services.add_question(meeting_id, "Is the youth club open on Fridays?")
    assert fault.calls == 1  # the server said it had committed: nothing was run again
    assert question.id is not None
    assert stored("Is the youth club open on Fridays?") == 1


def test_a_connection_lost_before_commit_is_saved_by_running_again(
    server, on_server, meeting_id, monkeypatch
):
    fault = CommitFault(on_server, server, when="before")
    monkeypatch.setattr(on_server, "commit", fault)
    services.add_question(meeting_id, "Can the speed camera on the high road be moved?")
    assert fault.calls == 2
    assert stored("Can the speed camera on the high road be moved?") == 1
    assert found("camera") == 1


def test_a_commit_whose_outcome_cannot_be_learnt_says_so(
    server, on_server, meeting_id, monkeypatch
):
    fault = CommitFault(on_server, server, when="after", then=server.stop)
    monkeypatch.setattr(on_server, "commit", fault)
    with pytest.raises(ConnectionLost) as unsure:
        services.add_question(meeting_id, "Who owns the empty shop on Mill Road?")
    assert unsure.value.saved is None
    message = friendly_error(unsure.value)
    assert "may or may not have been saved" in message
    server.start()
    # It had in fact been committed, once; the app did not guess either way.
    assert stored("Who owns the empty shop on Mill Road?") == 1
