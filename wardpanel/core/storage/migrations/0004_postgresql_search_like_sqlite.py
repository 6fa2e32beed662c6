"""PostgreSQL's search finds what SQLite's finds (SQLite: nothing to do).

Migration 0002 indexed words with PostgreSQL's 'english' configuration, which drops
common words ("the", "will", "or") and keeps accents, where SQLite's FTS5 index keeps
every word and folds accents. So on a server "cafe" did not find "Café", the phrase
"recommendations will" found every "recommendations", and "police or zebra" found
what "police zebra" finds. Here the index gets its own configuration, `wardpanel`:
English stemming with no stop words, accents folded by the `unaccent` extension (a
trusted extension: a database's owner may create it). A server without `unaccent`
keeps the accents, and the search still works.

The tsvector column is made again with the new configuration (a generated column's
expression cannot be altered in place before PostgreSQL 17), with its GIN index.

Everything here is frozen SQL, independent of the application's code (see 0001).
"""

from peewee import DatabaseError, PostgresqlDatabase

WORD_TOKENS = "asciiword, asciihword, hword_asciipart, word, hword, hword_part"


def _document(config: str) -> str:
    return f"""
    ALTER TABLE search_entry ADD COLUMN document TSVECTOR GENERATED ALWAYS AS (
        setweight(to_tsvector('{config}', title), 'A')
        || setweight(to_tsvector('{config}', names), 'B')
        || setweight(to_tsvector('{config}', body), 'C')
    ) STORED
    """


def _remake_document(db, config: str) -> None:
    db.execute_sql("ALTER TABLE search_entry DROP COLUMN document")
    db.execute_sql(_document(config))
    db.execute_sql("CREATE INDEX search_entry_document ON search_entry USING GIN (document)")


def _has_unaccent(db) -> bool:
    try:
        with db.atomic():  # a savepoint: a refusal leaves the migration's transaction usable
            db.execute_sql("CREATE EXTENSION IF NOT EXISTS unaccent")
    except DatabaseError:
        return False
    return True


def up(migrator, db):
    if not isinstance(db, PostgresqlDatabase):
        return
    filters = "unaccent, " if _has_unaccent(db) else ""
    db.execute_sql(
        "CREATE TEXT SEARCH DICTIONARY wardpanel_stem (TEMPLATE = snowball, Language = english)"
    )
    db.execute_sql("CREATE TEXT SEARCH CONFIGURATION wardpanel (COPY = english)")
    db.execute_sql(
        f"ALTER TEXT SEARCH CONFIGURATION wardpanel ALTER MAPPING FOR {WORD_TOKENS} "
        f"WITH {filters}wardpanel_stem"
    )
    _remake_document(db, "wardpanel")


def down(migrator, db):
    if not isinstance(db, PostgresqlDatabase):
        return
    _remake_document(db, "english")
    db.execute_sql("DROP TEXT SEARCH CONFIGURATION wardpanel")
    db.execute_sql("DROP TEXT SEARCH DICTIONARY wardpanel_stem")
