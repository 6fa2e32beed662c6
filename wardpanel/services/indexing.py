"""Keeping the search index in step with the record: the write side of full-text search.

Every service that adds, edits or deletes a question, response, action, update or
note calls the `index_*` / `unindex_*` function for it inside its own transaction, so
the index and the record commit or roll back together; importing, copying and erasing
call `index_meeting` and `rebuild_index`. Nothing here commits. What the index holds
and how it is searched is wardpanel.queries.search.

Anonymity (wardpanel.core.people: anonymity is a person's, not a question's): the name
of anyone who asked a question anonymously at a meeting is never put in the index for
anything of that meeting. The rule is written once more here, as SQL, only because a
whole meeting or database is indexed in one statement; `anonymous_askers` reads who is
hidden from the read side's one query. When a question's anonymity or asker changes,
the names of the whole meeting are indexed afresh (`anonymous_askers` before,
`refresh_names` after).
"""

from __future__ import annotations

from collections.abc import Sequence

from wardpanel.core.models import Action, ActionUpdate, Question, Response
from wardpanel.core.storage.database import db
from wardpanel.queries import people, search


def _hidden(person: str, meeting: str) -> str:
    """SQL: true when `person` is nobody or asked anonymously at `meeting`."""
    return (
        f"({person} IS NULL OR EXISTS (SELECT 1 FROM question AS hidden "
        f"WHERE hidden.meeting_id = {meeting} AND hidden.anonymous "
        f"AND hidden.asker_id = {person}))"
    )


def _name(person: str, meeting: str, askers: str = "") -> str:
    """SQL: the person's name, or '' for nobody and for whoever asked anonymously at
    `meeting`. `askers`, a subquery of one meeting's anonymous askers, is run once for a
    whole statement, where `_hidden` searches the meeting's questions again every row."""
    hidden = f"({person} IS NULL OR {person} IN ({askers}))" if askers else _hidden(person, meeting)
    return f"CASE WHEN {hidden} THEN '' ELSE p.name END"


def _row_id(kind: str, meeting: str, item: str) -> str:
    code = search.KIND_CODES[kind]
    return f"{meeting} * {search.MEETING_SLOTS} + {item} * {search.KIND_SLOTS} + {code}"


# Where each kind's rows come from; `alias.id` is the item's id, `holder.meeting_id` its
# meeting's: (alias, source, holder).
_SOURCES = {
    "question": ("q", "question AS q LEFT OUTER JOIN person AS p ON p.id = q.asker_id", "q"),
    "response": (
        "r",
        "response AS r JOIN question AS q ON q.id = r.question_id "
        "LEFT OUTER JOIN person AS p ON p.id = r.responder_id",
        "q",
    ),
    "action": ("a", "action AS a LEFT OUTER JOIN person AS p ON p.id = a.owner_id", "a"),
    "update": ("u", "action_update AS u JOIN action AS a ON a.id = u.action_id", "a"),
    "note": ("n", "note AS n", "n"),
}


def _values(askers: str = "") -> dict[str, tuple[str, str]]:
    """The index's columns for each kind, after the row id: the same values as migration
    0002 fills in (a test checks that the two agree). `askers`: as for `_name`."""
    return {
        "question": (
            _row_id("question", "q.meeting_id", "q.id"),
            f"'question', q.id, q.meeting_id, NULL, q.topic, q.text, "
            f"{_name('q.asker_id', 'q.meeting_id', askers)}",
        ),
        "response": (
            _row_id("response", "q.meeting_id", "r.id"),
            f"'response', r.id, q.meeting_id, NULL, '', r.text, "
            f"{_name('r.responder_id', 'q.meeting_id', askers)}",
        ),
        "action": (
            _row_id("action", "a.meeting_id", "a.id"),
            f"'action', a.id, a.meeting_id, a.id, '', a.text, "
            f"{_name('a.owner_id', 'a.meeting_id', askers)}",
        ),
        "update": (
            _row_id("update", "a.meeting_id", "u.id"),
            "'update', u.id, a.meeting_id, a.id, '', u.text, ''",
        ),
        "note": (
            _row_id("note", "n.meeting_id", "n.id"),
            "'note', n.id, n.meeting_id, NULL, n.heading, n.text, ''",
        ),
    }


_VALUES = _values()


def _id_column() -> str:
    return search.entry_id_column()


def _chosen(kind: str, item_ids: Sequence[int]) -> tuple[str, list[int]]:
    marks = ", ".join(db.param for _ in item_ids)
    return f"{_SOURCES[kind][0]}.id IN ({marks})", list(item_ids)


def _remove(kind: str, item_ids: Sequence[int]) -> None:
    """Remove the rows of these items (call while the items are still in the database)."""
    for start in range(0, len(item_ids), 500):
        where, params = _chosen(kind, item_ids[start : start + 500])
        row_id, _ = _VALUES[kind]
        found = db.execute_sql(f"SELECT {row_id} FROM {_SOURCES[kind][1]} WHERE {where}", params)
        # One statement per row: FTS5 finds a row by its id directly, while an IN list
        # may make it read the whole index.
        sql = f"DELETE FROM search_entry WHERE {_id_column()} = {db.param}"
        for (entry_id,) in list(found):
            db.execute_sql(sql, [entry_id])


def _add(kind: str, item_ids: Sequence[int]) -> None:
    row_id, values = _VALUES[kind]
    columns = f"{_id_column()}, {search.INDEX_COLUMNS}"
    for start in range(0, len(item_ids), 500):
        where, params = _chosen(kind, item_ids[start : start + 500])
        db.execute_sql(
            f"INSERT INTO search_entry ({columns}) "
            f"SELECT {row_id}, {values} FROM {_SOURCES[kind][1]} WHERE {where}",
            params,
        )


def _replace(kind: str, item_ids: Sequence[int]) -> None:
    """Write the rows of these items afresh."""
    if item_ids:
        _remove(kind, item_ids)
        _add(kind, item_ids)


def index_question(question_id: int) -> None:
    """(Re)index a question after it is added or edited (its responses are unchanged)."""
    _replace("question", [question_id])


def unindex_question(question_id: int) -> None:
    """Forget a question and its responses: call before deleting them."""
    responses = Response.select(Response.id).where(Response.question == question_id)
    _remove("response", [row[0] for row in responses.tuples()])
    _remove("question", [question_id])


def index_response(response_id: int) -> None:
    _replace("response", [response_id])


def unindex_response(response_id: int) -> None:
    _remove("response", [response_id])


def index_action(action_id: int) -> None:
    """(Re)index an action's own text and owner (its updates are indexed one by one)."""
    _replace("action", [action_id])


def unindex_action(action_id: int) -> None:
    """Forget an action and its updates: call before deleting them."""
    updates = ActionUpdate.select(ActionUpdate.id).where(ActionUpdate.action == action_id)
    _remove("update", [row[0] for row in updates.tuples()])
    _remove("action", [action_id])


def index_update(update_id: int) -> None:
    _replace("update", [update_id])


def unindex_update(update_id: int) -> None:
    _remove("update", [update_id])


def index_note(note_id: int) -> None:
    _replace("note", [note_id])


def unindex_note(note_id: int) -> None:
    _remove("note", [note_id])


def _fill(meeting_id: int | None = None) -> None:
    """Write the rows of every item (of one meeting, given its id), a statement a kind."""
    columns = f"{_id_column()}, {search.INDEX_COLUMNS}"
    askers, where = "", ""
    if meeting_id is not None:
        meeting = int(meeting_id)
        askers = f"SELECT asker_id FROM question WHERE meeting_id = {meeting} AND anonymous"
    for kind, (row_id, values) in _values(askers).items():
        _, source, holder = _SOURCES[kind]
        if meeting_id is not None:
            where = f" WHERE {holder}.meeting_id = {meeting}"
        db.execute_sql(
            f"INSERT INTO search_entry ({columns}) SELECT {row_id}, {values} FROM {source}{where}"
        )


def index_meeting(meeting_id: int) -> None:
    """(Re)index everything of a meeting in bulk, as after an import: a statement a kind,
    so that the time taken grows with the meeting's size, not with its square."""
    unindex_meeting(meeting_id)
    _fill(meeting_id)


def unindex_meeting(meeting_id: int) -> None:
    """Forget everything of a meeting (its rows hold the row ids from meeting id *
    MEETING_SLOTS on): call before deleting it."""
    first, column = meeting_id * search.MEETING_SLOTS, _id_column()
    db.execute_sql(
        f"DELETE FROM search_entry WHERE {column} >= {db.param} AND {column} < {db.param}",
        [first, first + search.MEETING_SLOTS],
    )


def anonymous_askers(meeting_id: int) -> frozenset[int]:
    """The people who asked anonymously at a meeting: take it before changing a question."""
    return people.anonymous_askers([meeting_id]).get(meeting_id, frozenset())


def refresh_names(meeting_id: int, before: frozenset[int]) -> None:
    """After a question changed: if who asked anonymously changed, re-index the names."""
    if anonymous_askers(meeting_id) != before:
        index_meeting(meeting_id)


def index_person(person_id: int, only: dict[str, Sequence[int]] | None = None) -> None:
    """After a person is renamed: re-index everything naming them. After a merge, `only`
    the items that named the other record (by kind: question, response, action): the
    rest already carries this person's name."""
    if only is not None:
        for kind, item_ids in only.items():
            _replace(kind, list(item_ids))
        return
    for kind, item_ids in items_naming(person_id).items():
        _replace(kind, item_ids)


def items_naming(person_id: int) -> dict[str, list[int]]:
    """The questions, responses and actions whose index row carries the person's name."""
    named = {
        "question": Question.select(Question.id).where(Question.asker == person_id),
        "response": Response.select(Response.id).where(Response.responder == person_id),
        "action": Action.select(Action.id).where(Action.owner == person_id),
    }
    return {kind: [row[0] for row in query.tuples()] for kind, query in named.items()}


def rebuild_index() -> None:
    """Empty the index and fill it again from every meeting (for bulk-loaded data)."""
    db.execute_sql("DELETE FROM search_entry")
    _fill()
