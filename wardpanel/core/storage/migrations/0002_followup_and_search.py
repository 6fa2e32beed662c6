"""Following actions up across meetings, and searching everything said at them.

1. Indexes for the officers' action list (wardpanel.queries.actions): an organisation's or an
   owner's actions by status and due date, a meeting's likewise (panel filters), and an
   action's updates by date (the latest update of each listed action).
2. `search_entry`: one row per question, response, action, update and note, holding
   its words for full-text search (wardpanel.services.indexing keeps it in step afterwards).
   - SQLite: an FTS5 table (porter stemming, accents folded), contentful, so that
     snippets can be cut from it.
   - PostgreSQL: a table with a generated tsvector column ('english') and a GIN index.
   Each row's id is meeting id * 2**32 + item id * 8 + a code for its kind: an item's
   row is found from its meeting and id alone, and the ids of a meeting's rows grow
   with the meeting's, which lets the search rank the newest matches first when a
   word is found thousands of times. An update row belongs to its action's meeting;
   action and update rows also carry the action's id.
   The name of anyone who asked a question anonymously at a meeting is never put in
   the index for that meeting (the minutes print them as "A resident" throughout).
3. The index is filled from the rows already in the database.

Everything here is frozen SQL, independent of the application's code (see 0001).
"""

from peewee import PostgresqlDatabase

KIND_CODES = {"question": 1, "response": 2, "action": 3, "update": 4, "note": 5}
KIND_SLOTS = 8
MEETING_SLOTS = 2**32

INDEXES = (
    ("action", ("organisation_id", "status", "due")),
    ("action", ("owner_id", "status", "due")),
    ("action", ("meeting_id", "status", "due")),
    ("action_update", ("action_id", "date", "id")),
)

SQLITE_TABLE = """
CREATE VIRTUAL TABLE search_entry USING fts5(
    kind UNINDEXED, item_id UNINDEXED, meeting_id UNINDEXED, action_id UNINDEXED,
    title, body, names,
    tokenize = 'porter unicode61 remove_diacritics 2'
)
"""

POSTGRES_TABLE = """
CREATE TABLE search_entry (
    id BIGINT PRIMARY KEY,
    kind VARCHAR(16) NOT NULL,
    item_id INTEGER NOT NULL,
    meeting_id INTEGER,
    action_id INTEGER,
    title TEXT NOT NULL DEFAULT '',
    body TEXT NOT NULL DEFAULT '',
    names TEXT NOT NULL DEFAULT '',
    document TSVECTOR GENERATED ALWAYS AS (
        setweight(to_tsvector('english', title), 'A')
        || setweight(to_tsvector('english', names), 'B')
        || setweight(to_tsvector('english', body), 'C')
    ) STORED
)
"""

POSTGRES_INDEXES = (
    "CREATE INDEX search_entry_document ON search_entry USING GIN (document)",
    "CREATE INDEX search_entry_action_id ON search_entry (action_id)",
)


def _hidden(person: str, meeting: str) -> str:
    """True when `person` asked anonymously at `meeting` (or there is no person)."""
    return (
        f"({person} IS NULL OR EXISTS (SELECT 1 FROM question AS hidden "
        f"WHERE hidden.meeting_id = {meeting} AND hidden.anonymous "
        f"AND hidden.asker_id = {person}))"
    )


def _name(person_table: str, person: str, meeting: str) -> str:
    return f"CASE WHEN {_hidden(person, meeting)} THEN '' ELSE {person_table}.name END"


def _row_id(kind: str, meeting: str, item: str) -> str:
    return f"{meeting} * {MEETING_SLOTS} + {item} * {KIND_SLOTS} + {KIND_CODES[kind]}"


# Each SELECT gives: id, kind, item_id, meeting_id, action_id, title, body, names.
FILL = (
    f"""
    SELECT {_row_id("question", "q.meeting_id", "q.id")}, 'question', q.id, q.meeting_id, NULL,
           q.topic, q.text, {_name("p", "q.asker_id", "q.meeting_id")}
    FROM question AS q LEFT OUTER JOIN person AS p ON p.id = q.asker_id
    """,
    f"""
    SELECT {_row_id("response", "q.meeting_id", "r.id")}, 'response', r.id, q.meeting_id, NULL,
           '', r.text, {_name("p", "r.responder_id", "q.meeting_id")}
    FROM response AS r
    JOIN question AS q ON q.id = r.question_id
    LEFT OUTER JOIN person AS p ON p.id = r.responder_id
    """,
    f"""
    SELECT {_row_id("action", "a.meeting_id", "a.id")}, 'action', a.id, a.meeting_id, a.id,
           '', a.text, {_name("p", "a.owner_id", "a.meeting_id")}
    FROM action AS a LEFT OUTER JOIN person AS p ON p.id = a.owner_id
    """,
    f"""
    SELECT {_row_id("update", "a.meeting_id", "u.id")}, 'update', u.id, a.meeting_id, a.id,
           '', u.text, ''
    FROM action_update AS u JOIN action AS a ON a.id = u.action_id
    """,
    f"""
    SELECT {_row_id("note", "n.meeting_id", "n.id")}, 'note', n.id, n.meeting_id, NULL,
           n.heading, n.text, ''
    FROM note AS n
    """,
)


def up(migrator, db):
    migrator.migrate(*(migrator.add_index(table, columns) for table, columns in INDEXES))
    if isinstance(db, PostgresqlDatabase):
        db.execute_sql(POSTGRES_TABLE)
        for statement in POSTGRES_INDEXES:
            db.execute_sql(statement)
        id_column = "id"
    else:
        db.execute_sql(SQLITE_TABLE)
        id_column = "rowid"
    columns = f"{id_column}, kind, item_id, meeting_id, action_id, title, body, names"
    for select in FILL:
        db.execute_sql(f"INSERT INTO search_entry ({columns}) {select}")


def down(migrator, db):
    db.execute_sql("DROP TABLE search_entry")
    migrator.migrate(
        *(migrator.drop_index(table, "_".join((table, *columns))) for table, columns in INDEXES)
    )
