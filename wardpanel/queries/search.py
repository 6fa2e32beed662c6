"""Full-text search over everything said at every meeting.

The index (`search_entry`, made by migration 0002) holds one row per question, response,
action, update and note: a title (a question's topic, a note's heading), the text, and
the names of the people it mentions (asker, responder, owner). It is kept in step by the
write side, wardpanel.services.indexing; this module only reads it.

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

from wardpanel.core.errors import InputError
from wardpanel.core.models import Action, Meeting, Panel
from wardpanel.core.people import same_name
from wardpanel.core.storage.database import db, time_limit
from wardpanel.core.words import action_ref, refs_typed

KINDS = ("question", "response", "action", "update", "note")
KIND_CODES = {"question": 1, "response": 2, "action": 3, "update": 4, "note": 5}
KIND_SLOTS = 8
MEETING_SLOTS = 2**32
RANK_LIMIT = 2_000
# What a search takes at most: far more than anyone types, few enough that any search
# answers within moments on either engine (benchmarks/bench_search_limits.py).
MAX_QUERY_CHARACTERS = 300
MAX_QUERY_WORDS = 16
# A search still running after this many seconds is stopped by the database itself.
SEARCH_SECONDS = 5.0
SNIPPET_TOKENS = 16
# Marks around matched words in the engine's snippet: control characters that stored
# text never holds (wardpanel.core.textclean removes them), taken out again before return.
_START, _STOP = "\x02", "\x03"
_PHRASE = re.compile(r'"([^"]*)"|(\S+)')
_WORD = re.compile(r"\w")
# bm25 weights, one per column: kind, item_id, meeting_id, action_id, title, body, names.
_WEIGHTS = "0, 0, 0, 0, 4.0, 1.0, 2.0"
INDEX_COLUMNS = "kind, item_id, meeting_id, action_id, title, body, names"
# PostgreSQL: the text search configuration (migration 0004), and ts_rank's
# normalisation 1, which divides the rank by 1 + the logarithm of the text's length.
_CONFIG = "wardpanel"
_RANK_BY_LENGTH = 1


@dataclass(frozen=True)
class SearchHit:
    """One item that matched: what it is, where it was said, and the words around it.

    `snippet` is plain one-line text; `highlights` are (start, end) offsets in it of the
    words that matched. `action_id` is set for actions and their updates, and `ref` is
    then that action's reference as printed ("HS-12").
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
    ref: str = ""


# -- reading what the user typed ------------------------------------------------------


class QueryTooLong(InputError):
    """A search longer than anyone types: refused before the database is asked."""


def phrases(text: str | None) -> list[str]:
    """The words and "quoted phrases" of a query, each holding at least one letter or digit.

    Double quotes only group words: an unbalanced one is ignored. Every other character
    is left for the engine's tokenizer, which treats it as a separator. A word or phrase
    given twice counts once (any case), and a word repeated in a row inside a phrase is
    kept twice at most. QueryTooLong for more than MAX_QUERY_CHARACTERS
    characters or MAX_QUERY_WORDS words: a search's cost grows with its words.
    """
    text = (text or "").replace("\x00", "")
    if len(text) > MAX_QUERY_CHARACTERS:
        raise QueryTooLong(
            "words",
            f"{len(text):,} characters are more than a search takes "
            f"({MAX_QUERY_CHARACTERS} at most): look for fewer words",
        )
    found: dict[str, str] = {}
    for quoted_phrase, bare in _PHRASE.findall(text):
        phrase = " ".join(_without_long_runs((quoted_phrase or bare).replace('"', " ").split()))
        if _WORD.search(phrase):
            found.setdefault(phrase.casefold(), phrase)
    words = sum(len(phrase.split()) for phrase in found.values())
    if words > MAX_QUERY_WORDS:
        raise QueryTooLong(
            "words",
            f"{words} words are more than a search takes ({MAX_QUERY_WORDS} at most): "
            "look for the few that matter",
        )
    return list(found.values())


def _without_long_runs(words: list[str]) -> list[str]:
    """A phrase's words with a word said more than twice in a row said twice: "the the
    the the" would have the engine match every "the" against every other for nothing."""
    kept: list[str] = []
    for word in words:
        if len(kept) >= 2 and kept[-1].casefold() == kept[-2].casefold() == word.casefold():
            continue
        kept.append(word)
    return kept


def _is_postgres() -> bool:
    return isinstance(db.obj, pw.PostgresqlDatabase)


def entry_id_column() -> str:
    """The index's row id column: `id` on PostgreSQL, FTS5's own `rowid` on SQLite."""
    return "id" if _is_postgres() else "rowid"


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
    return [pid for pid, pname in Panel.select(Panel.id, Panel.name).tuples()
            if same_name(pname, name)]  # fmt: skip


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
    """Items of every meeting (of one panel, given its name) matching `text`, best first;
    an action whose reference is typed among the words ("HS-12") comes first of all.

    Nothing (never an error) for text without a word, an unknown panel or no match;
    QueryTooLong for a query past the limits (see `phrases`). A search the database has
    not answered within SEARCH_SECONDS is stopped (peewee.OperationalError).
    """
    words = phrases(text)
    if not words or limit <= 0:
        return []
    panel_ids: list[int] = []
    if panel is not None and panel.strip():
        panel_ids = _panel_ids(panel)
        if not panel_ids:
            return []
    with time_limit(SEARCH_SECONDS):
        if _is_postgres():
            found = _search_postgres(words, panel_ids, limit)
        else:
            found = _search_sqlite(words, panel_ids, limit)
        places = _places(meeting_id for _, _, meeting_id, _, _ in found)
    by_ref = _actions_by_ref(text, panel_ids)
    refs = _refs_of({action_id for *_, action_id, _ in found if action_id} | set(by_ref))
    hits = [
        SearchHit("action", action_id, meeting_id, panel_name, date, snippet, (), action_id,
                  rank, refs.get(action_id, ""))
        for rank, (action_id, (meeting_id, panel_name, date, snippet)) in enumerate(by_ref.items())
    ][:limit]  # fmt: skip
    for kind, item_id, meeting_id, action_id, marked in found:
        if meeting_id not in places:
            continue  # an entry left behind by a meeting deleted outside the services
        if kind == "action" and item_id in by_ref:
            continue  # found by its reference, listed first already
        if len(hits) >= limit:
            break
        snippet, spans = _cut(marked or "")
        panel_name, date = places[meeting_id]
        hits.append(
            SearchHit(kind, item_id, meeting_id, panel_name, date, snippet, spans, action_id,
                      len(hits), refs.get(action_id, "") if action_id else "")
        )  # fmt: skip
    return hits


def _actions_by_ref(text: str, panel_ids: list[int]) -> dict[int, tuple[int, str, dt.date, str]]:
    """Actions whose reference was typed among the words ("HS-12"): their meeting, panel,
    meeting's date and text as a one-line snippet, by action id."""
    refs = refs_typed(text)
    if not refs:
        return {}
    query = (
        Action.select(Action.id, Meeting.id, Panel.name, Meeting.date, Action.text)
        .join(Meeting)
        .join(Panel)
        .where(Action.ref.in_(refs))
        .order_by(Action.id)
    )
    if panel_ids:
        query = query.where(Meeting.panel.in_(panel_ids))
    return {
        action_id: (meeting_id, panel_name, date, " ".join(said.split())[:200])
        for action_id, meeting_id, panel_name, date, said in query.tuples()
    }


def _refs_of(action_ids: set[int]) -> dict[int, str]:
    """Each action's reference as printed."""
    if not action_ids:
        return {}
    query = Action.select(Action.id, Action.ref).where(Action.id.in_(sorted(action_ids)))
    return {action_id: action_ref(action_id, ref) for action_id, ref in query.tuples()}


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
