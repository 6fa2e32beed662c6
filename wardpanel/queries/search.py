"""Full-text search over everything said at every meeting, and the index behind it.

The index (`search_entry`, made by migration 0002) holds one row per question, response,
action, update and note: a title (a question's topic, a note's heading), the text, and
the names of the people it mentions (asker, responder, owner). It is kept in step by
the services layer: every service that adds, edits or deletes one of those items calls
the `index_*` / `unindex_*` function for it inside its own transaction, so the index
and the record commit or roll back together. Nothing here commits.

Anonymity: the name of anyone who asked a question anonymously at a meeting is never
put in the index for anything of that meeting, as the minutes print them as
"A resident" throughout. When a question's anonymity or asker changes, the names of
the whole meeting are indexed afresh (`anonymous_askers` before, `refresh_names` after).

Queries: what the user types is read as words and "quoted phrases" only; every word
is quoted before it reaches the engine, so no input can break the query syntax, and
input without any word finds nothing. Words match whatever their case, accents and
(English) endings: "theft" finds "thefts". Every word is indexed, "the" and "or" too,
so a quoted phrase matches only those words in that order on both engines (on
PostgreSQL through the `wardpanel` text search configuration of migration 0004).

On SQLite the index is an FTS5 table; on PostgreSQL a table with a tsvector column
and a GIN index. A row's id is `meeting id * 2**32 + item id * 8 + kind code`, so an
item's row is found from its meeting and id, and on SQLite the meeting, the kind and
the item of a match are read from its id without reading the row itself.

Ranking: best match first (bm25 on SQLite, ts_rank on PostgreSQL, where a longer text
counts for less, as with bm25; a word in a title or a name counts more than one in the
text). Ranking costs a little for every match, so a query matching more than RANK_LIMIT
items ranks the RANK_LIMIT of them from the most recent meetings (highest meeting
ids): the newest record of a common word is the one wanted, and the search stays quick
in a database of any size.
"""

from __future__ import annotations

import datetime as dt
import re
from collections.abc import Iterable, Sequence
from dataclasses import dataclass

import peewee as pw

from wardpanel.core.models import Action, ActionUpdate, Meeting, Panel, Question, Response
from wardpanel.core.storage.database import db

KINDS = ("question", "response", "action", "update", "note")
KIND_CODES = {"question": 1, "response": 2, "action": 3, "update": 4, "note": 5}
KIND_SLOTS = 8
MEETING_SLOTS = 2**32
RANK_LIMIT = 2_000
SNIPPET_TOKENS = 16
# Marks around matched words in the engine's snippet: control characters that stored
# text never holds (wardpanel.core.textclean removes them), taken out again before return.
_START, _STOP = "\x02", "\x03"
_PHRASE = re.compile(r'"([^"]*)"|(\S+)')
_WORD = re.compile(r"\w")
# bm25 weights, one per column: kind, item_id, meeting_id, action_id, title, body, names.
_WEIGHTS = "0, 0, 0, 0, 4.0, 1.0, 2.0"
_COLUMNS = "kind, item_id, meeting_id, action_id, title, body, names"
# PostgreSQL: the text search configuration (migration 0004), and ts_rank's
# normalisation 1, which divides the rank by 1 + the logarithm of the text's length.
_CONFIG = "wardpanel"
_RANK_BY_LENGTH = 1


@dataclass(frozen=True)
class SearchHit:
    """One item that matched: what it is, where it was said, and the words around it.

    `snippet` is plain one-line text; `highlights` are (start, end) offsets in it of the
    words that matched. `action_id` is set for actions and their updates.
    """

    kind: str
    item_id: int
    meeting_id: int
    panel: str
    meeting_date: dt.date
    snippet: str
    highlights: tuple[tuple[int, int], ...]
    action_id: int | None
    rank: int


# -- reading what the user typed ------------------------------------------------------


def phrases(text: str | None) -> list[str]:
    """The words and "quoted phrases" of a query, each holding at least one letter or digit.

    Double quotes only group words: an unbalanced one is ignored. Every other character
    is left for the engine's tokenizer, which treats it as a separator.
    """
    found = []
    for quoted, bare in _PHRASE.findall((text or "").replace("\x00", "")):
        phrase = " ".join((quoted or bare).replace('"', " ").split())
        if _WORD.search(phrase):
            found.append(phrase)
    return found


def _is_postgres() -> bool:
    return isinstance(db.obj, pw.PostgresqlDatabase)


def _quoted(words: Sequence[str]) -> str:
    """The query as the engine reads it: every phrase in double quotes (which `phrases`
    has removed from inside them). FTS5 reads nothing inside quotes as syntax, and
    websearch_to_tsquery (which never raises) keeps a quoted phrase whole, so a leading
    '-' or the word 'or' is not read as an operator."""
    return " ".join(f'"{phrase}"' for phrase in words)


def matching_actions(text: str | None) -> pw.Node | None:
    """A subquery of the ids of actions whose text, owner or one of whose updates matches.

    None when `text` holds no word (the caller then matches nothing). An action may be
    listed more than once (for its own text and for updates): use it with IN.
    """
    words = phrases(text)
    if not words:
        return None
    if _is_postgres():
        return pw.SQL(
            "(SELECT action_id FROM search_entry "
            f"WHERE action_id IS NOT NULL AND document @@ websearch_to_tsquery('{_CONFIG}', %s))",
            [_quoted(words)],
        )
    # The action's id, or the update's, is in the row id: no row need be read for it.
    item = f"(search_entry.rowid % {MEETING_SLOTS}) / {KIND_SLOTS}"
    kind = f"search_entry.rowid % {KIND_SLOTS}"
    action, update = KIND_CODES["action"], KIND_CODES["update"]
    return pw.SQL(
        f"(SELECT CASE {kind} WHEN {action} THEN {item} "
        f"ELSE (SELECT u.action_id FROM action_update AS u WHERE u.id = {item}) END "
        f"FROM search_entry WHERE search_entry MATCH ? AND {kind} IN ({action}, {update}))",
        [_quoted(words)],
    )


# -- searching --------------------------------------------------------------------------


def _panel_ids(name: str) -> list[int]:
    wanted = " ".join(name.split()).casefold()
    return [pid for pid, pname in Panel.select(Panel.id, Panel.name).tuples()
            if pname.casefold() == wanted]  # fmt: skip


def _cut(marked: str) -> tuple[str, tuple[tuple[int, int], ...]]:
    """Plain one-line text and the offsets of the marked words."""
    plain: list[str] = []
    spans: list[tuple[int, int]] = []
    start = 0
    for ch in marked:
        if ch == _START:
            start = len(plain)
        elif ch == _STOP:
            spans.append((start, len(plain)))
        else:
            plain.append(" " if ch in "\n\t" else ch)
    return "".join(plain), tuple(spans)


def search(text: str, *, limit: int = 50, panel: str | None = None) -> list[SearchHit]:
    """Items of every meeting (of one panel, given its name) matching `text`, best first.

    Nothing (never an error) for text without a word, an unknown panel or no match.
    """
    words = phrases(text)
    if not words or limit <= 0:
        return []
    panel_ids: list[int] = []
    if panel is not None and panel.strip():
        panel_ids = _panel_ids(panel)
        if not panel_ids:
            return []
    if _is_postgres():
        found = _search_postgres(words, panel_ids, limit)
    else:
        found = _search_sqlite(words, panel_ids, limit)
    places = _places(meeting_id for _, _, meeting_id, _, _ in found)
    hits = []
    for rank, (kind, item_id, meeting_id, action_id, marked) in enumerate(found):
        if meeting_id not in places:
            continue  # an entry left behind by a meeting deleted outside the services
        snippet, spans = _cut(marked or "")
        panel_name, date = places[meeting_id]
        hits.append(
            SearchHit(kind, item_id, meeting_id, panel_name, date, snippet, spans, action_id, rank)
        )
    return hits


def _search_sqlite(words: list[str], panel_ids: list[int], limit: int) -> list[tuple]:
    query = _quoted(words)
    where = "search_entry MATCH ?"
    params: list[object] = [query]
    if panel_ids:
        marks = ", ".join("?" for _ in panel_ids)
        where += (
            f" AND rowid / {MEETING_SLOTS} IN (SELECT id FROM meeting WHERE panel_id IN ({marks}))"
        )
        params += panel_ids
    # Read in row id order (newest meetings first), which FTS5 does without sorting.
    oldest_ranked = db.execute_sql(
        f"SELECT rowid FROM search_entry WHERE {where} ORDER BY rowid DESC LIMIT 1 OFFSET ?",
        [*params, RANK_LIMIT - 1],
    ).fetchone()
    if oldest_ranked is not None:
        where += " AND rowid >= ?"
        params.append(oldest_ranked[0])
    # Ranked and cut to `limit` first, then snippets made for those rows only: a snippet
    # costs far more than ranking.
    ids = [
        row[0]
        for row in db.execute_sql(
            f"SELECT rowid FROM search_entry WHERE {where} "
            f"ORDER BY bm25(search_entry, {_WEIGHTS}), rowid DESC LIMIT ?",
            [*params, limit],
        )
    ]
    if not ids:
        return []
    marks = ", ".join("?" for _ in ids)
    rows = db.execute_sql(
        "SELECT rowid, kind, item_id, meeting_id, action_id, "
        f"snippet(search_entry, -1, '{_START}', '{_STOP}', '…', {SNIPPET_TOKENS}) "
        f"FROM search_entry WHERE search_entry MATCH ? AND rowid IN ({marks})",
        [query, *ids],
    )
    by_id = {row[0]: row[1:] for row in rows}
    return [by_id[row_id] for row_id in ids if row_id in by_id]


def _search_postgres(words: list[str], panel_ids: list[int], limit: int) -> list[tuple]:
    options = (
        f"StartSel={_START}, StopSel={_STOP}, MaxWords={SNIPPET_TOKENS}, MinWords=6, "
        'MaxFragments=1, FragmentDelimiter=" … "'
    )
    query = _quoted(words)
    panel_filter = ""
    params: list[object] = [query]
    if panel_ids:
        marks = ", ".join("%s" for _ in panel_ids)
        panel_filter = f" AND meeting_id IN (SELECT id FROM meeting WHERE panel_id IN ({marks}))"
        params += panel_ids
    # The newest RANK_LIMIT matches are ranked, as on SQLite; then snippets for the best.
    sql = (
        "SELECT e.kind, e.item_id, e.meeting_id, e.action_id, "
        f"ts_headline('{_CONFIG}', concat_ws(' · ', NULLIF(e.title, ''), NULLIF(e.names, ''), "
        f"e.body), websearch_to_tsquery('{_CONFIG}', %s), %s) "
        f"FROM (SELECT id, ts_rank(document, query, {_RANK_BY_LENGTH}) AS score "
        "FROM (SELECT id, document, query "
        f"FROM search_entry, websearch_to_tsquery('{_CONFIG}', %s) AS query "
        f"WHERE document @@ query{panel_filter} ORDER BY id DESC LIMIT %s) AS newest "
        "ORDER BY score DESC, id DESC LIMIT %s) AS best "
        "JOIN search_entry AS e ON e.id = best.id ORDER BY best.score DESC, best.id DESC"
    )
    return list(db.execute_sql(sql, [query, options, *params, RANK_LIMIT, limit]))


def _places(meeting_ids: Iterable[int]) -> dict[int, tuple[str, dt.date]]:
    ids = sorted(set(meeting_ids))
    if not ids:
        return {}
    rows = (
        Meeting.select(Meeting.id, Panel.name, Meeting.date)
        .join(Panel)
        .where(Meeting.id.in_(ids))
        .tuples()
    )
    return {meeting_id: (name, date) for meeting_id, name, date in rows}


# -- keeping the index in step ------------------------------------------------------------


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
    return f"{meeting} * {MEETING_SLOTS} + {item} * {KIND_SLOTS} + {KIND_CODES[kind]}"


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
    return "id" if _is_postgres() else "rowid"


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
    columns = f"{_id_column()}, {_COLUMNS}"
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
    columns = f"{_id_column()}, {_COLUMNS}"
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
    first, column = meeting_id * MEETING_SLOTS, _id_column()
    db.execute_sql(
        f"DELETE FROM search_entry WHERE {column} >= {db.param} AND {column} < {db.param}",
        [first, first + MEETING_SLOTS],
    )


def anonymous_askers(meeting_id: int) -> frozenset[int]:
    """The people who asked anonymously at a meeting: take it before changing a question."""
    query = Question.select(Question.asker).where(
        Question.meeting == meeting_id, Question.anonymous, Question.asker.is_null(False)
    )
    return frozenset(row[0] for row in query.tuples())


def refresh_names(meeting_id: int, before: frozenset[int]) -> None:
    """After a question changed: if who asked anonymously changed, re-index the names."""
    if anonymous_askers(meeting_id) != before:
        index_meeting(meeting_id)


def index_person(person_id: int) -> None:
    """After a person is renamed: re-index everything naming them."""
    named = {
        "question": Question.select(Question.id).where(Question.asker == person_id),
        "response": Response.select(Response.id).where(Response.responder == person_id),
        "action": Action.select(Action.id).where(Action.owner == person_id),
    }
    for kind, query in named.items():
        _replace(kind, [row[0] for row in query.tuples()])


def rebuild_index() -> None:
    """Empty the index and fill it again from every meeting (for bulk-loaded data)."""
    db.execute_sql("DELETE FROM search_entry")
    _fill()
